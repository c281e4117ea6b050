"""The Mask explorer page, run through the whole app: every control changes what it shows, never a traceback."""
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import metric
from conftest import open_page as open_app_page
from streamlit import dataframe_util

import dropout_core.training.data
from dropout_core.masks.functions import (
    randn_mistake_keep_probability,
    randn_mistake_mean_ratio,
)
from dropout_core.masks.implementations import (
    MODULE,
    RANDN_MISTAKE,
    SCRATCH,
    apply_dropout,
)
from dropout_core.masks.inputs import d2l_tensor, image_tensor, random_tensor
from dropout_core.masks.statistics import expectation_curve
from dropout_core.training.data import (
    DataUnavailableError,
    candidate_folders,
    find_local_copy,
)
from ui.i18n import translate

PAGE = "pages/mask.py"


def open_page(app, **link):
    """The Mask explorer opened from a link with these URL parameters, prediction prompts off unless the link says
    otherwise: these tests read the results (the prediction tests at the end answer first)."""
    return open_app_page(app, PAGE, **{"predict": "false", **link})


def captions(app) -> str:
    """Every caption on the page, as one text."""
    return "\n".join(c.value for c in app.caption)


def markdown(app) -> str:
    """Every markdown block on the page, as one text."""
    return "\n".join(md.value for md in app.markdown)


def chart_values(app, title: str) -> np.ndarray:
    """The cell values of the heatmap with this title, as a rows x cols array."""
    for chart in app.get("vega_lite_chart"):
        if json.loads(chart.proto.spec).get("title") == title:
            cells = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.data.data)
            shape = (cells["row"].max() + 1, cells["col"].max() + 1)
            return cells.sort_values(["row", "col"])["value"].to_numpy().reshape(shape)
    raise AssertionError(f"no chart titled {title!r}")


def colour_domain(app, title: str) -> list[float]:
    """The value range the colours of the heatmap with this title span."""
    for chart in app.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("title") == title:
            return spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    raise AssertionError(f"no chart titled {title!r}")


def kept_fraction(implementation, X, p, seed, training=True) -> str:
    """The kept fraction the page should show: kept elements over all of them, for the core's mask."""
    mask = apply_dropout(implementation, X, p, training, seed).mask
    return f"{mask.sum().item() / mask.numel():.4f}"


def test_default_page_applies_scratch_dropout_to_the_d2l_tensor(app):
    open_page(app)
    X = d2l_tensor()
    expected = apply_dropout(SCRATCH, X, 0.5, True, 0)
    assert metric(app, "Fraction kept") == kept_fraction(SCRATCH, X, 0.5, 0)
    assert metric(app, "Mean of X") == "7.5000"
    assert metric(app, "Mean of the output") == f"{float(expected.output.mean()):.4f}"
    assert np.array_equal(chart_values(app, "X (input)"), X.numpy())
    assert np.array_equal(chart_values(app, "Mask (1 = kept)"), expected.mask.float().numpy())
    assert np.allclose(chart_values(app, "Output = mask · X / (1 − p)"), expected.output.numpy())
    assert "1 − p = 0.500" in captions(app)


def test_changing_p_changes_the_mask_and_what_it_should_keep(app):
    open_page(app)
    app.slider(key="p").set_value(0.2).run()
    assert metric(app, "Fraction kept") == kept_fraction(SCRATCH, d2l_tensor(), 0.2, 0)
    assert "1 − p = 0.800" in captions(app)
    assert np.allclose(chart_values(app, "Output = mask · X / (1 − p)"),
                       apply_dropout(SCRATCH, d2l_tensor(), 0.2, True, 0).output.numpy())


def test_changing_the_seed_and_resampling_draw_new_masks(app):
    open_page(app)
    app.number_input(key="seed").set_value(7).run()
    assert np.array_equal(chart_values(app, "Mask (1 = kept)"),
                          apply_dropout(SCRATCH, d2l_tensor(), 0.5, True, 7).mask.float().numpy())
    app.button(key="resample").click().run()
    seed = app.number_input(key="seed").value
    assert seed != 7
    assert np.array_equal(chart_values(app, "Mask (1 = kept)"),
                          apply_dropout(SCRATCH, d2l_tensor(), 0.5, True, seed).mask.float().numpy())


