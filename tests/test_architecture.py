"""The parts keep their boundaries: import contracts, public seams, module sizes, the map.

The contracts themselves (which part may import which, no cycles) are import-linter's, in
pyproject.toml; this file runs them and checks what import-linter cannot: that no part
imports another part's private names, and that modules stay small enough to read.
"""

from __future__ import annotations

import ast
import contextlib
import io
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "irinsider"
PARTS = ("ingest", "coding", "petrarch", "store", "analysis", "exports", "batch", "web")
MAX_LINES = 800


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(module: str) -> str | None:
    """The part a dotted module name belongs to: "irinsider.store.core" -> "store"."""
    names = module.split(".")
    return names[1] if len(names) > 2 and names[1] in PARTS else None


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    package = package[: len(package) - node.level]
    return ".".join(package + ([node.module] if node.module else []))


def test_import_contracts_are_kept() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                            no_logo=True)
    assert code == 0, out.getvalue()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_crosses_a_part(path: Path) -> None:
    own = _part(".".join(path.relative_to(ROOT).with_suffix("").parts))
    crossings = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = _absolute(path, node)
        if _part(source) in (None, own) or not source.startswith("irinsider"):
            continue
        crossings += [f"{source}.{a.name}" for a in node.names if a.name.startswith("_")]
        if source.count(".") > 1 and source.split(".")[-1].startswith("_"):
            crossings.append(source)
    assert not crossings, f"import these through the part's public names: {crossings}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_stays_readable(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it along a seam"


@pytest.mark.parametrize("part", PARTS)
def test_part_says_what_it_does(part: str) -> None:
    init = PACKAGE / part / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{part}/__init__.py needs a docstring"
    assert any(isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__"
               for n in tree.body), f"{part}/__init__.py needs __all__"
    assert f"`{part}/`" in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
