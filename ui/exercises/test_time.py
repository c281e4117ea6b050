"""Exercise 4: why dropout is off at test time: eval mode against one dropout pass and the average of many."""
import streamlit as st

from dropout_core.theory import ensemble, lab_network
from ui.dataset import fashion_mnist_or_notice
from ui.exercises.common import ask, show_exercise
from ui.i18n import join_list, t
from ui.predict import show_prediction
from ui.theory_lab.average import T_MAX
from ui.theory_lab.network import studied_network, test_subset, thinned_average

SEED = 0  # the Theory lab's default mask seed: a visit to either page computes the passes for both
ANSWERS = ("eval", "one_pass", "average")


def show() -> None:
    """The learner's guess, then the three accuracies on the same test images, and the reason in two sentences."""
    show_exercise("test_time")
    options = {answer: t(f"exercises.option_{answer}", T=T_MAX) for answer in ANSWERS}
    prediction = ask("exercise_test_time", t("exercises.test_time_predict"), options)
    if prediction is None:
        return
    data = fashion_mnist_or_notice("theory")
    if data is None:
        return
    model = studied_network(data)
    images, labels = test_subset(data)
    with st.spinner(t("theory.sampling", T=T_MAX, count=len(images))):
        evaluation, eval_probs, averages = thinned_average(lab_network.model_fingerprint(model), data.checksum,
                                                           len(images), T_MAX, SEED, model, images, labels)
    probabilities = {"eval": eval_probs, "one_pass": averages.first_probs, "average": averages.arithmetic_probs}
    correct = {answer: probs.argmax(axis=1) == labels.numpy() for answer, probs in probabilities.items()}
    accuracies = {answer: float(hits.mean()) for answer, hits in correct.items()}
    best = max(accuracies, key=accuracies.get)
    # All three answer the same images, so each is compared with the best image by image: a paired difference.
    gaps = {answer: ensemble.paired_accuracy_difference(correct[answer], correct[best])
            for answer in ANSWERS if answer != best}
    tied = [best] + [answer for answer, gap in gaps.items() if gap.verdict == "same"]
    if prediction.answer is not None:  # any answer within chance of the best is as right as the best
        show_prediction(prediction, options[prediction.answer], verdict=prediction.answer in tied)
    for column, answer in zip(st.columns(len(ANSWERS)), ANSWERS):
        column.metric(options[answer], f"{accuracies[answer]:.3f}")
    # A tie is the headline: "most accurate" above a right answer that is not the highest read as a contradiction.
    if len(tied) > 1:
        st.markdown(t("exercises.test_time_tied", names=join_list(options[answer] for answer in tied),
                      best=options[best]))
    else:
        st.markdown(t("exercises.test_time_best", best=options[best]))
    gap_texts = join_list(t("exercises.test_time_gap", name=options[answer], difference=gap.difference,
                            se=gap.standard_error) for answer, gap in gaps.items())
    st.markdown(t("exercises.test_time_answer", best=options[best], eval=accuracies["eval"],
                  one=accuracies["one_pass"], average=accuracies["average"], T=T_MAX, count=len(images),
                  gaps=gap_texts))
    st.markdown(t("exercises.test_time_why"))
    st.page_link("pages/theory.py", label=t("exercises.test_time_link"), query_params={"section": "mc"})
