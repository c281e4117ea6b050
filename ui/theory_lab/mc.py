"""Section 3: MC dropout, uncertainty from T thinned passes, the most and least certain images, rejection."""
import numpy as np
import pandas as pd
import streamlit as st

from dropout_core.theory import ensemble, lab_network
from dropout_core.training.outcomes import NOISE_SIGMAS, ROUNDING, JudgedDifference
from ui.charts import cached_spec
from ui.controls import url_choice
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import join_sentences, t
from ui.theory_lab import charts, predictions
from ui.theory_lab.network import mc_dropout, mc_seed, rejection_against_eval, studied_network, test_subset

T_CHOICES = (10, 30, 100)
DEFAULT_T = 30
GALLERY = 6  # images shown of the most and of the least certain
UPSCALE = 4  # 28 x 28 pixels drawn as 112 x 112
HISTOGRAM_BINS = 30
READING_FRACTION = 0.2  # the fraction set aside that the sentence under the rejection chart reads off


def show() -> None:
    """Uncertainty from T thinned passes: its spread, the most and least certain images, accuracy when rejecting."""
    data = fashion_mnist_or_notice("theory")
    if data is None:
        return
    model = studied_network(data)
    left, middle, right = st.columns(3)
    with left:
        seed = mc_seed()
    T = int(url_choice(t("theory.T"), "T", T_CHOICES, DEFAULT_T, widget="select_slider", place=middle))
    measure = url_choice(t("theory.uncertainty"), "uncertainty", ensemble.UNCERTAINTY_MEASURES, "entropy",
                         widget="radio", format_func=lambda o: t(f"theory.uncertainty_{o}"), place=right)
    images, labels = test_subset(data)
    fingerprint = lab_network.model_fingerprint(model)
    with st.spinner(t("theory.sampling", T=T, count=len(images))):
        prediction, eval_probs = mc_dropout(fingerprint, data.checksum, len(images), T, seed, model, images)
    uncertainty = prediction.uncertainty(measure)
    outcome = ensemble.uncertainty_by_correctness(prediction.mean_probs, uncertainty, labels.numpy())

    columns = st.columns(3)
    columns[0].metric(t("theory.mc_accuracy", T=T), f"{outcome.accuracy:.3f}")
    # Predict, then see: given the accuracy, the uncertainties wait for the learner's answers.
    asked = predictions.ask_mc(f"{fingerprint}-{seed}-T{T}-{measure}", measure, T, READING_FRACTION, st)
    if not asked.reveal:
        st.caption(t("predict.hidden"))
        return
    for column, key, value in ((columns[1], "theory.uncertainty_right", outcome.mean_uncertainty_right),
                               (columns[2], "theory.uncertainty_wrong", outcome.mean_uncertainty_wrong)):
        column.metric(t(key), "–" if np.isnan(value) else f"{value:.3f}")
    rejection = ensemble.compare_rejection(prediction, eval_probs, labels.numpy())
    at = int(np.searchsorted(rejection.fractions, READING_FRACTION))
    against_eval = rejection_against_eval(fingerprint, data.checksum, len(images), T, seed, measure,
                                          float(rejection.fractions[at]), prediction, eval_probs, labels.numpy())
    predictions.show_mc(asked, measure, T, ensemble.uncertainty_gap(uncertainty, outcome.correct), outcome,
                        rejection, at, against_eval)
    total, disagreement = float(prediction.predictive_entropy.mean()), float(prediction.mutual_information.mean())
    st.markdown(t("theory.mc_split", total=total, disagreement=disagreement,
                  share=disagreement / total if total > 0 else 0.0))
    if float(uncertainty.max()) <= ROUNDING:  # passes that all agree (no dropout) leave only rounding
        st.info(t("theory.no_dropout_no_spread"))
    uncertainty_histogram(uncertainty, outcome.correct, measure)
    gallery(prediction, uncertainty, outcome.predicted, images, labels, measure)
    rejection_chart(rejection, T, at, measure, against_eval)


