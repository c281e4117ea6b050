"""Dropout's variants: measured means and variances against theory, and each variant's defining structure."""
import itertools
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dropout_core.masks.variants import (
    ALPHA,
    ALPHA_PRIME,
    BERNOULLI,
    DRAWING_SHAPE,
    DROPCONNECT,
    DROPOUT2D,
    GAUSSIAN,
    VARIANTS,
    alpha_dropout,
    alpha_dropout_affine,
    alpha_dropout_moments,
    bernoulli_dropout,
    dropconnect_linear,
    dropconnect_output_moments,
    dropout2d,
    dropout2d_channel_fates,
    find_variant,
    gaussian_dropout,
    measure_variant,
    multiplier_moments,
    noise_drawing,
    selu_normal_moments,
    shared_fate_fraction,
)

# Tolerances: with n = 100,000 draws the sample mean and the sample variance are normal to a good approximation
# (CLT; the variance's standard error uses the sample's fourth moment). |measured - theory| > 4 SE then has
# probability 2 * (1 - Phi(4)) = 6.3e-5 per comparison; the 30 comparisons below fail by chance with
# probability < 0.002, and the seeds are fixed. ROUNDING absorbs float64 rounding where the SE is exactly 0 (d = 0).
K_SE = 4.0
ROUNDING = 1e-12


def within(measured, theory, standard_error):
    """True when measured is within K_SE standard errors (plus rounding) of theory."""
    return abs(measured - theory) <= K_SE * standard_error + ROUNDING * (1.0 + abs(theory))


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("d", [0.2, 0.5, 0.8])
def test_measured_mean_and_variance_match_theory(name, d):
    m = measure_variant(name, d, n=100_000, seed=11)
    assert within(m.measured_mean, m.theoretical_mean, m.mean_standard_error)
    assert within(m.measured_variance, m.theoretical_variance, m.variance_standard_error)
    assert m.sample.shape == (100_000,)


@pytest.mark.parametrize("name", VARIANTS)
def test_no_dropout_changes_nothing_measurable(name):
    m = measure_variant(name, 0.0, n=1000, seed=0)
    if name == ALPHA:  # the SELU inputs themselves still vary: mean 0, variance 1
        assert within(m.measured_variance, 1.0, m.variance_standard_error)
    else:
        assert m.measured_variance == pytest.approx(0.0, abs=1e-20)


def test_gaussian_and_bernoulli_multipliers_share_mean_and_variance_not_shape():
    assert multiplier_moments(0.5) == (1.0, 1.0)
    assert multiplier_moments(0.2) == pytest.approx((1.0, 0.25))
    x = torch.ones(10_000, dtype=torch.float64)
    bernoulli = bernoulli_dropout(x, 0.5, seed=0).noise
    gaussian = gaussian_dropout(x, 0.5, seed=0).noise
    assert set(bernoulli.unique().tolist()) == {0.0, 2.0}
    assert (gaussian == 0).sum() == 0 and gaussian.unique().numel() == 10_000  # continuous, never exactly dropped


def test_variants_output_is_input_times_noise():
    x = torch.randn(3, 5, dtype=torch.float64)
    for draw in (bernoulli_dropout, gaussian_dropout):
        result = draw(x, 0.3, seed=2)
        assert torch.equal(result.output, x * result.noise)


