"""Section 2: a drawing of one thinned network, how many there are, and eval mode against their average."""
import pandas as pd
import streamlit as st

from dropout_core.theory import ensemble, lab_network
from dropout_core.training.outcomes import JudgedDifference
from ui.controls import resample_seed
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import join_list, join_sentences, t
from ui.theory_lab import charts, predictions
from ui.theory_lab.controls import seed_input
from ui.theory_lab.network import mc_seed, studied_network, test_subset, thinned_average

T_MAX = 100  # thinned networks averaged at most: the curve runs T = 1..T_MAX
T_SHOWN = (1, 10, T_MAX)  # the averages shown as metrics beside eval mode
D2L_LAYER_SIZES = (784, 256, 256, 10)


def show() -> None:
    """A drawing of one thinned network, how many there are, and eval mode against the average of T of them."""
    subnetwork_drawing()
    st.subheader(t("theory.average_title"))
    data = fashion_mnist_or_notice("theory")
    if data is None:
        return
    model = studied_network(data)
    seed = mc_seed()
    images, labels = test_subset(data)
    fingerprint = lab_network.model_fingerprint(model)
    with st.spinner(t("theory.sampling", T=T_MAX, count=len(images))):
        evaluation, eval_probs, averages = thinned_average(fingerprint, data.checksum, len(images), T_MAX, seed, model,
                                                           images, labels)
    columns = st.columns(2 + len(T_SHOWN))
    columns[0].metric(t("theory.eval_acc"), f"{evaluation.accuracy:.3f}", help=t("theory.eval_acc_help"))
    # Predict, then see: given eval mode's accuracy, the averages wait for the learner's answers.
    asked = predictions.ask_average(f"{fingerprint}-{seed}", T_MAX, len(images), st)
    if not asked.reveal:
        st.caption(t("predict.hidden"))
        return
    shown = [(t("theory.mc_acc", T=T), averages.arithmetic.accuracy[T - 1]) for T in T_SHOWN]
    shown.append((t("theory.geo_acc", T=T_MAX), averages.geometric.accuracy[-1]))
    for column, (label, accuracy) in zip(columns[1:], shown):
        delta = f"{accuracy - evaluation.accuracy:+z.3f}"
        # No arrow where the difference shown is zero: "↑ +0.000" would point at nothing.
        column.metric(label, f"{accuracy:.3f}", delta=delta, delta_color="off",
                      delta_arrow="off" if delta == "+0.000" else "auto")
    labels = labels.numpy()
    comparison = ensemble.paired_accuracy_difference(eval_probs.argmax(axis=1) == labels,
                                                     averages.arithmetic_probs.argmax(axis=1) == labels)
    to_geometric = ensemble.mean_l1_distance(eval_probs, averages.geometric_probs)
    to_arithmetic = ensemble.mean_l1_distance(eval_probs, averages.arithmetic_probs)
    predictions.show_average(asked, T_MAX, comparison, evaluation.accuracy, averages.arithmetic.accuracy[-1],
                             to_geometric, to_arithmetic)
    left, right = st.columns(2)
    for column, key, reference in ((left, "accuracy", evaluation.accuracy), (right, "loss", evaluation.loss)):
        frame = pd.concat([
            pd.DataFrame({"T": averages.T, "value": getattr(getattr(averages, kind), key),
                          "series": t(f"theory.series_{kind}")})
            for kind in ensemble.AVERAGE_KINDS
        ])
        column.vega_lite_chart(charts.curves_with_reference(
            frame, t(f"theory.{key}_axis"), t("theory.T_axis"), reference, t("theory.eval_rule"),
            t(f"theory.{key}_title", count=len(images)),
        ), width="stretch")
    average_reading(evaluation, averages, comparison, to_geometric, to_arithmetic)


def average_reading(evaluation: ensemble.Metrics, averages: ensemble.ThinnedAverages,
                    comparison: JudgedDifference, to_geometric: float, to_arithmetic: float) -> None:
    """Which average eval mode is closer to, and whether one eval pass does as well as T_MAX thinned ones."""
    left, right = st.columns(2)
    left.metric(t("theory.l1_geometric", T=T_MAX), f"{to_geometric:.3f}", help=t("theory.l1_help"))
    right.metric(t("theory.l1_arithmetic", T=T_MAX), f"{to_arithmetic:.3f}", help=t("theory.l1_help"))
    closer = ensemble.closer_average(to_geometric, to_arithmetic)
    st.markdown(join_sentences([
        t("theory.average_reading", eval_acc=evaluation.accuracy, eval_loss=evaluation.loss,
          one_acc=averages.arithmetic.accuracy[0], one_loss=averages.arithmetic.loss[0], T=T_MAX,
          many_acc=averages.arithmetic.accuracy[-1], many_loss=averages.arithmetic.loss[-1],
          geo_acc=averages.geometric.accuracy[-1], geo_loss=averages.geometric.loss[-1]),
        t(f"theory.average_closer_{closer}", geometric=to_geometric, arithmetic=to_arithmetic),
        t(f"theory.average_verdict_{comparison.verdict}", T=T_MAX, difference=comparison.difference,
          se=comparison.standard_error)]))


def subnetwork_drawing() -> None:
    """The small network with the units one mask removes greyed out, and the count of possible sub-networks."""
    sizes, drops = ensemble.D2L_DEMO_LAYER_SIZES, ensemble.D2L_HIDDEN_DROP
    left, right = st.columns([3, 2])
    with right:
        seed = seed_input(t("theory.net_seed"), "net_seed")
        st.button(t("theory.resample"), on_click=resample_seed, args=("net_seed", 10_000), key="resample_net")
    kept = ensemble.subnetwork_drawing(sizes, drops, seed)
    units, connections = charts.network_drawing(sizes, kept)
    labels = [t("theory.layer_input")] + [t("theory.layer_hidden", i=i + 1, p=p) for i, p in enumerate(drops)] \
        + [t("theory.layer_output")]
    left.vega_lite_chart(charts.network_chart(units, connections, labels, t("theory.kept"), t("theory.dropped")),
                      width="stretch")
    droppable = ensemble.droppable_unit_count(sizes, drops)
    d2l_units = ensemble.droppable_unit_count(D2L_LAYER_SIZES, drops)
    d2l_count = ensemble.count_subnetworks(d2l_units)
    with right:
        hidden_kept = join_list(f"{int(mask.sum())}/{len(mask)}" for mask in kept[1:-1])
        st.markdown(t("theory.mask_kept", kept=hidden_kept))
        st.metric(t("theory.small_count", units=droppable), f"{ensemble.count_subnetworks(droppable):,}",
                  help=t("theory.small_count_help", units=droppable))
        st.metric(t("theory.d2l_count"), f"2^{d2l_units}", help=t("theory.d2l_count_help"))
        st.markdown(t("theory.d2l_digits", units=d2l_units, digits=ensemble.decimal_digits(d2l_count)))
    with st.expander(t("theory.all_digits", units=d2l_units)):
        st.code(f"{d2l_count:,}", language=None, wrap_lines=True)
