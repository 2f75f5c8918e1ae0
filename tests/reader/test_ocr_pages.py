"""A paragraph that goes on overleaf: on a scan of two pages, or from the foot of one column to the top of
the next, an exercise's text cut mid-sentence is read as one paragraph (its dose kept with its name); a
paragraph that ended before the cut stays apart."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont
from tests.reader.test_ocr import BOLD, FONT, _encoded, _photo
from tests.reader.test_ocr_columns import _wrapped

from rehabit.reader import read_bytes

SIDE_RAISE = (
    "Side-lying leg raise. Lie on your side with both legs straight and your head resting on your lower arm, "
    "then lift the top leg up to about hip height, keeping the toes pointing forward, and lower it again "
    "slowly without letting it drop. Do 2 sets of 12 on each side."
)
HEEL_RAISE = "Heel raise. Stand holding the back of a chair and rise up onto your toes, then lower. Repeat 15 times."
EXPECTED = [("side-lying leg raise", (12, 12), (2, 2), True), ("heel raise", (15, 15), None, False)]


def _pages(first: str, split: int, then: str) -> list[Image.Image]:
    """Two A4 pages: `first` wrapped to the page's width, its first `split` lines at the foot of page one
    and the rest at the top of page two, followed by `then`."""
    body, title = ImageFont.truetype(FONT, 26), ImageFont.truetype(BOLD, 36)
    pages = [Image.new("L", (1240, 1754), 255) for _ in range(2)]
    draws = [ImageDraw.Draw(page) for page in pages]
    draws[0].text((90, 90), "Exercises for your hip", font=title, fill=0)
    draws[0].text((90, 170), "Do these on most days of the week, slowly and with control.", font=body, fill=0)
    lines = _wrapped(draws[0], first, body, 1060)
    y = 1754 - 90 - 38 * split
    for line in lines[:split]:
        draws[0].text((90, y), line, font=body, fill=0)
        y += 38
    y = 90
    for line in lines[split:]:
        draws[1].text((90, y), line, font=body, fill=0)
        y += 38
    for line in _wrapped(draws[1], then, body, 1060):
        draws[1].text((90, y + 20), line, font=body, fill=0)
        y += 38
    return pages


def _scan(pages: list[Image.Image]) -> bytes:
    shots = [_photo(page, 1.5, 0.7).convert("RGB") for page in pages]
    out = io.BytesIO()
    shots[0].save(out, "PDF", save_all=True, append_images=shots[1:], resolution=150)
    return out.getvalue()


def test_a_paragraph_cut_by_the_page_goes_on_overleaf() -> None:
    result = read_bytes(_scan(_pages(SIDE_RAISE, 2, HEEL_RAISE)), None, "scan.pdf")
    assert " ".join(SIDE_RAISE.split()) in " ".join(result.document.text.split())
    assert [(e.name, e.reps, e.sets, e.per_side) for e in result.exercises] == EXPECTED


def test_a_paragraph_that_ended_on_the_page_before_stays_apart() -> None:
    lying = "Lie on your back and breathe out slowly, letting your lower back rest flat on the floor beneath you."
    result = read_bytes(_scan(_pages(lying, 1, HEEL_RAISE.lower())), None, "scan.pdf")
    text = result.document.text
    assert "beneath you.\n" in text and "heel raise" in text


_ADVICE = "Keep a glass of water nearby and wear loose clothes. Choose a quiet time when you are not rushed."


def _two_columns() -> Image.Image:
    """A page in two columns whose left column ends mid-sentence: the side raise goes on at the top of the
    right column, and the heel raise follows it there."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    body, title = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 36)
    draw.text((90, 90), "Exercises for your hip", font=title, fill=0)
    side = _wrapped(draw, SIDE_RAISE, body, 500)
    assert side[3][0].islower()
    room = (1754 - 90 - 180) // 36 - 4  # lines above the side raise's first three and a blank line
    advice = ""
    while len(_wrapped(draw, advice + " " + _ADVICE, body, 500)) <= room:
        advice = (advice + " " + _ADVICE).strip()
    left = [*_wrapped(draw, advice, body, 500), "", *side[:3]]
    left = [""] * (room + 4 - len(left)) + left  # the side raise's lines at the column's foot
    for number, line in enumerate(left):
        draw.text((90, 180 + 36 * number), line, font=body, fill=0)
    for number, line in enumerate(side[3:] + [""] + _wrapped(draw, HEEL_RAISE, body, 500)):
        draw.text((650, 180 + 36 * number), line, font=body, fill=0)
    return page


