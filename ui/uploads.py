"""File uploaders whose own words are in the learner's language: Streamlit writes an uploader's button ("Upload")
and its size limit ("5MB per file • JSON") in English on every page, so a style replaces them, uploader by uploader."""
import streamlit as st

from ui.i18n import DEFAULT_LANGUAGE, current_language, t


def _css_string(text: str) -> str:
    """Text as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploader_css(key: str, max_mb: int) -> str:
    """A style that writes the button and the size limit of the uploader with this widget key in the learner's
    language. The limit line drops the file types, which the label above each uploader names."""
    scope = f".st-key-{key}"  # the class Streamlit gives the container of a widget with a key
    button = f'{scope} [data-testid^="stBaseButton"] [data-testid="stMarkdownContainer"]'
    limit = f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span'
    return f"""
<style>
{button} p {{ display: none; }}
{button}::after {{ content: {_css_string(t("uploads.button"))}; }}
{limit} {{ font-size: 0 !important; }}
{limit}::after {{ content: {_css_string(t("uploads.limit", mb=max_mb))}; font-size: 0.875rem; }}
</style>
"""


def file_uploader(label: str, key: str, max_mb: int | None = None, **kwargs):
    """st.file_uploader (max_mb: its size limit, default the server's), speaking the learner's language."""
    if current_language() != DEFAULT_LANGUAGE:
        st.html(uploader_css(key, max_mb or st.get_option("server.maxUploadSize")))
    return st.file_uploader(label, key=key, max_upload_size=max_mb, **kwargs)
