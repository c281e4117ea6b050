"""The Mask explorer's four implementations: masks, eval mode, and the running-mean theory."""
import math

import pytest
import torch

from dropout_core.masks.implementations import (
    DROPOUT_IMPLEMENTATIONS,
    RANDN_MISTAKE,
    apply_dropout,
    expected_running_mean_error,
    keep_probability_and_scale,
    running_mean_error,
    sample_outputs,
)

D2L_X = torch.arange(16, dtype=torch.float32).reshape(2, 8)


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_output_is_input_times_mask_times_scale(implementation):
    result = apply_dropout(implementation, D2L_X, 0.5, training=True, seed=3)
    assert torch.allclose(result.output, D2L_X * result.mask / 0.5)


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_mask_is_reported_even_where_the_input_is_zero(implementation):
    x = torch.zeros(4, 4)
    kept = [apply_dropout(implementation, x, 0.5, training=True, seed=s).mask.sum().item() for s in range(20)]
    assert 0 < sum(kept) < 20 * 16  # masks vary although every output is zero


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_eval_mode_is_the_identity(implementation):
    result = apply_dropout(implementation, D2L_X, 0.7, training=False, seed=0)
    assert torch.equal(result.output, D2L_X) and result.mask.all()


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_same_seed_same_mask_and_global_rng_untouched(implementation):
    torch.manual_seed(123)
    before = torch.random.get_rng_state()
    first = apply_dropout(implementation, D2L_X, 0.5, True, seed=9)
    second = apply_dropout(implementation, D2L_X, 0.5, True, seed=9)
    assert torch.equal(first.mask, second.mask)
    assert torch.equal(torch.random.get_rng_state(), before)


def test_unknown_implementation_is_rejected():
    with pytest.raises(ValueError, match="unknown implementation"):
        apply_dropout("dropout", D2L_X, 0.5, True, 0)


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_sample_keep_rate_matches_theory(implementation):
    n, p = 20_000, 0.3
    samples = sample_outputs(implementation, torch.ones(16), p, n, seed=1)
    keep, scale = keep_probability_and_scale(implementation, p)
    kept = (samples != 0).double().mean().item()
    assert abs(kept - keep) < 5 * math.sqrt(keep * (1 - keep) / (n * 16))  # 5 binomial standard deviations
    assert torch.allclose(samples[samples != 0], torch.tensor(scale, dtype=samples.dtype))


def test_running_mean_error_matches_a_direct_computation():
    samples = torch.tensor([[1.0, 3.0], [3.0, 1.0], [2.0, 2.0]])
    x = torch.tensor([2.0, 2.0])
    # running means: [1,3], [2,2], [2,2]  -> RMS distances: 1, 0, 0
    assert torch.allclose(running_mean_error(samples, x), torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64))
    assert torch.allclose(running_mean_error(samples, x, at=[1, 3]), torch.tensor([1.0, 0.0], dtype=torch.float64))


@pytest.mark.parametrize("implementation", DROPOUT_IMPLEMENTATIONS)
def test_measured_running_mean_error_follows_the_theory(implementation):
    n, p = 10_000, 0.5
    samples = sample_outputs(implementation, D2L_X, p, n, seed=5)
    measured = running_mean_error(samples, D2L_X)
    theory = expected_running_mean_error(implementation, D2L_X, p, torch.arange(1, n + 1))
    # The squared error averages 16 elements; at N = 10,000 it lands within 40 % of its expectation
    # in all but a negligible fraction of seeds (its relative spread is about sqrt(2/16) = 35 % for the variance term).
    assert measured[-1].item() == pytest.approx(theory[-1].item(), rel=0.4)


def test_correct_error_shrinks_like_one_over_root_n_and_randn_levels_off():
    n = torch.tensor([100, 10_000])
    correct = expected_running_mean_error("scratch", D2L_X, 0.5, n)
    assert correct[0] / correct[1] == pytest.approx(10.0)
    mistake = expected_running_mean_error(RANDN_MISTAKE, D2L_X, 0.5, n)
    assert mistake[0] / mistake[1] < 1.2  # dominated by the bias, which no amount of averaging removes
