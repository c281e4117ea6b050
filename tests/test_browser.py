"""End to end: `streamlit run app.py` served on localhost, driven by a real headless Chromium."""
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from conftest import EXCEPTION, streamlit_server

from dropout_core.training.records import FRAME_COLUMNS, records_to_frame
from dropout_core.training.saved_runs import load_saved_runs, saved_runs_folder
from ui.i18n import translate

pytestmark = pytest.mark.browser
HANG_S = 300  # a bound on a hang on a loaded machine, not a measurement: two short runs take under a minute alone


def query(url: str) -> dict:
    """The query parameters of a URL, one value each."""
    return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


def slider_value(page, label: str) -> str:
    """The value a slider shows, read from its ARIA attributes."""
    return page.get_by_role("slider", name=label).input_value()


def test_first_visitor_of_a_fresh_server_opening_a_page_link_gets_the_whole_app(page):
    with streamlit_server() as (url, _):
        page.goto(f"{url}/train?epochs=3")
        page.get_by_role("heading", name="Train live").wait_for()
        page.get_by_text("Projector mode").wait_for()  # the sidebar explorer.py draws
        assert page.get_by_role("link", name="Mask explorer").count() >= 1
        assert page.locator(EXCEPTION).count() == 0


def test_first_click_of_a_fresh_servers_first_visitor_counts(page):
    with streamlit_server() as (url, _):
        page.goto(url)
        page.get_by_role("heading", name="Dropout Explorer").wait_for()
        page.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="中文").click()
        page.get_by_role("heading", name="暂退法（Dropout）探索器").wait_for()
        assert query(page.url) == {"lang": "zh"}


def test_home_then_mask_explorer(server_url, page):
    page.goto(server_url)
    page.get_by_role("heading", name="Dropout Explorer").wait_for()
    page.get_by_role("link", name="Mask explorer").first.click()
    page.wait_for_url("**/mask")
    page.locator('[data-testid="stSlider"]').first.wait_for()
    assert page.locator(EXCEPTION).count() == 0


def test_a_shared_link_reopens_the_same_setting(server_url, page):
    page.goto(f"{server_url}/train?p1=0.35&epochs=7&lang=zh&projector=true")
    page.get_by_role("heading", name="实时训练").wait_for()
    assert slider_value(page, "第 1 个隐藏层后的暂退概率（p1）") == "0.35"
    # Move a control: the URL follows, and reloading that URL restores it.
    page.get_by_role("slider", name="第 2 个隐藏层后的暂退概率（p2）").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.location.search.includes('p2=0.55')")
    params = query(page.url)
    assert params == {"p1": "0.35", "epochs": "7", "lang": "zh", "projector": "true", "p2": "0.55"}
    page.goto(page.url)
    page.get_by_role("heading", name="实时训练").wait_for()
    assert slider_value(page, "第 2 个隐藏层后的暂退概率（p2）") == "0.55"
    assert slider_value(page, "第 1 个隐藏层后的暂退概率（p1）") == "0.35"
    assert page.locator(EXCEPTION).count() == 0


def test_out_of_range_link_values_show_a_notice(server_url, page):
    page.goto(f"{server_url}/train?p1=7&epochs=abc")
    page.get_by_text(re.compile("p1 = 7, which is out of range")).wait_for()
    page.get_by_text(re.compile("epochs = abc, which is not a valid value")).wait_for()
    assert slider_value(page, "Drop rate after hidden layer 1 (p1)") == "1"
    assert page.locator(EXCEPTION).count() == 0


def progress_percent(page) -> int:
    """The percentage the Train page's progress text shows."""
    text = page.get_by_text(re.compile(r"\d+ % · .*images/s")).inner_text()
    return int(text.split(" %")[0])


