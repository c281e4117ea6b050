"""The Bug hunt page, run through the whole app: clues first, the answer only after a committed guess.

Also its pieces that need no page: the code shown to the learner is the code that runs, the suspects' numbering
gives nothing away, and the saved bug runs are found by the `noise` their configs will carry.
"""
import json
from dataclasses import replace

import pyarrow as pa
import pytest
import torch
from conftest import APP_TIMEOUT_S, REPO_ROOT
from conftest import open_page as open_app_page
from streamlit.testing.v1 import AppTest

from dropout_core.checks import check_drop_probability
from dropout_core.masks.bugs import BUGS, CORRECT, measure_fingerprint
from dropout_core.runtime import settings
from dropout_core.training.saved_runs import DEFAULT_DIR, SavedRun, SavedRuns, load_saved_runs
from ui.bug_hunt import training
from ui.bug_hunt.code import SHOWN_NAME, puzzle_source, real_source
from ui.bug_hunt.fingerprint import SEED, with_error
from ui.bug_hunt.reveal import RIGHT, WRONG, verdict
from ui.bug_hunt.suspects import SUSPECTS
from ui.i18n import translate

PAGE = "pages/bugs.py"


@pytest.fixture
def no_saved_runs(tmp_path, monkeypatch):
    """An app whose saved-runs folder is empty: no bug runs, no reference runs."""
    monkeypatch.setenv(settings.CACHED_RUNS, str(tmp_path))


def open_page(app, **link):
    """The Bug hunt opened from a link with these URL parameters."""
    return open_app_page(app, PAGE, **link)


def number_of(bug_id: str) -> int:
    """The suspect number the page shows this bug under."""
    return SUSPECTS.index(bug_id) + 1


def texts(elements) -> str:
    """The values of some elements (markdown, captions, alerts), as one text."""
    return "\n".join(element.value for element in elements)


def commit(app, bug_id: str, answer: str, lang: str = "en"):
    """Choose an answer for the shown suspect and commit it.

    By its label, as a reader sees it: AppTest formats a raw option outside the session, in English, which the
    Chinese options lack; and it formats the value a run left in the session the same way, so the click sets it again.
    """
    label = translate(f"bugs.option_{answer}", lang)
    app.radio(key=f"bug_guess_{bug_id}").set_value(label).run()
    assert not app.button(key=f"bug_commit_{bug_id}").disabled
    app.radio(key=f"bug_guess_{bug_id}").set_value(label)
    app.button(key=f"bug_commit_{bug_id}").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def subheaders(app) -> list[str]:
    return [header.value for header in app.subheader]


def test_default_page_shows_the_clues_of_layer_1_and_hides_the_answer(app, no_saved_runs):
    open_page(app)
    bug_id = SUSPECTS[0]
    assert app.title[0].value == "Bug hunt"
    assert app.radio(key="bug").value == 1 and app.slider(key="p").value == 0.2
    assert app.code[0].value == puzzle_source(bug_id)
    table = app.table[0].value
    shown = measure_fingerprint(BUGS[bug_id].layer, 0.2, seed=SEED)
    correct = measure_fingerprint(CORRECT.layer, 0.2, seed=SEED)
    assert list(table["Layer 1: measured"]) == [with_error(*pair) for pair in zip(*shown)]
    assert list(table["Correct dropout: measured"]) == [with_error(*pair) for pair in zip(*correct)]
    assert "The answer" not in subheaders(app)
    assert len(app.table) == 1 and len(app.code) == 1  # no closed forms, no real code yet
    assert app.button(key=f"bug_commit_{bug_id}").disabled  # nothing chosen: nothing to commit


def test_a_right_answer_is_kept_on_screen_with_the_verdict_and_the_answer(app, no_saved_runs):
    bug_id = "no_rescale"
    open_page(app, bug=number_of(bug_id), p=0.3)
    commit(app, bug_id, bug_id)
    assert "The answer" in subheaders(app)
    assert texts(app.success) == "**Right.** Your answer: The kept units are not scaled up by 1/(1 − p)."
    assert not app.error
    closed_form = app.table[1].value
    assert list(closed_form["Closed form"][:3]) == ["0.700", "0.700", "0.210"]  # 1-p, 1-p, p(1-p)
    assert all(abs(float(z)) < 4 for z in closed_form["z"])
    assert "**No rescale.**" in texts(app.markdown)
    assert app.code[1].value == real_source(bug_id).rstrip() and "def no_rescale(" in app.code[1].value
    with pytest.raises(KeyError):
        app.radio(key=f"bug_guess_{bug_id}")  # the question gives way to the answer


