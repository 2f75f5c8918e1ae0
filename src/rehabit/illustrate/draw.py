"""From posed bodies to drawn shapes: the outlines of every body part and prop in one frame.

A frame is drawn in layers, back to front: furniture, the far limbs, the trunk, the near limbs,
then what the hands hold and bands. Which side is near is decided once per figure from the camera,
so the layers never swap mid-animation. Every shape has a fixed number of outline points in every
frame, which is what lets SMIL morph one frame's path into the next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rehabit.illustrate.body import Skeleton, Vec
from rehabit.illustrate.camera import Camera, Point2
from rehabit.illustrate.props import Placed, band_loop, carried, furniture, prop_lines
from rehabit.illustrate.volumes import Volume, volumes

LAYERS = ("furniture", "back", "body", "front", "held", "band")
SAMPLES = {
    "torso": 24,
    "belly": 18,
    "pelvis": 20,
    "head": 18,
    "neck": 10,
    "hand": 10,
    "foot": 12,
    "box": 16,
    "band": 16,
}
DEFAULT_SAMPLES = 14
GAP = 2.0  # the width of the gap cut round a shape where it overlaps one behind it


@dataclass(frozen=True)
class Shape:
    """One outline in screen coordinates, with the layer it is drawn in and how it is painted."""

    key: str
    layer: str
    points: tuple[Point2, ...]
    closed: bool = True
    grown: tuple[Point2, ...] = ()  # the outline grown by the gap, for the cut round it


def _samples(name: str) -> int:
    for key, count in SAMPLES.items():
        if key in name:
            return count
    return DEFAULT_SAMPLES


def near_is_front(skeleton: Skeleton, camera: Camera) -> bool:
    """Whether the body's near side is the one nearer the camera (so it is drawn in front)."""
    p = skeleton.points
    near = camera.depth(p["near_hip"]) + camera.depth(p["near_shoulder"])
    far = camera.depth(p["far_hip"]) + camera.depth(p["far_shoulder"])
    return near >= far - 1.0


def _layer(volume: Volume, near_front: bool) -> str:
    if volume.side == "body":
        return "body"
    front = (volume.side == "near") == near_front
    return "front" if front else "back"


def frame_shapes(skeleton: Skeleton, props: Sequence[Placed], camera: Camera, near_front: bool) -> list[Shape]:
    """Every outline of one frame, in drawing order (the same keys, in the same order, for every frame)."""
    shapes: list[Shape] = []
    for placed in props:
        for index, box in enumerate(furniture(placed)):
            shapes.append(Shape(f"{placed.prop.value}-{index}", "furniture", tuple(camera.outline(box, 16))))
    body = volumes(skeleton)
    # Arms are drawn over legs on the same side, and the back side before the trunk.
    order = {"leg": 0, "arm": 1}
    for volume in sorted(body, key=lambda v: (LAYERS.index(_layer(v, near_front)), order[_limb_kind(v.name)])):
        count = _samples(volume.name)
        shapes.append(
            Shape(
                volume.name,
                _layer(volume, near_front),
                tuple(camera.outline(volume, count)),
                grown=tuple(camera.outline(volume, count, GAP)),
            )
        )
    for placed in props:
        for volume in carried(placed, skeleton):
            shapes.append(
                Shape(
                    volume.name, "held", tuple(camera.outline(volume, 16)), grown=tuple(camera.outline(volume, 16, GAP))
                )
            )
        loop = band_loop(placed, skeleton)
        if loop is not None:
            shapes.append(Shape(f"{placed.prop.value}", "band", tuple(camera.outline(loop, 20))))
        for index, (start, end) in enumerate(prop_lines(placed, skeleton)):
            line = (camera.project(start), camera.project(end))
            shapes.append(Shape(f"{placed.prop.value}-line-{index}", "band", line, closed=False))
    return shapes


def _limb_kind(name: str) -> str:
    return "arm" if any(part in name for part in ("arm", "hand")) else "leg"


def path_data(points: Sequence[Point2], closed: bool, offset: Point2, flip: float) -> str:
    """SVG path data for an outline: a smooth closed curve through the midpoints of its points, or a line.

    Each point is a quadratic Bézier control point between the midpoints of its two sides, which keeps
    the curve smooth and the numbers few (an animation repeats them in every frame).
    """
    ox, oy = offset
    screen = [(x - ox, flip - (y - oy)) for x, y in points]
    if not closed:
        return " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(screen))
    count = len(screen)
    middles = [
        ((screen[i][0] + screen[(i + 1) % count][0]) / 2, (screen[i][1] + screen[(i + 1) % count][1]) / 2)
        for i in range(count)
    ]
    # Relative coordinates, rounded as they are written, so the small numbers add up exactly.
    x0, y0 = round(middles[-1][0], 1), round(middles[-1][1], 1)
    parts = [f"M{x0:.1f} {y0:.1f}"]
    cx, cy = x0, y0
    for i in range(count):
        qx, qy = round(screen[i][0] - cx, 1), round(screen[i][1] - cy, 1)
        ex, ey = round(middles[i][0] - cx, 1), round(middles[i][1] - cy, 1)
        parts.append(f"q{qx:g} {qy:g} {ex:g} {ey:g}")
        cx, cy = round(cx + ex, 1), round(cy + ey, 1)
    return "".join(parts) + "z"


def bounds(shape_sets: Sequence[Sequence[Shape]]) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of every point of every shape, in screen coordinates."""
    xs = [x for shapes in shape_sets for shape in shapes for x, _ in shape.points]
    ys = [y for shapes in shape_sets for shape in shapes for _, y in shape.points]
    return min(xs), min(ys), max(xs), max(ys)


def displacement(first: Shape, second: Shape) -> float:
    """How far an outline moved between two frames (the largest point-to-point distance)."""
    return max(math.dist(a, b) for a, b in zip(first.points, second.points, strict=True))


def floor_outline(camera: Camera, left: float, right: float, depth: float = 38.0) -> list[Point2]:
    """The floor under the figure: a strip from `left` to `right` (world x), `depth` either side of the body."""
    corners: list[Vec] = [(left, 0.0, -depth), (right, 0.0, -depth), (right, 0.0, depth), (left, 0.0, depth)]
    return [camera.project(corner) for corner in corners]
