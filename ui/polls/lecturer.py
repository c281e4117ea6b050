"""The lecturer's side of a class poll, beside a question for the room: open it, project its code and QR code,
watch the answers arrive, stop them. The poll's secret stays in this browser, never in the URL: in its session, and in
a cookie that takes the room back after a reload (ui.polls.room). Each new question takes over the room's code, so
the class joins once and stays on the poll page."""
import io
from urllib.parse import urlencode, urlsplit

import altair as alt
import pandas as pd
import segno
import streamlit as st

from dropout_core.classroom import OpenedPoll, PollError, PollState
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, current_language, t
from ui.navigation import CONTENT_PAGES
from ui.polls import room
from ui.polls.store import describe, minutes_left, poll_store
from ui.theme import style_chart

OWNED_KEY = "owned_polls"  # session state: {question key: OpenedPoll} of the polls this session opened
ROOM_KEY = "poll_room"  # session state: the OpenedPoll whose code the session's next question takes over
PROBLEM_KEY = "poll_problem"  # session state: why opening a poll failed, shown once
REFRESH_S = 1.0  # how often the projector reads the tally: answers show within about a second
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")
PAGE_PATHS = {page.url_path for page in CONTENT_PAGES}
BAR_PX = 80  # height per choice in the histogram: its name in projector-size type above a bar
BAR_THICKNESS_PX = 30


def poll_panel(key: str, question: str, choices: list[str]) -> None:
    """Open a poll for this question, or show the one this session (or, before a reload, this browser) opened."""
    owned = st.session_state.setdefault(OWNED_KEY, {})
    room.write_pending()
    if ROOM_KEY not in st.session_state and (found := room.reclaimed()) is not None:
        opened, asked = found
        st.session_state[ROOM_KEY] = opened
        if asked is not None:
            owned[asked] = opened
    if key in owned:
        _live_poll(key, owned[key])
        return
    st.button(t("polls.open"), key=f"poll_open_{key}", help=t("polls.open_help"), on_click=_open,
              args=(key, question, choices))
    if (problem := st.session_state.pop(PROBLEM_KEY, None)) is not None:
        st.warning(problem)


def _open(key: str, question: str, choices: list[str]) -> None:
    """A button callback: open the poll in the session's room (the run that follows draws it), or keep the refusal
    to show. The room's earlier question is gone from the database: its panel goes too."""
    try:
        store = poll_store()
        store.delete_expired()  # a lecture's housekeeping: yesterday's polls and answers go
        opened = store.open_poll(question, choices, room=st.session_state.get(ROOM_KEY))
    except PollError as error:
        st.session_state[PROBLEM_KEY] = describe(error)
        return
    owned = st.session_state[OWNED_KEY]
    for replaced in [other for other, poll in owned.items() if poll.code == opened.code]:
        del owned[replaced]
    owned[key] = st.session_state[ROOM_KEY] = opened
    room.remember(opened, key)


