"""Splitting a text into sentences is cached for speed; the answers stay those of a fresh split."""

from __future__ import annotations

from rehabit.reader.steps import forget_sentences, sentences

TEXT = "Lie on your back. Lift your hips; hold for 5 seconds. Lower slowly."


def test_a_cached_split_gives_the_same_spans_at_every_offset_and_a_list_of_its_own() -> None:
    forget_sentences()
    first = sentences(TEXT)
    assert first == [
        ("Lie on your back.", 0, 17),
        ("Lift your hips; hold for 5 seconds.", 18, 53),
        ("Lower slowly.", 54, 67),
    ]
    first.clear()  # a caller may change its list
    assert sentences(TEXT, 100) == [
        ("Lie on your back.", 100, 117),
        ("Lift your hips; hold for 5 seconds.", 118, 153),
        ("Lower slowly.", 154, 167),
    ]
    assert len(sentences(TEXT)) == 3


def test_a_long_text_is_split_the_same_way_without_the_cache() -> None:
    long = " ".join([TEXT] * 200)
    assert len(long) > 5_000
    found = sentences(long, 7)
    assert len(found) == 600
    assert found[-1] == ("Lower slowly.", 7 + len(long) - 13, 7 + len(long))
