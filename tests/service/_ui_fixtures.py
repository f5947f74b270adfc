"""Shared by the UI tests: a store directory holding tests/data/fixture-graph.trig, and an app on it."""

from __future__ import annotations

from pathlib import Path

from sgkg.ingest.store import OxigraphStore
from tests.queries.conftest import load_fixture

CORPUS = Path(__file__).resolve().parents[2] / "service" / "data" / "corpus.trig"


def fixture_store_dir(root: Path) -> Path:
    path = root / "store"
    store = OxigraphStore.open(path)
    load_fixture(store)
    store.close()
    return path


def corpus_store_dir(root: Path) -> Path:
    """The bundled founding corpus with the reference graph (as `sgkg serve` would start)."""
    from sgkg.ingest.store import init_store

    path = root / "store"
    store = OxigraphStore.open(path)
    init_store(store)
    load_fixture(store, CORPUS)
    store.close()
    return path


def make_ui_app(store: Path):
    from sgkg.service import create_app

    app = create_app({"SGKG_STORE": str(store), "SGKG_QUERY_WORKERS": 0, "SGKG_EMPTY": True})
    app.config["TESTING"] = False  # let the error handlers answer, as in production
    return app
