"""Widgets whose values live in the URL, so one link reopens the exact setting.

Streamlit's own `bind="query-params"` writes a select box's *translated label* into the URL, so a link made in
Chinese would not open in English; and it drops an out-of-range value silently. These wrappers store canonical
values (option ids, numbers) instead, clamp or ignore a bad value from a link with a visible notice, and leave
defaults out of the URL to keep links short.

Streamlit forgets a widget's value, and navigation drops the page's URL parameters, as soon as a run does not
draw it: after a visit to another page. So each page's values are also remembered (in their URL spelling) outside
the widget keys, and a widget drawn for the first time since takes its value from the URL if the URL names one
(a link wins), else from that memory, and writes it back to the URL.
"""
import contextlib
import math
import secrets
from collections.abc import Callable, Sequence

import streamlit as st

from ui.i18n import t
from ui.safe_text import plain

NOTICES_KEY = "link_notices"  # session state: this run's notices about link values, drawn in one place
MEMORY_KEY = "remembered_controls"  # session state: {page: {control key: its value's URL spelling}}
PAGE_KEY = "controls_page"  # session state: the page whose controls this run draws


class _BadValue(ValueError):
    """A URL value that cannot be used at all."""


def _seed_from_url(key: str, default, parse: Callable) -> None:
    """On a widget's first render, take its value from the URL (clamped or ignored, with a notice), else from the
    page's last visit in this session, else the default.

    The notice is kept for show_link_notices(), not drawn here: a widget may sit in a collapsed expander or the
    sidebar, where nobody would see it.
    """
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    value = default
    if raw is None:
        remembered = _page_memory().get(key)
        if remembered is not None:
            with contextlib.suppress(ValueError, TypeError):  # a value no longer offered: the default instead
                value = parse(remembered)[0]
    else:
        notices = st.session_state.setdefault(NOTICES_KEY, [])
        try:
            value, changed = parse(raw)
            if changed:
                notices.append(t("url.clamped", name=key, raw=plain(raw), value=_serialize(value)))
        except (ValueError, TypeError):
            notices.append(t("url.ignored", name=key, raw=plain(raw), value=_serialize(default)))
            value = default
    st.session_state[key] = value


def show_link_notices(place=st) -> None:
    """Draw, once, every notice about a link value gathered so far (explorer.py calls it for the top of each page)."""
    for notice in st.session_state.pop(NOTICES_KEY, []):
        place.warning(notice)


def enter_page(page: str) -> None:
    """Name the page whose controls the rest of this run draws (explorer.py calls it before running the page)."""
    st.session_state[PAGE_KEY] = page


def forget_page(page: str, keys) -> None:
    """Make a page open at its defaults plus whatever the URL names: drop its remembered values and the widget
    state of those keys (a guided tour's step does this before opening its page)."""
    remembered = st.session_state.setdefault(MEMORY_KEY, {}).pop(page, {})
    for key in set(remembered) | set(keys):
        st.session_state.pop(key, None)


def remembered_keys(page: str) -> set[str]:
    """The controls a page has drawn in this session (what a URL setting of that page may name)."""
    return set(st.session_state.get(MEMORY_KEY, {}).get(page, {}))


def _page_memory() -> dict:
    """The current page's remembered control values; the sidebar's, drawn on every page, are never needed."""
    return st.session_state.setdefault(MEMORY_KEY, {}).setdefault(st.session_state.get(PAGE_KEY), {})


def _write_to_url(key: str, value, default) -> None:
    """Mirror the widget's value in the URL, leaving defaults out, and remember it for the page's next visit."""
    text = _serialize(value)
    _page_memory()[key] = text
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != text:
        st.query_params[key] = text


