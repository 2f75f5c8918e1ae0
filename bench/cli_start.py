"""How fast the CLI starts: `rehabit --help`, `rehabit program show`, `rehabit read FILE` ÷ bare click + rich.

    .venv/bin/python bench/cli_start.py [--baseline DIR] [--rehabit DIR] [--runs 10] [--article FILE]

For each checkout (`--rehabit`, default this repository; `--baseline`, optional), with the checkout's own
.venv, times the wall clock of whole processes, `--runs` times each, alternating checkouts and commands:

    python -c "import click, rich"          the floor: an interpreter that loads the CLI's two libraries
    rehabit --help
    rehabit program show
    rehabit read FILE                       a page of the reader's development corpus (../shared/corpus/dev)

each with a fresh, empty data directory (`REHABIT_DATA_DIR`) and output to /dev/null, with each checkout's
sources compiled to bytecode first (as `make run` and pip do), after one untimed
run each (the disk cache is warm for all). Prints the medians, each command ÷ the floor of the same
interpreter, rehabit ÷ baseline, and from one more run under `python -X importtime` which of the heavy
libraries each command imports (matplotlib, weasyprint, fhir.resources, pypdf, trafilatura, sqlalchemy),
the milliseconds their import took there and the rehabit modules that imported them, and the other
third-party libraries rehabit's own modules imported that took 20 ms or more. Nothing is asserted: the
figures are for reading, next to the goals of issue 16 (`--help` <= 2× the floor, `read` of one page <= 4×).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _compare import REPOSITORY, Checkout, add_checkout_options, checkouts, machine_load, median, ratio, table

HEAVY = ("matplotlib", "weasyprint", "fhir.resources", "pypdf", "trafilatura", "sqlalchemy")
FLOOR = 'python -c "import click, rich"'
DEFAULT_ARTICLE = REPOSITORY.parent / "shared" / "corpus" / "dev" / "d01.html"
GOALS = {"rehabit --help": "goal <= 2", "rehabit read": "goal <= 4"}


@dataclass(frozen=True)
class Command:
    """One command line to time, by its name in the report."""

    name: str
    args: tuple[str, ...]

    def line(self, checkout: Checkout) -> list[str]:
        if self.name == FLOOR:
            return [str(checkout.python), "-c", "import click, rich"]
        return [str(checkout.rehabit), *self.args]

    def importtime_line(self, checkout: Checkout) -> list[str]:
        """The same command under `python -X importtime` (the console script run as a file)."""
        if self.name == FLOOR:
            return [str(checkout.python), "-X", "importtime", "-c", "import click, rich"]
        return [str(checkout.python), "-X", "importtime", str(checkout.rehabit), *self.args]


def commands(article: Path) -> list[Command]:
    return [
        Command(FLOOR, ()),
        Command("rehabit --help", ("--help",)),
        Command("rehabit program show", ("program", "show")),
        Command("rehabit read", ("read", str(article))),
    ]


def wall_time(line: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from starting the process until it exited; SystemExit when it failed."""
    began = time.perf_counter()
    done = subprocess.run(line, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(line)} failed (exit {done.returncode}): {done.stderr.decode()[-500:]}")
    return took


