"""A cheap average over thinned networks: eval mode (weight scaling) against Monte Carlo averages, MC dropout.

Two averages of T thinned networks' softmax outputs: the arithmetic mean of the probabilities, and the normalised
geometric mean (exp of the mean log-probability, renormalised). Srivastava et al. (2014) show that weight scaling,
i.e. eval mode, gives the normalised geometric mean over all thinned networks exactly for a single softmax layer and
approximately with hidden layers.

Works on any classifier nn.Module that maps images (N, 1, 28, 28) scaled to [0, 1] to logits (N, classes) and whose
dropout obeys .train() / .eval() (nn.Dropout, F.dropout(training=self.training), or a from-scratch layer guarded by
self.training). Thinned networks are sampled with dropout on (model.train()) and never build a gradient graph.
"""
import contextlib
import math
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from ..checks import check_drop_probability, check_int_at_least, check_seed
from ..masks.functions import dropout_mask
from ..runtime.rng import seeded_global_rng
from ..training.outcomes import ROUNDING, UNJUDGED, JudgedDifference, judge_difference

DEFAULT_BATCH_SIZE = 1000
DEFAULT_REJECT_FRACTIONS = tuple(np.round(np.linspace(0.0, 0.5, 11), 2))
D2L_DEMO_LAYER_SIZES = (4, 6, 6, 3)  # a tiny stand-in for d2l's 784-256-256-10, small enough to draw
D2L_HIDDEN_DROP = (0.2, 0.5)  # d2l's dropout after the first and second hidden layers
# MCPrediction's per-image uncertainties, by id: total (predictive entropy), the part due to disagreement between
# passes (mutual information), and the spread of the predicted class's probability.
UNCERTAINTY_MEASURES = ("entropy", "mutual_information", "std")
EVAL_ENTROPY = "eval_entropy"  # the baseline: entropy of one eval-mode pass's softmax
REJECTION_MEASURES = (*UNCERTAINTY_MEASURES, EVAL_ENTROPY)
VERDICTS = ("better", "same", "worse")  # an accuracy difference's verdicts, in reading order
GAP_VERDICTS = ("higher", "same", "lower")  # uncertainty_gap's verdicts: wrong predictions' against right ones'
# Resamples of the test images behind rejection_difference's standard error: with 1,000 its own error is about 2 %
# (200 left it near 5 %, enough to flip a verdict on the edge of two standard errors).
BOOTSTRAP_RESAMPLES = 1000
AVERAGE_KINDS = ("arithmetic", "geometric")  # the two averages of thinned networks, ThinnedAverages' fields
TIED = "tied"  # closer_average's answer when eval mode is as close to one average as to the other


class Metrics(NamedTuple):
    """Accuracy and mean cross-entropy (natural log) of a classifier's predictions on labelled images."""

    accuracy: float
    loss: float


class AverageCurve(NamedTuple):
    """Accuracy and loss of one kind of average of the first T thinned networks, for T = 1..T_max."""

    accuracy: np.ndarray  # (T_max,)
    loss: np.ndarray  # (T_max,)


class ThinnedAverages(NamedTuple):
    """The arithmetic and the normalised geometric mean of T thinned networks' predictions, T = 1..T_max."""

    T: np.ndarray  # (T_max,) 1, 2, ..., T_max
    arithmetic: AverageCurve
    geometric: AverageCurve
    arithmetic_probs: np.ndarray  # (n, classes) float64, the arithmetic mean at T = T_max
    geometric_probs: np.ndarray  # (n, classes) float64, the normalised geometric mean at T = T_max
    first_probs: np.ndarray  # (n, classes) float64, the first thinned network's alone (T = 1)


class MCPrediction(NamedTuple):
    """Monte Carlo dropout prediction: mean probabilities over T passes and three per-image uncertainties."""

    mean_probs: np.ndarray  # (n, classes) float64
    predictive_entropy: np.ndarray  # (n,) entropy (nats) of the mean probabilities: total uncertainty
    mutual_information: np.ndarray  # (n,) predictive entropy minus the passes' mean entropy: their disagreement
    predicted_class_std: np.ndarray  # (n,) std across passes of the probability of the predicted (argmax-mean) class

    def uncertainty(self, measure: str) -> np.ndarray:
        """The per-image uncertainty with this id, one of UNCERTAINTY_MEASURES."""
        if measure not in UNCERTAINTY_MEASURES:
            raise ValueError(f"unknown uncertainty measure {measure!r}; choose one of {UNCERTAINTY_MEASURES}")
        return {"entropy": self.predictive_entropy, "mutual_information": self.mutual_information,
                "std": self.predicted_class_std}[measure]


