"""Hard limits on reading one input: bytes, pages, characters, image pixels, wall time and memory.

Extraction (parsing HTML, Markdown, PDF, decoding and OCR-ing images) runs in a worker process, so a
hostile input can neither stall the caller past `Limits.seconds` nor grow past `Limits.memory_bytes`:
the worker is killed at the deadline, and before each read its address space is capped at what it
maps then plus `memory_bytes`. A single-threaded caller (the command line) forks the worker directly;
a caller with threads (the web app) has it forked from a clean server process (multiprocessing's
"forkserver"). `run_limited` is safe to call from any thread (the web app calls the reader from a
worker thread).

A worker that read well (a result, or an UnreadableInput) waits for the next read, so a process that
reads many pages (the web app, a benchmark) pays for starting a worker and warming its libraries once,
not on every read. A worker is never reused after anything else: past its deadline it is killed, and
one that ran out of memory, crashed or hit a bug is let go. One that has grown by more than
`_MAX_GROWTH` or served `_MAX_READS` reads is let go too, so an idle worker stays small; at most
`_MAX_IDLE` wait at a time (a read that finds none idle starts its own).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import resource
import sys
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from rehabit.reader.extract import UnreadableInput

T = TypeVar("T")


class InputTooLarge(UnreadableInput):
    """The input is over one of the reader's limits (bytes, pages, characters, pixels, time, memory)."""


@dataclass(frozen=True)
class Limits:
    """What one read may use. Every figure is far above what a real article or handout needs."""

    bytes: int = 5_000_000  # the input as given
    pages: int = 200  # PDF pages read
    scanned_pages: int = 20  # PDF pages read through OCR (about a second each)
    page_content_bytes: int = 8_000_000  # one PDF page's drawing instructions, decompressed
    chars: int = 400_000  # text extracted, in all
    pixels: int = 40_000_000  # one image, checked from its header before decoding
    image_side: int = 12_000  # one image's width or height, in pixels
    seconds: float = 60.0  # wall time for extraction, OCR included
    memory_bytes: int = 2_000_000_000  # address space the worker may add to what it starts with


DEFAULT_LIMITS = Limits()
_CONTEXT_LOCK = threading.Lock()
_context: Any = None


def _forkserver() -> Any:
    """The multiprocessing context, its server started once with the reader's modules loaded."""
    global _context
    with _CONTEXT_LOCK:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["rehabit.reader._preload"])
            _context = context
        return _context


