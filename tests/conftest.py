"""Test set-up: import the app's packages from the repository root; a fixture to run the app."""
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

APP_TIMEOUT_S = 60  # generous: the machine is small and shared; this bounds a hang, it measures nothing


@pytest.fixture
def app():
    """A fresh, not yet run, AppTest of the whole app (app.py with its navigation)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=APP_TIMEOUT_S)
