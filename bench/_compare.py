"""What the side-by-side benchmarks share: checkouts to compare, their servers, CPU of a process tree, tables.

Every benchmark measures one or two checkouts of rehabit in one run: `--rehabit DIR` (default: the
repository this file lives in) and optionally `--baseline DIR` (e.g. a worktree of an older commit).
Each checkout runs with its own `.venv` (`make setup` there), so the code under test is the checkout's
own; the scripts in this folder only drive it. Helpers whose name starts with `_` and that import
rehabit (`_clinic.py`, `_history.py`) run inside a checkout's interpreter and answer in JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
REPOSITORY = BENCH.parent


@dataclass(frozen=True)
class Checkout:
    """One checkout of rehabit under test, with its own virtual environment."""

    label: str
    root: Path

    @property
    def python(self) -> Path:
        return self.root / ".venv" / "bin" / "python"

    @property
    def rehabit(self) -> Path:
        return self.root / ".venv" / "bin" / "rehabit"

    @property
    def accounts_app(self) -> str:
        """The clinic-mode app factory for uvicorn: in `rehabit.web.app` since the services layer."""
        app = self.root / "src" / "rehabit" / "web" / "app.py"
        if app.exists() and "def accounts_app" in app.read_text(encoding="utf-8"):
            return "rehabit.web.app:accounts_app"
        return "rehabit.web.auth:accounts_app"

    def describe(self) -> str:
        """e.g. `baseline  /work/wt-baseline at 675ffd8` (`+ changes` when src/ differs from the commit)."""
        commit = _git(self.root, "rev-parse", "--short", "HEAD") or "?"
        changed = " + uncommitted changes in src/" if _git(self.root, "status", "--porcelain", "src") else ""
        return f"{self.label:<9} {self.root} at {commit}{changed}"


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def add_checkout_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rehabit",
        type=Path,
        default=REPOSITORY,
        metavar="DIR",
        help="the checkout to measure, with its own .venv (default: the repository of this script)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="another checkout to measure in the same run, alternating (e.g. a worktree of an older commit)",
    )


def checkouts(args: argparse.Namespace) -> list[Checkout]:
    """The checkouts named on the command line, each checked for a usable .venv."""
    found = [Checkout("rehabit", Path(args.rehabit).resolve())]
    if args.baseline is not None:
        found.append(Checkout("baseline", Path(args.baseline).resolve()))
    for checkout in found:
        if not checkout.python.exists() or not checkout.rehabit.exists():
            raise SystemExit(f"{checkout.root} has no .venv with rehabit installed: run `make setup` there")
    return found


def run_helper(checkout: Checkout, helper: str, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run bench/`helper` with the checkout's interpreter (so it imports the checkout's rehabit) and
    return the JSON it prints as its last line of output."""
    command = [str(checkout.python), str(BENCH / helper), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{helper} failed in {checkout.root} (exit {done.returncode})")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def machine_load() -> str:
    """The load average and the cores, to say how busy the machine was while measuring."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


# --- servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A uvicorn process serving one app on a loopback port."""

    label: str
    process: subprocess.Popen[bytes]
    port: int
    workers: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_uvicorn(
    label: str,
    python: Path,
    app: str,
    *,
    env: dict[str, str],
    workers: int = 1,
    app_dir: Path | None = None,
    ready_path: str = "/",
) -> Server:
    """Start `python -m uvicorn APP --factory` the way `rehabit serve --workers N` runs it; returns once
    `ready_path` answers (any status below 500)."""
    port = free_port()
    command = [str(python), "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    if app_dir is not None:
        command += ["--app-dir", str(app_dir)]
    process = subprocess.Popen(command, env=env)
    server = Server(label, process, port, workers)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the {label} server exited with status {process.returncode} before it was ready")
        try:
            if httpx.get(server.base + ready_path, timeout=5).status_code < 500:
                if workers > 1:
                    _wait_for_workers(process.pid, workers, deadline)
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise SystemExit(f"the {label} server did not start within 90 s")


def _wait_for_workers(pid: int, workers: int, deadline: float) -> None:
    while time.monotonic() < deadline and len(_descendants(pid)) < workers:
        time.sleep(0.2)
    time.sleep(1.0)  # each worker builds its own app after it forks


# --- CPU time of a process tree ----------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in children:
                found.append(int(child))
                pending.append(int(child))
    return found


def _thread_cpu_ns(pid: int) -> dict[tuple[int, int], int]:
    """Nanoseconds on a CPU so far of every thread of `pid` (from /proc/PID/task/TID/schedstat)."""
    times: dict[tuple[int, int], int] = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return times
    for task in tasks:
        try:
            times[(pid, int(task))] = int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return times


def tree_cpu(pid: int) -> dict[tuple[int, int], int]:
    """A snapshot of the CPU time of every thread of the process and its descendants (uvicorn workers)."""
    snapshot: dict[tuple[int, int], int] = {}
    for member in [pid, *_descendants(pid)]:
        snapshot.update(_thread_cpu_ns(member))
    return snapshot


def cpu_seconds(before: dict[tuple[int, int], int], after: dict[tuple[int, int], int]) -> float:
    """CPU seconds the tree used between two snapshots; threads born in between count from zero. A
    thread that ended in between is left out: the thread pool only retires threads idle for seconds."""
    return sum(ns - before.get(key, 0) for key, ns in after.items()) / 1e9


# --- figures -----------------------------------------------------------------------------------------


def median(values: Iterable[float]) -> float:
    listed = list(values)
    return statistics.median(listed) if listed else float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def ratio(numerator: float, denominator: float) -> str:
    """`a ÷ b` printed as e.g. `0.064` or `12.3`; `-` when it cannot be computed."""
    if not denominator or numerator != numerator or denominator != denominator:
        return "-"
    value = numerator / denominator
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows under headers, the first column left-aligned and the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        first, *rest = row
        lines.append("  ".join([first.ljust(widths[0])] + [c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)]))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value != value:
            return "-"
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)
