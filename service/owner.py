"""The store owner process of `sgkg serve` with several HTTP processes (see `service.shared`).

Started by `sgkg serve` as ``python -m sgkg.service.owner`` with the configuration as one JSON line on
its standard input; it prepares the store (first start), publishes the first snapshot, prints its
directory and key (one JSON line) and then makes every write the HTTP processes send it, one at a
time.  It ends, removing its directory, when its standard input closes (`sgkg serve` and its HTTP
processes are gone) or on SIGTERM (the server's process group stopped).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from multiprocessing.connection import Listener
from typing import Any

from sgkg.ingest import errors
from sgkg.ingest.limits import Limits
from sgkg.ingest.settings import BY_NAME
from sgkg.ingest.store import open_configured
from sgkg.service.querypool import Change
from sgkg.service.shared import READS, SharedFiles, update_text, write_frame, write_state

log = logging.getLogger(__name__)


class Owner:
    """The one writer: the store directory, the published snapshot, journal and state."""

    COMPACT_MIN = 32 * 1024 * 1024  # journal bytes below which no new snapshot is made (else: a quarter of it)

    def __init__(self, store, files: SharedFiles):
        self.store, self.files = store, files
        self.epoch = self.generation = 0
        self._lock = threading.Lock()
        self._state_fd = os.open(files.state, os.O_RDWR | os.O_CREAT, 0o600)
        self._journal = None
        self._journal_bytes = self._snapshot_bytes = 0

    def start(self) -> None:
        self._begin_epoch(None)

    def _begin_epoch(self, marker: str | None) -> None:
        """A new snapshot and an empty journal; the old journal ends with ``marker``; old files go."""
        epoch = self.epoch + 1
        self.store.snapshot(self.files.snapshot(epoch))
        self._snapshot_bytes = os.path.getsize(self.files.snapshot(epoch))
        journal = open(self.files.journal(epoch), "ab")  # noqa: SIM115 - the owner's journal while the epoch lasts
        if self._journal is not None:
            write_frame(self._journal, (marker, epoch))
            self._journal.close()
        self._journal, self._journal_bytes, self.epoch = journal, 0, epoch
        write_state(self._state_fd, self.epoch, self.generation)
        for old in (self.files.snapshot(epoch - 2), self.files.journal(epoch - 2)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(old)

    def commit(self, changes: list[Change]) -> int:
        """Replace whole graphs in one transaction, then publish the change."""
        with self._lock:
            self.store.update(update_text(changes))
            self.generation += 1
            self._journal_bytes += write_frame(self._journal, ("changes", self.generation, changes))
            write_state(self._state_fd, self.epoch, self.generation)
            if self._journal_bytes > max(self.COMPACT_MIN, self._snapshot_bytes // 4):
                self.store.optimize()
                self._begin_epoch("next")
            return self.generation

    def update(self, sparql: str) -> int:
        """Any SPARQL Update; replicas reload from the snapshot taken after it."""
        with self._lock:
            self.store.update(sparql)
            self.generation += 1
            self._begin_epoch("reload")
            return self.generation

    def renew(self) -> int:
        """A new snapshot that every replica reloads (after a write to a store a replica could not load)."""
        with self._lock:
            self.store.optimize()
            self._begin_epoch("reload")
            return self.generation

    def read(self, name: str, *args) -> Any:
        """A graph read for a replica that could not load the snapshot (`service.shared.READS`)."""
        with self._lock:
            answer = getattr(self.store, name)(*args)
            return list(answer) if name == "graph_triples" else answer

    def handle(self, message: tuple) -> tuple:
        try:
            return (
                ("ok", getattr(self, message[0])(*message[1:]))
                if message[0] in ("commit", "update", "renew")
                else ("ok", self.read(*message[1:]))
                if message[0] == "read" and message[1] in READS
                else ("error", "StoreError", f"unknown request {message[0]!r}", None)
            )
        except errors.SgkgError as exc:
            return ("error", type(exc).__name__, exc.message, exc.hint)
        except Exception as exc:  # noqa: BLE001 - handed to the HTTP process, which logs it and answers 500
            log.exception("write failed")
            return ("error", None, "".join(traceback.format_exception(exc)), None)


def serve_requests(owner: Owner, listener: Listener) -> None:
    while True:
        try:
            conn = listener.accept()
        except OSError:  # the listener was closed
            return
        threading.Thread(target=_answer, args=(owner, conn), daemon=True).start()


def _answer(owner: Owner, conn) -> None:
    with conn:
        with contextlib.suppress(EOFError, OSError):
            conn.send(owner.handle(conn.recv()))


def main() -> None:
    config: dict[str, Any] = json.loads(sys.stdin.readline())
    from sgkg.service.serve import prepare_store

    def value(name: str) -> Any:
        return config[BY_NAME[name].env]

    # SIGTERM (gunicorn's process group being stopped) ends the process through the finally below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    prepare_store(config)
    store = open_configured(value, limits=Limits.from_settings(value))
    files = SharedFiles(tempfile.mkdtemp(prefix="sgkg-shared-"), os.urandom(32))
    owner = Owner(store, files)
    try:
        owner.start()
        listener = Listener(files.address, family="AF_UNIX", authkey=files.authkey)
        threading.Thread(target=serve_requests, args=(owner, listener), daemon=True).start()
        print(json.dumps({"directory": files.directory, "authkey": files.authkey.hex()}), flush=True)
        sys.stdin.read()  # until `sgkg serve` and its HTTP processes are gone
    finally:
        with owner._lock:  # a write in progress ends first
            store.close()
        shutil.rmtree(files.directory, ignore_errors=True)


if __name__ == "__main__":
    main()
