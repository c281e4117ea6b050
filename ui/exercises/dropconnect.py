"""Exercise 6: dropout on the weights instead of the activations (DropConnect), against dropout at the same p."""
import streamlit as st

from dropout_core.training.summaries import paired_difference, summarize_runs
from ui.compare.reading import paired_text
from ui.compare.runs import saved_runs
from ui.exercises.common import (
    ask,
    evidence_places,
    groups_or_notice,
    live_link,
    show_exercise,
    show_runs,
    show_verdict,
)
from ui.i18n import t

COMPARED = (("d2l", "p0.2-0.5"), ("noise", "p0.2-0.5-dropconnect"), ("d2l", "p0-0"))
ANSWERS = ("higher", "lower", "same")


def show() -> None:
    """How DropConnect works here, the learner's guess against dropout, then the curves and the paired reading."""
    show_exercise("dropconnect")
    st.caption(t("exercises.dropconnect_how"))
    groups = groups_or_notice(saved_runs(), COMPARED)
    if groups is None:
        return
    options = {answer: t(f"exercises.compare_{answer}") for answer in ANSWERS}
    prediction = ask("exercise_dropconnect", t("exercises.dropconnect_predict"), options)
    if prediction is None:
        return
    reading, charts, details = evidence_places()
    dropout, dropconnect = groups[0], groups[1]
    difference = paired_difference(dropconnect.records, dropout.records, "final_test_acc")
    answer = "same" if difference.within_noise else ("higher" if difference.mean > 0 else "lower")
    show_verdict(prediction, options, answer, place=reading)
    # The number the verdict rests on, under it: the runs' reading below compares each setting with no dropout.
    collapsed = {seed for group in (dropconnect, dropout)
                 for seed in summarize_runs(group.records).seeds_collapsed_at_end}
    reading.markdown(t("exercises.dropconnect_reading", text=paired_text(difference, collapsed)))
    show_runs(groups, charts, details)
    live_link(dropconnect.records[0].config)
