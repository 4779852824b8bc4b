"""Find where a second document starts inside one file (a summary appended to another)."""
from __future__ import annotations

import re

_BUREAU = r"(?:科学技术局|科技局)"
# A bureau's own title: issuer + year + 总结/要点/计划..., as documents begin.
_START = re.compile(
    r"(?:^|(?<=[。！？\n]))\s*((?:[\u4e00-\u9fff]{0,6}[省市区县])?" + _BUREAU
    + r"(?:20\d\d|20XX)年?(?:上半年|度)?(?:工作总结|工作要点|工作计划))"
)


def split_points(text: str) -> list[int]:
    """Offsets where a new document starts, besides 0.

    A title-shaped line (bureau + year + 工作总结/要点/计划) found after the first document's
    title, at a sentence or line start, begins a new document.
    """
    points = []
    first = _START.search(text)
    for match in _START.finditer(text):
        start = match.start(1)
        if first is not None and start <= first.start(1) + 10:
            continue
        if start < 200:
            continue
        points.append(start)
    return points
