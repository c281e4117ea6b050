"""Shared chart specifications: valid Vega-Lite, one colour scale across heatmaps, legible type."""
import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ui import charts
from ui.theme import cell_format, significant


def validated(spec: dict) -> dict:
    """The spec after Altair has checked it against the Vega-Lite schema (raises if it does not conform)."""
    return alt.LayerChart.from_dict(spec).to_dict()


@pytest.mark.parametrize(
    "value, label",
    [(0.0, "0"), (15.0, "15"), (18.75, "18.8"), (1.25, "1.25"), (-1.234, "-1.23"), (1234567.0, "1.23e6"),
     (0.000123, "0.000123"), (1.5e-7, "1.5e-7")],
)
def test_compact_number(value, label):
    assert charts.compact_number(value) == label


def test_shared_value_scale_covers_every_array_and_zero():
    scale = charts.shared_value_scale(np.array([[2.0, 3.0]]), np.array([[0.0, 6.0]]))
    assert scale.domain == (0.0, 6.0) and scale.scheme == charts.SEQUENTIAL
    assert charts.shared_value_scale(np.array([[2.0, 3.0]])).domain == (0.0, 3.0)


def test_shared_value_scale_diverges_symmetrically_around_zero():
    scale = charts.shared_value_scale(np.array([[-1.0, 0.5]]), np.array([[3.0]]))
    assert scale.domain == (-3.0, 3.0) and scale.scheme == charts.DIVERGING


def test_constant_and_image_scales():
    assert charts.shared_value_scale(np.zeros((2, 2))).domain == (0.0, 1.0)
    image = charts.shared_value_scale(np.array([[0.0, 1.0]]), np.array([[2.0]]), image=True)
    assert image.domain == (0.0, 2.0) and image.scheme == charts.GREYSCALE and image.reverse


def test_light_text_goes_on_dark_cells():
    values = np.array([0.0, 5.0, 10.0])
    assert charts.ColourScale((0.0, 10.0)).needs_light_text(values).tolist() == [False, False, True]
    assert charts.ColourScale((0.0, 10.0), dark_end="low").needs_light_text(values).tolist() == [True, False, False]
    assert charts.ColourScale((-10.0, 10.0), dark_end="both").needs_light_text(
        np.array([-10.0, 0.0, 10.0])
    ).tolist() == [True, False, True]


def test_heatmap_puts_every_value_on_its_cell():
    values = np.array([[0.0, 1.5, 2.0], [3.0, -4.0, 18.75]])
    spec = validated(charts.heatmap(values, charts.shared_value_scale(values), title="X"))
    cells = spec["data"]["values"] if "values" in spec.get("data", {}) else next(iter(spec["datasets"].values()))
    assert [(c["row"], c["col"], c["value"], c["label"]) for c in cells] == [
        (0, 0, 0.0, "0"), (0, 1, 1.5, "1.5"), (0, 2, 2.0, "2"),
        (1, 0, 3.0, "3"), (1, 1, -4.0, "-4"), (1, 2, 18.75, "18.8"),
    ]
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "text"]


def test_heatmaps_drawn_with_one_scale_share_its_domain():
    X, output = np.array([[1.0, 2.0]]), np.array([[0.0, 4.0]])
    scale = charts.shared_value_scale(X, output)
    domains = [
        charts.heatmap(v, scale, title="")["layer"][0]["encoding"]["color"]["scale"]["domain"] for v in (X, output)
    ]
    assert domains == [[0.0, 4.0], [0.0, 4.0]]


def test_picture_heatmap_has_no_printed_values_and_fits_its_height():
    picture = np.random.default_rng(0).random((28, 28))
    spec = validated(charts.heatmap(picture, charts.shared_value_scale(picture, image=True), title="",
                                    show_values=False, show_axes=False))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect"]
    assert 28 * spec["height"]["step"] <= charts.MAX_HEATMAP_HEIGHT


def test_binary_scale_names_both_values_in_its_legend():
    mask = np.array([[0.0, 1.0]])
    spec = validated(charts.heatmap(mask, charts.binary_scale("dropped", "kept"), title="mask"))
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["values"] == [0.0, 1.0] and "'dropped'" in legend["labelExpr"] and "'kept'" in legend["labelExpr"]


def test_heatmap_needs_a_matrix():
    with pytest.raises(ValueError, match="2-D"):
        charts.heatmap(np.zeros(3), charts.ColourScale((0.0, 1.0)), title="")


