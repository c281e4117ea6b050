"""Offline, with no dataset anywhere: every page still opens; Train says how to get the data."""
import pytest

from ui.navigation import CONTENT_PAGES


@pytest.mark.parametrize("page", [page.path for page in CONTENT_PAGES])
def test_every_page_opens_offline_without_data(app, no_data, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, f"{page}: {[e.value for e in app.exception]}"
    sidebar = " ".join(md.value for md in app.sidebar.markdown)
    assert "Not on this machine" in sidebar


def test_train_page_says_how_to_get_the_data(app, no_data):
    app.run()
    app.switch_page("pages/train.py").run()
    text = " ".join(md.value for md in app.markdown)
    assert "apt-get install dataset-fashion-mnist" in text and "DROPOUT_EXPLORER_DATA" in text
