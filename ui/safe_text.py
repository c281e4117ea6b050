"""Text that came from a visitor or the machine (a link, an upload, a file or folder name) shown as text.

Streamlit renders every message as markdown: a link, a remote image, `:red[...]` colours, LaTeX between dollars
and HTML would all come alive. `plain()` makes such text print literally, on one line and shortened, before it is
put into a translated template; nothing else in the UI escapes on its own.
"""
import re
import string

MAX_CHARS = 120  # enough to recognise a value or a path, short enough not to flood a notice
_ELLIPSIS = "…"
# Every ASCII punctuation character may be backslash-escaped in CommonMark and then stands for itself; escaping all
# of them covers links, images, emphasis, code, headings, lists, tables, HTML, `$` (LaTeX) and `:` (Streamlit's
# colour and icon directives).
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# GFM still turns bare `http://...`, `www.` and `a@b.c` into links after unescaping: an invisible zero-width space
# inside each breaks the pattern without changing what is read.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=@)")
_ZERO_WIDTH_SPACE = "\u200b"
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")  # control characters, newlines: one line only


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """text on one line, at most limit characters, ending with an ellipsis where it was cut."""
    text = _LINE_BREAKS.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def plain(value, limit: int = MAX_CHARS) -> str:
    """str(value) shortened and escaped so that markdown shows it character for character."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(_ZERO_WIDTH_SPACE, shorten(str(value), limit)))
