"""The training engine on real Fashion-MNIST, with tiny configs: determinism, resuming, metrics, divergence."""
import dataclasses
import itertools
import json
import math
import threading

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dropout_core.runtime import hardware
from dropout_core.runtime.hardware import device_available
from dropout_core.training.config import TrainConfig
from dropout_core.training.engine import (
    PROGRESS_EVENTS_PER_EPOCH,
    EpochMetrics,
    ProgressEvent,
    Trainer,
)
from dropout_core.training.presets import PRESETS
from dropout_core.training.records import parse_run_record, run_record

# 20 batches per epoch; PyTorch's default init and lr 0.1 get this small net to ~50% test accuracy in 3 epochs.
TINY = TrainConfig(epochs=3, train_size=1000, batch_size=50, hidden=(32, 16), lr=0.1, init="default", device="cpu")


@pytest.fixture(scope="module")
def data(fashion_mnist):
    """Fashion-MNIST, or a skip where it is not installed."""
    return fashion_mnist


def tiny(**changes) -> TrainConfig:
    """TINY with some fields changed."""
    return dataclasses.replace(TINY, **changes)


def measured(history: list[EpochMetrics]) -> list[tuple]:
    """Every metric of every epoch except the wall time, which no two runs share."""
    return [dataclasses.astuple(dataclasses.replace(metrics, seconds=0.0)) for metrics in history]


def parameters(trainer: Trainer) -> list[torch.Tensor]:
    """Copies of the trainer's current weights."""
    return [p.detach().clone() for p in trainer.model.parameters()]


def assert_same_run(a: Trainer, b: Trainer) -> None:
    """Bitwise equal metrics and final weights."""
    assert measured(a.history) == measured(b.history)
    for x, y in zip(parameters(a), parameters(b)):
        assert torch.equal(x, y)


def test_presets():
    assert PRESETS["d2l"] == TrainConfig(p1=0.2, p2=0.5, epochs=10, lr=0.5, batch_size=256, hidden=(256, 256))
    assert (PRESETS["no_dropout"].p1, PRESETS["no_dropout"].p2) == (0.0, 0.0)
    assert dataclasses.replace(PRESETS["no_dropout"], p1=0.2, p2=0.5) == PRESETS["d2l"]


@pytest.mark.parametrize("implementation", ["scratch", "concise"])
def test_same_seed_same_run(data, implementation):
    first = Trainer(tiny(implementation=implementation), data)
    second = Trainer(tiny(implementation=implementation), data)
    first.run()
    second.run()
    assert_same_run(first, second)
    third = Trainer(tiny(implementation=implementation, seed=1), data)
    third.run()
    assert measured(third.history) != measured(first.history)


@pytest.mark.parametrize("implementation", ["scratch", "concise"])
def test_stopping_and_resuming_anywhere_changes_nothing(data, implementation):
    whole = Trainer(tiny(implementation=implementation), data)
    whole.run()
    chunked = Trainer(tiny(implementation=implementation), data)
    other = Trainer(tiny(implementation=implementation, seed=5), data)
    for size in itertools.cycle([1, 3, 7, 2, 16, 5, 40]):
        if chunked.finished:
            break
        chunked.advance(size)
        other.advance(2)  # another trainer in between, drawing its own masks
        torch.rand(100)  # and the global generator, which nn.Dropout uses, drawn from elsewhere
        chunked.evaluate()  # evaluating mid-epoch must not disturb training either
    assert_same_run(whole, chunked)


def test_every_thread_trains_with_the_configured_thread_count(data, monkeypatch):
    """torch's set_num_threads misses a thread that already did parallel work; training must not depend on that."""
    torch.relu(torch.randn(100_000))  # this thread has now done parallel work at its current count
    original = torch.get_num_threads()
    configured = 1 if original > 1 else 2
    monkeypatch.setattr(hardware, "_configured_threads", configured)
    seen_in_a_new_thread = []

    def train_in_a_new_thread():
        Trainer(tiny(), data).advance(1)
        seen_in_a_new_thread.append(torch.get_num_threads())

    try:
        Trainer(tiny(), data).advance(1)
        assert torch.get_num_threads() == configured
        worker = threading.Thread(target=train_in_a_new_thread)
        worker.start()
        worker.join()
        assert seen_in_a_new_thread == [configured]
    finally:
        torch.set_num_threads(original)


# d2l's shapes, where a matrix product split over two threads sums in another order unless MKL is strict: 10 batches
# and the evaluation. With $MKL_CBWR unset before MKL's first product, this test fails (checked 2026-12-01).
D2L_SHAPES = TrainConfig(epochs=1, train_size=2_560, device="cpu")


