"""SVG documents: a still picture (the end pose, the start ghosted, a movement arrow) and an animated figure.

Everything the body is made of is painted in `currentColor` at three tones (far limbs light, trunk
mid, near limbs full) with a thin gap cut round every shape that overlaps one behind it, so the
figure reads in any text colour — dark on white, light on a dark page, black in the PDF handout.
Props are outlined; bands, balls and weights are orange and the movement arrow blue, both chosen to
read on light and dark backgrounds. The animation (SMIL) morphs each outline through the frames at
the dose's tempo and pauses on the held pose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rehabit.illustrate.body import Skeleton
from rehabit.illustrate.camera import Camera, Point2
from rehabit.illustrate.draw import (
    GAP,
    Shape,
    bounds,
    displacement,
    floor_outline,
    frame_shapes,
    near_is_front,
    path_data,
)
from rehabit.illustrate.props import Placed
from rehabit.illustrate.solve import skeleton_at
from rehabit.illustrate.timing import Frame, KeyPose
from rehabit.model import slugify

WIDTH, HEIGHT = 312.0, 195.0
MARGIN = 8.0
LABEL_SIZE = 11.0
CHAR_WIDTH = 0.6  # of the font size: a generous estimate for sans-serif, so labels never overflow
PROP_COLOUR = "#d9822b"
ARROW_COLOUR = "#2f7fc1"
TONES = {"back": 0.4, "body": 0.8, "front": 1.0}
STILL = 0.8  # units: a shape that moves less than this in the whole cycle is drawn still
MAX_ZOOM = 1.3  # figures are drawn at one scale (1 cm = 1.3 units) unless they need less to fit
GHOST_OPACITY = 0.2


@dataclass(frozen=True)
class Scene:
    """What to draw: the title, the key poses (start … end), the props, the camera, a caption."""

    title: str
    keys: tuple[KeyPose, ...]
    props: tuple[Placed, ...]
    camera: Camera
    caption: str | None = None
    alternating: bool = False
    static_pair: tuple[int, int] = (0, -1)  # which keys the still picture shows: ghost, solid


@dataclass(frozen=True)
class _Canvas:
    """Maps content coordinates (screen centimetres, y up) into the fixed canvas."""

    left: float
    top: float
    factor: float
    dx: float
    dy: float

    def transform(self) -> str:
        return f"translate({self.dx:.2f} {self.dy:.2f}) scale({self.factor:.4f})"

    def to_canvas(self, point: Point2) -> Point2:
        return (self.dx + (point[0] - self.left) * self.factor, self.dy + (self.top - point[1]) * self.factor)


def wrap_label(text: str, width: float = WIDTH - 2 * MARGIN) -> tuple[list[str], float]:
    """The label in at most two lines that fit `width`, and the font size that makes them fit."""
    size = LABEL_SIZE
    words = text.split()
    while True:
        per_line = max(1, int(width / (size * CHAR_WIDTH)))
        lines: list[str] = []
        for word in words:
            if lines and len(lines[-1]) + 1 + len(word) <= per_line:
                lines[-1] += " " + word
            else:
                lines.append(word)
        if len(lines) <= 2 and all(len(line) <= per_line for line in lines) or size <= 6:
            return lines, size
        size -= 0.5


def label_width(line: str, size: float) -> float:
    """The width a line of label text is allowed for (the estimate `wrap_label` fits to)."""
    return len(line) * size * CHAR_WIDTH


def _canvas(shape_sets: Sequence[Sequence[Shape]], floor: Sequence[Point2], caption_room: float) -> _Canvas:
    left, bottom, right, top = bounds([*shape_sets, [Shape("floor", "floor", tuple(floor))]])
    room_w, room_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN - caption_room
    factor = min(MAX_ZOOM, room_w / max(right - left, 1.0), room_h / max(top - bottom, 1.0))
    dx = MARGIN + (room_w - (right - left) * factor) / 2
    dy = MARGIN + (room_h - (top - bottom) * factor)  # the figure stands on the bottom of its room
    return _Canvas(left, top, factor, dx, dy)


def _floor(camera: Camera, skeletons: Sequence[Skeleton], props: Sequence[Placed]) -> list[Point2]:
    xs = [point[0] for skeleton in skeletons for point in skeleton.points.values()]
    xs += [placed.x for placed in props]
    zs = [point[2] for skeleton in skeletons for point in skeleton.points.values()]
    depth = max(38.0, max(abs(z) for z in zs) + 14)
    corners = floor_outline(camera, min(xs) - 18, max(xs) + 18, depth)
    # Order the strip so that corners 2 and 3 are its edge nearest the viewer.
    world = [(min(xs) - 18, -depth), (max(xs) + 18, -depth), (max(xs) + 18, depth), (min(xs) - 18, depth)]
    nearness = [camera.depth((x, 0.0, z)) for x, z in world]
    start = max(range(4), key=lambda i: nearness[(i + 2) % 4] + nearness[(i + 3) % 4])
    return corners[start:] + corners[:start]


def _document(title: str, kind: str, description: str, body: list[str]) -> str:
    prefix = f"{slugify(title)}-{kind}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{WIDTH:g}" '
            f'height="{HEIGHT:g}" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" '
            f'aria-labelledby="{prefix}-title {prefix}-desc">',
            f'<title id="{prefix}-title">{escape(title)}</title>',
            f'<desc id="{prefix}-desc">{escape(description)}</desc>',
            *body,
            "</svg>",
            "",
        ]
    )


def _caption(lines: list[str], size: float) -> list[str]:
    found = []
    for index, line in enumerate(reversed(lines)):
        y = HEIGHT - MARGIN - index * size * 1.2
        found.append(
            f'<text x="{WIDTH / 2:g}" y="{y:.1f}" font-family="sans-serif" font-size="{size:g}" text-anchor="middle" '
            f'fill="currentColor">{escape(line)}</text>'
        )
    return list(reversed(found))


def _paint(shape: Shape) -> str:
    """Fill and stroke attributes of a shape drawn in its layer."""
    if shape.layer == "furniture":
        return 'fill="currentColor" fill-opacity="0.07" stroke="currentColor" stroke-opacity="0.55" stroke-width="1.3"'
    if shape.layer == "held":
        return f'fill="{PROP_COLOUR}" stroke="none"'
    if shape.layer == "band":
        return f'fill="none" stroke="{PROP_COLOUR}" stroke-width="2.4"'
    return ""


class _Ids:
    """Element ids unique per exercise and kind, so several figures can sit inline in one page."""

    def __init__(self, title: str, kind: str) -> None:
        self.prefix = f"{slugify(title)}-{kind}"

    def __call__(self, name: str) -> str:
        return f"{self.prefix}-{name}"


def layered(
    shapes: Sequence[Shape],
    paths: dict[str, str],
    ids: _Ids,
    under: Sequence[str] = (),
    offset: Point2 | None = None,
) -> tuple[list[str], list[str]]:
    """(defs, drawing) for one figure: shapes defined once, each layer cut so a gap shows round overlaps.

    `under` (the floor, a ghosted pose) is drawn first, behind the furniture, with the whole figure cut
    out. With `offset` (the still picture) the cuts are nested clip paths, one per shape in front, which
    every renderer draws (WeasyPrint, for the PDF handout, ignores masks); without it (the animation,
    only ever shown by browsers) they are masks, whose shapes move with the figure.
    """
    defs = [
        f'<path id="{ids(shape.key)}" d="{paths[shape.key]}"/>' if "<" not in paths[shape.key] else paths[shape.key]
        for shape in shapes
    ]
    drawing: list[str] = []
    body_layers = ("back", "body", "front")

    clip_ids: dict[str, str] = {}

    def clipped(content: str, cut: Sequence[Shape], members: Sequence[Shape]) -> str:
        assert offset is not None
        for shape in cut:
            if not _overlap(shape, members):
                continue
            if shape.key not in clip_ids:
                clip_ids[shape.key] = ids("cut-" + shape.key)
                hole = path_data(tuple(shape.grown or shape.points), True, offset, 0.0)
                defs.append(
                    f'<clipPath id="{clip_ids[shape.key]}"><path d="M-3000 -3000H3000V3000H-3000Z{hole}"/></clipPath>'
                )
            content = f'<g clip-path="url(#{clip_ids[shape.key]})">{content}</g>'
        return content

    def mask(name: str, cut: Sequence[Shape]) -> str:
        cuts = "".join(
            f'<use href="#{ids(shape.key)}" fill="black" stroke="black" stroke-width="{2 * GAP:g}"/>' for shape in cut
        )
        defs.append(
            f'<mask id="{ids("mask-" + name)}" maskUnits="userSpaceOnUse" x="-2000" y="-2000" width="4000" '
            f'height="4000"><rect x="-2000" y="-2000" width="4000" height="4000" fill="white"/>{cuts}</mask>'
        )
        return f' mask="url(#{ids("mask-" + name)})"'

    figure = [shape for shape in shapes if shape.layer in (*body_layers, "held")]
    furniture = "".join(
        f'<use href="#{ids(shape.key)}" {_paint(shape)}/>' for shape in shapes if shape.layer == "furniture"
    )
    if offset is not None:
        everything = [shape for shape in shapes if shape.layer == "furniture"] + list(figure)
        drawing.append(clipped(f"<g>{''.join(under)}{furniture}</g>", figure, everything + [_EVERYWHERE]))
    else:
        drawing.append(f"<g{mask('under', figure) if figure else ''}>{''.join(under)}{furniture}</g>")
    for index, layer in enumerate(body_layers):
        members = [shape for shape in shapes if shape.layer == layer]
        if not members:
            continue
        above = [shape for shape in shapes if shape.layer in body_layers[index + 1 :] or shape.layer == "held"]
        uses = "".join(f'<use href="#{ids(shape.key)}"/>' for shape in members)
        tone = f'fill="currentColor" opacity="{TONES[layer]:g}"'
        if offset is not None:
            drawing.append(f"<g {tone}>{clipped(uses, above, members)}</g>")
        else:
            drawing.append(f"<g{mask(layer, above) if above else ''} {tone}>{uses}</g>")
    for shape in shapes:
        if shape.layer in {"held", "band"}:
            drawing.append(f'<use href="#{ids(shape.key)}" {_paint(shape)}/>')
    return defs, drawing


_EVERYWHERE = Shape("everywhere", "", ((-3000.0, -3000.0), (3000.0, 3000.0)))


def _overlap(cutter: Shape, members: Sequence[Shape]) -> bool:
    """Whether a cutting shape's box meets any member's box (cuts that change nothing are left out)."""
    xs, ys = zip(*(cutter.grown or cutter.points), strict=True)
    for member in members:
        mx, my = zip(*member.points, strict=True)
        if min(xs) <= max(mx) and max(xs) >= min(mx) and min(ys) <= max(my) and max(ys) >= min(my):
            return True
    return False


def _paths(shapes: Sequence[Shape], canvas: _Canvas) -> dict[str, str]:
    return {shape.key: path_data(shape.points, shape.closed, (canvas.left, canvas.top), 0.0) for shape in shapes}


def static_svg(scene: Scene) -> str:
    """The still picture: the end pose solid, the start pose's moving parts ghosted, an arrow between."""
    ghost_index, solid_index = scene.static_pair
    keys = scene.keys
    solid = keys[solid_index]
    ghost = keys[ghost_index] if len(keys) > 1 else None
    skeletons = [skeleton_at(key.pose) for key in keys]
    near_front = near_is_front(skeletons[0], scene.camera)
    solid_shapes = frame_shapes(skeleton_at(solid.pose), scene.props, scene.camera, near_front)
    ghost_shapes = frame_shapes(skeleton_at(ghost.pose), scene.props, scene.camera, near_front) if ghost else []
    moved = [
        g
        for g, s in zip(ghost_shapes, solid_shapes, strict=False)
        if g.layer not in {"furniture", "band"} and displacement(g, s) > (6.0 if g.layer == "body" else 3.0)
    ]
    lines, size = wrap_label(scene.caption) if scene.caption else ([], LABEL_SIZE)
    floor = _floor(scene.camera, skeletons, scene.props)
    canvas = _canvas([solid_shapes, moved], floor, len(lines) * size * 1.25)
    ids = _Ids(scene.title, "static")
    offset = (canvas.left, canvas.top)
    paths = _paths(solid_shapes, canvas)
    under = [_floor_element(floor, offset)]
    if moved:
        ghosted = "".join(f'<path d="{path_data(shape.points, shape.closed, offset, 0.0)}"/>' for shape in moved)
        under.append(f'<g fill="currentColor" opacity="{GHOST_OPACITY:g}">{ghosted}</g>')
    defs, drawing = layered(solid_shapes, paths, ids, under, offset)
    body = [f'<g transform="{canvas.transform()}" stroke-linejoin="round" stroke-linecap="round">']
    body.append("<defs>" + "".join(defs) + "</defs>")
    body += drawing
    if ghost is not None and moved:
        body.append(_arrow(ghost_shapes, solid_shapes, offset, scene.alternating))
    body.append("</g>")
    body += _caption(lines, size)
    names = " → ".join(key.name for key in (ghost, solid) if key is not None)
    description = f"{scene.title}: {names}." + (f" {scene.caption}." if scene.caption else "")
    return _document(scene.title, "static", description, body)


