"""How long the PDF handout takes to build, and how many pages it has, on A4 and US Letter.

.venv/bin/python bench/handout.py
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from rehabit.export.handout import Paper, handout_html, write_handout
from rehabit.programs import get_program


def main() -> None:
    program = get_program()
    start = dt.date(2026, 11, 30)
    started = time.perf_counter()
    html = handout_html(program, start=start)
    html_s = time.perf_counter() - started
    print(f"HTML with {len(program.exercises)} illustrations: {len(html) / 1000:.0f} kB in {html_s:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        papers: tuple[Paper, ...] = ("a4", "letter")
        for paper in papers:
            path = Path(folder) / f"{paper}.pdf"
            started = time.perf_counter()
            pages = write_handout(program, path, paper=paper, start=start)
            seconds = time.perf_counter() - started
            print(f"{paper}: {pages} pages, {path.stat().st_size / 1000:.0f} kB, {seconds:.2f} s")


if __name__ == "__main__":
    main()
