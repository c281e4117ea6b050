"""Tours: guided sequences of pages for a lecture, the shipped ones, a folder's, and a lecturer's own upload."""
import streamlit as st

from ui.i18n import t
from ui.shell import require_app_shell
from ui.tours.catalog import describe, show_card, upload
from ui.tours.model import tour_library
from ui.tours.player import UPLOADED_KEY

require_app_shell()

st.title(t("tours.title"))
st.markdown(t("tours.intro"))
library, problems = tour_library()
for filename, problem in problems:  # a lecturer's folder ($DROPOUT_EXPLORER_TOURS) with a malformed file
    st.warning(describe(filename, problem))
for tour in library.values():
    show_card(tour)
for tour in st.session_state.get(UPLOADED_KEY, {}).values():
    show_card(tour, uploaded=True)
st.subheader(t("tours.own"))
st.markdown(t("tours.own_how"))
upload()
