"""The Train page's growing curves: a loss panel and an accuracy panel, the train-test gap shaded.

Each panel is a single view that fits its column (a concatenated chart cannot follow its container's width). Runs
of a pair differ in dash and marker shape as well as in the legend, so they stay apart without colour.
"""
import math

import altair as alt
import pandas as pd
import streamlit as st

from ui.i18n import current_language, t
from ui.theme import projector_on, style_chart

LOSS_METRICS = ("train_loss", "test_loss")
ACCURACY_METRICS = ("train_acc", "train_acc_eval", "test_acc")
CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over 10 classes: where every run starts
PLOT_HEIGHT, PLOT_HEIGHT_PROJECTOR = 300, 300
RUN_DASHES = [[1, 0], [8, 5]]  # solid for the chosen run, dashed for its p = 0 twin
RUN_SHAPES = ["circle", "square"]
RUN_SYMBOL_SIZE = 1200  # a legend line about 35 px long: long enough to show two dashes of the paired run


def metric_label(metric: str) -> str:
    """The translated name of a metric, saying how it was measured."""
    return t(f"metric.{metric}")


def curve_frame(points: list[dict], run_labels: dict[str, str]) -> pd.DataFrame:
    """The job's points as rows (run label, epoch, metric, its label, value)."""
    frame = pd.DataFrame(points, columns=["run", "epoch", "metric", "value"])
    frame["run"] = frame["run"].map(run_labels)
    frame["label"] = frame["metric"].map({metric: metric_label(metric) for metric in frame["metric"].unique()})
    return frame


def y_domain(frame: pd.DataFrame, metrics: tuple[str, ...]) -> list[float]:
    """Axis range from the start: [0, 1] for accuracies; 0 to above chance level (or the highest loss) for losses.

    A range fitted to the first few points would magnify noise in the fourth decimal into a zigzag.
    """
    if metrics == ACCURACY_METRICS:
        return [0.0, 1.0]
    values = frame.loc[frame["metric"].isin(metrics), "value"]
    finite = values[values.map(math.isfinite)]
    highest = max([CHANCE_LOSS, *finite.tolist()])
    return [0.0, round(1.05 * highest, 2)]


def panel(frame: pd.DataFrame, metrics: tuple[str, ...], title: str, epochs: int) -> dict:
    """Lines of the given metrics over epochs 0 to `epochs`: colour per metric, dash and marker per run, markers at
    epoch ends. The x-axis spans the whole run from the first point, so the curve grows into it (a data-sized axis
    rescaled every redraw, and during the first epoch showed the single tick 0).

    A Vega-Lite spec whose data are named datasets: the spec comes from a cache, built by Altair once per look
    (runs, axis range, language, projector), and each redraw while a run trains only puts the new points in.
    Building and validating the Altair chart took about 120 ms a panel, which every redraw of a live run paid.
    """
    rows = frame[frame["metric"].isin(metrics)]
    runs = tuple(dict.fromkeys(rows["run"]))
    band = metrics == ACCURACY_METRICS and frame["metric"].eq("test_acc").any()
    last_epoch = math.ceil(frame["epoch"].max()) if len(frame) else 0
    spec = panel_spec(metrics, title, runs, max(epochs, last_epoch), tuple(y_domain(frame, metrics)), bool(band),
                      projector_on(), current_language())
    datasets = {"rows": rows, "ends": rows[rows["epoch"] % 1 == 0]}  # markers only where an epoch ended
    if band:
        datasets["band"] = gap_frame(frame)
    return {**spec, "datasets": datasets}


