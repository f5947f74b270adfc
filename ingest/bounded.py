"""Run a document parser in a child process bounded in memory and time.

PDF and DOCX parsers are third-party code fed untrusted bytes: a small file can make them
allocate gigabytes or run for minutes.  ``parse_bounded`` runs one parser call in a child process
(forked from a clean fork server that has the parsers imported) whose address space is capped
with ``RLIMIT_AS`` (setting ``max_parse_memory``) and which is killed when it outlives
``max_parse_seconds``; either limit is a clear SGKG error naming its setting, and the caller's
process never grows.  With both settings 0, or in a daemonic process (a multiprocessing pool
worker, which may not have children), the parser runs in the process itself, unbounded.
"""

from __future__ import annotations

import functools
import multiprocessing
import resource
import signal
import time
import traceback
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, TypeVar

from . import settings
from .errors import CorruptDocument, ParseMemoryLimit, ParseTimeLimit, SgkgError

T = TypeVar("T")
E = TypeVar("E", bound=SgkgError)
_PRELOAD = ["sgkg.ingest.readers", "sgkg.ingest.wordml", "lxml.etree", "pypdf", "docx"]
_LIMITS: ContextVar[tuple[float, int] | None] = ContextVar("sgkg_parse_limits", default=None)


@contextmanager
def parse_limits(seconds: float, memory: int) -> Iterator[None]:
    """Limits for the parsers called inside (the service passes its configured settings; else the
    environment's or the defaults apply)."""
    token = _LIMITS.set((seconds, memory))
    try:
        yield
    finally:
        _LIMITS.reset(token)


@functools.lru_cache(maxsize=1)
def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def parse_bounded(
    parse: Callable[[bytes, None, str], T],
    data: bytes,
    where: str,
    what: str,
    *,
    seconds: float | None = None,
    memory: int | None = None,
) -> T:
    """``parse(data, None, where)`` in a bounded child; ``what`` ("PDF", "Word document") names it in errors.

    ``parse`` must be a module-level function.  Its SgkgError is raised again here (same class, message
    and hint); running out of memory or time raises ParseMemoryLimit / ParseTimeLimit."""
    given = _LIMITS.get() or (settings.get("max_parse_seconds"), settings.get("max_parse_memory"))
    seconds = given[0] if seconds is None else seconds
    memory = given[1] if memory is None else memory
    if not (seconds or memory) or multiprocessing.current_process().daemon:
        return parse(data, None, where)
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, parse, data, where, memory), daemon=True, name="sgkg-parse")
    child.start()
    send.close()
    try:
        outcome, payload = _answer(receive, child, time.monotonic() + seconds if seconds else None)
        if outcome == "late":
            raise _time_limit(where, what, seconds)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    return _result(outcome, payload, where, what, memory)


def _answer(receive, child, deadline: float | None) -> tuple[str, object]:
    """The child's answer; ("late", None) past the deadline; ("died", exit code) when it ended without
    one after it started, ("unborn", exit code) when it never started."""
    started = False
    while True:
        if not receive.poll(None if deadline is None else max(0.0, deadline - time.monotonic())):
            return "late", None
        try:
            outcome, payload = receive.recv()
        except EOFError:
            child.join(5)
            return ("died" if started else "unborn"), child.exitcode
        if outcome != "started":
            return outcome, payload
        started = True


def _result(outcome: str, payload, where: str, what: str, memory: int):
    if outcome == "ok":
        return payload
    if outcome == "error":
        kind, message, hint = payload
        raise kind(message, where=where, hint=hint)
    if outcome == "bug":
        raise RuntimeError(f"the {what} parser failed in its child process:\n{payload}")
    if outcome == "unborn":
        raise RuntimeError(
            f"the {what} parser's process did not start (exit code {payload}); a script that reads "
            'PDF or DOCX must run its work under `if __name__ == "__main__":`'
        )
    if outcome == "died" and payload in (-signal.SIGSEGV, -signal.SIGBUS, -signal.SIGABRT):
        raise CorruptDocument(
            f"the {what} parser crashed on it (signal {-payload})",
            where=where,
            hint=f"open the {what} and save or export it again",
        )
    if outcome == "died" and not memory:  # no limit it could have hit
        raise RuntimeError(f"the {what} parser's process ended without an answer (exit code {payload})")
    raise _memory_limit(where, what, memory)  # "memory", or it died under the cap (a failed allocation)


def _child(send, parse, data: bytes, where: str, memory: int) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    send.send(("started", None))
    try:
        answer = ("ok", parse(data, None, where))
    except SgkgError as exc:
        answer = ("error", (type(exc), exc.message, exc.hint))
    except MemoryError:
        answer = ("memory", None)
    except Exception:  # noqa: BLE001 - a bug in the parser is sent back whole, raised again in the parent
        answer = ("bug", traceback.format_exc())
    try:
        send.send(answer)
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()


def _stopped(error: type[E], name: str, where: str, what: str, exceeded: str) -> E:
    """The error for a read of a what that the setting name stopped, with a hint that names how to raise it."""
    setting = settings.BY_NAME[name]
    return error(
        f"reading the {what} {exceeded}; it was stopped",
        where=where,
        hint=f"raise the setting {setting.option} / {setting.env}, or split the document",
    )


def _time_limit(where: str, what: str, seconds: float) -> ParseTimeLimit:
    exceeded = f"took longer than max_parse_seconds ({seconds:g} s)"
    return _stopped(ParseTimeLimit, "max_parse_seconds", where, what, exceeded)


def _memory_limit(where: str, what: str, memory: int) -> ParseMemoryLimit:
    exceeded = f"needed more memory than max_parse_memory ({memory} bytes)"
    return _stopped(ParseMemoryLimit, "max_parse_memory", where, what, exceeded)
