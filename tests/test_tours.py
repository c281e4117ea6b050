"""Guided tours: the file format and its problems (named by step and field), the shipped tour, and the tour bar
driving the app: each step opens its page with exactly its settings, links reopen a step, Back/Next/End."""
import json

import pytest
from conftest import APP_TIMEOUT_S, REPO_ROOT, shown

from dropout_core.runtime import settings
from ui.controls import link_params
from ui.i18n import translate
from ui.tours.model import LANGUAGES, PAGES, PROBLEMS, SHIPPED, TourError, parse_tour, read_folder, tour_library

SHIPPED_ID = "d2l-dropout"
MINIMAL = """
title = { en = "Mine", zh = "我的" }
[[steps]]
page = "mask"
title = "One"
narration = { en = "Look.", zh = "看。" }
settings = { p = 0.3, mode = "eval", metrics = ["test_acc", "train_loss"] }
[steps.question]
en = "Which?"
choices = [{ en = "a" }, { en = "b", zh = "乙" }]
answer = 2
"""


def shipped():
    """The tour that comes with the app."""
    return tour_library()[0][SHIPPED_ID]


# --- the format ------------------------------------------------------------------------------------------------
def test_a_minimal_tour_reads_as_written():
    tour = parse_tour(MINIMAL.encode(), "my_lecture.toml")
    assert tour.id == "my-lecture" and tour.title("zh") == "我的" and len(tour.steps) == 1
    step = tour.steps[0]
    assert step.page == "mask" and step.title("en") == step.title("zh") == "One"
    assert step.settings == {"p": "0.3", "mode": "eval", "metrics": "test_acc,train_loss"}
    assert step.question.answer == 1 and step.question.choices[0]("zh") == "a"  # zh missing: English shown
    assert step.question.choices[1]("zh") == "乙"


def test_json_reads_like_toml():
    import tomllib

    as_json = json.dumps(tomllib.loads(MINIMAL)).encode()
    from_json, from_toml = parse_tour(as_json, "my_lecture.json"), parse_tour(MINIMAL.encode(), "my_lecture.toml")
    assert (from_json.id, from_json.title, from_json.steps) == (from_toml.id, from_toml.title, from_toml.steps)


def replaced(old: str, new: str) -> bytes:
    """MINIMAL with one piece of text changed."""
    assert old in MINIMAL
    return MINIMAL.replace(old, new).encode()


