"""The bug hunt's six broken dropout layers, each with one mistake seen in public code, and the correct one.

Every layer has the engine's signature apply(H, p, generator, training) -> output, so the engine can train a network
with it (the saved "bugs" runs) and the bug hunt can measure its statistical fingerprint. Keep each body short and
plain: the bug hunt shows it to the learner as code.
"""
from collections.abc import Callable
from dataclasses import dataclass

import torch

from ..checks import check_drop_probability
from .functions import dropout_layer, dropout_mask, dropout_randn_mistake

Layer = Callable[[torch.Tensor, float, torch.Generator | None, bool], torch.Tensor]


def correct_dropout(H, p, generator=None, training=True):
    """Inverted dropout (d2l 5.6.3): keep with probability 1 - p, scale survivors by 1 / (1 - p), only in training."""
    if not training:
        return H
    return dropout_layer(H, p, generator)


def randn_mask(H, p, generator=None, training=True):
    """Bug: the mask compares torch.randn (normal) with p, where torch.rand (uniform) belongs."""
    if not training:
        return H
    return dropout_randn_mistake(H, p, generator)


def no_rescale(H, p, generator=None, training=True):
    """Bug: survivors are not scaled by 1 / (1 - p), so training sees smaller activations than evaluation."""
    if not training:
        return H
    return H * dropout_mask(H, p, generator)


def rescale_at_test(H, p, generator=None, training=True):
    """Bug: the 1 / (1 - p) scaling is applied in evaluation too, where no unit is dropped."""
    p = check_drop_probability(p)
    if not training:
        return H / (1.0 - p) if p < 1.0 else torch.zeros_like(H)
    return dropout_layer(H, p, generator)


def on_at_eval(H, p, generator=None, training=True):
    """Bug: the layer ignores the training flag, so evaluation drops units too and gives random answers."""
    return dropout_layer(H, p, generator)


def shared_mask(H, p, generator=None, training=True):
    """Bug: one mask of shape (1, units) is drawn and shared by every example of the batch."""
    if not training:
        return H
    return H * dropout_layer(torch.ones_like(H[:1]), p, generator)


def scale_by_p(H, p, generator=None, training=True):
    """Bug: survivors are scaled by 1 / p (the drop probability) instead of 1 / (1 - p)."""
    p = check_drop_probability(p)
    if not training:
        return H
    if p == 0.0:
        return H  # nothing is dropped; the buggy scale 1 / 0 is never reached
    return H * dropout_mask(H, p, generator) / p


@dataclass(frozen=True)
class Bug:
    """One broken dropout layer of the bug hunt: its id (the strings' key) and the layer itself."""

    id: str
    layer: Layer


CORRECT = Bug("correct", correct_dropout)  # the reference every fingerprint is read against
BUGS: dict[str, Bug] = {bug.id: bug for bug in (
    Bug("randn_mask", randn_mask),
    Bug("no_rescale", no_rescale),
    Bug("rescale_at_test", rescale_at_test),
    Bug("on_at_eval", on_at_eval),
    Bug("shared_mask", shared_mask),
    Bug("scale_by_p", scale_by_p),
)}
