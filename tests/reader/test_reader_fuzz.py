"""Random text and random HTML never make the reader raise, and its program always validates."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehabit.programs import dump_program, parse_program
from rehabit.reader import UnreadableInput, read_bytes, to_program, to_schema_json

VOCABULARY = (
    "hold for 30 seconds 10-15 reps 2 x 12 sets of each side switch glute bridge plank stretch lie on your back "
    "Do 3 twice a week - • 1. ## ** : ( ) x up to minutes times rest between"
)
WORDS = st.sampled_from(VOCABULARY.split())
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
TAGS = st.sampled_from(["p", "h2", "h3", "li", "ul", "ol", "div", "strong", "table", "tr", "td", "span"])


@st.composite
def html(draw: st.DrawFn) -> str:
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(TAGS)
        parts.append(f"<{tag}>{draw(TEXT)}</{tag}>" if draw(st.booleans()) else f"<{tag}>")
    return "".join(parts)


def _check(data: bytes, fmt: str | None) -> None:
    try:
        result = read_bytes(data, fmt, "fuzz")
    except UnreadableInput:
        return
    program = to_program(result)
    assert parse_program(dump_program(program)) == program
    assert len(to_schema_json(result)["exercises"]) == len(program.exercises)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["txt", "md", None]))
def test_random_text(text: str, fmt: str | None) -> None:
    _check(text.encode("utf-8", errors="surrogatepass"), fmt)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html())
def test_random_html(page: str) -> None:
    _check(page.encode("utf-8", errors="surrogatepass"), "html")
