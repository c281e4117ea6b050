"""Theory lab: dropout as an adaptive L2 penalty, a cheap average over thinned networks, MC dropout, and variants."""
import streamlit as st

from ui.controls import url_choice
from ui.i18n import t
from ui.shell import require_app_shell
from ui.theme import projector_on
from ui.theory_lab import average, mc, penalty, variants

require_app_shell()

SECTIONS = {"l2": penalty.show, "average": average.show, "mc": mc.show, "variants": variants.show}

st.title(t("theory.title"))
# A projector puts the explanations under the section's results, so that its first chart comes nearer the first
# screen; the lecturer says them aloud.
page_intro = st.container()
section = url_choice(t("theory.section"), "section", tuple(SECTIONS), "l2",
                     format_func=lambda o: t(f"theory.section_{o}"), widget="segmented_control", required=True)
st.header(t(f"theory.section_{section}"))
section_intro = st.container()
SECTIONS[section]()
(st if projector_on() else section_intro).markdown(t(f"theory.{section}_intro"))
(st if projector_on() else page_intro).markdown(t("theory.intro"))
