"""The Theory lab's shipped network: safetensors checked by sha256, refused when damaged or made for other settings."""
import hashlib
import json

import pytest
import torch
from safetensors.torch import save_file

from dropout_core.theory import lab_network
from dropout_core.theory.ensemble import eval_mode_metrics
from dropout_core.training.config import TrainConfig

TINY = TrainConfig(p1=0.2, p2=0.5, hidden=(16, 8), init="default", lr=0.1, batch_size=64, epochs=1, train_size=500,
                   seed=0, device="cpu")


@pytest.fixture(scope="module")
def tiny_model(fashion_mnist):
    """A small network trained by the engine, standing in for the lab's own."""
    return lab_network.train_builtin_model(fashion_mnist, TINY)


def saved(tmp_path, model, data_checksum="abc"):
    """The model written as the lab ships its network; the path of the weights."""
    path = tmp_path / "network.safetensors"
    lab_network.save_builtin_model(model, TINY, data_checksum, path)
    return path


def test_weights_round_trip_exactly(tmp_path, tiny_model):
    path = saved(tmp_path, tiny_model)
    assert lab_network.checksum_path(path).read_text().strip() == hashlib.sha256(path.read_bytes()).hexdigest()
    loaded = lab_network.load_builtin_model("abc", TINY, path)
    assert loaded is not None and not loaded.training
    for name, tensor in tiny_model.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor), name
    assert lab_network.model_fingerprint(loaded) == lab_network.model_fingerprint(tiny_model)


def test_a_damaged_file_is_refused_before_it_is_read(tmp_path, tiny_model):
    path = saved(tmp_path, tiny_model)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # one flipped byte in the middle of the tensors
    path.write_bytes(bytes(raw))
    assert lab_network.load_builtin_model("abc", TINY, path) is None


def test_a_truncated_file_with_a_matching_checksum_is_refused(tmp_path, tiny_model):
    path = saved(tmp_path, tiny_model)
    path.write_bytes(path.read_bytes()[:100])
    lab_network.checksum_path(path).write_text(hashlib.sha256(path.read_bytes()).hexdigest())
    assert lab_network.load_builtin_model("abc", TINY, path) is None


def test_missing_files_or_other_settings_or_data_are_refused(tmp_path, tiny_model):
    path = saved(tmp_path, tiny_model)
    assert lab_network.load_builtin_model("other data", TINY, path) is None
    assert lab_network.load_builtin_model("abc", TrainConfig(hidden=(16, 8)), path) is None
    lab_network.checksum_path(path).unlink()
    assert lab_network.load_builtin_model("abc", TINY, path) is None
    assert lab_network.load_builtin_model("abc", TINY, tmp_path / "absent.safetensors") is None


def test_the_shipped_network_loads_for_the_real_data_and_has_learned(fashion_mnist):
    model = lab_network.load_builtin_model(fashion_mnist.checksum)
    assert model is not None, "python -m dropout_core.cached_runs --lab-network makes it"
    count = lab_network.TEST_SUBSET
    metrics = eval_mode_metrics(model, fashion_mnist.test_images[:count], fashion_mnist.test_labels[:count])
    # Chance is 0.1; the preset reaches about 0.8 (its comment). 0.7 is far below that and far above chance.
    assert metrics.accuracy > 0.7


@pytest.mark.parametrize("config_text, loads", [
    (lambda config: {k: v for k, v in config.items() if k != "noise"}, True),  # written before `noise` existed
    (lambda config: {**config, "noise": "gaussian"}, False),  # made for another noise
    (lambda config: "not a config", False),
])
def test_the_stored_config_is_compared_as_a_config(tmp_path, tiny_model, config_text, loads):
    path = tmp_path / "network.safetensors"
    tensors = {name: tensor.contiguous() for name, tensor in tiny_model.state_dict().items()}
    save_file(tensors, path, metadata={"config": json.dumps(config_text(TINY.to_dict())), "data_checksum": "abc"})
    lab_network.checksum_path(path).write_text(hashlib.sha256(path.read_bytes()).hexdigest())
    assert (lab_network.load_builtin_model("abc", TINY, path) is not None) == loads
