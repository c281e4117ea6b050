"""The command line: printed table, written record, exit codes for bad options and missing data."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dropout_core import train
from dropout_core.runtime import settings
from dropout_core.training import data as data_module
from dropout_core.training.records import load_record

REPO = Path(__file__).resolve().parent.parent
TINY_ARGS = ["--epochs", "2", "--train-size", "500", "--batch-size", "100", "--hidden", "16", "8", "--device", "cpu"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """python -m dropout_core.train with args, from the repository root."""
    return subprocess.run([sys.executable, "-m", "dropout_core.train", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={**os.environ, settings.OFFLINE: "1"})


def test_trains_prints_and_writes_the_record(fashion_mnist, tmp_path):
    path = tmp_path / "run.json"
    result = run_cli(*TINY_ARGS, "--p1", "0.1", "--seed", "3", "--label", "tiny", "--json", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("data: ") and "500 training images" in lines[0]
    assert lines[1].startswith("device: cpu")
    assert lines[2].split()[:3] == ["epoch", "train", "loss"]
    for number, line in zip((1, 2), lines[3:5]):
        fields = line.split()
        assert len(fields) == 7 and int(fields[0]) == number
        assert all(0 <= float(value) <= 1 for value in (fields[2], fields[3], fields[5]))
    assert lines[5].startswith("final test accuracy") and lines[6] == f"wrote {path}"
    record = load_record(path)
    assert record.label == "tiny" and record.status == "finished" and len(record.epochs) == 2
    assert (record.config.p1, record.config.seed, record.config.hidden) == (0.1, 3, (16, 8))
    assert f"{record.epochs[-1].test_acc:.4f}" == lines[4].split()[5]
    assert json.loads(path.read_text())["format"] == "dropout-explorer-run"
    assert record.config.noise == "dropout" and len(record.epochs[-1].activations) == 2


def test_noise_option_trains_with_that_noise(fashion_mnist, tmp_path):
    path = tmp_path / "gaussian.json"
    assert train.main([*TINY_ARGS, "--noise", "gaussian", "--json", str(path)]) == 0
    record = load_record(path)
    assert record.config.noise == "gaussian" and record.status == "finished"
    layer1 = record.epochs[-1].activations[0]
    assert layer1.after_noise_var > layer1.before_noise_var  # the noise is there, in the activations


@pytest.mark.parametrize("args, message", [
    (["--p1", "2"], "p1: dropout probability"),
    (["--lr", "nan"], "lr (learning rate)"),
    (["--epochs", "ten"], "invalid int value"),
    (["--implementation", "keras"], "invalid choice"),
    (["--hidden", "0", "5"], "hidden"),
    (["--train-size", "70000"], "train_size"),
    (["--noise", "salt"], "invalid choice"),
    (["--noise", "gaussian", "--p2", "1"], "p2: drop rate must be below 1"),
    (["--noise", "additive", "--implementation", "concise"], "needs implementation 'scratch'"),
])
def test_bad_options_exit_2_with_a_message(args, message, capsys):
    # In-process: argparse exits through SystemExit exactly as the command does.
    with pytest.raises(SystemExit) as exit_info:
        train.main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_option_message_from_the_command():
    result = run_cli("--p1", "2")
    assert result.returncode == 2
    assert "error: p1: dropout probability must be in [0, 1], got 2.0" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_data_exits_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(data_module, "DEBIAN_DIR", tmp_path / "nowhere")
    monkeypatch.setattr(data_module, "DOWNLOAD_ROOT", tmp_path / "data")
    monkeypatch.delenv(settings.DATA, raising=False)
    monkeypatch.setenv(settings.OFFLINE, "1")
    assert train.main([*TINY_ARGS, "--data-dir", str(tmp_path / "empty")]) == 1
    captured = capsys.readouterr()
    assert "Fashion-MNIST was not found" in captured.err and "Traceback" not in captured.err


def test_divergence_reported(fashion_mnist, tmp_path, capsys):
    path = tmp_path / "diverged.json"
    # a large rate with 256 units per layer overflows within two epochs
    assert train.main([*TINY_ARGS, "--lr", "100", "--hidden", "256", "256", "--json", str(path)]) == 0
    assert any(line.startswith("diverged at epoch") for line in capsys.readouterr().out.splitlines())
    assert load_record(path).status == "diverged"