def _floor_element(floor: Sequence[Point2], offset: Point2) -> str:
    """The floor strip, lightly shaded, with its front edge (corners 2 and 3, nearest the viewer) drawn."""
    strip = path_data(floor, False, offset, 0.0) + " Z"
    edge = path_data([floor[2], floor[3]], False, offset, 0.0)
    return (
        f'<path d="{strip}" fill="currentColor" fill-opacity="0.07" stroke="none"/>'
        f'<path d="{edge}" fill="none" stroke="currentColor" stroke-width="1.6" opacity="0.4"/>'
    )


EFFECTORS = ("near_hand", "far_hand", "near_foot", "far_foot", "near_shin", "far_shin", "head", "pelvis", "torso")


def _centre(shape: Shape) -> Point2:
    xs, ys = zip(*shape.points, strict=True)
    return (sum(xs) / len(xs), sum(ys) / len(ys))


def _arrow(start: Sequence[Shape], end: Sequence[Shape], offset: Point2, both_ways: bool) -> str:
    """A curved arrow from where the part that moves most was to where it ends."""
    pairs = [(a, b) for a, b in zip(start, end, strict=True) if a.key in EFFECTORS or a.key.endswith("_shin")]
    a, b = max(pairs, key=lambda pair: math.dist(_centre(pair[0]), _centre(pair[1])))
    (x1, y1), (x2, y2) = _centre(a), _centre(b)
    length = math.dist((x1, y1), (x2, y2)) or 1.0
    # Bow the arrow outwards by a quarter of its length, away from the figure's middle.
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    bow = 0.22 * length
    control = ((x1 + x2) / 2 + nx * bow, (y1 + y2) / 2 + ny * bow)
    shorten = min(6.0, length * 0.2)

    def screen(point: Point2) -> Point2:
        return (point[0] - offset[0], -(point[1] - offset[1]))

    start_point, control_point, end_point = screen((x1, y1)), screen(control), screen((x2, y2))
    ex, ey = _toward(end_point, control_point, shorten)
    sx, sy = _toward(start_point, control_point, shorten if both_ways else 1.0)
    heads = _head((ex, ey), control_point)
    if both_ways:
        heads += " " + _head((sx, sy), control_point)
    return (
        f'<path d="M{sx:.1f} {sy:.1f} Q{control_point[0]:.1f} {control_point[1]:.1f} {ex:.1f} {ey:.1f}" fill="none" '
        f'stroke="{ARROW_COLOUR}" stroke-width="2.6"/>'
        f'<path d="{heads}" fill="{ARROW_COLOUR}" stroke="{ARROW_COLOUR}" stroke-width="1"/>'
    )


