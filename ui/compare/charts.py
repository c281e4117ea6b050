"""The Compare page's charts: a line per group (the mean over its runs) inside its band, one chart per metric."""
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from dropout_core.training.records import METRIC_FIELDS
from dropout_core.training.summaries import BANDS, GAP, group_curves, run_curve
from ui.charts import altair_spec, cached_spec, inline_rows, wrapped_labels
from ui.compare.runs import RunGroup
from ui.controls import url_choice, url_pills, url_toggle
from ui.i18n import t
from ui.theme import DASHES, PALETTE, SHAPES, projector_on, rarely_used

# Pixels of the plotting area, titles and legend come on top. A projector shows one chart per row, whose axis ends
# on the first screen.
PLOT_HEIGHT, PLOT_HEIGHT_PROJECTOR = 280, 280
LOSS_METRICS = ("train_loss", "test_loss")
SMOOTHING_OPTIONS = (1, 3, 5, 9, 15, 25)  # odd: a centred window has as many epochs before as after
DEFAULT_METRICS = ("test_acc", "test_loss")
# Characters of a legend line (a Chinese one counts two): about 400 px of a laptop's type below a half-width chart,
# and of a projector's beside a full-width one.
LEGEND_LINE_WIDTH = 50
MAX_MARKERS = 25  # per line: enough to tell the groups apart by shape, few enough to see the line
# The saved settings that recur from page to page keep their colour, dash and marker on every chart (no dropout the
# blue circles, d2l's rates the orange squares, DropConnect the pink diamonds, ...); other groups take the styles
# left, in order. By position alone, no dropout was blue in one exercise and dropout in the next.
FIXED_STYLES = ("p0-0", "p0.2-0.5", "p0.5-0.5", "p0.2-0.5-dropconnect", "p0.2-0.5-gaussian", "p0.2-0.5-additive")


def style_indices(groups: Sequence[RunGroup]) -> list[int]:
    """Each group's index into PALETTE, DASHES and SHAPES: a book's setting (a saved group's id, an exercise's after
    its experiment's "name/") its own, for its first group only; the others the free ones in order."""
    fixed = {}  # position -> its setting's own style
    for position, group in enumerate(groups):
        own = FIXED_STYLES.index(setting) if (setting := group.id.rpartition("/")[2]) in FIXED_STYLES else None
        if own is not None and own not in fixed.values():
            fixed[position] = own
    # The styles no book's setting owns first, then those of the book's settings not on this chart; round again
    # (every style, if all six are on the chart) for more groups than that.
    spare = [*range(len(FIXED_STYLES), len(PALETTE)), *(i for i in range(len(FIXED_STYLES)) if i not in fixed.values())]
    free = itertools.cycle(spare or range(len(PALETTE)))
    return [fixed[position] if position in fixed else next(free) for position in range(len(groups))]


def _diverged_points(groups: Sequence[RunGroup]) -> pd.DataFrame:
    """One row per diverged run: its group and the epoch where it diverged."""
    rows = [{"group": group.name, "epoch": record.diverged_epoch, "run": record.label}
            for group in groups for record in group.records if record.status == "diverged"]
    return pd.DataFrame(rows, columns=["group", "epoch", "run"])


def collapse_points(groups: Sequence[RunGroup], metric: str, smoothing: int = 1) -> pd.DataFrame:
    """One row per collapsed epoch of each run: its group, label, epoch and its own value of metric there.

    The value is read from the run's own curve, smoothed like the chart's lines, so the marker lies on that run.
    """
    rows = []
    for group in groups:
        for record in group.records:
            if not record.summary.collapsed_epochs:
                continue
            curve = run_curve(record, metric, smoothing)
            rows.extend({"group": group.name, "run": record.label, "epoch": epoch, "value": curve[epoch]}
                        for epoch in record.summary.collapsed_epochs)
    return pd.DataFrame(rows, columns=["group", "run", "epoch", "value"]).dropna()


def chart_subtitle(band: str, smoothing: int, log_scale: bool) -> list[str]:
    """What the line and the band are; then raw or smoothed values, and the log axis when on. Two lines above a
    half-width chart, one above a projector's full-width chart."""
    values = t("compare.smoothed_label", k=smoothing) if smoothing > 1 else t("compare.raw_label")
    second = f"{values} · {t('compare.log_axis')}" if log_scale else values
    lines = [t("compare.subtitle", band=t(f"compare.band_{band}")), second]
    return [" · ".join(lines)] if projector_on() else lines