def test_a_wrong_answer_says_so_and_names_both_and_can_be_asked_again(app, no_saved_runs):
    bug_id = "scale_by_p"
    open_page(app, bug=number_of(bug_id))
    commit(app, bug_id, "randn_mask")
    (error,) = app.error
    assert error.value.startswith("**Not this one.** Your answer: The mask is drawn from a normal distribution")
    assert "The mistake: The kept units are scaled by 1/p instead of 1/(1 − p)." in error.value
    assert not app.success
    # the d2l numbers are computed: (1 - 0.2) / 0.2 = 4 in the first hidden layer
    assert "its output is 4.000 · x on average in training" in texts(app.markdown)
    app.button(key=f"bug_again_{bug_id}").click().run()
    assert "The answer" not in subheaders(app) and not app.error
    assert app.radio(key=f"bug_guess_{bug_id}").value is None


def test_answers_are_kept_per_bug(app, no_saved_runs):
    open_page(app, bug=number_of("shared_mask"))
    commit(app, "shared_mask", "shared_mask")
    app.radio(key="bug").set_value(number_of("on_at_eval")).run()
    assert "The answer" not in subheaders(app)  # another suspect: asked afresh
    app.radio(key="bug").set_value(number_of("shared_mask")).run()
    assert "The answer" in subheaders(app) and app.success
    assert app.session_state["bug_hunt_answers"] == {"shared_mask": "shared_mask"}


@pytest.mark.parametrize("bug_id", SUSPECTS)
def test_every_suspect_in_chinese(app, no_saved_runs, bug_id):
    open_page(app, lang="zh", bug=number_of(bug_id), p=0.8)
    assert app.title[0].value == "找错误"
    assert app.radio(key=f"bug_guess_{bug_id}").label == "这是哪种错误？"
    assert any("此份应用中没有这一层已保存的训练运行" in info.value for info in app.info)
    commit(app, bug_id, bug_id, lang="zh")
    assert texts(app.success).startswith("**答对了。** 你的答案：")
    assert "答案" in subheaders(app)
    assert list(app.table[1].value.columns)[1] == "理论值（闭式）"


def test_a_wrong_answer_in_chinese(app, no_saved_runs):
    open_page(app, lang="zh", bug=number_of("randn_mask"))
    commit(app, "randn_mask", "on_at_eval", lang="zh")
    assert texts(app.error).startswith("**不对。** 你的答案：评估模式下暂退法仍然开着。实际的错误：掩码取自正态分布")


def test_where_the_bug_cannot_show_the_page_says_so(app, no_saved_runs):
    open_page(app, bug=number_of("scale_by_p"), p=0.5)
    assert any("exactly that of correct dropout" in info.value for info in app.info)
    table = app.table[0].value
    assert list(table["Layer 2: measured"]) == list(table["Correct dropout: measured"])  # same draws, same numbers
    app.slider(key="p").set_value(0.2).run()
    assert not any("exactly that of correct dropout" in info.value for info in app.info)


@pytest.mark.parametrize(
    "link, notice",
    [({"bug": 9}, "bug = 9, which is not a valid value: ignored, using 1"),
     ({"bug": "no_rescale"}, "bug = no\\_rescale, which is not a valid value"),
     ({"p": 3}, "p = 3, which is out of range: using 0.95"),
     ({"p": "abc"}, "p = abc, which is not a valid value: ignored, using 0.2")],
)
def test_bad_link_values_give_the_usual_notice(app, no_saved_runs, link, notice):
    open_page(app, **link)
    assert any(notice in warning.value for warning in app.warning), [w.value for w in app.warning]
    assert app.title[0].value == "Bug hunt"


def test_a_link_round_trips(app, no_saved_runs):
    link = {"bug": "4", "p": "0.35", "lang": "zh", "projector": "true"}
    open_page(app, **link)
    assert not app.warning and dict(app.query_params) == link
    reopened = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
    open_page(reopened, **dict(app.query_params))
    assert (reopened.radio(key="bug").value, reopened.slider(key="p").value) == (4, 0.35)
    assert reopened.code[0].value == puzzle_source(SUSPECTS[3])


