"""Kept fractions, mean ratios and the running mean over many masks, as the Mask explorer shows them.

Each number is checked against a computation of its own (closed form written out here, exact enumeration,
or torch as the oracle), so that a wrong formula in the core cannot agree with itself.
"""
import itertools
import math
import statistics

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
    apply_dropout,
    expected_running_mean_error,
    keep_probability_and_scale,
    running_mean_error,
    sample_outputs,
)
from dropout_core.masks.inputs import d2l_tensor, random_tensor
from dropout_core.masks.statistics import (
    DROP,
    KEEP,
    MASK_EXPRESSIONS,
    PAPER,
    PYTORCH,
    RAND_MASK,
    RANDN_MASK,
    RANDN_UNIFORM_MASK,
    binomial_spread,
    dropout_conventions,
    expectation_curve,
    expected_mean_ratio,
    fitted_mean_ratio,
    log_spaced_counts,
    mask_expression_draws,
    mask_expression_keep_fractions,
    output_mean_spread,
    output_relations,
    running_mean_error_floor,
    summarize_mask,
)

SIGMAS = 5  # statistical tolerances are 5 standard errors: a false failure about once in 3.5 million runs
D2L_MEAN_SQUARE = 77.5  # mean(x^2) of the d2l tensor 0..15: (0^2 + ... + 15^2) / 16 = 1240 / 16
CORRECT = (SCRATCH, MODULE, FUNCTIONAL)


def normal_tail(p: float) -> float:
    """P(Z > p) for a standard normal Z, from torch (independent of the core's math.erfc)."""
    return 1.0 - float(torch.special.ndtr(torch.tensor(p, dtype=torch.float64)))


def test_binomial_spread():
    assert binomial_spread(0.5, 16) == pytest.approx(0.125)
    assert binomial_spread(1.0, 16) == 0.0
    with pytest.raises(ValueError):
        binomial_spread(0.5, 0)


@pytest.mark.parametrize("keep, n", [(0.3, 1), (0.3, 4), (0.8, 6), (0.5, 9)])
def test_binomial_spread_by_enumerating_every_mask(keep, n):
    masks = list(itertools.product((0, 1), repeat=n))
    chances = [math.prod(keep if bit else 1 - keep for bit in mask) for mask in masks]
    fractions = [sum(mask) / n for mask in masks]
    mean = sum(c * f for c, f in zip(chances, fractions))
    variance = sum(c * (f - mean) ** 2 for c, f in zip(chances, fractions))
    assert binomial_spread(keep, n) == pytest.approx(math.sqrt(variance), rel=1e-12)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_expected_mean_ratio_is_one_for_correct_implementations(p):
    for implementation in (SCRATCH, MODULE, FUNCTIONAL):
        assert expected_mean_ratio(implementation, p) == pytest.approx(1.0)
    assert expected_mean_ratio(RANDN_MISTAKE, p) == pytest.approx(randn_mistake_mean_ratio(p))


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_expected_mean_ratio_of_the_randn_mistake_in_closed_form(p):
    assert expected_mean_ratio(RANDN_MISTAKE, p) == pytest.approx(normal_tail(p) / (1 - p), rel=1e-9)


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


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_expected_running_mean_error_in_closed_form(p):
    n = torch.tensor([1, 10, 10_000])
    for implementation in CORRECT:  # E[x'] = x and Var[x'] = x^2 p / (1 - p): the error is RMS(x) sqrt(p / (1-p) / N)
        expected = [math.sqrt(D2L_MEAN_SQUARE * p / (1 - p) / count) for count in n.tolist()]
        assert expected_running_mean_error(implementation, d2l_tensor(), p, n).tolist() == pytest.approx(expected)
    keep, scale = normal_tail(p), 1 / (1 - p)  # the mistake keeps with P(Z > p) and still scales by 1 / (1 - p)
    bias, variance = keep * scale - 1, keep * (1 - keep) * scale**2
    expected = [math.sqrt(D2L_MEAN_SQUARE * (bias**2 + variance / count)) for count in n.tolist()]
    assert expected_running_mean_error(RANDN_MISTAKE, d2l_tensor(), p, n).tolist() == pytest.approx(expected)


