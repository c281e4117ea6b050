"""The Train page's prediction: before a run starts, how its train accuracy measured with dropout on (d2l's
train_ch3 figure) will end against its test accuracy. Asked until a run of these settings has started in this
session, judged when it finishes, from its last epoch and the measurement noise of both accuracies."""
import hashlib

import streamlit as st

from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import CHOSEN, TrainingJob
from dropout_core.training.outcomes import NOISE_SIGMAS, TRAIN_TEST_ORDERS, train_test_order
from ui.i18n import t
from ui.predict import committed, predict_choice, show_prediction

STARTED_KEY = "train_predicted_settings"  # session state: the question keys of the settings trained so far


def prediction_key(config: TrainConfig) -> str:
    """The question's key for a run of these settings: the same settings train the same run, so they keep the
    answer, and other settings ask again."""
    return "train-order-" + hashlib.sha256(repr(config).encode()).hexdigest()[:16]


def options() -> dict[str, str]:
    return {order: t(f"train.predict_{order}") for order in TRAIN_TEST_ORDERS}


def mark_started(config: TrainConfig) -> None:
    """Remember that a run of these settings has started: its curves are out, too late to ask (a Start callback).
    A seeded run trains the same way every time, so a later run of them, after another one, is no new question."""
    st.session_state.setdefault(STARTED_KEY, set()).add(prediction_key(config))


def ask(config: TrainConfig | None) -> None:
    """The question, until a run of these settings starts (Start does not wait for it: a lecturer may go first)."""
    if config is not None and prediction_key(config) not in st.session_state.get(STARTED_KEY, ()):
        predict_choice(prediction_key(config), t("train.predict_order", epochs=config.epochs, p1=config.p1,
                                                 p2=config.p2), options())


def judge(job: TrainingJob) -> None:
    """The committed answer beside the run: with a verdict once the run has finished, from its last epoch."""
    trainer = job.trainers[CHOSEN]
    prediction = committed(prediction_key(trainer.config))
    if prediction.answer is None:
        return
    text = options()[prediction.answer]
    if not job.finished or trainer.diverged or not trainer.history:
        show_prediction(prediction, text)
        return
    last = trainer.history[-1]
    found = train_test_order(last, trainer.config.train_size, len(trainer.data.test_labels))
    if found.verdict is None:  # not a number to compare
        show_prediction(prediction, text)
        return
    show_prediction(prediction, text, prediction.answer == found.verdict)
    st.caption(t("train.predict_found", epoch=last.epoch, train=last.train_acc, test=last.test_acc,
                 difference=found.difference, band=NOISE_SIGMAS * found.standard_error,
                 train_images=trainer.config.train_size, test_images=len(trainer.data.test_labels)))
