"""The Compare page's runs: saved runs (read once per process), groups of runs, the experiment, uploads, downloads."""
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from dropout_core.training.records import (
    MAX_RECORD_BYTES,
    RunRecord,
    RunRecordError,
    describe_setting,
    parse_run_records,
    records_to_csv,
)
from dropout_core.training.saved_runs import (
    EXPERIMENTS,
    SavedRuns,
    load_saved_runs,
    saved_run_files,
    saved_runs_folder,
)
from ui.controls import url_choice
from ui.i18n import join_list, t
from ui.runs import keep_runs, my_runs, setting_words
from ui.safe_text import plain
from ui.uploads import file_uploader

MINE_PREFIX = "mine"  # option ids of the learner's own groups: mine1, mine2, ...
SEEN_KEY = "compare_seen_groups"  # session state: the group ids offered so far
# Listing and stat-ing the hundred-odd files took a tenth of a Compare rerun; an edit shows within this many seconds.
SIGNATURE_TTL_S = 2.0
ABOUT_KEYS = {"d2l": "compare.about_d2l", "long": "compare.about_long", "small": "compare.about_small"}


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_saved_runs(root: str, signature: tuple) -> SavedRuns:
    """The saved runs under root; signature (the files' names, sizes and mtimes) makes an edit reload them."""
    return load_saved_runs(root)


@st.cache_data(ttl=SIGNATURE_TTL_S, show_spinner=False)
def saved_runs_signature(root: str) -> tuple:
    """The saved run files' names, sizes and mtimes; listed at most once per SIGNATURE_TTL_S for all sessions."""
    signature = []
    for path in saved_run_files(root):
        try:
            status = path.stat()
        except OSError:  # removed since the listing: the next load will not see it either
            continue
        signature.append((path.name, path.parent.name, status.st_size, status.st_mtime_ns))
    return tuple(signature)


def saved_runs() -> SavedRuns:
    """Every saved run, parsed once per process and again only when a file changes."""
    root = str(saved_runs_folder())
    return _load_saved_runs(root, saved_runs_signature(root))


@dataclass(frozen=True)
class RunGroup:
    """Runs shown as one curve: a saved setting of an experiment, or the learner's runs of one setting."""

    id: str  # option id, in the URL for saved settings
    name: str  # translated, as charts and the reading name it
    records: tuple[RunRecord, ...]


def saved_groups(saved: SavedRuns, experiment: str) -> list[RunGroup]:
    """The experiment's saved runs, one group per dropout setting, in the saved order."""
    by_setting: dict[str, list[RunRecord]] = {}
    for run in saved.runs:
        if run.experiment == experiment:
            by_setting.setdefault(run.setting, []).append(run.record)
    return [RunGroup(setting, t("compare.setting_saved", p1=records[0].config.p1, p2=records[0].config.p2),
                     tuple(records))
            for setting, records in by_setting.items()]


def own_groups(records: Sequence[RunRecord]) -> list[RunGroup]:
    """The learner's runs (Train page and uploads), one group per setting in order of first appearance."""
    by_setting: dict[str, list[RunRecord]] = {}
    for record in records:
        by_setting.setdefault(describe_setting(record.config), []).append(record)
    return [RunGroup(f"{MINE_PREFIX}{number}", t("compare.setting_mine", setting=setting_words(group[0].config)),
                     tuple(group))
            for number, group in enumerate(by_setting.values(), start=1)]


def experiment_option(saved: SavedRuns, experiment: str) -> str:
    """An experiment's name with its size, read from its runs (images, longest run, seeds)."""
    records = [run.record for run in saved.runs if run.experiment == experiment]
    return t("compare.experiment_option", name=experiment, images=records[0].config.train_size,
             epochs=max(record.config.epochs for record in records),
             seeds=len({record.config.seed for record in records}))


# --- uploads ---------------------------------------------------------------------------------------------
def read_upload(size: int, content: bytes) -> list[RunRecord]:
    """An uploaded file's runs (one record, or a list as this page downloads), checked; JSON only, never unpickled."""
    if size > MAX_RECORD_BYTES:  # refused before parsing anything
        raise RunRecordError(t("compare.too_large", size=size, limit=MAX_RECORD_BYTES))
    records = parse_run_records(content)
    if not all(record.epochs for record in records):
        raise RunRecordError(t("compare.no_epochs"))
    return records


