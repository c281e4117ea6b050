"""Predict before the answer: the bug hunt's gate between the question and the answer.

Its own small form (the answer is one of the six mistakes, and the shown code must not name it), switched off with
every other prediction prompt by the sidebar's switch (ui/predict.py).
"""
import streamlit as st

from dropout_core.masks.bugs import BUGS
from ui.bug_hunt.suspects import describe
from ui.i18n import t
from ui.predict import predictions_on

ANSWERS_KEY = "bug_hunt_answers"  # session state: {bug id: the mistake the learner committed to}


def prompts_on() -> bool:
    """Whether the page asks before it answers: the app-wide prediction switch."""
    return predictions_on()


def committed_answer(bug_id: str) -> str | None:
    """The answer the learner committed to for this bug, or None."""
    return st.session_state.get(ANSWERS_KEY, {}).get(bug_id)


def revealed(bug_id: str) -> bool:
    """Whether the page may show the answer: once an answer is committed, or at once with prompts off."""
    return not prompts_on() or committed_answer(bug_id) is not None


def _commit(bug_id: str, choice_key: str) -> None:
    """Button callback: keep the chosen answer for this bug (before the rerun draws the page)."""
    choice = st.session_state.get(choice_key)
    if choice is not None:
        st.session_state.setdefault(ANSWERS_KEY, {})[bug_id] = choice


def forget(bug_id: str) -> None:
    """Button callback: ask about this bug again."""
    st.session_state.get(ANSWERS_KEY, {}).pop(bug_id, None)


def ask(bug_id: str) -> None:
    """The question and its commit button while the answer is hidden; nothing once it shows."""
    if revealed(bug_id):
        return
    choice_key = f"bug_guess_{bug_id}"
    choice = st.radio(t("bugs.question"), list(BUGS), index=None, format_func=describe, key=choice_key)
    st.button(t("bugs.commit"), key=f"bug_commit_{bug_id}", type="primary", disabled=choice is None,
              on_click=_commit, args=(bug_id, choice_key), help=t("bugs.commit_help"))
