"""Lines a crawler glued together: a heading run into the next sentence ("Long Arc QuadsBe sure to..."), and
paragraphs whose breaks were lost altogether ("...your knee.Prone Hang ExerciseTo improve...Lie on...").

Plain text only; a line is split where a lost break shows: a sentence's full stop or colon right before the
next capital ("knee.Prone"), or a lower-case letter right before a capitalised word ("ExerciseTo").
"""

from __future__ import annotations

import re

from rehabit.reader.steps import VERBS

_SENTENCE_GLUE = re.compile(r"(?<=[a-z0-9)][.!?:])(?=[A-Z][a-z])")
_WORD_GLUE = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")
_LOST_BREAKS = 4  # this many glue points in one line: its breaks were lost, not a brand name ("WhatsApp")
# A line that starts with a short title-case name glued to the first word of a sentence ("Long Arc QuadsBe").
_RUN_IN = re.compile(r"^(?P<name>(?:[A-Z][\w'’-]*\s+){0,5}[A-Z][\w'’-]*?[a-z])(?P<word>[A-Z][a-z]+)\s")
_SENTENCE_STARTS_TEXT = "to the this these it if in for when while with you your a an be as on at start begin try"
_SENTENCE_STARTS = frozenset(_SENTENCE_STARTS_TEXT.split())


def unglue(line: str) -> list[str]:
    """The line as the lines it was before a crawler glued them; the line itself when nothing shows."""
    if "://" in line:
        return [line]
    points = sorted({m.start() for m in _SENTENCE_GLUE.finditer(line)} | {m.start() for m in _WORD_GLUE.finditer(line)})
    if len(points) >= _LOST_BREAKS:
        return [piece for piece in _cut(line, points) if piece.strip()]
    run_in = _RUN_IN.match(line)
    if run_in is not None and _starts_sentence(run_in.group("word")):
        return [run_in.group("name"), line[run_in.start("word") :]]
    return [line]


def _starts_sentence(word: str) -> bool:
    word = word.lower()
    return word in _SENTENCE_STARTS or word in VERBS or (word.endswith("ing") and word[:-3] in VERBS)


def _cut(line: str, points: list[int]) -> list[str]:
    pieces, start = [], 0
    for point in points:
        pieces.append(line[start:point])
        start = point
    pieces.append(line[start:])
    return pieces
