"""The learner's own runs from the Train page, kept in the session and handed to the Compare page."""
import streamlit as st

from dropout_core.training.jobs import CHOSEN
from dropout_core.training.records import RunRecord

MY_RUNS_KEY = "my_runs"  # session state: {(job id, run label): RunRecord}


def keep_runs(job_id: str, records: list[RunRecord]) -> None:
    """Store (or update) a job's run records under the session's own runs."""
    runs = st.session_state.setdefault(MY_RUNS_KEY, {})
    for record in records:
        if record.epochs:  # a run stopped before its first epoch has nothing to compare
            runs[(job_id, record.label)] = record


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