def _one_thread() -> bool:
    """True when this process runs a single thread (the command line): then a plain fork is safe and
    cheapest; a process with threads (the web app) forks from the clean server process instead."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


_MAX_IDLE = 2  # workers kept waiting for the next read
_MAX_READS = 200  # reads one worker serves before it is let go
_MAX_GROWTH = 200_000_000  # bytes of address space a worker may have added over its reads and still be kept


@dataclass
class _Worker:
    """A worker process and the two pipes to it: `requests` carries (function, args, memory_bytes) to it,
    `answers` brings back (status, value, bytes it has grown by since it started)."""

    process: Any
    requests: Connection
    answers: Connection
    reads: int = 0
    started: float = field(default_factory=time.monotonic)

    def stop(self) -> None:
        """End the worker (at once: it may be in the middle of a hostile read) and close its pipes."""
        self.requests.close()
        self.answers.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


_idle: list[_Worker] = []  # under _CONTEXT_LOCK


def _start_worker() -> _Worker:
    """A new worker, forked from this process when it runs one thread, else from the forkserver."""
    context = multiprocessing.get_context("fork") if _one_thread() else _forkserver()
    request_out, request_in = context.Pipe(duplex=False)
    answer_out, answer_in = context.Pipe(duplex=False)
    ends = (request_in, answer_out)
    process = context.Process(target=_serve, args=(request_out, answer_in, ends), daemon=True)
    with _CONTEXT_LOCK:
        # multiprocessing would have the worker import the caller's __main__ script again (slow, and
        # wrong for a script that reads at import); the worker needs only the reader's modules.
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main
    request_out.close()
    answer_in.close()
    return _Worker(process, request_in, answer_out)


def _take_worker() -> _Worker:
    with _CONTEXT_LOCK:
        while _idle:
            worker = _idle.pop()
            if worker.process.is_alive():
                return worker
            worker.stop()
    return _start_worker()


def _give_back(worker: _Worker, grown: int) -> None:
    """Keep a worker that read well for the next read, unless it has grown or served enough."""
    worker.reads += 1
    with _CONTEXT_LOCK:
        if grown <= _MAX_GROWTH and worker.reads < _MAX_READS and len(_idle) < _MAX_IDLE:
            _idle.append(worker)
            return
    worker.stop()


def run_limited(function: Callable[..., T], *args: Any, limits: Limits = DEFAULT_LIMITS, name: str = "input") -> T:
    """`function(*args)` in a worker process within `limits.seconds` and `limits.memory_bytes`.

    The function and its arguments must be picklable (a module-level function). An UnreadableInput it
    raises comes back as is; running out of time or memory becomes InputTooLarge with one line.
    """
    started = time.monotonic()
    worker = _take_worker()
    try:
        worker.requests.send((function, args, limits.memory_bytes))
    except OSError:  # it ended while it waited (killed from outside): one more, fresh
        worker.stop()
        worker = _start_worker()
        worker.requests.send((function, args, limits.memory_bytes))
    status: str = "died"
    value: Any = None
    grown = 0
    try:
        if not worker.answers.poll(max(0.0, limits.seconds - (time.monotonic() - started))):
            raise InputTooLarge(
                f"{name}: reading it took longer than {limits.seconds:g} seconds; is it very large or damaged?"
            )
        with contextlib.suppress(EOFError, OSError, pickle.UnpicklingError):
            status, value, grown = worker.answers.recv()
    finally:
        if status in ("ok", "unreadable"):
            _give_back(worker, grown)
        else:
            worker.stop()
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "unreadable":
        raise value
    mb = limits.memory_bytes // 1_000_000
    if status == "memory":
        raise InputTooLarge(f"{name}: reading it needs more than {mb:,} MB of memory; is it very large or damaged?")
    if status == "died":
        raise InputTooLarge(
            f"{name}: reading it stopped the reader (exit {worker.process.exitcode}; it may need more than "
            f"{mb:,} MB of memory); is it very large or damaged?"
        )
    raise UnreadableInput(f"{name}: could not be read ({value}; after {time.monotonic() - started:.1f} s)")


def _serve(requests: Connection, answers: Connection, parents_ends: tuple[Connection, ...]) -> None:
    """In the worker: for each request, cap the address space at what is mapped now plus the request's
    `memory_bytes`, run it, and send back ("ok", value) or what went wrong, with how much the worker has
    grown; after anything but a result or an UnreadableInput, end."""
    for end in parents_ends:  # the caller's ends, copied here by fork: without them, its exit ends this loop
        end.close()
    gc.freeze()  # what the worker inherits is never scanned by its collector (nor copied by touching it)
    first = _mapped()
    while True:
        try:
            function, args, memory_bytes = requests.recv()
        except (EOFError, OSError):
            break
        _cap(memory_bytes)
        outcome = _run(function, args)
        try:
            answers.send((*outcome, _mapped() - first))
        except MemoryError:
            outcome = ("memory", None)
            answers.send(("memory", None, 0))
        if outcome[0] not in ("ok", "unreadable"):
            break
    answers.close()
    os._exit(0)


def _mapped() -> int:
    """Bytes of address space this process maps now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _cap(memory_bytes: int) -> None:
    """Let this process map at most `memory_bytes` more than it maps now (within any hard limit)."""
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))  # lift the last read's cap first
        cap = _mapped() + memory_bytes
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _run(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    """("ok", value), ("unreadable", error), ("memory", None) or ("error", one line)."""
    try:
        return ("ok", function(*args))
    except UnreadableInput as error:
        return ("unreadable", error)
    except MemoryError:
        return ("memory", None)
    except Exception as error:  # a bug or a library's surprise: one line, never a traceback
        return ("error", f"{type(error).__name__}: {str(error)[:200]}")
