"""Exercise 7: other noises after each hidden ReLU, on the same seeds as dropout, ranked by final test accuracy."""
import streamlit as st

from dropout_core.training.summaries import leader_verdict, paired_difference, summarize_runs
from ui.compare.runs import saved_runs
from ui.exercises.common import ask, evidence_places, groups_or_notice, live_link, show_exercise, show_runs
from ui.i18n import t
from ui.predict import show_prediction

COMPARED = (("d2l", "p0.2-0.5"), ("noise", "p0.2-0.5-gaussian"), ("noise", "p0.2-0.5-dropconnect"),
            ("noise", "p0.2-0.5-additive"), ("d2l", "p0-0"))


def show() -> None:
    """The noises, the learner's pick of the best, then the curves and the ranking read from the runs."""
    show_exercise("noises")
    st.caption(t("exercises.noises_how"))
    groups = groups_or_notice(saved_runs(), COMPARED)
    if groups is None:
        return
    options = {group.id: group.name for group in groups}
    prediction = ask("exercise_noises", t("exercises.noises_predict"), options)
    if prediction is None:
        return
    reading, charts, details = evidence_places()
    finals = {group.id: summarize_runs(group.records).final_test_acc.median for group in groups}
    first, second = sorted(finals, key=finals.get, reverse=True)[:2]
    by_id = {group.id: group for group in groups}
    leads = {group_id: paired_difference(by_id[first].records, by_id[group_id].records, "final_test_acc")
             for group_id in finals if group_id != first}
    # The leader and every setting its lead over is within the seed noise (or not measured seed by seed): a guess
    # among them is not marked, one outside them is wrong (DropConnect, clearly lower, went unmarked as well).
    leaders = (first, *(group_id for group_id, lead in leads.items() if lead is None or lead.within_noise))
    if prediction.answer is not None:
        show_prediction(prediction, options[prediction.answer], leader_verdict(leaders, prediction.answer),
                        place=reading)
    decided = leads[second] is not None and not leads[second].within_noise
    noise = t("exercises.best_clear" if decided else "exercises.best_unclear")
    reading.markdown(t("exercises.best_of", name=options[first], value=finals[first], second=options[second],
                       second_value=finals[second], noise=noise))
    show_runs(groups, charts, details)
    for group in groups[1:4]:  # the three new noises; dropout and no noise train from the Train page's presets
        live_link(group.records[0].config)
