"""Compare: saved runs of p = 0, 0.2/0.5 and 0.5 over several seeds, beside the learner's own; no training here."""
import streamlit as st

from dropout_core.training.records import METRIC_FIELDS, records_to_csv
from dropout_core.training.saved_runs import saved_runs_folder
from dropout_core.training.summaries import BANDS, GAP, final_accuracy_lead, group_curves, summarize_runs
from ui.compare.runs import (
    MINE_PREFIX,
    add_uploads,
    curve_chart,
    experiment_option,
    own_groups,
    reading_line,
    records_to_json,
    saved_groups,
    saved_runs,
)
from ui.controls import url_choice, url_multiselect, url_toggle
from ui.i18n import t
from ui.runs import my_runs
from ui.shell import require_app_shell
from ui.theme import projector_on

require_app_shell()

SMOOTHING_OPTIONS = (1, 3, 5, 9, 15, 25)  # odd: a centred window has as many epochs before as after
DEFAULT_METRICS = ("test_acc", "test_loss")
LOSS_METRICS = ("train_loss", "test_loss")
SETTINGS_KEY, SEEN_KEY = "settings", "compare_seen_groups"
ABOUT_KEYS = {"d2l": "compare.about_d2l", "long": "compare.about_long", "small": "compare.about_small"}


def choose_experiment(saved) -> str | None:
    """The experiment whose saved runs to show, or None when there are none (a notice says how to make them)."""
    experiments = list(dict.fromkeys(run.experiment for run in saved.runs))
    for problem in saved.problems:
        st.warning(t("compare.bad_saved", problem=problem))
    if not experiments:
        st.info(t("compare.no_saved", folder=saved_runs_folder()))
        return None
    experiment = url_choice(t("compare.experiment"), "experiment", experiments, experiments[0],
                            format_func=lambda name: experiment_option(saved, name))
    about = ABOUT_KEYS.get(experiment)
    st.caption(t(about) if about else t("compare.about_other", name=experiment))
    return experiment


def your_runs_panel() -> None:
    """Upload run files; good ones join the learner's runs, bad ones are refused with a clear message."""
    st.subheader(t("compare.your_runs"))
    st.markdown(t("compare.your_runs_help"))
    add_uploads(st.file_uploader(t("compare.upload"), type=["json"], accept_multiple_files=True, key="uploads"))


def select_new_own_groups(names: dict[str, str]) -> None:
    """Add the learner's groups that appeared since the last run (a new upload, a new Train run) to the selection."""
    seen = st.session_state.setdefault(SEEN_KEY, set())
    new = [group_id for group_id in names if group_id.startswith(MINE_PREFIX) and group_id not in seen]
    if new and SETTINGS_KEY in st.session_state:
        st.session_state[SETTINGS_KEY] = [*st.session_state[SETTINGS_KEY], *new]
    seen.update(names)


def show_charts(groups, metrics, band: str, smoothing: int, log_losses: bool) -> None:
    """One chart per chosen metric, two side by side, then the generalization gap."""
    by_name = {group.name: group.records for group in groups}
    curves = group_curves(by_name, [*metrics, GAP], window=smoothing, band=band)
    if smoothing > 1:
        st.warning(t("compare.smoothed_notice", k=smoothing))
    columns = st.columns(1 if projector_on() else 2)  # a lecture hall wants each chart as wide as the page
    for position, metric in enumerate([*metrics, GAP]):
        with columns[position % len(columns)]:
            chart = curve_chart(curves, groups, metric, band, smoothing, log_scale=log_losses and metric in LOSS_METRICS)
            st.altair_chart(chart, width="stretch")
            if metric == GAP:
                st.caption(t("compare.gap_help"))
    if any(record.status == "diverged" for group in groups for record in group.records):
        st.caption(t("compare.diverged_note"))


def show_reading(groups) -> None:
    """The reading computed from the runs shown: a line per group, then which ended highest and how clearly."""
    st.subheader(t("compare.reading"))
    st.caption(t("compare.reading_intro"))
    summaries = {group.name: summarize_runs(group.records) for group in groups}
    for name, summary in summaries.items():
        st.markdown(f"- {reading_line(name, summary)}")
    lead = final_accuracy_lead(summaries)
    if lead is not None:
        st.markdown(t("compare.leader", best=lead.best, value=summaries[lead.best].final_test_acc.mean,
                      difference=lead.difference, second=lead.second)
                    + " " + t("compare.overlap" if lead.overlap else "compare.separate"))


def downloads(groups) -> None:
    """Everything shown, as one CSV table and as a JSON list of run records."""
    records = [record for group in groups for record in group.records]
    st.subheader(t("compare.download"))
    csv_column, json_column = st.columns(2)
    csv_column.download_button(t("compare.download_csv"), records_to_csv(records), file_name="dropout-runs.csv",
                               mime="text/csv", key="download_csv")
    json_column.download_button(t("compare.download_json"), records_to_json(records), file_name="dropout-runs.json",
                                mime="application/json", key="download_json")


st.title(t("compare.title"))
st.markdown(t("compare.intro"))
saved = saved_runs()
experiment = choose_experiment(saved)
# Drawn top to bottom in this order, but the uploads (at the bottom) are read before the settings are offered,
# so an uploaded run is among them at once.
controls, results, uploads_area = st.container(), st.container(), st.container()
with uploads_area:
    your_runs_panel()
candidates = (saved_groups(saved, experiment) if experiment else []) + own_groups(my_runs())
names = {group.id: group.name for group in candidates}
select_new_own_groups(names)
with controls:
    chosen = url_multiselect(t("compare.settings"), SETTINGS_KEY, list(names), list(names), format_func=names.get)
    metrics = url_multiselect(t("compare.metrics"), "metrics", METRIC_FIELDS, DEFAULT_METRICS,
                              format_func=lambda metric: t(f"metric.{metric}"))
    left, right = st.columns(2)
    band = url_choice(t("compare.band"), "band", BANDS, BANDS[0], format_func=lambda b: t(f"compare.band_{b}"),
                      widget="radio", horizontal=True, place=left)
    log_losses = url_toggle(t("compare.log_losses"), "log", True, place=left, help=t("compare.log_losses_help"))
    smoothing = url_choice(t("compare.smooth"), "smooth", SMOOTHING_OPTIONS, 1, widget="select_slider",
                           place=right, format_func=lambda k: t("compare.smooth_raw") if k == 1 else str(k),
                           help=t("compare.smooth_help"))
groups = [group for group in candidates if group.id in chosen]
with results:
    if groups and metrics:
        show_charts(groups, metrics, band, smoothing, log_losses)
        show_reading(groups)
        downloads(groups)
    else:
        st.info(t("compare.nothing"))
