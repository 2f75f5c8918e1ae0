"""Exercise names: clean a heading into a name, and judge whether a phrase names an exercise.

A phrase names an exercise when it matches the lexicon (`lexicon.txt`, matched with rapidfuzz so
spelling variants and plurals still count) or is built around an exercise head word ("... stretch",
"... bridge", "... plank"). Headings such as "How often?" or "7 moves for your back" never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

_HEAD_WORDS_TEXT = (
    """stretch bridge bridging plank squat lunge deadlift rdl raise curl press crunch twist rotation tilt slide
    walk march marching hinge thrust kick kickback extension abduction adduction clamshell clam hydrant pose row
    glide floss flossing swing dog bug superman hug roll rollout circle reach release camel cow cobra sphinx
    pigeon climber carry chop pulldown shrug dip needle good-morning step-up step-down sit-up push-up press-up
    rock-back stand kick jack hike pump crawl tap squeeze fold backbend lunge pull-through pull-apart hollow
    twist stance"""
)
HEAD_WORDS = frozenset(_HEAD_WORDS_TEXT.split())
_GENERIC_START = re.compile(
    r"^(how|why|what|when|where|which|who|whose|is|are|can|could|do|does|did|should|will|would|tips?|faq|before|"
    r"after|about|related|more|share|our|your|my|you|this|these|those|top|best|why|here|with|from|get|join|sign|"
    r"subscribe|free|sample|week|day|level|phase|stage|part|section|chapter|common|frequently|key|final|"
    r"\d+(?![.)]))\b",
    re.I,
)
_GENERIC_WORDS = re.compile(
    r"\b(you|your|my|our|we|i|is|are|was|were|will|can(?!\s+(?:rolls?|curls?|press(?:es)?|raises?|lifts?)\b)|that|which|what|why|how|tips|mistakes|guide|"
    r"programme|program|routine|session|workout|plan|challenge|exercises|stretches|moves|movements|"
    r"benefits|video|article|post|faq|questions)\b",
    re.I,
)
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}(?=[A-Z][a-z])|(?:exercise|ex\.?|step|move|stretch|no\.?|#)\s*#?\s*\d+\s*[:.)\-–—]*\s*|\d{1,2}\s*[.)]\s*|\d{1,2}:\d\d(?::\d\d)?\s+(?:[-–—|·]\s+)?|#\s*)",
    re.I,
)
_TRAILING_DOSE = re.compile(  # ", 10 reps", ", x10", ", 3 x 30 s", ", hold 5 s", ", twice daily" after a name
    r",\s*(?=(?:\d|[x×]\s*\d|(?:once|twice|hold|repeat|each|per|sets?|reps?)\b))", re.I
)
_PAREN = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_SPLIT = re.compile(r"\s*(?::|\s[–—-]\s|\s\|\s)\s*")


@dataclass(frozen=True)
class Entry:
    """One exercise of the lexicon: its name and the other names it goes by."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Name:
    """An exercise name found in the text: as written (lower case), other names, lexicon entry, score."""

    name: str
    aliases: tuple[str, ...]
    entry: Entry | None
    score: float


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower case words with hyphens as spaces and plurals made singular, for comparing names."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-‐‑–—_/]+", " ", text)
    words = re.findall(r"[a-z0-9']+", text)
    return " ".join(_singular(word) for word in words if word not in ("the", "a", "an"))


def _singular(word: str) -> str:
    if word == "ups":
        return "up"  # step-ups, sit-ups, press-ups
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


