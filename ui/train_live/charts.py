"""The Train page's growing curves: loss and accuracy panels, with the train-test gap shaded."""
import altair as alt
import pandas as pd

from ui.i18n import t
from ui.theme import style_chart

LOSS_METRICS = ("train_loss", "test_loss")
ACCURACY_METRICS = ("train_acc", "train_acc_eval", "test_acc")


def metric_label(metric: str) -> str:
    """The translated name of a metric, saying how it was measured."""
    return t(f"metric.{metric}")


def _panel(frame: pd.DataFrame, metrics: tuple[str, ...], title: str, several_runs: bool) -> alt.Chart:
    """Lines of the given metrics over epochs, one colour per metric and one dash per run."""
    rows = frame[frame["metric"].isin(metrics)]
    encoding = {
        "x": alt.X("epoch:Q", title=t("chart.epoch")),
        "y": alt.Y("value:Q", title=title, scale=alt.Scale(zero=False)),
        "color": alt.Color("label:N", title=t("chart.metric"), sort=[metric_label(m) for m in metrics]),
        "tooltip": [alt.Tooltip("run:N", title=t("chart.run")), alt.Tooltip("label:N", title=t("chart.metric")),
                    alt.Tooltip("epoch:Q", title=t("chart.epoch"), format=".2f"),
                    alt.Tooltip("value:Q", title=title, format=".4f")],
    }
    if several_runs:
        encoding["strokeDash"] = alt.StrokeDash("run:N", title=t("chart.run"))
    return alt.Chart(rows).mark_line(point=True).encode(**encoding).properties(title=title, height=340)


def _gap_band(frame: pd.DataFrame) -> alt.Chart:
    """A shaded band from test accuracy up to eval-mode train accuracy: the generalization gap of each run."""
    ends = frame[frame["metric"].isin(("train_acc_eval", "test_acc"))]
    wide = ends.pivot_table(index=["run", "epoch"], columns="metric", values="value").reset_index()
    return alt.Chart(wide).mark_area(opacity=0.18).encode(
        x="epoch:Q", y="test_acc:Q", y2="train_acc_eval:Q",
        fill=alt.Fill("run:N", title=t("chart.gap"), scale=alt.Scale(range=["#999999", "#0072B2"])),
    )


def training_curves(points: list[dict], run_labels: dict[str, str]) -> alt.Chart:
    """Loss and accuracy side by side, growing as the points arrive; run_labels names each run id."""
    frame = pd.DataFrame(points, columns=["run", "epoch", "metric", "value"])
    frame["run"] = frame["run"].map(run_labels)
    frame["label"] = frame["metric"].map(metric_label)
    several_runs = frame["run"].nunique() > 1
    loss = _panel(frame, LOSS_METRICS, t("chart.loss"), several_runs)
    accuracy = _panel(frame, ACCURACY_METRICS, t("chart.accuracy"), several_runs)
    if frame["metric"].eq("test_acc").any():
        accuracy = _gap_band(frame) + accuracy
    chart = alt.hconcat(loss, accuracy).resolve_scale(color="independent", strokeDash="shared")
    return style_chart(chart)
