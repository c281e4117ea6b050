"""The translation catalog: every key in both languages, and every key the code uses exists, built ones included.

The code names keys three ways: t("literal.key"), keys built at run time (t(f"theory.variant_{name}")), and
literal keys kept in tuples and passed on (t(key)). The first and third are checked directly; every f-string key
is expanded over the values its placeholders can take (registries, option tuples, class indices), so that removing
any one key from the catalog fails a test.
"""
import ast
import re
import string
from pathlib import Path

import pytest

from dropout_core.classroom import PollState
from dropout_core.masks.bugs import BUGS, Fingerprint
from dropout_core.masks.implementations import DROPOUT_IMPLEMENTATIONS
from dropout_core.masks.inputs import EMPTY, NOT_A_NUMBER, NOT_FINITE, TOO_LARGE
from dropout_core.masks.statistics import dropout_conventions
from dropout_core.masks.variants import VARIANTS, noise_drawing
from dropout_core.theory.ensemble import (
    AVERAGE_KINDS,
    GAP_VERDICTS,
    REJECTION_MEASURES,
    TIED,
    UNCERTAINTY_MEASURES,
    VERDICTS,
)
from dropout_core.training.data import CLASS_NAMES
from dropout_core.training.exercises import ACTIVATION_STATISTICS, INTERACTION_VERDICTS
from dropout_core.training.models import INITS, NET_IMPLEMENTATIONS
from dropout_core.training.noise import TRAINABLE_NOISES
from dropout_core.training.outcomes import TRAIN_TEST_ORDERS
from dropout_core.training.presets import PRESETS
from dropout_core.training.summaries import BANDS, CURVE_METRICS
from ui.exercises import activations, drop_rates, dropconnect, epochs, test_time, weight_decay
from ui.i18n import CATALOG, LANGUAGES, translate
from ui.mask_explorer.controls import IMPLEMENTATION_KEYS, MODES
from ui.mask_explorer.inputs import INPUTS
from ui.theory_lab.network import MODEL_CHOICES
from ui.theory_lab.penalty import METHODS, WEIGHT_CHOICES
from ui.tours.model import PROBLEMS as TOUR_PROBLEMS
from ui.train_live.settings import PAGE_PRESETS

REPO = Path(__file__).resolve().parent.parent
SOURCES = [*REPO.glob("explorer.py"), *REPO.glob("pages/*.py"), *REPO.glob("ui/**/*.py")]
PREFIXES = {key.split(".")[0] for key in CATALOG}


def placeholders(text: str) -> set[str]:
    """The {names} a format string expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _module_constant_keys(path: Path, name: str) -> tuple[str, ...]:
    """The keys of a dict literal assigned to `name` in a page script (which cannot be imported: it runs)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == name for target in node.targets):
            return tuple(ast.literal_eval(key) for key in node.value.keys)
    raise AssertionError(f"{name} is not assigned in {path}")


