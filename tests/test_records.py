"""Run records: strict JSON round trips, clear refusals of bad files, and the long table for comparisons."""
import io
import json
import math
from dataclasses import replace

import pandas as pd
import pytest

from dropout_core.training.config import TrainConfig
from dropout_core.training.engine import EpochMetrics, LayerActivations
from dropout_core.training.records import (
    FRAME_COLUMNS,
    MAX_RECORD_BYTES,
    RunData,
    RunRecord,
    RunRecordError,
    default_label,
    describe_setting,
    load_record,
    parse_run_record,
    parse_run_records,
    records_to_csv,
    records_to_frame,
    save_record,
)

CONFIG = TrainConfig(epochs=3, train_size=5000, seed=2)


def layers() -> tuple[LayerActivations, ...]:
    """Plausible activation statistics of the two hidden layers: dropout raises the variance, not the mean."""
    return (LayerActivations(1, 0.11, 0.031, 0.11, 0.041, 0.11, 0.031),
            LayerActivations(2, 0.036, 0.003, 0.036, 0.007, 0.035, 0.003))


def epoch(number: int, **changes) -> EpochMetrics:
    """Plausible metrics for one epoch."""
    values = dict(epoch=number, train_loss=0.5 / number, train_acc=0.8, train_acc_eval=0.85, test_loss=0.45,
                  test_acc=0.83, seconds=1.25, activations=layers())
    return EpochMetrics(**{**values, **changes})


def make_record(count=3, status="finished", diverged_epoch=None, config=CONFIG, **changes) -> RunRecord:
    """A record with count epochs of plausible metrics, unless changes give the epochs."""
    values = dict(label="d2l", config=config, status=status, diverged_epoch=diverged_epoch,
                  epochs=[epoch(n) for n in range(1, count + 1)],
                  data=RunData("local files", "abc123", config.train_size), device="cpu (2 threads)",
                  torch_version="2.14.1", wall_time_s=4.0, created="2026-01-31T12:00:00+00:00")
    return RunRecord(**{**values, **changes})


def edited(change) -> str:
    """The JSON of make_record() after change(dict) edits the decoded object."""
    obj = make_record().to_dict()
    change(obj)
    return json.dumps(obj)


def test_round_trip():
    record = make_record()
    text = record.to_json()
    assert parse_run_record(text) == record
    assert parse_run_record(text.encode()) == record
    obj = json.loads(text)
    assert (obj["format"], obj["version"], obj["config"]["hidden"]) == ("dropout-explorer-run", 3, [256, 256])
    assert obj["config"]["noise"] == "dropout"
    assert list(obj["epochs"][0]) == ["epoch", "train_loss", "train_acc", "train_acc_eval", "test_loss",
                                      "test_acc", "seconds", "activations"]
    assert obj["epochs"][0]["activations"][1] == {
        "layer": 2, "before_noise_mean": 0.036, "before_noise_var": 0.003, "after_noise_mean": 0.036,
        "after_noise_var": 0.007, "eval_mean": 0.035, "eval_var": 0.003}
    # Every epoch has test accuracy 0.83 and test loss 0.45: the first epoch is best and lowest.
    assert obj["summary"] == {"best_test_acc": 0.83, "best_epoch": 1, "lowest_test_loss": 0.45,
                              "lowest_test_loss_epoch": 1, "final_test_acc": 0.83, "final_train_acc_eval": 0.85,
                              "final_test_loss": 0.45, "collapsed_epochs": []}


def test_a_collapse_is_stored_in_the_summary():
    # Test accuracy 0.83, 0.50 (0.33 below the best so far: collapsed), 0.83 (recovered).
    record = make_record(epochs=[epoch(1), epoch(2, test_acc=0.50), epoch(3)])
    obj = json.loads(record.to_json())
    assert obj["summary"]["collapsed_epochs"] == [2] and parse_run_record(record.to_json()) == record


def test_a_diverged_run_has_no_final_values_in_its_summary():
    record = make_record(count=2, status="diverged", diverged_epoch=2,
                         epochs=[epoch(1), epoch(2, train_loss=math.nan, test_acc=0.1)])
    summary = json.loads(record.to_json())["summary"]
    assert summary["final_test_acc"] is None and summary["final_test_loss"] is None
    assert (summary["best_test_acc"], summary["best_epoch"]) == (0.83, 1)


