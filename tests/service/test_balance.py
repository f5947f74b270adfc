"""New connections spread evenly over the HTTP processes of `sgkg serve` (service/balance.py), on the one listening
socket they share: the board of connections held, and a live server's keep-alive connections."""

from __future__ import annotations

import os
import time
from pathlib import Path

import requests

from sgkg.service import balance
from sgkg.service.balance import Board
from tests.service.test_shared import http_processes

ESTABLISHED = "01"  # a TCP state in /proc/net/tcp


def established(pid: int, port: int) -> int:
    """How many established TCP connections on local ``port`` process ``pid`` holds (read from /proc)."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            link = os.readlink(fd)
        except FileNotFoundError:
            continue
        if link.startswith("socket:["):
            held.add(link[8:-1])
    found = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == ESTABLISHED and fields[9] in held:
                found += 1
    return found


def test_the_board_lists_the_other_live_processes_and_forgets_one_gone(monkeypatch):
    board = Board(slots=4)
    board.publish(0, 3)
    board.publish(2, 1)
    assert sorted(board.others(1)) == [1, 3] and board.others(0) == [1]
    board.clear(2)
    assert board.others(0) == []
    board.publish(3, 5)
    monkeypatch.setattr(balance.time, "monotonic", lambda: time.monotonic_ns() / 1e9 + balance.FRESH + 1)
    assert board.others(0) == []  # not rewritten for FRESH seconds: a process gone
    assert board.free_slot({0, 1}) == 2


def test_the_board_is_shared_with_a_forked_process():
    board = Board(slots=2)
    pid = os.fork()
    if pid == 0:  # the child writes, the parent reads
        board.publish(1, 7)
        os._exit(0)
    os.waitpid(pid, 0)
    assert board.others(0) == [7]


def test_keep_alive_connections_are_spread_evenly_over_the_http_processes(live):
    """16 keep-alive connections opened one after the other, held open: 8 on each of the 2 HTTP processes (on the
    shared socket alone, all 16 often landed on one)."""
    pids = http_processes(live)
    assert len(pids) == 2
    port = int(live.url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 30  # both processes have loaded their app (and are on the board)
    while not all(n >= 1 for n in hold(live, pids, port, 2)) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(0.5)  # the warm-up connections closed on both sides
    held = sorted(hold(live, pids, port, 16))
    assert held == [8, 8], held


def hold(live, pids: list[int], port: int, count: int) -> list[int]:
    """Open ``count`` keep-alive connections one after the other and hold them open: how many each process holds."""
    sessions = [requests.Session() for _ in range(count)]
    try:
        for session in sessions:
            assert session.get(live.url + "/healthz", timeout=30).status_code == 200
        return [established(pid, port) for pid in pids]
    finally:
        for session in sessions:
            session.close()
