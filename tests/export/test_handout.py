"""The PDF handout: every exercise and dose in the text, paper sizes, no exercise split across pages."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import Invoke
from rehabit.export.handout import dose_sentence, handout_html, write_handout
from rehabit.illustrate import render_static_svg
from rehabit.model import Dose, Group, IntRange
from rehabit.programs import get_program

START = dt.date(2026, 11, 30)
POINTS_PER_INCH = 72
PAPER_INCHES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module", params=["a4", "letter"])
def handout(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, int]:
    """The built-in program's handout, written once per paper size."""
    paper: str = request.param
    path = tmp_path_factory.mktemp(paper) / "handout.pdf"
    pages = write_handout(get_program(), path, person="Sam Rivera", paper=paper, start=START)
    return paper, path, pages


def _page_texts(path: Path) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(path).pages]


def test_every_exercise_name_and_dose_is_in_the_text(handout: tuple[str, Path, int]) -> None:
    _, path, _ = handout
    text = " ".join(_page_texts(path))
    for exercise in get_program().exercises:
        assert exercise.name in text
        assert exercise.dose.describe() in text
        assert _flat(dose_sentence(exercise.dose)) in text
    for expected in ("Sam Rivera", "30 Nov 2026", "from 21 Dec 2026", "2 to 3 times a week", "Stop if it hurts"):
        assert expected in text
    assert "bladder or bowel control" in text
    assert "Lee, H., et al. (2024)" in text


def test_paper_size(handout: tuple[str, Path, int]) -> None:
    paper, path, pages = handout
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    for page in reader.pages:
        width = round(float(page.mediabox.width) / POINTS_PER_INCH, 2)
        height = round(float(page.mediabox.height) / POINTS_PER_INCH, 2)
        assert (width, height) == PAPER_INCHES[paper]


def test_first_page_has_the_safety_rules_and_the_whole_overview(handout: tuple[str, Path, int]) -> None:
    _, path, _ = handout
    first = _page_texts(path)[0]
    assert "Keep it safe" in first
    assert "Go to an emergency department today" in first
    for exercise in get_program().exercises:
        assert f"{exercise.name} {exercise.group.value.capitalize()} {exercise.dose.describe()}" in first


def test_no_exercise_is_split_across_pages(handout: tuple[str, Path, int]) -> None:
    _, path, _ = handout
    pages = _page_texts(path)
    for exercise in get_program().exercises:
        first_step = _flat(exercise.steps[0])
        last_words = _flat(dose_sentence(exercise.dose))
        holding = [n for n, text in enumerate(pages) if f"{exercise.name} {exercise.dose.describe()}" in text]
        assert len(holding) == 1, exercise.id
        assert first_step in pages[holding[0]]
        assert last_words in pages[holding[0]]


def test_every_page_renders_to_png(handout: tuple[str, Path, int], tmp_path: Path) -> None:
    _, path, pages = handout
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages == 7
    for image_path in images:
        with Image.open(image_path) as image:
            lightest, darkest = image.convert("L").getextrema()
        assert lightest < 128 < darkest, f"{image_path.name} looks blank"


@pytest.mark.parametrize(
    ("dose", "sentence"),
    [
        (
            Dose(reps=IntRange.of(10, 15), hold_s=IntRange.of(2)),
            "Do 10 to 15 repetitions, pausing for 2 seconds at the top of each. "
            "Move slowly and smoothly, about 2 seconds each way.",
        ),
        (
            Dose(reps=IntRange.of(1), hold_s=IntRange.of(30), per_side=True),
            "Hold the position for 30 seconds on each side.",
        ),
        (
            Dose(reps=IntRange.of(5), hold_s=IntRange.of(10, 30)),
            "Hold the position for 10 to 30 seconds, then rest briefly; do this 5 times.",
        ),
        (
            Dose(reps=IntRange.of(8, 10), sets=IntRange.of(2, 3), rest_s=60, tempo_s=3),
            "Do 8 to 10 repetitions. Move slowly and smoothly, about 3 seconds each way. "
            "That makes one set; do 2 to 3 sets, resting 60 seconds between them.",
        ),
        (Dose(hold_s=IntRange.of(20)), "Hold the position for 20 seconds."),
        (Dose(reps=IntRange.of(1)), "Do 1 repetition. Move slowly and smoothly, about 2 seconds each way."),
    ],
)
def test_dose_sentence(dose: Dose, sentence: str) -> None:
    assert dose_sentence(dose) == sentence


def test_each_exercise_carries_its_illustration() -> None:
    html = handout_html(get_program(), start=START)
    uris = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    expected = [render_static_svg(exercise) for exercise in get_program().exercises]
    assert [base64.b64decode(uri).decode("utf-8") for uri in uris] == expected


def test_sections_are_numbered_in_printed_order() -> None:
    program = get_program()
    shuffled = program.model_copy(update={"exercises": list(reversed(program.exercises))})
    html = handout_html(shuffled, start=START)
    numbered = re.findall(r'<span class="number">(\d+)</span>\s*<h3>([^<]+)</h3>', html)
    by_group = [e for group in Group for e in shuffled.exercises if e.group is group]
    assert numbered == [(str(n), e.name) for n, e in enumerate(by_group, start=1)]
    assert numbered[:2] == [("1", "Seated glute stretch"), ("2", "Glute bridge")]


def test_stage_narrows_the_handout() -> None:
    html = handout_html(get_program(), stage="foundational", start=START)
    assert "Glute bridge" in html
    assert "Romanian deadlift" not in html
    assert "(stage: Foundational)" in html


def test_cli_writes_the_handout(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    result = cli("handout", "--person", "Ana", "--start", "2026-11-30", "--paper", "letter", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.output == f"{target}: 7 pages, 'Lower back and glutes'\n"
    text = " ".join(_page_texts(target))
    assert "Ana" in text
    assert "from 7 Dec 2026" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stage", "advanced"], "Error: no stage 'advanced' in lower-back-glutes (stages: foundational, progression"),
        (["--program", "nothing-here"], "Error: no program called 'nothing-here'"),
        (["--paper", "a5"], "Invalid value for '--paper'"),
    ],
)
def test_cli_bad_input(cli: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "out.pdf"
    result = cli("handout", *args, "-o", str(target))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not target.exists()


def test_cli_unwritable_target(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.pdf"
    result = cli("handout", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {target} (No such file or directory)\n"
