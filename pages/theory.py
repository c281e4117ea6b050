"""Theory lab: dropout as an adaptive L2 penalty, a cheap average over thinned networks, MC dropout, and variants."""

import numpy as np
import pandas as pd
import streamlit as st
import torch

from dropout_core.masks import variants
from dropout_core.theory import ensemble, lab_network
from dropout_core.theory import penalty as theory
from dropout_core.training.data import CLASS_NAMES, load_fashion_mnist
from ui import charts
from ui.controls import resample_seed, url_choice, url_number, url_slider, url_toggle
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.runs import latest_trained_trainer
from ui.shell import require_app_shell
from ui.theory_lab import charts as theory_charts

require_app_shell()

SECTIONS = ("l2", "average", "mc", "variants")
WEIGHT_CHOICES = ("ls", "true", "ridge")
SAMPLE_SIZES = (20, 50, 100, 200, 500, 1000)
MASK_COUNTS = (100, 1_000, 10_000)
MAX_SEED = 1_000_000
CHART_POINTS = 120  # points drawn of a 10,000-step Monte Carlo curve: enough for a smooth line on a log axis
T_MAX = 100
T_CHOICES = (10, 30, 100)
UNCERTAINTIES = ("entropy", "std")
GALLERY = 6  # images shown of the most and of the least certain
UPSCALE = 4  # 28 x 28 pixels drawn as 112 x 112
VARIANT_SAMPLES = 100_000  # standard error of a measured mean: sqrt(variance / 1e5), ~0.3 % of a unit variance
NOISE_SHAPE = (6, 8)  # the small tensor each variant's noise is drawn on


def fmt(value: float) -> str:
    """A displayed number: five significant digits, plain enough for a test to read back."""
    return f"{value:.5g}"


# --- 1. Dropout as an adaptive L2 penalty ---------------------------------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def regression_fits(n_samples: int, n_features: int, seed: int, d: float) -> dict[str, np.ndarray]:
    """The problem's weight vectors: dropout SGD, dropout ridge, plain ridge of equal total strength, least squares."""
    problem = theory.make_regression_problem(n_samples, n_features, seed)
    X, y = problem.X, problem.y
    return {
        "sgd": theory.dropout_sgd_weights(X, y, d, seed=seed + 2).weights,
        "ridge": theory.dropout_ridge_weights(X, y, d),
        "plain": theory.plain_ridge_weights(X, y, theory.matching_plain_l2_strength(X, d)),
        "ls": theory.plain_ridge_weights(X, y, 0.0),
        "true": problem.true_w,
    }


@st.cache_data(max_entries=64, show_spinner=False)
def monte_carlo(n_samples: int, n_features: int, seed: int, d: float, weights: str, n_masks: int):
    """The Monte Carlo estimate of E ||y - X~ w||^2 for the chosen w (masks drawn from seed + 1)."""
    problem = theory.make_regression_problem(n_samples, n_features, seed)
    w = regression_fits(n_samples, n_features, seed, d)[weights]
    return theory.monte_carlo_dropout_loss(problem.X, problem.y, w, d, n_masks=n_masks, seed=seed + 1)


def regression_controls() -> tuple[int, int, int, float, str, int]:
    """The problem's size and seed, the drop rate, which w, and how many masks."""
    left, middle, right = st.columns(3)
    d = url_slider(t("theory.d"), "d", 0.0, 0.9, 0.5, step=0.05, place=left, help=t("theory.d_help"))
    seed = url_number(t("theory.data_seed"), "data_seed", 0, MAX_SEED, 0, place=left)
    n_samples = url_choice(t("theory.samples"), "samples", SAMPLE_SIZES, 200, widget="select_slider", place=middle)
    n_features = url_slider(t("theory.features"), "features", 2, 10, 5, place=middle)
    weights = url_choice(t("theory.w"), "w", WEIGHT_CHOICES, "ls", format_func=lambda o: t(f"theory.w_{o}"),
                         widget="radio", place=right)
    n_masks = url_choice(t("theory.masks"), "masks", MASK_COUNTS, 1_000, format_func="{:,}".format,
                         widget="select_slider", place=right)
    return int(n_samples), int(n_features), int(seed), float(d), weights, int(n_masks)


