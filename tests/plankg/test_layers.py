"""Layers point one way: the library folders never import the top layer (facade, workspace, CLI).

``graph/``, ``embeddings/``, ``qa/``, ``ingest/`` and ``ontology/`` receive what they need as
arguments. The only ``plankg.*`` top-level module they may import is ``plankg.errors`` (a leaf
holding the exception base). Checked on the source (AST), so lazy imports inside functions and
``TYPE_CHECKING`` blocks count too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("graph", "embeddings", "qa", "ingest", "ontology")
SUBPACKAGES = {"plankg." + name for name in (*LAYERS, "ui", "corpus")}
ALLOWED_TOP = {"plankg.errors"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in a file, relative imports left out (they stay inside)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "plankg":  # ``from plankg import ontology`` names a subpackage or not
                found += [(node.lineno, f"plankg.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def top_layer_imports(path: Path) -> list[str]:
    """Imports of ``plankg`` itself or of a top-level ``plankg.*`` module other than the allowed ones."""
    bad = []
    for line, module in imported_modules(path):
        if module != "plankg" and not module.startswith("plankg."):
            continue
        if module in ALLOWED_TOP or any(module == p or module.startswith(p + ".") for p in SUBPACKAGES):
            continue
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        bad.append(f"{where}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_nothing_from_the_top(layer):
    files = sorted((ROOT / layer).rglob("*.py"))
    assert files
    assert [bad for path in files for bad in top_layer_imports(path)] == []


def test_the_check_sees_a_top_layer_import(tmp_path):
    # The rule must fail on the imports it forbids, lazy or not.
    sample = tmp_path / "probe.py"
    sample.write_text("def f():\n    from plankg.workspace import Workspace\n    import plankg.cli\n"
                      "from plankg import open\nfrom plankg import graph\nfrom plankg.errors import PlankgError\n",
                      "utf-8")
    found = top_layer_imports(sample)
    assert sorted(item.split(" imports ")[1] for item in found) == ["plankg.cli", "plankg.open", "plankg.workspace"]


def test_every_layer_error_is_a_plankg_error():
    from plankg.embeddings import SearchError
    from plankg.errors import PlankgError
    from plankg.graph.store import QueryError
    from plankg.ingest.records import IngestError
    from plankg.qa import QAError
    from plankg.workspace import WorkspaceError

    for error in (SearchError, QueryError, IngestError, QAError, WorkspaceError):
        assert issubclass(error, PlankgError), error
