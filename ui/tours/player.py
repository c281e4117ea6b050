"""The tour bar above every page while a tour runs: the step's narration and question, Back and Next.

A step opens its page with exactly its settings (the page's other controls at their defaults), and the tour and
step stay in the URL, so a link reopens the tour at that step. Back and Next answer the keys presentation
clickers send (Page Up / Page Down) through Streamlit's own button shortcuts.
"""
from dataclasses import dataclass

import streamlit as st

from ui.controls import NOTICES_KEY, forget_page, remembered_keys
from ui.i18n import LANGUAGE_KEY, current_language, t
from ui.navigation import PAGES_BY_NAME
from ui.polls.lecturer import poll_panel
from ui.predict import PREDICT_KEY
from ui.safe_text import plain
from ui.theme import PROJECTOR_KEY
from ui.tours.model import Tour, tour_library

TOUR_KEY, STEP_KEY = "tour", "step"  # URL parameters: the tour's id and the step's number from 1
ACTIVE_KEY = "active_tour"  # session state: the ActiveTour
MOVE_KEY = "tour_move"  # session state: (tour, step index) a button asked for, entered on the next run
UPLOADED_KEY = "uploaded_tours"  # session state: {id: Tour} uploaded in this browser session only
REVEALED_KEY = "tour_revealed"  # session state: (tour id, step index) whose answer is shown
KEEP_IN_URL = (LANGUAGE_KEY, PROJECTOR_KEY, PREDICT_KEY)  # the lecturer's own choices survive every step
NEXT_KEYS, BACK_KEYS = "PageDown", "PageUp"


@dataclass(frozen=True)
class ActiveTour:
    """The tour this session follows and where it is."""

    tour: Tour
    index: int

    @property
    def step(self):
        """The current step."""
        return self.tour.steps[self.index]


def page_id(url_path: str) -> str:
    """A tour's name for the page st.navigation calls url_path (the home page's is empty)."""
    return url_path or "home"


def start(tour: Tour, index: int = 0) -> None:
    """A button callback: enter the tour's step index on the next run."""
    st.session_state[MOVE_KEY] = (tour, index)


def stop() -> None:
    """A button callback: leave the tour; the page stays as it is."""
    st.session_state.pop(ACTIVE_KEY, None)
    for key in (TOUR_KEY, STEP_KEY):
        if key in st.query_params:
            del st.query_params[key]


def follow(url_path: str) -> None:
    """Between st.navigation and the page (explorer.py): enter the step a button or a link asks for, else keep the
    tour in the URL, which a visit to another page through the sidebar drops."""
    active = st.session_state.get(ACTIVE_KEY)
    move = st.session_state.pop(MOVE_KEY, None)
    if move is not None:
        _enter(*move)
    linked = _from_link()
    if linked is not None and (active is None or (active.tour.id, active.index) != linked[:2]):
        tour_id, index, tour = linked
        st.session_state[ACTIVE_KEY] = ActiveTour(tour, index)
        if tour.steps[index].page != page_id(url_path):
            _enter(tour, index)
        return  # on the step's own page a link's settings are the page's settings
    if active is not None and linked is None:
        st.query_params[TOUR_KEY] = active.tour.id
        st.query_params[STEP_KEY] = str(active.index + 1)


def _enter(tour: Tour, index: int) -> None:
    """Open the step's page with its settings alone (and the lecturer's language and modes)."""
    st.session_state[ACTIVE_KEY] = ActiveTour(tour, index)
    step = tour.steps[index]
    page = PAGES_BY_NAME[step.page]
    forget_page(page.url_path, step.settings)
    params = {key: st.query_params[key] for key in KEEP_IN_URL if key in st.query_params}
    params |= step.settings | {TOUR_KEY: tour.id, STEP_KEY: str(index + 1)}
    st.switch_page(page.path, query_params=params)


