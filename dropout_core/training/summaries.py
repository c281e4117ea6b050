"""What a group of runs of one setting shows: curves averaged over seeds, and the numbers the Compare page reads out.

A run that diverged keeps its epochs up to the one where its training loss stopped being finite; that epoch's
evaluation measured broken (NaN) weights, so curves and summaries use only the "sound" epochs before it. A run
that collapsed (outcomes.COLLAPSE_DROP) is named with its epochs, and two settings are compared seed by seed:
runs with the same seed share their initial weights and batch order, so only dropout differs between them.
"""
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from . import outcomes
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
    """Mean, median, sample standard deviation (n - 1), lowest and highest of some runs' values; NaN where undefined."""

    mean: float
    std: float  # NaN for fewer than two values
    low: float
    high: float
    count: int
    median: float


@dataclass(frozen=True)
class RunOutcome:
    """One run of a setting as the reading names it: its seed, final and best test accuracy, collapsed epochs."""

    label: str
    seed: int
    final_test_acc: float  # NaN when it diverged
    best_test_acc: float
    collapsed_epochs: tuple[int, ...]
    ends_collapsed: bool


@dataclass(frozen=True)
class SettingSummary:
    """The reading of one setting's runs: final and best test accuracy, gap, best epoch, divergences, collapses."""

    runs: int
    final_test_acc: Spread  # at the last epoch, over the runs that did not diverge
    best_test_acc: Spread  # each run's highest test accuracy over its sound epochs
    final_gap: Spread  # train_acc_eval - test_acc at the last epoch, runs that did not diverge
    lowest_test_loss: Spread  # each run's lowest test loss
    lowest_test_loss_epochs: tuple[int, ...]  # the epoch of each run's lowest test loss, in run order
    diverged_epochs: tuple[int, ...]  # the epoch where each diverged run diverged, ascending
    outcomes: tuple[RunOutcome, ...]  # each run, in run order

    @property
    def collapsed(self) -> tuple[RunOutcome, ...]:
        """The runs with at least one collapsed epoch."""
        return tuple(run for run in self.outcomes if run.collapsed_epochs)

    @property
    def ends_collapsed(self) -> int:
        """How many runs are still collapsed at their last epoch (so they pull the final mean down)."""
        return sum(run.ends_collapsed for run in self.outcomes)

    @property
    def seeds_collapsed_at_end(self) -> tuple[int, ...]:
        """The seeds of the runs still collapsed at their last epoch, in run order."""
        return tuple(run.seed for run in self.outcomes if run.ends_collapsed)


def spread(values: Sequence[float]) -> Spread:
    """The spread of some runs' values (NaN values are ignored)."""
    finite = [value for value in values if not math.isnan(value)]
    if not finite:
        return Spread(math.nan, math.nan, math.nan, math.nan, 0, math.nan)
    std = statistics.stdev(finite) if len(finite) > 1 else math.nan
    return Spread(statistics.fmean(finite), std, min(finite), max(finite), len(finite), statistics.median(finite))


def leading_settings(values: dict[str, Spread]) -> tuple[str, ...]:
    """The settings that may end highest: first the one with the highest median, then, in the order given, every
    other the seed spread cannot tell from it: its lowest-to-highest range overlaps the leader's. (Reaching only the
    leader's median was too lenient: final gaps of 0.1789-0.1812 against 0.1796-0.1856 were called "clear".)
    Settings without a value are left out: () when none has one."""
    known = {name: value for name, value in values.items() if value.count}
    if not known:
        return ()
    leader = max(known, key=lambda name: known[name].median)
    top = known[leader]
    return (leader, *(name for name, value in known.items() if name != leader and value.high >= top.low))


def leader_verdict(leaders: Sequence[str], answer: str) -> bool | None:
    """Whether answer names the setting that ends highest (leaders: leading_settings); None where the runs do not
    decide: no setting has a value, or the seed spread cannot tell answer from the leader."""
    if not leaders or (len(leaders) > 1 and answer in leaders):
        return None
    return answer == leaders[0]


def sound_epochs(record: RunRecord) -> tuple[EpochMetrics, ...]:
    """The epochs whose evaluation measured working weights: all of them, less a diverged run's last."""
    return outcomes.sound_epochs(record.epochs, record.status == "diverged")


def metric_value(metrics: EpochMetrics, metric: str) -> float:
    """One metric of an epoch, the gap included; NaN when not finite."""
    if metric == GAP:
        value = metrics.train_acc_eval - metrics.test_acc
    else:
        value = getattr(metrics, metric)
    return value if math.isfinite(value) else math.nan


