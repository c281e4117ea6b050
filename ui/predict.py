"""Predict, then see: the learner commits a guess before a page reveals its result (Crouch et al. 2004 found that
watching a demonstration teaches little more than not seeing it, and predicting first teaches more).

A page asks with predict_choice or predict_number, shows its result only once the returned Prediction says
reveal, and draws the committed answer beside that result with show_prediction. Answers live in this session only,
never in the URL, so a shared link does not give them away; the on/off switch (predictions_on, drawn in the
sidebar) is in the URL like every other setting. The key names what the prediction is about (a question and its
setting, e.g. the p), so a new setting asks again and an old one keeps its answer.
"""
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from ui.i18n import t
from ui.safe_text import plain

PREDICT_KEY = "predict"  # session-state key and URL parameter of the sidebar's switch; on unless a link says false
ANSWERS_KEY = "prediction_answers"  # session state: {prediction key: committed answer}
PROBLEMS_KEY = "prediction_problems"  # session state: {prediction key: why the last attempt was not committed}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")  # 1,000 or 12,345.6: commas only between thousands


@dataclass(frozen=True)
class Prediction:
    """What the learner predicted for one question, and whether the page may show its result."""

    key: str
    answer: str | float | None  # the committed answer; None when not committed or prompts are off
    reveal: bool  # True when prompts are off or the learner has committed: show the result


class Refused(ValueError):
    """An answer the question does not take; its message, translated, says what it takes instead."""


def predictions_on() -> bool:
    """Whether the app asks for predictions: the sidebar's switch (URL key "predict", on by default)."""
    return bool(st.session_state.get(PREDICT_KEY, True))


def _answers() -> dict:
    return st.session_state.setdefault(ANSWERS_KEY, {})


def _problems() -> dict:
    return st.session_state.setdefault(PROBLEMS_KEY, {})


def committed(key: str) -> Prediction:
    """The answer committed to the question with this key, without asking it: for a result that arrives later (a
    run that trains after its question was put away). Its answer is None when there is none or prompts are off."""
    return Prediction(key, _answers().get(key) if predictions_on() else None, True)


def _input_key(key: str) -> str:
    return f"predict_input_{key}"


def _commit(key: str, parse: Callable) -> None:
    """The commit button's callback: keep the parsed answer, or the reason it was refused."""
    try:
        answer = parse(st.session_state.get(_input_key(key)))
    except Refused as refused:
        _problems()[key] = str(refused)
        return
    _problems().pop(key, None)
    _answers()[key] = answer


def _forget(key: str) -> None:
    """The change button's callback: drop the committed answer, so the question is asked again."""
    _answers().pop(key, None)


def _ask(key: str, question: str, place, draw_input: Callable, parse: Callable, describe: Callable) -> Prediction:
    """The question in a form with a commit button, or, once committed, a button that names the answer (describe
    writes it) and changes it: a page with two questions shows its result only when both are answered, and the
    first answer should not vanish meanwhile."""
    if not predictions_on():
        return Prediction(key, None, True)
    answers = _answers()
    if key in answers:
        place.button(t("predict.change", answer=describe(answers[key])), key=f"predict_change_{key}",
                     on_click=_forget, args=(key,), help=t("predict.change_help", question=question),
                     icon=":material/undo:")
        return Prediction(key, answers[key], True)
    with place.form(f"predict_form_{key}"):
        draw_input(_input_key(key))
        problem = _problems().get(key)
        if problem:
            st.error(problem)
        st.form_submit_button(t("predict.commit"), on_click=_commit, args=(key, parse), type="primary",
                              key=f"predict_commit_{key}")
    return Prediction(key, None, False)


def predict_choice(key: str, question: str, options: dict[str, str], place=st) -> Prediction:
    """Ask which of options (id: label) the result will be; the committed answer is the option's id."""

    def draw(input_key: str) -> None:
        st.radio(question, list(options), index=None, format_func=options.get, key=input_key)

    def parse(raw) -> str:
        if raw not in options:
            raise Refused(t("predict.choose_first"))
        return raw

    return _ask(key, question, place, draw, parse, options.get)


def _decimals(step: float) -> int:
    """How many decimals a multiple of step needs: 0 for 1 or 10, 2 for 0.01 or 0.25."""
    return max(0, -Decimal(str(step)).normalize().as_tuple().exponent)


def format_number(value: float, step: float) -> str:
    """value as a prediction field shows it: thousands separated, as many decimals as its step needs."""
    return f"{value:,.{_decimals(step)}f}"


def parse_number(raw, min_value: float, max_value: float, step: float) -> float:
    """A typed number checked against its question: a finite number in [min_value, max_value], a whole multiple of
    a whole step, otherwise rounded to the step. Full-width digits count; commas only as thousands separators."""
    bounds = {"min": format_number(min_value, step), "max": format_number(max_value, step)}
    text = unicodedata.normalize("NFKC", raw or "").strip().replace(" ", "")
    if not text:
        raise Refused(t("predict.number_empty", **bounds))
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif step < 1 and re.fullmatch(r"[+-]?\d+,\d+", text):  # a decimal comma, as much of Europe writes 1,5
        raise Refused(t("predict.number_decimal_comma", text=plain(raw, limit=40), point=text.replace(",", ".")))
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise Refused(t("predict.number_invalid", text=plain(raw, limit=40), **bounds))
    multiples = value / step
    if step >= 1 and step == int(step):
        if multiples != round(multiples):
            key = "predict.number_whole" if step == 1 else "predict.number_multiple"
            raise Refused(t(key, step=format_number(step, step), **bounds))
    else:
        value = round(round(multiples) * step, _decimals(step))
    if not min_value <= value <= max_value:
        raise Refused(t("predict.number_range", value=format_number(value, step), **bounds))
    return float(value)


def predict_number(key: str, question: str, min_value: float, max_value: float, step: float, place=st) -> Prediction:
    """Ask for a number in [min_value, max_value] (typed, so any text is checked and refused with a message)."""
    if not min_value <= max_value or step <= 0:
        raise ValueError(f"need min_value <= max_value and step > 0, got {min_value}, {max_value}, {step}")
    hint = t("predict.number_hint", min=format_number(min_value, step), max=format_number(max_value, step))

    def draw(input_key: str) -> None:
        st.text_input(question, key=input_key, placeholder=hint, help=hint)

    return _ask(key, question, place, draw, lambda raw: parse_number(raw, min_value, max_value, step),
                lambda value: format_number(value, step))


# A verdict besides right (True) and wrong (False): the guess is the outcome's average, and this random draw landed
# further from it than draws usually do. Good reasoning is not marked wrong for the dice.
RIGHT_ON_AVERAGE = "right_on_average"


def show_prediction(prediction: Prediction, text: str, verdict: bool | str | None = None, place=st) -> None:
    """Draw "Your prediction: text" beside the result, with ✓, ✗ or ≈ (RIGHT_ON_AVERAGE) when a verdict is given;
    nothing when there is no committed answer (prompts off, or not yet committed)."""
    if prediction.answer is None:
        return
    line = t("predict.yours", answer=text)
    if verdict == RIGHT_ON_AVERAGE:
        line += f" :blue-badge[≈ {t('predict.right_on_average')}]"
    elif verdict is not None:
        line += " " + (f":green-badge[✓ {t('predict.right')}]" if verdict else f":orange-badge[✗ {t('predict.wrong')}]")
    place.markdown(line)
