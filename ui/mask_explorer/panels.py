"""The Mask explorer's panels for one dropout call: X, mask and output; their statistics; eval mode; randn."""
import numpy as np
import pandas as pd
import streamlit as st
import torch

from dropout_core.masks.functions import randn_mistake_keep_probability, randn_mistake_mean_ratio
from dropout_core.masks.implementations import RANDN_MISTAKE, MaskedOutput
from dropout_core.masks.inputs import MAX_ANNOTATED_SIDE
from dropout_core.masks.statistics import (
    MASK_EXPRESSIONS,
    dropout_conventions,
    mask_expression_draws,
    mask_expression_keep_fractions,
    summarize_mask,
)
from ui import charts
from ui.i18n import t
from ui.mask_explorer import predictions as predictions_view
from ui.mask_explorer.controls import DropoutChoice
from ui.mask_explorer.predictions import MaskPredictions
from ui.theme import projector_on

EXPRESSION_DRAWS = 100_000  # kept fraction scatters by at most sqrt(0.25 / 1e5) = 0.0016 around its probability
# Wider tensors are stacked so each cell keeps room for its printed value: at most this many columns, and this many
# characters across a panel, a space between cells included (a third of the page: 8 cells of "18.8" fit at 1280; 8 of
# "-0.434" ran together). A 1920 projector's third is wider but its type is almost twice the size: 8 cells of "30"
# fit there.
SIDE_BY_SIDE_MAX_COLS = 8
PANEL_CHARS, PANEL_CHARS_PROJECTOR = 40, 26


def fmt(value: float, digits: int = 3) -> str:
    """A number with a fixed number of decimals, for metrics and captions."""
    return f"{value:.{digits}f}"


def as_matrix(tensor: torch.Tensor | np.ndarray) -> np.ndarray:
    """A tensor (or array) as a 2-D float array for drawing (a 1-D one becomes one row)."""
    array = tensor.detach().double().numpy() if isinstance(tensor, torch.Tensor) else np.asarray(tensor, dtype=float)
    return array.reshape(1, -1) if array.ndim == 1 else array


def label_chars(values: np.ndarray) -> int:
    """The widest value label a heatmap of these values prints, in characters."""
    return max((len(charts.compact_number(v)) for v in values.ravel()), default=1)


def fits_side_by_side(cols: int, panels: int = 3, chars: int = 2) -> bool:
    """Whether `panels` heatmaps this wide, their labels up to `chars` characters, fit side by side legibly."""
    panel_chars = PANEL_CHARS_PROJECTOR if projector_on() else PANEL_CHARS
    return cols * panels <= 3 * SIDE_BY_SIDE_MAX_COLS and cols * (chars + 1) * panels <= 3 * panel_chars


@st.cache_data(max_entries=8, show_spinner=False)
def _expression_draws(seed: int) -> dict[str, torch.Tensor]:
    """mask_expression_draws for one seed, cached: they do not depend on p, so a p sweep reuses them."""
    return mask_expression_draws(EXPRESSION_DRAWS, seed)


def show_randn_banner(choice: DropoutChoice) -> None:
    """A warning above everything while the randn mistake is applied in training mode."""
    if choice.implementation == RANDN_MISTAKE and choice.training:
        keep = randn_mistake_keep_probability(choice.p)
        st.warning(t("mask.randn_banner", keep=fmt(keep, 4), should=fmt(1 - choice.p, 4)))


def widest_label(X: torch.Tensor, choice: DropoutChoice) -> int:
    """The widest value label of X and of its output, in characters. The output's kept values x / (1 - p) print wider
    than X's (15 / 0.7 as 21.4); measured on every value a kept element could take, not on the draw shown, so a new
    seed never rearranges the page."""
    kept_values = X / (1 - choice.p) if choice.training and choice.p < 1 else X
    return max(label_chars(as_matrix(X)), label_chars(as_matrix(kept_values)))


