"""The noises the engine can inject after each hidden ReLU (d2l 5.6, exercises 6 and 7), in one registry.

A noise acts on the hidden activations H (dropout, Gaussian and additive noise) or on the weights that read them
(DropConnect), with strength p: the drop probability of the layer it replaces. Every layer has the signature
apply(T, p, generator, training) -> T and draws only from the generator it is given. Adding a noise is one entry in
NOISES (plus its text in ui/strings); the bug hunt's broken layers are entries too, so the engine can train with them.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from ..checks import check_choice, check_drop_probability, check_drop_rate_below_one
from ..masks.bugs import BUGS, correct_dropout


def gaussian_multiplicative(H, p, generator=None, training=True):
    """Gaussian dropout: H * N(1, p / (1 - p)), the mean and variance of dropout's multiplier without its zeros."""
    p = check_drop_rate_below_one(p)
    if not training or p == 0.0:
        return H
    noise = torch.randn(H.shape, generator=generator, device=H.device, dtype=H.dtype)
    return H * noise.mul_(math.sqrt(p / (1.0 - p))).add_(1.0)


def additive_gaussian(H, p, generator=None, training=True):
    """Additive noise: H + N(0, p / (1 - p)), the same variance as Gaussian dropout's for an activation of 1."""
    p = check_drop_rate_below_one(p)
    if not training or p == 0.0:
        return H
    noise = torch.randn(H.shape, generator=generator, device=H.device, dtype=H.dtype)
    return H + noise.mul_(math.sqrt(p / (1.0 - p)))


def dropconnect_weights(W, p, generator=None, training=True):
    """DropConnect (Wan et al. 2013) on a weight matrix: each weight kept with probability 1 - p, scaled 1 / (1 - p).

    One mask per batch, not one per example as in the paper: per-example masks would need a weight matrix for every
    image. The expected output is the same; the batch's gradient is noisier.
    """
    return correct_dropout(W, p, generator, training)


def no_noise(H, p, generator=None, training=True):
    """No noise at all: the network without regularisation (p is not used)."""
    return H


@dataclass(frozen=True)
class Noise:
    """One noise the engine can train with.

    on_weights: it acts on the weights of the next linear layer (DropConnect), not on the activations.
    p_below_one: p = 1 is meaningless for it (an infinite variance), so configs with p = 1 are refused.
    bug: one of the bug hunt's broken dropout layers, trained only to show what the mistake does.
    """

    id: str
    apply: Callable[[torch.Tensor, float, torch.Generator | None, bool], torch.Tensor]
    on_weights: bool = False
    p_below_one: bool = False
    bug: bool = False

    def check_p(self, p) -> float:
        """p as a float, or ValueError when this noise cannot take it."""
        return check_drop_rate_below_one(p) if self.p_below_one else check_drop_probability(p)


DROPOUT = "dropout"
NOISES: dict[str, Noise] = {noise.id: noise for noise in (
    Noise(DROPOUT, correct_dropout),
    Noise("gaussian", gaussian_multiplicative, p_below_one=True),
    Noise("dropconnect", dropconnect_weights, on_weights=True),
    Noise("additive", additive_gaussian, p_below_one=True),
    Noise("none", no_noise),
    *(Noise(bug.id, bug.layer, bug=True) for bug in BUGS.values()),
)}
TRAINABLE_NOISES = tuple(noise.id for noise in NOISES.values() if not noise.bug)  # exercise 7's choices


def find_noise(noise_id: str) -> Noise:
    """The registered noise with this id, or ValueError naming the choices."""
    check_choice(noise_id, "noise", tuple(NOISES))
    return NOISES[noise_id]
