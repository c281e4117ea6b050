"""The four dropout implementations the Mask explorer compares, behind one seeded interface."""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from ..checks import check_choice, check_drop_probability, check_int_at_least
from ..runtime.rng import seeded_global_rng
from .functions import (
    dropout_layer,
    dropout_randn_mistake,
    randn_mistake_keep_probability,
)

SCRATCH, MODULE, FUNCTIONAL, RANDN_MISTAKE = "scratch", "nn.Dropout", "F.dropout", "randn_mistake"
DROPOUT_IMPLEMENTATIONS = (SCRATCH, MODULE, FUNCTIONAL, RANDN_MISTAKE)


@dataclass(frozen=True)
class MaskedOutput:
    """What one dropout call did: its output and which elements it kept."""

    output: torch.Tensor
    mask: torch.Tensor  # bool, True where the element was kept


def _check_implementation(implementation: str) -> None:
    """Raise ValueError unless implementation is one of DROPOUT_IMPLEMENTATIONS."""
    check_choice(implementation, "implementation", DROPOUT_IMPLEMENTATIONS)


def _train_mode_call(implementation: str, X: torch.Tensor, p: float, seed: int) -> torch.Tensor:
    """One training-mode call of the implementation, its randomness fixed by seed."""
    if implementation in (SCRATCH, RANDN_MISTAKE):
        generator = torch.Generator(device=X.device).manual_seed(seed)
        fn = dropout_layer if implementation == SCRATCH else dropout_randn_mistake
        return fn(X, p, generator=generator)
    # PyTorch's own dropout draws from the global generator: seed it without disturbing the caller's.
    with seeded_global_rng(seed, X.device):
        if implementation == MODULE:
            return nn.Dropout(p).train()(X)
        return F.dropout(X, p, training=True)


def apply_dropout(implementation: str, X: torch.Tensor, p, training: bool, seed: int) -> MaskedOutput:
    """Apply one implementation to X in training or eval mode and report the mask it used."""
    _check_implementation(implementation)
    p = check_drop_probability(p)
    X = X.float()
    if not training:
        # Inverted dropout needs no rescale at inference: every implementation is the identity there.
        if implementation == MODULE:
            output = nn.Dropout(p).eval()(X)
        elif implementation == FUNCTIONAL:
            output = F.dropout(X, p, training=False)
        else:
            output = X  # the from-scratch Net only calls its dropout while self.training is True
        return MaskedOutput(output, torch.ones_like(X, dtype=torch.bool))
    output = _train_mode_call(implementation, X, p, seed)
    # The same seed on a tensor of ones reveals the mask, even where X itself is zero.
    mask = _train_mode_call(implementation, torch.ones_like(X), p, seed) != 0
    return MaskedOutput(output, mask)


def sample_outputs(implementation: str, X: torch.Tensor, p, n: int, seed: int) -> torch.Tensor:
    """n independent training-mode outputs for X, stacked along a new first dimension."""
    _check_implementation(implementation)
    p = check_drop_probability(p)
    check_int_at_least(n, "n (samples)")
    batch = X.float().unsqueeze(0).expand(n, *X.shape).contiguous()
    return _train_mode_call(implementation, batch, p, seed)


def keep_probability_and_scale(implementation: str, p) -> tuple[float, float]:
    """(probability an element survives, factor survivors are multiplied by) in training mode."""
    _check_implementation(implementation)
    p = check_drop_probability(p)
    if p == 1.0:
        return 0.0, 0.0
    keep = randn_mistake_keep_probability(p) if implementation == RANDN_MISTAKE else 1.0 - p
    return keep, 1.0 / (1.0 - p)


def running_mean_error(samples: torch.Tensor, X: torch.Tensor, at=None) -> torch.Tensor:
    """Root-mean-square distance between X and the running mean of the first N samples.

    For every N = 1..n, or only for the counts in `at` (much cheaper for a large X: the error is computed at
    those counts alone).
    """
    counts = torch.arange(1, samples.shape[0] + 1) if at is None else torch.as_tensor(at, dtype=torch.long)
    sums = samples.double().cumsum(dim=0)[counts - 1]
    running_mean = sums / counts.double().view(-1, *([1] * X.dim()))
    squared = (running_mean - X.double()) ** 2
    return squared.flatten(start_dim=1).mean(dim=1).sqrt()


def expected_running_mean_error(implementation: str, X: torch.Tensor, p, n: torch.Tensor) -> torch.Tensor:
    """Theory for running_mean_error: sqrt(mean(x^2) * (bias^2 + variance / N)) for out = x * Bernoulli(q) * s."""
    keep, scale = keep_probability_and_scale(implementation, p)
    bias = keep * scale - 1.0  # zero for a correct implementation: E[x'] = x
    variance = keep * (1.0 - keep) * scale**2  # p / (1 - p) for a correct implementation
    mean_square = X.double().pow(2).mean()
    return (mean_square * (bias**2 + variance / n.double())).sqrt()
