"""OCR for photos and scans of a handout, with Tesseract; every word keeps its box on the image.

Tesseract 5 (Debian's `tesseract-ocr`, English data) was chosen over RapidOCR by measurement: on
photographed handouts it read 97-100 % of the words right where RapidOCR's bundled models, made for
Chinese, ran English words together; single-threaded it reads a page in about a second on two cores.

The text is laid out as Tesseract's page analysis found it (columns and blocks in reading order): one
line per printed line, a blank line between paragraphs and around headings (taller lines), words split
by a hyphen at a line's end joined again. The result is a `ScannedDocument`: a `Document` whose
`boxes` say, for each word's span in `Document.text`, where it is on which page image.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Any

from rehabit.reader.extract import Document, UnreadableInput, from_text
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits

if TYPE_CHECKING:
    from PIL import Image

    from rehabit.reader.pipeline import ReaderResult
    from rehabit.reader.provenance import Evidence

REVIEW_CONFIDENCE = 0.8  # a value read from words Tesseract is less sure of is marked for review
UNCLEAR_CONFIDENCE = 0.5  # words below this are named in a warning on the whole reading
_JUNK_CONFIDENCE = 35  # lines of only such words (a figure's lines and shading) are left out
Point = tuple[int, int]


class OcrUnavailable(UnreadableInput):
    """Tesseract is not installed, so photos and scans cannot be read."""


@dataclass(frozen=True)
class TextBox:
    """One word on a page image: its span in `Document.text`, its corners on the upright image
    (top-left, top-right, bottom-right, bottom-left, in pixels) and Tesseract's confidence (0-1)."""

    start: int
    end: int
    page: int
    polygon: tuple[Point, Point, Point, Point]
    confidence: float
    text: str

    def as_json(self) -> dict[str, Any]:
        """The box as JSON for a web view: page, polygon [[x, y] x 4], confidence, text."""
        return {"page": self.page, "polygon": [list(p) for p in self.polygon],
                "confidence": round(self.confidence, 2), "text": self.text}  # fmt: skip


@dataclass(frozen=True)
class PageImage:
    """A page image as the boxes' coordinates see it: the upright photo (EXIF orientation applied)."""

    width: int
    height: int
    skew_degrees: float
    page_found: bool


@dataclass
class ScannedDocument(Document):
    """A document read through OCR: `boxes` locate its words on `pages` (a page image each)."""

    boxes: list[TextBox] = field(default_factory=list)
    pages: list[PageImage] = field(default_factory=list)


@dataclass
class _Word:
    text: str
    boxes: list[tuple[tuple[Point, Point, Point, Point], float]]  # a hyphenated word has two
    page: int


# --- running Tesseract ------------------------------------------------------------------------


def tesseract() -> str:
    """The tesseract program's path; OcrUnavailable, naming the package to install, when missing."""
    found = shutil.which("tesseract")
    if found is None:
        raise OcrUnavailable(
            "reading photos and scans needs Tesseract OCR: install Debian's tesseract-ocr package "
            "(sudo apt-get install tesseract-ocr; `make run` does it when run as root)"
        )
    return found


