"""Hard limits on one read: bombs built here (a PDF page of millions of characters, a huge Markdown file,
a runaway extraction) end with a one-line InputTooLarge, or a truncated reading, within the limits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rehabit.reader import DEFAULT_LIMITS, InputTooLarge, Limits, UnreadableInput, read_bytes
from rehabit.reader.limits import run_limited


def _pdf_with_content(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (compressed), written by hand."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def pdf_bomb() -> bytes:
    # ~66 million characters in one text-showing operator: 64 KB on disk
    return _pdf_with_content(b"BT /F1 12 Tf 72 720 Td (" + b"Lift your hips " * 4_400_000 + b") Tj ET")


def test_a_pdf_page_of_millions_of_characters_is_refused_before_extraction(pdf_bomb: bytes) -> None:
    assert len(pdf_bomb) < 200_000
    # Read with a short deadline: the refusal comes from measuring the page, well before it.
    with pytest.raises(
        InputTooLarge, match=r"^bomb\.pdf: page 1 holds 66,000,0\d\d bytes of drawing instructions"
    ) as caught:
        read_bytes(pdf_bomb, None, "bomb.pdf", Limits(seconds=20))
    assert "\n" not in str(caught.value)


def test_the_deadline_stops_an_extraction_that_runs_on(pdf_bomb: bytes) -> None:
    limits = Limits(page_content_bytes=10**9, seconds=2)  # let the page through: pypdf would take minutes
    with pytest.raises(InputTooLarge, match=r"^bomb\.pdf: reading it took longer than 2 seconds"):
        read_bytes(pdf_bomb, "pdf", "bomb.pdf", limits)


def test_the_memory_cap_stops_an_extraction_that_grows(pdf_bomb: bytes) -> None:
    limits = Limits(page_content_bytes=10**9, memory_bytes=400_000_000, seconds=120)
    with pytest.raises(InputTooLarge, match=r"^bomb\.pdf: reading it needs more than 400 MB of memory"):
        read_bytes(pdf_bomb, "pdf", "bomb.pdf", limits)


def test_a_huge_markdown_file_is_read_in_part_within_the_limits() -> None:
    section = "## Glute bridge {n}\n\n- Lie on your back. **Lift** your *hips* and hold for 3 seconds.\n"
    section += "- Do 2 sets of 12.\n\n"
    nested = "".join("  " * depth + "- [x](y) **a *b* c**\n" for depth in range(40))
    data = ("".join(section.format(n=n) for n in range(12_000)) + nested * 200).encode()[:1_900_000]
    result = read_bytes(data, "md", "huge.md", Limits(seconds=30))
    assert any("only its first 400,000 characters were read" in w for w in result.warnings)
    assert len(result.document.text) <= DEFAULT_LIMITS.chars
    assert result.exercises and result.exercises[0].reps == (12, 12)


def test_more_bytes_than_the_limit_are_refused_before_reading() -> None:
    with pytest.raises(InputTooLarge, match=r"^big\.txt: too large \(6,000,000 bytes or more; the limit is 5 MB\)$"):
        read_bytes(b"Lie down. " * 600_000, "txt", "big.txt")


def test_run_limited_kills_a_worker_at_its_deadline() -> None:
    started = time.monotonic()
    with pytest.raises(InputTooLarge, match="took longer than 1 seconds"):
        run_limited(time.sleep, 60, limits=Limits(seconds=1), name="sleeper")
    assert time.monotonic() - started < 30  # it did not sleep the 60 seconds


def test_run_limited_caps_memory() -> None:
    with pytest.raises(InputTooLarge, match="needs more than 300 MB of memory"):
        run_limited(bytearray, 1_000_000_000, limits=Limits(memory_bytes=300_000_000), name="grower")


def test_errors_in_the_worker_come_back_as_one_line() -> None:
    with pytest.raises(UnreadableInput, match=r"^odd: could not be read \(ValueError: invalid literal") as caught:
        run_limited(int, "twelve", name="odd")
    assert "\n" not in str(caught.value)


def test_reads_from_several_threads_at_once() -> None:
    article = b"Glute bridge\n- Lie on your back with your knees bent.\n- Lift your hips.\n- Do 2 sets of 12.\n"
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: read_bytes(article, "txt", f"article {n}"), range(8)))
    assert [(r.exercises[0].name, r.exercises[0].reps, r.source) for r in results] == [
        ("glute bridge", (12, 12), f"article {n}") for n in range(8)
    ]


def test_a_worker_that_read_well_serves_the_next_read() -> None:
    first = run_limited(os.getpid, name="first")
    assert first != os.getpid()
    assert run_limited(os.getpid, name="second") == first
    with pytest.raises(UnreadableInput, match=r"^odd: could not be read"):
        run_limited(int, "twelve", name="odd")  # a bug in the worker: it is let go
    assert run_limited(os.getpid, name="third") not in (first, os.getpid())


def test_a_worker_past_its_deadline_or_crashed_is_never_used_again() -> None:
    before = run_limited(os.getpid, name="before")
    with pytest.raises(InputTooLarge, match="took longer than 1 seconds"):
        run_limited(time.sleep, 60, limits=Limits(seconds=1), name="sleeper")
    with pytest.raises(InputTooLarge, match=r"^crasher: reading it stopped the reader \(exit 3;"):
        run_limited(os._exit, 3, name="crasher")
    after = run_limited(os.getpid, name="after")
    assert after not in (before, os.getpid())
    with pytest.raises(ProcessLookupError):
        os.kill(before, 0)  # killed at the deadline, not left running


_kept: list[bytearray] = []


def _keep(size: int) -> tuple[int, int]:
    """In the worker: allocate `size` bytes and keep them (as a leaking library would); the worker's id."""
    _kept.append(bytearray(size))
    return len(_kept[-1]), os.getpid()


def test_each_read_of_a_kept_worker_gets_the_whole_memory_cap() -> None:
    limits = Limits(memory_bytes=300_000_000)
    worker = run_limited(os.getpid, limits=limits, name="first")
    assert run_limited(_keep, 150_000_000, limits=limits, name="big") == (150_000_000, worker)
    # 400 MB in all, over one cap of 300 MB counted from the start, under this read's
    assert run_limited(_keep, 250_000_000, limits=limits, name="bigger") == (250_000_000, worker)
    assert run_limited(os.getpid, limits=limits, name="next") != worker  # grown too much to be kept
    with pytest.raises(InputTooLarge, match="needs more than 300 MB of memory"):
        run_limited(bytearray, 400_000_000, limits=limits, name="grower")


def test_a_waiting_worker_ends_with_the_process_that_started_it(tmp_path: Path) -> None:
    script = "import os\nfrom rehabit.reader.limits import run_limited\nprint(run_limited(os.getpid))\nos._exit(0)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    worker = int(done.stdout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{worker}").exists():
        time.sleep(0.05)
    status = Path(f"/proc/{worker}/stat").read_text().split()[2] if Path(f"/proc/{worker}").exists() else "gone"
    assert status in ("gone", "Z")  # ended (a zombie waits only for its parent, which is gone too)
