"""Summaries of runs: the Compare page's numbers, checked against values worked out by hand."""
import math

import pytest

from dropout_core.training.config import TrainConfig
from dropout_core.training.engine import EpochMetrics
from dropout_core.training.records import RunData, RunRecord
from dropout_core.training.summaries import (
    CURVE_COLUMNS,
    final_accuracy_lead,
    group_curves,
    run_curve,
    sound_epochs,
    spread,
    summarize_runs,
)

NAN = math.nan


def run(test_acc, test_loss, train_acc_eval=None, diverged=False, epochs=None, seed=0) -> RunRecord:
    """A record whose epochs have these test accuracies and losses (train_acc_eval defaults to test_acc + 0.1)."""
    train_acc_eval = train_acc_eval or [acc + 0.1 for acc in test_acc]
    count = len(test_acc)
    rows = [EpochMetrics(epoch=n, train_loss=NAN if diverged and n == count else 0.5, train_acc=0.8,
                         train_acc_eval=train_acc_eval[n - 1], test_loss=test_loss[n - 1],
                         test_acc=test_acc[n - 1], seconds=1.0)
            for n in range(1, count + 1)]
    config = TrainConfig(epochs=epochs or count, train_size=1000, seed=seed)
    return RunRecord(label=f"seed {seed}", config=config, status="diverged" if diverged else "finished",
                     diverged_epoch=count if diverged else None, epochs=rows,
                     data=RunData("test", "abc", 1000), device="cpu", torch_version="x", wall_time_s=1.0,
                     created="2026-01-31T12:00:00+00:00")


# Three seeds of one setting: two finish four epochs, one diverges in its third (its third epoch measured NaN weights).
A = run([0.70, 0.80, 0.85, 0.84], [0.90, 0.60, 0.50, 0.55], seed=0)
B = run([0.72, 0.78, 0.83, 0.86], [0.85, 0.65, 0.52, 0.48], seed=1)
C = run([0.71, 0.81, 0.10], [0.88, 0.58, NAN], diverged=True, epochs=4, seed=2)


def test_spread_is_mean_sample_std_and_range():
    values = spread([0.84, 0.86])
    # By hand: mean 0.85; deviations ±0.01; sample variance (0.01² + 0.01²) / (2 - 1) = 0.0002.
    assert values.mean == pytest.approx(0.85) and values.std == pytest.approx(math.sqrt(0.0002))
    assert (values.low, values.high, values.count) == (0.84, 0.86, 2)


def test_spread_of_one_value_has_no_std_and_of_none_is_empty():
    one = spread([0.5, NAN])
    assert (one.mean, one.low, one.high, one.count) == (0.5, 0.5, 0.5, 1) and math.isnan(one.std)
    assert spread([]).count == 0 and math.isnan(spread([]).mean)


def test_a_diverged_run_loses_its_last_epoch():
    assert [m.epoch for m in sound_epochs(C)] == [1, 2]
    assert [m.epoch for m in sound_epochs(A)] == [1, 2, 3, 4]


def test_summary_of_three_seeds_one_diverged():
    summary = summarize_runs([A, B, C])
    assert summary.runs == 3
    # Final test accuracy: A and B only (C diverged): 0.84 and 0.86.
    assert summary.final_test_acc.mean == pytest.approx(0.85) and summary.final_test_acc.count == 2
    assert summary.final_test_acc.std == pytest.approx(math.sqrt(0.0002))
    # Best test accuracy per run: A 0.85, B 0.86, C 0.81 (its 0.10 came from NaN weights).
    assert summary.best_test_acc.mean == pytest.approx((0.85 + 0.86 + 0.81) / 3)
    assert (summary.best_test_acc.low, summary.best_test_acc.high) == (0.81, 0.86)
    # Gap at the last epoch: train_acc_eval - test_acc is 0.1 by construction.
    assert summary.final_gap.mean == pytest.approx(0.1) and summary.final_gap.count == 2
    # Lowest test loss: A 0.50 at epoch 3, B 0.48 at epoch 4, C 0.58 at epoch 2.
    assert summary.lowest_test_loss_epochs == (3, 4, 2)
    assert summary.lowest_test_loss.mean == pytest.approx((0.50 + 0.48 + 0.58) / 3)
    assert summary.diverged_epochs == (3,)


def test_summary_when_every_run_diverged():
    summary = summarize_runs([C])
    assert summary.final_test_acc.count == 0 and summary.final_gap.count == 0
    assert summary.best_test_acc.mean == pytest.approx(0.81) and summary.diverged_epochs == (3,)


