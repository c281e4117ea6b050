"""Which device trains, how it is described, and how many CPU threads torch may use in this process."""
import os
import threading
from dataclasses import dataclass

import torch

from . import settings

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


def server_threads() -> int:
    """Torch threads for the app's server: $DROPOUT_EXPLORER_THREADS when set, else one fewer than the machine's cores.

    The server's reruns (and, on a laptop, the browser drawing the curves) need a core of their own. Measured on a
    2-core machine by benchmarks/browser_training.py (2026-11-30): a 10-epoch run through the browser took 1.76x the
    all-core engine's time with 2 torch threads, 1.71x with 1. Two trainings of 2 threads each on 2 cores fell to
    about 1,000 images/s each: OpenMP's threads spin while they wait, and starve each other.
    """
    if settings.is_set(settings.THREADS):
        return settings.value(settings.THREADS)
    return max(1, (os.cpu_count() or 1) - 1)


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


def use_configured_threads() -> None:
    """Give the calling thread torch's configured thread count (configure_threads), before it trains.

    torch applies set_num_threads only to threads that have not yet done parallel work: a thread that did some
    before the count was set (a test's main thread, say) keeps its old count, sums in another order, and the same
    seed would no longer give the same run in every thread.
    """
    wanted = configure_threads()
    if torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
