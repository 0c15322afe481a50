"""audit sits below every app that calls it: no module of it imports a product app, the demo
or the benchmarks, at module level or inside a function (DESIGN.md section 6)."""

from __future__ import annotations

import ast
from pathlib import Path

import audit

ABOVE = {"agencies", "meetings", "attendance", "minutes", "actions", "demo", "bench"}
AUDIT = Path(audit.__file__).parent


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import anywhere in a module, relative ones resolved to audit."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append((node.lineno, "audit"))
            else:
                found.append((node.lineno, node.module or ""))
    return found


def test_audit_imports_no_app_above_it():
    modules = sorted(AUDIT.rglob("*.py"))
    assert len(modules) > 5  # the walk found the package
    wrong = [
        f"{path.relative_to(AUDIT.parent)}:{line} imports {name}"
        for path in modules
        for line, name in imported(ast.parse(path.read_text(), str(path)))
        if name.split(".")[0] in ABOVE
    ]
    assert wrong == []


def test_audit_imports_nothing_by_name_at_run_time():
    # import_module("meetings") would pass the check above; audit has no need of it.
    dynamic = {"import_module", "import_string", "__import__", "get_model"}
    wrong = [
        f"{path.relative_to(AUDIT.parent)}:{node.lineno}"
        for path in sorted(AUDIT.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in dynamic
    ]
    assert wrong == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from meetings.models import AgendaItem\n    import actions\n")
    assert [name for _, name in imported(tree)] == ["meetings.models", "actions"]