def test_curves_mean_and_min_max_band_over_seeds():
    curves = group_curves({"g": [A, B, C]}, ["test_acc"], band="range")
    assert list(curves.columns) == list(CURVE_COLUMNS)
    by_epoch = curves.set_index("epoch")
    assert by_epoch.loc[1, "mean"] == pytest.approx((0.70 + 0.72 + 0.71) / 3)
    assert (by_epoch.loc[1, "low"], by_epoch.loc[1, "high"], by_epoch.loc[1, "runs"]) == (0.70, 0.72, 3)
    # From epoch 3 on, C has stopped: the mean covers A and B.
    assert by_epoch.loc[3, "mean"] == pytest.approx((0.85 + 0.83) / 2) and by_epoch.loc[3, "runs"] == 2


def test_curves_std_band_and_the_gap():
    curves = group_curves({"g": [A, B]}, ["test_acc", "gap"], band="std").set_index(["metric", "epoch"])
    # Epoch 4: 0.84 and 0.86, mean 0.85, sample std sqrt(0.0002).
    assert curves.loc[("test_acc", 4), "low"] == pytest.approx(0.85 - math.sqrt(0.0002))
    assert curves.loc[("test_acc", 4), "high"] == pytest.approx(0.85 + math.sqrt(0.0002))
    assert curves.loc[("gap", 2), "mean"] == pytest.approx(0.1)


def test_std_band_never_leaves_the_metrics_range():
    """Losses 0.05 and 1.0: mean 0.525, sample std 0.672, so mean - std would be a negative loss; accuracies
    0.99 and 0.5 (std 0.346) would pass 1."""
    low_loss = run([0.99, 0.99], [0.05, 0.05], train_acc_eval=[1.0, 1.0], seed=0)
    high_loss = run([0.50, 0.50], [1.00, 1.00], train_acc_eval=[0.5, 0.5], seed=1)
    curves = group_curves({"g": [low_loss, high_loss]}, ["test_loss", "test_acc"], band="std")
    curves = curves.set_index(["metric", "epoch"])
    std_loss, std_acc = math.sqrt(2 * 0.475**2), math.sqrt(2 * 0.245**2)
    assert curves.loc[("test_loss", 1), "low"] == 0.0
    assert curves.loc[("test_loss", 1), "high"] == pytest.approx(0.525 + std_loss)
    assert curves.loc[("test_acc", 1), "high"] == 1.0
    assert curves.loc[("test_acc", 1), "low"] == pytest.approx(0.745 - std_acc)


def test_std_band_of_a_single_run_is_the_line():
    curves = group_curves({"g": [A]}, ["test_loss"], band="std")
    assert (curves["low"] == curves["mean"]).all() and (curves["high"] == curves["mean"]).all()


def test_smoothing_is_a_centred_moving_average():
    curve = run_curve(A, "test_loss", window=3)
    # By hand, with the window cut at the ends: (0.9+0.6)/2, (0.9+0.6+0.5)/3, (0.6+0.5+0.55)/3, (0.5+0.55)/2.
    assert curve.tolist() == pytest.approx([0.75, 2.0 / 3, 0.55, 0.525])
    assert run_curve(A, "test_loss").tolist() == [0.90, 0.60, 0.50, 0.55]


@pytest.mark.parametrize("metrics, window, band", [(["accuracy"], 1, "range"), (["test_acc"], 0, "range"),
                                                   (["test_acc"], 2.5, "range"), (["test_acc"], 1, "iqr")])
def test_bad_curve_options_are_refused(metrics, window, band):
    with pytest.raises(ValueError):
        group_curves({"g": [A]}, metrics, window=window, band=band)


def test_lead_says_whether_the_runs_overlap():
    clear = run([0.90, 0.90], [0.3, 0.3], seed=5)
    summaries = {"low": summarize_runs([A, B]), "high": summarize_runs([clear])}
    lead = final_accuracy_lead(summaries)
    assert (lead.best, lead.second, lead.overlap) == ("high", "low", False)
    assert lead.difference == pytest.approx(0.90 - 0.85)
    close = {"a": summarize_runs([A]), "b": summarize_runs([B])}  # finals 0.84 and 0.86
    lead = final_accuracy_lead(close)
    assert (lead.best, lead.second, lead.overlap) == ("b", "a", False)
    mixed = {"ab": summarize_runs([A, B]), "b": summarize_runs([B])}  # 0.84-0.86 against 0.86
    assert final_accuracy_lead(mixed).overlap
    assert final_accuracy_lead({"only": summarize_runs([A])}) is None
