"""An exercise's steps as sentences and clauses, with the words that matter for drawing tagged.

`sentences` splits steps into sentences (keeping labels such as "Starting position:"), normalises
them (lower case, "side-lying" → "side lying", one spelling per phrase) and splits each into clauses.
A clause is an *action* (an instruction to move), a *state* ("keeping your knee straight", "with your
feet together") or a *negation* ("without lifting your hips", "do not let your back arch"); the
movement reader only takes movements from actions, and reads states for how the moving limb is held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from rehabit.illustrate.words import (
    DIRECTION_WORDS,
    IMPLEMENT_WORDS,
    PART_WORDS,
    PHRASES,
    QUALIFIER_WORDS,
    STATE_WORDS,
    VERB_WORDS,
    Direction,
    Part,
    Qualifier,
    State,
    Verb,
)

LABEL = re.compile(
    r"^(starting position|start position|start|starting|set ?up|setup|position|beginning|begin|how to do it|"
    r"how to|action|movement|exercise|the move|move|finish|end position|instructions?|step \d+)\s*[:\-–]\s*"
)
START_LABELS = {"starting position", "start position", "start", "starting", "set up", "setup", "position", "beginning"}
MOVE_LABELS = {"action", "movement", "exercise", "the move", "move"}


class ClauseKind(StrEnum):
    ACTION = "action"
    STATE = "state"
    NEGATION = "negation"


@dataclass(frozen=True)
class Action:
    """One verb with the body parts and directions that follow it in its clause."""

    verb: Verb
    parts: tuple[tuple[Part, frozenset[Qualifier]], ...]
    directions: frozenset[Direction]
    states: frozenset[State]
    references: tuple[Part, ...] = ()  # parts after a preposition: where, not what ("through your heels")
    implement: bool = False  # its object is a thing held ("lower the dumbbells"): the hands move it, not the body

    def has_part(self, *parts: Part) -> bool:
        """Whether the action moves one of these body parts (its object, not a part it refers to)."""
        return any(part in parts for part, _ in self.parts)

    def mentions(self, *parts: Part) -> bool:
        """Whether the action names one of these parts as its object or as a reference."""
        return self.has_part(*parts) or any(part in parts for part in self.references)

    def qualifiers_of(self, *parts: Part) -> frozenset[Qualifier]:
        """The qualifiers ("top", "opposite", ...) given to these parts in this action."""
        found: set[Qualifier] = set()
        for part, qualifiers in self.parts:
            if part in parts:
                found |= qualifiers
        return frozenset(found)


@dataclass(frozen=True)
class Clause:
    """Part of a sentence between commas, "then", "while" and the like."""

    text: str
    kind: ClauseKind
    actions: tuple[Action, ...]
    parts: frozenset[Part]
    states: frozenset[State]
    directions: frozenset[Direction]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the steps: its original words, normalised text and clauses."""

    original: str
    text: str
    step: int
    label: str | None
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def starts_label(self) -> bool:
        """The sentence is labelled as the starting position ("Starting position: ...")."""
        return self.label in START_LABELS


def normalise(text: str) -> str:
    """Lower case with one spelling per phrase: hyphens and quotes unified, phrases joined by '_'."""
    lowered = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", " - ")
    lowered = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", lowered)
    lowered = re.sub(r"(\d+)\s*-?\s*degrees?", r"\1 degrees", lowered)
    lowered = re.sub(r"(\d+)°", r"\1 degrees", lowered)
    lowered = re.sub(r"\s+", " ", lowered).strip()
    for pattern, replacement in _compiled_phrases():
        lowered = pattern.sub(replacement, lowered)
    return lowered


@cache
def _compiled_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r"\b(?:" + pattern + r")\b"), replacement) for pattern, replacement in PHRASES)


def sentences(steps: list[str]) -> list[Sentence]:
    """The steps as tagged sentences, in order."""
    found: list[Sentence] = []
    for step_number, step in enumerate(steps):
        for piece in _split_sentences(step):
            original = piece.strip()
            text = normalise(original)
            label: str | None = None
            match = LABEL.match(text)
            if match:
                label = re.sub(r"\s+", " ", match.group(1))
                text = text[match.end() :]
                original = re.sub(r"^[^:\-–]*[:\-–]\s*", "", original, count=1)
            if not re.search(r"[a-z]", text):
                continue
            found.append(Sentence(original, text, step_number, label, tuple(clauses(text))))
    return found


def _split_sentences(step: str) -> list[str]:
    pieces: list[str] = []
    for line in re.split(r"\n+|\s[•·▪*]\s|^\s*[•·▪*-]\s", step):
        pieces += re.split(r"(?<=[.!?;])\s+(?=[A-Za-z(\"'])", line)
    return [piece for piece in pieces if piece.strip()]


