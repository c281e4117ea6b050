"""Dropout's relatives beside the original: each draws its noise, applies it, and states the theory.

Variants: inverted Bernoulli dropout, Gaussian dropout, DropConnect (Wan et al. 2013), Dropout2d (Tompson et al. 2015)
and AlphaDropout for SELU networks (Klambauer et al. 2017). Every draw is seeded and leaves torch's global RNG alone.
VARIANTS, at the end, is the registry the Theory lab loops over: adding a variant is one entry there (plus its
text in ui/strings/theory.py).
"""
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import torch
import torch.nn.functional as F
from torch import nn

from ..checks import check_drop_rate_below_one, check_int_at_least, check_seed
from ..runtime.rng import seeded_global_rng
from .functions import dropout_layer, standard_normal_cdf
from .statistics import z_score

BERNOULLI, GAUSSIAN, DROPCONNECT, DROPOUT2D, ALPHA = "bernoulli", "gaussian", "dropconnect", "dropout2d", "alpha"

# SELU's constants (Klambauer et al. 2017), as torch.nn.SELU uses them.
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
ALPHA_PRIME = -SELU_LAMBDA * SELU_ALPHA  # SELU's limit for very negative inputs: AlphaDropout's value for dropped units

DEMO_IN_FEATURES = 8
DEMO_WEIGHT_SEED = 2013  # fixed input and weights for DropConnect's measurement: only the masks depend on the seed
DRAWING_SHAPE = (6, 8)  # the small tensor each variant's noise is drawn on; Dropout2d needs an even width


class NoisyOutput(NamedTuple):
    """One seeded draw of a variant: its output and the noise it drew.

    noise is the multiplier for Bernoulli and Gaussian dropout (shaped like x), the weight multiplier for DropConnect
    (N, out, in), the multiplier for Dropout2d (like x, constant within each channel), and the keep mask (bool, like x)
    for AlphaDropout.
    """

    output: torch.Tensor
    noise: torch.Tensor


class VariantMeasurement(NamedTuple):
    """Measured against theoretical mean and variance of what a variant produces, with standard errors."""

    name: str
    measured_mean: float
    measured_variance: float
    theoretical_mean: float
    theoretical_variance: float
    mean_standard_error: float  # sample sd / sqrt(n)
    variance_standard_error: float  # sqrt((m4 - m2^2) / n), m_k the sample's central moments
    sample: torch.Tensor  # (n,) the measured values, for a histogram

    @property
    def mean_z(self) -> float:
        """The measured mean's distance from theory in standard errors."""
        return z_score(self.measured_mean, self.theoretical_mean, self.mean_standard_error)

    @property
    def variance_z(self) -> float:
        """The measured variance's distance from theory in standard errors."""
        return z_score(self.measured_variance, self.theoretical_variance, self.variance_standard_error)


class NoisePanel(NamedTuple):
    """One picture of a variant's noise: an id that names it, and a (rows, cols) tensor.

    A bool tensor is a keep mask (drawn as kept / dropped); any other tensor holds noise values (drawn with numbers).
    """

    id: str
    values: torch.Tensor


class NoiseDrawing(NamedTuple):
    """What the Theory lab draws of one variant: its panels, and the numbers its caption states (none for some)."""

    panels: tuple[NoisePanel, ...]
    facts: dict[str, float]


class ChannelFates(NamedTuple):
    """Dropout2d against element-wise dropout on the same (N, C, H, W) shape: who shares whose fate."""

    channel_kept: torch.Tensor  # (N, C) bool, Dropout2d's channel mask
    element_kept: torch.Tensor  # (N, C, H, W) bool, element-wise dropout's mask, for contrast
    kept_fraction: float  # fraction of channels Dropout2d kept
    kept_fraction_theory: float  # 1 - d
    kept_fraction_standard_error: float  # binomial sqrt(d (1 - d) / channels)
    dropout2d_shared_fate: float  # fraction of channels whose elements are all kept or all dropped: 1
    elementwise_shared_fate: float  # the same for element-wise dropout
    elementwise_shared_fate_theory: float  # (1 - d) ** (H W) + d ** (H W)


