"""A Train-page run: the chosen setting, optionally with its p = 0 twin, trained by one worker thread of its own.

The page never trains inside a rerun: it starts the job's worker and redraws what the worker has published so far
(reads take no lock: each is one attribute or a list copy, whole under the GIL). A lock orders the worker's turns and
the commands, so a Stop waits at most one turn, a paused job resumes exactly where it stopped, and a job never has
two drivers. The worker holds a training slot while it trains, and stops when its session is gone or the server
shuts down.
"""
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace

from ..runtime.hardware import training_threads
from ..runtime.slots import TrainingSlots
from .config import TrainConfig
from .data import FashionMNIST
from .engine import EpochMetrics, ProgressEvent, Trainer
from .records import METRIC_FIELDS, RunRecord, run_record

CHOSEN, PAIRED = "chosen", "paired"  # the runs of a job: the learner's setting, and its p = 0 twin
TURN_S = 0.1  # the worker trains in turns this long: a Stop or a redraw waits at most about this much
SLOT_RETRY_S = 0.5  # how often a job waiting for a training slot asks again

# Set when the interpreter shuts down: every worker ends its turn and exits, so no thread is still inside torch when
# the process exits (a daemon thread killed there aborts the server with "terminate called without an active
# exception").
_SHUTTING_DOWN = threading.Event()
threading._register_atexit(_SHUTTING_DOWN.set)  # runs before Python joins the workers; concurrent.futures does this


def event_points(run: str, event: EpochMetrics | ProgressEvent) -> list[dict]:
    """Chart rows (run, epoch, metric, value) for one event: fractional epochs for progress within an epoch."""
    if isinstance(event, EpochMetrics):
        position = float(event.epoch)
        metrics = {name: getattr(event, name) for name in METRIC_FIELDS}
    else:
        position = event.epoch - 1 + event.batches_done / event.batches_per_epoch
        metrics = {"train_loss": event.train_loss, "train_acc": event.train_acc}
    return [{"run": run, "epoch": position, "metric": name, "value": value} for name, value in metrics.items()]


