"""What one run's own epochs show: its best epoch, its final values, and the epochs where it collapsed.

Two ways a run can fail, both kept as findings:

- it diverges: the training loss stops being finite and training stops there (status "diverged"); that last
  epoch's evaluation measured broken (NaN) weights, so only the "sound" epochs before it count;
- it collapses: training goes on, but at some epoch the network is suddenly far worse than it already was.
  An epoch is collapsed when its test accuracy lies more than COLLAPSE_DROP below the highest test accuracy of
  the run's earlier epochs. The threshold is 0.2 (20 percentage points) because in the saved runs that train
  normally (every dropout run of the d2l and long experiments) no epoch falls more than about 0.13 below its
  run's best so far, while the collapses reach chance level (0.10) or fall 0.2 to 0.7. A run may collapse
  and recover, or still be collapsed at its last epoch; either way its mean over seeds is no longer typical.
"""
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .engine import EpochMetrics

COLLAPSE_DROP = 0.2  # test accuracy this far below the run's best of its earlier epochs marks a collapsed epoch
NOISE_SIGMAS = 2.0  # a difference within two standard errors of 0 is measurement noise
# Below this a difference is rounding, not a finding: without dropout every pass is the same network, and their
# disagreement comes out at 1e-16 to 1e-10 with a standard error as small.
ROUNDING = 1e-9
TRAIN_TEST_ORDERS = ("train_higher", "same", "test_higher")  # train_test_order's verdicts, in reading order


@dataclass(frozen=True)
class RunSummary:
    """One run's best epoch, lowest test loss, final values (NaN when it diverged) and collapsed epochs."""

    best_test_acc: float  # highest test accuracy over the sound epochs; NaN when there is none
    best_epoch: int | None  # its first epoch
    lowest_test_loss: float
    lowest_test_loss_epoch: int | None
    final_test_acc: float  # the last epoch's, NaN for a diverged run or one with no epoch
    final_train_acc_eval: float
    final_test_loss: float
    collapsed_epochs: tuple[int, ...]  # ascending


def sound_epochs(epochs: Sequence[EpochMetrics], diverged: bool) -> tuple[EpochMetrics, ...]:
    """The epochs whose evaluation measured working weights: all of them, less a diverged run's last."""
    return tuple(epochs[:-1] if diverged else epochs)


def collapsed_epochs(epochs: Sequence[EpochMetrics], drop: float = COLLAPSE_DROP) -> tuple[int, ...]:
    """The epochs whose test accuracy lies more than drop below the best test accuracy of the epochs before."""
    collapsed, best = [], -math.inf
    for metrics in epochs:
        if not math.isfinite(metrics.test_acc):
            continue
        if metrics.test_acc < best - drop:
            collapsed.append(metrics.epoch)
        best = max(best, metrics.test_acc)
    return tuple(collapsed)


def _first_extreme(epochs: Sequence[EpochMetrics], metric: str, highest: bool) -> tuple[float, int | None]:
    """(value, first epoch) of the highest or lowest finite value of metric, or (NaN, None) when none is finite."""
    finite = [(getattr(metrics, metric), metrics.epoch) for metrics in epochs
              if math.isfinite(getattr(metrics, metric))]
    if not finite:
        return math.nan, None
    # Ties go to the earlier epoch.
    return max(finite, key=lambda pair: (pair[0], -pair[1])) if highest else min(finite)


def summarize_run(epochs: Sequence[EpochMetrics], diverged: bool) -> RunSummary:
    """The summary of one run's epochs; diverged says whether its last epoch measured broken weights."""
    sound = sound_epochs(epochs, diverged)
    best, best_epoch = _first_extreme(sound, "test_acc", highest=True)
    lowest, lowest_epoch = _first_extreme(sound, "test_loss", highest=False)
    last = epochs[-1] if epochs and not diverged else None
    return RunSummary(
        best_test_acc=best, best_epoch=best_epoch, lowest_test_loss=lowest, lowest_test_loss_epoch=lowest_epoch,
        final_test_acc=last.test_acc if last else math.nan,
        final_train_acc_eval=last.train_acc_eval if last else math.nan,
        final_test_loss=last.test_loss if last else math.nan,
        collapsed_epochs=collapsed_epochs(sound),
    )


class JudgedDifference(NamedTuple):
    """A measured difference, its standard error, and what it says: one of three verdict ids, or None where the
    figures cannot be compared (too few of them, or not numbers)."""

    difference: float
    standard_error: float
    verdict: str | None


UNJUDGED = JudgedDifference(math.nan, math.nan, None)


def judge_difference(difference: float, standard_error: float, verdicts: tuple[str, str, str]) -> JudgedDifference:
    """verdicts = (above 0, within noise, below 0): the middle one within NOISE_SIGMAS standard errors of 0 (or within
    ROUNDING), else the side the difference lies on."""
    above, same, below = verdicts
    if abs(difference) <= max(NOISE_SIGMAS * standard_error, ROUNDING):
        return JudgedDifference(difference, standard_error, same)
    return JudgedDifference(difference, standard_error, above if difference > 0 else below)


def train_test_order(metrics: EpochMetrics, train_images: int, test_images: int) -> JudgedDifference:
    """Whether the epoch's train accuracy (dropout on, averaged over its train_images) ends above or below its test
    accuracy (over test_images), or within NOISE_SIGMAS standard errors of it ("same").

    The standard error treats each accuracy as a proportion of independent images, sqrt(a (1 - a) / n), and adds the
    two in quadrature: the noise of measuring on a finite set, not the spread between seeds.
    """
    train, test = metrics.train_acc, metrics.test_acc
    if not (math.isfinite(train) and math.isfinite(test)):
        return UNJUDGED
    difference = train - test
    standard_error = math.hypot(math.sqrt(train * (1 - train) / train_images),
                                math.sqrt(test * (1 - test) / test_images))
    return judge_difference(difference, standard_error, TRAIN_TEST_ORDERS)


def epoch_ranges(epochs: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending epochs as runs of consecutive ones: (9, 10, 30) -> [(9, 10), (30, 30)]."""
    ranges: list[tuple[int, int]] = []
    for epoch in epochs:
        if ranges and epoch == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], epoch)
        else:
            ranges.append((epoch, epoch))
    return ranges
