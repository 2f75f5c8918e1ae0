"""How well the reader reads photos of handouts: the dev articles rendered as photographed pages, read
through OCR and scored, next to the same articles read as text.

    .venv/bin/python bench/ocr_photos.py [--corpus ../shared/corpus/dev] [--variants straight,rotated,...]

Each article's main text is laid out as a printed handout of our own (headings in bold, a drawing beside
each exercise's heading), then photographed in one of these ways:
  straight     flat, sharp, JPEG quality 60
  rotated      turned 2-8 degrees on a dark table, uneven light, slight blur, JPEG 60
  perspective  taken at an angle (corners pulled up to 7 %), 0-3 degrees, blur, uneven light, JPEG 60
  two-columns  laid out in two columns, 0-4 degrees, blur, uneven light, JPEG 60
An article of one page becomes NAME.jpg; a longer one a scanned PDF of its pages (NAME.pdf). Every folder
is scored by ../shared/tools/score_reader.py through `rehabit read --format json`. Prints exercise F1 and
dose accuracy on the photos as a ratio to the text figures (goal >= 0.95), and seconds per page. Asserts
nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from rehabit.reader.extract import Block
from rehabit.reader.source import to_document

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
WIDTH, HEIGHT, MARGIN = 1240, 1754, 90  # A4 at 150 dpi
VARIANTS = ("straight", "rotated", "perspective", "two-columns")
_SUFFIX_FORMAT = {".html": "html", ".md": "md", ".txt": "txt"}


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def _column_widths(
    draw: ImageDraw.ImageDraw, rows: list[tuple[str, ...]], font: ImageFont.FreeTypeFont, width: int
) -> list[int]:
    """Widths of a table's columns in `width`: each as wide as its widest cell plus a gap, shrunk in
    proportion when the table is wider than the page's column."""
    count = max(len(row) for row in rows)
    natural = [
        max((draw.textlength(row[i], font=font) for row in rows if i < len(row)), default=0) + 40 for i in range(count)
    ]
    scale = min(1.0, width / sum(natural))
    return [int(w * scale) for w in natural]