def curve_chart(curves: pd.DataFrame, groups: Sequence[RunGroup], metric: str, band: str, smoothing: int = 1,
                log_scale: bool = False) -> dict:
    """One metric over epochs as a Vega-Lite spec: a line per group (the mean) inside its band, dashed rules where
    runs diverged, triangles on each collapsed epoch at the collapsed run's own value."""
    title = t(f"metric.{metric}")
    order = [group.name for group in groups]
    styles = style_indices(groups)
    rows = curves[curves["metric"] == metric]
    if log_scale:  # a log axis has no place for a band reaching zero or below (mean - std can): leave it out there
        rows = rows.assign(low=rows["low"].where(rows["low"] > 0))
    big = projector_on()
    # Beside a full-width projector chart the legend costs no height; colour, dash and shape name each group. Below a
    # half-width one, one name a row: two columns cut a setting with a weight decay short by 50 px at 1280.
    # A long name (the learner's own runs, named by all their settings) takes several lines rather than an ellipsis.
    legend = alt.Legend(orient="right" if big else "bottom", direction="vertical", columns=1, symbolOpacity=1,
                        symbolStrokeWidth=3, labelExpr=wrapped_labels(order, LEGEND_LINE_WIDTH) or alt.Undefined)
    color = alt.Color("group:N", title=t("compare.settings"), sort=order,
                      scale=alt.Scale(domain=order, range=[PALETTE[i] for i in styles]),
                      legend=legend)
    # The legend keys each group by colour and its markers' shape; the dash stays a third cue on the lines only, from
    # a copy of the group field that the legend does not merge: a shape drawn dashed came out notched.
    dash = alt.StrokeDash("dashed:N", sort=order, legend=None,
                          scale=alt.Scale(domain=order, range=[DASHES[i] for i in styles]))
    shape = alt.Shape("group:N", title=t("compare.settings"), sort=order, legend=legend,
                      scale=alt.Scale(domain=order, range=[SHAPES[i] for i in styles]))
    x = alt.X("epoch:Q", title=t("chart.epoch"), axis=alt.Axis(tickMinStep=1))
    # The chart's title names the metric; a long axis title would squeeze the plot.
    y_scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=False)
    base = alt.Chart().encode(x=x, color=color)  # the layer's rows, below
    area = base.mark_area(opacity=0.22).encode(y=alt.Y("low:Q", title=None, scale=y_scale), y2="high:Q")
    y = alt.Y("mean:Q", title=None, scale=y_scale)
    tooltip = [alt.Tooltip("group:N", title=t("compare.settings")), alt.Tooltip("epoch:Q", title=t("chart.epoch")),
               alt.Tooltip("mean:Q", title=t("compare.mean"), format=".4f"),
               alt.Tooltip("low:Q", title=t("compare.low"), format=".4f"),
               alt.Tooltip("high:Q", title=t("compare.high"), format=".4f"),
               alt.Tooltip("runs:Q", title=t("compare.runs"))]
    line = base.mark_line().transform_calculate(dashed="datum.group").encode(y=y, strokeDash=dash, tooltip=tooltip)
    # A marker (each group's shape) on every epoch of a 200-epoch run made a solid blob of four lines: at most
    # MAX_MARKERS on each, evenly spaced.
    every = max(1, math.ceil(rows["epoch"].max() / MAX_MARKERS)) if len(rows) else 1
    markers = base.mark_point(filled=True, opacity=1).encode(y=y, shape=shape, tooltip=tooltip).transform_filter(
        f"datum.epoch % {every} == 0")
    layers = [area, line, markers]
    diverged = _diverged_points(groups)
    if len(diverged):
        layers.append(alt.Chart(inline_rows(diverged)).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(
            x=x, color=color,
            tooltip=[alt.Tooltip("run:N", title=t("chart.run")),
                     alt.Tooltip("epoch:Q", title=t("compare.diverged_at"))],
        ))
    collapsed = collapse_points(groups, metric, smoothing)
    if log_scale:
        collapsed = collapsed[collapsed["value"] > 0]
    if len(collapsed):
        size = 260 if big else 90  # a collapse must be seen from the back row too
        marker = alt.Chart(inline_rows(collapsed)).mark_point(shape="triangle-down", size=size, filled=True, opacity=1)
        layers.append(marker.encode(
            x=x, y=alt.Y("value:Q", scale=y_scale), color=color,
            tooltip=[alt.Tooltip("run:N", title=t("chart.run")),
                     alt.Tooltip("epoch:Q", title=t("compare.collapsed_at")),
                     alt.Tooltip("value:Q", title=t("compare.run_value"), format=".4f")],
        ))
    if metric == GAP:
        zero = inline_rows(pd.DataFrame({"zero": [0.0]}))  # its own single row: one rule, not one per curve point
        layers.append(alt.Chart(zero).mark_rule(color="gray").encode(y="zero:Q"))
    heading = alt.TitleParams(title, subtitle=chart_subtitle(band, smoothing, log_scale), anchor="start")
    return altair_spec(alt.layer(*layers, data=inline_rows(rows)), PLOT_HEIGHT_PROJECTOR if big else PLOT_HEIGHT,
                       title=heading)


