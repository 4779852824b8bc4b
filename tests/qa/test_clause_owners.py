"""Units written beside a goal: right after its value in a flattened list, in its row's cells, a
责任单位 line or a closing bracket, all read by extraction into the graph's owner facts (the units
right after a value: tests/ingest/test_owner_closing_forms.py); these tests ask through the engine."""
from __future__ import annotations

from plankg.ingest.records import Clause, Document
from plankg.qa.doc_places import CorpusPlaces, unstated_documents


def test_a_unit_cell_starred_lead_and_plain_lists(tmp_path_factory):
    from tests.qa.conftest import engine_over_texts

    table = ("越城区2022年政府工作报告重点工作责任分解\n序号 重点工作 责任单位\n"
             "1 力争新增上市挂牌企业12家。 区财政局*、区科技局、区投促中心\n2 地区生产总值增长6%。 区发改局\n")
    engine = engine_over_texts(tmp_path_factory, "starred-cell", {"plan.txt": table})
    answer = engine.ask("越城区2022年新增上市挂牌企业目标由哪些单位负责？")
    roles = {row.get("owner") or "": row.get("role") for row in answer.rows}
    assert [role for owner, role in roles.items() if owner.endswith("财政局")] == ["lead"]
    assert [role for owner, role in roles.items() if owner.endswith("科技局")] == ["support"]


def _placeless(text: str) -> CorpusPlaces:
    doc = Document("d1", "x.txt", "x.txt", 0, "重点工作责任分解", None, None, None, None, "work_plan", (), (),
                   None, text)
    return CorpusPlaces.from_documents([doc])


def test_a_placeless_document_named_once_or_speaking_at_the_level_may_be_the_place():
    assert unstated_documents(_placeless("为抓好瓯海区重点工作落实，分解如下：新增企业10家。"), "瓯海区")
    assert unstated_documents(_placeless("2022年，我县新增企业10家，全县投入增长5%。"), "泰顺县")
    assert not unstated_documents(_placeless("2022年，我县新增企业10家，全县投入增长5%。"), "温州市")
    # Another county named twice: that county's document, not any county's.
    assert not unstated_documents(_placeless("文成县新增企业10家，文成县投入增长5%，我县。"), "泰顺县")


def test_a_county_short_form_counts_only_in_a_document_speaking_at_its_level():
    assert not unstated_documents(_placeless("全面推进乡村振兴，新增企业10家。"), "振兴区")
    assert unstated_documents(_placeless("来源:区府办 迭代更新瓯海稳增长政策，新增企业10家。"), "瓯海区")


def test_an_items_closing_bracket_names_its_units_several_sentences_on(tmp_path_factory):
    from tests.qa.conftest import engine_over_texts

    plan = """铜川市2016年工业和信息化工作任务分解
一、工业运行方面
1.稳住工业基本盘,规模以上工业增加值全年增长9%左右。做好运行监测和企业帮扶。(市工信局牵头落实)
2.推进技改项目40个,年内完成技改投资80亿元以上。(市工信局牵头,市财政局配合)
3.完善园区配套设施。
"""
    engine = engine_over_texts(tmp_path_factory, "closing-bracket", {"plan.txt": plan})
    answer = engine.ask("铜川市2016年规模以上工业增加值增长9%左右这项任务由哪个单位牵头？")
    assert answer.found and "市工信局" in answer.answer and "牵头" in answer.answer
    roles = {row.get("owner"): row.get("role") for row in answer.rows}
    assert any("工信局" in (owner or "") and role == "lead" for owner, role in roles.items())
    # A value question names the same units beside the figure, not only the issuing body.
    value = engine.ask("铜川市2016年规模以上工业增加值增长目标是多少？")
    assert "市工信局牵头" in value.answer
    assert any(o["role"] == "lead" for row in value.rows for o in row.get("owners", []))
    support = engine.ask("铜川市2016年技改投资目标由哪些单位负责？")
    roles = {row.get("owner"): row.get("role") for row in support.rows}
    assert any("财政局" in (owner or "") and role == "support" for owner, role in roles.items())


def test_a_quoted_goal_takes_the_units_of_the_line_after_its_item(tmp_path_factory):
    from tests.qa.conftest import engine_over_texts

    # A responsibility list flattened to one run of text: each item, then its 责任单位 line.
    plan = ("平湖市2023年年度任务分工表 一、市长领衔事项 1.全市生产总值增长6.5%左右;"
            "城乡居民收入稳步增长。 责任单位:市发改局(首位单位牵头,下同)、市财政局、市统计局"
            "2.严控一般性支出。 责任单位:市财政局\n")
    engine = engine_over_texts(tmp_path_factory, "labelled-line", {"plan.txt": plan})
    answer = engine.ask("平湖市2023年“全市生产总值增长6.5%左右”这一条由谁牵头？")
    assert answer.found
    roles = {row.get("owner") or "": row.get("role") for row in answer.rows}
    assert [role for owner, role in roles.items() if owner.endswith("市发改局")] == ["lead"]
    assert "严控" not in str(roles)


def _sentences(*texts: str, kind: str = "sentence") -> list[Clause]:
    return [Clause(f"c{i}", "d1", None, kind, "", text, i * 100, i * 100 + len(text), ())
            for i, text in enumerate(texts, start=2)]


def test_a_bracket_of_labelled_lists_cut_at_its_semicolon_closes_a_paragraph_of_goals(tmp_path_factory):
    from tests.qa.conftest import engine_over_texts

    plan = ("越城区2023年科技创新工作要点\n一、主要目标\n至2023年末,研发投入强度提升至3.5%以上;"
            "全区每万人有效发明专利拥有量达到42件。(牵头单位:区科技局;责任单位:区财政局、区市场监管局)\n"
            "3.加快园区建设。(区建委牵头)\n")
    engine = engine_over_texts(tmp_path_factory, "labelled-bracket", {"plan.txt": plan})
    answer = engine.ask("越城区2023年研发投入强度目标由哪些单位负责？")
    roles = {row.get("owner") or "": row.get("role") for row in answer.rows}
    assert [role for owner, role in roles.items() if owner.endswith("区科技局")] == ["lead"]
    assert [role for owner, role in roles.items() if owner.endswith("市场监管局")] == ["support"]
    assert not any(owner.endswith("建委") for owner in roles)  # the next item's bracket is not this goal's