def _recognize(pixels: Any, name: str, deadline: float) -> list[dict[str, str]]:
    """Tesseract's TSV rows for a prepared page (automatic page segmentation, English)."""
    import cv2

    ok, encoded = cv2.imencode(".png", pixels)
    if not ok:
        raise UnreadableInput(f"{name}: the image could not be prepared for OCR")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputTooLarge(f"{name}: reading it through OCR took too long")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread is faster on two cores, and shares them
    try:
        command = [tesseract(), "stdin", "stdout", "-l", "eng", "--psm", "3", "-c", "thresholding_method=1", "tsv"]
        done = subprocess.run(command, input=encoded.tobytes(), capture_output=True, timeout=remaining, env=env)
    except subprocess.TimeoutExpired:
        raise InputTooLarge(f"{name}: reading it through OCR took too long") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableInput(f"{name}: OCR failed ({(message or ['no message'])[-1][:160]})")
    table = io.StringIO(done.stdout.decode("utf-8", "replace"))
    return list(csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class _Placed:
    """A word where Tesseract saw it on the prepared page, with its line's key (block, paragraph, line)."""

    word: _Word
    left: int
    top: int
    right: int
    bottom: int
    key: tuple[int, int, int]
    confidence: float


def _page_words(rows: list[dict[str, str]], homography: Any, page: int) -> list[list[list[_Word]]]:
    """Words grouped as paragraphs of lines in reading order (columns one after the other), each word's
    box mapped back onto the upright image."""
    import numpy as np

    inverse = np.linalg.inv(homography)
    placed: list[_Placed] = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        corners = np.array([[left, top, 1], [left + width, top, 1], [left + width, top + height, 1],
                            [left, top + height, 1]], dtype=np.float64)  # fmt: skip
        mapped = corners @ inverse.T
        mapped = mapped[:, :2] / mapped[:, 2:3]
        polygon: Any = tuple((round(x), round(y)) for x, y in mapped)
        confidence = max(0.0, float(row.get("conf") or 0)) / 100
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        word = _Word(text, [(polygon, confidence)], page)
        placed.append(_Placed(word, left, top, left + width, top + height, key, confidence))
    paragraphs: list[list[list[_Word]]] = []
    heights: list[float] = []
    for region in _reading_order(placed):
        lines: dict[tuple[int, int, int], list[_Placed]] = {}
        for item in region:
            lines.setdefault(item.key, []).append(item)
        kept = [words for words in lines.values() if not all(_junk(w) for w in words)]
        if not kept:
            continue
        tops = [min(w.top for w in words) for words in kept]
        pitches = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
        tall = median(max(w.bottom for w in words) - min(w.top for w in words) for words in kept)
        pitch = median(pitches) if len(pitches) >= 2 else tall * 1.5
        for index, words in enumerate(kept):  # Tesseract's order of lines within a column
            words.sort(key=lambda w: w.left)
            step = tops[index] - tops[index - 1] if index else None
            if step is None or step > pitch * 1.4 or step < 0:  # more than a line's spacing: a new paragraph
                paragraphs.append([])
            paragraphs[-1].append([w.word for w in words])
            heights.append(median(w.bottom - w.top for w in words))
    return _split_headings(paragraphs, heights)


def _junk(word: _Placed) -> bool:
    """A word of a figure or shading rather than print: unsure, or no letter or digit."""
    return word.confidence * 100 < _JUNK_CONFIDENCE or not any(c.isalnum() for c in word.word.text)


def _reading_order(words: list[_Placed]) -> list[list[_Placed]]:
    """Regions of words in reading order, by recursive cuts: at a gutter between two columns of running
    text first (left column, then right), else at the widest gap between lines (top, then bottom)."""
    if len(words) < 8:
        return [words] if words else []
    size = median(w.bottom - w.top for w in words)
    gutter = _gutter(words, size)
    if gutter is not None:
        left = [w for w in words if w.right <= gutter]
        right = [w for w in words if w.right > gutter]
        return _reading_order(left) + _reading_order(right)
    spans = sorted((w.top, w.bottom) for w in words)
    best_gap, cut = 0, None
    reach = spans[0][1]
    for top, bottom in spans[1:]:
        if top - reach > best_gap:
            best_gap, cut = top - reach, top
        reach = max(reach, bottom)
    if cut is None or best_gap < size * 0.6:
        return [words]
    above = [w for w in words if w.top < cut]
    below = [w for w in words if w.top >= cut]
    if not above or not below:
        return [words]
    upper, lower = _reading_order(above), _reading_order(below)
    if len(upper) == 1 and len(lower) == 1:
        return [words]  # no columns on either side: Tesseract's own order stands
    return upper + lower


def _gutter(words: list[_Placed], size: float) -> int | None:
    """The x of a clear vertical gap with running text (lines of several words) on both sides."""
    lo, hi = min(w.left for w in words), max(w.right for w in words)
    covered = [False] * (hi - lo + 1)
    for w in words:
        for x in range(w.left - lo, w.right - lo):
            covered[x] = True
    best: tuple[int, int] | None = None
    start: int | None = None
    for x, ink in enumerate(covered + [True]):
        if not ink and start is None:
            start = x
        elif ink and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < size * 1.5:
        return None
    middle = lo + (best[0] + best[1]) // 2
    sides = ([w for w in words if w.right <= middle], [w for w in words if w.right > middle])
    return middle if all(_running_text(side) for side in sides) else None


def _running_text(words: list[_Placed]) -> bool:
    """Lines of three words or more, most of them: a column of text rather than a table's cells."""
    lines: dict[tuple[int, int, int], int] = {}
    for w in words:
        lines[w.key] = lines.get(w.key, 0) + 1
    return len(lines) >= 2 and median(lines.values()) >= 3


def _split_headings(paragraphs: list[list[list[_Word]]], heights: list[float]) -> list[list[list[_Word]]]:
    """A line printed clearly taller than the page's body text is a heading: a paragraph of its own."""
    if not heights:
        return paragraphs
    body = median(heights)
    out: list[list[list[_Word]]] = []
    index = 0
    for paragraph in paragraphs:
        current: list[list[_Word]] = []
        for line in paragraph:
            tall = heights[index] > body * 1.3
            index += 1
            if tall:
                if current:
                    out.append(current)
                current = []
            current.append(line)
            if tall:
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


def _layout(paragraphs: list[list[list[_Word]]]) -> tuple[str, list[_Word]]:
    """Text with one line per printed line and a blank line between paragraphs; hyphenated words joined."""
    words: list[_Word] = []
    out_lines: list[str] = []
    for paragraph in paragraphs:
        lines = [list(line) for line in paragraph]
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following and _hyphenated(line[-1].text, following[0].text):
                first, second = line.pop(), following.pop(0)
                line.append(_Word(first.text[:-1] + second.text, first.boxes + second.boxes, first.page))
            if line:
                out_lines.append(" ".join(w.text for w in line))
                words.extend(line)
        out_lines.append("")
    return "\n".join(out_lines).strip() + "\n", words


def _hyphenated(end: str, start: str) -> bool:
    return len(end) >= 3 and end.endswith("-") and end[-2].isalpha() and start[:1].islower()


# --- documents --------------------------------------------------------------------------------


def read_image(data: bytes, source: str = "", limits: Limits = DEFAULT_LIMITS) -> ScannedDocument:
    """A photo or scan (JPEG, PNG, HEIC, WebP, TIFF) read through OCR, its words' boxes kept."""
    from rehabit.reader.images import open_image

    name = source or "input"
    image = open_image(data, name, limits)
    doc = read_pages([None], {0: image}, source, limits)
    doc.format = "image"
    return doc


def read_pages(texts: list[str | None], scans: dict[int, Image.Image], source: str, limits: Limits) -> ScannedDocument:
    """Pages in order: text-layer pages as given, the others (None) read from their image in `scans`."""
    from rehabit.reader.images import prepare

    name = source or "input"
    tesseract()
    deadline = time.monotonic() + limits.seconds
    parts: list[str] = []
    words: list[list[_Word]] = []
    pages: list[PageImage] = []
    for number, text in enumerate(texts):
        if text is not None:
            parts.append(text)
            words.append([])
            continue
        image = scans.get(number)
        if image is None:
            continue
        prepared = prepare(image)
        rows = _recognize(prepared.pixels, name, deadline)
        page_text, page_words = _layout(_page_words(rows, prepared.homography, len(pages)))
        pages.append(PageImage(image.width, image.height, prepared.skew_degrees, prepared.page_found))
        parts.append(page_text)
        words.append(page_words)
    if not any(part.strip() for part in parts):
        raise UnreadableInput(f"{name}: no text was found in the image; is it a photo of a printed page?")
    plain = from_text("\n\n".join(parts), source)
    doc = ScannedDocument(text=plain.text, blocks=plain.blocks, title=plain.title, source=plain.source,
                          format="pdf", warnings=plain.warnings, pages=pages)  # fmt: skip
    doc.boxes = _align(doc.text, words)
    return doc


def _align(text: str, pages: list[list[_Word]]) -> list[TextBox]:
    """Each OCR word's span in the document text, found in order (extraction keeps words and their
    order, only spaces and line breaks change); a word it dropped (a bullet) is skipped."""
    boxes: list[TextBox] = []
    cursor = 0
    for words in pages:
        window: int | None = None  # the first word of a page may come after a text-layer page
        for word in words:
            found = text.find(word.text, cursor, None if window is None else cursor + window)
            if found < 0:
                continue
            for polygon, confidence in word.boxes:
                boxes.append(TextBox(found, found + len(word.text), word.page, polygon, confidence, word.text))
            cursor, window = found + len(word.text), 80
    return boxes


# --- what the reader's result says about OCR --------------------------------------------------


def boxes_for(document: Document, start: int, end: int) -> list[TextBox]:
    """The boxes of the words in `document.text[start:end]` (none for a document not read by OCR)."""
    return [b for b in getattr(document, "boxes", []) if b.start < end and b.end > start]


def evidence_boxes(result: ReaderResult, evidence: Evidence) -> list[TextBox]:
    """Where on the photo or scan the words behind one extracted value are."""
    return boxes_for(result.document, evidence.start, evidence.end)


def mark_for_review(result: ReaderResult) -> None:
    """Add a warning for each value read from words OCR was unsure of (below REVIEW_CONFIDENCE), and one
    for the whole reading when some print could hardly be read at all (a dose may be missing)."""
    if not isinstance(result.document, ScannedDocument):
        return
    unclear = [
        b for b in result.document.boxes if b.confidence < UNCLEAR_CONFIDENCE and any(c.isalnum() for c in b.text)
    ]
    if unclear:
        sample = " ".join(b.text for b in unclear[:6])[:80]
        result.warnings.append(
            f"{len(unclear)} {'word' if len(unclear) == 1 else 'words'} on the photo could hardly be read "
            f"(such as '{sample}'); "
            "check every exercise and dose against the handout"
        )
    for exercise in result.exercises:
        for evidence in exercise.evidence:
            boxes = evidence_boxes(result, evidence)
            if boxes and min(b.confidence for b in boxes) < REVIEW_CONFIDENCE:
                words = " ".join(dict.fromkeys(b.text for b in boxes))
                result.warnings.append(
                    f"check {exercise.name}: its {evidence.field.replace('_', ' ')} ({evidence.value}) was read from "
                    f"unclear print on the photo ('{words[:60]}', {min(b.confidence for b in boxes):.0%} sure)"
                )


def describe(document: Document, start: int, end: int) -> str:
    """Where a span is on the page image, for --explain ("page 1 at 120,340-410,372, 96% sure");
    empty for a document not read by OCR."""
    boxes = boxes_for(document, start, end)
    if not boxes:
        return ""
    xs = [x for b in boxes for x, _y in b.polygon]
    ys = [y for b in boxes for _x, y in b.polygon]
    sure = min(b.confidence for b in boxes)
    return f"page {boxes[0].page + 1} at {min(xs)},{min(ys)}-{max(xs)},{max(ys)}, {sure:.0%} sure"


def boxes_json(result: ReaderResult) -> dict[str, Any]:
    """For a web review: the page images' sizes and, per exercise and value, the boxes to highlight
    and whether the value is marked for review. Empty lists for a document not read by OCR."""
    document = result.document
    pages = [{"width": p.width, "height": p.height} for p in getattr(document, "pages", [])]
    exercises = []
    for exercise in result.exercises:
        values = []
        for evidence in exercise.evidence:
            boxes = evidence_boxes(result, evidence)
            values.append({"field": evidence.field, "value": evidence.value,
                           "review": bool(boxes) and min(b.confidence for b in boxes) < REVIEW_CONFIDENCE,
                           "boxes": [b.as_json() for b in boxes]})  # fmt: skip
        exercises.append({"name": exercise.name, "values": values})
    return {"pages": pages, "exercises": exercises}