@dataclass(frozen=True)
class ChartOptions:
    """What the charts show: which metrics, which band, smoothing over how many epochs, log axes for losses."""

    metrics: list[str]
    band: str
    smoothing: int
    log_losses: bool


def chart_options() -> ChartOptions:
    """The chart controls, bound to the URL."""
    place = rarely_used()
    metrics = url_pills(t("compare.metrics"), "metrics", METRIC_FIELDS, DEFAULT_METRICS,
                        format_func=lambda metric: t(f"metric.{metric}"), place=place)
    left, right = place.columns(2)
    band = url_choice(t("compare.band"), "band", BANDS, BANDS[0], format_func=lambda b: t(f"compare.band_{b}"),
                      widget="radio", horizontal=True, place=left)
    log_losses = url_toggle(t("compare.log_losses"), "log", True, place=left, help=t("compare.log_losses_help"))
    smoothing = url_choice(t("compare.smooth"), "smooth", SMOOTHING_OPTIONS, 1, widget="select_slider",
                           place=right, format_func=lambda k: t("compare.smooth_raw") if k == 1 else str(k),
                           help=t("compare.smooth_help"))
    return ChartOptions(metrics, band, smoothing, log_losses)


def show_charts(groups: Sequence[RunGroup], options: ChartOptions) -> None:
    """One chart per chosen metric, two side by side, then the generalization gap."""
    shown = (*options.metrics, GAP)
    if options.smoothing > 1:
        st.warning(t("compare.smoothed_notice", k=options.smoothing))
    # One epoch axis for runs of 10 and of 200 epochs squeezes the short ones into its first twentieth: say so.
    lengths = {group.name: max(len(record.epochs) for record in group.records) for group in groups}
    longest, shortest = max(lengths, key=lengths.get), min(lengths, key=lengths.get)
    if lengths[longest] >= 2 * lengths[shortest]:
        st.info(t("compare.lengths_differ", longest=longest, long=lengths[longest], shortest=shortest,
                  short=lengths[shortest]))
    specs = group_chart_specs(groups, shown, options.band, options.smoothing, options.log_losses)
    columns = st.columns(1 if projector_on() else 2)  # a lecture hall wants each chart as wide as the page
    for position, (metric, spec) in enumerate(zip(shown, specs)):
        with columns[position % len(columns)]:
            st.vega_lite_chart(spec, width="stretch")
            if metric == GAP:
                st.caption(t("compare.gap_help"))
    records = [record for group in groups for record in group.records]
    if any(record.status == "diverged" for record in records):
        st.caption(t("compare.diverged_note"))
    if any(record.summary.collapsed_epochs for record in records):
        st.caption(t("compare.collapsed_note"))


def group_chart_specs(groups: Sequence[RunGroup], metrics: tuple[str, ...], band: str, smoothing: int = 1,
                      log_losses: bool = False) -> list[dict]:
    """A curve_chart spec of the groups for each metric, each built once per process and look (cached_spec)."""
    key = groups_key(groups)
    return [cached_spec(group_chart, key, metric, band, smoothing, log_losses and metric in LOSS_METRICS,
                        groups=groups)
            for metric in metrics]


def groups_key(groups: Sequence[RunGroup]) -> tuple:
    """What identifies the groups' curves: their ids, names and runs. A frozen record's hash covers its values; a
    NaN among them hashes by identity, so the key relies on a run being the same object from rerun to rerun, as
    saved runs (read once per process) and the learner's own (kept in the session) are."""
    return tuple((group.id, group.name, tuple(hash(record) for record in group.records)) for group in groups)


def group_chart(key: tuple, metric: str, band: str, smoothing: int, log_scale: bool,
                groups: Sequence[RunGroup]) -> dict:
    """curve_chart of the groups that key identifies, for one metric."""
    curves = group_curves({group.name: group.records for group in groups}, [metric], window=smoothing, band=band)
    return curve_chart(curves, groups, metric, band, smoothing, log_scale=log_scale)
