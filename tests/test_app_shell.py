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
    assert app.title[0].value == "丢弃法探索器"
    assert any("无偏" in md.value for md in app.markdown)


def test_sidebar_names_hardware_and_data_source(app):
    app.run()
    sidebar_text = " ".join(md.value for md in app.sidebar.markdown)
    assert "CPU" in sidebar_text or "GPU" in sidebar_text
    assert "Fashion-MNIST" in sidebar_text
