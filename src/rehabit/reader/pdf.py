"""PDF handouts: the text layer page by page within limits, and OCR for pages that are only a scan.

Before a page's text is extracted, its drawing instructions are measured (decompressed), so a small
file that expands into millions of characters is refused in a second instead of read for minutes.
Pages without a text layer are read from their largest image through OCR (`rehabit.reader.ocr`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rehabit.reader.extract import Document, UnreadableInput, from_text
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits

if TYPE_CHECKING:
    from PIL import Image


def from_pdf(raw: bytes, source: str = "", limits: Limits = DEFAULT_LIMITS) -> Document:
    """The text of a PDF, page by page, read as plain text; pages with no text layer through OCR.

    Raises UnreadableInput for a damaged PDF or one with nothing to read, InputTooLarge for a page over
    `limits.page_content_bytes` of drawing instructions.
    """
    name = source or "input"
    texts, scans, warnings = pages_of(raw, name, limits)
    if not scans:
        if not any(texts):
            raise UnreadableInput(f"{name}: the PDF has no text layer and no scanned page image; nothing to read")
        doc = from_text("\n\n".join(t for t in texts if t), source)
    else:
        from rehabit.reader.ocr import read_pages

        doc = read_pages(texts, scans, source, limits)
    doc.format = "pdf"
    doc.warnings = warnings + doc.warnings
    return doc


def pages_of(
    raw: bytes, name: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[str | None], dict[int, Image.Image], list[str]]:
    """Each page's text (None for a page without a text layer), the page images of those pages (their
    largest image, grayscale; at most `limits.scanned_pages`), and warnings on what was left out."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    warnings: list[str] = []
    texts: list[str | None] = []
    scans: dict[int, Image.Image] = {}
    total = 0
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = reader.pages
        count = len(pages)
        if count > limits.pages:
            warnings.append(f"the PDF has {count} pages; only the first {limits.pages} were read")
        for number in range(min(count, limits.pages)):
            page = pages[number]
            _check_content_size(page, number, name, limits)
            text = page.extract_text() or ""
            if text.strip():
                total += len(text)
                texts.append(text)
                if total > limits.chars:
                    warnings.append(f"the text is very long; only its first {limits.chars:,} characters were read")
                    break
                continue
            texts.append(None)
            if len(scans) < limits.scanned_pages:
                image = _page_image(page, name, limits)
                if image is not None:
                    scans[number] = image
            elif len(scans) == limits.scanned_pages:
                warnings.append(f"only the first {limits.scanned_pages} scanned pages were read through OCR")
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError, IndexError,
            ZeroDivisionError) as error:  # fmt: skip
        raise UnreadableInput(f"{name}: not a readable PDF ({str(error)[:160]})") from None
    return texts, scans, list(dict.fromkeys(warnings))


def _check_content_size(page: Any, number: int, name: str, limits: Limits) -> None:
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > limits.page_content_bytes:
        raise InputTooLarge(
            f"{name}: page {number + 1} holds {size:,} bytes of drawing instructions "
            f"(the limit is {limits.page_content_bytes // 1_000_000} MB); too large to read"
        )


def _page_image(page: Any, name: str, limits: Limits) -> Image.Image | None:
    """The largest image drawn on a page (a scan is one image per page), checked before decoding."""
    from rehabit.reader.images import check_dimensions

    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return None
    best: tuple[int, Any] | None = None
    for key in list(xobjects.get_object().keys())[:50]:
        xobject = xobjects.get_object()[key].get_object()
        if xobject.get("/Subtype") != "/Image":
            continue
        width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
        check_dimensions(width, height, name, limits)
        if best is None or width * height > best[0]:
            best = (width * height, key)
    if best is None:
        return None
    for image in page.images:
        if image.name.split(".")[0].lstrip("/") == str(best[1]).lstrip("/") or len(page.images) == 1:
            return image.image.convert("L")  # type: ignore[no-any-return]
    return None
