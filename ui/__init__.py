"""Streamlit-side helpers shared by the pages: translation, sidebar, charts."""
