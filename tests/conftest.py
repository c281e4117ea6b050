"""Test set-up: import the app's packages from the repository root; fixtures to run the app and a browser."""
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tools.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

APP_TIMEOUT_S = 60  # generous: the machine is small and shared; this bounds a hang, it measures nothing
EXCEPTION = '[data-testid="stException"]'


@pytest.fixture
def app():
    """A fresh, not yet run, AppTest of the whole app (app.py with its navigation)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=APP_TIMEOUT_S)


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
