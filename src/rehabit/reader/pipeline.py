"""The reader's pipeline: document -> segments -> exercises with doses, equipment, steps and provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from rehabit.model import Group
from rehabit.reader.conditions import ad_spans, optional_spans, variant_spans, within
from rehabit.reader.dose import Finding, moving_time, parse_dose, per_side, repeats_whole
from rehabit.reader.equipment import find_equipment
from rehabit.reader.extract import Document
from rehabit.reader.frequency import find_frequency
from rehabit.reader.groups import guess_group
from rehabit.reader.names import exercise_name, normalize
from rehabit.reader.provenance import Evidence
from rehabit.reader.segment import Candidate, Part, heading_like, segment
from rehabit.reader.shared import (
    apply_equipment,
    apply_shared,
    apply_sides,
    intro_equipment,
    intro_findings,
    one_limb,
    shared_findings,
    shared_sides,
    speaks_for_all,
)
from rehabit.reader.steps import (
    collect_steps,
    describes_how,
    describes_movement,
    forget_sentences,
    how_done_subject,
    is_exercise_instruction,
    says_how_done,
    sentences,
)

Range = tuple[int, int]
MAX_EXERCISES = 100


@dataclass
class ExerciseReading:
    """One exercise as the reader understood it; None means the article does not say."""

    name: str
    aliases: list[str]
    reps: Range | None = None
    hold_s: Range | None = None
    sets: Range | None = None
    per_side: bool = False
    equipment: list[str] = field(default_factory=list)  # needed to do the exercise at all
    optional_equipment: list[str] = field(default_factory=list)  # only for a variation or progression
    steps: list[str] = field(default_factory=list)
    group: Group = Group.FOUNDATIONAL
    evidence: list[Evidence] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # fields filled from a dose given once for all
    moving_s: Range | None = None  # a time to keep repeating the movement ("for 30-60 seconds"), not a hold
    one_limb: bool = False  # the text works one limb at a time ("Lift one knee"), so "for each leg" applies


@dataclass
class ReaderResult:
    """What the reader made of an article: title, sessions a week, exercises, and warnings."""

    source: str
    title: str
    document: Document
    frequency_per_week: Range | None = None
    frequency_evidence: Evidence | None = None
    exercises: list[ExerciseReading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_document(doc: Document) -> ReaderResult:
    """Run segmentation and every extraction stage over a document."""
    forget_sentences()
    result = ReaderResult(source=doc.source, title=doc.title, document=doc, warnings=list(doc.warnings))
    segments = segment(doc)
    groups: list[list[Candidate]] = []
    for candidate in segments.candidates:
        if not _has_content(candidate):
            continue
        for group in groups:
            if _same_exercise(group, candidate):
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    shared = shared_findings(segments.loose)
    excluded: list[tuple[int, int]] = []
    for candidate in segments.candidates:
        for kind, text, start in candidate.parts:
            if kind in ("label", "aside"):
                continue
            for sentence, begin, end in sentences(text, start):
                if speaks_for_all(sentence):
                    excluded.append((begin, end))
                    shared.extend(shared_findings([("para", sentence, begin)]))
    first = min((c.name_span[0] for c in segments.candidates), default=len(doc.text))
    before = [part for part in segments.loose if part[2] < first]
    intro = intro_findings(before)
    sides = shared_sides(segments.loose, first)
    readings = [_reading(group, doc.text, excluded) for group in groups]
    for index, group in enumerate(groups):
        if readings[index] is None and _siblings(group, groups, readings) >= 2:
            readings[index] = _reading(group, doc.text, excluded, relaxed=True)
    for reading in readings:
        if reading is not None:
            apply_shared(reading, shared)
            apply_sides(reading, sides, reading.one_limb)
            if not any(getattr(reading, f) is not None for f in ("reps", "hold_s", "sets", "moving_s")):
                apply_shared(reading, intro)
            result.exercises.append(reading)
    if len(result.exercises) >= 2:  # a routine's introduction sets up for all of its exercises
        equipment = intro_equipment(before)
        for reading in result.exercises:
            apply_equipment(reading, equipment)
    if not result.exercises:
        single = _page_exercise(doc, excluded)
        if single is not None:
            result.exercises.append(single)
    elif len(result.exercises) == 1:
        _fill_from_loose(result.exercises[0], segments.loose)
    frequency = find_frequency(doc.text)
    if frequency is not None:
        low, high, start, end = frequency
        result.frequency_per_week = (low, high)
        value = str(low) if low == high else f"{low}-{high}"
        result.frequency_evidence = Evidence("frequency_per_week", value, start, end)
    if len(result.exercises) > MAX_EXERCISES:
        del result.exercises[MAX_EXERCISES:]
        result.warnings.append(f"only the first {MAX_EXERCISES} exercises were read")
    if not result.exercises:
        result.warnings.append(
            "no exercises found: the article has no section that names an exercise and says how to do it"
        )
    return result


def _page_exercise(doc: Document, excluded: list[tuple[int, int]]) -> ExerciseReading | None:
    """The one exercise of a page that names it only in its title or address ("…/exercises/romanian-deadlift"),
    with the whole page's text as its body."""
    names = [doc.title, *_slug_names(doc.source)]
    names += [b.text for b in doc.blocks[:40] if b.kind == "heading" or (b.kind == "para" and heading_like(b))]
    for text in names:
        found = exercise_name(text) if text and not re.search(r"\s(?:/|>|›|»)\s", text) else None
        if found is None:
            continue
        candidate = Candidate(found, "heading", (0, 0))
        for block in doc.blocks:
            if block.kind == "heading" or heading_like(block):
                if parse_dose(block.text):
                    candidate.parts.append(("line", block.text, block.start))
                continue
            candidate.parts.append(("item" if block.kind == "item" else "para", block.text, block.start))
        reading = _reading([candidate], doc.text, excluded)
        if reading is not None:
            return reading
    return None


