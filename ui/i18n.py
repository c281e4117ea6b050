"""The translation catalog: every visible string in English and Chinese, looked up by key."""
import streamlit as st

from ui.strings import load_all_strings

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_KEY = "lang"  # session-state key (and URL parameter) holding the chosen language

CATALOG = load_all_strings()


def translate(key: str, lang: str, **values) -> str:
    """The string for key in lang, with {placeholders} filled from values."""
    entry = CATALOG[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def current_language() -> str:
    """The language this session has chosen, English until it chooses."""
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The string for key in this session's language."""
    return translate(key, current_language(), **values)


def join_list(items) -> str:
    """Items as a list in this session's language: "a, b, c" in English, "a、b、c" in Chinese."""
    return t("list.separator").join(map(str, items))


SENTENCE_BREAKS = {"en": " ", "zh": ""}  # between two sentences: Chinese puts no space after "。"


def join_sentences(items) -> str:
    """Sentences one after another in this session's language."""
    return SENTENCE_BREAKS[current_language()].join(map(str, items))


def join_clauses(items) -> str:
    """Items that hold commas of their own, apart: "a, 1; b, 2" in English, "a，1；b，2" in Chinese."""
    return t("list.clauses").join(map(str, items))
