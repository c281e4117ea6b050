"""Train-page jobs: paired runs, Step, pause and resume, throughput, the worker thread; on small real configurations."""
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from dropout_core.runtime import hardware
from dropout_core.runtime.slots import TrainingSlots
from dropout_core.training.config import TrainConfig
from dropout_core.training.data import load_fashion_mnist
from dropout_core.training.engine import Trainer
from dropout_core.training.jobs import CHOSEN, PAIRED, TrainingJob

TINY = TrainConfig(epochs=2, train_size=1_000, batch_size=100, hidden=(32, 32), seed=3)


@pytest.fixture(scope="module")
def data():
    """The real Fashion-MNIST, loaded once."""
    return load_fashion_mnist()


def run_to_end(job: TrainingJob) -> None:
    """Advance in small slices until the job pauses."""
    while not job.paused:
        job.advance(0.05)


def metrics_without_time(trainer: Trainer) -> list[tuple]:
    """Every epoch's metrics except its wall time."""
    return [(m.epoch, m.train_loss, m.train_acc, m.train_acc_eval, m.test_loss, m.test_acc) for m in trainer.history]


def test_paired_twin_shares_initial_weights_and_batch_order(data):
    job = TrainingJob(TINY, data, paired=True)
    chosen, twin = job.trainers.values()
    assert twin.config.p1 == twin.config.p2 == 0.0
    for a, b in zip(chosen.model.state_dict().values(), twin.model.state_dict().values()):
        assert a.equal(b)
    job.start()
    run_to_end(job)
    assert job.finished and job.progress() == 1.0
    assert [len(t.history) for t in job.trainers.values()] == [2, 2]
    assert {p["run"] for p in job.points} == {CHOSEN, PAIRED}


def test_job_run_equals_a_plain_trainer_however_it_is_sliced(data):
    job = TrainingJob(TINY, data)
    job.start()
    run_to_end(job)
    reference = Trainer(TINY, data)
    reference.run()
    (trainer,) = job.trainers.values()
    assert metrics_without_time(trainer) == metrics_without_time(reference)


def test_step_trains_exactly_one_epoch_then_pauses(data):
    job = TrainingJob(TINY, data, paired=True)
    job.step_one_epoch()
    run_to_end(job)
    assert job.paused and not job.finished
    assert [len(t.history) for t in job.trainers.values()] == [1, 1]
    assert all(t.batches_left_in_epoch == t.batches_per_epoch for t in job.trainers.values())
    assert job.progress() == pytest.approx(0.5)


def test_pause_keeps_everything_and_resume_continues(data):
    job = TrainingJob(TINY, data)
    job.start()
    job.advance(0.02)
    job.pause()
    done = job.images_done()
    points = len(job.points)
    job.advance(1.0)  # paused: nothing happens
    assert job.images_done() == done and len(job.points) == points
    job.start()
    run_to_end(job)
    assert job.finished and job.records({CHOSEN: "mine"})[0].status == "finished"


def test_curves_grow_within_an_epoch(data):
    job = TrainingJob(TINY, data)
    job.step_one_epoch()
    run_to_end(job)
    positions = sorted({p["epoch"] for p in job.points if p["metric"] == "train_loss"})
    assert positions[-1] == 1.0 and len(positions) > 2 and 0 < positions[0] < 1


def test_throughput_and_time_left(data):
    job = TrainingJob(TINY, data)
    assert job.seconds_left() is None
    job.step_one_epoch()
    run_to_end(job)
    assert job.images_per_second() > 0
    assert job.seconds_left() == pytest.approx(1_000 / job.images_per_second())


