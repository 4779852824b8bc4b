"""Government bodies named in running text: a region or level word, then a bureau's ending.

``银川市西夏区科学技术局``, ``自治区科技厅``, ``市委``, ``高新区管委会``, ``科技厅高新技术处``. A bureau
ending with nothing before it that places it (``呼包鄂三地发改委、科技局``) or a level word that is
one of a list of kinds (``各市科技局``, ``地、州、市科技局``) names no single body and is skipped.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex, words
from plankg.ingest.entity_spans import Found, overlaps
from plankg.ingest.name_heads import is_verb, leading_non_name, word_frequency
from plankg.ontology.regions import load_gazetteer

_BUREAU = cue_regex(r"<entity_units.bureau_endings>")
_LEVEL_WORDS = sorted(words("entity_units.level_words"), key=len, reverse=True)
_GENERIC_BEFORE = words("entity_units.generic_before")
_NATIONAL = cue_regex(r"<entity_units.national_units>")
# 中共X委员会 names a party committee; 临海市委 alone is the leadership of the day, like 市委、市政府.
_CENTRE_BEFORE = re.compile(r"(?:党中央|中共中央)[、\s]*$")
# A centre or department right after a ministry (科技部火炬中心, 工信部科技司).
_NATIONAL_CHILD = cue_regex(r"[\u4e00-\u9fff]{2,4}?(?:<entity_units.national_child_endings>)|(?:<entity_units.national_offices>)")
_PARTY = re.compile(r"中共[\u4e00-\u9fff]{2,12}?(?:委员会|委)(?:办公室|办公厅)?")
_GROUP = cue_regex(r"[\u4e00-\u9fff]{2,20}?(?:工作)?(?:<entity_units.group_endings>)(?:办公室)?")
_GROUP_CUT = cue_regex(r"<entity_units.group_before>")
_BRANCH = cue_regex(r"[\u4e00-\u9fff]{2,4}?(?:<entity_units.branch_endings>)")
# 区药投公司, 区经发集团: a firm a level of government owns, named by the level word and a short name.
# A place written as letters or marks that hide it (XX区, ××县, X市): a page preview or a template.
_HIDDEN_PLACE = re.compile(r"(?<![A-Za-z])[XＸ×*＊]{1,3}$")
_CATEGORY = cue_regex(r"<entity_units.list_not_names>")
_STATE_FIRM = re.compile(r"[省市区县](?:[\u4e00-\u9fff]{2,3}?)(?:公司|集团)")
# 省水利厅、省扶贫办: a level word, a short name and a bureau's last character, standing alone in a list.
# How often the dictionary must have seen a character + a place as one word to read them as one name (长白山).
_COMMON_NAME = 50
# A role word may follow it (省工信委主办，省发改委协办): the body's name ends before it.
_LISTED_BUREAU = cue_regex(r"(?<![\u4e00-\u9fff])(?:<entity_units.level_words>)[\u4e00-\u9fff]{1,4}?[厅局委办]"
                           r"(?=(?:<owners.primary_words>|<owners.duty_words>|<owners.support_words>)"
                           r"(?:单位|部门)?(?![\u4e00-\u9fff])|(?![\u4e00-\u9fff]))")
# A bureau's name without a place, standing alone between marks, digits or line ends (not before a year:
# 科技局2021年工作总结 is a title).
# Or with words of its people or role after it (市科技局、工信局分管负责同志).
_BARE_BUREAU = cue_regex(r"(?<![\u4e00-\u9fff/／])(?:" + "|".join(w for w in words("entity_units.bureau_endings") if len(w) >= 3)
                         + r")(?:(?![\u4e00-\u9fff]|\d{4})|(?=<entity_units.bare_role_after>))")
# At a sentence's start or after a particle or a verb of dealing with it, a bare bureau name (not its head's
# title: 科技局长) is the plan's own bureau.
_BARE_IN_PROSE = cue_regex(r"(?:^|[。；;，,：:\n]|<entity_units.bare_before>)("
                           + "|".join(w for w in words("entity_units.bureau_endings") if len(w) >= 3 and "政府" not in w
                                      and w not in ("人民政府", "管理委员会", "管委会"))
                           + r")(?![长\d])")
_BARE_ITEM = re.compile("|".join(w for w in words("entity_units.bureau_endings") if len(w) >= 3))
_PLACED_ITEM = re.compile("[省市区县](?:" + _BARE_ITEM.pattern + ")$")
_ZONE_COMMITTEE = re.compile(r"[\u4e00-\u9fff]{2,10}?管委会")
_ZONE_CUT = cue_regex(r"<entities.boundary>|<entity_programmes.boundary>|部门|单位|负责人|主任")
_PARK_ENDINGS = frozenset(words("entities.park_suffixes"))
_NOT_IN_NAME = cue_regex(r"<entities.boundary>|各")
# 社会发展科技处, 发展规划与资源配置处: topics joined by 与/和, and 科技 before the ending, are one division.
_DIVISION_AT = cue_regex(r"(?:<entity_units.division_topics>)(?:[与和](?:<entity_units.division_topics>))?(?:科技)?"
                         r"(?:<entity_units.division_endings>)")
# Standing alone, a division name ends where the words do (高新技术处 between separators).
_DIVISION = cue_regex(r"(?:<entity_units.division_topics>)(?:[与和](?:<entity_units.division_topics>))?(?:科技)?"
                      r"(?:<entity_units.division_endings>)(?![\u4e00-\u9fff])")
# Standing alone these name an office every body has (来源:办公室), not one the text names.
_ANY_BODYS_OFFICE = ("办公室", "办公厅")
# Bodies that a bare level word names as the leadership of the day (市政府, 省委), not as the plan's subject.
_LEADERSHIP = ("人民政府", "政府", "党委", "党工委")
# A bare government is the leadership of the day beside its party committee (市委、市政府, 区委区政府), as
# the head of an addressee list (市政府各部门, 省政府直属单位) or in the approval formula (经市政府同意); alone
# it acts as a body (县政府统筹…, 经市政府常务会议, 市人民政府副市长, 市人民政府关于印发…).
_PAIRED_BEFORE = re.compile(r"(?:党委|委)[、，,和与及\s]{0,2}$")
_PAIRED_AFTER = re.compile(r"[、，,和与及\s]{0,2}(?:自治区|省|市|区|县|州|盟|旗)?(?:党委|委)(?![员托])")
# After it: an addressee list, an approval, or a document it names (区政府工作报告, 市政府重点工作任务).
_ADDRESSEES = re.compile(r"各|直属|所属|有关|部门|工作部门|同意|批准|批复|工作|重点工作|文件|令|网|门户")
# Before it: the formula of one who speaks for it (受区政府委托), not the body acting.
_SPEAKER_BEFORE = re.compile(r"受$")
# A level word that is the end of a common word (园区, 城市), not a region prefix.
_WORD_TAILS = ("园区", "社区", "城区", "景区", "校区", "片区", "新区", "发区", "小区", "山区", "地区", "市区", "城市", "都市",
               "县市", "区县", "省市", "湾区", "港区", "保区", "街区", "牧区", "林区", "矿区", "辖区", "试区", "范区", "强区",
               "兴区", "全区", "我区", "本区", "该区", "全市", "我市", "本市", "该市", "全省", "我省", "本省", "全县", "我县")

# A token between spaces, tabs or line breaks (a cell of a table written out as text), its numbering and
# closing mark left aside: 1 精准扶贫 农林水务局 1300人 -> 农林水务局.
_TOKEN = re.compile(r"[^\s|｜]+")
_TOKEN_EDGES = re.compile(r"^(?:\d{1,3}[.、．]?|[（(]?[一二三四五六七八九十]{1,3}[)）、]|[①-⑳])|[。；;，,、]$")
_CELL_BODY = cue_regex(r"[\u4e00-\u9fff]{2,6}?(?:<entity_units.cell_endings>)")
_PLACED_CELL_BODY = cue_regex(r"(?:<entity_units.level_words>)[\u4e00-\u9fff]{1,8}?(?:<entity_units.placed_cell_endings>)")
_SHORT_BODY = cue_regex(r"(?:<entity_units.level_words>)?(?:<entity_units.short_bodies>)")
# A division of the issuing bureau alone in a cell (工业股, 高新技术科): a topic and the ending of a division.
_CELL_DIVISION = cue_regex(r"[\u4e00-\u9fff]{2,6}(?:<entity_units.cell_division_endings>)")
_NOT_DIVISION = cue_regex(r"(?:<entity_units.not_divisions>)$")
_NOT_BODY = cue_regex(r"(?:<entity_units.not_bodies>)$")
_NOT_IN_CELL_BODY = cue_regex(r"<entities.boundary>|<entity_programmes.boundary>|[级各全本我该]")


def find_units(text: str, parks: list[tuple[int, int]] = ()) -> list[Found]:  # type: ignore[assignment]
    """Government bodies and their divisions in ``text``, leftmost first.

    ``parks`` are spans of park names already found: a park right before 管委会 is its prefix.
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    regions = {end: start for _, start, end in load_gazetteer().find_all(text)}
    park_end = {b: a for a, b in parks}

    def add(item: Found) -> None:
        if not overlaps(item.start, item.end, taken):
            taken.append((item.start, item.end))
            found.append(item)

    for match in _PARTY.finditer(text):
        add(Found(match.start(), match.end(), "organization", match.group(), "pattern 中共…委员会"))
    for match in _NATIONAL.finditer(text):
        if _CENTRE_BEFORE.search(text, 0, match.start()):
            continue  # 在党中央、国务院的关怀下: the leadership of the day, as with 市委、市政府
        child = _NATIONAL_CHILD.match(text, match.end())
        if child and not _NOT_IN_NAME.search(child.group()) and not leading_non_name(child.group(), 2):
            # 科技部火炬中心, 工信部科技司: a centre or department of the ministry, one body
            add(Found(match.start(), child.end(), "organization", text[match.start() : child.end()],
                      "central government body + its centre or department"))
            continue
        add(Found(match.start(), match.end(), "organization", match.group(), "central government body"))
    for match in _BUREAU.finditer(text):
        where = _prefix(text, match.start(), regions, park_end)
        if where is None:
            continue
        start, why = where
        if why.startswith("level word") and match.group() in _LEADERSHIP and _leadership(text, start, match.end()):
            continue  # 在市委、市政府的领导下: the leadership of the day, not a body the plan is about
        end = match.end()
        branch = _BRANCH.match(text, end)
        if branch and _is_place(branch.group()[:-2]):
            end = branch.end()  # 市生态环境局咸安分局: the bureau's branch in a district, one body
        add(Found(start, end, "organization", text[start:end], f"ending {match.group()} after {why}"))
    for match in _BARE_BUREAU.finditer(text):  # 【科技局】, a table's owner cell: the issuer's own bureau
        if match.group() not in _LEADERSHIP and _bare_list_item(text, match.start(), match.end()):
            add(Found(match.start(), match.end(), "organization", match.group(), "bureau ending standing alone"))
    for match in _BARE_IN_PROSE.finditer(text):  # 主动与科技厅对接, 科技厅相关负责人表示: the plan's own bureau
        add(Found(match.start(1), match.end(1), "organization", match.group(1), "bureau's bare name after a particle"))
    for match in _ZONE_COMMITTEE.finditer(text):  # 长白山管委会, 服装城管委会: a zone's management committee
        cut = max((m.end() for m in _ZONE_CUT.finditer(match.group(), 0, len(match.group()) - 3)), default=0)
        cut += leading_non_name(match.group()[cut:], 5)  # 参会的有X管委会: past a verb the list does not know
        if len(match.group()) - cut >= 5 and match.group()[cut:-3] not in _PARK_ENDINGS:  # 高新区管委会: which one?
            add(Found(match.start() + cut, match.end(), "organization", match.group()[cut:], "name + 管委会"))
    for match in _LISTED_BUREAU.finditer(text):
        start = match.start()
        if not _listed_kind(text, start) and not _NOT_IN_NAME.search(match.group()[1:]):
            add(Found(start, match.end(), "organization", match.group(), "level word + short name + 厅/局/委/办 standing alone"))
    for match in _STATE_FIRM.finditer(text):
        start = match.start()
        if (text[start - 1 : start + 1] not in _WORD_TAILS and not _listed_kind(text, start) and not _BUREAU.search(match.group())
                and not _CATEGORY.search(match.group()[1:-2])):  # 市国有公司: a kind of firm
            add(Found(start, match.end(), "organization", match.group(), "level word + short name + 公司/集团 (a state firm)"))
    for match in _GROUP.finditer(text):
        cut = max((m.end() for m in _GROUP_CUT.finditer(match.group())), default=0)
        name = match.group()[cut:]
        if len(re.sub(r"(?:工作)?领导小组(?:办公室)?$", "", name)) >= 4:
            add(Found(match.start() + cut, match.end(), "organization", name, "ending 领导小组 (a work group)"))
    found.extend(_divisions(text, found, taken))
    return sorted(found, key=lambda f: f.start)


