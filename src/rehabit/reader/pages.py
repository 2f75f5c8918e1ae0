"""Previews of the page images a photo or scan was read from, for a web view that highlights the words
behind each value (their boxes are in `ScannedDocument.boxes`, in the coordinates of `PageImage`)."""

from __future__ import annotations

import io

from rehabit.reader.images import open_image
from rehabit.reader.limits import DEFAULT_LIMITS, Limits, run_limited
from rehabit.reader.pdf import pages_of


def page_previews(
    data: bytes, fmt: str | None = None, name: str = "input", limits: Limits = DEFAULT_LIMITS, max_side: int = 1600
) -> list[bytes]:
    """JPEG previews of the page images OCR read, in the order of `PageImage`s in a ScannedDocument's
    `pages`: upright as the boxes' coordinates are (scale a box by preview width / PageImage.width).
    For a web view that highlights a value's words. Runs in a worker process within `limits`."""
    return run_limited(_previews, data, fmt, name, limits, max_side, limits=limits, name=name)


def _previews(data: bytes, fmt: str | None, name: str, limits: Limits, max_side: int) -> list[bytes]:
    if fmt == "pdf" or (fmt is None and data.lstrip()[:4] == b"%PDF"):
        images = list(pages_of(data, name, limits)[1].values())
    else:
        images = [open_image(data, name, limits)]
    previews: list[bytes] = []
    for image in images:
        image.thumbnail((max_side, max_side))
        out = io.BytesIO()
        image.convert("L").save(out, "JPEG", quality=80)
        previews.append(out.getvalue())
    return previews
