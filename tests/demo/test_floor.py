"""demo is the top floor: no product app or config imports it, at module level or inside a
function, and no demo module is left in a product app (DESIGN.md section 6)."""

from __future__ import annotations

import ast

from tests.floors import ROOT, imported, imports_of, modules_of

BELOW = ["agencies", "meetings", "attendance", "minutes", "actions", "audit", "config"]


def test_no_product_app_imports_demo():
    assert len(modules_of(*BELOW)) > 50  # the walk found the apps
    assert imports_of(BELOW, {"demo"}) == []


def test_no_demo_module_is_left_in_a_product_app():
    left = [str(p.relative_to(ROOT)) for p in modules_of(*BELOW) if p.name.startswith("demo")]
    assert left == []


def test_the_check_sees_imports_inside_functions():
    tree = ast.parse("def f():\n    from demo.data import people\n    import demo.meetings\n")
    assert [name for _, name in imported(tree, "x")] == ["demo.data", "demo.meetings"]
