"""The app's lifetime: its service lives in app.extensions and is closed with the app, never by a global hook."""

from __future__ import annotations

import gc

import pytest

from sgkg.ingest.errors import StoreLocked
from sgkg.ingest.store import OxigraphStore
from sgkg.service import create_app
from sgkg.service.extensions import KEY, close_app


def app_on(store_dir):
    return create_app({"SGKG_STORE": str(store_dir), "SGKG_QUERY_WORKERS": 0})


def reopen(store_dir) -> None:
    OxigraphStore.open(store_dir).close()


def test_the_service_holds_the_store_until_the_app_is_closed(store_copy):
    app = app_on(store_copy)
    assert app.extensions[KEY].store.has_graph("https://w3id.org/sgkg/graph/document/00000000000000aa")
    with pytest.raises(StoreLocked):
        reopen(store_copy)
    close_app(app)
    assert KEY not in app.extensions
    reopen(store_copy)  # the directory lock was released
    close_app(app)  # a second close does nothing


def test_an_app_dropped_without_closing_releases_its_store_when_collected(store_copy):
    app = app_on(store_copy)
    del app
    gc.collect()
    reopen(store_copy)
