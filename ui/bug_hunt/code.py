"""The suspect's code as the learner first reads it: its real source, regenerated without the words that name it.

The layer's source comes from inspect, then loses its docstring, its comments and its name (every suspect is shown as
`dropout`), and the helpers it calls from dropout_core/masks/functions.py follow it, treated the same way, so the
code on screen is the code that runs (tests/test_bugs.py executes it and compares).
"""
import ast
import inspect
import textwrap

from dropout_core.masks import functions
from dropout_core.masks.bugs import find_bug

SHOWN_NAME = "dropout"  # every suspect's name until the answer
# Helper names that would give the answer away, and the neutral names shown instead.
NEUTRAL_NAMES = {functions.dropout_randn_mistake.__name__: "dropout_from_noise"}


class _Neutralize(ast.NodeTransformer):
    """Drop docstrings and rename functions, and the calls to them, by a table."""

    def __init__(self, names: dict[str, str]):
        self.names = names

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        self.generic_visit(node)
        node.name = self.names.get(node.name, node.name)
        if ast.get_docstring(node) is not None and len(node.body) > 1:
            node.body = node.body[1:]
        return node

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self.names.get(node.id, node.id)
        return node


def _tree(function) -> ast.Module:
    """A function's source, parsed."""
    return ast.parse(textwrap.dedent(inspect.getsource(function)))


def called_helpers(function) -> list:
    """The functions of dropout_core/masks/functions.py that function calls, directly or through each other."""
    found = []

    def visit(caller) -> None:
        for node in ast.walk(_tree(caller)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = getattr(functions, node.func.id, None)
                if inspect.isfunction(helper) and helper.__module__ == functions.__name__ and helper not in found:
                    found.append(helper)
                    visit(helper)

    visit(function)
    return found


def puzzle_source(bug_id: str) -> str:
    """The layer's code and its helpers', without docstrings, comments or a name that gives the mistake away."""
    layer = find_bug(bug_id).layer
    names = {layer.__name__: SHOWN_NAME, **NEUTRAL_NAMES}
    return "\n\n\n".join(ast.unparse(_Neutralize(names).visit(_tree(function)))
                         for function in (layer, *called_helpers(layer)))


def real_source(bug_id: str) -> str:
    """The layer's source exactly as written, name and docstring included."""
    return inspect.getsource(find_bug(bug_id).layer)
