"""What the exercises share: the exercise text, saved runs as named groups, Compare's charts and reading, live links."""
from collections.abc import Sequence

import streamlit as st

from dropout_core.training.config import TrainConfig
from dropout_core.training.exercises import saved_records
from dropout_core.training.noise import DROPOUT
from dropout_core.training.saved_runs import SavedRuns, saved_runs_folder
from ui.compare.charts import ChartOptions, show_charts
from ui.compare.reading import show_reading
from ui.compare.runs import RunGroup
from ui.controls import link_params
from ui.i18n import t
from ui.predict import Prediction, predict_choice, show_prediction
from ui.safe_text import plain
from ui.theme import projector_on
from ui.train_live.settings import preset_controls

# The charts an exercise shows: fixed, so the page stays one screen of controls; Compare offers the rest.
CHARTS = ChartOptions(metrics=["test_acc", "test_loss"], band="range", smoothing=1, log_losses=True)


def show_exercise(section: str) -> None:
    """The exercise as the book asks it."""
    st.markdown(t("exercises.question", text=t(f"exercises.{section}_text")))


def setting_name(config: TrainConfig) -> str:
    """A setting as the exercises name it: its noise (or dropout) and strengths, and its weight decay if any."""
    if config.weight_decay:
        return t("exercises.setting_wd", p1=config.p1, p2=config.p2, wd=config.weight_decay)
    if config.noise == DROPOUT and config.p1 == config.p2 == 0.0:
        return t("exercises.noise_none")
    return t(f"exercises.noise_{config.noise}", p1=config.p1, p2=config.p2)


def saved_group(saved: SavedRuns, experiment: str, setting: str, seeds=None) -> RunGroup | None:
    """One saved setting as a group named for the exercises, or None when it has no runs."""
    records = saved_records(saved, experiment, setting, seeds)
    if not records:
        return None
    return RunGroup(f"{experiment}/{setting}", setting_name(records[0].config), records)


def groups_or_notice(saved: SavedRuns, wanted: Sequence[tuple[str, str]]) -> list[RunGroup] | None:
    """The groups of (experiment, setting) pairs, or None after a notice naming the first experiment missing."""
    groups = []
    for experiment, setting in wanted:
        group = saved_group(saved, experiment, setting)
        if group is None:
            st.info(t("exercises.no_runs", folder=plain(saved_runs_folder()), experiment=experiment))
            return None
        groups.append(group)
    return groups


def evidence_places() -> tuple:
    """(reading, charts, details): where an exercise's verdict and its sentence go, where its runs' charts go, and
    where Compare's reading of every run goes. On a projector the charts come first, so they start on the room's first
    screen, and the exercise's sentence, which the lecturer reads out, right under them."""
    first, second, details = st.container(), st.container(), st.container()
    return (second, first, details) if projector_on() else (first, second, details)


def show_runs(groups: Sequence[RunGroup], charts=st, details=st) -> None:
    """The groups' curves, and the reading computed from them, as the Compare page draws them."""
    with charts:
        show_charts(groups, CHARTS)
    with details:
        show_reading(groups)


def live_link(config: TrainConfig) -> None:
    """A link that opens the Train page with this setting, seed 0, ready to train live."""
    params = link_params({**preset_controls(config), "train_seed": 0})
    st.page_link("pages/train.py", label=t("exercises.live", name=setting_name(config)), query_params=params,
                 help=t("exercises.live_help"), icon=":material/play_arrow:")


def ask(key: str, question: str, options: dict[str, str]) -> Prediction | None:
    """The exercise's prediction; once committed (or with prompts off) the heading of the evidence and the
    prediction, else None: the page shows no result before the learner has committed."""
    prediction = predict_choice(key, question, options)
    if not prediction.reveal:
        return None
    st.subheader(t("exercises.evidence"))
    return prediction


def show_verdict(prediction: Prediction, options: dict[str, str], answer: str | None, place=st) -> None:
    """The learner's committed prediction beside the result, marked right or wrong against the runs' answer (not
    marked when answer is None: the runs do not decide)."""
    if prediction.answer is not None:
        show_prediction(prediction, options[prediction.answer],
                        verdict=None if answer is None else prediction.answer == answer, place=place)
