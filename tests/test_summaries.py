"""Summaries of runs: the Compare page's numbers, checked against values worked out by hand."""
import math
from dataclasses import replace

import pytest

from dropout_core.training.config import TrainConfig
from dropout_core.training.engine import EpochMetrics
from dropout_core.training.outcomes import collapsed_epochs, epoch_ranges, train_test_order
from dropout_core.training.records import RunData, RunRecord
from dropout_core.training.summaries import (
    CURVE_COLUMNS,
    group_curves,
    leader_verdict,
    leading_settings,
    paired_difference,
    run_curve,
    sound_epochs,
    spread,
    summarize_runs,
    t_quantile,
    unregularised,
)

NAN = math.nan


def run(test_acc, test_loss, train_acc_eval=None, diverged=False, epochs=None, seed=0, p=0.2) -> RunRecord:
    """A record whose epochs have these test accuracies and losses (train_acc_eval defaults to test_acc + 0.1)."""
    train_acc_eval = train_acc_eval or [acc + 0.1 for acc in test_acc]
    count = len(test_acc)
    rows = [EpochMetrics(epoch=n, train_loss=NAN if diverged and n == count else 0.5, train_acc=0.8,
                         train_acc_eval=train_acc_eval[n - 1], test_loss=test_loss[n - 1],
                         test_acc=test_acc[n - 1], seconds=1.0)
            for n in range(1, count + 1)]
    config = TrainConfig(epochs=epochs or count, train_size=1000, seed=seed, p1=p, p2=p)
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
    assert values.median == pytest.approx(0.85)


def test_median_is_not_dragged_by_one_collapsed_run():
    """The d2l p = 0 finals as saved (rounded): one seed ended collapsed at 0.463."""
    values = spread([0.871, 0.859, 0.463, 0.849, 0.852])
    # Sorted: 0.463, 0.849, 0.852, 0.859, 0.871: the median is the middle one; the mean is 3.894 / 5.
    assert values.median == 0.852 and values.mean == pytest.approx(0.7788)


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


def test_collapse_is_a_fall_of_more_than_20_points_below_the_best_so_far():
    # Best so far before each epoch: -, 0.30, 0.80, 0.80, 0.80, 0.80, 0.80. Epoch 2 rises; epoch 3 (0.10) is 0.70
    # below 0.80; epoch 4 (0.61) is 0.19 below: not a collapse; epoch 5 (0.59) is 0.21 below; epoch 6 recovers.
    # Epoch 1's fall from nothing does not count, nor does a NaN epoch (7).
    record = run([0.30, 0.80, 0.10, 0.61, 0.59, 0.82, NAN], [1.0] * 7)
    assert collapsed_epochs(record.epochs) == (3, 5)
    assert record.summary.collapsed_epochs == (3, 5) and not record.ends_collapsed
    ends = run([0.70, 0.85, 0.84, 0.40], [0.9, 0.5, 0.5, 2.0])
    assert ends.summary.collapsed_epochs == (4,) and ends.ends_collapsed
    assert epoch_ranges((3, 9, 10, 11, 30)) == [(3, 3), (9, 11), (30, 30)]


def test_run_summary_best_lowest_and_final():
    summary = A.summary  # test accuracies 0.70 0.80 0.85 0.84, test losses 0.90 0.60 0.50 0.55
    assert (summary.best_test_acc, summary.best_epoch) == (0.85, 3)
    assert (summary.lowest_test_loss, summary.lowest_test_loss_epoch) == (0.50, 3)
    assert (summary.final_test_acc, summary.final_test_loss) == (0.84, 0.55)
    assert summary.final_train_acc_eval == pytest.approx(0.94)
    # A diverged run has no final values; its best comes from its sound epochs (0.71, 0.81), not the NaN one.
    assert math.isnan(C.summary.final_test_acc) and (C.summary.best_test_acc, C.summary.best_epoch) == (0.81, 2)


