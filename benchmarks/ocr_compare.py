"""Compare the offline OCR candidates on composed scans: character accuracy and seconds per page.

Pages are drawn here with Pillow and the Noto CJK font (plan-like sentences composed for the purpose,
a responsibility table, and a page turned by 1.5 degrees), at 150, 200 and 300 dpi, with a little
noise. Candidates: Tesseract 5 ``chi_sim`` (Debian, as plankg runs it) and RapidOCR
(``rapidocr-onnxruntime``, PP-OCRv4 models inside the wheel), when installed.

    python benchmarks/ocr_compare.py            # prints a Markdown table
"""
from __future__ import annotations

import random
import re
import subprocess
import time
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from plankg.ingest.ocr import ocr_image

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
PROSE = [
    "某某县2025年科技工作要点",
    "一、主要目标",
    "到2025年，全县高新技术企业达到128家，科技型中小企业",
    "突破460家，研发经费投入占地区生产总值比重达到3.2%，",
    "技术合同成交额达到15.6亿元，每万人发明专利拥有量",
    "达到12件。新建省级研发机构8家（县科技局牵头，县经信",
    "局、县财政局配合）。",
    "二、重点任务",
    "（一）实施创新主体培育工程。加快构建企业梯度培育体系，",
    "全年新认定高新技术企业30家以上。",
]
TABLE = [
    ["序号", "工作任务", "牵头单位", "完成时限"],
    ["1", "高新技术企业达到128家", "县科技局", "2025年12月"],
    ["2", "研发投入增长15%", "县财政局", "2025年12月"],
    ["3", "新建研发机构8家", "县经信局", "2025年10月"],
]


def draw_page(dpi: int, kind: str) -> tuple[Image.Image, str]:
    """A page image and the text it shows (no spaces)."""
    point = dpi / 72
    font = ImageFont.truetype(FONT, int(12 * point))
    width = int(8.27 * dpi)
    rows = TABLE if kind == "table" else [[line] for line in PROSE]
    height = int((len(rows) * 24 + 80) * point)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    columns = [int(x * point) for x in (50, 100, 330, 430)]
    y = int(40 * point)
    for row in rows:
        for index, cell in enumerate(row):
            x = columns[index] if kind == "table" else int(60 * point)
            draw.text((x, y), cell, font=font, fill=0)
        if kind == "table":
            draw.line([(columns[0] - 8, y - 4), (width - 40, y - 4)], fill=0, width=max(1, dpi // 100))
        y += int(24 * point)
    if kind == "skewed":
        page = page.rotate(1.5, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    noise = random.Random(dpi)
    pixels = page.load()
    for _ in range(page.width * page.height // 400):
        pixels[noise.randrange(page.width), noise.randrange(page.height)] = noise.choice((0, 160))
    page = page.filter(ImageFilter.GaussianBlur(0.4))
    return page, "".join("".join(row) for row in rows)


def accuracy(truth: str, found: str) -> float:
    """1 - edit distance / length over the characters (whitespace ignored)."""
    # Full-width and half-width brackets and digits are the same characters here.
    a, b = unicodedata.normalize("NFKC", truth), re.sub(r"\s", "", unicodedata.normalize("NFKC", found))
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
        previous = current
    return max(0.0, 1 - previous[-1] / len(a))


def tesseract(page: Image.Image) -> str:
    return ocr_image(page).text


def rapidocr(page: Image.Image) -> str:
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = getattr(rapidocr, "engine", None) or RapidOCR()
    rapidocr.engine = engine  # type: ignore[attr-defined]
    result, _ = engine(np.array(page.convert("RGB")))
    return "".join(item[1] for item in result or [])


def main() -> None:
    engines = {"tesseract 5 chi_sim": tesseract}
    try:
        import rapidocr_onnxruntime  # noqa: F401

        engines["rapidocr-onnxruntime (PP-OCRv4)"] = rapidocr
    except ImportError:
        pass
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    print(f"<!-- {version}; {Path(FONT).name} -->")
    print("| engine | dpi | page | accuracy | s/page |\n| --- | --- | --- | --- | --- |")
    for name, engine in engines.items():
        engine(draw_page(150, "prose")[0])  # warm up (model load)
        for dpi in (150, 200, 300):
            for kind in ("prose", "table", "skewed"):
                page, truth = draw_page(dpi, kind)
                began = time.monotonic()
                found = engine(page)
                seconds = time.monotonic() - began
                print(f"| {name} | {dpi} | {kind} | {accuracy(truth, found):.3f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
