"""The per-process cap on concurrent trainings."""
import pytest

from dropout_core.runtime.slots import TrainingSlots


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_capacity_is_enforced_and_renewal_keeps_a_slot():
    slots = TrainingSlots(2, clock=FakeClock())
    assert slots.acquire("a") and slots.acquire("b")
    assert not slots.acquire("c")
    assert slots.acquire("a")  # renewing one's own slot always works
    assert slots.busy() == 2


def test_release_lets_the_next_visitor_in():
    slots = TrainingSlots(1, clock=FakeClock())
    assert slots.acquire("a") and not slots.acquire("b")
    slots.release("a")
    assert slots.acquire("b")


def test_abandoned_slot_expires_after_its_lease():
    clock = FakeClock()
    slots = TrainingSlots(1, lease_s=30, clock=clock)
    slots.acquire("closed-tab")
    clock.now = 29
    assert not slots.acquire("b")
    clock.now = 31
    assert slots.acquire("b")


def test_capacity_must_be_positive():
    with pytest.raises(ValueError, match="at least one"):
        TrainingSlots(0)