def _prefix(text: str, at: int, regions: dict[int, int], park_end: dict[int, int]) -> tuple[int, str] | None:
    """Where a body's name starts, given its ending at ``at``, and why; None if nothing places it."""
    if at in regions:
        start = _region_start(at, regions)
        first_end = min((end for end, begin in regions.items() if begin == start), default=at)
        if start > 0 and word_frequency(text[start - 1 : first_end]) >= _COMMON_NAME:
            start -= 1  # 长白山管委会: a place (白山) at the end of a longer name the dictionary knows
        return start, f"region {text[start:at]}"
    if at in park_end:
        return park_end[at], f"park {text[park_end[at]:at]}"
    for word in _LEVEL_WORDS:
        start = at - len(word)
        if start < 0 or text[start:at] != word:
            continue
        if _listed_kind(text, start) or text[start - 1 : start + 1] in _WORD_TAILS:
            return None
        hidden = _HIDDEN_PLACE.search(text, max(0, start - 3), start)
        if hidden:  # XX区科学技术局: a place a preview or a template hides, still a place
            return hidden.start(), f"hidden place {hidden.group()}{word}"
        return _region_start(start, regions), f"level word {word}"
    return None


def _leadership(text: str, start: int, end: int) -> bool:
    """Is the bare 市政府/市委 at ``start``..``end`` the leadership of the day rather than a body acting?"""
    if text[start:end].endswith("政府"):
        return bool(_PAIRED_BEFORE.search(text, max(0, start - 3), start) or _PAIRED_AFTER.match(text, end)
                    or _ADDRESSEES.match(text, end) or _SPEAKER_BEFORE.search(text, max(0, start - 1), start))
    return True


