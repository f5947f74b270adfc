"""New connections spread evenly over the HTTP processes that share one listening socket.

gunicorn's HTTP processes all wait on the same listening socket, and the one that happens to be awake takes the
next connection. Keep-alive connections never move afterwards, so under a load generator with 4 or 16 long-lived
connections all of them often landed on one of two processes (about a third of the runs on this machine), which
then did the work of both (bench/README.md, "the spread of connections"). A socket of its own per process
(``SO_REUSEPORT``) spread them, but the connections queued on a killed process's socket are reset with it.

Here the processes keep the one shared socket (so a connection waiting in its queue survives any process) and
agree who takes the next connection: each process publishes how many connections it holds on a small board of
shared memory made by gunicorn's master before it forks them, and a process holding more than another live one
stops accepting for a moment (``PAUSE``), leaving the connection to the other. A process never waits more than
``MAX_YIELD`` in a row for a sibling that does not take it (stopped, busy, being replaced): then it takes it.
"""

from __future__ import annotations

import mmap
import os
import struct
import time

from gunicorn.workers.gthread import ThreadWorker

SLOTS = 64  # more HTTP processes than any machine runs
_SLOT = struct.Struct("=qqd")  # pid, connections held, when written (time.monotonic, one clock for every process)
PAUSE = 0.002  # seconds a process stops accepting when another holds fewer connections
MAX_YIELD = 0.05  # seconds a process leaves new connections to its siblings at most, in a row
FRESH = 3.0  # seconds after which a slot not rewritten is a process gone (a live one writes at least every second)


class Board:
    """The connections each HTTP process holds, in anonymous shared memory inherited by every forked process."""

    def __init__(self, slots: int = SLOTS):
        self.slots = slots
        self._memory = mmap.mmap(-1, slots * _SLOT.size)  # MAP_SHARED: children see each other's writes

    def publish(self, slot: int, connections: int) -> None:
        _SLOT.pack_into(self._memory, slot * _SLOT.size, os.getpid(), connections, time.monotonic())

    def clear(self, slot: int) -> None:
        _SLOT.pack_into(self._memory, slot * _SLOT.size, 0, 0, 0.0)

    def others(self, slot: int) -> list[int]:
        """The connections each other live process holds (written within ``FRESH`` seconds)."""
        now, found = time.monotonic(), []
        for other in range(self.slots):
            if other != slot:
                pid, held, written = _SLOT.unpack_from(self._memory, other * _SLOT.size)
                if pid and now - written < FRESH:
                    found.append(held)
        return found

    def free_slot(self, taken: set[int]) -> int:
        return min(set(range(self.slots)) - taken)


def assign_slot(server, worker) -> None:
    """gunicorn's pre_fork hook (in the master, one worker at a time): the worker's slot on the board."""
    taken = {getattr(w, "board_slot", -1) for w in server.WORKERS.values()}
    worker.board_slot = server.app.board.free_slot(taken)


def clear_slot(server, worker) -> None:
    """gunicorn's child_exit hook (in the master): a process gone holds no connection."""
    slot = getattr(worker, "board_slot", None)
    if slot is not None:
        server.app.board.clear(slot)


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's threaded worker that takes a new connection only when no sibling holds fewer (see the module)."""

    _paused_until = 0.0
    _yielding_since = 0.0

    def _board(self) -> Board | None:
        """The master's board, once this process has a slot on it (None: no board, nothing to balance)."""
        return getattr(self.app, "board", None) if getattr(self, "board_slot", None) is not None else None

    def _publish(self) -> None:
        if (board := self._board()) is not None:
            board.publish(self.board_slot, self.nr_conns)

    def _leave_to_a_sibling(self) -> bool:
        if (board := self._board()) is None:
            return False
        others = board.others(self.board_slot)
        if not others or min(others) >= self.nr_conns:
            self._yielding_since = 0.0
            return False
        now = time.monotonic()
        if not self._yielding_since:
            self._yielding_since = now
        return now - self._yielding_since < MAX_YIELD

    def run(self):
        self._publish()  # the app is loaded: from now on this process takes its share
        super().run()

    def accept(self, listener):
        if self._leave_to_a_sibling():
            self._paused_until = time.monotonic() + PAUSE
            self.set_accept_enabled(False)
            return
        self._yielding_since = 0.0
        super().accept(listener)
        self._publish()

    def set_accept_enabled(self, enabled):
        if enabled and time.monotonic() < self._paused_until:
            enabled = False
        super().set_accept_enabled(enabled)

    def wait_for_and_dispatch_events(self, timeout):
        left = self._paused_until - time.monotonic()  # wake when a pause ends: gunicorn's loop then accepts again
        super().wait_for_and_dispatch_events(min(timeout, left) if left > 0 else timeout)
        self._publish()