class TrainingJob:
    """One or two trainers driven together, by the caller (advance) or by a worker thread (start_worker)."""

    def __init__(self, config: TrainConfig, data: FashionMNIST, paired: bool = False):
        """The chosen config; with paired, also p = 0 from the same seed (same initial weights, same batch order)."""
        self.id = uuid.uuid4().hex  # names this job's runs among the session's own, and owns its training slot
        self.trainers: dict[str, Trainer] = {CHOSEN: Trainer(config, data)}  # run id -> its trainer
        if paired:
            self.trainers[PAIRED] = Trainer(replace(config, p1=0.0, p2=0.0), data)
        self.points: list[dict] = []  # one row per (run id, epoch position, metric) for the growing curves
        self._has_points = threading.Event()  # set with the first curve point
        self._undriven = threading.Event()  # set while no worker drives the job
        self._undriven.set()
        self.paused = True
        self.waiting = False  # True while the worker waits for a training slot
        self._pause_after_epoch: int | None = None
        self._batches_per_turn = 1  # grows until one turn takes about a tenth of a slice
        self._lock = threading.RLock()  # held by the worker during a turn, and by every command
        self._worker: threading.Thread | None = None

    # --- state ---------------------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True when every trainer has finished (or diverged)."""
        return all(trainer.finished for trainer in self.trainers.values())

    @property
    def epochs_done(self) -> int:
        """Epochs completed by the slowest trainer."""
        return min(len(trainer.history) for trainer in self.trainers.values())

    @property
    def training(self) -> bool:
        """True while a worker drives the job (training, or waiting for a slot)."""
        return self._worker is not None

    def snapshot(self) -> list[dict]:
        """A copy of the curve points so far, safe to draw while the worker appends to them."""
        return list(self.points)

    def wait_for_points(self, timeout_s: float) -> bool:
        """Wait until the job has its first curve point (or timeout_s passed); True once it has one."""
        return self._has_points.wait(timeout_s)

    def wait_until_undriven(self, timeout_s: float) -> bool:
        """Wait until no worker drives the job (it finished, paused or lost its session), or timeout_s passed;
        True once none does. Unlike join, it never waits longer than asked."""
        return self._undriven.wait(timeout_s)

    # --- commands ----------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Train until the end (or until paused)."""
        with self._lock:
            self._pause_after_epoch = None
            self.paused = self.finished

    def step_one_epoch(self) -> None:
        """Train until every trainer has completed one more epoch, then pause."""
        with self._lock:
            self._pause_after_epoch = self.epochs_done + 1
            self.paused = self.finished

    def pause(self) -> None:
        """Stop between batches; everything so far is kept and start() resumes exactly where it stopped.

        Returns once the current turn is over, so a record taken right after it is the run as it stopped.
        """
        self.paused = True  # seen by the worker between batches, so the lock below comes free within a turn
        with self._lock:
            pass

    def start_worker(self, slots: TrainingSlots, alive: Callable[[], bool] = lambda: True) -> None:
        """Let a worker thread train the job (unless one already does) while alive() says its session is there."""
        with self._lock:
            if self._worker is None and not self.paused:
                # Not a daemon (it would inherit that from a script thread): Python joins it at exit, after
                # _SHUTTING_DOWN has told it to stop, instead of killing it inside torch.
                self._worker = threading.Thread(target=self._work, args=(slots, alive), name=f"job-{self.id[:8]}",
                                                daemon=False)
                self._undriven.clear()
                self._worker.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait until no worker drives the job (for tests and scripts)."""
        with self._lock:
            worker = self._worker
        if worker is not None:
            worker.join(timeout)

    # --- driving -----------------------------------------------------------------------------------------------
    def advance(self, budget_s: float, threads: int | None = None) -> None:
        """Train for about budget_s seconds, alternating between the trainers, then return.

        threads: torch's CPU threads for the turn (hardware.training_threads); default the configured pool.
        """
        with self._lock:
            deadline = time.perf_counter() + budget_s
            while not self.paused and time.perf_counter() < deadline:
                turn_started = time.perf_counter()
                for run, trainer in self.trainers.items():
                    if not trainer.finished and not self._reached_pause_epoch(trainer):
                        # A turn never crosses an epoch's end, so a Step stops exactly there.
                        batches = min(self._batches_per_turn, trainer.batches_left_in_epoch)
                        self._keep_points(run, trainer.advance(batches, threads))
                # Alternate in turns of about a tenth of the slice: fine-grained enough for two curves to grow together.
                if time.perf_counter() - turn_started < budget_s / 10:
                    self._batches_per_turn *= 2
                if all(self._reached_pause_epoch(t) or t.finished for t in self.trainers.values()):
                    self.paused = True

    def _work(self, slots: TrainingSlots, alive: Callable[[], bool]) -> None:
        """The worker: take a slot, train a turn, repeat; give the slot back and exit when there is nothing to do."""
        try:
            while True:
                with self._lock:
                    if self.paused or _SHUTTING_DOWN.is_set() or not alive():
                        self._let_go()  # decided under the lock: start_worker may start the next driver
                        return
                if slots.acquire(self.id):
                    self.waiting = False
                    # Decided each turn: a lone training takes every core, and gives one back within a turn
                    # when another starts.
                    self.advance(TURN_S, training_threads(slots.busy()))
                else:
                    self.waiting = True
                    time.sleep(SLOT_RETRY_S)
        finally:
            self.waiting = False
            slots.release(self.id)
            with self._lock:
                if self._worker is threading.current_thread():  # it raised: nothing drives the job any more
                    self._let_go()

    def _let_go(self) -> None:
        """The worker stops driving the job, paused where it is (called with the lock held)."""
        self.paused = True
        self._worker = None
        self._undriven.set()

    def _reached_pause_epoch(self, trainer: Trainer) -> bool:
        """Whether this trainer has completed the epoch a Step asked for."""
        return self._pause_after_epoch is not None and len(trainer.history) >= self._pause_after_epoch

    def _keep_points(self, run: str, events) -> None:
        """Add a trainer's events to the curves."""
        for event in events:
            self.points += event_points(run, event)
        if self.points:
            self._has_points.set()

    # --- progress ------------------------------------------------------------------------------------------------
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
        return min(1.0, self.images_done() / self.images_total())

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
        with self._lock:  # a consistent state: never halfway through a turn
            return [run_record(trainer, labels[run]) for run, trainer in self.trainers.items()]
