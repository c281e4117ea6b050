"""Mask explorer: one tensor before and after dropout, its statistics, and the mean over many masks."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from dropout_core.masks.functions import randn_mistake_keep_probability, randn_mistake_mean_ratio
from dropout_core.masks.implementations import (
    DROPOUT_IMPLEMENTATIONS,
    FUNCTIONAL,
    MODULE,
    RANDN_MISTAKE,
    SCRATCH,
    MaskedOutput,
    apply_dropout,
    keep_probability_and_scale,
)
from dropout_core.masks.inputs import (
    D2L_SHAPE,
    MAX_ABS_VALUE,
    MAX_ANNOTATED_SIDE,
    MAX_EXPECTATION_ELEMENTS,
    MAX_SIDE,
    GridProblem,
    d2l_tensor,
    grid_template,
    image_tensor,
    parse_grid,
    random_tensor,
)
from dropout_core.masks.statistics import (
    MASK_EXPRESSIONS,
    ExpectationCurve,
    binomial_spread,
    expectation_curve,
    expected_mean_ratio,
    mask_expression_draws,
    mask_expression_keep_fractions,
)
from ui import charts
from ui.controls import resample_seed, url_choice, url_number, url_slider
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.safe_text import plain
from ui.shell import require_app_shell
from ui.theme import projector_on

require_app_shell()

INPUTS = ("d2l", "random", "image", "grid")
MODES = ("train", "eval")
IMPLEMENTATION_KEYS = {SCRATCH: "scratch", MODULE: "module", FUNCTIONAL: "functional", RANDN_MISTAKE: "randn"}
DEFAULT_P = 0.5  # one of the d2l demo's values: dropout_layer(X, 0.5)
MAX_SEED = 2**31 - 1
N_MAX = 10_000
N_CHOICES = (1, 10, 100, 1_000, 10_000)
EXPRESSION_DRAWS = 100_000  # kept fraction scatters by at most sqrt(0.25 / 1e5) = 0.0016 around its probability
# Wider tensors are stacked so each cell keeps room for its printed value (less room for projector-size type).
SIDE_BY_SIDE_MAX_COLS, SIDE_BY_SIDE_MAX_COLS_PROJECTOR = 8, 4
MAX_PROBLEMS_LISTED = 5
GRID_WIDTH_PX, GRID_MIN_COLUMN_PX = 330, 40  # room for the editable grid's columns in its half of the page
SEED_RANGE = 100_000  # seeds drawn by "resample" stay short enough to read aloud


def _fmt(value: float, digits: int = 3) -> str:
    """A number with a fixed number of decimals, for metrics and captions."""
    return f"{value:.{digits}f}"


@st.cache_data(max_entries=64, show_spinner=False)
def _expectation(implementation: str, x: np.ndarray, p: float, seed: int) -> ExpectationCurve:
    """expectation_curve for one setting, cached: 10,000 resamples cost a noticeable fraction of a second."""
    return expectation_curve(implementation, torch.from_numpy(x), p, seed, N_MAX, mean_at=N_CHOICES)


@st.cache_data(max_entries=8, show_spinner=False)
def _expression_draws(seed: int) -> dict[str, torch.Tensor]:
    """mask_expression_draws for one seed, cached: they do not depend on p, so a p sweep reuses them."""
    return mask_expression_draws(EXPRESSION_DRAWS, seed)


def _shape_inputs() -> tuple[int, int]:
    """Rows and columns of the random tensor or grid."""
    left, right = st.columns(2)
    rows = url_number(t("mask.rows"), "rows", 1, MAX_SIDE, D2L_SHAPE[0], place=left)
    cols = url_number(t("mask.cols"), "cols", 1, MAX_SIDE, D2L_SHAPE[1], place=right)
    return int(rows), int(cols)


def _random_input() -> torch.Tensor:
    """A seeded standard-normal tensor of the chosen shape."""
    rows, cols = _shape_inputs()
    x_seed = url_number(t("mask.x_seed"), "x_seed", 0, MAX_SEED, 0)
    st.caption(t("mask.random_caption"))
    return random_tensor(rows, cols, int(x_seed))


def _image_input() -> torch.Tensor | None:
    """A Fashion-MNIST test image as floats in [0, 1], or None (with a note) when the data is not here."""
    data = fashion_mnist_or_notice("mask", optional=True)
    if data is None:
        return None
    count = data.test_images.shape[0]
    index = url_number(t("mask.image_index", last=count - 1), "image", 0, count - 1, 0)
    label = int(data.test_labels[int(index)])
    st.caption(t("mask.image_caption", label=t(f"mask.class_{label}")))
    return image_tensor(data.test_images, int(index))


def _problem_sentence(problem: GridProblem) -> str:
    """One grid problem in the learner's language."""
    return t(
        f"mask.grid_{problem.kind}", row=problem.row, col=problem.col, text=plain(problem.text),
        limit=f"{MAX_ABS_VALUE:,.0f}"
    )