def test_projector_mode_draws_the_same_page(app, no_saved_runs):
    open_page(app, projector="true", bug=3)
    assert app.code[0].value == puzzle_source(SUSPECTS[2]) and len(app.table) == 1
    commit(app, SUSPECTS[2], SUSPECTS[2])
    assert app.success and len(app.table) == 2


def test_the_home_page_links_to_the_bug_hunt(app):
    app.run()
    assert any(link.proto.page == "bugs" for link in app.get("page_link"))
    assert "name each mistake" in texts(app.caption)


# --- the saved runs of the bugs, found by their config's `noise` -----------------------------------------------------

def fake_bug_runs(bug_id: str, seeds: int = 2) -> list[SavedRun]:
    """Saved runs shaped as the engine writes them for a bug: copies of committed d2l runs under experiment "bugs",
    their test accuracy lowered by 0.1 so the chart's two lines differ (known numbers, unlike the real runs)."""
    d2l = [run for run in load_saved_runs(DEFAULT_DIR).runs if run.experiment == "d2l" and run.setting == "p0.2-0.5"]
    runs = []
    for run in d2l[:seeds]:
        config = replace(run.record.config, noise=bug_id)
        epochs = tuple(replace(epoch, test_acc=epoch.test_acc - 0.1) for epoch in run.record.epochs)
        runs.append(SavedRun("bugs", run.setting, run.seed, replace(run.record, config=config, epochs=epochs)))
    return runs


def chart_rows(app) -> dict[str, list[float]]:
    """The test-accuracy chart's mean curve per group."""
    (chart,) = app.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["title"]["text"] == "test accuracy"
    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    return {group: list(frame.sort_values("epoch")["mean"]) for group, frame in rows.groupby("group")}


def test_saved_bug_runs_are_drawn_against_the_correct_ones(app, monkeypatch):
    saved = load_saved_runs(DEFAULT_DIR)
    saved = SavedRuns(tuple(run for run in saved.runs if run.experiment != "bugs"), ())  # stand-ins with known numbers
    reference = [run for run in saved.runs if run.experiment == "d2l" and run.setting == "p0.2-0.5"]
    bug_runs = fake_bug_runs("no_rescale") + fake_bug_runs("shared_mask", seeds=1)
    monkeypatch.setattr(training, "saved_runs", lambda: SavedRuns((*saved.runs, *bug_runs), ()))
    open_page(app, bug=number_of("no_rescale"))
    curves = chart_rows(app)
    assert set(curves) == {"Layer 3", "Correct dropout"}
    last = lambda runs: sum(run.record.epochs[-1].test_acc for run in runs) / len(runs)  # noqa: E731
    assert curves["Correct dropout"][-1] == pytest.approx(last(reference))
    assert curves["Layer 3"][-1] == pytest.approx(last(reference[:2]) - 0.1)
    assert f"with this layer in place of dropout (2 runs), beside the same network with correct dropout " \
           f"({len(reference)} runs)" in texts(app.caption)
    assert not app.info


@pytest.mark.parametrize("bug_id", BUGS)
def test_every_saved_bug_has_its_runs_beside_the_correct_ones(app, bug_id):
    runs = training.bug_runs(load_saved_runs(DEFAULT_DIR), bug_id)
    assert len(runs) == 2 and {run.config.seed for run in runs} == {0, 1}
    open_page(app, bug=number_of(bug_id), predict="false")
    assert set(chart_rows(app)) == {f"Layer {number_of(bug_id)}", "Correct dropout"}


def test_bug_runs_without_reference_runs_are_drawn_alone_with_a_notice(app, monkeypatch):
    monkeypatch.setattr(training, "saved_runs", lambda: SavedRuns(tuple(fake_bug_runs("on_at_eval")), ()))
    open_page(app, bug=number_of("on_at_eval"))
    assert set(chart_rows(app)) == {"Layer 6"}
    assert any("saved runs of correct dropout" in info.value for info in app.info)


def test_without_saved_runs_the_page_says_so_and_draws_no_chart(app, no_saved_runs):
    open_page(app, bug=2)
    assert any("not in this copy of the app" in info.value for info in app.info)
    assert not app.get("vega_lite_chart")