def _calls(name: str):
    """Every call of the function `name` in the sources, with the file it is in."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name and node.args:
                yield path, node


def _template(joined: ast.JoinedStr) -> str:
    """An f-string as written, without the f and quotes: "theory.variant_{name}_text"."""
    return "".join(part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                   for part in joined.values)


def literal_keys() -> set[str]:
    """Keys passed to t() as plain strings."""
    return {node.args[0].value for _, node in _calls("t")
            if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def built_keys() -> dict[str, set[Path]]:
    """The f-string key templates passed to t(), and the files that use each."""
    templates: dict[str, set[Path]] = {}
    for path, node in _calls("t"):
        if isinstance(node.args[0], ast.JoinedStr):
            templates.setdefault(_template(node.args[0]), set()).add(path.relative_to(REPO))
    return templates


def passed_on_keys() -> set[str]:
    """String constants in the sources that name a catalog prefix and look like keys ("theory.uncertainty_right"),
    the keys kept in tuples and translated with t(key) later."""
    key_like = re.compile(rf"^(?:{'|'.join(sorted(PREFIXES))})\.[a-z0-9_]+$")
    found = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        f_string_parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                          for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and key_like.match(node.value) \
                    and id(node) not in f_string_parts:
                found.add(node.value)
    return found - {"app.py"}  # a file name, not a key


def _data_pages() -> tuple[str, ...]:
    """The pages that ask for Fashion-MNIST: the first argument of every fashion_mnist_or_notice call."""
    return tuple(sorted({node.args[0].value for _, node in _calls("fashion_mnist_or_notice")}))


def _variant_facts_and_panels() -> tuple[list[str], list[str]]:
    """The variants whose drawing has a caption, and the ids of every drawing's panels."""
    drawings = {name: noise_drawing(name, 0.5, 0) for name in VARIANTS}
    return ([name for name, drawing in drawings.items() if drawing.facts],
            sorted({panel.id for drawing in drawings.values() for panel in drawing.panels}))