def test_setting_summary_names_collapsed_runs():
    collapsed = run([0.70, 0.85, 0.40], [0.9, 0.5, 2.0], seed=3)
    summary = summarize_runs([A, B, collapsed])
    assert [run.seed for run in summary.collapsed] == [3] and summary.ends_collapsed == 1
    assert summary.collapsed[0].collapsed_epochs == (3,)
    # Finals 0.84, 0.86, 0.40: mean 0.70, median 0.84.
    assert summary.final_test_acc.mean == pytest.approx(0.70) and summary.final_test_acc.median == 0.84


# Student's t quantiles for a two-sided 95% interval, from a printed table (e.g. any statistics textbook).
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 9: 2.262, 10: 2.228, 29: 2.045}


@pytest.mark.parametrize("df, expected", sorted(T_975.items()))
def test_t_quantile_matches_the_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=6e-4)


def test_t_quantile_other_levels_and_bad_input():
    # Table: t(0.95, 1) = 6.314, t(0.995, 4) = 4.604; t(0.5, df) = 0 by symmetry.
    assert t_quantile(0.95, 1) == pytest.approx(6.314, abs=6e-4)
    assert t_quantile(0.995, 4) == pytest.approx(4.604, abs=6e-4)
    assert t_quantile(0.5, 3) == pytest.approx(0.0, abs=1e-9)
    for df, probability in ((0, 0.975), (2.5, 0.975), (3, 1.0), (3, 0.2)):
        with pytest.raises(ValueError):
            t_quantile(probability, df)


def finals(values, p, seeds=None):
    """One run per seed with these final test accuracies (the run's only epoch)."""
    return [run([value], [0.5], seed=seed, p=p) for value, seed in zip(values, seeds or range(len(values)))]


def test_paired_difference_mean_interval_and_noise():
    # Per seed: 0.86-0.85 = 0.01, 0.84-0.85 = -0.01, 0.88-0.85 = 0.03. Mean 0.01; deviations 0, -0.02, 0.02;
    # sample sd sqrt(0.0008 / 2) = 0.02; half width t(0.975, 2) * 0.02 / sqrt(3) = 4.303 * 0.011547 = 0.049686.
    dropout, plain = finals([0.86, 0.84, 0.88], p=0.5), finals([0.85, 0.85, 0.85], p=0.0)
    difference = paired_difference(dropout, plain, "final_test_acc")
    assert difference.seeds == (0, 1, 2) and difference.differences == pytest.approx((0.01, -0.01, 0.03))
    assert difference.mean == pytest.approx(0.01) and difference.median == pytest.approx(0.01)
    assert difference.low == pytest.approx(0.01 - 0.049686, abs=2e-5)
    assert difference.high == pytest.approx(0.01 + 0.049686, abs=2e-5)
    assert difference.within_noise


def test_a_consistent_paired_difference_is_not_noise():
    # Per seed 0.02, 0.03, 0.04: mean 0.03, sd 0.01, half width 4.303 * 0.01 / sqrt(3) = 0.024843: 0.005 to 0.055.
    difference = paired_difference(finals([0.82, 0.83, 0.84], 0.5), finals([0.80] * 3, 0.0), "final_test_acc")
    assert difference.low == pytest.approx(0.005157, abs=2e-5) and not difference.within_noise


def test_a_single_pair_is_never_more_than_noise():
    difference = paired_difference(finals([0.95], 0.5), finals([0.50], 0.0), "final_test_acc")
    assert difference.seeds == (0,) and difference.mean == pytest.approx(0.45)
    assert math.isnan(difference.low) and difference.within_noise


def test_only_runs_without_dropout_noise_or_weight_decay_are_a_baseline():
    plain = finals([0.8, 0.8], p=0.0)
    assert unregularised(plain)
    assert not unregularised([*plain, *finals([0.8], p=0.5)])  # one regularised run spoils the group
    assert not unregularised([replace(record, config=replace(record.config, weight_decay=1e-4)) for record in plain])
    assert unregularised([replace(record, config=replace(record.config, device="cuda")) for record in plain])
    assert not unregularised([])


