"""A cap on concurrent trainings in one server process, so many visitors cannot starve each other."""
import threading
import time
from collections.abc import Callable

from . import settings

LEASE_S = 30.0  # a slot not renewed for this long is free again (the visitor closed the tab mid-run)


class TrainingSlots:
    """At most `capacity` owners train at once; each renews its lease while it trains."""

    def __init__(self, capacity: int, lease_s: float = LEASE_S, clock: Callable[[], float] = time.monotonic):
        if capacity < 1:
            raise ValueError(f"need at least one training slot, got {capacity}")
        self.capacity = capacity
        self.lease_s = lease_s
        self._clock = clock
        self._leases: dict[str, float] = {}  # owner -> time of last renewal
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        """Forget leases nobody renewed in time."""
        for owner in [o for o, renewed in self._leases.items() if now - renewed > self.lease_s]:
            del self._leases[owner]

    def acquire(self, owner: str) -> bool:
        """Take or renew a slot for owner; False when all slots are busy with others."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            if owner in self._leases or len(self._leases) < self.capacity:
                self._leases[owner] = now
                return True
            return False

    def release(self, owner: str) -> None:
        """Give owner's slot back (nothing happens if it held none)."""
        with self._lock:
            self._leases.pop(owner, None)

    def busy(self) -> int:
        """How many slots are held right now."""
        with self._lock:
            self._expire(self._clock())
            return len(self._leases)


_process_slots: TrainingSlots | None = None
_process_lock = threading.Lock()


def process_slots() -> TrainingSlots:
    """The one slot pool of this server process ($DROPOUT_EXPLORER_TRAINING_SLOTS, default 2)."""
    global _process_slots
    with _process_lock:
        if _process_slots is None:
            _process_slots = TrainingSlots(settings.value(settings.TRAINING_SLOTS))
        return _process_slots
