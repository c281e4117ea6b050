"""Dropout as an adaptive L2 penalty: closed form, Monte Carlo, exact enumeration, SGD and ridge must all agree."""
import itertools
import math

import numpy as np
import pytest

from dropout_core.theory import penalty as theory
from dropout_core.theory.penalty import (
    RegressionProblem,
    dropout_l2_coefficients,
    dropout_loss_breakdown,
    dropout_penalty_closed_form,
    dropout_ridge_weights,
    dropout_sgd_weights,
    expected_dropout_loss,
    feature_sizes,
    fitted_weights,
    kept_of_least_squares,
    make_regression_problem,
    matching_plain_l2_strength,
    monte_carlo_dropout_loss,
    plain_ridge_weights,
    relative_weight_distance,
    running_mean_and_standard_error,
)

PROBLEM = make_regression_problem()  # the defaults the Theory lab page starts with


def test_problem_is_deterministic_and_badly_scaled():
    again = make_regression_problem()
    other = make_regression_problem(seed=1)
    assert all(np.array_equal(a, b) for a, b in zip(PROBLEM, again))
    assert not np.array_equal(PROBLEM.X, other.X)
    assert PROBLEM.X.dtype == np.float64 and PROBLEM.X.shape == (200, 5) and PROBLEM.y.shape == (200,)
    column_rms = np.sqrt(np.mean(PROBLEM.X**2, axis=0))
    assert column_rms.max() / column_rms.min() > 30  # scales 0.1 .. 10: two orders of magnitude apart
    correlations = np.corrcoef(PROBLEM.X, rowvar=False)
    assert np.all(np.diag(correlations, k=1) > 0.4)  # neighbouring columns are correlated (0.6 by construction)


def test_closed_form_penalty_equals_exact_average_over_all_masks():
    # 2 samples x 2 features: all 16 masks can be enumerated, so the expectation is exact, not sampled.
    X = np.array([[1.0, -2.0], [0.5, 3.0]])
    y = np.array([0.3, -1.0])
    w = np.array([0.7, -0.4])
    d = 0.3
    expected = 0.0
    for bits in itertools.product([0, 1], repeat=X.size):
        kept = np.array(bits, dtype=float).reshape(X.shape)
        probability = np.prod(np.where(kept == 1, 1 - d, d))
        expected += probability * np.sum((y - (X * kept / (1 - d)) @ w) ** 2)
    assert expected == pytest.approx(expected_dropout_loss(X, y, w, d), rel=1e-12)
    assert expected - np.sum((y - X @ w) ** 2) == pytest.approx(dropout_penalty_closed_form(X, w, d), rel=1e-12)


@pytest.mark.parametrize("d", [0.0, 0.3, 0.7])
def test_loss_breakdown_equals_exact_enumeration_over_all_masks(d):
    # 3 samples x 2 features: all 64 masks enumerated; the squared error summed element by element.
    X = np.array([[1.0, -2.0], [0.5, 3.0], [-1.5, 0.2]])
    y = np.array([0.3, -1.0, 2.0])
    w = np.array([0.7, -0.4])
    expected = 0.0
    for bits in itertools.product([0, 1], repeat=X.size):
        kept = np.array(bits, dtype=float).reshape(X.shape)
        probability = np.prod(np.where(kept == 1, 1 - d, d))
        expected += probability * np.sum((y - (X * kept / (1 - d)) @ w) ** 2)
    squared_error = sum((y[i] - sum(X[i, j] * w[j] for j in range(2))) ** 2 for i in range(3))
    loss = dropout_loss_breakdown(X, y, w, d)
    assert loss.squared_error == pytest.approx(squared_error, rel=1e-12)
    assert loss.penalty == pytest.approx(expected - squared_error, rel=1e-12, abs=1e-12)
    assert loss.expected == pytest.approx(expected, rel=1e-12)


def test_feature_sizes_are_root_mean_squares():
    X = np.array([[3.0, 0.1, 0.0], [4.0, -0.1, 2.0]])
    np.testing.assert_allclose(feature_sizes(X), [math.sqrt(12.5), 0.1, math.sqrt(2.0)], rtol=1e-15)
    by_norm = np.linalg.norm(PROBLEM.X, axis=0) / math.sqrt(PROBLEM.X.shape[0])
    np.testing.assert_allclose(feature_sizes(PROBLEM.X), by_norm, rtol=1e-12)


