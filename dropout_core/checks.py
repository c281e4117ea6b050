"""Argument checks shared by the whole core: each returns the value in its plain Python type or raises ValueError.

The messages name the argument and the allowed range, in words a user of the CLI or a page can act on.
"""
import math
import numbers
from collections.abc import Sequence

MAX_SEED = 2**62  # seeds stay below this, leaving room for the seeds derived from them


def is_whole_number(value) -> bool:
    """True for an integer that is not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_real_number(value) -> bool:
    """True for a real number that is not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_drop_probability(p) -> float:
    """Return p as a float, or raise ValueError unless p is a real number in [0, 1]."""
    if not is_real_number(p):
        raise ValueError(
            f"dropout probability must be a number in [0, 1], got {p!r} of type {type(p).__name__}"
        )
    p = float(p)
    if math.isnan(p) or not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    return p


def check_drop_rate_below_one(d) -> float:
    """Return d as a float, or raise ValueError unless d is in [0, 1): at d = 1 nothing survives; 1/(1-d) = inf."""
    d = check_drop_probability(d)
    if d == 1.0:
        raise ValueError("drop rate must be below 1 here: with d = 1 every input is dropped and 1/(1 - d) is infinite")
    return d


def check_int_at_least(value, name: str, minimum: int = 1) -> int:
    """Return value as an int, or raise ValueError unless it is an integer >= minimum."""
    if not is_whole_number(value) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_int_between(value, name: str, minimum: int, maximum: int) -> int:
    """Return value as an int, or raise ValueError unless it is a whole number in [minimum, maximum]."""
    if not is_whole_number(value) or not minimum <= value <= maximum:
        raise ValueError(f"{name} must be a whole number from {minimum} to {maximum}, got {value!r}")
    return int(value)


def check_seed(seed) -> int:
    """Return seed as an int, or raise ValueError unless it is an integer in [0, 2**62) (room for derived seeds)."""
    if not is_whole_number(seed) or not 0 <= seed < MAX_SEED:
        raise ValueError(f"seed must be an integer in [0, 2**62), got {seed!r}")
    return int(seed)


def check_number_in(value, name: str, low: float, high: float = math.inf) -> float:
    """Return value as a float, or raise ValueError unless it is a real number in [low, high)."""
    if not is_real_number(value) or not low <= float(value) < high:
        raise ValueError(f"{name} must be a number in [{low}, {high}), got {value!r}")
    return float(value)


def check_number_within(value, name: str, low: float, high: float, low_inclusive: bool = True) -> float:
    """Return value as a float, or raise ValueError unless it is a real number in [low, high] ((low, high] if not
    low_inclusive); NaN and infinities never are."""
    above_low = is_real_number(value) and (low <= value if low_inclusive else low < value)
    if not above_low or not value <= high:
        raise ValueError(f"{name} must be a number in {'[' if low_inclusive else '('}{low:g}, {high:g}], "
                         f"got {value!r}")
    return float(value)


def check_choice(value, name: str, choices: Sequence):
    """Return value, or raise ValueError unless it is one of choices."""
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {tuple(choices)}")
    return value
