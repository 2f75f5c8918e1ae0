"""Photos and scans of a handout: decoding within limits, and page geometry before OCR.

`open_image` checks an image's size from its header before decoding it (decompression bombs), then
decodes it upright (the camera's EXIF orientation applied). `prepare` finds the page in a photo,
undoes its perspective, evens out uneven light, straightens a skew, and scales the text to a size
OCR reads well. It returns the prepared picture and the homography from the upright image to it, so
each word's box can be drawn on the photo the person took.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rehabit.reader.extract import UnreadableInput
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".tif", ".tiff", ".bmp", ".gif")
_FORMATS = {"JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF", "MPO", "HEIF", "AVIF"}
_TARGET_SIDE = 2400  # longest side OCR works on: body text about 25-35 pixels high on a photographed page
_SMALL_SIDE = 1400  # smaller images are enlarged to _TARGET_SIDE


def is_image(data: bytes) -> bool:
    """True when the bytes start like a JPEG, PNG, GIF, WebP, TIFF, BMP or HEIC/HEIF image."""
    head = data[:32]
    return (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or bool(re.match(rb"^....ftyp(heic|heix|hevc|heim|heis|mif1|msf1|avif)", head, re.S))
    )


def check_dimensions(width: int, height: int, name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """InputTooLarge when an image's declared size is over the limits (checked before decoding)."""
    if width <= 0 or height <= 0:
        raise UnreadableInput(f"{name}: the image has no pixels")
    if max(width, height) > limits.image_side or width * height > limits.pixels:
        raise InputTooLarge(
            f"{name}: the image is {width:,} × {height:,} pixels; the limit is {limits.pixels // 1_000_000} "
            f"million pixels and {limits.image_side:,} on a side"
        )


def open_image(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Image.Image:
    """The image decoded upright; one-line UnreadableInput for a damaged, truncated or too large one."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    _heif_support(data, name)
    Image.MAX_IMAGE_PIXELS = None  # checked below from the header, with a message that gives the size
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UnreadableInput(f"{name}: not an image rehabit can read (JPEG, PNG, HEIC, WebP or TIFF)") from None
    if image.format not in _FORMATS:
        raise UnreadableInput(f"{name}: {image.format} images are not read; save the photo as JPEG or PNG")
    check_dimensions(image.width, image.height, name, limits)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
        return upright.convert("L")
    except (OSError, ValueError, SyntaxError, EOFError):
        raise UnreadableInput(f"{name}: the image is damaged or cut short; nothing to read") from None


def _heif_support(data: bytes, name: str) -> None:
    if not re.match(rb"^....ftyp(heic|heix|hevc|heim|heis|mif1|msf1|avif)", data[:16], re.S):
        return
    try:
        import pillow_heif
    except ImportError:
        raise UnreadableInput(
            f"{name}: reading HEIC photos needs the pillow-heif package (pip install pillow-heif); "
            "or save the photo as JPEG"
        ) from None
    pillow_heif.register_heif_opener()


@dataclass
class Prepared:
    """A page ready for OCR, and the 3×3 homography from the upright image's pixels to its pixels."""

    pixels: np.ndarray[Any, Any]
    homography: np.ndarray[Any, Any]
    skew_degrees: float
    page_found: bool


def prepare(image: Image.Image) -> Prepared:
    """Scale, find the page and undo its perspective, even the light, and straighten the text."""
    import cv2
    import numpy as np

    gray: Any = np.asarray(image, dtype=np.uint8)
    height, width = gray.shape
    longest = max(width, height)
    scale = _TARGET_SIDE / longest if longest < _SMALL_SIDE or longest > _TARGET_SIDE else 1.0
    homography = np.diag([scale, scale, 1.0])
    if scale != 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    page = _find_page(gray)
    if page is not None:
        warp, size = page
        gray = cv2.warpPerspective(gray, warp, size, flags=cv2.INTER_LINEAR, borderValue=255)
        homography = warp @ homography
    gray = _without_drawings(_even_light(gray))
    angle = _skew(gray)
    if abs(angle) >= 0.2:
        rows, cols = gray.shape
        rotation = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, rotation, (cols, rows), flags=cv2.INTER_CUBIC, borderValue=255)
        homography = np.vstack([rotation, [0.0, 0.0, 1.0]]) @ homography
    return Prepared(gray, homography, angle, page is not None)


