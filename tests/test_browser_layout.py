"""Every page fits its screen at 1280 and at a 1920 projector, in both languages; the Train page's charts hold too."""
import re

import pytest
from conftest import EXCEPTION

from tools.local_server import streamlit_server

pytestmark = pytest.mark.browser

PAGES = ["/", "/mask", "/mask?input=random&rows=12&cols=16", "/train", "/compare", "/theory?section=l2",
         "/theory?section=variants"]
SCREENS = {"laptop": (1280, 800, ""), "projector": (1920, 1080, "&projector=true")}
# How far content may reach past the page's width: none; a pixel of rounding is not a scroll bar.
TOLERANCE_PX = 1
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const limit = main.getBoundingClientRect().right;
  // What a visitor could see. A slider's own <input type=range> stays invisible behind its thumb and may reach
  // past the track; it draws nothing.
  const wide = [...main.querySelectorAll('*:not(input[type=range])')].filter(e =>
      e.getBoundingClientRect().right > limit + %d && e.getBoundingClientRect().width > 0
      && e.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main: main.scrollWidth - main.clientWidth,
          elements: wide.slice(0, 5).map(e => (e.getAttribute('data-testid') || e.tagName) + ' ' +
                                              Math.round(e.getBoundingClientRect().right))};
}""" % TOLERANCE_PX


@pytest.fixture(scope="module")
def one_slot_server():
    """A server with a single training slot, so a second visitor has to wait (and may watch a replay)."""
    with streamlit_server(DROPOUT_EXPLORER_TRAINING_SLOTS="1") as (url, _):
        yield url


def open_at(browser, url: str, screen: str):
    """A fresh tab of the given screen at url, once the app has drawn its page."""
    width, height, _ = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    tab.goto(url)
    tab.locator('[data-testid="stMain"] h1').first.wait_for()
    tab.wait_for_load_state("networkidle")
    return tab


def with_query(path: str, extra: str) -> str:
    """path with extra query parameters appended."""
    return f"{path}{'&' if '?' in path else '?'}{extra.lstrip('&')}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways(one_slot_server, browser, path, screen, lang):
    tab = open_at(browser, one_slot_server + with_query(path, f"lang={lang}{SCREENS[screen][2]}"), screen)
    if path not in ("/", "/train"):  # wait for the charts: they take their width last (no chart before a run)
        tab.locator('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]').first.wait_for()
    overflow = tab.evaluate(OVERFLOW)
    assert overflow["page"] <= TOLERANCE_PX and overflow["main"] <= TOLERANCE_PX and not overflow["elements"], overflow
    assert tab.locator(EXCEPTION).count() == 0
    tab.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paired_run_charts_fit_their_columns_and_name_both_runs(one_slot_server, browser, lang):
    tab = open_at(browser, f"{one_slot_server}/train?epochs=1&train_size=2000&paired=true&lang={lang}", "laptop")
    tab.get_by_role("button", name=re.compile("^(Start|开始)$")).click()
    tab.get_by_text(re.compile("Finished.|训练完成。")).wait_for(timeout=120_000)
    charts = tab.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(1).locator("svg").first.wait_for()
    assert charts.count() == 2
    # Each drawing (its SVG) ends inside the column that holds the chart.
    room = charts.evaluate_all("""charts => charts.map(chart => {
        const column = chart.closest('[data-testid="stColumn"]') || chart.parentElement;
        return column.getBoundingClientRect().right - chart.querySelector('svg').getBoundingClientRect().right;
    })""")
    assert all(margin >= -TOLERANCE_PX for margin in room), room
    # Each chart has a legend for the runs (Vega labels its SVG for screen readers) that names both runs.
    legends = charts.locator('[aria-label*="legend"]').evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")
    run_legends = [text for text in legends if "strokeDash" in text]
    assert len(run_legends) == 2, legends
    paired = "p1=0, p2=0 (paired)" if lang == "en" else "p1=0, p2=0（配对）"
    assert all("p1=0.2, p2=0.5" in text and paired in text for text in run_legends), run_legends
    tab.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_waiting_visitor_watches_the_saved_run_at_once(one_slot_server, browser, lang):
    trainer = open_at(browser, f"{one_slot_server}/train?epochs=50&h1=16&h2=16", "laptop")
    trainer.get_by_role("button", name="Start").click()
    trainer.get_by_text(re.compile(r"images/s")).wait_for()  # it holds the only slot now
    visitor = open_at(browser, f"{one_slot_server}/train?lang={lang}", "projector")
    visitor.get_by_role("button", name=re.compile("^(Start|开始)$")).click()
    visitor.get_by_role("button", name=re.compile("▶")).click()
    visitor.get_by_text(re.compile(r"Replay of a saved run \(not live\)|已保存运行的回放")).wait_for()
    visitor.get_by_text(re.compile(r"epoch 10 of 10|第 10 / 10 个")).wait_for(timeout=60_000)
    assert visitor.locator('[data-testid="stVegaLiteChart"]').count() >= 2
    assert visitor.locator(EXCEPTION).count() == 0
    trainer.get_by_role("button", name="Stop").click()
    for tab in (visitor, trainer):
        tab.context.close()
