"""The exploration notebook runs top to bottom on a fresh workspace and shows real results."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "explore.ipynb"


@pytest.mark.slow
def test_notebook_cells_run_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_HOME", str(tmp_path / "home"))
    cells = json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
    namespace: dict = {}
    for number, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{NOTEBOOK.name}[{number}]", "exec"), namespace)
    assert len(namespace["docs"]) == 6
    assert set(namespace["rd"]["region"].dropna()) >= {"温州市", "桐乡市", "路桥区"}
    assert namespace["owners"].rows and "SELECT" in namespace["owners"].sparql
    assert {93.0, 112.0, 135.0} <= {row["value"] for row in namespace["series"].rows}
    assert namespace["network"].number_of_nodes() > 100
    assert "135" in namespace["answer"].answer
