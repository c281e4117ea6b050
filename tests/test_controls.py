"""URL-bound widgets: a link's values are adopted, clamped or ignored with a notice, and written back."""
import pytest
from conftest import APP_TIMEOUT_S
from streamlit.testing.v1 import AppTest


def controls_app():
    """A page with one widget of each kind, bound to the URL."""
    import streamlit as st

    from ui.controls import show_link_notices, url_choice, url_number, url_slider, url_toggle

    p = url_slider("p", "p", 0.0, 1.0, 0.5, step=0.05)
    seed = url_number("seed", "seed", 0, 999, 0)
    impl = url_choice("impl", "impl", ["scratch", "nn.Dropout"], "scratch", format_func=str.upper)
    on = url_toggle("on", "on", False)
    st.write(f"state: {p} {seed} {impl} {on}")
    show_link_notices()


def run_with(query: dict) -> AppTest:
    """Run the controls page as if opened from a link with these parameters."""
    at = AppTest.from_function(controls_app, default_timeout=APP_TIMEOUT_S)
    at.query_params.update(query)
    return at.run()


def state(at: AppTest) -> str:
    """The page's one-line summary of its widget values."""
    return next(md.value for md in at.markdown if md.value.startswith("state:"))


def test_defaults_without_a_link():
    at = run_with({})
    assert not at.exception and not at.warning
    assert state(at) == "state: 0.5 0 scratch False"
    assert dict(at.query_params) == {}


def test_valid_link_values_are_adopted():
    at = run_with({"p": "0.3", "seed": "42", "impl": "nn.Dropout", "on": "true"})
    assert state(at) == "state: 0.3 42 nn.Dropout True" and not at.warning


@pytest.mark.parametrize(
    "query, expected, notice",
    [
        ({"p": "7"}, "state: 1.0 0 scratch False", "out of range"),
        ({"p": "-2"}, "state: 0.0 0 scratch False", "out of range"),
        ({"seed": "5000"}, "state: 0.5 999 scratch False", "out of range"),
        ({"p": "abc"}, "state: 0.5 0 scratch False", "not a valid value"),
        ({"p": "nan"}, "state: 0.5 0 scratch False", "not a valid value"),
        ({"seed": "1.5"}, "state: 0.5 0 scratch False", "not a valid value"),
        ({"impl": "NN.DROPOUT"}, "state: 0.5 0 scratch False", "not a valid value"),
        ({"on": "maybe"}, "state: 0.5 0 scratch False", "not a valid value"),
    ],
)
def test_bad_link_values_are_clamped_or_ignored_with_a_notice(query, expected, notice):
    at = run_with(query)
    assert not at.exception
    assert state(at) == expected
    assert len(at.warning) == 1 and notice in at.warning[0].value


def test_changes_are_written_to_the_url_by_option_id_and_defaults_left_out():
    at = run_with({})
    at.slider(key="p").set_value(0.25)
    at.selectbox(key="impl").set_value("nn.Dropout")
    at.run()
    assert dict(at.query_params) == {"p": "0.25", "impl": "nn.Dropout"}
    at.slider(key="p").set_value(0.5).run()
    assert dict(at.query_params) == {"impl": "nn.Dropout"}


def pills_app():
    """A page with one set of URL-bound pills whose options depend on a toggle, as Compare's do."""
    import streamlit as st

    from ui.controls import show_link_notices, url_pills, url_toggle

    few = url_toggle("few", "few", False)
    options = ["a", "b"] if few else ["a", "b", "c"]
    chosen = url_pills("pick", "pick", options, ["a", "b"], format_func=str.upper)
    st.write(f"state: {','.join(chosen) or '-'}")
    show_link_notices()


def run_pills_with(query: dict) -> AppTest:
    """Run the pills page as if opened from a link with these parameters."""
    at = AppTest.from_function(pills_app, default_timeout=APP_TIMEOUT_S)
    at.query_params.update(query)
    return at.run()


@pytest.mark.parametrize(
    "query, expected, notice",
    [
        ({}, "state: a,b", None),
        ({"pick": "c,a"}, "state: c,a", None),
        ({"pick": ""}, "state: -", None),
        ({"pick": "c,zz"}, "state: c", "out of range: using c instead"),
        ({"pick": "zz"}, "state: a,b", "not a valid value: ignored, using a,b"),
    ],
)
def test_pills_link_values_are_adopted_or_dropped_with_a_notice(query, expected, notice):
    at = run_pills_with(query)
    assert not at.exception
    assert state(at) == expected
    if notice is None:
        assert not at.warning
    else:
        assert len(at.warning) == 1 and notice in at.warning[0].value


def test_pills_write_ids_to_the_url_and_drops_choices_no_longer_offered():
    at = run_pills_with({})
    at.button_group(key="pick").set_value(["c", "a"]).run()
    assert dict(at.query_params) == {"pick": "c,a"}
    at.toggle(key="few").set_value(True).run()
    assert not at.exception and state(at) == "state: a"
    assert at.query_params["pick"] == "a" and at.query_params["few"] == "true"


def leave_for(app, page: str, lang: str):
    """Switch to page the way the sidebar does: the URL keeps only what explorer.py draws on every page."""
    for key in [key for key in app.query_params if key not in ("lang", "projector", "predict")]:
        del app.query_params[key]
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.session_state["lang"] == lang


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_pages_settings_and_url_survive_a_visit_to_another_page(app, lang, monkeypatch):
    # AppTest formats option labels outside any run, where the session's language is out of reach.
    monkeypatch.setattr("ui.i18n.current_language", lambda: lang)
    app.query_params.update({"lang": lang, "projector": "true", "predict": "false"})
    app.run()
    settings = {  # a page, and a changed control of each kind on it
        "pages/mask.py": {"mode": "eval", "p": 0.3, "seed": 7},
        "pages/train.py": {"p1": 0.35, "paired": True, "h1": 64},
        "pages/compare.py": {"band": "std", "log": False, "metrics": ["test_acc"]},
        "pages/theory.py": {"section": "mc"},
    }
    for page, values in settings.items():
        leave_for(app, page, lang)
        for key, value in values.items():
            next(widget for widget in app.main if getattr(widget, "key", None) == key).set_value(value)
        app.run()
    for page, values in [*settings.items(), *settings.items()]:  # twice: a restored value is remembered again
        leave_for(app, page, lang)
        for key, value in values.items():
            assert app.session_state[key] == value, (page, key)
            assert key in app.query_params, (page, key)
        assert app.session_state["projector"] is True and app.session_state["predict"] is False
        assert app.query_params["predict"] == "false"


def test_a_links_values_win_over_remembered_ones(app):
    app.run()
    leave_for(app, "pages/mask.py", "en")
    app.radio(key="mode").set_value("eval")
    app.slider(key="p").set_value(0.3).run()
    leave_for(app, "pages/train.py", "en")
    app.query_params["p"] = "0.7"  # a link (st.page_link's query_params) that names only p
    app.switch_page("pages/mask.py").run()
    assert (app.slider(key="p").value, app.radio(key="mode").value) == (0.7, "eval")
    assert (app.query_params["p"], app.query_params["mode"]) == ("0.7", "eval")
