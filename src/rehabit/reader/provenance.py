"""Provenance: every value the reader extracts keeps the span of text it came from.

`explain` shows each exercise with the sentence behind each value, the value's words [marked like this].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rehabit.reader.ocr import describe

if TYPE_CHECKING:
    from rehabit.reader.pipeline import ReaderResult


@dataclass(frozen=True)
class Evidence:
    """Where one extracted value came from: the field, the value as shown, and its span in the text."""

    field: str
    value: str
    start: int
    end: int


def explain(result: ReaderResult) -> str:
    """Each exercise with the source sentence behind each value, as plain text."""
    text = result.document.text
    lines = [f"{result.title or 'Untitled'} ({result.source or 'input'})"]
    if result.frequency_evidence is not None:
        lines.append(
            f"  sessions a week {result.frequency_evidence.value}  <- {_sentence(text, result.frequency_evidence)}"
        )
    else:
        lines.append("  sessions a week: not in source")
    for number, exercise in enumerate(result.exercises, start=1):
        lines.append(f"{number}. {exercise.name}")
        for evidence in exercise.evidence:
            shared = " (given once for all exercises)" if evidence.field in exercise.shared else ""
            lines.append(f"   {evidence.field} = {evidence.value}{shared}  <- {_sentence(text, evidence)}")
            where = describe(result.document, evidence.start, evidence.end)  # a photo or scan: the words' box
            if where:
                lines.append(f"     on the image: {where}")
        for field in ("reps", "hold_s", "sets"):
            if getattr(exercise, field) is None:
                lines.append(f"   {field}: not in source")
        lines.append(f"   steps: {len(exercise.steps)}")
    for warning in result.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines) + "\n"


def _sentence(text: str, evidence: Evidence) -> str:
    """The sentence (or line) around a span, quoted, with the span's words marked [like this]."""
    start = max(text.rfind("\n", 0, evidence.start), *(text.rfind(p, 0, evidence.start) for p in (". ", "! ", "? ")))
    start = 0 if start < 0 else start + 1
    ends = [i for i in (text.find("\n", evidence.end), text.find(". ", evidence.end)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    before, span, after = text[start : evidence.start], text[evidence.start : evidence.end], text[evidence.end : end]
    quoted = _one_line(f"{before}[{span}]{after}")
    return f'"{quoted[:240]}"'


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
