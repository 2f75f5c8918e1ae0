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

import threading
from pathlib import Path

from rehabit.reader.extract import UnreadableInput, from_html_text, warm_up_html
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits
from rehabit.reader.ocr import (
    OcrUnavailable,
    PageImage,
    ScannedDocument,
    TextBox,
    boxes_json,
    evidence_boxes,
    needs_review,
)
from rehabit.reader.ocr import mark_for_review as _mark_for_review
from rehabit.reader.output import dump_yaml, to_program, to_schema_json
from rehabit.reader.pages import page_previews
from rehabit.reader.pipeline import ExerciseReading, ReaderResult, read_document
from rehabit.reader.provenance import Evidence, explain
from rehabit.reader.source import FORMATS, decode, fetch, sniff, to_document

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
    if threading.active_count() == 1 and (fmt or sniff(data)) == "html":
        warm_up_html()  # this process forks each read's worker: warm it once, not every worker
    document = to_document(data, fmt, name, limits)
    if isinstance(document, ScannedDocument):
        result = read_document(document)
        _mark_for_review(result)
        return result
    result = read_document(document)
    if not result.exercises and document.format == "html":
        fallback = read_document(from_html_text(decode(data, name), name))
        if fallback.exercises:
            fallback.title = result.title or fallback.title
            return fallback
    return result
