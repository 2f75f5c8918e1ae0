"""Each input format gives the same exercises: HTML, Markdown, plain text and PDF, built inline."""

from __future__ import annotations

import pytest

from rehabit.reader import UnreadableInput, read_bytes, to_program, to_schema_json

HTML = b"""<!doctype html><html><head><title>Two moves for a stiff back | Example Site</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul></nav>
<article><h1>Two moves for a stiff back</h1>
<p>These two moves take five minutes. Do them three times a week.</p>
<h2>1. Glute Bridge</h2>
<ol><li>Lie on your back with your knees bent.</li><li>Lift your hips and hold for 3 seconds.</li>
<li>Lower slowly.</li></ol>
<p><strong>Dose:</strong> 2 sets of 12 reps.</p>
<h2>2. Side Plank</h2>
<ol><li>Lie on your side, propped on your elbow.</li><li>Lift your hips off the floor.</li></ol>
<p><strong>Dose:</strong> hold for 20 to 30 seconds, 3 times per side.</p>
<h2>Related posts</h2><ul><li><a href="/x">The best squat shoes, tested</a></li></ul>
</article><footer>Copyright Example Site</footer></body></html>"""

MARKDOWN = b"""# Two moves for a stiff back

These two moves take five minutes. Do them three times a week.

1. **Glute bridge.** Lie on your back with your knees bent. Lift your hips and hold for 3 seconds.
   Lower slowly. Do 2 sets of 12.
2. **Side plank.** Lie on your side, propped on your elbow. Lift your hips off the floor. Hold for 20 to 30
   seconds, 3 times per side.
"""

TEXT = b"""Two moves for a stiff back

These two moves take five minutes. Do them three times a week.

GLUTE BRIDGE
- Lie on your back with your knees bent.
- Lift your hips and hold for 3 seconds.
- Lower slowly.
- 2 sets of 12.

SIDE PLANK
- Lie on your side, propped on your elbow.
- Lift your hips off the floor.
- Hold 20-30 seconds, 3 times each side.
"""

EXPECTED = [
    ("glute bridge", {"min": 12, "max": 12}, {"min": 3, "max": 3}, {"min": 2, "max": 2}, False),
    ("side plank", {"min": 3, "max": 3}, {"min": 20, "max": 30}, None, True),
]


def _summary(document: dict[str, object]) -> list[tuple[object, ...]]:
    exercises = document["exercises"]
    assert isinstance(exercises, list)
    return [(e["name"], e["reps"], e["hold_s"], e["sets"], e["per_side"]) for e in exercises]


def _pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("data", "fmt"), [(HTML, "html"), (MARKDOWN, "md"), (TEXT, "txt"), (HTML, None), (MARKDOWN, None)]
)
def test_each_format_reads_the_same_exercises(data: bytes, fmt: str | None) -> None:
    document = to_schema_json(read_bytes(data, fmt, "article"))
    assert _summary(document) == EXPECTED
    assert document["frequency_per_week"] == {"min": 3, "max": 3}


def test_pdf_text_layer_is_read() -> None:
    html = "<h2>Glute bridge</h2><p>Lie on your back with your knees bent. Lift your hips and hold for 3 seconds.</p>"
    html += "<p>Lower slowly. Do 2 sets of 12.</p>"
    result = read_bytes(_pdf(html), None, "handout.pdf")
    readings = [(e.name, e.reps, e.hold_s, e.sets) for e in result.exercises]
    assert readings == [("glute bridge", (12, 12), (3, 3), (2, 2))]


def test_pdf_without_text_is_unreadable() -> None:
    with pytest.raises(UnreadableInput, match="no text layer"):
        read_bytes(_pdf("<div style='height:5cm;background:#888'></div>"), "pdf", "scan.pdf")


def test_html_navigation_and_related_links_are_not_exercises() -> None:
    names = [e.name for e in read_bytes(HTML, "html").exercises]
    assert "the best squat shoes, tested" not in names and len(names) == 2


def test_steps_are_list_items_and_sentences() -> None:
    assert [e.steps for e in read_bytes(TEXT, "txt").exercises][1] == [
        "Lie on your side, propped on your elbow.",
        "Lift your hips off the floor.",
        "Hold 20-30 seconds, 3 times each side.",
    ]
    markdown = read_bytes(MARKDOWN, "md").exercises[0]
    assert len(markdown.steps) == 4


def test_dose_given_once_for_all_exercises() -> None:
    text = b"""Morning stretches

Child's pose
Kneel and sit back on your heels. Rest your forehead on the floor.

Sphinx pose
Lie face down and prop yourself up on your forearms. Lift your chest gently.

How long?
Hold each stretch for 20-30 seconds and repeat it 3 times.
"""
    result = read_bytes(text, "txt")
    assert [(e.name, e.reps, e.hold_s, e.shared) for e in result.exercises] == [
        ("child's pose", (3, 3), (20, 30), ["hold_s", "reps"]),
        ("sphinx pose", (3, 3), (20, 30), ["hold_s", "reps"]),
    ]


def test_provenance_points_at_the_source_words() -> None:
    result = read_bytes(TEXT, "txt")
    text = result.document.text
    hold = next(e for e in result.exercises[1].evidence if e.field == "hold_s")
    assert text[hold.start : hold.end] == "20-30"