def penalty_section() -> None:
    """Closed form against Monte Carlo, dropout SGD against its ridge problem, and Bishop's view."""
    st.markdown(t("theory.l2_intro"))
    st.latex(r"\mathbb{E}\,\|y-\tilde X w\|^2=\|y-Xw\|^2+\frac{d}{1-d}\sum_j w_j^2\sum_i x_{ij}^2")
    n_samples, n_features, seed, d, weights, n_masks = regression_controls()
    problem = theory.make_regression_problem(n_samples, n_features, seed)
    X, y = problem.X, problem.y
    fits = regression_fits(n_samples, n_features, seed, d)
    w = fits[weights]
    squared_error = float(np.sum((y - X @ w) ** 2))
    penalty = theory.dropout_penalty_closed_form(X, w, d)
    expected = theory.expected_dropout_loss(X, y, w, d)
    estimate = monte_carlo(n_samples, n_features, seed, d, weights, n_masks)
    mc_mean, mc_se = float(estimate.running_mean[-1]), float(estimate.standard_error[-1])

    columns = st.columns(4)
    columns[0].metric(t("theory.squared_error"), fmt(squared_error), help=t("theory.squared_error_help"))
    columns[1].metric(t("theory.penalty"), fmt(penalty), help=t("theory.penalty_help"))
    columns[2].metric(t("theory.expected"), fmt(expected))
    columns[3].metric(t("theory.mc_estimate", n=f"{n_masks:,}"), fmt(mc_mean),
                      help=t("theory.mc_estimate_help"))
    z = (mc_mean - expected) / mc_se if mc_se > 0 else 0.0
    st.caption(t("theory.mc_caption", n=f"{n_masks:,}", mean=fmt(mc_mean), band=fmt(2 * mc_se), z=z))

    rows = theory_charts.log_spaced_indices(n_masks, CHART_POINTS)
    frame = pd.DataFrame({
        "N": rows + 1,
        "mean": estimate.running_mean[rows],
        "low": estimate.running_mean[rows] - 2 * estimate.standard_error[rows],
        "high": estimate.running_mean[rows] + 2 * estimate.standard_error[rows],
    })
    st.altair_chart(theory_charts.monte_carlo_chart(
        frame, expected, t("theory.closed_form_rule"), squared_error, t("theory.no_noise_rule"),
        t("theory.n_masks_axis"), t("theory.sq_loss_axis"), t("theory.mc_estimate_series"),
    ), width="stretch")

    st.subheader(t("theory.sgd_title"))
    st.markdown(t("theory.sgd_intro"))
    weights_comparison(problem, fits, d)
    st.subheader(t("theory.bishop_title"))
    st.markdown(t("theory.bishop"))


