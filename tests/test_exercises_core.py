"""What the Exercises page reads from saved runs, each number checked against a computation of its own."""
import math
import statistics
from dataclasses import replace

import pytest

from dropout_core.training.config import TrainConfig
from dropout_core.training.engine import EpochMetrics, LayerActivations
from dropout_core.training.exercises import activation_frame, drop_rate_grid, grid_records, interaction
from dropout_core.training.records import RunData, RunRecord
from dropout_core.training.saved_runs import SavedRun, SavedRuns, setting_id


def record(final_acc: float, seed: int = 0, config: TrainConfig = TrainConfig(epochs=2), variances=None,
           diverged: bool = False) -> RunRecord:
    """A two-epoch record ending at final_acc test accuracy, with activation variances per epoch when given."""
    config = replace(config, seed=seed)

    def epoch(number, acc):
        layers = () if variances is None else tuple(
            LayerActivations(layer, 0.1, variances[number - 1], 0.1, 2 * variances[number - 1], 0.1,
                             variances[number - 1]) for layer in (1, 2))
        loss = math.nan if diverged and number == 2 else 0.5
        return EpochMetrics(number, loss, 0.8, 0.9, 0.4, acc, 1.0, layers)

    return RunRecord("r", config, "diverged" if diverged else "finished", 2 if diverged else None,
                     [epoch(1, 0.7), epoch(2, final_acc)], RunData("x", "c", config.train_size), "cpu", "2",
                     1.0, "2026-01-31T12:00:00+00:00")


def saved(*runs: tuple[str, RunRecord]) -> SavedRuns:
    return SavedRuns(tuple(SavedRun(experiment, setting_id(rec.config), rec.config.seed, rec) for experiment, rec
                           in runs), ())


def test_the_grid_reads_both_experiments_and_only_the_shared_seeds():
    d2l, swapped = TrainConfig(epochs=2), TrainConfig(epochs=2, p1=0.5, p2=0.2)
    runs = saved(("d2l", record(0.80, 0, d2l)), ("d2l", record(0.82, 1, d2l)), ("d2l", record(0.84, 2, d2l)),
                 ("d2l", record(0.99, 4, d2l)),  # seed 4: only the d2l experiment has it, so the grid leaves it out
                 ("drop_rates", record(0.70, 0, swapped)), ("drop_rates", record(0.74, 1, swapped)),
                 ("noise", record(0.50, 0, replace(d2l, noise="gaussian"))))  # another noise: not in the grid
    grid = drop_rate_grid(runs)
    assert list(grid) == [(0.2, 0.5), (0.5, 0.2)]
    assert grid[(0.2, 0.5)].runs == 3 and grid[(0.2, 0.5)].final_test_acc.median == pytest.approx(0.82)
    assert grid[(0.5, 0.2)].final_test_acc.median == pytest.approx(0.72)
    assert [r.config.seed for r in grid_records(runs, 0.2, 0.5)] == [0, 1, 2]


def test_activation_frame_takes_medians_and_ranges_over_runs():
    runs = [record(0.8, seed, variances=(v, 2 * v)) for seed, v in enumerate((0.01, 0.03, 0.02))]
    frame = activation_frame({"with": runs, "old": [record(0.8)]})  # a run without statistics adds no row
    assert set(frame["group"]) == {"with"} and len(frame) == 2 * 2 * 3  # epochs x layers x places
    row = frame[(frame.epoch == 2) & (frame.layer == 1) & (frame.place == "after_noise")].iloc[0]
    assert row.variance == pytest.approx(2 * statistics.median([0.02, 0.06, 0.04]))
    assert (row.low, row.high, row.runs) == (pytest.approx(0.04), pytest.approx(0.12), 3)


def test_interaction_is_both_minus_the_sum_of_the_two_seed_by_seed():
    neither = [record(0.80, 0), record(0.82, 1), record(0.81, 2)]
    a = [record(0.85, 0), record(0.86, 1), record(0.86, 2)]
    b = [record(0.83, 0), record(0.84, 1), record(0.84, 2)]
    both = [record(0.86, 0), record(0.87, 1), record(0.87, 2)]
    found = interaction(neither, a, b, both)
    per_seed = [0.86 - 0.85 - 0.83 + 0.80, 0.87 - 0.86 - 0.84 + 0.82, 0.87 - 0.86 - 0.84 + 0.81]
    assert found.seeds == (0, 1, 2) and found.per_seed == pytest.approx(per_seed)
    assert found.interaction == pytest.approx(statistics.fmean(per_seed))
    assert found.effect_a == pytest.approx(statistics.fmean([0.05, 0.04, 0.05]))
    # t(0.975, 2) = 4.3027: the 95% interval of three values' mean.
    half = 4.302653 * statistics.stdev(per_seed) / math.sqrt(3)
    assert (found.low, found.high) == (pytest.approx(found.interaction - half, abs=1e-6),
                                       pytest.approx(found.interaction + half, abs=1e-6))
    assert found.verdict == "overlaps" and found.high < 0


def interaction_of(per_seed: list[float]):
    """The interaction found when both runs exceed the sum of the others by these amounts, seed by seed."""
    neither = [record(0.80, seed) for seed in range(len(per_seed))]
    a = [record(0.83, seed) for seed in range(len(per_seed))]
    b = [record(0.82, seed) for seed in range(len(per_seed))]
    both = [record(0.85 + extra, seed) for seed, extra in enumerate(per_seed)]
    return interaction(neither, a, b, both)


def test_an_interval_around_zero_says_they_add_up_only_when_it_is_narrow():
    # t(0.975, 2) = 4.3027; these per-seed interactions give intervals of about -0.003 to +0.004, and -0.07 to +0.08.
    narrow, wide = interaction_of([0.001, -0.001, 0.002]), interaction_of([0.03, -0.03, 0.01])
    assert -0.005 < narrow.low < 0 < narrow.high < 0.005 and narrow.verdict == "adds_up"
    assert wide.low < -0.05 and wide.high > 0.05 and wide.verdict == "unknown"  # the seeds cannot tell
    assert interaction_of([0.02, 0.03, 0.025]).verdict == "reinforces"


def test_interaction_verdicts_and_missing_seeds():
    same = [record(0.80, s) for s in range(3)]
    additive = interaction(same, [record(0.85, 0), record(0.84, 1), record(0.86, 2)],
                           [record(0.82, 0), record(0.83, 1), record(0.81, 2)],
                           [record(0.87, 0), record(0.87, 1), record(0.87, 2)])
    assert additive.verdict == "adds_up" and additive.low <= 0 <= additive.high
    diverged = [record(0.5, 0, diverged=True), record(0.8, 1), record(0.8, 2)]
    assert interaction(same, same, same, diverged).seeds == (1, 2)  # seed 0 has no final accuracy
    assert interaction(same, same, same, [record(0.8, 1)]).verdict == "unknown"
    assert interaction(same, same, same, [record(0.8, 7)]) is None
