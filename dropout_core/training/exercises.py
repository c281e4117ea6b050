"""The chapter's exercises (d2l 5.6.7 / zh 4.6.7) read from the saved runs: which runs answer each, and the numbers.

Each function returns runs, numbers and verdict ids; the Exercises page puts them into words. Settings are compared
seed by seed where the runs pair up (the same seed shares initial weights and batch order), as on the Compare page.
"""
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .engine import LayerActivations
from .noise import DROPOUT
from .records import RunRecord
from .saved_runs import EXPERIMENTS, SavedRuns
from .summaries import CONFIDENCE, SettingSummary, summarize_runs, t_quantile

GRID_EXPERIMENTS = ("d2l", "drop_rates")  # exercise 1's grid: the book's three settings and the rest of the grid
GRID_SEEDS = EXPERIMENTS["drop_rates"].seeds  # the seeds every cell has, so every cell is read alike
ACTIVATION_STATISTICS = ("before_noise", "after_noise", "eval")  # LayerActivations' three places of measurement


def saved_records(saved: SavedRuns, experiment: str, setting: str, seeds: Sequence[int] | None = None
                  ) -> tuple[RunRecord, ...]:
    """The saved runs of one experiment's setting (only the given seeds, when given), in seed order."""
    return tuple(run.record for run in saved.runs
                 if run.experiment == experiment and run.setting == setting and (seeds is None or run.seed in seeds))


def grid_cells(saved: SavedRuns) -> dict[tuple[float, float], tuple[RunRecord, ...]]:
    """Exercise 1's runs by cell (p1, p2): dropout runs of the grid's experiments, with the seeds all cells share."""
    cells: dict[tuple[float, float], list[RunRecord]] = {}
    for run in saved.runs:
        if run.experiment in GRID_EXPERIMENTS and run.seed in GRID_SEEDS and run.record.config.noise == DROPOUT:
            cells.setdefault((run.record.config.p1, run.record.config.p2), []).append(run.record)
    return {cell: tuple(records) for cell, records in sorted(cells.items())}


def drop_rate_grid(saved: SavedRuns) -> dict[tuple[float, float], SettingSummary]:
    """Exercise 1: every (p1, p2) of the grid that has saved runs, summarised over the seeds all cells share."""
    return {cell: summarize_runs(records) for cell, records in grid_cells(saved).items()}


def grid_records(saved: SavedRuns, p1: float, p2: float) -> tuple[RunRecord, ...]:
    """The grid's runs of one cell (for a paired comparison of two cells)."""
    return grid_cells(saved).get((p1, p2), ())


def activation_frame(groups: dict[str, Sequence[RunRecord]]) -> pd.DataFrame:
    """Exercise 3: per group, epoch, hidden layer and place of measurement, the median over runs of the activations'
    variance (and mean), with the lowest and highest run. Runs without statistics (older records) add nothing."""
    rows = []
    for name, records in groups.items():
        by_key: dict[tuple, list[LayerActivations]] = {}
        for record in records:
            for metrics in record.epochs:
                for layer in metrics.activations:
                    by_key.setdefault((metrics.epoch, layer.layer), []).append(layer)
        for (epoch, layer_number), layers in sorted(by_key.items()):
            for place in ACTIVATION_STATISTICS:
                variances = [getattr(layer, f"{place}_var") for layer in layers]
                means = [getattr(layer, f"{place}_mean") for layer in layers]
                finite = [value for value in variances if math.isfinite(value)]
                if not finite:
                    continue
                rows.append({"group": name, "epoch": epoch, "layer": layer_number, "place": place,
                             "variance": statistics.median(finite), "low": min(finite), "high": max(finite),
                             "mean": statistics.median(value for value in means if math.isfinite(value)),
                             "runs": len(finite)})
    return pd.DataFrame(rows, columns=["group", "epoch", "layer", "place", "variance", "low", "high", "mean", "runs"])


@dataclass(frozen=True)
class Interaction:
    """Exercise 5: two regularisers alone and together, seed by seed, on one metric (final test accuracy).

    effect_a, effect_b, effect_both: mean change from the runs with neither; per_seed: each seed's both minus the
    sum of the other two, in the order of seeds; interaction: their mean, with a t-interval over the seeds
    (CONFIDENCE). verdict: "overlaps" when the whole interval lies below 0 (together they gain less than the sum),
    "reinforces" when above; "adds_up" when it lies within ±ADDITIVE_MARGIN; "unknown" when it is wider around 0,
    or with fewer than 2 seeds: an interval holding 0 only says that these seeds cannot tell an interaction from
    none, not that there is none.
    """

    seeds: tuple[int, ...]
    effect_a: float
    effect_b: float
    effect_both: float
    per_seed: tuple[float, ...]
    interaction: float
    low: float
    high: float
    verdict: str


INTERACTION_VERDICTS = ("adds_up", "overlaps", "reinforces", "unknown")
ADDITIVE_MARGIN = 0.005  # an interaction within half a percentage point of test accuracy is too small to matter


def interaction(neither: Sequence[RunRecord], a: Sequence[RunRecord], b: Sequence[RunRecord],
                both: Sequence[RunRecord]) -> Interaction | None:
    """The interaction of two regularisers on final test accuracy over the seeds all four settings have finished
    runs for (a diverged run has no final accuracy and leaves its seed out); None when no seed has all four."""
    def by_seed(records):
        return {record.config.seed: record.summary.final_test_acc for record in records
                if record.summary.final_test_acc is not None and math.isfinite(record.summary.final_test_acc)}

    tables = [by_seed(records) for records in (neither, a, b, both)]
    seeds = tuple(sorted(set.intersection(*(set(table) for table in tables))))
    if not seeds:
        return None
    base, only_a, only_b, together = ([table[seed] for seed in seeds] for table in tables)
    effect_a = statistics.fmean(x - y for x, y in zip(only_a, base))
    effect_b = statistics.fmean(x - y for x, y in zip(only_b, base))
    effect_both = statistics.fmean(x - y for x, y in zip(together, base))
    per_seed = tuple(both_ - a_ - b_ + none for none, a_, b_, both_ in zip(base, only_a, only_b, together))
    mean = statistics.fmean(per_seed)
    if len(per_seed) < 2:
        return Interaction(seeds, effect_a, effect_b, effect_both, per_seed, mean, math.nan, math.nan, "unknown")
    half_width = t_quantile(0.5 + CONFIDENCE / 2, len(per_seed) - 1) * statistics.stdev(per_seed) / math.sqrt(
        len(per_seed))
    low, high = mean - half_width, mean + half_width
    if high < 0.0:
        verdict = "overlaps"
    elif low > 0.0:
        verdict = "reinforces"
    else:
        verdict = "adds_up" if -ADDITIVE_MARGIN <= low and high <= ADDITIVE_MARGIN else "unknown"
    return Interaction(seeds, effect_a, effect_b, effect_both, per_seed, mean, low, high, verdict)
