"""Pages printed in two columns, photographed: each column's lines are read whole and in order (left
column, then right), under a title printed across both, and a table's cells are never taken for columns."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont
from tests.reader.test_ocr import BOLD, FONT, _encoded, _photo

from rehabit.reader import read_bytes

LEFT = [
    ("Wall sit", "Stand with your back flat against a wall and slide down slowly until your knees are bent "
                 "about halfway, then push back up.", ["Hold for 30 seconds.", "Do 3 sets."]),
    ("Clamshell", "Lie on your side with your knees bent and your feet together, then open your top knee "
                  "like a shell and close it again.", ["Do 2 sets of 15 on each side."]),
]  # fmt: skip
RIGHT = [
    ("Calf raise", "Stand tall holding the back of a chair and rise up onto your toes, then lower your heels "
                   "down slowly to the floor.", ["Do 12 repetitions.", "Do 3 sets."]),
    ("Bird dog", "Kneel on all fours and reach one arm forward and the opposite leg back, keeping your back "
                 "level the whole time.", ["Hold for 5 seconds.", "Repeat 8 times on each side."]),
]  # fmt: skip
EXPECTED = [
    ("wall sit", None, (30, 30), (3, 3), False),
    ("clamshell", (15, 15), None, (2, 2), True),
    ("calf raise", (12, 12), None, (3, 3), False),
    ("bird dog", (8, 8), (5, 5), None, True),
]


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and draw.textlength(trial, font=font) > width:
            lines, current = [*lines, current], word
        else:
            current = trial
    return [*lines, current]


def _two_column_page(start_right: int) -> Image.Image:
    """An A4 page at 150 dpi: a title across the top, then two columns of exercises with running text and
    bulleted doses; the right column starts `start_right` pixels lower, so its lines fall between the
    left column's."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    body, heading, title = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 30), ImageFont.truetype(BOLD, 40)
    draw.text((90, 90), "Home exercises for your knee and hip after the clinic", font=title, fill=0)
    for column, sections in enumerate((LEFT, RIGHT)):
        x, y = 90 + column * 560, 200 + column * start_right
        for name, text, doses in sections:
            draw.text((x, y), name, font=heading, fill=0)
            y += 52
            for line in _wrapped(draw, text, body, 500):
                draw.text((x, y), line, font=body, fill=0)
                y += 36
            y += 10
            for dose in doses:
                draw.text((x, y), "•", font=body, fill=0)
                draw.text((x + 30, y), dose, font=body, fill=0)
                y += 36
            y += 40
    return page


@pytest.mark.parametrize(("start_right", "angle"), [(18, 0.0), (18, 3.0), (0, -2.5)])
def test_two_columns_are_read_whole_one_after_the_other(start_right: int, angle: float) -> None:
    photo = _photo(_two_column_page(start_right), angle, 0.8)
    result = read_bytes(_encoded(photo, quality=70), None, "columns.jpg")
    text = " ".join(result.document.text.split())
    for _name, sentence, _doses in LEFT + RIGHT:  # each column's lines follow one another
        assert sentence in text, text
    assert text.index("Clamshell") < text.index("Calf raise")  # the left column first, then the right
    assert [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises] == EXPECTED


def test_boxes_of_the_right_column_are_where_it_is_on_the_photo() -> None:
    photo = _photo(_two_column_page(18), 0.0, 0.8)
    result = read_bytes(_encoded(photo, "PNG"), None, "columns.png")
    calf = next(e for e in result.exercises if e.name == "calf raise")
    reps = next(e for e in calf.evidence if e.field == "reps")
    [box] = [b for b in result.document.boxes if b.start >= reps.start and b.end <= reps.end and b.text == "12"]
    (left, top), _tr, (right, bottom), _bl = box.polygon
    # drawn at x 650 + 30 + "Do " on the page, which sits 120 px into the photo; the third line of doses
    assert 120 + 680 < left < right < 120 + 680 + 120
    assert 120 + 200 < top < bottom < 120 + 700