def multiplier_moments(d) -> tuple[float, float]:
    """Mean and variance of the inverted-dropout multiplier mask / (1 - d), copied by Gaussian dropout: 1, d/(1-d)."""
    d = check_drop_rate_below_one(d)
    return 1.0, d / (1.0 - d)


def _check_floating(x) -> None:
    """Raise ValueError unless x is a floating-point tensor (noise is drawn in x's dtype)."""
    if not isinstance(x, torch.Tensor) or not x.is_floating_point():
        raise ValueError(f"x must be a floating-point tensor, got {type(x).__name__} {getattr(x, 'dtype', '')}")


def _generator(seed: int, device: torch.device) -> torch.Generator:
    """A torch generator on device seeded with seed (validated)."""
    return torch.Generator(device=device).manual_seed(check_seed(seed))


def bernoulli_dropout(x: torch.Tensor, d, seed: int) -> NoisyOutput:
    """Inverted Bernoulli dropout (the original): x * mask / (1 - d), mask ~ Bernoulli(1 - d) elementwise."""
    d = check_drop_rate_below_one(d)
    _check_floating(x)
    generator = _generator(seed, x.device)
    multiplier = dropout_layer(torch.ones_like(x), d, generator=generator)
    return NoisyOutput(x * multiplier, multiplier)


def gaussian_dropout(x: torch.Tensor, d, seed: int) -> NoisyOutput:
    """Gaussian dropout: x * N(1, d / (1 - d)), the same mean and variance as the Bernoulli multiplier, but no zeros."""
    _, variance = multiplier_moments(d)
    _check_floating(x)
    generator = _generator(seed, x.device)
    noise = torch.randn(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    multiplier = 1.0 + math.sqrt(variance) * noise
    return NoisyOutput(x * multiplier, multiplier)


def dropconnect_linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, d, seed: int) -> NoisyOutput:
    """DropConnect: a linear layer whose WEIGHTS are dropped, W * M / (1 - d), a fresh mask M for every row of x."""
    d = check_drop_rate_below_one(d)
    _check_linear(x, weight, bias)
    generator = _generator(seed, x.device)
    masks = torch.ones((x.shape[0], *weight.shape), device=x.device, dtype=x.dtype)
    multiplier = dropout_layer(masks, d, generator=generator)
    output = torch.einsum("noi,ni->no", weight * multiplier, x) + bias
    return NoisyOutput(output, multiplier)


def _check_linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> None:
    """Raise ValueError unless x (N, in), weight (out, in) and bias (out,) are floating tensors that fit together."""
    for tensor in (x, weight, bias):
        _check_floating(tensor)
    if x.dim() != 2 or weight.dim() != 2 or x.shape[1] != weight.shape[1] or bias.shape != (weight.shape[0],):
        raise ValueError(
            f"need x (N, in), weight (out, in), bias (out,); got {tuple(x.shape)}, {tuple(weight.shape)}, "
            f"{tuple(bias.shape)}"
        )


def dropconnect_output_moments(x, weight, bias, d) -> tuple[torch.Tensor, torch.Tensor]:
    """DropConnect's output mean x W^T + b (as without dropout) and variance d/(1-d) * sum_j x_j^2 W_ij^2, per unit."""
    _, variance = multiplier_moments(d)
    _check_linear(x, weight, bias)
    return x @ weight.T + bias, variance * (x**2) @ (weight**2).T


def _seeded_call(fn, x: torch.Tensor, seed: int) -> torch.Tensor:
    """fn(x) with torch's global RNG seeded for the call: the same seed gives the same draws on any x of that shape."""
    with seeded_global_rng(seed, x.device):
        return fn(x)


def dropout2d(x: torch.Tensor, d, seed: int) -> NoisyOutput:
    """Dropout2d via torch.nn.functional.dropout2d: whole channels of x (N, C, H, W) are zeroed or scaled together."""
    d = check_drop_rate_below_one(d)
    _check_floating(x)
    if x.dim() != 4:
        raise ValueError(f"Dropout2d works on (N, C, H, W) tensors, got shape {tuple(x.shape)}")

    def drop_channels(tensor):
        return F.dropout2d(tensor, d, training=True)

    # The same draws on a tensor of ones reveal the multiplier even where x is zero.
    return NoisyOutput(_seeded_call(drop_channels, x, seed), _seeded_call(drop_channels, torch.ones_like(x), seed))


