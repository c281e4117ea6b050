"""The app shell: navigation, the home page, the shared sidebar and the language switch."""


def test_home_renders_without_exception(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Dropout Explorer"
    assert any("Noise without bias" in md.value for md in app.markdown)


def test_language_switch_translates_the_page(app):
    app.run()
    app.selectbox(key="lang").set_value("zh").run()
    assert not app.exception
    assert app.title[0].value == "暂退法（Dropout）探索器"
    assert any("无偏" in md.value for md in app.markdown)


def test_sidebar_names_hardware_and_data_source(app):
    app.run()
    sidebar_text = " ".join(md.value for md in app.sidebar.markdown)
    assert "CPU" in sidebar_text or "GPU" in sidebar_text
    assert "Fashion-MNIST" in sidebar_text


def test_the_first_run_restart_still_has_the_streamlit_flag_it_relies_on(app):
    """ui/shell.py flips Streamlit's private PagesManager.uses_pages_directory to restart a fresh server's first run.

    A Streamlit upgrade that removes or renames the flag, or stops using it as the pages/-folder mode switch, must
    fail here, loudly, rather than silently bring back the first visitor's lost click (see ui/shell.py).
    """
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager), "Streamlit renamed or removed the flag ui/shell.py uses"
    app.run()
    assert not app.exception
    assert PagesManager.uses_pages_directory is False  # st.navigation switched the pages/-folder mode off
