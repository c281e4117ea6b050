"""Class polls through the app (AppTest: each AppTest is one browser session): the lecturer opens a poll beside a
tour question, students answer on the Class poll page, the tally follows; refusals and an unreachable database
are notices, never errors."""
import re
from dataclasses import replace

import pytest
from conftest import APP_TIMEOUT_S, REPO_ROOT, shown

from dropout_core.classroom import PollState, PollStore, poll_engine
from dropout_core.runtime import settings
from ui.polls import room
from ui.polls import store as poll_store_module
from ui.polls.lecturer import OWNED_KEY, join_address

TOUR = "d2l-dropout"


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A fresh SQLite poll database for this test, and the app's cached store forgotten before and after."""
    url = f"sqlite:///{tmp_path / 'polls.sqlite'}"
    monkeypatch.setenv(settings.POLL_DB, url)
    poll_store_module._shared_store.clear()
    yield url
    poll_store_module._shared_store.clear()


def session(**params):
    """A new browser session of the app opened from a link with these URL parameters."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
    app.query_params.update({key: str(value) for key, value in params.items()})
    return app


def student(code: str, **params):
    """A student's session on the Class poll page with the code from the QR code's link."""
    app = session(code=code, **params)
    app.switch_page("pages/poll.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def lecturer_with_a_poll(step: int = 1):
    """A lecturer's session at a tour step with a question, after Open a class poll; and the room code."""
    app = session(tour=TOUR, step=step)
    app.run()
    app.button(key=f"poll_open_{TOUR}-{step}").click().run()
    assert not app.exception, [e.value for e in app.exception]
    code = next(m.value for m in app.metric if m.label == "Room code")
    return app, code


def send(app, choice_index: int):
    """Pick a choice on the student's page and send it."""
    radio = app.radio[0]
    radio.set_value(radio.options[choice_index])
    next(b for b in app.button if b.label in ("Send my answer", "提交我的答案")).click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]


def test_a_poll_from_a_tour_question_collects_one_answer_per_student(database):
    lecturer, code = lecturer_with_a_poll()
    assert len(code) == 6 and "code" not in lecturer.query_params
    opened = lecturer.session_state[OWNED_KEY][f"{TOUR}-1"]
    assert opened.code == code and all(opened.secret not in value for value in lecturer.query_params.values())
    students = [student(code) for _ in range(3)]
    question = students[0].subheader[0].value
    assert question.startswith("At p = 0.5, how many")
    assert list(students[0].radio[0].options)[1] == "2. About 8, but it varies from draw to draw"
    send(students[0], 1)
    send(students[1], 1)
    send(students[2], 0)
    send(students[2], 1)  # a change of mind replaces the earlier answer
    assert "Your answer is in" in students[2].success[0].value
    tally = PollStore(poll_engine(database)).tally(code)
    assert tally.counts == (0, 3, 0) and tally.total == 3
    lecturer.run()
    assert any(shown(m.value) == "**3** answers · open for answers" for m in lecturer.markdown)


def test_stop_answers_belongs_to_the_lecturer_and_then_answers_are_refused(database):
    lecturer, code = lecturer_with_a_poll()
    pupil = student(code.lower() + "  ")  # typed from the projector: any case, stray spaces
    send(pupil, 0)
    assert not any(b.key and b.key.startswith("poll_stop") for b in pupil.button)  # only the opener may stop it
    lecturer.button(key=f"poll_stop_{TOUR}-1").click().run()
    assert PollStore(poll_engine(database)).tally(code).state == PollState.REVEALED
    pupil.run()
    assert any("Answers have stopped: 1 in all" in info.value for info in pupil.info)
    lecturer.button(key=f"poll_end_{TOUR}-1").click().run()
    assert f"{TOUR}-1" not in lecturer.session_state[OWNED_KEY]
    assert PollStore(poll_engine(database)).tally(code).state == PollState.CLOSED


