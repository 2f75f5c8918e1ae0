"""The columns of a prepared page image, in reading order, before OCR reads it.

A page printed in two columns is cut at its gutter (a clear band running down the page with running text
on both sides) and the columns are stacked one above the other into one picture, so OCR reads each
column's lines whole instead of joining a line of the left column to the line beside it. A table is
never cut at the gaps between its cells (short cells, few words a line), and a gap beside a picture
(whited out before) has no text on one side, so it is no gutter. Cuts are made recursively: across the
page at wide gaps between paragraphs (a title over both columns), and down the page at gutters.

`stack` returns the picture OCR reads and the `Region`s that place its pixels back on the prepared page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

_CELL_GAP = 1.2  # a gap this many letters' heights wide inside a line parts a table's cells, not words
_TALL_BOX = 40  # a box this many letters' heights tall (some 13 lines) may have a line crossing its gutter
_RUNNING_SHARE = 0.4  # a column holding a table has this share of its lines of running text at least
Box = tuple[int, int, int, int]  # left, top, right, bottom, in pixels of the prepared page


@dataclass(frozen=True)
class Region:
    """A part of the prepared page and where it sits in the stacked picture (`dy` = stacked y - page y)."""

    box: Box
    dy: int
    dx: int


def stack(pixels: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], list[Region]]:
    """The page's columns one above the other (the page itself when it has one column), and where each
    column's pixels came from."""
    import numpy as np

    ink, letter = _ink(pixels)
    height, width = pixels.shape
    whole = (0, 0, width, height)
    if ink is None:
        return pixels, [Region(whole, 0, 0)]
    columns = _cut(ink, _content(ink, whole), letter, depth=0)
    if not columns or len(columns) == 1 or not _has_gutter(columns):
        return pixels, [Region(whole, 0, 0)]
    space = round(letter * 3)
    total = sum(bottom - top for _l, top, _r, bottom in columns) + space * (len(columns) + 1)
    wide = max(right - left for left, _t, right, _b in columns) + 2 * space
    out = np.full((total, wide), 255, dtype=pixels.dtype)
    regions: list[Region] = []
    y = space
    for left, top, right, bottom in columns:
        out[y : y + bottom - top, space : space + right - left] = pixels[top:bottom, left:right]
        regions.append(Region((left, top, right, bottom), y - top, space - left))
        y += bottom - top + space
    return out, regions


def to_page(regions: list[Region], x: float, y: float) -> tuple[float, float]:
    """A point of the stacked picture on the prepared page."""
    for region in regions:
        left, top, right, bottom = region.box
        if top + region.dy - 1 <= y <= bottom + region.dy + 1 or region is regions[-1]:
            return x - region.dx, y - region.dy
    return x, y  # pragma: no cover - regions is never empty


def _has_gutter(columns: list[Box]) -> bool:
    """Whether any two columns stand side by side (some cut ran down the page)."""
    return any(a[2] <= b[0] or b[2] <= a[0] for a in columns for b in columns if a is not b and _rows_meet(a, b))


def _rows_meet(a: Box, b: Box) -> bool:
    return min(a[3], b[3]) > max(a[1], b[1])


def _ink(pixels: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any] | None, float]:
    """Where the print is (letters joined into words) and the letters' height; None for a page with too
    few letters to lay out."""
    import cv2
    import numpy as np

    _threshold, binary = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _labels, stats, _centres = cv2.connectedComponentsWithStats(binary, connectivity=8)
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights > 5) & (widths < heights * 3)]
    if count < 3 or letters.size < 40:
        return None, 0.0
    letter = float(np.median(letters))
    join = max(1, round(letter * 0.2))  # joins letters of a word, not words
    ink = cv2.dilate(binary, np.ones((1, join), np.uint8)) > 0
    return ink, letter


def _content(ink: np.ndarray[Any, Any], box: Box) -> Box | None:
    """The box trimmed to its ink; None when it has none."""
    import numpy as np

    left, top, right, bottom = box
    part = ink[top:bottom, left:right]
    rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
    if rows.size == 0:
        return None
    return left + int(cols[0]), top + int(rows[0]), left + int(cols[-1]) + 1, top + int(rows[-1]) + 1


