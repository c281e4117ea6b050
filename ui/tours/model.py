"""Tour files read and checked: plain TOML or JSON in, a Tour out, or a TourError naming the step and field.

A tour is data a lecturer writes (the format is in tours/README.md), so every check here says exactly what is
wrong and where, and nothing in a file is executed. This module never imports streamlit: the tests and the
Tours page read tours through the same functions.
"""
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dropout_core.classroom.polls import MAX_CHOICE, MAX_QUESTION
from dropout_core.runtime import settings
from ui.navigation import PAGES_BY_NAME

LANGUAGES = ("en", "zh")
PAGES = tuple(PAGES_BY_NAME)
# URL parameters the app itself owns: a tour step may not switch the lecturer's language or projector mode.
RESERVED_SETTINGS = ("lang", "projector", "predict", "tour", "step")
SHIPPED = Path(__file__).resolve().parents[2] / "tours"  # the tours that come with the app
SUFFIXES = (".toml", ".json")
MAX_FILE_BYTES = 200_000
MAX_STEPS = 100
MAX_SETTINGS = 30
MAX_CHOICES = 6
# A question and its choices may become a class poll, whose choices are numbered ("1. ..."): the poll's limits.
LIMITS = {"title": 120, "narration": 3000, "question": MAX_QUESTION, "choice": MAX_CHOICE - len(f"{MAX_CHOICES}. "),
          "setting": 200}
PROBLEMS = ("too_big", "suffix", "syntax", "unreadable", "duplicate", "missing", "type", "unknown", "limit",
            "language", "page", "reserved", "answer")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,47}")
_SETTING_KEY = re.compile(r"[a-z][a-z0-9_]{0,31}")


@dataclass(frozen=True)
class TourError(Exception):
    """What is wrong with a tour file: where (step number from 1, dotted field) and which problem."""

    problem: str  # one of PROBLEMS; the UI words it
    step: int | None = None
    field: str = ""
    detail: str = ""  # the offending value or what is allowed, for the message


@dataclass(frozen=True)
class Text:
    """A text in the tour's languages; a missing language falls back to the other one."""

    en: str = ""
    zh: str = ""

    def __call__(self, lang: str) -> str:
        """The text in lang, else in the language the file gave."""
        return getattr(self, lang, "") or self.en or self.zh


@dataclass(frozen=True)
class Question:
    """A multiple-choice question for the room; answer is the right choice's index when it is a general truth."""

    text: Text
    choices: tuple[Text, ...]
    answer: int | None = None


@dataclass(frozen=True)
class Step:
    """One stop of a tour: a page opened with these URL settings, what to say there, and perhaps a question."""

    page: str
    title: Text
    narration: Text
    settings: dict[str, str] = field(default_factory=dict)
    minutes: float = 0.0
    question: Question | None = None


@dataclass(frozen=True)
class Tour:
    """A named sequence of steps."""

    id: str
    title: Text
    steps: tuple[Step, ...]
    source: str = ""  # where it came from: a file name, for messages

    @property
    def minutes(self) -> float:
        """The tour's length as the steps estimate it."""
        return sum(step.minutes for step in self.steps)


def parse_tour(content: bytes, filename: str) -> Tour:
    """The tour in a .toml or .json file's bytes; raises TourError for anything malformed."""
    if len(content) > MAX_FILE_BYTES:
        raise TourError("too_big", detail=f"{MAX_FILE_BYTES // 1000} kB")
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise TourError("suffix", detail=", ".join(SUFFIXES))
    try:
        text = content.decode("utf-8")
        data = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except UnicodeDecodeError:
        raise TourError("syntax", detail="not UTF-8 text") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise TourError("syntax", detail=str(error)) from None
    if not isinstance(data, dict):
        raise TourError("type", detail="a table (TOML) or an object (JSON)")
    _only(data, {"id", "title", "steps"}, None, "")
    tour_id = data.get("id", Path(filename).stem.lower().replace("_", "-"))
    if not isinstance(tour_id, str) or not _ID.fullmatch(tour_id):
        raise TourError("type", field="id", detail="lowercase letters, digits and hyphens, at most 48")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise TourError("missing", field="steps")
    if len(steps) > MAX_STEPS:
        raise TourError("limit", field="steps", detail=str(MAX_STEPS))
    return Tour(tour_id, _text(data, "title", None, "", LIMITS["title"]),
                tuple(_step(raw, number) for number, raw in enumerate(steps, start=1)), source=filename)


def _step(raw, number: int) -> Step:
    """One [[steps]] entry."""
    if not isinstance(raw, dict):
        raise TourError("type", number, "", "a table")
    _only(raw, {"page", "title", "narration", "settings", "minutes", "question"}, number, "")
    page = raw.get("page")
    if page is None:
        raise TourError("missing", number, "page")
    if page not in PAGES:
        raise TourError("page", number, "page", ", ".join(PAGES))
    minutes = raw.get("minutes", 0)
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 <= minutes <= 120:
        raise TourError("type", number, "minutes", "a number of minutes from 0 to 120")
    question = _question(raw["question"], number) if "question" in raw else None
    return Step(page, _text(raw, "title", number, "", LIMITS["title"]),
                _text(raw, "narration", number, "", LIMITS["narration"]),
                _settings(raw.get("settings", {}), number), float(minutes), question)


