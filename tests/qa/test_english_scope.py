"""An English question names its place as the Chinese one does: the gazetteer's region scopes the answer."""
from tests.qa.conftest import engine_over_texts

HANGZHOU = """杭州市科学技术局2024年工作要点
发布日期：2024-02-20
支持之江实验室、西湖大学未来产业研究院建设，杭州市数据局配合。到2024年，全市研发投入强度达到3.9%。
"""
NINGBO = """宁波市科学技术局2024年工作要点
发布日期：2024-02-21
推进甬江实验室和宁波材料产业研究院建设。到2024年，全市研发投入强度达到3.3%。
"""


def test_an_english_place_the_documents_come_from_scopes_an_entity_list(tmp_path_factory):
    # "Ningbo" is both a gazetteer region and a place the corpus's documents come from: it is the region,
    # so the list holds Ningbo's institutes only, and organisations with no 研究 in their name stay out.
    qa = engine_over_texts(tmp_path_factory, "english-scope", {"hz.txt": HANGZHOU, "nb.txt": NINGBO})
    try:
        english = qa.ask("Which research institutes are in Ningbo?")
        chinese = qa.ask("宁波有哪些研究院？")
        assert english.slots["regions"] == ["宁波市"]
        names = {row["name"] for row in english.rows}
        assert "宁波材料产业研究院" in names and "西湖大学未来产业研究院" not in names
        assert all("研究" in name for name in names)
        assert names == {row["name"] for row in chinese.rows}
    finally:
        qa.close()
