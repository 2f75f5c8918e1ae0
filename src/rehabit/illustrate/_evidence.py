"""The steps as the movement rules query them: which verbs act on which parts, in which sentences.

`Evidence.moved` finds an action (a verb with its object parts and directions) in an action clause;
`said` matches a phrase in action and state clauses; negations ("without lifting your hips") are
never searched, so a rule cannot be fooled by what the steps say not to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from rehabit.illustrate.text import Action, Clause, ClauseKind, Sentence
from rehabit.illustrate.words import Direction, Part, Qualifier, State, Verb

V = Verb
D = Direction
LEGS = {Part.LEG, Part.THIGH, Part.FOOT, Part.HEEL, Part.SHIN, Part.KNEE, Part.TOES}
ARMS = {Part.ARM, Part.HAND, Part.ELBOW, Part.FOREARM}


# "Move your legs back to the starting position", "return to the start": the way back, never the movement.
# Circling a joint is no movement the figure draws either.
UNDRAWN = re.compile(
    r"\b(?:back )?(?:to|into) (?:the |your )?start(?:ing)? (?:position|point)\b|\breturn(?:s|ing)?\b|\bcircl|circular"
)


@dataclass(frozen=True)
class Evidence:
    """The steps as the rules query them."""

    sentences: tuple[Sentence, ...]
    name: str
    start: int = 0  # the first sentence after "this is your starting position": actions before it set up

    def clauses(self, kinds: tuple[ClauseKind, ...] = (ClauseKind.ACTION,)) -> Iterator[tuple[int, Clause]]:
        """The clauses of these kinds; action clauses only from the movement on (those before it set up)."""
        for index, sentence in enumerate(self.sentences):
            for clause in sentence.clauses:
                if clause.kind not in kinds:
                    continue
                if clause.kind is ClauseKind.ACTION and (index < self.start or UNDRAWN.search(clause.text)):
                    continue  # setting up, going back to the start, circling: none is a movement drawn
                yield index, clause

    def actions(self, implements: bool = False) -> Iterator[tuple[int, Action]]:
        """The actions of the movement; with `implements`, also those moving a held thing (the arms' work)."""
        for index, clause in self.clauses():
            for action in clause.actions:
                if implements or not action.implement:
                    yield index, action

    def moved(
        self,
        verbs: set[Verb],
        parts: set[Part] | None = None,
        directions: set[Direction] | None = None,
        qualifiers: set[Qualifier] | None = None,
        not_qualifiers: set[Qualifier] | None = None,
        not_parts: set[Part] | None = None,
    ) -> int | None:
        """The first sentence where one of `verbs` acts on one of `parts` (towards one of `directions`)."""
        for index, action in self.actions():
            if action.verb not in verbs or action.implement:
                continue
            if parts is not None and not action.has_part(*parts):
                continue
            if directions is not None and not (action.directions & directions):
                continue
            if not_parts is not None and action.has_part(*not_parts):
                continue
            found = action.qualifiers_of(*parts) if parts is not None else frozenset()
            if qualifiers is not None and not (found & qualifiers):
                continue
            if not_qualifiers is not None and found & not_qualifiers:
                continue
            return index
        return None

    def moved_where(self, verbs: set[Verb], parts: set[Part], references: bool = False) -> set[int]:
        """Every sentence where one of `verbs` acts on (or, with `references`, towards) one of `parts`."""
        return {
            index
            for index, action in self.actions()
            if action.verb in verbs
            and not action.implement
            and (action.mentions(*parts) if references else action.has_part(*parts))
        }

    def said(self, pattern: str) -> int | None:
        """The first sentence whose action or state clauses match `pattern` (negations never count)."""
        compiled = pattern_of(pattern)
        for index, clause in self.clauses((ClauseKind.ACTION, ClauseKind.STATE)):
            if compiled.search(clause.text):
                return index
        return None

    def held(self, parts: set[Part], state: State) -> bool:
        """Whether the text describes one of `parts` in `state` anywhere ("knees bent", "keep the leg straight")."""
        for _, clause in replace(self, start=0).clauses((ClauseKind.ACTION, ClauseKind.STATE)):
            if clause.parts & parts and state in clause.states:
                return True
            if state is State.BENT and any(a.verb is V.BEND and a.has_part(*parts) for a in clause.actions):
                return True
        return False

    def named(self, pattern: str) -> bool:
        return bool(pattern_of(pattern).search(self.name))

    def sentence_has(self, index: int, pattern: str) -> bool:
        return bool(pattern_of(pattern).search(self.sentences[index].text))

    def both(self, first: int | None, second: int | None) -> int | None:
        """The later of two sentence indices when both were found."""
        return None if first is None or second is None else max(first, second)


@cache
def pattern_of(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + pattern + r")")


Rule = Callable[["Evidence"], int | None]
OPPOSITE = (
    r"opposite|at the same time|simultaneously|same time|other (?:arm|leg|hand|knee|foot)|alternat|"
    r"right (?:arm|hand) and (?:your )?left (?:leg|knee|foot|heel)|left (?:arm|hand) and (?:your )?right (?:leg|knee|"
    r"foot|heel)"
)
CROSSED = (
    r"(?:ankle|foot|leg|shin|heel)s? (?:\w+ ){0,4}?(?:across|over|on|onto|on top of|above) (?:the |your |his |her )?"
    r"(?:opposite|other|left|right|bent|supporting|uncrossed)? ?(?:knee|thigh|leg)|figure (?:four|4)|cross (?:one|"
    r"your|the) "
    r"(?:\w+ )?(?:ankle|leg|foot)|crossed (?:ankle|leg)"
)


def first(*found: int | None) -> int | None:
    present = [index for index in found if index is not None]
    return min(present) if present else None


# --- the rules, by posture ---------------------------------------------------------------------