def heavy_imports(line: Sequence[str], env: dict[str, str], cwd: Path) -> Imports:
    """What the command imports, from `-X importtime`: the heavy libraries, each with the milliseconds its
    import took (its own modules and whatever they imported first) and the rehabit modules that imported
    it; the other third-party libraries rehabit imports directly, with their milliseconds; the total."""
    done = subprocess.run(line, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    entries: list[tuple[int, str, int]] = []  # (depth, module, cumulative µs), children before their parent
    for raw in done.stderr.decode(errors="replace").splitlines():
        parts = raw.split("|")
        if not raw.startswith("import time:") or len(parts) != 3 or not parts[1].strip().isdigit():
            continue  # the header, or the command's own output
        field = parts[2].rstrip()
        entries.append(((len(field) - len(field.lstrip())) // 2, field.strip(), int(parts[1])))
    total = sum(cumulative for depth, _, cumulative in entries if depth == 0) / 1000
    found: dict[str, Heavy] = {}
    others: dict[str, float] = {}
    enclosing: list[tuple[int, str]] = []  # walking backwards, a parent comes before its children
    for depth, name, cumulative in reversed(entries):
        while enclosing and enclosing[-1][0] >= depth:
            enclosing.pop()
        package = name.split(".")[0]
        third_party = package not in sys.stdlib_module_names and package not in {"rehabit", "_distutils_hack"}
        if third_party and all(_within(parent, "rehabit") for _, parent in enclosing):  # rehabit asked for it
            others[package] = others.get(package, 0.0) + cumulative / 1000
        for library in HEAVY:
            if not _within(name, library) or any(_within(parent, library) for _, parent in enclosing):
                continue  # not this library, or inside an import of it already counted
            heavy = found.setdefault(library, Heavy())
            heavy.ms += cumulative / 1000
            ours = [parent for _, parent in enclosing if _within(parent, "rehabit")]
            if ours and ours[-1] not in heavy.via:
                heavy.via.append(ours[-1])
        enclosing.append((depth, name))
    heavy_packages = {library.split(".")[0] for library in HEAVY}
    return Imports(found, {k: v for k, v in others.items() if k not in heavy_packages}, total)


@dataclass
class Imports:
    heavy: dict[str, Heavy]
    others: dict[str, float]
    total_ms: float


@dataclass
class Heavy:
    """A heavy library's import in one command: how long it took and which rehabit modules asked for it."""

    ms: float = 0.0
    via: list[str] = field(default_factory=list)


def _within(module: str, library: str) -> bool:
    return module == library or module.startswith(library + ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_checkout_options(parser)
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command (default 10)")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="the page `rehabit read` reads")
    args = parser.parse_args()
    found = checkouts(args)
    article = args.article.resolve()
    if not article.is_file():
        raise SystemExit(f"no article at {article}: name one with --article")
    todo = commands(article)
    print(f"cli_start: {machine_load()} at the start")
    for checkout in found:
        print(f"  {checkout.describe()}")
    print(f"  rehabit read {article}")
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        envs = {}
        for checkout in found:
            # rehabit's own bytecode written ahead, as `make run` and pip do: with PYTHONDONTWRITEBYTECODE set,
            # each start would compile its modules again, which is not what a user's start costs
            subprocess.run([str(checkout.python), "-m", "compileall", "-q", str(checkout.root / "src")], check=True)
            data = scratch / checkout.label
            data.mkdir()
            envs[checkout.label] = dict(os.environ, REHABIT_DATA_DIR=str(data), NO_COLOR="1", COLUMNS="100")
            for command in todo:  # untimed: warms the disk cache and any first-run set-up
                wall_time(command.line(checkout), envs[checkout.label], scratch)
        for number in range(args.runs):
            order = found[number % len(found) :] + found[: number % len(found)]
            for checkout in order:
                for command in todo:
                    took = wall_time(command.line(checkout), envs[checkout.label], scratch)
                    times.setdefault((checkout.label, command.name), []).append(took * 1000)
        imports = {
            (checkout.label, command.name): heavy_imports(
                command.importtime_line(checkout), envs[checkout.label], scratch
            )
            for checkout in found
            for command in todo
        }

    print(f"\nwall time, median of {args.runs} runs (ms), and ÷ the floor `{FLOOR}` of the same interpreter:")
    headers = ["command"]
    for checkout in found:
        headers += [f"{checkout.label} ms", "÷ floor"]
    if len(found) == 2:
        headers.append("rehabit ÷ baseline")
    rows = []
    for command in todo:
        row: list[object] = [command.name]
        medians = []
        for checkout in found:
            value = median(times[(checkout.label, command.name)])
            floor = median(times[(checkout.label, FLOOR)])
            medians.append(value)
            row += [value, ratio(value, floor)]
        if len(found) == 2:
            row.append(ratio(medians[0], medians[1]))
        rows.append(row)
    print(table(headers, rows))
    for name, goal in GOALS.items():
        print(f"  {name} ÷ floor: {goal}")

    print("\nheavy libraries imported (ms their import took under -X importtime; all imports in brackets):")
    for checkout in found:
        for command in todo:
            found_imports = imports[(checkout.label, command.name)]
            libraries = found_imports.heavy
            print(f"  {checkout.label:<9} {command.name:<31} [{found_imports.total_ms:.0f} ms]")
            for name, heavy in sorted(libraries.items(), key=lambda item: -item[1].ms):
                by = ", ".join(heavy.via) or "a function, when it ran"
                print(f"      {name:<15} {heavy.ms:6.0f} ms  imported by {by}")
            if not libraries:
                print("      none of " + ", ".join(HEAVY))
            others = [(n, ms) for n, ms in sorted(found_imports.others.items(), key=lambda i: -i[1]) if ms >= 20]
            if others:
                print("      other libraries (>= 20 ms): " + ", ".join(f"{n} {ms:.0f}" for n, ms in others))
    print(f"\n{machine_load()} at the end")


if __name__ == "__main__":
    main()
