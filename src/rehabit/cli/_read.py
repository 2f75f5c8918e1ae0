"""`rehabit read SOURCE`: the practice reader on the command line."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.errors import RehabitError


@click.command("read", short_help=short_help("read"))
@click.argument("source", metavar="SOURCE")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option(
    "output_format", "--format", "-f", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True,
    help="yaml: a program file; json: the reader's findings plus the program.",
)  # fmt: skip
@click.option("--explain", "show_explain", is_flag=True, help="Print each value with the sentence it came from.")
@click.option("--allow-local", is_flag=True, help="Let a URL lead to this machine or a private network.")
def app(source: str, output: Path | None, output_format: str, show_explain: bool, allow_local: bool) -> None:
    """Read an exercise article (.html, .md, .txt, .pdf, an http(s) URL, or - for stdin) into a program."""
    with _few_collections():
        _read(source, output, output_format, show_explain, allow_local)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Load the reader and run one read with the cyclic garbage collector out of the way, then put it back.

    The extraction libraries (trafilatura, markdown-it, pypdf) load in the read's worker only, and only
    those the source's format needs; this process loads the reading stages. The reader's libraries leave
    some hundred thousand objects alive that the collector would otherwise scan over and over while they
    load and while the page is read (about a tenth of a one-page read). They are imported with the
    collector off, then frozen (never scanned again, see `gc.freeze`); the read itself runs with a higher
    threshold. Reference counting still frees everything the read lets go of; a read is bounded in size
    (rehabit.reader.limits), so the cycles it may leave are few and small.
    """
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        import rehabit.reader.output
        import rehabit.reader.provenance  # noqa: F401  (the reading stages, loaded once)

        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        gc.enable()
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if not enabled:
            gc.disable()


def _read(source: str, output: Path | None, output_format: str, show_explain: bool, allow_local: bool) -> None:
    from rehabit.reader import dump_yaml, explain, read_article, to_schema_json

    result = read_article(source, allow_local=allow_local)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if show_explain:
        click.echo(explain(result), nl=False, err=output is None and output_format == "json")
    if output_format == "json":
        text = json.dumps(to_schema_json(result), indent=2, ensure_ascii=False) + "\n"
    else:
        text = dump_yaml(result)
    if output is None:
        if not show_explain or output_format == "json":
            click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise RehabitError(f"{output}: cannot be written ({error.strerror})") from None
    click.echo(f"Wrote {len(result.exercises)} exercises to {output}", err=True)
