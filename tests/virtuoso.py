"""Start a throw-away Virtuoso (Debian's virtuoso-opensource-7-bin) for tests.

``VirtuosoServer.start(tmp_dir)`` writes a virtuoso.ini into the directory
(SQL and HTTP ports on free 127.0.0.1 ports, no demo database), runs
``virtuoso-t +foreground`` in its own process group, waits (bounded) until
/sparql answers, grants SPARQL_UPDATE to the anonymous "SPARQL" user through
``isql-vt`` (so /sparql takes updates and /sparql-graph-crud takes PUT), and
``stop()`` kills the process group.  Loopback only.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
START_TIMEOUT = 60.0

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 1000000
"""


def available() -> str | None:
    """None when Virtuoso can be started here, else the reason it cannot."""
    missing = [tool for tool in (VIRTUOSO, ISQL) if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not found (install the Debian package virtuoso-opensource-7-bin)"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class VirtuosoServer:
    directory: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    @property
    def graph_store(self) -> str:
        return self.base + "/sparql-graph-crud"

    @classmethod
    def start(cls, directory: Path, timeout: float = START_TIMEOUT) -> VirtuosoServer:
        directory = Path(directory).resolve()
        directory.mkdir(parents=True, exist_ok=True)
        sql_port, http_port = free_port(), free_port()
        (directory / "virtuoso.ini").write_text(INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
        with open(directory / "stdout.log", "wb") as log:
            process = subprocess.Popen(
                [VIRTUOSO, "+foreground", "+configfile", "virtuoso.ini"],
                cwd=directory,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = cls(directory, sql_port, http_port, process)
        try:
            server._wait(timeout)
            server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        except BaseException:
            server.stop()
            raise
        return server

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}: {self.log()}")
            try:
                if requests.get(self.sparql, params={"query": "ASK {}"}, timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"Virtuoso did not answer at {self.sparql} within {timeout:g} s: {self.log()}")

    def isql(self, statement: str) -> str:
        """Run one SQL statement as dba through isql-vt; raises on failure."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt failed on {statement!r}: {done.stdout}{done.stderr}")
        return done.stdout

    def log(self) -> str:
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


_RUNNING: VirtuosoServer | None = None


def session_server(request, tmp_path_factory) -> VirtuosoServer:
    """The one Virtuoso of this test session, started on first use and stopped when pytest ends.

    Skips with the reason where Virtuoso is not installed, but fails when the
    environment variable CI is true (CI installs it).
    """
    import pytest

    global _RUNNING
    reason = available()
    if reason:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI is set but Virtuoso cannot run: {reason}")
        pytest.skip(reason)
    if _RUNNING is None:
        _RUNNING = VirtuosoServer.start(tmp_path_factory.mktemp("virtuoso"))
        request.config.add_cleanup(_stop_running)
    return _RUNNING


def _stop_running() -> None:
    global _RUNNING
    if _RUNNING is not None:
        _RUNNING.stop()
        _RUNNING = None