def as_version_2(obj: dict) -> None:
    """Edit a record's object into version 2: no config.noise, no activations."""
    obj.update(version=2)
    obj["config"].pop("noise")
    for entry in obj["epochs"]:
        entry.pop("activations")


def test_version_2_records_still_load_as_dropout_without_activations():
    record = parse_run_record(edited(as_version_2))
    assert record.config == CONFIG and record.config.noise == "dropout"
    assert record.epochs == tuple(replace(entry, activations=()) for entry in make_record().epochs)
    with pytest.raises(RunRecordError, match="unknown field.*noise"):  # version 2 predates the noise
        parse_run_record(edited(lambda obj: obj.update(version=2)))


def test_version_1_records_still_load_and_get_their_summary():
    """A record written before the summary existed (format version 1): same fields, no summary."""
    def as_version_1(obj):
        as_version_2(obj)
        obj.pop("summary")
        obj.update(version=1)
    record = parse_run_record(edited(as_version_1))
    assert record.summary == make_record().summary and record.summary.best_test_acc == 0.83
    with pytest.raises(RunRecordError, match="unknown field"):  # a version 1 record has no summary
        parse_run_record(edited(lambda obj: (as_version_2(obj), obj.update(version=1))))


def test_activations_are_optional_and_a_diverged_layer_is_null():
    empty = make_record(epochs=[epoch(n, activations=()) for n in (1, 2, 3)])
    assert parse_run_record(empty.to_json()) == empty
    nan_layer = (LayerActivations(1, *[math.nan] * 6), layers()[1])
    broken = make_record(epochs=[epoch(1), epoch(2), epoch(3, activations=nan_layer)])
    obj = json.loads(broken.to_json())
    assert obj["epochs"][2]["activations"][0]["after_noise_var"] is None
    assert math.isnan(parse_run_record(broken.to_json()).epochs[2].activations[0].eval_mean)


@pytest.mark.parametrize("change, message", [
    (lambda obj: obj["epochs"][0].pop("activations"), r"epochs\[0\] lacks the field.*activations"),
    (lambda obj: obj["epochs"][0].update(activations={}), "must be a list of 2 hidden layers"),
    (lambda obj: obj["epochs"][0]["activations"].pop(), "must be a list of 2 hidden layers"),
    (lambda obj: obj["epochs"][0]["activations"][0].update(layer=2), "layers must be numbered 1, 2"),
    (lambda obj: obj["epochs"][0]["activations"][0].update(eval_var=-0.1), "eval_var must be a finite number >= 0"),
    (lambda obj: obj["epochs"][0]["activations"][0].update(eval_mean="big"), "eval_mean must be a finite number"),
    (lambda obj: obj["epochs"][0]["activations"][1].pop("eval_mean"), "lacks the field.*eval_mean"),
    (lambda obj: obj["epochs"][0]["activations"][1].update(extra=1), "unknown field.*extra"),
    (lambda obj: obj["config"].update(noise="salt"), "unknown noise 'salt'"),
    (lambda obj: obj["config"].update(noise="gaussian", p2=1.0), "p2: drop rate must be below 1"),
])
def test_bad_activations_or_noise_are_named(change, message):
    with pytest.raises(RunRecordError, match=message):
        parse_run_record(edited(change))


@pytest.mark.parametrize("change, message", [
    (lambda obj: obj.pop("summary"), "lacks the field.*summary"),
    (lambda obj: obj["summary"].update(best_test_acc=0.9), "summary disagrees.*best_test_acc is 0.9"),
    (lambda obj: obj["summary"].update(collapsed_epochs=[2]), "summary disagrees.*collapsed_epochs"),
    (lambda obj: obj["summary"].update(best_epoch=True), "summary disagrees.*best_epoch"),
    (lambda obj: obj["summary"].update(final_test_acc=None), "summary disagrees.*final_test_acc"),
    (lambda obj: obj["summary"].pop("final_test_loss"), "summary lacks the field"),
    (lambda obj: obj.update(summary=[]), "summary must be a JSON object"),
])
def test_a_summary_that_disagrees_with_the_epochs_is_refused(change, message):
    with pytest.raises(RunRecordError, match=message):
        parse_run_record(edited(change))


