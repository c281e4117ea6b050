"""The Compare page's reading: what the runs shown say, computed from them, in the learner's language."""
import math

import streamlit as st

from dropout_core.training.outcomes import COLLAPSE_DROP, epoch_ranges
from dropout_core.training.summaries import (
    PAIRED_METRICS,
    PairedDifference,
    RunOutcome,
    SettingSummary,
    Spread,
    paired_difference,
    summarize_runs,
    unregularised,
)
from ui.i18n import join_clauses, join_list, join_sentences, t
from ui.theme import significant

PAIRED_NAMES = {"final_test_acc": "compare.paired_final_test_acc", "best_test_acc": "compare.paired_best_test_acc",
                "final_test_loss": "compare.paired_final_test_loss"}  # each of PAIRED_METRICS, as the reading names it


def format_spread(values: Spread) -> str:
    """mean ± std (low to high), median, three decimals; just the value for one run; a word for none."""
    if values.count == 0:
        return t("compare.missing")
    if values.count == 1:
        return t("compare.single", mean=values.mean)
    return t("compare.spread", mean=values.mean, std=values.std, low=values.low, high=values.high,
             median=values.median)


def format_epochs(epochs) -> str:
    """Epochs as ranges: 9-10, 30."""
    return join_list(f"{start}" if start == end else f"{start}–{end}" for start, end in epoch_ranges(epochs))


def collapse_text(run: RunOutcome) -> str:
    """One collapsed run: its seed, its collapsed epochs, and whether it is still collapsed at the end."""
    key = "compare.collapsed_run_end" if run.ends_collapsed else "compare.collapsed_run"
    return t(key, seed=run.seed, epochs=format_epochs(run.collapsed_epochs))


def reading_line(name: str, summary: SettingSummary) -> str:
    """One setting's reading: final and best accuracy, gap, epoch of lowest test loss, divergences, collapses."""
    if summary.diverged_epochs:
        diverged = t("compare.some_diverged", count=len(summary.diverged_epochs), runs=summary.runs,
                     epochs=join_list(summary.diverged_epochs))
    else:
        diverged = t("compare.none_diverged")
    if summary.collapsed:
        collapsed = t("compare.some_collapsed", count=len(summary.collapsed), runs=summary.runs,
                      which=join_clauses(map(collapse_text, summary.collapsed)))
    else:
        collapsed = t("compare.none_collapsed")
    final = format_spread(summary.final_test_acc)
    if 0 < summary.final_test_acc.count < summary.runs:  # final values leave the diverged runs out: say so
        final = t("compare.without_diverged", values=final, count=summary.final_test_acc.count)
    return t("compare.reading_setting", name=name, runs=summary.runs, final=final,
             best=format_spread(summary.best_test_acc), gap=format_spread(summary.final_gap),
             epochs=join_list(summary.lowest_test_loss_epochs) or "-", diverged=diverged,
             collapsed=collapsed)


def per_run_line(summary: SettingSummary) -> str:
    """Each run's final and best test accuracy, and what a run still collapsed at the end does to the mean."""
    runs = join_clauses(t("compare.run_values_diverged" if math.isnan(run.final_test_acc) else "compare.run_values",
                         seed=run.seed, final=run.final_test_acc, best=run.best_test_acc) for run in summary.outcomes)
    if summary.ends_collapsed:
        final = summary.final_test_acc
        # "Pulled down" only where the numbers shown say so: of two runs the mean is the median.
        dragged = round(final.mean, 3) < round(final.median, 3)
        return t("compare.mean_dragged" if dragged else "compare.mean_includes_collapsed", count=summary.ends_collapsed,
                 runs=final.count, mean=final.mean, median=final.median, per_run=runs)
    return t("compare.per_run", runs=runs)


def interval_end(value: float) -> str:
    """An end of a paired interval, signed, to three decimals, or to two significant digits where three decimals
    would show a non-zero end as 0: "interval +0.000 to +0.007: it lies above 0" read as a contradiction."""
    if value == 0 or abs(value) >= 0.0005:
        return format(value, "+z.3f")
    return ("+" if value > 0 else "-") + significant(abs(value), 2)


def paired_text(difference: PairedDifference, collapsed_seeds: set[int]) -> str:
    """One metric compared seed by seed: the mean difference, its interval, and whether the runs support it."""
    metric = t(PAIRED_NAMES[difference.metric])
    if not difference.seeds:  # in every pair a run diverged (left_out names them below)
        text = t("compare.paired_nothing", metric=metric)
    elif len(difference.seeds) == 1:
        text = t("compare.paired_single", metric=metric, value=difference.mean, seed=difference.seeds[0])
    else:
        if difference.within_noise:
            verdict = t("compare.paired_noise")
        else:
            verdict = t("compare.paired_higher" if difference.mean > 0 else "compare.paired_lower",
                         count=len(difference.seeds))
        text = t("compare.paired_values", metric=metric, mean=difference.mean, count=len(difference.seeds),
                 median=difference.median, smallest=min(difference.differences),
                 largest=max(difference.differences), low=interval_end(difference.low),
                 high=interval_end(difference.high), verdict=verdict)
    sentences = [text]
    if difference.left_out:
        sentences.append(t("compare.paired_left_out", seeds=join_list(difference.left_out)))
    # A run still collapsed at its end moves its final values, not its best.
    if difference.metric.startswith("final_") and (driven := sorted(collapsed_seeds & set(difference.seeds))):
        sentences.append(t("compare.paired_collapsed", seeds=join_list(driven)))
    return join_sentences(sentences)


def show_paired(groups, summaries: dict[str, SettingSummary]) -> None:
    """Every setting minus its baseline, seed by seed: final and best test accuracy, final test loss. The baseline is
    the first group without regularisation whose runs pair up with the setting's (after a paired run, the learner's
    own twin rather than saved runs of another size), else the first such group, else the first group shown."""
    bases = [group for group in groups if unregularised(group.records)] or groups[:1]
    st.markdown(t("compare.paired_intro"))
    for group in groups:
        if group in bases:
            continue
        for base in bases:
            found = {metric: paired_difference(group.records, base.records, metric) for metric in PAIRED_METRICS}
            if found[PAIRED_METRICS[0]] is not None:
                break
        else:  # no run pairs up with any baseline: name the first
            st.markdown(f"- {t('compare.paired_unmatched', name=group.name, base=bases[0].name)}")
            continue
        collapsed = {*summaries[group.name].seeds_collapsed_at_end, *summaries[base.name].seeds_collapsed_at_end}
        texts = [paired_text(found[metric], collapsed) for metric in PAIRED_METRICS]
        st.markdown(f"- {t('compare.paired_line', name=group.name, base=base.name, values=join_sentences(texts))}")


def show_reading(groups) -> None:
    """The reading computed from the runs shown: a line per group, then each group against the first, seed by seed."""
    st.subheader(t("compare.reading"))
    st.caption(t("compare.reading_intro", points=round(COLLAPSE_DROP * 100)))
    summaries = {group.name: summarize_runs(group.records) for group in groups}
    for name, summary in summaries.items():
        st.markdown(f"- {reading_line(name, summary)}")
        if summary.collapsed:
            st.markdown(f"    - {per_run_line(summary)}")
    if len(groups) > 1:
        show_paired(groups, summaries)