CLAUSE_BREAK = re.compile(
    r"\s*[,;:()]\s*|\s+-\s+|\s+(?:and )?then\s+|\s+(?=(?:while|whilst|without|so that|so|until|creating|forming|making|"
    r"as if|as though|like a|like an|like you|keeping|leaving|letting|ensuring|maintaining)\b)"
)
NEGATION = re.compile(
    r"^(?:(?:and|but|try|be careful|make sure|take care)\s+)?(?:not|never|avoid|don't|do not|dont|without|no|nor|"
    r"try not to|careful not to|stop (?:your|the) \w+ from)\b"
    r"|\b(?:do not|don't|never|avoid|not let|without|not allowing|not to)\b"
)
STATE_START = re.compile(
    r"^(?:and\s+)?(?:keep|keeping|keeps|stay|staying|remain|remaining|with|leaving|leave|hold (?:it|them|this|"
    r"the position|still)|maintain|maintaining|making sure|make sure|ensure|ensuring|so that|so|until|as if|like)\b"
)


@cache
def _list_commas() -> re.Pattern[str]:
    """A comma that continues a list of body parts ("lift your arms, chest and legs") joins, not splits."""
    parts = sorted(PART_WORDS, key=len, reverse=True)
    return re.compile(
        r",\s*(?:and\s+)?(?=(?:your\s+|the\s+|both\s+)?(?:"
        + "|".join(parts)
        + r")\b(?!\s+(?:is|are|should|must|stay|stays|remain)))"
    )


@cache
def _and_verb() -> re.Pattern[str]:
    """ " and " before an instruction verb starts a new clause ("keep the knee bent and lift the leg")."""
    verbs = sorted((word for word in VERB_WORDS if "_" not in word), key=len, reverse=True)
    return re.compile(
        r"\s+and\s+(?=(?:then\s+|slowly\s+|gently\s+|now\s+)?(?:"
        + "|".join(verbs)
        + r")\s+(?:your|the|one|both|it|them|that|this|up|down|back|a|an|each|to|onto|into|forward|my)\b)"
    )


def clauses(text: str) -> list[Clause]:
    """The clauses of a normalised sentence, each tagged as an action, a state or a negation."""
    text = _list_commas().sub(" and ", text)
    pieces = [
        piece.strip()
        for part in CLAUSE_BREAK.split(text)
        if part
        for piece in _and_verb().split(part)
        if piece and piece.strip()
    ]
    # "without" starts its own clause; CLAUSE_BREAK drops the word when it splits on it.
    found: list[Clause] = []
    position = 0
    last_part: list[tuple[Part, frozenset[Qualifier]]] = []  # what "it" and "them" refer to
    held_last = [False]  # whether the last thing named was a thing held ("lift the weights, then lower them")
    for piece in pieces:
        start = text.find(piece, position)
        position = max(position, start + len(piece)) if start >= 0 else position
        negated = bool(NEGATION.search(piece))
        kind = ClauseKind.NEGATION if negated else ClauseKind.STATE if STATE_START.match(piece) else ClauseKind.ACTION
        found.append(_tag(piece, kind, last_part, held_last))
    return found


TOKEN = re.compile(r"[a-z0-9_']+")
PREPOSITIONS = {
    "from",
    "to",
    "through",
    "with",
    "against",
    "between",
    "onto",
    "on",
    "under",
    "over",
    "across",
    "toward",
    "towards",
    "into",
    "behind",
    "beside",
    "by",
    "near",
    "past",
    "along",
    "above",
    "below",
    "in",
    "at",
    "off",
    "beneath",
    "underneath",
    "around",
    "outside",
    "inside",
    "via",
    "than",
    "next",
}
DETERMINERS = {"a", "an", "the", "this", "that", "your", "my", "his", "her", "their", "each", "its"}
LIMBS = {
    Part.LEG,
    Part.KNEE,
    Part.FOOT,
    Part.HEEL,
    Part.HIPS,
    Part.THIGH,
    Part.SHIN,
    Part.TOES,
    Part.ARM,
    Part.HAND,
    Part.ELBOW,
    Part.FOREARM,
    Part.SHOULDER,
}


