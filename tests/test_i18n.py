"""The translation catalog: every key in both languages, and every key the code uses exists."""
import re
import string
from pathlib import Path

import pytest

from ui.i18n import CATALOG, LANGUAGES, translate

REPO = Path(__file__).resolve().parent.parent
SOURCES = [*REPO.glob("app.py"), *REPO.glob("pages/*.py"), *REPO.glob("ui/**/*.py")]
KEY_USE = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")


def placeholders(text: str) -> set[str]:
    """The {names} a format string expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_every_language(key):
    for lang in LANGUAGES:
        assert CATALOG[key].get(lang, "").strip(), f"{key!r} has no {LANGUAGES[lang]} text"


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_translations_expect_the_same_placeholders(key):
    expected = placeholders(CATALOG[key]["en"])
    for lang in LANGUAGES:
        assert placeholders(CATALOG[key][lang]) == expected, f"{key!r} in {lang}"


def test_every_key_used_in_the_code_exists():
    used = {key for path in SOURCES for key in KEY_USE.findall(path.read_text(encoding="utf-8"))}
    assert used, "the scan found no t(...) calls: the pattern is broken"
    assert sorted(used - CATALOG.keys()) == []


def test_translate_fills_placeholders():
    assert translate("sidebar.hw_cpu", "en", threads=2) == "CPU, 2 threads"
    assert translate("sidebar.hw_cpu", "zh", threads=2) == "CPU，2 个线程"
