"""Where the figure is seen from, and what a body volume looks like from there.

The camera is orthographic: `azimuth` turns it about the vertical (0 looks at the near side of a
figure facing +x, 90 at its front, -90 at its back) and `elevation` raises it to look down.
`outline` projects a volume and returns its silhouette as a fixed number of points: the volume's
support points in evenly spaced screen directions, so one shape's outlines in two poses can be
morphed into each other point by point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rehabit.illustrate.body import Vec, add, dot, scale
from rehabit.illustrate.volumes import Volume

Point2 = tuple[float, float]


@dataclass(frozen=True)
class Camera:
    azimuth: float = 0.0
    elevation: float = 0.0

    @property
    def toward(self) -> Vec:
        """The unit direction from the scene towards the camera."""
        a, e = math.radians(self.azimuth), math.radians(self.elevation)
        return (math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))

    @property
    def right(self) -> Vec:
        a = math.radians(self.azimuth)
        return (math.cos(a), 0.0, -math.sin(a))

    @property
    def up(self) -> Vec:
        a, e = math.radians(self.azimuth), math.radians(self.elevation)
        return (-math.sin(e) * math.sin(a), math.cos(e), -math.sin(e) * math.cos(a))

    def project(self, point: Vec) -> Point2:
        """Screen coordinates of a point (x right, y up, in centimetres)."""
        return (dot(point, self.right), dot(point, self.up))

    def depth(self, point: Vec) -> float:
        """How near the camera a point is (larger is nearer)."""
        return dot(point, self.toward)

    def outline(self, volume: Volume, samples: int, grow: float = 0.0) -> list[Point2]:
        """The volume's silhouette: its support points in `samples` evenly spaced screen directions.

        With `grow`, the silhouette of the volume grown by that much all round (for the gap cut round it).
        """
        right, up = self.right, self.up
        found: list[Point2] = []
        for index in range(samples):
            angle = 2 * math.pi * index / samples
            direction = add(scale(right, math.cos(angle)), scale(up, math.sin(angle)))
            found.append(self.project(add(volume.support_point(direction), scale(direction, grow))))
        return found


SIDE_VIEW = Camera()
