"""OCR for photos and scans of a handout, with Tesseract; every word keeps its box on the image.

Tesseract 5 (Debian's `tesseract-ocr`, English data; one uniform block, `--psm 6`, its lines split into
columns here) was chosen over RapidOCR by measurement: on
photographed handouts it read 97-100 % of the words right where RapidOCR's bundled models, made for
Chinese, ran English words together; single-threaded it reads a page in about a second on two cores.

The text is laid out as Tesseract's page analysis found it (columns and blocks in reading order): one
line per printed line, a blank line between paragraphs and around headings (taller lines), words split
by a hyphen at a line's end joined again. The result is a `ScannedDocument`: a `Document` whose
`boxes` say, for each word's span in `Document.text`, where it is on which page image.
"""

from __future__ import annotations

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

    from rehabit.reader.columns import Region
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
    """A page image as the boxes' coordinates see it: the upright photo (EXIF orientation applied), and
    a small JPEG of it for a view that highlights the boxes (scale a box by its width / `width`)."""

    width: int
    height: int
    skew_degrees: float
    page_found: bool
    preview: bytes = field(default=b"", repr=False)


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
    column_gap: bool = False  # far from the word before it on its line: the next cell of a table row
    wraps: bool = False  # the last word of a printed line that goes on in the next (no room for its word)
    runs_on: bool = False  # the last word of a paragraph whose last line is full: it may go on overleaf


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
        command = [tesseract(), "stdin", "stdout", "-l", "eng", "--psm", "6", "-c", "thresholding_method=2", "hocr"]
        done = subprocess.run(command, input=encoded.tobytes(), capture_output=True, timeout=remaining, env=env)
    except subprocess.TimeoutExpired:
        raise InputTooLarge(f"{name}: reading it through OCR took too long") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableInput(f"{name}: OCR failed ({(message or ['no message'])[-1][:160]})")
    return _hocr_words(done.stdout)


def _hocr_words(hocr: bytes) -> list[dict[str, str]]:
    """Words from Tesseract's hOCR, each with its block, paragraph and line numbers, box, confidence, and
    its line's baseline (y, in pixels) and print size (Tesseract's x_size)."""
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(hocr)  # Tesseract's own output, not the user's input
    words: list[dict[str, str]] = []
    counts = {"block": 0, "par": 0, "line": 0}
    for element in root.iter():
        kind = element.get("class", "")
        title = dict(part.strip().split(" ", 1) for part in element.get("title", "").split(";") if " " in part.strip())
        if kind == "ocr_carea":
            counts["block"] += 1
        elif kind == "ocr_par":
            counts["par"] += 1
        elif kind in ("ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"):
            counts["line"] += 1
            left, _top, _right, bottom = (int(v) for v in title["bbox"].split())
            slope, offset = (float(v) for v in title.get("baseline", "0 0").split())
            line = {"baseline": str(bottom + offset), "size": title.get("x_size", "0")}
        elif kind == "ocrx_word":
            x0, y0, x1, y1 = (int(v) for v in title["bbox"].split())
            text = "".join(element.itertext()).strip()
            words.append({"level": "5", "block_num": str(counts["block"]), "par_num": str(counts["par"]),
                          "line_num": str(counts["line"]), "left": str(x0), "top": str(y0), "width": str(x1 - x0),
                          "height": str(y1 - y0), "conf": title.get("x_wconf", "0"), "text": text, **line})  # fmt: skip
    return words


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
    baseline: float = 0.0
    size: float = 0.0