def test_log_log_line_chart_with_a_dashed_theory_curve():
    frame = pd.DataFrame(
        {"N": [1, 10, 100, 1, 10, 100], "error": [1.0, 0.3, 0.1, 1.0, 0.32, 0.1],
         "series": ["measured"] * 3 + ["theory"] * 3}
    )
    spec = validated(charts.line_chart(frame, x="N", y="error", series="series", x_title="N", y_title="error",
                                       log_x=True, log_y=True, dashed=["theory"], marker_x=10))
    encoding = spec["layer"][0]["encoding"]
    assert encoding["x"]["scale"]["type"] == encoding["y"]["scale"]["type"] == "log"
    assert encoding["x"]["axis"]["values"] == [1.0, 10.0, 100.0]
    assert encoding["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]
    assert spec["layer"][1]["mark"]["type"] == "rule"


def test_themed_charts_use_large_type():
    values = np.array([[1.0, 2.0]])
    spec = charts.themed(charts.heatmap(values, charts.shared_value_scale(values), title="t"))
    config = spec["config"]
    sizes = [config["axis"]["labelFontSize"], config["axis"]["titleFontSize"], config["legend"]["labelFontSize"],
             config["legend"]["titleFontSize"], config["text"]["fontSize"], config["title"]["fontSize"]]
    assert min(sizes) >= 13


def test_arrow_datasets_carry_the_same_rows_and_name_the_top_level_ones():
    rows = [{"epoch": 1, "group": "p = 0", "value": 0.5}, {"epoch": 2, "group": "p = 0.5", "value": None}]
    spec = charts.with_arrow_datasets({"data": {"values": rows}, "datasets": {"gathered": rows[:1]}, "mark": "line"})
    assert spec["data"] == {"name": charts.TOP_ROWS} and spec["mark"] == "line"
    read = {name: pa.ipc.open_stream(data).read_pandas() for name, data in spec["datasets"].items()}
    assert read["gathered"].to_dict("records") == rows[:1]
    top = read[charts.TOP_ROWS]
    assert top["epoch"].tolist() == [1, 2] and top["group"].tolist() == ["p = 0", "p = 0.5"]
    assert top["value"].iloc[0] == 0.5 and pd.isna(top["value"].iloc[1])  # a missing value stays missing
    # Altair's placeholder for a layer drawn from a datum alone is one row without columns: it must stay one row.
    placeholder = charts.with_arrow_datasets({"datasets": {"empty": [{}]}, "mark": "rule"})["datasets"]["empty"]
    assert pa.ipc.open_stream(placeholder).read_all().num_rows == 1


def test_a_cached_spec_is_built_once_per_arguments_projector_mode_and_language(monkeypatch):
    calls = []

    def builder(count: int) -> dict:
        calls.append(count)
        return {"data": {"values": [{"x": i} for i in range(count)]}, "mark": "point"}

    charts._cached_spec.clear()  # the cache is the process's: start from nothing
    look = {"projector": False, "language": "en"}
    monkeypatch.setattr(charts, "projector_on", lambda: look["projector"])
    monkeypatch.setattr(charts, "current_language", lambda: look["language"])
    first = charts.cached_spec(builder, 3)
    assert charts.cached_spec(builder, 3) == first and calls == [3]
    assert len(pa.ipc.open_stream(first["datasets"][charts.TOP_ROWS]).read_pandas()) == 3
    charts.cached_spec(builder, 4)
    look["language"] = "zh"
    charts.cached_spec(builder, 3)
    look["projector"] = True
    charts.cached_spec(builder, 3)
    assert calls == [3, 4, 3, 3]  # new arguments, a new language, projector mode: each builds anew


@pytest.mark.parametrize("value, written", [
    (20780.4, "20780"), (0.0123456, "0.01235"), (-3.14159, "-3.142"), (999.96, "1000"), (0.5, "0.5"), (0.0, "0"),
    (1234567.0, "1235000"), (123456789.0, "1.235e+08"), (1.5e-7, "1.5e-07"),
])
def test_projector_tables_write_four_significant_digits_without_an_exponent_where_they_can(value, written):
    # The Theory lab's table showed a feature's size as 2.078e+04 on the projector and 20780 on the laptop.
    assert significant(value, 4) == written


@pytest.mark.parametrize("spec, value, written", [
    ("%+.2f", -0.001, "+0.00"), ("%+.2f", -0.5, "-0.50"), ("%.4f", 1.23456, "1.2346"), ("%.4g", 20780.4, "20780"),
])
def test_a_projector_table_cell_is_written_as_its_printf_spec_says(spec, value, written):
    assert cell_format(spec)(value) == written


def test_a_long_legend_name_is_set_on_lines_that_fit_and_read_back_whole():
    long_en = "Your runs: p1 = 0.2, p2 = 0.5, learning rate 0.1, batch 32, 2,000 images"
    long_zh = "你的运行：p1 = 0.2，p2 = 0.5，学习率 0.1，批量 32，2000 张图像"  # 42 characters, 60 wide
    expression = charts.wrapped_labels(["p1 = 0, p2 = 0", long_en, long_zh], 50)
    cases = dict(re.findall(r'datum\.label === ("[^"]*") \? (\[[^\]]*\])', expression))
    assert set(map(json.loads, cases)) == {long_en, long_zh}  # the short name keeps its one line
    for name, lines in ((json.loads(k), json.loads(v)) for k, v in cases.items()):
        assert len(lines) > 1 and all(charts.display_width(line) <= 50 for line in lines)
        # Broken after a comma: an English one gave up the space after it.
        assert "".join(line + " " * line.endswith(",") for line in lines[:-1]) + lines[-1] == name
    assert charts.wrapped_labels(["p1 = 0, p2 = 0"], 50) is None
