"""Named things in plans: institutes, parks, programmes, organisations, people, regions.

Names are found by their endings (研究院, 产业园, 计划...) and trimmed on the left at verbs and
particles; generic phrases (省级企业研究院, 重点实验室) are not entities. Surface forms merge into
one entity through the reviewed alias table and general rules, each merge with its reason.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from plankg.ingest.clauses import noise_spans
from plankg.ingest.cues import cue_regex, fill, words
from plankg.ingest.owners import resolve_unit
from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, stable_id
from plankg.ingest.textmap import MappedText, clean_span
from plankg.ontology.aliases import load_aliases
from plankg.ontology.regions import load_gazetteer

_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9()（）·]"
# Name endings, boundaries and generic parts: lang/zh/cues.toml, [entities].
_SUFFIXES = {
    "institute": fill("<entities.institute_suffixes>"),
    "park": fill("<entities.park_suffixes>"),
    "organization": fill("<entities.organization_suffixes>"),
}
# A name does not cross these on its left, nor a year, a count or a number.
_BOUNDARY = cue_regex(r"(?:<entities.boundary>|[\dX]+年|\d+个|\d+家|[\dX]+)")
_GENERIC_PART = cue_regex(r"<entities.generic_parts>")
_QUOTED = re.compile(r"“([^“”、，。；]{2,12})”")
_PROGRAMME_AFTER = cue_regex(r"^<entities.programme_after>")
_CAMPAIGN_AFTER = cue_regex(r"^<entities.campaign_after>")
_PROGRAMME_BEFORE = cue_regex(r"<entities.programme_before>$")
_PROGRAMME_END = cue_regex(r"<entities.programme_endings>$")
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十双百千万两]")
_SURNAMES = set("".join(words("entities.surnames")))
_PERSON_TITLE = cue_regex(r"([\u4e00-\u9fff]{2,3}?)(<entities.person_titles>)")
_SPACE = r"[ \t\u3000\xa0]"
_ANNEX_PERSON = re.compile(
    rf"^(?:[^\n：:]{{0,8}}[:：])?{_SPACE}*([\u4e00-\u9fff]{{1,2}}{_SPACE}*[\u4e00-\u9fff]?){_SPACE}{{2,}}"
    rf"([\u4e00-\u9fff（）()、·]{{3,40}}){_SPACE}*$",
    re.M,
)


def extract_entities(corpus: Corpus) -> tuple[list[Mention], list[Entity]]:
    """Mentions of every entity and the merged entities they belong to."""
    docs = {d.id: d for d in corpus.documents}
    mentions: list[Mention] = []
    by_doc: dict[str, list[Clause]] = defaultdict(list)
    for clause in corpus.clauses:
        by_doc[clause.doc_id].append(clause)
    for doc in corpus.documents:
        drops, _ = noise_spans(doc.text)
        people = _annex_people(doc, by_doc[doc.id]) + _table_people(doc, by_doc[doc.id])
        names = {m.canonical.split("|")[0] for m in people}
        for clause in by_doc[doc.id]:
            for mapped in _texts(doc, clause, drops):
                mentions.extend(_clause_mentions(doc, clause, mapped, names))
        mentions.extend(people)
    mentions.extend(_owner_mentions(corpus, docs))
    return _merge(mentions, docs)


def _texts(doc: Document, clause: Clause, drops) -> Iterable[MappedText]:
    if clause.kind == "table_row":
        for cell in clause.cells:
            if len(cell.text) < 24:  # long cells are segmented as their own clauses
                yield clean_span(doc.text, cell.start, cell.end, doc.repairs, drops)
        return
    yield clean_span(doc.text, clause.start, clause.end, doc.repairs, drops)


def _mention(doc: Document, clause: Clause, mapped: MappedText, kind: str, a: int, b: int, canonical: str) -> Mention:
    start, end = mapped.span(a, b)
    return Mention(stable_id("mn", doc.id, start, end, kind), doc.id, clause.id, kind, mapped.text[a:b], canonical, start, end)


def _clause_mentions(doc: Document, clause: Clause, mapped: MappedText, people: set[str]) -> list[Mention]:
    text = mapped.text
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, suffix in _SUFFIXES.items():
        for match in re.finditer(rf"{_NAME_CHARS}{{2,30}}?{suffix}", text):
            start, end = _trim(text, match.start(), match.end())
            # A list of people and posts flattened to one line: 叶天恩区社发集团.
            person = next((p for p in people if text.startswith(p, start) and end - start > len(p) + 2), None)
            if person:
                start += len(person)
            name = text[start:end]
            if not name or _generic(name, suffix) or any(a <= start and end <= b for a, b in taken):
                continue
            taken.append((start, end))
            canonical = resolve_unit(name, doc) if kind == "organization" else name
            found.append(_mention(doc, clause, mapped, kind, start, end, canonical))
    for match in _QUOTED.finditer(text):
        inner = match.group(1)
        after = text[match.end() : match.end() + 6]
        before = text[max(0, match.start() - 4) : match.start()]
        suffix = _PROGRAMME_AFTER.match(after)
        if suffix or _PROGRAMME_BEFORE.search(before) or _PROGRAMME_END.search(inner) or (
            _CN_NUMERAL.search(inner) and _CAMPAIGN_AFTER.match(after)
        ):
            end = match.end() + (suffix.end() if suffix and suffix.group() not in ("活动",) else 0)
            found.append(_mention(doc, clause, mapped, "programme", match.start(), end, inner))
    for match in _PERSON_TITLE.finditer(text):
        name = match.group(1)
        if name[0] in _SURNAMES and len(name) >= 2:
            found.append(_mention(doc, clause, mapped, "person", match.start(1), match.end(1), name))
    gazetteer = load_gazetteer()
    for region, start, end in gazetteer.find_all(text):
        if end - start < 2:
            continue
        found.append(_mention(doc, clause, mapped, "region", start, end, region.name))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` past the last verb or particle inside the candidate (not into the suffix)."""
    span = text[start:end]
    cut = 0
    for match in _BOUNDARY.finditer(span):
        if match.end() <= len(span) - 2:
            cut = match.end()
    start += cut
    while start < end and (text[start] in "()（）·" or text[start] in "与同和跟向对在由从把"):
        start += 1
    # A name does not start inside a bracket it never closes.
    inside = text[start:end].replace("（", "(").replace("）", ")")
    if inside.count("(") != inside.count(")"):
        return end, end
    return start, end


