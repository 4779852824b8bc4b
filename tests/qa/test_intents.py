"""Each intent is reached from questions phrased several ways, in Chinese and in English."""
from __future__ import annotations

import pytest

from plankg.qa.intents import SlotFlags, classify

PHRASINGS = {
    "target_owners": [
        "哪个部门牵头技术交易额工作？",
        "高新技术企业数的目标由谁负责？",
        "R&D经费支出占GDP比重目标的责任单位是哪些？",
        "路桥区数字经济核心产业增加值占比由哪些单位承担？",
        "科技型中小企业目标谁来抓",
        "Who is responsible for the technology transaction value target?",
        "Which departments own the high-tech enterprise targets in Luqiao?",
        "Which agency leads the R&D intensity goal?",
    ],
    "target_value": [
        "温州2019年新增高新技术企业的目标是多少家？",
        "路桥区到2025年R&D经费投入占GDP比重要达到多少",
        "桐乡网上技术市场交易额目标",
        "2025年路桥区每万人发明专利拥有量目标值是多少",
        "路桥区2025年有哪些目标",
        "How many high-tech enterprises should Wenzhou add in 2019?",
        "What R&D intensity does Tongxiang aim for in 2019?",
        "What targets does Luqiao set for 2025?",
    ],
    "unit_targets": [
        "路桥区人社局负责哪些目标？",
        "综合处承担了什么任务",
        "区教育局负责什么",
        "What targets does the Luqiao HR bureau own?",
        "Which tasks is the high-tech division responsible for?",
        "What does the Luqiao economy and information technology bureau lead?",
    ],
    "evolution": [
        "路桥区R&D经费投入占GDP比重从2021年到2025年如何变化",
        "数字经济核心产业增加值占GDP比重的目标历年怎么调整的",
        "十四五期间路桥区高新技术企业数目标的变化趋势",
        "温州R&D经费支出占比的演变",
        "How did Luqiao's R&D intensity target change from 2021 to 2025?",
        "What is the trend of the digital economy share in Luqiao over the years?",
    ],
    "plan_vs_outcome": [
        "温州2019年国家高新区排名前移的目标完成了吗",
        "路桥区R&D经费支出占GDP比重计划与实际对比",
        "高新技术企业目标是否实现",
        "2019年温州新增高新技术企业目标实际完成多少",
        "Did Wenzhou achieve its 2019 high-tech zone ranking goal?",
        "Was the R&D intensity target met?",
        "Did Wenzhou reach its 2019 target of new high-tech enterprises?",
    ],
    "entity_list": [
        "温州有哪些研究院？",
        "列出路桥区的园区",
        "瑞安有几家孵化器",
        "温州的实验室有哪些",
        "Which research institutes are in Wenzhou?",
        "List the laboratories in Wenzhou",
        "What parks does Luqiao have?",
    ],
    "entity_profile": [
        "瓯江实验室的建设情况如何",
        "介绍一下浙大温州研究院",
        "国科大温州研究院有什么进展",
        "What progress has 瓯江实验室 made?",
        "Tell me about 浙大温州研究院",
    ],
    "search": [
        "如何支持企业开展研发活动",
        "科技金融方面有哪些举措",
        "怎样培养科技人才队伍",
        "How does the plan support small companies' innovation?",
    ],
}


@pytest.mark.parametrize(("intent", "question"),
                         [(intent, q) for intent, questions in PHRASINGS.items() for q in questions])
def test_question_routes_to_its_intent(engine, intent, question):
    parsed = engine.parse(question)
    assert parsed.intent.intent == intent, parsed.intent.scores


def test_no_organisation_no_unit_targets():
    result = classify("〈地〉负责哪些目标", "zh", SlotFlags(region=True))
    assert result.scores["unit_targets"] == 0.0


def test_question_without_any_subject_falls_back_to_search():
    result = classify("目标是多少", "zh", SlotFlags())
    assert result.intent == "search"


def test_similarity_routes_an_unlisted_phrasing():
    # No cue word of the value intent, but it resembles its examples.
    result = classify("〈地〉〈年〉〈指〉的预期目标", "zh", SlotFlags(indicator=True, region=True, year=True))
    assert result.intent == "target_value"
