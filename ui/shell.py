"""Make sure every page runs inside explorer.py's navigation, even for a server's very first visitor."""
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_shell() -> None:
    """Restart the run through explorer.py if Streamlit started it the pre-st.navigation way.

    Until some run has called st.navigation, Streamlit treats every file in pages/ as a page of its own. The very
    first run of a fresh server then either shows a linked page without explorer.py (no sidebar, no language switch)
    or draws explorer.py's widgets under ids that the next run does not recognise, so the first visitor's first click
    is lost. Switching that mode off and rerunning makes the first run like every later one. Called first thing
    by explorer.py and by every page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
