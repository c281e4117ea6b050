"""End to end, in both languages: an exercise asks first, shows its runs beside the prediction, and its live link
opens the Train page with the exercise's setting."""
import re

import pytest
from conftest import EXCEPTION
from test_browser import query

pytestmark = pytest.mark.browser
CHART = '[data-testid="stVegaLiteChart"]'
TEXT = {
    "en": {"title": "Exercises", "commit": "Commit my prediction", "yours": "Your prediction:",
           "answer": "DropConnect 0.2 / 0.5", "live": "Train “DropConnect 0.2 / 0.5” live", "train": "Train live"},
    "zh": {"title": "练习", "commit": "提交我的预测", "yours": "你的预测：",
           "answer": "DropConnect 0.2 / 0.5", "live": "实时训练“DropConnect 0.2 / 0.5”", "train": "实时训练"},
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_exercise_asks_then_shows_and_its_live_link_opens_the_train_page(server_url, page, lang):
    words = TEXT[lang]
    page.goto(f"{server_url}/exercises?exercise=noises&lang={lang}")
    page.get_by_role("heading", name=words["title"], exact=True).wait_for()
    page.get_by_role("button", name=words["commit"]).wait_for()
    assert page.locator(CHART).count() == 0  # nothing shown before the prediction
    page.get_by_text(words["answer"], exact=True).click()
    page.get_by_role("button", name=words["commit"]).click()
    page.locator(CHART).first.wait_for()
    page.get_by_text(re.compile(re.escape(words["yours"]) + ".*DropConnect")).wait_for()
    assert page.locator(EXCEPTION).count() == 0
    page.get_by_role("link", name=words["live"]).click()  # a substring of the name
    page.get_by_role("heading", name=words["train"]).wait_for()
    params = query(page.url)
    assert params["noise"] == "dropconnect" and params.get("lang", "en") == lang and params.get("p1", "0.2") == "0.2"
    assert page.locator(EXCEPTION).count() == 0
