"""The Compare page's pieces: saved runs read once per process, groups of runs, charts, uploads and downloads."""
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from dropout_core.training.records import (
    MAX_RECORD_BYTES,
    RunRecord,
    RunRecordError,
    describe_setting,
    parse_run_records,
)
from dropout_core.training.saved_runs import (
    SavedRuns,
    load_saved_runs,
    saved_run_files,
    saved_runs_folder,
)
from dropout_core.training.summaries import GAP, SettingSummary, Spread
from ui.i18n import t
from ui.runs import keep_runs
from ui.theme import projector_on, style_chart

MINE_PREFIX = "mine"  # option ids of the learner's own groups: mine1, mine2, ...
PLOT_HEIGHT, PLOT_HEIGHT_PROJECTOR = 280, 380  # pixels of the plotting area, titles and legend come on top


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_saved_runs(root: str, signature: tuple) -> SavedRuns:
    """The saved runs under root; signature (the files' names, sizes and mtimes) makes an edit reload them."""
    return load_saved_runs(root)


def saved_runs() -> SavedRuns:
    """Every saved run, parsed once per process and again only when a file changes."""
    root = saved_runs_folder()
    signature = []
    for path in saved_run_files(root):
        try:
            status = path.stat()
        except OSError:  # removed since the listing: the next load will not see it either
            continue
        signature.append((path.name, path.parent.name, status.st_size, status.st_mtime_ns))
    return _load_saved_runs(str(root), tuple(signature))


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
    return [RunGroup(f"{MINE_PREFIX}{number}", t("compare.setting_mine", setting=setting), tuple(group))
            for number, (setting, group) in enumerate(by_setting.items(), start=1)]


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
            st.error(t("compare.upload_bad", name=upload.name, error=error))
            continue
        # Keyed by content, so the same file uploaded twice, or kept in the uploader across reruns, counts once.
        keep_runs(f"upload-{hashlib.sha256(content).hexdigest()[:16]}", records)
        st.success(t("compare.upload_ok", name=upload.name, label=", ".join(record.label for record in records)))


def records_to_json(records: Sequence[RunRecord]) -> str:
    """Runs as one JSON list of run records (parse_run_records reads it back)."""
    return json.dumps([record.to_dict() for record in records], allow_nan=False, indent=1)


# --- charts ----------------------------------------------------------------------------------------------
def _diverged_points(groups: Sequence[RunGroup]) -> pd.DataFrame:
    """One row per diverged run: its group and the epoch where it diverged."""
    rows = [{"group": group.name, "epoch": record.diverged_epoch, "run": record.label}
            for group in groups for record in group.records if record.status == "diverged"]
    return pd.DataFrame(rows, columns=["group", "epoch", "run"])


def chart_subtitle(band: str, smoothing: int, log_scale: bool) -> list[str]:
    """Two lines: what the line and the band are; then raw or smoothed values, and the log axis when on."""
    values = t("compare.smoothed_label", k=smoothing) if smoothing > 1 else t("compare.raw_label")
    second = f"{values} · {t('compare.log_axis')}" if log_scale else values
    return [t("compare.subtitle", band=t(f"compare.band_{band}")), second]


def curve_chart(curves: pd.DataFrame, groups: Sequence[RunGroup], metric: str, band: str, smoothing: int = 1,
                log_scale: bool = False) -> alt.TopLevelMixin:
    """One metric over epochs: a line per group (the mean) inside its band, dashed rules where runs diverged."""
    title = t(f"metric.{metric}")
    order = [group.name for group in groups]
    rows = curves[curves["metric"] == metric]
    if log_scale:  # a log axis has no place for a band reaching zero or below (mean - std can): leave it out there
        rows = rows.assign(low=rows["low"].where(rows["low"] > 0))
    big = projector_on()
    color = alt.Color("group:N", title=t("compare.settings"), sort=order, scale=alt.Scale(domain=order),
                      legend=alt.Legend(orient="bottom", direction="horizontal", columns=1 if big else 2,
                                        symbolOpacity=1))
    x = alt.X("epoch:Q", title=t("chart.epoch"), axis=alt.Axis(tickMinStep=1))
    # The chart's title names the metric; a long axis title would squeeze the plot.
    y_scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=False)
    base = alt.Chart(rows).encode(x=x, color=color)
    area = base.mark_area(opacity=0.22).encode(y=alt.Y("low:Q", title=None, scale=y_scale), y2="high:Q")
    line = base.mark_line(point=alt.OverlayMarkDef(size=30, filled=True)).encode(
        y=alt.Y("mean:Q", title=None, scale=y_scale),
        tooltip=[alt.Tooltip("group:N", title=t("compare.settings")),
                 alt.Tooltip("epoch:Q", title=t("chart.epoch")),
                 alt.Tooltip("mean:Q", title=t("compare.mean"), format=".4f"),
                 alt.Tooltip("low:Q", title=t("compare.low"), format=".4f"),
                 alt.Tooltip("high:Q", title=t("compare.high"), format=".4f"),
                 alt.Tooltip("runs:Q", title=t("compare.runs"))],
    )
    layers = [area, line]
    diverged = _diverged_points(groups)
    if len(diverged):
        layers.append(alt.Chart(diverged).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(
            x=x, color=color,
            tooltip=[alt.Tooltip("run:N", title=t("chart.run")),
                     alt.Tooltip("epoch:Q", title=t("compare.diverged_at"))],
        ))
    if metric == GAP:
        layers.append(alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="gray").encode(y="zero:Q"))
    heading = alt.TitleParams(title, subtitle=chart_subtitle(band, smoothing, log_scale), anchor="start",
                              subtitleFontSize=18 if big else 13)
    # fit-x: the width follows the column, the height is the plot's own, so titles and legend never squeeze it.
    chart = alt.layer(*layers).properties(title=heading, height=PLOT_HEIGHT_PROJECTOR if big else PLOT_HEIGHT,
                                          autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return style_chart(chart)


# --- the reading -----------------------------------------------------------------------------------------
def format_spread(values: Spread) -> str:
    """mean ± std (low to high) with three decimals; just the value for one run; a word for none."""
    if values.count == 0:
        return t("compare.missing")
    if values.count == 1:
        return t("compare.single", mean=values.mean)
    return t("compare.spread", mean=values.mean, std=values.std, low=values.low, high=values.high)


def reading_line(name: str, summary: SettingSummary) -> str:
    """One setting's reading: final and best accuracy, gap, epoch of lowest test loss, divergences."""
    if summary.diverged_epochs:
        diverged = t("compare.some_diverged", count=len(summary.diverged_epochs), runs=summary.runs,
                     epochs=", ".join(map(str, summary.diverged_epochs)))
    else:
        diverged = t("compare.none_diverged")
    final = format_spread(summary.final_test_acc)
    if 0 < summary.final_test_acc.count < summary.runs:  # final values leave the diverged runs out: say so
        final = t("compare.without_diverged", values=final, count=summary.final_test_acc.count)
    return t("compare.reading_setting", name=name, runs=summary.runs, final=final,
             best=format_spread(summary.best_test_acc), gap=format_spread(summary.final_gap),
             epochs=", ".join(map(str, summary.lowest_test_loss_epochs)) or "-", diverged=diverged)
