"""A loopback HTTP listener that records every request it receives (the outbound-request tests).

It answers like the places an outbound request would go: ``/sparql`` a SPARQL endpoint (one
row), ``/data.ttl`` a Turtle document, ``/doc`` a text document, ``/redirect?to=URL`` a 302 to
URL, ``/loop`` a redirect to itself; anything else 404.  ``requests`` lists what arrived, as
(method, path, body) in order; a test asserts it stayed empty when a request must not be sent.
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SPARQL_ROW = (
    b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri",'
    b'"value":"http://example.org/from-the-listener"}}]}}'
)
TURTLE = b'<http://example.org/loaded> <http://example.org/p> "loaded by LOAD" .\n'
DOCUMENT = b"Safeguarding arrangements fetched from the listener.\n" * 4


@dataclass
class Listener:
    url: str
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_listener(tls: ssl.SSLContext | None = None) -> Listener:
    """Listen on a free loopback port; with ``tls``, speak HTTPS (the url keeps 127.0.0.1)."""
    listener = Listener("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            self._answer()

        def do_POST(self):  # noqa: N802
            self._answer()

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            listener.requests.append((self.command, self.path, self.rfile.read(length) if length else b""))
            parts = urlsplit(self.path)
            if parts.path == "/redirect":
                return self._send(302, "text/plain", b"", location=parse_qs(parts.query)["to"][0])
            if parts.path == "/loop":
                return self._send(302, "text/plain", b"", location="/loop")
            routes = {
                "/sparql": ("application/sparql-results+json", SPARQL_ROW),
                "/data.ttl": ("text/turtle", TURTLE),
                "/doc": ("text/plain", DOCUMENT),
            }
            if parts.path in routes:
                return self._send(200, *routes[parts.path])
            self._send(404, "text/plain", b"not found")

        def _send(self, status: int, content_type: str, body: bytes, location: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    scheme = "https" if tls is not None else "http"
    listener.url, listener.server, listener.thread = f"{scheme}://127.0.0.1:{server.server_address[1]}", server, thread
    return listener
