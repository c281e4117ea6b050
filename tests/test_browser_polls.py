"""End to end, on SQLite and on a real PostgreSQL: a lecturer opens a class poll from a tour step on a 1920
projector, students answer on phones through /poll?code=..., the projector counts them within seconds without a
reload, Stop answers shows every phone the result, and the next question comes to the same code. The poll's code
stays out of the lecturer's URL, and no URL carries a secret or a token."""
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import EXCEPTION
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from dropout_core.classroom.polls import CODE_ALPHABET, CODE_LENGTH, PollState, PollStore, poll_engine
from tools.local_server import streamlit_server
from tools.postgres_server import postgresql_server, unavailable_reason
from ui.i18n import translate
from ui.tours.model import tour_library

pytestmark = pytest.mark.browser
TOUR, STEP = "d2l-dropout", 1  # the shipped tour's first step asks the room a question with three choices
NEXT_QUESTION = 3  # the step that asks the next one
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
WAIT_MS = 60_000  # bounds a hang on a small shared machine; it measures nothing
BAR = ".st-key-tour_bar"
# A QR code a fifth of a 1920 projector wide: about 80 cm on a 4 m screen, which a phone reads from some 8 m (a
# tenth of its width per metre, the usual rule).
QR_MIN_PX = 300
# What each student sends first: choice numbers (from 0) of four students; then student 0 changes their mind.
FIRST = [0, 1, 1, 2]
CHANGE = (0, 2)
# Every query parameter a URL of this test may carry: the lecturer's modes and tour step, a student's code. A
# poll's secret or a voter's token would be anything else.
LECTURER_PARAMS = {"tour", "step", "lang", "projector", "predict", "p"}
STUDENT_PARAMS = {"code", "lang"}
# The count labels beside the histogram's bars, in choice order, from the words Vega gives each for screen readers:
# "answers: N; choice: C" in English, "答案数: N; 选项: C" in Chinese (the choices' names above the bars carry none).
CHART_COUNTS = """chart => [...chart.querySelectorAll('[aria-roledescription="text mark"]')]
    .map(e => e.getAttribute('aria-label').match(/(?:^|; )(?:answers|答案数): (\\d+)(?:;|$)/))
    .filter(found => found !== null).map(found => Number(found[1]))"""
SHOWS = f"""([scope, expected]) => {{
    const chart = document.querySelector(scope + ' [data-testid="stVegaLiteChart"]');
    return chart !== null && JSON.stringify(({CHART_COUNTS})(chart)) === JSON.stringify(expected);
}}"""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def poll_server(request, tmp_path_factory):
    """(app URL, poll database URL): this module's server on a fresh SQLite file, then on a database of a
    PostgreSQL server of its own (created and dropped by pytest-postgresql's janitor)."""
    if request.param == "sqlite":
        database = f"sqlite:///{tmp_path_factory.mktemp('browser-polls') / 'polls.sqlite'}"
        with streamlit_server(DROPOUT_EXPLORER_POLL_DB=database) as (url, _):
            yield url, database
        return
    from pytest_postgresql.janitor import DatabaseJanitor

    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    with postgresql_server(fsync=False) as (host, port, user):
        with DatabaseJanitor(user=user, host=host, port=port, dbname="polls_browser"):
            database = f"postgresql://{user}@{host}:{port}/polls_browser"
            with streamlit_server(DROPOUT_EXPLORER_POLL_DB=database) as (url, _):
                yield url, database


class Room:
    """The browser contexts of one test, each recording every URL it requests; all closed at the end."""

    def __init__(self, browser):
        self.browser, self.contexts, self.urls = browser, [], {}

    def tab(self, viewport: dict, url: str, role: str):
        context = self.browser.new_context(viewport=viewport)
        context.set_default_timeout(WAIT_MS)
        self.contexts.append(context)
        urls = self.urls.setdefault(role, [])
        context.on("request", lambda request: urls.append(request.url))
        tab = context.new_page()
        tab.goto(url)
        return tab

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def room(browser):
    opened = Room(browser)
    yield opened
    opened.close()


def words(key: str, lang: str, **values) -> str:
    """A string as the page shows it: the app's markdown bold removed."""
    return translate(key, lang, **values).replace("**", "")


def choices(lang: str) -> list[str]:
    """The step's question's choices as the lecturer's panel offers them, numbered."""
    question = tour_library()[0][TOUR].steps[STEP - 1].question
    return [f"{number}. {choice(lang)}" for number, choice in enumerate(question.choices, 1)]