def alpha_dropout(x: torch.Tensor, d, seed: int) -> NoisyOutput:
    """torch.nn.AlphaDropout: dropped units take SELU's negative limit; an affine map restores mean and variance."""
    layer = nn.AlphaDropout(check_drop_rate_below_one(d)).train()
    _check_floating(x)
    # output(1) - output(0) = a * mask with a > 0 under the same draws: positive exactly where a unit was kept.
    kept = _seeded_call(layer, torch.ones_like(x), seed) - _seeded_call(layer, torch.zeros_like(x), seed) > 0
    return NoisyOutput(_seeded_call(layer, x, seed), kept)


def selu_normal_moments() -> tuple[float, float]:
    """Mean and variance of SELU(z) for z ~ N(0, 1), in closed form: (0, 1) up to the constants' precision."""
    e_half_tail = math.exp(0.5) * standard_normal_cdf(-1.0)  # E[e^z; z < 0]
    e_two_tail = math.exp(2.0) * standard_normal_cdf(-2.0)  # E[e^{2z}; z < 0]
    positive_mean = 1.0 / math.sqrt(2.0 * math.pi)  # E[z; z > 0]
    mean = SELU_LAMBDA * (positive_mean + SELU_ALPHA * (e_half_tail - 0.5))
    second_moment = SELU_LAMBDA**2 * (0.5 + SELU_ALPHA**2 * (e_two_tail - 2.0 * e_half_tail + 0.5))
    return mean, second_moment - mean**2


def alpha_dropout_affine(d) -> tuple[float, float]:
    """AlphaDropout's a and b: out = a * (x * m + alpha' * (1 - m)) + b, m ~ Bernoulli(1 - d).

    a = ((1 - d)(1 + d alpha'^2))^(-1/2) and b = -a d alpha' make inputs of mean 0 and variance 1 keep them.
    """
    d = check_drop_rate_below_one(d)
    a = 1.0 / math.sqrt((1.0 - d) * (1.0 + d * ALPHA_PRIME**2))
    return a, -a * d * ALPHA_PRIME


def alpha_dropout_moments(d, input_mean: float = 0.0, input_variance: float = 1.0) -> tuple[float, float]:
    """Mean and variance after AlphaDropout of inputs with the given mean and variance (0 and 1 stay 0 and 1)."""
    a, b = alpha_dropout_affine(d)
    before_affine_mean = (1.0 - d) * input_mean + d * ALPHA_PRIME
    before_affine_second = (1.0 - d) * (input_variance + input_mean**2) + d * ALPHA_PRIME**2
    return a * before_affine_mean + b, a**2 * (before_affine_second - before_affine_mean**2)


def _demo_linear_layer() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """A fixed input (1, 8), weights (1, 8) and bias (1,) for measuring DropConnect's output, the same for any seed."""
    generator = torch.Generator().manual_seed(DEMO_WEIGHT_SEED)
    x = torch.randn((1, DEMO_IN_FEATURES), generator=generator, dtype=torch.float64)
    weight = torch.randn((1, DEMO_IN_FEATURES), generator=generator, dtype=torch.float64)
    return x, weight, torch.tensor([0.5], dtype=torch.float64)


def measure_variant(name: str, d, n: int = 100_000, seed: int = 0) -> VariantMeasurement:
    """Draw n values of what a variant produces and set their mean and variance beside the theory.

    bernoulli, gaussian: the multiplier on an input of 1. dropconnect: one output unit of a fixed small layer.
    dropout2d: the multiplier of each of n channels. alpha: AlphaDropout of SELU(z), z ~ N(0, 1).
    """
    variant = find_variant(name)
    d = check_drop_rate_below_one(d)
    n = check_int_at_least(n, "n", minimum=2)
    sample, (theoretical_mean, theoretical_variance) = variant.sample(d, n, seed)
    sample = sample.double()
    deviations = sample - sample.mean()
    second, fourth = deviations.pow(2).mean().item(), deviations.pow(4).mean().item()
    return VariantMeasurement(
        name=name,
        measured_mean=sample.mean().item(),
        measured_variance=sample.var().item(),
        theoretical_mean=theoretical_mean,
        theoretical_variance=theoretical_variance,
        mean_standard_error=math.sqrt(sample.var().item() / n),
        variance_standard_error=math.sqrt(max(fourth - second**2, 0.0) / n),
        sample=sample,
    )


