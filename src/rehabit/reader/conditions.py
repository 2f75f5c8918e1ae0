"""Conditional text: what an exercise becomes later or for some people, not what it is.

"To make this easier, you can also ... pause for two seconds" describes a variation, so its numbers are
not the exercise's dose; "When this is easy, loop a band above your knees" makes the band an optional
progression, not equipment the exercise needs. A variation runs from the sentence that opens it to the
end of its paragraph, unless a sentence gives the main dose again ("Complete three sets of 10.").
"""

from __future__ import annotations

import re

from rehabit.reader.steps import is_ad, sentences

_VARIANT_START = re.compile(
    r"^(?:(?:to|you can|you could|you may)\s+make\s+(?:this|it|the (?:exercise|stretch|move))\b[^.]{0,20}?"
    r"\b(?:easier|harder|more (?:difficult|challenging|intense)|less (?:difficult|challenging))"
    r"|(?:for|as)\s+(?:an?\s+)?(?:easier|harder|advanced|tougher|more challenging|beginner'?s?)\s+"
    r"(?:version|option|variation|progression|challenge)"
    r"|you\s+(?:can|may|could)\s+also\b|alternatively\b|or,|or\s+you\s+(?:can|could)\b"
    r"|once\s+(?:you\s+can|you'?re\s+able|this|it|that)\b|when\s+(?:this|it|that)\s+(?:is|gets|becomes|feels)\b"
    r"|if\s+(?:this|it|that)\s+(?:is|gets|becomes|feels)\s+(?:too\s+)?(?:easy|hard|difficult)"
    r"|(?:progression|regression|advanced(?:\s+[a-z -]{2,30})?|easier|harder|modification|variation)\s*:"
    r"|to\s+progress\b|to\s+(?:advance|regress|modify)\s+(?:this|it|the)\b|to\s+increase\s+the\s+(?:challenge|difficulty|intensity)|as\s+you\s+get\s+stronger\b"
    r"|(?:eventually|later|over time),?\s+(?:you\s+can|try|progress|build)\b)",
    re.I,
)
_MAIN_DOSE = re.compile(
    r"^(?:complete|perform|do|aim for|repeat|start with|try to do)\b(?![^.]{0,40}\b(?:easier|harder|this version))"
    r"|^(?:one|each|a)\s+(?:rep|repetition)\s+(?:includes|is|means|equals|covers)\b",
    re.I,
)
_OPTIONAL = re.compile(
    r"\b(?:to make (?:this|it|the \w+)\b[^.]{0,20}?\b(?:harder|more (?:difficult|challenging))"
    r"|for (?:added|extra|more|increased) (?:resistance|challenge|intensity|difficulty)"
    r"|(?:add|increase) (?:the )?(?:intensity|resistance|challenge|difficulty)"
    r"|you (?:can|could|may) (?:also )?(?:add|use|hold|loop|place|put|wear)\b"
    r"|(?:when|once|if) (?:this|it|that)(?: exercise| stretch)? (?:is|gets|becomes|feels) (?:too |very |quite )?easy"
    r"|(?:when|once|as) you (?:get|feel|become) stronger|to progress|progress(?:ion)? (?:by|to|with)"
    r"|optional(?:ly)?|if (?:you have|available|you like|you want)|(?:harder|advanced|challenge) (?:version|option)"
    r"|if [^.]{0,40}\b(?:is|are|feels?|gets?) (?:too )?(?:painful|uncomfortable|sore|hard|difficult)\b[^.]{0,20}\btry"
    r"|make it harder|more of a challenge|to increase the challenge|to increase resistance"
    r"|to (?:advance|regress|modify|progress) (?:this|it|the)|(?:work|build) up to|progress to)\b",
    re.I,
)


def variant_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (shifted by `offset`) of the sentences of a paragraph that describe a variation."""
    spans: list[tuple[int, int]] = []
    inside = False
    for sentence, start, end in sentences(text, offset):
        bare = sentence.lstrip("-•*·–—() 0123456789.").strip()
        if _VARIANT_START.match(bare):
            inside = True
        elif inside and _MAIN_DOSE.match(bare):
            inside = False
        if inside:
            spans.append((start, end))
    return spans


def optional_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences that make equipment optional ("For added resistance, place a band ...")."""
    return [(start, end) for sentence, start, end in sentences(text, offset) if _OPTIONAL.search(sentence)]


def ad_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences that advertise a product ("Best ankle weights in the link below")."""
    return [(start, end) for sentence, start, end in sentences(text, offset) if is_ad(sentence)]


def within(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when a text position falls inside one of the spans."""
    return any(start <= position < end for start, end in spans)