def test_train_start_stop_resume(server_url, page):
    # Far more training than the test waits for, so the run is still going whenever the test clicks Stop.
    page.goto(f"{server_url}/train?epochs=50&train_size=60000&h1=16&h2=16")
    page.get_by_role("button", name="Start").click()
    page.get_by_text(re.compile(r"images/s")).wait_for()
    page.get_by_role("button", name="Stop").click()
    page.get_by_text(re.compile("Stopped after|Paused at the end")).wait_for()
    stopped_at = progress_percent(page)
    page.wait_for_timeout(2_000)
    assert progress_percent(page) == stopped_at  # nothing trains while stopped
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function(
        "(before) => /(\\d+) % ·/.test(document.body.innerText) && "
        "parseInt(document.body.innerText.match(/(\\d+) % ·/)[1]) > before", arg=stopped_at, timeout=120_000)
    page.get_by_role("button", name="Stop").click()
    page.get_by_text(re.compile("Stopped after|Paused at the end")).wait_for()
    assert progress_percent(page) > stopped_at  # the same run went on from where it stopped
    assert page.locator(EXCEPTION).count() == 0


def downloaded_run(page) -> dict:
    """The run record the Train page offers for download, as JSON."""
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"Download run \(JSON\)")).click()
    return json.loads(Path(download.value.path()).read_text())


def test_rapid_stop_and_resume_give_exactly_the_uninterrupted_run(server_url, page):
    # Long enough (20 epochs of all 60,000 images) that the clicks below land in the middle of the run: a fast CPU
    # trains this small network at about 290,000 images/s, so 5 epochs would take little more than a second.
    page.goto(f"{server_url}/train?epochs=20&h1=16&h2=16&train_seed=5")
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Finished.").wait_for(timeout=HANG_S * 1000)
    uninterrupted = downloaded_run(page)
    page.get_by_role("button", name="Start").click()
    page.get_by_text(re.compile(r"images/s")).wait_for()
    for _ in range(3):  # as fast as the page lets a visitor click
        page.get_by_role("button", name="Stop").click()
        page.get_by_role("button", name="Resume").click()
    page.get_by_text("Finished.").wait_for(timeout=HANG_S * 1000)
    interrupted = downloaded_run(page)
    def measured(record):
        return [{k: v for k, v in epoch.items() if k != "seconds"} for epoch in record["epochs"]]

    assert interrupted["status"] == uninterrupted["status"] == "finished"
    assert measured(interrupted) == measured(uninterrupted)
    assert page.locator(EXCEPTION).count() == 0


def test_compare_opens_and_downloads_what_it_shows_as_csv(server_url, page):
    page.goto(server_url)
    page.get_by_role("heading", name="Dropout Explorer").wait_for()
    page.goto(f"{server_url}/compare?experiment=small&settings=p0-0,p0.5-0.5&metrics=test_loss&predict=false")
    page.get_by_role("heading", name="Compare saved runs").wait_for()
    page.get_by_role("heading", name="What the curves show").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"Curves \(CSV")).click()
    table = pd.read_csv(download.value.path())
    shown = [run.record for run in load_saved_runs(saved_runs_folder()).runs
             if run.experiment == "small" and run.setting in ("p0-0", "p0.5-0.5")]
    expected = records_to_frame(shown)
    assert list(table.columns) == list(FRAME_COLUMNS)
    assert len(table) == len(expected) == sum(len(record.epochs) for record in shown)
    assert sorted(set(table["label"])) == sorted(record.label for record in shown)
    # CSV keeps every digit Python prints, so the numbers come back exactly.
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert page.locator(EXCEPTION).count() == 0