@pytest.mark.skipif(hardware.runs_depend_on_threads(), reason="without MKL's strict mode the thread count counts")
@pytest.mark.parametrize("implementation", ["scratch", "concise"])
def test_a_run_is_the_same_on_one_thread_on_two_and_when_it_switches(data, implementation):
    config = dataclasses.replace(D2L_SHAPES, implementation=implementation)
    original = torch.get_num_threads()
    try:
        one = Trainer(config, data)
        one.advance(one.batches_left_in_epoch, threads=1)
        two = Trainer(config, data)
        two.advance(two.batches_left_in_epoch, threads=2)
        switching = Trainer(config, data)
        for threads in itertools.cycle([2, 1]):  # a job's turns, as trainings start and end beside it
            if switching.finished:
                break
            switching.advance(3, threads=threads)
    finally:
        torch.set_num_threads(original)
    assert_same_run(one, two)
    assert_same_run(one, switching)


def test_trainings_share_the_pool_only_where_that_leaves_their_runs_unchanged(monkeypatch):
    monkeypatch.setattr(hardware, "_configured_threads", 4)
    monkeypatch.setattr(hardware, "runs_depend_on_threads", lambda: False)
    assert [hardware.training_threads(running) for running in (1, 2, 3, 4, 5)] == [4, 2, 1, 1, 1]
    monkeypatch.setattr(hardware, "runs_depend_on_threads", lambda: True)
    assert [hardware.training_threads(running) for running in (1, 2, 5)] == [4, 4, 4]


def test_run_epoch_and_advance_events(data):
    trainer = Trainer(tiny(), data)
    assert trainer.status == "ready" and trainer.epoch == 0
    events = trainer.advance(5)
    assert [type(event) for event in events] == [ProgressEvent, ProgressEvent, ProgressEvent]  # batches 2, 4, 5
    assert [event.batches_done for event in events] == [2, 4, 5]
    assert events[-1].images_done == trainer.images_done == 5 * 50
    assert 0 <= events[-1].train_acc <= 1 and events[-1].train_loss > 0
    assert trainer.status == "running" and trainer.epoch == 1
    events = trainer.run_epoch()
    assert isinstance(events[-1], EpochMetrics) and events[-1].epoch == 1
    assert all(isinstance(event, ProgressEvent) for event in events[:-1])
    assert len(trainer.history) == 1 and trainer.images_done == 1000
    events = trainer.run_epoch()  # a whole epoch: progress after batches 2, 4, ..., 18, then the metrics
    assert len(events) == 9 + 1 and len(trainer.history) == 2
    assert trainer.run() == trainer.history and trainer.status == "finished"
    assert trainer.advance(3) == [] and trainer.run_epoch() == []
    assert PROGRESS_EVENTS_PER_EPOCH == 10  # the counts above assume it


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_advance_needs_a_positive_whole_number(data, bad):
    with pytest.raises(ValueError, match="max_batches"):
        Trainer(tiny(), data).advance(bad)


@pytest.mark.parametrize("train_size, batch_size, batches", [(1000, 64, 16), (1, 256, 1), (300, 100, 3)])
def test_train_size_honoured(data, train_size, batch_size, batches):
    trainer = Trainer(tiny(epochs=2, train_size=train_size, batch_size=batch_size), data)
    assert trainer.images_total == 2 * train_size
    assert trainer.batches_per_epoch == batches
    calls = 0
    while not trainer.history:
        trainer.advance(1)
        calls += 1
    assert calls == batches and trainer.images_done == train_size
    trainer.run()
    assert trainer.images_done == trainer.images_total


def test_dataset_shared_not_copied(data):
    trainer = Trainer(tiny(), data)
    assert trainer._train_images.data_ptr() == data.train_images.data_ptr()
    assert trainer._test_images.data_ptr() == data.test_images.data_ptr()


def test_paired_runs_share_weights_and_batch_order(data):
    with_dropout = Trainer(tiny(p1=0.5, p2=0.5), data)
    without = Trainer(tiny(p1=0.0, p2=0.0), data)
    for a, b in zip(parameters(with_dropout), parameters(without)):
        assert torch.equal(a, b)
    with_dropout.advance(1)
    without.advance(1)
    assert torch.equal(with_dropout._epoch_order, without._epoch_order)


@pytest.mark.parametrize("p1, p2", [(0.0, 0.0), (1.0, 0.0)])
def test_scratch_and_concise_train_identically_where_masks_cannot_differ(data, p1, p2):
    scratch = Trainer(tiny(p1=p1, p2=p2, implementation="scratch"), data)
    concise = Trainer(tiny(p1=p1, p2=p2, implementation="concise"), data)
    scratch.run()
    concise.run()
    assert_same_run(scratch, concise)