def test_non_finite_metrics_written_as_null_and_read_back_as_nan():
    record = make_record(count=2, status="diverged", diverged_epoch=2,
                         epochs=[epoch(1), epoch(2, train_loss=math.nan, test_loss=math.inf)])
    obj = json.loads(record.to_json())
    assert obj["epochs"][1]["train_loss"] is None and obj["epochs"][1]["test_loss"] is None
    again = parse_run_record(record.to_json())
    assert math.isnan(again.epochs[1].train_loss) and math.isnan(again.epochs[1].test_loss)
    assert again.diverged_epoch == 2


def test_save_and_load(tmp_path):
    path = tmp_path / "run.json"
    save_record(make_record(), path)
    assert load_record(path) == make_record()
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]  # no temporary file left behind
    assert path.stat().st_mode & 0o777 == 0o644  # readable by a server running as another user


def test_a_list_of_records_or_a_single_one():
    first, second = make_record(), make_record(count=2, status="stopped", label="stopped run")
    as_list = json.dumps([first.to_dict(), second.to_dict()])
    assert parse_run_records(as_list) == [first, second]
    assert parse_run_records(first.to_json()) == [first]


@pytest.mark.parametrize("text, message", [
    ("[]", "empty list"),
    ('[{"format": "dropout-explorer-run"}, 3]', "run 1 of 2:"),
])
def test_bad_lists_rejected(text, message):
    with pytest.raises(RunRecordError, match=message):
        parse_run_records(text)


def test_too_large_rejected(tmp_path):
    padding = " " * MAX_RECORD_BYTES
    with pytest.raises(RunRecordError, match="at most 2,000,000 bytes"):
        parse_run_record(make_record().to_json() + padding)
    path = tmp_path / "big.json"
    path.write_text(make_record().to_json() + padding)
    with pytest.raises(RunRecordError, match="big.json"):
        load_record(path)


def test_unknown_version_named():
    with pytest.raises(RunRecordError, match="version 4 is not supported.*reads versions 1, 2 and 3"):
        parse_run_record(edited(lambda obj: obj.update(version=4)))


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('"run"', "must be a JSON object"),
    ("[" * 100_000, "not valid JSON|nested too deeply"),
    (b"\xff\xfe{}", "not UTF-8"),
    (make_record().to_json().replace('"test_acc": 0.83', '"test_acc": NaN', 1), "NaN"),
    (make_record().to_json().replace('"test_acc": 0.83', '"test_acc": Infinity', 1), "Infinity"),
    (make_record().to_json().replace('"label": "d2l"', '"label": "d2l", "label": "x"', 1), "twice"),
    ('{"format": "something-else", "version": 1}', "not a Dropout Explorer run record"),
])
def test_malformed_text_rejected(text, message):
    with pytest.raises(RunRecordError, match=message):
        parse_run_record(text)