MALFORMED = [
    (b"x" * 200_001, "a.toml", "too_big", None, ""),
    (MINIMAL.encode(), "a.yaml", "suffix", None, ""),
    (b'title = "unclosed', "a.toml", "syntax", None, ""),
    (b'{"title": ', "a.json", "syntax", None, ""),
    (b"\xff\xfe", "a.toml", "syntax", None, ""),
    (b"[1, 2]", "a.json", "type", None, ""),
    (b'title = "t"', "a.toml", "missing", None, "steps"),
    (replaced('title = { en = "Mine", zh = "我的" }', 'id = "Bad Id"\ntitle = "x"'), "a.toml", "type", None, "id"),
    (replaced('title = { en = "Mine", zh = "我的" }', 'titel = "x"'), "a.toml", "unknown", None, "titel"),
    (replaced('page = "mask"', 'page = "trian"'), "a.toml", "page", 1, "page"),
    (replaced('page = "mask"\n', ''), "a.toml", "missing", 1, "page"),
    (replaced('narration =', 'narattion ='), "a.toml", "unknown", 1, "narattion"),
    (replaced('title = "One"', 'title = { en = " ", zh = "" }'), "a.toml", "language", 1, "title"),
    (replaced('title = "One"', 'title = { en = "One", fr = "Un" }'), "a.toml", "unknown", 1, "title.fr"),
    (replaced('title = "One"', 'title = 1'), "a.toml", "type", 1, "title"),
    (replaced('narration = { en = "Look."', 'narration = { en = "' + "x" * 3001 + '"'), "a.toml", "limit", 1,
     "narration.en"),
    (replaced('mode = "eval"', 'lang = "zh"'), "a.toml", "reserved", 1, "settings.lang"),
    (replaced('mode = "eval"', 'mode = { nested = 1 }'), "a.toml", "type", 1, "settings.mode"),
    (replaced('p = 0.3', 'p = nan'), "a.toml", "type", 1, "settings.p"),
    (replaced('p = 0.3', '"Bad Key" = 1'), "a.toml", "type", 1, "settings.Bad Key"),
    (replaced('answer = 2', 'answer = 3'), "a.toml", "answer", 1, "question.answer"),
    (replaced('answer = 2', 'answer = true'), "a.toml", "answer", 1, "question.answer"),
    (replaced('choices = [{ en = "a" }, ', 'choices = ['), "a.toml", "type", 1, "question.choices"),
    (replaced('choices = [{ en = "a" }', 'choices = [{ en = "a", de = "x" }'), "a.toml", "unknown", 1,
     "question.choices[1].de"),
    (replaced('answer = 2', 'answer = 2\nhint = "x"'), "a.toml", "unknown", 1, "question.hint"),
    (replaced('[[steps]]\npage = "mask"', '[[steps]]\nminutes = -1\npage = "mask"'), "a.toml", "type", 1,
     "minutes"),
    (replaced('title = "One"', 'title = "One"\nminutes = true'), "a.toml", "type", 1, "minutes"),
    ((MINIMAL + '[[steps]]\npage = "compare"\ntitle = "Two"\n').encode(), "a.toml", "missing", 2, "narration"),
    (("steps = [" + ", ".join(['{page = "mask", title = "t", narration = "n"}'] * 101) + "]").encode(),
     "a.toml", "limit", None, "steps"),
]


@pytest.mark.parametrize(("content", "filename", "problem", "step", "field"), MALFORMED)
def test_a_malformed_tour_is_named_by_step_and_field(content, filename, problem, step, field):
    with pytest.raises(TourError) as caught:
        parse_tour(content, filename)
    assert (caught.value.problem, caught.value.step, caught.value.field) == (problem, step, field)


def test_every_problem_the_ui_words_can_happen():
    seen = {case[2] for case in MALFORMED} | {"unreadable", "duplicate"}  # the folder tests below raise these
    assert seen == set(PROBLEMS)


def test_a_folder_offers_its_good_tours_and_names_its_bad_files(tmp_path, monkeypatch):
    (tmp_path / "good.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"title": "x", "steps": []}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a tour", encoding="utf-8")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "clash.toml").write_text(f'id = "{SHIPPED_ID}"\n' + MINIMAL, encoding="utf-8")
    tours, problems = read_folder(tmp_path)
    assert sorted(tour.id for tour in tours) == ["d2l-dropout", "good"]
    assert [(name, error.problem, error.field) for name, error in problems] == [("bad.json", "missing", "steps")]
    monkeypatch.setenv(settings.TOURS, str(tmp_path))
    library, problems = tour_library()
    assert set(library) == {SHIPPED_ID, "good"} and library[SHIPPED_ID].source == "d2l_dropout.toml"
    assert ("clash.toml", "duplicate") in [(name, error.problem) for name, error in problems]


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "locked.toml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied")))
    tours, problems = read_folder(tmp_path)
    assert tours == [] and [(name, error.problem) for name, error in problems] == [("locked.toml", "unreadable")]


