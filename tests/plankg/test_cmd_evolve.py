"""``plankg evolve`` as a user runs it, on a graph-only build of the bundled corpus (no model)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import plankg


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("evolve-ws")
    result = plankg("build", "--no-index", home=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_evolve_json_lists_indicator_changes(home):
    result = plankg("evolve", "--from", "2019", "--to", "2021", "--region", "温州", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["from_year"] == 2019 and data["to_year"] == 2021 and data["region"] == "温州市"
    continued = {c["indicator_id"]: c for c in data["indicators"] if c["status"] == "continued"}
    intensity = continued["rd_intensity"]
    assert intensity["earlier_text"] == ["2.2%（力争2.3%）"]
    assert intensity["direction"] == "raised" and intensity["later"][0]["year_inferred"] is True
    assert data["measures"] is None  # no search index: indicators only


def test_evolve_text_and_bad_input(home):
    result = plankg("evolve", "--from", "2019", "--to", "2022", home=home)
    assert result.returncode == 0 and "2019年计划与2022年目标对比" in result.stdout
    bad = plankg("evolve", "--from", "2022", "--to", "2019", home=home)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "2022" in bad.stderr


def test_a_year_without_a_plan_is_one_line_naming_the_years_there_are(home):
    missing = plankg("evolve", "--from", "2019", "--to", "2022", "--region", "温州", home=home)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "2022" in missing.stderr and "2019" in missing.stderr.split("years with goals")[1]
    nowhere = plankg("evolve", "--from", "2030", "--to", "2040", home=home)
    assert nowhere.returncode == 2 and "2030" in nowhere.stderr and "2019" in nowhere.stderr


def test_evolve_text_leads_with_the_summary(home):
    result = plankg("evolve", "--from", "2019", "--to", "2021", "--region", "温州", home=home)
    first = result.stdout.splitlines()[0]
    assert result.returncode == 0 and first.startswith("温州市2019年→2021年：延续") and len(first) <= 220
    assert "变化最大" in first and "→" in first
