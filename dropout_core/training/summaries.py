"""What a group of runs of one setting shows: curves averaged over seeds, and the numbers the Compare page reads out.

A run that diverged keeps its epochs up to the one where its training loss stopped being finite; that epoch's
evaluation measured broken (NaN) weights, so curves and summaries use only the "sound" epochs before it.
"""
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .engine import EpochMetrics
from .records import METRIC_FIELDS, RunRecord

GAP = "gap"  # train accuracy in eval mode minus test accuracy
CURVE_METRICS = (*METRIC_FIELDS, GAP)
BANDS = ("range", "std")  # min to max over the runs, or mean ± one standard deviation
# The values each metric can take: losses are never negative, accuracies lie in [0, 1], their difference in [-1, 1].
METRIC_RANGES = {"train_loss": (0.0, math.inf), "test_loss": (0.0, math.inf), "train_acc": (0.0, 1.0),
                 "train_acc_eval": (0.0, 1.0), "test_acc": (0.0, 1.0), GAP: (-1.0, 1.0)}
CURVE_COLUMNS = ("group", "metric", "epoch", "mean", "low", "high", "runs")


@dataclass(frozen=True)
class Spread:
    """Mean, sample standard deviation (n - 1), lowest and highest of some runs' values; NaN where undefined."""

    mean: float
    std: float  # NaN for fewer than two values
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class SettingSummary:
    """The reading of one setting's runs: final and best test accuracy, gap, best epoch, divergences."""

    runs: int
    final_test_acc: Spread  # at the last epoch, over the runs that did not diverge
    best_test_acc: Spread  # each run's highest test accuracy over its sound epochs
    final_gap: Spread  # train_acc_eval - test_acc at the last epoch, runs that did not diverge
    lowest_test_loss: Spread  # each run's lowest test loss
    lowest_test_loss_epochs: tuple[int, ...]  # the epoch of each run's lowest test loss, in run order
    diverged_epochs: tuple[int, ...]  # the epoch where each diverged run diverged, ascending


def spread(values: Sequence[float]) -> Spread:
    """The spread of some runs' values (NaN values are ignored)."""
    finite = [value for value in values if not math.isnan(value)]
    if not finite:
        return Spread(math.nan, math.nan, math.nan, math.nan, 0)
    std = statistics.stdev(finite) if len(finite) > 1 else math.nan
    return Spread(statistics.fmean(finite), std, min(finite), max(finite), len(finite))


def sound_epochs(record: RunRecord) -> tuple[EpochMetrics, ...]:
    """The epochs whose evaluation measured working weights: all of them, less a diverged run's last."""
    return record.epochs[:-1] if record.status == "diverged" else record.epochs


def metric_value(metrics: EpochMetrics, metric: str) -> float:
    """One metric of an epoch, the gap included; NaN when not finite."""
    if metric == GAP:
        value = metrics.train_acc_eval - metrics.test_acc
    else:
        value = getattr(metrics, metric)
    return value if math.isfinite(value) else math.nan


def _lowest_test_loss(epochs: Sequence[EpochMetrics]) -> tuple[float, int] | None:
    """(lowest test loss, its first epoch) over the epochs, or None when none has a finite test loss."""
    finite = [(metrics.test_loss, metrics.epoch) for metrics in epochs if math.isfinite(metrics.test_loss)]
    return min(finite) if finite else None  # ties go to the earlier epoch


def summarize_runs(records: Sequence[RunRecord]) -> SettingSummary:
    """The numbers the Compare page reads out for one setting's runs (usually one run per seed)."""
    completed = [record for record in records if record.status != "diverged" and record.epochs]
    best, lowest = [], []
    for record in records:
        epochs = sound_epochs(record)
        accuracies = [metrics.test_acc for metrics in epochs if math.isfinite(metrics.test_acc)]
        if accuracies:
            best.append(max(accuracies))
        if (found := _lowest_test_loss(epochs)) is not None:
            lowest.append(found)
    return SettingSummary(
        runs=len(records),
        final_test_acc=spread([metric_value(record.epochs[-1], "test_acc") for record in completed]),
        best_test_acc=spread(best),
        final_gap=spread([metric_value(record.epochs[-1], GAP) for record in completed]),
        lowest_test_loss=spread([loss for loss, _ in lowest]),
        lowest_test_loss_epochs=tuple(epoch for _, epoch in lowest),
        diverged_epochs=tuple(sorted(record.diverged_epoch for record in records if record.status == "diverged")),
    )


