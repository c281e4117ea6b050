"""The student's side of a class poll: enter the room code, answer on a phone, change it until answers stop. The
code stays for the lecturer's next question, and the page follows the room by itself."""
import streamlit as st

from dropout_core.classroom import CODE_LENGTH, PollError, PollState, normalize_code
from ui.i18n import t
from ui.polls.lecturer import histogram
from ui.polls.store import describe, poll_store, voter_token

CODE_KEY = "code"  # URL parameter and widget key: the room code, so the QR code's link opens the poll
ANSWERED_KEY = "poll_answered"  # session state: {(code, question id): the choice this session sent}
OUTCOME_KEY = "poll_outcome"  # session state: what the last Send did, shown once
SENT = "sent"
# How often a student's page looks whether answers stopped or the next question came: a class of 100 phones makes 20
# small reads a second, and nobody waits long for the next question.
FOLLOW_S = 5.0


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
    question = (tally.code, tally.question_id)
    if tally.state != PollState.OPEN:
        st.info(t("polls.stopped", total=tally.total))
        st.altair_chart(histogram(tally.choices, tally.counts), width="stretch")
    else:
        _ask(question, tally.choices, answered)
    if question in answered:
        st.caption(t("polls.yours", choice=answered[question]))
    st.caption(t("polls.follows"))
    st.button(t("polls.refresh"), key="poll_refresh", help=t("polls.refresh_help"))
    _follow(question, tally.state)


@st.fragment(run_every=FOLLOW_S)
def _follow(question: tuple[str, int], state: PollState) -> None:
    """Draw the page again once the room has moved on: answers stopped, or the lecturer's next question."""
    try:
        tally = poll_store().tally(question[0])
    except PollError:
        st.rerun()  # the page says what went wrong
    if (tally.question_id, tally.state) != (question[1], state):
        st.rerun()


def _ask(question: tuple[str, int], choices: tuple[str, ...], answered: dict) -> None:
    """The choices and Send; sending again replaces this session's answer."""
    code, question_id = question
    previous = answered.get(question)
    with st.form(f"poll_answer_{code}_{question_id}"):
        st.radio(t("polls.choose"), choices, index=choices.index(previous) if previous in choices else None,
                 key=f"poll_choice_{code}_{question_id}")
        st.form_submit_button(t("polls.send"), type="primary", key=f"poll_send_{code}_{question_id}",
                              on_click=_send, args=(question,))


def _send(question: tuple[str, int]) -> None:
    """The Send button's callback: store the chosen answer, and what happened for the run that follows."""
    code, question_id = question
    choice = st.session_state.get(f"poll_choice_{code}_{question_id}")
    if choice is None:
        st.session_state[OUTCOME_KEY] = t("polls.choose_first")
        return
    try:
        poll_store().answer(code, voter_token(), choice, question_id=question_id)
    except PollError as error:
        st.session_state[OUTCOME_KEY] = describe(error)
        return
    st.session_state[ANSWERED_KEY][question] = choice
    st.session_state[OUTCOME_KEY] = SENT
