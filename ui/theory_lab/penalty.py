"""Section 1: dropout as an adaptive L2 penalty, closed form against Monte Carlo, dropout SGD against ridge."""
import numpy as np
import pandas as pd
import streamlit as st

from dropout_core.theory import penalty as theory
from ui.charts import cached_spec
from ui.controls import url_choice, url_slider, url_toggle
from ui.i18n import join_sentences, t
from ui.theme import number_table, significant
from ui.theory_lab import charts, predictions
from ui.theory_lab.controls import drop_rate, seed_input

WEIGHT_CHOICES = ("ls", "true", "ridge")
METHODS = ("sgd", "ridge", "plain", "ls")  # the fitted weights compared in bars and table
SAMPLE_SIZES = (20, 50, 100, 200, 500, 1000)
MASK_COUNTS = (100, 1_000, 10_000)
CHART_POINTS = 120  # points drawn of a 10,000-step Monte Carlo curve: enough for a smooth line on a log axis


def fmt(value: float) -> str:
    """A displayed number: five significant digits, written out (101040, not 1.0104e+05), plain enough for a test
    to read back."""
    return significant(value, 5)


@st.cache_data(max_entries=64, show_spinner=False)
def regression_problem(n_samples: int, n_features: int, seed: int) -> theory.RegressionProblem:
    """The synthetic regression problem of this size and seed (every chart and table of the section reads it)."""
    return theory.make_regression_problem(n_samples, n_features, seed)


@st.cache_data(max_entries=64, show_spinner=False)
def regression_fits(n_samples: int, n_features: int, seed: int, d: float) -> dict[str, np.ndarray]:
    """The problem's weight vectors by id (SGD's masks drawn from seed + 2)."""
    return theory.fitted_weights(regression_problem(n_samples, n_features, seed), d, sgd_seed=seed + 2)


@st.cache_data(max_entries=64, show_spinner=False)
def monte_carlo(n_samples: int, n_features: int, seed: int, d: float, weights: str, n_masks: int):
    """The Monte Carlo estimate of E ||y - X~ w||^2 for the chosen w (masks drawn from seed + 1)."""
    problem = regression_problem(n_samples, n_features, seed)
    w = regression_fits(n_samples, n_features, seed, d)[weights]
    return theory.monte_carlo_dropout_loss(problem.X, problem.y, w, d, n_masks=n_masks, seed=seed + 1)


def regression_controls() -> tuple[int, int, int, float, str, int]:
    """The problem's size and seed, the drop rate, which w, and how many masks."""
    left, middle, right = st.columns(3)
    d = drop_rate(place=left)
    seed = seed_input(t("theory.data_seed"), "data_seed", place=left)
    n_samples = url_choice(t("theory.samples"), "samples", SAMPLE_SIZES, 200, widget="select_slider", place=middle)
    n_features = url_slider(t("theory.features"), "features", 2, 10, 5, place=middle)
    weights = url_choice(t("theory.w"), "w", WEIGHT_CHOICES, "ls", format_func=lambda o: t(f"theory.w_{o}"),
                         widget="radio", place=right)
    n_masks = url_choice(t("theory.masks"), "masks", MASK_COUNTS, 1_000, format_func="{:,}".format,
                         widget="select_slider", place=right)
    return int(n_samples), int(n_features), seed, d, weights, int(n_masks)


def show() -> None:
    """Closed form against Monte Carlo, dropout SGD against its ridge problem, and Bishop's view."""
    st.latex(r"\mathbb{E}\,\|y-\tilde X w\|^2=\|y-Xw\|^2+\frac{d}{1-d}\sum_j w_j^2\sum_i x_{ij}^2")
    n_samples, n_features, seed, d, weights, n_masks = regression_controls()
    problem = regression_problem(n_samples, n_features, seed)
    fits = regression_fits(n_samples, n_features, seed, d)
    loss = theory.dropout_loss_breakdown(problem.X, problem.y, fits[weights], d)
    estimate = monte_carlo(n_samples, n_features, seed, d, weights, n_masks)

    columns = st.columns(4)
    columns[0].metric(t("theory.squared_error"), fmt(loss.squared_error), help=t("theory.squared_error_help"))
    # Predict, then see: the loss with dropout waits for the learner's answers, given the loss without it.
    asked = predictions.ask_loss(f"{n_samples}-{n_features}-{seed}-d{d:g}-{weights}", st)
    if asked.reveal:
        columns[1].metric(t("theory.penalty"), fmt(loss.penalty), help=t("theory.penalty_help"))
        columns[2].metric(t("theory.expected"), fmt(loss.expected))
        columns[3].metric(t("theory.mc_estimate", n=f"{n_masks:,}"), fmt(estimate.mean),
                          help=t("theory.mc_estimate_help"))
        predictions.show_loss(asked, loss, estimate, n_masks, fmt)
        st.caption(t("theory.mc_caption", n=f"{n_masks:,}", mean=fmt(estimate.mean),
                     band=fmt(2 * estimate.mean_standard_error), z=estimate.z_score(loss.expected)))
        st.vega_lite_chart(cached_spec(monte_carlo_spec, n_samples, n_features, seed, d, weights, n_masks),
                           width="stretch")
    else:
        st.caption(t("predict.hidden"))

    st.subheader(t("theory.sgd_title"))
    st.markdown(t("theory.sgd_intro"))
    weights_comparison(n_samples, n_features, seed, d)
    st.subheader(t("theory.bishop_title"))
    st.markdown(t("theory.bishop"))