def _slug_words(source: str) -> str:
    """The words of a page address's last part: ".../moves/side-lying-leg-raise.html" -> "side lying leg raise"."""
    path = re.sub(r"[?#].*$", "", source or "").rstrip("/")
    if not re.match(r"^https?://[^/]+/.", path):
        return ""
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", path.rsplit("/", 1)[-1], flags=re.I)
    words = [w for w in re.split(r"[-_+]+", last) if w and not w.isdigit()]
    stop = {"video", "videos", "how", "to", "do", "a", "an", "the", "exercise", "exercises", "amp", "index", "page"}
    words = [w for w in words if w.lower() not in stop]
    return " ".join(words) if 1 <= len(words) <= 6 else ""


_MODIFIERS_TEXT = (
    """forward forwards backward backwards reverse lateral side front back step walking standing seated sitting
    lying kneeling prone supine single double split assisted static mini partial wall chair towel band banded
    inner outer high low deep half full bent straight"""
)
_MODIFIERS = frozenset(_MODIFIERS_TEXT.split())


def _slug_names(source: str) -> list[str]:
    """Names an address may carry, best first: the longest ending that the lexicon knows, else the
    shortest ending built on an exercise word ("rehab-tka-knee-extensions" -> "knee extensions")."""
    words = _slug_words(source).split()
    endings = [" ".join(words[i:]) for i in range(len(words))]
    known = [e for e in endings if (found := exercise_name(e)) is not None and found.score >= 1.0]
    if known:  # "…-forward-step-lunge": the known "lunge" with the words before it that say which lunge
        at = len(words) - len(known[0].split())
        while at > 0 and words[at - 1].lower() in _MODIFIERS:
            at -= 1
        if at < len(words) - len(known[0].split()) and exercise_name(" ".join(words[at:])) is not None:
            known.insert(0, " ".join(words[at:]))
    headed = [e for e in reversed(endings) if len(e.split()) >= 2 and exercise_name(e) is not None]
    return list(dict.fromkeys([*known, *headed, *endings[:1]]))


def _fill_from_loose(reading: ExerciseReading, loose: list[Part]) -> None:
    """On a page with one exercise, a dose outside its section ("Repeat this exercise 20 times") is its own."""
    for _kind, text, start in loose:
        variants = variant_spans(text, start)
        for finding in parse_dose(text, start):
            if getattr(reading, finding.field) is None and not within(finding.start, variants):
                setattr(reading, finding.field, (finding.low, finding.high))
                value = str(finding.low) if finding.low == finding.high else f"{finding.low}-{finding.high}"
                reading.evidence.append(Evidence(finding.field, value, finding.start, finding.end))


def _same_exercise(group: list[Candidate], candidate: Candidate) -> bool:
    thin = candidate.origin == "row" or not _instruction_count(candidate)
    if not thin and all(other.origin != "row" and _instruction_count(other) for other in group):
        return False
    for other in group:
        a, b = normalize(other.name.name), normalize(candidate.name.name)
        if a == b or fuzz.token_sort_ratio(a, b) >= 92:
            return True
        same_entry = other.name.entry is not None and other.name.entry == candidate.name.entry
        if same_entry and min(other.name.score, candidate.name.score) >= 0.93:
            return True
        if b in {normalize(alias) for alias in other.name.aliases} or a in {
            normalize(x) for x in candidate.name.aliases
        }:
            return True
    return False


def _has_content(candidate: Candidate) -> bool:
    if candidate.row is not None:
        return True
    return any(kind != "label" or parse_dose(text) for kind, text, _start in candidate.parts)


def _instruction_count(candidate: Candidate) -> int:
    if candidate.instructions is None:
        candidate.instructions = _count_instructions(candidate)
    return candidate.instructions