def test_an_answer_sent_after_answers_stopped_is_refused_with_a_notice(database):
    lecturer, code = lecturer_with_a_poll()
    pupil = student(code)  # the form is on screen ...
    lecturer.button(key=f"poll_stop_{TOUR}-1").click().run()  # ... when the lecturer stops answers
    send(pupil, 2)
    assert any(f"The poll {code} no longer takes answers" in w.value for w in pupil.warning)
    assert PollStore(poll_engine(database)).tally(code).total == 0


def test_the_next_question_keeps_the_room_code_and_the_students_follow(database):
    lecturer, code = lecturer_with_a_poll(step=1)
    pupil, latecomer = student(code), student(code)
    send(pupil, 1)
    send(latecomer, 1)
    for _ in range(2):  # step 2 has no question; step 3 has
        lecturer.button(key="tour_next").click().run()
    lecturer.button(key=f"poll_open_{TOUR}-3").click().run()
    assert not lecturer.exception, [e.value for e in lecturer.exception]
    assert next(m.value for m in lecturer.metric if m.label == "Room code") == code
    assert list(lecturer.session_state[OWNED_KEY]) == [f"{TOUR}-3"]  # step 1's question is gone with its answers
    question = PollStore(poll_engine(database)).tally(code)
    assert question.question.startswith(lecturer.session_state["active_tour"].step.question.text("en"))
    assert question.total == 0
    pupil.run()  # what the page's own check does a few seconds later
    assert pupil.subheader[0].value == question.question
    assert not any(c.value.startswith("Your answer:") for c in pupil.caption)  # the answer was to step 1
    send(pupil, 0)
    assert PollStore(poll_engine(database)).tally(code).counts[0] == 1
    # The latecomer's page still shows step 1's form: its answer is refused, not counted for step 3.
    next(b for b in latecomer.button if b.label == "Send my answer").click()
    latecomer.run()
    assert any("That question is over" in w.value for w in latecomer.warning)
    assert latecomer.subheader[0].value == question.question
    assert PollStore(poll_engine(database)).tally(code).total == 1


def test_once_answers_stop_the_tally_takes_the_place_of_the_code_and_qr_code(database):
    lecturer, code = lecturer_with_a_poll()
    assert len(lecturer.image) == 1
    lecturer.button(key=f"poll_stop_{TOUR}-1").click().run()
    assert not lecturer.image and not any(m.label == "Room code" for m in lecturer.metric)
    assert any("answers stopped" in m.value for m in lecturer.markdown)
    lecturer.button(key=f"poll_end_{TOUR}-1").click().run()  # End still there
    assert f"{TOUR}-1" not in lecturer.session_state[OWNED_KEY]


@pytest.mark.parametrize("typed", ["ZZZZZZ", "0OIL", "x" * 12])
def test_a_wrong_code_is_named(database, typed):
    pupil = student(typed, lang="zh")
    assert any(w.value.startswith("没有代码为") for w in pupil.warning)
    assert pupil.radio == [] or len(pupil.radio) == 0


def test_a_student_without_a_code_is_asked_for_one(database):
    pupil = student("")
    assert pupil.text_input[0].label == "Room code" and not pupil.warning and not pupil.radio


def test_an_unreachable_database_is_a_notice_and_the_rest_of_the_app_works(database, tmp_path, monkeypatch):
    broken = tmp_path / "not-a-database.sqlite"
    broken.write_bytes(b"this is not SQLite" * 100)
    monkeypatch.setenv(settings.POLL_DB, f"sqlite:///{broken}")
    poll_store_module._shared_store.clear()
    app = session(tour=TOUR, step=1)
    app.run()
    app.button(key=f"poll_open_{TOUR}-1").click().run()
    assert not app.exception
    assert [w.value for w in app.warning] == ["Class polls are unavailable right now: their database cannot be "
                                              "reached. Everything else in the app works."]
    assert any(m.label.startswith("Fraction kept") for m in app.metric) or app.subheader  # the page still drew
    pupil = student("ABCDEF")
    assert any("Class polls are unavailable" in w.value for w in pupil.warning)


