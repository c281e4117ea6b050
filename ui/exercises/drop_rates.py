"""Exercise 1: change and swap the two drop rates, read from a grid of saved runs over several seeds."""
import math
import statistics

import altair as alt
import pandas as pd
import streamlit as st

from dropout_core.training.exercises import GRID_SEEDS, drop_rate_grid, grid_records
from dropout_core.training.saved_runs import EXPERIMENTS, GRID_RATES, saved_runs_folder
from dropout_core.training.summaries import paired_difference
from ui.charts import altair_spec, cached_spec, inline_rows
from ui.compare.reading import paired_text
from ui.compare.runs import saved_runs
from ui.controls import url_choice
from ui.exercises.common import ask, live_link, show_exercise, show_verdict
from ui.i18n import join_clauses, join_list, t
from ui.safe_text import plain

D2L, SWAPPED = (0.2, 0.5), (0.5, 0.2)
GRID_METRICS = ("final_test_acc", "final_gap")
SWAP_ANSWERS = ("higher", "lower", "same")


def cell_name(cell: tuple[float, float]) -> str:
    """A cell of the grid as the reading names it."""
    return t("exercises.setting", p1=cell[0], p2=cell[1])


def grid_frame(grid) -> pd.DataFrame:
    """One row per cell: its rates, the medians and seed ranges of final test accuracy and gap, and its run count."""
    return pd.DataFrame([
        {"p1": p1, "p2": p2, "runs": summary.runs,
         **{metric: getattr(summary, metric).median for metric in GRID_METRICS},
         **{f"{metric}_range": getattr(summary, metric).high - getattr(summary, metric).low
            for metric in GRID_METRICS}}
        for (p1, p2), summary in grid.items()
    ])


def heatmap(frame: pd.DataFrame, metric: str) -> dict:
    """The grid as coloured cells, each with its median written in it (dark text on the light half of the scale)."""
    base = alt.Chart().encode(
        x=alt.X("p2:O", title=t("exercises.grid_p2"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("p1:O", title=t("exercises.grid_p1"), sort="descending"),
    )
    reverse = metric == "final_gap"  # a small gap is the good end of the scale, as a high accuracy is
    cells = base.mark_rect().encode(
        color=alt.Color(f"{metric}:Q", title=None, scale=alt.Scale(scheme="viridis", reverse=reverse)),
        tooltip=[alt.Tooltip("p1:O"), alt.Tooltip("p2:O"), alt.Tooltip(f"{metric}:Q", format=".4f"),
                 alt.Tooltip(f"{metric}_range:Q", title=t("exercises.grid_spread"), format=".4f"),
                 alt.Tooltip("runs:Q")],
    )
    middle = float(frame[metric].median())
    light = alt.datum[metric] < middle if reverse else alt.datum[metric] > middle  # viridis is light at its top
    labels = base.mark_text(baseline="middle", fontWeight="bold").encode(
        text=alt.Text(f"{metric}:Q", format=".3f"),
        color=alt.condition(light, alt.value("black"), alt.value("white")))
    return altair_spec(alt.layer(cells, labels, data=inline_rows(frame)), 320, title=t(f"exercises.grid_{metric}"))


def swap_answer(difference) -> str:
    """The runs' answer to the prediction: swapped minus d2l's, seed by seed, or the same within seed noise."""
    if difference.within_noise:
        return "same"
    return "higher" if difference.mean > 0 else "lower"


def show() -> None:
    """The grid, the learner's prediction about the swap, then the heatmaps and the reading."""
    show_exercise("drop_rates")
    st.caption(t("exercises.drop_rates_design", rates=join_list(f"{rate:g}" for rate in GRID_RATES),
                 seeds=len(GRID_SEEDS)))
    saved = saved_runs()
    grid = drop_rate_grid(saved)
    swapped, d2l = grid_records(saved, *SWAPPED), grid_records(saved, *D2L)
    if len(grid) < 2 or not swapped or not d2l:
        st.info(t("exercises.no_runs", folder=plain(saved_runs_folder()), experiment="drop_rates"))
        return
    options = {answer: t(f"exercises.swap_{answer}") for answer in SWAP_ANSWERS}
    prediction = ask("exercise_drop_rates", t("exercises.drop_rates_predict"), options)
    if prediction is None:
        return
    difference = paired_difference(swapped, d2l, "final_test_acc")  # the same seeds: never None
    show_verdict(prediction, options, swap_answer(difference))
    metric = url_choice(t("exercises.grid_metric"), "grid", GRID_METRICS, GRID_METRICS[0], widget="radio",
                        horizontal=True, format_func=lambda m: t(f"exercises.grid_{m}"))
    st.vega_lite_chart(cached_spec(heatmap, grid_frame(grid), metric), width="stretch")
    show_grid_reading(grid, metric)
    st.markdown(t("exercises.swap_reading", text=paired_text(difference, set())))
    left, right = st.columns(2)
    with left:
        live_link(swapped[0].config)
    with right:
        live_link(EXPERIMENTS["drop_rates"].base)


def show_grid_reading(grid, metric: str) -> None:
    """The best and worst cells by the metric the heatmap shows (the highest accuracy, the smallest gap), the
    seed spread, and any troubled runs."""
    finals = {cell: getattr(summary, metric) for cell, summary in grid.items()
              if math.isfinite(getattr(summary, metric).median)}
    ordered = sorted(finals, key=lambda cell: finals[cell].median, reverse=metric == "final_test_acc")
    best, worst = ordered[0], ordered[-1]
    ranges = [values.high - values.low for values in finals.values()]
    st.markdown(t(f"exercises.grid_best_{metric}", best=cell_name(best), best_value=finals[best].median,
                  worst=cell_name(worst), worst_value=finals[worst].median, typical=statistics.median(ranges),
                  spread=max(ranges)))
    troubled = [t("exercises.grid_trouble", setting=cell_name(cell), diverged=len(summary.diverged_epochs),
                  collapsed=len(summary.collapsed))
                for cell, summary in grid.items() if summary.diverged_epochs or summary.collapsed]
    if troubled:
        st.markdown(t("exercises.grid_troubles", which=join_clauses(troubled)))
