"""Class poll: a student answers the lecturer's question with the room code (a phone is enough)."""
import streamlit as st

from ui.i18n import t
from ui.polls.student import answer_page
from ui.shell import require_app_shell

require_app_shell()

st.title(t("polls.title"))
st.markdown(t("polls.intro"))
answer_page()
