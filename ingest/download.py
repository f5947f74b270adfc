"""HTTP downloads for URL ingestion that cannot be turned against this machine or its network.

``sgkg ingest URL`` fetches what a user names, and the server of a document may redirect
anywhere.  So every hop is checked before anything is sent: only http and https; a host
written as a number (``http://2130706433/``, ``http://0x7f.1/``, ``http://127.1/``,
``http://[::1]/``) is refused; a host name is resolved once and every address it resolves to
must be public (not loopback, private, link-local, unspecified, multicast or reserved, also
when carried inside an IPv6 address).  The connection then goes to the address that was
checked, with the name in the Host header and, for TLS, in SNI and the certificate check, so a
second lookup (DNS rebinding) cannot send it elsewhere.  Redirects are followed here, at most
``MAX_REDIRECTS``, each one checked the same way.  Hosts named by the setting
``fetch_allow_hosts`` skip the address checks (tests, intranets).  Proxy variables are not
used: a proxy would make its own lookup.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import ConnectTimeoutError

from .errors import FetchFailed, FetchRefused
from .settings import BY_NAME

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NUMBER = re.compile(r"0x[0-9a-f]*|[0-9]+", re.IGNORECASE)  # how a URL parser reads an IPv4 part
_HOST = re.compile(r"[a-z0-9_.-]+|[0-9a-f:.]+")


@dataclass(frozen=True)
class Hop:
    """One request of a download: where it goes, and the checked address it connects to."""

    url: str
    scheme: str
    host: str  # lower case, ASCII (IDNA), no brackets
    port: int
    target: str  # path and query, as sent in the request line
    address: str

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == (443 if self.scheme == "https" else 80) else f"{name}:{self.port}"


def allowed_hosts(value: str | Iterable[str] | None) -> frozenset[str]:
    """The setting's value as a set of lower-case host names (comma- or space-separated text, or a list)."""
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value or ())
    return frozenset(item.strip().lower().rstrip(".").strip("[]") for item in items if item.strip())


def is_numeric_host(host: str) -> bool:
    """True for an IPv6 literal, and for any host whose last label is a number (``127.1``, ``0x7f.1``,
    ``2130706433``): URL parsers read those as IPv4 addresses."""
    return ":" in host or bool(_NUMBER.fullmatch(host.rstrip(".").rsplit(".", 1)[-1]))


def refusal_reason(address: str) -> str | None:
    """Why connecting to this address is refused (loopback, private ...), or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    for candidate in _carried(ip):
        for reason in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
            if getattr(candidate, "is_" + reason):
                return reason.replace("_", "-")
        if not candidate.is_global:
            return "not public"
    return None


def _carried(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Iterator:
    """The address and the IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo; NAT64's
    64:ff9b::/96 is inside ::/8, refused as reserved)."""
    yield ip
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            yield ip.ipv4_mapped
        if ip.sixtofour:
            yield ip.sixtofour
        if ip.teredo:
            yield from ip.teredo


def check(url: str, allowed: frozenset[str], *, origin: str | None = None) -> Hop:
    """The hop for ``url`` after every check; FetchRefused (naming ``origin``, the URL asked for) if any fails."""
    where = origin or url
    via = "" if origin is None or origin == url else f"redirected to {url}: "
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(
            f"{via}only http and https URLs can be ingested",
            where=where,
            hint="download the document and ingest the file",
        )
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii").lower()
        port = parts.port or (443 if scheme == "https" else 80)
    except (UnicodeError, ValueError):
        host, port = "", 0
    if not _HOST.fullmatch(host):
        raise FetchRefused(f"{via}the URL's host or port cannot be read", where=where, hint="check the URL")
    allowed_here = host.rstrip(".") in allowed
    if is_numeric_host(host) and not allowed_here:
        raise _refused(f"{via}the host {host} is a numeric address", where)
    addresses = _resolve(host, port, where)
    for address in addresses if not allowed_here else ():
        if reason := refusal_reason(address):
            raise _refused(f"{via}{host} resolves to {address}, a {reason} address", where)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Hop(url, scheme, host, port, target, addresses[0])


def _refused(message: str, where: str) -> FetchRefused:
    setting = BY_NAME["fetch_allow_hosts"]
    return FetchRefused(
        f"{message}; URL ingestion reaches only public addresses by host name",
        where=where,
        hint=f"download the document and ingest the file, or name the host in {setting.option} / {setting.env}",
    )


def _resolve(host: str, port: int, where: str) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(
            f"cannot resolve the host {host} ({exc})", where=where, hint="check the URL and the network"
        ) from None
    return list(dict.fromkeys(info[4][0] for info in found))


@contextlib.contextmanager
def open_url(url: str, *, deadline: float, allowed: frozenset[str]) -> Iterator[urllib3.BaseHTTPResponse]:
    """GET ``url``, following redirects through `check`; yields the final response (body not read).

    urllib3 errors pass through (``ConnectTimeoutError`` when the deadline passes between hops);
    the caller turns them into FetchFailed."""
    hop, pools = check(url, allowed), []
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = _request(hop, deadline, pools)
            location = response.headers.get("Location")
            if response.status not in _REDIRECTS or not location:
                yield response
                return
            response.drain_conn()
            hop = check(urljoin(hop.url, location.strip()), allowed, origin=url)
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects", where=url, hint="check the URL")
    finally:
        for pool in pools:
            pool.close()


def _request(hop: Hop, deadline: float, pools: list) -> urllib3.BaseHTTPResponse:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ConnectTimeoutError("the time limit passed while following redirects")
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    if hop.scheme == "https":
        import certifi

        pool = urllib3.HTTPSConnectionPool(
            hop.address,
            hop.port,
            timeout=timeout,
            retries=False,
            server_hostname=hop.host,
            assert_hostname=hop.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    else:
        pool = urllib3.HTTPConnectionPool(hop.address, hop.port, timeout=timeout, retries=False)
    pools.append(pool)
    return pool.urlopen(
        "GET",
        hop.target,
        headers={"Host": hop.host_header, "User-Agent": "sgkg", "Accept": "*/*"},
        redirect=False,
        preload_content=False,
        assert_same_host=False,
    )
