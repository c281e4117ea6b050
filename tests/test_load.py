"""Five visitors on one server at once: two train, three move controls; nobody crashes or sees another's run."""
import re

import pytest
from conftest import EXCEPTION

pytestmark = pytest.mark.browser

TRAIN_LINK = "/train?epochs=3&train_size=3000&h1=32&h2=32&train_seed={seed}"


def test_five_sessions_at_once(server_url, browser):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}) for _ in range(5)]
    tabs = [context.new_page() for context in contexts]
    for tab in tabs:
        tab.set_default_timeout(120_000)
    trainers, movers = tabs[:2], tabs[2:]
    try:
        for seed, tab in enumerate(trainers, start=1):
            tab.goto(server_url + TRAIN_LINK.format(seed=seed))
            tab.get_by_role("button", name="Start").click()
        # Meanwhile three visitors move controls on the other pages.
        for step, tab in enumerate(movers):
            tab.goto(f"{server_url}/mask?seed={step}")
            slider = tab.get_by_role("slider").first
            slider.wait_for()
            for _ in range(3 + step):
                slider.focus()
                tab.keyboard.press("ArrowRight")
            tab.wait_for_function("() => window.location.search.includes('p=')")
        for index, tab in enumerate(movers):
            expected = 0.5 + 0.01 * (3 + index)  # the mask explorer's p moves in steps of 0.01 from 0.5
            assert float(tab.get_by_role("slider").first.input_value()) == pytest.approx(expected)
        for seed, tab in enumerate(trainers, start=1):
            tab.get_by_text("Finished.").wait_for()
            tab.get_by_text(re.compile(f"seed {seed}: test accuracy .* after epoch 3")).wait_for()
            assert tab.get_by_text(re.compile(f"seed {3 - seed}:")).count() == 0  # no other visitor's run
        for tab in tabs:
            assert tab.locator(EXCEPTION).count() == 0
    finally:
        for context in contexts:
            context.close()
