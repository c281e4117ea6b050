"""The saved runs in cached_runs/: complete, valid run records that the engine reproduces; and their generator."""
import json
import math
import statistics
from dataclasses import replace

import pytest

from dropout_core.cached_runs import main
from dropout_core.theory import lab_network
from dropout_core.training.data import load_fashion_mnist
from dropout_core.training.engine import Trainer
from dropout_core.training.presets import PRESETS
from dropout_core.training.records import METRIC_FIELDS, parse_run_record
from dropout_core.training.saved_runs import (
    DEFAULT_DIR,
    EXPERIMENTS,
    SavedRuns,
    find_saved_run,
    load_saved_runs,
    run_config,
    run_label,
    run_path,
    saved_run_files,
    setting_id,
)

EXPECTED = [(experiment, setting, seed) for experiment in EXPERIMENTS.values() for setting in experiment.settings
            for seed in experiment.seeds]
SIZE_LIMIT_BYTES = 10_000_000  # the whole folder ships with the app and its repository
SETTINGS = list(EXPERIMENTS["d2l"].settings)  # Compare's three: p0-0, p0.2-0.5, p0.5-0.5


@pytest.mark.parametrize("experiment, setting, seed", EXPECTED,
                         ids=[f"{e.name}-{s}-seed{k}" for e, s, k in EXPECTED])
def test_every_saved_run_exists_and_is_a_valid_record_of_its_config(experiment, setting, seed):
    path = run_path(DEFAULT_DIR, experiment.name, setting, seed)
    assert path.is_file(), f"missing {path}: python -m dropout_core.cached_runs --resume makes it"
    record = parse_run_record(path.read_bytes())
    assert record.config == run_config(experiment, setting, seed)
    assert record.label == run_label(experiment.name, record.config)
    if record.status == "diverged":
        assert record.diverged_epoch == len(record.epochs) <= experiment.epochs
    else:
        assert record.status == "finished" and len(record.epochs) == experiment.epochs


def test_the_folder_holds_nothing_else_and_stays_small():
    files = [path for path in DEFAULT_DIR.rglob("*") if path.is_file() and path.name != "README.md"]
    lab_weights = [lab_network.WEIGHTS_PATH, lab_network.checksum_path(lab_network.WEIGHTS_PATH)]
    assert sorted(files) == sorted([*(run_path(DEFAULT_DIR, e.name, s, k) for e, s, k in EXPECTED), *lab_weights])
    assert sum(path.stat().st_size for path in files) < SIZE_LIMIT_BYTES
    saved = load_saved_runs()
    assert saved.problems == () and len(saved.runs) == len(EXPECTED)


def test_the_engine_reproduces_a_saved_run():
    """Rerun the first two epochs of one saved run (2,000 images: cheap) and match the stored numbers.

    Same seed and engine, so masks, batches and initial weights are identical; what may differ is the order of
    float32 summations on another CPU or math library (or, for runs made before MKL's strict mode, another number
    of threads). Measured where the runs were made: these 126 SGD steps (2 epochs of 63 batches of 32 at lr 0.1)
    gave bit-identical numbers with 1 and with 2 threads (a full-data epoch, 235 steps at lr 0.5, did not: 2e-3
    apart in the training loss), hence this short run.
    Tolerances: a dot product of up to 784 float32 terms summed in another order moves by about
    sqrt(784) x 6e-8 = 2e-6 relative; 1e-4 absolute on losses of about 2.3 lets that grow twentyfold over the
    126 steps. An accuracy moves in whole predictions: 1.5 / N admits one changed prediction among N images
    (N = 10,000 test images; N = 2,000 training images for both training accuracies), not two.
    """
    experiment = EXPERIMENTS["small"]
    stored = parse_run_record(run_path(DEFAULT_DIR, "small", "p0.2-0.5", 0).read_bytes())
    config = replace(run_config(experiment, "p0.2-0.5", 0), epochs=2)  # the epoch count draws nothing
    rerun = Trainer(config, load_fashion_mnist()).run()
    images = experiment.train_size
    tolerances = {"train_loss": 1e-4, "test_loss": 1e-4, "test_acc": 1.5 / 10_000,
                  "train_acc": 1.5 / images, "train_acc_eval": 1.5 / images}
    assert set(tolerances) == set(METRIC_FIELDS)
    for old, new in zip(stored.epochs[:2], rerun, strict=True):
        for metric, tolerance in tolerances.items():
            assert getattr(new, metric) == pytest.approx(getattr(old, metric), abs=tolerance), (old.epoch, metric)


TINY = ["--experiment", "small", "--setting", "p0.5-0.5", "--seed", "7", "--epochs", "2", "--train-size", "300"]


