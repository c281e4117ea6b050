"""The Theory lab's charts: Monte Carlo convergence, weights per feature, a thinned network, curves against T.

The first functions turn the core's numbers into chart rows; every builder takes already translated titles, composes
the chart with Altair and returns its Vega-Lite spec through ui.charts.altair_spec (themed, projector mode too), for
st.vega_lite_chart.
"""
import altair as alt
import numpy as np
import pandas as pd

from dropout_core.checks import check_int_at_least
from dropout_core.theory.ensemble import droppable_layers
from ui.charts import altair_spec, inline_rows
from ui.theme import PALETTE

HEIGHT = 300
KEPT_COLOUR, DROPPED_COLOUR = PALETTE[0], "#c8c8c8"
REFERENCE_COLOUR = "#666666"


# --- chart rows ---------------------------------------------------------------------------------------------------
def upscale(image: np.ndarray, factor: int) -> np.ndarray:
    """A 2-D image enlarged by repeating every pixel factor x factor times (sharp pixels, no blur)."""
    factor = check_int_at_least(factor, "factor")
    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"an image must be 2-D, got shape {image.shape}")
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def log_spaced_indices(length: int, points: int) -> np.ndarray:
    """Up to `points` distinct indices into a sequence of `length`, evenly spaced on a log scale, both ends kept."""
    length = check_int_at_least(length, "length")
    points = check_int_at_least(points, "points", minimum=2)
    return np.unique(np.geomspace(1, length, points).round().astype(int)) - 1


def histogram_frame(sample, bins: int = 40, value_range: tuple[float, float] | None = None) -> pd.DataFrame:
    """Bin edges and counts of a sample, as rows (start, end, count): a histogram drawn from 40 rows, not 100,000.

    value_range fixes the edges, so that histograms of several groups share their bins.
    """
    values = np.asarray(sample, dtype=np.float64)
    low, high = value_range if value_range is not None else (float(values.min()), float(values.max()))
    if low == high:  # a constant sample still gets one visible bar
        low, high = low - 0.5, high + 0.5
    counts, edges = np.histogram(values, bins=check_int_at_least(bins, "bins"), range=(low, high))
    return pd.DataFrame({"start": edges[:-1], "end": edges[1:], "count": counts})


def network_drawing(layer_sizes, kept) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units and connections of a layered network for a drawing, with whether each survives one dropout mask.

    kept holds one bool tensor per layer (ensemble.subnetwork_drawing). Units: layer, unit, x, y, kept.
    Connections: x, y, x2, y2, active, where a connection is active when both of its units are kept.
    Layers sit at x = 0, 1, ...; each layer's units are centred on y = 0, one unit apart.
    """
    sizes = [int(size) for size in layer_sizes]
    droppable_layers(sizes)  # validates the sizes
    if len(kept) != len(sizes) or any(len(mask) != size for mask, size in zip(kept, sizes)):
        raise ValueError(f"need one keep mask per layer of sizes {sizes}, got lengths {[len(m) for m in kept]}")
    units = pd.DataFrame(
        [{"layer": layer, "unit": unit, "x": float(layer), "y": (size - 1) / 2 - unit, "kept": bool(mask[unit])}
         for layer, (size, mask) in enumerate(zip(sizes, kept)) for unit in range(size)]
    )
    position = {(row.layer, row.unit): (row.x, row.y, row.kept) for row in units.itertuples()}
    connections = []
    for layer in range(len(sizes) - 1):
        for a in range(sizes[layer]):
            for b in range(sizes[layer + 1]):
                x, y, kept_a = position[(layer, a)]
                x2, y2, kept_b = position[(layer + 1, b)]
                connections.append({"x": x, "y": y, "x2": x2, "y2": y2, "active": kept_a and kept_b})
    # Inactive connections first, so the active ones are drawn on top of them.
    return units, pd.DataFrame(connections).sort_values("active", kind="stable", ignore_index=True)


# --- charts -------------------------------------------------------------------------------------------------------

def _reference_rule(value: float, label: str, dash=(6, 4)) -> alt.LayerChart:
    """A horizontal rule at value with its label written above its left end: the curves it is a reference for (a
    running mean, an average of more and more passes) converge on it towards the right, where they hid the label."""
    frame = inline_rows(pd.DataFrame({"value": [value], "label": [label]}))
    rule = alt.Chart(frame).mark_rule(color=REFERENCE_COLOUR, strokeDash=list(dash), strokeWidth=2).encode(y="value:Q")
    text = alt.Chart(frame).mark_text(align="left", baseline="bottom", dx=4, dy=-4, color=REFERENCE_COLOUR).encode(
        y="value:Q", x=alt.value(0), text="label:N"
    )
    return rule + text


def monte_carlo_chart(frame: pd.DataFrame, closed_form: float, closed_label: str, squared_error: float,
                      squared_label: str, x_title: str, y_title: str, estimate_label: str) -> dict:
    """Running Monte Carlo mean against N (log axis) with its +-2 SE band and the closed form as a rule.

    frame: N, mean, low, high (low and high NaN where the standard error is undefined).
    """
    x = alt.X("N:Q", scale=alt.Scale(type="log"), title=x_title)
    band = alt.Chart(inline_rows(frame.dropna())).mark_area(opacity=0.25, color=PALETTE[0]).encode(
        x=x, y=alt.Y("low:Q", title=y_title, scale=alt.Scale(zero=False)), y2="high:Q"
    )
    line = alt.Chart(inline_rows(frame.assign(series=estimate_label))).mark_line(color=PALETTE[0]).encode(
        x=x, y="mean:Q", tooltip=[alt.Tooltip("N:Q", format=","), alt.Tooltip("mean:Q", format=".5g")]
    )
    layers = band + line + _reference_rule(closed_form, closed_label)
    if squared_error != closed_form:  # at d = 0 the two coincide and one label is enough
        layers += _reference_rule(squared_error, squared_label, dash=(2, 3))
    return altair_spec(layers, HEIGHT)


def features(frame: pd.DataFrame) -> list[str]:
    """The frame's features in its own order (x1, x2, ..., x10): an axis of names would sort x10 before x2."""
    return list(dict.fromkeys(frame["feature"]))


