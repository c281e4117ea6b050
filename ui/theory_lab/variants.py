"""Section 4: dropout's variants, measured against their theory, and a drawing of each one's noise."""
import math

import pandas as pd
import streamlit as st
import torch
from pandas.io.formats.style import Styler

from dropout_core.masks.variants import BERNOULLI, VARIANTS, VariantMeasurement, measure_variant, noise_drawing
from ui import charts as shared_charts
from ui.controls import url_choice
from ui.i18n import t
from ui.theme import cell_format, show_table
from ui.theory_lab import charts, predictions
from ui.theory_lab.controls import drop_rate, seed_input

VARIANT_SAMPLES = 100_000  # standard error of a measured mean: sqrt(variance / 1e5), ~0.3 % of a unit variance
MIN_DECIMALS, MAX_DECIMALS = 4, 8
Z_FORMAT = "%+.2f"


@st.cache_data(max_entries=32, show_spinner=False)
def variant_measurements(d: float, seed: int) -> list[VariantMeasurement]:
    """Every variant's measured and theoretical mean and variance over VARIANT_SAMPLES draws."""
    return [measure_variant(name, d, n=VARIANT_SAMPLES, seed=seed) for name in VARIANTS]


def show() -> None:
    """The table of measured against theoretical moments, then one variant's noise and its histogram."""
    left, right = st.columns(2)
    d = drop_rate(place=left)
    seed = seed_input(t("theory.noise_seed"), "noise_seed", place=right)
    measurements = variant_measurements(d, seed)
    # Predict, then see: the measured moments wait for the learner's variance of the original's multiplier.
    asked = predictions.ask_variance(d, st)
    if not asked.reveal:
        st.caption(t("predict.hidden"))
        return
    original = next(m for m in measurements if m.name == BERNOULLI)
    predictions.show_variance(asked, original, VARIANT_SAMPLES,
                              f"{{:.{decimals(original.variance_standard_error)}f}}".format)
    show_table(variants_table(measurements).style.pipe(format_rows, measurements))
    st.caption(t("theory.variants_table_caption", n=f"{VARIANT_SAMPLES:,}"))

    name = url_choice(t("theory.variant"), "variant", tuple(VARIANTS), BERNOULLI,
                      format_func=lambda o: t(f"theory.variant_{o}"), widget="segmented_control", required=True)
    st.markdown(t(f"theory.variant_{name}_text"))
    measurement = next(m for m in measurements if m.name == name)
    left, right = st.columns(2)
    with left:
        draw_noise(name, d, seed)
    right.vega_lite_chart(charts.histogram_chart(
        charts.histogram_frame(measurement.sample.numpy(), 40), t(f"theory.variant_{name}_value"),
        t("theory.count_axis"), marker=measurement.theoretical_mean, marker_label=t("theory.theory_mean"),
    ), width="stretch")


def decimals(standard_error: float) -> int:
    """Decimals for a measured moment and its theory: one digit below the standard error, so the gap its z-score
    measures shows (at least MIN_DECIMALS, at most MAX_DECIMALS).

    At d = 0.5 a kept unit is 0 or 2, so (x - 1)^2 is 1 on every draw: the measured variance's standard error is
    about 1e-5, and with four decimals the table read "1.0000 against 1.0000" beside z = +0.89.
    """
    wanted = 1 - math.floor(math.log10(standard_error)) if standard_error > 0 and math.isfinite(standard_error) else 0
    return min(MAX_DECIMALS, max(MIN_DECIMALS, wanted))


def format_rows(styler: Styler, measurements: list[VariantMeasurement]) -> Styler:
    """Each row's moments to its own standard error's decimals (decimals()), z-scores to two."""
    styler = styler.format(cell_format(Z_FORMAT), subset=[t("theory.col_z_mean"), t("theory.col_z_var")])
    for row, m in enumerate(measurements):
        for columns, standard_error in (((t("theory.col_mean"), t("theory.col_mean_theory")), m.mean_standard_error),
                                        ((t("theory.col_var"), t("theory.col_var_theory")),
                                         m.variance_standard_error)):
            styler = styler.format(f"{{:.{decimals(standard_error)}f}}", subset=pd.IndexSlice[[row], list(columns)])
    return styler


def variants_table(measurements: list[VariantMeasurement]) -> pd.DataFrame:
    """One row per variant: what is measured, measured and theoretical mean and variance, and their z-scores."""
    return pd.DataFrame([{
        t("theory.col_variant"): t(f"theory.variant_{m.name}"),
        t("theory.col_measured"): t(f"theory.variant_{m.name}_value"),
        t("theory.col_mean"): m.measured_mean,
        t("theory.col_mean_theory"): m.theoretical_mean,
        t("theory.col_z_mean"): m.mean_z,
        t("theory.col_var"): m.measured_variance,
        t("theory.col_var_theory"): m.theoretical_variance,
        t("theory.col_z_var"): m.variance_z,
    } for m in measurements])


def draw_noise(name: str, d: float, seed: int) -> None:
    """Heatmaps of the noise one draw of the variant puts on a small tensor, and its caption when it has one."""
    drawing = noise_drawing(name, d, seed)
    for panel in drawing.panels:
        rows, cols = panel.values.shape
        title = t(f"theory.noise_{panel.id}", rows=rows, cols=cols)
        if panel.values.dtype == torch.bool:
            scale = shared_charts.binary_scale(t("theory.dropped"), t("theory.kept"))
            spec = shared_charts.heatmap(panel.values.double().numpy(), scale, title=title, show_values=False)
        else:
            values = panel.values.numpy()
            spec = shared_charts.heatmap(values, shared_charts.shared_value_scale(values), title=title)
        shared_charts.draw(spec)
    if drawing.facts:
        st.caption(t(f"theory.variant_{name}_caption", **drawing.facts))
