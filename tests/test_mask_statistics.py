"""Kept fractions, mean ratios and the running mean over many masks, as the Mask explorer shows them."""
import math

import pytest
import torch

from dropout_core.masks.functions import (
    randn_mistake_keep_probability,
    randn_mistake_mean_ratio,
)
from dropout_core.masks.implementations import (
    DROPOUT_IMPLEMENTATIONS,
    FUNCTIONAL,
    MODULE,
    RANDN_MISTAKE,
    SCRATCH,
    expected_running_mean_error,
    keep_probability_and_scale,
    running_mean_error,
    sample_outputs,
)
from dropout_core.masks.inputs import d2l_tensor
from dropout_core.masks.statistics import (
    MASK_EXPRESSIONS,
    RAND_MASK,
    RANDN_MASK,
    RANDN_UNIFORM_MASK,
    binomial_spread,
    expectation_curve,
    expected_mean_ratio,
    fitted_mean_ratio,
    log_spaced_counts,
    mask_expression_draws,
    mask_expression_keep_fractions,
)

SIGMAS = 5  # statistical tolerances are 5 standard errors: a false failure about once in 3.5 million runs


def test_binomial_spread():
    assert binomial_spread(0.5, 16) == pytest.approx(0.125)
    assert binomial_spread(1.0, 16) == 0.0
    with pytest.raises(ValueError):
        binomial_spread(0.5, 0)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_expected_mean_ratio_is_one_for_correct_implementations(p):
    for implementation in (SCRATCH, MODULE, FUNCTIONAL):
        assert expected_mean_ratio(implementation, p) == pytest.approx(1.0)
    assert expected_mean_ratio(RANDN_MISTAKE, p) == pytest.approx(randn_mistake_mean_ratio(p))


def test_expected_mean_ratio_at_p_one_is_zero():
    assert all(expected_mean_ratio(implementation, 1.0) == 0.0 for implementation in DROPOUT_IMPLEMENTATIONS)


def test_fitted_mean_ratio():
    X = d2l_tensor()
    assert fitted_mean_ratio(0.25 * X, X) == pytest.approx(0.25)
    assert fitted_mean_ratio(X, torch.zeros(2, 8)) is None


@pytest.mark.parametrize("n_max", [1, 7, 10, 10_000])
def test_log_spaced_counts_run_from_one_to_n_max(n_max):
    counts = log_spaced_counts(n_max)
    assert counts[0] == 1 and counts[-1] == n_max
    assert torch.all(counts[1:] > counts[:-1])


def test_log_spaced_counts_density():
    counts = log_spaced_counts(10_000, per_decade=24)
    # 4 decades of 24 points, fewer at the start where several round to the same whole number
    assert 60 <= len(counts) <= 4 * 24 + 1
    with pytest.raises(ValueError):
        log_spaced_counts(0)


def _ratio_standard_error(X: torch.Tensor, implementation: str, p: float, n: int) -> float:
    """Standard error of fitted_mean_ratio over n outputs.

    Element i's mean m_i averages n values x_i * B * s with B ~ Bernoulli(q): Var(m_i) = x_i^2 q(1-q) s^2 / n,
    independent across i. The fit c = sum(m_i x_i) / sum(x_i^2) then has
    Var(c) = q(1-q) s^2 / n * sum(x^4) / sum(x^2)^2.
    """
    keep, scale = keep_probability_and_scale(implementation, p)
    X = X.double()
    return math.sqrt(keep * (1 - keep) * scale**2 / n * float(X.pow(4).sum()) / float(X.pow(2).sum()) ** 2)


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
@pytest.mark.parametrize("p", [0.2, 0.5])
def test_expectation_curve_converges_to_the_expected_mean(implementation, p):
    X, n = d2l_tensor(), 2_000
    curve = expectation_curve(implementation, X, p, seed=3, n_max=n)
    expected = expected_mean_ratio(implementation, p)
    assert curve.fitted_ratio == pytest.approx(expected, abs=SIGMAS * _ratio_standard_error(X, implementation, p, n))


