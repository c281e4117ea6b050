"""Make sure every page runs inside app.py's navigation, even for a server's very first visitor."""
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_shell() -> None:
    """Restart the run through app.py if Streamlit started it the pre-st.navigation way.

    Until some run has called st.navigation, Streamlit treats every file in pages/ as a page of its own, so the
    very first visitor of a fresh server who opens a page's link would get that page without app.py: no sidebar,
    no language, no layout. Switching that mode off and rerunning sends the run through app.py instead.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