def _is_place(name: str) -> bool:
    """A region by its name or its short name (咸安 for 咸安区)."""
    gazetteer = load_gazetteer()
    return any(gazetteer.get(name + level) for level in ("", "区", "县", "市", "旗"))


def _bare_list_item(text: str, start: int, end: int) -> bool:
    """Is the bare bureau at ``start`` one of a list of bare bureaus (发改委、经信委、科技局), not the tail of a
    list of kinds (呼包鄂三地发改委、科技局、财政局等部门)?"""
    if text.startswith("等", end):
        return False
    while text[start - 1 : start] == "、":
        item = re.search(r"[^、，,。；;：:\s.．\d]*$", text[: start - 1])
        if item and _PLACED_ITEM.search(item.group()):
            return True  # 率市科技局、工信局: a bare bureau after a placed one shares its level
        if not item or not _BARE_ITEM.fullmatch(item.group()):
            return False
        start = item.start()
    return True


def _region_start(at: int, regions: dict[int, int]) -> int:
    """Walk left over a chain of regions ending at ``at`` (银川市西夏区)."""
    start = at
    while start in regions:
        start = regions[start]
    return start


def _listed_kind(text: str, start: int) -> bool:
    """Is the level word at ``start`` one of a list of kinds (各市, 地、州、市, 县(市)区)?"""
    before = text[max(0, start - 3) : start]
    return any(before.endswith(word) for word in _GENERIC_BEFORE)


