"""This session's training job on the Train page: Start, Stop, Resume and Step, the live panel, downloads.

The job trains in a worker thread of its own (dropout_core.training.jobs); the page only starts, stops and redraws.
"""
import functools
from collections.abc import Callable

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dropout_core.runtime.slots import process_slots
from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import CHOSEN, PAIRED, TrainingJob
from dropout_core.training.records import records_to_csv
from ui.i18n import t
from ui.runs import TRAIN_JOB_KEY, keep_runs, run_words
from ui.sidebar import device_label
from ui.train_live import prediction
from ui.train_live.charts import show_curves
from ui.train_live.replay import offer_replay, replay_running, show_replay

REDRAW_S = 1.0  # while the job trains, the live panel redraws this often: smooth curves, few reruns
# A first curve point comes a tenth of an epoch after Start (about 0.15 s for d2l's run on one thread): the run that
# follows the click waits this long for it rather than leave the chart empty until the next redraw, a second later.
FIRST_POINT_WAIT_S = 0.5
WATCHED_KEY = "train_watched_job"  # session state: the id of the job set going, until the page saw it stop


def current_job() -> TrainingJob | None:
    """This session's job, if it started one."""
    return st.session_state.get(TRAIN_JOB_KEY)


def run_labels(job: TrainingJob) -> dict[str, str]:
    """How messages, records and downloads name each run of the job, whole, in the learner's language: its setting
    and seed, the p = 0 twin's marked as the pair's."""
    return {run: t("train.run_paired_named", name=run_words(trainer.config)) if run == PAIRED
            else run_words(trainer.config) for run, trainer in job.trainers.items()}


def legend_names(job: TrainingJob) -> dict[str, str]:
    """How the charts' legend names each run: by its drop rates, short enough for one row on a projector (the
    lines under the charts name each run whole)."""
    config = job.trainers[CHOSEN].config
    return {CHOSEN: t("compare.setting_saved", p1=config.p1, p2=config.p2),
            **({PAIRED: t("train.run_paired")} if PAIRED in job.trainers else {})}


def session_alive() -> Callable[[], bool]:
    """A check the worker calls from its own thread: is this browser session still connected to the server?"""
    context = get_script_run_ctx()
    if context is None or not runtime.exists():  # AppTest and bare scripts have no server to ask
        return lambda: True
    server, session_id = runtime.get_instance(), context.session_id
    return lambda: server.is_active_session(session_id)


def go(job: TrainingJob, step: bool) -> None:
    """Let the job train to the end, or one more epoch, in its worker (a button callback)."""
    if step:
        job.step_one_epoch()
    else:
        job.start()
    job.start_worker(process_slots(), session_alive())
    st.session_state[WATCHED_KEY] = job.id


def start_new(config: TrainConfig, data, paired: bool, step: bool) -> None:
    """Replace the current job by a new one with these settings and set it going (a button callback)."""
    st.session_state[TRAIN_JOB_KEY] = job = TrainingJob(config, data, paired=paired)
    for trainer in job.trainers.values():  # a paired run shows its p = 0 twin's curves too
        prediction.mark_started(trainer.config)
    go(job, step)


def stop(job: TrainingJob) -> None:
    """Pause the job (its worker gives its slot to the next visitor); the runs so far go to the Compare page."""
    job.pause()
    keep_runs(job.records(run_labels(job)))


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
        pause.button(t("train.resume"), disabled=not resumable, on_click=go if resumable else None, args=(job, False))
    if resumable:
        step.button(t("train.step"), disabled=running, on_click=go, args=(job, True))
    else:  # a new run: after a finished one, the label says so (its curves leave the page for Compare)
        step.button(t("train.step_new" if job is not None and job.finished else "train.step"),
                    disabled=cannot_start or running, on_click=start_new, args=(config, data, paired, True))