def _serialize(value) -> str:
    """The URL spelling of a value: true/false for booleans, numbers as Python prints them, lists comma-separated."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(map(_serialize, value))
    return str(value)


def link_params(values: dict) -> dict[str, str]:
    """URL parameters that open a page with these control values (keys as the page's controls name them)."""
    return {key: _serialize(value) for key, value in values.items()}


def _parse_number(raw: str, lo, hi, integer: bool) -> tuple:
    """A number from the URL clamped to [lo, hi], and whether clamping changed it."""
    number = float(raw)
    if math.isnan(number):
        raise _BadValue(raw)
    if integer:
        if math.isinf(number) or number != int(number):
            raise _BadValue(raw)
        number = int(number)
    clamped = min(max(number, lo), hi)
    return clamped, clamped != number


def url_slider(label: str, key: str, min_value, max_value, default, step=None, place=st, **kwargs):
    """A slider bound to the URL parameter `key`; integers if the bounds and default are ints."""
    integer = all(isinstance(v, int) for v in (min_value, max_value, default))
    _seed_from_url(key, default, lambda raw: _parse_number(raw, min_value, max_value, integer))
    value = place.slider(label, min_value, max_value, step=step, key=key, **kwargs)
    _write_to_url(key, value, default)
    return value


def url_number(label: str, key: str, min_value: int, max_value: int, default: int, place=st, **kwargs) -> int:
    """An integer input bound to the URL parameter `key`."""
    _seed_from_url(key, default, lambda raw: _parse_number(raw, min_value, max_value, True))
    value = place.number_input(label, min_value=min_value, max_value=max_value, step=1, key=key, **kwargs)
    _write_to_url(key, value, default)
    return value


def url_choice(label: str, key: str, options: Sequence, default, format_func=str, widget="selectbox", place=st,
               **kwargs):
    """A select box, radio or segmented control bound to the URL parameter `key` by option id, not by label."""
    by_text = {_serialize(option): option for option in options}

    def parse(raw: str):
        if raw not in by_text:
            raise _BadValue(raw)
        return by_text[raw], False

    _seed_from_url(key, default, parse)
    draw = getattr(place, widget)
    value = draw(label, options=list(options), format_func=format_func, key=key, **kwargs)
    _write_to_url(key, value, default)
    return value


def url_toggle(label: str, key: str, default: bool = False, place=st, **kwargs) -> bool:
    """An on/off toggle bound to the URL parameter `key` (true/false, 1/0)."""

    def parse(raw: str):
        lowered = raw.strip().lower()
        if lowered in ("true", "1", "on", "yes"):
            return True, False
        if lowered in ("false", "0", "off", "no"):
            return False, False
        raise _BadValue(raw)

    _seed_from_url(key, default, parse)
    value = place.toggle(label, key=key, **kwargs)
    _write_to_url(key, value, default)
    return value


def url_pills(label: str, key: str, options: Sequence, default: Sequence, format_func=str, place=st, **kwargs) -> list:
    """Pills that each toggle an option, bound to the URL parameter `key` as comma-separated option ids; unknown
    ids are dropped.

    Pills rather than a multiselect: they show every option, chosen or not, and wrap their labels, where a
    multiselect hides what is not chosen and scrolls its chips sideways under a fade (on a projector in Chinese it
    cut the last setting off).
    Options may change between reruns (e.g. with another choice above it): a chosen value no longer offered is
    dropped instead of breaking the widget. Option ids must not contain commas.
    """
    by_text = {_serialize(option): option for option in options}
    default = [option for option in default if option in options]

    def parse(raw: str):
        """The known ids in the URL value, and whether any was dropped; refused when none is known."""
        parts = [part for part in raw.split(",") if part]
        known = list(dict.fromkeys(by_text[part] for part in parts if part in by_text))
        if parts and not known:
            raise _BadValue(raw)
        return known, len(known) != len(parts)

    _seed_from_url(key, default, parse)
    st.session_state[key] = [value for value in st.session_state[key] if value in options]
    value = place.pills(label, options=list(options), selection_mode="multi", format_func=format_func, key=key,
                        **kwargs)
    _write_to_url(key, value, default)
    return value


def resample_seed(key: str, below: int) -> None:
    """A button callback: a fresh random seed in [0, below) for the control `key`, never the one in use."""
    current = st.session_state.get(key)
    seed = current
    while seed == current:
        seed = secrets.randbelow(below)
    st.session_state[key] = seed
