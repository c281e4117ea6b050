"""The Theory lab's pure helpers: private copies of networks, fingerprints, chart-ready frames."""
import math

import numpy as np
import pytest
import torch

from dropout_core.theory.ensemble import (
    decimal_digits,
    entropy,
    eval_mode_probabilities,
    images_to_inputs,
    most_and_least_certain,
    subnetwork_drawing,
)
from dropout_core.theory.lab_network import (
    model_fingerprint,
    snapshot_model,
)
from dropout_core.training.config import TrainConfig
from dropout_core.training.models import build_model
from ui.theory_lab.charts import (
    histogram_frame,
    log_spaced_indices,
    network_drawing,
    upscale,
)

CONFIG = TrainConfig(p1=0.2, p2=0.5, hidden=(8, 6))
IMAGES = torch.randint(0, 256, (5, 28, 28), generator=torch.Generator().manual_seed(0), dtype=torch.uint8)


@pytest.mark.parametrize("implementation", ["scratch", "concise"])
def test_snapshot_computes_what_the_original_computes_and_shares_nothing(implementation):
    original = build_model(implementation, CONFIG.p1, CONFIG.p2, CONFIG.hidden, "default", seed=3).train()
    copy = snapshot_model(original, CONFIG)
    assert not copy.training and isinstance(copy.generator, torch.Generator)
    with torch.no_grad():
        expected = original.eval()(images_to_inputs(IMAGES))
        np.testing.assert_array_equal(copy(images_to_inputs(IMAGES)).numpy(), expected.numpy())
        next(original.parameters()).add_(1.0)
    assert not torch.equal(next(original.parameters()), next(copy.parameters()))


def test_fingerprint_follows_the_weights_and_drop_rates():
    model = build_model("scratch", 0.2, 0.5, (8, 6), "default", seed=1)
    same = build_model("scratch", 0.2, 0.5, (8, 6), "default", seed=1)
    other_rates = build_model("scratch", 0.3, 0.5, (8, 6), "default", seed=1)
    assert model_fingerprint(model) == model_fingerprint(same) == model_fingerprint(snapshot_model(model, CONFIG))
    assert model_fingerprint(model) != model_fingerprint(other_rates)
    with torch.no_grad():
        model.lin3.bias[0] += 1e-6
    assert model_fingerprint(model) != model_fingerprint(same)


def test_eval_mode_probabilities_are_the_eval_softmax_and_restore_the_mode():
    model = build_model("concise", 0.5, 0.5, (8, 6), "default", seed=2).train()
    probabilities = eval_mode_probabilities(model, IMAGES)
    assert model.training
    with torch.no_grad():
        expected = torch.softmax(model.eval()(images_to_inputs(IMAGES)).double(), dim=1).numpy()
    np.testing.assert_allclose(probabilities, expected, rtol=1e-12)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-12)


def test_entropy_of_certain_and_uniform_predictions():
    probabilities = np.array([[1.0, 0.0, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25], [0.5, 0.5, 0.0, 0.0]])
    np.testing.assert_allclose(entropy(probabilities), [0.0, math.log(4), math.log(2)], atol=1e-15)


def test_most_and_least_certain_in_order_with_ties_by_position():
    most, least = most_and_least_certain(np.array([0.5, 0.1, 0.9, 0.1, 0.7]), 2)
    assert most.tolist() == [1, 3] and least.tolist() == [2, 4]
    with pytest.raises(ValueError):
        most_and_least_certain(np.zeros(3), 0)


def test_upscale_repeats_pixels():
    image = np.array([[0, 255], [7, 9]], dtype=np.uint8)
    big = upscale(image, 3)
    assert big.shape == (6, 6) and big.dtype == np.uint8
    assert (big[:3, 3:] == 255).all() and (big[3:, :3] == 7).all()
    with pytest.raises(ValueError):
        upscale(np.zeros((2, 2, 2)), 2)


@pytest.mark.parametrize("length", [1, 7, 100, 10_000])
def test_log_spaced_indices_keep_both_ends(length):
    indices = log_spaced_indices(length, 120)
    assert indices[0] == 0 and indices[-1] == length - 1
    assert len(indices) <= min(length, 120) and np.all(np.diff(indices) > 0)


def test_histogram_counts_every_value_once_and_groups_can_share_bins():
    sample = np.random.default_rng(0).normal(size=1000)
    frame = histogram_frame(sample, bins=20)
    assert frame["count"].sum() == 1000 and len(frame) == 20
    assert frame["start"].iloc[0] == sample.min() and frame["end"].iloc[-1] == sample.max()
    shared = histogram_frame(sample[:10], bins=20, value_range=(-5.0, 5.0))
    assert shared["start"].iloc[0] == -5.0 and shared["count"].sum() == 10
    assert histogram_frame(np.ones(4), bins=3)["count"].sum() == 4  # a constant sample still has its bar


def test_network_drawing_greys_out_what_the_mask_removes():
    sizes = (4, 6, 6, 3)
    kept = subnetwork_drawing(sizes, (0.2, 0.5), seed=4)
    units, connections = network_drawing(sizes, kept)
    assert len(units) == sum(sizes) and len(connections) == 4 * 6 + 6 * 6 + 6 * 3
    assert units["kept"].sum() == sum(int(mask.sum()) for mask in kept)
    kept_at = {(row.x, row.y): row.kept for row in units.itertuples()}
    for row in connections.itertuples():
        assert row.active == (kept_at[(row.x, row.y)] and kept_at[(row.x2, row.y2)])
    assert not connections["active"].iloc[0] or connections["active"].all()  # inactive ones are drawn first
    with pytest.raises(ValueError):
        network_drawing(sizes, kept[:-1])


def test_decimal_digits():
    assert decimal_digits(2**512) == 155 == math.floor(512 * math.log10(2)) + 1
    assert decimal_digits(0) == 1 and decimal_digits(4096) == 4