def _from_link() -> tuple[str, int, Tour] | None:
    """The (tour id, step index, tour) the URL names, or None; a bad id or step becomes a notice."""
    tour_id = st.query_params.get(TOUR_KEY)
    if tour_id is None:
        return None
    active = st.session_state.get(ACTIVE_KEY)
    if active is not None and active.tour.id == tour_id:  # the usual case: no file to read again on every run
        tour = active.tour
    else:
        tour = st.session_state.get(UPLOADED_KEY, {}).get(tour_id) or tour_library()[0].get(tour_id)
    notices = st.session_state.setdefault(NOTICES_KEY, [])
    if tour is None:
        notices.append(t("tours.unknown_tour", tour=plain(tour_id)))
        del st.query_params[TOUR_KEY]
        return None
    raw = st.query_params.get(STEP_KEY, "1")
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= len(tour.steps):
        number = min(max(number, 1), len(tour.steps))
        notices.append(t("tours.bad_step", raw=plain(raw), step=number, total=len(tour.steps)))
        st.query_params[STEP_KEY] = str(number)
    return tour_id, number - 1, tour


def show_bar(url_path: str) -> None:
    """The current step above the page: where the tour is, what to say, the question, Back / Next / End."""
    active = st.session_state.get(ACTIVE_KEY)
    if active is None:
        return
    tour, index, step, lang = active.tour, active.index, active.step, current_language()
    with st.container(border=True, key="tour_bar"):
        # Title and the three buttons on one row, narration and question side by side: as little height as the
        # step needs. A question's result stays below it on purpose: the room predicts before it scrolls.
        heading, back, forward, leave = st.columns([2, 1, 1, 1], vertical_alignment="center")
        heading.caption(t("tours.position", tour=tour.title(lang), number=index + 1, total=len(tour.steps)))
        heading.subheader(step.title(lang))
        back.button(t("tours.back"), key="tour_back", shortcut=BACK_KEYS, disabled=index == 0,
                    on_click=start, args=(tour, index - 1), width="stretch")
        forward.button(t("tours.next"), key="tour_next", shortcut=NEXT_KEYS, type="primary",
                       disabled=index == len(tour.steps) - 1, on_click=start, args=(tour, index + 1),
                       width="stretch")
        leave.button(t("tours.end"), key="tour_end", on_click=stop, width="stretch")
        if step.page != page_id(url_path):
            st.info(t("tours.elsewhere", page=t(PAGES_BY_NAME[step.page].title_key)))
            st.button(t("tours.return"), key="tour_return", on_click=start, args=(tour, index))
        if step.question is None:
            st.markdown(step.narration(lang))
        else:
            narration, question = st.columns(2, gap="large")
            narration.markdown(step.narration(lang))
            with question:
                choices = _question(tour, index, lang)
            poll_panel(f"{tour.id}-{index + 1}", step.question.text(lang), choices)


def _question(tour: Tour, index: int, lang: str) -> list[str]:
    """The step's question for the room, its choices numbered, the answer once revealed; returns the choices."""
    question = tour.steps[index].question
    st.markdown(t("tours.question", text=question.text(lang)))
    choices = [f"{number}. {choice(lang)}" for number, choice in enumerate(question.choices, 1)]
    st.markdown("\n".join(choices))
    if question.answer is None:
        st.caption(t("tours.no_answer"))
    elif st.session_state.get(REVEALED_KEY) == (tour.id, index):
        st.success(t("tours.answer", number=question.answer + 1, text=question.choices[question.answer](lang)))
    else:
        st.button(t("tours.reveal"), key="tour_reveal", on_click=st.session_state.__setitem__,
                  args=(REVEALED_KEY, (tour.id, index)))
    return choices


def check_step_settings(url_path: str) -> None:
    """After the page ran: name each setting of the current step that no control of its page took."""
    active = st.session_state.get(ACTIVE_KEY)
    if active is None or active.step.page != page_id(url_path):
        return
    unused = sorted(set(active.step.settings) - remembered_keys(url_path))
    if unused:
        st.session_state.setdefault(NOTICES_KEY, []).append(t(
            "tours.unused_settings", step=active.index + 1, keys=plain(", ".join(unused)),
            page=t(PAGES_BY_NAME[active.step.page].title_key)))
