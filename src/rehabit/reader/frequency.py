"""Sessions per week: "2-3 times a week", "daily", "twice a day", "every other day", "five days a week"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rehabit.reader.dose import WORD_NUMBERS, number_value

_N = r"(?:\d{1,2}|" + "|".join(w for w in WORD_NUMBERS if " " not in w and w not in ("a", "an")) + r")"
_RANGE = rf"(?P<lo>{_N}|once|twice)(?:\s*x)?(?:\s*(?:-|–|to|or)\s*(?P<hi>{_N}|twice|three times)(?:\s*x)?)?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), kind)
    for pattern, kind in (
        (r"\bevery\s+(?:other|second)\s+day\b|\bon\s+alternate\s+days\b", "alternate"),
        (rf"\b{_RANGE}(?:\s+times?)?\s*(?:a|per|each|every|/)\s*day\b", "day"),
        (rf"\b{_RANGE}\s+times?\s+daily\b", "day"),
        (r"\b(?P<lo>twice|three times)\s+(?:daily|a\s+day)\b", "day"),
        (rf"\b{_RANGE}(?:\s+times?|\s+days?|\s+sessions?|\s+workouts?|\s+mornings?)?"
         r"\s*(?:a|per|each|every|/|in\s+a)\s*week\b", "week"),
        (r"\b(?:once\s+)?daily\b(?!\s+(?:activit|li[fv]|tasks?|chores?|movement|wear|steps|news|intake|calorie|use|"
         r"routine|habit))|\bevery\s+(?:single\s+)?day\b|\beach\s+day\b|\bonce\s+a\s+day\b"
         r"|\bevery\s+morning\b", "daily"),
    )
)  # fmt: skip


def find_frequency(text: str) -> tuple[int, int, int, int] | None:
    """The first sessions-per-week figure in the text as (min, max, start, end), or None.

    "Twice a day" counts 14 a week, "daily" 7, "every other day" 3–4.
    """
    best: tuple[int, int, int, int] | None = None
    text = text[:200_000]
    keys = [key.span() for key in _KEYWORDS.finditer(text)]
    for pattern, kind in _PATTERNS:
        for match in _near(pattern, text, keys):
            value = _value(match, kind)
            if value is None or _UNCOUNTED.search(text[max(0, match.start() - 25) : match.start()]):
                continue  # "several times daily" gives no number
            if kind == "daily" and not _ABOUT_EXERCISE.search(_sentence_around(text, match.start(), match.end())):
                continue  # "Our glutes help us move each day" is not about the exercises
            if kind == "daily" and _describes_something_else(text, match.end()):
                continue  # "daily stress", "your daily commute": a word about life, not how often to practise
            if best is None or match.start() < best[2]:
                best = (value[0], value[1], match.start(), match.end())
            break
    return best


_KEYWORDS = re.compile(r"day|dai|week|morning", re.I)  # every figure above holds one of these words


def _near(pattern: re.Pattern[str], text: str, keys: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The pattern's matches in order, as `pattern.finditer(text)` gives them, looked for only around the
    words every match holds (a page's text is long; these words are few)."""
    done = 0
    for start, end in keys:
        if end <= done:
            continue
        for match in pattern.finditer(text, max(done, start - 60), end + 40):
            if match.start() <= start < match.end():
                yield match
                done = match.end()
                break


_UNCOUNTED = re.compile(r"\b(?:several|a few|few|many|multiple|numerous|some)\s+(?:times?\s+)?$", re.I)
_ABOUT_EXERCISE = re.compile(
    r"\b(?:exercis\w*|stretch\w*|routine|workout|program\w*|session|practi[cs]e|repeat|perform|do|doing|"
    r"complete|try|these|them|reps?|repetitions?|sets?|hold)\b",
    re.I,
)


_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)")
# Words that may follow "daily" when it says how often: the exercise itself ("daily stretches") or the
# rest of a sentence ("daily for two weeks", "daily, or as your physio says"); any other word after it is a
# noun it describes ("daily stress", "daily grind").
_DAILY_FOLLOWERS_TEXT = (
    """for and or at in on to with until after before while when if as then from unless during throughout basis
    but so you is are was be by without"""
)
_DAILY_FOLLOWERS = frozenset(_DAILY_FOLLOWERS_TEXT.split())
_DAILY_OF_PRACTICE = re.compile(r"(?:exercis|stretch|session|practi|workout|program|rep|set|walk|dose|movement)")


def _describes_something_else(text: str, end: int) -> bool:
    """True when the "daily" ending at `end` is an adjective on a word that is not the practice itself."""
    if not text[end - 5 : end].lower().endswith("daily"):
        return False
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    return word not in _DAILY_FOLLOWERS and not _DAILY_OF_PRACTICE.match(word)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(stops) if stops else len(text)]


def _value(match: re.Match[str], kind: str) -> tuple[int, int] | None:
    if kind == "alternate":
        return 3, 4
    if kind == "daily":
        return 7, 7
    groups = match.groupdict()
    lo = _count(groups.get("lo") or "")
    hi = _count(groups.get("hi") or "") if groups.get("hi") else lo
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    if kind == "day":
        lo, hi = lo * 7, hi * 7
    if lo < 1 or hi > 28:
        return None
    return lo, hi


def _count(word: str) -> int | None:
    word = word.lower().strip()
    if word == "once":
        return 1
    if word in ("twice",):
        return 2
    if word == "three times":
        return 3
    value = number_value(word)
    return int(value) if value is not None else None