def shared_fate_fraction(kept: torch.Tensor) -> float:
    """Fraction of channels of a (N, C, H, W) keep mask whose elements were all kept or all dropped together."""
    flat = kept.flatten(start_dim=2)
    return (flat.all(dim=2) | ~flat.any(dim=2)).double().mean().item()


def dropout2d_channel_fates(
    d, n_images: int = 4, n_channels: int = 16, height: int = 4, width: int = 4, seed: int = 0
) -> ChannelFates:
    """Dropout2d's channel mask next to element-wise dropout's on the same shape: fractions kept and shared fates."""
    d = check_drop_rate_below_one(d)
    shape = tuple(check_int_at_least(size, "every dimension") for size in (n_images, n_channels, height, width))
    ones = torch.ones(shape, dtype=torch.float64)
    dropout2d_kept = dropout2d(ones, d, seed).noise != 0
    # Another stream for the contrast: with the same seed its first draws would copy the channel mask.
    element_kept = bernoulli_dropout(ones, d, seed + 1).noise != 0
    channel_kept = dropout2d_kept[:, :, 0, 0]
    channels = n_images * n_channels
    elements = height * width
    return ChannelFates(
        channel_kept=channel_kept,
        element_kept=element_kept,
        kept_fraction=channel_kept.double().mean().item(),
        kept_fraction_theory=1.0 - d,
        kept_fraction_standard_error=math.sqrt(d * (1.0 - d) / channels),
        dropout2d_shared_fate=shared_fate_fraction(dropout2d_kept),
        elementwise_shared_fate=shared_fate_fraction(element_kept),
        elementwise_shared_fate_theory=(1.0 - d) ** elements + d**elements,
    )


# --- the registry: each variant's measured sample with its theory, and its drawing -----------------------------------

def _multiplier_sample(draw, d: float, n: int, seed: int) -> tuple[torch.Tensor, tuple[float, float]]:
    """n multipliers of an input of 1 (Bernoulli or Gaussian dropout) and their theoretical mean and variance."""
    return draw(torch.ones(n, dtype=torch.float64), d, seed).noise, multiplier_moments(d)


def _dropconnect_sample(d: float, n: int, seed: int) -> tuple[torch.Tensor, tuple[float, float]]:
    """One output unit of a fixed small layer under n DropConnect masks, and its theoretical mean and variance."""
    x, weight, bias = _demo_linear_layer()
    mean, variance = dropconnect_output_moments(x, weight, bias, d)
    sample = dropconnect_linear(x.expand(n, -1), weight, bias, d, seed).output[:, 0]
    return sample, (mean.item(), variance.item())


def _dropout2d_sample(d: float, n: int, seed: int) -> tuple[torch.Tensor, tuple[float, float]]:
    """The multipliers of n channels and their theoretical mean and variance.

    One value per channel: elements within a channel share its multiplier, so they are not independent draws.
    """
    channels = dropout2d(torch.ones((1, n, 2, 2), dtype=torch.float64), d, seed).noise[0, :, 0, 0]
    return channels, multiplier_moments(d)