def add_uploads(uploads) -> None:
    """Add each good uploaded file's runs to the learner's runs; show a clear error for each bad file."""
    for upload in uploads or []:
        try:
            content = upload.getvalue() if upload.size <= MAX_RECORD_BYTES else b""
            records = read_upload(upload.size, content)
        except RunRecordError as error:
            st.error(t("compare.upload_bad", name=plain(upload.name), error=plain(error, limit=300)))
            continue
        # The same file uploaded twice, or kept in the uploader across reruns, counts once (keep_runs).
        keep_runs(records)
        labels = join_list(record.label for record in records)
        st.success(t("compare.upload_ok", name=plain(upload.name), label=plain(labels, limit=300)))


def records_to_json(records: Sequence[RunRecord]) -> str:
    """Runs as one JSON list of run records (parse_run_records reads it back)."""
    return json.dumps([record.to_dict() for record in records], allow_nan=False, indent=1)


def downloads(groups) -> None:
    """Everything shown, as one CSV table and as a JSON list of run records."""
    records = [record for group in groups for record in group.records]
    st.subheader(t("compare.download"))
    csv_column, json_column = st.columns(2)
    # The files are written when asked for, not on every rerun (that took a tenth of a Compare rerun's time), and a
    # download reruns nothing: a rerun begun by the click could leave the file's request without an answer.
    csv_column.download_button(t("compare.download_csv"), functools.partial(records_to_csv, records),
                               file_name="dropout-runs.csv", mime="text/csv", key="download_csv", on_click="ignore")
    json_column.download_button(t("compare.download_json"), functools.partial(records_to_json, records),
                                file_name="dropout-runs.json", mime="application/json", key="download_json",
                                on_click="ignore")


# --- choosing what to show -------------------------------------------------------------------------------
def on_compare(experiment: str) -> bool:
    """True unless the experiment is one the Exercises page reads (too many settings for one chart); a folder of
    the learner's own making always shows."""
    return experiment not in EXPERIMENTS or EXPERIMENTS[experiment].on_compare


def choose_experiment(saved) -> str | None:
    """The experiment whose saved runs to show, or None when there are none (a notice says how to make them)."""
    experiments = list(dict.fromkeys(run.experiment for run in saved.runs if on_compare(run.experiment)))
    for problem in saved.problems:
        st.warning(t("compare.bad_saved", problem=plain(problem, limit=300)))
    if not experiments:
        st.info(t("compare.no_saved", folder=plain(saved_runs_folder())))
        return None
    return url_choice(t("compare.experiment"), "experiment", experiments, experiments[0],
                      format_func=lambda name: experiment_option(saved, name))


def about_experiment(experiment: str | None) -> None:
    """What the experiment trained and what to look out for in its runs (collapses, say)."""
    if experiment is not None:
        about = ABOUT_KEYS.get(experiment)
        st.caption(t(about) if about else t("compare.about_other", name=plain(experiment)))


def your_runs_panel() -> None:
    """Upload run files; good ones join the learner's runs, bad ones are refused with a clear message."""
    st.subheader(t("compare.your_runs"))
    st.markdown(t("compare.your_runs_help"))
    add_uploads(file_uploader(t("compare.upload"), "uploads", type=["json"], accept_multiple_files=True))


def candidate_groups(saved: SavedRuns, experiment: str | None) -> list[RunGroup]:
    """Every group the learner may show: the experiment's saved settings, then their own runs."""
    return (saved_groups(saved, experiment) if experiment else []) + own_groups(my_runs())


def select_new_own_groups(names: dict[str, str], selection_key: str) -> None:
    """Add the learner's groups that appeared since the last run (a new upload, a new Train run) to the selection."""
    seen = st.session_state.setdefault(SEEN_KEY, set())
    new = [group_id for group_id in names if group_id.startswith(MINE_PREFIX) and group_id not in seen]
    if new and selection_key in st.session_state:
        st.session_state[selection_key] = [*st.session_state[selection_key], *new]
    seen.update(names)