def test_the_join_address_is_the_apps_poll_page_whatever_page_the_lecturer_is_on(monkeypatch):
    import streamlit as st

    for browser_url, expected in [("http://10.0.0.5:8501/mask", "http://10.0.0.5:8501/poll?code=ABC234"),
                                  ("https://demo.example/app/theory", "https://demo.example/app/poll?code=ABC234"),
                                  ("https://demo.example/", "https://demo.example/poll?code=ABC234")]:
        monkeypatch.setattr(type(st.context), "url", property(lambda self, url=browser_url: url))
        assert join_address("ABC234") == expected
    # A Chinese class's phones open the poll page in Chinese, by the QR code and by the address on the screen.
    monkeypatch.setitem(st.session_state, "lang", "zh")
    assert join_address("ABC234") == "https://demo.example/poll?code=ABC234&lang=zh"
    assert join_address() == "https://demo.example/poll?lang=zh"


def room_cookie_written(app) -> str:
    """The room cookie the lecturer's page wrote into the browser (a script setting document.cookie)."""
    (script,) = [html.proto.body for html in app.get("html") if f"{room.COOKIE}=" in html.proto.body]
    return re.search(rf"{room.COOKIE}=([A-Za-z0-9_=-]+);", script).group(1)


def test_a_reload_of_the_lecturers_page_takes_the_room_back(database, monkeypatch):
    lecturer, code = lecturer_with_a_poll()
    cookie = room_cookie_written(lecturer)
    assert cookie not in "".join(lecturer.query_params.values())  # the secret never goes into the projected link
    send(student(code), 1)
    # The reload: a new session of the same browser, which sends the cookie back.
    monkeypatch.setattr(room, "browser_cookie", lambda: cookie)
    reloaded = session(tour=TOUR, step=1)
    reloaded.run()
    assert not reloaded.exception, [e.value for e in reloaded.exception]
    assert next(m.value for m in reloaded.metric if m.label == "Room code") == code  # the question's panel is back
    reloaded.button(key=f"poll_stop_{TOUR}-1").click().run()  # and it still belongs to the lecturer
    assert PollStore(poll_engine(database)).tally(code).state == PollState.REVEALED
    for _ in range(2):  # the next question keeps the room's code: the class stays where it is
        reloaded.button(key="tour_next").click().run()
    reloaded.button(key=f"poll_open_{TOUR}-3").click().run()
    assert next(m.value for m in reloaded.metric if m.label == "Room code") == code


@pytest.mark.parametrize("cookie", ["", "not base64 at all!", "e30=", "W10=", "x" * 5000,
                                    "eyJjb2RlIjogMSwgInNlY3JldCI6IDIsICJxdWVzdGlvbiI6ICIzIiwgImtleSI6IDR9"])
def test_a_cookie_that_is_not_a_room_is_ignored(database, monkeypatch, cookie):
    # e30= is {}, W10= is [], the last one has every field of the wrong type.
    monkeypatch.setattr(room, "browser_cookie", lambda: cookie)
    app = session(tour=TOUR, step=1)
    app.run()
    assert not app.exception and not app.warning
    assert any(b.key == f"poll_open_{TOUR}-1" for b in app.button)


def test_someone_elses_room_or_an_ended_poll_is_not_taken_back(database, monkeypatch):
    lecturer, code = lecturer_with_a_poll()
    cookie = room_cookie_written(lecturer)
    forged = room.encode(replace(room.decode(cookie)[0], secret="guessed"), f"{TOUR}-1")
    monkeypatch.setattr(room, "browser_cookie", lambda: forged)
    other = session(tour=TOUR, step=1)
    other.run()
    assert not any(m.label == "Room code" for m in other.metric)  # a wrong secret takes nothing
    lecturer.button(key=f"poll_end_{TOUR}-1").click().run()
    monkeypatch.setattr(room, "browser_cookie", lambda: cookie)
    reloaded = session(tour=TOUR, step=1)
    reloaded.run()
    assert not any(m.label == "Room code" for m in reloaded.metric)  # the ended question stays ended ...
    reloaded.button(key=f"poll_open_{TOUR}-1").click().run()
    assert next(m.value for m in reloaded.metric if m.label == "Room code") == code  # ... and the room is kept