def _check_curve_options(metrics: Sequence[str], window: int, band: str) -> None:
    """Raise ValueError for an unknown metric or band, or a window that is not a whole number >= 1."""
    unknown = [metric for metric in metrics if metric not in CURVE_METRICS]
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}; choose from {CURVE_METRICS}")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"the smoothing window must be a whole number of epochs >= 1, got {window!r}")
    if band not in BANDS:
        raise ValueError(f"band must be one of {BANDS}, got {band!r}")


def run_curve(record: RunRecord, metric: str, window: int = 1) -> pd.Series:
    """One run's metric over its sound epochs (index: epoch), as a centred moving average over window epochs."""
    epochs = sound_epochs(record)
    curve = pd.Series([metric_value(metrics, metric) for metrics in epochs],
                      index=pd.Index([metrics.epoch for metrics in epochs], name="epoch"), dtype=float)
    if window == 1:
        return curve
    # Centred, so smoothing does not shift a feature (a peak, a collapse) to later epochs.
    return curve.rolling(window, center=True, min_periods=1).mean()


def group_curves(groups: dict[str, Sequence[RunRecord]], metrics: Sequence[str], window: int = 1,
                 band: str = "range") -> pd.DataFrame:
    """Per group, metric and epoch: the mean over the group's runs and a band (min-max or mean ± std).

    Columns CURVE_COLUMNS; runs is how many runs have a value at that epoch (fewer once some have diverged
    or ended). With band "std" and a single run, the band is the mean itself.
    """
    _check_curve_options(metrics, window, band)
    frames = []
    for group, records in groups.items():
        for metric in metrics:
            curves = [run_curve(record, metric, window) for record in records]
            curves = [curve for curve in curves if len(curve)]
            if not curves:
                continue
            table = pd.concat(curves, axis=1)
            mean = table.mean(axis=1)
            if band == "range":
                low, high = table.min(axis=1), table.max(axis=1)
            else:
                std = table.std(axis=1, ddof=1).fillna(0.0)
                # mean ± std can leave the metric's range (a loss below 0, an accuracy above 1): never draw that.
                lowest, highest = METRIC_RANGES[metric]
                low, high = (mean - std).clip(lowest, highest), (mean + std).clip(lowest, highest)
            frames.append(pd.DataFrame({"group": group, "metric": metric, "epoch": table.index, "mean": mean.values,
                                        "low": low.values, "high": high.values,
                                        "runs": table.notna().sum(axis=1).values}))
    if not frames:
        return pd.DataFrame(columns=list(CURVE_COLUMNS))
    curves = pd.concat(frames, ignore_index=True)
    return curves[curves["runs"] > 0].reset_index(drop=True)


@dataclass(frozen=True)
class Lead:
    """Which group ends with the highest mean test accuracy, by how much, and whether the runs settle it."""

    best: str
    second: str
    difference: float  # mean final test accuracy of best minus that of second
    overlap: bool  # True when some run of second ended at least as high as some run of best


def final_accuracy_lead(summaries: dict[str, SettingSummary]) -> Lead | None:
    """The leader in mean final test accuracy and the runner-up; None with fewer than two groups to compare."""
    ranked = sorted((summary.final_test_acc.mean, name) for name, summary in summaries.items()
                    if summary.final_test_acc.count)
    if len(ranked) < 2:
        return None
    (second_mean, second), (best_mean, best) = ranked[-2:]
    overlap = summaries[best].final_test_acc.low <= summaries[second].final_test_acc.high
    return Lead(best, second, best_mean - second_mean, overlap)
