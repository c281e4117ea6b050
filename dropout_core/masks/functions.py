"""Dropout from scratch (d2l 5.6.3 / zh 4.6.4): correct inverted dropout, and the randn mistake confused with it."""
import math

import torch

from ..checks import check_drop_probability


def _noise_dtype(X: torch.Tensor) -> torch.dtype:
    """The dtype of random noise for X: X's own when floating point, else float32."""
    return X.dtype if X.is_floating_point() else torch.float32


def _uniform_like(X: torch.Tensor, generator=None) -> torch.Tensor:
    """Uniform [0, 1) noise shaped like X, on X's device, in X's dtype when X is floating point."""
    return torch.rand(X.shape, generator=generator, device=X.device, dtype=_noise_dtype(X))


def dropout_mask(X: torch.Tensor, p, generator=None) -> torch.Tensor:
    """Boolean keep-mask shaped like X: each element is kept with probability 1 - p."""
    p = check_drop_probability(p)
    # `>=` rather than `>`: torch.rand can return exactly 0.0, which `>` would drop even at p = 0.
    return _uniform_like(X, generator) >= p


def dropout_layer(X: torch.Tensor, p, generator=None) -> torch.Tensor:
    """Inverted dropout from scratch: zero each element with probability p, scale survivors by 1/(1-p)."""
    p = check_drop_probability(p)
    if p == 0.0:
        return X
    if p == 1.0:
        # 1/(1-p) would divide by zero; every unit is dropped.
        return torch.zeros_like(X)
    # One float mask, compared and scaled in place: fewer passes over memory than `bool_mask * X / (1 - p)`,
    # and the same mask (measured: the engine's dropout cost fell by about a third).
    scaled_mask = _uniform_like(X, generator).ge_(p).div_(1.0 - p)
    return X * scaled_mask


def dropout_randn_mistake(X: torch.Tensor, p, generator=None) -> torch.Tensor:
    """The common bug, for teaching only: a mask from torch.randn (normal) where torch.rand (uniform) belongs."""
    p = check_drop_probability(p)
    if p == 1.0:
        return torch.zeros_like(X)
    mask = torch.randn(X.shape, generator=generator, device=X.device, dtype=_noise_dtype(X)) > p
    return mask * X / (1.0 - p)


def standard_normal_cdf(z: float) -> float:
    """Phi(z), the standard normal cumulative distribution function."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def randn_mistake_keep_probability(p) -> float:
    """Probability that the randn mistake keeps a unit: P(N(0, 1) > p) = 1 - Phi(p), not 1 - p."""
    return 1.0 - standard_normal_cdf(check_drop_probability(p))


def randn_mistake_mean_ratio(p) -> float:
    """E[output] / x under the randn mistake: (1 - Phi(p)) / (1 - p); 1 would mean unbiased."""
    p = check_drop_probability(p)
    if p == 1.0:
        return 0.0
    return randn_mistake_keep_probability(p) / (1.0 - p)