class Correctness(NamedTuple):
    """Which predictions are right, and how uncertain the right and the wrong ones are on average."""

    predicted: np.ndarray  # (n,) the predicted class: argmax of the mean probabilities
    correct: np.ndarray  # (n,) bool
    accuracy: float
    mean_uncertainty_right: float  # NaN when no prediction is right
    mean_uncertainty_wrong: float  # NaN when no prediction is wrong


def entropy(probabilities: np.ndarray) -> np.ndarray:
    """Entropy in nats of each row of probabilities (N, classes); 0 log 0 counts as 0."""
    p = np.asarray(probabilities, dtype=np.float64)
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=1)


@contextlib.contextmanager
def _sampling_mode(model: nn.Module, training: bool, seed: int | None):
    """Put model in train or eval mode without gradients, seeded if asked, and restore its mode and RNGs after."""
    was_training = model.training
    own_generators = [
        module.generator for module in model.modules()
        if isinstance(getattr(module, "generator", None), torch.Generator)
    ]
    saved_states = [generator.get_state() for generator in own_generators]
    seeding = seeded_global_rng(seed, _model_device(model)) if seed is not None else contextlib.nullcontext()
    try:
        with seeding, torch.no_grad():
            if seed is not None:  # a from-scratch dropout layer may own a generator instead of using the global one
                for offset, generator in enumerate(own_generators):
                    generator.manual_seed(seed + 1 + offset)
            model.train(training)
            yield
    finally:
        model.train(was_training)
        for generator, state in zip(own_generators, saved_states):
            generator.set_state(state)


def _model_device(model: nn.Module) -> torch.device:
    """The device of the model's first parameter (CPU for a model without parameters)."""
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def _check_labelled_images(images: torch.Tensor, labels: torch.Tensor) -> None:
    """Raise ValueError unless images are uint8 (N, 28, 28) and labels int (N,) with N >= 1."""
    if not isinstance(images, torch.Tensor) or images.dtype != torch.uint8 or images.dim() != 3 or len(images) == 0:
        raise ValueError("images must be a non-empty uint8 tensor (N, 28, 28), as load_fashion_mnist() returns them")
    if labels is not None and (labels.shape != (len(images),) or labels.is_floating_point()):
        raise ValueError(f"labels must be an integer tensor of shape ({len(images)},), got {tuple(labels.shape)}")


def images_to_inputs(images: torch.Tensor) -> torch.Tensor:
    """uint8 images (N, 28, 28) -> float inputs (N, 1, 28, 28) in [0, 1], as d2l's ToTensor() makes them."""
    return images.unsqueeze(1).float() / 255.0


def _pass_log_probabilities(model: nn.Module, images: torch.Tensor, batch_size: int) -> torch.Tensor:
    """One forward pass over images in batches; log-softmax probabilities (N, classes) in float64 on the CPU."""
    device = _model_device(model)
    chunks = []
    for start in range(0, len(images), batch_size):
        logits = model(images_to_inputs(images[start:start + batch_size]).to(device))
        chunks.append(torch.log_softmax(logits.double(), dim=1).cpu())
    return torch.cat(chunks)


def _thinned_log_probabilities(model: nn.Module, images: torch.Tensor, T: int, seed: int, batch_size: int):
    """Yield the log-probabilities of T thinned networks (dropout on), one full pass over images each, in order.

    Callers wrap it in contextlib.closing, so the model's mode and the RNGs are restored even if they stop early.
    """
    with _sampling_mode(model, training=True, seed=seed):
        for _ in range(T):
            yield _pass_log_probabilities(model, images, batch_size)


