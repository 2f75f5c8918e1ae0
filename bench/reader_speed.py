"""How fast the practice reader is: articles per second over the dev corpus, and its cost next to
trafilatura's extraction alone on the same HTML pages.

    .venv/bin/python bench/reader_speed.py [--corpus ../shared/corpus/dev] [--rounds 3]

Reads run the way users get them: `read_article` then `to_program`, extraction in the reader's worker
process within its time and memory limits. On the HTML pages the reader's time is then split into its
parts, each timed on its own: extraction in the worker (`to_document`), the same extraction in this
process without the worker (`source.extract`; the difference is what the worker costs), and the reading
after extraction (`read_document` and `to_program`). Prints figures; asserts nothing. Everything runs in
one process, so start-up time is left out (bench/cli_start.py measures it).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from rehabit.reader import read_article, to_program
from rehabit.reader.pipeline import read_document
from rehabit.reader.source import extract, fetch, to_document

ROOT = Path(__file__).resolve().parents[1]


def _timed(rounds: int, items: list[Path], work: Callable[[Path], object]) -> float:
    """Milliseconds per item of `work`, over `rounds` passes."""
    started = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            work(item)
    return 1000 * (time.perf_counter() - started) / (rounds * len(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = sorted(p for p in args.corpus.iterdir() if p.suffix in (".html", ".htm", ".md", ".txt", ".pdf"))
    html = [p for p in articles if p.suffix in (".html", ".htm")]
    if not articles:
        raise SystemExit(f"no articles in {args.corpus}")
    for path in articles:
        read_article(str(path))  # warm up imports and caches

    each = _timed(args.rounds, articles, lambda path: to_program(read_article(str(path))))
    print(f"articles: {len(articles)} ({len(html)} HTML) x {args.rounds} rounds")
    print(f"reader, all articles: {1000 / each:.1f} articles/s ({each:.1f} ms each)")
    if not html:
        return

    pages = {path: path.read_text(encoding="utf-8") for path in html}
    fetched = {path: fetch(str(path)) for path in html}
    documents = {path: extract(*fetched[path], str(path)) for path in html}

    def trafilatura_alone(path: Path) -> object:
        return trafilatura.extract(pages[path], output_format="markdown", include_tables=True, include_formatting=True)

    alone = _timed(args.rounds, html, trafilatura_alone)
    reader = _timed(args.rounds, html, lambda path: to_program(read_article(str(path))))
    limited = _timed(args.rounds, html, lambda path: to_document(*fetched[path], str(path)))
    unlimited = _timed(args.rounds, html, lambda path: extract(*fetched[path], str(path)))
    after = _timed(args.rounds, html, lambda path: to_program(read_document(documents[path])))
    print(f"trafilatura extraction alone, HTML: {1000 / alone:.1f} pages/s ({alone:.1f} ms each)")
    print(f"reader, HTML: {1000 / reader:.1f} pages/s ({reader:.1f} ms each), of which, timed apart:")
    print(f"  extraction in the worker, within the limits: {limited:.1f} ms")
    print(f"    the same extraction in this process: {unlimited:.1f} ms (the worker: {limited - unlimited:+.1f} ms)")
    print(f"  reading after extraction (read_document, to_program): {after:.1f} ms")
    print(f"ratio reader total / trafilatura extraction: {reader / alone:.2f}")


if __name__ == "__main__":
    main()
