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
from plankg.ingest.owners import resolve_unit
from plankg.ingest.records import Clause, Corpus, Document, Entity, Mention, stable_id
from plankg.ingest.textmap import MappedText, clean_span
from plankg.ontology.aliases import load_aliases
from plankg.ontology.regions import load_gazetteer

_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9()（）·]"
_SUFFIXES = {
    "institute": r"(?:工程技术研究中心|技术转移中心|协同创新中心|创新研究院|研究院|重点实验室|实验室|创新中心|研究中心|研究所|分中心)",
    "park": r"(?:高新技术产业园区|高新技术产业园|产业园区|产业园|科创园|创业园|孵化园|科创生态圈|集聚区|科创走廊|大走廊|走廊|科技城|特色小镇|小镇|飞地|高新区|开发区|经开区|眼谷|药谷|科技岛|产业基地|创新城)",
    "organization": r"(?:大学|学院|有限公司|集团|医院)",
}
_BOUNDARY = re.compile(
    r"(?:推进|推动|加快|建设|建成|打造|引进|落地|签约|依托|联合|支持|积极|争创|谋划|创建|成立|启动|完善|提升|培育|申报|获批|获评|入选"
    r"|围绕|通过|发挥|加强|深化|实施|共建|筹建|组建|承接|加大|做好|开展|聚焦|服务|参与|配合|协助|重点|指导|迁入|入驻|布局|新建|新增"
    r"|力争|确保|争取|纳入|以|对|向|和|及|的|在|为|将|等|是|由|于|把|从|、|，|,|；|。|：|“|”|其中|全市|我市|我区|结合|对接|优化|完成"
    r"|促进|带动|拓展|提质|发展|形成|开发|复制|推广|整合|设立|探索|深度|加速|搭建|运营|运作|招引|培养|吸引|集聚|协同|助力|赋能|做强|做大|做优|做实"
    r"|下设|即|共同|起草|根据|接轨|会同|要|进入|巩固|编制|制定|莅临|邀请|帮助|并|同时|名单|达到|跻身|入围|或|上报|月底前|负责"
    r"|[\dX]+年|\d+个|\d+家|[\dX]+)"
)
_GENERIC_PART = re.compile(
    r"(?:省级|市级|区级|县级|国家级|国家|省|市|区|县|重点|企业|新型|高能级|联合|实体|产业|科技|创新|技术|工程|研发|农业|高新技术|高新|特色"
    r"|专业|公共|服务|各类|一批|以上|及以上|级|等|优质|高端|现代|标杆|示范|专业化|综合|大学|高校|院所|名校|大院|已建|本地|相关|知名|省市"
    r"|小微企业|小微|数字化|信息|应用|主导|战略性|新兴|传统|制造业|海外|国际|科创|孵化|加速|创业|双创|园区|平台|生态|科学|人才|中试|共性)"
)
_QUOTED = re.compile(r"“([^“”、，。；]{2,12})”")
_PROGRAMME_AFTER = re.compile(r"^(?:三年行动计划|行动计划|专项行动|攻坚行动|行动|计划|工程|专项|攻坚|大会战|战略|活动)")
_CAMPAIGN_AFTER = re.compile(r"^(?:建设|创新格局|格局|体系|发展规划)")
_PROGRAMME_BEFORE = re.compile(r"(?:实施|推进|深入实施|推动|开展|启动|深化|落实|打好|抓好)$")
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十双百千万两]")
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤项瞿欧阮洪管应颜施於")
_PERSON_TITLE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(院士|教授|研究员)")
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
        if suffix or _PROGRAMME_BEFORE.search(before) or re.search(r"(?:计划|行动|工程|专项|战略)$", inner) or (
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
