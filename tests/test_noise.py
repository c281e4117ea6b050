"""The engine's noise registry: each noise's moments against its closed form, and the nets that train with them."""
import math

import pytest
import torch

from dropout_core.masks.bugs import BUGS
from dropout_core.training.config import TrainConfig
from dropout_core.training.models import ScratchNet, build_model
from dropout_core.training.noise import NOISES, TRAINABLE_NOISES, find_noise

N = 400_000  # samples per moment: the standard error of a mean of unit-variance noise is 0.0016


def draws(noise_id: str, p: float, x: float = 1.0, seed: int = 0) -> torch.Tensor:
    """N training-mode outputs of the noise for a constant input x."""
    H = torch.full((N,), x)
    return find_noise(noise_id).apply(H, p, torch.Generator().manual_seed(seed), True)


@pytest.mark.parametrize("p", [0.1, 0.2, 0.5, 0.8])
@pytest.mark.parametrize("noise_id, mean, variance", [
    # Closed forms for an input x = 2: dropout and Gaussian dropout share mean x and variance x^2 p / (1 - p);
    # additive noise has mean x and variance p / (1 - p) whatever x is; no noise has variance 0.
    ("dropout", lambda p: 2.0, lambda p: 4.0 * p / (1 - p)),
    ("gaussian", lambda p: 2.0, lambda p: 4.0 * p / (1 - p)),
    ("additive", lambda p: 2.0, lambda p: p / (1 - p)),
    ("dropconnect", lambda p: 2.0, lambda p: 4.0 * p / (1 - p)),  # on a weight of 2, one mask entry each
    ("none", lambda p: 2.0, lambda p: 0.0),
])
def test_noise_moments_match_their_closed_forms(noise_id, mean, variance, p):
    out = draws(noise_id, p, x=2.0)
    sd = math.sqrt(variance(p))
    assert out.mean().item() == pytest.approx(mean(p), abs=5 * sd / math.sqrt(N) + 1e-6)
    assert out.var().item() == pytest.approx(variance(p), rel=0.02, abs=1e-9)


@pytest.mark.parametrize("noise_id", list(NOISES))
def test_correct_noises_are_silent_in_eval_mode_and_bugs_are_registered(noise_id):
    noise = find_noise(noise_id)
    H = torch.rand(50, 20, generator=torch.Generator().manual_seed(3)) + 0.5
    out = noise.apply(H, 0.5, torch.Generator().manual_seed(0), False)
    if noise.bug:
        assert noise_id in BUGS and noise.apply is BUGS[noise_id].layer
    else:
        assert torch.equal(out, H)


@pytest.mark.parametrize("noise_id", list(NOISES))
def test_noises_draw_only_from_their_generator(noise_id):
    before = torch.get_rng_state()
    H = torch.rand(30, 10, generator=torch.Generator().manual_seed(1))
    first = find_noise(noise_id).apply(H, 0.3, torch.Generator().manual_seed(9), True)
    again = find_noise(noise_id).apply(H, 0.3, torch.Generator().manual_seed(9), True)
    assert torch.equal(first, again) and torch.equal(torch.get_rng_state(), before)


def test_registry_choices_and_refusals():
    assert TRAINABLE_NOISES == ("dropout", "gaussian", "dropconnect", "additive", "none")
    assert set(NOISES) == set(TRAINABLE_NOISES) | set(BUGS)
    with pytest.raises(ValueError, match="unknown noise 'salt'"):
        find_noise("salt")
    with pytest.raises(ValueError, match="p2: drop rate must be below 1"):
        TrainConfig(noise="gaussian", p2=1.0).validate()
    assert TrainConfig(noise="dropout", p2=1.0).validate().p2 == 1.0  # dropout may drop everything
    with pytest.raises(ValueError, match="needs implementation 'scratch'"):
        TrainConfig(noise="dropconnect", implementation="concise").validate()
    with pytest.raises(ValueError, match="needs implementation 'scratch'"):
        build_model("concise", 0.2, 0.5, (8, 8), "normal", 0, noise="gaussian")


def test_dropconnect_masks_the_weights_that_read_each_hidden_layer():
    """Computed by hand: one mask per batch on lin2's weights (p1) and lin3's (p2), drawn in that order."""
    net = ScratchNet(0.3, 0.6, (16, 8), generator=torch.Generator().manual_seed(4), noise="dropconnect")
    X = torch.rand(5, 784, generator=torch.Generator().manual_seed(2))
    out = net(X)
    masks = torch.Generator().manual_seed(4)
    keep2 = (torch.rand(net.lin2.weight.shape, generator=masks) >= 0.3) / 0.7
    keep3 = (torch.rand(net.lin3.weight.shape, generator=masks) >= 0.6) / 0.4
    H1 = torch.relu(net.lin1(X))
    H2 = torch.relu(H1 @ (net.lin2.weight * keep2).T + net.lin2.bias)
    assert torch.allclose(out, H2 @ (net.lin3.weight * keep3).T + net.lin3.bias, atol=1e-6)
    net.eval()
    assert torch.allclose(net(X), net.lin3(torch.relu(net.lin2(H1))), atol=1e-6)


@pytest.mark.parametrize("noise_id", ["gaussian", "additive"])
def test_activation_noises_act_after_each_relu(noise_id):
    """Computed by hand: the noise on hidden layer 1's ReLU output, then on layer 2's, from one generator."""
    net = ScratchNet(0.2, 0.5, (16, 8), generator=torch.Generator().manual_seed(4), noise=noise_id)
    X = torch.rand(5, 784, generator=torch.Generator().manual_seed(2))
    draws = torch.Generator().manual_seed(4)
    H1 = torch.relu(net.lin1(X))
    z1 = torch.randn(H1.shape, generator=draws) * math.sqrt(0.2 / 0.8)
    H1 = H1 * (1 + z1) if noise_id == "gaussian" else H1 + z1
    H2 = torch.relu(net.lin2(H1))
    z2 = torch.randn(H2.shape, generator=draws) * 1.0
    H2 = H2 * (1 + z2) if noise_id == "gaussian" else H2 + z2
    assert torch.allclose(net(X), net.lin3(H2), atol=1e-5)