def test_fitted_weights_are_the_four_solutions_and_the_truth():
    d, X, y = 0.4, PROBLEM.X, PROBLEM.y
    fits = fitted_weights(PROBLEM, d, sgd_seed=5)
    gram = X.T @ X
    lam = d / (1 - d) * np.trace(gram) / X.shape[1]
    np.testing.assert_allclose(fits["ls"], np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-9)
    dropout_penalty = d / (1 - d) * np.diag(np.diag(gram))
    np.testing.assert_allclose(fits["ridge"], np.linalg.solve(gram + dropout_penalty, X.T @ y), rtol=1e-9)
    np.testing.assert_allclose(fits["plain"], np.linalg.solve(gram + lam * np.eye(X.shape[1]), X.T @ y), rtol=1e-9)
    assert np.array_equal(fits["true"], PROBLEM.true_w)
    assert np.array_equal(fits["sgd"], dropout_sgd_weights(X, y, d, seed=5).weights)


def test_on_orthogonal_features_dropout_keeps_one_minus_d_of_every_least_squares_weight():
    # Orthogonal columns decouple the weights: ridge with coefficient c_j keeps s_j / (s_j + c_j) of w_ls_j, where
    # s_j = ||x_j||^2. Dropout's c_j = d / (1 - d) s_j keeps 1 - d of every weight; plain L2's single lam keeps less
    # of a small feature's weight than of a large one's.
    d = 0.3
    basis = np.linalg.qr(np.random.default_rng(1).standard_normal((40, 3)))[0]
    X = basis * np.array([8.0, 0.5, 2.0])
    y = basis @ np.array([1.0, -2.0, 0.5])
    fits = fitted_weights(RegressionProblem(X, y, np.zeros(3), np.ones(3)), d, sgd_seed=0)
    kept = kept_of_least_squares(X, fits["ridge"], fits["plain"], fits["ls"])
    s = np.array([64.0, 0.25, 4.0])
    lam = d / (1 - d) * s.mean()
    assert (kept.smallest, kept.largest) == (1, 0)
    np.testing.assert_allclose(kept.dropout, 1 - d, rtol=1e-9)
    np.testing.assert_allclose(kept.plain, s / (s + lam), rtol=1e-9)
    assert kept.plain[kept.smallest] < 1 - d < kept.plain[kept.largest]


def test_monte_carlo_z_score_is_the_distance_in_standard_errors_of_the_mask_losses():
    d, w = 0.5, PROBLEM.true_w
    estimate = monte_carlo_dropout_loss(PROBLEM.X, PROBLEM.y, w, d, n_masks=3000, seed=9)
    closed = expected_dropout_loss(PROBLEM.X, PROBLEM.y, w, d)
    standard_error = estimate.losses.std(ddof=1) / math.sqrt(3000)
    assert estimate.mean == pytest.approx(estimate.losses.mean(), rel=1e-12)
    assert estimate.mean_standard_error == pytest.approx(standard_error, rel=1e-9)
    assert estimate.z_score(closed) == pytest.approx((estimate.losses.mean() - closed) / standard_error, rel=1e-9)
    assert abs(estimate.z_score(closed)) < 4  # 3000 i.i.d. losses: P(|z| > 4) ~ 6e-5 (CLT)
    assert estimate.z_score(closed + 10 * standard_error) == pytest.approx(estimate.z_score(closed) - 10, rel=1e-9)
    no_dropout = monte_carlo_dropout_loss(PROBLEM.X, PROBLEM.y, w, 0.0, n_masks=100, seed=0)
    assert no_dropout.mean_standard_error == 0.0 and no_dropout.z_score(no_dropout.mean) == 0.0


@pytest.mark.parametrize("d", [0.1, 0.5, 0.8])
@pytest.mark.parametrize("weights", ["true", "ridge"])
def test_monte_carlo_converges_to_closed_form(d, weights):
    X, y = PROBLEM.X, PROBLEM.y
    w = PROBLEM.true_w if weights == "true" else dropout_ridge_weights(X, y, d)
    estimate = monte_carlo_dropout_loss(X, y, w, d, n_masks=2000, seed=4)
    closed = expected_dropout_loss(X, y, w, d)
    # The mean of 2000 i.i.d. mask losses is normal to a good approximation (CLT), and its standard error is
    # estimated from 2000 samples, so |MC - closed| > 4 SE happens with probability ~6e-5 per case (2 * (1 - Phi(4))).
    assert abs(estimate.running_mean[-1] - closed) < 4 * estimate.standard_error[-1]
    assert estimate.standard_error[-1] < 0.1 * dropout_penalty_closed_form(X, w, d)  # the check has power


