"""The .html reader: the page's main text, chrome dropped, block elements on their own lines."""
from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from plankg.ingest.decoding import decode_text
from plankg.ingest.read_base import ReadLimits, count_up_to, too_big, too_many
from plankg.ingest.table_text import cell_text, table_row_text, table_text

# Page chrome and non-text elements, dropped with everything inside them.
_HTML_DROP = [
    "script", "style", "nav", "noscript", "iframe", "form", "template", "svg", "canvas",
    "object", "embed", "button", "select", "textarea", "aside", "head",
]
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "ol", "p", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SOURCE_BREAK = "\x01"  # stands for whitespace with a line break in the HTML source
# A source line break between two CJK characters is no space at all (CSS Text segment breaks).
_BREAK_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]){_SOURCE_BREAK}(?=[{_CJK}])")
_TAG_START = re.compile(r"<[A-Za-z]")  # start tags only: closing tags cost the parser little
_MAX_DATA_CELL_CHARS = 1500
_LINK_LIST_TAGS = ["ul", "ol", "dl", "div", "section", "table", "td", "p"]


def _bs4() -> ModuleType:
    """The ``bs4`` module (BeautifulSoup, about 0.1 s to import), loaded when a page is parsed."""
    import bs4

    return bs4


def read(data: bytes, limits: ReadLimits = ReadLimits()) -> str:
    """Main text of an HTML page: chrome dropped, block elements on their own lines."""
    head = data[:4096]
    declared = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    markup = decode_text(data, declared=declared.group(1).decode("ascii") if declared else None)
    if len(markup) * 3 > limits.max_unpacked_bytes:  # the parse tree costs far more than the text
        raise too_big("the .html", len(markup) * 3, limits.max_unpacked_bytes)
    tags = count_up_to(_TAG_START, markup, limits.max_html_tags)
    if tags > limits.max_html_tags:
        raise too_many("the .html", tags, limits.max_html_tags, "max_html_tags", "tags")
    bs4 = _bs4()

    soup = bs4.BeautifulSoup(markup, "html.parser")
    _drop_html_chrome(soup)
    root = _html_content_root(soup)
    lines = _HtmlLines()
    heading = soup.find("h1")  # many sites put the page title above <main>/<article>
    outside = heading is not None and all(parent is not root for parent in heading.parents)
    if root is not soup.body and outside:
        lines.render(heading)
    lines.render(root)
    return "\n".join(lines.finish())


def _drop_html_chrome(soup: Any) -> None:
    """Remove scripts, navigation, page headers/footers and hidden elements, then link lists."""
    _prune(soup, _is_chrome)
    stats = _text_stats(soup)
    _prune(soup, lambda tag, _: tag.name in _LINK_LIST_TAGS and _is_link_list(stats[id(tag)]))


def _prune(soup: Any, drop: Callable[[Any, bool], bool]) -> None:
    """Extract each element ``drop(tag, inside_article_or_main)`` accepts, top-down, in one pass."""
    bs4 = _bs4()

    stack = [(child, False) for child in soup.contents]
    while stack:
        node, in_content = stack.pop()
        if not isinstance(node, bs4.Tag):
            continue
        if drop(node, in_content):
            node.extract()
            continue
        inside = in_content or node.name in ("article", "main")
        stack.extend((child, inside) for child in node.contents)


def _is_chrome(tag: Any, in_content: bool) -> bool:
    if tag.name in _HTML_DROP:
        return True
    if tag.name in ("header", "footer") and not in_content:
        return True  # an <article>'s own <header> holds its title; only page-level ones are chrome
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(tag.get("style") or ""))


def _text_stats(soup: Any) -> dict[int, tuple[int, int, int]]:
    """Per element (by id): non-space characters, those inside links, and the number of links."""
    bs4 = _bs4()

    pre_order, stack = [], [soup]
    while stack:
        node = stack.pop()
        pre_order.append(node)
        stack.extend(child for child in node.contents if isinstance(child, bs4.Tag))
    stats: dict[int, tuple[int, int, int]] = {}
    for tag in reversed(pre_order):  # every element after all of its descendants
        chars = link_chars = links = 0
        for child in tag.contents:
            if isinstance(child, bs4.Tag):
                child_chars, child_link_chars, child_links = stats[id(child)]
                chars += child_chars
                link_chars += child_link_chars
                links += child_links
            elif type(child) in (bs4.NavigableString, bs4.CData):
                chars += len("".join(child.split()))
        if tag.name == "a":
            link_chars, links = chars, links + 1
        stats[id(tag)] = (chars, link_chars, links)
    return stats


