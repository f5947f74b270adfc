"""`sgkg serve` on its port: each HTTP process listens on a socket of its own once it can answer, new connections
are spread over them, and a port another server uses is refused before anything starts."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

from tests.service.conftest import sgkg_command, start_server, stop_server
from tests.service.test_shared import http_processes

LISTEN, ESTABLISHED = "0A", "01"  # TCP states in /proc/net/tcp


def inodes(pid: int) -> set[str]:
    """The inodes of the sockets process ``pid`` holds (from /proc)."""
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            link = os.readlink(fd)
        except FileNotFoundError:
            continue
        if link.startswith("socket:["):
            found.add(link[8:-1])
    return found


def sockets(pid: int, port: int, state: str, besides: int | None = None) -> int:
    """How many TCP sockets on local ``port`` in ``state`` process ``pid`` holds that process ``besides`` (the
    server's master, whose listening socket every HTTP process shares) does not hold."""
    held = inodes(pid) - (inodes(besides) if besides else set())
    found = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state and fields[9] in held:
                found += 1
    return found


def listens_itself(live, pid: int) -> bool:
    """Whether HTTP process ``pid`` listens on a socket of its own (besides the shared one)."""
    return sockets(pid, port_of(live), LISTEN, besides=live.process.pid) > 0


def ended(pid: int) -> bool:
    """Whether process ``pid`` has ended and been reaped (a zombie leader's other threads may still hold its
    sockets open)."""
    return not Path(f"/proc/{pid}").exists()


def children(live) -> list[int]:
    """The server's HTTP processes, read again when one ends while they are being listed."""
    while True:
        try:
            return http_processes(live)
        except (FileNotFoundError, ProcessLookupError):
            continue


def port_of(live) -> int:
    return int(live.url.rsplit(":", 1)[1])


def wait_until_all_listen(live, count: int = 2, timeout: float = 60.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = children(live)
        if len(pids) == count and all(listens_itself(live, pid) for pid in pids):
            return pids
        time.sleep(0.1)
    raise AssertionError(f"the HTTP processes were not all listening after {timeout} s:\n{live.log_text()}")


def test_a_port_another_server_uses_is_refused_before_anything_starts(tmp_path):
    """A plain server, or one whose sockets share their port (SO_REUSEPORT, as another `sgkg serve`'s do)."""
    for share in (False, True):
        with socket.socket() as other:
            other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if share:
                other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            other.bind(("127.0.0.1", 0))
            other.listen()
            port = other.getsockname()[1]
            done = subprocess.run(
                [*sgkg_command(), "serve", "--store", str(tmp_path / "store"), "--port", str(port)],
                capture_output=True,
                text=True,
                timeout=120,
            )
        assert done.returncode == 2, done.stdout + done.stderr  # a usage error
        assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
        assert not (tmp_path / "store").exists()  # refused before the store was opened


def test_new_connections_are_spread_over_the_http_processes(live):
    """Each HTTP process listens on a socket of its own and the kernel spreads connections over them (and the
    shared socket); on the shared socket alone all 16 often went to one process."""
    pids = wait_until_all_listen(live)
    sessions = [requests.Session() for _ in range(16)]
    try:
        for session in sessions:  # one keep-alive connection each, held open
            assert session.get(live.url + "/healthz", timeout=30).status_code == 200
        held = [sockets(pid, port_of(live), ESTABLISHED) for pid in pids]
    finally:
        for session in sessions:
            session.close()
    assert min(held) >= 1 and sum(held) >= 16, held


def test_an_http_process_takes_no_connection_before_it_can_answer(template_store, tmp_path):
    """A replacement for a killed HTTP process listens only once its app is loaded: meanwhile every new
    connection goes to the process still running and is answered at once, none waits for the load."""
    shutil.copytree(template_store, tmp_path / "store")
    live = start_server(tmp_path / "store", tmp_path / "serve.log", "--http-workers", "2", "--query-workers", "1")
    try:
        first, second = wait_until_all_listen(live)
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while not ended(first) and time.monotonic() < deadline:  # its socket closed (a queued connection is reset)
            time.sleep(0.01)
        while_booting, slow = 0, []
        while time.monotonic() < deadline:
            replacement = [pid for pid in children(live) if pid not in (first, second)]
            if replacement and listens_itself(live, replacement[0]):
                break
            started = time.monotonic()
            assert requests.get(live.url + "/healthz", timeout=30).status_code == 200  # a fresh connection
            while_booting += 1
            if time.monotonic() - started > 1.0:
                slow.append(round(time.monotonic() - started, 2))
        assert while_booting >= 5 and not slow, (while_booting, slow)
        assert len(wait_until_all_listen(live)) == 2  # the replacement listens once ready
    finally:
        stop_server(live)
