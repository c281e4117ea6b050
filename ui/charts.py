"""Charts shared by the pages: heatmaps with values on the cells, and line charts with optional log axes.

The builders return Vega-Lite specifications (plain dicts in the schema Altair writes), not Altair charts, the
project's usual idiom, because Altair is too slow for the Mask explorer's 150 ms rerun budget. Measured
2026-11-30 (Altair 6.3.0, Streamlit 1.67, a shared 2-core machine at load 1 to 4), the same chart built with
Altair objects (alt.layer, encode, style_chart's configure_*) and turned into its spec with to_dict() took
43 to 55 ms (2 x 8 heatmap with values, 28 x 28 picture, 194-point log-log line chart), against 0.1 to 1.5 ms
for these builders: 30 to 400 times as long, most of it in building and schema-validating Altair's objects,
which st.altair_chart always does. A Mask explorer rerun (moving p, median of 16 through AppTest, five charts)
took 67 and 92 ms with these builders, 376 and 398 ms with Altair ones patched in: 4 to 6 times as long.
`alt.Chart.from_dict(spec)` turns any of them into an Altair chart when a page wants to compose.

`draw` renders one with ui.theme's palette and type sizes (projector mode included), so sizes live in one
place; the builders set none of their own. A chart whose inputs repeat from visitor to visitor (saved runs, the
Theory lab's problems) goes through `cached_spec`, which builds it once per process for each look.
"""
import functools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from ui.i18n import current_language
from ui.theme import projector_on, style_chart

CELL_HEIGHT = 40  # pixels per heatmap row when values are printed: room for projector-size text
MAX_HEATMAP_HEIGHT = 300  # a heatmap without printed values is squeezed to at most this height
LINE_CHART_HEIGHT = 260  # of the plot area; title, axes and legend come on top
# Width fills the container, height is the plot's own: Streamlit's default "fit" would squeeze the plot
# until title, axes and legend fit a height meant for the plot alone.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}
DARK_TEXT, LIGHT_TEXT = "#111111", "#ffffff"
TOP_ROWS = "rows"  # the dataset name with_arrow_datasets gives a spec's top-level rows

SEQUENTIAL, DIVERGING, GREYSCALE = "blues", "blueorange", "greys"


@dataclass(frozen=True)
class ColourScale:
    """One mapping from values to colours, shared by every heatmap drawn with it so that colours compare."""

    domain: tuple[float, float]
    scheme: str | None = SEQUENTIAL  # a Vega colour scheme, or None to interpolate `colours`
    colours: tuple[str, str] | None = None  # (colour of the low end, colour of the high end)
    reverse: bool = False
    dark_end: str = "high"  # which end is dark enough to need light text: "high", "low" or "both"
    legend_labels: tuple[tuple[float, str], ...] | None = None  # a legend of named values instead of a bar

    def vega_scale(self) -> dict:
        """The Vega-Lite scale for this mapping."""
        if self.colours is not None:
            return {"domain": list(self.domain), "range": list(self.colours)}
        return {"domain": list(self.domain), "scheme": self.scheme, "reverse": self.reverse}

    def needs_light_text(self, values: np.ndarray) -> np.ndarray:
        """True where a cell's colour is dark, so its printed value must be white to stay legible."""
        low, high = self.domain
        position = (values - low) / (high - low) if high > low else np.zeros_like(values)
        if self.dark_end == "low":
            return position < 0.45
        if self.dark_end == "both":
            return np.abs(position - 0.5) > 0.3
        return position > 0.55


def shared_value_scale(*arrays: np.ndarray, image: bool = False) -> ColourScale:
    """A scale covering every array (and zero): diverging around 0 when values have both signs."""
    values = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays] + [np.zeros(1)])
    low, high = float(values.min()), float(values.max())
    if image:
        return ColourScale((low, high), GREYSCALE, reverse=True, dark_end="low")
    if low < 0 < high:
        bound = max(-low, high)  # symmetric, so that zero sits on the neutral middle colour
        return ColourScale((-bound, bound), DIVERGING, dark_end="both")
    if low == high:
        high = low + 1.0  # a constant tensor still needs a non-empty domain
    return ColourScale((low, high), SEQUENTIAL)


def binary_scale(zero_label: str, one_label: str) -> ColourScale:
    """A two-colour scale for 0/1 tensors such as a dropout mask, with a named legend entry for each."""
    return ColourScale(
        (0.0, 1.0), scheme=None, colours=("#e4e4e4", "#1f6f43"), legend_labels=((0.0, zero_label), (1.0, one_label))
    )


def compact_number(value: float) -> str:
    """A cell label of at most about five characters: 3 significant digits, 0 as plain 0."""
    if value == 0:
        return "0"
    return f"{value:.3g}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")