def test_dropconnect_moments_equal_exact_enumeration_over_all_weight_masks():
    x = torch.tensor([[0.5, -1.0, 2.0]], dtype=torch.float64)
    weight = torch.tensor([[1.0, 0.3, -0.7], [-2.0, 0.1, 0.4]], dtype=torch.float64)
    bias = torch.tensor([0.1, -0.2], dtype=torch.float64)
    d = 0.4
    outputs, probabilities = [], []
    for bits in itertools.product([0.0, 1.0], repeat=weight.numel()):
        kept = torch.tensor(bits, dtype=torch.float64).view_as(weight)
        probabilities.append(math.prod(1 - d if bit else d for bit in bits))
        outputs.append(F.linear(x, weight * kept / (1 - d), bias))
    probabilities = torch.tensor(probabilities, dtype=torch.float64).view(-1, 1, 1)
    outputs = torch.stack(outputs)
    exact_mean = (probabilities * outputs).sum(dim=0)
    exact_variance = (probabilities * (outputs - exact_mean) ** 2).sum(dim=0)
    mean, variance = dropconnect_output_moments(x, weight, bias, d)
    assert torch.allclose(mean, F.linear(x, weight, bias), rtol=1e-12)  # E[output] = x W^T + b
    assert torch.allclose(exact_mean, mean, rtol=1e-12)
    assert torch.allclose(exact_variance, variance, rtol=1e-12)


def test_dropconnect_masks_weights_per_example():
    x = torch.ones(4, 3, dtype=torch.float64)
    weight = torch.ones(2, 3, dtype=torch.float64)
    result = dropconnect_linear(x, weight, torch.zeros(2, dtype=torch.float64), 0.5, seed=1)
    assert result.noise.shape == (4, 2, 3)
    assert torch.allclose(result.output, result.noise.sum(dim=2))  # output = sum_j x_j W_ij M_ij / (1 - d)
    assert len({tuple(mask.flatten().tolist()) for mask in result.noise}) > 1  # each example its own mask