def _find_page(gray: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], tuple[int, int]] | None:
    """The perspective transform onto the sheet of paper, when a bright four-cornered sheet covering a
    good part of the picture stands out from a darker background; None when the page fills the picture."""
    import cv2
    import numpy as np

    height, width = gray.shape
    small_scale = 800 / max(height, width)
    small = cv2.resize(gray, (round(width * small_scale), round(height * small_scale)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _threshold, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _hierarchy = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(sheet) / (small.shape[0] * small.shape[1])
    if not 0.2 <= area <= 0.97:
        return None
    hull = cv2.convexHull(sheet)
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(corners) != 4:
        return None
    points = _order_corners(corners.reshape(4, 2).astype(np.float64) / small_scale)
    top, right, bottom, left = (np.linalg.norm(points[i] - points[(i + 1) % 4]) for i in range(4))
    size = (round(max(top, bottom)), round(max(left, right)))
    inset = 0.012 * max(size)  # the sheet's very edge and any table showing past it are left out
    size = (round(size[0] - 2 * inset), round(size[1] - 2 * inset))
    target = np.array([[-inset, -inset], [size[0] + inset, -inset], [size[0] + inset, size[1] + inset],
                       [-inset, size[1] + inset]], dtype=np.float32)  # fmt: skip
    warp = cv2.getPerspectiveTransform(points.astype(np.float32), target)
    return warp.astype(np.float64), size


def _order_corners(points: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    total, difference = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[total.argmin()], points[difference.argmin()], points[total.argmax()],
                     points[difference.argmax()]])  # fmt: skip


def _even_light(gray: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The picture divided by its background (the paper's brightness, text removed), so a shadow or a
    lamp's gradient does not turn into dark patches when OCR binarizes it."""
    import cv2
    import numpy as np

    side = max(15, (min(gray.shape) // 40) | 1)
    background = cv2.dilate(gray, np.ones((side, side), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), side)
    even = gray.astype(np.float32) * 255.0 / np.maximum(background.astype(np.float32), 1.0)
    return np.clip(even, 0, 255).astype(np.uint8)


def _without_drawings(gray: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The page with its drawings, frames and rules whited out: marks of ink much taller than the print's
    letters (a handout's picture beside each exercise), so OCR neither reads them nor cuts lines at them."""
    import cv2
    import numpy as np

    _threshold, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, labels, stats, _centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 3:
        return gray
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights > 3) & (widths < heights * 4)]
    if letters.size < 20:
        return gray
    letter = float(np.median(letters))
    drawing = np.flatnonzero((heights > letter * 3.5) | ((widths > letter * 25) & (heights > letter * 0.3))) + 1
    if drawing.size == 0:
        return gray
    mask: Any = np.isin(labels, drawing).astype(np.uint8)
    halo = max(3, round(letter / 4))  # the soft edge a blurred photo leaves around each stroke
    mask = cv2.dilate(mask, np.ones((halo, halo), np.uint8))
    cleaned = gray.copy()
    cleaned[mask > 0] = 255
    return cleaned


def _skew(gray: np.ndarray[Any, Any]) -> float:
    """The rotation (degrees, counter-clockwise positive as OpenCV counts) that makes text lines level:
    the angle whose rows of ink are most sharply separated (projection profile), searched to ±10°."""
    import cv2
    import numpy as np

    scale = 1000 / max(gray.shape)
    small = cv2.resize(gray, (round(gray.shape[1] * scale), round(gray.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    _threshold, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() < 0.5:  # a blank page
        return 0.0
    rows, cols = ink.shape
    centre = (cols / 2, rows / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (cols, rows))
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-10.0, 10.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness)
    return round(float(best), 1)
