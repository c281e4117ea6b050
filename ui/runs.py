"""The learner's own runs from the Train page, kept in the session and handed to the Compare page, and how the
pages name a run's setting in the learner's language."""
from dataclasses import replace

import streamlit as st

from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import CHOSEN
from dropout_core.training.records import RunRecord, changed_fields
from ui.i18n import t

MY_RUNS_KEY = "my_runs"  # session state: {what makes a run (same_run): RunRecord}


def same_run(record: RunRecord) -> tuple:
    """What makes two records one run: the setting, the seed and the data, whatever the number of epochs (a run
    trained again, or further, retraces the same curve). Kept twice, one run counted as two seeds, spread 0."""
    return replace(record.config, epochs=0, device="any"), record.data.checksum


def keep_runs(records: list[RunRecord]) -> None:
    """Store the runs among the session's own; a run already there (same_run) is replaced by the newer record, in
    its place (Compare numbers the learner's settings in order of first appearance)."""
    runs = st.session_state.setdefault(MY_RUNS_KEY, {})
    for record in records:
        if record.epochs:  # a run stopped before its first epoch has nothing to compare
            runs[same_run(record)] = record


def my_runs() -> list[RunRecord]:
    """This session's finished and stopped runs, oldest first."""
    return list(st.session_state.get(MY_RUNS_KEY, {}).values())


TRAIN_JOB_KEY = "train_job"  # session state: the Train page's current TrainingJob


def latest_trained_trainer():
    """The Train page's run of the learner's own setting once it has finished an epoch, else None.

    Its paired p = 0 twin is never chosen: without dropout there are no thinned networks to study.
    """
    job = st.session_state.get(TRAIN_JOB_KEY)
    if job is None:
        return None
    trainer = job.trainers[CHOSEN]
    return trainer if trainer.history else None


# Each field that may differ from d2l's setting (records.SETTING_FIELDS), in words.
FIELD_WORDS = {
    "noise": lambda config: t(f"setting.noise_{config.noise}"),
    "lr": lambda config: t("setting.lr", value=config.lr),
    "batch_size": lambda config: t("setting.batch", value=config.batch_size),
    "hidden": lambda config: t("setting.hidden", h1=config.hidden[0], h2=config.hidden[1]),
    "implementation": lambda config: t(f"setting.impl_{config.implementation}"),
    "init": lambda config: t(f"setting.init_{config.init}"),
    "weight_decay": lambda config: t("setting.wd", value=config.weight_decay),
    "train_size": lambda config: t("setting.images", count=config.train_size),
}


def setting_words(config: TrainConfig) -> str:
    """The setting in a few words of the learner's language: p1 and p2, then each field where it differs from
    d2l's: "p1 = 0.2, p2 = 0.5, 5,000 images"."""
    words = [t("compare.setting_saved", p1=config.p1, p2=config.p2)]
    words += [FIELD_WORDS[field](config) for field in changed_fields(config)]
    return t("setting.separator").join(words)


def run_words(config: TrainConfig) -> str:
    """A run's name in the learner's language: its setting and its seed."""
    return t("setting.separator").join([setting_words(config), t("setting.seed", seed=config.seed)])
