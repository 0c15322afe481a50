"""core sits below every app: no module of it imports a product app, the demo or the benchmarks,
at module level or inside a function (DESIGN.md section 6)."""

from __future__ import annotations

import ast

from tests.floors import imported, imports_by_name, imports_of, modules_of

ABOVE = {"agencies", "meetings", "attendance", "minutes", "actions", "audit", "demo", "bench"}


def test_core_imports_no_app():
    names = {path.name for path in modules_of("core")}
    assert {"forms.py", "csv.py", "pdf.py", "uploads.py"} <= names
    assert imports_of(["core"], ABOVE) == []


def test_core_imports_nothing_by_name_at_run_time():
    # import_module("meetings") would pass the check above; core has no need of it.
    assert imports_by_name("core") == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from meetings.models import AgendaItem\n    import actions\n")
    assert [name for _, name in imported(tree, "core")] == ["meetings.models", "actions"]