def weights_chart(frame: pd.DataFrame, x_title: str, y_title: str, method_title: str) -> dict:
    """Grouped bars: one group per feature, one bar per method. frame: feature, method, value."""
    methods = list(dict.fromkeys(frame["method"]))
    return altair_spec(
        alt.Chart(inline_rows(frame)).mark_bar().encode(
            x=alt.X("feature:N", title=x_title, axis=alt.Axis(labelAngle=0), sort=features(frame)),
            xOffset=alt.XOffset("method:N", sort=methods),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color("method:N", sort=methods, title=method_title,
                            legend=alt.Legend(orient="bottom", columns=2)),
            tooltip=["feature:N", "method:N", alt.Tooltip("value:Q", format=".4g")],
        ),
        HEIGHT,
    )


def scale_chart(frame: pd.DataFrame, x_title: str, y_title: str) -> dict:
    """Bars of each feature's size on a log axis, rising from a floor below the smallest. frame: feature, value."""
    floor = float(frame["value"].min()) / 2  # a log axis has no zero for bars to start from
    return altair_spec(
        alt.Chart(inline_rows(frame)).mark_bar(color=REFERENCE_COLOUR).encode(
            x=alt.X("feature:N", title=x_title, axis=alt.Axis(labelAngle=0), sort=features(frame)),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="log", domainMin=floor)),
            y2=alt.datum(floor),
            tooltip=["feature:N", alt.Tooltip("value:Q", format=".4g")],
        ),
        HEIGHT,
    )


