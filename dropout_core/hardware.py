"""Which device trains, and how many CPU threads torch may use in this process."""
import os
import threading
from dataclasses import dataclass

import torch

THREADS_ENV = "DROPOUT_EXPLORER_THREADS"


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


_threads_lock = threading.Lock()
_configured_threads: int | None = None


def configure_threads(threads: int | None = None) -> int:
    """Set torch's process-wide CPU thread pool once ($DROPOUT_EXPLORER_THREADS or all cores); return its size.

    The pool is shared by every visitor of a server, so it is sized once at start-up and never per request.
    """
    global _configured_threads
    with _threads_lock:
        if _configured_threads is None:
            wanted = threads or int(os.environ.get(THREADS_ENV, 0) or 0) or (os.cpu_count() or 1)
            torch.set_num_threads(max(1, wanted))
            _configured_threads = torch.get_num_threads()
        return _configured_threads