def _squared_error_moments(keep: float, scale: float, n: int) -> tuple[float, float]:
    """Mean and variance of d^2, where d = (mean of n draws of B * scale) - 1 and B ~ Bernoulli(keep).

    The central moments of one draw are s^k times Bernoulli's: variance q(1-q), third q(1-q)(1-2q), fourth
    q(1-q)(1-3q+3q^2). The mean of n draws has variance v/n, third moment m3/n^2, fourth (m4 + 3(n-1)v^2)/n^3;
    with the bias b, d = e + b gives E d^2 = E e^2 + b^2 and E d^4 = E e^4 + 4b E e^3 + 6b^2 E e^2 + b^4.
    """
    q, s = keep, scale
    v, m3, m4 = s**2 * q * (1 - q), s**3 * q * (1 - q) * (1 - 2 * q), s**4 * q * (1 - q) * (1 - 3 * q + 3 * q**2)
    e2, e3, e4 = v / n, m3 / n**2, (m4 + 3 * (n - 1) * v**2) / n**3
    b = q * s - 1
    d2, d4 = e2 + b**2, e4 + 4 * b * e3 + 6 * b**2 * e2 + b**4
    return d2, d4 - d2**2


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
@pytest.mark.parametrize("p", [0.2, 0.5])
def test_measured_running_mean_error_agrees_with_theory_within_its_standard_error(implementation, p):
    """4,096 independent elements of X = 1 make the squared error an average precise to about 2 %."""
    X, counts = torch.ones(64, 64), [1, 3, 10]
    samples = sample_outputs(implementation, X, p, max(counts), seed=8)
    measured = running_mean_error(samples, X, at=counts)
    theory = expected_running_mean_error(implementation, X, p, torch.tensor(counts))
    keep = normal_tail(p) if implementation == RANDN_MISTAKE else 1 - p
    for n, error, expected in zip(counts, measured.tolist(), theory.tolist()):
        mean_square, variance = _squared_error_moments(keep, 1 / (1 - p), n)
        assert expected**2 == pytest.approx(mean_square, rel=1e-9)
        # max: at p = 0.5 and N = 1, d = +-1 exactly, and the variance 0 may come out a rounding error below it
        assert error**2 == pytest.approx(mean_square, abs=SIGMAS * math.sqrt(max(variance, 0.0) / X.numel()))


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 1.0])
def test_running_mean_error_floor(p):
    rms = math.sqrt(D2L_MEAN_SQUARE)
    for implementation in CORRECT:
        assert running_mean_error_floor(implementation, d2l_tensor(), p) == pytest.approx(0.0 if p < 1 else rms)
    ratio = normal_tail(p) / (1 - p) if p < 1 else 0.0
    assert running_mean_error_floor(RANDN_MISTAKE, d2l_tensor(), p) == pytest.approx(abs(ratio - 1) * rms)


def test_the_theory_curve_levels_off_at_the_floor():
    far = expected_running_mean_error(RANDN_MISTAKE, d2l_tensor(), 0.2, torch.tensor([10**12]))
    assert float(far[0]) == pytest.approx(running_mean_error_floor(RANDN_MISTAKE, d2l_tensor(), 0.2), rel=1e-6)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.5, 0.9])
def test_dropout_conventions_in_closed_form(p):
    paper, pytorch = dropout_conventions(p)
    assert (paper.name, paper.p_means, pytorch.name, pytorch.p_means) == (PAPER, KEEP, PYTORCH, DROP)
    assert (paper.p, paper.train_scale, paper.test_factor, paper.train_mean) == pytest.approx((1 - p, 1, 1 - p, 1 - p))
    assert (pytorch.p, pytorch.train_scale, pytorch.test_factor, pytorch.train_mean) == pytest.approx(
        (p, 1 / (1 - p), 1, 1)
    )
    for convention in (paper, pytorch):  # either way, the test-time output is the training-time expectation
        assert convention.test_factor == pytest.approx(convention.train_mean)


def test_dropout_conventions_when_every_unit_is_dropped():
    paper, pytorch = dropout_conventions(1.0)
    assert (paper.p, paper.test_factor, paper.train_mean) == (0.0, 0.0, 0.0)
    assert (pytorch.train_scale, pytorch.train_mean) == (0.0, 0.0)


