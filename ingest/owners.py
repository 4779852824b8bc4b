"""Who owns a target: explicit unit lists, lead markers, and the issuing body by default."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from plankg.ingest.cues import cue_regex, words
from plankg.ingest.govunits import find_units
from plankg.ingest.orgnames import (
    LEVEL_KIND,
    PLACE_NAME,
    PLACE_OWNER,
    canonical_unit,
    is_unit_list,
    looks_like_unit,
    parenthetical_units,
    split_units,
)
from plankg.ingest.records import Cell, Document, Owner

_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_DIVISION = cue_regex(r"<owners.division_endings>$")
# In a responsibility column every listed name with one of these endings is a unit (科技中心, 高新投公司).
_COLUMN_UNIT = cue_regex(r"^[\u4e00-\u9fff]{2,16}<owners.column_unit_endings>$")
_LEAD_MARK = words("owners.lead_marks")
_LEAD_MARK_CHARS = "".join(_LEAD_MARK)
# A labelled field of owners: 牵头单位：X / 配合部门：Y / 责任单位为X / 监考单位 X (lead, duty, support and
# unit words: lang/zh/cues.toml, [owners]). The list runs to the next field or the end of the clause.
# A one-character unit word (科, 处) counts only before a colon: 配合科技局 is no field.
# A label in brackets (【牵头单位】市科技局, [责任单位] 市财政局) is a field too.
_UNIT_WORD = "(?:" + "|".join(
    re.escape(w) + (r"(?:[（(](?:单位|部门)[）)])?\s*(?:[】\]］]\s*)?(?:[:：]|为|是)?" if len(w) > 1
                    else r"\s*(?:[】\]］]\s*)?[:：]")
    for w in words("owners.unit_words")) + ")"
# 主办：省财政厅 协办：省税务局: a lead or support word before a colon is a field without its unit word.
_FIELD = cue_regex(r"(?:(?P<primary><owners.primary_words>)|(?P<duty><owners.duty_words>)|(?P<support>"
                   r"<owners.support_words>))(?:" + _UNIT_WORD + r"|\s*[:：])\s*")
# A second name in brackets after a unit (区商务局(区某中心)): not the end of the field.
_SECOND_NAME = re.compile(r"(?<=[局委办会心司院所厅])[（(][^（()）：:]{2,16}[)）]")
# A remark in brackets after a unit that the list goes on after (县发改局(首位为牵头单位,下同)、县财政局):
# not a field of its own, whatever words it uses.
_LIST_NOTE = re.compile(r"(?<=[局委办会心司院所厅])[（(][^（()）]{2,24}[)）](?=\s*[、，,])")
_FIELD_END = cue_regex(r"[。；;【】［\]）)\n]|(?:<owners.other_fields>)\s*[:：]")
_OPEN_AT_END = re.compile(r"[（(〔]([^（()）〔〕]{2,160})$")
_SUPPORT_AFTER = re.compile(r"([^，,；;。【\[：:（(]+?)为配合(?:单位|部门)")
# Column names: the people answerable (责任领导, 责任人), not units.
_PEOPLE_COLUMN = cue_regex(r"<owners.people_words>")
_PRIMARY_COLUMN = cue_regex(r"<owners.primary_words>")
_SUPPORT_COLUMN = cue_regex(r"<owners.support_words>")
_OWNER_COLUMN = cue_regex(r"<tables.owner_cells>|<owners.duty_words>")
# A column of the places a goal is divided among (区县, 市州): each row's place answers for it.
_PLACE_COLUMN = cue_regex(r"(?:<tables.place_columns>)")
# （区科技局牵头，区财政局、区统计局配合） / 由市发改委负责 / 由市科技局牵头负责
# (由市科技局、市教育局共同负责) / (市财政局、市商务局按职责分工负责) / （省财政厅主办，省税务局协办）:
# how a duty is shared out. A long list of units may run to 90 characters.
_SHARED = r"(?:共同|分别|具体|按(?:照)?职责(?:分工)?)?"
# The phrase may close with a verb of doing (X牵头落实, X负责组织实施, Y配合推进).
_VERB = r"(?:<owners.duty_verbs>)?"
_X_LEADS = cue_regex(r"(?:由)?([\u4e00-\u9fff、]{2,90}?)(?:(?:<owners.primary_words>)(?:负责)?|" + _SHARED
                     + r"负责)" + _VERB + r"(?=[，,；;。）)]|$)")
_X_SUPPORTS = cue_regex(r"([\u4e00-\u9fff、]{2,90}?)(?:<owners.support_words>|" + _SHARED
                        + r"负责)" + _VERB + r"(?=[，,；;。）)]|$)")
_LEVEL_CHARS = "省市区县"
_UNITS_AT_END = re.compile(r"[。.．；;]\s*([\u4e00-\u9fff、，,*＊]{2,60})\s*$")
# A role written after a unit in an owner cell: 市科技局（牵头）, 市科技局牵头负责, 市财政局配合.
_LEAD_SUFFIX = cue_regex(r"[（(]?(?:<owners.primary_words>)(?:负责)?[)）]?$")
_SUPPORT_SUFFIX = cue_regex(r"[（(]?(?:<owners.support_words>)[)）]?$")
# 各县（市、区）人民政府, 有关部门, 相关单位: kinds of body, not one unit (the bracket is a list of levels).
_LEVEL_LIST = re.compile(r"[（(][省市区县旗、]{1,7}[)）]")
_KINDS = re.compile(r"^(?:各|有关|相关|其他|其它)")
# The bodies of one place or one working structure taken together (区直各部门, 全区经济运行各专班):
# answerable in a field beside the bureaus, unlike a bare kind (各县政府, 有关部门).
_COLLECTIVE = re.compile(r"[\u4e00-\u9fff]{1,10}各[\u4e00-\u9fff]{0,4}(?:部门|单位|专班|工作组|小组)")
# 市财政局配合: a unit the field names as supporting.
_SUPPORT_TAIL = cue_regex(r"(?:<owners.support_words>)$")
# 市科技局会同市财政局, 市科技局与市教育局: two units joined by a word.
_JOINED = re.compile(r"(?:会同|联合|与|及|和)(?=[省市区县])")


def resolve_unit(surface: str, doc: Document) -> str:
    """Qualify a unit with the document's region (区科技局 in 路桥区 -> 路桥区科技局).

    A name that starts with 区/县/市 is resolved only if the document's region is of that level
    (a city plan's 区科技局 stays as written: which district is meant is unknown).
    """
    name = canonical_unit(surface.lstrip(_LEAD_MARK_CHARS).strip())
    region = doc.region
    if not region or not name:
        return name
    level_char = name[0]
    region_char = region[-1]
    if level_char in "区县市州" and not name.startswith(region):
        if level_char == region_char or (level_char == "市" and region_char == "市"):
            return region + name[1:]
    return name


def written_name(owner: Owner, as_written: str | None = None) -> str:
    """The owner's name as the document writes it, with the region it was resolved in.

    ``蔡甸区发改局`` written ``区发展和改革局`` is ``蔡甸区发展和改革局``: a reader looks for the name
    the plan uses, while ``name`` keeps the short form that joins a body's mentions into one node.
    ``as_written`` is the surface in the document's own characters (省科技廳 where it reads 省科技厅).
    """
    surface = owner.surface.lstrip(_LEAD_MARK_CHARS).strip()
    if not surface or owner.kind != "organization":
        return owner.name
    written = (as_written or surface).lstrip(_LEAD_MARK_CHARS).strip()
    for form in (surface, canonical_unit(surface)):
        if owner.name.endswith(form):
            return owner.name[: len(owner.name) - len(form)] + written
    return owner.name


def division_owner(surface: str, doc: Document, role: str) -> Owner:
    """A division (高新处) of the issuing bureau, named with its parent."""
    bare = surface.lstrip(_LEAD_MARK_CHARS).strip()
    parent = canonical_unit(doc.issuer) if doc.issuer else None
    name = f"{parent}{bare}" if parent else bare
    return Owner(name=name, surface=bare, role=role, parent=parent, kind="division")


def _support_owner(unit: str, doc: Document) -> Owner:
    """A supporting unit: a division (政策法规科) of the issuer, or a unit resolved in the region."""
    if _DIVISION.search(unit) and len(unit) <= 6:
        return division_owner(unit, doc, "support")
    return Owner(name=resolve_unit(unit, doc), surface=unit, role="support")


def owners_from_list(units: list[str], doc: Document) -> tuple[Owner, ...]:
    """Owners from a unit list: starred units lead; without stars the first listed leads.

    An entry naming two units with no mark between them (区发改局区统计局, 区发改局 区统计局) gives both.
    """
    units = [piece for unit in units for piece in unit_pieces(unit)]
    # The lead is starred before or after its name (*区科技局, 区科技局*).
    starred = any(_is_starred(u) for u in units)
    owners = []
    for i, unit in enumerate(units):
        is_lead = _is_starred(unit) if starred else i == 0
        role = "lead" if is_lead else "support"
        bare = unit.strip().strip(_LEAD_MARK_CHARS).strip()
        if _DIVISION.search(bare) and len(bare) <= 5:
            owners.append(division_owner(bare, doc, role))
        else:
            owners.append(Owner(name=resolve_unit(bare, doc), surface=bare, role=role))
    # A starred lead listed after others still comes first (区商务局、区科技局*).
    return tuple(sorted(owners, key=lambda o: o.role != "lead"))


def _is_starred(unit: str) -> bool:
    return unit.strip().startswith(_LEAD_MARK) or unit.strip().endswith(_LEAD_MARK)


def unit_pieces(entry: str) -> list[str]:
    """The units one written entry names: ``区发改局区统计局`` and ``区发改局 区统计局`` are two.

    Units written side by side split where a level word (区, 县, 市, 省) starts the next name and
    what stands before it is a whole unit's name; names the government-unit recogniser finds
    edge to edge (西夏区科技局兴庆区科技局) split at their edges. Anything else stays whole.
    """
    stars = entry[: len(entry) - len(entry.lstrip(_LEAD_MARK_CHARS))]
    trailing = entry.rstrip()[len(entry.rstrip().rstrip(_LEAD_MARK_CHARS)):]
    bare = entry.strip().strip(_LEAD_MARK_CHARS).strip()
    spaced = bare.split()
    if len(spaced) > 1:
        if not all(looks_like_unit(p) or _COLUMN_UNIT.search(p) for p in spaced):
            return [entry]
        pieces = [q for p in spaced for q in _adjoining(p)]
    else:
        pieces = _adjoining(bare)
    if len(pieces) < 2:
        return [entry]
    return [stars + pieces[0], *pieces[1:-1], pieces[-1] + trailing]


def _adjoining(entry: str) -> list[str]:
    """Split units written with nothing between them; a single name is returned as it is."""
    if len(entry) < 6:
        return [entry]
    cuts = [0]
    for i in range(3, len(entry) - 2):
        if entry[i] in _LEVEL_CHARS and looks_like_unit(entry[cuts[-1]:i]) and i - cuts[-1] >= 3:
            cuts.append(i)
    pieces = [entry[a:b] for a, b in zip(cuts, [*cuts[1:], len(entry)])]
    if len(pieces) > 1 and all(looks_like_unit(p) for p in pieces):
        return pieces
    found = find_units(entry)
    if (len(found) > 1 and all(f.kind == "organization" for f in found) and found[0].start == 0
            and found[-1].end == len(entry) and all(a.end == b.start for a, b in zip(found, found[1:]))):
        return [f.name for f in found]
    return [entry]


def owners_from_cell(cell_text: str, doc: Document) -> tuple[tuple[Owner, ...], tuple[Owner, ...]]:
    """Units and people from a responsibility cell (``朱勇敏\\n项晓东\\n*高新处\\n合作处``).

    Returns:
        (unit owners, people) — leaders are people, not owners of the target.
    """
    # A cell copied from a web table may keep its line breaks as <br>.
    lines = [_cell_entry(ln) for ln in re.split(r"[\n、，,；;]|<br\s*/?>", cell_text, flags=re.I)]
    lines = [ln for ln in lines if ln]
    # 陈  忠: a name spaced out to fill the cell's width.
    # A place in an owner cell (万州区, or 雁山区 beside bureaus) owns the row: a goal divided among districts.
    units = [ln for ln in lines if _is_starred(ln) or _is_unit_entry(ln) or PLACE_OWNER.fullmatch(ln)
             or PLACE_NAME.fullmatch(ln) and (len(lines) == 1 or any(_is_unit_entry(x) for x in lines))]
    people = [re.sub(r"\s+", "", ln) for ln in lines if ln not in units and _PERSON.match(re.sub(r"\s+", "", ln))]
    person_owners = tuple(Owner(name=p, surface=p, role="leader", kind="person") for p in people)
    return owners_from_list(units, doc), person_owners


def owners_of_line(text: str, doc: Document) -> tuple[Owner, ...]:
    """The units of a line that names only owners: its labelled fields by role when it has them
    (【牵头单位】市科技局 【配合单位】市财政局), else the list, starred or first unit leading."""
    if _FIELD.search(text):
        labelled = owners_in_text(text, doc)
        if labelled:
            return labelled
    units, _ = owners_from_cell(re.sub(r"[，,]", "、", text), doc)
    return units


# 区科技局牵头负责以下工作： / 由市发改委负责下列任务： a line giving what follows it to its units.
_LEAD_IN = cue_regex(r"^(?:由)?([\u4e00-\u9fff、]{2,60}?)(?:<owners.primary_words>|<owners.duty_words>)(?:负责)?"
                     r"(?:以下|下列|如下)[\u4e00-\u9fff]{0,6}[:：]$")


def owners_leading_in(text: str, doc: Document) -> tuple[Owner, ...]:
    """The units of a line that hands what follows to them (区科技局牵头负责以下工作：), first leading."""
    match = _LEAD_IN.match(text.strip())
    units = _unit_list(match.group(1)) if match else []
    return owners_from_list(units, doc) if units else ()


def _cell_entry(entry: str) -> str:
    """An entry of an owner cell with its role word turned into the lead mark.

    ``市科技局（牵头）`` and ``市科技局牵头`` lead (``*市科技局``); ``市财政局配合`` supports, as any
    unmarked unit does once one is marked.
    """
    entry = entry.strip()
    lead = _LEAD_SUFFIX.search(entry)
    if lead and lead.start() > 1:
        return _LEAD_MARK[0] + _bare_unit(entry[: lead.start()])
    support = _SUPPORT_SUFFIX.search(entry)
    if support and support.start() > 1:
        return _bare_unit(entry[: support.start()])
    return _bare_unit(entry)


def _is_unit_entry(entry: str) -> bool:
    """Does a cell entry name units (one, or several written side by side)? 科技中心 does, 陈忠 does not."""
    return all(looks_like_unit(p) or not LEVEL_KIND.match(p) and (
        _DIVISION.search(p) or _COLUMN_UNIT.search(p) and not _PERSON.match(p)) for p in unit_pieces(entry))


def _bare_unit(entry: str) -> str:
    """One entry of a unit list without what trails the unit's name.

    ``区财政局等区政府有关部门`` (the rest of the government), ``区商务局(区某中心)`` (a second name for
    the same office), the full stop that closes the cell, a label before it (责任单位：).
    """
    entry = re.sub(r"^(?:主要)?(?:责任|牵头|主责|配合|协同)?(?:单位|部门|处室|科室)[:：]", "", entry.strip()).rstrip("。.；;")
    # 省商务厅等 closing the named units before a kind of body (…等，各市人民政府): the unit stays.
    entry = re.sub(r"等(?:[\u4e00-\u9fff]{0,10}?(?:部门|单位))?$", "", entry)
    return re.sub(r"(?<=.{2})[（(][^（()）]{2,16}[)）]$", "", entry).strip()


def column_role(name: str) -> str | None:
    """What a table column of owners holds: ``primary`` (牵头单位), ``duty`` (责任单位, 监考单位),
    ``support`` (配合单位), ``people`` (责任领导, 责任人); None for any other column."""
    if _PEOPLE_COLUMN.search(name) and not re.search(r"单位|部门|处室|科室", name):
        return "people"
    if _SUPPORT_COLUMN.search(name):
        return "support"
    if _PRIMARY_COLUMN.search(name):
        return "primary"
    if _OWNER_COLUMN.search(name) or _PLACE_COLUMN.fullmatch(name):
        return "duty"
    return None


def row_owners(doc: Document, cells: Sequence[Cell]) -> tuple[tuple[Owner, ...], str]:
    """A table row's owners from its unit columns, lead first; the issuer when the row names none.

    A 牵头 column leads and a 责任 column beside it adds the other units answerable; without a
    牵头 column the first 责任 (or 监考, 考核) column leads. 配合 columns support. The person in a
    责任人 or 牵头领导 column shares ownership; a supervising 分管领导 or 责任领导 does not.
    """
    by_role: dict[str, list[tuple[Owner, ...]]] = {"primary": [], "duty": [], "support": []}
    people: tuple[Owner, ...] = ()
    for cell in cells:
        role = column_role(cell.name)
        if role is None or not cell.text.strip():
            continue
        if _FIELD.search(cell.text):
            # 牵头：市科技局；配合：市财政局 in one cell: the cell's own labels give the roles.
            labelled = owners_in_text(cell.text, doc)
            if labelled:
                by_role["primary" if role in ("primary", "duty") else role].append(labelled)
                continue
        units, named = owners_from_cell(cell.text, doc)
        if re.search(r"责任人|牵头领导", cell.name) and named:
            people += tuple(Owner(p.name, p.surface, "lead", None, "person") for p in named)
        if units and role != "people":
            by_role[role].append(units)
    leading = by_role["primary"] or by_role["duty"][:1]
    others = (by_role["duty"] if by_role["primary"] else by_role["duty"][1:]) + by_role["support"]
    owners = _merge(leading, others)
    if owners or people:
        return owners + people, "explicit"
    return default_owner(doc), "default"


def _merge(leading: list[tuple[Owner, ...]], others: list[tuple[Owner, ...]]) -> tuple[Owner, ...]:
    """Lead lists then supporting ones, each unit once (a unit listed twice keeps its first role)."""
    merged: list[Owner] = []
    seen: set[str] = set()
    for group, role in [(g, None) for g in leading] + [(g, "support") for g in others]:
        for owner in group:
            if owner.name in seen:
                continue
            seen.add(owner.name)
            merged.append(replace(owner, role=role) if role and owner.role != role else owner)
    return tuple(merged)


# A reading aid in brackets inside a word, as some mirror sites print (管理(lǐ)局): pinyin with a tone mark.
_GLOSS = re.compile(r"[（(]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)）]")
_GLOSS_OPEN, _GLOSS_CLOSE = "\ue000", "\ue001"


def owners_in_text(text: str, doc: Document) -> tuple[Owner, ...]:
    """Owners written in a clause: labelled fields (牵头单位：…；配合单位：…), 由X牵头/X负责 phrases,
    or a unit list in parentheses at its end.

    Pinyin glosses inside names (省通信管理(lǐ)局) are no brackets of the list: they stay in the names.
    """
    if not _GLOSS.search(text):
        return _owners_in_text(text, doc)
    masked = _GLOSS.sub(lambda m: f"{_GLOSS_OPEN}{m.group(1)}{_GLOSS_CLOSE}", text)

    def unmask(value: str | None) -> str | None:
        return value.replace(_GLOSS_OPEN, "(").replace(_GLOSS_CLOSE, ")") if value else value

    return tuple(replace(o, name=unmask(o.name) or o.name, surface=unmask(o.surface) or o.surface,
                         parent=unmask(o.parent)) for o in _owners_in_text(masked, doc))


def _owners_in_text(text: str, doc: Document) -> tuple[Owner, ...]:
    fields = _fields(text)
    if any(fields.values()):
        leading = [owners_from_list(u, doc) for u in fields["primary"] or fields["duty"][:1]]
        others = [owners_from_list(u, doc)
                  for u in (fields["duty"] if fields["primary"] else fields["duty"][1:]) + fields["support"]]
        owners = _merge(leading, others)
        if owners:
            return owners
    leads = [m for m in _X_LEADS.finditer(text) if _unit_list(m.group(1))]
    if leads:
        # X牵头，Y按职责分工负责: the unit that leads is the one written with 牵头.
        lead = next((m for m in leads if _PRIMARY_COLUMN.search(m.group()[len(m.group(1)):])), leads[-1])
        owners = list(owners_from_list(_unit_list(lead.group(1)), doc))
        for match in _X_SUPPORTS.finditer(text[lead.end():]):
            for unit in _unit_list(match.group(1)):
                owners.append(_support_owner(unit, doc))
        cut = _OPEN_AT_END.search(text)
        return (*owners, *_partners_cut_short(cut.group(1), tuple(owners), doc)) if cut else tuple(owners)
    # A unit's second name in brackets (省数据局(省营商局)) is no list of its own.
    plain = _SECOND_NAME.sub("", text)
    # A closing owner list cut off before its bracket closes (the page ends): 〔省发改委、省数据局(省营商局)
    unclosed_list = _OPEN_AT_END.search(plain)
    if unclosed_list:
        closed = owners_in_text(unclosed_list.group() + "）", doc)
        if closed:
            return (*closed, *_partners_cut_short(unclosed_list.group(1), closed, doc))
    trailing = [p for p in parenthetical_units(plain) if not plain[p[1]:].strip("。；; ")]
    if trailing:
        return owners_from_list(trailing[-1][2], doc)
    # A table row kept as one sentence, its units after the stop: …达到2.5%. 市科技局、市统计局
    closing = _UNITS_AT_END.search(text)
    if closing and is_unit_list(re.sub(r"[，,]", "、", closing.group(1))):
        return owners_from_list(split_units(closing.group(1)), doc)
    # A list whose opening bracket was lost: "...达到4.8%区经信局)".
    unclosed = re.search(r"([\u4e00-\u9fff、()（）]{3,60})[)）][。；;]?$", text)
    if unclosed:
        parts = split_units(unclosed.group(1))
        tail = []
        for part in reversed(parts):
            trimmed = _longest_unit_suffix(part)
            if not trimmed:
                break
            tail.insert(0, trimmed)
            if trimmed != part:
                break
        if tail:
            return owners_from_list(tail, doc)
    return ()


def _partners_cut_short(body: str, found: tuple[Owner, ...], doc: Document) -> tuple[Owner, ...]:
    """Units listed after the lead in a bracket the page cut before its verb (…，省发改委牵头，省工信厅、省):
    the partners the lost 参加/配合 would have named, the cut last piece dropped."""
    tail = re.split(r"[，,；;]", body)[-1]
    if _X_LEADS.search(tail) or _X_SUPPORTS.search(tail + "，") or not _X_LEADS.search(body):
        return ()
    pieces = split_units(tail)
    if pieces and not _longest_unit_suffix(pieces[-1]):
        pieces = pieces[:-1]
    units = [_longest_unit_suffix(p) for p in pieces]
    if not units or not all(units):
        return ()
    names = {o.name for o in found}
    partners = [_support_owner(u, doc) for u in units if u]
    return tuple(o for o in partners if o.name not in names)


def _fields(text: str) -> dict[str, list[list[str]]]:
    """The unit lists of the labelled owner fields of a clause, by role (primary, duty, support)."""
    found: dict[str, list[list[str]]] = {"primary": [], "duty": [], "support": []}
    text = _LIST_NOTE.sub("", text)
    labels = list(_FIELD.finditer(text))
    for k, label in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        body = _SECOND_NAME.sub("", text[label.end() : stop])
        end = _FIELD_END.search(body)
        units, supporting = _leading_units(body[: end.start() if end else len(body)])
        if units:
            found[label.lastgroup or "duty"].append(units)
        if supporting:
            found["support"].append(supporting)
    for match in _SUPPORT_AFTER.finditer(text):
        units, _ = _leading_units(match.group(1))
        if units:
            found["support"].append(units)
    return found


def _leading_units(phrase: str) -> tuple[list[str], list[str]]:
    """The units a field lists, up to the first entry that names none (…，力争…), and the units it
    then names as supporting (责任单位：市科技局，市财政局配合). Kinds of body (各县（市、区）人民政府,
    有关部门) name no single unit and are passed over."""
    units: list[str] = []
    phrase = _JOINED.sub("、", _LEVEL_LIST.sub("", phrase))
    for part in split_units(phrase):
        bare = _bare_unit(part)
        if PLACE_OWNER.fullmatch(bare) or _COLLECTIVE.fullmatch(bare):
            units.append(bare)  # 各街道, 某某开发区, 区直各部门: places and bodies of the place the field names
            continue
        if _KINDS.match(bare):
            continue
        supporting = _SUPPORT_TAIL.sub("", bare)
        if supporting != bare and _all_units(supporting):
            return units, [supporting]
        if not bare or not _all_units(bare):
            break
        units.append(bare)
    return units, []


def _all_units(entry: str) -> bool:
    return all(looks_like_unit(p) or _DIVISION.search(p) and len(p) <= 6 for p in unit_pieces(entry))


def _unit_list(phrase: str) -> list[str]:
    """The units of ``区科技局、区财政局`` written before 牵头/负责/配合 (the longest unit at each end).

    ``市科技局会同市财政局``, ``市科技局、市发改委等``: joined by 会同/联合/与, or closed by 等.
    """
    phrase = re.sub(r"^(?:由|并由|均由)", "", phrase)
    phrase = re.sub(r"等(?:[\u4e00-\u9fff]{0,6}(?:部门|单位))?$", "", phrase)
    phrase = _JOINED.sub("、", phrase)
    parts = [p for p in split_units(phrase) if p]
    units = [_longest_unit_suffix(p) for p in parts]
    return [u for u in units if u] if units and all(units) else []


def _longest_unit_suffix(part: str) -> str | None:
    """The longest unit name ending the part that opens with a level (省, 市, 区, 县), or the part
    itself when it is a unit named without one (省国税局、地税局协办: 地税局).

    A unit the government-unit recogniser reads whole wins over a level word inside its name
    (江州高新区管委会, not 区管委会).
    """
    named = [f for f in find_units(part) if f.end == len(part)]
    for i in range(len(part)):
        candidate = part[i:]
        if candidate[0] in _LEVEL_CHARS and looks_like_unit(candidate):
            return part[named[-1].start:] if named and named[-1].start < i else candidate
    return part if looks_like_unit(part) else None


def default_owner(doc: Document) -> tuple[Owner, ...]:
    """The issuing body, when a document names no owner."""
    if not doc.issuer:
        return ()
    return (Owner(name=canonical_unit(doc.issuer), surface=doc.issuer, role="default"),)