def display_width(text: str) -> int:
    """How wide text is set, in widths of a Latin character: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrapped_labels(names: Sequence[str], width: int) -> str | None:
    """A Vega label expression that sets each name wider than `width` (display_width) on several lines, broken after
    its commas; None when every name fits on one. A legend cuts a longer label short with an ellipsis."""
    cases = []
    for name in names:
        if display_width(name) <= width:
            continue
        lines = [""]
        for piece in re.split(r"(?<=, )|(?<=，)", name):
            if lines[-1] and display_width(lines[-1] + piece) > width:
                lines.append("")
            lines[-1] += piece
        cases.append(f"datum.label === {json.dumps(name, ensure_ascii=False)} ? "
                     f"{json.dumps([line.rstrip() for line in lines], ensure_ascii=False)}")
    return " : ".join(cases + ["datum.label"]) if cases else None


def _legend(scale: ColourScale, title: str) -> dict:
    """A colour bar, or one entry per named value when the scale names them."""
    if scale.legend_labels is None:
        return {"title": title, "orient": "bottom", "gradientLength": 160}
    expression = " : ".join(f"datum.value == {v} ? {label!r}" for v, label in scale.legend_labels) + " : ''"
    values = [v for v, _ in scale.legend_labels]
    return {"title": title, "orient": "bottom", "type": "symbol", "values": values, "labelExpr": expression}


def heatmap(
    values: np.ndarray,
    scale: ColourScale,
    *,
    title: str,
    legend_title: str = "",
    show_values: bool = True,
    show_axes: bool = True,
) -> dict:
    """A heatmap of a 2-D array, row 0 at the top, optionally with each cell's value printed on it."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"a heatmap needs a 2-D array, got shape {values.shape}")
    rows, cols = np.indices(values.shape)
    flat = values.ravel()
    light = scale.needs_light_text(flat)
    cells = [
        {"row": r, "col": c, "value": v, "label": compact_number(v), "light_text": d}
        for r, c, v, d in zip(rows.ravel().tolist(), cols.ravel().tolist(), flat.tolist(), light.tolist())
    ]
    axis = {"labelAngle": 0, "ticks": False, "domain": False, "title": None} if show_axes else None
    # Rows with printed values are tall enough for each row's label; Vega's overlap check still dropped every other
    # one in projector type (rows 0, 2, 4 of six). Columns keep the check: 32 narrow ones can be too close.
    row_axis = {**axis, "labelOverlap": False} if show_axes and show_values else axis
    colour = {"field": "value", "type": "quantitative", "scale": scale.vega_scale()}
    # Separate cells get white borders; a picture gets borders of its own colour, hiding anti-aliasing seams.
    # They read a copy of the value: on the same field Vega-Lite would merge the colour bar into symbols.
    border = {"value": "white"}
    if not show_axes:
        for cell in cells:
            cell["border"] = cell["value"]
        border = {**colour, "field": "border", "legend": None}
    rect = {
        "mark": {"type": "rect", "strokeWidth": 1 if show_axes else 0.5},
        "encoding": {
            "color": {**colour, "legend": _legend(scale, legend_title)},
            "stroke": border,
            "tooltip": [
                {"field": "row", "type": "ordinal"},
                {"field": "col", "type": "ordinal"},
                {"field": "value", "type": "quantitative", "format": ".4g"},
            ],
        },
    }
    layers = [rect]
    if show_values:
        layers.append({
            "mark": {"type": "text"},
            "encoding": {
                "text": {"field": "label", "type": "nominal"},
                "color": {"condition": {"test": "datum.light_text", "value": LIGHT_TEXT}, "value": DARK_TEXT},
            },
        })
    row_height = CELL_HEIGHT if show_values else max(1, min(CELL_HEIGHT, MAX_HEATMAP_HEIGHT // values.shape[0]))
    return {
        "title": title,
        "data": {"values": cells},
        "height": {"step": row_height},  # rows are a discrete scale: size each band, not the whole chart
        "autosize": FIT_WIDTH,
        "encoding": {
            "x": {"field": "col", "type": "ordinal", "axis": axis},
            "y": {"field": "row", "type": "ordinal", "axis": row_axis},
        },
        "layer": layers,
    }


def _quantitative_axis(field: str, title: str, values: pd.Series, log: bool) -> dict:
    """A position channel; on a log scale, ticks at the powers of ten the data spans (1, 10, 100, ...)."""
    channel = {"field": field, "type": "quantitative", "title": title, "scale": {"type": "log" if log else "linear"}}
    positive = values[values > 0]
    if log and not positive.empty:
        low, high = math.floor(math.log10(positive.min())), math.ceil(math.log10(positive.max()))
        channel["axis"] = {"values": [10.0**k for k in range(low, high + 1)], "format": "~g"}
    return channel


def line_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
    x_title: str,
    y_title: str,
    title: str = "",
    log_x: bool = False,
    log_y: bool = False,
    dashed: Sequence[str] = (),
    marker_x: float | None = None,
) -> dict:
    """One line per value of frame[series]; the series named in `dashed` drawn dashed (e.g. theory)."""
    names = list(dict.fromkeys(frame[series].tolist()))
    records = [
        {x: a, y: b, series: s}
        for a, b, s in zip(frame[x].astype(float).tolist(), frame[y].astype(float).tolist(), frame[series].tolist())
    ]
    lines = {
        "mark": {"type": "line"},
        "encoding": {
            "x": _quantitative_axis(x, x_title, frame[x], log_x),
            "y": _quantitative_axis(y, y_title, frame[y], log_y),
            "color": {"field": series, "type": "nominal", "sort": names,
                      "legend": {"title": None, "orient": "bottom"}},
            "strokeDash": {"field": series, "type": "nominal", "legend": None,
                           "scale": {"domain": names, "range": [[6, 4] if n in dashed else [1, 0] for n in names]}},
            "tooltip": [{"field": series, "type": "nominal"},
                        {"field": x, "type": "quantitative", "format": ",.4g"},
                        {"field": y, "type": "quantitative", "format": ".4g"}],
        },
    }
    layers = [lines]
    if marker_x is not None:
        layers.append({
            "data": {"values": [{x: float(marker_x)}]},
            "mark": {"type": "rule", "color": "#888888", "strokeDash": [2, 2]},
            "encoding": {"x": {"field": x, "type": "quantitative"}},
        })
    return {
        "title": title,
        "data": {"values": records},
        "height": LINE_CHART_HEIGHT,
        "autosize": FIT_WIDTH,
        "layer": layers,
    }


@functools.lru_cache(maxsize=2)
def _theme_config(projector: bool) -> dict:
    """ui.theme.style_chart's Vega-Lite config (palette, type and line sizes); `projector` keys the cache."""
    # style_chart reads the projector state itself, so this must be called with projector_on()'s current value.
    config = style_chart(alt.Chart().mark_point()).to_dict(validate=False)["config"]
    config.pop("view", None)  # Altair's default 300 x 300 view; the containers here set the size
    config["title"] = {**config.get("title", {}), "anchor": "start"}
    return config


def themed(spec: dict) -> dict:
    """The spec with the app's chart theme for this session (large type in projector mode)."""
    return {**spec, "config": _theme_config(projector_on())}


def inline_rows(frame: pd.DataFrame) -> alt.InlineData:
    """The frame's rows written into an Altair chart's spec (missing values as null).

    Inline rows pass by Altair's data transformers: a process-wide setting that Streamlit switches, under a lock of
    its own, while it draws another visitor's Altair chart.
    """
    return alt.InlineData(values=frame.astype(object).where(frame.notna(), None).to_dict("records"))


def altair_spec(chart: alt.TopLevelMixin, height: int, **properties) -> dict:
    """An Altair chart's spec at the container's width with a plot of this height, themed, for st.vega_lite_chart.

    Written without Altair's schema validation and with the theme as one config (not style_chart's chain of copies):
    st.altair_chart's validation and the copies took most of a Theory-lab or Compare rerun. Streamlit's default
    autosize would squeeze the plot until legend and axes fit inside `height`.
    """
    return themed(chart.properties(height=height, autosize=alt.AutoSizeParams(**FIT_WIDTH), **properties)
                  .to_dict(validate=False))


def cached_spec(builder: Callable[..., dict], *args, **unhashed) -> dict:
    """builder(*args, **unhashed), a Vega-Lite spec, built once per process for these arguments, the projector mode
    and the language (which builders read through the theme and t()), its data as Arrow bytes.

    A class moving the same few controls asks for the same charts again and again: building a spec with Altair
    and converting its rows took most of a Theory-lab or Compare rerun. The positional arguments are the spec's
    whole input (numbers, strings, tuples, small arrays and frames: Streamlit hashes only a sample of very large
    ones), and a builder reads nothing else but cached computations of them. Keyword arguments reach the builder
    without being hashed (runs, say, that are slow to hash): the positional ones must then identify them.
    """
    return _cached_spec(f"{builder.__module__}.{builder.__qualname__}", projector_on(), current_language(), args,
                        _builder=builder, _unhashed=unhashed)


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_spec(name: str, projector: bool, language: str, args: tuple, _builder: Callable[..., dict],
                 _unhashed: dict) -> dict:
    """cached_spec's cache: `name` stands for the builder; neither it nor `_unhashed` is hashed."""
    return with_arrow_datasets(_builder(*args, **_unhashed))


def with_arrow_datasets(spec: dict) -> dict:
    """The spec with its named datasets (Altair gathers a chart's inline rows there) and its top-level rows as
    Arrow IPC bytes.

    st.vega_lite_chart passes bytes on as they are, and converts anything else to Arrow on every call: for a spec
    that a page builds once and caches, that conversion took about 40 % of a Compare rerun.
    """
    datasets = dict(spec.get("datasets", {}))
    if "values" in spec.get("data", {}):  # a builder's own rows, not gathered by Altair
        datasets[TOP_ROWS], spec = spec["data"]["values"], {**spec, "data": {"name": TOP_ROWS}}
    return {**spec, "datasets": {name: arrow_bytes(pd.DataFrame(rows)) for name, rows in datasets.items()}}


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as an Arrow IPC stream, the form Streamlit sends a chart's data in."""
    # The default keeps a RangeIndex in the metadata only: no extra column, and rows survive without columns.
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def draw(spec: dict, container=None) -> None:
    """Render a spec from this module, themed, at its container's width."""
    (container or st).vega_lite_chart(themed(spec), width="stretch")
