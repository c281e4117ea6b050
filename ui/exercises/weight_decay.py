"""Exercise 5: dropout and weight decay, alone and together: do their gains add up, overlap, or reinforce?"""
import streamlit as st

from dropout_core.training.exercises import ADDITIVE_MARGIN, interaction
from dropout_core.training.saved_runs import EXPERIMENTS, WEIGHT_DECAYS
from ui.compare.runs import saved_runs
from ui.controls import url_choice
from ui.exercises.common import (
    ask,
    evidence_places,
    groups_or_notice,
    live_link,
    show_exercise,
    show_runs,
    show_verdict,
)
from ui.i18n import join_list, t

ANSWERS = ("adds_up", "overlaps", "reinforces")


def compared(decay: float) -> tuple[tuple[str, str], ...]:
    """(experiment, setting) of neither, dropout alone, this weight decay alone, and both."""
    with_decay = [setting for setting, change in EXPERIMENTS["weight_decay"].settings.items()
                  if change["weight_decay"] == decay]  # without dropout, then with it, as the experiment lists them
    return (("small", "p0-0"), ("small", "p0.2-0.5"), *(("weight_decay", setting) for setting in with_decay))


def show() -> None:
    """The strength, the design, the learner's guess, then the four settings' curves and the interaction."""
    show_exercise("weight_decay")
    decay = url_choice(t("exercises.weight_decay_strength"), "decay", WEIGHT_DECAYS, WEIGHT_DECAYS[0],
                       widget="radio", horizontal=True, format_func="{:g}".format)
    groups = groups_or_notice(saved_runs(), compared(decay))
    if groups is None:
        return
    st.caption(t("exercises.weight_decay_design", wd=decay, seeds=len(groups[0].records)))
    options = {answer: t(f"exercises.interaction_{answer}") for answer in ANSWERS}
    prediction = ask(f"exercise_weight_decay_{decay:.0e}", t("exercises.weight_decay_predict"), options)
    if prediction is None:
        return
    reading, charts, details = evidence_places()
    found = interaction(*(group.records for group in groups))
    if found is None:
        reading.info(t("exercises.interaction_missing"))
    else:
        show_verdict(prediction, options, None if found.verdict == "unknown" else found.verdict, place=reading)
        per_seed = join_list(t("exercises.interaction_seed", seed=seed, value=value)
                             for seed, value in zip(found.seeds, found.per_seed))
        reading.markdown(t("exercises.interaction_reading", seeds=join_list(found.seeds), a=found.effect_a,
                      b=found.effect_b, both=found.effect_both, per_seed=per_seed, interaction=found.interaction,
                      low=found.low, high=found.high, verdict=t(f"exercises.interaction_{found.verdict}"),
                      margin=ADDITIVE_MARGIN))
    show_runs(groups, charts, details)
    live_link(groups[-1].records[0].config)
