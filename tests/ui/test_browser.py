"""A real browser (Debian's chromium driven by Playwright): ask, chart, upload, find the new target.

Needs ``/usr/bin/chromium`` and ``fonts-noto-cjk`` (``make test`` installs them through apt when
missing); never ``playwright install``, which downloads a browser. Screenshots land in
``build/test-output/ui/`` (or ``$PLANKG_TEST_OUTPUT/ui``) for a person to look at.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.ui.corpus import write_upload_docx

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
#: Visible cells of a Gradio table's first column (a hidden sizing copy of the table holds plain <td>s).
FIRST_COLUMN = "[role=gridcell][data-col='0']"


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        pytest.skip("Debian's chromium is missing and apt is unavailable (apt-get install chromium fonts-noto-cjk)")
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is missing (apt-get install fonts-noto-cjk)")
    return sync_playwright


@pytest.fixture(scope="module")
def page(app_url):
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        # A loaded 2-core machine (CI with other jobs) can take longer than Playwright's 30 s default.
        context.set_default_timeout(90_000)
        tab = context.new_page()
        tab.requests_outside = []
        tab.dialogs = []
        tab.on("request", lambda request: _record_outside(tab, request.url))
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(app_url, wait_until="networkidle", timeout=120_000)
        yield tab
        context.close()
        browser.close()


def _record_outside(tab, url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOOPBACK:
        tab.requests_outside.append(url)


def test_ask_shows_the_owners_and_the_highlighted_evidence(page, app_data, output_dir):
    page.fill("#ask-question textarea", "哪些单位负责R&D经费投入相关的目标？")
    page.click("#ask-button")
    page.wait_for_selector("#ask-evidence mark", timeout=60_000)
    table_text = page.locator("#ask-table").inner_text()
    expected = {o for r in app_data.targets() if r["indicator_id"] == "rd_expenditure" and r["kind"] == "target"
                for o in r["owners"]}
    assert expected and all(owner in table_text for owner in expected)
    assert page.locator("#ask-evidence mark").first.inner_text() == "12%以上"
    page.screenshot(path=str(output_dir / "ask.png"), full_page=True)


def test_evolution_draws_a_chart(page, output_dir):
    page.get_by_role("tab", name="演变 Evolution").click()
    page.wait_for_selector("#evolution-plot .js-plotly-plot .scatterlayer .trace", timeout=60_000)
    assert page.locator("#evolution-plot .scatterlayer .trace").count() >= 1
    assert page.locator("#evolution-plot .scatterlayer .point").count() >= 1
    page.screenshot(path=str(output_dir / "evolution.png"), full_page=True)


def test_entities_open_a_network_and_click_through(page, output_dir):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="实体 Entities").click()
    page.fill("#entities-text input, #entities-text textarea", "研究院")
    page.click("#entities-find")
    matches = page.locator("#entities-matches")
    expect(matches).to_contain_text("椒江智能制造研究院", timeout=30_000)
    matches.locator(FIRST_COLUMN).filter(has_text="椒江智能制造研究院").first.click()
    page.wait_for_selector("#entities-plot .js-plotly-plot .scatterlayer .point", timeout=30_000)
    current = page.locator("#entities-current input, #entities-current textarea")
    expect(current).to_have_value("椒江智能制造研究院")
    page.screenshot(path=str(output_dir / "entities.png"), full_page=True)
    neighbour = page.locator(f"#entities-neighbours {FIRST_COLUMN}").first
    name = neighbour.inner_text().strip()
    neighbour.click()
    expect(current).to_have_value(name, timeout=30_000)


def test_sparql_console_shows_a_table(page, output_dir):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="SPARQL").click()
    page.click("#sparql-run")
    expect(page.locator("#sparql-results")).to_contain_text("targets", timeout=30_000)
    page.screenshot(path=str(output_dir / "sparql.png"), full_page=True)


def test_upload_a_docx_then_find_its_target_and_its_markup_as_text(page, output_dir, tmp_path):
    from playwright.sync_api import expect

    docx_path = write_upload_docx(tmp_path / "椒江2025要点.docx")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    page.get_by_role("tab", name="语料 Corpus").click()
    page.set_input_files("#corpus-upload input[type=file]", [str(docx_path), str(broken)])
    page.wait_for_timeout(1500)  # let both files finish uploading before the button is pressed
    page.click("#corpus-add")
    report = page.locator("#corpus-report")
    expect(report).to_contain_text("added", timeout=120_000)
    report_text = report.inner_text()
    assert "椒江2025要点.docx" in report_text and "broken.pdf" in report_text and "error" in report_text
    expect(page.locator("#corpus-documents")).to_contain_text("椒江2025要点.docx")
    # The box is emptied (the files are in the corpus now), and the page names the workspace it writes to.
    assert "椒江2025要点.docx" not in page.locator("#corpus-upload").inner_text()
    expect(page.locator("#corpus-workspace")).to_contain_text("Uploads are added to this workspace")
    page.screenshot(path=str(output_dir / "corpus-upload.png"), full_page=True)

    table = _fill_and_run(page, "目标 Targets", "#targets-text", "重点实验室", "#targets-filter", "#targets-table")
    expect(table).to_contain_text("新增省级重点实验室7个", timeout=30_000)
    assert "椒江区科技局2025年科技工作要点" in table.inner_text()
    page.screenshot(path=str(output_dir / "targets-after-upload.png"), full_page=True)

    results = _fill_and_run(page, "检索 Search", "#search-query", "说明文字照常显示", "#search-button", "#search-results")
    expect(results).to_contain_text("<script>", timeout=30_000)
    assert page.evaluate("window.__plankg_xss") is None and page.dialogs == []
    page.screenshot(path=str(output_dir / "search-escaped.png"), full_page=True)

    # The upload can be removed again: the corpus is rebuilt without it.
    page.get_by_role("tab", name="语料 Corpus").click()
    page.locator("#corpus-remove-choice input").click()
    page.get_by_role("option", name="椒江2025要点.docx").click()
    page.click("#corpus-remove")
    expect(page.locator("#corpus-report")).to_contain_text("removed", timeout=120_000)
    expect(page.locator("#corpus-documents")).not_to_contain_text("椒江2025要点.docx", timeout=30_000)
    page.screenshot(path=str(output_dir / "corpus-removed.png"), full_page=True)


def _fill_and_run(page, tab: str, field: str, text: str, button: str, result: str):
    """Open ``tab``, type ``text`` into the ``field`` box, press ``button``; the ``result`` locator."""
    page.get_by_role("tab", name=tab).click()
    page.fill(f"{field} input, {field} textarea", text)
    page.click(button)
    return page.locator(result)


def test_nothing_was_requested_outside_loopback(page):
    assert page.requests_outside == []