def _tag(
    text: str, kind: ClauseKind, last_part: list[tuple[Part, frozenset[Qualifier]]], held_last: list[bool]
) -> Clause:
    """Tag one clause: each verb collects the parts, directions and states that follow it."""
    tokens = TOKEN.findall(text)
    actions: list[Action] = []
    verb: Verb | None = None
    parts: list[tuple[Part, frozenset[Qualifier]]] = []
    directions: set[Direction] = set()
    states: set[State] = set()
    pending: list[tuple[Part, frozenset[Qualifier]]] = []  # parts named before their verb ("let your knees fall")
    qualifiers: set[Qualifier] = set()
    seen_parts: set[Part] = set()
    seen_states: set[State] = set()
    seen_directions: set[Direction] = set()

    references: list[Part] = []
    after_preposition = False

    implement = False

    def close() -> None:
        if verb is not None and verb is not Verb.LET:
            actions.append(
                Action(verb, tuple(parts), frozenset(directions), frozenset(states), tuple(references), implement)
            )

    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        following = PART_WORDS.get(tokens[index + 1]) if index + 1 < len(tokens) else None
        meaning = _contextual(token, previous, following)
        if token in {"it", "them"} and held_last[0] and verb is not None and not parts and not after_preposition:
            implement = True  # "lift the weights, then lower them": still the weights
            continue
        if token in {"it", "them"} and last_part:
            if verb is not None and not after_preposition:
                parts.append(last_part[-1])
            seen_parts.add(last_part[-1][0])
            continue
        if token in PREPOSITIONS and verb is not None:
            after_preposition = True
        if token == "lower_leg":
            meaning = Part.SHIN
            qualifiers.add(Qualifier.BOTTOM)
        before = tokens[index - 2] if index > 1 else ""
        if isinstance(meaning, Verb) and (
            _participle(token, previous, before) or previous in NOUN_ADJECTIVES and before in DETERMINERS
        ):
            meaning = None  # "legs extended", "arms fully raised", "a slight bend": how a part is held, not a movement
        if token in IMPLEMENT_WORDS and not after_preposition:
            held_last[0] = True
            if verb is not None and not parts:
                implement = True
        if isinstance(meaning, Verb):
            close()
            implement = False
            carried = list(pending) if verb in {None, Verb.LET} else []
            if verb is Verb.LET:
                carried += parts
            verb, parts, directions, states, pending, qualifiers = meaning, carried, set(), set(), [], set()
            references, after_preposition = [], False
            continue
        if isinstance(meaning, Part):
            entry = (meaning, frozenset(qualifiers))
            qualifiers = set()
            seen_parts.add(meaning)
            if meaning is not Part.BODY and not after_preposition:
                last_part.append(entry)
                held_last[0] = False
            if verb is None:
                pending.append(entry)
            elif after_preposition:
                references.append(meaning)
            else:
                parts.append(entry)
        elif isinstance(meaning, Qualifier):
            qualifiers.add(meaning)
        if isinstance(meaning, Direction) or token in DIRECTION_WORDS and not isinstance(meaning, Part | Qualifier):
            direction = meaning if isinstance(meaning, Direction) else DIRECTION_WORDS[token]
            directions.add(direction)
            seen_directions.add(direction)
        state = STATE_WORDS.get(token)
        if state is not None and not isinstance(meaning, Verb):
            states.add(state)
            seen_states.add(state)
    close()
    return Clause(text, kind, tuple(actions), frozenset(seen_parts), frozenset(seen_states), frozenset(seen_directions))


NOUN_ADJECTIVES = {"slight", "small", "little", "gentle", "soft", "deep", "full", "big", "good", "natural", "long"}
PARTICIPLE_ADVERBS = {"fully", "slightly", "completely", "straight", "all", "still", "well", "comfortably"}


def _participle(token: str, previous: str, before: str) -> bool:
    """Whether a verb form ending in -ed says how the part named just before it is held ("knees bent")."""
    if not token.endswith("ed"):
        return False
    if previous in PART_WORDS:
        return True
    return previous in PARTICIPLE_ADVERBS and before in PART_WORDS


def _contextual(token: str, previous: str, following: Part | None) -> Verb | Part | Qualifier | Direction | None:
    """What one word means given its neighbours ("back" is a part, a direction or 'rear')."""
    if token == "back":
        if following in LIMBS:
            return Qualifier.REAR
        return Part.BACK if previous in DETERMINERS else Direction.BACKWARD
    if token == "front":
        return Qualifier.FRONT if following in LIMBS else Direction.FORWARD
    if token in {"bottom", "lower"}:
        if following in LIMBS:
            return Qualifier.BOTTOM
        return (
            Part.HIPS if token == "bottom" and previous in DETERMINERS else (None if token == "bottom" else Verb.LOWER)
        )
    if token == "top":
        return Qualifier.TOP if following in LIMBS else None
    if token in VERB_WORDS and token not in PART_WORDS:
        return None if previous in DETERMINERS else VERB_WORDS[token]
    if token in PART_WORDS:
        return PART_WORDS[token]
    if token in QUALIFIER_WORDS:
        return QUALIFIER_WORDS[token]
    if token in DIRECTION_WORDS:
        return DIRECTION_WORDS[token]
    return None
