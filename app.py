"""Dropout Explorer's server, which `streamlit run app.py` starts: it warms up (ui/server_start.py), then serves
explorer.py, the script every visit runs."""
import streamlit as st

from ui.server_start import lifespan

app = st.App("explorer.py", lifespan=lifespan)
