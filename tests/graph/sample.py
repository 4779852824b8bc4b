"""A small hand-built corpus exercising every part of the graph (independent of extraction)."""
from __future__ import annotations

from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, Owner, Target

CITY_TEXT = "一、目标\n确保全社会R&D经费支出占比达2.2%，力争2.3%。\n新增高新技术企业120家。\n上半年新增高新技术企业131家。"
COUNTY_TEXT = "瑞安市新增高新技术企业25家。"
DISTRICT_TEXT = "主要指标\n全社会R&D经费投入占GDP比重 1.35% 1.45% 1.7% 2.8% 区科技局\n新增某某新指标X家(区经信局)\n浙大温研院和瑞安合作。"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def make_corpus() -> Corpus:
    """A city table, a district action plan and a county work plan, with targets and entities."""
    city = Document(
        id="doc-city", path="city.txt", source_name="city.txt", part=0, title="市科技局2019年重点工作责任分工表",
        issuer="温州市科技局", region="温州市", region_level="city", parent_region="浙江省",
        doc_type="responsibility_table", years=(2019,), reported_years=(), published="2019-03-01", text=CITY_TEXT,
    )
    district = Document(
        id="doc-dist", path="dist.txt", source_name="dist.txt", part=0, title="“创新路桥”行动方案",
        issuer="路桥区科技局", region="路桥区", region_level="district", parent_region="台州市",
        doc_type="action_plan", years=(2021, 2022, 2025), reported_years=(2020,), published=None, text=DISTRICT_TEXT,
    )
    county = Document(
        id="doc-county", path="county.txt", source_name="county.txt", part=0, title="瑞安市科技工作要点",
        issuer="瑞安市科技局", region="瑞安市", region_level="county", parent_region="温州市",
        doc_type="work_plan", years=(2019,), reported_years=(), published=None, text=COUNTY_TEXT,
    )
    c_head = Clause("cl-c0", "doc-city", None, "heading", "一", "目标", *_span(CITY_TEXT, "一、目标"), level=1)
    c_rd = Clause("cl-c1", "doc-city", "cl-c0", "table_row", "1", "确保全社会R&D经费支出占比达2.2%，力争2.3%。",
                  *_span(CITY_TEXT, "确保全社会R&D经费支出占比达2.2%，力争2.3%。"), section_path=("目标",), table="分工表")
    c_hte = Clause("cl-c2", "doc-city", "cl-c0", "item", "2", "新增高新技术企业120家。", *_span(CITY_TEXT, "新增高新技术企业120家。"))
    c_ach = Clause("cl-c3", "doc-city", None, "sentence", "", "上半年新增高新技术企业131家。",
                   *_span(CITY_TEXT, "上半年新增高新技术企业131家。"))
    r_hte = Clause("cl-r1", "doc-county", None, "sentence", "", COUNTY_TEXT, 0, len(COUNTY_TEXT))
    d_row = Clause("cl-d1", "doc-dist", None, "table_row", "24", "全社会R&D经费投入占GDP比重 1.35% 1.45% 1.7% 2.8% 区科技局",
                   *_span(DISTRICT_TEXT, "全社会R&D经费投入占GDP比重 1.35% 1.45% 1.7% 2.8% 区科技局"))
    d_new = Clause("cl-d2", "doc-dist", None, "item", "", "新增某某新指标X家(区经信局)", *_span(DISTRICT_TEXT, "新增某某新指标X家(区经信局)"))
    d_ent = Clause("cl-d3", "doc-dist", None, "sentence", "", "浙大温研院和瑞安合作。", *_span(DISTRICT_TEXT, "浙大温研院和瑞安合作。"))

    lead = Owner("温州市科技局综合处", "综合处", "lead", parent="温州市科技局", kind="division")
    support = Owner("温州市科技局高新处", "高新处", "support", parent="温州市科技局", kind="division")
    luqiao = Owner("路桥区科技局", "区科技局", "lead")
    targets = [
        Target("tg-c1", "doc-city", "cl-c1", "target", "全社会R&D经费支出占比", "rd_intensity", 2.2, "%",
               *_span(CITY_TEXT, "2.2%"), comparator=">=", year=2019, stretch=2.3, owners=(lead, support),
               owner_source="explicit", value_text="2.2%"),
        Target("tg-c2", "doc-city", "cl-c2", "target", "高新技术企业", "high_tech_enterprises", 120, "家",
               *_span(CITY_TEXT, "120家"), measure="increment", year=2019,
               owners=(Owner("温州市科技局", "市科技局", "default"),), owner_source="default", value_text="120家"),
        Target("tg-c3", "doc-city", "cl-c3", "achievement", "高新技术企业", "high_tech_enterprises", 131, "家",
               *_span(CITY_TEXT, "131家"), measure="increment", year=2019,
               owners=(Owner("温州市科技局", "市科技局", "default"),), owner_source="default", value_text="131家"),
        Target("tg-r1", "doc-county", "cl-r1", "target", "高新技术企业", "high_tech_enterprises", 25, "家",
               *_span(COUNTY_TEXT, "25家"), measure="increment", year=2019, owner_source="default", value_text="25家"),
        Target("tg-d0", "doc-dist", "cl-d1", "achievement", "全社会R&D经费投入占GDP比重", "rd_intensity", 1.35, "%",
               *_span(DISTRICT_TEXT, "1.35%"), year=2020, owners=(luqiao,), owner_source="explicit", value_text="1.35%"),
        Target("tg-d1", "doc-dist", "cl-d1", "target", "全社会R&D经费投入占GDP比重", "rd_intensity", 1.45, "%",
               *_span(DISTRICT_TEXT, "1.45%"), year=2021, baseline=1.35, baseline_id="tg-d0", owners=(luqiao,),
               owner_source="explicit", value_text="1.45%"),
        Target("tg-d2", "doc-dist", "cl-d1", "target", "全社会R&D经费投入占GDP比重", "rd_intensity", 1.7, "%",
               *_span(DISTRICT_TEXT, "1.7%"), year=2022, baseline=1.35, owners=(luqiao,), owner_source="explicit",
               conflicts_with=("tg-d2b",), value_text="1.7%"),
        Target("tg-d2b", "doc-dist", "cl-d1", "target", "全社会R&D经费投入占GDP比重", "rd_intensity", 1.75, "%",
               *_span(DISTRICT_TEXT, "1.7%"), year=2022, owners=(luqiao,), owner_source="explicit",
               conflicts_with=("tg-d2",), value_text="1.7%"),
        Target("tg-d5", "doc-dist", "cl-d1", "target", "全社会R&D经费投入占GDP比重", "rd_intensity", 2.8, "%",
               *_span(DISTRICT_TEXT, "2.8%"), year=2025, period=(2021, 2025), owners=(luqiao,), owner_source="explicit",
               value_text="2.8%"),
        Target("tg-dx", "doc-dist", "cl-d2", "target", "某某新指标", "proposed:某某新指标", None, "家",
               *_span(DISTRICT_TEXT, "X家"), placeholder=True, year=2025,
               owners=(Owner("路桥区经信局", "区经信局", "lead"),), owner_source="explicit", value_text="X家"),
    ]
    institute = Entity("en-inst", "institute", "浙江大学温州研究院", aliases=("浙大温研院",), region="温州市",
                       merge_reasons=("alias table: 浙大温研院",), mention_ids=("mn-1",))
    ruian = Entity("en-ruian", "region", "瑞安市", aliases=("瑞安",), parent="温州市", mention_ids=("mn-2",))
    bureau = Entity("en-lq", "organization", "路桥区科技局", aliases=("区科技局",), region="路桥区",
                    merge_reasons=("region resolution: 区科技局 in 路桥区",))
    mentions = [
        Mention("mn-1", "doc-dist", "cl-d3", "institute", "浙大温研院", "浙江大学温州研究院",
                *_span(DISTRICT_TEXT, "浙大温研院"), entity_id="en-inst"),
        Mention("mn-2", "doc-dist", "cl-d3", "region", "瑞安", "瑞安市", *_span(DISTRICT_TEXT, "瑞安"), entity_id="en-ruian"),
        Mention("mn-3", "doc-dist", "cl-d1", "organization", "区科技局", "路桥区科技局",
                *_span(DISTRICT_TEXT, "区科技局"), entity_id="en-lq"),
    ]
    return Corpus(
        documents=(city, district, county),
        clauses=(c_head, c_rd, c_hte, c_ach, r_hte, d_row, d_new, d_ent),
        targets=tuple(targets),
        mentions=tuple(mentions),
        entities=(institute, ruian, bureau),
    )
