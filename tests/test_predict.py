"""Prediction prompts (ui/predict.py): a committed answer reveals the result, a wrong kind of answer is refused with
a message, prompts switched off (and kept in the URL) reveal at once, and a new setting asks again."""
import re

import pytest
from conftest import APP_TIMEOUT_S
from streamlit.testing.v1 import AppTest

from ui.predict import Refused, format_number, parse_number

CHOICE, NUMBER = "demo-choice", "demo-number"


def predict_app():
    """A page with the sidebar's switch, a setting, and a choice and a number about that setting."""
    import streamlit as st

    from ui.i18n import LANGUAGE_KEY
    from ui.predict import predict_choice, predict_number, show_prediction
    from ui.sidebar import prediction_switch

    st.session_state.setdefault(LANGUAGE_KEY, st.query_params.get("lang", "en"))
    prediction_switch()
    setting = st.selectbox("setting", ["a", "b"], key="setting")
    choice = predict_choice(f"demo-choice-{setting}", "Up or down?", {"up": "Up", "down": "Down"})
    number = predict_number(f"demo-number-{setting}", "How many?", 0, 16, 1)
    st.write(f"state: {choice.answer} {choice.reveal} {number.answer} {number.reveal}")
    if choice.reveal and number.reveal:
        st.write("the result")
        show_prediction(choice, {"up": "Up", "down": "Down"}.get(choice.answer, ""), verdict=choice.answer == "up")
        show_prediction(number, f"{number.answer}")


def run_with(query: dict | None = None) -> AppTest:
    """The prediction page as opened from a link with these parameters."""
    at = AppTest.from_function(predict_app, default_timeout=APP_TIMEOUT_S)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def state(at: AppTest) -> str:
    return next(md.value for md in at.markdown if md.value.startswith("state:"))


