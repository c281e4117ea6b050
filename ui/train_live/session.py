"""This session's training job on the Train page: Start, Stop, Resume and Step, the live panel, downloads."""
import uuid

import streamlit as st

from dropout_core.runtime.hardware import describe_device
from dropout_core.runtime.slots import process_slots
from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import CHOSEN, PAIRED, TrainingJob
from dropout_core.training.records import default_label, records_to_csv
from ui.i18n import t
from ui.runs import TRAIN_JOB_KEY, keep_runs
from ui.train_live.charts import training_curves

OWNER_KEY = "train_owner"
SLICE_S = 0.5  # training time per redraw: curves move smoothly, clicks are answered quickly
FIRST_SLICE_S = 0.1  # the first redraw comes sooner, so a click on Start shows a curve point at once
TICK_S = 0.2  # pause between redraws while training


def current_job() -> TrainingJob | None:
    """This session's job, if it started one."""
    return st.session_state.get(TRAIN_JOB_KEY)


def run_labels(job: TrainingJob) -> dict[str, str]:
    """How charts, messages and records name each run of the job, in the learner's language."""
    labels = {CHOSEN: default_label(job.trainers[CHOSEN].config)}
    if PAIRED in job.trainers:
        labels[PAIRED] = t("train.run_paired")
    return labels


def owner() -> str:
    """This browser session's id for the server's training slots."""
    return st.session_state.setdefault(OWNER_KEY, uuid.uuid4().hex)


def start_new(config: TrainConfig, data, paired: bool, step: bool) -> None:
    """Replace the current job by a new one with these settings and set it going (a button callback)."""
    job = TrainingJob(config, data, paired=paired)
    if step:
        job.step_one_epoch()
    else:
        job.start()
    st.session_state[TRAIN_JOB_KEY] = job


def stop(job: TrainingJob) -> None:
    """Pause the job and hand its slot to the next visitor; the runs so far go to the Compare page."""
    job.pause()
    process_slots().release(owner())
    keep_runs(job.id, job.records(run_labels(job)))


def buttons(config: TrainConfig | None, data, paired: bool) -> None:
    """Start, Stop or Resume, and Step: what each does depends on the current job."""
    job = current_job()
    running = job is not None and not job.paused
    resumable = job is not None and job.paused and not job.finished
    cannot_start = config is None or data is None
    start, pause, step = st.columns(3)
    start.button(t("train.start"), type="primary", disabled=cannot_start or running,
                 on_click=start_new, args=(config, data, paired, False))
    if running:
        pause.button(t("train.stop"), on_click=stop, args=(job,))
    else:
        pause.button(t("train.resume"), disabled=not resumable, on_click=job.start if resumable else None)
    if resumable:
        step.button(t("train.step"), disabled=running, on_click=job.step_one_epoch)
    else:
        step.button(t("train.step"), disabled=cannot_start or running,
                    on_click=start_new, args=(config, data, paired, True))


def format_seconds(seconds: float | None) -> str:
    """A duration as m:ss, or a word when unknown."""
    if seconds is None:
        return t("train.left_unknown")
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def show_job(job: TrainingJob) -> None:
    """Progress, status, curves and downloads of the job."""
    labels = run_labels(job)
    st.progress(job.progress(), text=t("train.progress", percent=100 * job.progress(), rate=job.images_per_second(),
                                       left=format_seconds(job.seconds_left()),
                                       device=describe_device(job.trainers[CHOSEN].device)))
    for run, trainer in job.trainers.items():
        if trainer.diverged:
            st.warning(t("train.diverged", run=labels[run], epoch=trainer.diverged_epoch))
        elif trainer.history:
            last = trainer.history[-1]
            st.markdown(t("train.final", run=labels[run], test_acc=last.test_acc,
                          train_acc_eval=last.train_acc_eval, epoch=last.epoch))
    if job.finished:
        st.success(t("train.status_finished"))
    elif job.paused and job.points:
        st.info(t("train.status_paused", epochs=job.epochs_done))
    if job.points:
        st.altair_chart(training_curves(job.points, labels), width="stretch")
    if job.paused and job.epochs_done:
        downloads(job.records(labels))


def downloads(records) -> None:
    """Each run as a JSON run record, and all curves as one CSV table."""
    json_column, csv_column = st.columns(2)
    for record in records:
        json_column.download_button(f"{t('train.download_json')}: {record.label}", record.to_json(),
                                    file_name=f"run-{record.config.seed}-{record.config.p1:g}-{record.config.p2:g}.json",
                                    mime="application/json", key=f"json-{record.label}")
    csv_column.download_button(t("train.download_csv"), records_to_csv(records), file_name="runs.csv",
                               mime="text/csv")
    st.caption(t("train.to_compare"))


def live_panel() -> None:
    """Advance the job by one slice (when this session holds a training slot) and redraw it."""
    job = current_job()
    if job is None:
        st.info(t("train.no_run"))
        return
    if not job.paused:
        slots = process_slots()
        if slots.acquire(owner()):
            job.advance(SLICE_S if job.points else FIRST_SLICE_S)
        else:
            st.info(t("train.waiting", busy=slots.busy()))
        if job.paused:  # finished, or a Step completed, during this slice
            stop(job)
            st.rerun(scope="app")  # redraw the buttons, and stop the timer that drives this panel
    show_job(job)


def live_fragment() -> None:
    """The live panel, rerun on a timer while the job trains, so only it redraws."""
    job = current_job()
    st.fragment(live_panel, run_every=TICK_S if job is not None and not job.paused else None)()
