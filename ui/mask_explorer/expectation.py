"""The Mask explorer's expectation view: the mean of N outputs approaching E[output], measured and in theory."""
import numpy as np
import pandas as pd
import streamlit as st
import torch

from dropout_core.masks.functions import randn_mistake_mean_ratio
from dropout_core.masks.implementations import RANDN_MISTAKE
from dropout_core.masks.inputs import MAX_ANNOTATED_SIDE, MAX_EXPECTATION_ELEMENTS
from dropout_core.masks.statistics import (
    ExpectationCurve,
    expectation_curve,
    expected_mean_ratio,
    running_mean_error_floor,
)
from ui import charts
from ui.controls import url_choice
from ui.i18n import t
from ui.mask_explorer.controls import DropoutChoice
from ui.mask_explorer.panels import as_matrix, fits_side_by_side, fmt, label_chars, value_scale
from ui.theme import projector_on

N_MAX = 10_000
N_CHOICES = (1, 10, 100, 1_000, 10_000)


@st.cache_data(max_entries=64, show_spinner=False)
def _expectation(implementation: str, x: np.ndarray, p: float, seed: int) -> ExpectationCurve:
    """expectation_curve for one setting, cached: 10,000 resamples cost a noticeable fraction of a second."""
    return expectation_curve(implementation, torch.from_numpy(x), p, seed, N_MAX, mean_at=N_CHOICES)


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


def _show_theory(X: torch.Tensor, choice: DropoutChoice, curve: ExpectationCurve, n: int) -> None:
    """The formulas under the expectation chart, with this tensor's numbers: theory, explanation, measurement."""
    implementation, p = choice.implementation, choice.p
    formula_column, text_column, number_column = st.columns(3)
    if p == 1.0:  # every implementation returns zeros: no formula for x' holds, 1/(1 - p) is undefined
        floor = running_mean_error_floor(implementation, X, p)
        formula_column.latex(r"x' = 0")
        text_column.markdown(t("mask.theory_all_dropped", floor=fmt(floor, 3)))
    else:
        _show_formulas(X, implementation, p, formula_column, text_column)
    measured, theory = curve.error_at(n)
    number_column.metric(t("mask.error_at_n", n=f"{n:,}"), fmt(measured, 4), help=t("mask.error_at_n_help"))
    number_column.caption(t("mask.error_theory_at_n", theory=fmt(theory, 4)))
    if curve.fitted_ratio is not None:
        expected = expected_mean_ratio(implementation, p)
        number_column.caption(
            t("mask.fitted_ratio", n=f"{N_MAX:,}", fitted=fmt(curve.fitted_ratio, 3), expected=fmt(expected, 3))
        )


def _show_formulas(X: torch.Tensor, implementation: str, p: float, formula_column, text_column) -> None:
    """E[x'] and Var[x'] for p < 1, and what they mean for the mean of N outputs (or the randn mistake's floor)."""
    with formula_column:
        if implementation == RANDN_MISTAKE:
            ratio = randn_mistake_mean_ratio(p)
            st.latex(rf"\frac{{\mathbb{{E}}[x']}}{{x}} = \frac{{1-\Phi(p)}}{{1-p}} = {ratio:.3f}")
            st.caption(t("mask.theory_correct_for_comparison"))
        st.latex(r"\mathbb{E}[x'] = x")
        st.latex(r"\operatorname{Var}[x'] = x^2\,\frac{p}{1-p}")
    with text_column:
        if implementation == RANDN_MISTAKE:
            floor = running_mean_error_floor(implementation, X, p)
            st.markdown(t("mask.theory_randn_floor", ratio=fmt(ratio, 3), floor=fmt(floor, 3)))
        else:
            st.markdown(t("mask.theory_sqrt_n"))


def show_expectation(X: torch.Tensor, choice: DropoutChoice, is_image: bool, output: torch.Tensor) -> None:
    """The mean of N outputs approaching E[output] as N grows: 1/sqrt(N), or a floor for the randn mistake. The mean
    is coloured on the scale of X and the one output above (value_scale): on its own it looked twice as bright as X."""
    st.subheader(t("mask.expectation"))
    if not choice.training:
        st.info(t("mask.expectation_eval"))
        return
    if X.numel() > MAX_EXPECTATION_ELEMENTS:
        st.info(t("mask.expectation_too_large", n=f"{N_MAX:,}", count=X.numel(), limit=MAX_EXPECTATION_ELEMENTS))
        return
    curve = _expectation(choice.implementation, X.numpy(), choice.p, choice.seed)
    n = url_choice(t("mask.n"), "n", N_CHOICES, N_MAX, widget="select_slider", format_func=lambda v: f"{v:,}")
    # A projector stacks the two, so the mean's cells have the page's width for their projector-size values.
    stacked = projector_on() and not is_image
    chart_column, mean_column = [st.container()] * 2 if stacked else st.columns([1.2, 1] if not is_image else [2, 1])
    frame = _curve_frame(curve)
    if frame.empty:
        chart_column.info(t("mask.expectation_exact"))
    else:
        chart = charts.line_chart(
            frame, x="N", y="error", series="series", x_title=t("mask.curve_x"), y_title=t("mask.curve_y"),
            title=t("mask.curve_title"), log_x=True, log_y=True, dashed=[t("mask.curve_theory")], marker_x=n,
        )
        charts.draw(chart, chart_column)
    mean = as_matrix(curve.mean_outputs[n])
    scale = value_scale(is_image, X, output, mean)
    rows, cols = as_matrix(X).shape
    legible = rows <= MAX_ANNOTATED_SIDE and fits_side_by_side(cols, 1 if stacked else 3, label_chars(mean))
    mean_chart = charts.heatmap(
        mean, scale, title=t("mask.mean_title", n=f"{n:,}"), legend_title=t("mask.legend_value"),
        show_values=not is_image and legible, show_axes=not is_image,
    )
    charts.draw(mean_chart, mean_column)
    _show_theory(X, choice, curve, n)