@pytest.mark.parametrize("change, message", [
    (lambda obj: obj.pop("created"), "lacks the field"),
    (lambda obj: obj.update(extra=1), "unknown field"),
    (lambda obj: obj.update(label=3), "label must be a string"),
    (lambda obj: obj.update(label="x" * 201), "limit is 200"),
    (lambda obj: obj["config"].update(p1=1.5), "config: p1"),
    (lambda obj: obj["config"].update(hidden="wide"), "config field 'hidden'"),
    (lambda obj: obj["config"].pop("seed"), "config lacks the field"),
    (lambda obj: obj.update(status="paused"), "status must be one of"),
    (lambda obj: obj.update(diverged_epoch=2), "must be null unless status is diverged"),
    (lambda obj: obj.update(status="diverged", diverged_epoch=2), "ends at its last epoch"),
    (lambda obj: obj.update(status="stopped"), "fewer than 3 epochs"),
    (lambda obj: obj["epochs"].pop(), "finished run has all 3 epochs"),
    (lambda obj: obj["epochs"].append(obj["epochs"][-1]), "lists 4 epochs"),
    (lambda obj: obj["epochs"][1].update(epoch=3), r"epochs\[1\].epoch is 3"),
    (lambda obj: obj["epochs"][1].update(epoch=2.0), "whole number"),
    (lambda obj: obj["epochs"][0].update(test_acc=1.2), r"epochs\[0\].test_acc is an accuracy"),
    (lambda obj: obj["epochs"][0].update(train_acc_eval=-0.1), "train_acc_eval must be a finite number"),
    (lambda obj: obj["epochs"][0].update(train_loss="0.5"), "train_loss must be a finite number"),
    (lambda obj: obj["epochs"][0].update(train_loss=True), "train_loss must be a finite number"),
    (lambda obj: obj["epochs"][0].update(seconds=None), "seconds must be a finite number"),
    (lambda obj: obj["epochs"][0].pop("test_loss"), "lacks the field"),
    (lambda obj: obj.update(epochs={}), "epochs must be a list"),
    (lambda obj: obj["data"].update(train_size=60000), "data.train_size is 60000"),
    (lambda obj: obj["data"].update(checksum=None), "data.checksum must be a string"),
    (lambda obj: obj.update(wall_time_s=-1), "wall_time_s must be a finite number"),
    (lambda obj: obj.update(created="yesterday"), "ISO-8601"),
    (lambda obj: obj.update(created="2026-01-31T12:00:00+02:00"), "UTC"),
    (lambda obj: obj.update(version=True), "version True is not supported"),
])
def test_bad_fields_rejected(change, message):
    with pytest.raises(RunRecordError, match=message):
        parse_run_record(edited(change))


def test_valid_variants_accepted():
    assert parse_run_record(edited(lambda obj: obj.update(created="2026-01-31T12:00:00Z"))).label == "d2l"
    stopped = make_record(count=0, status="stopped")
    assert parse_run_record(stopped.to_json()).epochs == ()
    on_gpu = make_record(config=TrainConfig(epochs=3, train_size=5000, device="cuda"))
    assert parse_run_record(on_gpu.to_json()).config.device == "cuda"  # made elsewhere: still readable here


def test_not_text_rejected():
    with pytest.raises(RunRecordError, match="JSON text or bytes"):
        parse_run_record({"format": "dropout-explorer-run"})


def test_frame_is_long_and_tidy():
    no_dropout = TrainConfig(p1=0.0, p2=0.0, epochs=3, train_size=5000, seed=2)
    diverged = make_record(count=2, status="diverged", diverged_epoch=2, config=no_dropout, label="p=0",
                           epochs=[epoch(1), epoch(2, train_loss=math.inf, train_acc_eval=math.nan)])
    frame = records_to_frame([make_record(), diverged])
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert len(frame) == 5
    assert frame["run_id"].tolist() == [0, 0, 0, 1, 1] and frame["epoch"].tolist() == [1, 2, 3, 1, 2]
    assert frame["gap"].iloc[0] == pytest.approx(0.85 - 0.83)
    last = frame.iloc[-1]
    assert math.isnan(last["train_loss"]) and math.isnan(last["gap"]) and last["status"] == "diverged"
    assert last["setting"] == "p1=0, p2=0, train_size=5000" and last["seed"] == 2 and last["label"] == "p=0"
    assert records_to_frame([]).columns.tolist() == list(FRAME_COLUMNS)


def test_csv_export():
    text = records_to_csv([make_record()])
    assert text.splitlines()[0] == ",".join(FRAME_COLUMNS)
    assert len(pd.read_csv(io.StringIO(text))) == 3


def test_setting_and_label_describe_the_config():
    config = TrainConfig(lr=0.1, hidden=(128, 64), implementation="concise", seed=4, epochs=30, device="cpu")
    assert describe_setting(config) == "p1=0.2, p2=0.5, lr=0.1, hidden=128x64, implementation=concise"
    assert default_label(config) == describe_setting(config) + ", seed=4"
    assert describe_setting(TrainConfig()) == "p1=0.2, p2=0.5"
    # Runs of another noise at the same strengths are another setting: Compare groups and pairs them apart.
    assert describe_setting(TrainConfig(noise="gaussian")) == "p1=0.2, p2=0.5, noise=gaussian"
