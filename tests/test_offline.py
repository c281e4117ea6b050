"""Offline, with no dataset anywhere: every page still opens; Train says how to get the data."""
import socket

import pytest

from dropout_core import data as data_module
from ui.navigation import CONTENT_PAGES


@pytest.fixture
def offline_without_data(tmp_path, monkeypatch):
    """Point the data search at empty folders, forbid downloads, and make any network connection fail."""
    monkeypatch.setattr(data_module, "DEBIAN_DIR", tmp_path / "debian")
    monkeypatch.setattr(data_module, "DOWNLOAD_ROOT", tmp_path / "data")
    monkeypatch.setattr(data_module, "_cache", {})
    monkeypatch.setenv(data_module.DATA_DIR_ENV, str(tmp_path / "empty"))
    monkeypatch.setenv(data_module.OFFLINE_ENV, "1")

    def no_network(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)


@pytest.mark.parametrize("page", [page.path for page in CONTENT_PAGES])
def test_every_page_opens_offline_without_data(app, offline_without_data, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, f"{page}: {[e.value for e in app.exception]}"
    sidebar = " ".join(md.value for md in app.sidebar.markdown)
    assert "Not on this machine" in sidebar


def test_train_page_says_how_to_get_the_data(app, offline_without_data):
    app.run()
    app.switch_page("pages/train.py").run()
    text = " ".join(md.value for md in app.markdown)
    assert "apt-get install dataset-fashion-mnist" in text and "DROPOUT_EXPLORER_DATA" in text
