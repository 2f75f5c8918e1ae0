"""The practice reader: an exercise article or handout (HTML, Markdown, text, PDF, a photo) becomes a program.

    result = read_article("handout.pdf")
    program = to_program(result)          # a Program the player can run
    document = to_schema_json(result)     # the shape of ../shared/corpus/SCHEMA.md, plus "program"

Stages, one module each: `source` (bytes from a file, stdin or URL; `limits`) -> `extract` (blocks;
`pdf`, and `images` + `ocr` for photos and scans, whose words keep their boxes) -> `segment`
(exercise sections) -> `names`, `dose`, `equipment`, `steps`, `frequency`, `groups` -> `pipeline`
(assembly) -> `provenance` (spans, --explain) and `output`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rehabit.reader.extract import UnreadableInput
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits

if TYPE_CHECKING:
    from rehabit.reader.ocr import (
        OcrUnavailable,
        PageImage,
        ScannedDocument,
        TextBox,
        boxes_json,
        evidence_boxes,
        needs_review,
    )
    from rehabit.reader.output import dump_yaml, to_program, to_schema_json
    from rehabit.reader.pages import page_previews
    from rehabit.reader.pipeline import ExerciseReading, ReaderResult
    from rehabit.reader.provenance import Evidence, explain
    from rehabit.reader.source import FORMATS, sniff

# Loaded when first asked for: a caller that only extracts (the reader's worker) loads no reading stage.
_LAZY = {
    **dict.fromkeys(
        ("OcrUnavailable", "PageImage", "ScannedDocument", "TextBox", "boxes_json", "evidence_boxes", "needs_review"),
        "rehabit.reader.ocr",
    ),
    **dict.fromkeys(("dump_yaml", "to_program", "to_schema_json"), "rehabit.reader.output"),
    "page_previews": "rehabit.reader.pages",
    **dict.fromkeys(("ExerciseReading", "ReaderResult"), "rehabit.reader.pipeline"),
    **dict.fromkeys(("Evidence", "explain"), "rehabit.reader.provenance"),
    **dict.fromkeys(("FORMATS", "sniff"), "rehabit.reader.source"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Evidence",
    "ExerciseReading",
    "InputTooLarge",
    "Limits",
    "OcrUnavailable",
    "PageImage",
    "ScannedDocument",
    "TextBox",
    "ReaderResult",
    "UnreadableInput",
    "boxes_json",
    "dump_yaml",
    "evidence_boxes",
    "explain",
    "needs_review",
    "page_previews",
    "read_article",
    "read_bytes",
    "sniff",
    "to_program",
    "to_schema_json",
]


def read_article(source: str | Path, allow_local: bool = False) -> ReaderResult:
    """Read an article from a file path, `-` (standard input) or an http(s) URL.

    A URL must lead to a public host unless `allow_local` (loopback and private networks).

    Raises UnreadableInput (a RehabitError) with a one-line message when the input cannot be read;
    an article without exercises gives a result with no exercises and a warning.
    """
    from rehabit.reader.source import fetch

    name = str(source)
    data, fmt = fetch(name, allow_local)
    return read_bytes(data, fmt, name)


def read_bytes(
    data: bytes, fmt: str | None = None, name: str = "input", limits: Limits = DEFAULT_LIMITS
) -> ReaderResult:
    """Read an article, a photo or a scan given as bytes; `fmt` is one of FORMATS, or None to tell from the
    content. Extraction runs within `limits` in a worker process (safe to call from any thread); input
    over them raises InputTooLarge, unreadable input UnreadableInput, each with a one-line message.
    """
    from rehabit.reader.extract import from_html_text
    from rehabit.reader.ocr import ScannedDocument, mark_for_review
    from rehabit.reader.pipeline import read_document
    from rehabit.reader.source import decode, to_document

    document = to_document(data, fmt, name, limits)
    if isinstance(document, ScannedDocument):
        result = read_document(document)
        mark_for_review(result)
        return result
    result = read_document(document)
    if not result.exercises and document.format == "html":
        fallback = read_document(from_html_text(decode(data, name), name))
        if fallback.exercises:
            fallback.title = result.title or fallback.title
            return fallback
    return result