def _page_words(
    rows: list[dict[str, str]], homography: Any, page: int, pixels: Any = None, regions: list[Region] | None = None
) -> list[list[list[_Word]]]:
    """Words grouped as paragraphs of lines in reading order (columns one after the other), each word's
    box mapped back onto the upright image (through `regions` first when the page's columns were
    stacked for OCR)."""
    import numpy as np

    from rehabit.reader.columns import to_page
    from rehabit.reader.ocr_tables import join_wrapped_cells

    inverse = np.linalg.inv(homography)
    placed: list[_Placed] = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        dx, dy = 0.0, 0.0
        if regions:  # the word's column, moved back from the stacked picture onto the page
            x, y = to_page(regions, left, top + height / 2)
            dx, dy = x - left, y - (top + height / 2)
        corners = np.array([[left + dx, top + dy, 1], [left + width + dx, top + dy, 1],
                            [left + width + dx, top + height + dy, 1], [left + dx, top + height + dy, 1]],
                           dtype=np.float64)  # fmt: skip
        mapped = corners @ inverse.T
        mapped = mapped[:, :2] / mapped[:, 2:3]
        polygon: Any = tuple((round(x), round(y)) for x, y in mapped)
        confidence = max(0.0, float(row.get("conf") or 0)) / 100
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        word = _Word(text, [(polygon, confidence)], page)
        baseline, size = float(row.get("baseline") or top + height), float(row.get("size") or height)
        placed.append(_Placed(word, left, top, left + width, top + height, key, confidence, baseline, size))
    by_line: dict[tuple[int, int, int], list[_Placed]] = {}
    for item in placed:
        by_line.setdefault(item.key, []).append(item)
    printed: list[_Placed] = []
    for words in by_line.values():
        words = _without_strays(words)
        if words and not all(_junk(w) for w in words):
            if pixels is not None:
                _measure_line(words, pixels)
            printed.extend(words)
    paragraphs: list[list[list[_Word]]] = []
    printed_lines: list[list[list[_Placed]]] = []  # the same lines, where they are on the page
    heights: list[float] = []
    for region in _reading_order(printed):
        lines: dict[tuple[int, int, int], list[_Placed]] = {}
        for item in region:
            lines.setdefault(item.key, []).append(item)
        kept = _rows(list(lines.values()))
        for words in kept:
            words.sort(key=lambda w: w.left)
            _mark_column_gaps(words)
        kept, baselines = join_wrapped_cells(kept, [_baseline(words) for words in kept])
        pitches = [b - a for a, b in zip(baselines, baselines[1:], strict=False) if b > a]
        tall = median(max(w.bottom for w in words) - min(w.top for w in words) for words in kept)
        # the spacing of lines within a paragraph: the common small step (short paragraphs make the median larger)
        pitch = sorted(pitches)[len(pitches) // 4] if len(pitches) >= 2 else tall * 1.5
        previous: tuple[int, int] | None = None
        first_paragraph = len(printed_lines)
        body = median(_letter_size(words) for words in kept)
        for index, words in enumerate(kept):  # Tesseract's order of lines within a column
            step = baselines[index] - baselines[index - 1] if index else None
            block = words[0].key[:2]
            # a new paragraph: a gap of a third of a line or more, or a line out of order (another column);
            # a heading's lines are spaced by its own larger print
            heading = index > 0 and all(_letter_size(w) > body * 1.15 for w in (words, kept[index - 1]))
            heading_pitch = median(w.bottom - w.top for w in kept[index - 1]) * 2.0 if heading else 0.0
            if step is not None and 0 <= step <= heading_pitch:
                pass
            elif step is None or step < 0 or step > pitch * 1.3 or (block != previous and step > pitch * 1.2):
                paragraphs.append([])
                printed_lines.append([])
            previous = block
            paragraphs[-1].append([_bullet(w.word) if i == 0 else w.word for i, w in enumerate(words)])
            printed_lines[-1].append(words)
            heights.append(_letter_size(words))
        edge = max(w.right for w in region)  # the column's right edge
        for lines_of_paragraph in printed_lines[first_paragraph:]:
            _mark_wraps(lines_of_paragraph, edge)
            _mark_run_on(lines_of_paragraph[-1], edge)
        _mark_heading_wraps(printed_lines[first_paragraph:], body)
    return _split_headings(paragraphs, heights)


def _mark_heading_wraps(paragraphs: list[list[list[_Placed]]], body: float) -> None:
    """Mark each line of a heading printed over lines that goes on in the next: the next line's first word
    would not have fitted on it within the width the heading and the line under it take, as when a drawing
    beside the heading narrows the column ("3. Double" over "Knee-to-Chest", beside the drawing). A
    heading over another in the column's full width (a line of text under them) stays a heading of its own."""
    lines = [line for paragraph in paragraphs for line in paragraph]
    tall = [_letter_size(line) > body * 1.15 for line in lines]
    index = 0
    while index < len(lines):
        end = index
        while end + 1 < len(lines) and tall[index] and tall[end + 1] and _same_paragraph(paragraphs, end):
            end += 1
        width = max(w.right for line in lines[index : end + 2] for w in line)
        for line, following in zip(lines[index:end], lines[index + 1 : end + 1], strict=True):
            space = median(w.bottom - w.top for w in line) * 0.5
            first = following[0]
            if line[-1].right + space + (first.right - first.left) >= width - space:
                line[-1].word.wraps = True
        index = end + 1


def _same_paragraph(paragraphs: list[list[list[_Placed]]], index: int) -> bool:
    """Whether the region's line `index` and the one after it are in one paragraph."""
    for paragraph in paragraphs:
        if index < len(paragraph) - 1:
            return True
        if index < len(paragraph):
            return False
        index -= len(paragraph)
    return False


_WRAPPED_HEIGHTS = 15  # a wrapped line of running text is this many print heights long at least


def _mark_wraps(lines: list[list[_Placed]], edge: int) -> None:
    """Mark the last word of each line of a paragraph that was wrapped: it reaches so near the column's
    right edge (`edge`) that the next line's first word would not have fitted after it, and it is long. A
    shorter line was ended on purpose (an item, a dose, a heading of its own); a table's row and a bullet's
    line are never wrapped into the line before."""
    if len(lines) < 2:
        return
    for line, following in zip(lines, lines[1:], strict=False):
        first = following[0]
        if first.word.text == "•" or any(w.word.column_gap for w in line + following):
            continue
        height = median(w.bottom - w.top for w in line)
        space = height * 0.5
        long = line[-1].right - line[0].left >= height * _WRAPPED_HEIGHTS
        if long and line[-1].right + space + (first.right - first.left) >= edge - space:
            line[-1].word.wraps = True


_SENTENCE_ENDS = (".", "!", "?", ":", ";")


def _mark_run_on(line: list[_Placed], edge: int) -> None:
    """Mark the last word of a paragraph's last line when the line is long, full to the column's right edge
    (`edge`) and ends mid-sentence: the paragraph may go on at the top of the next column or page (a
    photo's page, or a column cut from the page), where a line starting in lower case takes it up."""
    if any(w.word.column_gap for w in line):
        return
    height = median(w.bottom - w.top for w in line)
    long = line[-1].right - line[0].left >= height * _WRAPPED_HEIGHTS
    if long and line[-1].right >= edge - height * 2.5 and not line[-1].word.text.endswith(_SENTENCE_ENDS):
        line[-1].word.runs_on = True


def _goes_on(before: list[_Word], text: str) -> bool:
    """Whether `text` (a paragraph, a page) takes up the paragraph the words `before` ended with."""
    return bool(before) and before[-1].runs_on and text[:1].islower()


def _rows(lines: list[list[_Placed]]) -> list[list[_Placed]]:
    """Lines printed on the same row joined into one, in Tesseract's order otherwise: Tesseract reads a
    table's columns as lines of their own (all the names, then all the doses), but a row is read across
    (the page's columns of running text are apart already, in regions of their own)."""
    rows: list[list[_Placed]] = []
    for line in lines:
        top, bottom = median(w.top for w in line), median(w.bottom for w in line)
        for row in rows:
            row_top, row_bottom = median(w.top for w in row), median(w.bottom for w in row)
            overlap = min(bottom, row_bottom) - max(top, row_top)
            apart = min(w.left for w in line) >= max(w.right for w in row) or max(w.right for w in line) <= min(
                w.left for w in row
            )
            if apart and overlap > 0.6 * min(bottom - top, row_bottom - row_top):
                row.extend(line)
                break
        else:
            rows.append(list(line))
    return rows


# A space between words is a third of the print's height or so; a gap of this many heights on one line is
# not a space but the next column (of a table, or a dose set apart from its exercise's name).
_COLUMN_GAP_HEIGHTS = 1.6


def _mark_column_gaps(words: list[_Placed]) -> None:
    """Mark each word (of a line sorted left to right) that stands a column's gap from the one before."""
    if len(words) < 2:
        return
    height = median(w.bottom - w.top for w in words)
    for before, word in zip(words, words[1:], strict=False):
        word.word.column_gap = word.left - before.right > height * _COLUMN_GAP_HEIGHTS


def _measure_line(words: list[_Placed], pixels: Any) -> None:
    """Each word's line baseline and x-height, measured from the ink of the line on the page: the rows
    where most of the line's columns carry ink are its x-height band, which ends at the baseline."""
    import numpy as np

    left, top = max(0, min(w.left for w in words)), max(0, min(w.top for w in words))
    right, bottom = max(w.right for w in words), max(w.bottom for w in words)
    strip = pixels[top:bottom, left:right]
    if strip.size == 0:
        return
    density = (strip < 128).mean(axis=1)
    dense = np.flatnonzero(density >= density.max() * 0.3)
    if dense.size == 0:
        return
    peak = int(density.argmax())
    band_top = band_bottom = peak
    members = set(dense.tolist())
    while band_top - 1 in members:
        band_top -= 1
    while band_bottom + 1 in members:
        band_bottom += 1
    for w in words:
        w.baseline, w.size = float(top + band_bottom + 1), float(band_bottom - band_top + 1)


def _baseline(words: list[_Placed]) -> float:
    """Where a line's letters stand."""
    return median(w.baseline for w in words)


def _letter_size(words: list[_Placed]) -> float:
    """A line's print size (its x-height)."""
    return median(w.size for w in words)


_BULLETS = frozenset("©®@eo«»*+°¢•·-–~")
_DASHES = frozenset({"-", "–", "—", "--"})


def _bullet(word: _Word) -> _Word:
    """A list bullet OCR read as another sign ("©", "e", "*") at a line's start, written as a bullet."""
    sign = (len(word.text) == 1 and word.text in _BULLETS) or (len(word.text) == 2 and not _has_letter(word.text))
    return _Word("•", word.boxes, word.page) if sign else word


def _has_letter(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _without_strays(words: list[_Placed]) -> list[_Placed]:
    """A line's words without marks of a drawing beside it: signs with no letter or digit after the first
    word, and unsure words standing far apart from the rest of the line. A bar that is the word "I" (see
    `_bar_is_i`) is written as I."""
    words = sorted(words, key=lambda w: w.left)
    height = median(w.bottom - w.top for w in words)
    kept: list[_Placed] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if word.word.text == "|" and _bar_is_i(words[index - 1] if index else None, word, following, height):
            word.word = _Word("I", word.word.boxes, word.word.page)
        sign = not _has_letter(word.word.text)
        between = (
            bool(kept)
            and following is not None
            and word.word.text in _DASHES
            and (word.left - kept[-1].right < height * 2 and following.left - word.right < height * 2)
        )  # "Cat cow - 10 slow reps": a dash set between words is punctuation, not a mark of a drawing
        if sign and not between and (index or word.word.text not in _BULLETS or following is None
                                     or following.left - word.right > height * 3):  # fmt: skip
            continue  # a sign inside a line, or the page's edge or a frame before it: not a bullet
        gap = word.left - kept[-1].right if kept else 0
        if kept and gap > height * 4 and word.confidence < 0.6:
            continue
        kept.append(word)
    return kept


def _bar_is_i(before: _Placed | None, bar: _Placed, after: _Placed | None, height: float) -> bool:
    """Whether a bar OCR read is the word "I": a word's space before a word in lower case ("| was
    running", "but | wouldn't"), or a word's space after the line's last word (its sentence goes on in
    the next line)."""
    if after is not None:
        return after.word.text[:1].islower() and after.left - bar.right < height
    return before is not None and bar.left - before.right < height and _has_letter(before.word.text)


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
    if _table_rows(words, middle, size):
        return None
    return middle if all(_running_text(side) for side in sides) else None


def _table_rows(words: list[_Placed], middle: int, size: float) -> bool:
    """Whether the lines across a gap are a table's rows: a line of two columns of text has one wide gap
    (the gutter), most rows of a table have more (a gap between every two cells)."""
    lines: dict[tuple[int, int, int], list[_Placed]] = {}
    for w in words:
        lines.setdefault(w.key, []).append(w)
    gaps = []
    for line in lines.values():
        if min(w.left for w in line) < middle < max(w.right for w in line):
            line.sort(key=lambda w: w.left)
            gaps.append(
                sum(b.left - a.right > size * _COLUMN_GAP_HEIGHTS for a, b in zip(line, line[1:], strict=False))
            )
    return len(gaps) >= 2 and median(gaps) >= 2


def _running_text(words: list[_Placed]) -> bool:
    """Lines of three words or more, most of them: a column of text rather than a table's cells."""
    lines: dict[tuple[int, int, int], int] = {}
    for w in words:
        lines[w.key] = lines.get(w.key, 0) + 1
    return len(lines) >= 2 and median(lines.values()) >= 3


def _split_headings(paragraphs: list[list[list[_Word]]], heights: list[float]) -> list[list[list[_Word]]]:
    """A line printed larger than the page's body text (its x-height) is a heading: a paragraph of its own,
    and a heading printed over two lines becomes one line."""
    if not heights:
        return paragraphs
    body = median(heights)
    out: list[list[list[_Word]]] = []
    index = 0
    for paragraph in paragraphs:
        current: list[list[_Word]] = []
        heading: list[_Word] = []
        for line in paragraph:
            tall = heights[index] > body * 1.15
            index += 1
            if tall:
                if current:
                    out.append(current)
                    current = []
                if heading and not heading[-1].wraps:
                    out.append([heading])  # a heading right under another: a heading of its own
                    heading = []
                heading.extend(line)
                continue
            if heading:
                out.append([heading])
                heading = []
            current.append(line)
        if heading:
            out.append([heading])
        if current:
            out.append(current)
    return out


def _layout(paragraphs: list[list[list[_Word]]]) -> tuple[str, list[_Word]]:
    """Text with a blank line between paragraphs, one line per printed line except that a wrapped line goes on
    in the line after it (an item, a dose line, a table's row stay lines of their own); hyphenated words
    joined."""
    words: list[_Word] = []
    out_lines: list[str] = []
    for paragraph in paragraphs:
        lines = [list(line) for line in paragraph]
        if out_lines and lines and lines[0] and _goes_on(words, lines[0][0].text):
            out_lines.pop()  # the blank line after the paragraph this one takes up
            words[-1].wraps = True
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following and _hyphenated(line[-1].text, following[0].text):
                first, second = line.pop(), following.pop(0)
                line.append(_Word(first.text[:-1] + second.text, first.boxes + second.boxes, first.page, wraps=True))
            if line:
                # cells of a table row stay apart (a tab), for the text reader to read the row as cells
                printed = "".join(("\t" if w.column_gap and i else " " if i else "") + w.text
                                  for i, w in enumerate(line))  # fmt: skip
                joined = bool(words) and bool(out_lines) and out_lines[-1] != "" and words[-1].wraps
                if joined:  # a wrapped line goes on in this one: one line of text, as printed
                    out_lines[-1] += " " + printed
                else:
                    out_lines.append(printed)
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
    from rehabit.reader.columns import stack
    from rehabit.reader.images import prepare
    from rehabit.reader.pages import preview

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
        pixels, regions = stack(prepared.pixels)  # a page's columns one above the other
        rows = _recognize(pixels, name, deadline)
        page_text, page_words = _layout(_page_words(rows, prepared.homography, len(pages), pixels, regions))
        shown = preview(image)  # from the pixels decoded once, for a review of the photo
        pages.append(PageImage(image.width, image.height, prepared.skew_degrees, prepared.page_found, shown))
        if parts and words[-1] and _goes_on(words[-1], page_text):
            parts[-1] = parts[-1].rstrip("\n") + " " + page_text  # a paragraph going on overleaf
            words[-1].extend(page_words)
        else:
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


def needs_review(result: ReaderResult, evidence: Evidence) -> bool:
    """Whether a value was read from words the OCR was unsure of (below REVIEW_CONFIDENCE)."""
    boxes = evidence_boxes(result, evidence)
    return bool(boxes) and min(b.confidence for b in boxes) < REVIEW_CONFIDENCE


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
                           "review": needs_review(result, evidence),
                           "boxes": [b.as_json() for b in boxes]})  # fmt: skip
        exercises.append({"name": exercise.name, "values": values})
    return {"pages": pages, "exercises": exercises}