def test_only_correct_dropout_runs_of_d2l_are_references_and_bug_runs_are_found_by_noise():
    saved = load_saved_runs(DEFAULT_DIR)
    d2l_only = SavedRuns(tuple(run for run in saved.runs if run.experiment != "bugs"), ())
    reference = training.reference_runs(d2l_only)
    assert reference and all((r.config.p1, r.config.p2, r.config.noise) == (0.2, 0.5, "dropout") for r in reference)
    assert training.bug_runs(d2l_only, "no_rescale") == ()
    mixed = SavedRuns((*d2l_only.runs, *fake_bug_runs("no_rescale"), *fake_bug_runs("randn_mask")), ())
    assert [record.config.noise for record in training.bug_runs(mixed, "randn_mask")] == ["randn_mask"] * 2
    assert training.reference_runs(mixed) == reference  # a bug run is never taken for a reference


# --- the pieces -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("training_mode", [True, False])
@pytest.mark.parametrize("bug_id", BUGS)
def test_the_code_shown_is_the_code_that_runs(bug_id, training_mode):
    """Executed on its own (with torch and the p check only), the shown code gives the layer's output, draw for draw."""
    namespace = {"torch": torch, "check_drop_probability": check_drop_probability}
    exec(puzzle_source(bug_id), namespace)  # noqa: S102 - our own source, regenerated
    H = torch.rand(16, 64, generator=torch.Generator().manual_seed(0)) + 0.5
    for p in (0.0, 0.2, 0.5, 1.0):
        shown = namespace[SHOWN_NAME](H, p, torch.Generator().manual_seed(1), training_mode)
        real = BUGS[bug_id].layer(H, p, torch.Generator().manual_seed(1), training_mode)
        assert torch.equal(shown, real), (bug_id, p)


@pytest.mark.parametrize("bug_id", BUGS)
def test_the_code_shown_does_not_name_the_mistake(bug_id):
    code = puzzle_source(bug_id).lower()
    assert bug_id not in code and "mistake" not in code and "bug" not in code and '"""' not in code and "#" not in code
    assert code.startswith(f"def {SHOWN_NAME}(h, p, generator=none, training=true):")
    assert f"def {bug_id}(" in real_source(bug_id) and '"""Bug: ' in real_source(bug_id)


def test_the_suspects_numbering_does_not_point_at_the_answers():
    assert sorted(SUSPECTS) == sorted(BUGS)
    assert all(SUSPECTS[i] != bug_id for i, bug_id in enumerate(BUGS))  # layer n is never the n-th option


def test_verdict():
    assert verdict("no_rescale", "no_rescale") == RIGHT
    assert verdict("no_rescale", "scale_by_p") == WRONG
    assert verdict("no_rescale", None) is None


@pytest.mark.parametrize("number", range(1, len(SUSPECTS) + 1))
def test_the_training_reading_gives_the_final_accuracies_of_the_runs_drawn(app, number):
    """The chart's difference in numbers: the lowest and highest final test accuracy of the suspect's saved runs and
    of correct dropout's, read here straight from the runs' last epochs (the shared mask ends at 0.245 to 0.535)."""
    saved = load_saved_runs(DEFAULT_DIR)
    bug_id = SUSPECTS[number - 1]

    def finals(experiment, keep):
        return [run.record.epochs[-1].test_acc for run in saved.runs if run.experiment == experiment and keep(run)]

    bug = finals("bugs", lambda run: run.record.config.noise == bug_id)
    correct = finals("d2l", lambda run: run.setting == "p0.2-0.5")
    open_page(app, bug=str(number))
    line = next(md.value for md in app.markdown if md.value.startswith("Final test accuracy with this layer"))
    assert f"{min(bug):.3f} to {max(bug):.3f} over its {len(bug)} runs" in line
    assert f"With correct dropout: {min(correct):.3f} to {max(correct):.3f} over {len(correct)} runs" in line


def test_the_chinese_reading_puts_no_space_between_sentences(app):
    """Chinese writes no space after "。": the reading's sentences run on."""
    open_page(app, bug="1", lang="zh")
    line = next(md.value for md in app.markdown if md.value.startswith("用这一层时的最终测试准确率"))
    assert "。使用正确的暂退法" in line and "。 " not in line, line
