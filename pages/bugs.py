"""Bug hunt: six broken dropout layers; read each one's code, fingerprint and training, then name its mistake."""
import streamlit as st

from ui.bug_hunt import gate
from ui.bug_hunt.code import puzzle_source
from ui.bug_hunt.fingerprint import show_fingerprint
from ui.bug_hunt.reveal import show_answer
from ui.bug_hunt.suspects import choose_suspect
from ui.bug_hunt.training import show_training
from ui.i18n import t
from ui.shell import require_app_shell
from ui.theme import projector_on

require_app_shell()

st.title(t("bugs.title"))
st.markdown(t("bugs.intro"))
suspect = choose_suspect()
st.subheader(t("bugs.code_title"))
st.code(puzzle_source(suspect.bug_id), language="python", wrap_lines=True)  # a cut-off line could hide the bug
st.caption(t("bugs.code_caption"))
# The fingerprint beside the training runs (one above the other on a projector).
fingerprint_area, training_area = (st.container(), st.container()) if projector_on() else st.columns(2, gap="large")
with fingerprint_area:
    show_fingerprint(suspect)
with training_area:
    show_training(suspect)
gate.ask(suspect.bug_id)
if gate.revealed(suspect.bug_id):
    show_answer(suspect)
