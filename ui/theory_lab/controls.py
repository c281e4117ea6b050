"""The Theory lab's controls that several sections share: the drop rate and the seeds."""
import streamlit as st

from ui.controls import url_number, url_slider
from ui.i18n import t

MAX_SEED = 1_000_000
DEFAULT_SEED = 0


def drop_rate(place=st) -> float:
    """The drop rate d (URL key d), the same control in sections 1 and 4."""
    return float(url_slider(t("theory.d"), "d", 0.0, 0.9, 0.5, step=0.05, place=place, help=t("theory.d_help")))


def seed_input(label: str, key: str, place=st, **kwargs) -> int:
    """A seed in [0, MAX_SEED] bound to the URL key `key`, DEFAULT_SEED by default."""
    return int(url_number(label, key, 0, MAX_SEED, DEFAULT_SEED, place=place, **kwargs))