def test_a_paragraph_cut_at_the_foot_of_a_column_goes_on_in_the_next() -> None:
    result = read_bytes(_encoded(_photo(_two_columns(), 1.0, 0.7), quality=75), None, "columns.jpg")
    assert [(e.name, e.reps, e.sets, e.per_side) for e in result.exercises] == EXPECTED


BESIDE_DRAWINGS = [
    ("Double Knee-to-Chest", "Lie on your back and hug both knees in toward your chest, then let them go a little "
     "way and hug them in again. Hold for 20 seconds. Repeat 5 times."),
    ("Hamstring Stretch With a Towel", "Lie on your back and loop a towel around one foot, then raise the leg "
     "until you feel a stretch behind the thigh. Hold for 30 seconds. Repeat 3 times on each side."),
]  # fmt: skip


def _beside_drawings() -> Image.Image:
    """A page in two columns, each exercise's heading wrapped beside a framed drawing that narrows it."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    body, heading = ImageFont.truetype(FONT, 25), ImageFont.truetype(BOLD, 32)
    draw.text((90, 90), "Stretches for a stiff back", font=ImageFont.truetype(BOLD, 40), fill=0)
    for column, (name, text) in enumerate(BESIDE_DRAWINGS):
        x, y = 90 + column * 560, 200
        draw.rectangle((x + 350, y, x + 500, y + 150), outline=120, width=3)
        draw.ellipse((x + 405, y + 25, x + 445, y + 65), outline=40, width=5)
        draw.line((x + 425, y + 65, x + 425, y + 110, x + 385, y + 140), fill=40, width=6)
        for line in _wrapped(draw, name, heading, 300):
            draw.text((x, y), line, font=heading, fill=0)
            y += 44
        y += 20
        words = text.split()
        while words:  # beside the drawing the lines are short, under it they take the column's width
            line = _wrapped(draw, " ".join(words), body, 320 if y < 370 else 500)[0]
            draw.text((x, y), line, font=body, fill=0)
            words, y = words[len(line.split()) :], y + 36
    return page


def test_a_heading_wrapped_beside_a_drawing_is_one_name() -> None:
    result = read_bytes(_encoded(_photo(_beside_drawings(), 1.5, 0.7), quality=75), None, "stretches.jpg")
    assert [(e.name, e.reps, e.hold_s, e.per_side) for e in result.exercises] == [
        ("double knee-to-chest", (5, 5), (20, 20), False),
        ("hamstring stretch with a towel", (3, 3), (30, 30), True),
    ]


def test_the_word_i_read_as_a_bar_is_the_word_i() -> None:
    page = Image.new("L", (1240, 700), 255)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(FONT, 25)
    story = (
        "My knee was sore for months. I did the wall sit every morning and I was walking without a limp by "
        "the end of the month. I never skipped the warm-up. I did 3 sets of 30 seconds. I think it "
        "helped, and I still do it twice a week."
    )
    y = 90
    for line in _wrapped(draw, story, body, 1000):
        draw.text((90, y), line, font=body, fill=0)
        y += 36
    text = read_bytes(_encoded(_photo(page, 1.0, 0.9), quality=60), None, "story.jpg").document.text
    assert "|" not in text
    assert text.count("I ") == story.count("I ")