def _count_instructions(candidate: Candidate) -> int:
    """Sentences that instruct the exercise; for a lead-in ("Wall slides: performed by standing ...") also
    those that describe how it is done."""
    described = candidate.origin == "lead"
    return sum(
        1
        for kind, text, start in candidate.parts
        if kind not in ("label", "aside")
        for s in sentences(text, start)
        if is_exercise_instruction(s[0]) or says_how_done(s[0]) or (described and describes_how(s[0]))
    )


def _siblings(group: list[Candidate], groups: list[list[Candidate]], readings: list[ExerciseReading | None]) -> int:
    """How many accepted exercises are named the same way as this group (lead-ins, or headings of one level)."""
    first = group[0]
    return sum(
        1
        for other, reading in zip(groups, readings, strict=True)
        if reading is not None and other[0].origin == first.origin and other[0].level == first.level
    )


def _reading(
    group: list[Candidate], doc_text: str, excluded: list[tuple[int, int]], relaxed: bool = False
) -> ExerciseReading | None:
    """One exercise from its candidates, or None when there is too little evidence that the article
    instructs it; `relaxed` is for an exercise named like accepted siblings (one instruction is enough)."""
    first = group[0]
    best = max(group, key=lambda c: (c.origin != "row", _instruction_count(c)))
    aliases = list(dict.fromkeys(a for c in group for a in (*c.name.aliases, c.name.name) if a != best.name.name))
    reading = ExerciseReading(name=best.name.name, aliases=aliases)
    reading.evidence.append(Evidence("name", best.name.name, *best.name_span))
    findings: list[Finding] = []
    optional: list[tuple[int, int]] = []  # spans of variations, progressions and asides
    texts: list[tuple[str, int]] = [(doc_text[first.name_span[0] : first.name_span[1]], first.name_span[0])]
    for candidate in group:
        if candidate.row is not None:
            findings.extend(_row_findings(candidate))
            texts.append((candidate.row.text, candidate.row.start))
        for kind, text, start in candidate.parts:
            if kind == "aside":
                optional.append((start, start + len(text)))
                texts.append((text, start))
                continue
            variants = variant_spans(text, start)
            optional.extend(variants)
            optional.extend(optional_spans(text, start))
            found = parse_dose(text, start)
            findings.extend(f for f in found if not within(f.start, excluded) and not within(f.start, variants))
            texts.append((text, start))
    if not findings:
        moving = next((m for text, start in texts if (m := moving_time(text, start)) is not None), None)
        if moving is not None:
            reading.moving_s = (moving.low, moving.high)
            reading.evidence.append(Evidence("moving_s", f"{moving.low}-{moving.high}", moving.start, moving.end))
    for finding in findings:
        whole = finding.field == "reps" and repeats_whole(doc_text[finding.start : finding.end])
        if whole and reading.reps is not None and reading.sets is None:  # "6 times ... Repeat it all twice"
            finding = Finding("sets", finding.low, finding.high, finding.start, finding.end)
        if getattr(reading, finding.field) is None:
            setattr(reading, finding.field, (finding.low, finding.high))
            value = str(finding.low) if finding.low == finding.high else f"{finding.low}-{finding.high}"
            reading.evidence.append(Evidence(finding.field, value, finding.start, finding.end))
    for text, start in texts:
        side = per_side(text, start)
        if side is not None and not within(side[0], optional):
            reading.per_side = True
            reading.evidence.append(Evidence("per_side", "yes", *side))
            break
    _read_equipment(reading, texts, optional)
    reading.one_limb = any(one_limb(text) for text, _start in texts)
    step_parts = [part for candidate in group for part in candidate.parts if part[0] not in ("label", "aside")]
    steps = collect_steps(step_parts) if step_parts else []
    best_steps = max(
        (collect_steps([p for p in c.parts if p[0] not in ("label", "aside")]) for c in group), key=len, default=[]
    )
    chosen = best_steps if len(group) > 1 else steps
    main = [step for step in chosen if not within(step[1], optional)]  # variations are not steps
    reading.steps = [text for text, _start, _end in (main or chosen)]
    instructions = sum(_instruction_count(c) for c in group)
    dosed = any(getattr(reading, f) is not None for f in ("reps", "hold_s", "sets"))
    if not _enough_evidence(group, best, instructions, dosed, relaxed) and not _said_how_by_name(best):
        return None
    reading.group = guess_group(
        reading.name, " ".join(reading.steps), reading.hold_s is not None, reading.reps is not None
    )
    return reading


