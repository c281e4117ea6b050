"""Dropout as an adaptive L2 penalty in linear regression (Wager, Wang & Liang 2013), computed several ways.

For inverted dropout with drop rate d on the inputs, X~ = X * mask / (1 - d) with mask ~ Bernoulli(1 - d) elementwise,
    E ||y - X~ w||^2 = ||y - X w||^2 + d / (1 - d) * sum_j w_j^2 * sum_i x_ij^2,
so training with dropout minimises a ridge problem whose L2 coefficient on w_j grows with the size of feature j.
Everything here is float64 NumPy and needs no UI.
"""
import math
from typing import NamedTuple

import numpy as np

from ..checks import (
    check_drop_rate_below_one,
    check_int_at_least,
    check_number_in,
    check_seed,
)
from ..masks.statistics import z_score

DEFAULT_SCALE_RANGE = (0.1, 10.0)
MC_CHUNK_ELEMENTS = 2_000_000  # masks drawn per chunk in the Monte Carlo estimate: bounds memory at ~16 MB
AVERAGE_FROM = 0.5  # Polyak averaging over the second half of the SGD steps, once the start-up transient is gone


class RegressionProblem(NamedTuple):
    """A synthetic regression problem: features X (n, p), targets y (n,), the weights that made them, feature scales."""

    X: np.ndarray
    y: np.ndarray
    true_w: np.ndarray
    scales: np.ndarray


class LossBreakdown(NamedTuple):
    """E ||y - X~ w||^2 over dropout masks and its two parts, in closed form."""

    squared_error: float  # ||y - X w||^2, the loss without dropout
    penalty: float  # d / (1 - d) * sum_j w_j^2 * sum_i x_ij^2
    expected: float  # their sum: the expected loss with dropout


class MonteCarloLoss(NamedTuple):
    """Monte Carlo estimate of E ||y - X~ w||^2 after N = 1..n_masks masks, with its standard error."""

    running_mean: np.ndarray  # (n_masks,) mean of the first N mask losses
    standard_error: np.ndarray  # (n_masks,) sample std / sqrt(N); NaN at N = 1, where it is undefined
    losses: np.ndarray  # (n_masks,) the loss under each mask, for a histogram

    @property
    def mean(self) -> float:
        """The estimate after all n_masks masks."""
        return float(self.running_mean[-1])

    @property
    def mean_standard_error(self) -> float:
        """The standard error of the estimate after all n_masks masks."""
        return float(self.standard_error[-1])

    def z_score(self, expected: float) -> float:
        """How many standard errors the final estimate lies from the closed form expected."""
        return z_score(self.mean, expected, self.mean_standard_error)


class KeptOfLeastSquares(NamedTuple):
    """Each weight of dropout's ridge problem and of plain L2 as a fraction of the least-squares weight."""

    smallest: int  # index of the feature of smallest size (feature_sizes)
    largest: int  # index of the feature of largest size
    dropout: np.ndarray  # (p,) w_dropout_ridge_j / w_least_squares_j
    plain: np.ndarray  # (p,) w_plain_ridge_j / w_least_squares_j


class SGDResult(NamedTuple):
    """Weights trained by SGD with dropout on the inputs."""

    weights: np.ndarray  # (p,) Polyak average of the iterates over the second half of training
    last_iterate: np.ndarray  # (p,) the weights after the final step, noisier than the average
    trajectory: np.ndarray  # (epochs + 1, p) the iterate at the start and after every epoch


