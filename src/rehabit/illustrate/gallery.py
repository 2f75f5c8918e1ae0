"""A gallery of figures for review by eye: every exercise's still and animated drawing, and what it shows.

`gallery_files` returns the files of a gallery folder (no I/O): `index.html` with one card per
exercise — the still picture on a light and on a dark background (the same SVG, inline, so it takes
the page's text colour), the animation, the posture and movement in words with the sentences that
decided them — and each exercise's `<id>.svg` (animated) and `<id>.still.svg`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from rehabit.illustrate.illustration import read_exercise
from rehabit.illustrate.movement import NO_MOVEMENT
from rehabit.model import Exercise, slugify

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d2521; background: #f6f7f6; }
h1 { font-size: 1.4rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); gap: 1rem; }
.card { background: #fff; border: 1px solid #d5dcd8; border-radius: 10px; padding: .8rem 1rem; }
.card h2 { font-size: 1.05rem; margin: 0 0 .3rem; }
.figures { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.light, .dark { border-radius: 8px; padding: .3rem; }
.light { background: #fff; color: #1d2521; border: 1px solid #e3e8e5; }
.dark { background: #1f2624; color: #e9efec; }
.figures svg, .figures img { width: 100%; height: auto; display: block; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .7rem; margin: .5rem 0 0; font-size: .88rem; }
dt { color: #5b6962; } dd { margin: 0; }
.posture-only dd.movement { color: #9a5b12; }
"""


def gallery_files(title: str, exercises: Sequence[Exercise]) -> dict[str, str]:
    """The gallery's files by name: index.html and two SVGs per exercise."""
    from rehabit.illustrate import render_animated_svg, render_static_svg

    files: dict[str, str] = {}
    cards: list[str] = []
    used: set[str] = set()
    for exercise in exercises:
        stem = _unique(slugify(exercise.id), used)
        still, animated = render_static_svg(exercise), render_animated_svg(exercise)
        files[f"{stem}.still.svg"] = still
        files[f"{stem}.svg"] = animated
        cards.append(_card(exercise, stem, still, animated))
    files["index.html"] = "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{escape(title)} — figures</title>",
            f"<style>{STYLE}</style></head><body>",
            f"<h1>{escape(title)}: {len(cards)} figures</h1>",
            '<div class="cards">',
            *cards,
            "</div></body></html>",
            "",
        ]
    )
    return files


def _unique(stem: str, used: set[str]) -> str:
    candidate, number = stem, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}", number + 1
    used.add(candidate)
    return candidate


def _renamed(svg: str, title: str, suffix: str) -> str:
    """The same SVG with its element ids (all prefixed "<title slug>-<kind>-") renamed, to inline it twice."""
    for kind in ("static", "animated"):
        prefix = f"{slugify(title)}-{kind}-"
        svg = svg.replace(prefix, f"{prefix}{suffix}-")
    return svg


def _card(exercise: Exercise, stem: str, still: str, animated: str) -> str:
    reading = read_exercise(exercise)
    movement = reading.movement.words if reading.movement else NO_MOVEMENT
    kind = " posture-only" if reading.movement is None else ""
    rows = [
        ("posture", f"{reading.posture.value} — {reading.posture.words}"),
        ("decided by", reading.posture_evidence or "(nothing in the text; standing assumed)"),
        ("movement", movement),
        ("from", reading.movement_evidence or "—"),
        ("drawn from", reading.drawn_from.value),
        ("files", f'<a href="{stem}.still.svg">still</a> · <a href="{stem}.svg">animated</a>'),
    ]
    details = "".join(
        f'<dt>{name}</dt><dd class="{name}">{value if name == "files" else escape(value)}</dd>' for name, value in rows
    )
    return (
        f'<section class="card{kind}" id="{escape(stem)}"><h2>{escape(exercise.name)}</h2>'
        f'<div class="figures"><div class="light">{still}</div>'
        f'<div class="dark">{_renamed(still, exercise.name, "dark")}</div>'
        f'<div class="light"><img src="{escape(stem)}.svg" alt="{escape(exercise.name)}, animated"></div>'
        f'<div class="dark">{_renamed(animated, exercise.name, "dark")}</div></div>'
        f"<dl>{details}</dl></section>"
    )