def _grid_input() -> torch.Tensor | None:
    """The learner's own numbers, or None after an error that names every bad cell."""
    rows, cols = _shape_inputs()
    template = pd.DataFrame(grid_template(rows, cols), columns=[str(c) for c in range(cols)])
    st.caption(t("mask.grid_caption"))
    # Narrow text columns: the d2l shape fits its half of the page, and any text may be typed (then checked).
    width = max(GRID_MIN_COLUMN_PX, GRID_WIDTH_PX // cols)
    column_config = {name: st.column_config.TextColumn(width=width) for name in template.columns}
    edited = st.data_editor(template, num_rows="fixed", key="grid", column_config=column_config)
    parsed = parse_grid(edited.to_numpy().tolist())
    if parsed.problems:
        listed = [_problem_sentence(p) for p in parsed.problems[:MAX_PROBLEMS_LISTED]]
        more = len(parsed.problems) - len(listed)
        if more:
            listed.append(t("mask.grid_more", count=more))
        st.error(t("mask.grid_invalid") + "\n\n" + "\n".join(f"- {line}" for line in listed))
        return None
    return parsed.values


def choose_input() -> tuple[torch.Tensor | None, bool]:
    """The input tensor the learner picked (None when unusable) and whether it is an image."""
    st.subheader(t("mask.input"))
    source = url_choice(
        t("mask.input_label"), "input", INPUTS, "d2l", format_func=lambda s: t(f"mask.input_{s}"), widget="radio"
    )
    if source == "random":
        return _random_input(), False
    if source == "image":
        return _image_input(), True
    if source == "grid":
        return _grid_input(), False
    st.code("X = torch.arange(16, dtype=torch.float32).reshape(2, 8)", language="python", wrap_lines=True)
    return d2l_tensor(), False


def choose_dropout() -> tuple[float, int, str, bool]:
    """p, seed, implementation and whether dropout is in training mode."""
    st.subheader(t("mask.dropout"))
    p = url_slider(t("mask.p"), "p", 0.0, 1.0, DEFAULT_P, step=0.01, help=t("mask.p_help"))
    seed_column, button_column = st.columns(2, vertical_alignment="bottom")
    seed = url_number(t("mask.seed"), "seed", 0, MAX_SEED, 0, place=seed_column)
    button_column.button(t("mask.resample"), on_click=resample_seed, args=("seed", SEED_RANGE), key="resample",
                         help=t("mask.resample_help"))
    implementation = url_choice(
        t("mask.impl"), "impl", DROPOUT_IMPLEMENTATIONS, SCRATCH, widget="radio",
        format_func=lambda name: t(f"mask.impl_{IMPLEMENTATION_KEYS[name]}"),
    )
    st.caption(t(f"mask.impl_{IMPLEMENTATION_KEYS[implementation]}_caption"))
    mode = url_choice(  # a radio rather than a segmented control: it wraps when projector-size type needs it
        t("mask.mode"), "mode", MODES, "train", format_func=lambda m: t(f"mask.mode_{m}"), widget="radio",
        horizontal=True,
    )
    return float(p), int(seed), implementation, mode == "train"


def _as_matrix(tensor: torch.Tensor) -> np.ndarray:
    """A tensor as a 2-D float array for drawing (a 1-D tensor becomes one row)."""
    array = tensor.detach().double().numpy()
    return array.reshape(1, -1) if array.ndim == 1 else array


def _fits_side_by_side(cols: int) -> bool:
    """Whether three heatmaps this wide fit side by side with their values still legible."""
    return cols <= (SIDE_BY_SIDE_MAX_COLS_PROJECTOR if projector_on() else SIDE_BY_SIDE_MAX_COLS)


def show_heatmaps(X: torch.Tensor, mask: torch.Tensor, output: torch.Tensor, is_image: bool, training: bool) -> None:
    """X, the mask and the output side by side; X and output share one colour scale."""
    rows, cols = _as_matrix(X).shape
    too_large = max(rows, cols) > MAX_ANNOTATED_SIDE
    if too_large and not is_image:
        st.warning(t("mask.too_large_to_annotate", rows=rows, cols=cols, limit=MAX_ANNOTATED_SIDE))
    show_values = not (is_image or too_large)
    scale = charts.shared_value_scale(_as_matrix(X), _as_matrix(output), image=is_image)
    mask_scale = charts.binary_scale(t("mask.legend_dropped"), t("mask.legend_kept"))
    output_title = t("mask.output_title_train") if training else t("mask.output_title_eval")
    panels = [
        (_as_matrix(X), scale, t("mask.x_title"), t("mask.legend_value")),
        (_as_matrix(mask.float()), mask_scale, t("mask.mask_title"), ""),
        (_as_matrix(output), scale, output_title, t("mask.legend_value")),
    ]
    containers = st.columns(3) if is_image or _fits_side_by_side(cols) else [st.container() for _ in panels]
    for container, (values, colour_scale, title, legend_title) in zip(containers, panels):
        chart = charts.heatmap(
            values, colour_scale, title=title, legend_title=legend_title,
            show_values=show_values, show_axes=not is_image,
        )
        charts.draw(chart, container)
    if is_image:
        st.caption(t("mask.image_scale_caption"))


def show_statistics(X: torch.Tensor, result: MaskedOutput, implementation: str, p: float, training: bool) -> None:
    """Fraction kept against what it should be, and the output's mean against the input's."""
    n = X.numel()
    kept = float(result.mask.float().mean())
    mean_x, mean_out = float(X.double().mean()), float(result.output.double().mean())
    ratio = expected_mean_ratio(implementation, p) if training else 1.0
    kept_col, mean_x_col, mean_out_col = st.columns(3)
    kept_col.metric(t("mask.kept_fraction"), _fmt(kept), help=t("mask.kept_fraction_help"))
    kept_col.caption(t("mask.kept_count", kept=int(result.mask.sum()), total=n))
    if not training:
        kept_col.caption(t("mask.kept_eval"))
    elif implementation == RANDN_MISTAKE:
        kept_col.caption(
            t("mask.kept_should_randn", should=_fmt(1 - p), actual=_fmt(randn_mistake_keep_probability(p), 4))
        )
    else:
        keep = keep_probability_and_scale(implementation, p)[0]
        kept_col.caption(t("mask.kept_should", should=_fmt(keep), spread=_fmt(binomial_spread(keep, n)), n=n))
    mean_x_col.metric(t("mask.mean_x"), _fmt(mean_x, 4))
    mean_out_col.metric(t("mask.mean_output"), _fmt(mean_out, 4))
    mean_out_col.caption(t("mask.mean_expected", ratio=_fmt(ratio, 4), expected=_fmt(ratio * mean_x, 4)))


def show_eval_explanation(X: torch.Tensor, output: torch.Tensor, p: float, training: bool) -> None:
    """Eval mode: output equals input; why inverted dropout needs no rescale; the paper's convention."""
    if not training:
        if torch.equal(output, X.float()):
            st.success(t("mask.eval_equal"))
        else:
            st.error(t("mask.eval_not_equal"))
    with st.expander(t("mask.eval_why_title"), expanded=not training):
        st.markdown(t("mask.eval_why"))
        keep = 1.0 - p
        table = pd.DataFrame(
            {
                t("mask.conv_column"): [t("mask.conv_paper"), t("mask.conv_pytorch")],
                t("mask.conv_p_means"): [t("mask.conv_p_keep", p=_fmt(keep, 2)), t("mask.conv_p_drop", p=_fmt(p, 2))],
                t("mask.conv_train"): ["x", f"x / (1 − p) = {_fmt(1 / keep, 3)} · x" if keep > 0 else "0"],
                t("mask.conv_test"): [f"p · x = {_fmt(keep, 3)} · x", "x"],
                t("mask.conv_train_mean"): [f"{_fmt(keep, 3)} · x", "x" if keep > 0 else "0"],
            }
        )
        st.table(table, hide_index=True)
        st.markdown(t("mask.conv_note"))


def show_randn_mistake(p: float, seed: int, implementation: str) -> None:
    """Why torch.randn(X.shape) > p is biased, with the probabilities for this p, and what is not a mistake."""
    with st.expander(t("mask.randn_title"), expanded=implementation == RANDN_MISTAKE):
        st.markdown(
            t(
                "mask.randn_explain",
                p=_fmt(p, 2),
                keep=_fmt(randn_mistake_keep_probability(p), 4),
                should=_fmt(1 - p, 4),
                ratio=_fmt(randn_mistake_mean_ratio(p), 3),
                keep_0=_fmt(randn_mistake_keep_probability(0.0), 4),
            )
        )
        st.markdown(
            t(
                "mask.randn_d2l_values",
                keep_02=_fmt(randn_mistake_keep_probability(0.2), 4),
                keep_05=_fmt(randn_mistake_keep_probability(0.5), 4),
                ratio_02=_fmt(randn_mistake_mean_ratio(0.2), 3),
                ratio_05=_fmt(randn_mistake_mean_ratio(0.5), 3),
            )
        )
        fractions = mask_expression_keep_fractions(_expression_draws(seed), p)
        table = pd.DataFrame(
            {
                t("mask.expr_column"): list(MASK_EXPRESSIONS),
                t("mask.expr_probability"): [_fmt(fractions[e][0], 4) for e in MASK_EXPRESSIONS],
                t("mask.expr_measured", n=f"{EXPRESSION_DRAWS:,}"): [_fmt(fractions[e][1], 4) for e in MASK_EXPRESSIONS],
                t("mask.expr_verdict"): [t("mask.expr_ok"), t("mask.expr_wrong"), t("mask.expr_ok")],
            }
        )
        st.table(table, hide_index=True)
        st.markdown(t("mask.randn_uniform_note"))


def _curve_frame(curve: ExpectationCurve) -> pd.DataFrame:
    """The measured and theoretical error of the running mean, in long form for a line chart."""
    counts = curve.counts.numpy()
    frame = pd.concat(
        [
            pd.DataFrame({"N": counts, "error": curve.measured.numpy(), "series": t("mask.curve_measured")}),
            pd.DataFrame({"N": counts, "error": curve.theory.numpy(), "series": t("mask.curve_theory")}),
        ]
    )
    return frame[frame["error"] > 0]  # a log axis cannot show an exact zero


def _show_theory(X: torch.Tensor, implementation: str, p: float, curve: ExpectationCurve, n: int) -> None:
    """The formulas under the expectation chart, with this tensor's numbers: theory, explanation, measurement."""
    formula_column, text_column, number_column = st.columns(3)
    with formula_column:
        if implementation == RANDN_MISTAKE:
            ratio = randn_mistake_mean_ratio(p)
            st.latex(rf"\frac{{\mathbb{{E}}[x']}}{{x}} = \frac{{1-\Phi(p)}}{{1-p}} = {ratio:.3f}")
            st.caption(t("mask.theory_correct_for_comparison"))
        st.latex(r"\mathbb{E}[x'] = x")
        st.latex(r"\operatorname{Var}[x'] = x^2\,\frac{p}{1-p}")
    with text_column:
        if implementation == RANDN_MISTAKE:
            rms_x = float(X.double().pow(2).mean().sqrt())
            st.markdown(t("mask.theory_randn_floor", ratio=_fmt(ratio, 3), floor=_fmt(abs(ratio - 1) * rms_x, 3)))
        else:
            st.markdown(t("mask.theory_sqrt_n"))
    index = int(torch.searchsorted(curve.counts, n))
    number_column.metric(
        t("mask.error_at_n", n=f"{n:,}"), _fmt(float(curve.measured[index]), 4), help=t("mask.error_at_n_help")
    )
    number_column.caption(t("mask.error_theory_at_n", theory=_fmt(float(curve.theory[index]), 4)))
    if curve.fitted_ratio is not None:
        number_column.caption(
            t(
                "mask.fitted_ratio",
                n=f"{N_MAX:,}",
                fitted=_fmt(curve.fitted_ratio, 3),
                expected=_fmt(expected_mean_ratio(implementation, p), 3),
            )
        )


def show_expectation(X: torch.Tensor, implementation: str, p: float, seed: int, training: bool, is_image: bool) -> None:
    """The mean of N outputs approaching E[output] as N grows: 1/sqrt(N), or a floor for the randn mistake."""
    st.subheader(t("mask.expectation"))
    if not training:
        st.info(t("mask.expectation_eval"))
        return
    if X.numel() > MAX_EXPECTATION_ELEMENTS:
        st.info(t("mask.expectation_too_large", n=f"{N_MAX:,}", count=X.numel(), limit=MAX_EXPECTATION_ELEMENTS))
        return
    curve = _expectation(implementation, X.numpy(), p, seed)
    n = url_choice(t("mask.n"), "n", N_CHOICES, N_MAX, widget="select_slider", format_func=lambda v: f"{v:,}")
    chart_column, mean_column = st.columns([1.2, 1] if not is_image else [2, 1])
    frame = _curve_frame(curve)
    if frame.empty:
        chart_column.info(t("mask.expectation_exact"))
    else:
        chart = charts.line_chart(
            frame, x="N", y="error", series="series", x_title=t("mask.curve_x"), y_title=t("mask.curve_y"),
            title=t("mask.curve_title"), log_x=True, log_y=True, dashed=[t("mask.curve_theory")], marker_x=n,
        )
        charts.draw(chart, chart_column)
    mean = curve.mean_outputs[n]
    scale = charts.shared_value_scale(_as_matrix(X), _as_matrix(mean), image=is_image)
    rows, cols = _as_matrix(X).shape
    mean_chart = charts.heatmap(
        _as_matrix(mean), scale, title=t("mask.mean_title", n=f"{n:,}"), legend_title=t("mask.legend_value"),
        show_values=not is_image and rows <= MAX_ANNOTATED_SIDE and _fits_side_by_side(cols), show_axes=not is_image,
    )
    charts.draw(mean_chart, mean_column)
    _show_theory(X, implementation, p, curve, n)


def render() -> None:
    """The whole page, top to bottom; a bad input stops only what needs the input."""
    st.title(t("mask.title"))
    st.markdown(t("mask.intro"))
    input_column, dropout_column = st.columns(2, gap="large")
    with input_column:
        X, is_image = choose_input()
    with dropout_column:
        p, seed, implementation, training = choose_dropout()
    if implementation == RANDN_MISTAKE and training:
        st.warning(t("mask.randn_banner", keep=_fmt(randn_mistake_keep_probability(p), 4), should=_fmt(1 - p, 4)))
    if X is None:
        st.info(t("mask.no_input"))
    else:
        result = apply_dropout(implementation, X, p, training, seed)
        show_heatmaps(X, result.mask, result.output, is_image, training)
        show_statistics(X, result, implementation, p, training)
        show_eval_explanation(X, result.output, p, training)
    show_randn_mistake(p, seed, implementation)
    if X is not None:
        show_expectation(X, implementation, p, seed, training, is_image)
    st.page_link("pages/theory.py", label=t("mask.variants_link"), query_params={"section": "variants"})


render()