@st.cache_data(max_entries=256, show_spinner=False)
def panel_spec(metrics: tuple[str, ...], title: str, runs: tuple[str, ...], epochs: int, domain: tuple[float, float],
               band: bool, projector: bool, language: str) -> dict:
    """The panel's spec without its data; projector and language key the cache (style_chart and t read them)."""
    x = alt.X("epoch:Q", title=t("chart.epoch"), axis=alt.Axis(tickMinStep=1),
              scale=alt.Scale(domain=[0, epochs], nice=False))
    y_scale = alt.Scale(domain=list(domain), clamp=True)
    # Labels on their gridlines, about six: flush, the bottom one ("0.0") sat half a line above the zero it names.
    y = alt.Y("value:Q", title=None, scale=y_scale, axis=alt.Axis(labelFlush=False, tickCount=6))
    labels = [metric_label(m) for m in metrics]
    # Metrics below the plot, runs above it: side by side, two legends would not fit a narrow column. Both untitled
    # (their entries name themselves), and the runs in one row on a projector: the rows saved keep a 1080-pixel
    # projector's legends on its first screen.
    legend = alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=3)
    color = alt.Color("label:N", title=None, sort=labels, legend=legend)
    # The runs' legend draws each run's line, solid or dashed. The markers' shape comes from a copy of the run field,
    # which the legend does not merge: merged, the dashed run's symbol was a square drawn dashed, a notched blot.
    run_legend = alt.Legend(orient="top", direction="horizontal" if projector else "vertical", symbolType="stroke",
                            symbolStrokeWidth=3, symbolSize=RUN_SYMBOL_SIZE)
    dash = alt.StrokeDash("run:N", title=None, sort=list(runs), legend=run_legend if len(runs) > 1 else None,
                          scale=alt.Scale(domain=list(runs), range=RUN_DASHES[:len(runs)]))
    shape = alt.Shape("marked_run:N", sort=list(runs), legend=None,
                      scale=alt.Scale(domain=list(runs), range=RUN_SHAPES[:len(runs)]))
    tooltip = [alt.Tooltip("run:N", title=t("chart.run")), alt.Tooltip("label:N", title=t("chart.metric")),
               alt.Tooltip("epoch:Q", title=t("chart.epoch"), format=".2f"),
               alt.Tooltip("value:Q", title=title, format=".4f")]
    lines = alt.Chart(alt.NamedData("rows")).mark_line().encode(
        x=x, y=y, color=color, strokeDash=dash, detail="run:N")
    ends = alt.Chart(alt.NamedData("ends")).mark_point(filled=True, opacity=1).transform_calculate(
        marked_run="datum.run").encode(
        x=x, y=y, color=alt.Color("label:N", sort=labels, legend=None), shape=shape, tooltip=tooltip)
    layers = [lines, ends]
    if band:  # from test accuracy up to eval-mode train accuracy: each run's generalization gap
        layers.insert(0, alt.Chart(alt.NamedData("band")).mark_area(opacity=0.15, color="#777777").encode(
            x="epoch:Q", y=alt.Y("test_acc:Q", title=None, scale=y_scale), y2="train_acc_eval:Q", detail="run:N"))
    chart = alt.layer(*layers).properties(
        title=title, height=PLOT_HEIGHT_PROJECTOR if projector else PLOT_HEIGHT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),  # the column's width, the plot's own height
    )
    return style_chart(chart).to_dict()


def gap_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Test and eval-mode train accuracy side by side at each epoch's end, per run: the band's edges."""
    ends = frame[frame["metric"].isin(("train_acc_eval", "test_acc"))]
    return ends.pivot_table(index=["run", "epoch"], columns="metric", values="value").reset_index()


def training_curves(points: list[dict], run_labels: dict[str, str], epochs: int) -> tuple[dict, dict]:
    """The loss panel and the accuracy panel (Vega-Lite specs) of a run of `epochs` epochs, each fitting its column."""
    frame = curve_frame(points, run_labels)
    return (panel(frame, LOSS_METRICS, t("chart.loss"), epochs),
            panel(frame, ACCURACY_METRICS, t("chart.accuracy"), epochs))


def show_curves(points: list[dict], run_labels: dict[str, str], epochs: int) -> None:
    """The loss and the accuracy panel side by side, on a projector too: stacked, each was about 850 px tall on a 1920
    projector and the two were never on screen together."""
    for column, chart in zip(st.columns(2), training_curves(points, run_labels, epochs)):
        column.vega_lite_chart(chart, width="stretch")
