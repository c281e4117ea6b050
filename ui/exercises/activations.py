"""Exercise 3: each hidden layer's activation variance over training, with and without dropout."""
import altair as alt
import streamlit as st

from dropout_core.training.exercises import activation_frame
from ui.charts import altair_spec, cached_spec, inline_rows
from ui.compare.runs import saved_runs
from ui.exercises.common import ask, groups_or_notice, live_link, show_exercise, show_verdict
from ui.i18n import t
from ui.theme import projector_on

WITH, WITHOUT = ("activations", "p0.2-0.5"), ("activations", "p0-0")
ANSWERS = ("larger", "smaller", "same")
SAME_WITHIN = 0.05  # a variance ratio within 5% of 1 counts as unchanged
SHOWN = {"with": ("before_noise", "after_noise", "eval"), "without": ("eval",)}  # without dropout all three agree


def variance_answer(before: float, after: float) -> str:
    """What the dropout layer did to the variance, as the prediction's options name it."""
    ratio = after / before
    if abs(ratio - 1.0) <= SAME_WITHIN:
        return "same"
    return "larger" if ratio > 1.0 else "smaller"


def layer_chart(frame, layer: int) -> dict:
    """One hidden layer's variance over the epochs: a line per group and place, the seeds' range as a band."""
    rows = frame[frame["layer"] == layer]
    rows = rows.assign(series=rows["group"] + " · " + rows["place"].map(lambda p: t(f"exercises.place_{p}")))
    x = alt.X("epoch:Q", title=t("exercises.epoch_axis"), axis=alt.Axis(tickMinStep=1))
    colour = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", columns=1, symbolOpacity=1))
    band = alt.Chart().mark_area(opacity=0.15).encode(x=x, y="low:Q", y2="high:Q", color=colour)
    lines = alt.Chart().mark_line(point=True).encode(
        x=x, y=alt.Y("variance:Q", title=t("exercises.variance_axis"), scale=alt.Scale(zero=True)), color=colour,
        strokeDash=alt.StrokeDash("place:N", legend=None),
        tooltip=["series:N", "epoch:Q", alt.Tooltip("variance:Q", format=".5f"), alt.Tooltip("mean:Q", format=".5f"),
                 "runs:Q"])
    return altair_spec(alt.layer(band, lines, data=inline_rows(rows)), 260,
                       title=t("exercises.layer_title", layer=layer))


def show() -> None:
    """The learner's guess about the dropout layer's effect on variance, then both layers' curves and a reading."""
    show_exercise("activations")
    groups = groups_or_notice(saved_runs(), (WITH, WITHOUT))
    if groups is None:
        return
    with_dropout, without = groups
    names = {with_dropout.name: t("exercises.with_dropout"), without.name: t("exercises.without_dropout")}
    frame = activation_frame({names[group.name]: group.records for group in groups})
    if frame.empty:
        st.info(t("exercises.activations_missing"))
        return
    st.caption(t("exercises.activations_how", seeds=len(with_dropout.records)))
    options = {answer: t(f"exercises.variance_{answer}") for answer in ANSWERS}
    prediction = ask("exercise_activations", t("exercises.activations_predict"), options)
    if prediction is None:
        return
    shown = frame[[place in SHOWN["with" if group == t("exercises.with_dropout") else "without"]
                   for group, place in zip(frame["group"], frame["place"])]]
    last = frame[frame["epoch"] == frame["epoch"].max()].set_index(["group", "layer", "place"])
    config = with_dropout.records[0].config

    def value(group: str, layer: int, place: str, column: str = "variance") -> float:
        return float(last.loc[(group, layer, place), column])

    with_name, without_name = t("exercises.with_dropout"), t("exercises.without_dropout")
    show_verdict(prediction, options, variance_answer(value(with_name, 1, "before_noise"),
                                                      value(with_name, 1, "after_noise")))
    columns = st.columns(1 if projector_on() else 2)  # a lecture hall wants each chart as wide as the page
    for position, layer, p in zip(range(2), (1, 2), (config.p1, config.p2)):
        with columns[position % len(columns)]:
            st.vega_lite_chart(cached_spec(layer_chart, shown, layer), width="stretch")
            before, after = value(with_name, layer, "before_noise"), value(with_name, layer, "after_noise")
            st.markdown(t("exercises.activations_reading", layer=layer, p=p, before=before, after=after,
                          ratio=after / before, factor=1 / (1 - p), mean=value(with_name, layer, "after_noise", "mean"),
                          plain=value(without_name, layer, "eval"), eval=value(with_name, layer, "eval")))
    live_link(config)