def heatmap_places(X: torch.Tensor, choice: DropoutChoice, is_image: bool) -> list:
    """Where X, the mask and the output go: side by side when their values stay legible (a picture always), else
    stacked."""
    rows, cols = as_matrix(X).shape
    if max(rows, cols) > MAX_ANNOTATED_SIDE and not is_image:
        st.warning(t("mask.too_large_to_annotate", rows=rows, cols=cols, limit=MAX_ANNOTATED_SIDE))
    side_by_side = is_image or fits_side_by_side(cols, chars=widest_label(X, choice))
    return st.columns(3) if side_by_side else [st.container() for _ in range(3)]


def value_scale(is_image: bool, *tensors: torch.Tensor | np.ndarray) -> charts.ColourScale:
    """One colour scale over X and the outputs shown with it (one draw, the mean of many), so that a mean equal to
    X looks like X."""
    return charts.shared_value_scale(*(as_matrix(tensor) for tensor in tensors), image=is_image)


def show_heatmaps(X: torch.Tensor, result: MaskedOutput, is_image: bool, training: bool, places: list,
                  reveal: bool = True) -> None:
    """X, the mask and the output in their places; X and output share one colour scale. Until reveal, X alone, on
    its own scale: a scale reaching the output's values would give away how far the kept ones grow. Eval mode draws
    no mask: its place says so rather than show a mask of ones."""
    rows, cols = as_matrix(X).shape
    show_values = not (is_image or max(rows, cols) > MAX_ANNOTATED_SIDE)
    scale = value_scale(is_image, X, result.output) if reveal else value_scale(is_image, X)
    mask_scale = charts.binary_scale(t("mask.legend_dropped"), t("mask.legend_kept"))
    output_title = t("mask.output_title_train") if training else t("mask.output_title_eval")
    panels = [
        (as_matrix(X), scale, t("mask.x_title"), t("mask.legend_value")),
        (as_matrix(result.mask.float()) if training else None, mask_scale, t("mask.mask_title"), ""),
        (as_matrix(result.output), scale, output_title, t("mask.legend_value")),
    ]
    for container, (values, colour_scale, title, legend_title) in zip(places, panels if reveal else panels[:1]):
        if values is None:
            container.info(t("mask.no_mask_eval"))
            continue
        chart = charts.heatmap(
            values, colour_scale, title=title, legend_title=legend_title,
            show_values=show_values, show_axes=not is_image,
        )
        charts.draw(chart, container)
    if not reveal:
        st.caption(t("predict.hidden"))
    elif is_image:
        st.caption(t("mask.image_scale_caption"))


def show_statistics(X: torch.Tensor, result: MaskedOutput, choice: DropoutChoice,
                    predictions: MaskPredictions) -> None:
    """Fraction kept against what it should be, and the output's mean against the input's; the learner's
    predictions of both beside them."""
    summary = summarize_mask(choice.implementation, X, result, choice.p, choice.training)
    kept_col, mean_x_col, mean_out_col = st.columns(3)
    # Four decimals as the means beside it: a fraction of 16 elements is exact there (5/16 = 0.3125, not 0.312).
    kept_col.metric(t("mask.kept_fraction"), fmt(summary.kept_fraction, 4), help=t("mask.kept_fraction_help"))
    kept_col.caption(t("mask.kept_count", kept=summary.kept, total=summary.total))
    if not choice.training:
        kept_col.caption(t("mask.kept_eval"))
    elif choice.implementation == RANDN_MISTAKE:
        kept_col.caption(t("mask.kept_should_randn", should=fmt(1 - choice.p), actual=fmt(summary.expected_keep, 4)))
    else:
        kept_col.caption(t("mask.kept_should", should=fmt(summary.expected_keep), spread=fmt(summary.kept_spread),
                           n=summary.total))
    predictions_view.show_kept(predictions, summary, kept_col)
    mean_x_col.metric(t("mask.mean_x"), fmt(summary.mean_x, 4))
    mean_out_col.metric(t("mask.mean_output"), fmt(summary.mean_output, 4))
    if choice.training:
        mean_out_col.caption(
            t("mask.mean_expected", ratio=fmt(summary.mean_ratio, 4), expected=fmt(summary.expected_mean_output, 4)))
    else:  # no mask to take an expectation over
        mean_out_col.caption(t("mask.mean_eval", expected=fmt(summary.expected_mean_output, 4)))
    predictions_view.show_mean(predictions, X, choice, summary, mean_out_col)


