"""Reading a package's imports with ast, for the floor tests (tests/*/test_floor.py): every
import anywhere in a module, functions included, and imports made by name at run time."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DYNAMIC = {"import_module", "import_string", "__import__", "get_model"}


def imported(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import in a module; relative ones resolve to `package`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, package if node.level else node.module or ""))
    return found


def modules_of(*packages: str) -> list[Path]:
    """Every .py file of these top-level packages."""
    return sorted(path for name in packages for path in (ROOT / name).rglob("*.py"))


def imports_of(packages: list[str], forbidden: set[str]) -> list[str]:
    """'path:line imports name' for each import of a forbidden top-level package."""
    return [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules_of(*packages)
        for line, name in imported(
            ast.parse(path.read_text(), str(path)), path.parts[len(ROOT.parts)]
        )
        if name.split(".")[0] in forbidden
    ]


def imports_by_name(*packages: str) -> list[str]:
    """'path:line' of each call that imports by name at run time (import_module and the like),
    which the import check cannot see."""
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in modules_of(*packages)
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) in DYNAMIC
    ]