def test_pytorch_convention_is_what_nn_dropout_does():
    p, n = 0.3, 200_000
    pytorch = dropout_conventions(p)[1]
    torch.manual_seed(0)
    out = torch.nn.Dropout(p).train()(torch.ones(n, dtype=torch.float64))
    assert torch.allclose(out[out != 0], torch.tensor(pytorch.train_scale, dtype=torch.float64))
    # the mean of n outputs s * Bernoulli(1 - p) has standard error s sqrt(p (1 - p) / n)
    error = pytorch.train_scale * math.sqrt(p * (1 - p) / n)
    assert float(out.mean()) == pytest.approx(pytorch.train_mean, abs=SIGMAS * error)
    x = torch.arange(5.0)
    assert torch.equal(torch.nn.Dropout(p).eval()(x), pytorch.test_factor * x)


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
@pytest.mark.parametrize("training", [True, False])
def test_summarize_mask_against_a_direct_count(implementation, training):
    X, p = random_tensor(3, 5, seed=1), 0.3
    result = apply_dropout(implementation, X, p, training, seed=4)
    summary = summarize_mask(implementation, X, result, p, training)
    kept = sum(result.mask.flatten().tolist())
    mean_x = statistics.fmean(X.flatten().tolist())
    assert (summary.kept, summary.total, summary.kept_fraction) == (kept, 15, kept / 15)
    assert summary.mean_x == pytest.approx(mean_x, rel=1e-6)
    assert summary.mean_output == pytest.approx(statistics.fmean(result.output.flatten().tolist()), rel=1e-6)
    if not training:
        keep, ratio = 1.0, 1.0
    elif implementation == RANDN_MISTAKE:
        keep, ratio = normal_tail(p), normal_tail(p) / (1 - p)
    else:
        keep, ratio = 1 - p, 1.0
    assert summary.expected_keep == pytest.approx(keep)
    assert summary.kept_spread == pytest.approx(math.sqrt(keep * (1 - keep) / 15), abs=1e-12)
    assert summary.mean_ratio == pytest.approx(ratio)
    assert summary.expected_mean_output == pytest.approx(ratio * mean_x, rel=1e-6)


def test_error_at_reads_the_curve_at_one_count():
    X, p, seed, n_max = d2l_tensor(), 0.5, 2, 100
    curve = expectation_curve(SCRATCH, X, p, seed, n_max)
    mean_of_ten = sample_outputs(SCRATCH, X, p, n_max, seed)[:10].double().mean(dim=0)
    rms = math.sqrt(statistics.fmean(((mean_of_ten - X.double()) ** 2).flatten().tolist()))
    measured, theory = curve.error_at(10)
    assert measured == pytest.approx(rms)
    assert theory == pytest.approx(math.sqrt(D2L_MEAN_SQUARE * p / (1 - p) / 10))
    with pytest.raises(ValueError, match="no point"):
        curve.error_at(n_max + 1)


@pytest.mark.parametrize("implementation, p", [(SCRATCH, 0.5), (MODULE, 0.2), (RANDN_MISTAKE, 0.5), (SCRATCH, 0.0),
                                               (SCRATCH, 1.0)])
def test_output_mean_spread_is_the_spread_of_many_masks_means(implementation, p):
    X = d2l_tensor()
    means = sample_outputs(implementation, X, p, 20_000, seed=3).double().flatten(start_dim=1).mean(dim=1)
    measured = float(means.std())
    assert output_mean_spread(implementation, X, p) == pytest.approx(measured, rel=0.03, abs=1e-12)


def test_output_relations_name_what_an_output_is():
    X = d2l_tensor()
    assert output_relations(X, X, 0.3) == {"same"}
    assert output_relations(X, X / 0.7, 0.3) == {"scaled_up"}
    assert output_relations(X, X * 0.7, 0.3) == {"scaled_down"}
    assert output_relations(X, apply_dropout(SCRATCH, X, 0.3, True, 0).output, 0.3) == {"zeroed"}
    assert output_relations(X, X, 0.0) == {"same", "scaled_up", "scaled_down"}  # p = 0: one tensor
    assert "zeroed" not in output_relations(X, apply_dropout(SCRATCH, X, 0.3, False, 0).output, 0.3)
