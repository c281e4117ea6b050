"""The Tours page's parts: one card per tour, the upload, and every tour-file problem in words."""
import streamlit as st

from ui.i18n import current_language, t
from ui.navigation import PAGES_BY_NAME
from ui.safe_text import plain
from ui.tours.model import MAX_FILE_BYTES, Tour, TourError, parse_tour
from ui.tours.player import UPLOADED_KEY, start
from ui.uploads import file_uploader


def describe(filename: str, error: TourError) -> str:
    """A tour file's problem in the learner's language: the file, the step and field, what is wrong."""
    where = [t("tours.where_file", file=plain(filename))]
    if error.step is not None:
        where.append(t("tours.where_step", step=error.step))
    if error.field:
        where.append(t("tours.where_field", field=plain(error.field)))
    return t("tours.problem", where=t("tours.where_separator").join(where),
             what=t(f"tours.problem_{error.problem}", detail=plain(error.detail, limit=300)))


def show_card(tour: Tour, uploaded: bool = False) -> None:
    """A tour's title, length and outline, and its Start button."""
    lang = current_language()
    with st.container(border=True):
        st.subheader(tour.title(lang))
        source = t("tours.uploaded") if uploaded else plain(tour.source)
        st.caption(t("tours.summary", steps=len(tour.steps), minutes=round(tour.minutes), source=source))
        with st.expander(t("tours.outline")):
            st.markdown("\n".join(
                f"{number}. **{step.title(lang)}** · {t(PAGES_BY_NAME[step.page].title_key)}"
                + (" · " + t("tours.step_minutes", minutes=step.minutes) if step.minutes else "")
                for number, step in enumerate(tour.steps, 1)))
        st.button(t("tours.start"), key=f"start_{'upload' if uploaded else 'tour'}_{tour.id}", type="primary",
                  on_click=start, args=(tour,))


def upload() -> None:
    """A lecturer's own tour file, kept for this browser session only; a malformed one is named, never raised."""
    file = file_uploader(t("tours.upload"), "tour_upload", max_mb=max(1, MAX_FILE_BYTES // 1_000_000),
                         type=["toml", "json"], help=t("tours.upload_help"))
    if file is None:
        return
    try:
        tour = parse_tour(file.getvalue(), file.name)
    except TourError as error:
        st.error(describe(file.name, error))
        return
    st.session_state.setdefault(UPLOADED_KEY, {})[tour.id] = tour
