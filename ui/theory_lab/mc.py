"""Section 3: MC dropout, uncertainty from T thinned passes, the most and least certain images, rejection."""
import numpy as np
import pandas as pd
import streamlit as st

from dropout_core.theory import ensemble, lab_network
from dropout_core.training.data import CLASS_NAMES
from ui.controls import url_choice
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.theory_lab import charts
from ui.theory_lab.network import mc_dropout, mc_seed, studied_network, test_subset

T_CHOICES = (10, 30, 100)
GALLERY = 6  # images shown of the most and of the least certain
UPSCALE = 4  # 28 x 28 pixels drawn as 112 x 112
HISTOGRAM_BINS = 30
READING_FRACTION = 0.2  # the fraction set aside that the sentence under the rejection chart reads off


def show() -> None:
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
    measure = url_choice(t("theory.uncertainty"), "uncertainty", ensemble.UNCERTAINTY_MEASURES, "entropy",
                         widget="radio", format_func=lambda o: t(f"theory.uncertainty_{o}"), place=right)
    images, labels = test_subset(data)
    with st.spinner(t("theory.sampling", T=T, count=len(images))):
        prediction, eval_probs = mc_dropout(lab_network.model_fingerprint(model), data.checksum, len(images), T, seed,
                                            model, images)
    uncertainty = prediction.uncertainty(measure)
    outcome = ensemble.uncertainty_by_correctness(prediction.mean_probs, uncertainty, labels.numpy())

    columns = st.columns(3)
    columns[0].metric(t("theory.mc_accuracy", T=T), f"{outcome.accuracy:.3f}")
    for column, key, value in ((columns[1], "theory.uncertainty_right", outcome.mean_uncertainty_right),
                               (columns[2], "theory.uncertainty_wrong", outcome.mean_uncertainty_wrong)):
        column.metric(t(key), "–" if np.isnan(value) else f"{value:.3f}")
    if float(uncertainty.max()) == 0.0:
        st.info(t("theory.no_dropout_no_spread"))
    uncertainty_histogram(uncertainty, outcome.correct, measure)
    gallery(prediction, uncertainty, outcome.predicted, images, labels)
    rejection_chart(prediction, eval_probs, labels.numpy(), T)


def uncertainty_histogram(uncertainty: np.ndarray, correct: np.ndarray, measure: str) -> None:
    """The uncertainty of right and of wrong predictions, as two histograms on shared bins."""
    value_range = (0.0, max(float(uncertainty.max()), 1e-9))
    groups = ((t("theory.right"), correct), (t("theory.wrong"), ~correct))
    histogram = pd.concat([
        charts.histogram_frame(uncertainty[mask], HISTOGRAM_BINS, value_range).assign(group=name)
        for name, mask in groups
    ])
    st.altair_chart(charts.histogram_chart(
        histogram, t(f"theory.uncertainty_{measure}"), t("theory.images_axis"), t("theory.prediction"),
    ), width="stretch")


def gallery(prediction: ensemble.MCPrediction, uncertainty: np.ndarray, predicted: np.ndarray, images, labels) -> None:
    """The most and the least certain test images, each with its prediction, spread, true class and uncertainty."""
    most, least = ensemble.most_and_least_certain(uncertainty, GALLERY)
    for title, indices in ((t("theory.most_certain"), most), (t("theory.least_certain"), least)):
        st.markdown(f"**{title}**")
        for column, index in zip(st.columns(GALLERY), indices):
            column.image(charts.upscale(images[index].numpy(), UPSCALE), output_format="PNG", caption=t(
                "theory.image_caption", predicted=CLASS_NAMES[predicted[index]],
                probability=prediction.mean_probs[index, predicted[index]],
                spread=prediction.predicted_class_std[index], true=CLASS_NAMES[int(labels[index])],
                uncertainty=uncertainty[index],
            ))


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
    st.altair_chart(charts.lines_chart(frame, t("theory.reject_axis"), t("theory.kept_accuracy_axis"), "%"),
                    width="stretch")
    at = int(np.searchsorted(fractions, READING_FRACTION))
    entropy, std, evaluation = curves.values()
    st.markdown(t("theory.reject_reading", fraction=fractions[at], base=entropy[0], entropy=entropy[at],
                  std=std[at], eval=evaluation[at]))
