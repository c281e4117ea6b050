"""Averages over thinned networks: eval mode, Monte Carlo averages, MC-dropout uncertainty, subnetwork counting."""
import copy
import itertools
import math
import statistics

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from dropout_core.masks.functions import dropout_layer
from dropout_core.theory.ensemble import (
    EVAL_ENTROPY,
    REJECTION_MEASURES,
    UNCERTAINTY_MEASURES,
    MCPrediction,
    accuracy_when_rejecting,
    closer_average,
    compare_rejection,
    count_subnetworks,
    droppable_layers,
    droppable_unit_count,
    eval_mode_metrics,
    eval_mode_probabilities,
    images_to_inputs,
    mc_average_metrics,
    mc_predictive,
    mean_l1_distance,
    paired_accuracy_difference,
    rejection_difference,
    subnetwork_drawing,
    uncertainty_by_correctness,
    uncertainty_gap,
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


def numpy_geometric_mean(probs: np.ndarray) -> torch.Tensor:
    """The normalised geometric mean over the first axis, written out: exp(mean log p), divided by its sum."""
    unnormalised = np.exp(np.log(probs).mean(axis=0))
    return torch.from_numpy(unnormalised / unnormalised.sum(axis=-1, keepdims=True))


def numpy_entropy(probs: np.ndarray) -> np.ndarray:
    """-sum_c p_c ln p_c over the last axis (all probabilities here are above 0)."""
    return -(probs * np.log(probs)).sum(axis=-1)


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
        assert curve.arithmetic.accuracy[T - 1] == accuracy
        assert curve.arithmetic.loss[T - 1] == pytest.approx(loss, rel=1e-12)
        accuracy, loss = metrics_of(numpy_geometric_mean(probs[:T].numpy()), labels)
        assert curve.geometric.accuracy[T - 1] == accuracy
        assert curve.geometric.loss[T - 1] == pytest.approx(loss, rel=1e-10)
    np.testing.assert_allclose(curve.arithmetic_probs, probs.mean(dim=0).numpy(), rtol=1e-12)
    np.testing.assert_allclose(curve.geometric_probs, numpy_geometric_mean(probs.numpy()).numpy(), rtol=1e-10)
    np.testing.assert_allclose(curve.first_probs, probs[0].numpy(), rtol=1e-12)
    # T = 1 is one thinned network, both averages of it are that network, and mc_predictive draws the same passes.
    for average in (curve.arithmetic, curve.geometric):
        assert (average.accuracy[0], average.loss[0]) == pytest.approx(metrics_of(probs[0], labels), rel=1e-10)
    prediction = mc_predictive(trained, images, T=T_max, seed=seed, batch_size=N_TEST)
    assert np.allclose(prediction.mean_probs, probs.mean(dim=0).numpy(), rtol=1e-12)


def test_averaging_probabilities_never_loses_to_the_average_single_pass(trained, fashion):
    _, _, images, labels = fashion
    curve = mc_average_metrics(trained, images, labels, T_max=10, seed=1)
    probs = direct_thinned_probs(trained, images, 10, seed=1)
    single_losses = [metrics_of(p, labels)[1] for p in probs]
    # -log is convex: -log(mean_t p_t) <= mean_t(-log p_t) for every image (Jensen), hence for the mean loss.
    assert curve.arithmetic.loss[-1] <= np.mean(single_losses)


def test_without_dropout_every_average_is_the_eval_model(trained, fashion):
    _, _, images, labels = fashion
    no_dropout = copy.deepcopy(trained)
    no_dropout[3] = nn.Identity()
    accuracy, loss = eval_mode_metrics(no_dropout, images, labels)
    curve = mc_average_metrics(no_dropout, images, labels, T_max=4, seed=0)
    for average in (curve.arithmetic, curve.geometric):
        assert np.all(average.accuracy == accuracy)
        assert np.allclose(average.loss, loss, rtol=1e-6)  # float32 logits, float64 averages
    prediction = mc_predictive(no_dropout, images, T=4, seed=0)
    assert np.allclose(prediction.predicted_class_std, 0.0, atol=1e-7)
    assert np.allclose(prediction.mutual_information, 0.0, atol=1e-12)


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
    assert np.array_equal(first.arithmetic.loss, second.arithmetic.loss)
    assert not np.array_equal(first.arithmetic.loss, other.arithmetic.loss)
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
    assert np.array_equal(first.geometric.loss, second.geometric.loss)
    assert torch.equal(model.generator.get_state(), state)


# --- a single softmax layer: weight scaling is exactly the normalised geometric mean (Srivastava et al. 2014) -----
class FirstPixels(nn.Module):
    """The first k pixels of each image as a float64 vector: a tiny input whose masks can all be listed."""

    def __init__(self, k: int):
        super().__init__()
        self.k = k

    def forward(self, X):
        return X.reshape(len(X), -1)[:, :self.k].double()


class EnumeratingDropout(nn.Module):
    """Inverted dropout whose t-th training pass applies the t-th mask of a fixed list (cycling): one pass per list
    entry enumerates every thinned network, each as often as the list repeats it."""

    def __init__(self, masks: torch.Tensor, p: float):
        super().__init__()
        self.masks, self.p, self.calls = masks, p, 0

    def forward(self, X):
        if not self.training:
            return X
        mask = self.masks[self.calls % len(self.masks)]
        self.calls += 1
        return X * mask / (1 - self.p)


def masks_in_proportion(k: int, drop: int, out_of: int) -> torch.Tensor:
    """Every keep-mask of k units, each repeated in proportion to its probability at p = drop / out_of:
    (out_of - drop) ** kept * drop ** dropped times."""
    rows = [bits for bits in itertools.product((0.0, 1.0), repeat=k)
            for _ in range((out_of - drop) ** int(sum(bits)) * drop ** (k - int(sum(bits))))]
    return torch.tensor(rows, dtype=torch.float64)


@pytest.mark.parametrize("drop, out_of", [(1, 2), (1, 4)])
def test_eval_mode_is_exactly_the_normalised_geometric_mean_of_a_single_softmax_layer(drop, out_of):
    p, k, classes = drop / out_of, 3, 4
    generator = torch.Generator().manual_seed(drop)
    images = torch.randint(0, 256, (6, 28, 28), generator=generator, dtype=torch.uint8)
    labels = torch.randint(0, classes, (6,), generator=generator)
    masks = masks_in_proportion(k, drop, out_of)  # 8 passes at p = 1/2, 64 at p = 1/4
    linear = nn.Linear(k, classes, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(4 * torch.randn(classes, k, generator=generator, dtype=torch.float64))
    model = nn.Sequential(FirstPixels(k), EnumeratingDropout(masks, p), linear).eval()

    averages = mc_average_metrics(model, images, labels, T_max=len(masks), seed=0)
    eval_probs = eval_mode_probabilities(model, images)

    # Independently: every distinct mask once, weighted by its probability (1 - p)^kept p^dropped.
    x = images_to_inputs(images).reshape(6, -1)[:, :k].double().numpy()
    W, b = linear.weight.detach().numpy(), linear.bias.detach().numpy()
    mean_log_probs, arithmetic = 0.0, 0.0
    for bits in itertools.product((0, 1), repeat=k):
        mask = np.array(bits, dtype=np.float64)
        weight = (1 - p) ** mask.sum() * p ** (k - mask.sum())
        logits = (x * mask / (1 - p)) @ W.T + b
        probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        mean_log_probs = mean_log_probs + weight * np.log(probs)
        arithmetic = arithmetic + weight * probs
    geometric = np.exp(mean_log_probs) / np.exp(mean_log_probs).sum(axis=1, keepdims=True)

    np.testing.assert_allclose(averages.geometric_probs, geometric, rtol=1e-12)
    np.testing.assert_allclose(averages.arithmetic_probs, arithmetic, rtol=1e-12)
    np.testing.assert_allclose(eval_probs, geometric, rtol=1e-12)  # weight scaling IS the geometric mean here
    assert mean_l1_distance(eval_probs, averages.geometric_probs) < 1e-12
    assert mean_l1_distance(eval_probs, averages.arithmetic_probs) > 0.05  # and not the arithmetic one
    rows = np.arange(6), labels.numpy()
    assert averages.geometric.loss[-1] == pytest.approx(-np.log(geometric[rows]).mean(), rel=1e-12)
    assert averages.arithmetic.loss[-1] == pytest.approx(-np.log(arithmetic[rows]).mean(), rel=1e-12)
    assert averages.geometric.accuracy[-1] == np.mean(geometric.argmax(axis=1) == labels.numpy())


def test_mean_l1_distance_by_hand():
    assert mean_l1_distance([[1.0, 0.0], [0.5, 0.5]], [[0.0, 1.0], [0.5, 0.5]]) == 1.0  # (2 + 0) / 2
    assert mean_l1_distance([[0.2, 0.8]], [[0.5, 0.5]]) == pytest.approx(0.6, rel=1e-12)
    with pytest.raises(ValueError):
        mean_l1_distance([[0.2, 0.8]], [[0.2, 0.3, 0.5]])


@pytest.mark.parametrize("right_a, right_b, both, neither, verdict", [
    (2, 1, 7, 0, "same"), (0, 20, 25, 5, "worse"), (20, 0, 25, 5, "better"), (0, 0, 4, 4, "same"),
])
def test_paired_accuracy_difference_by_hand(right_a, right_b, both, neither, verdict):
    # McNemar's counts: b images only a gets right, c only b gets right; the paired difference's variance is
    # (b + c - n d^2) / (n - 1) with d = (b - c) / n, and its standard error that over sqrt(n).
    a = [True] * right_a + [False] * right_b + [True] * both + [False] * neither
    b = [False] * right_a + [True] * right_b + [True] * both + [False] * neither
    n = len(a)
    d = (right_a - right_b) / n
    se = math.sqrt((right_a + right_b - n * d**2) / (n - 1) / n)
    result = paired_accuracy_difference(a, b)
    assert result.difference == pytest.approx(d, abs=1e-15)
    assert result.standard_error == pytest.approx(se, abs=1e-15)
    assert result.verdict == verdict


# --- MC dropout's uncertainties -------------------------------------------------------------------------------------
class AlternatingPasses(nn.Module):
    """Ignores its input: training passes alternate between two fixed sets of logits, one row per image."""

    def __init__(self, first: torch.Tensor, second: torch.Tensor):
        super().__init__()
        self.passes, self.calls = (first, second), 0

    def forward(self, X):
        logits = self.passes[self.calls % 2] if self.training else self.passes[0]
        self.calls += self.training
        return logits


def test_mc_uncertainties_of_a_hand_worked_two_pass_two_class_example():
    # Image 0: the passes say (3/4, 1/4) and (1/4, 3/4); image 1: both say (3/4, 1/4).
    model = AlternatingPasses(torch.tensor([[0.75, 0.25], [0.75, 0.25]], dtype=torch.float64).log(),
                              torch.tensor([[0.25, 0.75], [0.75, 0.25]], dtype=torch.float64).log())
    prediction = mc_predictive(model, torch.zeros(2, 28, 28, dtype=torch.uint8), T=2)
    h = math.log(4) - 0.75 * math.log(3)  # entropy of (3/4, 1/4) = 0.5623 nats
    np.testing.assert_allclose(prediction.mean_probs, [[0.5, 0.5], [0.75, 0.25]], rtol=1e-12)
    # Image 0: total ln 2 = 0.6931, of which disagreement ln 2 - h = 0.1308; image 1: total h, no disagreement.
    np.testing.assert_allclose(prediction.predictive_entropy, [math.log(2), h], rtol=1e-12)
    np.testing.assert_allclose(prediction.mutual_information, [0.75 * math.log(3) - math.log(2), 0.0], atol=1e-15)
    np.testing.assert_allclose(prediction.predicted_class_std, [0.25, 0.0], atol=1e-15)


def test_mc_uncertainties_agree_with_numpy_on_real_passes(trained, fashion):
    _, _, images, _ = fashion
    T, seed = 12, 4
    prediction = mc_predictive(trained, images, T=T, seed=seed)
    probs = direct_thinned_probs(trained, images, T, seed).numpy()  # (T, n, classes)
    mean = probs.mean(axis=0)
    np.testing.assert_allclose(prediction.predictive_entropy, numpy_entropy(mean), rtol=1e-10)
    mutual_information = numpy_entropy(mean) - numpy_entropy(probs).mean(axis=0)
    np.testing.assert_allclose(prediction.mutual_information, mutual_information, rtol=1e-8, atol=1e-12)
    predicted = mean.argmax(axis=1)
    np.testing.assert_allclose(prediction.predicted_class_std, probs[:, np.arange(len(mean)), predicted].std(axis=0),
                               rtol=1e-8, atol=1e-12)
    assert np.all(prediction.mutual_information <= prediction.predictive_entropy)
    assert prediction.mutual_information.max() > 0.05  # the passes do disagree on some images


def test_rejection_comparison_by_hand():
    mean_probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    labels = np.array([0, 0, 0, 1])  # the MC average: right, wrong, right, right
    prediction = MCPrediction(mean_probs, np.array([0.1, 0.9, 0.5, 0.5]), np.array([0.9, 0.1, 0.2, 0.3]),
                              np.array([0.2, 0.8, 0.1, 0.3]))
    eval_probs = np.array([[0.5, 0.5], [0.6, 0.4], [0.99, 0.01], [0.8, 0.2]])  # right (tie -> 0), right, right, wrong
    comparison = compare_rejection(prediction, eval_probs, labels, [0.0, 0.25])
    assert tuple(comparison.accuracy) == REJECTION_MEASURES and comparison.kept.tolist() == [4, 3]
    assert comparison.accuracy["entropy"].tolist() == [0.75, 1.0]  # sets image 1 aside
    assert comparison.accuracy["mutual_information"].tolist() == [0.75, 2 / 3]  # sets image 0 aside
    assert comparison.accuracy["std"].tolist() == [0.75, 1.0]  # sets image 1 aside
    # eval entropies: ln 2, 0.673, 0.056, 0.500: sets image 0 aside, keeps 1, 2, 3 of which 3 is wrong.
    assert comparison.accuracy[EVAL_ENTROPY].tolist() == [0.75, 2 / 3]
    assert comparison.best_at(1) == ("entropy", "std")
    assert comparison.best_at(0) == REJECTION_MEASURES  # a four-way tie



def bootstrap_by_loop(mc_probs, mc_uncertainty, eval_probs, labels, fraction, resamples, seed):
    """The bootstrap written out: resample the images, set aside each side's least certain fraction, compare."""
    rng = np.random.default_rng(seed)
    n, kept = len(labels), len(labels) - math.floor(fraction * len(labels))
    eval_uncertainty = -(eval_probs * np.log(eval_probs)).sum(axis=1)
    differences = []
    for _ in range(resamples):
        rows = rng.integers(0, n, n)
        rest = []
        for probs, uncertainty in ((mc_probs, mc_uncertainty), (eval_probs, eval_uncertainty)):
            keep = rows[np.argsort(uncertainty[rows], kind="stable")[:kept]]
            rest.append(np.mean(probs[keep].argmax(axis=1) == labels[keep]))
        differences.append(rest[0] - rest[1])
    return statistics.stdev(differences)


@pytest.mark.parametrize("mc_flags_errors, verdict", [(True, "better"), (False, "same")])
def test_rejection_difference_is_judged_by_resampling_the_same_images(mc_flags_errors, verdict):
    # 1,000 images, the same predictions both ways, 85 % right. MC dropout's uncertainty is about 1 on every wrong
    # image when it flags errors, otherwise random. The eval pass's confidence c in its class is random too: its
    # entropy falls as c rises, so it sets aside the images of lowest c, which are no likelier to be wrong.
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 10, 1000)
    right = rng.random(1000) < 0.85
    predicted = np.where(right, labels, (labels + 1) % 10)
    confidence = rng.uniform(0.5, 0.99, 1000)
    eval_probs = np.repeat(((1 - confidence) / 9)[:, None], 10, axis=1)
    eval_probs[np.arange(1000), predicted] = confidence
    noise = rng.random(1000)
    mc_uncertainty = np.where(right, 0.0, 1.0) + 0.1 * noise if mc_flags_errors else noise
    prediction = MCPrediction(eval_probs, mc_uncertainty, mc_uncertainty, mc_uncertainty)  # the same predictions
    found = rejection_difference(prediction, eval_probs, labels, "entropy", 0.2, resamples=50, seed=3)
    expected = (np.mean(right[np.argsort(mc_uncertainty, kind="stable")[:800]])
                - np.mean(right[np.argsort(-confidence, kind="stable")[:800]]))
    assert found.difference == pytest.approx(expected, abs=1e-12)
    assert found.standard_error == pytest.approx(
        bootstrap_by_loop(eval_probs, mc_uncertainty, eval_probs, labels, 0.2, 50, 3), rel=1e-9)
    assert found.verdict == verdict


def test_the_same_uncertainty_both_ways_differs_by_nothing():
    rng = np.random.default_rng(2)
    probs = rng.dirichlet(np.ones(10), 300)
    labels = rng.integers(0, 10, 300)
    entropies = -(probs * np.log(probs)).sum(axis=1)
    found = rejection_difference(MCPrediction(probs, entropies, entropies, entropies), probs, labels, "entropy", 0.2)
    assert found.difference == 0.0 and found.standard_error == 0.0 and found.verdict == "same"


@pytest.mark.parametrize("wrong, right, verdict", [
    ([2.0, 1.0, 1.5, 1.5], [0.1, 0.3, 0.2, 0.2, 0.2], "higher"),
    ([0.1, 0.3], [2.0, 1.0, 1.5], "lower"),
    ([0.5, 1.5, 1.0], [0.4, 1.4, 0.9, 1.3], "same"),
])
def test_uncertainty_gap_by_hand(wrong, right, verdict):
    # Welch: (mean_w - mean_r) with standard error sqrt(var_w / n_w + var_r / n_r), sample variances.
    uncertainty = np.array(wrong + right)
    correct = np.array([False] * len(wrong) + [True] * len(right))
    order = np.random.default_rng(0).permutation(len(uncertainty))  # the groups need not be contiguous
    found = uncertainty_gap(uncertainty[order], correct[order])
    mean_w, mean_r = sum(wrong) / len(wrong), sum(right) / len(right)
    var_w = sum((u - mean_w) ** 2 for u in wrong) / (len(wrong) - 1)
    var_r = sum((u - mean_r) ** 2 for u in right) / (len(right) - 1)
    assert found.difference == pytest.approx(mean_w - mean_r, rel=1e-12)
    assert found.standard_error == pytest.approx(math.sqrt(var_w / len(wrong) + var_r / len(right)), rel=1e-12)
    assert found.verdict == verdict


def test_uncertainty_gap_has_no_verdict_without_two_of_each():
    found = uncertainty_gap([0.5, 0.2, 0.9], [True, True, False])  # one wrong prediction: no spread to judge by
    assert found.verdict is None and math.isnan(found.difference)
    assert uncertainty_gap([0.5, 0.2, 0.9], [False, True, False]).verdict is None  # one right prediction
    # Without dropout the passes agree: a disagreement of rounding size is no difference, however small its error.
    assert uncertainty_gap([3e-16, 1e-16, 0.0, 2e-16], [True, False, True, False]).verdict == "same"
    with pytest.raises(ValueError):
        uncertainty_gap([0.5, 0.2], [True])


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
    prediction = MCPrediction(np.full((2, 2), 0.5), np.array([0.1, 0.2]), np.array([0.05, 0.1]), np.array([0.3, 0.4]))
    assert UNCERTAINTY_MEASURES == ("entropy", "mutual_information", "std")
    assert prediction.uncertainty("entropy") is prediction.predictive_entropy
    assert prediction.uncertainty("mutual_information") is prediction.mutual_information
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


def test_closer_average_names_the_nearer_average_or_a_tie():
    assert closer_average(0.019, 0.076) == "geometric"
    assert closer_average(0.08, 0.02) == "arithmetic"
    assert closer_average(0.0, 0.0) == "tied"  # no dropout: both averages are the full network