def test_dropout2d_channels_share_their_fate_and_match_torch():
    d, seed = 0.5, 3
    x = torch.randn(8, 6, 5, 5, dtype=torch.float64)
    result = dropout2d(x, d, seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        expected = F.dropout2d(x, d, training=True)
    assert torch.equal(result.output, expected)
    assert torch.equal(result.output, x * result.noise)
    channel_values = result.noise.flatten(start_dim=2)
    assert torch.all(channel_values == channel_values[:, :, :1])  # one multiplier per channel
    assert set(result.noise.unique().tolist()) <= {0.0, 2.0}


def test_channel_fates_dropout2d_against_elementwise():
    d = 0.5
    fates = dropout2d_channel_fates(d, n_images=100, n_channels=200, height=1, width=2, seed=0)
    channels = 100 * 200
    assert fates.dropout2d_shared_fate == 1.0
    assert within(fates.kept_fraction, 1 - d, fates.kept_fraction_standard_error)  # binomial SE over 20,000 channels
    # Element-wise dropout on 2 elements: both kept or both dropped with probability q^2 + d^2 = 0.5.
    theory = fates.elementwise_shared_fate_theory
    assert theory == pytest.approx(0.5)
    assert within(fates.elementwise_shared_fate, theory, math.sqrt(theory * (1 - theory) / channels))
    assert fates.channel_kept.shape == (100, 200) and fates.element_kept.shape == (100, 200, 1, 2)


def test_shared_fate_fraction_counts_whole_channels():
    kept = torch.tensor([[[[True, True]], [[False, False]], [[True, False]], [[False, True]]]])
    assert shared_fate_fraction(kept) == 0.5


def test_selu_keeps_standard_normal_inputs_normalised():
    mean, variance = selu_normal_moments()
    assert mean == pytest.approx(0.0, abs=1e-9) and variance == pytest.approx(1.0, abs=1e-9)
    generator = torch.Generator().manual_seed(0)
    sample = torch.selu(torch.randn(200_000, generator=generator, dtype=torch.float64))
    assert within(sample.mean().item(), mean, sample.std().item() / math.sqrt(len(sample)))


def test_alpha_dropout_is_torch_affine_map_and_its_theory_holds_for_other_inputs():
    d = 0.3
    a, b = alpha_dropout_affine(d)
    x = torch.randn(50_000, dtype=torch.float64, generator=torch.Generator().manual_seed(5)) * 2.0 + 1.0
    result = alpha_dropout(x, d, seed=4)
    assert torch.allclose(result.output[result.noise], a * x[result.noise] + b, rtol=1e-12)
    assert torch.allclose(result.output[~result.noise], torch.tensor(a * ALPHA_PRIME + b, dtype=torch.float64))
    assert alpha_dropout_moments(d) == pytest.approx((0.0, 1.0), abs=1e-12)
    # Inputs of mean 1, variance 4 are not what AlphaDropout is tuned for: the general formula still predicts them.
    mean, variance = alpha_dropout_moments(d, input_mean=1.0, input_variance=4.0)
    output = result.output
    deviations = output - output.mean()
    variance_se = math.sqrt(((deviations**4).mean() - (deviations**2).mean() ** 2).item() / len(output))
    assert within(output.mean().item(), mean, output.std().item() / math.sqrt(len(output)))
    assert within(output.var().item(), variance, variance_se)
    kept = result.noise.double().mean().item()
    assert within(kept, 1 - d, math.sqrt(d * (1 - d) / len(x)))


@pytest.mark.parametrize("name", VARIANTS)
def test_z_scores_are_distances_in_standard_errors_computed_from_the_sample(name):
    n, d = 20_000, 0.3
    m = measure_variant(name, d, n=n, seed=5)
    sample = m.sample.numpy()
    deviations = sample - sample.mean()
    mean_se = sample.std(ddof=1) / math.sqrt(n)
    variance_se = math.sqrt((np.mean(deviations**4) - np.mean(deviations**2) ** 2) / n)
    assert m.mean_z == pytest.approx((sample.mean() - m.theoretical_mean) / mean_se, rel=1e-9)
    assert m.variance_z == pytest.approx((sample.var(ddof=1) - m.theoretical_variance) / variance_se, rel=1e-9)
    assert abs(m.mean_z) < K_SE and abs(m.variance_z) < K_SE
    if name in (BERNOULLI, GAUSSIAN, DROPOUT2D):  # theory written out here: a multiplier of mean 1, var d/(1-d)
        assert (m.theoretical_mean, m.theoretical_variance) == pytest.approx((1.0, d / (1 - d)), rel=1e-12)


def test_a_z_score_is_zero_where_nothing_random_was_measured():
    m = measure_variant(BERNOULLI, 0.0, n=100, seed=0)
    assert m.mean_standard_error == 0.0 and m.mean_z == 0.0 and m.variance_z == 0.0


def test_an_unknown_variant_is_refused():
    for call in (lambda: find_variant("dropblock"), lambda: noise_drawing("dropblock", 0.5, 0),
                 lambda: measure_variant("Bernoulli", 0.5)):
        with pytest.raises(ValueError, match="unknown variant"):
            call()


def test_the_registry_is_keyed_by_each_variants_id():
    assert tuple(VARIANTS) == (BERNOULLI, GAUSSIAN, DROPCONNECT, DROPOUT2D, ALPHA)
    assert all(VARIANTS[name].id == name and find_variant(name) is VARIANTS[name] for name in VARIANTS)


@pytest.mark.parametrize("name", VARIANTS)
def test_every_drawing_is_seeded_and_drawn_on_the_drawing_shape(name):
    first, again, other = (noise_drawing(name, 0.5, seed) for seed in (3, 3, 4))
    assert first.panels and all(panel.values.shape == DRAWING_SHAPE for panel in first.panels)
    assert all(torch.equal(a.values, b.values) for a, b in zip(first.panels, again.panels))
    assert any(not torch.equal(a.values, b.values) for a, b in zip(first.panels, other.panels))


@pytest.mark.parametrize("name", [BERNOULLI, DROPCONNECT])
def test_bernoulli_and_dropconnect_drawings_multiply_by_zero_or_one_over_keep(name):
    d = 0.25
    (panel,) = noise_drawing(name, d, 1).panels
    assert set(panel.values.unique().tolist()) == {0.0, 1 / (1 - d)}


def test_gaussian_drawing_is_never_exactly_zero():
    (panel,) = noise_drawing(GAUSSIAN, 0.5, 1).panels
    assert (panel.values != 0).all() and panel.values.unique().numel() == panel.values.numel()


def test_dropout2d_drawing_shares_each_rows_fate_and_states_the_theory():
    d, cols = 0.5, DRAWING_SHAPE[1]
    drawing = noise_drawing(DROPOUT2D, d, 2)
    channels, elements = (panel.values for panel in drawing.panels)
    assert channels.dtype == elements.dtype == torch.bool
    assert torch.all(channels == channels[:, :1])  # one fate per channel (row)
    shared = (elements.all(dim=1) | ~elements.any(dim=1)).double().mean().item()
    assert drawing.facts == pytest.approx({"dropout2d": 1.0, "positions": cols, "elementwise": shared,
                                           "theory": (1 - d) ** cols + d**cols})


def test_alpha_drawing_caption_states_torchs_affine_map():
    d, seed = 0.5, 6
    drawing = noise_drawing(ALPHA, d, seed)
    (panel,) = drawing.panels
    facts = drawing.facts
    # The drawing's inputs, regenerated: SELU(z) with z from seed + 1.
    inputs = torch.selu(torch.randn(DRAWING_SHAPE, generator=torch.Generator().manual_seed(seed + 1),
                                    dtype=torch.float64))
    dropped = torch.isclose(panel.values, torch.tensor(facts["dropped"], dtype=torch.float64), rtol=0, atol=1e-12)
    assert 0 < dropped.sum() < dropped.numel()  # P(all 48 kept or all dropped) = 2 * 0.5^48
    assert torch.allclose(panel.values[~dropped], facts["a"] * inputs[~dropped] + facts["b"], rtol=1e-12)
    assert facts["dropped"] == pytest.approx(facts["a"] * ALPHA_PRIME + facts["b"], rel=1e-12)


@pytest.mark.parametrize("name", VARIANTS)
def test_seeded_and_global_rng_untouched(name):
    torch.manual_seed(123)
    before = torch.random.get_rng_state()
    first = measure_variant(name, 0.5, n=500, seed=7)
    second = measure_variant(name, 0.5, n=500, seed=7)
    other = measure_variant(name, 0.5, n=500, seed=8)
    assert torch.equal(first.sample, second.sample)
    assert not torch.equal(first.sample, other.sample)
    assert torch.equal(torch.random.get_rng_state(), before)


X = torch.ones(2, 3)


@pytest.mark.parametrize(
    "call",
    [
        lambda: measure_variant("dropblock", 0.5),
        lambda: measure_variant("gaussian", 1.0),
        lambda: measure_variant("gaussian", -0.2),
        lambda: measure_variant("gaussian", 0.5, n=1),
        lambda: measure_variant("gaussian", 0.5, seed=-1),
        lambda: bernoulli_dropout(X, 1.0, seed=0),
        lambda: gaussian_dropout(X, 0.5, seed=1.5),
        lambda: gaussian_dropout(X.long(), 0.5, seed=0),
        lambda: bernoulli_dropout([1.0, 2.0], 0.5, seed=0),
        lambda: alpha_dropout(X.int(), 0.5, seed=0),
        lambda: dropout2d(torch.ones(2, 3, 4, 4, dtype=torch.uint8), 0.5, seed=0),
        lambda: dropconnect_linear(X, torch.ones(2, 4), torch.zeros(2), 0.5, seed=0),
        lambda: dropconnect_linear(X, torch.ones(2, 3), torch.zeros(3), 0.5, seed=0),
        lambda: dropconnect_output_moments(X, torch.ones(2, 3), torch.zeros(2), 1.0),
        lambda: dropout2d(torch.ones(2, 3, 4), 0.5, seed=0),
        lambda: alpha_dropout(X, 1.0, seed=0),
        lambda: alpha_dropout_moments(True),
        lambda: dropout2d_channel_fates(0.5, n_channels=0),
        lambda: noise_drawing(GAUSSIAN, 1.0, 0),
        lambda: noise_drawing(GAUSSIAN, 0.5, -1),
    ],
)
def test_invalid_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()