def progress_text(job: TrainingJob) -> str:
    """How far the job is, how fast it goes and how long it still needs (once there is a speed to tell); a job
    that waits for a slot or stands still says so instead of a time left that is not running down."""
    device = device_label(job.trainers[CHOSEN].device)
    percent = 100 * job.progress()
    if job.training and job.waiting:
        return t("train.progress_waiting", percent=percent, device=device)
    seconds = job.seconds_left()
    if seconds is None:
        return t("train.progress_starting", percent=percent, device=device)
    if not job.training:
        return t("train.progress_still", percent=percent, rate=job.images_per_second(), device=device)
    minutes, rest = divmod(round(seconds), 60)
    return t("train.progress", percent=percent, rate=job.images_per_second(), left=f"{minutes}:{rest:02d}",
             device=device)


def stopped_text(job: TrainingJob) -> str:
    """Where a stopped job stands: after a whole epoch, or part of the way through one."""
    trainer = job.trainers[CHOSEN]
    if trainer.batches_left_in_epoch == trainer.batches_per_epoch:  # at an epoch's end
        return t("train.status_paused", epochs=job.epochs_done)
    done = 1 - trainer.batches_left_in_epoch / trainer.batches_per_epoch
    return t("train.status_paused_within", percent=100 * done, epoch=trainer.epoch)


def show_job(job: TrainingJob) -> None:
    """Progress, curves, then each run's numbers and where the job stands, and downloads: the curves come first, so
    a projector shows them on its first screen."""
    labels = run_labels(job)
    st.progress(job.progress(), text=progress_text(job))
    points = job.snapshot()
    if points:
        show_curves(points, legend_names(job), job.trainers[CHOSEN].config.epochs)
    for run, trainer in job.trainers.items():
        if trainer.diverged:
            st.warning(t("train.diverged", run=labels[run], epoch=trainer.diverged_epoch))
        elif trainer.history:
            last = trainer.history[-1]
            st.markdown(t("train.final", run=labels[run], test_acc=last.test_acc,
                          train_acc_eval=last.train_acc_eval, epoch=last.epoch))
    prediction.judge(job)
    if job.finished:
        st.success(t("train.status_finished"))
    elif job.paused and job.images_done():
        st.info(stopped_text(job))
    if job.paused and job.epochs_done:
        downloads(job.records(labels))


def downloads(records) -> None:
    """Each run as a JSON run record, and all curves as one CSV table."""
    json_column, csv_column = st.columns(2)
    # The files are written when asked for, not on every rerun of a stopped or finished run; a download reruns
    # nothing (a rerun begun by the click could leave the file's request without an answer).
    for record in records:
        json_column.download_button(t("train.download_json", run=record.label), record.to_json,
                                    file_name=f"run-{record.config.seed}-{record.config.p1:g}-{record.config.p2:g}.json",
                                    mime="application/json", key=f"json-{record.label}",
                                    on_click="ignore")
    csv_column.download_button(t("train.download_csv"), functools.partial(records_to_csv, records),
                               file_name="runs.csv", mime="text/csv", on_click="ignore")
    st.caption(t("train.to_compare"))


def live_panel() -> None:
    """Redraw the job; when its worker has just stopped (finished, a Step done, a slot lost), settle the page."""
    job = current_job()
    if job is None:
        st.info(t("train.no_run"))
        return
    if job.training:
        if job.waiting:
            st.info(t("train.waiting", busy=process_slots().busy()))
            offer_replay(job.trainers[CHOSEN].config)
        else:
            job.wait_for_points(FIRST_POINT_WAIT_S)
            seconds_left = job.seconds_left()
            if seconds_left is not None and seconds_left < REDRAW_S:
                # It ends before the next redraw: "Finished." shows when it does, not up to a redraw later.
                job.wait_until_undriven(REDRAW_S)
    if not job.training and st.session_state.get(WATCHED_KEY) == job.id:
        st.session_state[WATCHED_KEY] = None
        stop(job)
        st.rerun(scope="app")  # redraw the buttons, and stop the timer that drives this panel
    show_job(job)
    show_replay()


def live_fragment() -> None:
    """The live panel, redrawn on a timer while the job trains or a replay plays, so only it reruns."""
    job = current_job()
    moving = job is not None and job.training or replay_running()
    st.fragment(live_panel, run_every=REDRAW_S if moving else None)()
