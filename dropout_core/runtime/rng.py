"""Torch's process-wide random generator, shared by every session of a server: one lock, and seeding under it."""
import contextlib
import threading

import torch

from ..checks import check_seed

# Held by any code that sets the global generator's state and then draws from it (nn.Dropout's masks in the
# engine, the Mask explorer's seeded PyTorch dropout, Monte Carlo dropout passes), so two visitors' draws never
# interleave and each stays reproducible.
GLOBAL_RNG_LOCK = threading.Lock()


@contextlib.contextmanager
def seeded_global_rng(seed: int, device: torch.device | str = "cpu"):
    """Seed torch's global generators inside the block, holding the lock, and restore the caller's state after."""
    device = torch.device(device)
    devices = [] if device.type == "cpu" else [device.index or 0]
    device_type = None if device.type == "cpu" else device.type
    with GLOBAL_RNG_LOCK, torch.random.fork_rng(devices=devices, device_type=device_type):
        torch.manual_seed(check_seed(seed))
        yield
