"""The README is a short guide for users whose links all resolve; the rest lives in docs/."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Markdown links and images whose target is a path in the repository (not a web address or anchor).
LOCAL_LINK = re.compile(r"!?\[[^\]]*\]\((?!https?://|#|mailto:)([^)\s#]+)")


def test_the_readme_is_a_short_guide():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    assert len(lines) <= 200
    text = "\n".join(lines)
    assert "make demo" in text and "make test" in text


def test_every_local_link_in_the_readme_and_docs_resolves():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    broken = []
    for page in pages:
        for target in LOCAL_LINK.findall(page.read_text("utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken


def test_every_docs_page_is_in_the_site_navigation():
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    assert pages and all(page in nav for page in pages)