def _divisions(text: str, units: list[Found], taken: list[tuple[int, int]]) -> list[Found]:
    """Divisions (高新技术处): right after a body, or standing alone between separators."""
    out = []
    for unit in list(units):
        right = _DIVISION_AT.match(text, unit.end)
        if right and not overlaps(right.start(), right.end(), taken):
            out.append(Found(right.start(), right.end(), "division", right.group(), "division ending after its body",
                             parent=unit.name))
            taken.append((right.start(), right.end()))
    ends = {u.end: u for u in units}
    for match in _DIVISION.finditer(text):
        start, end = match.start(), match.end()
        if overlaps(start, end, taken):
            continue
        parent = ends.get(start)
        bare_parent = re.search(r"(?:科技厅|科技局|科委|管委会|[\u4e00-\u9fff]{0,2}局)$", text[max(0, start - 6) : start])
        if parent is not None:
            out.append(Found(start, end, "division", match.group(), "division ending after its body", parent=parent.name))
        elif bare_parent:
            out.append(Found(start, end, "division", match.group(), "division ending after its body",
                             parent=bare_parent.group()))
        elif (start == 0 or text[start - 1] in " \u3000\t\n、，,：:（(") and match.group() not in _ANY_BODYS_OFFICE:
            out.append(Found(start, end, "division", match.group(), "division ending between separators"))
        taken.append((start, end))
    return out