def _conventions_table(p: float) -> pd.DataFrame:
    """The paper's convention beside PyTorch's, with this p's numbers."""
    conventions = dropout_conventions(p)
    paper, pytorch = conventions
    scaled = f"x / (1 − p) = {fmt(pytorch.train_scale)} · x" if pytorch.train_scale else "0"  # p = 1 keeps none
    return pd.DataFrame(
        {
            t("mask.conv_column"): [t(f"mask.conv_{c.name}") for c in conventions],
            t("mask.conv_p_means"): [t(f"mask.conv_p_{c.p_means}", p=fmt(c.p, 2)) for c in conventions],
            t("mask.conv_train"): ["x", scaled],
            t("mask.conv_test"): [f"p · x = {fmt(paper.test_factor)} · x", "x"],
            t("mask.conv_train_mean"): [f"{fmt(paper.train_mean)} · x", "x" if pytorch.train_mean else "0"],
        }
    )


def show_eval_explanation(X: torch.Tensor, result: MaskedOutput, choice: DropoutChoice,
                          predictions: MaskPredictions) -> None:
    """Eval mode: output equals input, beside the learner's prediction; why inverted dropout needs no rescale; the
    paper's convention."""
    if not choice.training:
        if torch.equal(result.output, X.float()):
            st.success(t("mask.eval_equal"))
        else:
            st.error(t("mask.eval_not_equal"))
        predictions_view.show_output(predictions, X, result, choice, st)
    with st.expander(t("mask.eval_why_title"), expanded=not choice.training):
        st.markdown(t("mask.eval_why"))
        st.table(_conventions_table(choice.p), hide_index=True)
        st.markdown(t("mask.conv_note"))


def show_randn_mistake(choice: DropoutChoice) -> None:
    """Why torch.randn(X.shape) > p is biased, with the probabilities for this p, and what is not a mistake."""
    p = choice.p
    with st.expander(t("mask.randn_title"), expanded=choice.implementation == RANDN_MISTAKE):
        st.markdown(
            t(
                "mask.randn_explain",
                p=fmt(p, 2),
                keep=fmt(randn_mistake_keep_probability(p), 4),
                should=fmt(1 - p, 4),
                ratio=fmt(randn_mistake_mean_ratio(p), 3),
                keep_0=fmt(randn_mistake_keep_probability(0.0), 4),
            )
        )
        st.markdown(
            t(
                "mask.randn_d2l_values",
                keep_02=fmt(randn_mistake_keep_probability(0.2), 4),
                keep_05=fmt(randn_mistake_keep_probability(0.5), 4),
                ratio_02=fmt(randn_mistake_mean_ratio(0.2), 3),
                ratio_05=fmt(randn_mistake_mean_ratio(0.5), 3),
            )
        )
        fractions = mask_expression_keep_fractions(_expression_draws(choice.seed), p)
        table = pd.DataFrame(
            {
                t("mask.expr_column"): list(MASK_EXPRESSIONS),
                t("mask.expr_probability"): [fmt(fractions[e][0], 4) for e in MASK_EXPRESSIONS],
                t("mask.expr_measured", n=f"{EXPRESSION_DRAWS:,}"): [fmt(fractions[e][1], 4) for e in MASK_EXPRESSIONS],
                t("mask.expr_verdict"): [t("mask.expr_ok"), t("mask.expr_wrong"), t("mask.expr_ok")],
            }
        )
        st.table(table, hide_index=True)
        st.markdown(t("mask.randn_uniform_note"))
