"""Tables on a photographed page: a cell printed over two lines stays one cell of its row, and the
header's words stand over the columns of the rows under them.

Tesseract reads a table as lines. A cell too long for its column wraps onto a line of its own under its
row ("Single-leg glute" over "bridge", "2 x 20 s hold each" over "side"); read as it is, that line is a
row with a name and no dose, or a word lost from a dose, and it cuts the table in two (the rows after it
lose their header). Such a line is joined to its row, each word at the end of the cell it was printed
under, when it is close under the row, has fewer cells than the row (or as many, in a table of doses,
and no number at all: every cell of a narrow table wrapped), each of its cells inside one of the row's
columns, and no number in a column of numbers (a table's next row has its numbers).

A header's words are placed by the columns of the rows: two header cells printed close together
("Sets  Reps / time") are two cells when the rows under them have two columns there.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rehabit.reader.ocr import _Placed

_COLUMN_SPREAD = 2.0  # cells of one column start within this many print heights of each other
_TABLE_ROWS = 3  # lines of two cells or more that make a table
_CLOSE_UNDER = 1.2  # a wrapped cell's line starts within this many print heights under its row


def join_wrapped_cells(lines: list[list[_Placed]], baselines: list[float]) -> tuple[list[list[_Placed]], list[float]]:
    """The lines of a column of the page (each sorted left to right, its column gaps marked) with the
    wrapped cells of a table joined to their rows, and each line's baseline (a row joined with its
    wrapped cells has the baseline of its lowest line)."""
    if sum(len(_cells(line)) >= 2 for line in lines) < _TABLE_ROWS:
        return lines, baselines
    size = median(w.bottom - w.top for line in lines for w in line)
    out: list[list[_Placed]] = []
    out_baselines: list[float] = []
    index = 0
    for first, last in _tables(lines, size):
        while index < first:
            out.append(lines[index])
            out_baselines.append(baselines[index])
            index += 1
        table = lines[first : last + 1]
        data = [line for line in table if len(_cells(line)) >= 2 and _digits(line)]
        columns = _columns(data or [line for line in table if len(_cells(line)) >= 2], size)
        numeric = _numeric_columns(data, columns, size)
        if data and not _digits(table[0]):
            _place_header(table[0], columns, size)
        for offset, line in enumerate(table):
            if out and offset and _wrapped_cells(line, out[-1], columns, numeric, size):
                out[-1] = _joined(out[-1], line, columns, size)
                out_baselines[-1] = baselines[first + offset]
            else:
                out.append(line)
                out_baselines.append(baselines[first + offset])
        index = last + 1
    out.extend(lines[index:])
    out_baselines.extend(baselines[index:])
    return out, out_baselines


def _tables(lines: list[list[_Placed]], size: float) -> list[tuple[int, int]]:
    """The first and last index of each run of lines that is a table: three lines of two cells or more (two
    are as often a form's lines, "Reps: 10   Hold: 5" over "Sides: both", in a narrow column whose lines
    wrap), and between and after them lines of one cell close under the line before (wrapped cells)."""
    runs: list[tuple[int, int]] = []
    first = last = -1
    rows = 0
    for index, line in enumerate(lines):
        if len(_cells(line)) >= 2:
            first, last, rows = (index, index, 1) if first < 0 else (first, index, rows + 1)
        elif first >= 0 and last == index - 1 and _close_under(line, lines[last], size):
            last = index
        else:
            if rows >= _TABLE_ROWS:
                runs.append((first, last))
            first, last, rows = -1, -1, 0
    if rows >= _TABLE_ROWS:
        runs.append((first, last))
    return runs


def _close_under(line: list[_Placed], above: list[_Placed], size: float) -> bool:
    return min(w.top for w in line) - max(w.bottom for w in above) <= size * _CLOSE_UNDER


def _cells(line: list[_Placed]) -> list[list[_Placed]]:
    cells: list[list[_Placed]] = []
    for index, word in enumerate(line):
        if not cells or (index and word.word.column_gap):
            cells.append([])
        cells[-1].append(word)
    return cells


def _digits(words: list[_Placed]) -> bool:
    return any(c.isdigit() for w in words for c in w.word.text)


def _columns(rows: list[list[_Placed]], size: float) -> list[int]:
    """The left edges of a table's columns: where its rows' cells start, cells starting close together
    taken as one column."""
    lefts = sorted(cell[0].left for row in rows for cell in _cells(row))
    columns: list[int] = []
    last = None
    for left in lefts:
        if last is None or left - last > size * _COLUMN_SPREAD:
            columns.append(left)
        last = left
    return columns


def _column(x: int, columns: list[int], size: float) -> int:
    """The column a word starting at `x` is printed in (the last column starting before it)."""
    found = 0
    for number, left in enumerate(columns):
        if left <= x + size * 0.5:
            found = number
    return found


def _numeric_columns(rows: list[list[_Placed]], columns: list[int], size: float) -> set[int]:
    """The columns whose cells carry a number in most rows (sets, reps, seconds)."""
    counts: dict[int, int] = {}
    for row in rows:
        for cell in _cells(row):
            if _digits(cell):
                column = _column(cell[0].left, columns, size)
                counts[column] = counts.get(column, 0) + 1
    return {column for column, count in counts.items() if count * 2 >= len(rows)}


def _wrapped_cells(line: list[_Placed], row: list[_Placed], columns: list[int], numeric: set[int], size: float) -> bool:
    """Whether `line` holds the ends of cells of `row`, printed under them."""
    cells, row_cells = _cells(line), _cells(row)
    if len(cells) > len(row_cells) or not _close_under(line, row, size):
        return False
    if len(cells) == len(row_cells) and (not numeric or _digits(line)):
        return False  # as many cells as the row: its cells' ends only in a dose table, with no number
    used = {_column(cell[0].left, columns, size) for cell in row_cells}
    for cell in cells:
        column = _column(cell[0].left, columns, size)
        ends_inside = column + 1 >= len(columns) or cell[-1].right < columns[column + 1]
        if column not in used or not ends_inside or (column in numeric and _digits(cell)):
            return False
    return True


def _joined(row: list[_Placed], line: list[_Placed], columns: list[int], size: float) -> list[_Placed]:
    """The row with each of the line's cells at the end of the row's cell in the same column."""
    cells = _cells(row)
    at = [_column(cell[0].left, columns, size) for cell in cells]
    for cell in _cells(line):
        column = _column(cell[0].left, columns, size)
        cells[at.index(column)].extend(cell)
    words = [w for cell in cells for w in cell]
    for cell in cells:
        for index, word in enumerate(cell):
            word.word.column_gap = index == 0 and word is not words[0]
    return words


def _place_header(header: list[_Placed], columns: list[int], size: float) -> None:
    """Mark a column gap before each header word that stands over another column than the word before."""
    for before, word in zip(header, header[1:], strict=False):
        if _column(word.left, columns, size) != _column(before.left, columns, size):
            word.word.column_gap = True
