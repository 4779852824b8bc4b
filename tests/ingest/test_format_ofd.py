"""OFD: a package composed here (zipfile and XML strings), read in reading order, tables as rows."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from plankg.ingest.pipeline import read_corpus
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 4.0  # mm


def text_object(number: int, x: float, y: float, text: str) -> str:
    width = SIZE * len(text)
    return (f'<ofd:TextObject ID="{number}" Boundary="{x} {y} {width} {SIZE + 1}" Font="1" Size="{SIZE}">'
            f'<ofd:TextCode X="0" Y="{SIZE}" DeltaX="g {max(len(text) - 1, 0)} {SIZE}">{text}</ofd:TextCode>'
            "</ofd:TextObject>")


def page_xml(placed: list[tuple[float, float, str]]) -> str:
    # Written out of reading order on purpose: the reader sorts by position.
    objects = "".join(text_object(i, x, y, t) for i, (x, y, t) in enumerate(reversed(placed), start=10))
    return f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">{objects}' \
           "</ofd:Layer></ofd:Content></ofd:Page>"


def compose_ofd(pages: list[list[tuple[float, float, str]]], extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.1">'
                         "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        listing = "".join(f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        package.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}>'
                         f"<ofd:Pages>{listing}</ofd:Pages></ofd:Document>")
        for i, placed in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", page_xml(placed))
        for name, content in (extra or {}).items():
            package.writestr(name, content)
    return buffer.getvalue()


PAGE_ONE = [
    (40, 30, "某某区2025年科技工作要点"),
    (20, 45, "一、主要目标"),
    (20, 55, "全区高新技术企业达到128家（区科技局牵头，区统计局配合）。"),
]
PAGE_TWO = [
    (20, 30, "序号"), (40, 30, "工作任务"), (110, 30, "牵头单位"), (150, 30, "配合单位"),
    (20, 40, "1"), (40, 40, "技术合同成交额达到15亿元"), (110, 40, "区科技局"), (150, 40, "区财政局"),
]


def test_ofd_text_in_reading_order_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.ofd"
    path.write_bytes(compose_ofd([PAGE_ONE, PAGE_TWO]))
    text = read_text(path)
    assert text.startswith("某某区2025年科技工作要点\n一、主要目标\n全区高新技术企业达到128家")
    corpus = read_corpus([path])
    assert not corpus.errors
    found = {(t.indicator, t.value, t.unit, tuple((o.surface, o.role) for o in t.owners)) for t in corpus.targets}
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in found
    assert ("技术合同成交额", 15.0, "亿元", (("区科技局", "lead"), ("区财政局", "support"))) in found
    doc = corpus.documents[0]
    target = next(t for t in corpus.targets if t.value == 15.0)
    assert doc.text[target.start:target.end] == "15亿元"


def test_ofd_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.ofd"
    path.write_bytes(compose_ofd([PAGE_ONE], {"Doc_0/Res/big.bin": b"\0" * (3 * 2**20)}))
    with pytest.raises(IngestError, match=r"bomb\.ofd: the \.ofd unpacks to more than 1 MB"):
        read_text(path, max_unpacked_bytes=2**20)


def test_ofd_entities_are_refused(tmp_path: Path) -> None:
    page = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ofd:Page ' + NS + ">&a;</ofd:Page>"
    data = compose_ofd([PAGE_ONE])
    path = tmp_path / "entity.ofd"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = page.encode() if info.filename.endswith("Content.xml") else source.read(info)
            target.writestr(info.filename, content)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match="declares a DTD or entities"):
        read_text(path)


def test_not_an_ofd(tmp_path: Path) -> None:
    path = tmp_path / "plan.ofd"
    path.write_bytes(b"%PDF-1.4 not an ofd")
    with pytest.raises(IngestError, match=r"plan\.ofd: not a valid \.ofd \(not a zip package\)"):
        read_text(path)