def expansions() -> dict[str, list[str]]:
    """Every f-string key template the code uses, with the full keys it can become."""
    captioned, panels = _variant_facts_and_panels()
    theory_sections = _module_constant_keys(REPO / "pages" / "theory.py", "SECTIONS")
    exercises = _module_constant_keys(REPO / "pages" / "exercises.py", "SECTIONS")
    conventions = dropout_conventions(0.5)
    classes = range(len(CLASS_NAMES))
    table = {
        "exercises.section_{o}": [f"exercises.section_{o}" for o in exercises],
        "exercises.section_{section}": [f"exercises.section_{o}" for o in exercises],
        "exercises.{section}_text": [f"exercises.{o}_text" for o in exercises],
        "exercises.noise_{config.noise}": [f"exercises.noise_{o}" for o in TRAINABLE_NOISES],
        "train.noise_{o}": [f"train.noise_{o}" for o in TRAINABLE_NOISES],
        "exercises.compare_{answer}": [f"exercises.compare_{o}" for o in dropconnect.ANSWERS],
        "exercises.option_{answer}": [f"exercises.option_{o}" for o in test_time.ANSWERS],
        "exercises.swap_{answer}": [f"exercises.swap_{o}" for o in drop_rates.SWAP_ANSWERS],
        "exercises.grid_{metric}": [f"exercises.grid_{o}" for o in drop_rates.GRID_METRICS],
        "exercises.grid_{m}": [f"exercises.grid_{o}" for o in drop_rates.GRID_METRICS],
        "exercises.grid_best_{metric}": [f"exercises.grid_best_{o}" for o in drop_rates.GRID_METRICS],
        "exercises.interaction_{answer}": [f"exercises.interaction_{o}" for o in weight_decay.ANSWERS],
        "exercises.interaction_{found.verdict}": [f"exercises.interaction_{o}" for o in INTERACTION_VERDICTS],
        "exercises.variance_{answer}": [f"exercises.variance_{o}" for o in activations.ANSWERS],
        "exercises.place_{p}": [f"exercises.place_{o}" for o in ACTIVATION_STATISTICS],
        "exercises.epochs_{name}": [f"exercises.epochs_{o}" for o in epochs.RUNS],
        "{page}.no_data": [f"{page}.no_data" for page in _data_pages()],
        "{page}.data_failed": [f"{page}.data_failed" for page in _data_pages()],
        "train.preset_{name}": [f"train.preset_{name}" for name in PAGE_PRESETS],
        "train.preset_{name}_help": [f"train.preset_{name}_help" for name in PAGE_PRESETS],
        "train.predict_{order}": [f"train.predict_{o}" for o in TRAIN_TEST_ORDERS],
        "train.impl_{o}": [f"train.impl_{o}" for o in NET_IMPLEMENTATIONS],
        "train.init_{o}": [f"train.init_{o}" for o in INITS],
        # A setting names its noise, implementation and initialisation only where they differ from d2l's.
        "setting.noise_{config.noise}": [f"setting.noise_{o}" for o in TRAINABLE_NOISES if o != PRESETS["d2l"].noise],
        "setting.impl_{config.implementation}": [f"setting.impl_{o}" for o in NET_IMPLEMENTATIONS
                                                 if o != PRESETS["d2l"].implementation],
        "setting.init_{config.init}": [f"setting.init_{o}" for o in INITS if o != PRESETS["d2l"].init],
        "metric.{metric}": [f"metric.{metric}" for metric in CURVE_METRICS],
        "compare.band_{band}": [f"compare.band_{band}" for band in BANDS],
        "compare.band_{b}": [f"compare.band_{band}" for band in BANDS],
        "theory.section_{o}": [f"theory.section_{o}" for o in theory_sections],
        "theory.section_{section}": [f"theory.section_{o}" for o in theory_sections],
        "theory.{section}_intro": [f"theory.{o}_intro" for o in theory_sections],
        "theory.w_{o}": [f"theory.w_{o}" for o in WEIGHT_CHOICES],
        "theory.method_{key}": [f"theory.method_{key}" for key in METHODS],
        "theory.col_w_{key}": [f"theory.col_w_{key}" for key in METHODS],
        "theory.model_{o}": [f"theory.model_{o}" for o in MODEL_CHOICES],
        "theory.{key}_axis": ["theory.accuracy_axis", "theory.loss_axis"],
        "theory.{key}_title": ["theory.accuracy_title", "theory.loss_title"],
        "theory.series_{kind}": [f"theory.series_{kind}" for kind in AVERAGE_KINDS],
        "theory.average_closer_{closer}": [f"theory.average_closer_{kind}" for kind in (*AVERAGE_KINDS, TIED)],
        "theory.predict_score_{verdict}": [f"theory.predict_score_{v}" for v in VERDICTS],
        "theory.predict_closer_{kind}": [f"theory.predict_closer_{kind}" for kind in AVERAGE_KINDS],
        "theory.predict_gap_{verdict}": [f"theory.predict_gap_{v}" for v in GAP_VERDICTS],
        "theory.predict_reject_{verdict}": [f"theory.predict_reject_{v}" for v in VERDICTS],
        "theory.reject_verdict_{against_eval.verdict}": [f"theory.reject_verdict_{v}" for v in VERDICTS],
        "theory.average_verdict_{comparison.verdict}": [f"theory.average_verdict_{v}" for v in VERDICTS],
        "theory.uncertainty_{o}": [f"theory.uncertainty_{o}" for o in UNCERTAINTY_MEASURES],
        "theory.uncertainty_{measure}": [f"theory.uncertainty_{o}" for o in UNCERTAINTY_MEASURES],
        "theory.reject_{measure}": [f"theory.reject_{measure}" for measure in REJECTION_MEASURES],
        "theory.reject_{each}": [f"theory.reject_{measure}" for measure in REJECTION_MEASURES],
        "theory.variant_{o}": [f"theory.variant_{name}" for name in VARIANTS],
        "theory.variant_{m.name}": [f"theory.variant_{name}" for name in VARIANTS],
        "theory.variant_{name}_text": [f"theory.variant_{name}_text" for name in VARIANTS],
        "theory.variant_{name}_value": [f"theory.variant_{name}_value" for name in VARIANTS],
        "theory.variant_{m.name}_value": [f"theory.variant_{name}_value" for name in VARIANTS],
        "theory.variant_{name}_caption": [f"theory.variant_{name}_caption" for name in captioned],
        "theory.noise_{panel.id}": [f"theory.noise_{panel}" for panel in panels],
        "data.class_{label}": [f"data.class_{i}" for i in classes],
        "data.class_{predicted[index]}": [f"data.class_{i}" for i in classes],
        "data.class_{int(labels[index])}": [f"data.class_{i}" for i in classes],
        "mask.input_{s}": [f"mask.input_{s}" for s in INPUTS],
        "mask.mode_{m}": [f"mask.mode_{m}" for m in MODES],
        "mask.impl_{IMPLEMENTATION_KEYS[name]}": [f"mask.impl_{IMPLEMENTATION_KEYS[i]}"
                                                  for i in DROPOUT_IMPLEMENTATIONS],
        "mask.impl_{IMPLEMENTATION_KEYS[implementation]}_caption": [
            f"mask.impl_{IMPLEMENTATION_KEYS[i]}_caption" for i in DROPOUT_IMPLEMENTATIONS],
        "mask.conv_{c.name}": [f"mask.conv_{c.name}" for c in conventions],
        "mask.conv_p_{c.p_means}": [f"mask.conv_p_{c.p_means}" for c in conventions],
        "mask.grid_{problem.kind}": [f"mask.grid_{kind}" for kind in (EMPTY, NOT_A_NUMBER, NOT_FINITE, TOO_LARGE)],
        "bugs.option_{bug_id}": [f"bugs.option_{bug_id}" for bug_id in BUGS],
        "bugs.explain_{bug_id}": [f"bugs.explain_{bug_id}" for bug_id in BUGS],
        "bugs.training_{bug_id}": [f"bugs.training_{bug_id}" for bug_id in BUGS],
        "bugs.q_{field}": [f"bugs.q_{field}" for field in Fingerprint._fields],
        "tours.problem_{error.problem}": [f"tours.problem_{problem}" for problem in TOUR_PROBLEMS],
        "polls.state_{tally.state}": [f"polls.state_{state}" for state in PollState],
    }
    assert all(table.values()), "a template expands to no key: its registry came back empty"
    return table


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_every_language(key):
    for lang in LANGUAGES:
        assert CATALOG[key].get(lang, "").strip(), f"{key!r} has no {LANGUAGES[lang]} text"


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_translations_expect_the_same_placeholders(key):
    expected = placeholders(CATALOG[key]["en"])
    for lang in LANGUAGES:
        assert placeholders(CATALOG[key][lang]) == expected, f"{key!r} in {lang}"