def test_metrics_are_eval_mode_on_the_right_images(data):
    trainer = Trainer(tiny(epochs=1, train_size=60_000, batch_size=500, p1=0.5, p2=0.5), data)
    metrics = trainer.run()[-1]
    model = trainer.model.eval()
    with torch.no_grad():
        test_logits = model(data.test_images.float() / 255)
        train_logits = model(data.train_images.float() / 255)
    # Larger batches than the engine's may round the logits differently: allow one image whose top two
    # logits are within rounding to flip; the loss agrees to float32 summation error.
    assert metrics.test_acc == pytest.approx((test_logits.argmax(1) == data.test_labels).float().mean().item(),
                                             abs=1e-4)
    assert metrics.test_loss == pytest.approx(F.cross_entropy(test_logits, data.test_labels).item(), rel=1e-4)
    assert metrics.train_acc_eval == pytest.approx(
        (train_logits.argmax(1) == data.train_labels).float().mean().item(), abs=1 / 60_000)
    assert trainer.evaluate() == trainer.evaluate()  # no randomness in evaluation


def test_global_generator_untouched(data):
    before = torch.get_rng_state()
    for implementation in ("scratch", "concise"):
        trainer = Trainer(tiny(epochs=1, implementation=implementation), data)
        trainer.advance(3)
        trainer.run()
    assert torch.equal(torch.get_rng_state(), before)


def test_learns(data):
    # Small batches, so one epoch of 5,000 images is 500 SGD steps; chance is 10%.
    config = tiny(epochs=1, train_size=5000, batch_size=10, lr=0.05, hidden=(256, 256), init="default")
    assert Trainer(config, data).run()[-1].test_acc > 0.6


def test_divergence_detected_and_recorded(data):
    trainer = Trainer(tiny(lr=1e6), data)  # the largest rate allowed overflows within the first batches
    events = trainer.run_epoch()
    assert trainer.diverged and trainer.finished and trainer.status == "diverged"
    assert trainer.diverged_epoch == 1 and len(trainer.history) == 1 and events[-1] == trainer.history[0]
    assert not math.isfinite(trainer.history[0].train_loss)
    assert trainer.advance(10) == [] and trainer.run() == trainer.history
    record = run_record(trainer)
    assert record.status == "diverged" and record.diverged_epoch == 1
    assert json.loads(record.to_json())["epochs"][0]["train_loss"] is None
    assert parse_run_record(record.to_json()).diverged_epoch == 1


def test_record_of_a_run(data):
    trainer = Trainer(tiny(), data)
    assert run_record(trainer).status == "stopped" and run_record(trainer).epochs == ()
    trainer.run_epoch()
    trainer.advance(3)
    stopped = run_record(trainer, "mine")
    assert stopped.status == "stopped" and len(stopped.epochs) == 1 and stopped.label == "mine"
    trainer.run()
    finished = run_record(trainer)
    assert finished.status == "finished" and list(finished.epochs) == trainer.history
    assert finished.config == TINY and finished.data.checksum == data.checksum
    assert finished.wall_time_s >= sum(metrics.seconds for metrics in trainer.history) > 0
    again = parse_run_record(finished.to_json())
    assert again.config == finished.config and measured(list(again.epochs)) == measured(trainer.history)


BAD_FIELDS = [
    ("p1", 1.5), ("p1", math.nan), ("p1", "0.2"), ("p2", -0.1), ("epochs", 0), ("epochs", 501), ("epochs", 2.0),
    ("lr", 0.0), ("lr", -1.0), ("lr", 1e39), ("lr", math.inf), ("lr", math.nan), ("batch_size", 0), ("batch_size", 1.5),
    ("hidden", (0, 16)), ("hidden", (16, 4097)), ("hidden", (16,)), ("implementation", "keras"),
    ("init", "xavier"), ("weight_decay", -0.1), ("weight_decay", 1e308), ("weight_decay", math.nan), ("train_size", 0),
    ("train_size", 60_001), ("seed", 1.5), ("seed", -5), ("seed", "0"), ("seed", True), ("device", "tpu"),
]


@pytest.mark.parametrize("field, value", BAD_FIELDS)
def test_invalid_options_rejected(data, field, value):
    config = tiny(**{field: value})
    with pytest.raises(ValueError, match=field):
        config.validate()
    with pytest.raises(ValueError, match=field):
        Trainer(config, data)
    with pytest.raises(ValueError, match=field):
        TrainConfig.from_dict({**TINY.to_dict(), field: list(value) if isinstance(value, tuple) else value})


@pytest.mark.parametrize("device", ["cuda", "mps"])
def test_unavailable_device_rejected(device):
    if device_available(device):
        pytest.skip(f"{device} is available here")
    with pytest.raises(ValueError, match="not available"):
        tiny(device=device).validate()
    assert tiny(device=device).validate(check_device_available=False).device == device


def test_config_dict_round_trip():
    assert TrainConfig.from_dict(TINY.to_dict()) == TINY
    assert TrainConfig.from_dict({}) == TrainConfig()
    assert TrainConfig.from_dict({"p1": 0, "hidden": [8, 8]}) == TrainConfig(p1=0.0, hidden=(8, 8))
    json.dumps(TINY.to_dict(), allow_nan=False)


