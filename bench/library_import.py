"""How long importing and searching the free-exercise-db library (873 exercises) takes.

Reads ../shared/data/free-exercise-db/exercises.json, imports it into a fresh SQLite database in a
temporary folder (or the database named by --url), imports it again (the update path), and runs a few
searches. Prints seconds for each step.

    .venv/bin/python bench/library_import.py
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rehabit.programs.library import read_library
from rehabit.store import Store
from rehabit.store.library import import_library, search_library

LIBRARY = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "free-exercise-db" / "exercises.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="database URL (default: a new SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        started = time.perf_counter()
        report = read_library(LIBRARY)
        read_s = time.perf_counter() - started
        with Store.open(url) as store:
            started = time.perf_counter()
            first = import_library(store, "free-exercise-db", report.exercises)
            import_s = time.perf_counter() - started
            started = time.perf_counter()
            again = import_library(store, "free-exercise-db", report.exercises)
            again_s = time.perf_counter() - started
            started = time.perf_counter()
            hits = [len(search_library(store, query)) for query in ("glute", "bridge", "stretch", "hip band")]
            search_s = (time.perf_counter() - started) / 4
    print(f"read {len(report.exercises)} exercises ({len(report.problems)} bad): {read_s:.3f} s")
    print(f"first import ({first.added} added): {import_s:.3f} s")
    print(f"import again ({again.updated} updated): {again_s:.3f} s")
    print(f"search (mean of 4; hits {hits}): {search_s * 1000:.1f} ms")


if __name__ == "__main__":
    main()
