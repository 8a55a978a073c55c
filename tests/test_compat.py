"""Every private name of another package is used in one module, cxportal/plugin/compat.py.

An upgrade of MkDocs, Material or mkdocs-macros can then only break in that module, which
checks the names at import and says which package and version lacks which name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cxportal"
SEAM = PACKAGE / "plugin" / "compat.py"
# Object internals and interpreter or Jinja internals, whatever their owner.
INTERNALS = {"__dict__", "_getframe", "__jinja_template__", "__code__"}


def own_private_names(files: list[Path]) -> set[str]:
    """Every `_name` cxportal itself defines (functions, classes, variables, attributes it assigns)."""
    names: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _owned_by_self(node):
                names.add(node.attr)
    return {n for n in names if n.startswith("_") and n not in INTERNALS}


def _owned_by_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")


def private_uses(source: str, own: set[str]) -> list[tuple[int, str]]:
    """(line, name) of each use of another package's private name in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and not (node.module or "").startswith("cxportal"):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("_")]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr in INTERNALS or (
                not node.attr.startswith("__") and node.attr not in own and not _owned_by_self(node)
            ):
                found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Constant) and node.value in INTERNALS:
            found.append((node.lineno, str(node.value)))
    return found


def engine_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


def test_no_private_name_of_another_package_outside_the_seam():
    files = engine_files()
    own = own_private_names([p for p in files if p != SEAM])
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for path in files
        if path != SEAM
        for line, name in private_uses(path.read_text("utf-8"), own)
    ]
    assert not found, "private names of other packages belong in cxportal/plugin/compat.py:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "config._current_page = page",
        "from mkdocs.commands.build import _populate_page",
        "state = dict(page.__dict__)",
        "frame = sys._getframe(1)",
        "template = frame.f_globals.get('__jinja_template__')",
        "plugin._add_macros = {}",
    ],
)
def test_the_scan_finds_each_kind_of_private_use(source: str):
    assert private_uses(source, own_private_names(engine_files())), source


def test_the_seam_names_what_it_uses_and_where_it_was_tested():
    from cxportal.plugin import compat

    assert set(compat.TESTED) == {"mkdocs", "mkdocs-macros-plugin", "mkdocs-material"}
    with pytest.raises(
        compat.IncompatibleVersion, match=r"mkdocs-macros-plugin .* tested with mkdocs-macros-plugin 1\.5\.x"
    ):
        compat._require(False, "mkdocs-macros-plugin", "MacrosPlugin._add_macros")
