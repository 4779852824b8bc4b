"""The administrative level an indicator phrase counts at (省级, 市级及以上...).

Two figures of one indicator concept are only comparable at the same level: a count of
省级 zones is not a count of 市级及以上 ones. The graph links a target to its outcomes by it.
"""
from __future__ import annotations

# Longer words first: 市级及以上 must win over 市级, 省级以上 over 省级.
_LEVEL_WORDS = (("市级及以上", "city_up"), ("市级以上", "city_up"), ("省级以上", "province_up"),
                ("国家级", "national"), ("国家", "national"), ("省级", "province"), ("省", "province"),
                ("市级", "city"), ("县级", "county"), ("区级", "county"))


def indicator_level(phrase: str | None) -> str | None:
    """The level an indicator phrase counts at, or None when it names none.

    >>> indicator_level("省级产业创新服务综合体"), indicator_level("市级及以上综合体"), indicator_level("高新技术企业")
    ('province', 'city_up', None)
    """
    text = phrase or ""
    for word, level in _LEVEL_WORDS:
        if word in text:
            return level
    return None
