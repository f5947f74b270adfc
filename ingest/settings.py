"""The one settings table.

Each setting has a name, a default, an environment variable and a help text.
The same table drives the click options, ``--help``, the Flask config
(``SGKG_<NAME>`` keys) and the README's settings section; a test fails when a
setting is missing from the README.  Limits are settings, and an error about a
limit names its setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import platformdirs


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return "SGKG_" + self.name.upper()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def value(self, environ: dict[str, str] | None = None) -> Any:
        """The value from the environment, else the default."""
        environ = os.environ if environ is None else environ
        raw = environ.get(self.env)
        if raw is None or raw == "":
            return self.default
        return self.parse(raw)


def _bool(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _default_store() -> str:
    return str(Path(platformdirs.user_data_dir("sgkg")) / "store")


SETTINGS: tuple[Setting, ...] = (
    Setting("store", _default_store(), "Directory of the embedded Oxigraph store (created if missing)."),
    Setting(
        "endpoint", "", "SPARQL 1.1 query endpoint of a remote store; when set, used instead of the embedded store."
    ),
    Setting("update_endpoint", "", "SPARQL 1.1 update endpoint of the remote store (defaults to --endpoint)."),
    Setting(
        "graph_store_endpoint", "", "SPARQL 1.1 Graph Store HTTP Protocol endpoint of the remote store (optional)."
    ),
    Setting("host", "127.0.0.1", "Address `sgkg serve` listens on."),
    Setting("port", 8000, "Port `sgkg serve` listens on.", int),
    Setting("threads", 8, "Request threads of the HTTP server.", int),
    Setting(
        "http_workers",
        2,
        "HTTP processes of `sgkg serve`; with more than one, one more process holds the store "
        "and makes every write, and each HTTP process answers reads from its own in-memory "
        "copy.",
        int,
    ),
    Setting(
        "query_workers",
        2,
        "Worker processes that run SPARQL queries, per HTTP process (each can be stopped on timeout).",
        int,
    ),
    Setting("query_timeout", 30.0, "Seconds a SPARQL query may run before it is stopped (HTTP 503).", float),
    Setting(
        "cheap_query_time",
        0.01,
        "Seconds: a query a worker answered in less (and in under 1/100 of "
        "--query-timeout), with nothing written since, is answered again inside the "
        "HTTP process without the round trip; 0: never.",
        float,
    ),
    Setting("max_rows", 100_000, "Largest number of result rows a query may return.", int),
    Setting(
        "query_worker_memory",
        4 * 1024**3,
        "Address space each query worker may use, in bytes (a hard cap, "
        "RLIMIT_AS; 0 means none); a query that reaches it is stopped "
        "(HTTP 503) and its worker replaced.",
        int,
    ),
    Setting(
        "max_query_bytes", 10 * 1024 * 1024, "Largest SPARQL query or update text accepted, in bytes (HTTP 413).", int
    ),
    Setting(
        "max_query_depth",
        100,
        "Deepest nesting of brackets { ( [ in a SPARQL query or update, checked before "
        "the engine parses it (HTTP 400).",
        int,
    ),
    Setting(
        "max_literal_bytes",
        1024 * 1024,
        "Largest literal or IRI a write may store, in UTF-8 bytes (HTTP 413, "
        "nothing written); also bounds RDF/XML entity expansion.",
        int,
    ),
    Setting("max_body", 50 * 1024 * 1024, "Largest HTTP request body accepted, in bytes (HTTP 413).", int),
    Setting(
        "max_document_bytes", 100 * 1024 * 1024, "Largest document (file or download) ingestion accepts, in bytes.", int
    ),
    Setting(
        "max_parse_seconds",
        120.0,
        "Seconds reading one PDF or DOCX may take (in a child process, stopped when over; 0 means no limit).",
        float,
    ),
    Setting(
        "max_parse_memory",
        4 * 1024**3,
        "Address space reading one PDF or DOCX may use, in bytes (a hard cap "
        "on its child process, RLIMIT_AS; 0 means none).",
        int,
    ),
    Setting("fetch_timeout", 30.0, "Seconds to wait for a URL being ingested before giving up.", float),
    Setting(
        "fetch_allow_hosts",
        "",
        "Host names URL ingestion may reach although they are loopback, private, "
        "link-local or numeric (comma-separated; for tests and intranets).",
    ),
    Setting(
        "outbound_allow",
        "",
        "Endpoints SPARQL `SERVICE` and `LOAD` may reach (comma-separated IRIs; one ending "
        "in / allows every IRI under it); empty refuses both (HTTP 400).",
    ),
    Setting(
        "access_token",
        "",
        "Bearer token that enables SPARQL Update, the Graph Store Protocol and HTTP ingestion; empty means read-only.",
    ),
    Setting("cors_origins", "*", "Origins allowed by CORS on read endpoints (comma-separated, or *)."),
    Setting("empty", False, "Do not load the bundled founding corpus into an empty store at first start.", _bool),
    Setting("log_level", "INFO", "Logging level (DEBUG, INFO, WARNING, ERROR)."),
    Setting(
        "from",
        "",
        "`sgkg diff`: only changes after this day (YYYY-MM-DD; a year or month alone means its last "
        "day; empty for the first document).",
    ),
    Setting(
        "to",
        "",
        "`sgkg diff`: only changes on or before this day (YYYY-MM-DD; a year or month alone means its "
        "last day; empty for the latest).",
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def get(name: str, environ: dict[str, str] | None = None) -> Any:
    """The current value of one setting (environment, else default)."""
    return BY_NAME[name].value(environ)


def as_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Every setting as a Flask-style config mapping (``SGKG_QUERY_TIMEOUT`` ...)."""
    return {s.env: s.value(environ) for s in SETTINGS}


def markdown_table() -> str:
    """The settings as a Markdown table (pasted into the README; a test keeps them equal)."""
    lines = ["| option | environment | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "per-user data dir" if s.name == "store" else (repr(s.default) if s.default != "" else "(empty)")
        lines.append(f"| `{s.option}` | `{s.env}` | {default} | {s.help} |")
    return "\n".join(lines)
