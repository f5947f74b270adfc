"""Named SPARQL queries (one .rq file each; the file stem is the name), as package data."""

from importlib.resources import files as _files
from importlib.resources.abc import Traversable


def files() -> Traversable:
    return _files(__name__)


def query_files() -> dict[str, Traversable]:
    """Name -> .rq file, sorted by name."""
    found = {f.name[: -len(".rq")]: f for f in files().iterdir() if f.name.endswith(".rq")}
    return dict(sorted(found.items()))
