"""The suspect's fingerprint measured beside correct dropout's, and, with the answer, beside its closed form."""
import pandas as pd
import streamlit as st

from dropout_core.masks.bugs import (
    CORRECT,
    DEFAULT_ROWS,
    DEFAULT_UNITS,
    INPUT_VALUE,
    Fingerprint,
    FingerprintMeasurement,
    expected_fingerprint,
    find_bug,
    looks_correct,
    measure_fingerprint,
)
from ui.bug_hunt.suspects import Suspect
from ui.i18n import t

SEED = 0  # one fixed measurement per layer and p: the table does not flicker between visits


@st.cache_data(max_entries=128, show_spinner=False)
def measured(bug_id: str, p: float) -> FingerprintMeasurement:
    """A layer's measured fingerprint at p, cached: a p sweep over the six suspects revisits the same values."""
    return measure_fingerprint(find_bug(bug_id).layer, p, seed=SEED)


def with_error(value: float, standard_error: float) -> str:
    """A measured value with its standard error (one significant digit); alone when nothing random was measured."""
    return f"{value:.3f} ± {standard_error:.1g}" if standard_error > 0 else f"{value:.3f}"


def _quantities() -> list[str]:
    """The fingerprint's rows, named."""
    return [t(f"bugs.q_{field}") for field in Fingerprint._fields]


def clue_table(suspect: Suspect) -> pd.DataFrame:
    """The suspect's measured fingerprint beside correct dropout's, at the suspect's p."""
    columns = {t("bugs.col_quantity"): _quantities()}
    for name, bug_id in ((t("bugs.col_measured", layer=suspect.name), suspect.bug_id),
                         (t("bugs.col_correct_measured"), CORRECT.id)):
        measurement = measured(bug_id, suspect.p)
        columns[name] = [with_error(*pair) for pair in zip(measurement.values, measurement.standard_errors)]
    return pd.DataFrame(columns)


def answer_table(suspect: Suspect) -> pd.DataFrame:
    """The bug's closed form beside what was measured, and how far apart in standard errors; correct dropout's."""
    measurement = measured(suspect.bug_id, suspect.p)
    expected = expected_fingerprint(suspect.bug_id, suspect.p)
    return pd.DataFrame({
        t("bugs.col_quantity"): _quantities(),
        t("bugs.col_theory"): [f"{value:.3f}" for value in expected],
        t("bugs.col_answer_measured"): [
            with_error(*pair) for pair in zip(measurement.values, measurement.standard_errors)],
        t("bugs.col_z"): [f"{z:+z.1f}" for z in measurement.z_scores(expected)],
        t("bugs.col_correct_theory"): [f"{value:.3f}" for value in expected_fingerprint(CORRECT.id, suspect.p)],
    })


def show_fingerprint(suspect: Suspect) -> None:
    """The clue table with how it was measured, and a notice where the bug cannot show at this p."""
    st.subheader(t("bugs.fingerprint_title"))
    if looks_correct(suspect.bug_id, suspect.p):
        st.info(t("bugs.invisible", p=suspect.p))
    st.table(clue_table(suspect), hide_index=True)
    st.caption(t("bugs.fingerprint_caption", x=INPUT_VALUE, rows=DEFAULT_ROWS, units=DEFAULT_UNITS))
