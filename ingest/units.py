"""Units an indicator implies when the source leaves them out (省级科技型中小企业1200 -> 家)."""
from __future__ import annotations

import re

from plankg.ingest.cues import unit_rules

# Units a count indicator implies when the table leaves them out, tried in order (lang/zh/cues.toml,
# [[units]]); None for money, whose scale is unknown.
INFERRED_UNITS = tuple((re.compile("|".join(map(re.escape, unit_words))), unit) for unit_words, unit in unit_rules())


def infer_unit(indicator: str) -> str | None:
    """The unit an indicator implies (``省级科技型中小企业`` -> 家), or None."""
    for pattern, unit in INFERRED_UNITS:
        if pattern.search(indicator):
            return unit
    return None
