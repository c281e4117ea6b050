"""End to end, in both languages on a 1920 projector: the shipped tour driven from step 1 to 14 by a clicker's keys
alone (Page Down, then Page Up), each step's page whole and within the screen's width; a malformed uploaded tour
is named by its step and field."""
import re

import pytest
from conftest import EXCEPTION
from playwright.sync_api import expect
from test_browser import query
from test_browser_layout import OVERFLOW, SCREENS, TOLERANCE_PX
from test_tours import MINIMAL

from tools.local_server import streamlit_server
from ui.i18n import translate
from ui.theme import BODY_PX
from ui.tours.model import tour_library

pytestmark = pytest.mark.browser
TOUR = "d2l-dropout"
STEPS = 14
SCREENSHOT_STEP = 3  # a step with a question for the room beside its narration, on the Mask explorer
STEP_TIMEOUT_MS = 60_000  # bounds a hang on a small shared machine; it measures nothing
CAPTION = ".st-key-tour_bar [data-testid='stCaptionContainer']"
# The format tests' minimal tour with a second step on a page that does not exist: the error must say step 2,
# field page.
BROKEN_TOUR = MINIMAL + '[[steps]]\npage = "trian"\ntitle = "Two"\nnarration = "Look again."\n'
BROKEN_NAME = "broken_lecture.toml"
PROBLEM = {"en": f"This tour cannot be used. File {BROKEN_NAME}, step 2, field page: no such page",
           "zh": f"无法使用这个导览。文件 {BROKEN_NAME}，第 2 步，字段 page：没有这个页面"}


@pytest.fixture(scope="module")
def tour_server(tmp_path_factory):
    """This module's server, with a poll database of its own (a tour step's poll panel must never touch the
    user's default one)."""
    folder = tmp_path_factory.mktemp("tour-polls")
    with streamlit_server(DROPOUT_EXPLORER_POLL_DB=f"sqlite:///{folder / 'polls.sqlite'}") as (url, _):
        yield url


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    """Where this module saves its screenshots (pytest's temporary folder, never the repository)."""
    return tmp_path_factory.mktemp("tour-screenshots")


@pytest.fixture(scope="module", params=["en", "zh"])
def projector(request, browser):
    """(language, a browser context at projector size) shared by this module's tests in that language."""
    width, height, _ = SCREENS["projector"]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    yield request.param, context
    context.close()


def caption(lang: str, number: int) -> str:
    """The tour bar's caption at a step, as the app words it."""
    title = tour_library()[0][TOUR].title(lang)
    return translate("tours.position", lang, tour=title, number=number, total=STEPS)


def at_step(tab, lang: str, number: int) -> None:
    """Wait until the tour bar shows step number and its buttons are there to take the next key; the URL names
    the step."""
    expect(tab.locator(CAPTION).first).to_have_text(caption(lang, number), timeout=STEP_TIMEOUT_MS)
    tab.locator(".st-key-tour_next button").first.wait_for()
    expect(tab).to_have_url(re.compile(rf"[?&]step={number}(&|$)"), timeout=STEP_TIMEOUT_MS)


def check_page(tab, lang: str, number: int) -> None:
    """The step's page: no exception, nothing wider than the screen, the tour and the lecturer's modes kept (the
    default language leaves the URL)."""
    params = query(tab.url)
    assert (params["tour"], params["step"], params.get("lang", "en"), params["projector"]) == (
        TOUR, str(number), lang, "true"), params
    assert tab.locator(EXCEPTION).count() == 0, f"step {number}: {tab.locator(EXCEPTION).first.inner_text()}"
    overflow = tab.evaluate(OVERFLOW)
    assert overflow["page"] <= TOLERANCE_PX and overflow["main"] <= TOLERANCE_PX and not overflow["elements"], (
        number, overflow)


def test_the_whole_tour_by_clicker_keys(tour_server, projector, screenshots):
    lang, context = projector
    tab = context.new_page()
    tab.goto(f"{tour_server}/?tour={TOUR}&step=1&lang={lang}{SCREENS['projector'][2]}")
    at_step(tab, lang, 1)
    tab.wait_for_function(f"() => getComputedStyle(document.documentElement).fontSize == '{BODY_PX}px'")
    check_page(tab, lang, 1)
    for number in range(2, STEPS + 1):
        tab.keyboard.press("PageDown")
        at_step(tab, lang, number)
        check_page(tab, lang, number)
        if number == SCREENSHOT_STEP:
            tab.locator('[data-testid="stMain"] [data-testid="stVegaLiteChart"]').first.wait_for()
            path = screenshots / f"tour-{lang}-step-{number}.png"
            tab.screenshot(path=path)
            print(f"screenshot: {path}")
    # The last step has no Next.
    expect(tab.locator(".st-key-tour_next button").first).to_be_disabled(timeout=STEP_TIMEOUT_MS)
    tab.keyboard.press("PageUp")
    at_step(tab, lang, STEPS - 1)
    check_page(tab, lang, STEPS - 1)
    tab.close()


def test_a_malformed_uploaded_tour_is_named_by_step_and_field(tour_server, projector):
    lang, context = projector
    tab = context.new_page()
    tab.goto(f"{tour_server}/tours?lang={lang}")
    tab.get_by_role("heading", name=translate("tours.title", lang), exact=True).wait_for()
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": BROKEN_NAME, "mimeType": "application/toml", "buffer": BROKEN_TOUR.encode()})
    error = tab.locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text(PROBLEM[lang], timeout=STEP_TIMEOUT_MS)
    assert tab.locator(EXCEPTION).count() == 0
    # The broken tour is not offered: no card with its Start button.
    assert tab.get_by_text(translate("tours.uploaded", lang)).count() == 0
    tab.close()
