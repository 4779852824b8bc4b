"""Build progress: counts with an estimate in logs, quiet in notebooks."""
from __future__ import annotations

import io

from plankg import progress as progress_module
from plankg.progress import Progress


def test_counts_reach_a_log_with_an_estimate(monkeypatch):
    monkeypatch.setattr(progress_module, "LOG_EVERY_S", 0.0)
    out = io.StringIO()
    bar = Progress(out)
    bar.start("embedding")
    bar.count(0, 400)
    bar.count(100, 400)
    bar.finish()
    lines = out.getvalue().splitlines()
    assert any("100/400" in line and "left" in line for line in lines)
    assert lines[-1].startswith("plankg: embedding 100/400 done in")


def test_a_log_gets_count_lines_at_most_every_few_seconds():
    out = io.StringIO()
    bar = Progress(out)
    bar.start("embedding")
    for done in range(0, 400, 10):
        bar.count(done, 400)
    assert not any("/400" in line for line in out.getvalue().splitlines()[1:])


def test_a_notebook_gets_only_end_lines_on_stdout(monkeypatch, capsys):
    monkeypatch.setattr(progress_module, "in_notebook", lambda: True)
    bar = Progress()
    bar.start("embedding")
    bar.count(10, 20)
    bar.finish()
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines() == [captured.out.splitlines()[-1]]
    assert "embedding 10/20 done" in captured.out
