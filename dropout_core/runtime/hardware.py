"""Which device trains, how it is described, and how many CPU threads torch may use in this process."""
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import torch

from . import settings
from .cores import usable_cores

# Intel MKL's strict reproducible mode: every matrix product sums in one fixed order whatever the number of threads,
# so a seed gives the same run on 1 thread or 8, and a training can change its thread count between turns without
# leaving its run. MKL reads it before its first product, hence here: the package imports this module before it
# computes anything. Measured on a 2-core machine (2026-12-01): a d2l epoch takes as long as without it.
os.environ.setdefault("MKL_CBWR", "AUTO,STRICT")

DEVICES = ("auto", "cpu", "cuda", "mps")  # what a TrainConfig may name; "auto" picks the best available


@dataclass(frozen=True)
class Hardware:
    """The training device and a human description of it."""

    device: torch.device
    kind: str  # "cuda", "mps" or "cpu"
    name: str
    cpu_threads: int


def detect_hardware() -> Hardware:
    """The best available device: a CUDA GPU, then Apple MPS, then the CPU."""
    threads = torch.get_num_threads()
    if torch.cuda.is_available():
        return Hardware(torch.device("cuda"), "cuda", torch.cuda.get_device_name(0), threads)
    if torch.backends.mps.is_available():
        return Hardware(torch.device("mps"), "mps", "Apple MPS", threads)
    return Hardware(torch.device("cpu"), "cpu", "CPU", threads)


def device_available(kind: str) -> bool:
    """Whether this machine can train on the device kind "cpu", "cuda" or "mps"."""
    if kind == "cuda":
        return torch.cuda.is_available()
    if kind == "mps":
        return torch.backends.mps.is_available()
    return kind == "cpu"


def resolve_device(name: str) -> torch.device:
    """The torch.device for a TrainConfig device name; "auto" picks the best available one."""
    if name == "auto":
        return detect_hardware().device
    if name not in DEVICES:
        raise ValueError(f"unknown device {name!r}; choose one of {DEVICES}")
    if not device_available(name):
        raise ValueError(f"device {name!r} is not available on this machine; use 'auto' or 'cpu'")
    return torch.device(name)


def describe_device(device: torch.device) -> str:
    """A human description of a training device, for run records and the CLI."""
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "cpu":
        threads = torch.get_num_threads()
        return f"cpu ({threads} thread{'' if threads == 1 else 's'})"
    return device.type



def available_devices() -> list[str]:
    """The device names a visitor may choose on this machine: auto, then each kind present."""
    return ["auto"] + [kind for kind in ("cuda", "mps", "cpu") if device_available(kind)]


def runs_depend_on_threads() -> bool:
    """Whether torch's CPU thread count changes a run's numbers: yes unless MKL does the matrix products strictly.

    Without MKL (an ARM laptop, say) or with a $MKL_CBWR of the user's own, a product split over more threads sums
    in another order. tests/test_engine.py checks that the engine's runs are the same on 1 and 2 threads otherwise.
    """
    return not (torch.backends.mkl.is_available() and "STRICT" in os.environ.get("MKL_CBWR", "").upper())


def server_threads() -> int:
    """Torch threads for the app's server: $DROPOUT_EXPLORER_THREADS when set, else every core, shared by the
    trainings that run at once (training_threads); one fewer than the cores when the thread count changes runs.

    Measured on a 2-core machine by benchmarks/browser_training.py (2026-12-01): a 10-epoch run started in the
    browser finished in 11.0-11.6 s on 2 threads and 14.5 s on 1 (the browser drawing its curves used 0.2 of a core).
    A server whose runs depend on the thread count cannot share: each training keeps the whole pool, and two
    trainings of 2 threads each on 2 cores fell to about 1,000 images/s each (OpenMP's threads spin while they wait
    for each other), so there one core is left to the server's reruns instead.
    """
    if settings.is_set(settings.THREADS):
        return settings.value(settings.THREADS)
    cores = usable_cores()
    return max(1, cores - 1) if runs_depend_on_threads() else cores


_threads_lock = threading.Lock()
_configured_threads: int | None = None


def configure_threads(threads: int | None = None) -> int:
    """Set torch's process-wide CPU thread pool once (threads, else $DROPOUT_EXPLORER_THREADS); return its size.

    The pool is shared by every visitor of a server, so it is sized once at start-up and never per request.
    """
    global _configured_threads
    with _threads_lock:
        if _configured_threads is None:
            torch.set_num_threads(threads or settings.value(settings.THREADS))
            _configured_threads = torch.get_num_threads()
        return _configured_threads


def training_threads(trainings: int) -> int:
    """Torch threads for one of `trainings` trainings that run at once in this process: an equal share of the pool
    (rounded down, at least 1), so that together they use no core twice; the whole pool when a share would change
    the run."""
    pool = configure_threads()
    if runs_depend_on_threads():
        return pool
    return max(1, pool // max(1, trainings))


def use_threads(threads: int | None = None) -> None:
    """Give the calling thread this many torch threads (default: the configured pool, configure_threads), before it
    trains.

    torch applies set_num_threads only to threads that have not yet done parallel work: a thread that did some
    before the count was set (a test's main thread, say) keeps its old count, and where runs depend on the thread
    count (runs_depend_on_threads) the same seed would no longer give the same run in every thread.
    """
    wanted = threads or configure_threads()
    if torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)


@contextmanager
def one_thread():
    """Run the block on one torch thread: a reduction of a whole big tensor, split over threads, sums in another
    order on each thread count (MKL's strict mode covers matrix products only)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