# --- the shipped tour -----------------------------------------------------------------------------------------
def test_the_shipped_tour_is_the_chapter_in_about_45_minutes_in_both_languages():
    tour = shipped()
    assert 40 <= tour.minutes <= 50 and 10 <= len(tour.steps) <= 20
    pages = [step.page for step in tour.steps]
    assert pages[0] == "mask" and {"train", "compare", "exercises", "theory"} <= set(pages)
    for number, step in enumerate(tour.steps, 1):
        texts = [step.title, step.narration] + ([step.question.text, *step.question.choices] if step.question else [])
        for text in texts:
            assert all(getattr(text, lang) for lang in LANGUAGES), f"step {number} lacks a language"
    assert sum(step.question is not None for step in tour.steps) >= 5, "the room is asked to predict"
    assert {file.name for file in SHIPPED.iterdir()} == {"d2l_dropout.toml", "README.md"}


# --- the tour bar in the app ----------------------------------------------------------------------------------
@pytest.fixture
def app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)


def run_link(app, **params):
    """Open the app from a link with these URL parameters."""
    app.query_params.update({key: str(value) for key, value in params.items()})
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def position(app) -> str:
    """The tour bar's 'step N of M' caption, as read (its no-break spaces as spaces: test_tours_position_...)."""
    caption = next(caption.value for caption in app.caption if caption.value.startswith(("Tour ·", "导览 ·")))
    return caption.replace("\u00a0", " ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_steps_position_never_breaks_between_its_words(lang):
    words = translate("tours.position", lang, tour="T", number=3, total=14).rpartition("T · ")[2]
    assert " " not in words and words.count("\u00a0") >= 3, words


def expect_step(app, number: int):
    """The app shows step number of the shipped tour: its page, its settings in the URL and the controls, no notice."""
    step = shipped().steps[number - 1]
    assert not app.exception, [e.value for e in app.exception]
    assert position(app).endswith(f"step {number} of {len(shipped().steps)}")
    assert app.query_params["tour"] == SHIPPED_ID and app.query_params["step"] == str(number)
    for key, value in step.settings.items():
        assert link_params({key: app.session_state[key]})[key] == value, key
    assert [w.value for w in app.warning] == [], f"step {number}"
    assert step.title("en") in [h.value for h in app.subheader]


def test_the_shipped_tour_runs_start_to_finish_with_next_and_back(app):
    run_link(app)
    app.switch_page("pages/tours.py").run()
    app.button(key=f"start_tour_{SHIPPED_ID}").click().run()
    total = len(shipped().steps)
    for number in range(1, total + 1):
        expect_step(app, number)
        assert app.button(key="tour_back").disabled == (number == 1)
        assert app.button(key="tour_next").disabled == (number == total)
        if number < total:
            app.button(key="tour_next").click().run()
    app.button(key="tour_back").click().run()
    expect_step(app, total - 1)


def test_a_step_opens_its_page_with_its_settings_alone(app):
    run_link(app, tour=SHIPPED_ID, step=2)  # p = 1 on the Mask explorer
    assert app.session_state["p"] == 1.0
    app.button(key="tour_next").click().run()  # step 3 names only p = 0.5 ...
    app.session_state["mode"] = "eval"  # ... after the lecturer moved a control the step does not name
    app.run()
    app.button(key="tour_back").click().run()
    app.button(key="tour_next").click().run()
    expect_step(app, 3)
    assert app.session_state["mode"] == "train" and "mode" not in app.query_params


def test_a_link_reopens_the_tour_at_its_step_on_the_steps_page(app):
    run_link(app, tour=SHIPPED_ID, step=4, lang="zh")  # opened on the home page: the step's page opens
    assert app.session_state["mode"] == "eval" and app.query_params["lang"] == "zh"
    assert position(app) == f"导览 · {shipped().title('zh')} · 第 4 步，共 {len(shipped().steps)} 步"
    assert shipped().steps[3].narration("zh") in [m.value for m in app.markdown]


def test_a_link_on_the_steps_own_page_keeps_the_links_settings(app):
    app.query_params.update({"tour": SHIPPED_ID, "step": "1", "p": "0.3"})
    app.switch_page("pages/mask.py").run()  # the link's address is the Mask explorer's
    assert app.session_state["p"] == 0.3 and position(app).endswith("step 1 of 14")


@pytest.mark.parametrize(("raw", "nearest"), [("99", 14), ("0", 1), ("two", 1)])
def test_a_bad_step_in_a_link_shows_the_nearest_with_a_notice(app, raw, nearest):
    run_link(app, tour=SHIPPED_ID, step=raw)
    notices = [shown(w.value) for w in app.warning]
    assert position(app).endswith(f"step {nearest} of 14") and app.query_params["step"] == str(nearest)
    assert len(notices) == 1 and f"“{raw}”" in notices[0]


def test_an_unknown_tour_in_a_link_is_named_and_the_page_opens_without_one(app):
    run_link(app, tour="no-such-tour", step=2)
    assert "“no-such-tour”" in shown(app.warning[0].value) and "tour" not in app.query_params
    assert not any(c.value.startswith("Tour ·") for c in app.caption)


def test_the_tour_survives_a_visit_to_another_page_and_ends_on_request(app):
    run_link(app, tour=SHIPPED_ID, step=6)  # Compare
    app.switch_page("pages/theory.py").run()  # the lecturer wanders off through the sidebar
    assert app.query_params["tour"] == SHIPPED_ID and app.query_params["step"] == "6"
    assert any("Compare" in info.value for info in app.info)
    app.button(key="tour_return").click().run()
    expect_step(app, 6)
    app.button(key="tour_end").click().run()
    assert "tour" not in app.query_params and "step" not in app.query_params
    assert not any(c.value.startswith("Tour ·") for c in app.caption)


def test_a_question_with_a_general_answer_reveals_it_and_one_answered_by_the_page_says_so(app):
    run_link(app, tour=SHIPPED_ID, step=1)
    assert app.success == []
    app.button(key="tour_reveal").click().run()
    question = shipped().steps[0].question
    assert app.success[0].value == f"Answer: {question.answer + 1}. {question.choices[question.answer]('en')}"
    app.button(key="tour_next").click().run()
    app.button(key="tour_next").click().run()
    app.button(key="tour_next").click().run()
    app.button(key="tour_next").click().run()  # step 5: the live run answers it
    assert shipped().steps[4].question.answer is None
    assert "decide first" in " ".join(c.value for c in app.caption) and app.success == []


def test_an_unused_setting_is_named_when_its_step_opens(app, tmp_path, monkeypatch):
    (tmp_path / "typo.toml").write_text(
        'title = "T"\n[[steps]]\npage = "mask"\ntitle = "S"\nnarration = "N"\nsettings = { pp = 0.2 }\n',
        encoding="utf-8")
    monkeypatch.setenv(settings.TOURS, str(tmp_path))
    run_link(app, tour="typo", step=1)
    assert any("pp" in w.value and "step 1" in w.value for w in app.warning)


def test_the_tours_page_lists_the_shipped_tour_and_names_a_bad_folder_file(app, tmp_path, monkeypatch):
    (tmp_path / "broken.toml").write_text('title = "x"\n[[steps]]\npage = "nope"\n', encoding="utf-8")
    monkeypatch.setenv(settings.TOURS, str(tmp_path))
    run_link(app, lang="zh")
    app.switch_page("pages/tours.py").run()
    assert shipped().title("zh") in [h.value for h in app.subheader]
    assert [shown(w.value) for w in app.warning] == [
        "无法使用这个导览。文件 broken.toml，第 1 步，字段 page：没有这个页面；可用的页面是 " + ", ".join(PAGES) + "。"]


def test_the_outline_gives_each_steps_minutes_in_the_learners_language(app):
    run_link(app, lang="zh")
    app.switch_page("pages/tours.py").run()
    outline = "\n".join(md.value for md in app.markdown if "**" in md.value)
    timed = [step for step in shipped().steps if step.minutes]
    assert timed and outline.count(" 分钟") == len(timed) and " min" not in outline, outline
