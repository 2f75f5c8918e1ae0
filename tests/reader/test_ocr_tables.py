"""Tables and set-apart doses on photos of handouts, and tab-separated tables in plain text: a row is read
across (name, sets, reps, rest), a dash between a name and its dose is kept, two columns of running text
are still read one after the other."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont
from tests.reader.test_ocr import BOLD, FONT, HANDOUT, _encoded, _page, _photo

from rehabit.reader import read_bytes
from rehabit.reader.extract import from_text

ROWS = [
    ("Exercise", "Sets", "Reps", "Rest"),
    ("Wall sit", "3", "30 s hold", "60 s"),
    ("Clamshell", "2", "15 each side", "30 s"),
    ("Calf raise", "3", "12", "45 s"),
]
STEPS = [
    ("Wall sit", ["Stand with your back against a wall and slide down", "until your knees are bent."]),
    ("Clamshell", ["Lie on your side with your knees bent and open", "your top knee, then close it."]),
    ("Calf raise", ["Stand tall and rise up onto your toes, then lower."]),
]
FROM_THE_TABLE = [
    ("wall sit", None, (30, 30), (3, 3), False),
    ("clamshell", (15, 15), None, (2, 2), True),
    ("calf raise", (12, 12), None, (3, 3), False),
]


def _table_handout() -> Image.Image:
    """A handout whose doses are in a table over the exercises' steps, columns aligned as printed."""
    page = Image.new("L", (1240, 1100), 255)
    draw = ImageDraw.Draw(page)
    body, bold, heading = ImageFont.truetype(FONT, 28), ImageFont.truetype(BOLD, 28), ImageFont.truetype(BOLD, 36)
    draw.text((80, 80), "Your home exercises", font=heading, fill=0)
    for number, row in enumerate(ROWS):
        for x, cell in zip((80, 420, 560, 800), row, strict=True):
            draw.text((x, 180 + number * 50), cell, font=bold if number == 0 else body, fill=0)
    y = 450
    for title, lines in STEPS:
        draw.text((80, y), title, font=heading, fill=0)
        y += 60
        for line in lines:
            draw.text((80, y), line, font=body, fill=0)
            y += 44
        y += 30
    return page


def _summary(data: bytes) -> list[tuple[object, ...]]:
    result = read_bytes(data, None, "handout")
    return [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises]


@pytest.mark.parametrize("angle", [0.0, 3.0])
def test_a_dose_table_on_a_photo_is_read_row_by_row(angle: float) -> None:
    assert _summary(_encoded(_photo(_table_handout(), angle, 0.8), quality=70)) == FROM_THE_TABLE


def test_a_dash_between_a_name_and_its_dose_is_kept() -> None:
    page, _drawn = _page([("Routine", ["Cat cow - 10 slow reps", "Dead bug - 8 each side"])])
    result = read_bytes(_encoded(_photo(page, 1.5, 0.8), "PNG"), None, "handout")
    assert "Cat cow - 10 slow reps" in result.document.text
    assert [(e.name, e.reps, e.per_side) for e in result.exercises] == [("cat cow", (10, 10), False),
                                                                         ("dead bug", (8, 8), True)]  # fmt: skip


def test_two_columns_of_running_text_are_still_read_one_after_the_other() -> None:
    page, _drawn = _page(HANDOUT, columns=2)
    names = [row[0] for row in _summary(_encoded(_photo(page, 2.0, 0.8), "PNG"))]
    assert names == ["wall sit", "clamshell"]


def test_a_tab_separated_table_in_text_is_read_as_rows() -> None:
    text = "Home program\n\n" + "\n".join("\t".join(row) for row in ROWS) + "\n\n"
    text += "\n\n".join(f"{title}\n\n{' '.join(lines)}" for title, lines in STEPS) + "\n"
    document = from_text(text)
    rows = [block for block in document.blocks if block.kind == "row"]
    assert [block.cells for block in rows] == ROWS[1:]
    assert {block.header for block in rows} == {ROWS[0]}
    assert _summary(text.encode()) == FROM_THE_TABLE


def test_one_line_with_a_tab_is_a_name_set_apart_from_its_dose() -> None:
    document = from_text("Routine\n\nBird dog\t8 each side\n\nKneel on all fours and reach one arm forward.\n")
    assert [block.text for block in document.blocks] == [
        "Routine",
        "Bird dog – 8 each side",
        "Kneel on all fours and reach one arm forward.",
    ]


