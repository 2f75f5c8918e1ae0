"""The PDF handout renders every figure: WeasyPrint draws each SVG (as the handout embeds it) with ink in it."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from illustrate._helpers import BUILTIN
from illustrate._tables import HELD_OUT, OURS, exercise_of
from rehabit.export.handout import write_handout
from rehabit.illustrate import render_static_svg
from rehabit.model import Group, Program, Stage

COLUMNS, ROWS = 4, 9
CELL_W, CELL_H = 45.0, 28.0  # mm: a figure's box on the sheet (312 × 195 is 16:10)
DPI = 60
EXERCISES = [*BUILTIN, *(exercise_of(row, id=f"t{index}") for index, row in enumerate(OURS + HELD_OUT))]


def _sheet(exercises: list) -> str:  # type: ignore[type-arg]
    pages: list[list[str]] = []
    for index, exercise in enumerate(exercises):
        page, place = divmod(index, COLUMNS * ROWS)
        row, column = divmod(place, COLUMNS)
        if page == len(pages):
            pages.append([])
        uri = "data:image/svg+xml;base64," + base64.b64encode(render_static_svg(exercise).encode()).decode()
        pages[page].append(
            f'<img src="{uri}" style="position:absolute; left:{10 + column * (CELL_W + 3)}mm; '
            f'top:{10 + row * (CELL_H + 2)}mm; width:{CELL_W}mm; height:{CELL_H}mm">'
        )
    sheets = "".join(
        f'<div style="position:relative; height:297mm; page-break-after:always">{"".join(cells)}</div>'
        for cells in pages
    )
    style = "@page { size: A4; margin: 0 } body { margin: 0 }"
    return f"<html><head><style>{style}</style></head><body>{sheets}</body></html>"


def test_weasyprint_draws_every_figure_with_ink(tmp_path: Path) -> None:
    from weasyprint import HTML

    pdf = tmp_path / "figures.pdf"
    HTML(string=_sheet(EXERCISES)).write_pdf(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == -(-len(EXERCISES) // (COLUMNS * ROWS))
    mm = DPI / 25.4
    for index, exercise in enumerate(EXERCISES):
        page, place = divmod(index, COLUMNS * ROWS)
        row, column = divmod(place, COLUMNS)
        left, top = (10 + column * (CELL_W + 3)) * mm, (10 + row * (CELL_H + 2)) * mm
        with Image.open(pages[page]) as image:
            cell = image.crop((int(left), int(top), int(left + CELL_W * mm), int(top + CELL_H * mm)))
            dark = sum(cell.histogram()[:100]) / (cell.width * cell.height)
        assert dark > 0.02, f"{exercise.name}: the figure did not render in the PDF ({dark:.3f})"


@pytest.mark.slow
def test_a_handout_of_every_posture_renders(tmp_path: Path) -> None:
    chosen = {}
    for index, row in enumerate(OURS):
        chosen.setdefault(row["posture"], exercise_of(row, id=f"e{index}"))
    exercises = [e.model_copy(update={"group": Group.FOUNDATIONAL}) for e in chosen.values()]
    program = Program(
        id="figures", title="Every posture", exercises=exercises,
        stages=[Stage(id="one", name="One", exercises=[e.id for e in exercises])],
    )  # fmt: skip
    target = tmp_path / "handout.pdf"
    pages = write_handout(program, target)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(target), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages >= 3
    for image_path in images:
        with Image.open(image_path) as image:
            lightest, darkest = image.convert("L").getextrema()
        assert lightest < 128 < darkest, f"{image_path.name} looks blank"