def _figure(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """A simple drawing of a person exercising, as handouts have beside each exercise."""
    draw.rectangle((x, y, x + size, y + size), outline=120, width=3)
    cx, cy = x + size // 2, y + size // 2
    draw.ellipse((cx - 18, y + 30, cx + 18, y + 66), outline=40, width=5)
    draw.line((cx, y + 66, cx, cy + 30), fill=40, width=6)
    draw.line((cx - 50, cy - 10, cx + 50, cy - 30), fill=40, width=6)
    draw.line((cx, cy + 30, cx - 40, y + size - 30), fill=40, width=6)
    draw.line((cx, cy + 30, cx + 45, y + size - 40), fill=40, width=6)


def render(blocks: list[Block], columns: int) -> list[Image.Image]:
    """The blocks laid out on A4 pages: bold headings, bullets, a drawing beside each exercise heading."""
    body, heading = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 32)
    heading_small = ImageFont.truetype(BOLD, 25)
    gutter = 50
    column_width = (WIDTH - 2 * MARGIN - (columns - 1) * gutter) // columns
    pages: list[Image.Image] = []
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    column, y, figure_bottom = 0, MARGIN, 0

    def new_column() -> None:
        nonlocal column, y, page, draw, figure_bottom
        column += 1
        y, figure_bottom = MARGIN, 0
        if column >= columns:
            pages.append(page)
            page = Image.new("L", (WIDTH, HEIGHT), 255)
            draw = ImageDraw.Draw(page)
            column = 0

    table_widths: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind == "row" and block.cells:
            # a table is printed as a table: each cell in its column, wrapped within it, the header in bold
            first_row = index == 0 or blocks[index - 1].kind != "row"
            x0 = MARGIN + column * (column_width + gutter)
            if first_row:
                table = [b.cells for b in blocks[index:] if b.kind == "row"][:40]
                table_widths = _column_widths(draw, [block.header, *table] if block.header else table, body,
                                              column_width)  # fmt: skip
            rows = [(block.header, heading_small)] if first_row and block.header else []
            for cells, font in [*rows, (block.cells, body)]:
                wrapped = [
                    _wrap(draw, cell, font, max(40, w - 24)) for cell, w in zip(cells, table_widths, strict=False)
                ]
                height = 36 * max(1, *(len(lines) for lines in wrapped))
                if y + height > HEIGHT - MARGIN:
                    new_column()
                    x0 = MARGIN + column * (column_width + gutter)
                x = x0
                for lines, w in zip(wrapped, table_widths, strict=False):
                    for number, line in enumerate(lines):
                        draw.text((x, y + 36 * number), line, font=font, fill=0)
                    x += w
                y += height + 8
            if index + 1 >= len(blocks) or blocks[index + 1].kind != "row":
                y += 18
            continue
        is_heading = block.kind == "heading"
        font = heading if is_heading else body
        step = 44 if is_heading else 36
        x0 = MARGIN + column * (column_width + gutter)
        indent = 34 if block.kind == "item" else 0
        text = block.text if block.kind != "row" else "   ".join(block.cells or (block.text,))
        figure = 200 if columns == 1 else 150
        if is_heading and block.level >= 2 and y >= figure_bottom and y + figure + 60 < HEIGHT - MARGIN:
            _figure(draw, x0 + column_width - figure, y + 8, figure)
            figure_bottom = y + figure + 20
        words = text.split()
        first = True
        while words:
            if y + step > HEIGHT - MARGIN:
                new_column()
                x0 = MARGIN + column * (column_width + gutter)
            width = column_width - indent - (figure + 30 if y < figure_bottom else 0)
            line = _wrap(draw, " ".join(words[:40]), font, width)[0]
            words = words[len(line.split()) :]
            if block.kind == "item" and first:
                draw.text((x0, y), "•", font=body, fill=0)
            draw.text((x0 + indent, y), line, font=font, fill=0)
            first = False
            y += step
        y += 22 if is_heading else 18
    pages.append(page)
    return [p for p in pages if np.asarray(p).min() < 128]


def photograph(page: Image.Image, variant: str, chance: random.Random) -> Image.Image:
    """The page photographed: on a dark table, turned, at an angle, unevenly lit and blurred."""
    if variant == "straight":
        return page.filter(ImageFilter.GaussianBlur(0.4))
    pad = 160
    table = Image.new("L", (page.width + 2 * pad, page.height + 2 * pad), chance.randint(50, 90))
    table.paste(page, (pad, pad))
    angle = chance.uniform(2, 8) * chance.choice((-1, 1)) if variant == "rotated" else chance.uniform(-3, 3)
    if variant == "two-columns":
        angle = chance.uniform(-4, 4)
    if variant == "perspective":
        w, h = table.size
        pull = [chance.uniform(0, 0.07) for _ in range(4)]
        corners = [(pull[0] * w, pull[0] * h), (w - pull[1] * w, pull[1] * h * 0.5),
                   (w - pull[2] * w * 0.5, h - pull[2] * h), (pull[3] * w * 0.5, h - pull[3] * h)]  # fmt: skip
        table = table.transform(table.size, Image.Transform.PERSPECTIVE, _coefficients(corners, w, h),
                                resample=Image.Resampling.BICUBIC, fillcolor=70)  # fmt: skip
    table = table.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=70)
    light = np.linspace(1.0, chance.uniform(0.55, 0.8), table.width)[None, :]
    light = light * np.linspace(chance.uniform(0.85, 1.0), 1.0, table.height)[:, None]
    lit = Image.fromarray((np.asarray(table, dtype=np.float64) * light).clip(0, 255).astype(np.uint8))
    return lit.filter(ImageFilter.GaussianBlur(chance.uniform(0.6, 1.2)))