def weights_comparison(problem: theory.RegressionProblem, fits: dict[str, np.ndarray], d: float) -> None:
    """The weight vectors side by side (bars and table), each feature's size, and the sentence to take away."""
    X = problem.X
    size = np.sqrt(np.mean(X**2, axis=0))  # root mean square of each feature: its typical magnitude
    distance = theory.relative_weight_distance(X, fits["sgd"], fits["ridge"])
    st.metric(t("theory.sgd_distance"), f"{distance:.1%}", help=t("theory.sgd_distance_help"))
    scaled = url_toggle(t("theory.scaled"), "scaled", True, help=t("theory.scaled_help"))
    methods = {"sgd": t("theory.method_sgd"), "ridge": t("theory.method_ridge"),
               "plain": t("theory.method_plain"), "ls": t("theory.method_ls")}
    features = [t("theory.feature", j=j + 1) for j in range(X.shape[1])]
    bars = pd.DataFrame([
        {"feature": features[j], "method": label, "value": fits[key][j] * (size[j] if scaled else 1.0)}
        for key, label in methods.items() for j in range(X.shape[1])
    ])
    left, right = st.columns([3, 1])
    left.altair_chart(theory_charts.weights_chart(
        bars, t("theory.feature_axis"), t("theory.effect_axis") if scaled else t("theory.weight_axis"),
        t("theory.method_axis"),
    ), width="stretch")
    right.altair_chart(theory_charts.scale_chart(
        pd.DataFrame({"feature": features, "value": size}), t("theory.feature_axis"), t("theory.size_axis"),
    ), width="stretch")

    table = pd.DataFrame({
        t("theory.col_feature"): features,
        t("theory.col_size"): size,
        t("theory.col_dropout_coef"): theory.dropout_l2_coefficients(X, d),
        **{t(f"theory.col_w_{key}"): fits[key] for key in methods},
    })
    st.dataframe(table, hide_index=True, column_config={
        name: st.column_config.NumberColumn(format="%.4g") for name in table.columns[1:]
    })
    st.caption(t("theory.plain_coef", lam=fmt(theory.matching_plain_l2_strength(X, d))))
    if d > 0:
        small, large = int(np.argmin(size)), int(np.argmax(size))
        kept = {key: fits[key] / fits["ls"] for key in ("ridge", "plain")}
        st.info(t("theory.takeaway", small=features[small], large=features[large],
                  dropout_small=kept["ridge"][small], dropout_large=kept["ridge"][large],
                  plain_small=kept["plain"][small], plain_large=kept["plain"][large]))


# --- the network the next sections study ----------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def builtin_model(config, data_checksum: str):
    """The page's own network, trained once per server process (config and data checksum key the cache)."""
    data = load_fashion_mnist()
    if data.checksum != data_checksum:
        raise ValueError("the dataset changed while the page was training its network")
    return lab_network.train_builtin_model(data, config)


def studied_network(data):
    """The network to study: the learner's Train-page run, or the page's own."""
    trainer = latest_trained_trainer()
    if trainer is not None and trainer.diverged:  # NaN weights predict nothing: study the page's own network
        st.warning(t("theory.model_diverged", epoch=trainer.diverged_epoch))
        trainer = None
    use_own = trainer is not None and url_choice(
        t("theory.model"), "model", ("own", "builtin"), "own", format_func=lambda o: t(f"theory.model_{o}"),
        widget="radio", horizontal=True,
    ) == "own"
    if use_own:
        config = trainer.config
        model = lab_network.snapshot_model(trainer.model, config)
        description = t("theory.model_own_caption", h1=config.hidden[0], h2=config.hidden[1], p1=config.p1,
                        p2=config.p2, epochs=len(trainer.history), test_acc=trainer.history[-1].test_acc)
    else:
        config = lab_network.BUILTIN_CONFIG
        with st.spinner(t("theory.training_builtin")):
            model = builtin_model(config, data.checksum)
        description = t("theory.model_builtin_caption", h1=config.hidden[0], h2=config.hidden[1], p1=config.p1,
                        p2=config.p2, epochs=config.epochs, images=config.train_size)
        if trainer is None:
            description += " " + t("theory.model_train_hint")
    st.caption(description)
    return model


def test_subset(data) -> tuple[torch.Tensor, torch.Tensor]:
    """The test images (and labels) every network section studies."""
    count = lab_network.TEST_SUBSET
    return data.test_images[:count], data.test_labels[:count]