def _settings(raw, number: int) -> dict[str, str]:
    """A step's page settings, spelled as in the page's URL (lists become comma-separated values)."""
    if not isinstance(raw, dict):
        raise TourError("type", number, "settings", "a table of URL settings")
    if len(raw) > MAX_SETTINGS:
        raise TourError("limit", number, "settings", str(MAX_SETTINGS))
    settings = {}
    for key, value in raw.items():
        where = f"settings.{key}"
        if key in RESERVED_SETTINGS:
            raise TourError("reserved", number, where)
        if not _SETTING_KEY.fullmatch(key):
            raise TourError("type", number, where, "lowercase letters, digits and _")
        values = value if isinstance(value, list) else [value]
        spelled = [_setting_value(item, number, where) for item in values]
        settings[key] = ",".join(spelled)
        if len(settings[key]) > LIMITS["setting"]:
            raise TourError("limit", number, where, str(LIMITS["setting"]))
    return settings


def _setting_value(value, number: int, where: str) -> str:
    """A scalar setting as the URL spells it (true/false, numbers as Python prints them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)) or (isinstance(value, float) and math.isfinite(value)):
        return str(value)
    raise TourError("type", number, where, "text, a number, true/false, or a list of these")


def _question(raw, number: int) -> Question:
    """A step's question: text, two to six choices, perhaps the right one's number."""
    if not isinstance(raw, dict):
        raise TourError("type", number, "question", "a table")
    _only(raw, {"en", "zh", "choices", "answer"}, number, "question.")
    text = _text({"question": {k: v for k, v in raw.items() if k in LANGUAGES}}, "question", number, "",
                 LIMITS["question"])
    choices = raw.get("choices")
    if not isinstance(choices, list) or not 2 <= len(choices) <= MAX_CHOICES:
        raise TourError("type", number, "question.choices", f"a list of 2 to {MAX_CHOICES} choices")
    parsed = tuple(_text({"choice": choice}, "choice", number, f"question.choices[{index}].", LIMITS["choice"])
                   for index, choice in enumerate(choices, start=1))
    answer = raw.get("answer")
    if answer is not None and (isinstance(answer, bool) or not isinstance(answer, int)
                               or not 1 <= answer <= len(parsed)):
        raise TourError("answer", number, "question.answer", str(len(parsed)))
    return Question(text, parsed, None if answer is None else answer - 1)


def _text(table: dict, name: str, number: int | None, prefix: str, limit: int) -> Text:
    """A {en, zh} table (or one string, for both languages) with at least one language filled in."""
    where = prefix.rstrip(".") if name == "choice" else prefix + name
    raw = table.get(name)
    if raw is None:
        raise TourError("missing", number, where)
    if isinstance(raw, str):
        raw = {"en": raw, "zh": raw}
    if not isinstance(raw, dict):
        raise TourError("type", number, where, "a text, or a table with en and zh")
    _only(raw, set(LANGUAGES), number, where + ".")
    for lang, text in raw.items():
        if not isinstance(text, str):
            raise TourError("type", number, f"{where}.{lang}", "a text")
        if len(text) > limit:
            raise TourError("limit", number, f"{where}.{lang}", str(limit))
    if not any(raw.get(lang, "").strip() for lang in LANGUAGES):
        raise TourError("language", number, where)
    return Text(raw.get("en", "").strip(), raw.get("zh", "").strip())


def _only(table: dict, allowed: set[str], number: int | None, prefix: str) -> None:
    """Refuse a field the format does not have (most often a typo that would otherwise be ignored)."""
    for name in table:
        if name not in allowed:
            raise TourError("unknown", number, prefix + name, ", ".join(sorted(allowed)))


def read_folder(folder: Path) -> tuple[list[Tour], list[tuple[str, TourError]]]:
    """Every tour file in a folder, and (file name, error) for each that could not be read."""
    tours, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        try:
            tours.append(parse_tour(path.read_bytes(), path.name))
        except TourError as error:
            problems.append((path.name, error))
        except OSError as error:
            problems.append((path.name, TourError("unreadable", detail=error.strerror or str(error))))
    return tours, problems


def tour_library() -> tuple[dict[str, Tour], list[tuple[str, TourError]]]:
    """The shipped tours and those in $DROPOUT_EXPLORER_TOURS, by id; and the files that could not be read."""
    library: dict[str, Tour] = {}
    problems: list[tuple[str, TourError]] = []
    for folder in (SHIPPED, settings.value(settings.TOURS)):
        if folder is None:
            continue
        tours, unreadable = read_folder(folder)
        problems += unreadable
        for tour in tours:
            if tour.id in library:
                problems.append((tour.source, TourError("duplicate", field="id", detail=tour.id)))
            else:
                library[tour.id] = tour
    return library, problems
