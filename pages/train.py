"""Train live: the d2l dropout experiment trained on this machine, its curves growing while it trains."""
import uuid
from dataclasses import replace

import streamlit as st

from dropout_core.data import DataUnavailableError, candidate_folders, find_local_copy, load_fashion_mnist
from dropout_core.engine import D2L_PRESET, NO_DROPOUT_PRESET, TrainConfig, describe_device, device_available, \
    resolve_device
from dropout_core.jobs import TrainingJob
from dropout_core.records import records_to_csv
from dropout_core.slots import process_slots
from ui.controls import url_choice, url_number, url_slider, url_toggle
from ui.i18n import t
from ui.runs import TRAIN_JOB_KEY, keep_runs
from ui.training_charts import training_curves
from ui.shell import require_app_shell

require_app_shell()

OWNER_KEY = "train_owner"
SLICE_S = 0.5  # training time per redraw: curves move smoothly, clicks are answered quickly
FIRST_SLICE_S = 0.1  # the first redraw comes sooner, so a click on Start shows a curve point at once
TICK_S = 0.2  # pause between redraws while training
LR_OPTIONS = (0.01, 0.05, 0.1, 0.2, 0.5, 1.0)
BATCH_OPTIONS = (32, 64, 128, 256, 512, 1024)
HIDDEN_OPTIONS = (16, 32, 64, 128, 256, 512, 1024)
WEIGHT_DECAY_OPTIONS = (0.0, 1e-5, 1e-4, 1e-3, 1e-2)
MAX_PAGE_EPOCHS = 200  # the engine allows more; a browser tab rarely should


# The small-data setting of the saved runs: few images, many epochs, where overfitting (and dropout's effect) shows.
SMALL_DATA_PRESET = replace(D2L_PRESET, train_size=2_000, epochs=200)


def apply_preset(preset: TrainConfig) -> None:
    """Set the preset's drop rates, learning rate, batch size, epochs and training images (a button callback)."""
    st.session_state.update(p1=preset.p1, p2=preset.p2, lr=preset.lr, batch=preset.batch_size, epochs=preset.epochs,
                            train_size=preset.train_size)


def settings() -> TrainConfig | None:
    """Every option of the engine as a URL-bound control; the config, or None with a message if invalid."""
    d2l, none, small = st.columns(3)
    d2l.button(t("train.preset_d2l"), on_click=apply_preset, args=(D2L_PRESET,))
    none.button(t("train.preset_none"), on_click=apply_preset, args=(NO_DROPOUT_PRESET,))
    small.button(t("train.preset_small"), on_click=apply_preset, args=(SMALL_DATA_PRESET,),
                 help=t("train.preset_small_help"))
    left, right = st.columns(2)
    d = D2L_PRESET
    p1 = url_slider(t("train.p1"), "p1", 0.0, 1.0, d.p1, step=0.05, place=left)
    p2 = url_slider(t("train.p2"), "p2", 0.0, 1.0, d.p2, step=0.05, place=right)
    epochs = url_number(t("train.epochs"), "epochs", 1, MAX_PAGE_EPOCHS, d.epochs, place=left)
    train_size = url_number(t("train.train_size"), "train_size", 1, 60_000, d.train_size, place=right,
                            help=t("train.train_size_help"))
    lr = url_choice(t("train.lr"), "lr", LR_OPTIONS, d.lr, widget="select_slider", place=left)
    batch = url_choice(t("train.batch"), "batch", BATCH_OPTIONS, d.batch_size, widget="select_slider", place=right)
    with st.expander(t("train.settings")):
        left, right = st.columns(2)
        h1 = url_choice(t("train.h1"), "h1", HIDDEN_OPTIONS, d.hidden[0], place=left)
        h2 = url_choice(t("train.h2"), "h2", HIDDEN_OPTIONS, d.hidden[1], place=right)
        impl = url_choice(t("train.impl"), "net", ("scratch", "concise"), d.implementation,
                          format_func=lambda o: t(f"train.impl_{o}"), place=left)
        init = url_choice(t("train.init"), "init", ("normal", "default"), d.init,
                          format_func=lambda o: t(f"train.init_{o}"), place=right)
        wd = url_choice(t("train.wd"), "wd", WEIGHT_DECAY_OPTIONS, d.weight_decay, format_func="{:g}".format,
                        place=left)
        seed = url_number(t("train.seed"), "train_seed", 0, 1_000_000, d.seed, place=right)
        devices = ["auto"] + [kind for kind in ("cuda", "mps", "cpu") if device_available(kind)]
        device = url_choice(t("train.device"), "device", devices, "auto",
                            format_func=lambda o: t("train.device_auto") if o == "auto" else o, place=left)
    config = TrainConfig(p1=p1, p2=p2, epochs=epochs, lr=lr, batch_size=batch, hidden=(h1, h2),
                         implementation=impl, init=init, weight_decay=wd, train_size=train_size, seed=seed,
                         device=device)
    try:
        return config.validate()
    except ValueError as error:
        st.error(t("train.bad_config", error=error))
        return None


def fashion_mnist():
    """The dataset, or None after explaining how to get it (a download only when the visitor asks)."""
    if find_local_copy(candidate_folders()) is None and not st.session_state.get("download_asked"):
        st.warning(t("train.no_data"))
        st.markdown(t("train.data_help"))
        # A callback, not `if st.button()`: it runs before the script, so no restart of the run can lose the click.
        st.button(t("train.download"), on_click=st.session_state.update, kwargs={"download_asked": True})
        return None
    try:
        with st.spinner(t("train.loading")):
            return load_fashion_mnist()
    except DataUnavailableError as error:
        st.error(t("train.download_failed"))
        st.code(str(error), language=None)
        st.markdown(t("train.data_help"))
        st.session_state["download_asked"] = False
        return None


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
    keep_runs(job.id, job.records())


def buttons(config: TrainConfig | None, data, paired: bool) -> None:
    """Start, Stop or Resume, and Step: what each does depends on the current job."""
    job = st.session_state.get(TRAIN_JOB_KEY)
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
    trainer = next(iter(job.trainers.values()))
    st.progress(job.progress(), text=t("train.progress", percent=100 * job.progress(), rate=job.images_per_second(),
                                       left=format_seconds(job.seconds_left()), device=describe_device(trainer.device)))
    for label, run in job.trainers.items():
        if run.diverged:
            st.warning(t("train.diverged", run=label, epoch=run.diverged_epoch))
        elif run.history:
            last = run.history[-1]
            st.markdown(t("train.final", run=label, test_acc=last.test_acc, train_acc_eval=last.train_acc_eval,
                          epoch=last.epoch))
    if job.finished:
        st.success(t("train.status_finished"))
    elif job.paused and job.points:
        st.info(t("train.status_paused", epochs=job.epochs_done))
    if job.points:
        st.altair_chart(training_curves(job.points), width="stretch")
    if job.paused and job.epochs_done:
        records = job.records()
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
    job = st.session_state.get(TRAIN_JOB_KEY)
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


st.title(t("train.title"))
st.markdown(t("train.intro", device=describe_device(resolve_device("auto"))))
config = settings()
paired = url_toggle(t("train.paired"), "paired", False, help=t("train.paired_help"))
data = fashion_mnist()
buttons(config, data, paired)
with st.expander(t("train.which_acc")):
    st.markdown(t("train.which_acc_text"))
job = st.session_state.get(TRAIN_JOB_KEY)
st.fragment(live_panel, run_every=TICK_S if job is not None and not job.paused else None)()