def test_theory_lab_opens_and_the_chosen_section_lands_in_the_link(server_url, page):
    page.goto(server_url)
    page.get_by_role("heading", name="Dropout Explorer").wait_for()
    page.goto(f"{server_url}/theory")
    page.get_by_role("heading", name="Theory lab").wait_for()
    page.get_by_role("button", name="Commit my prediction").first.wait_for()  # prompts are on unless a link says
    page.get_by_role("radio", name="4 · Variants").click()
    page.get_by_text("At d = 0.50, what will the variance of Bernoulli dropout's multiplier").wait_for()
    assert query(page.url) == {"section": "variants"}
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_committed_prediction_reveals_the_mask_explorers_output_beside_it(server_url, page, lang):
    page.goto(f"{server_url}/mask?lang={lang}")
    page.get_by_role("heading", name=translate("mask.title", lang)).wait_for()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for()
    assert charts.count() == 1  # X alone: the mask and the output wait for the prediction
    commit = translate("predict.commit", lang)
    for question, typed in ((translate("mask.predict_kept", lang, total=16), "8"),
                            (translate("mask.predict_mean", lang), "7.5")):
        form = page.locator('[data-testid="stForm"]').filter(has_text=question)
        form.get_by_role("textbox").fill(typed)
        form.get_by_role("button", name=commit).click()
        form.wait_for(state="detached")
    kept_column = page.locator('[data-testid="stColumn"]').filter(
        has=page.locator('[data-testid="stMetric"]', has_text=translate("mask.kept_fraction", lang)))
    yours = translate("predict.yours", lang, answer="").replace("**", "").strip()
    line = kept_column.locator('[data-testid="stMarkdownContainer"]', has_text=yours)
    line.wait_for()  # beside the count it predicted
    said = translate("mask.predict_kept_yours", lang, answer="8", total=16, spread="2.0")
    assert said.split(" (")[0].split("（")[0] in line.inner_text()
    assert charts.count() >= 3  # X, the mask and the output (and the mean of many outputs below)
    for answer in ("8", "7.50"):  # each button names the answer it changes
        assert page.get_by_role("button", name=translate("predict.change", lang, answer=answer)).count() == 1
    assert "8" not in "".join(query(page.url).values())  # an answer never goes into the link
    assert page.locator(EXCEPTION).count() == 0


def answer_choice(page, question: str, option: str, lang: str) -> None:
    """Pick option in the prediction form asking question, and commit it."""
    form = page.locator('[data-testid="stForm"]').filter(has_text=question)
    form.get_by_text(option, exact=True).click()
    form.get_by_role("button", name=translate("predict.commit", lang)).click()
    form.wait_for(state="detached")


def verdict_badges(page, lang: str) -> list[str]:
    """The committed predictions on the page, as right, wrong or none (no badge)."""
    yours = translate("predict.yours", lang, answer="").replace("**", "").strip()
    lines = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=yours).all_inner_texts()
    return ["right" if "✓" in line else "wrong" if "✗" in line else "none" for line in lines]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_live_run_is_predicted_before_start_and_judged_when_it_finishes(server_url, page, lang):
    page.goto(f"{server_url}/train?epochs=1&train_size=2000&lang={lang}")
    page.get_by_role("heading", name=translate("train.title", lang)).wait_for()
    question = translate("train.predict_order", lang, epochs=1, p1=0.2, p2=0.5)
    answer_choice(page, question, translate("train.predict_same", lang), lang)
    page.get_by_role("button", name=translate("train.start", lang), exact=True).click()
    page.get_by_text(translate("train.status_finished", lang)).wait_for(timeout=HANG_S * 1000)
    badges = verdict_badges(page, lang)
    assert len(badges) == 1 and badges[0] in ("right", "wrong"), badges
    found = translate("train.predict_found", lang, epoch=1, train=0, test=0, difference=0, band=0, train_images=2000,
                      test_images=10_000)
    page.get_by_text(found[:12]).wait_for()  # the figures it was judged by
    assert page.locator('[data-testid="stForm"]').count() == 0  # the question is not asked again for this run
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_theory_labs_uncertainty_waits_for_both_predictions(server_url, page, lang):
    page.goto(f"{server_url}/theory?section=mc&T=10&lang={lang}")
    page.get_by_role("heading", name=translate("theory.section_mc", lang)).wait_for()
    page.locator('[data-testid="stForm"]').nth(1).wait_for()
    assert page.locator('[data-testid="stImage"]').count() == 0  # the gallery waits
    measure = translate("theory.uncertainty_entropy", lang)
    answer_choice(page, translate("theory.predict_gap", lang, measure=measure),
                  translate("theory.predict_gap_higher", lang), lang)
    assert page.locator('[data-testid="stImage"]').count() == 0  # one answer is not enough
    answer_choice(page, translate("theory.predict_reject", lang, fraction=0.2),
                  translate("theory.predict_reject_same", lang), lang)
    page.locator('[data-testid="stImage"]').nth(11).wait_for()  # the most and the least certain six
    badges = verdict_badges(page, lang)
    assert len(badges) == 2 and "none" not in badges, badges  # each judged by the figures shown
    assert page.locator(EXCEPTION).count() == 0