def test_switching_implementation_uses_it(app):
    open_page(app, seed=3)
    app.radio(key="impl").set_value(MODULE).run()
    expected = apply_dropout(MODULE, d2l_tensor(), 0.5, True, 3)
    assert metric(app, "Fraction kept") == kept_fraction(MODULE, d2l_tensor(), 0.5, 3)
    assert np.allclose(chart_values(app, "Output = mask · X / (1 − p)"), expected.output.numpy())


def test_eval_mode_output_equals_input(app):
    open_page(app, p=0.3)
    app.radio(key="mode").set_value("eval").run()
    assert not app.exception
    assert metric(app, "Fraction kept") == "1.0000"
    assert metric(app, "Mean of the output") == metric(app, "Mean of X") == "7.5000"
    captions = [c.value for c in app.caption]
    assert "Eval mode draws no mask: the output is X, so its mean is mean(X) = 7.5000." in captions
    assert not [c.value for c in app.caption if "Expected over masks" in c.value]
    assert np.array_equal(chart_values(app, translate("mask.output_title_eval", "en")), d2l_tensor().numpy())
    assert any("equals X exactly" in s.value for s in app.success)
    # the conventions table is computed for this p: the paper keeps 1 - p = 0.70 and scales by it at test time
    assert any("0.700 · x" in str(table.value) for table in app.table)
    assert any("nothing to average" in i.value for i in app.info)
    # No mask is drawn, so none is shown: a mask of ones beside "draws no mask" contradicted it.
    assert translate("mask.mask_title", "en") not in chart_titles(app)
    assert translate("mask.no_mask_eval", "en") in [i.value for i in app.info]


def test_randn_mistake_shows_its_computed_keep_probability(app):
    open_page(app, p=0.2)
    app.radio(key="impl").set_value(RANDN_MISTAKE).run()
    keep = f"{randn_mistake_keep_probability(0.2):.4f}"
    assert keep == "0.4207"  # the figure the literature quotes, recomputed here
    assert any(keep in w.value and "0.8000" in w.value for w in app.warning)
    assert f"1 − Φ(p) = {keep}" in captions(app)
    ratio = f"{randn_mistake_mean_ratio(0.2):.3f}"
    assert any(ratio in latex.value for latex in app.latex)
    curve = expectation_curve(RANDN_MISTAKE, d2l_tensor(), 0.2, 0, 10_000)
    assert f"≈ {curve.fitted_ratio:.3f} · X (theory: {ratio} · X)" in captions(app)
    assert metric(app, "RMS error after N = 10,000") == f"{float(curve.measured[-1]):.4f}"


def test_expectation_view_matches_the_core_and_follows_n(app):
    open_page(app)
    curve = expectation_curve(SCRATCH, d2l_tensor(), 0.5, 0, 10_000, mean_at=(100,))
    assert metric(app, "RMS error after N = 10,000") == f"{float(curve.measured[-1]):.4f}"
    app.select_slider(key="n").set_value(100).run()
    index = int(torch.searchsorted(curve.counts, 100))
    assert metric(app, "RMS error after N = 100") == f"{float(curve.measured[index]):.4f}"
    assert np.allclose(chart_values(app, "Mean of 100 outputs"), curve.mean_outputs[100].numpy())


