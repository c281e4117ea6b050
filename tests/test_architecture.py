"""The house's layout holds: dropout_core's rooms import one way, nothing imports back, the core has no UI."""
import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORE = REPO_ROOT / "dropout_core"
# Lower rooms never import higher ones: a module may import its own room and the rooms listed before it.
LAYERS = ("checks", "runtime", "classroom", "masks", "training", "theory", "train", "cached_runs")


def module_name(path: Path) -> str:
    """The dotted name of a Python file of the repository, e.g. dropout_core.training.engine."""
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved to absolute names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


CORE_FILES = sorted(CORE.rglob("*.py"))


def room(module: str) -> str:
    """The room of a dropout_core module: its first name below dropout_core."""
    return module.split(".")[1] if module.count(".") >= 1 else ""


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_core_imports_go_down_the_layers_only(path):
    me = module_name(path)
    if me == "dropout_core":
        return  # the package's front door may name anything it exports
    mine = LAYERS.index(room(me))
    for other in imported_modules(path):
        assert other.split(".")[0] not in ("streamlit", "ui", "pages", "altair"), f"{me} imports {other}"
        if other.startswith("dropout_core.") and room(other) in LAYERS:
            assert LAYERS.index(room(other)) <= mine, f"{me} ({room(me)}) imports {other} from a higher room"


def test_no_module_imports_one_that_imports_it_back():
    names = {module_name(path): path for path in CORE_FILES}
    graph = {name: {other for other in imported_modules(path) if other in names and other != name}
             for name, path in names.items()}
    graph.pop("dropout_core")  # the front door re-exports; nothing inside imports it

    def reaches(start: str, target: str, seen: set) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == target or (nxt not in seen and not seen.add(nxt) and reaches(nxt, target, seen)):
                return True
        return False

    cycles = [(a, b) for a in graph for b in graph[a] if reaches(b, a, set())]
    assert cycles == []


def test_relative_imports_are_resolved():
    """The checker itself: `from .config import ...` in training/engine.py counts as an import of that module."""
    path = CORE / "training" / "engine.py"
    assert "dropout_core.training.config" in imported_modules(path)
    assert "dropout_core.runtime.rng" in imported_modules(path)
