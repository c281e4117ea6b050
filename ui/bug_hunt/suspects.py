"""Which suspect the learner examines, and at which p: both in the URL, neither naming the mistake."""
from typing import NamedTuple

import streamlit as st

from ui.controls import url_choice, url_slider
from ui.i18n import t

# The suspects in the order the selector numbers them: never the order the question lists the mistakes in
# (BUGS's), so a suspect's number does not point at its answer. The URL holds the number, never the bug's id.
SUSPECTS = ("shared_mask", "scale_by_p", "no_rescale", "randn_mask", "rescale_at_test", "on_at_eval")
DEFAULT_P = 0.2  # d2l's first hidden layer; at 0.5 one of the bugs looks exactly correct
P_RANGE = (0.05, 0.95)  # p = 0 and p = 1 make every layer trivial: nothing to tell apart


class Suspect(NamedTuple):
    """The layer under examination: its bug's id, its number on the page, and the p it is measured at."""

    bug_id: str
    number: int
    p: float

    @property
    def name(self) -> str:
        """How the page names the layer before the answer: by its number."""
        return t("bugs.suspect_option", n=self.number)


def choose_suspect() -> Suspect:
    """The suspect selector and the p slider, side by side, each kept in the URL."""
    suspect_column, p_column = st.columns(2, vertical_alignment="bottom")
    # Plain numbers as options: the same in every language, short enough for a projector's row.
    number = url_choice(t("bugs.suspect"), "bug", range(1, len(SUSPECTS) + 1), 1, widget="radio", horizontal=True,
                        place=suspect_column)
    p = url_slider(t("bugs.p"), "p", *P_RANGE, DEFAULT_P, step=0.05, help=t("bugs.p_help"), place=p_column)
    return Suspect(SUSPECTS[number - 1], number, round(float(p), 2))


def describe(bug_id: str) -> str:
    """A mistake in words: the question's option for it."""
    return t(f"bugs.option_{bug_id}")
