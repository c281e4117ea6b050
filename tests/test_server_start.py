"""The server's warm-up: a first visit after it computes nothing, and nothing stops the server from starting."""
import asyncio
import logging
import os
import subprocess
import sys
import threading

from conftest import APP_TIMEOUT_S, REPO_ROOT
from streamlit.testing.v1 import AppTest

from dropout_core.theory import ensemble
from dropout_core.training import data
from ui import server_start
from ui.compare import runs as compare_runs
from ui.theory_lab import mc, network


def _visit(section: str, **query) -> AppTest:
    """A first visitor's run of a Theory lab section, with these query parameters."""
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
    app.query_params.update({"section": section, **query})
    app.switch_page("pages/theory.py")
    return app.run()


def _refuse(*args, **kwargs):
    raise AssertionError("not expected here")


def test_after_the_warm_up_the_theory_labs_first_visits_compute_nothing(fashion_mnist, monkeypatch):
    network.thinned_average.clear()  # as on a fresh server, whatever other tests computed before
    network.mc_dropout.clear()
    server_start.warm_up()

    monkeypatch.setattr(ensemble, "mc_average_metrics", _refuse)  # the warm-up should have computed these
    monkeypatch.setattr(ensemble, "mc_predictive", _refuse)
    # Each T of section 3, too: a lecture moves to T = 100, and twenty visitors doing that at once wait for it.
    visits = [("average", {}, "Eval mode (one pass)")] + [
        ("mc", {"T": str(passes)}, f"Accuracy, average of T = {passes}") for passes in mc.T_CHOICES]
    for section, query, metric in visits:
        app = _visit(section, **query)
        assert not app.exception
        assert metric in [shown.label for shown in app.metric]


def test_after_the_warm_up_the_compare_pages_first_visit_reads_no_saved_run(monkeypatch):
    compare_runs._load_saved_runs.clear()  # as on a fresh server
    server_start.warm_up()
    monkeypatch.setattr(compare_runs, "load_saved_runs", _refuse)
    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
    app.query_params["predict"] = "false"
    app.switch_page("pages/compare.py")
    app.run()
    assert not app.exception
    assert app.get("vega_lite_chart") or app.get("arrow_vega_lite_chart")


def test_the_warm_up_without_the_dataset_loads_nothing_and_downloads_nothing(monkeypatch):
    monkeypatch.setattr(data, "candidate_folders", lambda data_dir=None: [])
    monkeypatch.setattr(data, "load_fashion_mnist", _refuse)
    server_start.warm_up()  # returns quietly: the pages tell the visitor how to get the data


def test_a_failed_warm_up_is_logged_and_the_server_starts_anyway(monkeypatch, caplog):
    def broken():
        raise OSError("disk on fire")

    monkeypatch.setattr(server_start, "warm_up", broken)

    async def start() -> bool:
        async with server_start.lifespan(None):
            return True

    with caplog.at_level(logging.ERROR, logger=server_start.__name__):
        assert asyncio.run(start())
    assert "disk on fire" in caplog.text


def test_the_warm_up_thread_has_ended_when_the_server_serves(monkeypatch):
    # A thread that ran torch's parallel work keeps its OpenMP team for life, and a second live team slows every
    # training's elementwise ops on a machine with as many threads as cores (ui/server_start.lifespan).
    warmed_on = []
    monkeypatch.setattr(server_start, "warm_up", lambda: warmed_on.append(threading.current_thread()))

    async def serve() -> bool:
        async with server_start.lifespan(None):
            return warmed_on[0].is_alive()

    assert not asyncio.run(serve())
    assert warmed_on[0] is not threading.main_thread()  # the event loop serves while it warms up


# A fresh server process: the test process has long imported whatever other tests needed.
FIRST_START_AFTER_WARM_UP = """
import sys
import torch
from dropout_core.training import data
from dropout_core.training.config import TrainConfig
from dropout_core.training.jobs import TrainingJob
from ui import server_start

data.candidate_folders = lambda data_dir=None: []  # the Theory lab's part needs the dataset; this test does not
server_start.warm_up()
imported = set(sys.modules)
images, labels = torch.zeros((512, 28, 28), dtype=torch.uint8), torch.arange(512) % 10
dataset = data.FashionMNIST(images, labels, images[:256], labels[:256], source="test", checksum="test")
job = TrainingJob(TrainConfig(epochs=1, train_size=512), dataset, paired=True)
job.start()
while not job.finished:  # through the epoch's end: its evaluation and activation statistics too
    job.advance(1.0)
print(sorted(set(sys.modules) - imported))
"""


def test_after_the_warm_up_a_first_start_imports_nothing():
    # Without it, torch imported its compiler (torch._dynamo, about 0.9 CPU-s) when the first learner pressed Start.
    result = subprocess.run([sys.executable, "-c", FIRST_START_AFTER_WARM_UP], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "DROPOUT_EXPLORER_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
