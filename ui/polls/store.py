"""The server's one poll store, this browser session's anonymous voter token, and every poll refusal in words.

The engine comes from dropout_core.classroom.poll_engine rather than st.connection: SQLite needs WAL and a busy
timeout set on each connection for a lecture hall's burst of answers, and the benchmarks and tests use the very
same store without Streamlit.
"""
import secrets
from datetime import UTC, datetime

import streamlit as st

from dropout_core.classroom import (
    InvalidChoice,
    NotPollOwner,
    PollClosed,
    PollError,
    PollExpired,
    PollStorageUnavailable,
    PollStore,
    QuestionReplaced,
    UnknownPoll,
    poll_engine,
)
from ui.i18n import t
from ui.safe_text import plain

VOTER_KEY = "poll_voter"  # session state: a random token, this browser session's only identity in a poll


@st.cache_resource(show_spinner=False)
def _shared_store() -> PollStore:
    """One store (and connection pool) per server; its tables are made on first use."""
    store = PollStore(poll_engine())
    store.create_tables()
    return store


def poll_store() -> PollStore:
    """The server's poll store; PollStorageUnavailable when its database cannot be reached (tried again later,
    since a failed first use is not cached)."""
    try:
        return _shared_store()
    except PollError:
        raise
    except Exception as error:  # a bad URL's driver, an unwritable default folder: polls are unavailable
        raise PollStorageUnavailable(error) from error


def voter_token() -> str:
    """This browser session's voter token: random, never shown, stored by the poll only as a hash."""
    return st.session_state.setdefault(VOTER_KEY, secrets.token_urlsafe(24))


def describe(error: PollError) -> str:
    """A poll refusal in the learner's language."""
    if isinstance(error, UnknownPoll):
        return t("polls.unknown", code=plain(error.code))
    if isinstance(error, PollExpired):
        return t("polls.expired", code=error.code)
    if isinstance(error, PollClosed):
        return t("polls.closed", code=error.code)
    if isinstance(error, QuestionReplaced):
        return t("polls.replaced")
    if isinstance(error, InvalidChoice):
        return t("polls.invalid_choice")
    if isinstance(error, NotPollOwner):
        return t("polls.not_owner")
    return t("polls.unavailable")


def minutes_left(expires_at: datetime) -> int:
    """Whole minutes until a poll expires."""
    return max(0, int((expires_at - datetime.now(UTC)).total_seconds() // 60))