def commit(at: AppTest, key: str) -> AppTest:
    """Click the commit button of the prediction `key`."""
    at.button(key=f"predict_commit_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def answer_both(at: AppTest, setting: str = "a", number: str = "8") -> AppTest:
    at.radio(key=f"predict_input_{CHOICE}-{setting}").set_value("up")
    commit(at, f"{CHOICE}-{setting}")
    at.text_input(key=f"predict_input_{NUMBER}-{setting}").input(number)
    return commit(at, f"{NUMBER}-{setting}")


def shown_predictions(at: AppTest) -> list[str]:
    return [md.value for md in at.markdown if "prediction:" in md.value or "预测**：" in md.value]


def test_nothing_is_revealed_before_a_commit():
    at = run_with()
    assert state(at) == "state: None False None False"
    assert not any(md.value == "the result" for md in at.markdown) and not shown_predictions(at)


def test_committing_reveals_the_result_beside_the_prediction():
    at = answer_both(run_with())
    assert state(at) == "state: up True 8.0 True"
    assert any(md.value == "the result" for md in at.markdown)
    assert shown_predictions(at) == ["**Your prediction:** Up :green-badge[✓ right]", "**Your prediction:** 8.0"]
    assert dict(at.query_params) == {}  # an answer never goes into a link


def test_one_committed_answer_of_two_reveals_only_that_one():
    at = run_with()
    at.radio(key=f"predict_input_{CHOICE}-a").set_value("down")
    commit(at, f"{CHOICE}-a")
    assert state(at) == "state: down True None False"
    assert not shown_predictions(at)


@pytest.mark.parametrize("typed, message", [
    ("17", "17 is outside the range: type a number from 0 to 16."),
    ("-1", "-1 is outside the range"),
    ("eight", "“eight” is not a number. Type a number from 0 to 16."),
    ("nan", "is not a number"),
    ("inf", "is not a number"),
    ("2.5", "Type a whole number from 0 to 16."),
    ("", "Type a number from 0 to 16 first."),
])
def test_a_number_it_does_not_ask_for_is_refused_with_a_message(typed, message):
    at = run_with()
    at.text_input(key=f"predict_input_{NUMBER}-a").input(typed)
    commit(at, f"{NUMBER}-a")
    assert state(at) == "state: None False None False"
    assert len(at.error) == 1 and message in at.error[0].value
    at.text_input(key=f"predict_input_{NUMBER}-a").input("9")
    commit(at, f"{NUMBER}-a")  # corrected: committed, and the message is gone
    assert state(at).endswith("9.0 True") and not at.error


def test_no_choice_is_refused_with_a_message():
    at = commit(run_with(), f"{CHOICE}-a")
    assert state(at).startswith("state: None False")
    assert [e.value for e in at.error] == ["Choose one of the answers first."]


def test_the_message_is_in_chinese_for_a_chinese_session():
    at = run_with({"lang": "zh"})
    at.text_input(key=f"predict_input_{NUMBER}-a").input("二十")
    commit(at, f"{NUMBER}-a")
    assert at.error[0].value == "“二十”不是数字。请输入一个 0 到 16 之间的数。"
    at.text_input(key=f"predict_input_{NUMBER}-a").input("１２")  # full-width digits are digits
    commit(at, f"{NUMBER}-a")
    at.radio(key=f"predict_input_{CHOICE}-a").set_value("down")
    commit(at, f"{CHOICE}-a")
    assert shown_predictions(at) == ["**你的预测**：Down :orange-badge[✗ 这次没猜中]",
                                     "**你的预测**：12.0"]


def test_prompts_off_reveal_at_once_and_the_url_says_so():
    at = run_with()
    at.sidebar.toggle(key="predict").set_value(False).run()
    assert state(at) == "state: None True None True"
    assert any(md.value == "the result" for md in at.markdown) and not shown_predictions(at)
    assert at.query_params["predict"] == "false"
    assert not at.get("form")


def test_a_link_with_prompts_off_opens_without_them():
    at = run_with({"predict": "false"})
    assert state(at) == "state: None True None True"
    assert at.sidebar.toggle(key="predict").value is False and at.query_params["predict"] == "false"
    at.sidebar.toggle(key="predict").set_value(True).run()  # back on: the default, so out of the URL
    assert state(at) == "state: None False None False" and "predict" not in at.query_params


def test_a_new_setting_asks_again_and_an_old_one_keeps_its_answer():
    at = answer_both(run_with())
    at.selectbox(key="setting").set_value("b").run()
    assert state(at) == "state: None False None False"
    at.selectbox(key="setting").set_value("a").run()
    assert state(at) == "state: up True 8.0 True"


def test_changing_a_prediction_asks_again():
    at = answer_both(run_with())
    at.button(key=f"predict_change_{NUMBER}-a").click().run()
    assert state(at) == "state: up True None False"
    assert at.text_input(key=f"predict_input_{NUMBER}-a").value == ""  # cleared, not the old answer


@pytest.mark.parametrize("typed, step, expected", [
    ("7.5", 0.01, 7.5), ("7.123", 0.01, 7.12), ("1,000", 1, 1000.0), ("1,234.5", 0.1, 1234.5), (" 3 ", 1, 3.0),
    ("１５．５", 0.5, 15.5), ("1e1", 1, 10.0), ("-0", 1, 0.0),
])
def test_numbers_people_type_are_read(typed, step, expected):
    assert parse_number(typed, 0, 2000, step) == expected


@pytest.mark.parametrize("typed", ["7,5", "1,00", "0x10", "1/2", "7.5.1", "--1"])
def test_ambiguous_numbers_are_refused(typed):
    with pytest.raises(Refused):
        parse_number(typed, 0, 2000, 0.01)


@pytest.mark.parametrize("typed, meant", [("1,5", "1.5"), ("0,25", "0.25"), ("1,00", "1.00")])
def test_a_decimal_comma_is_refused_with_the_number_it_may_mean(typed, meant):
    with pytest.raises(Refused, match=rf"Did you mean {re.escape(meant)}\?"):
        parse_number(typed, 0, 2000, 0.01)
    with pytest.raises(Refused, match="is not a number"):  # a whole number's question has no decimals to mean
        parse_number(typed, 0, 2000, 1)


def test_a_whole_step_other_than_one_asks_for_its_multiples():
    with pytest.raises(Refused, match="multiple of 5"):
        parse_number("12", 0, 100, 5)
    assert parse_number("15", 0, 100, 5) == 15.0
    assert format_number(1_000_000, 0.1) == "1,000,000.0" and format_number(16, 1) == "16"


def test_a_committed_answer_stays_named_while_the_other_question_waits():
    # The result waits for both answers; meanwhile the first one's button names what was chosen, so it is not lost.
    at = run_with()
    at.radio(key=f"predict_input_{CHOICE}-a").set_value("down")
    commit(at, f"{CHOICE}-a")
    assert state(at) == "state: down True None False"
    assert at.button(key=f"predict_change_{CHOICE}-a").label == "Change my prediction: Down"
    at.text_input(key=f"predict_input_{NUMBER}-a").input("12")
    commit(at, f"{NUMBER}-a")
    assert at.button(key=f"predict_change_{NUMBER}-a").label == "Change my prediction: 12"