def summarize_runs(records: Sequence[RunRecord]) -> SettingSummary:
    """The numbers the Compare page reads out for one setting's runs (usually one run per seed)."""
    completed = [record for record in records if record.status != "diverged" and record.epochs]
    summaries = [record.summary for record in records]
    return SettingSummary(
        runs=len(records),
        final_test_acc=spread([summary.final_test_acc for summary in summaries]),
        best_test_acc=spread([summary.best_test_acc for summary in summaries]),
        final_gap=spread([metric_value(record.epochs[-1], GAP) for record in completed]),
        lowest_test_loss=spread([summary.lowest_test_loss for summary in summaries]),
        lowest_test_loss_epochs=tuple(summary.lowest_test_loss_epoch for summary in summaries
                                      if summary.lowest_test_loss_epoch is not None),
        diverged_epochs=tuple(sorted(record.diverged_epoch for record in records if record.status == "diverged")),
        outcomes=tuple(RunOutcome(record.label, record.config.seed, record.summary.final_test_acc,
                                  record.summary.best_test_acc, record.summary.collapsed_epochs,
                                  record.ends_collapsed) for record in records),
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


CONFIDENCE = 0.95  # of the interval around a mean paired difference
# Fields of outcomes.RunSummary compared seed by seed; the test loss shows overfitting before the accuracy does.
PAIRED_METRICS = ("final_test_acc", "best_test_acc", "final_test_loss")


def t_quantile(probability: float, df: int) -> float:
    """The quantile of Student's t distribution with df (whole, >= 1) degrees of freedom, for probability >= 0.5.

    Bisection on the exact closed form of P(|T| < t) for whole df (Abramowitz & Stegun 26.7.3 and 26.7.4): with
    theta = atan(t / sqrt(df)), it is 2 theta / pi (1 + ...) for odd df and sin(theta) (1 + ...) for even df.
    """
    if isinstance(df, bool) or not isinstance(df, int) or df < 1 or not 0.5 <= probability < 1:
        raise ValueError(f"need whole df >= 1 and 0.5 <= probability < 1, got df={df!r}, probability={probability!r}")

    def within(t: float) -> float:  # P(|T| < t)
        theta = math.atan(t / math.sqrt(df))
        cos2, term, total = math.cos(theta) ** 2, 1.0, 1.0
        if df % 2:
            for k in range(1, (df - 1) // 2):  # 1 + 2/3 cos² + (2·4)/(3·5) cos⁴ + ...
                term *= cos2 * (2 * k) / (2 * k + 1)
                total += term
            return 2 / math.pi * (theta + (math.sin(theta) * math.cos(theta) * total if df > 1 else 0.0))
        for k in range(1, df // 2):  # 1 + 1/2 cos² + (1·3)/(2·4) cos⁴ + ...
            term *= cos2 * (2 * k - 1) / (2 * k)
            total += term
        return math.sin(theta) * total

    wanted, low, high = 2 * probability - 1, 0.0, 1.0
    while within(high) < wanted:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if within(middle) < wanted else (low, middle)
        if high - low <= 1e-12 * high:
            break
    return (low + high) / 2


@dataclass(frozen=True)
class PairedDifference:
    """One metric of two settings compared seed by seed: first minus second for each seed both ran."""

    metric: str  # one of PAIRED_METRICS
    seeds: tuple[int, ...]  # seeds with a value in both settings, ascending
    differences: tuple[float, ...]  # first minus second, in the order of seeds
    left_out: tuple[int, ...]  # seeds both ran where a value is missing (a diverged run has no final value)
    mean: float
    median: float
    low: float  # the CONFIDENCE t-interval around the mean; NaN with fewer than two seeds
    high: float

    @property
    def within_noise(self) -> bool:
        """True when these seeds do not support a difference: one pair only, or the interval contains 0."""
        return len(self.seeds) < 2 or self.low <= 0.0 <= self.high


def pairing_key(record: RunRecord) -> tuple:
    """What two runs must share to be compared seed by seed: everything but the regularisation (drop probabilities,
    noise, weight decay) and the device, and the data. Then the same seed means the same weights and batches."""
    return replace(record.config, p1=0.0, p2=0.0, noise="dropout", weight_decay=0.0, device="any"), record.data.checksum


def unregularised(records: Sequence[RunRecord]) -> bool:
    """True when the runs trained with no dropout, noise or weight decay: the baseline a setting is compared with."""
    return bool(records) and all(pairing_key(record)[0] == replace(record.config, device="any")
                                 for record in records)


def paired_difference(first: Sequence[RunRecord], second: Sequence[RunRecord], metric: str) -> PairedDifference | None:
    """first minus second in metric, per seed both ran with the same setting otherwise; None when no run pairs up.

    A run whose key (pairing_key) appears twice in its group pairs with nothing: which of the two is ambiguous.
    """
    if metric not in PAIRED_METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose from {PAIRED_METRICS}")

    def by_key(records: Sequence[RunRecord]) -> dict:
        keys = [pairing_key(record) for record in records]
        return {key: record for key, record in zip(keys, records, strict=True) if keys.count(key) == 1}

    theirs = by_key(second)
    pairs = sorted((record.config.seed, getattr(record.summary, metric), getattr(theirs[key].summary, metric))
                   for key, record in by_key(first).items() if key in theirs)
    if not pairs:
        return None
    kept = [(seed, a - b) for seed, a, b in pairs if not (math.isnan(a) or math.isnan(b))]
    differences = [difference for _, difference in kept]
    left_out = tuple(seed for seed, a, b in pairs if math.isnan(a) or math.isnan(b))
    if not differences:
        return PairedDifference(metric, (), (), left_out, math.nan, math.nan, math.nan, math.nan)
    mean = statistics.fmean(differences)
    half = math.nan
    if len(differences) > 1:
        half = t_quantile((1 + CONFIDENCE) / 2, len(differences) - 1) * statistics.stdev(differences) \
            / math.sqrt(len(differences))
    return PairedDifference(metric, tuple(seed for seed, _ in kept), tuple(differences), left_out, mean,
                            statistics.median(differences), mean - half, mean + half)