def test_running_mean_and_standard_error_match_direct_computation():
    estimate = monte_carlo_dropout_loss(PROBLEM.X, PROBLEM.y, PROBLEM.true_w, 0.5, n_masks=300, seed=0)
    assert np.isnan(estimate.standard_error[0])
    for n in (2, 17, 300):
        first = estimate.losses[:n]
        assert estimate.running_mean[n - 1] == pytest.approx(first.mean(), rel=1e-12)
        assert estimate.standard_error[n - 1] == pytest.approx(first.std(ddof=1) / np.sqrt(n), rel=1e-9)
    mean, error = running_mean_and_standard_error(np.full(5, 7.0))
    assert np.all(mean == 7.0) and np.all(error[1:] == 0.0)


def test_monte_carlo_is_seeded_and_chunking_does_not_matter(monkeypatch):
    args = (PROBLEM.X, PROBLEM.y, PROBLEM.true_w, 0.5)
    first = monte_carlo_dropout_loss(*args, n_masks=3000, seed=2)
    monkeypatch.setattr(theory, "MC_CHUNK_ELEMENTS", 1_000)  # now each chunk holds a single mask
    second = monte_carlo_dropout_loss(*args, n_masks=3000, seed=2)
    assert np.array_equal(first.losses, second.losses)
    assert not np.array_equal(first.losses, monte_carlo_dropout_loss(*args, n_masks=3000, seed=3).losses)


@pytest.mark.parametrize("d", [0.2, 0.5])
def test_dropout_ridge_minimises_the_expected_dropout_loss(d):
    X, y = PROBLEM.X, PROBLEM.y
    w = dropout_ridge_weights(X, y, d)
    gradient = 2 * (X.T @ (X @ w - y)) + 2 * dropout_l2_coefficients(X, d) * w
    assert np.max(np.abs(gradient)) < 1e-9 * np.max(np.abs(X.T @ y))
    for j in range(X.shape[1]):
        nudged = w.copy()
        nudged[j] *= 1.01
        assert expected_dropout_loss(X, y, nudged, d) > expected_dropout_loss(X, y, w, d)


def test_no_dropout_is_least_squares():
    least_squares = np.linalg.lstsq(PROBLEM.X, PROBLEM.y, rcond=None)[0]
    assert np.allclose(dropout_ridge_weights(PROBLEM.X, PROBLEM.y, 0.0), least_squares, rtol=1e-10)
    assert dropout_penalty_closed_form(PROBLEM.X, PROBLEM.true_w, 0.0) == 0.0


def test_matching_plain_strength_has_the_same_total_penalty_weight():
    d = 0.4
    lam = matching_plain_l2_strength(PROBLEM.X, d)
    assert lam * PROBLEM.X.shape[1] == pytest.approx(d / (1 - d) * np.trace(PROBLEM.X.T @ PROBLEM.X), rel=1e-12)


def test_with_equal_feature_scales_dropout_is_plain_ridge():
    X = PROBLEM.X / np.linalg.norm(PROBLEM.X, axis=0)  # every column the same size: nothing to adapt to
    d = 0.5
    plain = plain_ridge_weights(X, PROBLEM.y, matching_plain_l2_strength(X, d))
    assert np.allclose(dropout_ridge_weights(X, PROBLEM.y, d), plain, rtol=1e-10)


def test_rescaling_a_feature_rescales_only_its_dropout_weight():
    d, factor = 0.5, 100.0
    rescaled = PROBLEM.X.copy()
    rescaled[:, 0] *= factor
    before = dropout_ridge_weights(PROBLEM.X, PROBLEM.y, d)
    after = dropout_ridge_weights(rescaled, PROBLEM.y, d)
    assert after[0] == pytest.approx(before[0] / factor, rel=1e-9)
    assert np.allclose(after[1:], before[1:], rtol=1e-9)  # dropout's predictions do not depend on units
    lam = matching_plain_l2_strength(PROBLEM.X, d)
    plain_before = plain_ridge_weights(PROBLEM.X, PROBLEM.y, lam)
    plain_after = plain_ridge_weights(rescaled, PROBLEM.y, lam)
    assert not np.allclose(rescaled @ plain_after, PROBLEM.X @ plain_before, rtol=1e-2)  # plain L2's do


# SGD noise measured at the defaults over 200 seeds (d = 0.5): relative_weight_distance to the ridge solution
# has mean 0.016, sd 0.0054, 99th percentile 0.029, maximum 0.032 (d = 0.2: mean 0.012, max 0.027). A tolerance
# of 0.05 is 6 sd above the mean; the plain-L2 solution is 0.84 away (0.72 at d = 0.2), 15 times the tolerance.
SGD_TOLERANCE = 0.05


