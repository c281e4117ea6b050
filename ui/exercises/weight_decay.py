"""Exercise 5: dropout and weight decay, alone and together: do their gains add up, overlap, or reinforce?"""
import streamlit as st

from dropout_core.training.exercises import ADDITIVE_MARGIN, interaction
from dropout_core.training.saved_runs import WEIGHT_DECAY
from ui.compare.runs import saved_runs
from ui.exercises.common import ask, groups_or_notice, live_link, show_exercise, show_runs, show_verdict
from ui.i18n import join_list, t

NEITHER, DROPOUT, DECAY, BOTH = (("small", "p0-0"), ("small", "p0.2-0.5"), ("weight_decay", f"p0-0-wd{WEIGHT_DECAY:g}"),
                                 ("weight_decay", f"p0.2-0.5-wd{WEIGHT_DECAY:g}"))
ANSWERS = ("adds_up", "overlaps", "reinforces")


def show() -> None:
    """The design, the learner's guess, then the four settings' curves and the interaction seed by seed."""
    show_exercise("weight_decay")
    groups = groups_or_notice(saved_runs(), (NEITHER, DROPOUT, DECAY, BOTH))
    if groups is None:
        return
    st.caption(t("exercises.weight_decay_design", wd=WEIGHT_DECAY, seeds=len(groups[0].records)))
    options = {answer: t(f"exercises.interaction_{answer}") for answer in ANSWERS}
    prediction = ask("exercise_weight_decay", t("exercises.weight_decay_predict"), options)
    if prediction is None:
        return
    found = interaction(*(group.records for group in groups))
    if found is None:
        st.info(t("exercises.interaction_missing"))
    else:
        show_verdict(prediction, options, None if found.verdict == "unknown" else found.verdict)
        st.markdown(t("exercises.interaction_reading", seeds=join_list(found.seeds), a=found.effect_a,
                      b=found.effect_b, both=found.effect_both, interaction=found.interaction, low=found.low,
                      high=found.high, verdict=t(f"exercises.interaction_{found.verdict}"),
                      margin=ADDITIVE_MARGIN))
    show_runs(groups)
    live_link(groups[-1].records[0].config)
