"""The chaos suite (benchmarks/chaos.py) names a unit test for each case, and its table is on the page."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _chaos():
    spec = importlib.util.spec_from_file_location("chaos", ROOT / "benchmarks" / "chaos.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["chaos"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_every_case_names_a_unit_test_that_exists():
    chaos = _chaos()
    assert len(chaos.CASES) >= 30
    for case in chaos.CASES:
        path, _, name = case.test.partition("::")
        source = (ROOT / path).read_text("utf-8")
        assert re.search(rf"^def {re.escape(name)}\(", source, re.M), case.test


def test_the_generated_table_has_a_row_per_case_between_its_markers():
    chaos = _chaos()
    page = (ROOT / "docs" / "reliability.md").read_text("utf-8")
    assert page.count(chaos.BEGIN) == 1 and page.count(chaos.END) == 1
    generated = page.split(chaos.BEGIN, 1)[1].split(chaos.END, 1)[0]
    rows = [line for line in generated.splitlines() if line.startswith("| ") and "**" in line]
    assert len(rows) == len(chaos.CASES)
    for case in chaos.CASES:
        assert any(row.startswith(f"| {chaos.cell(case.name)} |") for row in rows), case.name
    assert "<b>" not in generated  # markup from a case is shown as written, never rendered
    assert "## What was fixed" in page.split(chaos.END, 1)[1]  # the hand-written part is kept


def test_write_docs_replaces_only_the_text_between_the_markers(tmp_path, monkeypatch):
    chaos = _chaos()
    page = tmp_path / "reliability.md"
    page.write_text(f"# head\n\n{chaos.BEGIN}\nold\n{chaos.END}\n\n## tail\n", "utf-8")
    monkeypatch.setattr(chaos, "DOCS", page)
    chaos.write_docs("| new |")
    assert page.read_text("utf-8") == f"# head\n\n{chaos.BEGIN}\n| new |\n{chaos.END}\n\n## tail\n"
