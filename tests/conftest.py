"""Test set-up: import the app's packages from the repository root; fixtures to run the app and a browser."""
import re
import socket
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

APP_TIMEOUT_S = 60  # generous: the machine is small and shared; this bounds a hang, it measures nothing
EXCEPTION = '[data-testid="stException"]'
ESCAPABLE = r"!-/:-@\[-`{-~"  # the ASCII punctuation, which a backslash makes literal in markdown


def shown(markdown: str) -> str:
    """What a reader sees of markdown whose only markup is backslash escapes and zero-width spaces (as
    ui.safe_text.plain writes)."""
    return re.sub(rf"\\([{ESCAPABLE}])", r"\1", markdown).replace("\u200b", "")


@pytest.fixture
def app():
    """A fresh, not yet run, AppTest of the whole app (explorer.py with its navigation)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)


@pytest.fixture(scope="session")
def fashion_mnist():
    """The real Fashion-MNIST (read once), or a skip where it is not on this machine."""
    from dropout_core.training.data import DataUnavailableError, load_fashion_mnist

    try:
        return load_fashion_mnist(allow_download=False)
    except DataUnavailableError as error:
        pytest.skip(f"Fashion-MNIST not available: {error}")


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    """A lecture hall without Fashion-MNIST or a network: every search is empty, nothing downloads or connects."""
    from dropout_core.runtime import settings
    from dropout_core.training import data as data_module

    monkeypatch.setattr(data_module, "DEBIAN_DIR", tmp_path / "debian")
    monkeypatch.setattr(data_module, "DOWNLOAD_ROOT", tmp_path / "data")
    monkeypatch.setattr(data_module, "_cache", {})
    monkeypatch.delenv(settings.DATA, raising=False)
    monkeypatch.setenv(settings.OFFLINE, "1")

    def no_network(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)


def open_page(app, page: str, **link):
    """Run the app as if opened from a link with these URL parameters, and switch to page."""
    app.query_params.update({key: str(value) for key, value in link.items()})
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metric(app, label: str) -> str:
    """The displayed value of the metric whose label starts with label."""
    return next(m.value for m in app.metric if m.label.startswith(label))


@pytest.fixture(scope="module")
def server_url():
    """A real Streamlit server shared by one test module."""
    with streamlit_server() as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab at lecture-hall projector size (1280x720)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()
