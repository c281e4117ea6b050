"""The Mask explorer's dropout controls: p, the mask's seed and a resample button, the implementation, the mode."""
from dataclasses import dataclass

import streamlit as st

from dropout_core.masks.implementations import (
    DROPOUT_IMPLEMENTATIONS,
    FUNCTIONAL,
    MODULE,
    RANDN_MISTAKE,
    SCRATCH,
)
from ui.controls import resample_seed, url_choice, url_number, url_slider
from ui.i18n import t
from ui.theme import rarely_used

MODES = ("train", "eval")
IMPLEMENTATION_KEYS = {SCRATCH: "scratch", MODULE: "module", FUNCTIONAL: "functional", RANDN_MISTAKE: "randn"}
DEFAULT_P = 0.5  # one of the d2l demo's values: dropout_layer(X, 0.5)
MAX_SEED = 2**31 - 1
SEED_RANGE = 100_000  # seeds drawn by "resample" stay short enough to read aloud


@dataclass(frozen=True)
class DropoutChoice:
    """What the learner set: drop probability, the mask's seed, implementation, and training or eval mode."""

    p: float
    seed: int
    implementation: str
    training: bool


def choose_dropout() -> DropoutChoice:
    """The dropout controls, each kept in the URL."""
    st.subheader(t("mask.dropout"))
    p = url_slider(t("mask.p"), "p", 0.0, 1.0, DEFAULT_P, step=0.01, help=t("mask.p_help"))
    with rarely_used():
        seed_column, button_column = st.columns(2, vertical_alignment="bottom")
        seed = url_number(t("mask.seed"), "seed", 0, MAX_SEED, 0, place=seed_column)
        button_column.button(t("mask.resample"), on_click=resample_seed, args=("seed", SEED_RANGE), key="resample",
                             help=t("mask.resample_help"))
        implementation = url_choice(
            t("mask.impl"), "impl", DROPOUT_IMPLEMENTATIONS, SCRATCH, widget="radio",
            format_func=lambda name: t(f"mask.impl_{IMPLEMENTATION_KEYS[name]}"),
        )
        st.caption(t(f"mask.impl_{IMPLEMENTATION_KEYS[implementation]}_caption"))
    mode = url_choice(  # a radio rather than a segmented control: it wraps when projector-size type needs it
        t("mask.mode"), "mode", MODES, "train", format_func=lambda m: t(f"mask.mode_{m}"), widget="radio",
        horizontal=True,
    )
    return DropoutChoice(float(p), int(seed), implementation, mode == "train")