def _coefficients(corners: list[tuple[float, float]], w: int, h: int) -> list[float]:
    """PIL's perspective coefficients mapping the output rectangle onto `corners` of the input."""
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    rows = []
    for (x, y), (u, v) in zip(target, corners, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array([c for p in corners for c in p]))
    return [float(c) for c in solution]


def _jpeg(image: Image.Image) -> Image.Image:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=60)
    return Image.open(io.BytesIO(out.getvalue()))


def build(corpus: Path, variant: str, folder: Path) -> int:
    """The corpus as photos in `folder` (gold JSON beside each); the number of pages made."""
    chance = random.Random(f"{variant}-21")
    pages_made = 0
    for gold in sorted(corpus.glob("*.json")):
        article = next(p for p in corpus.glob(gold.stem + ".*") if p.suffix != ".json")
        document = to_document(article.read_bytes(), _SUFFIX_FORMAT.get(article.suffix), article.name)
        blocks = list(document.blocks)
        if document.title and not any(b.kind == "heading" and b.text == document.title for b in blocks[:3]):
            blocks.insert(0, Block("heading", document.title, 0, 0, level=1))
        shots = [
            _jpeg(photograph(page, variant, chance)) for page in render(blocks, 2 if variant == "two-columns" else 1)
        ]
        pages_made += len(shots)
        shutil.copy(gold, folder / gold.name)
        if len(shots) == 1:
            shots[0].save(folder / f"{gold.stem}.jpg", quality=95)  # already JPEG-60 pixels
        else:
            shots[0].save(folder / f"{gold.stem}.pdf", "PDF", save_all=True, append_images=shots[1:], resolution=150)
    return pages_made


def score(folder: Path) -> tuple[float, float, float]:
    """F1, dose accuracy and seconds from score_reader.py over a folder."""
    scorer = ROOT.parent / "shared" / "tools" / "score_reader.py"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    command = [sys.executable, str(scorer), "--gold", str(folder), "--quiet", "--timeout", "240",
               "--cmd", "rehabit read --format json {}"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    figures = re.search(r"F1=([\d.]+) dose_accuracy=([\d.]+)", done.stdout)
    seconds = re.search(r"seconds=([\d.]+)", done.stdout)
    if not figures or not seconds:
        raise SystemExit(f"score_reader.py printed no figures:\n{done.stdout}\n{done.stderr}")
    return float(figures.group(1)), float(figures.group(2)), float(seconds.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--keep", type=Path, help="keep the photos in this folder")
    args = parser.parse_args()
    articles = len(list(args.corpus.glob("*.json")))
    text_f1, text_dose, text_seconds = score(args.corpus)
    print(f"text:        F1={text_f1:.3f} dose={text_dose:.3f} ({articles} articles, {text_seconds:.1f} s)")
    total_f1 = total_dose = 0.0
    variants = [v for v in args.variants.split(",") if v]
    for variant in variants:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            pages = build(args.corpus, variant, folder)
            f1, dose, seconds = score(folder)
            if args.keep:
                shutil.copytree(folder, args.keep / variant, dirs_exist_ok=True)
        total_f1, total_dose = total_f1 + f1, total_dose + dose
        per_page = seconds / pages
        ocr_page = (seconds - text_seconds) / pages
        print(f"{variant + ':':12s} F1={f1:.3f} dose={dose:.3f}  ratio to text: F1 {f1 / text_f1:.3f}, dose "
              f"{dose / text_dose:.3f}  {pages} pages, {per_page:.2f} s a page ({ocr_page:.2f} s beyond reading "
              "the text)")  # fmt: skip
    if variants:
        count = len(variants)
        print(f"all photos:  ratio to text: F1 {total_f1 / count / text_f1:.3f}, "
              f"dose {total_dose / count / text_dose:.3f} (goal >= 0.95)")  # fmt: skip


if __name__ == "__main__":
    main()