def _generic(name: str, suffix: str) -> bool:
    """A phrase made only of generic words (省级企业研究院, 重点实验室) names no entity."""
    if re.search(r"[一二三四五六七八九十两]+(?:大|个|家)|^[A-Za-z]", name):
        return True  # 三大创新中心, 两个创新中心: counts of things, not names
    core = re.sub(suffix + "$", "", name)
    core = _GENERIC_PART.sub("", core)
    core = re.sub(r"[()（）·\d]", "", core)
    return len(core) < 2 or len(name) < 4


def _table_people(doc: Document, clauses: list[Clause]) -> list[Mention]:
    """Leaders named in a responsibility column (分管领导) are people with that post."""
    from plankg.ingest.owners import owners_from_cell

    found = []
    for clause in clauses:
        for cell in clause.cells:
            if not re.search(r"领导|负责人", cell.name):
                continue
            _, people = owners_from_cell(cell.text, doc)
            for person in people:
                pos = doc.text.find(person.name, cell.start, cell.end)
                if pos >= 0:
                    post = re.sub(r"责任处室|责任单位|处室", "", cell.name) or cell.name
                    found.append(Mention(stable_id("mn", doc.id, pos, "person"), doc.id, clause.id, "person",
                                         person.name, f"{person.name}|{post}", pos, pos + len(person.name)))
    return found


def _annex_people(doc: Document, clauses: list[Clause]) -> list[Mention]:
    """People listed with their posts, one a line (``罗进军  区科技局党组书记``)."""
    found = []
    for match in _ANNEX_PERSON.finditer(doc.text):
        name = re.sub(r"\s", "", match.group(1))
        if len(name) < 2 or name[0] not in _SURNAMES:
            continue
        clause = next((c for c in clauses if c.start <= match.start(1) < c.end), None)
        if clause is None:
            continue
        post = match.group(2)
        found.append(Mention(stable_id("mn", doc.id, match.start(1), match.end(1), "person"), doc.id, clause.id,
                             "person", match.group(1), f"{name}|{post}", match.start(1), match.end(1)))
    return found


