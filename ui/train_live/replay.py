"""An instant replay of the saved run that matches the visitor's settings, while every training slot is busy.

A lecture hall should not wait minutes to see a curve: the replay draws a run trained earlier by the same engine
(cached_runs/), epoch by epoch over a few seconds, and says plainly that it is a replay, not a live run.
"""
import time

import streamlit as st

from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import event_points
from dropout_core.training.records import RunRecord
from dropout_core.training.saved_runs import find_saved_run
from ui.compare.runs import saved_runs
from ui.i18n import t
from ui.train_live.charts import show_curves

REPLAY_KEY = "train_replay"  # session state: (the saved run's experiment, its record, when the replay started)
REPLAY_S = 10.0  # a whole replay takes this long, however many epochs the run has
REPLAY_RUN = "replay"  # the run id of the replayed curves


def offer_replay(config: TrainConfig) -> None:
    """A button that replays the saved run of exactly these settings, or a line saying there is none."""
    saved = find_saved_run(saved_runs(), config)
    if saved is None:
        st.caption(t("train.replay_none"))
        return
    st.button(t("train.replay_offer"), key="replay", help=t("train.replay_help"), on_click=start_replay,
              args=(saved.experiment, saved.record))


def start_replay(experiment: str, record: RunRecord) -> None:
    """Start the replay now (a button callback: the clock starts at the click, not when the button was drawn)."""
    st.session_state[REPLAY_KEY] = (experiment, record, time.monotonic())


def replay_running() -> bool:
    """Whether a replay is still drawing new epochs (the live panel keeps redrawing until it ends)."""
    replay = st.session_state.get(REPLAY_KEY)
    return replay is not None and epochs_shown(replay[1], replay[2]) < len(replay[1].epochs)


def epochs_shown(record: RunRecord, started: float) -> int:
    """How many of the record's epochs the replay shows by now: all of them after REPLAY_S seconds."""
    elapsed = time.monotonic() - started
    return min(len(record.epochs), 1 + int(elapsed / REPLAY_S * len(record.epochs)))


def show_replay() -> None:
    """The replay so far, under a heading that names it a replay of a saved run."""
    replay = st.session_state.get(REPLAY_KEY)
    if replay is None:
        return
    experiment, record, started = replay
    shown = record.epochs[:epochs_shown(record, started)]
    st.subheader(t("train.replay_title"))
    st.info(t("train.replay_caption", experiment=experiment, seed=record.config.seed, epochs=len(record.epochs),
              shown=len(shown)))
    points = [point for metrics in shown for point in event_points(REPLAY_RUN, metrics)]
    show_curves(points, {REPLAY_RUN: t("train.replay_run")}, len(record.epochs))
