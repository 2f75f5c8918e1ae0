"""Photos and scans: images drawn here from short texts of our own (rendered, rotated, blurred, in two
columns, as a scanned PDF and a HEIC photo) are read through OCR; broken and oversized images give one
line, before decoding."""

from __future__ import annotations

import io
import random
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from rehabit.reader import (
    InputTooLarge,
    ScannedDocument,
    UnreadableInput,
    boxes_json,
    evidence_boxes,
    page_previews,
    read_bytes,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

HANDOUT = [
    ("Wall sit", ["Stand with your back against a wall and slide down",
                  "until your knees are bent. Hold for 30 seconds.", "Do 3 sets."]),
    ("Clamshell", ["Lie on your side with your knees bent. Open your", "top knee like a clamshell, then close it.",
                   "Do 2 sets of 15 on each side."]),
]  # fmt: skip
EXPECTED = [("wall sit", None, (30, 30), (3, 3), False), ("clamshell", (15, 15), None, (2, 2), True)]


def _page(sections: list[tuple[str, list[str]]], columns: int = 1) -> tuple[Image.Image, dict[str, tuple[int, int]]]:
    """A white page with each exercise's heading and lines; the y-range where each line was drawn."""
    width = 1240 if columns == 1 else 2200
    page = Image.new("L", (width, 1100), 255)
    draw = ImageDraw.Draw(page)
    body, heading = ImageFont.truetype(FONT, 28), ImageFont.truetype(BOLD, 36)
    drawn: dict[str, tuple[int, int]] = {}
    column_width = (width - 160) // columns
    for index, (title, lines) in enumerate(sections):
        x = 80 + (index % columns) * column_width
        y = 100 + (index // columns if columns > 1 else index) * 400
        draw.text((x, y), title, font=heading, fill=0)
        y += 70
        for line in lines:
            draw.text((x, y), line, font=body, fill=0)
            drawn[line] = (y, y + 34)
            y += 44
    return page, drawn


def _photo(page: Image.Image, angle: float = 0.0, blur: float = 0.0) -> Image.Image:
    """The page on a dark table, turned by `angle` degrees and blurred like a hand-held shot."""
    table = Image.new("L", (page.width + 240, page.height + 240), 70)
    table.paste(page, (120, 120))
    if angle:
        table = table.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=70)
    return table.filter(ImageFilter.GaussianBlur(blur)) if blur else table


def _encoded(image: Image.Image, kind: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, kind, **options)
    return out.getvalue()


def _summary(data: bytes, fmt: str | None = None) -> list[tuple[object, ...]]:
    result = read_bytes(data, fmt, "handout")
    return [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises]


@pytest.mark.parametrize(("angle", "blur"), [(0.0, 0.0), (4.0, 1.0), (-7.5, 1.5)])
def test_a_photo_of_a_handout_is_read(angle: float, blur: float) -> None:
    page, _drawn = _page(HANDOUT)
    assert _summary(_encoded(_photo(page, angle, blur), quality=60)) == EXPECTED


def test_two_columns_are_read_one_after_the_other() -> None:
    page, _drawn = _page(HANDOUT, columns=2)
    assert _summary(_encoded(_photo(page, 3.0, 1.0), "PNG")) == EXPECTED


def test_each_value_points_to_its_words_on_the_photo() -> None:
    page, drawn = _page(HANDOUT)
    photo = _photo(page, blur=0.8)
    result = read_bytes(_encoded(photo, "PNG"), None, "handout.png")
    assert isinstance(result.document, ScannedDocument) and result.document.format == "image"
    assert [(p.width, p.height) for p in result.document.pages] == [photo.size]
    clamshell = result.exercises[1]
    reps = next(e for e in clamshell.evidence if e.field == "reps")
    boxes = evidence_boxes(result, reps)
    assert [b.text for b in boxes] == ["15"]
    top, bottom = drawn["Do 2 sets of 15 on each side."]
    (left, upper), _tr, (right, lower), _bl = boxes[0].polygon
    assert top + 120 - 6 <= upper < lower <= bottom + 120 + 6  # the page sits 120 px into the photo
    assert 0 < left < right < photo.width and boxes[0].confidence > 0.75
    shown = boxes_json(result)
    assert shown["pages"] == [{"width": photo.width, "height": photo.height}]
    value = next(v for v in shown["exercises"][1]["values"] if v["field"] == "reps")
    assert value["value"] == "15" and value["review"] is False and value["boxes"][0]["text"] == "15"


def test_explain_gives_the_place_on_the_image(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _drawn = _page(HANDOUT)
    photo = tmp_path / "handout.jpg"
    photo.write_bytes(_encoded(_photo(page, 2.0, 0.8), quality=60))
    result = cli("read", "--explain", str(photo))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    reps = next(i for i, line in enumerate(lines) if line.strip().startswith("reps = 15"))
    assert lines[reps + 1].strip().startswith("on the image: page 1 at ")
    assert lines[reps + 1].endswith("% sure")


def test_hyphenated_words_are_joined_and_exercises_stay_apart() -> None:
    lines = ["Kneel on all fours. Reach one arm forward and the oppo-", "site leg back. Hold for 5 seconds."]
    lines.append("Repeat 8 times.")
    sections = [("Bird dog", lines)]
    page, _drawn = _page(sections + HANDOUT[:1])
    result = read_bytes(_encoded(_photo(page, 1.0, 0.6), "PNG"), None, "handout")
    assert "opposite leg back" in result.document.text and "oppo-" not in result.document.text
    assert [(e.name, e.reps, e.hold_s) for e in result.exercises] == [
        ("bird dog", (8, 8), (5, 5)),
        ("wall sit", None, (30, 30)),
    ]


def _smudged(blur: float, specks: int) -> bytes:
    """The handout with its clamshell dose line blurred and specked, as a photo."""
    page, drawn = _page(HANDOUT)
    top, bottom = drawn["Do 2 sets of 15 on each side."]
    band = page.crop((0, top - 4, page.width, bottom + 4))
    draw, chance = ImageDraw.Draw(band), random.Random(3)
    for _ in range(specks):
        x, y = chance.randrange(80, 600), chance.randrange(0, band.height)
        draw.ellipse((x, y, x + 2, y + 2), fill=0)
    page.paste(band.filter(ImageFilter.GaussianBlur(blur)), (0, top - 4))
    return _encoded(_photo(page), "PNG")


def test_a_value_read_from_unclear_print_is_marked_for_review() -> None:
    result = read_bytes(_smudged(2.8, 0), None, "handout")
    clamshell = result.exercises[1]
    assert (clamshell.name, clamshell.reps, clamshell.sets) == ("clamshell", (15, 15), (2, 2))
    flagged = r"^check clamshell: its [a-z ]+ \(\w+\) was read from unclear print"
    assert any(re.match(flagged, w) for w in result.warnings), result.warnings
    shown = boxes_json(result)
    assert any(v["review"] for v in shown["exercises"][1]["values"])
    assert not any(v["review"] for v in shown["exercises"][0]["values"])


def test_print_that_can_hardly_be_read_is_named_in_a_warning() -> None:
    result = read_bytes(_smudged(1.4, 600), None, "handout")
    assert any(re.match(r"^\d+ words on the photo could hardly be read \(such as '", w) for w in result.warnings)


def test_a_scanned_pdf_is_read_through_ocr() -> None:
    page, _drawn = _page(HANDOUT)
    scan = io.BytesIO()
    turned = page.rotate(1.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    turned.filter(ImageFilter.GaussianBlur(0.7)).convert("RGB").save(scan, "PDF", resolution=150)
    result = read_bytes(scan.getvalue(), None, "scan.pdf")
    assert result.document.format == "pdf" and isinstance(result.document, ScannedDocument)
    assert [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises] == EXPECTED
    [preview] = page_previews(result.document)  # made in the reader from the page it decoded
    shown = Image.open(io.BytesIO(preview))
    assert shown.format == "JPEG" and shown.size == (1240, 1100)  # the page image, never enlarged
    assert [(p.width, p.height) for p in result.document.pages] == [(1240, 1100)]


def test_a_heic_photo_is_read() -> None:
    pillow_heif = pytest.importorskip("pillow_heif")  # a declared dependency: present wherever rehabit is
    pillow_heif.register_heif_opener()
    page, _drawn = _page(HANDOUT)
    assert _summary(_encoded(_photo(page, 2.0), "HEIF", quality=90)) == EXPECTED


def test_a_blank_photo_has_no_text() -> None:
    with pytest.raises(UnreadableInput, match=r"^blank\.jpg: no text was found in the image") as caught:
        read_bytes(_encoded(Image.new("L", (1200, 1600), 250)), None, "blank.jpg")
    assert "\n" not in str(caught.value)


def _png(width: int, height: int, bit_depth: int, colour: int, rows: int | None = None) -> bytes:
    """A PNG of one flat colour, written chunk by chunk: a few hundred KB however many pixels it has."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    channels = {0: 1, 2: 3, 6: 4}[colour]
    row = b"\x00" + b"\xff" * ((width * channels * bit_depth + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height if rows is None else rows)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_a_20000_by_20000_image_is_refused_before_decoding() -> None:
    data = _png(20_000, 20_000, 1, 0)  # 400 million pixels
    assert len(data) < 1_000_000
    with pytest.raises(InputTooLarge, match=r"^big\.png: the image is 20,000 × 20,000 pixels; the limit is 40 million"):
        read_bytes(data, None, "big.png")


def test_a_png_bomb_is_refused_before_decoding() -> None:
    data = _png(30_000, 30_000, 8, 6, rows=300)  # 3.6 GB of pixels declared, a few hundred KB sent
    with pytest.raises(InputTooLarge, match=r"^bomb\.png: the image is 30,000 × 30,000 pixels"):
        read_bytes(data, None, "bomb.png")


def test_a_truncated_jpeg_is_one_line() -> None:
    page, _drawn = _page(HANDOUT)
    data = _encoded(_photo(page))
    with pytest.raises(UnreadableInput, match=r"^cut\.jpg: the image is damaged or cut short; nothing to read$"):
        read_bytes(data[: len(data) // 2], None, "cut.jpg")


def test_a_photo_reads_from_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, _drawn = _page(HANDOUT)
    photo = tmp_path / "handout.jpg"
    photo.write_bytes(_encoded(_photo(page, 5.0, 1.0), quality=60))
    result = cli("read", "--format", "json", str(photo))
    assert result.exit_code == 0, result.output
    assert '"name": "wall sit"' in result.stdout and '"name": "clamshell"' in result.stdout
