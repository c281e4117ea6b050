"""Averages over thinned networks: eval mode, Monte Carlo averages, MC-dropout uncertainty, subnetwork counting."""
import copy
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dropout_core.masks.functions import dropout_layer
from dropout_core.theory.ensemble import (
    UNCERTAINTY_MEASURES,
    MCPrediction,
    accuracy_when_rejecting,
    count_subnetworks,
    droppable_layers,
    droppable_unit_count,
    eval_mode_metrics,
    images_to_inputs,
    mc_average_metrics,
    mc_predictive,
    subnetwork_drawing,
    uncertainty_by_correctness,
)

N_TRAIN, N_TEST = 2000, 400


def tiny_net(p: float) -> nn.Sequential:
    """A small classifier with one dropout layer, in the shape of d2l's concise net."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Dropout(p), nn.Linear(64, 10))


@pytest.fixture(scope="module")
def fashion(fashion_mnist):
    """Train and test subsets of the real Fashion-MNIST: (train images, labels, test images, labels)."""
    data = fashion_mnist
    return (data.train_images[:N_TRAIN], data.train_labels[:N_TRAIN],
            data.test_images[:N_TEST], data.test_labels[:N_TEST])


@pytest.fixture(scope="module")
def trained(fashion):
    """tiny_net(0.5) after 300 SGD steps on 2,000 training images (about 0.2 s), in eval mode."""
    images, labels, _, _ = fashion
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = tiny_net(0.5)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
        for step in range(300):
            rows = torch.randint(0, N_TRAIN, (64,))
            loss = F.cross_entropy(model(images_to_inputs(images[rows])), labels[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()


def direct_thinned_probs(model, images, T, seed):
    """T thinned passes computed by hand as the API promises: torch.manual_seed(seed), then pass after pass."""
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        torch.manual_seed(seed)
        model.train()
        probs = [torch.softmax(model(images_to_inputs(images)).double(), dim=1) for _ in range(T)]
        model.eval()
    return torch.stack(probs)


def metrics_of(probs, labels):
    """(accuracy, mean -log p[label]) computed directly."""
    accuracy = (probs.argmax(dim=1) == labels).double().mean().item()
    loss = -torch.log(probs[torch.arange(len(labels)), labels]).mean().item()
    return accuracy, loss


def test_the_tiny_model_learned_something(trained, fashion):
    _, _, images, labels = fashion
    accuracy, _ = eval_mode_metrics(trained, images, labels)
    assert accuracy > 0.6  # ten classes: chance is 0.1; this model reaches 0.80


def test_eval_metrics_equal_cross_entropy_computed_by_torch(trained, fashion):
    _, _, images, labels = fashion
    with torch.no_grad():
        logits = trained(images_to_inputs(images))
    accuracy, loss = eval_mode_metrics(trained, images, labels, batch_size=64)
    assert accuracy == (logits.argmax(dim=1) == labels).double().mean().item()
    assert loss == pytest.approx(F.cross_entropy(logits, labels).item(), rel=1e-5)  # float32 logits


def test_running_average_equals_direct_computation_for_every_T(trained, fashion):
    _, _, images, labels = fashion
    T_max, seed = 8, 5
    curve = mc_average_metrics(trained, images, labels, T_max=T_max, seed=seed, batch_size=N_TEST)
    probs = direct_thinned_probs(trained, images, T_max, seed)
    assert list(curve.T) == list(range(1, T_max + 1))
    for T in range(1, T_max + 1):
        accuracy, loss = metrics_of(probs[:T].mean(dim=0), labels)
        assert curve.accuracy[T - 1] == accuracy
        assert curve.loss[T - 1] == pytest.approx(loss, rel=1e-12)
    # T = 1 is one thinned network, and mc_predictive draws the same passes as the curve.
    assert (curve.accuracy[0], curve.loss[0]) == pytest.approx(metrics_of(probs[0], labels), rel=1e-12)
    prediction = mc_predictive(trained, images, T=T_max, seed=seed, batch_size=N_TEST)
    assert np.allclose(prediction.mean_probs, probs.mean(dim=0).numpy(), rtol=1e-12)


def test_averaging_probabilities_never_loses_to_the_average_single_pass(trained, fashion):
    _, _, images, labels = fashion
    curve = mc_average_metrics(trained, images, labels, T_max=10, seed=1)
    probs = direct_thinned_probs(trained, images, 10, seed=1)
    single_losses = [metrics_of(p, labels)[1] for p in probs]
    # -log is convex: -log(mean_t p_t) <= mean_t(-log p_t) for every image (Jensen), hence for the mean loss.
    assert curve.loss[-1] <= np.mean(single_losses)


def test_without_dropout_every_average_is_the_eval_model(trained, fashion):
    _, _, images, labels = fashion
    no_dropout = copy.deepcopy(trained)
    no_dropout[3] = nn.Identity()
    accuracy, loss = eval_mode_metrics(no_dropout, images, labels)
    curve = mc_average_metrics(no_dropout, images, labels, T_max=4, seed=0)
    assert np.all(curve.accuracy == accuracy)
    assert np.allclose(curve.loss, loss, rtol=1e-12)
    prediction = mc_predictive(no_dropout, images, T=4, seed=0)
    assert np.allclose(prediction.predicted_class_std, 0.0, atol=1e-7)


def test_mc_predictive_uncertainties_are_sensible(trained, fashion):
    _, _, images, labels = fashion
    prediction = mc_predictive(trained, images, T=20, seed=0)
    assert prediction.mean_probs.shape == (N_TEST, 10)
    assert np.allclose(prediction.mean_probs.sum(axis=1), 1.0)
    assert np.all(prediction.predictive_entropy >= 0) and np.all(prediction.predictive_entropy <= math.log(10) + 1e-12)
    assert np.all(prediction.predicted_class_std >= 0) and prediction.predicted_class_std.max() > 0.01
    rejecting = accuracy_when_rejecting(prediction.mean_probs, prediction.predictive_entropy, labels.numpy(), [0, 0.5])
    overall = np.mean(prediction.mean_probs.argmax(axis=1) == labels.numpy())
    assert rejecting[0] == overall
    assert rejecting[1] > overall + 0.05  # the uncertain half holds most of the errors (fixed seeds: 0.80 -> 0.96)


def test_passes_run_in_the_right_mode_without_gradients(trained, fashion):
    _, _, images, labels = fashion
    seen = []
    hook = trained.register_forward_hook(
        lambda module, args, output: seen.append((module.training, output.requires_grad))
    )
    try:
        mc_average_metrics(trained, images, labels, T_max=2, seed=0)
        assert seen == [(True, False)] * 2  # dropout on, no graph built
        seen.clear()
        trained.train()
        eval_mode_metrics(trained, images, labels)
        assert seen == [(False, False)]
        assert trained.training  # the caller's mode comes back
    finally:
        hook.remove()
        trained.eval()


def test_seeded_and_global_rng_untouched(trained, fashion):
    _, _, images, labels = fashion
    torch.manual_seed(42)
    before = torch.random.get_rng_state()
    first = mc_average_metrics(trained, images, labels, T_max=3, seed=9)
    second = mc_average_metrics(trained, images, labels, T_max=3, seed=9)
    other = mc_average_metrics(trained, images, labels, T_max=3, seed=10)
    assert np.array_equal(first.loss, second.loss) and not np.array_equal(first.loss, other.loss)
    assert torch.equal(torch.random.get_rng_state(), before)
    assert not trained.training and torch.is_grad_enabled()


class ScratchNet(nn.Module):
    """A from-scratch net whose dropout draws from its own generator, as a d2l-style Net might."""

    def __init__(self, p: float):
        super().__init__()
        self.hidden, self.output, self.p = nn.Linear(784, 32), nn.Linear(32, 10), p
        self.generator = torch.Generator().manual_seed(0)

    def forward(self, X):
        H = torch.relu(self.hidden(X.reshape(-1, 784)))
        if self.training:
            H = dropout_layer(H, self.p, generator=self.generator)
        return self.output(H)


def test_a_model_owning_a_generator_is_seeded_and_restored(fashion):
    _, _, images, labels = fashion
    model = ScratchNet(0.5)
    state = model.generator.get_state()
    first = mc_average_metrics(model, images[:50], labels[:50], T_max=3, seed=2)
    second = mc_average_metrics(model, images[:50], labels[:50], T_max=3, seed=2)
    assert np.array_equal(first.loss, second.loss)
    assert torch.equal(model.generator.get_state(), state)


def test_rejection_accuracy_rises_for_a_calibrated_toy():
    # Calibrated: an image with confidence c is right with probability c, and uncertainty = 1 - c. Keeping the
    # (1 - f) most confident leaves confidences uniform on (f, 1): expected accuracy (1 + f) / 2, rising 0.025 per
    # step of 0.05. Each step removes 5,000 images, so its accuracy change has sd ~0.0003 (binomial), far below 0.025.
    rng = np.random.default_rng(0)
    n = 100_000
    confidence = rng.uniform(0, 1, n)
    correct = rng.uniform(0, 1, n) < confidence
    labels = np.where(correct, 0, 1)
    mean_probs = np.tile([0.9, 0.1], (n, 1))  # always predicts class 0
    fractions = np.linspace(0, 0.5, 11)
    accuracy = accuracy_when_rejecting(mean_probs, 1 - confidence, labels, fractions)
    assert np.all(np.diff(accuracy) > 0)
    assert np.allclose(accuracy, (1 + fractions) / 2, atol=0.01)


def test_rejection_by_hand():
    mean_probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    labels = np.array([0, 0, 0, 1])  # correct, wrong, correct, correct
    uncertainty = np.array([0.1, 0.9, 0.5, 0.5])  # the wrong one is the most uncertain; a tie at 0.5
    accuracy = accuracy_when_rejecting(mean_probs, uncertainty, labels, [0.0, 0.25, 0.5, 0.75])
    assert accuracy.tolist() == [0.75, 1.0, 1.0, 1.0]


def test_uncertainty_by_correctness_by_hand():
    mean_probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    labels = np.array([0, 0, 0, 1])  # right, wrong, right, right
    outcome = uncertainty_by_correctness(mean_probs, np.array([0.1, 0.9, 0.5, 0.3]), labels)
    assert outcome.predicted.tolist() == [0, 1, 0, 1]
    assert outcome.correct.tolist() == [True, False, True, True]
    assert outcome.accuracy == 0.75
    assert outcome.mean_uncertainty_right == pytest.approx(0.3, rel=1e-12)  # (0.1 + 0.5 + 0.3) / 3
    assert outcome.mean_uncertainty_wrong == pytest.approx(0.9, rel=1e-12)
    all_right = uncertainty_by_correctness(mean_probs, np.ones(4), np.array([0, 1, 0, 1]))
    assert all_right.accuracy == 1.0 and math.isnan(all_right.mean_uncertainty_wrong)


def test_uncertainty_by_correctness_agrees_with_torch():
    generator = torch.Generator().manual_seed(3)
    probs = torch.softmax(torch.randn(500, 10, generator=generator, dtype=torch.float64), dim=1)
    labels = torch.randint(0, 10, (500,), generator=generator)
    uncertainty = torch.rand(500, generator=generator, dtype=torch.float64)
    outcome = uncertainty_by_correctness(probs.numpy(), uncertainty.numpy(), labels.numpy())
    right = torch.argmax(probs, dim=1) == labels
    assert outcome.accuracy == pytest.approx(right.double().mean().item(), rel=1e-12)
    assert outcome.mean_uncertainty_right == pytest.approx(uncertainty[right].mean().item(), rel=1e-12)
    assert outcome.mean_uncertainty_wrong == pytest.approx(uncertainty[~right].mean().item(), rel=1e-12)


def test_an_uncertainty_is_chosen_by_its_id():
    prediction = MCPrediction(np.full((2, 2), 0.5), np.array([0.1, 0.2]), np.array([0.3, 0.4]))
    assert UNCERTAINTY_MEASURES == ("entropy", "std")
    assert prediction.uncertainty("entropy") is prediction.predictive_entropy
    assert prediction.uncertainty("std") is prediction.predicted_class_std
    with pytest.raises(ValueError):
        prediction.uncertainty("variance")


def test_subnetwork_drawing_keeps_input_and_output_layers():
    kept = subnetwork_drawing((4, 6, 6, 3), (0.2, 0.5), seed=1)
    assert [len(layer) for layer in kept] == [4, 6, 6, 3]
    assert kept[0].all() and kept[-1].all()
    assert all(layer.dtype == torch.bool for layer in kept)
    assert droppable_layers((4, 6, 6, 3)) == (1, 2)
    again = subnetwork_drawing((4, 6, 6, 3), (0.2, 0.5), seed=1)
    assert all(torch.equal(a, b) for a, b in zip(kept, again))


def test_subnetwork_keep_rates_match_the_drop_probabilities():
    draws = [subnetwork_drawing((1, 100, 100, 1), (0.2, 0.5), seed=seed) for seed in range(100)]
    for layer, p in ((1, 0.2), (2, 0.5)):
        kept = torch.stack([draw[layer] for draw in draws]).double().mean().item()
        assert abs(kept - (1 - p)) < 4 * math.sqrt(p * (1 - p) / 10_000)  # 4 binomial SE over 10,000 units


def test_counting_subnetworks():
    assert count_subnetworks(0) == 1
    assert count_subnetworks(12) == 4096 == count_subnetworks(droppable_unit_count((4, 6, 6, 3), (0.2, 0.5)))
    d2l_units = droppable_unit_count((784, 256, 256, 10), (0.2, 0.5))
    assert d2l_units == 512 and count_subnetworks(d2l_units) == 2**512  # an exact int of 155 digits
    assert droppable_unit_count((4, 6, 6, 3), (0.0, 0.5)) == 6  # a layer without dropout has nothing to drop


IMAGES = torch.zeros(5, 28, 28, dtype=torch.uint8)
LABELS = torch.zeros(5, dtype=torch.long)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: eval_mode_metrics(m, IMAGES.float(), LABELS),
        lambda m: eval_mode_metrics(m, IMAGES, LABELS[:3]),
        lambda m: eval_mode_metrics(m, IMAGES, LABELS.float()),
        lambda m: eval_mode_metrics(m, IMAGES, LABELS, batch_size=0),
        lambda m: eval_mode_metrics(m, IMAGES, LABELS + 10),
        lambda m: mc_average_metrics(m, IMAGES, LABELS - 1, T_max=2),
        lambda m: mc_average_metrics(m, IMAGES, LABELS, T_max=0),
        lambda m: mc_average_metrics(m, IMAGES, LABELS, seed=-3),
        lambda m: mc_predictive(m, IMAGES[:0], T=3),
        lambda m: mc_predictive(m, IMAGES, T=0),
        lambda m: accuracy_when_rejecting(np.ones((5, 2)), np.ones(5), np.zeros(5), [1.0]),
        lambda m: accuracy_when_rejecting(np.ones((5, 2)), np.ones(5), np.zeros(5), [-0.1]),
        lambda m: accuracy_when_rejecting(np.ones((5, 2)), np.ones(4), np.zeros(5)),
        lambda m: uncertainty_by_correctness(np.ones((5, 2)), np.ones(5), np.zeros(4)),
        lambda m: uncertainty_by_correctness(np.ones(5), np.ones(5), np.zeros(5)),
        lambda m: uncertainty_by_correctness(np.ones((0, 2)), np.ones(0), np.zeros(0)),
        lambda m: subnetwork_drawing((4, 6, 6, 3), (0.5,), seed=0),
        lambda m: subnetwork_drawing((4, 0, 3), (0.5,), seed=0),
        lambda m: subnetwork_drawing((4,), (), seed=0),
        lambda m: subnetwork_drawing((4, 6, 3), (1.5,), seed=0),
        lambda m: count_subnetworks(-1),
        lambda m: count_subnetworks(2.0),
        lambda m: count_subnetworks(True),
    ],
)
def test_invalid_arguments_raise_value_error(call):
    model = tiny_net(0.5)
    with pytest.raises(ValueError):
        call(model)
    assert model.training  # a refused call leaves the model as it was