@st.cache_data(max_entries=16, show_spinner=False)
def thinned_average(fingerprint: str, data_checksum: str, count: int, seed: int, _model, _images, _labels):
    """Eval-mode metrics and the Monte Carlo curve for T = 1..T_MAX (fingerprint, data and seed key the cache)."""
    with lab_network.MODEL_LOCK:
        return (ensemble.eval_mode_metrics(_model, _images, _labels),
                ensemble.mc_average_metrics(_model, _images, _labels, T_max=T_MAX, seed=seed))


@st.cache_data(max_entries=16, show_spinner=False)
def mc_dropout(fingerprint: str, data_checksum: str, count: int, T: int, seed: int, _model, _images):
    """MC-dropout prediction with T passes, and the eval-mode probabilities as the baseline."""
    with lab_network.MODEL_LOCK:
        return (ensemble.mc_predictive(_model, _images, T=T, seed=seed),
                lab_network.eval_mode_probabilities(_model, _images))


def mc_seed() -> int:
    """The seed of the thinned networks' masks, shared by the average and the MC-dropout sections."""
    return int(url_number(t("theory.mc_seed"), "mc_seed", 0, MAX_SEED, 0, help=t("theory.mc_seed_help")))


# --- 2. A cheap average over thinned networks -----------------------------------------------------------------------

def average_section() -> None:
    """A drawing of one thinned network, how many there are, and eval mode against the average of T of them."""
    st.markdown(t("theory.average_intro"))
    subnetwork_drawing()
    st.subheader(t("theory.average_title"))
    data = fashion_mnist_or_notice("theory")
    if data is None:
        return
    model = studied_network(data)
    seed = mc_seed()
    images, labels = test_subset(data)
    with st.spinner(t("theory.sampling", T=T_MAX, count=len(images))):
        evaluation, curve = thinned_average(lab_network.model_fingerprint(model), data.checksum, len(images), seed,
                                            model, images, labels)
    columns = st.columns(4)
    columns[0].metric(t("theory.eval_acc"), f"{evaluation.accuracy:.3f}", help=t("theory.eval_acc_help"))
    for column, T in zip(columns[1:], (1, 10, T_MAX)):
        column.metric(t("theory.mc_acc", T=T), f"{curve.accuracy[T - 1]:.3f}",
                      delta=f"{curve.accuracy[T - 1] - evaluation.accuracy:+.3f}", delta_color="off")
    left, right = st.columns(2)
    for column, values, reference, key in ((left, curve.accuracy, evaluation.accuracy, "accuracy"),
                                           (right, curve.loss, evaluation.loss, "loss")):
        column.altair_chart(theory_charts.curve_with_reference(
            pd.DataFrame({"T": curve.T, "value": values}), t(f"theory.{key}_axis"), t("theory.T_axis"),
            reference, t("theory.eval_rule"), t(f"theory.{key}_title", count=len(images)),
        ), width="stretch")
    st.markdown(t("theory.average_reading", eval_acc=evaluation.accuracy, eval_loss=evaluation.loss,
                  one_acc=curve.accuracy[0], one_loss=curve.loss[0], T=T_MAX, many_acc=curve.accuracy[-1],
                  many_loss=curve.loss[-1]))


