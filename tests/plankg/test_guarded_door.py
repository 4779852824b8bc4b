"""One guarded door: the app and the notebooks reach the graph only through the facade's guarded calls.

``kg.sparql``, ``kg.sparql_rows``, ``kg.query`` and ``kg.named_query`` apply the timeout, row limit,
memory cap and the SERVICE refusal; the raw store (``kg.store``, ``workspace.graph()``) does not.
Checked on the source (AST) like the layer rule, so a new side door fails here.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Attributes that hand out the raw, unguarded graph store.
RAW_STORE = {"store", "_graph", "rdf"}


def side_doors(tree: ast.AST, where: str) -> list[str]:
    """``where:line`` for each use of the raw store: ``.store``, ``._graph``, ``workspace.graph(...)``,
    and named queries run on a store (``run(store, ...)`` from ``plankg.graph.queries``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in RAW_STORE:
            found.append(f"{where}:{node.lineno} .{node.attr}")
        elif (isinstance(node, ast.Attribute) and node.attr == "graph" and isinstance(node.value, ast.Attribute)
              and node.value.attr == "workspace"):
            found.append(f"{where}:{node.lineno} workspace.graph")
        elif isinstance(node, ast.ImportFrom) and node.module in ("plankg.graph.queries", "plankg.graph.store",
                                                                  "plankg.graph.query_support"):
            found.append(f"{where}:{node.lineno} imports {node.module}")
    return found


def notebook_code(path: Path) -> str:
    """The code cells of a notebook as one module (IPython magics and shell lines left out)."""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    lines = [line for cell in cells if cell["cell_type"] == "code" for line in "".join(cell["source"]).splitlines()]
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def test_the_app_never_touches_the_raw_store():
    files = sorted((ROOT / "ui").rglob("*.py"))
    assert files
    assert [bad for path in files for bad in side_doors(ast.parse(path.read_text("utf-8")), path.name)] == []


def test_the_notebooks_never_touch_the_raw_store():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    bad = [found for path in notebooks for found in side_doors(ast.parse(notebook_code(path)), path.name)]
    assert bad == []


def test_the_check_sees_each_side_door():
    sample = ("from plankg.graph.queries import run\n"
              "rows = kg.store.query('SELECT * WHERE { ?s ?p ?o }')\n"
              "rows = run(self._kg.store, 'entity_profile', name='x')\n"
              "g = kg.workspace.graph()\n"
              "h = data._graph\n"
              "g = kg.rdf\n"
              "ok = kg.sparql('ASK {}'); fine = kg.named_query('targets'); store_name = 'store'\n")
    found = side_doors(ast.parse(sample), "probe.py")
    assert sorted(found) == sorted(["probe.py:1 imports plankg.graph.queries", "probe.py:2 .store",
                                    "probe.py:3 .store", "probe.py:4 workspace.graph", "probe.py:5 ._graph",
                                    "probe.py:6 .rdf"])
