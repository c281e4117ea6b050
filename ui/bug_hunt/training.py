"""What the suspect did to training: saved runs of d2l's network with the layer in place of dropout.

The engine trains d2l's network (p1 = 0.2, p2 = 0.5, d2l's settings) with each bug and saves the runs under
cached_runs/bugs/; a run's config names its layer in the field `noise` (the bug's id, "dropout" for the correct
layer; records older than that field read as "dropout").
"""
from collections.abc import Sequence

import streamlit as st

from dropout_core.training.exercises import saved_records
from dropout_core.training.presets import PRESETS
from dropout_core.training.records import RunRecord
from dropout_core.training.saved_runs import SavedRuns
from dropout_core.training.summaries import BANDS, summarize_runs
from ui.bug_hunt.suspects import Suspect
from ui.compare.charts import group_chart_specs
from ui.compare.runs import RunGroup, saved_runs
from ui.i18n import join_sentences, t

BUG_EXPERIMENT = "bugs"  # cached_runs/bugs/: the runs with a broken layer
REFERENCE_EXPERIMENT, REFERENCE_SETTING = "d2l", "p0.2-0.5"  # the book's runs with correct dropout at its p1, p2
REFERENCE_DROPS = (PRESETS["d2l"].p1, PRESETS["d2l"].p2)  # which the bug runs use too
CORRECT_NOISE = "dropout"
METRIC = "test_acc"


def bug_runs(saved: SavedRuns, bug_id: str) -> tuple[RunRecord, ...]:
    """The saved runs trained with this bug's layer."""
    return tuple(run.record for run in saved.runs
                 if run.experiment == BUG_EXPERIMENT and run.record.config.noise == bug_id)


def reference_runs(saved: SavedRuns) -> tuple[RunRecord, ...]:
    """The saved d2l runs with correct dropout at p1 = 0.2, p2 = 0.5, the bug runs' reference."""
    return saved_records(saved, REFERENCE_EXPERIMENT, REFERENCE_SETTING)


def training_groups(suspect: Suspect, saved: SavedRuns) -> list[RunGroup]:
    """The chart's groups: the suspect's runs (none if none are saved), then correct dropout's where saved."""
    groups = [RunGroup(suspect.bug_id, suspect.name, bug_runs(saved, suspect.bug_id)),
              RunGroup(CORRECT_NOISE, t("bugs.series_correct"), reference_runs(saved))]
    return [group for group in groups if group.records]


def _draw(groups: Sequence[RunGroup]) -> None:
    """Test accuracy over epochs, a line per group inside its lowest-to-highest band."""
    st.vega_lite_chart(group_chart_specs(groups, (METRIC,), BANDS[0])[0], width="stretch")


def show_training(suspect: Suspect) -> None:
    """The suspect's saved runs against correct dropout's, or a notice where they are missing."""
    st.subheader(t("bugs.training_title"))
    saved = saved_runs()
    groups = training_groups(suspect, saved)
    if not groups or groups[0].id != suspect.bug_id:
        st.info(t("bugs.no_runs"))
        return
    _draw(groups)
    # The chart's difference in numbers, read from the runs drawn (how far a bug drags accuracy down is data).
    finals = {group.id: summarize_runs(group.records) for group in groups}
    bug = finals[suspect.bug_id]
    sentences = [t("bugs.training_reading", low=bug.final_test_acc.low, high=bug.final_test_acc.high, runs=bug.runs)]
    if CORRECT_NOISE in finals:
        sentences.append(t("bugs.training_reading_correct", low=finals[CORRECT_NOISE].final_test_acc.low,
                           high=finals[CORRECT_NOISE].final_test_acc.high, runs=finals[CORRECT_NOISE].runs))
    if bug.collapsed:
        sentences.append(t("bugs.training_reading_collapsed", count=len(bug.collapsed), runs=bug.runs))
    st.markdown(join_sentences(sentences))
    counts = {group.id: len(group.records) for group in groups}
    st.caption(t("bugs.training_caption", bug_runs=counts[suspect.bug_id], reference_runs=counts.get(CORRECT_NOISE, 0)))
    if CORRECT_NOISE not in counts:
        st.info(t("bugs.no_reference"))