def subnetwork_drawing() -> None:
    """The small network with the units one mask removes greyed out, and the count of possible sub-networks."""
    sizes, drops = ensemble.D2L_DEMO_LAYER_SIZES, ensemble.D2L_HIDDEN_DROP
    left, right = st.columns([3, 2])
    with right:
        seed = int(url_number(t("theory.net_seed"), "net_seed", 0, MAX_SEED, 0))
        st.button(t("theory.resample"), on_click=resample_seed, args=("net_seed", 10_000), key="resample_net")
    kept = ensemble.subnetwork_drawing(sizes, drops, seed)
    units, connections = theory_charts.network_drawing(sizes, kept)
    labels = [t("theory.layer_input")] + [t("theory.layer_hidden", i=i + 1, p=p) for i, p in enumerate(drops)] \
        + [t("theory.layer_output")]
    left.altair_chart(theory_charts.network_chart(units, connections, labels, t("theory.kept"), t("theory.dropped")),
                      width="stretch")
    droppable = ensemble.droppable_unit_count(sizes, drops)
    d2l_units = ensemble.droppable_unit_count((784, 256, 256, 10), drops)
    d2l_count = ensemble.count_subnetworks(d2l_units)
    with right:
        hidden_kept = ", ".join(f"{int(mask.sum())}/{len(mask)}" for mask in kept[1:-1])
        st.markdown(t("theory.mask_kept", kept=hidden_kept))
        st.metric(t("theory.small_count", units=droppable), f"{ensemble.count_subnetworks(droppable):,}",
                  help=t("theory.small_count_help", units=droppable))
        st.metric(t("theory.d2l_count"), f"2^{d2l_units}",
                  help=t("theory.d2l_count_help"))
        st.markdown(t("theory.d2l_digits", units=d2l_units, digits=ensemble.decimal_digits(d2l_count)))
    with st.expander(t("theory.all_digits", units=d2l_units)):
        st.code(f"{d2l_count:,}", language=None, wrap_lines=True)


# --- 3. MC dropout ---------------------------------------------------------------------------------------------------

def mc_section() -> None:
    """Uncertainty from T thinned passes: its spread, the most and least certain images, accuracy when rejecting."""
    st.markdown(t("theory.mc_intro"))
    data = fashion_mnist_or_notice("theory")
    if data is None:
        return
    model = studied_network(data)
    left, middle, right = st.columns(3)
    with left:
        seed = mc_seed()
    T = int(url_choice(t("theory.T"), "T", T_CHOICES, 30, widget="select_slider", place=middle))
    measure = url_choice(t("theory.uncertainty"), "uncertainty", UNCERTAINTIES, "entropy", widget="radio",
                         format_func=lambda o: t(f"theory.uncertainty_{o}"), place=right)
    images, labels = test_subset(data)
    with st.spinner(t("theory.sampling", T=T, count=len(images))):
        prediction, eval_probs = mc_dropout(lab_network.model_fingerprint(model), data.checksum, len(images), T, seed,
                                            model, images)
    uncertainty = prediction.predictive_entropy if measure == "entropy" else prediction.predicted_class_std
    predicted = prediction.mean_probs.argmax(axis=1)
    correct = predicted == labels.numpy()

    columns = st.columns(3)
    columns[0].metric(t("theory.mc_accuracy", T=T), f"{correct.mean():.3f}")
    columns[1].metric(t("theory.uncertainty_right"), f"{uncertainty[correct].mean():.3f}" if correct.any() else "–")
    columns[2].metric(t("theory.uncertainty_wrong"), f"{uncertainty[~correct].mean():.3f}" if (~correct).any() else "–")
    if float(uncertainty.max()) == 0.0:
        st.info(t("theory.no_dropout_no_spread"))

    value_range = (0.0, max(float(uncertainty.max()), 1e-9))
    groups = ((t("theory.right"), correct), (t("theory.wrong"), ~correct))
    histogram = pd.concat([
        theory_charts.histogram_frame(uncertainty[mask], 30, value_range).assign(group=name) for name, mask in groups
    ])
    st.altair_chart(theory_charts.histogram_chart(
        histogram, t(f"theory.uncertainty_{measure}"), t("theory.images_axis"), t("theory.prediction"),
    ), width="stretch")

    most, least = ensemble.most_and_least_certain(uncertainty, GALLERY)
    for title, indices in ((t("theory.most_certain"), most), (t("theory.least_certain"), least)):
        st.markdown(f"**{title}**")
        for column, index in zip(st.columns(GALLERY), indices):
            column.image(theory_charts.upscale(images[index].numpy(), UPSCALE), output_format="PNG", caption=t(
                "theory.image_caption", predicted=CLASS_NAMES[predicted[index]],
                probability=prediction.mean_probs[index, predicted[index]],
                spread=prediction.predicted_class_std[index], true=CLASS_NAMES[int(labels[index])],
                uncertainty=uncertainty[index],
            ))
    rejection_chart(prediction, eval_probs, labels.numpy(), T)


