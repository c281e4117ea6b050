"""The training engine: d2l's Dropout experiment on Fashion-MNIST, driven in chunks so a page can show it live.

A Trainer keeps the dataset in memory as uint8 tensors on the training device (shared, never copied per
trainer on the CPU), converts each batch with .float() / 255, and trains with plain SGD. It is driven by the
caller: advance(max_batches) runs at most that many batches (and the evaluation when an epoch ends) and says
what happened. Stopping and resuming at any batch gives exactly the history of an uninterrupted run.

Randomness comes from four generators, each seeded from the run's seed and a stream name: initial weights,
training subset, batch order and dropout masks. Two runs with the same seed and different dropout
probabilities therefore start from the same weights and see the same batches (the "paired run").
"""
import hashlib
import math
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from ..checks import check_int_at_least
from ..runtime.hardware import device_available, one_thread, resolve_device, use_threads
from ..runtime.rng import GLOBAL_RNG_LOCK
from .config import TrainConfig
from .data import FashionMNIST
from .models import build_model, linear_layers, noisy_forward
from .noise import find_noise

PROGRESS_EVENTS_PER_EPOCH = 10
EVAL_BATCH_SIZE = 4096  # evaluation needs no gradients, so big batches waste nothing and run faster
STATUSES = ("ready", "running", "finished", "diverged")
ACTIVATION_IMAGES = 1000  # the first test images: one fixed batch on which every epoch's activations are measured


@dataclass(frozen=True)
class LayerActivations:
    """Mean and variance of one hidden layer's activations (over every unit and image of the fixed batch).

    before_noise: after the ReLU, in training mode; after_noise: the same, once the noise (dropout) is applied;
    eval: what the next layer receives in eval mode, where a correct noise does nothing (d2l 5.6, exercise 3).
    """

    layer: int  # 1-based hidden layer
    before_noise_mean: float
    before_noise_var: float
    after_noise_mean: float
    after_noise_var: float
    eval_mean: float
    eval_var: float


@dataclass(frozen=True)
class EpochMetrics:
    """What one finished epoch measured; NaN or inf values are possible in a diverged epoch."""

    epoch: int  # 1-based
    train_loss: float  # d2l's measure: dropout on, averaged over the epoch's batches weighted by batch size
    train_acc: float  # the same, for accuracy
    train_acc_eval: float  # accuracy on the training subset in eval mode (no dropout), after the epoch
    test_loss: float  # eval mode, all 10,000 test images
    test_acc: float
    seconds: float  # wall time of the epoch, training and evaluation
    activations: tuple[LayerActivations, ...] = ()  # per hidden layer, after the epoch; empty in older records


@dataclass(frozen=True)
class ProgressEvent:
    """Progress within an epoch, reported several times per epoch and at the end of every advance() call."""

    epoch: int  # 1-based epoch in progress
    batches_done: int  # batches done in this epoch
    batches_per_epoch: int
    images_done: int  # training images processed in the whole run so far
    train_loss: float  # running average over this epoch's batches so far (dropout on)
    train_acc: float


Event = ProgressEvent | EpochMetrics


@dataclass(frozen=True)
class Evaluation:
    """Eval-mode metrics of the current weights."""

    train_acc_eval: float
    test_loss: float
    test_acc: float


