"""Reviewed alias table and general abbreviation rules for merging entity names."""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_QUALIFIER = re.compile(r"^(?:省级|国家级|市级|区级|县级)(?=.{4,})")
_WIDTH = str.maketrans({"（": "(", "）": ")", "·": "·", "•": "·", "“": "", "”": "", "\"": ""})


@dataclass(frozen=True)
class AliasTable:
    """Abbreviations (浙大 -> 浙江大学) and whole-name equivalences from ``aliases.toml``."""

    abbreviations: dict[str, str]
    same: dict[str, str]  # variant -> canonical

    def canonical(self, name: str) -> tuple[str, list[str]]:
        """The merge key of a name, and why it differs from the name (empty if it does not)."""
        reasons: list[str] = []
        key = name.translate(_WIDTH).strip()
        if key != name:
            reasons.append("rule: punctuation normalised")
        qualifier = _QUALIFIER.match(key)
        if qualifier:
            reasons.append(f"rule: qualifier {qualifier.group()} dropped")
            key = key[qualifier.end():]
        if key in self.same:
            reasons.append(f"alias table: {key} = {self.same[key]}")
            key = self.same[key]
        for short, full in sorted(self.abbreviations.items(), key=lambda kv: -len(kv[0])):
            if key.startswith(short) and not key.startswith(full):
                reasons.append(f"alias table: {short} = {full}")
                key = full + key[len(short):]
                break
        if "大走廊" in key:
            reasons.append("rule: 大走廊 = 走廊")
            key = key.replace("大走廊", "走廊")
        if key in self.same:
            reasons.append(f"alias table: {key} = {self.same[key]}")
            key = self.same[key]
        return key, reasons


@functools.lru_cache(maxsize=1)
def load_aliases() -> AliasTable:
    """Load the bundled ``aliases.toml`` (cached)."""
    data = tomllib.loads(resources.files("plankg.ontology").joinpath("aliases.toml").read_text("utf-8"))
    same = {}
    for canonical, variants in data.get("same", {}).items():
        for variant in variants:
            same[variant] = canonical
    return AliasTable(dict(data.get("abbreviations", {})), same)


@functools.lru_cache(maxsize=1)
def load_english_names() -> dict[str, str]:
    """English words for parts of Chinese institution names (``zhejiang university`` -> 浙江大学),
    from the bundled ``english_names.toml`` (cached)."""
    text = resources.files("plankg.ontology").joinpath("english_names.toml").read_text("utf-8")
    return dict(tomllib.loads(text)["parts"])
