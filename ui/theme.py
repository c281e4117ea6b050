"""Projector mode and chart styling: large type, thick lines, a colour-blind-safe palette on any theme."""
import math

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from ui.controls import url_toggle
from ui.i18n import t

PROJECTOR_KEY = "projector"
# Okabe & Ito's colour-blind-safe palette, without black and yellow, which vanish on a dark or a light theme.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
# A second cue besides colour for the series of a chart (settings on Compare, runs on Train), in palette order.
DASHES = [[1, 0], [10, 5], [3, 4], [12, 4, 3, 4], [6, 3, 1, 3], [2, 2]]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]

# Projector type in pixels. Charts use the same numbers, so their text is never smaller than the page's.
BODY_PX = 24
METRIC_PX = 54  # a headline number, over twice its label
CHART_LABEL_PX, CHART_TITLE_PX = BODY_PX, BODY_PX + 4

# Streamlit sizes its elements in rem and draws most text as markdown (a p in stMarkdownContainer), metric
# values and slider numbers included, so the order of these rules matters: the specific ones come last.
# No "<" inside the style: st.html's sanitizer drops a style element whose text looks like a tag.
_PROJECTOR_CSS = f"""
<style>
html, body, [data-testid="stAppViewContainer"] {{ font-size: {BODY_PX}px; }}
/* Body text: markdown (pill labels too), widget labels, captions, inputs and select boxes (their input), the open
   option list, and the cells of st.table. */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stWidgetLabel"] p,
[data-testid="stCaptionContainer"], [data-testid="stMain"] input, [data-testid="stMain"] textarea,
[role="option"], [data-testid="stTable"] th,
[data-testid="stTable"] td {{
  font-size: {BODY_PX}px !important;
}}
[data-testid="stMain"] input {{ height: auto; min-height: 2.2em; }}
/* Headline numbers (st.metric's value, a markdown p): well above their labels; long ones wrap. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {{
  font-size: {METRIC_PX}px !important; line-height: 1.15; white-space: normal; overflow-wrap: anywhere;
}}
[data-testid^="stBaseButton"] {{ text-align: left; }}
/* A slider's current value floats above its thumb: lift it clear of the track, with room above. */
[data-testid="stSlider"] [data-orientation="horizontal"] {{ margin-top: 0.9em; }}
[data-testid="stSliderThumbValue"] {{ transform: translateY(-0.5em); }}
[data-testid="stSliderThumbValue"] p, [data-testid="stSliderTickBar"] p {{ font-size: {BODY_PX - 2}px !important; }}
/* Captions carry readings and caveats a lecturer points at: Streamlit greys them with opacity 0.6 (about 4:1 on the
   page); a darker grey at full opacity stays apart from body text and reads from the back row. */
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; color: #4a4a4a !important; }}
/* Help: the "?" beside a control (16 px by default) and the explanation it opens on hover. */
[data-testid="stTooltipIcon"] svg {{ width: {BODY_PX - 4}px; height: {BODY_PX - 4}px; }}
[data-testid="stTooltipContent"] p, [data-testid="stTooltipContent"] li {{ font-size: {BODY_PX}px !important; }}
/* Code (the bug hunt's suspects): the light theme's token colours (grey punctuation, teal numbers, green None) fall
   to about 2.5:1 against the code block; near-black, keywords and literals dark blue, strings dark brown. */
[data-testid="stCode"] code, [data-testid="stCode"] code .token {{ color: #111111 !important; }}
[data-testid="stCode"] code .token:is(.keyword, .builtin, .boolean, .number, .function) {{ color: #0b3d91 !important; }}
[data-testid="stCode"] code .token:is(.string, .comment) {{ color: #7a3000 !important; }}
/* The page starts just under the header (90 px at this size) instead of 6rem (144 px) down. */
[data-testid="stMainBlockContainer"] {{ padding-top: 100px; }}
h1 {{ font-size: 2.75rem !important; }}
h2, h3 {{ font-size: 2rem !important; }}
</style>
"""