@pytest.mark.parametrize("d", [0.2, 0.5])
def test_dropout_sgd_finds_the_dropout_ridge_solution_not_plain_ridge(d):
    X, y = PROBLEM.X, PROBLEM.y
    ridge = dropout_ridge_weights(X, y, d)
    result = dropout_sgd_weights(X, y, d, seed=0)
    assert relative_weight_distance(X, result.weights, ridge) < SGD_TOLERANCE
    plain = plain_ridge_weights(X, y, matching_plain_l2_strength(X, d))
    assert relative_weight_distance(X, plain, ridge) > 10 * SGD_TOLERANCE
    assert relative_weight_distance(X, result.weights, plain) > 10 * SGD_TOLERANCE
    assert result.trajectory.shape == (301, 5) and np.array_equal(result.trajectory[-1], result.last_iterate)


def test_dropout_sgd_is_unbiased_for_the_ridge_solution():
    X, y, d = PROBLEM.X, PROBLEM.y, 0.5
    runs = np.array([dropout_sgd_weights(X, y, d, seed=seed, epochs=150).weights for seed in range(10)])
    standard_error = runs.std(axis=0, ddof=1) / np.sqrt(len(runs))
    # With replacement sampling the stationary mean of SGD is exactly the ridge solution, so the mean of 10
    # independent runs differs from it by a t-distributed multiple (9 degrees of freedom) of its standard error:
    # |t| > 4.78 has probability 0.001 per weight, 0.005 for the five weights together.
    assert np.all(np.abs(runs.mean(axis=0) - dropout_ridge_weights(X, y, d)) < 4.78 * standard_error)


def test_sgd_is_seeded():
    first = dropout_sgd_weights(PROBLEM.X, PROBLEM.y, 0.5, epochs=5, seed=1)
    again = dropout_sgd_weights(PROBLEM.X, PROBLEM.y, 0.5, epochs=5, seed=1)
    other = dropout_sgd_weights(PROBLEM.X, PROBLEM.y, 0.5, epochs=5, seed=2)
    assert np.array_equal(first.trajectory, again.trajectory)
    assert not np.array_equal(first.trajectory, other.trajectory)


X, Y, W = PROBLEM.X, PROBLEM.y, PROBLEM.true_w


@pytest.mark.parametrize(
    "call",
    [
        lambda: dropout_penalty_closed_form(X, W, 1.0),
        lambda: dropout_penalty_closed_form(X, W, -0.1),
        lambda: dropout_penalty_closed_form(X, W, True),
        lambda: dropout_penalty_closed_form(X, W[:3], 0.5),
        lambda: expected_dropout_loss(X, Y[:10], W, 0.5),
        lambda: monte_carlo_dropout_loss(X, Y, W, 0.5, n_masks=0),
        lambda: monte_carlo_dropout_loss(X, Y, W, 1.0),
        lambda: dropout_sgd_weights(X, Y, 0.5, epochs=0),
        lambda: dropout_sgd_weights(X, Y, 0.5, batch_size=0),
        lambda: dropout_sgd_weights(X, Y, 0.5, lr=-1.0),
        lambda: dropout_sgd_weights(X, Y, 0.5, lr=5.0, epochs=20),  # diverges: said once, clearly
        lambda: dropout_sgd_weights(np.where(X > 0, X, np.nan), Y, 0.5),
        lambda: expected_dropout_loss(X, Y, W * np.inf, 0.5),
        lambda: dropout_ridge_weights(X[:, :1].repeat(2, axis=1), Y, 0.0),
        lambda: plain_ridge_weights(X, Y, -1.0),
        lambda: matching_plain_l2_strength(X, 1.0),
        lambda: relative_weight_distance(X, W, np.zeros(5)),
        lambda: make_regression_problem(n_samples=1),
        lambda: make_regression_problem(n_features=0),
        lambda: make_regression_problem(n_features=2.5),
        lambda: make_regression_problem(scale_range=(10.0, 0.1)),
        lambda: make_regression_problem(scale_range=(0.0, 1.0)),
        lambda: make_regression_problem(correlation=1.0),
        lambda: make_regression_problem(noise_std=-1.0),
        lambda: dropout_l2_coefficients(np.zeros(5), 0.5),
        lambda: dropout_loss_breakdown(X, Y, W[:3], 0.5),
        lambda: kept_of_least_squares(X, W, W, W[:3]),
    ],
)
def test_invalid_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()