def _cut(ink: np.ndarray[Any, Any], box: Box | None, letter: float, depth: int) -> list[Box]:
    """The box's columns and paragraphs in reading order: down the page at a gutter (left, then right),
    else across at the widest gap between paragraphs (top, then bottom) when a part below it has columns."""
    if box is None:
        return []
    if depth > 12:
        return [box]
    gutter = _gutter(ink, box, letter)
    if gutter is not None:
        left, top, right, bottom = box
        return _cut(ink, _content(ink, (left, top, gutter[0], bottom)), letter, depth + 1) + _cut(
            ink, _content(ink, (gutter[1], top, right, bottom)), letter, depth + 1
        )
    gap = _paragraph_gap(ink, box, letter)
    if gap is None:
        return [box]
    left, top, right, bottom = box
    upper = _cut(ink, _content(ink, (left, top, right, gap)), letter, depth + 1)
    lower = _cut(ink, _content(ink, (left, gap, right, bottom)), letter, depth + 1)
    if len(upper) <= 1 and len(lower) <= 1:
        return [box]  # no columns on either side: one region
    return upper + lower


def _runs(empty: Any) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array, as (start, end)."""
    import numpy as np

    padded = np.concatenate([[False], empty, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _gutter(ink: np.ndarray[Any, Any], box: Box, letter: float) -> tuple[int, int] | None:
    """The widest clear band down the box (columns x0-x1) with running text on both sides."""
    left, top, right, bottom = box
    if bottom - top < letter * 6:
        return None
    part = ink[top:bottom, left:right]
    # clear down the box; down a tall box (a page's columns), but for one line at most crossing it (a wide
    # table cell or a long word overhanging its column). A short box's lines can leave a gap between words
    # clear but for one line by chance.
    crossing = letter * 1.5 if bottom - top >= letter * _TALL_BOX else 0
    empty = part.sum(axis=0) <= crossing
    runs = [(a, b) for a, b in _runs(empty) if a > 0 and b < right - left and b - a >= letter * 1.2]
    for start, end in sorted(runs, key=lambda run: run[0] - run[1]):
        sides = (ink[top:bottom, left : left + start], ink[top:bottom, left + end : right])
        if all(_running_text(side, letter) for side in sides):
            return left + start, left + end
    return None


def _running_text(part: np.ndarray[Any, Any], letter: float) -> bool:
    """Lines of words filling most of the part's width, three words or more: a column of text, not a
    table's cells or a column of numbers. A column may hold a table (cells parted by wide gaps) beside
    its running text, when a good share of its lines (`_RUNNING_SHARE`) are running text."""
    import numpy as np

    width = part.shape[1]
    if width < letter * 12:
        return False
    lines = [(a, b) for a, b in _runs(part.any(axis=1)) if b - a >= letter * 0.5]
    if len(lines) < 3:
        return False
    fills, words, cells = [], [], 0
    for a, b in lines:
        columns = part[a:b].any(axis=0)
        marks = np.flatnonzero(columns)
        spaces = [end - start for start, end in _runs(~columns) if start > marks[0] and end <= marks[-1]]
        first = _runs(columns)[0]
        if spaces and first[1] - first[0] < letter:
            spaces = spaces[1:]  # the gap after a list's bullet
        if any(space >= letter * _CELL_GAP for space in spaces):
            cells += 1
            continue
        fills.append((marks[-1] - marks[0] + 1) / width)
        words.append(1 + sum(1 for space in spaces if space >= letter * 0.25))
    if len(fills) < 3 or not (cells <= len(lines) / 4 or len(fills) >= len(lines) * _RUNNING_SHARE):
        return False
    return float(np.median(fills)) >= 0.5 and float(np.median(words)) >= 3


def _paragraph_gap(ink: np.ndarray[Any, Any], box: Box, letter: float) -> int | None:
    """The y in the middle of the widest clear band across the box, when it is wider than a line's gap."""
    left, top, right, bottom = box
    empty = ~ink[top:bottom, left:right].any(axis=1)
    runs = [(a, b) for a, b in _runs(empty) if a > 0 and b < bottom - top]
    if not runs:
        return None
    start, end = max(runs, key=lambda run: run[1] - run[0])
    if end - start < letter * 0.8:
        return None
    return top + (start + end) // 2
