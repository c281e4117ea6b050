"""Every environment variable Dropout Explorer reads, checked in one place against one table.

A bad value never breaks a page or waits for a visitor to press Start: `problems()` lists each one in a message
naming the variable and what it allows (the app shows them and goes on with the defaults; the CLIs print them
and exit with status 2), and `value()` gives the default in its place. Unset and empty mean the default.
"""
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cores import usable_cores

THREADS = "DROPOUT_EXPLORER_THREADS"  # torch's CPU threads for the whole process
TRAINING_SLOTS = "DROPOUT_EXPLORER_TRAINING_SLOTS"  # trainings a server runs at once
OFFLINE = "DROPOUT_EXPLORER_OFFLINE"  # 1 to never try a download
DATA = "DROPOUT_EXPLORER_DATA"  # a folder holding the four Fashion-MNIST IDX files
CACHED_RUNS = "DROPOUT_EXPLORER_CACHED_RUNS"  # the folder the Compare page reads saved runs from
POLL_DB = "DROPOUT_EXPLORER_POLL_DB"  # where class polls are stored: a SQLAlchemy URL (SQLite or PostgreSQL)
TOURS = "DROPOUT_EXPLORER_TOURS"  # a folder of a lecturer's guided tours, offered beside the shipped ones

DEFAULT_SLOTS = 2  # two trainings at once keep a small hosted CPU responsive for everyone else
MAX_SLOTS = 64
POLL_BACKENDS = ("sqlite", "postgresql")  # the databases the poll store is tested against
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def max_threads() -> int:
    """More threads than 4 per core only make torch's threads fight over the cores."""
    return 4 * (os.cpu_count() or 1)


def _whole_number(low: int, high: Callable[[], int] | int) -> Callable[[str], int]:
    """A parser of whole numbers in [low, high] (high may depend on the machine)."""

    def parse(text: str) -> int:
        top = high() if callable(high) else high
        number = int(text.strip())  # ValueError for anything but an integer
        if not low <= number <= top:
            raise ValueError
        return number

    return parse


def _switch(text: str) -> bool:
    """on or off, in the usual spellings."""
    lowered = text.strip().lower()
    if lowered not in _TRUE + _FALSE:
        raise ValueError
    return lowered in _TRUE


def _folder(text: str) -> Path:
    """An existing folder."""
    path = Path(text).expanduser()
    if not path.is_dir():
        raise ValueError
    return path


def _database_url(text: str) -> str:
    """A SQLAlchemy URL of a SQLite or PostgreSQL database."""
    # Imported here, not above: every import of settings would pay for SQLAlchemy.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text.strip())
    except (ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
        raise ValueError from error
    # An in-memory SQLite database is one per connection: a poll opened on one would be unknown on the next.
    if url.get_backend_name() not in POLL_BACKENDS or url.database in (None, "", ":memory:"):
        raise ValueError
    return text.strip()


def default_poll_db() -> str:
    """A SQLite file in the user's cache folder: zero set-up, writable where the checkout may be read-only (a
    hosted app), and a cache is the right home for polls that live a day. poll_engine creates the folder."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return f"sqlite:///{cache / 'dropout-explorer' / 'polls.sqlite'}"


@dataclass(frozen=True)
class Setting:
    """One environment variable: how its text is read, what it allows in words, its value when unset or bad."""

    name: str
    parse: Callable[[str], object]  # raises ValueError for a value outside the allowed range
    allowed: Callable[[], str]
    default: Callable[[], object]
    secret: bool = False  # its value may hold a password: a problem names the variable without quoting it


SETTINGS = {setting.name: setting for setting in (
    Setting(THREADS, _whole_number(1, max_threads),
            lambda: f"a whole number of CPU threads from 1 to {max_threads()} (4 per core of this machine)",
            usable_cores),
    Setting(TRAINING_SLOTS, _whole_number(1, MAX_SLOTS),
            lambda: f"a whole number of trainings at once from 1 to {MAX_SLOTS}", lambda: DEFAULT_SLOTS),
    Setting(OFFLINE, _switch, lambda: f"one of {', '.join(_TRUE + _FALSE)}", lambda: False),
    Setting(DATA, _folder, lambda: "an existing folder holding the four Fashion-MNIST files", lambda: None),
    Setting(CACHED_RUNS, _folder, lambda: "an existing folder of saved runs", lambda: None),
    Setting(POLL_DB, _database_url,
            lambda: "a SQLAlchemy URL of a SQLite or PostgreSQL database, e.g. postgresql://user:password@host/polls",
            default_poll_db, secret=True),
    Setting(TOURS, _folder, lambda: "an existing folder of tour files (.toml or .json)", lambda: None),
)}


def _raw(name: str) -> str | None:
    """The variable's text, or None when it is unset or empty (both mean: use the default)."""
    text = os.environ.get(name, "")
    return text if text.strip() else None


def is_set(name: str) -> bool:
    """True when the variable is set to a value it allows (an unset, empty or invalid one means: the default)."""
    text = _raw(name)
    if text is None:
        return False
    try:
        SETTINGS[name].parse(text)
    except ValueError:
        return False
    return True


def value(name: str):
    """The variable's value, or its default when it is unset or invalid (problems() reports the latter)."""
    setting = SETTINGS[name]
    text = _raw(name)
    if text is not None:
        try:
            return setting.parse(text)
        except ValueError:
            pass
    return setting.default()


def problems() -> list[str]:
    """One message per variable set to a value it does not allow, naming the variable and the allowed range."""
    found = []
    for name, setting in SETTINGS.items():
        text = _raw(name)
        if text is None:
            continue
        try:
            setting.parse(text)
        except ValueError:
            shown = text if len(text) <= 60 else text[:59] + "…"
            quoted = " (value not shown)" if setting.secret else f"={shown!r}"
            found.append(f"{name}{quoted} is not allowed: use {setting.allowed()}.")
    return found


def refuse_bad_settings() -> None:
    """For the command lines: print every problem and exit with status 2 when there is one."""
    found = problems()
    if found:
        print("\n".join(found), file=sys.stderr)
        raise SystemExit(2)
