"""How fast the practice reader is: articles per second over the dev corpus, and its cost next to
trafilatura's extraction alone on the same HTML pages.

    .venv/bin/python bench/reader_speed.py [--corpus ../shared/corpus/dev] [--rounds 3]

Prints figures; asserts nothing. Everything runs in one process, so start-up time is left out.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import trafilatura

from rehabit.reader import read_article, to_program

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = sorted(p for p in args.corpus.iterdir() if p.suffix in (".html", ".htm", ".md", ".txt", ".pdf"))
    html = [p for p in articles if p.suffix in (".html", ".htm")]
    if not articles:
        raise SystemExit(f"no articles in {args.corpus}")
    read_article(str(articles[0]))  # warm up imports and caches

    started = time.perf_counter()
    for _ in range(args.rounds):
        for path in articles:
            to_program(read_article(str(path)))
    total = time.perf_counter() - started
    count = len(articles) * args.rounds
    print(f"articles: {len(articles)} ({len(html)} HTML) x {args.rounds} rounds")
    print(f"reader, all articles: {count / total:.1f} articles/s ({1000 * total / count:.1f} ms each)")

    if html:
        pages = [p.read_text(encoding="utf-8") for p in html]
        started = time.perf_counter()
        for _ in range(args.rounds):
            for page in pages:
                trafilatura.extract(page, output_format="markdown", include_tables=True, include_formatting=True)
        extraction = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(args.rounds):
            for path in html:
                to_program(read_article(str(path)))
        reader = time.perf_counter() - started
        runs = len(html) * args.rounds
        print(f"trafilatura extraction alone, HTML: {runs / extraction:.1f} pages/s")
        print(f"reader, HTML: {runs / reader:.1f} pages/s")
        print(f"ratio reader total / trafilatura extraction: {reader / extraction:.2f}")


if __name__ == "__main__":
    main()
