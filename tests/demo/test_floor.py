"""demo is the top floor: no product app or config imports it, at module level or inside a
function, and no demo module is left in a product app (DESIGN.md section 6)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BELOW = ["agencies", "meetings", "attendance", "minutes", "actions", "audit", "config"]


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every absolute import anywhere in a module, functions included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.append((node.lineno, node.module or ""))
    return found


def _modules() -> list[Path]:
    return sorted(path for app in BELOW for path in (ROOT / app).rglob("*.py"))


def test_no_product_app_imports_demo():
    modules = _modules()
    assert len(modules) > 50  # the walk found the apps
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules
        for line, name in imported(ast.parse(path.read_text(), str(path)))
        if name.split(".")[0] == "demo"
    ]
    assert wrong == []


def test_no_demo_module_is_left_in_a_product_app():
    left = [str(path.relative_to(ROOT)) for path in _modules() if path.name.startswith("demo")]
    assert left == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from demo.data import people\n    import demo.meetings\n")
    assert [name for _, name in imported(tree)] == ["demo.data", "demo.meetings"]