# On every screen: a chosen pill is ticked, and buttons, page links and metric labels wrap a long label instead
# of cutting it off with an ellipsis (each puts it in a nowrap box with overflow hidden; at 1280 a Chinese preset
# button, the tour's Next button beside its key and a metric label four to a row were cut).
_PAGE_CSS = """
<style>
[data-testid^="stBaseButton"] *, [data-testid="stPageLink-NavLink"] *, [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid^="stBaseButton"] { height: auto; }
/* A chosen pill or segment shows a tick, not only a tint: the tint is faint on a projector and colour alone
   fails colour-blind eyes. */
[data-testid="stButtonGroup"] button:is([aria-pressed="true"], [aria-checked="true"]) p::before { content: "✓ "; }
/* Pills and segments wrap onto more rows, and a long label within its pill, instead of scrolling sideways and
   ending in an ellipsis: on a projector, the learner's own runs among Compare's settings were past the column's
   edge, cut to "Your runs: p1 = 0.2, ..., 2,000 ima". */
[data-testid="stButtonGroup"] > div { flex-wrap: wrap !important; overflow-x: visible !important; }
[data-testid="stButtonGroup"] button { max-width: 100%; min-width: 0; height: auto; text-align: left; }
[data-testid="stButtonGroup"] button * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* Scripts that only set something in the browser (ui.polls.room's cookie) take no room: as an element of their
   own they pushed the projected poll panel 24 px down until the next full rerun. */
[data-testid="stLayoutWrapper"]:has(> .st-key-browser_script) { display: none; }
</style>
"""


def projector_switch() -> bool:
    """The projector-mode toggle in the sidebar (kept in the URL); returns whether it is on."""
    return url_toggle(t("theme.projector"), PROJECTOR_KEY, False, place=st.sidebar, help=t("theme.projector_help"))


def projector_on() -> bool:
    """Whether this session shows the app for a lecture hall."""
    return bool(st.session_state.get(PROJECTOR_KEY, False))


def apply_page_style() -> None:
    """Let long labels wrap; enlarge the page's type when projector mode is on."""
    st.html(_PAGE_CSS)
    if projector_on():
        st.html(_PROJECTOR_CSS)


def rarely_used():
    """Where a page puts controls a lecture seldom touches: a closed expander in projector mode, so the page's
    result stays on the first screen; inline otherwise."""
    return st.expander(t("theme.more_controls")) if projector_on() else st.container()


def significant(value: float, digits: int) -> str:
    """value to `digits` significant digits, written out (20780, 0.01235) unless it is tiny or huge: Python's "g"
    writes 20780.4 as 2.078e+04 where the laptop's table, formatting the same "%.4g", shows 20780."""
    if value == 0 or not math.isfinite(value):
        return format(value, f".{digits}g")
    rounded = round(value, digits - 1 - math.floor(math.log10(abs(value))))
    exponent = math.floor(math.log10(abs(rounded)))  # 999.96 rounds up to 1000
    if not -4 <= exponent < 7:
        return format(value, f".{digits}g")
    text = format(rounded, f".{max(0, digits - 1 - exponent)}f")
    return text.rstrip("0").rstrip(".") if "." in text else text  # as "g" does: no trailing zeros


def cell_format(spec: str):
    """A printf-style spec ("%.4g", "%+.2f") as a function writing one cell."""
    if spec.endswith("g"):
        return lambda value: significant(value, int(spec[2:-1]))
    python_spec = spec[1:].replace("+", "+z", 1)  # a signed number that rounds to zero shows no sign: +0.00
    return lambda value: format(value, python_spec)


def show_table(styler: Styler) -> None:
    """A table whose cells a pandas Styler formats. In projector mode an HTML table, whose type the projector style
    enlarges; st.dataframe draws on a canvas that no page style reaches."""
    if projector_on():
        st.table(styler.hide(axis="index"))
    else:
        st.dataframe(styler, hide_index=True)


def number_table(frame: pd.DataFrame, formats: dict[str, str]) -> None:
    """A table of numbers, columns formatted printf-style ("%.4g"): through show_table in projector mode."""
    if projector_on():
        show_table(frame.style.format({column: cell_format(spec) for column, spec in formats.items()}))
    else:
        st.dataframe(frame, hide_index=True, column_config={
            column: st.column_config.NumberColumn(format=spec) for column, spec in formats.items()})


def style_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Apply the app's palette and, in projector mode, sizes legible from the back of a lecture hall."""
    big = projector_on()
    label, title = (CHART_LABEL_PX, CHART_TITLE_PX) if big else (13, 15)
    return (
        chart.configure_range(category=PALETTE)
        .configure_axis(labelFontSize=label, titleFontSize=title, gridOpacity=0.4)
        # A projector's charts span the page and its type is large: a 400 px limit cut a Chinese series name short.
        .configure_legend(labelFontSize=label, titleFontSize=title, symbolSize=300 if big else 100,
                          labelLimit=900 if big else 400)
        .configure_title(fontSize=title + 2, subtitleFontSize=label)
        .configure_text(fontSize=label)
        .configure_line(strokeWidth=5 if big else 2.5)
        .configure_point(size=160 if big else 50)
    )
