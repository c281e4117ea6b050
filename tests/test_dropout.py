"""Scratch dropout against its definition and against torch.nn.functional.dropout's statistics."""
import math

import pytest
import torch
import torch.nn.functional as F

from dropout_core.checks import check_drop_probability
from dropout_core.masks.functions import (
    dropout_layer,
    dropout_randn_mistake,
    randn_mistake_keep_probability,
    randn_mistake_mean_ratio,
)

N = 1_000_000  # elements per statistical check
# Tolerances: the kept fraction of N Bernoulli(q) draws has standard deviation sqrt(q(1-q)/N) <= 0.0005;
# we allow 5 standard deviations, so a correct implementation fails with probability below 1e-6.


def five_sigma(q):
    """Five binomial standard deviations of a kept fraction over N draws with keep probability q."""
    return 5 * math.sqrt(q * (1 - q) / N)


def seeded(seed=0):
    """A CPU generator with a fixed seed."""
    return torch.Generator().manual_seed(seed)


@pytest.mark.parametrize("p", [0.1, 0.2, 0.5, 0.9])
def test_keep_rate_is_one_minus_p(p):
    out = dropout_layer(torch.ones(N), p, generator=seeded())
    kept = (out != 0).float().mean().item()
    assert abs(kept - (1 - p)) < five_sigma(1 - p)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_survivors_are_scaled_and_mean_is_unbiased(p):
    x = torch.full((N,), 3.0)
    out = dropout_layer(x, p, generator=seeded(1))
    survivors = out[out != 0]
    assert torch.allclose(survivors, torch.tensor(3.0 / (1 - p)))
    # mean of x' = 3 * B / (1 - p): standard deviation 3 * sqrt(p / (1 - p) / N); 5 of them.
    tolerance = 5 * 3 * math.sqrt(p / (1 - p) / N)
    assert abs(out.mean().item() - 3.0) < tolerance


def test_p_zero_returns_input_unchanged():
    x = torch.randn(64, 64, generator=seeded())
    assert dropout_layer(x, 0.0) is x


def test_p_zero_mask_keeps_an_exact_zero_draw(monkeypatch):
    # torch.rand can return exactly 0.0; at p = 0 nothing may be dropped even then.
    from dropout_core.masks import functions

    monkeypatch.setattr(functions, "_uniform_like", lambda X, generator=None: torch.zeros_like(X))
    assert functions.dropout_mask(torch.ones(5), 0.0).all()


def test_p_one_returns_zeros():
    x = torch.randn(10, 10)
    assert torch.equal(dropout_layer(x, 1.0), torch.zeros_like(x))


def test_output_keeps_device_dtype_and_shape():
    x = torch.ones(3, 4, 5, dtype=torch.float64)
    out = dropout_layer(x, 0.5, generator=seeded())
    assert out.shape == x.shape and out.dtype == torch.float64 and out.device == x.device


def test_same_generator_seed_same_mask():
    x = torch.ones(1000)
    assert torch.equal(dropout_layer(x, 0.5, seeded(7)), dropout_layer(x, 0.5, seeded(7)))


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_agrees_in_distribution_with_torch_functional_dropout(p):
    """Same keep rate, same scale of survivors, same variance as PyTorch's own dropout."""
    x = torch.ones(N)
    ours = dropout_layer(x, p, generator=seeded(2))
    torch.manual_seed(2)
    theirs = F.dropout(x, p, training=True)
    kept_ours, kept_theirs = (ours != 0).float().mean().item(), (theirs != 0).float().mean().item()
    # The difference of two independent kept fractions has standard deviation sqrt(2 q (1-q) / N).
    q = 1 - p
    assert abs(kept_ours - kept_theirs) < 5 * math.sqrt(2 * q * (1 - q) / N)
    assert set(ours.unique().tolist()) == set(theirs.unique().tolist())
    assert abs(ours.var().item() - theirs.var().item()) < 0.01 * p / (1 - p)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), float("inf"), "0.5", None, True, [0.5]])
def test_invalid_probability_raises_value_error(bad):
    with pytest.raises(ValueError, match="dropout probability"):
        dropout_layer(torch.ones(3), bad)


def test_check_accepts_integers_and_floats():
    assert check_drop_probability(0) == 0.0 and check_drop_probability(1) == 1.0
    assert check_drop_probability(0.25) == 0.25


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_randn_mistake_keeps_one_minus_phi_of_p(p):
    out = dropout_randn_mistake(torch.ones(N), p, generator=seeded(3))
    kept = (out != 0).float().mean().item()
    q = randn_mistake_keep_probability(p)
    assert abs(kept - q) < five_sigma(q)
    assert abs(kept - (1 - p)) > 0.05  # measurably not what dropout promises


def test_randn_mistake_analytic_values_match_the_reference_table():
    # 1 - Phi(p) from the error function, checked against tabulated normal-distribution values.
    assert randn_mistake_keep_probability(0.2) == pytest.approx(0.42074, abs=1e-5)
    assert randn_mistake_keep_probability(0.5) == pytest.approx(0.30854, abs=1e-5)
    assert randn_mistake_mean_ratio(0.2) == pytest.approx(0.526, abs=5e-4)
    assert randn_mistake_mean_ratio(0.5) == pytest.approx(0.617, abs=5e-4)


def test_randn_mistake_is_biased_in_expectation():
    p = 0.5
    out = dropout_randn_mistake(torch.full((N,), 2.0), p, generator=seeded(4))
    expected = 2.0 * randn_mistake_mean_ratio(p)
    q = randn_mistake_keep_probability(p)
    tolerance = 5 * 2.0 / (1 - p) * math.sqrt(q * (1 - q) / N)
    assert abs(out.mean().item() - expected) < tolerance
