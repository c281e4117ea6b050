"""The Compare page's reading: what the runs shown say, computed from them, in the learner's language."""
import streamlit as st

from dropout_core.training.summaries import SettingSummary, Spread, final_accuracy_lead, summarize_runs
from ui.i18n import t


def format_spread(values: Spread) -> str:
    """mean ± std (low to high) with three decimals; just the value for one run; a word for none."""
    if values.count == 0:
        return t("compare.missing")
    if values.count == 1:
        return t("compare.single", mean=values.mean)
    return t("compare.spread", mean=values.mean, std=values.std, low=values.low, high=values.high)


def reading_line(name: str, summary: SettingSummary) -> str:
    """One setting's reading: final and best accuracy, gap, epoch of lowest test loss, divergences."""
    if summary.diverged_epochs:
        diverged = t("compare.some_diverged", count=len(summary.diverged_epochs), runs=summary.runs,
                     epochs=", ".join(map(str, summary.diverged_epochs)))
    else:
        diverged = t("compare.none_diverged")
    final = format_spread(summary.final_test_acc)
    if 0 < summary.final_test_acc.count < summary.runs:  # final values leave the diverged runs out: say so
        final = t("compare.without_diverged", values=final, count=summary.final_test_acc.count)
    return t("compare.reading_setting", name=name, runs=summary.runs, final=final,
             best=format_spread(summary.best_test_acc), gap=format_spread(summary.final_gap),
             epochs=", ".join(map(str, summary.lowest_test_loss_epochs)) or "-", diverged=diverged)


def show_reading(groups) -> None:
    """The reading computed from the runs shown: a line per group, then which ended highest and how clearly."""
    st.subheader(t("compare.reading"))
    st.caption(t("compare.reading_intro"))
    summaries = {group.name: summarize_runs(group.records) for group in groups}
    for name, summary in summaries.items():
        st.markdown(f"- {reading_line(name, summary)}")
    lead = final_accuracy_lead(summaries)
    if lead is not None:
        st.markdown(t("compare.leader", best=lead.best, value=summaries[lead.best].final_test_acc.mean,
                      difference=lead.difference, second=lead.second)
                    + " " + t("compare.overlap" if lead.overlap else "compare.separate"))