# --- the worker thread -----------------------------------------------------------------------------------------------
def wait_until(condition, timeout_s=60.0):
    """Poll condition until it holds; fail after timeout_s (a bound on a hang, not a measurement)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def test_a_worker_trains_the_job_like_the_caller_would(data):
    job = TrainingJob(TINY, data, paired=True)
    job.start()
    job.start_worker(TrainingSlots(1))
    job.join(timeout=60)
    assert job.finished and not job.training
    reference = TrainingJob(TINY, data, paired=True)
    reference.start()
    run_to_end(reference)
    for run in (CHOSEN, PAIRED):
        assert metrics_without_time(job.trainers[run]) == metrics_without_time(reference.trainers[run])


def test_rapid_stop_and_resume_keep_one_driver_and_the_exact_run(data):
    # Long enough to outlast the clicks on a fast CPU (40,000 images of this small network took under 0.15 s).
    config = replace(TINY, epochs=5, train_size=60_000)
    slots = TrainingSlots(1)
    job = TrainingJob(config, data)
    job.start()
    job.start_worker(slots)
    wait_until(lambda: job.images_done() > 0)
    for _ in range(6):  # Stop, Resume, Stop, Resume ... as fast as a visitor can click
        time.sleep(0.02)
        job.pause()
        assert len([t for t in threading.enumerate() if t.name == f"job-{job.id[:8]}"]) <= 1
        job.start()
        job.start_worker(slots)
    assert not job.finished  # the clicks came in the middle of the run
    job.join(timeout=120)
    reference = Trainer(config, data)
    reference.run()
    assert job.finished and metrics_without_time(job.trainers[CHOSEN]) == metrics_without_time(reference)
    assert slots.busy() == 0


def test_a_page_can_wait_for_the_first_curve_point(data):
    job = TrainingJob(TINY, data)
    assert not job.wait_for_points(0.05) and job.snapshot() == []  # nothing trains: it gives up in time
    job.start()
    job.start_worker(TrainingSlots(1))
    assert job.wait_for_points(60)
    assert job.snapshot()  # what the page draws next has the point
    job.join(timeout=60)


def test_a_page_can_wait_for_the_worker_to_end_and_no_longer_than_asked(data):
    job = TrainingJob(TINY, data)
    assert job.wait_until_undriven(0)  # nothing drives a new job
    slots = TrainingSlots(1)
    assert slots.acquire("another visitor")  # the worker waits for this slot: it cannot end on its own
    job.start()
    job.start_worker(slots)
    started = time.monotonic()
    try:
        assert not job.wait_until_undriven(0.2) and job.training
        assert time.monotonic() - started < 5  # it gave up in time
    finally:
        slots.release("another visitor")  # else the waiting worker would keep pytest from exiting
    assert job.wait_until_undriven(60)
    assert job.finished and not job.training  # it returned once the run had ended


def test_a_lone_job_trains_on_every_thread_and_one_beside_another_on_its_share(data, monkeypatch):
    monkeypatch.setattr(hardware, "_configured_threads", 2)
    monkeypatch.setattr(hardware, "runs_depend_on_threads", lambda: False)
    threads_per_turn = []
    advance = Trainer.advance

    def advance_and_note_threads(trainer, max_batches, threads=None):
        events = advance(trainer, max_batches, threads)
        threads_per_turn.append(torch.get_num_threads())  # what the worker thread trained with
        return events

    monkeypatch.setattr(Trainer, "advance", advance_and_note_threads)
    slots = TrainingSlots(2)
    original = torch.get_num_threads()  # a worker's share becomes torch's default for threads started later
    for others, expected in ((0, {2}), (1, {1})):
        threads_per_turn.clear()
        for other in range(others):
            assert slots.acquire(f"another visitor {other}")
        job = TrainingJob(TINY, data)
        job.start()
        job.start_worker(slots)
        job.join(timeout=60)
        assert job.finished and set(threads_per_turn) == expected
    slots.release("another visitor 0")
    torch.set_num_threads(original)


def test_a_job_waits_for_a_slot_and_then_trains(data):
    slots = TrainingSlots(1)
    assert slots.acquire("another visitor")
    job = TrainingJob(TINY, data)
    job.start()
    job.start_worker(slots)
    wait_until(lambda: job.waiting)
    assert job.images_done() == 0
    slots.release("another visitor")
    job.join(timeout=60)
    assert job.finished and not job.waiting and slots.busy() == 0


def test_a_gone_session_stops_its_job_and_frees_the_slot(data):
    present = threading.Event()
    present.set()
    slots = TrainingSlots(1)
    job = TrainingJob(replace(TINY, epochs=50, train_size=60_000), data)
    job.start()
    job.start_worker(slots, alive=present.is_set)
    wait_until(lambda: job.images_done() > 0)
    present.clear()  # the tab was closed
    job.join(timeout=30)
    done = job.images_done()
    assert job.paused and not job.training and slots.busy() == 0
    time.sleep(0.3)
    assert job.images_done() == done  # nothing trains for a session that is gone


def test_a_server_that_exits_stops_its_workers_cleanly(tmp_path):
    """A worker in the middle of an epoch when Python exits: the process ends at once and cleanly (no abort)."""
    script = tmp_path / "exit_while_training.py"
    script.write_text(
        "import sys, time\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from dropout_core.runtime.slots import TrainingSlots\n"
        "from dropout_core.training.config import TrainConfig\n"
        "from dropout_core.training.data import load_fashion_mnist\n"
        "from dropout_core.training.jobs import TrainingJob\n"
        "job = TrainingJob(TrainConfig(epochs=50), load_fashion_mnist(allow_download=False))\n"
        "job.start()\n"
        "job.start_worker(TrainingSlots(1))\n"
        "while job.images_done() == 0:\n"
        "    time.sleep(0.01)\n"
        "print('training', flush=True)\n"
    )
    finished = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert "training" in finished.stdout and "terminate called" not in finished.stderr
