"""SVG output: a static picture (start → end with a motion arrow) and an animated figure (SMIL).

Everything is drawn in `currentColor`, so the figure takes the text colour of the page it sits in
(dark mode included); the limbs further from the viewer are drawn lighter, props in one accent.
The animation moves through the key poses at the dose's tempo and pauses on the held pose: one
cycle lasts `tempo_s` for every move between poses (back to the start included) plus the hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rehabit.illustrate.figure import (
    FOOT_WIDTH,
    HEAD_RADIUS,
    LIMB_WIDTH,
    TRUNK_WIDTH,
    Point,
    Pose,
    blend,
    joint_positions,
)
from rehabit.illustrate.illustration import Illustration
from rehabit.illustrate.poses import KeyPose, Prop
from rehabit.model import slugify

MARGIN = 14.0
ARROW_GAP = 46.0
SAMPLES_PER_MOVE = 12
FAR_OPACITY = 0.42
PROP_COLOUR = "#d9822b"  # a warm orange that reads on white and on dark backgrounds alike
WEIGHT_RADIUS = 7.5
LABEL_SIZE = 13.0

Shape = tuple[str, str, str]
"""(tag, fixed attributes, geometry) of one drawn element; geometry is `d` for paths, "cx cy" for circles."""


@dataclass(frozen=True)
class Frame:
    """The figure at one moment of the animation, `at` seconds into the cycle."""

    at: float
    pose: Pose


def _path(points: Sequence[Point], closed: bool = False) -> str:
    text = " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f} {p.y:.1f}" for i, p in enumerate(points))
    return text + (" Z" if closed else "")


def _shapes(points: dict[str, Point], props: Sequence[Prop], to_screen: _Screen) -> list[Shape]:
    """The drawing of one posed figure, back to front, in screen coordinates."""
    p = {name: to_screen(point) for name, point in points.items()}
    limb = f'stroke-width="{LIMB_WIDTH}"'
    shapes: list[Shape] = []
    for side in ("far", "near"):
        fade = f' opacity="{FAR_OPACITY}"' if side == "far" else ""
        side_shapes: list[Shape] = [
            ("path", limb + fade, _path([p["hip"], p[f"{side}_knee"], p[f"{side}_ankle"]])),
            (
                "path",
                f'stroke-width="{FOOT_WIDTH}" fill="currentColor"' + fade,
                _path([p[f"{side}_ankle"], p[f"{side}_heel"], p[f"{side}_toe"]], closed=True),
            ),
        ]
        if side == "near":
            shapes += _trunk(p)
        shapes += side_shapes
        if Prop.BAND_THIGHS in props and side == "near":
            shapes.append(_thigh_band(p))
        shapes.append(("path", limb + fade, _path([p["shoulder"], p[f"{side}_elbow"], p[f"{side}_hand"]])))
        if Prop.WEIGHTS in props:
            hand = p[f"{side}_hand"]
            shapes.append(("circle", f'r="{WEIGHT_RADIUS}" stroke="none" fill="{PROP_COLOUR}"' + fade, _xy(hand)))
        if Prop.BAND_FEET in props:
            under = _midpoint(p[f"{side}_heel"], p[f"{side}_toe"])
            colour = f'stroke="{PROP_COLOUR}" stroke-width="3"' + fade
            shapes.append(("path", colour, _path([p[f"{side}_hand"], under])))
    return shapes


def _trunk(p: dict[str, Point]) -> list[Shape]:
    return [
        ("path", f'stroke-width="{LIMB_WIDTH}"', _path([p["shoulder"], p["neck"]])),
        ("circle", f'r="{HEAD_RADIUS}" stroke="none" fill="currentColor"', _xy(p["head"])),
        ("path", f'stroke-width="{TRUNK_WIDTH}"', _path([p["hip"], p["waist"], p["shoulder"]])),
    ]


def _thigh_band(p: dict[str, Point]) -> Shape:
    hip, knee = p["hip"], p["near_knee"]
    centre = Point(hip.x + (knee.x - hip.x) * 0.8, hip.y + (knee.y - hip.y) * 0.8)
    length = math.hypot(knee.x - hip.x, knee.y - hip.y) or 1.0
    half = LIMB_WIDTH * 0.85
    nx, ny = -(knee.y - hip.y) / length * half, (knee.x - hip.x) / length * half
    ends = [Point(centre.x - nx, centre.y - ny), Point(centre.x + nx, centre.y + ny)]
    return ("path", f'stroke="{PROP_COLOUR}" stroke-width="5"', _path(ends))


def _midpoint(a: Point, b: Point) -> Point:
    return Point((a.x + b.x) / 2, (a.y + b.y) / 2)


def _xy(point: Point) -> str:
    return f"{point.x:.1f} {point.y:.1f}"


class _Screen:
    """Maps figure coordinates (y up, floor at 0) to SVG coordinates (y down) inside one panel."""

    def __init__(self, left: float, top: float, dx: float = 0.0) -> None:
        self.left, self.top, self.dx = left, top, dx

    def __call__(self, point: Point) -> Point:
        return Point(point.x - self.left + self.dx, self.top - point.y)


def _bounds(poses: Sequence[Pose]) -> tuple[float, float, float]:
    """Leftmost, rightmost and highest extent of the figure over every pose (the floor is the bottom)."""
    xs: list[float] = []
    ys: list[float] = [0.0]
    for pose in poses:
        for point in joint_positions(pose).values():
            xs += [point.x - HEAD_RADIUS, point.x + HEAD_RADIUS]
            ys.append(point.y + HEAD_RADIUS)
    return min(xs), max(xs), max(ys)


def _element(shape: Shape, animate: str = "") -> str:
    tag, attributes, geometry = shape
    if tag == "circle":
        cx, cy = geometry.split()
        return (
            f'<circle cx="{cx}" cy="{cy}" {attributes}>{animate}</circle>'
            if animate
            else (f'<circle cx="{cx}" cy="{cy}" {attributes}/>')
        )
    return f'<path d="{geometry}" {attributes}>{animate}</path>' if animate else f'<path d="{geometry}" {attributes}/>'


def _document(width: float, height: float, title: str, description: str, body: list[str], kind: str) -> str:
    w, h = math.ceil(width), math.ceil(height)
    # Ids unique per exercise and kind, so several drawings can sit inline in one HTML page.
    prefix = f"{slugify(title)}-{kind}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            f'role="img" aria-labelledby="{prefix}-title {prefix}-desc">',
            f'<title id="{prefix}-title">{escape(title)}</title>',
            f'<desc id="{prefix}-desc">{escape(description)}</desc>',
            '<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">',
            *body,
            "</g>",
            "</svg>",
            "",
        ]
    )


def _floor(x1: float, x2: float, y: float) -> str:
    return f'<path d="M{x1:.1f} {y:.1f} L{x2:.1f} {y:.1f}" stroke-width="2" opacity="0.45"/>'


def _label(text: str, x: float, y: float) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="sans-serif" font-size="{LABEL_SIZE}" '
        f'text-anchor="middle" fill="currentColor" stroke="none">{escape(text)}</text>'
    )


def _arrow(x1: float, x2: float, y: float) -> str:
    head = 7.0
    return (
        f'<path d="M{x1:.1f} {y:.1f} L{x2:.1f} {y:.1f} M{x2 - head:.1f} {y - head:.1f} L{x2:.1f} {y:.1f} '
        f'L{x2 - head:.1f} {y + head:.1f}" stroke-width="3" opacity="0.6"/>'
    )


def static_svg(drawing: Illustration) -> str:
    """Start and end pose side by side with an arrow between them (one figure when there is one pose)."""
    shown = _static_poses(drawing.poses)
    left, right, top = _bounds([key.pose for key in shown])
    panel = right - left + 2 * MARGIN
    label_room = LABEL_SIZE + 8 if drawing.label else 0.0
    height = top + 2 * MARGIN + label_room
    floor_y = top + MARGIN
    body: list[str] = []
    for index, key in enumerate(shown):
        dx = MARGIN + index * (panel + ARROW_GAP)
        screen = _Screen(left, floor_y, dx)
        body.append(_floor(dx - MARGIN * 0.5, dx + panel - MARGIN * 1.5, floor_y))
        body += [_element(shape) for shape in _shapes(joint_positions(key.pose), drawing.props, screen)]
        if index > 0:
            body.append(_arrow(dx - ARROW_GAP - MARGIN * 0.2, dx - MARGIN * 0.8, floor_y - min(top, 120.0) / 2))
    width = len(shown) * panel + (len(shown) - 1) * ARROW_GAP
    if drawing.label:
        body.append(_label(drawing.label, width / 2, floor_y + MARGIN + LABEL_SIZE * 0.5))
    names = " → ".join(key.name for key in shown)
    return _document(width, height, drawing.title, f"{drawing.title}: {names}.", body, "static")


def _static_poses(poses: Sequence[KeyPose]) -> list[KeyPose]:
    if len(poses) <= 1:
        return list(poses)
    held = [key for key in poses if key.hold]
    return [poses[0], held[0] if held else poses[-1]]


def cycle_seconds(poses: Sequence[KeyPose], tempo_s: float, hold_s: float) -> float:
    """One animation cycle: `tempo_s` per move (poses in order, then back to the start) plus the hold."""
    if len(poses) <= 1:
        return 0.0
    return tempo_s * len(poses) + sum(hold_s for key in poses if key.hold)


def frames(poses: Sequence[KeyPose], tempo_s: float, hold_s: float) -> list[Frame]:
    """The sampled moments of one cycle: eased moves between key poses, and the hold as a pause."""
    if len(poses) <= 1:
        return [Frame(0.0, poses[0].pose)] if poses else []
    timeline: list[Frame] = []
    clock = 0.0
    for index, key in enumerate(poses):
        target = poses[(index + 1) % len(poses)]
        timeline.append(Frame(clock, key.pose))
        if key.hold and hold_s > 0:
            clock += hold_s
            timeline.append(Frame(clock, key.pose))
        for sample in range(1, SAMPLES_PER_MOVE):
            fraction = sample / SAMPLES_PER_MOVE
            eased = fraction * fraction * (3 - 2 * fraction)
            timeline.append(Frame(clock + tempo_s * fraction, blend(key.pose, target.pose, eased)))
        clock += tempo_s
    timeline.append(Frame(clock, poses[0].pose))
    return timeline


def animated_svg(drawing: Illustration, tempo_s: float, hold_s: float) -> str:
    """The figure moving through its key poses, repeating; a still figure when there is one pose."""
    moments = frames(drawing.poses, tempo_s, hold_s)
    left, right, top = _bounds([moment.pose for moment in moments])
    width = right - left + 2 * MARGIN
    label_room = LABEL_SIZE + 8 if drawing.label else 0.0
    height = top + 2 * MARGIN + label_room
    floor_y = top + MARGIN
    screen = _Screen(left, floor_y, MARGIN)
    drawn = [_shapes(joint_positions(moment.pose), drawing.props, screen) for moment in moments]
    total = moments[-1].at
    body = [_floor(MARGIN * 0.5, width - MARGIN * 0.5, floor_y)]
    key_times = ";".join(f"{moment.at / total:.4f}" for moment in moments) if total > 0 else ""
    for number, shape in enumerate(drawn[0]):
        values = [frame[number][2] for frame in drawn]
        animate = ""
        if total > 0 and len(set(values)) > 1:
            timing = f'dur="{total:g}s" repeatCount="indefinite" keyTimes="{key_times}"'
            if shape[0] == "circle":
                xs = ";".join(value.split()[0] for value in values)
                ys = ";".join(value.split()[1] for value in values)
                animate = (
                    f'<animate attributeName="cx" {timing} values="{xs}"/>'
                    f'<animate attributeName="cy" {timing} values="{ys}"/>'
                )
            else:
                animate = f'<animate attributeName="d" {timing} values="{";".join(values)}"/>'
        body.append(_element(shape, animate))
    if drawing.label:
        body.append(_label(drawing.label, width / 2, floor_y + MARGIN + LABEL_SIZE * 0.5))
    names = " → ".join(key.name for key in drawing.poses)
    description = f"{drawing.title}: {names}, repeating every {total:g} s." if total else f"{drawing.title}."
    return _document(width, height, drawing.title, description, body, "animated")