def open_poll(room, server: str, lang: str):
    """The lecturer's projector at the tour step, after Open a class poll; and the room code it shows."""
    lecturer = room.tab(PROJECTOR, f"{server}/?tour={TOUR}&step={STEP}&lang={lang}&projector=true&predict=false",
                        "lecturer")
    lecturer.get_by_role("button", name=translate("polls.open", lang)).click()
    code = lecturer.locator(f'{BAR} [data-testid="stMetricValue"]').first.inner_text(timeout=WAIT_MS).strip()
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET), code
    qr = lecturer.locator(f'{BAR} [data-testid="stImage"] img')
    expect(qr).to_be_visible(timeout=WAIT_MS)
    assert qr.bounding_box()["width"] >= QR_MIN_PX  # a phone reads it from the back rows of the projected screen
    # Stop answers on the first screen: the lecturer stops the answers without scrolling in front of the room.
    stop = lecturer.get_by_role("button", name=translate("polls.stop", lang)).bounding_box()
    assert stop["y"] + stop["height"] <= PROJECTOR["height"], stop
    return lecturer, code


def answer(student, choice: str, lang: str) -> None:
    """Choose and send on a student's phone; wait for the page's word that it is in."""
    student.locator('[data-testid="stRadio"]').get_by_text(choice, exact=True).click()
    student.get_by_role("button", name=translate("polls.send", lang)).click()
    expect(student.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        translate("polls.sent", lang), timeout=WAIT_MS)


def counts(tab, scope: str) -> list[int] | None:
    """The counts the histogram in scope labels its bars with, in choice order; None while it has none."""
    chart = tab.locator(f'{scope} [data-testid="stVegaLiteChart"]')
    try:
        return chart.first.evaluate(CHART_COUNTS, timeout=1_000) if chart.count() else None
    except PlaywrightError:  # redrawn between the two calls
        return None


def shows(tab, scope: str, expected: list[int]) -> None:
    """Wait (without reloading) until the histogram in scope labels its bars with expected."""
    try:
        tab.wait_for_function(SHOWS, arg=[scope, expected], timeout=WAIT_MS)
    except PlaywrightError:
        pytest.fail(f"the histogram shows {counts(tab, scope)}, not {expected}")


