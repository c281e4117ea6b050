"""Shareable links for every page: a link's settings come back in the page's URL, and reopening it restores them."""
import pytest
from conftest import APP_TIMEOUT_S, REPO_ROOT, open_page
from streamlit.testing.v1 import AppTest

# Every page with a link that changes several of its controls from their defaults, plus the shared ones.
SHARED = {"lang": "zh", "projector": "true", "predict": "false"}
LINKS = {
    "pages/mask.py": {"p": "0.3", "seed": "7", "impl": "F.dropout", "mode": "eval"},
    "pages/train.py": {"p1": "0.35", "p2": "0.6", "epochs": "20", "train_size": "2000", "lr": "0.1", "batch": "128",
                       "net": "concise", "train_seed": "3", "paired": "true"},
    "pages/compare.py": {"experiment": "small", "settings": "p0-0,p0.5-0.5", "metrics": "test_loss", "band": "std",
                         "smooth": "3"},
    "pages/theory.py": {"section": "variants", "variant": "dropout2d", "d": "0.3", "noise_seed": "4"},
}


def widget_values(app, keys) -> dict:
    """The values of the widgets with these keys, as the session holds them."""
    return {key: app.session_state[key] for key in keys}


@pytest.mark.parametrize("page", LINKS)
def test_a_link_round_trips(app, page):
    link = {**LINKS[page], **SHARED}
    open_page(app, page, **link)
    assert not any("链接中的" in w.value for w in app.warning)  # nothing clamped or ignored
    assert dict(app.query_params) == link  # the page's URL says exactly what the link said
    first = widget_values(app, link)

    reopened = AppTest.from_file(str(REPO_ROOT / "explorer.py"), default_timeout=APP_TIMEOUT_S)
    open_page(reopened, page, **dict(app.query_params))
    assert widget_values(reopened, link) == first