def stream_seed(seed: int, stream: str) -> int:
    """An independent 63-bit seed for one random stream of a run, derived from the run's seed."""
    digest = hashlib.sha256(f"dropout-explorer/{seed}/{stream}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


_device_copies: dict[tuple[int, str], tuple[FashionMNIST, tuple[torch.Tensor, ...]]] = {}
_device_copies_lock = threading.Lock()


def _dataset_tensors(data: FashionMNIST, device: torch.device) -> tuple[torch.Tensor, ...]:
    """(train images (N, 784) uint8, train labels, test images, test labels) on device, shared by all trainers."""
    tensors = (
        data.train_images.reshape(len(data.train_images), -1), data.train_labels,
        data.test_images.reshape(len(data.test_images), -1), data.test_labels,
    )
    if device.type == "cpu":
        return tensors  # views of the loaded dataset: no copy at all
    key = (id(data), str(device))
    with _device_copies_lock:
        entry = _device_copies.get(key)
        if entry is None or entry[0] is not data:  # keeping data in the entry keeps its id from being reused
            entry = (data, tuple(tensor.to(device) for tensor in tensors))
            _device_copies[key] = entry
        return entry[1]


def _global_rng_accessors(device: torch.device):
    """(get_state, set_state) of PyTorch's global generator for the device, which nn.Dropout draws from."""
    if device.type == "cuda":
        return (lambda: torch.cuda.get_rng_state(device)), (lambda state: torch.cuda.set_rng_state(state, device))
    if device.type == "mps":
        return torch.mps.get_rng_state, torch.mps.set_rng_state
    return torch.get_rng_state, torch.set_rng_state


@contextmanager
def _global_rng_lent_to(generator: torch.Generator, device: torch.device):
    """Make nn.Dropout draw from generator's stream: swap its state into the global generator, then back.

    GLOBAL_RNG_LOCK keeps two trainers in this process from interleaving their draws; code elsewhere that
    draws from the global generator at the same time without holding it would still disturb the stream.
    """
    get_state, set_state = _global_rng_accessors(device)
    with GLOBAL_RNG_LOCK:
        saved = get_state()
        set_state(generator.get_state())
        try:
            yield
        finally:
            generator.set_state(get_state())
            set_state(saved)


class Trainer:
    """Trains one model for one config on in-memory Fashion-MNIST, in chunks of batches chosen by the caller."""

    def __init__(self, config: TrainConfig, data: FashionMNIST, device: torch.device | str | None = None):
        """Prepare model, optimizer, data and generators; device overrides config.device when given."""
        config.validate()
        self.config = config
        self.data = data
        if device is None:
            self.device = resolve_device(config.device)
        else:
            self.device = torch.device(device)
            if not device_available(self.device.type):
                raise ValueError(f"device {str(self.device)!r} is not available on this machine")
        (self._train_images, self._train_labels,
         self._test_images, self._test_labels) = _dataset_tensors(data, self.device)

        seed = config.seed
        self._mask_generator = torch.Generator(device=self.device).manual_seed(stream_seed(seed, "masks"))
        # Its own stream: measuring activations must not change the masks training draws.
        self._activation_generator = torch.Generator(device=self.device).manual_seed(stream_seed(seed, "activations"))
        self.model = build_model(
            config.implementation, config.p1, config.p2, config.hidden, config.init,
            stream_seed(seed, "init"), mask_generator=self._mask_generator, noise=config.noise,
        ).to(self.device)
        self.model.train()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=config.lr, weight_decay=config.weight_decay)

        subset_generator = torch.Generator().manual_seed(stream_seed(seed, "subset"))
        subset = torch.randperm(len(self._train_labels), generator=subset_generator)[:config.train_size]
        self._subset = subset.sort().values  # CPU; a set of images: the order comes from each epoch's permutation
        self._subset_on_device = self._subset.to(self.device)
        self._order_generator = torch.Generator().manual_seed(stream_seed(seed, "order"))

        self.batches_per_epoch = math.ceil(config.train_size / config.batch_size)
        self._progress_every = math.ceil(self.batches_per_epoch / PROGRESS_EVENTS_PER_EPOCH)
        self._history: list[EpochMetrics] = []
        self._diverged_epoch: int | None = None
        self._epoch = 0
        self._batch_in_epoch = 0  # batches done in the current epoch; 0 means the next batch starts an epoch
        self._images_done = 0
        self._epoch_seconds = 0.0
        self._wall_time_s = 0.0
        self._last_evaluation_seconds = 0.0
        self._epoch_order: torch.Tensor | None = None
        self._loss_sum = self._correct = None

    # --- state -------------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True once every epoch ran or the run diverged."""
        return self.diverged or len(self._history) == self.config.epochs

    @property
    def diverged(self) -> bool:
        """True when the training loss became NaN or infinite (training then stopped)."""
        return self._diverged_epoch is not None

    @property
    def diverged_epoch(self) -> int | None:
        """The 1-based epoch whose training loss was not finite, or None."""
        return self._diverged_epoch

    @property
    def history(self) -> list[EpochMetrics]:
        """Metrics of every finished epoch, in order (a copy)."""
        return list(self._history)

    @property
    def images_done(self) -> int:
        """Training images processed so far, over all epochs."""
        return self._images_done

    @property
    def images_total(self) -> int:
        """Training images the whole run processes: epochs x train_size."""
        return self.config.epochs * self.config.train_size

    @property
    def batches_left_in_epoch(self) -> int:
        """Training batches until the current (or, at an epoch boundary, the next) epoch ends."""
        return self.batches_per_epoch - self._batch_in_epoch

    @property
    def epoch(self) -> int:
        """1-based number of the epoch in progress or last finished; 0 before the first batch."""
        return self._epoch

    @property
    def status(self) -> str:
        """One of STATUSES: ready (nothing run yet), running, finished or diverged."""
        if self.diverged:
            return "diverged"
        if self.finished:
            return "finished"
        return "running" if self._images_done else "ready"

    @property
    def wall_time_s(self) -> float:
        """Seconds spent inside advance() so far."""
        return self._wall_time_s

    @property
    def last_evaluation_seconds(self) -> float:
        """Seconds the last end-of-epoch evaluation took (part of that epoch's seconds)."""
        return self._last_evaluation_seconds

    # --- driving -----------------------------------------------------------------------------------------
    def advance(self, max_batches: int, threads: int | None = None) -> list[Event]:
        """Run at most max_batches training batches, evaluating at each epoch end; return what happened.

        threads: torch's CPU threads for this call (hardware.training_threads); default the configured pool.
        """
        check_int_at_least(max_batches, "max_batches")
        use_threads(threads)  # a job's worker, the page or a test's main thread: each trains alike
        events: list[Event] = []
        lend_rng = self.config.implementation == "concise"  # nn.Dropout draws from the global generator
        with _global_rng_lent_to(self._mask_generator, self.device) if lend_rng else nullcontext():
            remaining = max_batches
            while remaining and not self.finished:
                started = time.perf_counter()
                if self._batch_in_epoch == 0:
                    self._begin_epoch()
                next_checkpoint = (self._batch_in_epoch // self._progress_every + 1) * self._progress_every
                stop = min(self._batch_in_epoch + remaining, next_checkpoint, self.batches_per_epoch)
                remaining -= stop - self._batch_in_epoch
                self._train_batches(stop)
                if stop == self.batches_per_epoch:
                    events.append(self._end_epoch(started))
                else:
                    # .item() in here waits for the device, so the time below includes the queued work.
                    events.append(self._progress())
                    self._add_time(started)
        return events

    def run_epoch(self) -> list[Event]:
        """Run the rest of the current epoch (a whole one at an epoch boundary), evaluation included."""
        if self.finished:
            return []
        return self.advance(self.batches_left_in_epoch)

    def run(self) -> list[EpochMetrics]:
        """Train to the end (or to divergence) and return the history."""
        while not self.finished:
            self.run_epoch()
        return self.history

    # --- training ----------------------------------------------------------------------------------------
    def _begin_epoch(self) -> None:
        """Draw the epoch's batch order and reset its running sums."""
        self._epoch += 1
        self._epoch_seconds = 0.0
        permutation = torch.randperm(self.config.train_size, generator=self._order_generator)
        self._epoch_order = self._subset[permutation].to(self.device)
        # Sums stay on the device; reading them per batch would make the GPU wait on every step.
        self._loss_sum = torch.zeros((), device=self.device)
        self._correct = torch.zeros((), dtype=torch.int64, device=self.device)

    def _train_batches(self, stop: int) -> None:
        """Train on the epoch's batches from the current one up to (not including) batch number stop."""
        batch_size, model, optimizer = self.config.batch_size, self.model, self.optimizer
        for batch in range(self._batch_in_epoch, stop):
            indices = self._epoch_order[batch * batch_size:(batch + 1) * batch_size]
            X = self._train_images.index_select(0, indices).float().div_(255)
            y = self._train_labels.index_select(0, indices)
            logits = model(X)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            self._loss_sum.add_(loss.detach(), alpha=len(indices))  # mean loss x batch size: d2l's weighting
            self._correct.add_((logits.detach().argmax(dim=1) == y).sum())
            self._images_done += len(indices)
        self._batch_in_epoch = stop

    def _epoch_images_done(self) -> int:
        """Training images done in the current epoch."""
        return min(self._batch_in_epoch * self.config.batch_size, self.config.train_size)

    def _running_means(self) -> tuple[float, float]:
        """(train loss, train accuracy) averaged over the current epoch's images so far."""
        images = self._epoch_images_done()
        return self._loss_sum.item() / images, self._correct.item() / images

    def _progress(self) -> ProgressEvent:
        """A progress event for the current position in the epoch."""
        train_loss, train_acc = self._running_means()
        return ProgressEvent(self._epoch, self._batch_in_epoch, self.batches_per_epoch,
                             self._images_done, train_loss, train_acc)

    def _add_time(self, started: float) -> None:
        """Count the time since started towards the epoch and the run."""
        elapsed = time.perf_counter() - started
        self._epoch_seconds += elapsed
        self._wall_time_s += elapsed

    def _end_epoch(self, started: float) -> EpochMetrics:
        """Evaluate, record the epoch's metrics, and detect divergence."""
        train_loss, train_acc = self._running_means()
        evaluation_started = time.perf_counter()
        evaluation = self.evaluate()
        activations = self.activation_statistics()
        self._last_evaluation_seconds = time.perf_counter() - evaluation_started
        self._add_time(started)
        metrics = EpochMetrics(self._epoch, train_loss, train_acc, evaluation.train_acc_eval,
                               evaluation.test_loss, evaluation.test_acc, self._epoch_seconds, activations)
        self._history.append(metrics)
        self._batch_in_epoch = 0
        if not math.isfinite(train_loss):
            # Checked once per epoch, not per batch: a per-batch check would stall the GPU on every step,
            # and the whole (possibly NaN) epoch keeps the history independent of how advance() was chunked.
            self._diverged_epoch = self._epoch
        return metrics

    # --- evaluation --------------------------------------------------------------------------------------
    @torch.inference_mode()
    def evaluate(self) -> Evaluation:
        """Eval-mode (no dropout) accuracy on the training subset, and loss and accuracy on the test set."""
        was_training = self.model.training
        self.model.eval()
        try:
            test_loss, test_correct = self._eval_sums(self._test_images, self._test_labels)
            _, train_correct = self._eval_sums(self._train_images, self._train_labels, self._subset_on_device)
            test_loss, test_correct, train_correct = torch.stack(
                [test_loss, test_correct.to(test_loss.dtype), train_correct.to(test_loss.dtype)]
            ).tolist()  # one transfer, one wait for the device
        finally:
            self.model.train(was_training)
        test_count = len(self._test_labels)
        return Evaluation(train_correct / self.config.train_size, test_loss / test_count, test_correct / test_count)

    @torch.inference_mode()
    def activation_statistics(self) -> tuple[LayerActivations, ...]:
        """Each hidden layer's activation mean and variance on the fixed batch: before and after the noise in
        training mode, and in eval mode. The weights do not change; the noise comes from its own generator."""
        config = self.config
        X = self._test_images[:ACTIVATION_IMAGES].float().div_(255)
        layers, noise = linear_layers(self.model), find_noise(config.noise)
        training_trace, eval_trace = [], []
        noisy_forward(layers, (config.p1, config.p2), noise, X, self._activation_generator, True, training_trace)
        noisy_forward(layers, (config.p1, config.p2), noise, X, self._activation_generator, False, eval_trace)
        with one_thread():  # so that the record is the same on every thread count
            moments = torch.stack([
                torch.stack([before.mean(), before.var(correction=0), after.mean(), after.var(correction=0),
                             evaluated.mean(), evaluated.var(correction=0)])
                for (before, after), (_, evaluated) in zip(training_trace, eval_trace)
            ]).tolist()  # one transfer, one wait for the device
        return tuple(LayerActivations(layer, *values) for layer, values in enumerate(moments, start=1))

    def _eval_sums(self, images: torch.Tensor, labels: torch.Tensor, subset: torch.Tensor | None = None):
        """(summed cross-entropy, number correct) over the images, or over the rows subset names."""
        count = len(labels) if subset is None else len(subset)
        loss_sum = torch.zeros((), device=self.device)
        correct = torch.zeros((), dtype=torch.int64, device=self.device)
        for start in range(0, count, EVAL_BATCH_SIZE):
            if subset is None:
                X, y = images[start:start + EVAL_BATCH_SIZE], labels[start:start + EVAL_BATCH_SIZE]
            else:
                rows = subset[start:start + EVAL_BATCH_SIZE]
                X, y = images.index_select(0, rows), labels.index_select(0, rows)
            logits = self.model(X.float().div_(255))
            loss_sum += F.cross_entropy(logits, y, reduction="sum")
            correct += (logits.argmax(dim=1) == y).sum()
        return loss_sum, correct
