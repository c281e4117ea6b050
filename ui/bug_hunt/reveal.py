"""The answer, once the learner has committed to one: the verdict beside their answer, the closed forms, what the
mistake does, what it does to d2l's training, and the real code."""
import streamlit as st

from dropout_core.masks.bugs import expected_fingerprint
from ui.bug_hunt import gate
from ui.bug_hunt.code import real_source
from ui.bug_hunt.fingerprint import answer_table
from ui.bug_hunt.suspects import Suspect, describe
from ui.bug_hunt.training import REFERENCE_DROPS
from ui.i18n import t

RIGHT, WRONG = "right", "wrong"


def verdict(bug_id: str, answer: str | None) -> str | None:
    """RIGHT or WRONG for a committed answer; None when none was asked for."""
    if answer is None:
        return None
    return RIGHT if answer == bug_id else WRONG


def d2l_numbers(bug_id: str) -> dict[str, str]:
    """The bug's closed-form fingerprint in d2l's network, after each hidden layer: the explanations quote them."""
    numbers = {}
    for layer, p in enumerate(REFERENCE_DROPS, start=1):
        fingerprint = expected_fingerprint(bug_id, p)
        numbers |= {f"keep{layer}": f"{fingerprint.kept_fraction:.3f}", f"mean{layer}": f"{fingerprint.mean_ratio:.3f}",
                    f"eval{layer}": f"{fingerprint.eval_mean_ratio:.3f}"}
    return numbers


def show_verdict(bug_id: str, answer: str | None) -> None:
    """The learner's answer and whether it was right, or the answer alone where none was asked for."""
    outcome = verdict(bug_id, answer)
    if outcome == RIGHT:
        st.success(t("bugs.right", answer=describe(answer)))
    elif outcome == WRONG:
        st.error(t("bugs.wrong", answer=describe(answer), truth=describe(bug_id)))
    else:
        st.info(t("bugs.answer", truth=describe(bug_id)))


def show_answer(suspect: Suspect) -> None:
    """Everything the question held back."""
    bug_id = suspect.bug_id
    answer = gate.committed_answer(bug_id)
    st.subheader(t("bugs.reveal_title"))
    show_verdict(bug_id, answer)
    st.markdown(t(f"bugs.explain_{bug_id}"))
    st.table(answer_table(suspect), hide_index=True)
    st.caption(t("bugs.answer_table_caption"))
    st.markdown(t(f"bugs.training_{bug_id}", **d2l_numbers(bug_id)))
    st.caption(t("bugs.real_code"))
    st.code(real_source(bug_id), language="python", wrap_lines=True)
    if answer is not None:
        st.button(t("bugs.again"), key=f"bug_again_{bug_id}", on_click=gate.forget, args=(bug_id,))
