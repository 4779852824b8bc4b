"""Units an indicator implies when the source leaves them out (省级科技型中小企业1200 -> 家)."""
from __future__ import annotations

import re

# Units a count indicator implies when the table leaves them out.
INFERRED_UNITS = (
    (re.compile(r"经费|资金|金额|收入|产值|投资|贷款|融资|规模"), None),  # money: the scale is unknown
    (re.compile(r"比重|占比|比例|率|增速|增幅"), "%"),
    (re.compile(r"人年"), "人年"),
    (re.compile(r"专利|商标|著作权|论文|新产品"), "件"),
    (re.compile(r"企业|机构|孵化器|众创空间|研究院|研发中心|技术中心|工作站|综合体|园|大院名校|服务站|市场|中介"), "家"),
    (re.compile(r"人才|人员|大学生|毕业生|院士|专家"), "人"),
    (re.compile(r"场次|会|活动|大赛"), "场"),
    (re.compile(r"实验室|平台|联盟|项目|车间|工厂|学科|专科|品种|团队|标准"), "个"),
)


def infer_unit(indicator: str) -> str | None:
    """The unit an indicator implies (``省级科技型中小企业`` -> 家), or None."""
    for pattern, unit in INFERRED_UNITS:
        if pattern.search(indicator):
            return unit
    return None
