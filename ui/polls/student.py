"""The student's side of a class poll: enter the room code, answer on a phone, change it until answers stop."""
import streamlit as st

from dropout_core.classroom import CODE_LENGTH, PollError, PollState, normalize_code
from ui.i18n import t
from ui.polls.lecturer import histogram
from ui.polls.store import describe, poll_store, voter_token

CODE_KEY = "code"  # URL parameter and widget key: the room code, so the QR code's link opens the poll
ANSWERED_KEY = "poll_answered"  # session state: {code: the choice this session sent}
OUTCOME_KEY = "poll_outcome"  # session state: what the last Send did, shown once
SENT = "sent"


def answer_page() -> None:
    """Ask for the code, then the question with its choices; after the lecturer stops answers, the result."""
    if CODE_KEY not in st.session_state:
        st.session_state[CODE_KEY] = st.query_params.get(CODE_KEY, "")[: CODE_LENGTH * 2]
    raw = st.text_input(t("polls.code_input"), key=CODE_KEY, max_chars=CODE_LENGTH * 2,
                        placeholder=t("polls.code_placeholder"))
    code = normalize_code(raw)
    if not code:
        return
    st.query_params[CODE_KEY] = code
    try:
        tally = poll_store().tally(code)
    except PollError as error:
        st.warning(describe(error))
        return
    st.subheader(tally.question)
    outcome = st.session_state.pop(OUTCOME_KEY, None)  # of a Send just pressed, perhaps after answers stopped
    if outcome == SENT:
        st.success(t("polls.sent"))
    elif outcome is not None:
        st.warning(outcome)
    answered = st.session_state.setdefault(ANSWERED_KEY, {})
    if tally.state != PollState.OPEN:
        st.info(t("polls.stopped", total=tally.total))
        st.altair_chart(histogram(tally.choices, tally.counts), width="stretch")
    else:
        _ask(tally.code, tally.choices, answered)
    if tally.code in answered:
        st.caption(t("polls.yours", choice=answered[tally.code]))
    st.button(t("polls.refresh"), key="poll_refresh", help=t("polls.refresh_help"))


def _ask(code: str, choices: tuple[str, ...], answered: dict) -> None:
    """The choices and Send; sending again replaces this session's answer."""
    previous = answered.get(code)
    with st.form(f"poll_answer_{code}"):
        st.radio(t("polls.choose"), choices, index=choices.index(previous) if previous in choices else None,
                 key=f"poll_choice_{code}")
        st.form_submit_button(t("polls.send"), type="primary", key=f"poll_send_{code}", on_click=_send,
                              args=(code,))


def _send(code: str) -> None:
    """The Send button's callback: store the chosen answer, and what happened for the run that follows."""
    choice = st.session_state.get(f"poll_choice_{code}")
    if choice is None:
        st.session_state[OUTCOME_KEY] = t("polls.choose_first")
        return
    try:
        poll_store().answer(code, voter_token(), choice)
    except PollError as error:
        st.session_state[OUTCOME_KEY] = describe(error)
        return
    st.session_state[ANSWERED_KEY][code] = choice
    st.session_state[OUTCOME_KEY] = SENT
