"""Segmentation: find the exercise sections of a document.

An exercise starts at a heading that names an exercise (a Markdown/HTML heading, or a short line of
plain text), at a list item or paragraph with a lead-in name ("**Wall sit.** Stand...", "Cat cow: On
hands..."), at a table row naming one, or at an exercise named inside a paragraph that goes on to
instruct ("...the supine piriformis stretch. Lie on your back..."). A section runs to the next heading.
Text outside every section is kept as `loose` parts, where doses given once for all exercises live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rehabit.reader import names as names_module
from rehabit.reader.dose import parse_dose
from rehabit.reader.extract import Block, Document
from rehabit.reader.labels import part_label, section_label, series_parent, sibling_name, tentative_name
from rehabit.reader.names import Name, exercise_name, find_in_text
from rehabit.reader.steps import VERBS, is_exercise_instruction, is_instruction, sentences

Origin = Literal["heading", "lead", "inline", "row", "open"]
Part = tuple[str, str, int]  # (kind: "item" | "para" | "label", text, start in Document.text)

_META_LINE = re.compile(
    r"^(?:advertisement|sponsored|ad\b|posted|updated|last updated|published|written|words|by\s|"
    r"filmed|video\b|image|photo|picture|caption|"
    r"share|tags?|tagged|filed|categor|reviewed|medically|source|credit|\d{1,2}\s+\w+\s+\d{4}$|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2},?\s+\d{4}$)",
    re.I,
)
_CONTINUATION = re.compile(
    r"^(?:how to (?:do|perform) (?:it|this|the exercise)|what to do|instructions?|technique|method|steps?|"
    r"form(?: notes| tips| cues)?|dose|dosage|sets(?:\s*/\s*|\s+and\s+)reps|reps|sets|starting position|"
    r"the movement|execution|do it|how it's done|coaching cues|cues|tips?|step\s*\d+|to do this|"
    r"how to do (?:it|this|them)|here(?:'s|’s| is) how(?: (?:it goes|to do it|it works|you do it))?|"
    r"follow these steps|do it like this)\s*:?$",
    re.I,
)
_FORM_FIELD = re.compile(
    r"\[[ xX✓✔]\]\s*\w"
    r"|^(?:sides?|hold|reps|repetitions|sets|band|equipment|frequency|tempo|rest|load)\b[^:]{0,15}:\s*\S",
    re.I,
)
_ASIDE_INTRO = re.compile(
    r"^[^.!?]{0,80}\b(?:mistakes?|errors?|tips?|precautions?|cautions?|benefits?|avoid|don'?ts|watch out|"
    r"common faults?|things to remember)\b[^.!?]{0,40}:\s*$",
    re.I,
)
_NUMBER_PREFIX = re.compile(
    r"\([^)]*\)|^\s*(?:\d{1,2}:\d\d(?::\d\d)?|(?:exercise|step|stretch)?\s*\d+\s*[:.)–—-])", re.I
)
_CAPTION_LINE = re.compile(  # image alt text and slide captions: "Someone sitting on a chair doing ankle circles"
    r"^\s*(?:(?:a|an|the)\s+)?(?:someone|somebody|person|people|woman|man|women|men|girl|boy|lady|patient|athlete|"
    r"(?:older|young|elderly|senior)\s+(?:woman|man|person|adult))\b[^.!?]{0,80}?\b(?:doing|performing|"
    r"demonstrat\w*|practi[cs]ing|holding|stretching|sitting|standing|lying|kneeling)\b"
    r"|^\s*(?:picture|image|photo|illustration|drawing|diagram|video|animation|gif|demonstration)\s+(?:of|showing)\b"
    r"|^\s*slide\s+\d+\s+of\s+\d+\b",
    re.I,
)
_BREADCRUMB = re.compile(r"\s(?:>|›|»)\s|(?:\s[/|]\s.*){2}|https?://|www\.|@|©")


MAX_CANDIDATES = 300  # far more than any article holds; keeps time bounded on pathological input


@dataclass
class Candidate:
    """A possible exercise: its name, where the name came from, and the text parts that belong to it."""

    name: Name
    origin: Origin
    name_span: tuple[int, int]
    parts: list[Part] = field(default_factory=list)
    row: Block | None = None
    level: int = 0
    instructions: int | None = None  # cache of the pipeline's instruction count
    tentative: bool = False  # named by a line the lexicon does not know: kept only if instructions follow
    shape: str = ""  # how its name line is set out ("h3", "numbered", "line"), for lines named like it


@dataclass
class Segments:
    """The candidates found in a document, in order, and the text outside them."""

    candidates: list[Candidate]
    loose: list[Part]


def heading_like(block: Block) -> bool:
    """True for a block that reads as a heading: a marked heading, or a short line without a full stop."""
    if block.kind == "heading":
        return True
    if block.kind == "item":
        text = block.text.strip()
        if text.endswith(":") and len(text.split()) <= 7 and (not is_instruction(text) or exercise_name(text)):
            return True  # "1. Ankle Pumps:" on a line of its own
        return len(text.split()) <= 6 and text[-1:] not in ".!?,;:" and exercise_name(text) is not None
    if block.kind != "para" or block.marked or (block.lead and len(block.text) > len(block.lead) + 2):
        return False
    text = block.text.strip()
    bare = _NUMBER_PREFIX.sub(" ", text)
    words = re.findall(r"[\w'’]+", bare)
    if not words or len(words) > 10 or len(text) > 90 or _META_LINE.match(text) or "·" in text:
        return False
    if _FORM_FIELD.search(text):
        return False
    if text.endswith(":") and (text.isupper() or len(words) <= 5):
        return True
    if text[-1] in '.!,;:"”':
        return text.isupper()
    if (
        is_exercise_instruction(bare.strip())
        and (len(words) > 4 or re.search(r"\byour\b", text, re.I))
        and exercise_name(text) is None
    ):
        return False  # an instruction on a line of its own ("Lunge your upper body forward")
    return text[0].isupper() or text[0].isdigit() or len(words) <= 8


def segment(doc: Document) -> Segments:
    """Split a document into exercise candidates and loose text (see the module docstring)."""
    candidates: list[Candidate] = []
    loose: list[Part] = []
    current: Candidate | None = None
    aside = False  # inside a "Benefits" / "Tips" part of the current exercise
    parent = ""  # the exercise a "Level 2" / "Variation 1" line belongs to
    lines = doc.format in ("txt", "pdf")
    for block in doc.blocks:
        if len(candidates) >= MAX_CANDIDATES:
            break
        if block.kind in ("para", "item") and _CAPTION_LINE.match(block.text) and len(block.text) < 160:
            continue  # a picture's caption: neither a name nor a step, and it does not end the exercise
        shape = _shape(block)
        sibling = (  # set out like the line that named the exercise before it, which has instructions
            current is not None
            and current.origin == "heading"
            and current.shape == shape
            and any(kind != "label" for kind, _t, _s in current.parts)
            and len(block.text.split()) <= 6
            and block.text.rstrip()[-1:] not in ".!?,;"
        )
        if heading_like(block) or (sibling and block.kind == "item"):
            text = block.text.strip()
            crumb = bool(_BREADCRUMB.search(block.text))
            found = None if crumb else exercise_name(block.text)
            listing = [] if crumb else _heading_list(block)
            found = listing[0][0] if listing else found
            label = None if found is not None else section_label(text)
            field = None if found is not None or label is not None else _labelled_value(text)
            if field is not None:  # "Supplies: Chair", "When to do: twice a day"
                if current is not None and current.origin in ("heading", "open"):
                    current.parts.append(("aside" if field == "aside" else "line", block.text, block.start))
                continue
            if found is None and label is None and block.kind == "para" and parse_dose(block.text):
                if current is not None and current.origin in ("heading", "open"):
                    current.parts.append(("line", block.text, block.start))
                continue
            part = part_label(text) if not crumb else None
            tentative = False
            if part is not None and parent and (found is None or _names_only_part(text)):
                found = Name(f"{parent} {part}", (), None, 0.8)
            elif found is None and label is None and not crumb:
                found = tentative_name(text) or (sibling_name(text) if sibling else None)
                tentative = found is not None
            bare_heading = current is not None and all(kind == "label" for kind, _t, _s in current.parts)
            if tentative and bare_heading and current is not None and current.origin == "heading":
                current.parts.append(("label", block.text, block.start))  # a subtitle under the name
                continue
            if found is not None:
                current = Candidate(found, "heading", (block.start, block.end), level=block.level)
                current.tentative, current.shape = tentative, shape
                current.parts.append(("label", block.text, block.start))
                candidates.append(current)
                for name, start, end in listing[1:]:  # each shares the body of the first as it grows
                    candidates.append(
                        Candidate(name, "heading", (start, end), current.parts, level=block.level, shape=shape)
                    )
                if listing:
                    current.name_span = listing[0][1:]
                aside = False
                if part is None:
                    parent = series_parent(found.name)
            elif label is not None:
                aside = label == "aside"
            elif _CONTINUATION.match(text.strip("*").strip()):
                pass
            else:
                current, parent, aside = None, "", False
            continue
        if not block.marked and _META_LINE.match(block.text) and not _caption_instructs(block):
            continue
        if block.kind == "row":
            row = _row_candidate(block)
            if row is not None:
                candidates.append(row)
            continue
        inside = current is not None and current.origin in ("heading", "open")
        bare = inside and current is not None and all(kind == "label" for kind, _t, _s in current.parts)
        lead = None if aside and inside else _lead_in(block, strict=inside and not bare, marked_only=bare)
        if lead is None and not inside:
            lead = _run_on_number(block)
        if lead is not None:
            current = lead
            candidates.append(lead)
            aside = False
            if block.kind == "para" and not block.marked and not lines:
                current = None
            continue
        kind = "item" if block.kind == "item" else "line" if lines else "para"
        opened = _naming_sentence(block) if current is None or current.tentative or current.origin == "open" else None
        if opened is not None:
            current = opened
            candidates.append(opened)
            aside = False
            continue
        if inside and block.text.rstrip().endswith(":") and _ASIDE_INTRO.match(sentences(block.text)[-1][0]):
            aside = True  # "Here are some common mistakes we see:" and the list after it
            continue
        if current is not None and current.origin in ("heading", "open"):
            current.parts.append(("aside" if aside else kind, block.text, block.start))
            continue
        if current is not None and current.origin == "lead" and lines and _body_line(block.text):
            current.parts.append((kind, block.text, block.start))
            continue
        current = None
        listed = _listed(block)
        if listed:
            candidates.extend(listed)
            continue
        inline = _inline(block) or _quoted_name(block) or _to_do_named(block)
        if inline is not None:
            candidates.append(inline)
            continue
        loose.append((kind, block.text, block.start))
    if not candidates:
        candidates = _named_afterwards(doc, loose)
        named = {part for candidate in candidates for part in candidate.parts}
        loose = [part for part in loose if part not in named]
    taken = _whole_lists(doc, candidates, loose)
    return Segments(candidates, [part for part in loose if part[2] not in taken])


def _whole_lists(doc: Document, candidates: list[Candidate], loose: list[Part]) -> set[int]:
    """A numbered how-to outside every section that names its one exercise only in a later step ("3. Repeat
    the shoulder blade squeeze ..."): the exercise is the whole list, each item a step. Returns the starts
    of the items it took from `loose`."""
    free = {start for _kind, _text, start in loose}
    taken: set[int] = set()
    blocks = doc.blocks
    at = 0
    while at < len(blocks):
        if blocks[at].kind != "item":
            at += 1
            continue
        end = at
        while end < len(blocks) and blocks[end].kind == "item":
            end += 1
        run, at = blocks[at:end], end
        if not 2 <= len(run) <= 12:
            continue
        inside = [c for c in candidates if run[0].start <= c.name_span[0] < run[-1].end]
        if len(inside) > 1 or (inside and inside[0].origin != "inline"):
            continue
        if sum(1 for b in run if b.start in free) < len(run) - len(inside):
            continue
        if sum(1 for b in run if any(is_exercise_instruction(s[0]) for s in sentences(b.text))) < 2:
            continue
        if inside:
            candidate = inside[0]
        else:
            mentions = [(b, s, e) for b in run for s, e in find_in_text(b.text)]
            if len({names_module.normalize(b.text[s:e]) for b, s, e in mentions}) != 1:
                continue
            block, start, stop = mentions[0]
            found = exercise_name(block.text[start:stop])
            if found is None or not re.search(r"\b(?:the|this|that)\s+$", block.text[:start], re.I):
                continue
            candidate = Candidate(found, "inline", (block.start + start, block.start + stop))
            candidates.insert(sum(1 for c in candidates if c.name_span[0] < candidate.name_span[0]), candidate)
        candidate.parts[:] = [("item", b.text, b.start) for b in run]
        taken.update(b.start for b in run)
    return taken


# "Repeat this calf stretch twice on each leg": a line naming the exercise its instruction lines above gave
_BACK_REFERENCE = re.compile(
    r"^(?:repeat|do|perform|complete)\s+(?:this|that)\s+(?P<name>[A-Za-z][\w'’ -]{2,40}?)(?:\s+exercise)?"
    r"\s+(?:\d|one|two|three|four|five|six|once|twice|again|at\s+least|on\b|for\b|with\b|until\b)",
    re.I,
)
_BODY_LINES = 4  # instruction lines before the naming line that can belong to it


def _named_afterwards(doc: Document, loose: list[Part]) -> list[Candidate]:
    """On a page of bare instruction lines with no names above them, each run of instructions that a
    following line names ("... Hold for 20 seconds. / Repeat this calf stretch twice.") is that exercise."""
    found: list[Candidate] = []
    run: list[Part] = []
    previous_end = -1
    for part in loose:
        kind, text, start = part
        if previous_end >= 0 and doc.text[previous_end:start].strip():
            run = []  # not the next block: the run of instructions is broken
        previous_end = start + len(text)
        match = _BACK_REFERENCE.match(text.strip())
        name = exercise_name(match.group("name")) if match else None
        if match is not None and name is not None and not names_module.is_generic(match.group("name")):
            if run:
                at = start + text.index(match.group("name"))
                candidate = Candidate(name, "inline", (at, at + len(match.group("name"))))
                candidate.parts.extend([*run[-_BODY_LINES:], part])
                found.append(candidate)
            run = []
            continue
        if any(is_exercise_instruction(s[0]) for s in sentences(text)):
            run.append(part)
        else:
            run = []
    return found


def _shape(block: Block) -> str:
    """How a block is set out, as far as naming goes: a heading of some level, a numbered item, a plain line."""
    if block.kind == "heading":
        return f"h{block.level}"
    if block.kind == "item":
        return "numbered" if block.numbered else f"item{block.level}"
    return "line" if block.kind == "para" and not block.marked else block.kind


def _names_only_part(text: str) -> bool:
    """ "Level 2" or "Variation 1: harder": the line names only a part of a series, not an exercise of its own."""
    rest = re.split(r"[:.)–—-]\s*", text, maxsplit=1)
    return len(rest) < 2 or exercise_name(rest[1]) is None


def _labelled_value(text: str) -> str | None:
    """ "Supplies: Chair" -> "body", "Benefits: core strength" -> "aside": a labelled value inside an exercise."""
    match = re.match(r"^([^:]{2,30}):\s+\S", text)
    return section_label(match.group(1)) if match else None


def _body_line(text: str) -> bool:
    """A plain-text line that carries on the exercise above it: an instruction or a dose."""
    first = sentences(text)
    return bool(first) and (is_exercise_instruction(first[0][0]) or bool(parse_dose(first[0][0])))


_NAMING = re.compile(
    r"(?:\b(?:first|second|third|fourth|fifth|sixth|next|last|final|another|other|one)\s+"
    r"(?:exercise|stretch|move|movement|one)\s+(?:is|are|we(?:'ll| will) do is|to try is|you(?:'ll| will) do is)\s+"
    r"(?:called\s+)?(?:the\s+|a\s+|an\s+)?$)"
    r"|(?:\b(?:one|a|an|this|my|our|the)\s+(?:[a-z]+\s+){0,3}?(?:exercise|stretch|move|movement|technique|drill)\s*"
    r"(?:[–—:-]|\bcalled\b|\bnamed\b|\bknown as\b|\bof\b)\s*(?:the\s+|a\s+|an\s+)?$)"
    r"|(?:\b(?:exercises?|stretch(?:es)?|moves?|movements?)\b[^.!?]{0,60}?\b(?:is|are)\s+(?:the|a|an)\s+$)"
    r"|(?:\b(?:try|meet|introducing|start with|begin with|move on to|finish with)\s+(?:the\s+|a\s+|an\s+)?$)",
    re.I,
)
_NAMED_AS = re.compile(
    r"^\s*(?:\(?[^)]*\)\s*)?(?:is|are)\s+(?:a|an|the|one of|my|our)\b[^.]{0,80}?\b"
    r"(?:exercise|exercises|stretch|stretches|move|moves|movement|way|staple|classic|favourite|favorite)\b",
    re.I,
)


_NAMING_CUE = re.compile(
    r"\b(?:is|are|try|meet|introducing|start with|begin with|move on to|finish with|called|named|known as|of)\b|[–—:]",
    re.I,
)


def _naming_sentence(block: Block) -> Candidate | None:
    """An exercise named by a sentence ("The first exercise is the bird dog.", "Donkey kicks are an
    essential exercise...") whose instructions follow in the next paragraphs: a candidate open to them."""
    if block.kind not in ("para", "item") or not _NAMING_CUE.search(block.text):
        return None
    text = block.text
    for start, end in find_in_text(text):
        sentence_start = max(text.rfind(". ", 0, start) + 2, 0) if ". " in text[:start] else 0
        before = text[sentence_start:start]
        if not (_NAMING.search(before) or (not before.strip() and _NAMED_AS.match(text[end:]))):
            continue
        start = _extend_left(text, start)
        found = exercise_name(text[start:end])
        if found is None:
            continue
        candidate = Candidate(found, "open", (block.start + start, block.start + end))
        rest_at = text.find(". ", end)
        candidate.parts.append(("label", text, block.start))
        if rest_at >= 0 and text[rest_at + 2 :].strip():
            candidate.parts.append(("para", text[rest_at + 2 :], block.start + rest_at + 2))
        return candidate
    return None


def _row_candidate(block: Block) -> Candidate | None:
    for cell in block.cells:
        if not cell.strip() or re.fullmatch(r"[#\d.\s]+", cell):
            continue
        found = exercise_name(cell)
        if found is None:
            return None
        start = block.start + block.text.find(cell)
        return Candidate(found, "row", (start, start + len(cell)), row=block)
    return None


_LEAD_TEXT = re.compile(r"^(?P<name>[^.:!?]{2,60}?)(?:\s*[.:!]\s+|\s+[–—-]\s+|(?<=[a-z])[–—-]\s+)(?P<rest>\S.*)$", re.S)
_LEAD_PREFIX = re.compile(  # "0:45 - ", "Exercise 2: " before a lead-in name
    r"^(?:\d{1,2}:\d\d(?::\d\d)?\s+(?:[-–—|·]\s+)?|(?:exercise|ex\.?|stretch|move|no\.?)\s*\d{1,2}\s*[:.)–—-]\s*)",
    re.I,
)
_CAPTION = re.compile(r"^\s*(?:photo|image|picture|illustration|caption)\s*\d*\s*[:.–—-]\s*", re.I)


def _lead_in(block: Block, strict: bool, marked_only: bool = False) -> Candidate | None:
    """An exercise named at the start of a list item or paragraph, with the rest of it as its body.

    `strict` (inside an exercise) accepts only names the lexicon knows exactly; `marked_only` (under a
    heading that has no text of its own yet, such as "Wrist range of motion:") only names set off by
    bold, a colon or a dash."""
    text = block.text
    prefix = _LEAD_PREFIX.match(text) or _CAPTION.match(text)
    base = prefix.end() if prefix else 0
    if block.lead and text.startswith(block.lead) and not _CAPTION.match(block.lead):
        name_text, rest_at = block.lead, len(block.lead)
    else:
        match = _LEAD_TEXT.match(text[base:])  # ("^" would not match at a start position)
        if match is None:
            return None
        name_text, rest_at = match.group("name"), base + match.start("rest")
    if len(name_text.split()) > 7:
        return None
    found = exercise_name(name_text)
    rest = text[rest_at:]
    tentative = False
    separator = text[base + len(name_text) : rest_at].strip()
    marked_name = bool(block.lead) or separator[:1] in (":", "-", "–", "—")
    if marked_only and not marked_name:
        return None
    if found is None and not strict and marked_name and not section_label(name_text):
        opening = sentences(rest.lstrip(" .:–—-)"))[:2]
        instructs = any(is_exercise_instruction(s[0]) for s in opening) or bool(parse_dose(rest))
        found = tentative_name(name_text) if instructs else None
        tentative = found is not None
    if found is None:
        return None
    first = name_text.strip().split()[0].lower() if name_text.strip() else ""
    exact = found.entry is not None and found.score >= 1.0
    title_case = all(w[:1].isupper() for w in name_text.split() if len(w) > 3)
    if (strict or (first in VERBS and not (tentative and title_case))) and not exact:
        return None
    skipped = len(rest) - len(rest.lstrip(" .:–—-)"))
    alias = re.match(
        r"^\s*\((?:also called|also known as|aka|or)?\s*(?:an?\s+|the\s+)?([^)]{2,40})\)\s*\.?\s*", rest, re.I
    )
    if alias:
        found = Name(found.name, (*found.aliases, alias.group(1).lower()), found.entry, found.score)
        skipped = alias.end()
    start = block.start + (text.find(name_text, base) if name_text in text else 0)
    candidate = Candidate(found, "lead", (start, start + len(name_text)), tentative=tentative)
    body = rest[skipped:]
    if body.strip():
        candidate.parts.append(("para", body, block.start + rest_at + skipped))
    return candidate


def _caption_instructs(block: Block) -> bool:
    """ "Photo: prone on elbows. Lie on your front ...": a caption naming a known exercise, then its
    instructions in the same paragraph (a credit line such as "Photo: Getty Images" is not)."""
    if not _CAPTION.match(block.text):
        return False
    lead = _lead_in(block, strict=True)
    if lead is None:
        return False
    return any(is_exercise_instruction(s[0]) for _kind, text, _start in lead.parts for s in sentences(text))


_RUN_ON_NUMBER = re.compile(r"(?:\d{1,2})\s+(?=[a-z])")


def _run_on_number(block: Block) -> Candidate | None:
    """An exercise named after a number at the start of a line whose punctuation a crawler lost ("6 lying
    hamstring stretch grab a band and ..."): the name must be one the lexicon knows, right after the number."""
    number = _RUN_ON_NUMBER.match(block.text)
    if number is None or block.kind != "para" or block.marked or re.search(r"[.:;!?]", block.text[:60]):
        return None
    spans = [span for span in find_in_text(block.text) if span[0] <= number.end() + 24]
    if not spans:
        return None
    start, end = number.end(), spans[0][1]
    found = exercise_name(block.text[start:end])
    if found is None or found.entry is None or found.score < 0.9 or len(block.text[start:end].split()) > 5:
        return None
    candidate = Candidate(found, "lead", (block.start + start, block.start + end))
    body_at = _skip_space(block.text, end)
    if body_at < len(block.text):
        candidate.parts.append(("para", block.text[body_at:], block.start + body_at))
    return candidate


_STOP_LEFT_TEXT = (
    """the a an my your his her their our this that these those of on to was is are be called what and with for
    in at by from or as it its i you we they then so do did does how why when which who like such"""
)
_STOP_LEFT = frozenset(_STOP_LEFT_TEXT.split())
_RIGHT_EXTENSION = re.compile(
    r"^\s+(?:with|on|using|against|over)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?"
    r"(?:towel|step|chair|ball|band|wall|roller|dowel|bench|box|strap|pillow|cushion|stool)\b",
    re.I,
)


def _inline(block: Block) -> Candidate | None:
    """An exercise named inside a paragraph that then instructs the reader how to do it."""
    if block.kind not in ("para", "item"):
        return None
    text = block.text
    found_sentences = sentences(text)
    if not any(is_instruction(s[0]) for s in found_sentences[1:]):
        return None
    for start, end in find_in_text(text):
        if re.match(r"^\s*,\s*[a-z]+\s*(?:,|\bor\b|\band\b)", text[end : end + 30]):
            continue  # one of a list of activities ("walking, running or climbing")
        after = [s for s in found_sentences if s[1] >= end]
        instructions = [s for s in after if is_exercise_instruction(s[0])]
        dosed = any(parse_dose(s[0]) for s in after)
        if not instructions or (len(instructions) < 2 and not dosed):
            continue
        start = _extend_left(text, start)
        extension = _RIGHT_EXTENSION.match(text[end:])
        if extension:
            end += extension.end()
        found = exercise_name(text[start:end])
        if found is None:
            continue
        candidate = Candidate(found, "inline", (block.start + start, block.start + end))
        mention_end = next((s[2] for s in found_sentences if s[1] <= start < s[2] + 1), end)
        body_start = mention_end
        candidate.parts.append(("para", text[body_start:].strip(), block.start + _skip_space(text, body_start)))
        candidate.parts.append(("label", text[:body_start], block.start))
        return candidate
    return None


# "To do this upper back stretch, sit tall ...": a sentence that names the exercise and goes on to instruct it
_TO_DO_NAMED = re.compile(
    r"(?:^|(?<=[.!?]\s))to\s+(?:do|perform|practi[cs]e)\s+(?:this|the|a|an)\s+(?P<name>[A-Za-z][\w'’ -]{2,50}?)"
    r"\s*,\s*(?=[A-Za-z])",
    re.I,
)


def _to_do_named(block: Block) -> Candidate | None:
    """An exercise named in a running paragraph by "To do this NAME, ..." when what follows the comma
    instructs it ("To do this upper back stretch, sit up straight and ..."); its body is the rest."""
    if block.kind not in ("para", "item"):
        return None
    text = block.text
    for match in _TO_DO_NAMED.finditer(text):
        rest = text[match.end() :]
        if not is_exercise_instruction(sentences(rest)[0][0] if sentences(rest) else ""):
            continue
        phrase = match.group("name")
        found = exercise_name(phrase) or tentative_name(phrase)
        if found is None:
            continue
        start = match.start("name")
        candidate = Candidate(found, "inline", (block.start + start, block.start + match.end("name")))
        candidate.parts.append(("para", rest, block.start + match.end()))
        candidate.parts.append(("label", text[: match.end()], block.start))
        return candidate
    return None


def _heading_list(block: Block) -> list[tuple[Name, int, int]]:
    """The exercises a heading lists sharing one word ("Hamstring and calf stretches"), with their spans in
    the document; none unless the list is the whole heading."""
    listed = names_module.listed_names(block.text)
    if len(listed) < 2 or block.text[listed[-1][2] :].strip(" .:!*") or block.text[: listed[0][1]].strip(" #*-•"):
        return []
    return [(name, block.start + start, block.start + end) for name, start, end in listed]


def _listed(block: Block) -> list[Candidate]:
    """Exercises a paragraph names in one list sharing its last word, with a dose or instructions in the
    same paragraph ("Finish with hamstring and calf stretches, 3 x 30 s"): one candidate for each."""
    if block.kind not in ("para", "item"):
        return []
    text = block.text
    listed = names_module.listed_names(text)
    if len(listed) < 2:
        return []
    found_sentences = sentences(text)
    mention_end = next((s[2] for s in found_sentences if s[1] <= listed[-1][2] <= s[2] + 1), listed[-1][2])
    instructs = any(is_exercise_instruction(s[0]) for s in found_sentences if s[1] >= mention_end)
    if not instructs and not parse_dose(text):
        return []
    out = []
    for name, start, end in listed:
        candidate = Candidate(name, "inline", (block.start + start, block.start + end))
        candidate.parts.append(("label", text[:mention_end], block.start))
        if text[mention_end:].strip():
            candidate.parts.append(("para", text[mention_end:].strip(), block.start + _skip_space(text, mention_end)))
        out.append(candidate)
    return out


_QUOTED = re.compile(r"(?<!\w)['‘\"“]([A-Za-z][A-Za-z' -]{2,40}?)['’\"”](?!\w)")


def _quoted_name(block: Block) -> Candidate | None:
    """An exercise that an instruction names only in quotes as it goes ("...push your hips up to make a
    'bridge', hold for 10 seconds, then lower"): the whole block is its body."""
    if block.kind not in ("para", "item") or not is_exercise_instruction(block.text):
        return None
    for match in _QUOTED.finditer(block.text):
        found = exercise_name(match.group(1))
        if found is not None and found.entry is not None and found.score >= 0.9 and len(match.group(1).split()) <= 4:
            candidate = Candidate(found, "inline", (block.start + match.start(1), block.start + match.end(1)))
            candidate.parts.append(("para", block.text, block.start))
            return candidate
    return None


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _extend_left(text: str, start: int) -> int:
    words = 0
    while words < 3:
        match = re.search(r"([A-Za-z][\w'-]*)\s+$", text[:start])
        word = match.group(1).lower() if match else ""
        if match is None or word in _STOP_LEFT or names_module.normalize(word) not in names_module.vocabulary():
            break
        start = match.start(1)
        words += 1
    return start
