"""SVG output for every figure: valid XML, accessible, drawn in currentColor, timed by the dose, labels that fit."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import Any

import cairosvg
import pytest
from PIL import Image

from illustrate._helpers import BUILTIN, BUILTIN_IDS, exercise
from illustrate._tables import HELD_OUT, OURS, exercise_of
from rehabit.illustrate import animation_seconds, illustration_for, render_animated_svg, render_static_svg
from rehabit.illustrate.svg import CHAR_WIDTH, HEIGHT, MARGIN, WIDTH, label_width, wrap_label
from rehabit.model import Dose, IntRange

SVG = "{http://www.w3.org/2000/svg}"
ROWS = OURS + HELD_OUT
ALL = [*BUILTIN, *(exercise_of(row) for row in ROWS)]
IDS = [*BUILTIN_IDS, *(row["name"] for row in ROWS)]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.mark.parametrize("render", [render_static_svg, render_animated_svg], ids=["still", "animated"])
@pytest.mark.parametrize("chosen", ALL, ids=IDS)
def test_svg_is_valid_sized_titled_and_drawn_in_current_colour(chosen: Any, render: Any) -> None:
    svg = render(chosen)
    root = _parse(svg)
    assert (root.attrib["width"], root.attrib["height"]) == (f"{WIDTH:g}", f"{HEIGHT:g}")
    assert root.attrib["viewBox"] == f"0 0 {WIDTH:g} {HEIGHT:g}"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == chosen.name
    kind = "animated" if render is render_animated_svg else "static"
    ids = root.attrib["aria-labelledby"].split()
    assert ids[0].endswith(f"-{kind}-title") and ids[1].endswith(f"-{kind}-desc")
    assert 'fill="currentColor"' in svg
    assert "#000" not in svg and 'black"' not in svg.replace('fill="black" stroke="black"', "")
    # Every id is defined once, and every reference points at one.
    defined = [element.attrib["id"] for element in root.iter() if "id" in element.attrib]
    assert len(defined) == len(set(defined))
    for element in root.iter():
        reference = element.attrib.get("href", "")
        if reference:
            assert reference[1:] in defined, reference


@pytest.mark.parametrize("chosen", ALL, ids=IDS)
def test_still_has_no_animation_and_animation_moves_when_there_is_a_movement(chosen: Any) -> None:
    drawing = illustration_for(chosen)
    still, animated = render_static_svg(chosen), render_animated_svg(chosen)
    assert "<animate" not in still
    if len(drawing.keys) > 1:
        assert "<animate" in animated
        assert still.count('stroke="#2f7fc1" stroke-width="2.6"') == 1  # one movement arrow
    else:
        assert "<animate" not in animated


@pytest.mark.parametrize("chosen", BUILTIN, ids=BUILTIN_IDS)
def test_animation_cycle_is_tempo_out_hold_and_tempo_back(chosen: Any) -> None:
    root = _parse(render_animated_svg(chosen))
    hold = chosen.dose.hold_s.min if chosen.dose.hold_s else 0
    keys = illustration_for(chosen).keys
    expected = chosen.dose.tempo_s * len(keys) + (hold if any(key.hold for key in keys) else 0)
    assert animation_seconds(chosen) == expected
    for animation in root.iter(f"{SVG}animate"):
        assert animation.attrib["dur"] == f"{expected:g}s"
        assert animation.attrib["repeatCount"] == "indefinite"
        times = [float(t) for t in animation.attrib["keyTimes"].split(";")]
        assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
        assert len(animation.attrib["values"].split(";")) == len(times)


def test_animation_pauses_on_the_held_pose_for_the_hold() -> None:
    bridge = exercise("glute-bridge")  # tempo 2 s, hold 2 s
    root = _parse(render_animated_svg(bridge))
    moving = next(a for a in root.iter(f"{SVG}animate"))
    times = [float(t) for t in moving.attrib["keyTimes"].split(";")]
    values = moving.attrib["values"].split(";")
    up, down = times.index(round(2 / 6, 4)), times.index(round(4 / 6, 4))
    assert down == up + 1 and values[up] == values[down]
    assert values[0] == values[-1] != values[up]


def test_faster_tempo_gives_a_shorter_cycle() -> None:
    bridge = exercise("glute-bridge")
    quick = bridge.model_copy(update={"dose": bridge.dose.model_copy(update={"tempo_s": 1.5})})
    assert animation_seconds(quick) == 1.5 + 2 + 1.5
    assert 'dur="5s"' in render_animated_svg(quick)


def test_posture_only_figures_say_so_in_a_caption_that_fits() -> None:
    walking = exercise_of({"name": "Walking", "steps": ["Walk at an easy pace for ten minutes."]})
    root = _parse(render_static_svg(walking))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert texts == ["Standing · no movement drawn"]


@pytest.mark.parametrize("length", [5, 30, 60, 90, 140])
def test_labels_wrap_and_shrink_to_fit_the_figure(length: int) -> None:
    words = " ".join(["word"] * (length // 5))
    lines, size = wrap_label(words)
    assert 1 <= len(lines) <= 2
    assert all(label_width(line, size) <= WIDTH - 2 * MARGIN for line in lines)
    assert size * CHAR_WIDTH > 0


def test_one_exercise_can_be_drawn_twice_on_one_page_with_other_figures() -> None:
    """Ids are per exercise and kind, so the exercise page can inline the still and the animation."""
    bridge = exercise("glute-bridge")
    still, animated = _parse(render_static_svg(bridge)), _parse(render_animated_svg(bridge))
    ids = {e.attrib["id"] for e in still.iter() if "id" in e.attrib}
    assert not ids & {e.attrib["id"] for e in animated.iter() if "id" in e.attrib}


@pytest.mark.parametrize("chosen", ALL[::7], ids=IDS[::7])
def test_renders_to_png_with_the_figure_in_the_middle(chosen: Any) -> None:
    """Rasterised (cairosvg), the figure covers a sensible part of the picture and stays off its edges."""
    png = cairosvg.svg2png(bytestring=render_static_svg(chosen).encode(), output_width=624)
    with Image.open(io.BytesIO(png)) as image:
        alpha = image.convert("RGBA").getchannel("A")
        drawn = sum(alpha.histogram()[129:]) / (image.width * image.height)
        box = alpha.point(lambda value: 255 if value > 128 else 0).getbbox()
    assert 0.03 < drawn < 0.6
    assert box is not None and box[0] > 2 and box[1] > 2 and box[2] < 622 and box[3] < 388


def test_a_slow_hold_is_still_one_figure_that_does_not_move() -> None:
    plank = exercise_of({"name": "Forearm plank", "steps": ["Rest on your forearms and toes.", "Hold."]})
    held = plank.model_copy(update={"dose": Dose(hold_s=IntRange.of(30))})
    assert "<animate" not in render_animated_svg(held)