@cache
def lexicon() -> tuple[Entry, ...]:
    """The exercise lexicon shipped with the reader."""
    entries: list[Entry] = []
    text = resources.files(__package__).joinpath("lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [part.strip() for part in line.split("|") if part.strip()]
        entries.append(Entry(names[0], tuple(names[1:])))
    return tuple(entries)


@cache
def _index() -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for entry in lexicon():
        for name in (entry.name, *entry.aliases):
            index.setdefault(normalize(name), entry)
    return index


@cache
def vocabulary() -> frozenset[str]:
    """Every word used in a lexicon name (normalized), e.g. "supine", "foam", "hamstring"."""
    return frozenset(w for e in lexicon() for n in (e.name, *e.aliases) for w in normalize(n).split())


def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of these normalized names in running text, tried in the order given: each word
    as written or plural, an apostrophe optional, the words parted by spaces or hyphens."""
    alternatives = []
    for name in names:
        words = [re.escape(w).replace("'", "['’]?") + r"(?:e?s)?" for w in name.split()]
        alternatives.append(r"[\s\-‐‑]+".join(words))
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


def _start_keys(first: str) -> set[str]:
    """The keys (`_singular` of a text word, lower case) of every word in running text that can be a
    name's first word as `_name_pattern` matches it: with or without its apostrophe, plural or not."""
    return {_singular(spelling + ending) for spelling in {first, first.replace("'", "")} for ending in ("", "s", "es")}


@cache
def _names_by_start() -> dict[str, tuple[str, ...]]:
    """Every lexicon name (normalized, longest first) under each key of its first word."""
    names = sorted({normalize(n) for e in lexicon() for n in (e.name, *e.aliases)} - {""}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for name in names:
        for key in _start_keys(name.split()[0]):
            groups.setdefault(key, []).append(name)
    return {key: tuple(group) for key, group in groups.items()}


@lru_cache(maxsize=1024)
def _pattern_from(key: str) -> re.Pattern[str] | None:
    """The regex for the names a text word with this key can start, longest first; None when it starts
    none. One small regex per first word, compiled when a page first uses it: one regex for the whole
    lexicon (26,000 characters) took 40 ms to compile on every read."""
    names = _names_by_start().get(key)
    return _name_pattern(names) if names else None


def lookup(phrase: str) -> tuple[Entry | None, float]:
    """The lexicon entry a phrase names and how sure (0–1): exact, fuzzy, or contained in the phrase."""
    key = normalize(phrase)
    if not key:
        return None, 0.0
    index = _index()
    if key in index:
        return index[key], 1.0
    best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=88)
    if best is not None:
        return index[best[0]], best[1] / 100
    words = key.split()
    unordered = _unordered(tuple(words))
    if unordered is not None:
        return unordered, 0.85
    for size in range(min(len(words), 5), 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if part in index and len(words) - size <= 3 and (size > 1 or len(part) > 4):
                return index[part], 0.9
    return None, 0.0


_FILLER_TEXT = """in your my the a an to of on with and"""  # small words between a name's words
_FILLER_WORDS = frozenset(_FILLER_TEXT.split())


@lru_cache(maxsize=4096)
def _unordered(words: tuple[str, ...]) -> Entry | None:
    """A lexicon name of two or three words whose words all appear in a short phrase in another order, with
    only small words between ("Tuck in your chin" -> chin tuck)."""
    content = [w for w in words if w not in _FILLER_WORDS and not w.isdigit()]
    if not 2 <= len(content) <= 3 or len(words) > 5:
        return None
    return _by_word_set().get(frozenset(content))


@cache
def _by_word_set() -> dict[frozenset[str], Entry]:
    found: dict[frozenset[str], Entry] = {}
    for entry in lexicon():
        for name in (entry.name, *entry.aliases):
            words = normalize(name).split()
            if 2 <= len(words) <= 3 and len(set(words)) == len(words):
                found.setdefault(frozenset(words), entry)
    return found


def find_in_text(text: str) -> list[tuple[int, int]]:
    """Spans of lexicon exercise names mentioned in running text, in order."""
    return list(_find_in_text(text[:20_000]))


@lru_cache(maxsize=2048)
def _find_in_text(text: str) -> tuple[tuple[int, int], ...]:
    # Try names only where a word could start one, and only the names that word can start.
    firsts = _first_words()
    found: list[tuple[int, int]] = []
    position = 0
    for word in _WORD.finditer(text):
        key = _singular(word.group(0).lower().replace("’", "'"))
        if word.start() < position or key not in firsts or (pattern := _pattern_from(key)) is None:
            continue
        match = pattern.match(text, word.start())
        if match is not None:
            found.append((match.start(), match.end()))
            position = match.end()
    return tuple(found)


_WORD = re.compile(r"(?<![\w'’-])[A-Za-z][\w'’]*")


@cache
def _first_words() -> frozenset[str]:
    return frozenset(normalize(n).split()[0] for e in lexicon() for n in (e.name, *e.aliases) if normalize(n))


def has_head_word(phrase: str) -> bool:
    """True when the phrase contains a word exercises are commonly named by ("stretch", "plank", ...)."""
    words = normalize(phrase).split()
    if len(words) >= 3 and words[0] == "stretching":
        return True  # "Stretching the hip flexors"
    joined = {f"{a}-{b}" for a, b in zip(words, words[1:], strict=False)}
    return any(w in HEAD_WORDS for w in words) or any(j in HEAD_WORDS for j in joined)


def is_generic(phrase: str) -> bool:
    """True for headings that are about exercises rather than one exercise ("How often?", "The routine")."""
    text = phrase.strip()
    if not text or "?" in text or len(text.split()) > 8 or len(text) > 70:
        return True
    if not re.search(r"[A-Za-z]{3}", text):
        return True
    return bool(_GENERIC_START.match(text) or _GENERIC_WORDS.search(text))


def exercise_name(heading: str) -> Name | None:
    """The exercise a heading or lead-in names, cleaned ("1. Glute Bridge (hip bridge)" -> glute bridge),
    or None when it does not name one."""
    text = _NUMBERING.sub("", heading.strip(), count=1).strip().strip("*_#-–—•·|:. ").strip()
    aliases: list[str] = []
    for inner in _PAREN.findall(text):
        inner = re.sub(r"^(also (called|known as)|aka|or|a\.k\.a\.)\s+(an?\s+|the\s+)?", "", inner.strip(), flags=re.I)
        useful = len(inner.split()) == 1 or has_head_word(inner) or lookup(inner)[0] is not None
        if inner and useful and len(inner.split()) <= 4 and not re.search(r"\d", inner):
            aliases.append(inner.lower())
    text = _PAREN.sub("", text).strip().rstrip(".:;,!").strip()
    dose = _TRAILING_DOSE.search(text)
    if dose is not None and len(text[: dose.start()].split()) >= 1:
        text = text[: dose.start()].strip()  # "Quad set, 10 reps": the name before its dose
    parts = [p for p in _SPLIT.split(text) if p.strip()] or [text]
    best: Name | None = None
    for part in parts:
        candidate = _judge(part, aliases, heading)
        if candidate is not None and (best is None or candidate.score > best.score):
            best = candidate
    return best


def _judge(part: str, aliases: list[str], heading: str) -> Name | None:
    part = re.sub(
        r"^(?:(?:steps?|instructions?|guide)\s+(?:to|for)\s+(?:do(?:ing)?|perform(?:ing)?)|how\s+to\s+(?:do|perform|practi[cs]e)"
        r"|how\s+do\s+(?:you|i)\s+do|performing|doing|(?:do|try|perform)(?=\s+(?:a|an|the)\s))\s+",
        "",
        part.strip(),
        flags=re.I,
    )
    part = re.sub(r"^(the|a|an)\s+", "", part.strip(), flags=re.I)
    part = re.sub(r"\s+(exercise|exercises|move)$", "", part, flags=re.I).strip()
    trimmed = re.split(r"\s+(?:for|to help|to ease|to relieve|that|which)\s+", part, maxsplit=1, flags=re.I)[0]
    if trimmed != part and (
        (has_head_word(trimmed) and len(trimmed.split()) > 1) or lookup(trimmed)[0] is not None
    ):
        part = trimmed
    if is_generic(part):
        # "Tuck in your chin" names the chin tuck; other phrases with "your" are not names
        unordered = _unordered(tuple(normalize(part).split())) if re.search(r"\b(?:your|my)\b", part, re.I) else None
        if unordered is None or "?" in part or len(part.split()) > 5:
            return None
        return Name(part.lower().replace("’", "'"), (unordered.name,), unordered, 0.85)
    entry, score = lookup(part)
    if entry is None:
        if not has_head_word(part):
            return None
        score = 0.7
    name = part.lower().replace("’", "'")
    others = [a for a in aliases if a != name]
    raw = heading.strip().lower()
    if raw != name and len(raw) <= 80:
        others.append(raw)
    if entry is not None and score >= 0.93 and normalize(entry.name) != normalize(name):
        others.append(entry.name)
    return Name(name, tuple(dict.fromkeys(others)), entry, score)


_LIST_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|[,&;.:!?()]")
_LIST_JOINS = frozenset({",", "and", "or", "&"})
_LIST_STOPS_TEXT = (
    """the a an my your his her their our this that these those of on to was is are be called what with for in at
    by from as it its i you we they then so do did does how why when which who like such try some few other both
    each all any more most great good best simple gentle full"""
)
_LIST_STOPS = frozenset(_LIST_STOPS_TEXT.split())


def listed_names(text: str) -> list[tuple[Name, int, int]]:
    """Exercises named together in a list that shares its last word ("hamstring and calf stretches",
    "upper trapezius, levator scapulae, and scalene stretches"): one name per item, with its span.

    Every item but one may be a word the lexicon does not know, as long as the others are lexicon names
    with that word ("scalene" beside two known neck stretches)."""
    found: list[tuple[Name, int, int]] = []
    text = text[:20_000]
    if not _LIST_JOIN_WORD.search(text) or not _plural_heads().search(text):
        return found  # most paragraphs hold no list and no plural head word: nothing to walk through
    tokens = list(_LIST_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        word = token.group(0).lower()
        head = _singular(word)
        if head == word or head not in HEAD_WORDS:
            continue  # the shared word is a plural head word: "stretches", "raises", "slides"
        items = _list_items(tokens, index)
        if len(items) < 2 or any(has_head_word(text[start:end]) for start, end in items):
            continue  # "deadlifts and hip thrusts": each item is a name of its own, sharing nothing
        named = [(exercise_name(f"{text[start:end]} {head}"), start, end) for start, end in items]
        known = [n for n, _s, _e in named if n is not None and n.entry is not None and n.score >= 0.9]
        if len(known) < max(2, len(named) - 1) or any(n is None for n, _s, _e in named):
            continue
        for name, start, end in named:
            assert name is not None
            found.append((name, start, end if (start, end) != items[-1] else token.end()))
    return found


_LIST_JOIN_WORD = re.compile(r"\b(?:and|or)\b|&", re.I)


@cache
def _plural_heads() -> re.Pattern[str]:
    """Any head word in the plural ("stretches", "raises", "step-ups")."""
    plurals = sorted(w + ("es" if w.endswith(("ch", "sh", "s", "x")) else "s") for w in HEAD_WORDS)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in plurals) + r")\b", re.I)


def _list_items(tokens: list[re.Match[str]], head_at: int) -> list[tuple[int, int]]:
    """The items of a list ending right before the token at `head_at`, right to left, as text spans; at
    least one "and", "or" or "&" must join them, and each item is one to three words."""
    items: list[tuple[int, int]] = []
    words: list[re.Match[str]] = []
    joined = False
    for token in reversed(tokens[:head_at]):
        value = token.group(0).lower()
        if value in _LIST_JOINS:
            if not items and not words:
                return []  # "stretches" right after a comma or "and" is no list
            if words:  # a second join right after one (", and") adds nothing
                items.append((words[-1].start(), words[0].end()))
                words = []
            joined = joined or value != ","
            continue
        if not value[0].isalpha() or value in _LIST_STOPS or len(words) == 3:
            break
        words.append(token)
    if words:
        items.append((words[-1].start(), words[0].end()))
    return list(reversed(items)) if joined else []