def _is_link_list(stats: tuple[int, int, int]) -> bool:
    """A menu, breadcrumb trail or link box: three or more links and hardly any other text."""
    chars, link_chars, links = stats
    return links >= 3 and chars - link_chars <= 40 and link_chars >= 0.7 * chars


def _html_content_root(soup: Any) -> Any:
    """``<main>``/``<article>`` when it holds most of the page's Chinese text, else ``<body>``."""
    body = soup.body or soup
    candidates = soup.find_all(["main", "article"]) + soup.find_all(attrs={"role": "main"})
    if not candidates:
        return body
    best = max(candidates, key=lambda tag: _text_weight(tag.get_text()))
    total = _text_weight(body.get_text())
    return best if total and _text_weight(best.get_text()) >= 0.5 * total else body


def _text_weight(text: str) -> int:
    """Amount of text: CJK characters, or non-space characters on a page without any."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk or len("".join(text.split()))


def _is_data_table(table: Any) -> bool:
    """Tell data tables from the layout tables that old government sites are built of."""
    if table.get("role") in ("presentation", "none") or table.find("table") is not None:
        return False
    rows = _html_rows(table)
    if len(rows) < 2 or max(len(_html_cells(row)) for row in rows) < 2:
        return False
    # A cell holding a whole article is page layout; cells of plan tables hold a few hundred
    # characters.
    return all(
        len("".join(cell.get_text().split())) <= _MAX_DATA_CELL_CHARS
        for row in rows
        for cell in _html_cells(row)
    )


def _html_rows(table: Any) -> list[Any]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _html_cells(row: Any) -> list[Any]:
    return row.find_all(["td", "th"], recursive=False)


def _span(cell: Any, attribute: str) -> int:
    try:
        return min(max(int(str(cell.get(attribute, "1")).strip() or 1), 1), 1000)
    except ValueError:
        return 1


def _html_table_text(table: Any) -> str:
    """Flatten a data table; a cell spanning rows leaves an empty cell below, as in .docx."""
    covered: dict[int, tuple[int, int]] = {}  # grid column -> (rows still covered, colspan)
    rows = []
    for row in _html_rows(table):
        cells, out, column, index = _html_cells(row), [], 0, 0
        while index < len(cells) or any(start >= column for start in covered):
            if column in covered:
                out.append("")
                column += covered[column][1]
            elif index < len(cells):
                cell = cells[index]
                index += 1
                out.append(cell_text(_HtmlLines().render(cell).finish()))
                width, height = _span(cell, "colspan"), _span(cell, "rowspan")
                if height > 1:
                    covered[column] = (height, width)  # counted down below, this row included
                column += width
            else:
                column = min(start for start in covered if start >= column)
        for start in list(covered):  # count down every covering cell once per row
            remaining, width = covered[start]
            if remaining <= 1:
                del covered[start]
            else:
                covered[start] = (remaining - 1, width)
        if out:
            rows.append(table_row_text(out))
    return table_text(rows)


class _HtmlLines:
    """Collects the lines of rendered HTML: inline text joined, each block on its own line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buffer: list[str] = []

    def render(self, root: Any) -> _HtmlLines:
        """Append the text under ``root`` (iterative: old pages nest deeper than recursion goes)."""
        bs4 = _bs4()

        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            node, closing = stack.pop()
            if closing:
                self._end_line()
            elif isinstance(node, bs4.NavigableString):
                if type(node) in (bs4.NavigableString, bs4.CData):  # not comments, doctypes, ...
                    self._buffer.append(_HTML_SPACE.sub(_space_for, str(node)))
            elif isinstance(node, bs4.Tag):
                if node.name == "br":
                    self._end_line()
                elif node.name == "table" and _is_data_table(node):
                    self._end_line()
                    self.lines.extend(_html_table_text(node).split("\n"))
                elif node.name == "pre":
                    self._end_line()
                    self.lines.extend(line.rstrip() for line in node.get_text().split("\n"))
                else:
                    if node.name in _HTML_BLOCKS:
                        self._end_line()
                        stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
        self._end_line()
        return self

    def finish(self) -> list[str]:
        """The lines, without blank lines at either end."""
        self._end_line()
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        while self.lines and not self.lines[0].strip():
            self.lines.pop(0)
        return self.lines

    def _end_line(self) -> None:
        if not self._buffer:
            return
        line = _BREAK_BETWEEN_CJK.sub("", "".join(self._buffer)).replace(_SOURCE_BREAK, " ")
        self._buffer.clear()
        line = re.sub(" {2,}", " ", line).strip()
        if line:
            self.lines.append(line)


def _space_for(match: re.Match[str]) -> str:
    whitespace = match.group()
    return _SOURCE_BREAK if "\n" in whitespace or "\r" in whitespace else " "