def network_chart(units: pd.DataFrame, connections: pd.DataFrame, layer_labels: list[str], kept_label: str,
                  dropped_label: str) -> dict:
    """A layered network: kept units and their connections coloured, dropped ones greyed out.

    units and connections as network_drawing gives them; layer_labels names each layer above it, a line break
    ("\n") between its name and its drop rate: on one line, neighbouring hidden layers' names ran into each other.
    """
    status = alt.Scale(domain=[kept_label, dropped_label], range=[KEPT_COLOUR, DROPPED_COLOUR])
    # Room around the units: half a unit below, more above for the layer names' two lines.
    y_scale = alt.Scale(domain=[float(units["y"].min()) - 0.5, float(units["y"].max()) + 2.0])
    x_scale = alt.Scale(domain=[-0.4, float(units["x"].max()) + 0.4])
    x, y = alt.X("x:Q", scale=x_scale, axis=None), alt.Y("y:Q", scale=y_scale, axis=None)
    named = {True: kept_label, False: dropped_label}
    lines = alt.Chart(inline_rows(connections.assign(status=connections["active"].map(named)))).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("status:N", scale=status, legend=None),
        strokeWidth=alt.condition("datum.active", alt.value(1.6), alt.value(0.8)),
        opacity=alt.condition("datum.active", alt.value(0.8), alt.value(0.6)),
    )
    nodes = alt.Chart(inline_rows(units.assign(status=units["kept"].map(named)))).mark_circle(
        size=420, opacity=1, stroke="white", strokeWidth=1.5
    ).encode(
        x=x, y=y, color=alt.Color("status:N", scale=status, title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["layer:Q", "unit:Q", "status:N"],
    )
    label_frame = pd.DataFrame({"x": [float(i) for i in range(len(layer_labels))], "label": layer_labels})
    labels = alt.Chart(inline_rows(label_frame)).mark_text(baseline="top", fontWeight="bold", lineBreak="\n").encode(
        x=x, y=alt.value(0), text="label:N"
    )
    return altair_spec(lines + nodes + labels, 360, view=alt.ViewBackground(strokeWidth=0))


def curves_with_reference(frame: pd.DataFrame, y_title: str, x_title: str, reference: float,
                          reference_label: str, title: str) -> dict:
    """Curves of value against T (log axis), one per series, with a constant reference drawn as a rule.

    frame: T, value, series.
    """
    series = list(dict.fromkeys(frame["series"]))
    line = alt.Chart(inline_rows(frame)).mark_line(point=alt.OverlayMarkDef(size=25)).encode(
        x=alt.X("T:Q", scale=alt.Scale(type="log"), title=x_title),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", sort=series, title=None, scale=alt.Scale(range=PALETTE[1:]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=["series:N", alt.Tooltip("T:Q"), alt.Tooltip("value:Q", format=".4f")],
    )
    return altair_spec(line + _reference_rule(reference, reference_label), HEIGHT, title=title)


def histogram_chart(frame: pd.DataFrame, x_title: str, y_title: str, group_title: str | None = None,
                    marker: float | None = None, marker_label: str = "") -> dict:
    """Bars from pre-binned rows (start, end, count[, group]); groups overlap translucently; optional vertical rule."""
    encoding = dict(
        x=alt.X("start:Q", title=x_title, bin="binned"), x2="end:Q",
        y=alt.Y("count:Q", title=y_title, stack=None),
        tooltip=[alt.Tooltip("start:Q", format=".3g"), alt.Tooltip("end:Q", format=".3g"), "count:Q"],
    )
    if group_title is not None:
        encoding["color"] = alt.Color("group:N", title=group_title, legend=alt.Legend(orient="bottom"))
    bars = alt.Chart(inline_rows(frame)).mark_bar(opacity=0.65 if group_title else 0.9, color=PALETTE[0])
    chart = bars.encode(**encoding)
    if marker is not None:
        rule_frame = inline_rows(pd.DataFrame({"x": [marker], "label": [marker_label]}))
        chart += alt.Chart(rule_frame).mark_rule(color=PALETTE[1], strokeWidth=3).encode(x="x:Q")
        chart += alt.Chart(rule_frame).mark_text(align="left", dx=5, baseline="top", color=PALETTE[1]).encode(
            x="x:Q", y=alt.value(4), text="label:N"
        )
    return altair_spec(chart, 260)


def lines_chart(frame: pd.DataFrame, x_title: str, y_title: str, format_x: str = "") -> dict:
    """One line with points per series. frame: x, value, series."""
    series = list(dict.fromkeys(frame["series"]))
    return altair_spec(
        alt.Chart(inline_rows(frame)).mark_line(point=True).encode(
            x=alt.X("x:Q", title=x_title, axis=alt.Axis(format=format_x) if format_x else alt.Axis()),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color("series:N", sort=series, title=None, legend=alt.Legend(orient="bottom", columns=1)),
            tooltip=["series:N", alt.Tooltip("x:Q", format=".2f"), alt.Tooltip("value:Q", format=".4f")],
        ),
        HEIGHT,
    )