def _design(X) -> np.ndarray:
    """X as a float64 matrix (n, p), or ValueError."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
        raise ValueError(f"X must be a non-empty matrix (n_samples, n_features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X holds NaN or infinite values")
    return X


def _vector(v, length: int, name: str) -> np.ndarray:
    """v as a float64 vector of the given length, or ValueError."""
    v = np.asarray(v, dtype=np.float64)
    if v.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},), got {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} holds NaN or infinite values")
    return v


def make_regression_problem(
    n_samples: int = 200,
    n_features: int = 5,
    seed: int = 0,
    scale_range: tuple[float, float] = DEFAULT_SCALE_RANGE,
    correlation: float = 0.6,
    noise_std: float = 1.0,
) -> RegressionProblem:
    """A deterministic regression problem with features of very different scales and correlated neighbours.

    Feature j is a standard normal column times a scale; scales run geometrically from scale_range[0] to
    scale_range[1], and columns j, k have correlation correlation ** |j - k| before scaling. The true weight of
    feature j is (+-0.5..1.5) / scale_j, so every feature moves y by a similar amount: only their scales differ.
    """
    n_samples = check_int_at_least(n_samples, "n_samples", minimum=2)
    n_features = check_int_at_least(n_features, "n_features")
    low, high = (check_number_in(s, "each scale", 1e-12) for s in scale_range)
    if low > high:
        raise ValueError(f"scale_range must be (smallest, largest), got {scale_range}")
    correlation = check_number_in(correlation, "correlation", 0.0, 1.0)
    noise_std = check_number_in(noise_std, "noise_std", 0.0)
    rng = np.random.default_rng(check_seed(seed))
    index = np.arange(n_features)
    covariance = correlation ** np.abs(index[:, None] - index[None, :])
    latent = rng.standard_normal((n_samples, n_features)) @ np.linalg.cholesky(covariance).T
    scales = np.geomspace(low, high, n_features)
    X = latent * scales
    contribution = rng.choice([-1.0, 1.0], n_features) * rng.uniform(0.5, 1.5, n_features)
    true_w = contribution / scales
    y = X @ true_w + noise_std * rng.standard_normal(n_samples)
    return RegressionProblem(X, y, true_w, scales)


def feature_sizes(X) -> np.ndarray:
    """Each feature's typical magnitude: the root mean square sqrt(mean_i x_ij^2) of its column."""
    return np.sqrt(np.mean(_design(X) ** 2, axis=0))


def dropout_l2_coefficients(X, d) -> np.ndarray:
    """The L2 coefficient dropout puts on each weight: d / (1 - d) * sum_i x_ij^2 (large features, large penalty)."""
    X = _design(X)
    d = check_drop_rate_below_one(d)
    return d / (1.0 - d) * np.sum(X**2, axis=0)


def dropout_penalty_closed_form(X, w, d) -> float:
    """Wager et al.'s penalty: E ||y - X~ w||^2 - ||y - X w||^2 = d / (1 - d) * sum_j w_j^2 * sum_i x_ij^2."""
    coefficients = dropout_l2_coefficients(X, d)
    w = _vector(w, coefficients.shape[0], "w")
    return float(np.sum(coefficients * w**2))


def dropout_loss_breakdown(X, y, w, d) -> LossBreakdown:
    """E ||y - X~ w||^2 over dropout masks, in closed form, with its parts: squared error and adaptive L2 penalty."""
    X = _design(X)
    y = _vector(y, X.shape[0], "y")
    w = _vector(w, X.shape[1], "w")
    squared_error = float(np.sum((y - X @ w) ** 2))
    penalty = dropout_penalty_closed_form(X, w, d)
    return LossBreakdown(squared_error, penalty, squared_error + penalty)


def expected_dropout_loss(X, y, w, d) -> float:
    """E ||y - X~ w||^2 over dropout masks, in closed form: the squared error plus the adaptive L2 penalty."""
    return dropout_loss_breakdown(X, y, w, d).expected