def rejection_chart(prediction: ensemble.MCPrediction, eval_probs: np.ndarray, labels: np.ndarray, T: int) -> None:
    """Accuracy on the images kept after setting aside the least certain fraction, for three uncertainty measures."""
    st.subheader(t("theory.reject_title"))
    fractions = np.asarray(ensemble.DEFAULT_REJECT_FRACTIONS)
    curves = {
        t("theory.reject_entropy", T=T): ensemble.accuracy_when_rejecting(
            prediction.mean_probs, prediction.predictive_entropy, labels, fractions),
        t("theory.reject_std", T=T): ensemble.accuracy_when_rejecting(
            prediction.mean_probs, prediction.predicted_class_std, labels, fractions),
        t("theory.reject_eval"): ensemble.accuracy_when_rejecting(
            eval_probs, ensemble.entropy(eval_probs), labels, fractions),
    }
    frame = pd.DataFrame([{"x": x, "value": v, "series": name} for name, values in curves.items()
                          for x, v in zip(fractions, values)])
    st.altair_chart(theory_charts.lines_chart(frame, t("theory.reject_axis"), t("theory.kept_accuracy_axis"), "%"),
                    width="stretch")
    at = int(np.searchsorted(fractions, 0.2))
    names = list(curves)
    st.markdown(t("theory.reject_reading", fraction=fractions[at], base=curves[names[0]][0],
                  entropy=curves[names[0]][at], std=curves[names[1]][at], eval=curves[names[2]][at]))


# --- 4. Variants --------------------------------------------------------------------------------------------------

@st.cache_data(max_entries=32, show_spinner=False)
def variant_measurements(d: float, seed: int) -> list[variants.VariantMeasurement]:
    """Every variant's measured and theoretical mean and variance over VARIANT_SAMPLES draws."""
    return [variants.measure_variant(name, d, n=VARIANT_SAMPLES, seed=seed) for name in variants.VARIANTS]


def variants_section() -> None:
    """The table of measured against theoretical moments, then one variant's noise and its histogram."""
    st.markdown(t("theory.variants_intro"))
    left, right = st.columns(2)
    d = float(url_slider(t("theory.d"), "d", 0.0, 0.9, 0.5, step=0.05, place=left, help=t("theory.d_help")))
    seed = int(url_number(t("theory.noise_seed"), "noise_seed", 0, MAX_SEED, 0, place=right))
    measurements = variant_measurements(d, seed)
    st.dataframe(variants_table(measurements), hide_index=True, column_config={
        t("theory.col_mean"): st.column_config.NumberColumn(format="%.4f"),
        t("theory.col_mean_theory"): st.column_config.NumberColumn(format="%.4f"),
        t("theory.col_var"): st.column_config.NumberColumn(format="%.4f"),
        t("theory.col_var_theory"): st.column_config.NumberColumn(format="%.4f"),
        t("theory.col_z_mean"): st.column_config.NumberColumn(format="%+.2f"),
        t("theory.col_z_var"): st.column_config.NumberColumn(format="%+.2f"),
    })
    st.caption(t("theory.variants_table_caption", n=f"{VARIANT_SAMPLES:,}"))

    name = url_choice(t("theory.variant"), "variant", variants.VARIANTS, variants.BERNOULLI,
                      format_func=lambda o: t(f"theory.variant_{o}"), widget="segmented_control", required=True)
    st.markdown(t(f"theory.variant_{name}_text"))
    measurement = next(m for m in measurements if m.name == name)
    left, right = st.columns(2)
    with left:
        noise_drawing(name, d, seed)
    right.altair_chart(theory_charts.histogram_chart(
        theory_charts.histogram_frame(measurement.sample.numpy(), 40), t(f"theory.variant_{name}_value"),
        t("theory.count_axis"), marker=measurement.theoretical_mean, marker_label=t("theory.theory_mean"),
    ), width="stretch")