def _selu_inputs(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    """SELU(z), z ~ N(0, 1): the inputs AlphaDropout is made for.

    Drawn from seed + 1: reusing the mask's seed would feed mask and inputs the same stream, correlating them.
    """
    return torch.selu(torch.randn(shape, generator=_generator(seed + 1, torch.device("cpu")), dtype=torch.float64))


def _alpha_sample(d: float, n: int, seed: int) -> tuple[torch.Tensor, tuple[float, float]]:
    """AlphaDropout of n values SELU(z), z ~ N(0, 1), and their theoretical mean and variance."""
    return alpha_dropout(_selu_inputs((n,), seed), d, seed).output, alpha_dropout_moments(d, *selu_normal_moments())


def _multiplier_drawing(draw, panel: str, d: float, seed: int) -> NoiseDrawing:
    """One draw of the multiplier (Bernoulli or Gaussian dropout) on the drawing's tensor."""
    return NoiseDrawing((NoisePanel(panel, draw(torch.ones(DRAWING_SHAPE, dtype=torch.float64), d, seed).noise),), {})


def _dropconnect_drawing(d: float, seed: int) -> NoiseDrawing:
    """The weight multiplier of a (rows, cols) layer for one example."""
    rows, cols = DRAWING_SHAPE
    x, weight = (torch.ones(shape, dtype=torch.float64) for shape in ((1, cols), DRAWING_SHAPE))
    noise = dropconnect_linear(x, weight, torch.zeros(rows, dtype=torch.float64), d, seed).noise[0]
    return NoiseDrawing((NoisePanel(DROPCONNECT, noise),), {})


def _dropout2d_drawing(d: float, seed: int) -> NoiseDrawing:
    """Dropout2d's channel mask beside element-wise dropout's on the same positions, and how often fates are shared.

    Each row is a channel of 2 x cols/2 positions, laid out flat.
    """
    rows, cols = DRAWING_SHAPE
    fates = dropout2d_channel_fates(d, n_images=1, n_channels=rows, height=2, width=cols // 2, seed=seed)
    panels = (NoisePanel(DROPOUT2D, fates.channel_kept[0][:, None].expand(rows, cols)),
              NoisePanel("elementwise", fates.element_kept[0].reshape(rows, cols)))
    return NoiseDrawing(panels, {"dropout2d": fates.dropout2d_shared_fate, "positions": cols,
                                 "elementwise": fates.elementwise_shared_fate,
                                 "theory": fates.elementwise_shared_fate_theory})


def _alpha_drawing(d: float, seed: int) -> NoiseDrawing:
    """AlphaDropout of SELU(z) on the drawing's tensor, and its affine map: a, b and the value of a dropped unit."""
    a, b = alpha_dropout_affine(d)
    output = alpha_dropout(_selu_inputs(DRAWING_SHAPE, seed), d, seed).output
    return NoiseDrawing((NoisePanel(ALPHA, output),), {"a": a, "b": b, "dropped": a * ALPHA_PRIME + b})


@dataclass(frozen=True)
class Variant:
    """One of dropout's relatives, as the Theory lab measures and draws it.

    sample(d, n, seed): n values the variant produces and their theoretical (mean, variance).
    drawing(d, seed): its noise on DRAWING_SHAPE, as panels and the numbers of its caption.
    """

    id: str
    sample: Callable[[float, int, int], tuple[torch.Tensor, tuple[float, float]]]
    drawing: Callable[[float, int], NoiseDrawing]


VARIANTS: dict[str, Variant] = {variant.id: variant for variant in (
    Variant(BERNOULLI, partial(_multiplier_sample, bernoulli_dropout),
            partial(_multiplier_drawing, bernoulli_dropout, BERNOULLI)),
    Variant(GAUSSIAN, partial(_multiplier_sample, gaussian_dropout),
            partial(_multiplier_drawing, gaussian_dropout, GAUSSIAN)),
    Variant(DROPCONNECT, _dropconnect_sample, _dropconnect_drawing),
    Variant(DROPOUT2D, _dropout2d_sample, _dropout2d_drawing),
    Variant(ALPHA, _alpha_sample, _alpha_drawing),
)}


def find_variant(name: str) -> Variant:
    """The registered variant with this id, or ValueError."""
    if name not in VARIANTS:
        raise ValueError(f"unknown variant {name!r}; choose one of {tuple(VARIANTS)}")
    return VARIANTS[name]


def noise_drawing(name: str, d, seed: int) -> NoiseDrawing:
    """The drawing of a variant's noise: one seeded draw on DRAWING_SHAPE, and its caption's numbers."""
    return find_variant(name).drawing(check_drop_rate_below_one(d), check_seed(seed))
