"""Exercises: the seven exercises of d2l's Dropout chapter, each a prediction, then saved runs and a reading."""
import streamlit as st

from ui.controls import url_choice
from ui.exercises import activations, drop_rates, dropconnect, epochs, noises, test_time, weight_decay
from ui.i18n import t
from ui.shell import require_app_shell
from ui.theme import projector_on

require_app_shell()

SECTIONS = {"drop_rates": drop_rates.show, "epochs": epochs.show, "activations": activations.show,
            "test_time": test_time.show, "weight_decay": weight_decay.show, "dropconnect": dropconnect.show,
            "noises": noises.show}

st.title(t("exercises.title"))
# A projector puts the page's introduction under the exercise, so that the exercise's first chart starts on the
# first screen; the lecturer says it aloud.
intro_above = st.container()
section = url_choice(t("exercises.section"), "exercise", tuple(SECTIONS), "drop_rates",
                     format_func=lambda o: t(f"exercises.section_{o}"), widget="segmented_control", required=True)
st.header(t(f"exercises.section_{section}"))
SECTIONS[section]()
(st if projector_on() else intro_above).markdown(t("exercises.intro"))