def _read_equipment(reading: ExerciseReading, texts: list[tuple[str, int]], optional: list[tuple[int, int]]) -> None:
    """Equipment the exercise needs, and equipment only a variation or progression uses (optional)."""
    required: dict[str, tuple[int, int]] = {}
    extra: dict[str, tuple[int, int]] = {}
    for text, start in texts:
        ads = ad_spans(text, start)
        for label, begin, end in find_equipment(text, start):
            if not within(begin, ads):  # a product advertised beside the exercise is not its equipment
                (extra if within(begin, optional) else required).setdefault(label, (begin, end))
    for label, span in required.items():
        reading.equipment.append(label)
        reading.evidence.append(Evidence("equipment", label, *span))
    for label, span in extra.items():
        if label not in required:
            reading.optional_equipment.append(label)
            reading.evidence.append(Evidence("optional_equipment", label, *span))


def _enough_evidence(group: list[Candidate], best: Candidate, instructions: int, dosed: bool, relaxed: bool) -> bool:
    """Whether the article instructs this exercise: a name with instructions or a dose. A name the
    lexicon does not know needs more; one named like accepted siblings needs less."""
    exact = best.name.entry is not None and best.name.score >= 0.9
    if relaxed:
        described = any(describes_movement(text) for c in group for kind, text, _s in c.parts if kind != "label")
        return instructions >= 1 or (exact and described)
    if best.tentative:
        return instructions >= 2 or (instructions >= 1 and (dosed or _named_again(best)))
    return dosed or instructions >= 2 or (instructions >= 1 and exact)


def _said_how_by_name(candidate: Candidate) -> bool:
    """True when the body says how the exercise is done, naming it ("Step Stretch" over "The step stretch is
    done by placing the foot on a step ..."): that names it again and instructs it in one sentence."""
    name = normalize(candidate.name.name)
    return any(
        (subject := how_done_subject(s[0])) is not None and fuzz.ratio(normalize(subject), name) >= 85
        for kind, text, start in candidate.parts
        if kind not in ("label", "aside")
        for s in sentences(text, start)
    )


def _named_again(candidate: Candidate) -> bool:
    """True when the body names the exercise again ("Prone hang" over "...you can do the prone hang
    exercise: lie on your stomach"): the line above it is the exercise's name, not a caption or a topic."""
    core = re.sub(r"\s+(?:exercises?|stretch(?:es)?|moves?)$", "", candidate.name.name)
    if len(core.split()) < 2:
        return False
    return any(core in text.lower() for kind, text, _s in candidate.parts if kind != "label")


_NAME_HEADERS = ("exercise", "name", "movement", "activity", "stretch")


def _header_shift(header: tuple[str, ...], cells: tuple[str, ...], name_cell: int | None) -> int:
    """How many cells a row has before its header's first one. The header's "Exercise" stands over the
    row's name; a header without one, and with fewer cells than the row (an empty "#" over the rows'
    numbers), starts over the name. A row missing a cell (a photo's unread one) keeps its dose under the
    header's column after the name's."""
    if not header or name_cell is None:
        return 0
    named = [i for i, cell in enumerate(header) if any(word in cell.lower() for word in _NAME_HEADERS)]
    if named:
        return max(0, name_cell - named[0])
    return name_cell if len(header) < len(cells) else 0


def _row_findings(candidate: Candidate) -> list[Finding]:
    row = candidate.row
    assert row is not None
    findings: list[Finding] = []
    position = 0
    starts = []
    for cell in row.cells:
        at = row.text.find(cell, position)
        position = max(position, at + len(cell)) if at >= 0 else position
        starts.append(row.start + max(at, 0))
    shift = _header_shift(
        row.header, row.cells, starts.index(candidate.name_span[0]) if candidate.name_span[0] in starts else None
    )
    for index, (cell, start) in enumerate(zip(row.cells, starts, strict=True)):
        if start == candidate.name_span[0]:
            continue
        column = index - shift
        header = row.header[column].lower() if 0 <= column < len(row.header) else ""
        if any(word in header for word in ("rest", "equipment", "kit", "weight", "load", "tempo")):
            continue
        bare = re.fullmatch(r"\s*(\d{1,3})(?:\s*[-–—to]+\s*(\d{1,3}))?\s*", cell)
        if bare:
            low = int(bare.group(1))
            high = int(bare.group(2) or low)
            if "set" in header and "rep" not in header:
                findings.append(Finding("sets", low, high, start, start + len(cell)))
            elif "hold" in header or "sec" in header:
                findings.append(Finding("hold_s", low, high, start, start + len(cell)))
            elif "rep" in header or "time" in header:
                findings.append(Finding("reps", low, high, start, start + len(cell)))
            continue
        found = parse_dose(cell, start)
        if "set" in header:  # "Sets x Reps": 3 x 30 s is three sets of a 30 s hold
            holds = any(f.field == "hold_s" for f in found)
            found = [
                Finding("sets", f.low, f.high, f.start, f.end) if f.field == "reps" and holds else f for f in found
            ]
        findings.extend(found)
    return findings
