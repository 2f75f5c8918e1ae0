"""Hard limits on reading one input: bytes, pages, characters, image pixels, wall time and memory.

Extraction (parsing HTML, Markdown, PDF, decoding and OCR-ing images) runs in a short-lived worker
process, so a hostile input can neither stall the caller past `Limits.seconds` nor grow past
`Limits.memory_bytes`: the worker is killed at the deadline, and the address space it may add is
capped. A single-threaded caller (the command line) forks the worker directly; a caller with threads
(the web app) has it forked from a clean server process (multiprocessing's "forkserver").
`run_limited` is safe to call from any thread (the web app calls the reader from a worker thread).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
import sys
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
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


def run_limited(function: Callable[..., T], *args: Any, limits: Limits = DEFAULT_LIMITS, name: str = "input") -> T:
    """`function(*args)` in a worker process within `limits.seconds` and `limits.memory_bytes`.

    The function and its arguments must be picklable (a module-level function). An UnreadableInput it
    raises comes back as is; running out of time or memory becomes InputTooLarge with one line.
    """
    context = multiprocessing.get_context("fork") if _one_thread() else _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(sender, limits.memory_bytes, function, args), daemon=True)
    started = time.monotonic()
    with _CONTEXT_LOCK:
        # multiprocessing would have the worker import the caller's __main__ script again (slow, and
        # wrong for a script that reads at import); the worker needs only the reader's modules.
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            worker.start()
        finally:
            sys.modules["__main__"] = main
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            raise InputTooLarge(
                f"{name}: reading it took longer than {limits.seconds:g} seconds; is it very large or damaged?"
            )
        try:
            status, value = receiver.recv()
        except EOFError:
            status, value = "died", None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "unreadable":
        raise value
    mb = limits.memory_bytes // 1_000_000
    if status == "memory":
        raise InputTooLarge(f"{name}: reading it needs more than {mb:,} MB of memory; is it very large or damaged?")
    if status == "died":
        raise InputTooLarge(
            f"{name}: reading it stopped the reader (exit {worker.exitcode}; it may need more than {mb:,} MB of "
            "memory); is it very large or damaged?"
        )
    raise UnreadableInput(f"{name}: could not be read ({value}; after {time.monotonic() - started:.1f} s)")


def _work(sender: Connection, memory_bytes: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the worker: cap the address space, run, and send back ("ok", value) or what went wrong."""
    gc.freeze()  # what the worker inherits is never scanned by its collector (nor copied by touching it)
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit may already hold
        with open("/proc/self/statm") as statm:  # what is mapped already
            size = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (size + memory_bytes, size + memory_bytes))
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except UnreadableInput as error:
        outcome = ("unreadable", error)
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:  # a bug or a library's surprise: one line, never a traceback
        outcome = ("error", f"{type(error).__name__}: {str(error)[:200]}")
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()
        os._exit(0)
