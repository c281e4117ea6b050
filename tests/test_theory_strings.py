"""The Theory lab's text: every registered variant speaks both languages with the placeholders its drawing fills.

(That every key the lab uses exists, built keys included, is test_i18n's job.)
"""
import pytest
from test_i18n import placeholders

from dropout_core.masks.variants import VARIANTS, noise_drawing
from ui.i18n import CATALOG, LANGUAGES


def texts(key: str) -> list[str]:
    """The key's text in every language, failing on a missing key or language."""
    assert key in CATALOG, f"{key!r} is missing from the catalog"
    for lang in LANGUAGES:
        assert CATALOG[key].get(lang, "").strip(), f"{key!r} has no {LANGUAGES[lang]} text"
    return [CATALOG[key][lang] for lang in LANGUAGES]


@pytest.mark.parametrize("name", VARIANTS)
def test_every_registered_variant_has_its_strings_in_both_languages(name):
    for suffix in ("", "_text", "_value"):
        texts(f"theory.variant_{name}{suffix}")
    drawing = noise_drawing(name, 0.5, 0)
    for panel in drawing.panels:  # a panel's title may state the drawing's rows and cols, nothing else
        assert all(placeholders(text) <= {"rows", "cols"} for text in texts(f"theory.noise_{panel.id}")), panel.id
    caption = f"theory.variant_{name}_caption"
    if drawing.facts:  # the caption states exactly the numbers the drawing gives
        assert all(placeholders(text) == set(drawing.facts) for text in texts(caption))
    else:
        assert caption not in CATALOG