def test_every_key_used_in_the_code_exists():
    used = literal_keys()
    assert len(used) > 200, "the scan found too few t(...) calls: the pattern or the file list is broken"
    assert sorted(used - CATALOG.keys()) == []


def test_every_key_kept_in_the_code_for_later_exists():
    kept = passed_on_keys()
    assert {"theory.uncertainty_right", "home.unbiased"} <= kept, "the scan misses keys kept in tuples"
    assert sorted(kept - CATALOG.keys()) == []


def test_every_key_built_at_run_time_is_known_and_matches_a_key():
    templates, table = built_keys(), expansions()
    assert len(templates) > 30, "the scan found too few f-string keys: the pattern or the file list is broken"
    unknown = {template: sorted(map(str, paths)) for template, paths in templates.items() if template not in table}
    assert unknown == {}, "f-string keys with no expansion in tests/test_i18n.py: add the values they can take"
    for template in templates:  # also a typo in a template's fixed text, whatever its expansion says
        pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", r"[\\w]+", re.escape(template)) + "$")
        assert any(pattern.match(key) for key in CATALOG), f"no key matches {template!r}"
    assert sorted(set(table) - set(templates)) == [], "expansions for templates the code no longer uses"


@pytest.mark.parametrize("template", sorted(expansions()))
def test_every_key_a_template_can_build_exists(template):
    assert sorted(set(expansions()[template]) - CATALOG.keys()) == []


def test_translate_fills_placeholders():
    assert translate("sidebar.hw_cpu", "en", threads=2) == "CPU (2 threads)"
    assert translate("sidebar.hw_cpu", "zh", threads=2) == "CPU（2 个线程）"