def test_program_fills_missing_values_and_says_so() -> None:
    program = to_program(read_bytes(TEXT, "txt"))
    plank = program.exercise("side-plank")
    assert plank.dose.sets.min == 1 and plank.dose.per_side
    assert "Not in source: sets; rehabit assumed 1." in plank.cautions
    assert plank.group.value == "stabilization"
    assert program.frequency_per_week.min == 3


def test_very_long_input_is_read_in_part_with_warnings() -> None:
    data = ("Glute bridge\n\nLie on your back. Do 10 reps.\n\n" * 100_000).encode()[:4_500_000]
    result = read_bytes(data, "txt", "long.txt")
    assert len(result.exercises) == 100
    assert result.warnings == [
        "the text is very long; only its first 400,000 characters were read",
        "only the first 100 exercises were read",
    ]


def test_circuit_sets_and_stretch_holds_apply_where_the_article_gives_none() -> None:
    text = b"""Circuit

Glute bridge
Lie on your back and lift your hips. Lower slowly.

Side plank
Lie on your side and lift your hips. Hold for 20 seconds.

Hamstring stretch
Lie on your back and lift one leg. Pull it towards you gently.

Go through the circuit 3 times. Hold each stretch for 30 seconds.
"""
    readings = [(e.name, e.hold_s, e.sets, e.shared) for e in read_bytes(text, "txt").exercises]
    assert readings == [
        ("glute bridge", None, (3, 3), ["sets"]),
        ("side plank", (20, 20), (3, 3), ["sets"]),
        ("hamstring stretch", (30, 30), (3, 3), ["sets", "hold_s"]),
    ]


def test_a_passing_mention_is_not_an_exercise() -> None:
    text = b"Forget endless crunches. These four moves help your back. Try to fit them in four days a week.\n"
    assert read_bytes(text, "txt").exercises == []


def test_related_links_before_a_disclaimer_are_not_exercises() -> None:
    text = b"""source: https://example.org/glute-bridge

Glute bridge
Lie on your back with knees bent. Lift your hips. Hold for 5 seconds. Do 10 reps.
Related exercises
Side plank
Bird dog
This information is general. Stop any exercise that causes pain and seek advice from a clinician.
Share
"""
    assert [e.name for e in read_bytes(text, "txt").exercises] == ["glute bridge"]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (
            b"<html><head><title>Cat-camel | Clinic</title></head><body><div><p>Kneel on all fours with your "
            b"hands under your shoulders. Round your back up, then let it sag gently.</p>"
            b"<p>Repeat 10 times, twice a day.</p></div></body></html>",
            "html",
        ),
        (b"source: https://example.org/cat-camel\ntitle: Cat-camel\n\nKneel on all fours with your hands under "
         b"your shoulders. Round your back up, then let it sag gently.\nRepeat 10 times, twice a day.\n", "txt"),
    ],
)  # fmt: skip
def test_a_page_title_can_name_its_one_exercise(data: bytes, fmt: str) -> None:
    result = read_bytes(data, fmt, "page")
    assert [(e.name, e.reps) for e in result.exercises] == [("cat-camel", (10, 10))]
    assert result.frequency_per_week == (14, 14)


def test_html_whose_main_content_extraction_keeps_nothing_is_read_as_page_text() -> None:
    page = (
        b"<html><head><title>Moves</title></head><body><div><h3>Glute bridge</h3></div>"
        b"<div><span>Lie on your back and lift your hips.</span></div>"
        b"<div><span>Hold for 5 seconds. Do 10 reps.</span></div></body></html>"
    )
    result = read_bytes(page, "html")
    assert [(e.name, e.reps, e.hold_s) for e in result.exercises] == [("glute bridge", (10, 10), (5, 5))]


def test_video_timestamps_and_form_notes_make_one_exercise_each() -> None:
    text = b"""source: https://video.example/morning

TIMESTAMPS
00:45 - Cat cow (10 reps)
1:02:30 Glute bridge - 2 x 12
03:10 | Bird dog: 8 each side
Home / Exercises / Bird dog

FORM NOTES
Cat cow: On hands and knees, round your back up, then let it sag.
Glute bridge: Lie on your back and lift your hips.
"""
    readings = [(e.name, e.reps, e.sets, e.per_side, len(e.steps)) for e in read_bytes(text, "txt").exercises]
    assert readings == [
        ("cat cow", (10, 10), None, False, 1),
        ("glute bridge", (12, 12), (2, 2), False, 1),
        ("bird dog", (8, 8), None, True, 0),
    ]


def test_a_process_that_reads_pages_loads_the_html_extractor_once_in_one_worker() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from rehabit.reader import limits, read_bytes\n"
        "page = b'<html><head><title>Wall sit</title></head><body><h1>Wall sit</h1>"
        "<p>Lean on a wall and bend your knees. Hold for 30 seconds.</p></body></html>'\n"
        "print([e.name for e in read_bytes(page, 'html', 'page').exercises])\n"
        "print([e.name for e in read_bytes(page, 'html', 'again').exercises])\n"
        "print('trafilatura' in sys.modules, [worker.reads for worker in limits._idle])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    # the worker that loaded trafilatura read both pages; this process never loaded it
    assert done.stdout.split("\n")[:3] == ["['wall sit']", "['wall sit']", "False [2]"]
