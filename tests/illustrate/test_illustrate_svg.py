"""SVG output for every built-in exercise: valid XML, accessible, drawn in currentColor, timed by the dose."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import cairosvg
import pytest
from PIL import Image

from illustrate._helpers import BUILTIN_IDS, exercise
from rehabit.illustrate import animation_seconds, render_animated_svg, render_static_svg

SVG = "{http://www.w3.org/2000/svg}"

# tempo 2 s each way (the program's default) + the low end of the hold range.
CYCLE_SECONDS = {
    "glute-bridge": 2 + 2 + 2,
    "seated-glute-stretch": 2 + 30 + 2,
    "banded-glute-bridge": 2 + 2,
    "single-leg-glute-bridge": 2 + 2 + 2,
    "romanian-deadlift": 2 + 2,
    "banded-hip-hinge": 2 + 2,
    "bird-dog": 2 + 15 + 2,
    "plank": 2 + 10 + 2,
    "piriformis-stretch": 2 + 30 + 2,
    "knee-to-chest-stretch": 2 + 30 + 2,
}


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.mark.parametrize("render", [render_static_svg, render_animated_svg], ids=["static", "animated"])
@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_svg_is_valid_sized_and_titled(exercise_id: str, render) -> None:  # type: ignore[no-untyped-def]
    chosen = exercise(exercise_id)
    root = _parse(render(chosen))
    width, height = float(root.attrib["width"]), float(root.attrib["height"])
    assert root.attrib["viewBox"] == f"0 0 {width:g} {height:g}"
    assert height > 40 and 60 < width < 1000
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == chosen.name
    kind = "animated" if render is render_animated_svg else "static"
    assert root.attrib["aria-labelledby"] == f"{exercise_id}-{kind}-title {exercise_id}-{kind}-desc"


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_static_shows_start_and_end_with_an_arrow(exercise_id: str) -> None:
    svg = render_static_svg(exercise(exercise_id))
    root = _parse(svg)
    heads = [c for c in root.iter(f"{SVG}circle") if c.attrib.get("r") == "10.5"]
    assert len(heads) == 2
    assert float(heads[0].attrib["cx"]) < float(heads[1].attrib["cx"])
    assert svg.count('stroke-width="3" opacity="0.6"') == 1  # the motion arrow
    assert "<animate" not in svg


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_drawn_in_current_colour(exercise_id: str) -> None:
    for svg in (render_static_svg(exercise(exercise_id)), render_animated_svg(exercise(exercise_id))):
        assert 'stroke="currentColor"' in svg
        assert 'stroke-linecap="round" stroke-linejoin="round"' in svg
        assert "#000" not in svg and "black" not in svg
        assert 'opacity="0.42"' in svg  # the far limbs are lighter


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_animation_cycle_is_tempo_out_hold_and_tempo_back(exercise_id: str) -> None:
    chosen = exercise(exercise_id)
    root = _parse(render_animated_svg(chosen))
    animations = list(root.iter(f"{SVG}animate"))
    assert animations
    assert animation_seconds(chosen) == CYCLE_SECONDS[exercise_id]
    for animation in animations:
        assert animation.attrib["dur"] == f"{CYCLE_SECONDS[exercise_id]}s"
        assert animation.attrib["repeatCount"] == "indefinite"
        times = [float(t) for t in animation.attrib["keyTimes"].split(";")]
        assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
        assert len(animation.attrib["values"].split(";")) == len(times)


def test_animation_pauses_on_the_held_pose_for_the_hold() -> None:
    root = _parse(render_animated_svg(exercise("glute-bridge")))
    torso = next(a for a in root.iter(f"{SVG}animate") if a.attrib["attributeName"] == "d")
    times = [float(t) for t in torso.attrib["keyTimes"].split(";")]
    values = torso.attrib["values"].split(";")
    up, down = times.index(round(2 / 6, 4)), times.index(round(4 / 6, 4))
    assert down == up + 1
    assert values[up] == values[down]  # still for the 2 s hold at the top
    assert values[0] == values[-1] != values[up]  # the cycle starts and ends at the start pose


def test_faster_tempo_gives_a_shorter_cycle() -> None:
    bridge = exercise("glute-bridge")
    quick = bridge.model_copy(update={"dose": bridge.dose.model_copy(update={"tempo_s": 1.5})})
    assert animation_seconds(quick) == 1.5 + 2 + 1.5
    assert 'dur="5s"' in render_animated_svg(quick)


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_renders_to_png(exercise_id: str, tmp_path: Path) -> None:
    """Each SVG rasterises with cairosvg (the PNGs were looked at by eye when the poses were made)."""
    for kind, svg in (("static", render_static_svg), ("animated", render_animated_svg)):
        target = tmp_path / f"{exercise_id}-{kind}.png"
        cairosvg.svg2png(bytestring=svg(exercise(exercise_id)).encode(), write_to=str(target), output_width=480)
        with Image.open(target) as image:
            assert image.width == 480
            alpha = image.convert("RGBA").getchannel("A")
            drawn = sum(alpha.histogram()[129:])
        assert 0.02 < drawn / (image.width * image.height) < 0.5
