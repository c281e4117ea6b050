"""Numbers the Mask explorer shows: kept fractions, the running mean over many masks and its theory, conventions."""
import math
from dataclasses import dataclass

import torch

from ..checks import check_drop_probability
from .functions import randn_mistake_keep_probability
from .implementations import (
    SCRATCH,
    MaskedOutput,
    expected_running_mean_error,
    keep_probability_and_scale,
    running_mean_error,
    sample_outputs,
)

# The expressions learners write for a keep-mask, and whether each keeps a unit with probability 1 - p.
RAND_MASK = "torch.rand(X.shape) > p"
RANDN_MASK = "torch.randn(X.shape) > p"
RANDN_UNIFORM_MASK = "torch.randn(X.shape).uniform_(0, 1) > p"
MASK_EXPRESSIONS = (RAND_MASK, RANDN_MASK, RANDN_UNIFORM_MASK)


def binomial_spread(keep: float, n: int) -> float:
    """Standard deviation of the kept fraction of n independent units each kept with probability keep."""
    if n < 1:
        raise ValueError(f"need at least one unit, got n={n}")
    return math.sqrt(keep * (1.0 - keep) / n)


def expected_mean_ratio(implementation: str, p) -> float:
    """E[output] / x in training mode: 1 for a correct implementation, (1 - Phi(p)) / (1 - p) for the mistake."""
    keep, scale = keep_probability_and_scale(implementation, p)
    return keep * scale


@dataclass(frozen=True)
class MaskSummary:
    """What one dropout call kept, against what it keeps on average, and the means of its input and output."""

    kept: int
    total: int
    kept_fraction: float
    expected_keep: float  # probability that an element is kept (1 in eval mode)
    kept_spread: float  # binomial standard deviation of kept_fraction around expected_keep
    mean_x: float
    mean_output: float
    mean_ratio: float  # E[output] / x: expected_mean_ratio in training mode, 1 in eval mode
    expected_mean_output: float  # mean_ratio * mean_x


def summarize_mask(implementation: str, X: torch.Tensor, result: MaskedOutput, p, training: bool) -> MaskSummary:
    """The Mask explorer's statistics of one apply_dropout result."""
    if training:
        keep, ratio = keep_probability_and_scale(implementation, p)[0], expected_mean_ratio(implementation, p)
    else:
        keep, ratio = 1.0, 1.0  # eval mode is the identity
    total = X.numel()
    kept = int(result.mask.sum())
    mean_x = float(X.double().mean())
    return MaskSummary(
        kept=kept,
        total=total,
        kept_fraction=kept / total,
        expected_keep=keep,
        kept_spread=binomial_spread(keep, total),
        mean_x=mean_x,
        mean_output=float(result.output.double().mean()),
        mean_ratio=ratio,
        expected_mean_output=ratio * mean_x,
    )


def output_mean_spread(implementation: str, X: torch.Tensor, p) -> float:
    """How much the mean of one training-mode output varies from mask to mask (its standard deviation).

    Each element is x * s with probability q and 0 otherwise, independently: Var[mean] = q (1 - q) s^2 sum(x^2) / n^2.
    """
    keep, scale = keep_probability_and_scale(implementation, p)
    return math.sqrt(keep * (1.0 - keep) * float(X.double().pow(2).sum())) * scale / X.numel()


# How an output relates to its input X, as a learner would describe it (a prediction's options in eval mode).
SAME, SCALED_UP, SCALED_DOWN, ZEROED = "same", "scaled_up", "scaled_down", "zeroed"
OUTPUT_RELATIONS = (SAME, SCALED_UP, SCALED_DOWN, ZEROED)


def output_relations(X: torch.Tensor, output: torch.Tensor, p) -> frozenset[str]:
    """Which descriptions fit output: X itself, X / (1 - p), X * (1 - p), X with some nonzero elements set to 0.

    Several may fit at once (at p = 0 the first three are the same tensor; so are all of them for an X of zeros).
    """
    p = check_drop_probability(p)
    X, output = X.double(), output.double()

    def close(expected: torch.Tensor) -> bool:
        return torch.allclose(output, expected, rtol=1e-5, atol=1e-6)

    fits = {SAME: close(X), SCALED_UP: p < 1.0 and close(X / (1.0 - p)), SCALED_DOWN: close(X * (1.0 - p)),
            ZEROED: bool(((output == 0) & (X != 0)).any())}
    return frozenset(relation for relation, fit in fits.items() if fit)


def running_mean_error_floor(implementation: str, X: torch.Tensor, p) -> float:
    """Where expected_running_mean_error levels off as N grows: |E[x']/x - 1| * RMS(X), 0 when unbiased."""
    return abs(expected_mean_ratio(implementation, p) - 1.0) * float(X.double().pow(2).mean().sqrt())


@dataclass(frozen=True)
class Convention:
    """How one dropout convention treats a unit of a layer that drops a fraction p of its units."""

    name: str  # PAPER or PYTORCH
    p_means: str  # what the convention's own letter p stands for: KEEP or DROP
    p: float  # the convention's p for this layer
    train_scale: float  # a kept unit is multiplied by this in training
    test_factor: float  # every unit is multiplied by this at test time
    train_mean: float  # E[x'] / x in training