@pytest.mark.parametrize(
    "typed, problem",
    [("abc", "“abc” is not a number"), ("nan", "not a finite number"), ("inf", "not a finite number"),
     ("", "is empty"), ("1e9", "is too large")],
)
def test_bad_grid_input_shows_an_error_not_a_traceback(app, typed, problem):
    open_page(app, input="grid")
    app.session_state["grid"] = {"edited_rows": {0: {"3": typed}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert not app.exception
    assert len(app.error) == 1 and "X[0, 3]" in app.error[0].value and problem in app.error[0].value
    assert not app.metric  # nothing is drawn from a grid that is not all numbers
    app.slider(key="p").set_value(0.1).run()  # the controls keep working
    assert not app.exception


def test_a_valid_grid_edit_is_used(app):
    open_page(app, input="grid")
    app.session_state["grid"] = {"edited_rows": {1: {"7": "-4.5"}}, "added_rows": [], "deleted_rows": []}
    app.run()
    X = d2l_tensor()
    X[1, 7] = -4.5
    assert not app.error
    assert metric(app, "Mean of X") == f"{float(X.mean()):.4f}"
    assert np.array_equal(chart_values(app, "X (input)"), X.numpy())


def test_random_input_of_a_chosen_shape(app):
    open_page(app, input="random", rows=3, cols=5, x_seed=4)
    X = random_tensor(3, 5, seed=4)
    assert np.allclose(chart_values(app, "X (input)"), X.numpy())
    assert metric(app, "Fraction kept") == kept_fraction(SCRATCH, X, 0.5, 0)


def test_shapes_too_large_to_annotate_or_average_are_refused_politely(app):
    open_page(app, input="random", rows=40, cols=30)
    assert not app.exception
    assert any("too large to print the values" in w.value for w in app.warning)
    assert any("at most 1024 elements; X has 1200" in i.value for i in app.info)
    assert metric(app, "Fraction kept") == kept_fraction(SCRATCH, random_tensor(40, 30, 0), 0.5, 0)


@pytest.mark.skipif(find_local_copy(candidate_folders()) is None, reason="Fashion-MNIST is not on this machine")
def test_image_input_shows_the_picture_before_and_after(app):
    open_page(app, input="image", image=3)
    data = dropout_core.training.data.load_fashion_mnist()
    X = image_tensor(data.test_images, 3)
    label = dropout_core.training.data.CLASS_NAMES[int(data.test_labels[3])]
    assert f"Class: {label}" in captions(app)
    assert np.allclose(chart_values(app, "X (input)"), X.numpy())
    assert metric(app, "Fraction kept") == kept_fraction(SCRATCH, X, 0.5, 0)


def test_missing_image_data_leaves_a_note_and_the_rest_working(app, monkeypatch):
    monkeypatch.setattr(dropout_core.training.data, "find_local_copy", lambda folders: None)
    open_page(app, input="image")
    assert any("not on this machine" in i.value for i in app.info)
    assert not app.metric
    app.radio(key="input").set_value("d2l").run()
    assert not app.exception and metric(app, "Mean of X") == "7.5000"


def test_unreadable_image_data_shows_a_warning_not_a_traceback(app, monkeypatch):
    def refuse(*args, **kwargs):
        raise DataUnavailableError("the files are damaged")

    monkeypatch.setattr(dropout_core.training.data, "find_local_copy", lambda folders: Path("/nowhere"))
    monkeypatch.setattr(dropout_core.training.data, "load_fashion_mnist", refuse)
    open_page(app, input="image")
    assert any("the files are damaged" in w.value for w in app.warning)


def test_a_shared_link_opens_the_exact_setting(app):
    open_page(app, p=0.2, seed=9, impl=MODULE, mode="train", n=1000)
    assert app.slider(key="p").value == 0.2 and app.radio(key="impl").value == MODULE
    assert metric(app, "Fraction kept") == kept_fraction(MODULE, d2l_tensor(), 0.2, 9)
    assert metric(app, "RMS error after N = 1,000")


def test_the_page_in_chinese(app):
    open_page(app, lang="zh", impl=RANDN_MISTAKE, p=0.5)
    assert app.title[0].value == "掩码探索"
    assert metric(app, "保留比例") == kept_fraction(RANDN_MISTAKE, d2l_tensor(), 0.5, 0)
    assert any(f"{randn_mistake_keep_probability(0.5):.4f}" in w.value and "错误" in w.value for w in app.warning)


@pytest.mark.parametrize(
    "link",
    [{"impl": SCRATCH}, {"impl": MODULE, "p": 1.0}, {"impl": "F.dropout", "p": 0.0}, {"impl": RANDN_MISTAKE},
     {"mode": "eval"}, {"input": "random", "rows": 40, "cols": 30}, {"input": "grid"}],
)
def test_every_panel_renders_in_chinese(app, link):
    open_page(app, lang="zh", **link)
    assert metric(app, "保留比例") and metric(app, "X 的均值")
    assert any("为什么推理时不需要缩放" in e.label for e in app.expander)


def test_links_to_the_dropout_variants(app):
    open_page(app)
    (link,) = [link for link in app.get("page_link") if link.proto.page == "theory"]
    assert "AlphaDropout" in link.proto.label and "section=variants" in link.proto.query_string


@pytest.mark.parametrize("implementation", [SCRATCH, RANDN_MISTAKE])
def test_at_p_1_the_page_says_every_unit_is_dropped_not_that_the_mean_is_x(app, implementation):
    open_page(app, p=1.0, impl=implementation)
    latex = "\n".join(element.value for element in app.get("latex"))
    assert "x' = 0" in latex and r"\mathbb{E}[x'] = x" not in latex
    text = markdown(app)
    rms = (sum(k * k for k in range(16)) / 16) ** 0.5  # RMS of the d2l tensor arange(16): sqrt(1240 / 16)
    assert "At p = 1 every unit is dropped" in text and f"RMS(X) = {rms:.3f}" in text
    assert "1/√N" not in text and "levels off" not in text
    assert np.all(chart_values(app, "Output = mask · X / (1 − p)") == 0)


def test_the_scratch_caption_says_when_greater_or_equal_matters(app):
    open_page(app, impl=SCRATCH)
    assert "rand returns exactly p" in captions(app) and "dropout_layer returns X first" in captions(app)


def test_the_image_caption_names_the_class_in_chinese(app, fashion_mnist):
    open_page(app, lang="zh", input="image", image=0)
    label = int(fashion_mnist.test_labels[0])
    assert f"类别：{translate(f'data.class_{label}', 'zh')}。" in captions(app)


# --- predict, then see ------------------------------------------------------------------------------------------
def chart_titles(app) -> set[str]:
    """The titles of the page's heatmaps."""
    return {json.loads(chart.proto.spec).get("title") for chart in app.get("vega_lite_chart")}


def question(app, widgets, text: str):
    """The prediction field (a text input or radio among widgets) whose label is text."""
    (field,) = [widget for widget in widgets if widget.label == text]
    return field


def commit(app, field, value) -> None:
    """Type or choose value in a prediction field and press its commit button."""
    field.input(value) if hasattr(field, "input") else field.set_value(value)
    app.button(key=field.key.replace("predict_input_", "predict_commit_", 1)).click().run()
    assert not app.exception, [e.value for e in app.exception]


def beside(app, metric_label: str) -> str:
    """The markdown in the column of the metric whose label starts with metric_label."""
    (column,) = [column for column in app.columns if any(m.label.startswith(metric_label) for m in column.metric)]
    return "\n".join(md.value for md in column.markdown)


@pytest.fixture
def labels_in(monkeypatch):
    """Make AppTest format option labels in lang: it formats them outside any run, out of the session's reach."""
    return lambda lang: monkeypatch.setattr("ui.i18n.current_language", lambda: lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_mask_and_output_wait_for_a_committed_prediction(app, labels_in, lang):
    labels_in(lang)
    open_app_page(app, PAGE, lang=lang)
    x_title, mask_title, output_title = (translate(key, lang) for key in
                                         ("mask.x_title", "mask.mask_title", "mask.output_title_train"))
    assert chart_titles(app) == {x_title}  # X is given; what dropout does to it is not
    assert not app.metric and translate("predict.hidden", lang) in captions(app)
    # The d2l tensor at p = 0.5, seed 0, computed here: kept count and output mean, and how much each varies
    # from mask to mask (binomial count; the mean of x * Bernoulli(1 - p) / (1 - p)).
    X = d2l_tensor()
    result = apply_dropout(SCRATCH, X, 0.5, True, 0)
    kept, mean = int(result.mask.sum()), float(result.output.mean())
    kept_spread = (16 * 0.5 * 0.5) ** 0.5
    mean_spread = (0.5 * 0.5 * float((X.double() ** 2).sum())) ** 0.5 / 0.5 / 16
    kept_guess, mean_guess = kept + 2, round(mean + 3 * mean_spread, 2)
    assert abs(kept_guess - kept) <= kept_spread < abs(mean_guess - mean) / 2
    # X on its own colours until the answers are in: a scale up to the output's largest value (2 x 15) hinted that
    # the kept values double.
    assert colour_domain(app, x_title) == [0.0, float(X.max())]
    commit(app, question(app, app.text_input, translate("mask.predict_kept", lang, total=16)), str(kept_guess))
    assert chart_titles(app) == {x_title}  # one of two answers: still hidden
    commit(app, question(app, app.text_input, translate("mask.predict_mean", lang)), f"{mean_guess}")
    assert {x_title, mask_title, output_title} <= chart_titles(app)
    assert np.array_equal(chart_values(app, mask_title), result.mask.float().numpy())
    # Then X, the output and the mean of many outputs share one scale: the mean, close to X, looks like X (on its
    # own scale it looked twice as bright).
    shared = [0.0, float(result.output.max())]
    mean_title = translate("mask.mean_title", lang, n="10,000")
    assert colour_domain(app, x_title) == colour_domain(app, output_title) == colour_domain(app, mean_title) == shared
    kept_line = beside(app, translate("mask.kept_fraction", lang))
    assert f"{kept_guess} / 16" in kept_line or f"{kept_guess} of 16" in kept_line
    assert f"✓ {translate('predict.right', lang)}" in kept_line and "±2.0" in kept_line
    mean_line = beside(app, translate("mask.mean_output", lang))
    assert f"{mean_guess:.2f}" in mean_line and f"✗ {translate('predict.wrong', lang)}" in mean_line
    assert f"±{mean_spread:.2f}" in mean_line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_average_count_is_right_on_average_when_the_mask_strays(app, labels_in, lang):
    labels_in(lang)
    open_app_page(app, PAGE, lang=lang)
    # d2l's tensor at p = 0.5, seed 0: a binomial count of 16 draws has mean 8 and standard deviation 2. This mask
    # strays further than that, so the textbook answer 8 misses it; it is still the right reasoning.
    kept = int(apply_dropout(SCRATCH, d2l_tensor(), 0.5, True, 0).mask.sum())
    assert abs(kept - 8) > 2
    commit(app, question(app, app.text_input, translate("mask.predict_kept", lang, total=16)), "8")
    commit(app, question(app, app.text_input, translate("mask.predict_mean", lang)), "0")
    kept_line = beside(app, translate("mask.kept_fraction", lang))
    assert f"≈ {translate('predict.right_on_average', lang)}" in kept_line
    assert translate("predict.wrong", lang) not in kept_line
    average = translate("mask.predict_kept_average", lang, expected="8.0", kept=kept)
    assert average in [caption.value for caption in app.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_eval_mode_prediction_is_judged_by_the_output_shown(app, labels_in, lang):
    labels_in(lang)
    open_app_page(app, PAGE, lang=lang, mode="eval", p=0.3)
    assert not app.metric and chart_titles(app) == {translate("mask.x_title", lang)}
    field = question(app, app.radio, translate("mask.predict_eval", lang))
    commit(app, field, "scaled_up")
    output = apply_dropout(SCRATCH, d2l_tensor(), 0.3, False, 0).output
    assert not torch.allclose(output, d2l_tensor() / 0.7)  # so "X / (1 - p)" is wrong, and "X itself" right
    line = "\n".join(md.value for md in app.markdown if translate("predict.yours", lang, answer="") in md.value)
    assert "X · 2.000" not in line and "X · 1.429" in line and f"✗ {translate('predict.wrong', lang)}" in line
    assert metric(app, translate("mask.kept_fraction", lang)) == "1.0000"
    app.button(key=field.key.replace("predict_input_", "predict_change_", 1)).click().run()
    assert not app.metric  # asked again
    commit(app, question(app, app.radio, translate("mask.predict_eval", lang)), "same")
    assert torch.equal(output, d2l_tensor())
    assert any(f"✓ {translate('predict.right', lang)}" in md.value for md in app.markdown)


def test_a_new_p_asks_again_and_a_visited_one_keeps_its_answer(app):
    open_app_page(app, PAGE)
    commit(app, question(app, app.text_input, "How many of the 16 elements will survive?"), "8")
    commit(app, question(app, app.text_input, "What will the mean of the output be?"), "7.5")
    assert app.metric
    app.slider(key="p").set_value(0.2).run()
    assert not app.metric and len(app.text_input) == 2
    app.slider(key="p").set_value(0.5).run()
    assert app.metric
    app.switch_page("pages/train.py").run()
    app.switch_page("pages/mask.py").run()
    assert app.metric and "8 of 16 kept" in beside(app, "Fraction kept")  # answers outlive a visit elsewhere
    assert "predict" not in app.query_params and not any("8" in value for value in app.query_params.values())


@pytest.mark.parametrize("lang, typed, message", [
    ("en", "17", "17 is outside the range: type a number from 0 to 16."),
    ("zh", "八", "“八”不是数字。请输入一个 0 到 16 之间的数。"),
    ("en", "7.5", "Type a whole number from 0 to 16."),
])
def test_a_kept_count_it_does_not_ask_for_is_refused_with_a_message(app, labels_in, lang, typed, message):
    labels_in(lang)
    open_app_page(app, PAGE, lang=lang)
    commit(app, question(app, app.text_input, translate("mask.predict_kept", lang, total=16)), typed)
    assert [e.value for e in app.error] == [message] and not app.metric


def test_the_mean_is_asked_within_what_the_output_can_reach(app):
    open_app_page(app, PAGE, p=0.5)  # every element 0 or 2x: the mean lies in [0, 2 * 7.5]
    commit(app, question(app, app.text_input, "What will the mean of the output be?"), "15.01")
    assert [e.value for e in app.error] == ["15.01 is outside the range: type a number from 0.00 to 15.00."]


PANEL_TITLES = ("X (input)", "Mask (1 = kept)", "Output = mask · X / (1 − p)")


def panels_side_by_side(app) -> bool:
    """Whether X, the mask and the output stand in three columns of one row (else they are stacked)."""
    in_columns = [chart for column in app.columns for chart in column.get("vega_lite_chart")
                  if json.loads(chart.proto.spec).get("title") in PANEL_TITLES]
    return len(in_columns) == len(PANEL_TITLES)


@pytest.mark.parametrize("link, side_by_side", [
    # Stacked, the output of d2l's 2 x 8 example started 1,450 px down a 1080-pixel projector screen.
    ({"projector": "true"}, True),
    ({"projector": "true", "p": "0.7"}, False),  # kept values of 15 / 0.3 print as 50 and 3.33: too wide there
    ({"p": "0.7"}, True),  # laptop type leaves room for them
])
def test_a_projector_shows_x_mask_and_output_side_by_side_when_their_values_fit(app, link, side_by_side):
    open_page(app, **link)
    assert panels_side_by_side(app) == side_by_side


def test_the_panels_layout_follows_p_not_the_draw(app):
    # An output whose mask kept nothing prints only zeros; a new seed keeping one 150 must not rearrange the page.
    X = d2l_tensor()
    seeds = [seed for seed in range(60) if not apply_dropout(SCRATCH, X, 0.9, True, seed).mask.any()]
    assert seeds, "some seed of 60 drops all 16 elements at p = 0.9"
    open_page(app, projector="true", p="0.9", seed=str(seeds[0]))
    assert not panels_side_by_side(app)
