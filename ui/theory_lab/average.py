"""Section 2: a drawing of one thinned network, how many there are, and eval mode against their average."""
import pandas as pd
import streamlit as st

from dropout_core.theory import ensemble, lab_network
from ui.controls import resample_seed
from ui.dataset import fashion_mnist_or_notice
from ui.i18n import t
from ui.theory_lab import charts
from ui.theory_lab.controls import seed_input
from ui.theory_lab.network import mc_seed, studied_network, test_subset, thinned_average

T_MAX = 100  # thinned networks averaged at most: the curve runs T = 1..T_MAX
T_SHOWN = (1, 10, T_MAX)  # the averages shown as metrics beside eval mode
D2L_LAYER_SIZES = (784, 256, 256, 10)


def show() -> None:
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
        evaluation, curve = thinned_average(lab_network.model_fingerprint(model), data.checksum, len(images), T_MAX,
                                            seed, model, images, labels)
    columns = st.columns(1 + len(T_SHOWN))
    columns[0].metric(t("theory.eval_acc"), f"{evaluation.accuracy:.3f}", help=t("theory.eval_acc_help"))
    for column, T in zip(columns[1:], T_SHOWN):
        column.metric(t("theory.mc_acc", T=T), f"{curve.accuracy[T - 1]:.3f}",
                      delta=f"{curve.accuracy[T - 1] - evaluation.accuracy:+.3f}", delta_color="off")
    left, right = st.columns(2)
    for column, values, reference, key in ((left, curve.accuracy, evaluation.accuracy, "accuracy"),
                                           (right, curve.loss, evaluation.loss, "loss")):
        column.altair_chart(charts.curve_with_reference(
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
        seed = seed_input(t("theory.net_seed"), "net_seed")
        st.button(t("theory.resample"), on_click=resample_seed, args=("net_seed", 10_000), key="resample_net")
    kept = ensemble.subnetwork_drawing(sizes, drops, seed)
    units, connections = charts.network_drawing(sizes, kept)
    labels = [t("theory.layer_input")] + [t("theory.layer_hidden", i=i + 1, p=p) for i, p in enumerate(drops)] \
        + [t("theory.layer_output")]
    left.altair_chart(charts.network_chart(units, connections, labels, t("theory.kept"), t("theory.dropped")),
                      width="stretch")
    droppable = ensemble.droppable_unit_count(sizes, drops)
    d2l_units = ensemble.droppable_unit_count(D2L_LAYER_SIZES, drops)
    d2l_count = ensemble.count_subnetworks(d2l_units)
    with right:
        hidden_kept = ", ".join(f"{int(mask.sum())}/{len(mask)}" for mask in kept[1:-1])
        st.markdown(t("theory.mask_kept", kept=hidden_kept))
        st.metric(t("theory.small_count", units=droppable), f"{ensemble.count_subnetworks(droppable):,}",
                  help=t("theory.small_count_help", units=droppable))
        st.metric(t("theory.d2l_count"), f"2^{d2l_units}", help=t("theory.d2l_count_help"))
        st.markdown(t("theory.d2l_digits", units=d2l_units, digits=ensemble.decimal_digits(d2l_count)))
    with st.expander(t("theory.all_digits", units=d2l_units)):
        st.code(f"{d2l_count:,}", language=None, wrap_lines=True)