def monte_carlo_dropout_loss(X, y, w, d, n_masks: int = 1000, seed: int = 0) -> MonteCarloLoss:
    """Estimate E ||y - X~ w||^2 by drawing n_masks dropout masks; running mean and standard error for every N."""
    X = _design(X)
    y = _vector(y, X.shape[0], "y")
    w = _vector(w, X.shape[1], "w")
    d = check_drop_rate_below_one(d)
    n_masks = check_int_at_least(n_masks, "n_masks")
    rng = np.random.default_rng(check_seed(seed))
    terms = X * w  # x_ij w_j: a mask only decides which of these terms enter the prediction
    chunk = max(1, MC_CHUNK_ELEMENTS // terms.size)
    losses = np.empty(n_masks)
    for start in range(0, n_masks, chunk):
        count = min(chunk, n_masks - start)
        kept = rng.random((count, *terms.shape)) >= d
        predictions = np.einsum("kij,ij->ki", kept, terms) / (1.0 - d)
        losses[start:start + count] = np.sum((y - predictions) ** 2, axis=1)
    return MonteCarloLoss(*running_mean_and_standard_error(losses), losses)


def running_mean_and_standard_error(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard error of the first N samples for every N; the standard error is NaN at N = 1."""
    samples = np.asarray(samples, dtype=np.float64)
    counts = np.arange(1, samples.shape[0] + 1, dtype=np.float64)
    # Shift by the overall mean first: the sum-of-squares formula then loses no precision to cancellation.
    shifted = samples - samples.mean()
    sums, sums_of_squares = np.cumsum(shifted), np.cumsum(shifted**2)
    running_mean = samples.mean() + sums / counts
    with np.errstate(divide="ignore", invalid="ignore"):
        variance = (sums_of_squares - sums**2 / counts) / (counts - 1.0)
    standard_error = np.sqrt(np.maximum(variance, 0.0) / counts)
    standard_error[0] = np.nan
    return running_mean, standard_error


def dropout_sgd_weights(
    X, y, d, epochs: int = 300, lr: float | None = None, seed: int = 0, batch_size: int = 10
) -> SGDResult:
    """Fit least squares by SGD with a fresh dropout mask on the inputs at every step (no standardising).

    Choices, so that this converges in a few thousand steps on features whose scales differ 100-fold:
    - Per-feature step sizes lr / h_j, with h_j = mean_i x_ij^2 / (1 - d) the diagonal of the expected Hessian
      (Jacobi preconditioning). It changes the path, not the destination: the expected gradient still vanishes
      only at the dropout-ridge solution, so the scale dependence of the answer is untouched. A single global
      step size would be limited by the largest feature and take ~10^4 times longer for the smallest one.
    - Minibatches drawn with replacement, so each update is affine in w with random coefficients independent of w:
      the stationary mean of constant-step SGD is then exactly the dropout-ridge solution.
    - Polyak averaging of the iterates over the second half of the steps, which removes most of the noise a
      constant step leaves. Default lr = 0.2 / n_features keeps the preconditioned step stable; on the default
      problem lr up to ~0.8 still converges and 1.6 diverges, which raises ValueError.
    """
    X = _design(X)
    n_samples, n_features = X.shape
    y = _vector(y, n_samples, "y")
    d = check_drop_rate_below_one(d)
    epochs = check_int_at_least(epochs, "epochs")
    batch_size = check_int_at_least(batch_size, "batch_size")
    lr = 0.2 / n_features if lr is None else check_number_in(lr, "lr", 1e-300)
    expected_square = np.mean(X**2, axis=0) / (1.0 - d)
    if np.any(expected_square == 0):
        raise ValueError("every feature needs a non-zero value somewhere: an all-zero column has no step size")
    # Loss per batch: mean of (x~ . w - y)^2, gradient 2/B X~^T r, Hessian diagonal 2 h_j: lr * gradient / diagonal.
    step = lr / (expected_square * batch_size)
    steps_per_epoch = math.ceil(n_samples / batch_size)
    average_start = int(AVERAGE_FROM * epochs * steps_per_epoch)
    rng = np.random.default_rng(check_seed(seed))
    w = np.zeros(n_features)
    weight_sum = np.zeros(n_features)
    trajectory = [w.copy()]
    step_number = 0
    for epoch in range(1, epochs + 1):
        # One draw per epoch for all its batches and masks: the Python loop then does only the update.
        rows = rng.integers(0, n_samples, (steps_per_epoch, batch_size))
        kept = rng.random((steps_per_epoch, batch_size, n_features)) >= d
        batches = X[rows] * kept / (1.0 - d)
        targets = y[rows]
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below, once, not as warnings
            for batch, target in zip(batches, targets):
                w = w - step * (batch.T @ (batch @ w - target))
                step_number += 1
                if step_number > average_start:
                    weight_sum += w
        if not np.all(np.isfinite(w)):
            raise ValueError(
                f"SGD diverged in epoch {epoch} with lr={lr:g}; try a smaller lr (default {0.2 / n_features:g})"
            )
        trajectory.append(w.copy())
    averaged = weight_sum / (step_number - average_start)
    return SGDResult(averaged, w, np.array(trajectory))


def _solve_ridge(X, y, penalty_diagonal: np.ndarray) -> np.ndarray:
    """Solve (X^T X + diag(penalty_diagonal)) w = X^T y, or raise ValueError when it is singular."""
    gram = X.T @ X
    try:
        return np.linalg.solve(gram + np.diag(penalty_diagonal), X.T @ y)
    except np.linalg.LinAlgError as error:
        raise ValueError("the ridge system is singular: add samples, drop duplicate features or use d > 0") from error


def dropout_ridge_weights(X, y, d) -> np.ndarray:
    """The ridge problem dropout is equivalent to, in closed form: (X^T X + d/(1-d) diag(X^T X))^-1 X^T y."""
    X = _design(X)
    y = _vector(y, X.shape[0], "y")
    return _solve_ridge(X, y, dropout_l2_coefficients(X, d))


def plain_ridge_weights(X, y, lam) -> np.ndarray:
    """Ordinary ridge regression with the same L2 coefficient lam on every weight: (X^T X + lam I)^-1 X^T y."""
    X = _design(X)
    y = _vector(y, X.shape[0], "y")
    lam = check_number_in(lam, "lam", 0.0)
    return _solve_ridge(X, y, np.full(X.shape[1], lam))


def matching_plain_l2_strength(X, d) -> float:
    """The plain L2 coefficient with dropout's total strength: the average of dropout's per-weight coefficients.

    lam = d / (1 - d) * trace(X^T X) / n_features, so that lam * I and dropout's d/(1-d) diag(X^T X) have the same
    trace (the same total penalty weight); only how it is spread over the weights differs.
    """
    return float(np.mean(dropout_l2_coefficients(X, d)))


def fitted_weights(problem: RegressionProblem, d, sgd_seed: int) -> dict[str, np.ndarray]:
    """The weights the lab compares, by id: dropout SGD and ridge, plain L2 of equal strength, least squares, true."""
    X, y = problem.X, problem.y
    return {
        "sgd": dropout_sgd_weights(X, y, d, seed=sgd_seed).weights,
        "ridge": dropout_ridge_weights(X, y, d),
        "plain": plain_ridge_weights(X, y, matching_plain_l2_strength(X, d)),
        "ls": plain_ridge_weights(X, y, 0.0),
        "true": problem.true_w,
    }


def kept_of_least_squares(X, dropout_ridge, plain_ridge, least_squares) -> KeptOfLeastSquares:
    """How much of each least-squares weight dropout's ridge and plain L2 keep, and which features are extreme in size.

    Plain L2 shrinks the weight of a small feature (which needs a large weight) the most; dropout's penalty follows
    each feature's size, so its shrinkage does not depend on the units a feature is measured in.
    """
    sizes = feature_sizes(X)
    least_squares = _vector(least_squares, sizes.shape[0], "least_squares")
    return KeptOfLeastSquares(
        smallest=int(np.argmin(sizes)),
        largest=int(np.argmax(sizes)),
        dropout=_vector(dropout_ridge, sizes.shape[0], "dropout_ridge") / least_squares,
        plain=_vector(plain_ridge, sizes.shape[0], "plain_ridge") / least_squares,
    )


def relative_weight_distance(X, w, reference) -> float:
    """||w - reference|| / ||reference|| with each weight measured in units of its feature's size (sqrt(sum_i x_ij^2)).

    This is the norm dropout's penalty uses; a plain Euclidean distance would let the weights of small-scale
    features (large numbers) hide every difference on large-scale features.
    """
    X = _design(X)
    w = _vector(w, X.shape[1], "w")
    reference = _vector(reference, X.shape[1], "reference")
    feature_size = np.sqrt(np.sum(X**2, axis=0))
    reference_size = np.linalg.norm(reference * feature_size)
    if reference_size == 0:
        raise ValueError("the reference weights are all zero in this norm: a relative distance is undefined")
    return float(np.linalg.norm((w - reference) * feature_size) / reference_size)