def _metrics_of_log_probabilities(log_probs: torch.Tensor, labels: torch.Tensor) -> Metrics:
    """Accuracy of the argmax and mean cross-entropy -log p[label] of log-probabilities (N, classes)."""
    if labels.min() < 0 or labels.max() >= log_probs.shape[1]:
        raise ValueError(
            f"labels must be class indices in [0, {log_probs.shape[1]}), got {labels.min()}..{labels.max()}")
    accuracy = (log_probs.argmax(dim=1) == labels).double().mean().item()
    loss = -log_probs.gather(1, labels.view(-1, 1)).mean().item()
    return Metrics(accuracy, loss)


def _log(probs: torch.Tensor) -> torch.Tensor:
    """log of probabilities, a probability that underflowed to 0 floored at the smallest float64 (finite loss)."""
    return torch.log(probs.clamp_min(torch.finfo(torch.float64).tiny))


def eval_mode_probabilities(model: nn.Module, images: torch.Tensor, batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
    """Softmax probabilities (N, classes) of the eval-mode network (dropout off), float64; restores the model's mode."""
    _check_labelled_images(images, None)
    batch_size = check_int_at_least(batch_size, "batch_size")
    with _sampling_mode(model, training=False, seed=None):
        return _pass_log_probabilities(model, images, batch_size).exp().numpy()


def eval_mode_metrics(
    model: nn.Module, images_uint8: torch.Tensor, labels: torch.Tensor, batch_size: int = DEFAULT_BATCH_SIZE
) -> Metrics:
    """Accuracy and mean cross-entropy in eval mode: dropout off, i.e. the weight-scaling approximation."""
    _check_labelled_images(images_uint8, labels)
    batch_size = check_int_at_least(batch_size, "batch_size")
    with _sampling_mode(model, training=False, seed=None):
        log_probs = _pass_log_probabilities(model, images_uint8, batch_size)
    return _metrics_of_log_probabilities(log_probs, labels.cpu())


def mc_average_metrics(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    T_max: int = 30,
    seed: int = 0,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ThinnedAverages:
    """Accuracy and loss of two averages of T thinned networks' predictions, for every T = 1..T_max.

    Arithmetic: the mean of the softmax probabilities. Normalised geometric: exp of the mean log-probability,
    renormalised to sum to 1, i.e. the softmax of the mean log-probability. The T_max passes are computed once; the
    curves use running sums. Pass t is the t-th full pass after torch.manual_seed(seed), so T = 1 is exactly one
    thinned network (both averages are then that network), and the global RNG is left as it was.
    """
    _check_labelled_images(images, labels)
    T_max = check_int_at_least(T_max, "T_max")
    batch_size = check_int_at_least(batch_size, "batch_size")
    labels = labels.cpu()
    curves = {kind: (np.empty(T_max), np.empty(T_max)) for kind in AVERAGE_KINDS}
    probs_sum = log_probs_sum = first_probs = None
    with contextlib.closing(_thinned_log_probabilities(model, images, T_max, seed, batch_size)) as passes:
        for t, log_probs in enumerate(passes, start=1):
            probs = log_probs.exp()
            if first_probs is None:
                first_probs = probs
            probs_sum = probs if probs_sum is None else probs_sum + probs
            log_probs_sum = log_probs if log_probs_sum is None else log_probs_sum + log_probs
            averages = {"arithmetic": _log(probs_sum / t), "geometric": torch.log_softmax(log_probs_sum / t, dim=1)}
            for kind, average in averages.items():
                curves[kind][0][t - 1], curves[kind][1][t - 1] = _metrics_of_log_probabilities(average, labels)
    return ThinnedAverages(np.arange(1, T_max + 1), AverageCurve(*curves["arithmetic"]),
                           AverageCurve(*curves["geometric"]), (probs_sum / T_max).numpy(),
                           averages["geometric"].exp().numpy(), first_probs.numpy())


def mean_l1_distance(probs_a, probs_b) -> float:
    """Mean over images of the L1 distance sum_c |a_c - b_c| between two rows of probabilities (0 to 2)."""
    a, b = np.asarray(probs_a, dtype=np.float64), np.asarray(probs_b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 2 or len(a) == 0:
        raise ValueError(f"need two probability arrays of the same shape (n, classes), got {a.shape} and {b.shape}")
    return float(np.abs(a - b).sum(axis=1).mean())


def closer_average(to_geometric: float, to_arithmetic: float) -> str:
    """Which average eval mode's probabilities lie closer to, given both L1 distances: an AVERAGE_KINDS id, or TIED
    when they are equal (without dropout every thinned network is the full one, and both distances are 0)."""
    if abs(to_geometric - to_arithmetic) <= ROUNDING:
        return TIED
    arithmetic, geometric = AVERAGE_KINDS
    return geometric if to_geometric < to_arithmetic else arithmetic


def paired_accuracy_difference(correct_a, correct_b) -> JudgedDifference:
    """Accuracy of a minus that of b, scored on the same images: the mean of the per-image differences (-1, 0, 1).

    Its standard error is their sample standard deviation over sqrt(n) (pairing cancels the images both get right
    or both get wrong). The verdict is "same" within NOISE_SIGMAS standard errors.
    """
    a, b = np.asarray(correct_a, dtype=bool), np.asarray(correct_b, dtype=bool)
    if a.shape != b.shape or a.ndim != 1 or len(a) < 2:
        raise ValueError(f"need two correctness arrays of the same length n >= 2, got {a.shape} and {b.shape}")
    differences = a.astype(np.float64) - b.astype(np.float64)
    difference = float(differences.mean())
    standard_error = float(differences.std(ddof=1) / math.sqrt(len(differences)))
    return judge_difference(difference, standard_error, VERDICTS)


def mc_predictive(
    model: nn.Module, images: torch.Tensor, T: int = 30, seed: int = 0, batch_size: int = DEFAULT_BATCH_SIZE
) -> MCPrediction:
    """MC dropout (Gal & Ghahramani 2016): mean probabilities of T thinned networks and per-image uncertainty.

    Uses the same passes as mc_average_metrics with the same seed, so its mean_probs are that curve's last
    arithmetic mean. The predictive entropy H(mean) is the total uncertainty; the mutual information
    H(mean) - mean_t H(p_t) is its part due to the passes disagreeing (zero when they all agree, and never above
    H(mean)): Gal (2016), section 3.3.1.
    """
    _check_labelled_images(images, None)
    T = check_int_at_least(T, "T")
    batch_size = check_int_at_least(batch_size, "batch_size")
    total = total_of_squares = total_entropy = None
    with contextlib.closing(_thinned_log_probabilities(model, images, T, seed, batch_size)) as passes:
        for log_probs in passes:
            probs = log_probs.exp()
            pass_entropy = entropy(probs.numpy())
            total = probs if total is None else total + probs
            total_of_squares = probs**2 if total_of_squares is None else total_of_squares + probs**2
            total_entropy = pass_entropy if total_entropy is None else total_entropy + pass_entropy
    mean = total / T
    predicted = mean.argmax(dim=1, keepdim=True)
    # Population variance E[p^2] - E[p]^2 over the T passes; rounding can make it a hair below zero.
    variance = (total_of_squares / T - mean**2).gather(1, predicted).squeeze(1).clamp_min(0.0)
    predictive_entropy = entropy(mean.numpy())
    # Jensen makes it >= 0; rounding can leave a hair below zero when all passes agree.
    mutual_information = np.maximum(predictive_entropy - total_entropy / T, 0.0)
    return MCPrediction(mean.numpy(), predictive_entropy, mutual_information, variance.sqrt().numpy())


def _predictions(mean_probs, uncertainty, labels) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """mean_probs (n, classes) and uncertainty (n,) as float64 arrays and labels (n,) as an array, or ValueError."""
    mean_probs = np.asarray(mean_probs, dtype=np.float64)
    uncertainty = np.asarray(uncertainty, dtype=np.float64)
    labels = np.asarray(labels)
    n = len(labels)
    if mean_probs.ndim != 2 or mean_probs.shape[0] != n or uncertainty.shape != (n,) or n == 0:
        raise ValueError(
            f"need mean_probs (n, classes), uncertainty (n,) and labels (n,) with n >= 1; got "
            f"{mean_probs.shape}, {uncertainty.shape} and {labels.shape}"
        )
    return mean_probs, uncertainty, labels


def uncertainty_by_correctness(mean_probs, uncertainty, labels) -> Correctness:
    """Accuracy of the argmax of mean_probs (n, classes), and the mean uncertainty of right and wrong predictions."""
    mean_probs, uncertainty, labels = _predictions(mean_probs, uncertainty, labels)
    predicted = mean_probs.argmax(axis=1)
    correct = predicted == labels
    right, wrong = uncertainty[correct], uncertainty[~correct]
    return Correctness(predicted, correct, float(correct.mean()),
                       float(right.mean()) if right.size else math.nan, float(wrong.mean()) if wrong.size else math.nan)


def uncertainty_gap(uncertainty, correct) -> JudgedDifference:
    """Whether the network is more uncertain about the images it gets wrong than about those it gets right.

    The difference of the two groups' mean uncertainty, with Welch's standard error sqrt(s_w^2 / n_w + s_r^2 / n_r);
    within NOISE_SIGMAS standard errors of 0 (or rounding: no dropout, no disagreement) it is "same".
    """
    uncertainty = np.asarray(uncertainty, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    if uncertainty.shape != correct.shape or uncertainty.ndim != 1:
        raise ValueError(f"need uncertainty and correct of the same shape (n,), got {uncertainty.shape} and "
                         f"{correct.shape}")
    wrong, right = uncertainty[~correct], uncertainty[correct]
    if len(wrong) < 2 or len(right) < 2:
        return UNJUDGED  # no spread to judge by
    difference = float(wrong.mean() - right.mean())
    standard_error = math.sqrt(wrong.var(ddof=1) / len(wrong) + right.var(ddof=1) / len(right))
    return judge_difference(difference, standard_error, GAP_VERDICTS)


def kept_counts(n: int, fractions) -> np.ndarray:
    """How many of n images are kept after setting aside each fraction in [0, 1) of them (at least one)."""
    fractions = np.asarray(fractions, dtype=np.float64)
    if fractions.ndim != 1 or np.any(~(fractions >= 0.0)) or np.any(~(fractions < 1.0)):
        raise ValueError(f"fractions must be a list of numbers in [0, 1), got {fractions}")
    return np.maximum(1, n - np.floor(fractions * n).astype(int))


def accuracy_when_rejecting(mean_probs, uncertainty, labels, fractions=DEFAULT_REJECT_FRACTIONS) -> np.ndarray:
    """Accuracy on the images kept after setting aside the most uncertain fraction, for each fraction in [0, 1).

    Ties in uncertainty are broken by image order (a stable sort), so the result is deterministic.
    """
    mean_probs, uncertainty, labels = _predictions(mean_probs, uncertainty, labels)
    kept = kept_counts(len(labels), fractions)
    correct = mean_probs.argmax(axis=1) == labels
    most_certain_first = np.argsort(uncertainty, kind="stable")
    correct_in_order = np.cumsum(correct[most_certain_first])
    return correct_in_order[kept - 1] / kept


class RejectionComparison(NamedTuple):
    """Accuracy when rejecting by each of REJECTION_MEASURES, on the same images and fractions."""

    fractions: np.ndarray  # (k,)
    kept: np.ndarray  # (k,) images kept at each fraction
    accuracy: dict[str, np.ndarray]  # measure id -> (k,)

    def best_at(self, index: int) -> tuple[str, ...]:
        """The measures with the highest accuracy at fractions[index], in REJECTION_MEASURES order (all on a tie)."""
        best = max(curve[index] for curve in self.accuracy.values())
        return tuple(measure for measure, curve in self.accuracy.items() if curve[index] == best)


def compare_rejection(prediction: MCPrediction, eval_probs, labels,
                      fractions=DEFAULT_REJECT_FRACTIONS) -> RejectionComparison:
    """Rejection curves of MC dropout's uncertainties (on the MC average's predictions) and, as the baseline, of the
    eval-mode pass's softmax entropy (on the eval pass's own predictions)."""
    fractions = np.asarray(fractions, dtype=np.float64)
    accuracy = {measure: accuracy_when_rejecting(prediction.mean_probs, prediction.uncertainty(measure), labels,
                                                 fractions) for measure in UNCERTAINTY_MEASURES}
    accuracy[EVAL_ENTROPY] = accuracy_when_rejecting(eval_probs, entropy(eval_probs), labels, fractions)
    return RejectionComparison(fractions, kept_counts(len(labels), fractions), accuracy)


def rejection_difference(prediction: MCPrediction, eval_probs, labels, measure: str, fraction: float,
                         resamples: int = BOOTSTRAP_RESAMPLES, seed: int = 0) -> JudgedDifference:
    """After setting the least certain fraction aside: the accuracy on the rest by MC dropout's measure minus that by
    the eval pass's softmax entropy, with a bootstrap standard error over the test images.

    Both curves are measured on the same images, so resampling the images (with replacement, resamples times, from
    seed) moves them together; two independent binomial errors overstated this noise about threefold.
    """
    labels = np.asarray(labels)
    eval_probs = np.asarray(eval_probs, dtype=np.float64)
    sides = ((prediction.mean_probs, prediction.uncertainty(measure)), (eval_probs, entropy(eval_probs)))

    def difference(rows: np.ndarray) -> float:
        mc, baseline = (accuracy_when_rejecting(probs[rows], uncertainty[rows], labels[rows], [fraction])[0]
                        for probs, uncertainty in sides)
        return float(mc - baseline)

    n = len(labels)
    found = difference(np.arange(n))
    rng = np.random.default_rng(seed)
    standard_error = float(np.std([difference(rng.integers(0, n, n)) for _ in range(resamples)], ddof=1))
    return judge_difference(found, standard_error, VERDICTS)


def droppable_layers(layer_sizes) -> tuple[int, ...]:
    """Indices of the layers whose units dropout may remove: the hidden ones (never the input or output layer)."""
    sizes = tuple(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least an input and an output layer, got sizes {sizes}")
    for size in sizes:
        check_int_at_least(size, "every layer size")
    return tuple(range(1, len(sizes) - 1))


def _hidden_drop_probabilities(layer_sizes, p_per_layer) -> list[tuple[int, float]]:
    """(size, drop probability) of every hidden layer; ValueError unless there is one probability per hidden layer."""
    hidden = droppable_layers(layer_sizes)
    probabilities = [check_drop_probability(p) for p in p_per_layer]
    if len(probabilities) != len(hidden):
        raise ValueError(f"need one drop probability per hidden layer ({len(hidden)}), got {len(probabilities)}")
    return [(int(layer_sizes[layer]), p) for layer, p in zip(hidden, probabilities)]


def subnetwork_drawing(
    layer_sizes=D2L_DEMO_LAYER_SIZES, p_per_layer=D2L_HIDDEN_DROP, seed: int = 0
) -> tuple[torch.Tensor, ...]:
    """Which units one dropout sample keeps, layer by layer (bool tensors), for drawing a thinned network.

    As in d2l's net, dropout acts after hidden layers only: p_per_layer gives one drop probability per hidden
    layer, and the input and output layers are always kept whole.
    """
    hidden = _hidden_drop_probabilities(layer_sizes, p_per_layer)
    generator = torch.Generator().manual_seed(check_seed(seed))
    kept = [dropout_mask(torch.empty(size), p, generator=generator) for size, p in hidden]
    whole = [torch.ones(int(size), dtype=torch.bool) for size in (layer_sizes[0], layer_sizes[-1])]
    return (whole[0], *kept, whole[1])


def droppable_unit_count(layer_sizes=D2L_DEMO_LAYER_SIZES, p_per_layer=D2L_HIDDEN_DROP) -> int:
    """How many units dropout can remove: those of hidden layers with a drop probability above 0."""
    return sum(size for size, p in _hidden_drop_probabilities(layer_sizes, p_per_layer) if p > 0)


def count_subnetworks(droppable_units: int) -> int:
    """Number of distinct thinned networks: each droppable unit is in or out, 2 ** droppable_units (exact int)."""
    return 2 ** check_int_at_least(droppable_units, "droppable_units", minimum=0)


def most_and_least_certain(uncertainty: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the count least uncertain images (most certain first) and the count most uncertain (worst first)."""
    count = check_int_at_least(count, "count")
    order = np.argsort(np.asarray(uncertainty, dtype=np.float64), kind="stable")
    return order[:count], order[::-1][:count]


def decimal_digits(number: int) -> int:
    """How many decimal digits a non-negative integer has (2 ** 512 has 155)."""
    return len(str(check_int_at_least(number, "number", minimum=0)))
