"""The network the Theory lab studies: its own (the "theory_lab" preset), or a private copy of a Train-page network."""
import hashlib
import threading

import numpy as np
import torch
from torch import nn

from ..training.config import TrainConfig
from ..training.data import FashionMNIST
from ..training.engine import Trainer
from ..training.models import build_model, linear_layers
from ..training.presets import PRESETS
from .ensemble import images_to_inputs

BUILTIN_CONFIG = PRESETS["theory_lab"]  # the network the lab trains for itself when the learner has none
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


def model_fingerprint(model: nn.Module) -> str:
    """A short sha256 of a model's parameters and drop rates: the cache key of everything computed from it."""
    digest = hashlib.sha256()
    for name in ("p1", "p2"):
        digest.update(repr(getattr(model, name, None)).encode())
    for tensor in model.state_dict().values():
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]


def eval_mode_probabilities(model: nn.Module, images: torch.Tensor) -> np.ndarray:
    """Softmax probabilities (N, classes) of the eval-mode network (dropout off), float64; restores the model's mode."""
    was_training = model.training
    try:
        with torch.no_grad():
            model.eval()
            logits = model(images_to_inputs(images))
        return torch.softmax(logits.double(), dim=1).numpy()
    finally:
        model.train(was_training)
