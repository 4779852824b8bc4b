"""Small generators of hostile files: tiny on disk, costly to parse (issue 23, item 4)."""
from __future__ import annotations

import io
import zipfile
import zlib


def pdf_bytes(page_count: int, operators: int, shared: bool = True, text: str = "plan") -> bytes:
    """A PDF of ``page_count`` pages whose content streams hold ``operators`` operators each.

    With ``shared`` every page uses one content stream (the file stays a few KB however many pages).
    """
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET\n".encode() + b"q Q\n" * operators
    stream = zlib.compress(body, 9)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content_ids: list[int] = []
    for _ in range(1 if shared else page_count):
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_ids.append(len(objects))
    page_ids = []
    for index in range(page_count):
        content = content_ids[0 if shared else index]
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % content)
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % page_count
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def nested_tags_html(tags: int) -> bytes:
    """A page of ``tags`` unclosed ``<b>`` tags around one sentence."""
    return b"<html><body><p>" + b"<b>" * tags + "到2025年，高新技术企业达到100家。".encode() + b"</p></body></html>"


def docx_bytes(paragraph_xml: bytes, count: int) -> bytes:
    """A .docx whose body repeats ``paragraph_xml`` ``count`` times (deflated: small on disk)."""
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + w + b"><w:body>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'))
        package.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        with package.open("word/document.xml", "w") as member:
            member.write(document)
            chunk = paragraph_xml * 10_000
            for _ in range(count // 10_000):
                member.write(chunk)
            member.write(paragraph_xml * (count % 10_000))
            member.write(b"</w:body></w:document>")
    return buffer.getvalue()
