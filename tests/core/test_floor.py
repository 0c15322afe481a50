"""core sits below every app: no module of it imports a product app, the demo or the benchmarks,
at module level or inside a function (DESIGN.md section 6)."""

from __future__ import annotations

import ast
from pathlib import Path

import core

ABOVE = {"agencies", "meetings", "attendance", "minutes", "actions", "audit", "demo", "bench"}
CORE = Path(core.__file__).parent


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import anywhere in a module, relative ones resolved to core."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "core" if node.level else node.module or ""))
    return found


def test_core_imports_no_app():
    modules = sorted(CORE.rglob("*.py"))
    assert {"forms.py", "csv.py", "pdf.py", "uploads.py"} <= {path.name for path in modules}
    wrong = [
        f"{path.relative_to(CORE.parent)}:{line} imports {name}"
        for path in modules
        for line, name in imported(ast.parse(path.read_text(), str(path)))
        if name.split(".")[0] in ABOVE
    ]
    assert wrong == []


def test_core_imports_nothing_by_name_at_run_time():
    # import_module("meetings") would pass the check above; core has no need of it.
    dynamic = {"import_module", "import_string", "__import__", "get_model"}
    wrong = [
        f"{path.relative_to(CORE.parent)}:{node.lineno}"
        for path in sorted(CORE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in dynamic
    ]
    assert wrong == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from meetings.models import AgendaItem\n    import actions\n")
    assert [name for _, name in imported(tree)] == ["meetings.models", "actions"]
