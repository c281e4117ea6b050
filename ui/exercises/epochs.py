"""Exercise 2: more epochs with and without dropout, read from the long and the small saved runs."""
import streamlit as st

from dropout_core.training.saved_runs import EXPERIMENTS
from dropout_core.training.summaries import summarize_runs
from ui.compare.runs import saved_runs
from ui.controls import url_choice
from ui.exercises.common import ask, groups_or_notice, live_link, show_exercise, show_runs, show_verdict
from ui.i18n import join_list, t

RUNS = ("long", "small")  # the saved experiments that train for many epochs


def show() -> None:
    """The learner picks which setting ends with the largest gap; then the curves and the reading."""
    show_exercise("epochs")
    experiment = url_choice(t("exercises.epochs_experiment"), "runs", RUNS, RUNS[0], widget="radio",
                            horizontal=True, format_func=lambda name: t(f"exercises.epochs_{name}"))
    settings = list(EXPERIMENTS[experiment].settings)
    groups = groups_or_notice(saved_runs(), [(experiment, setting) for setting in settings])
    if groups is None:
        return
    options = {group.id: group.name for group in groups}
    prediction = ask(f"exercise_epochs_{experiment}", t("exercises.epochs_predict"), options)
    if prediction is None:
        return
    gaps = {group.id: summarize_runs(group.records).final_gap.median for group in groups}
    largest = max(gaps, key=gaps.get)
    show_verdict(prediction, options, largest)
    others = join_list(f"{options[group_id]} {gap:.4f}" for group_id, gap in gaps.items() if group_id != largest)
    st.markdown(t("exercises.epochs_answer", name=options[largest], gap=gaps[largest], others=others))
    show_runs(groups)
    live_link(groups[0].records[0].config)