def test_the_generator_writes_records_and_resume_skips_them(tmp_path, capsys):
    assert main([*TINY, "--out", str(tmp_path)]) == 0
    path = run_path(tmp_path, "small", "p0.5-0.5", 7)
    record = parse_run_record(path.read_bytes())
    assert (record.config.p1, record.config.p2, record.config.seed) == (0.5, 0.5, 7)
    assert (record.config.epochs, record.config.train_size, len(record.epochs)) == (2, 300, 2)
    assert f"[1/1] {path}: finished, test accuracy" in capsys.readouterr().out
    assert saved_run_files(tmp_path) == [path]
    before = path.stat().st_mtime_ns
    assert main([*TINY, "--out", str(tmp_path), "--resume", "--setting", "p0-0"]) == 0
    out = capsys.readouterr().out
    assert f"{path}: exists, skipped" in out and "p0-0-seed7.json: finished" in out
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize("option", [["--epochs", "0"], ["--train-size", "70000"], ["--seed", "-1"],
                                    ["--experiment", "huge"], ["--threads", "0"]])
def test_the_generator_refuses_bad_options(option, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main([*TINY, "--out", str(tmp_path), *option])
    assert exit_info.value.code == 2 and not any(tmp_path.iterdir())


def test_a_setting_no_chosen_experiment_has_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--experiment", "small", "--setting", "p0.2-0.5-gaussian", "--out", str(tmp_path)])
    assert exit_info.value.code == 2 and "no run to make" in capsys.readouterr().err


def test_setting_ids_name_what_differs_from_the_preset():
    base = PRESETS["d2l"]
    assert setting_id(base) == "p0.2-0.5"
    assert setting_id(replace(base, p1=0.0, p2=0.8, weight_decay=1e-3)) == "p0-0.8-wd0.001"
    assert setting_id(replace(base, noise="scale_by_p")) == "p0.2-0.5-scale_by_p"
    for experiment in EXPERIMENTS.values():  # each setting of an experiment its own file name
        assert len(experiment.settings) == len(experiment.changes)


def test_reading_skips_malformed_and_misnamed_files_and_says_why(tmp_path):
    good = run_path(DEFAULT_DIR, "small", "p0-0", 0)
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "p0-0-seed0.json").write_bytes(good.read_bytes())
    (folder / "p0.5-0.5-seed0.json").write_bytes(good.read_bytes())  # p = 0 under a p = 0.5 name
    broken = json.loads(good.read_text())
    broken["version"] = 99
    (folder / "p0-0-seed1.json").write_text(json.dumps(broken))
    (folder / "notes.txt").write_text("not a run")
    saved = load_saved_runs(tmp_path)
    assert [(run.experiment, run.setting, run.seed) for run in saved.runs] == [("small", "p0-0", 0)]
    assert len(saved.problems) == 2
    assert any("version 99 is not supported" in problem for problem in saved.problems)
    assert any("the file name says p0.5-0.5" in problem for problem in saved.problems)


def test_no_folder_means_no_runs(tmp_path):
    assert load_saved_runs(tmp_path / "absent") == load_saved_runs(tmp_path) == SavedRuns((), ())


def test_a_config_finds_the_saved_run_trained_with_exactly_it():
    saved = load_saved_runs()
    found = find_saved_run(saved, replace(PRESETS["no_dropout"], seed=3))  # the page's device "auto" is fine
    assert (found.experiment, found.setting, found.seed) == ("d2l", "p0-0", 3)
    assert found.record.config == run_config(EXPERIMENTS["d2l"], "p0-0", 3)
    assert find_saved_run(saved, replace(PRESETS["d2l"], lr=0.1)) is None
    assert find_saved_run(saved, replace(PRESETS["d2l"], seed=99)) is None


def saved(experiment: str, setting: str) -> list:
    """The committed saved runs of one experiment and setting, in seed order."""
    return [run.record for run in load_saved_runs().runs if (run.experiment, run.setting) == (experiment, setting)]


def test_the_small_experiment_shows_what_its_caption_says():
    """compare.about_small and train.preset_small_help: without dropout the network memorises its 2,000 images
    (eval-mode train accuracy 1 at the end) while its test loss, lowest within the first 35 epochs, ends more than
    twice as high; no run of any setting diverges or collapses (the old lr 0.5 preset's runs all did)."""
    for record in saved("small", "p0-0"):
        summary = record.summary
        assert summary.final_train_acc_eval == 1.0
        assert summary.lowest_test_loss_epoch <= 35 and summary.final_test_loss > 2 * summary.lowest_test_loss
    for setting in SETTINGS:
        assert all(record.status == "finished" and not record.summary.collapsed_epochs
                   for record in saved("small", setting))
    base = EXPERIMENTS["small"].base
    assert (base.train_size, base.epochs, base.lr, base.batch_size) == (2_000, 200, 0.1, 32)
    assert math.ceil(base.train_size / base.batch_size) == 63  # "63 steps an epoch": 62 batches of 32, one of 16


def test_the_train_pages_accuracy_caption_holds_for_the_d2l_runs():
    """train.which_acc_text: in the first epoch test accuracy beats the dropout-on train accuracy in runs without
    dropout too (the epoch average lags); by epoch 10 dropout keeps that figure about one to three points lower."""
    for record in saved("d2l", "p0-0"):
        assert record.epochs[0].test_acc > record.epochs[0].train_acc
    at_10 = {setting: statistics.median(record.epochs[9].train_acc for record in saved("d2l", setting))
             for setting in SETTINGS}
    for setting in ("p0.2-0.5", "p0.5-0.5"):
        assert 0.01 <= at_10["p0-0"] - at_10[setting] <= 0.03
