"""Exercise 2: more epochs with and without dropout, read from the long and the small saved runs."""
from dropout_core.training.saved_runs import EXPERIMENTS
from dropout_core.training.summaries import SettingSummary, leader_verdict, leading_settings, summarize_runs
from ui.compare.runs import saved_runs
from ui.controls import url_choice
from ui.exercises.common import ask, evidence_places, groups_or_notice, live_link, show_exercise, show_runs
from ui.i18n import join_list, t
from ui.predict import show_prediction

RUNS = ("long", "small")  # the saved experiments that train for many epochs


def rests_on_broken_runs(summary: SettingSummary) -> bool:
    """Whether a setting's median final gap leaves out diverged runs or includes a run still collapsed at its end."""
    return summary.final_gap.count < summary.runs or bool(summary.seeds_collapsed_at_end)


def gap_text(name: str, summary: SettingSummary) -> str:
    """A setting's median final gap, saying which runs it leaves out (diverged) or includes still collapsed."""
    gap = summary.final_gap
    parts = [t("exercises.epochs_gap_median", gap=gap.median)]
    if gap.count < summary.runs:
        parts.append(t("exercises.epochs_gap_diverged", count=gap.count, runs=summary.runs))
    if collapsed := summary.seeds_collapsed_at_end:
        parts.append(t("exercises.epochs_gap_collapsed", seeds=join_list(collapsed)))
    return t("exercises.epochs_gap", name=name, parts=t("exercises.epochs_separator").join(parts))


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
    reading, charts, details = evidence_places()
    summaries = {group.id: summarize_runs(group.records) for group in groups}
    gaps = {group_id: summary.final_gap for group_id, summary in summaries.items()}
    leaders = leading_settings(gaps)
    # A median resting on diverged or still-collapsed runs neither rules its setting out nor in: a guess of it, or of
    # the leader beside it, is not marked (the long runs' p = 0 rests on 2 of 3 runs, one collapsed at its end).
    unsettled = tuple(group_id for group_id, summary in summaries.items()
                      if group_id not in leaders and rests_on_broken_runs(summary))
    undecided = leaders + unsettled
    if prediction.answer is not None:  # marked as on Compare: not where the seed spread cannot tell it apart
        show_prediction(prediction, options[prediction.answer], leader_verdict(undecided, prediction.answer),
                        place=reading)
    values = {group_id: gap_text(options[group_id], summary) for group_id, summary in summaries.items()}
    separator = t("exercises.epochs_separator")
    others = separator.join(text for group_id, text in values.items() if group_id not in undecided)
    if not leaders:
        reading.markdown(t("compare.predict_no_values"))
    elif unsettled:
        reading.markdown(t("exercises.epochs_answer_unsettled", close=separator.join(values[g] for g in undecided),
                           names=join_list(options[g] for g in unsettled), others=others or "-"))
    elif len(leaders) == 1:
        reading.markdown(t("exercises.epochs_answer", largest=values[leaders[0]], others=others or "-"))
    else:
        reading.markdown(t("exercises.epochs_answer_noise", close=separator.join(values[g] for g in leaders),
                           others=others or "-"))
    show_runs(groups, charts, details)
    live_link(groups[0].records[0].config)
