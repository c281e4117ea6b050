"""Mask explorer: one tensor before and after dropout, its statistics, and the mean over many masks."""
import streamlit as st

from dropout_core.masks.implementations import apply_dropout
from ui.i18n import t
from ui.mask_explorer import predictions
from ui.mask_explorer.controls import choose_dropout
from ui.mask_explorer.expectation import show_expectation
from ui.mask_explorer.inputs import choose_input
from ui.mask_explorer.panels import (
    heatmap_places,
    show_eval_explanation,
    show_heatmaps,
    show_randn_banner,
    show_randn_mistake,
    show_statistics,
)
from ui.shell import require_app_shell

require_app_shell()

st.title(t("mask.title"))
st.markdown(t("mask.intro"))
input_column, dropout_column = st.columns(2, gap="large")
with input_column:
    X, is_image = choose_input()  # X is None when the input is unusable (missing data, a bad grid)
with dropout_column:
    choice = choose_dropout()
show_randn_banner(choice)
revealed = False
if X is None:
    st.info(t("mask.no_input"))
else:
    result = apply_dropout(choice.implementation, X, choice.p, choice.training, choice.seed)
    places = heatmap_places(X, choice, is_image)
    # Predict, then see: the questions stand where the mask and the output will appear.
    asked = predictions.ask(X, choice, places[1], places[2])
    revealed = asked.reveal
    show_heatmaps(X, result, is_image, choice.training, places, reveal=revealed)
    if revealed:
        show_statistics(X, result, choice, asked)
        show_eval_explanation(X, result, choice, asked)
show_randn_mistake(choice)  # needs only p: it explains the bug even without an input
if revealed:  # the mean of many outputs would give the prediction of one output's mean away
    show_expectation(X, choice, is_image, result.output)
st.page_link("pages/theory.py", label=t("mask.variants_link"), query_params={"section": "variants"})