def test_config_stores_plain_python_values():
    config = TrainConfig(p1=0, epochs=np.int64(3), lr=np.float32(0.5), hidden=[np.int64(8), 8])
    assert config == TrainConfig(p1=0.0, epochs=3, lr=0.5, hidden=(8, 8))
    assert type(config.p1) is float and type(config.epochs) is int and type(config.hidden[0]) is int
    json.dumps(config.to_dict(), allow_nan=False)  # numpy numbers would not serialise


@pytest.mark.parametrize("values, message", [
    ({"dropout": 0.5}, "unknown config field"),
    ({"p1": True}, "must be a number"),
    ({"epochs": "10"}, "whole number"),
    ({"hidden": "256 256"}, "list of whole numbers"),
    ({"implementation": 1}, "must be a string"),
    ([("p1", 0.5)], "JSON object"),
])
def test_config_from_dict_rejects_wrong_keys_and_types(values, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig.from_dict(values)


@pytest.mark.skipif(not device_available("cuda"), reason="needs a CUDA GPU")
def test_trains_on_cuda(data):
    whole = Trainer(tiny(device="cuda"), data)
    chunked = Trainer(tiny(device="cuda"), data)
    whole.run()
    while not chunked.finished:
        chunked.advance(3)
    assert whole.history[-1].test_acc > 0.3 and len(chunked.history) == TINY.epochs
    # GPU kernels need not be bitwise reproducible; the same seed still trains to nearly the same accuracy.
    assert chunked.history[-1].test_acc == pytest.approx(whole.history[-1].test_acc, abs=0.02)


@pytest.mark.parametrize("noise", ["gaussian", "dropconnect", "additive", "none", "shared_mask"])
def test_every_noise_trains_and_resumes_bit_exactly(data, noise):
    whole = Trainer(tiny(noise=noise), data)
    whole.run()
    chunked = Trainer(tiny(noise=noise), data)
    for size in itertools.cycle([1, 6, 13]):
        if chunked.finished:
            break
        chunked.advance(size)
        chunked.evaluate()
    assert_same_run(whole, chunked)
    assert whole.history[-1].test_acc > 0.3  # each of these still learns
    assert parse_run_record(run_record(whole).to_json()).config.noise == noise


def test_measuring_activations_changes_no_training(data, monkeypatch):
    measuring = Trainer(tiny(), data)
    measuring.run()
    monkeypatch.setattr(Trainer, "activation_statistics", lambda self: ())
    silent = Trainer(tiny(), data)
    silent.run()
    without_activations = [metrics[:-1] for metrics in measured(measuring.history)]
    assert without_activations == [metrics[:-1] for metrics in measured(silent.history)]
    assert all(len(metrics.activations) == 2 for metrics in measuring.history)


@pytest.mark.parametrize("noise", ["dropout", "none", "dropconnect"])
def test_activation_statistics_match_an_independent_computation(data, noise):
    p1, p2 = 0.5, 0.2
    trainer = Trainer(tiny(epochs=1, p1=p1, p2=p2, noise=noise), data)
    layer1, layer2 = trainer.run()[-1].activations
    # Eval mode, by hand in float64: ReLU(W1 x + b1) and ReLU(W2 h1 + b2) on the first 1,000 test images.
    lin1, lin2 = trainer.model.lin1, trainer.model.lin2
    X = data.test_images[:1000].reshape(1000, -1).double() / 255
    h1 = torch.relu(X @ lin1.weight.double().T + lin1.bias.double())
    h2 = torch.relu(h1 @ lin2.weight.double().T + lin2.bias.double())
    for layer, h in ((layer1, h1), (layer2, h2)):
        assert layer.eval_mean == pytest.approx(h.mean().item(), rel=1e-4)
        assert layer.eval_var == pytest.approx(h.var(unbiased=False).item(), rel=1e-4)
    # Training mode: layer 1's input is noise-free, so before the noise it equals eval mode.
    assert layer1.before_noise_mean == pytest.approx(layer1.eval_mean, rel=1e-5)
    if noise == "dropout":
        # Inverted dropout keeps the mean and raises the second moment to E[h^2] / (1 - p).
        second_moment = (h1 ** 2).mean().item()
        assert layer1.after_noise_mean == pytest.approx(layer1.before_noise_mean, rel=0.02)
        assert layer1.after_noise_var == pytest.approx(second_moment / (1 - p1) - h1.mean().item() ** 2, rel=0.03)
    else:  # no noise on the activations themselves (DropConnect acts on the weights)
        assert (layer1.after_noise_mean, layer1.after_noise_var) == (layer1.before_noise_mean, layer1.before_noise_var)