def _phased_page() -> Image.Image:
    """A phase's heading right over an exercise's heading (no more space between them than between list
    items), running text wrapped over lines, and bulleted steps and doses; then another phase."""
    page = Image.new("L", (1240, 1500), 255)
    draw = ImageDraw.Draw(page)
    body, heading = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 32)
    y = 90
    steps = ["Keep your back flat.", "Breathe out as you move.", "Go slowly.", "Stop if it hurts."]
    for phase, (name, text, doses) in zip(("PHASE 1 - SETTLE", "PHASE 2 - CONTROL"), (LEFT[0], RIGHT[1]), strict=True):
        for title in (phase, name.upper()):
            draw.text((90, y), title, font=heading, fill=0)
            y += 66
        for line in _wrapped(draw, text + " " + text, body, 1000):
            draw.text((90, y), line, font=body, fill=0)
            y += 36
        y += 18
        for item in steps + doses:
            draw.text((90, y), "•", font=body, fill=0)
            draw.text((124, y), item, font=body, fill=0)
            y += 54
        y += 10
    return page


def test_a_heading_under_a_heading_and_wrapped_lines_are_read_as_printed() -> None:
    result = read_bytes(_encoded(_photo(_phased_page(), 1.5, 0.8), quality=70), None, "phases.jpg")
    lines = result.document.text.splitlines()
    assert "PHASE 2 - CONTROL" in lines and "BIRD DOG" in lines  # two headings, not one
    wrapped = LEFT[0][1] + " " + LEFT[0][1]
    assert wrapped in lines  # the paragraph's printed lines make one line of text
    assert "Hold for 30 seconds." in [line.lstrip("• ") for line in lines]  # an item keeps its own line
    assert [(e.name, e.reps, e.hold_s, e.sets, e.per_side) for e in result.exercises] == [
        ("wall sit", None, (30, 30), (3, 3), False),
        ("bird dog", (8, 8), (5, 5), None, True),
    ]


TABLE_IN_A_COLUMN = [("Exercise", "Sets", "Reps"), ("Heel raise", "3", "15"), ("Mini squat", "2", "10"),
                     ("Step-up", "3", "8 each leg")]  # fmt: skip


def _column_with_a_table() -> Image.Image:
    """Two columns of running text, the right one opening with a table of doses, and a heading of the left
    column that overhangs the gutter a little."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    body, heading = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 30)
    y = 90
    for name, text, doses in LEFT + RIGHT[1:]:
        draw.text((90, y), name, font=heading, fill=0)
        y += 52
        for line in _wrapped(draw, text + " " + text, body, 500) + doses:
            draw.text((90, y), line, font=body, fill=0)
            y += 36
        y += 40
    draw.text((90, y), "Stretching afterwards is optional", font=heading, fill=0)  # into the gutter
    y = 90
    for number, row in enumerate(TABLE_IN_A_COLUMN):
        for x, cell in zip((650, 900, 1010), row, strict=True):
            draw.text((x, y), cell, font=ImageFont.truetype(BOLD if number == 0 else FONT, 25), fill=0)
        y += 40
    y += 30
    for line in _wrapped(draw, " ".join(sentence for _n, sentence, _d in LEFT) * 2, body, 500):
        draw.text((650, y), line, font=body, fill=0)
        y += 36
    return page


def test_a_column_opening_with_a_table_is_still_a_column() -> None:
    result = read_bytes(_encoded(_photo(_column_with_a_table(), 1.0, 0.8), quality=70), None, "columns.jpg")
    text = " ".join(result.document.text.split())
    for _name, sentence, _doses in LEFT + RIGHT[1:]:
        assert " ".join([sentence, sentence]) in text
    assert [(e.name, e.reps, e.sets) for e in result.exercises][-3:] == [
        ("heel raise", (15, 15), (3, 3)),
        ("mini squat", (10, 10), (2, 2)),
        ("step-up", (8, 8), (3, 3)),
    ]
