"""Projector mode and chart styling: large type, thick lines, a colour-blind-safe palette on any theme."""
import altair as alt
import streamlit as st

from ui.controls import url_toggle
from ui.i18n import t

PROJECTOR_KEY = "projector"
# Okabe & Ito's colour-blind-safe palette, without black and yellow, which vanish on a dark or a light theme.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

_PROJECTOR_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p, [data-testid="stMetricValue"], [data-testid="stCaptionContainer"] {
  font-size: 1.25rem !important;
}
h1 { font-size: 3rem !important; }
h2, h3 { font-size: 2.2rem !important; }
</style>
"""


def projector_switch() -> bool:
    """The projector-mode toggle in the sidebar (kept in the URL); returns whether it is on."""
    return url_toggle(t("theme.projector"), PROJECTOR_KEY, False, place=st.sidebar, help=t("theme.projector_help"))


def projector_on() -> bool:
    """Whether this session shows the app for a lecture hall."""
    return bool(st.session_state.get(PROJECTOR_KEY, False))


def apply_page_style() -> None:
    """Enlarge the page's type when projector mode is on."""
    if projector_on():
        st.html(_PROJECTOR_CSS)


def style_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Apply the app's palette and, in projector mode, sizes legible from the back of a lecture hall."""
    big = projector_on()
    label, title = (20, 24) if big else (13, 15)
    return (
        chart.configure_range(category=PALETTE)
        .configure_axis(labelFontSize=label, titleFontSize=title, gridOpacity=0.4)
        .configure_legend(labelFontSize=label, titleFontSize=title, symbolSize=300 if big else 100, labelLimit=400)
        .configure_title(fontSize=title + 2)
        .configure_text(fontSize=label)
        .configure_line(strokeWidth=5 if big else 2.5)
        .configure_point(size=160 if big else 50)
    )
