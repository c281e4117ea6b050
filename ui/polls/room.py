"""The lecturer's room across a reload. The room's code, its secret and the question it carries are kept in a cookie
of the lecturer's browser (never in the URL the projector shows), so a new session of that browser takes the room back:
the class stays on its code, and the open question's Stop and End work again."""
import base64
import json

import streamlit as st

from dropout_core.classroom import OpenedPoll, PollError, PollState
from ui.polls.store import poll_store

COOKIE = "dropout_explorer_room"
MAX_AGE_S = 24 * 3600  # a poll lives a day (classroom.POLL_LIFETIME)
MAX_COOKIE = 1000  # a room's cookie is about 200 characters: a longer one is not ours
PENDING_KEY = "poll_room_cookie"  # session state: the cookie still to write into the browser
READ_KEY = "poll_room_read"  # session state: this session has read the browser's cookie (once is enough)


def encode(opened: OpenedPoll, key: str) -> str:
    """The cookie's value for this room and the key of the question it carries (URL-safe base64 of JSON)."""
    payload = {"code": opened.code, "secret": opened.secret, "question": opened.question_id, "key": key}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def decode(value) -> tuple[OpenedPoll, str] | None:
    """The room and question key a cookie holds, or None for anything else: the browser may send any text."""
    if not isinstance(value, str) or len(value) > MAX_COOKIE:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(value.encode()))
        code, secret, question, key = data["code"], data["secret"], data["question"], data["key"]
    except (ValueError, KeyError, TypeError):  # bad base64, UTF-8 and JSON are ValueErrors; a wrong shape the others
        return None
    if not (isinstance(code, str) and isinstance(secret, str) and isinstance(key, str)
            and type(question) is int):
        return None
    return OpenedPoll(code, secret, question), key


def remember(opened: OpenedPoll, key: str) -> None:
    """Keep this room in the browser: a button callback cannot draw, so the next run writes the cookie."""
    st.session_state[PENDING_KEY] = encode(opened, key)


def write_pending() -> None:
    """Write the cookie remember() queued. SameSite=Strict: only the app's own pages send it back."""
    value = st.session_state.pop(PENDING_KEY, None)
    if value is not None:
        with st.container(key="browser_script"):  # hidden by ui.theme's page CSS: a script, nothing to see
            st.html(f"<script>document.cookie = '{COOKIE}={value}; path=/; max-age={MAX_AGE_S}; SameSite=Strict'"
                    " + (location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)


def browser_cookie() -> str | None:
    """The room cookie the browser sent when this session began, if any."""
    return st.context.cookies.get(COOKIE)


def reclaimed() -> tuple[OpenedPoll, str | None] | None:
    """Once per session: the room the browser's cookie names, if its secret still holds it, with the key of the
    question asked when the cookie was written while the room still carries that question open or revealed (else
    None: the next question takes the room over). None when there is no such room; a bad or stale cookie is ignored."""
    if st.session_state.get(READ_KEY):
        return None
    st.session_state[READ_KEY] = True
    found = decode(browser_cookie())
    if found is None:
        return None
    kept, key = found
    try:
        store = poll_store()
        opened = store.reclaim(kept.code, kept.secret)
        ongoing = store.tally(opened.code).state != PollState.CLOSED
    except PollError:  # gone for the day, someone else's, or the database is down: start afresh
        return None
    return opened, (key if ongoing and opened.question_id == kept.question_id else None)
