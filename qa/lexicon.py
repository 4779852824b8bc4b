"""Small word lists for understanding questions: English indicator phrasings and generic words.

The indicator scheme has one English label per concept; people also say "R&D intensity" or
"high-tech firms". These phrasings map to concept ids of ``ontology/indicators.ttl``.
"""
from __future__ import annotations

ENGLISH_INDICATOR_ALIASES: dict[str, tuple[str, ...]] = {
    "rd_intensity": ("r&d intensity", "research intensity", "r&d spending as a share of gdp",
                     "r&d expenditure as a share of gdp", "r&d to gdp", "r&d share of gdp", "r&d investment intensity",
                     "r&d as a share of gdp", "r&d input as a share of gdp", "gross r&d intensity"),
    "rd_expenditure": ("r&d spending", "r&d expenditure", "gross r&d expenditure", "r&d investment", "r&d funding"),
    "rd_personnel_per_10k": ("r&d personnel", "r&d staff", "researchers per 10,000", "r&d workers", "r&d employees"),
    "enterprise_rd_personnel_share": ("r&d personnel", "r&d staff share"),
    "tech_transaction_value": ("technology transaction", "technology transactions", "technology trading",
                               "technology market transactions", "technology contract value", "tech transactions"),
    "high_tech_enterprises": ("high-tech enterprises", "high-tech firms", "high-tech companies",
                              "high technology enterprises", "hi-tech enterprises"),
    "st_smes": ("technology smes", "tech smes", "science and technology smes", "technology-based smes",
                "s&t smes", "sci-tech smes"),
    "digital_core_share": ("digital economy", "digital-economy core", "core digital economy", "digital economy share"),
    "invention_patents_per_10k": ("invention patents per 10,000", "patents per 10,000", "patent ownership",
                                  "invention patent ownership"),
    "pct_applications": ("pct applications", "pct patent applications", "international patent applications"),
    "hti_value_added_share": ("high-tech industry share", "high-tech industry value added share",
                              "share of high-tech industry"),
    "hti_investment": ("high-tech investment", "high-tech industry investment"),
    "key_laboratories": ("key laboratories", "key labs"),
    "incubators": ("incubators", "business incubators"),
    "enterprise_rd_expenditure": ("enterprise r&d expenditure", "enterprise r&d spending", "business r&d spending",
                                  "corporate r&d spending"),
    "labour_productivity": ("labor productivity", "labour productivity", "productivity"),
    "high_end_talent": ("high-end talent", "top talent"),
    "fiscal_st_spending": ("fiscal s&t spending", "government s&t spending", "public science spending"),
}

# English words that say nothing about which indicator is meant.
ENGLISH_STOPWORDS = frozenset(
    """a an the of in on at for to by from with and or as is are was were be been being do does did how what
    which who whom whose when where why much many any all some this that these those its it their there
    target targets goal goals plan plans planned value values number numbers level levels total per
    share rate ratio amount figure figures year years city district county province responsible own owns
    owned owner owners lead leads unit units department departments bureau bureaus set sets reach reached
    change changed changes evolve evolved over time trend between until through did was achieve achieved
    met meet actual outcome outcomes result results versus vs compared compare show list tell me about
    please give find could would should can will has have had 's s accountable charge in-charge
    aim aims aimed planned planning expected targeted set reach new add added""".split()
)

# Chinese words too generic to name an indicator on their own.
GENERIC_ZH = frozenset(
    """目标 指标 情况 工作 任务 数量 多少 比重 占比 增长 增速 总量 总额 规模 水平 科技 创新 相关 方面 主要 重点
    发展 建设 企业 产业 提升 提高 完成 实现 达到 计划 规划 年度 全年 负责 单位 部门 变化 如何 怎样 什么 哪些
    有关 关于 多少个 数 额 率""".split()
)

# Question words and cue phrases removed before matching indicator names in Chinese.
CUE_ZH = (
    "是多少", "有多少", "是什么", "有哪些", "哪些", "哪个", "多少", "什么", "怎样", "怎么样", "怎么", "如何", "谁",
    "负责", "牵头", "承担", "目标值", "目标", "指标", "变化", "演变", "趋势", "完成情况", "完成", "实现", "达成",
    "情况", "进展", "计划", "相关的", "相关", "方面的", "方面", "达到", "单位", "部门", "吗", "呢", "了",
    "由", "来抓", "来",
)

# English words for the parts of Chinese institution names (浙江大学 + 温州 + 研究院), so an English
# question can name an entity the graph only knows in Chinese.
ENGLISH_NAME_PARTS: dict[str, str] = {
    "zhejiang university": "浙江大学", "fudan university": "复旦大学", "beihang university": "北京航空航天大学",
    "university of chinese academy of sciences": "中国科学院大学", "ucas": "中国科学院大学",
    "chinese academy of sciences": "中国科学院", "wenzhou medical university": "温州医科大学",
    "wenzhou university": "温州大学", "tianjin university": "天津大学", "sichuan university": "四川大学",
    "shanghai university": "上海大学", "huazhong university of science and technology": "华中科技大学",
    "tsinghua university": "清华大学", "peking university": "北京大学",
    "zhejiang university of technology": "浙江工业大学", "hangzhou dianzi university": "杭州电子科技大学",
    "research institute": "研究院", "institute": "研究院", "laboratory": "实验室", "lab": "实验室",
    "innovation center": "创新中心", "innovation centre": "创新中心", "research center": "研究中心",
    "research centre": "研究中心", "science city": "科技城", "industrial park": "产业园", "science park": "科技园",
    "high-tech zone": "高新区", "corridor": "走廊", "incubator": "孵化器",
}
