"""The Train page's live curves: the axis range from the first point, both runs named and dashed apart, the gap
band's edges, and one cached spec per look that only its data change while a run grows."""
import math

import pytest

from ui.train_live.charts import CHANCE_LOSS, RUN_DASHES, training_curves

LABELS = {"chosen": "p = 0.2 / 0.5", "paired": "p = 0"}
EPOCHS = 10  # the runs' planned length


def points(epochs: int, runs=("chosen", "paired")) -> list[dict]:
    """Progress points every tenth of an epoch and the evaluations at each epoch's end, for each run."""
    found = []
    for run in runs:
        for tenth in range(1, 10 * epochs + 1):
            epoch = tenth / 10
            found += [{"run": run, "epoch": epoch, "metric": "train_loss", "value": 2.30236 - 0.01 * epoch},
                      {"run": run, "epoch": epoch, "metric": "train_acc", "value": 0.5 + 0.01 * epoch}]
            if tenth % 10 == 0:
                found += [{"run": run, "epoch": epoch, "metric": metric, "value": value}
                          for metric, value in (("test_loss", 0.6), ("test_acc", 0.80), ("train_acc_eval", 0.83))]
    return found


def scale(spec: dict, channel: str) -> dict:
    """The scale of the panel's line layer on the channel ("x" or "y")."""
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")["encoding"][channel]["scale"]


def test_the_first_points_do_not_zoom_the_loss_axis_into_noise():
    loss, accuracy = training_curves(points(1)[:2], LABELS, EPOCHS)  # one progress point of the first run
    assert scale(loss, "y")["domain"][0] == 0 and scale(loss, "y")["domain"][1] >= CHANCE_LOSS
    assert scale(accuracy, "y")["domain"] == [0.0, 1.0]


def test_the_epoch_axis_spans_the_planned_run_from_the_first_point_and_stretches_past_it():
    for panel in training_curves(points(1)[:2], LABELS, EPOCHS):  # a tenth of the first epoch
        assert scale(panel, "x")["domain"] == [0, EPOCHS]
    longer = points(12, runs=("chosen",))  # a run resumed past its plan: the axis still shows every point
    assert scale(training_curves(longer, LABELS, EPOCHS)[0], "x")["domain"] == [0, 12]


def test_both_runs_are_named_in_a_legend_and_dashed_apart():
    loss, _ = training_curves(points(2), LABELS, EPOCHS)
    dash = next(layer for layer in loss["layer"] if layer["mark"]["type"] == "line")["encoding"]["strokeDash"]
    assert dash["scale"] == {"domain": list(LABELS.values()), "range": RUN_DASHES}
    assert dash["legend"] is not None
    single, _ = training_curves(points(2, runs=("chosen",)), LABELS, EPOCHS)
    assert next(layer for layer in single["layer"] if layer["mark"]["type"] == "line")["encoding"]["strokeDash"][
        "legend"] is None  # one run needs no run legend


def test_the_data_are_the_points_markers_at_epoch_ends_and_the_gap_band_from_test_to_train():
    loss, accuracy = training_curves(points(3), LABELS, EPOCHS)
    rows, ends, band = (accuracy["datasets"][name] for name in ("rows", "ends", "band"))
    assert len(rows) == 2 * (30 + 3 + 3)  # train accuracy at every tenth, eval-mode train and test at epoch ends
    assert set(ends["epoch"]) == {1.0, 2.0, 3.0} and len(ends) == 2 * 3 * 3
    assert len(band) == 2 * 3 and (band["train_acc_eval"] >= band["test_acc"]).all()
    assert set(loss["datasets"]) == {"rows", "ends"} and set(loss["datasets"]["rows"]["metric"]) == {
        "train_loss", "test_loss"}
    assert not any("values" in layer.get("data", {}) for layer in loss["layer"])  # no data inline in the spec


def test_a_growing_run_keeps_its_spec_and_changes_only_its_data():
    early, later = training_curves(points(1), LABELS, EPOCHS), training_curves(points(4), LABELS, EPOCHS)
    for before, after in zip(early, later):
        assert {k: v for k, v in before.items() if k != "datasets"} == {
            k: v for k, v in after.items() if k != "datasets"}
        assert len(after["datasets"]["rows"]) > len(before["datasets"]["rows"])


@pytest.mark.parametrize("loss", [9.5, math.inf])
def test_a_loss_above_chance_widens_the_axis_and_an_infinite_one_does_not_break_it(loss):
    grown = points(1) + [{"run": "chosen", "epoch": 1.1, "metric": "train_loss", "value": loss}]
    domain = scale(training_curves(grown, LABELS, EPOCHS)[0], "y")["domain"]
    assert domain[0] == 0 and math.isfinite(domain[1])
    assert domain[1] == (round(1.05 * loss, 2) if math.isfinite(loss) else round(1.05 * CHANCE_LOSS, 2))