def units_in_cells(text: str) -> list[Found]:
    """Bodies standing alone between spaces or line breaks, as the cells of a table written out as text are.

    Reading joins such cells (``新增城镇就业 人社局 8950`` reads ``新增城镇就业人社局8950``), so a bare name
    there no longer stands alone. A token that is wholly a body's name is one: anything ``find_units``
    reads as one whole body, a short name and a bureau's ending (``农林水务局``, ``房产分局``), a level word,
    a short name and a body's ending (``县代建中心``, ``县护城河指挥部``), or a body every place has (``县残联``).
    """
    found = []
    for token in _TOKEN.finditer(text):
        start, end = token.start(), token.end()
        edges = list(_TOKEN_EDGES.finditer(token.group()))
        for edge in edges:
            if edge.start() == 0 and edge.end() < end - start:
                start = token.start() + edge.end()
            elif edge.end() == end - token.start() and edge.start() > 0:
                end = token.start() + edge.start()
        name = text[start:end]
        items = name.split("、")
        if all(_CELL_DIVISION.fullmatch(item) and not _NOT_IN_CELL_BODY.match(item) and not _NOT_DIVISION.search(item)
               for item in items):
            at = start
            for item in items:  # 工业股、农业股: the issuing bureau's divisions, one a name
                found.append(Found(at, at + len(item), "division", item, "a division's name standing alone as a cell"))
                at += len(item) + 1
            continue
        if not 2 <= len(name) <= 16 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            continue
        inside = find_units(name)
        whole = [u for u in inside if u.start == 0 and u.end == len(name) and u.kind == "organization"]
        if whole:
            found.append(Found(start, end, "organization", name, whole[0].why + "; standing alone as a cell"))
            continue
        if inside:
            continue  # 区发改委区统计局: two bodies run together, read as such elsewhere
        if _SHORT_BODY.fullmatch(name):
            found.append(Found(start, end, "organization", name, "a body every place has, standing alone as a cell"))
        elif (_CELL_BODY.fullmatch(name) or _PLACED_CELL_BODY.fullmatch(name)) and not _NOT_BODY.search(name) \
                and not _NOT_IN_CELL_BODY.search(name[1:-1]) and not is_verb(name[:2]):
            found.append(Found(start, end, "organization", name, "short name + body ending standing alone as a cell"))
    return found
