"""Train-page jobs: paired runs, Step, pause and resume, throughput; on a small real configuration."""
import pytest

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