def test_expectation_curve_is_the_core_running_mean_at_log_spaced_counts():
    X, p, seed, n = d2l_tensor(), 0.5, 11, 500
    curve = expectation_curve(SCRATCH, X, p, seed, n, mean_at=(1, 10, n))
    samples = sample_outputs(SCRATCH, X, p, n, seed)
    assert torch.equal(curve.counts, log_spaced_counts(n))
    assert torch.allclose(curve.measured, running_mean_error(samples, X)[curve.counts - 1])
    assert torch.allclose(curve.theory, expected_running_mean_error(SCRATCH, X, p, curve.counts))
    assert sorted(curve.mean_outputs) == [1, 10, n]
    assert torch.allclose(curve.mean_outputs[10], samples[:10].double().mean(dim=0))


def test_randn_mistake_error_levels_off_at_its_bias():
    """With bias b = ratio - 1 and noise e_i ~ N(0, x_i^2 v / N), error^2 = mean((b x_i + e_i)^2), so

    error^2 - theory^2 = (1/n) sum(2 b x_i e_i + e_i^2 - E e_i^2), with variance
    (4 b^2 v sum(x^4) / N + 2 v^2 sum(x^4) / N^2) / n^2.
    """
    X, p, n = d2l_tensor(), 0.2, 10_000
    curve = expectation_curve(RANDN_MISTAKE, X, p, seed=5, n_max=n)
    keep, scale = keep_probability_and_scale(RANDN_MISTAKE, p)
    bias, variance = keep * scale - 1, keep * (1 - keep) * scale**2
    fourth = float(X.double().pow(4).sum())
    spread = math.sqrt(4 * bias**2 * variance * fourth / n + 2 * variance**2 * fourth / n**2) / X.numel()
    floor = abs(bias) * float(X.double().pow(2).mean().sqrt())
    assert float(curve.theory[-1]) == pytest.approx(floor, rel=0.01)  # the 1/N part is tiny by then
    assert float(curve.measured[-1]) ** 2 == pytest.approx(float(curve.theory[-1]) ** 2, abs=SIGMAS * spread)
    # and it does not keep shrinking: the error after 10,000 masks is most of the error after 100
    at_100 = int(torch.searchsorted(curve.counts, 100))
    assert float(curve.measured[-1]) > 0.8 * float(curve.measured[at_100])


def test_expectation_curve_refuses_means_outside_its_samples():
    with pytest.raises(ValueError, match="mean_at"):
        expectation_curve(SCRATCH, d2l_tensor(), 0.5, 0, n_max=10, mean_at=(11,))


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 1.0])
def test_mask_expression_keep_fractions(p):
    n = 100_000
    fractions = mask_expression_keep_fractions(mask_expression_draws(n, seed=2), p)
    assert list(fractions) == list(MASK_EXPRESSIONS)
    assert fractions[RAND_MASK][0] == fractions[RANDN_UNIFORM_MASK][0] == pytest.approx(1 - p)
    assert fractions[RANDN_MASK][0] == pytest.approx(randn_mistake_keep_probability(p))
    for probability, measured in fractions.values():
        # the kept fraction of n independent draws has standard deviation sqrt(q(1-q)/n)
        assert measured == pytest.approx(probability, abs=SIGMAS * math.sqrt(probability * (1 - probability) / n))


def test_mask_expression_draws_are_uniform_except_plain_randn():
    draws = mask_expression_draws(1_000, seed=0)
    for expression in (RAND_MASK, RANDN_UNIFORM_MASK):
        assert 0 <= float(draws[expression].min()) and float(draws[expression].max()) < 1
    assert float(draws[RANDN_MASK].min()) < 0  # normal draws go negative: the mistake's root
    with pytest.raises(ValueError):
        mask_expression_draws(0, seed=0)