def _toward(point: Point2, target: Point2, distance: float) -> Point2:
    length = math.dist(point, target) or 1.0
    return (
        point[0] + (target[0] - point[0]) * distance / length,
        point[1] + (target[1] - point[1]) * distance / length,
    )


def _head(tip: Point2, control: Point2) -> str:
    angle = math.atan2(tip[1] - control[1], tip[0] - control[0])
    size = 7.0
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return f"M{tip[0]:.1f} {tip[1]:.1f} L{left[0]:.1f} {left[1]:.1f} L{right[0]:.1f} {right[1]:.1f} Z"


def animated_svg(scene: Scene, frames: Sequence[Frame], total: float) -> str:
    """The figure moving through `frames` (times in seconds, the last at `total`), repeating."""
    skeletons = [skeleton_at(frame.pose) for frame in frames]
    near_front = near_is_front(skeletons[0], scene.camera)
    per_frame = [frame_shapes(skeleton, scene.props, scene.camera, near_front) for skeleton in skeletons]
    lines, size = wrap_label(scene.caption) if scene.caption else ([], LABEL_SIZE)
    floor = _floor(scene.camera, skeletons, scene.props)
    canvas = _canvas(per_frame, floor, len(lines) * size * 1.25)
    offset = (canvas.left, canvas.top)
    ids = _Ids(scene.title, "animated")
    first = per_frame[0]
    paths: dict[str, str] = {}
    key_times = ";".join(f"{frame.at / total:.4f}" for frame in frames) if total > 0 else ""
    for index, shape in enumerate(first):
        values = [path_data(shapes[index].points, shape.closed, offset, 0.0) for shapes in per_frame]
        still = max(displacement(shape, shapes[index]) for shapes in per_frame) < STILL
        if total > 0 and not still:
            paths[shape.key] = (
                f'<path id="{ids(shape.key)}" d="{values[0]}"><animate attributeName="d" dur="{total:g}s" '
                f'repeatCount="indefinite" keyTimes="{key_times}" values="{";".join(values)}"/></path>'
            )
        else:
            paths[shape.key] = values[0]
    defs, drawing = layered(first, paths, ids, [_floor_element(floor, offset)])
    body = [f'<g transform="{canvas.transform()}" stroke-linejoin="round" stroke-linecap="round">']
    body.append("<defs>" + "".join(defs) + "</defs>")
    body += drawing
    body.append("</g>")
    body += _caption(lines, size)
    names = " → ".join(key.name for key in scene.keys)
    description = f"{scene.title}: {names}, repeating every {total:g} s." if total > 0 else f"{scene.title}."
    if scene.caption:
        description += f" {scene.caption}."
    return _document(scene.title, "animated", description, body)
