"""Imports show the dependency graph: plankg's own modules at the top of each file, heavy packages deferred.

Two checks: on the source (AST), no ``import plankg...`` / ``from plankg... import`` sits inside a
function or method (``TYPE_CHECKING`` blocks excepted); and in a real interpreter (``-X importtime``),
``import plankg`` and ``plankg --help`` load none of the heavy optional packages.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("plankg", "ingest", "ontology", "graph", "embeddings", "qa", "ui")
#: Third-party packages that cost seconds or are optional: loaded only by the code that uses them.
HEAVY = ("torch", "sentence_transformers", "faiss", "gradio", "onnxruntime")


def _is_plankg_import(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name == "plankg" or alias.name.startswith("plankg.") for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return node.level == 0 and (module == "plankg" or module.startswith("plankg."))
    return False


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_inside_functions(source: str, name: str = "<source>") -> list[int]:
    """Lines of plankg imports inside a function body, leaving out ``if TYPE_CHECKING:`` blocks."""
    found: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:  # the ``else`` of TYPE_CHECKING runs
                visit(child, in_function)
            return
        if in_function and _is_plankg_import(node):
            found.append(node.lineno)  # type: ignore[attr-defined]
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(ast.parse(source, name), False)
    return found


def test_no_plankg_import_inside_a_function():
    files = [path for folder in FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 100
    inside = [f"{path.relative_to(ROOT)}:{line}" for path in files
              for line in imports_inside_functions(path.read_text("utf-8"), str(path))]
    assert inside == []


def test_the_check_sees_an_import_inside_a_function():
    sample = (
        "from plankg.errors import PlankgError\n"           # top: fine
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from plankg.facade import KnowledgeGraph\n"
        "def f():\n    import plankg.cli\n"                 # 6
        "class C:\n    def m(self):\n"
        "        if True:\n            from plankg import graph\n"  # 10
        "    async def a(self):\n        from plankg.qa.parse import Question\n"  # 12
        "def g():\n    if TYPE_CHECKING:\n        from plankg.workspace import Workspace\n"
        "    import json\n    from .sibling import x\n"
    )
    assert imports_inside_functions(sample) == [6, 10, 12]


def loaded_packages(stderr: str) -> set[str]:
    """Top-level package names from ``python -X importtime`` output."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name and name != "imported package":
                names.add(name.split(".")[0])
                names.add(name)
    return names


def test_loaded_packages_reads_importtime_output():
    stderr = ("import time: self [us] | cumulative | imported package\n"
              "import time:       120 |        120 |     torch._C\n"
              "import time:      1937 |     623541 | plankg\n")
    assert {"torch", "torch._C", "plankg"} <= loaded_packages(stderr)


@pytest.mark.parametrize("args", [["-c", "import plankg"], ["-m", "plankg", "--help"]],
                         ids=["import plankg", "plankg --help"])
def test_import_and_help_load_no_heavy_package(args, tmp_path):
    env = {**os.environ, "PLANKG_HOME": str(tmp_path / "ws")}
    done = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = loaded_packages(done.stderr)
    # The run really imported the library (the facade, and for --help the serve command's ui) ...
    assert "plankg.facade" in loaded
    if "--help" in args:
        assert "usage: plankg" in done.stdout
        assert "plankg.ui.app" in loaded
    # ... and none of the heavy packages.
    assert sorted(set(HEAVY) & loaded) == []