PAPER, PYTORCH = "paper", "pytorch"  # Srivastava et al. 2014; inverted dropout as nn.Dropout does it
KEEP, DROP = "keep", "drop"


def dropout_conventions(p) -> tuple[Convention, Convention]:
    """The paper's convention and PyTorch's for drop probability p: both match test output to training mean."""
    p = check_drop_probability(p)
    keep, scale = keep_probability_and_scale(SCRATCH, p)  # scale 0 at p = 1, where nothing survives
    return (
        Convention(PAPER, KEEP, keep, train_scale=1.0, test_factor=keep, train_mean=keep),
        Convention(PYTORCH, DROP, p, train_scale=scale, test_factor=1.0, train_mean=keep * scale),
    )


def fitted_mean_ratio(mean_output: torch.Tensor, X: torch.Tensor) -> float | None:
    """The factor c that makes c * X closest to mean_output (least squares); None when X is all zeros."""
    X = X.double()
    norm = float((X * X).sum())
    if norm == 0.0:
        return None
    return float((mean_output.double() * X).sum()) / norm


def log_spaced_counts(n_max: int, per_decade: int = 24) -> torch.Tensor:
    """Whole numbers from 1 to n_max, about per_decade of them per factor of ten, for a log-axis curve."""
    if n_max < 1 or per_decade < 1:
        raise ValueError(f"need n_max >= 1 and per_decade >= 1, got {n_max} and {per_decade}")
    points = max(2, math.ceil(math.log10(n_max) * per_decade) + 1)
    counts = torch.logspace(0, math.log10(n_max), points, dtype=torch.float64).round().long()
    return torch.unique(torch.cat([counts, torch.tensor([1, n_max])]))


@dataclass(frozen=True)
class ExpectationCurve:
    """How the mean of N dropout outputs approaches E[output] as N grows, measured and in theory."""

    counts: torch.Tensor  # N, log-spaced from 1 to n_max
    measured: torch.Tensor  # RMS distance between X and the mean of the first N outputs
    theory: torch.Tensor  # what that distance should be on average
    mean_outputs: dict[int, torch.Tensor]  # the mean of the first N outputs, for each N asked for
    fitted_ratio: float | None  # fitted_mean_ratio of the mean of all n_max outputs

    def error_at(self, n: int) -> tuple[float, float]:
        """(measured, theoretical) error of the mean of the first n outputs; n must be one of counts."""
        index = int(torch.searchsorted(self.counts, n))
        if index == len(self.counts) or int(self.counts[index]) != n:
            raise ValueError(f"the curve has no point at N = {n}")
        return float(self.measured[index]), float(self.theory[index])


def expectation_curve(implementation: str, X: torch.Tensor, p, seed: int, n_max: int, mean_at=()) -> ExpectationCurve:
    """Draw n_max training-mode outputs for X and summarise how their running mean approaches E[output]."""
    p = check_drop_probability(p)
    if any(not 1 <= n <= n_max for n in mean_at):
        raise ValueError(f"mean_at must lie in 1..{n_max}, got {tuple(mean_at)}")
    samples = sample_outputs(implementation, X, p, n_max, seed)
    counts = log_spaced_counts(n_max)
    measured = running_mean_error(samples, X, at=counts)
    theory = expected_running_mean_error(implementation, X, p, counts)
    mean_outputs = {n: samples[:n].double().mean(dim=0) for n in mean_at}
    fitted = fitted_mean_ratio(samples.double().mean(dim=0), X)
    return ExpectationCurve(counts, measured, theory, mean_outputs, fitted)


def mask_expression_draws(n: int, seed: int) -> dict[str, torch.Tensor]:
    """n seeded draws of the random numbers each expression in MASK_EXPRESSIONS compares with p."""
    if n < 1:
        raise ValueError(f"need at least one draw, got n={n}")
    generator = torch.Generator().manual_seed(seed)
    return {
        RAND_MASK: torch.rand(n, generator=generator),
        RANDN_MASK: torch.randn(n, generator=generator),
        # uniform_ overwrites the normal draws in place, so the result is uniform after all
        RANDN_UNIFORM_MASK: torch.randn(n, generator=generator).uniform_(0, 1, generator=generator),
    }


def mask_expression_keep_fractions(draws: dict[str, torch.Tensor], p) -> dict[str, tuple[float, float]]:
    """For each expression: (probability that it keeps a unit, fraction of its draws that exceed p)."""
    p = check_drop_probability(p)
    probabilities = {RAND_MASK: 1.0 - p, RANDN_MASK: randn_mistake_keep_probability(p), RANDN_UNIFORM_MASK: 1.0 - p}
    return {expr: (probabilities[expr], float((draws[expr] > p).double().mean())) for expr in MASK_EXPRESSIONS}


def z_score(measured: float, theory: float, standard_error: float) -> float:
    """How many standard errors a measurement lies from theory; 0 where nothing random was measured (SE 0 or NaN)."""
    return (measured - theory) / standard_error if standard_error > 0 else 0.0