def join_address(code: str | None = None) -> str:
    """The address a student's phone opens to answer: this app's own, at its poll page, with the code (when given),
    in the lecturer's language (a Chinese class got the phone page in English around a Chinese question)."""
    parts = urlsplit(st.context.url or "http://localhost:8501")
    path = parts.path.rstrip("/")
    if path.rpartition("/")[2] in PAGE_PATHS:  # the browser's URL names the page the lecturer is on
        path = path.rpartition("/")[0]
    language = current_language()
    query = {"code": code} if code else {}
    if language != DEFAULT_LANGUAGE:
        query[LANGUAGE_KEY] = language
    return f"{parts.scheme}://{parts.netloc}{path}/poll" + (f"?{urlencode(query)}" if query else "")


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(address: str) -> bytes:
    """A QR code of address as PNG bytes, large modules for a phone at the back of the room."""
    buffer = io.BytesIO()
    segno.make(address, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def _live_poll(key: str, opened: OpenedPoll) -> None:
    """While answers come: the code, the QR code and the address, then the answers. Once they stop, the tally alone,
    the whole width: nobody joins a stopped poll, and the page's result below comes back into view."""
    try:
        taking_answers = poll_store().tally(opened.code).state == PollState.OPEN
    except PollError:
        taking_answers = False  # the fragment says why
    if not taking_answers:
        _answers(key, opened, taking_answers)
        return
    address = join_address(opened.code)
    # The QR code a third of the panel: a sixth (140 px on a 1920 projector, some 30 cm on the screen) was too small
    # for a phone in the back rows.
    code_column, qr_column, answers_column = st.columns([2, 2, 3], gap="large")
    code_column.metric(t("polls.code"), opened.code)
    code_column.markdown(t("polls.join", address=join_address(), code=opened.code))
    code_column.caption(t("polls.same_room"))
    if urlsplit(address).hostname in LOCAL_HOSTS:
        code_column.caption(t("polls.local_address"))
    qr_column.image(qr_png(address), width="stretch", caption=t("polls.qr_caption"))
    with answers_column:
        _answers(key, opened, taking_answers)


@st.fragment(run_every=REFRESH_S)
def _answers(key: str, opened: OpenedPoll, taking_answers: bool) -> None:
    """The tally, read again every second; Stop answers, then End the poll. The whole panel is drawn again when the
    poll ended or answers stopped since it was drawn (taking_answers)."""
    if key not in st.session_state.get(OWNED_KEY, {}):  # ended: the whole panel goes, not only this fragment
        st.rerun()
    try:
        tally = poll_store().tally(opened.code)
    except PollError as error:
        st.warning(describe(error))
        return
    if (tally.state == PollState.OPEN) != taking_answers:
        st.rerun()
    state = t(f"polls.state_{tally.state}", minutes=minutes_left(tally.expires_at))
    st.markdown(t("polls.count_one" if tally.total == 1 else "polls.count", total=tally.total, state=state))
    # The buttons above the bars: below them, Stop answers sat under a 1080-pixel projector's first screen.
    columns = iter(st.columns(2))
    if tally.state == PollState.OPEN:
        next(columns).button(t("polls.stop"), key=f"poll_stop_{key}", type="primary", on_click=_stop,
                             args=(opened,))
    next(columns).button(t("polls.end"), key=f"poll_end_{key}", on_click=_end, args=(key, opened))
    if (problem := st.session_state.pop(PROBLEM_KEY, None)) is not None:
        st.warning(problem)
    st.altair_chart(histogram(tally.choices, tally.counts), width="stretch")


def _stop(opened: OpenedPoll) -> None:
    """A button callback: no more answers; the room sees the final tally."""
    try:
        poll_store().reveal(opened.code, opened.secret)
    except PollError as error:
        st.session_state[PROBLEM_KEY] = describe(error)


def _end(key: str, opened: OpenedPoll) -> None:
    """A button callback: end the poll and take its panel off the projector."""
    try:
        poll_store().close(opened.code, opened.secret)
    except PollError as error:
        st.session_state[PROBLEM_KEY] = describe(error)
        return
    st.session_state[OWNED_KEY].pop(key, None)


def histogram(choices: tuple[str, ...], counts: tuple[int, ...]) -> alt.Chart:
    """The answers per choice as horizontal bars, each choice written above its bar and its count after it, choices
    in the order offered. Written beside the bars, long choices left them a fifth of the chart (about 130 px of a
    1920 projector's panel, 30 px at 1280, less on a phone)."""
    # Field names in the visitor's language: a screen reader reads them out with each bar.
    choice, answers = t("polls.choice_field"), t("polls.answers_axis")
    frame = pd.DataFrame({choice: list(choices), answers: list(counts), "order": range(len(choices))})
    sort = alt.SortField("order")
    bars = alt.Chart(frame).mark_bar(size=BAR_THICKNESS_PX).encode(
        y=alt.Y(field=choice, type="nominal", sort=sort, title=None, axis=None),
        # Whole answers on the axis, from 0 to at least 1: with no answer yet, a domain of [0, 0] labelled its one
        # tick "0.000000".
        x=alt.X(field=answers, type="quantitative", axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, max(1, *counts)], nice=True)),
        color=alt.Color(field=choice, type="nominal", sort=sort, legend=None),
    )
    labels = bars.mark_text(align="left", dx=6).encode(text=alt.Text(field=answers, type="quantitative"),
                                                       color=alt.value("#333"))
    names = alt.Chart(frame).mark_text(align="left", baseline="bottom", dy=-BAR_THICKNESS_PX / 2 - 2).encode(
        y=alt.Y(field=choice, type="nominal", sort=sort, axis=None), x=alt.datum(0),
        text=alt.Text(field=choice, type="nominal"), color=alt.value("#111111"))
    # Width fills the column, height is the bars' own (Streamlit's default "fit" squeezes them into a thin strip).
    fit = alt.AutoSizeParams(type="fit-x", contains="padding")
    return style_chart((bars + labels + names).properties(height=BAR_PX * len(choices), autosize=fit))
