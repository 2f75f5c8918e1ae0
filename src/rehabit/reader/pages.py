"""Previews of the page images a photo or scan was read from, for a web view that highlights the words
behind each value (their boxes are in `ScannedDocument.boxes`, in the coordinates of `PageImage`).

The previews are made in the reader's worker from the pixels OCR read, and come back with the document:
a photo is decoded once, for both its reading and its review.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

    from rehabit.reader.extract import Document

PREVIEW_SIDE = 1400  # longest side of a page's preview, in pixels


def preview(image: Image.Image, max_side: int = PREVIEW_SIDE) -> bytes:
    """A grayscale JPEG of a page image, scaled down to `max_side` on its longest side (never up)."""
    small = image.convert("L")  # a copy: the page OCR reads is left as it is
    small.thumbnail((max_side, max_side))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()


def page_previews(document: Document) -> list[bytes]:
    """JPEG previews of the page images OCR read, in the order of a ScannedDocument's `pages`: upright as
    the boxes' coordinates are (scale a box by preview width / PageImage.width). None for a document not
    read through OCR. Nothing is decoded again: the previews were made when the pages were read."""
    return [page.preview for page in getattr(document, "pages", [])]
