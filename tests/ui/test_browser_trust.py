"""The app a researcher can trust, in a real browser (issue 19 items 2-4, 7): like with like,
readable tables, finding things. Debian's chromium through Playwright, as tests/ui/test_browser.py;
screenshots in ``build/test-output/ui/`` for a person to look at.
"""
from __future__ import annotations

import pytest

from plankg.ui import views
from tests.ui.test_browser import FIRST_COLUMN, page  # noqa: F401 - the shared browser fixture

pytestmark = pytest.mark.slow

PVO_QUESTION = "椒江区2024年新增国家高新技术企业目标完成了吗？"


def _cells(locator) -> list[str]:
    return [t.strip() for t in locator.locator("[role=gridcell]").all_inner_texts() if t.strip()]


def test_ask_plan_vs_outcome_pairs_like_with_like_and_leads_short(page, output_dir):  # noqa: F811
    from playwright.sync_api import expect

    page.get_by_role("tab", name="问答 Ask").click()
    page.fill("#ask-question textarea", PVO_QUESTION)
    page.click("#ask-button")
    table = page.locator("#ask-table")
    expect(table).to_contain_text("45", timeout=60_000)
    text = table.inner_text()
    assert "300" not in text  # the total (突破300家) is never the increment's outcome
    lead = page.locator("#ask-answer").inner_text().split("\n")[0]
    assert 0 < len(lead) <= views.LEAD_CHARS
    page.screenshot(path=str(output_dir / "trust-ask-plan-vs-outcome.png"), full_page=True)


def test_ask_owner_answer_opens_with_a_short_lead_and_no_reprs(page, output_dir):  # noqa: F811
    from playwright.sync_api import expect

    page.fill("#ask-question textarea", "哪些单位负责R&D经费投入相关的目标？")
    page.click("#ask-button")
    expect(page.locator("#ask-table")).to_contain_text("区科技局", timeout=60_000)
    answer = page.locator("#ask-answer")
    lead = answer.inner_text().split("\n")[0]
    assert 0 < len(lead) <= views.LEAD_CHARS
    cells = _cells(page.locator("#ask-table"))
    assert cells and not [c for c in cells if c.startswith(("{", "[")) or "': " in c]
    page.screenshot(path=str(output_dir / "trust-ask-owners.png"), full_page=True)


def test_evolution_tab_gives_the_asks_pairs_with_integer_years(page, client, app_data, output_dir):  # noqa: F811
    from playwright.sync_api import expect

    # The Evolution tab's table, through the app's own API, holds the pairs and verdicts the Ask tab gives.
    _, outcome, _ = client.predict(["high_tech_enterprises"], ["椒江区"], api_name="/evolution")
    shown = [dict(zip(outcome["headers"], row)) for row in outcome["data"]]
    asked = app_data.ask(PVO_QUESTION)["rows"]
    met = {"达成 met": True, "未达成 not met": False}
    paired = sorted((r["year"], r["target"], r["actual"], met.get(r["verdict"])) for r in shown if r["actual"] is not None)
    assert paired and paired == sorted((r["year"], r["target_value"], r["actual_value"], r["met"])
                                       for r in asked if r.get("actual_value") is not None)
    assert 300 not in {r["actual"] for r in shown}
    page.get_by_role("tab", name="演变 Evolution").click()
    page.wait_for_selector("#evolution-plot .js-plotly-plot .scatterlayer .trace", timeout=60_000)
    ticks = [t or "" for t in page.locator("#evolution-plot .xtick text").all_text_contents()]
    assert ticks and all(t.strip().isdigit() and len(t.strip()) == 4 for t in ticks), ticks
    legend = page.locator("#evolution-plot .legend").bounding_box()
    plot = page.locator("#evolution-plot .cartesianlayer").bounding_box() or page.locator("#evolution-plot .bg").first.bounding_box()
    assert legend and plot and legend["width"] * legend["height"] < plot["width"] * plot["height"]
    expect(page.locator("#evolution-outcome")).not_to_contain_text("{")
    page.screenshot(path=str(output_dir / "trust-evolution.png"), full_page=True)


def test_targets_region_without_suffix_and_with_districts(page, app_data, output_dir):  # noqa: F811
    from playwright.sync_api import expect

    page.get_by_role("tab", name="目标 Targets").click()
    region = page.locator("#targets-region input")
    region.fill("椒江")
    region.press("Enter")
    page.click("#targets-filter")
    status = page.locator("#targets-status")
    expected = sum(1 for r in app_data.targets() if r["region"] == "椒江区")
    expect(status).to_contain_text(f"{expected} ", timeout=30_000)
    headers = page.locator("#targets-table thead th").all_inner_texts()
    assert [h.strip() for h in headers[:3]] == ["地区 region", "年份 year", "类型 kind"], headers[:4]
    page.screenshot(path=str(output_dir / "trust-targets-region.png"), full_page=True)
    # The city alone has no rows of its own; its districts come in with the switch.
    region.press("Backspace")
    region.fill("台州")
    region.press("Enter")
    page.click("#targets-filter")
    expect(page.locator("#targets-table")).to_contain_text("说明 note", timeout=30_000)
    page.locator("#targets-sub input").check()
    page.click("#targets-filter")
    expect(status).to_contain_text(f"{len(app_data.targets())} ", timeout=30_000)
    page.screenshot(path=str(output_dir / "trust-targets-districts.png"), full_page=True)


def test_entities_find_bureaus_and_show_facts_in_words(page, output_dir):  # noqa: F811
    from playwright.sync_api import expect

    page.get_by_role("tab", name="实体 Entities").click()
    page.fill("#entities-text input, #entities-text textarea", "科技局")
    page.click("#entities-find")
    matches = page.locator("#entities-matches")
    expect(matches).to_contain_text("区科技局", timeout=30_000)
    matches.locator(FIRST_COLUMN).filter(has_text="区科技局").first.click()
    facts = page.locator("#entities-facts")
    expect(facts).to_contain_text("机构 Organization", timeout=30_000)
    assert "://" not in facts.inner_text()
    page.screenshot(path=str(output_dir / "trust-entities.png"), full_page=True)