def tallied(count: list[int]) -> str:
    return ", ".join(map(str, count))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_room_answers_and_the_projector_counts_without_a_reload(poll_server, room, lang):
    server, database = poll_server
    offered = choices(lang)
    lecturer, code = open_poll(room, server, lang)
    count_line = lecturer.locator(BAR).get_by_text(re.compile(r"^\d+ "))
    expect(count_line).to_have_text(
        words("polls.count", lang, total=0, state=translate("polls.state_open", lang)), timeout=WAIT_MS)
    ticks = lecturer.locator(f'{BAR} [data-testid="stVegaLiteChart"] [aria-label^="X-axis"] .role-axis-label text')
    expect(ticks.first).to_be_visible(timeout=WAIT_MS)
    assert all(re.fullmatch(r"\d+", tick) for tick in ticks.all_text_contents()), ticks.all_text_contents()
    # The bars have the chart's width, from the first tick (0) to the last: written beside them, the choices left
    # them a fifth of it.
    chart = lecturer.locator(f'{BAR} [data-testid="stVegaLiteChart"]').first.bounding_box()
    first, last = ticks.first.bounding_box(), ticks.last.bounding_box()
    assert last["x"] + last["width"] - first["x"] >= 0.8 * chart["width"], (first, last, chart)

    students = [room.tab(PHONE, f"{server}/poll?code={code}&lang={lang}", "students") for _ in FIRST]
    for student, choice in zip(students, FIRST, strict=True):
        answer(student, offered[choice], lang)
    expected = [FIRST.count(number) for number in range(len(offered))]
    shows(lecturer, BAR, expected)
    expect(count_line).to_have_text(
        words("polls.count", lang, total=len(FIRST), state=translate("polls.state_open", lang)), timeout=WAIT_MS)

    who, new_choice = CHANGE  # answering again replaces the answer: the total stays
    expected[FIRST[who]] -= 1
    expected[new_choice] += 1
    answer(students[who], offered[new_choice], lang)
    expect(students[who].get_by_text(translate("polls.yours", lang, choice=offered[new_choice]))).to_be_visible(
        timeout=WAIT_MS)
    shows(lecturer, BAR, expected)
    expect(count_line).to_contain_text(f"{len(FIRST)} ", timeout=WAIT_MS)

    lecturer.get_by_role("button", name=translate("polls.stop", lang)).click()
    revealed = words("polls.count", lang, total=len(FIRST), state=translate("polls.state_revealed", lang))
    expect(lecturer.locator(BAR).get_by_text(revealed, exact=True)).to_be_visible(timeout=WAIT_MS)
    expect(count_line).to_have_count(1, timeout=WAIT_MS)  # the panel drawn again, the open poll's line gone
    expect(lecturer.get_by_role("button", name=translate("polls.stop", lang))).to_have_count(0)

    # Nobody joins a stopped poll: its code and QR code leave the projector to the tally.
    expect(lecturer.locator(f'{BAR} [data-testid="stImage"]')).to_have_count(0)

    late = students[1]  # the form was on its screen: the page follows the room by itself, without a reload
    expect(late.locator('[data-testid="stAlertContentInfo"]')).to_contain_text(
        translate("polls.stopped", lang, total=len(FIRST)), timeout=WAIT_MS)
    expect(late.locator('[data-testid="stForm"]')).to_have_count(0)

    latecomer = students[2]
    latecomer.reload()  # the room's result, once answers have stopped
    expect(latecomer.locator('[data-testid="stAlertContentInfo"]')).to_contain_text(
        translate("polls.stopped", lang, total=len(FIRST)), timeout=WAIT_MS)
    shows(latecomer, '[data-testid="stMain"]', expected)
    assert latecomer.locator('[data-testid="stForm"]').count() == 0

    engine = poll_engine(database)  # what the database holds is what the projector showed
    try:
        tally = PollStore(engine).tally(code)
    finally:
        engine.dispose()  # the janitor cannot drop a database anyone is still connected to
    assert (list(tally.counts), tally.total, tally.state) == (expected, len(FIRST), PollState.REVEALED), (
        f"stored {tallied(tally.counts)}, shown {tallied(expected)}")

    # The next question takes over the room: the same code, and the students' pages show it without a reload.
    for step in range(STEP + 1, NEXT_QUESTION + 1):
        lecturer.locator(".st-key-tour_next button").click()
        lecturer.wait_for_url(re.compile(f"step={step}"))
    lecturer.get_by_role("button", name=translate("polls.open", lang)).click()
    expect(lecturer.locator(f'{BAR} [data-testid="stMetricValue"]').first).to_have_text(code, timeout=WAIT_MS)
    question = tour_library()[0][TOUR].steps[NEXT_QUESTION - 1].question.text(lang)
    for student in students:
        expect(student.locator('[data-testid="stMain"] h3').first).to_have_text(question, timeout=WAIT_MS)
        expect(student.locator('[data-testid="stForm"]')).to_have_count(1)

    for tab in [lecturer, *students]:
        assert tab.locator(EXCEPTION).count() == 0
    leaks = [url for url in room.urls["lecturer"] if code in url]
    assert not leaks, f"the lecturer's browser requested the room code in {leaks[:3]}"
    for role, allowed in (("lecturer", LECTURER_PARAMS), ("students", STUDENT_PARAMS)):
        unexpected = {(key, url) for url in room.urls[role] for key, _ in parse_qsl(urlsplit(url).query)
                      if key not in allowed}
        assert not unexpected, f"{role}' URLs carry {sorted(unexpected)[:3]}"
    assert set(dict(parse_qsl(urlsplit(lecturer.url).query))) <= LECTURER_PARAMS, lecturer.url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_code_is_named(poll_server, room, lang):
    server, _ = poll_server
    student = room.tab(PHONE, f"{server}/poll?lang={lang}", "students")
    code_input = student.get_by_label(translate("polls.code_input", lang))
    code_input.fill(" zzzzzz")  # typed on a phone: a space, lower case; read as ZZZZZZ, which no poll has
    code_input.press("Enter")
    expect(student.locator('[data-testid="stAlertContentWarning"]')).to_contain_text(
        translate("polls.unknown", lang, code="ZZZZZZ"), timeout=WAIT_MS)
    assert student.locator('[data-testid="stForm"]').count() == 0
    assert student.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["zh"])
def test_a_reload_of_the_projector_keeps_the_room_and_the_lecturers_buttons(poll_server, room, lang):
    # A projector's page reloaded mid-poll (a dropped connection, a laptop woken up) is a new browser session: the
    # room's cookie gives it back its code, and Stop answers still works, so the class does not have to join again.
    server, database = poll_server
    lecturer, code = open_poll(room, server, lang)
    lecturer.reload()
    expect(lecturer.locator(f'{BAR} [data-testid="stMetricValue"]').first).to_have_text(code, timeout=WAIT_MS)
    lecturer.get_by_role("button", name=translate("polls.stop", lang)).click()
    expect(lecturer.get_by_role("button", name=translate("polls.stop", lang))).to_have_count(0, timeout=WAIT_MS)
    assert PollStore(poll_engine(database)).tally(code).state == PollState.REVEALED
    cookies = {cookie["name"]: cookie for cookie in lecturer.context.cookies()}
    assert cookies["dropout_explorer_room"]["sameSite"] == "Strict"
    assert all(code not in url for url in room.urls["lecturer"])  # nor its secret: the cookie is not in any URL
    assert lecturer.locator(EXCEPTION).count() == 0
