"""The network the Theory lab studies: its own (the "theory_lab" preset), or a private copy of a Train-page network."""
import hashlib
import json
import threading
from pathlib import Path

import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import save_file
from torch import nn

from ..training.config import TrainConfig
from ..training.data import FashionMNIST
from ..training.engine import Trainer
from ..training.models import build_model, linear_layers
from ..training.presets import PRESETS
from ..training.saved_runs import DEFAULT_DIR

BUILTIN_CONFIG = PRESETS["theory_lab"]  # the network the lab studies when the learner has none of their own
# Its weights, trained once by `python -m dropout_core.cached_runs --lab-network` and shipped, so that a first visit
# needs no training: safetensors (tensors and text, never pickle) and the file's sha256 beside it.
WEIGHTS_PATH = DEFAULT_DIR / "theory_lab" / "network.safetensors"
TEST_SUBSET = 1_000  # test images every network section studies: enough for accuracy to 1.5 points (binomial SE)

# One network at a time: the samplers switch a model between train and eval mode and seed torch's global generator,
# which two sessions working on the same cached model at once would otherwise interleave.
MODEL_LOCK = threading.Lock()


def snapshot_model(model: nn.Module, config: TrainConfig) -> nn.Module:
    """A CPU copy of a Train-page network (either implementation) as a from-scratch net with its own mask generator.

    The copy shares nothing with the original, so studying it never disturbs a run that may resume, and its masks
    come from its own generator rather than torch's global one.
    """
    copy = build_model("scratch", config.p1, config.p2, config.hidden, config.init, seed=0,
                       mask_generator=torch.Generator())
    with torch.no_grad():
        for target, source in zip(linear_layers(copy), linear_layers(model), strict=True):
            target.weight.copy_(source.weight.detach().cpu())
            target.bias.copy_(source.bias.detach().cpu())
    return copy.eval()


def train_builtin_model(data: FashionMNIST, config: TrainConfig = BUILTIN_CONFIG) -> nn.Module:
    """Train config (by default the page's own network) with the engine and return a CPU copy of the network."""
    trainer = Trainer(config, data)
    trainer.run()
    return snapshot_model(trainer.model, config)


def checksum_path(weights: Path) -> Path:
    """Where the sha256 of a weights file is kept: beside it, same name, .sha256."""
    return weights.with_suffix(".sha256")


def save_builtin_model(model: nn.Module, config: TrainConfig, data_checksum: str, path: Path = WEIGHTS_PATH) -> str:
    """Write the network's weights with the config and data they were trained on, and the file's sha256; return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
    save_file(tensors, path, metadata={"config": json.dumps(config.to_dict(), sort_keys=True),
                                       "data_checksum": data_checksum})
    path.chmod(0o644)  # readable like any file written normally (safetensors writes it private)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    checksum_path(path).write_text(digest + "\n", encoding="ascii")
    return digest


def load_builtin_model(data_checksum: str, config: TrainConfig = BUILTIN_CONFIG,
                       path: Path = WEIGHTS_PATH) -> nn.Module | None:
    """The shipped network for this config and data, or None when the file is missing, damaged or made for others.

    The sha256 is checked before safetensors reads anything, then the config and the data's checksum the weights were
    trained on must match: the caller then trains the network itself.
    """
    try:
        expected = checksum_path(path).read_text(encoding="ascii").strip()
        if hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            return None
        with safe_open(path, framework="pt") as weights:
            metadata = weights.metadata() or {}
            tensors = {name: weights.get_tensor(name) for name in weights.keys()}
    except (OSError, SafetensorError):
        return None
    try:  # parsed, not compared as text: a config written before a field existed takes its default
        if TrainConfig.from_dict(json.loads(metadata.get("config", ""))) != config:
            return None
    except ValueError:  # not JSON, or not a config (json.JSONDecodeError is a ValueError)
        return None
    if metadata.get("data_checksum") != data_checksum:
        return None
    model = build_model("scratch", config.p1, config.p2, config.hidden, config.init, seed=0,
                        mask_generator=torch.Generator())
    try:
        model.load_state_dict(tensors, strict=True)
    except RuntimeError:  # names or shapes that are not this network's
        return None
    return model.eval()


def model_fingerprint(model: nn.Module) -> str:
    """A short sha256 of a model's parameters and drop rates: the cache key of everything computed from it."""
    digest = hashlib.sha256()
    for name in ("p1", "p2"):
        digest.update(repr(getattr(model, name, None)).encode())
    for tensor in model.state_dict().values():
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]

