"""`rehabit read`: the seed article end to end, output formats, --explain and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rehabit.programs import get_program, load_program

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "practice-reader-lower-back-glutes.txt"

ARTICLE = """Bridge basics

Glute bridge
- Lie on your back with your knees bent.
- Lift your hips and hold for 2 seconds.
- Do 10-15 repetitions.
"""


def test_seed_article_gives_the_builtin_program(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "back.yaml"
    result = cli("read", str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.output
    validated = cli("program", "validate", str(out))
    assert validated.exit_code == 0 and "10 exercises" in validated.output
    read, builtin = load_program(out), get_program()
    assert [e.id for e in read.exercises] == [e.id for e in builtin.exercises]
    # the built-in program reads two places closer than the reader can (its notes say why): the banded
    # bridge is "the glute bridge as described earlier", so it keeps the 2 s hold, and bird-dog's
    # "hold 15 s before switching sides" takes turns side by side
    hold = {"hold_s": builtin.exercise("glute-bridge").dose.hold_s}
    expected = {"banded-glute-bridge": hold, "bird-dog": {"alternate_sides": True}}
    assert [e.dose.model_copy(update=expected.get(e.id, {})) for e in read.exercises] == [
        e.dose for e in builtin.exercises
    ]
    assert read.frequency_per_week == builtin.frequency_per_week
    assert read.exercise("banded-glute-bridge").equipment == ["resistance band"]


def test_json_has_the_schema_shape_and_the_program(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "bridge.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = cli("read", "--format", "json", str(article))
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert list(document) == ["source", "title", "frequency_per_week", "exercises", "program"]
    assert document["exercises"] == [
        {
            "name": "glute bridge",
            "aliases": [],
            "reps": {"min": 10, "max": 15},
            "hold_s": {"min": 2, "max": 2},
            "sets": None,
            "per_side": False,
            "equipment": [],
            "steps": [
                "Lie on your back with your knees bent.",
                "Lift your hips and hold for 2 seconds.",
                "Do 10-15 repetitions.",
            ],
        }
    ]
    assert document["frequency_per_week"] is None
    assert document["program"]["exercises"][0]["id"] == "glute-bridge"


def test_explain_shows_the_sentence_behind_each_number(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "bridge.md"
    article.write_text(ARTICLE, encoding="utf-8")
    result = cli("read", "--explain", str(article))
    assert result.exit_code == 0
    assert '   reps = 10-15  <- "Do [10-15] repetitions."' in result.output
    assert '   hold_s = 2  <- "Lift your hips and hold for [2] seconds."' in result.output
    assert "   sets: not in source" in result.output


def test_standard_input(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("read", "--format", "json", "-", input=ARTICLE)
    assert result.exit_code == 0
    assert json.loads(result.output)["exercises"][0]["name"] == "glute bridge"


def test_no_exercises_gives_an_empty_program_and_a_warning(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "news.txt"
    article.write_text("Back pain is common.\n\nMost cases settle within weeks.\n", encoding="utf-8")
    out = tmp_path / "empty.yaml"
    result = cli("read", str(article), "-o", str(out))
    assert result.exit_code == 0
    assert "Warning: no exercises found" in result.stderr
    assert load_program(out).exercises == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n ", "is empty"),
        ("garbage.txt", bytes(range(256)) * 40, "binary file"),
        ("garbage.html", b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 500, "binary file"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("huge.txt", b"Lie down. " * 2_000_001, "too large"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(cli, tmp_path: Path, name: str, data: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("read", str(_write(tmp_path / name, data)))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_missing_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("read", str(tmp_path / "nope.html"))
    assert result.exit_code == 2 and result.stderr == f"Error: {tmp_path / 'nope.html'}: no such file\n"


def test_deeply_nested_html_is_read_without_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = "<div>" * 5000 + "<h2>Wall sit</h2><p>Stand against a wall and slide down. Hold for 30 seconds.</p>"
    article = _write(tmp_path / "deep.html", f"<html><body>{body}{'</div>' * 5000}</body></html>".encode())
    result = cli("read", "--format", "json", str(article))
    assert result.exit_code == 0
    exercises = json.loads(result.output)["exercises"]
    assert [(e["name"], e["hold_s"]) for e in exercises] == [("wall sit", {"min": 30, "max": 30})]


def test_url_timeout_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    import httpx

    def timeout(*args: object, **kwargs: object) -> None:
        raise httpx.ConnectTimeout("timed out")

    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: public)
    monkeypatch.setattr(httpx.Client, "send", timeout)
    result = cli("read", "https://example.invalid/article")
    assert result.exit_code == 2
    assert result.stderr == "Error: https://example.invalid/article: timed out after 15 seconds\n"