def monte_carlo_spec(n_samples: int, n_features: int, seed: int, d: float, weights: str, n_masks: int) -> dict:
    """The running Monte Carlo mean with its +-2 SE band, against the closed form and the loss without dropout."""
    problem = regression_problem(n_samples, n_features, seed)
    loss = theory.dropout_loss_breakdown(problem.X, problem.y, regression_fits(n_samples, n_features, seed, d)[weights],
                                         d)
    estimate = monte_carlo(n_samples, n_features, seed, d, weights, n_masks)
    rows = charts.log_spaced_indices(n_masks, CHART_POINTS)
    frame = pd.DataFrame({
        "N": rows + 1,
        "mean": estimate.running_mean[rows],
        "low": estimate.running_mean[rows] - 2 * estimate.standard_error[rows],
        "high": estimate.running_mean[rows] + 2 * estimate.standard_error[rows],
    })
    return charts.monte_carlo_chart(
        frame, loss.expected, t("theory.closed_form_rule"), loss.squared_error, t("theory.no_noise_rule"),
        t("theory.n_masks_axis"), t("theory.sq_loss_axis"), t("theory.mc_estimate_series"),
    )


def feature_names(n_features: int) -> list[str]:
    """The features' names in the learner's language."""
    return [t("theory.feature", j=j + 1) for j in range(n_features)]


def weights_spec(n_samples: int, n_features: int, seed: int, d: float, scaled: bool) -> dict:
    """Each method's weight on each feature (times the feature's size when scaled), as grouped bars."""
    fits = regression_fits(n_samples, n_features, seed, d)
    size = theory.feature_sizes(regression_problem(n_samples, n_features, seed).X)
    features = feature_names(n_features)
    bars = pd.DataFrame([
        {"feature": features[j], "method": t(f"theory.method_{key}"),
         "value": fits[key][j] * (size[j] if scaled else 1.0)}
        for key in METHODS for j in range(n_features)
    ])
    return charts.weights_chart(bars, t("theory.feature_axis"),
                                t("theory.effect_axis") if scaled else t("theory.weight_axis"), t("theory.method_axis"))


def sizes_spec(n_samples: int, n_features: int, seed: int) -> dict:
    """Each feature's size, as bars."""
    size = theory.feature_sizes(regression_problem(n_samples, n_features, seed).X)
    return charts.scale_chart(pd.DataFrame({"feature": feature_names(n_features), "value": size}),
                              t("theory.feature_axis"), t("theory.size_axis"))


def weights_comparison(n_samples: int, n_features: int, seed: int, d: float) -> None:
    """The weight vectors side by side (bars and table), each feature's size, and the sentence to take away."""
    X = regression_problem(n_samples, n_features, seed).X
    fits = regression_fits(n_samples, n_features, seed, d)
    size = theory.feature_sizes(X)
    distance = theory.relative_weight_distance(X, fits["sgd"], fits["ridge"])
    st.metric(t("theory.sgd_distance"), f"{distance:.1%}", help=t("theory.sgd_distance_help"))
    scaled = url_toggle(t("theory.scaled"), "scaled", True, help=t("theory.scaled_help"))
    features = feature_names(n_features)
    left, right = st.columns([3, 1])
    left.vega_lite_chart(cached_spec(weights_spec, n_samples, n_features, seed, d, scaled), width="stretch")
    right.vega_lite_chart(cached_spec(sizes_spec, n_samples, n_features, seed), width="stretch")

    table = pd.DataFrame({
        t("theory.col_feature"): features,
        t("theory.col_size"): size,
        t("theory.col_dropout_coef"): theory.dropout_l2_coefficients(X, d),
        **{t(f"theory.col_w_{key}"): fits[key] for key in METHODS},
    })
    number_table(table, {name: "%.4g" for name in table.columns[1:]})
    st.caption(t("theory.plain_coef", lam=fmt(theory.matching_plain_l2_strength(X, d))))
    if d > 0:
        kept = theory.kept_of_least_squares(X, fits["ridge"], fits["plain"], fits["ls"])
        small, large = kept.smallest, kept.largest
        shares = {"dropout_small": kept.dropout[small], "dropout_large": kept.dropout[large],
                  "plain_small": kept.plain[small], "plain_large": kept.plain[large]}
        # What these numbers show, not what they usually show: with features that are not orthogonal a share can pass
        # 100% (d = 0.05, 20 samples, 2 features: plain L2 kept 0% and 142%) or the large feature lose most.
        sentences = [t("theory.takeaway_numbers", small=features[small], large=features[large], **shares)]
        if shares["plain_small"] < shares["plain_large"]:
            sentences.append(t("theory.takeaway_plain_hits_small"))
            if not all(0 <= share <= 1 for share in shares.values()):
                sentences.append(t("theory.takeaway_outside"))
        else:
            sentences.append(t("theory.takeaway_plain_spares_small"))
        st.info(join_sentences([*sentences, t("theory.takeaway_dropout")]))