def test_pairs_only_runs_with_the_same_seed_and_setting():
    # Seeds 0 and 1 against seeds 1 and 2: only seed 1 pairs up (0.83 - 0.80).
    difference = paired_difference(finals([0.90, 0.83], 0.5), finals([0.80, 0.70], 0.0, seeds=[1, 2]),
                                   "final_test_acc")
    assert difference.seeds == (1,) and difference.mean == pytest.approx(0.03)
    other_size = [replace(record, config=replace(record.config, train_size=2000),
                          data=replace(record.data, train_size=2000)) for record in finals([0.8], 0.0)]
    assert paired_difference(finals([0.9], 0.5), other_size, "final_test_acc") is None
    # A diverged run has no final value: its seed is left out of the final comparison, kept in the best one.
    diverged = run([0.71, 0.81, 0.10], [0.88, 0.58, NAN], diverged=True, epochs=4, seed=0, p=0.0)
    final = paired_difference([A], [diverged], "final_test_acc")
    assert final.seeds == () and final.left_out == (0,)
    assert paired_difference([A], [diverged], "best_test_acc").mean == pytest.approx(0.85 - 0.81)


@pytest.mark.parametrize("values, leaders", [
    ({"a": [0.80, 0.81, 0.82], "b": [0.85, 0.86, 0.87]}, ("b",)),  # apart: b alone
    ({"a": [0.80, 0.84, 0.86], "b": [0.83, 0.85, 0.87]}, ("b", "a")),  # a's range reaches b's median
    ({"a": [0.835, 0.836, 0.837], "b": [0.83, 0.85, 0.87]}, ("b", "a")),  # a's median inside b's range
    ({"a": [0.179, 0.180, 0.181], "b": [0.180, 0.184, 0.186]}, ("b", "a")),  # ranges overlap below b's median
    ({"a": [0.80], "b": [0.81], "c": [0.81]}, ("b", "c")),  # single runs: no spread, ties only
    ({"a": [NAN, NAN], "b": [0.5, 0.6]}, ("b",)),  # no value: never leads
    ({"a": [NAN]}, ()),
])
def test_leading_settings_are_the_highest_median_and_those_its_seed_spread_cannot_tell_apart(values, leaders):
    assert leading_settings({name: spread(v) for name, v in values.items()}) == leaders


@pytest.mark.parametrize("leaders, answer, verdict", [
    (("a",), "a", True), (("a",), "b", False),  # one setting stands clear: right or wrong
    (("a", "b"), "b", None), (("a", "b"), "c", False),  # the spread cannot tell a from b, but c is not among them
    ((), "a", None),  # every run diverged
])
def test_a_guess_of_the_leader_is_judged_only_where_the_runs_decide(leaders, answer, verdict):
    assert leader_verdict(leaders, answer) is verdict


@pytest.mark.parametrize("train, test, order", [
    # 60,000 and 10,000 images: standard errors 0.0014 and 0.0036 at 0.86 / 0.85, 0.0038 together, noise 0.0076.
    (0.86, 0.85, "train_higher"), (0.85, 0.86, "test_higher"), (0.853, 0.848, "same"),
])
def test_train_accuracy_against_test_accuracy_by_hand(train, test, order):
    metrics = EpochMetrics(10, 0.4, train, 0.9, 0.42, test, 1.0)
    found = train_test_order(metrics, 60_000, 10_000)
    se = math.sqrt(train * (1 - train) / 60_000 + test * (1 - test) / 10_000)
    assert found.difference == pytest.approx(train - test, abs=1e-15)
    assert found.standard_error == pytest.approx(se, rel=1e-12)
    assert found.verdict == order


def test_a_diverged_epoch_has_no_order():
    found = train_test_order(EpochMetrics(3, NAN, NAN, 0.1, NAN, 0.1, 1.0), 500, 10_000)
    assert found.verdict is None and math.isnan(found.difference)
