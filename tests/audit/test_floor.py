"""audit sits below every app that calls it: no module of it imports a product app, the demo
or the benchmarks, at module level or inside a function (DESIGN.md section 6)."""

from __future__ import annotations

from tests.floors import imports_by_name, imports_of, modules_of

ABOVE = {"agencies", "meetings", "attendance", "minutes", "actions", "demo", "bench"}


def test_audit_imports_no_app_above_it():
    assert len(modules_of("audit")) > 5  # the walk found the package
    assert imports_of(["audit"], ABOVE) == []


def test_audit_imports_nothing_by_name_at_run_time():
    # import_module("meetings") would pass the check above; audit has no need of it.
    assert imports_by_name("audit") == []