def variants_table(measurements: list[variants.VariantMeasurement]) -> pd.DataFrame:
    """One row per variant: what is measured, measured and theoretical mean and variance, and their z-scores."""
    rows = []
    for m in measurements:
        rows.append({
            t("theory.col_variant"): t(f"theory.variant_{m.name}"),
            t("theory.col_measured"): t(f"theory.variant_{m.name}_value"),
            t("theory.col_mean"): m.measured_mean,
            t("theory.col_mean_theory"): m.theoretical_mean,
            t("theory.col_z_mean"): (m.measured_mean - m.theoretical_mean) / m.mean_standard_error
            if m.mean_standard_error > 0 else 0.0,
            t("theory.col_var"): m.measured_variance,
            t("theory.col_var_theory"): m.theoretical_variance,
            t("theory.col_z_var"): (m.measured_variance - m.theoretical_variance) / m.variance_standard_error
            if m.variance_standard_error > 0 else 0.0,
        })
    return pd.DataFrame(rows)


def noise_drawing(name: str, d: float, seed: int) -> None:
    """Heatmap(s) of the noise one draw of the variant puts on a small tensor."""
    rows, cols = NOISE_SHAPE
    ones = torch.ones(NOISE_SHAPE, dtype=torch.float64)
    if name == variants.DROPOUT2D:
        fates = variants.dropout2d_channel_fates(d, n_images=1, n_channels=rows, height=2, width=cols // 2,
                                                 seed=seed)
        scale = charts.binary_scale(t("theory.dropped"), t("theory.kept"))
        for title, kept in ((t("theory.dropout2d_mask", rows=rows, cols=cols),
                             fates.channel_kept[0][:, None].expand(rows, cols)),
                            (t("theory.elementwise_mask"), fates.element_kept[0].reshape(rows, cols))):
            charts.draw(charts.heatmap(kept.double().numpy(), scale, title=title, show_values=False))
        st.caption(t("theory.shared_fate", dropout2d=fates.dropout2d_shared_fate, positions=cols,
                     elementwise=fates.elementwise_shared_fate, theory=fates.elementwise_shared_fate_theory))
        return
    if name == variants.DROPCONNECT:
        noise = variants.dropconnect_linear(torch.ones((1, cols), dtype=torch.float64), ones,
                                            torch.zeros(rows, dtype=torch.float64), d, seed).noise[0]
    elif name == variants.ALPHA:
        generator = torch.Generator().manual_seed(seed + 1)
        selu_inputs = torch.selu(torch.randn(NOISE_SHAPE, generator=generator, dtype=torch.float64))
        noise = variants.alpha_dropout(selu_inputs, d, seed).output
        a, b = variants.alpha_dropout_affine(d)
        st.caption(t("theory.alpha_caption", a=a, b=b, dropped=a * variants.ALPHA_PRIME + b))
    else:
        draw = variants.bernoulli_dropout if name == variants.BERNOULLI else variants.gaussian_dropout
        noise = draw(ones, d, seed).noise
    values = noise.numpy()
    charts.draw(charts.heatmap(values, charts.shared_value_scale(values),
                               title=t(f"theory.variant_{name}_drawing", rows=rows, cols=cols)))


# --- the page --------------------------------------------------------------------------------------------------------

st.title(t("theory.title"))
st.markdown(t("theory.intro"))
section = url_choice(t("theory.section"), "section", SECTIONS, "l2", format_func=lambda o: t(f"theory.section_{o}"),
                     widget="segmented_control", required=True)
st.header(t(f"theory.section_{section}"))
{"l2": penalty_section, "average": average_section, "mc": mc_section, "variants": variants_section}[section]()