# A numbered table with no header over its numbers, cells too long for their column wrapped onto a second
# line (a name, a dose) and two header cells printed close together.
WRAPPED = [
    ("", "Exercise", "Sets", "Reps", "Rest"),
    ("1", "Single-leg glute|bridge", "3", "10 each leg", "45 s"),
    ("2", "Bent-knee fallout", "2", "12", "30 s"),
    ("3", "Side-lying plank|with knees bent", "2", "20 s hold each|side", "30 s"),
    ("4", "Heel slide", "3", "15", "30 s"),
]
FROM_WRAPPED = [
    ("single-leg glute bridge", (10, 10), None, (3, 3), True),
    ("bent-knee fallout", (12, 12), None, (2, 2), False),
    ("side-lying plank with knees bent", None, (20, 20), (2, 2), True),
    ("heel slide", (15, 15), None, (3, 3), False),
]


def _wrapped_table() -> Image.Image:
    """The table above as printed: cells split at '|' go on under their first line in the same column."""
    page = Image.new("L", (1240, 1000), 255)
    draw = ImageDraw.Draw(page)
    body, bold, heading = ImageFont.truetype(FONT, 26), ImageFont.truetype(BOLD, 26), ImageFont.truetype(BOLD, 36)
    draw.text((80, 80), "After your knee operation", font=heading, fill=0)
    y = 170
    for number, row in enumerate(WRAPPED):
        tallest = 1
        for x, cell in zip((80, 130, 470, 550, 850), row, strict=True):
            for line_number, line in enumerate(cell.split("|")):
                draw.text((x, y + 36 * line_number), line, font=bold if number == 0 else body, fill=0)
            tallest = max(tallest, len(cell.split("|")))
        y += 36 * tallest + 14
    draw.text((80, y + 40), "Stop any exercise that makes the knee swell.", font=body, fill=0)
    return page


@pytest.mark.parametrize("angle", [0.0, -2.0])
def test_a_cell_wrapped_onto_a_second_line_stays_in_its_row(angle: float) -> None:
    result = read_bytes(_encoded(_photo(_wrapped_table(), angle, 0.8), quality=70), None, "handout")
    rows = [block for block in result.document.blocks if block.kind == "row"]
    assert [block.cells[1] for block in rows] == [row[1].replace("|", " ") for row in WRAPPED[1:]]
    assert {block.header for block in rows} == {WRAPPED[0][1:]}
    assert [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises] == FROM_WRAPPED


def test_a_header_without_the_number_column_stands_over_the_rows_from_the_name_on() -> None:
    text = "Home program\n\n" + "\n".join("\t".join(c for c in row if c) for row in WRAPPED) + "\n"
    assert _summary(text.replace("|", " ").encode()) == FROM_WRAPPED


NARROW = [
    ("Exercise", "Dose", "Notes"),
    ("Bent-knee|fallout", "2 x 12|each side", "Keep it|slow"),
    ("Heel|slide", "3 x 15", "Breathe|out"),
    ("Clamshell", "2 x 10|each side", "Band above|the knees"),
]


def test_every_cell_of_a_narrow_table_wrapped_stays_in_its_row() -> None:
    page = Image.new("L", (900, 800), 255)
    draw = ImageDraw.Draw(page)
    body, bold = ImageFont.truetype(FONT, 26), ImageFont.truetype(BOLD, 26)
    draw.text((80, 80), "Knee exercises", font=ImageFont.truetype(BOLD, 36), fill=0)
    y = 170
    for number, row in enumerate(NARROW):
        for x, cell in zip((80, 320, 560), row, strict=True):
            for line_number, line in enumerate(cell.split("|")):
                draw.text((x, y + 36 * line_number), line, font=bold if number == 0 else body, fill=0)
        y += 36 * max(len(cell.split("|")) for cell in row) + 14
    result = read_bytes(_encoded(_photo(page, 1.0, 0.8), quality=70), None, "handout")
    assert [(e.name, e.reps, e.sets, e.per_side) for e in result.exercises] == [
        ("bent-knee fallout", (12, 12), (2, 2), True),
        ("heel slide", (15, 15), (3, 3), False),
        ("clamshell", (10, 10), (2, 2), True),
    ]
