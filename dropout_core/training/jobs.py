"""A Train-page run: the chosen setting, optionally with its p = 0 twin, advanced in short time slices."""
import atexit
import contextlib
import threading
import time
import uuid
from dataclasses import replace

from .config import TrainConfig
from .data import FashionMNIST
from .engine import EpochMetrics, ProgressEvent, Trainer
from .records import METRIC_FIELDS, RunRecord, run_record

CHOSEN, PAIRED = "chosen", "paired"  # the runs of a job: the learner's setting, and its p = 0 twin
EXIT_WAIT_S = 15.0  # at most this long for trainings to reach the end of their current turn when the process exits

# A server's pages train in daemon threads. If the interpreter exits while one is inside torch, torch's thread pool
# is torn down under it and the process aborts ("terminate called without an active exception", status 134). So
# at exit every job stops at its next turn, and the exit waits until no job is inside one.
_turns = threading.Condition()
_active_turns = 0
_exiting = False


@contextlib.contextmanager
def _training_turns():
    """Count the calling thread as training for the duration of the block."""
    global _active_turns
    with _turns:
        _active_turns += 1
    try:
        yield
    finally:
        with _turns:
            _active_turns -= 1
            _turns.notify_all()


def stop_all_jobs(timeout_s: float = EXIT_WAIT_S) -> bool:
    """Make every job stop training at its next turn (for good) and wait until none is inside one.

    Called at interpreter exit; True when all stopped within timeout_s.
    """
    global _exiting
    with _turns:
        _exiting = True
        return _turns.wait_for(lambda: _active_turns == 0, timeout=timeout_s)


atexit.register(stop_all_jobs)


class TrainingJob:
    """One or two trainers driven together so a page can train between redraws and stop at any moment."""

    def __init__(self, config: TrainConfig, data: FashionMNIST, paired: bool = False):
        """The chosen config; with paired, also p = 0 from the same seed (same initial weights, same batch order)."""
        self.id = uuid.uuid4().hex  # names this job's runs among the session's own
        self.trainers: dict[str, Trainer] = {CHOSEN: Trainer(config, data)}  # run id -> its trainer
        if paired:
            self.trainers[PAIRED] = Trainer(replace(config, p1=0.0, p2=0.0), data)
        self.points: list[dict] = []  # one row per (run id, epoch position, metric) for the growing curves
        self.paused = True
        self._pause_after_epoch: int | None = None
        self._batches_per_turn = 1  # grows until one turn takes about a tenth of a slice

    @property
    def finished(self) -> bool:
        """True when every trainer has finished (or diverged)."""
        return all(trainer.finished for trainer in self.trainers.values())

    @property
    def epochs_done(self) -> int:
        """Epochs completed by the slowest trainer."""
        return min(len(trainer.history) for trainer in self.trainers.values())

    def start(self) -> None:
        """Train until the end (or until paused)."""
        self._pause_after_epoch = None
        self.paused = self.finished

    def step_one_epoch(self) -> None:
        """Train until every trainer has completed one more epoch, then pause."""
        self._pause_after_epoch = self.epochs_done + 1
        self.paused = self.finished

    def pause(self) -> None:
        """Stop between batches; everything so far is kept and start() resumes exactly where it stopped."""
        self.paused = True

    def advance(self, budget_s: float) -> None:
        """Train for about budget_s seconds, alternating between the trainers, then return."""
        deadline = time.perf_counter() + budget_s
        with _training_turns():
            while not self.paused and not _exiting and time.perf_counter() < deadline:
                self._turn(budget_s)

    def _turn(self, budget_s: float) -> None:
        """One turn: a few batches of each trainer not yet done, never past the end of an epoch."""
        turn_started = time.perf_counter()
        for run, trainer in self.trainers.items():
            if not trainer.finished and not self._reached_pause_epoch(trainer):
                # A turn never crosses an epoch's end, so a Step stops exactly there.
                batches = min(self._batches_per_turn, trainer.batches_left_in_epoch)
                self._keep_points(run, trainer.advance(batches))
        # Alternate in turns of about a tenth of the slice: fine-grained enough for two curves to grow together.
        if time.perf_counter() - turn_started < budget_s / 10:
            self._batches_per_turn *= 2
        if all(self._reached_pause_epoch(t) or t.finished for t in self.trainers.values()):
            self.paused = True

    def _reached_pause_epoch(self, trainer: Trainer) -> bool:
        """Whether this trainer has completed the epoch a Step asked for."""
        return self._pause_after_epoch is not None and len(trainer.history) >= self._pause_after_epoch

    def _keep_points(self, run: str, events) -> None:
        """Turn a trainer's events into chart rows, at fractional epochs for the progress within an epoch."""
        for event in events:
            if isinstance(event, EpochMetrics):
                position = float(event.epoch)
                metrics = {name: getattr(event, name) for name in METRIC_FIELDS}
            elif isinstance(event, ProgressEvent):
                position = event.epoch - 1 + event.batches_done / event.batches_per_epoch
                metrics = {"train_loss": event.train_loss, "train_acc": event.train_acc}
            else:
                continue
            self.points += [{"run": run, "epoch": position, "metric": name, "value": value}
                            for name, value in metrics.items()]

    def images_done(self) -> int:
        """Training images processed by all trainers together."""
        return sum(trainer.images_done for trainer in self.trainers.values())

    def images_total(self) -> int:
        """Training images all trainers will process when they finish."""
        return sum(trainer.images_total for trainer in self.trainers.values())

    def progress(self) -> float:
        """Fraction of the whole job done, 0 to 1 (1 also when a run ended early by diverging)."""
        if self.finished:
            return 1.0
        return self.images_done() / self.images_total()

    def images_per_second(self) -> float:
        """Training throughput so far, evaluation time included."""
        seconds = sum(trainer.wall_time_s for trainer in self.trainers.values())
        return self.images_done() / seconds if seconds > 0 else 0.0

    def seconds_left(self) -> float | None:
        """Estimated time to the end at the throughput so far, or None before any measurement."""
        rate = self.images_per_second()
        if rate == 0:
            return None
        return 0.0 if self.finished else (self.images_total() - self.images_done()) / rate

    def records(self, labels: dict[str, str]) -> list[RunRecord]:
        """A run record per trainer, named by labels (run id -> label), for download and for the Compare page."""
        return [run_record(trainer, labels[run]) for run, trainer in self.trainers.items()]