def _owner_mentions(corpus: Corpus, docs: dict[str, Document]) -> list[Mention]:
    """Owners of targets as organisation, division and person mentions (one per clause)."""
    clauses = {c.id: c for c in corpus.clauses}
    seen: set[tuple[str, str]] = set()
    found = []
    for target in corpus.targets:
        for owner in target.owners:
            if owner.role == "default" or (target.clause_id, owner.name) in seen:
                continue
            seen.add((target.clause_id, owner.name))
            doc = docs[target.doc_id]
            clause = clauses[target.clause_id]
            pos = doc.text.find(owner.surface, clause.start, clause.end)
            start, end = (pos, pos + len(owner.surface)) if pos >= 0 else (clause.start, clause.start)
            kind = owner.kind if owner.kind in ("division", "person") else "organization"
            canonical = owner.name if not owner.parent else f"{owner.name}|{owner.parent}"
            found.append(Mention(stable_id("mn", doc.id, target.clause_id, owner.name), doc.id, clause.id, kind,
                                 owner.surface, canonical, start, end))
    return found


def _merge(mentions: list[Mention], docs: dict[str, Document]) -> tuple[list[Mention], list[Entity]]:
    aliases = load_aliases()
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    reasons: dict[tuple[str, str], set[str]] = defaultdict(set)
    extra: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for mention in mentions:
        canonical, parent_or_post = (mention.canonical.split("|", 1) + [""])[:2]
        if mention.type in ("person", "region", "division"):
            key_name, why = canonical, []
        else:
            key_name, why = aliases.canonical(canonical)
        key = (mention.type, key_name)
        groups[key].append(mention)
        reasons[key].update(f"{mention.surface} -> {key_name}: {w}" for w in why)
        if parent_or_post:
            extra[key]["post" if mention.type == "person" else "parent"] = parent_or_post
    _merge_variants(groups, reasons, extra)
    entities = []
    linked: list[Mention] = []
    for (kind, name), members in sorted(groups.items()):
        entity_id = stable_id("en", kind, name)
        regions = Counter(docs[m.doc_id].region for m in members if docs[m.doc_id].region)
        region = name if kind == "region" else (regions.most_common(1)[0][0] if regions else None)
        surfaces = sorted({m.surface for m in members} - {name})
        attributes = tuple(sorted(extra[(kind, name)].items()))
        entities.append(
            Entity(
                id=entity_id,
                type=kind,
                canonical=name,
                aliases=tuple(surfaces),
                region=region,
                parent=extra[(kind, name)].get("parent") or _university_parent(name) if kind == "institute" else extra[(kind, name)].get("parent"),
                merge_reasons=tuple(sorted(reasons[(kind, name)])),
                mention_ids=tuple(m.id for m in members),
                attributes=attributes,
            )
        )
        linked.extend(Mention(**{**m.__dict__, "canonical": name, "entity_id": entity_id}) for m in members)
    return linked, entities


def _merge_variants(groups: dict, reasons: dict, extra: dict) -> None:
    """Merge 温州浙南科技城 into 浙南科技城 and 产业园区 into 产业园 when both forms occur."""
    gazetteer = load_gazetteer()
    for key in sorted(groups, key=lambda k: -len(k[1])):
        kind, name = key
        if kind not in ("institute", "park", "organization") or key not in groups:
            continue
        target = None
        # Only the place names this name starts with (a dictionary lookup per length, not a scan).
        for prefix in (["中国"] if name.startswith("中国") else []) + gazetteer.prefixes_of(name):
            if name.startswith(prefix) and (kind, name[len(prefix):]) in groups and len(name) - len(prefix) >= 4:
                target, why = (kind, name[len(prefix):]), f"rule: place prefix {prefix} dropped"
                break
        if target is None and name.endswith("园区") and (kind, name[:-1]) in groups:
            target, why = (kind, name[:-1]), "rule: 园区 = 园"
        if target is None:
            continue
        members = groups.pop(key)
        groups[target].extend(members)
        reasons[target].update(f"{m.surface} -> {target[1]}: {why}" for m in members)
        reasons[target].update(reasons.pop(key, set()))
        extra[target].update(extra.pop(key, {}))


def _university_parent(name: str) -> str | None:
    match = re.match(r"^(.{2,12}?(?:大学|学院))(?=.{2,})", name)
    return match.group(1) if match else None