def uncertainty_histogram(uncertainty: np.ndarray, correct: np.ndarray, measure: str) -> None:
    """The uncertainty of right and of wrong predictions, as two histograms on shared bins."""
    st.vega_lite_chart(cached_spec(histogram_spec, uncertainty, correct, measure), width="stretch")


def histogram_spec(uncertainty: np.ndarray, correct: np.ndarray, measure: str) -> dict:
    """uncertainty_histogram's chart (charts.cached_spec builds it once per look)."""
    value_range = (0.0, max(float(uncertainty.max()), 1e-9))
    groups = ((t("theory.right"), correct), (t("theory.wrong"), ~correct))
    histogram = pd.concat([
        charts.histogram_frame(uncertainty[mask], HISTOGRAM_BINS, value_range).assign(group=name)
        for name, mask in groups
    ])
    return charts.histogram_chart(histogram, t(f"theory.uncertainty_{measure}"), t("theory.images_axis"),
                                  t("theory.prediction"))


def gallery(prediction: ensemble.MCPrediction, uncertainty: np.ndarray, predicted: np.ndarray, images, labels,
            measure: str) -> None:
    """The most and the least certain test images, each with its prediction, spread, true class and uncertainty,
    under a key that names each number (bare, "Shirt (0.17 ± 0.06) · true: Dress · 2.210" left three unexplained)."""
    most, least = ensemble.most_and_least_certain(uncertainty, GALLERY)
    st.caption(t("theory.image_key", measure=t(f"theory.uncertainty_{measure}")))
    for title, indices in ((t("theory.most_certain"), most), (t("theory.least_certain"), least)):
        st.markdown(f"**{title}**")
        for column, index in zip(st.columns(GALLERY), indices):
            column.image(charts.upscale(images[index].numpy(), UPSCALE), output_format="PNG", caption=t(
                "theory.image_caption", predicted=t(f"data.class_{predicted[index]}"),
                probability=prediction.mean_probs[index, predicted[index]],
                spread=prediction.predicted_class_std[index], true=t(f"data.class_{int(labels[index])}"),
                uncertainty=uncertainty[index],
            ))


def rejection_chart(comparison: ensemble.RejectionComparison, T: int, at: int, measure: str,
                    against_eval: JudgedDifference) -> None:
    """Accuracy on the images kept after setting aside the least certain fraction, by each uncertainty measure, and
    a reading of the curves at fractions[at]: which did best, and whether the chosen measure beats the eval pass."""
    st.subheader(t("theory.reject_title"))
    names = {each: t(f"theory.reject_{each}", T=T) for each in comparison.accuracy}
    frame = pd.DataFrame([{"x": x, "value": v, "series": names[each]}
                          for each, values in comparison.accuracy.items()
                          for x, v in zip(comparison.fractions, values)])
    st.vega_lite_chart(cached_spec(rejection_spec, frame), width="stretch")
    best = comparison.best_at(at)
    st.markdown(join_sentences([
        t("theory.reject_reading", fraction=comparison.fractions[at], kept=comparison.kept[at],
          mc_base=comparison.accuracy["entropy"][0], eval_base=comparison.accuracy[ensemble.EVAL_ENTROPY][0],
          best=" / ".join(names[each] for each in best),
          **{each: values[at] for each, values in comparison.accuracy.items()}),
        t(f"theory.reject_verdict_{against_eval.verdict}", name=names[measure], difference=against_eval.difference,
          band=NOISE_SIGMAS * against_eval.standard_error),
        t("theory.reject_useful")]))


def rejection_spec(frame: pd.DataFrame) -> dict:
    """rejection_chart's chart (charts.cached_spec builds it once per look)."""
    return charts.lines_chart(frame, t("theory.reject_axis"), t("theory.kept_accuracy_axis"), "%")
