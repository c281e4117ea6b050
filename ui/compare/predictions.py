"""The Compare page's predictions: before the curves appear, which setting shown ends with the higher final test
accuracy, and which with the larger train-test gap; each verdict from the runs shown, honest about seed spread."""
from collections.abc import Sequence
from dataclasses import dataclass

from dropout_core.training.summaries import SettingSummary, leader_verdict, leading_settings, summarize_runs
from ui.compare.reading import format_spread
from ui.compare.runs import RunGroup
from ui.i18n import t
from ui.predict import Prediction, predict_choice, show_prediction

# Each question: its id (in the prediction's key), its question, the summary's field it is about, and its texts.
QUESTIONS = (
    ("acc", "compare.predict_acc", "final_test_acc", "compare.predict_acc_yours"),
    ("gap", "compare.predict_gap", "final_gap", "compare.predict_gap_yours"),
)


@dataclass(frozen=True)
class Asked:
    """One question about the groups shown, the learner's prediction, and where its verdict goes."""

    field: str
    yours_key: str
    prediction: Prediction
    place: object


def ask(groups: Sequence[RunGroup], experiment: str | None, place) -> list[Asked]:
    """Both questions side by side, about the groups shown (by id and run count, so another selection, or a new run
    of the learner's own, asks again); none with fewer than two groups, where there is nothing to compare."""
    if len(groups) < 2:
        return []
    options = {group.id: group.name for group in groups}
    about = "-".join(f"{group.id}.{len(group.records)}" for group in groups)
    columns = place.columns(len(QUESTIONS))
    return [Asked(field, yours_key, predict_choice(f"compare-{experiment}-{about}-{question_id}", t(question_key),
                                                   options, place=column), column)
            for (question_id, question_key, field, yours_key), column in zip(QUESTIONS, columns, strict=True)]


def revealed(asked: Sequence[Asked]) -> bool:
    """Whether the curves may be shown: every question answered, or prompts off, or nothing asked."""
    return all(item.prediction.reveal for item in asked)


def show(asked: Sequence[Asked], groups: Sequence[RunGroup]) -> None:
    """Each prediction under its question, with a verdict from the groups' final values: right or wrong when the
    highest median stands clear of the others' seed spread, "within seed noise" when it does not."""
    summaries: dict[str, SettingSummary] = {group.id: summarize_runs(group.records) for group in groups}
    names = {group.id: group.name for group in groups}
    for item in asked:
        answer = item.prediction.answer
        if answer is None:
            continue
        values = {group_id: getattr(summary, item.field) for group_id, summary in summaries.items()}
        leaders = leading_settings(values)
        noise = len(leaders) > 1 and answer in leaders
        show_prediction(item.prediction, t(item.yours_key, name=names[answer]), leader_verdict(leaders, answer),
                        place=item.place)
        if not leaders:
            item.place.caption(t("compare.predict_no_values"))
            continue
        named = [*leaders, *([] if answer in leaders else [answer])]  # the learner's choice among the figures
        found = t("compare.predict_join").join(
            t("compare.predict_value", name=names[group_id], values=format_spread(values[group_id]))
            for group_id in named)
        if len(leaders) == 1:
            item.place.caption(t("compare.predict_clear", name=names[leaders[0]], values=found))
        elif noise:
            item.place.caption(t("compare.predict_noise", values=found))
        else:
            leading = t("compare.predict_join").join(names[group_id] for group_id in leaders)
            item.place.caption(t("compare.predict_below", names=leading, values=found))
