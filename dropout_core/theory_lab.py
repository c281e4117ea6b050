"""Pure helpers for the Theory lab page: the network it studies, figures made ready to draw, small summaries.

The science lives in theory.py, ensemble.py and variants.py; this module only prepares their inputs and outputs
(a private copy of a trained network, its fingerprint for caching, chart-ready frames) and never imports streamlit.
"""
import hashlib
import threading

import numpy as np
import pandas as pd
import torch
from torch import nn

from .data import FashionMNIST
from .engine import TrainConfig, Trainer
from .ensemble import droppable_layers, images_to_inputs
from .models import build_model, linear_layers
from .theory import check_int_at_least

# The network the page trains for itself when the learner has none: d2l's MLP and drop rates, narrower, on a sixth
# of the data. Small batches and PyTorch's default init reach ~0.8 test accuracy in ~1,300 steps; d2l's
# N(0, 0.01) init with batch 256 needs many more steps to leave its slow start.
BUILTIN_CONFIG = TrainConfig(p1=0.2, p2=0.5, hidden=(128, 128), init="default", lr=0.1, batch_size=64, epochs=8,
                             train_size=10_000, seed=0)
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


def most_and_least_certain(uncertainty: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the count least uncertain images (most certain first) and the count most uncertain (worst first)."""
    count = check_int_at_least(count, "count")
    order = np.argsort(np.asarray(uncertainty, dtype=np.float64), kind="stable")
    return order[:count], order[::-1][:count]


def upscale(image: np.ndarray, factor: int) -> np.ndarray:
    """A 2-D image enlarged by repeating every pixel factor x factor times (sharp pixels, no blur)."""
    factor = check_int_at_least(factor, "factor")
    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"an image must be 2-D, got shape {image.shape}")
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def log_spaced_indices(length: int, points: int) -> np.ndarray:
    """Up to `points` distinct indices into a sequence of `length`, evenly spaced on a log scale, both ends kept."""
    length = check_int_at_least(length, "length")
    points = check_int_at_least(points, "points", minimum=2)
    return np.unique(np.geomspace(1, length, points).round().astype(int)) - 1


def histogram_frame(sample, bins: int = 40, value_range: tuple[float, float] | None = None) -> pd.DataFrame:
    """Bin edges and counts of a sample, as rows (start, end, count): a histogram drawn from 40 rows, not 100,000.

    value_range fixes the edges, so that histograms of several groups share their bins.
    """
    values = np.asarray(sample, dtype=np.float64)
    low, high = value_range if value_range is not None else (float(values.min()), float(values.max()))
    if low == high:  # a constant sample still gets one visible bar
        low, high = low - 0.5, high + 0.5
    counts, edges = np.histogram(values, bins=check_int_at_least(bins, "bins"), range=(low, high))
    return pd.DataFrame({"start": edges[:-1], "end": edges[1:], "count": counts})


def network_drawing(layer_sizes, kept) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units and connections of a layered network for a drawing, with whether each survives one dropout mask.

    kept holds one bool tensor per layer (ensemble.subnetwork_drawing). Units: layer, unit, x, y, kept.
    Connections: x, y, x2, y2, active, where a connection is active when both of its units are kept.
    Layers sit at x = 0, 1, ...; each layer's units are centred on y = 0, one unit apart.
    """
    sizes = [int(size) for size in layer_sizes]
    droppable_layers(sizes)  # validates the sizes
    if len(kept) != len(sizes) or any(len(mask) != size for mask, size in zip(kept, sizes)):
        raise ValueError(f"need one keep mask per layer of sizes {sizes}, got lengths {[len(m) for m in kept]}")
    units = pd.DataFrame(
        [{"layer": layer, "unit": unit, "x": float(layer), "y": (size - 1) / 2 - unit, "kept": bool(mask[unit])}
         for layer, (size, mask) in enumerate(zip(sizes, kept)) for unit in range(size)]
    )
    position = {(row.layer, row.unit): (row.x, row.y, row.kept) for row in units.itertuples()}
    connections = []
    for layer in range(len(sizes) - 1):
        for a in range(sizes[layer]):
            for b in range(sizes[layer + 1]):
                x, y, kept_a = position[(layer, a)]
                x2, y2, kept_b = position[(layer + 1, b)]
                connections.append({"x": x, "y": y, "x2": x2, "y2": y2, "active": kept_a and kept_b})
    # Inactive connections first, so the active ones are drawn on top of them.
    return units, pd.DataFrame(connections).sort_values("active", kind="stable", ignore_index=True)


def decimal_digits(number: int) -> int:
    """How many decimal digits a non-negative integer has (2 ** 512 has 155)."""
    return len(str(check_int_at_least(number, "number", minimum=0)))
