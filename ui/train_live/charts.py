"""The Train page's growing curves: a loss panel and an accuracy panel, the train-test gap shaded.

Each panel is a single view that fits its column (a concatenated chart cannot follow its container's width). Runs
of a pair differ in dash and marker shape as well as in the legend, so they stay apart without colour.
"""
import math

import altair as alt
import pandas as pd

from ui.i18n import t
from ui.theme import projector_on, style_chart

LOSS_METRICS = ("train_loss", "test_loss")
ACCURACY_METRICS = ("train_acc", "train_acc_eval", "test_acc")
CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over 10 classes: where every run starts
PLOT_HEIGHT, PLOT_HEIGHT_PROJECTOR = 300, 380
RUN_DASHES = [[1, 0], [8, 5]]  # solid for the chosen run, dashed for its p = 0 twin
RUN_SHAPES = ["circle", "square"]


def metric_label(metric: str) -> str:
    """The translated name of a metric, saying how it was measured."""
    return t(f"metric.{metric}")


def curve_frame(points: list[dict], run_labels: dict[str, str]) -> pd.DataFrame:
    """The job's points as rows (run label, epoch, metric, its label, value)."""
    frame = pd.DataFrame(points, columns=["run", "epoch", "metric", "value"])
    frame["run"] = frame["run"].map(run_labels)
    frame["label"] = frame["metric"].map(metric_label)
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


def panel(frame: pd.DataFrame, metrics: tuple[str, ...], title: str) -> alt.LayerChart:
    """Lines of the given metrics over epochs: colour per metric, dash and marker per run, markers at epoch ends."""
    rows = frame[frame["metric"].isin(metrics)]
    runs = list(dict.fromkeys(rows["run"]))
    big = projector_on()
    x = alt.X("epoch:Q", title=t("chart.epoch"), axis=alt.Axis(tickMinStep=1))
    y_scale = alt.Scale(domain=y_domain(frame, metrics), clamp=True)
    y = alt.Y("value:Q", title=None, scale=y_scale)
    # Metrics below the plot, runs above it: side by side, two legends would not fit a narrow column.
    legend = alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=3)
    color = alt.Color("label:N", title=t("chart.metric"), sort=[metric_label(m) for m in metrics], legend=legend)
    run_legend = alt.Legend(orient="top", direction="vertical", symbolStrokeWidth=3, symbolSize=200)
    dash = alt.StrokeDash("run:N", title=t("chart.run"), sort=runs, legend=run_legend if len(runs) > 1 else None,
                          scale=alt.Scale(domain=runs, range=RUN_DASHES[:len(runs)]))
    shape = alt.Shape("run:N", title=t("chart.run"), sort=runs, legend=None,
                      scale=alt.Scale(domain=runs, range=RUN_SHAPES[:len(runs)]))
    tooltip = [alt.Tooltip("run:N", title=t("chart.run")), alt.Tooltip("label:N", title=t("chart.metric")),
               alt.Tooltip("epoch:Q", title=t("chart.epoch"), format=".2f"),
               alt.Tooltip("value:Q", title=title, format=".4f")]
    lines = alt.Chart(rows).mark_line().encode(x=x, y=y, color=color, strokeDash=dash, detail="run:N")
    # Markers only where an epoch ended: the points within an epoch would hide the dashes.
    ends = alt.Chart(rows[rows["epoch"] % 1 == 0]).mark_point(filled=True, opacity=1).encode(
        x=x, y=y, color=alt.Color("label:N", sort=[metric_label(m) for m in metrics], legend=None), shape=shape,
        tooltip=tooltip)
    layers = [lines, ends]
    if metrics == ACCURACY_METRICS and frame["metric"].eq("test_acc").any():
        layers.insert(0, gap_band(frame, y_scale))
    return alt.layer(*layers).properties(
        title=title, height=PLOT_HEIGHT_PROJECTOR if big else PLOT_HEIGHT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),  # the column's width, the plot's own height
    )


def gap_band(frame: pd.DataFrame, y_scale: alt.Scale) -> alt.Chart:
    """A shaded band from test accuracy up to eval-mode train accuracy: the generalization gap of each run."""
    ends = frame[frame["metric"].isin(("train_acc_eval", "test_acc"))]
    wide = ends.pivot_table(index=["run", "epoch"], columns="metric", values="value").reset_index()
    return alt.Chart(wide).mark_area(opacity=0.15, color="#777777").encode(
        x="epoch:Q", y=alt.Y("test_acc:Q", title=None, scale=y_scale), y2="train_acc_eval:Q", detail="run:N")


def training_curves(points: list[dict], run_labels: dict[str, str]) -> tuple[alt.LayerChart, alt.LayerChart]:
    """The loss panel and the accuracy panel, each styled for the app and fitting its own column."""
    frame = curve_frame(points, run_labels)
    return (style_chart(panel(frame, LOSS_METRICS, t("chart.loss"))),
            style_chart(panel(frame, ACCURACY_METRICS, t("chart.accuracy"))))
