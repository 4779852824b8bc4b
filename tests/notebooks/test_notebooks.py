"""Every notebook runs top to bottom in a real Jupyter kernel (nbclient) and its assert cells pass.

The bundled corpus's workspace is built once for the session; each notebook then opens it, as a
researcher's second run would. Committed notebooks carry no outputs (nbstripout).
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
#: Seconds one cell may take (the story asks for under a minute per notebook; this only stops a hang).
CELL_TIMEOUT = 300


@pytest.fixture(scope="session")
def built_home(tmp_path_factory) -> Path:
    """A workspace of the bundled corpus with graph and index (torch encoder: no ONNX export)."""
    import plankg

    home = tmp_path_factory.mktemp("notebook-home")
    (home / "plankg.toml").write_text('encoder_backend = "torch"\n', "utf-8")
    plankg.open(home).close()
    return home


def test_the_four_notebooks_are_there():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebooks_carry_no_outputs(path):
    cells = json.loads(path.read_text("utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, built_home, tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("PLANKG_HOME", str(built_home))  # the kernel inherits the environment
    monkeypatch.delenv("PLANKG_ENCODER", raising=False)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, when any cell fails
    seconds = time.perf_counter() - started
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    drawn = [o for o in outputs if "image/png" in o.get("data", {})]
    if path.stem != "02_search_and_ask":
        assert drawn, "a chart was drawn"
    print(f"{path.name}: {seconds:.1f}s")
