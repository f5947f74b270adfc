"""URL ingestion reaches only public addresses by host name (ingest.download through ingest.readers).

A real listener on the loopback interface records every request; a refused URL must leave it
empty.  Loopback is itself refused, so the tests that need a first hop to arrive name
``localhost`` in the setting fetch_allow_hosts and nothing else.
"""

from __future__ import annotations

import socket
from urllib.parse import quote

import pytest
import urllib3

from sgkg.ingest import download, errors
from sgkg.ingest.readers import read_source
from tests.listener import start_listener


@pytest.fixture
def listener(monkeypatch):
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "SGKG_FETCH_ALLOW_HOSTS",
    ):
        monkeypatch.delenv(name, raising=False)
    server = start_listener()
    yield server
    server.close()


def read(url: str, timeout: float = 5.0):
    return read_source(url, max_bytes=1_000_000, fetch_timeout=timeout)


def refused(url: str) -> str:
    with pytest.raises(errors.FetchRefused) as info:
        read(url)
    line = info.value.one_line()
    assert line.startswith("SGKG120") and url in line and "\n" not in line
    return line


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "2130706433",
        "0x7f.1",
        "0x7f000001",
        "127.1",
        "0177.0.0.1",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "127.0.0.1.",
    ],
)
def test_numeric_hosts_are_refused_before_anything_is_sent(listener, host):
    line = refused(f"http://{host}:{listener.port}/doc")
    assert "numeric address" in line and "SGKG_FETCH_ALLOW_HOSTS" in line
    assert listener.requests == []


def test_a_name_that_resolves_to_loopback_is_refused(listener):
    line = refused(f"http://localhost:{listener.port}/doc")
    assert "resolves to 127.0.0.1, a loopback address" in line
    assert listener.requests == []


def test_a_host_named_by_the_setting_is_fetched(listener, monkeypatch):
    monkeypatch.setenv("SGKG_FETCH_ALLOW_HOSTS", "localhost")
    source = read(f"http://localhost:{listener.port}/doc")
    assert source.text.startswith("Safeguarding arrangements fetched from the listener.")
    assert listener.paths() == ["/doc"]


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/doc",
        "http://2130706433:{port}/doc",
        "http://[::1]:{port}/doc",
        "file:///etc/passwd",
        "ftp://localhost/doc",
    ],
)
def test_every_redirect_is_checked_again(listener, monkeypatch, target):
    monkeypatch.setenv("SGKG_FETCH_ALLOW_HOSTS", "localhost")  # the first hop only
    target = target.format(port=listener.port)
    url = f"http://localhost:{listener.port}/redirect?to={quote(target, safe='')}"
    line = refused(url)
    assert f"redirected to {target}" in line
    assert listener.paths() == [url.split(str(listener.port), 1)[1]]  # the redirect arrived, its target did not


def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused():
    with pytest.raises(errors.FetchRefused, match="redirected to http://localhost:1/x: localhost resolves to"):
        download.check("http://localhost:1/x", frozenset(), origin="http://example.org/")


def test_redirects_are_bounded(listener, monkeypatch):
    monkeypatch.setenv("SGKG_FETCH_ALLOW_HOSTS", "localhost")
    with pytest.raises(errors.FetchFailed, match="more than 5 redirects"):
        read(f"http://localhost:{listener.port}/loop")
    assert listener.paths() == ["/loop"] * 6


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """DNS rebinding: a name that answers a public address to the check and loopback afterwards."""
    lookups, real = [], socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        address = "93.184.216.34" if len(lookups) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    opened = []

    class Recorder:
        def __init__(self, host, port, **kwargs):
            opened.append((host, port))
            raise urllib3.exceptions.NewConnectionError(None, "not connecting in a test")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(urllib3, "HTTPConnectionPool", Recorder)
    with pytest.raises(errors.FetchFailed, match="cannot connect"):
        read("http://rebind.test:8080/doc")
    assert opened == [("93.184.216.34", 8080)] and lookups == ["rebind.test"]


def test_https_goes_to_the_checked_address_with_the_name_for_sni_and_the_certificate(monkeypatch, tmp_path):
    """A real TLS listener with a certificate for localhost: the client connects to 127.0.0.1 (the
    checked address) and still sends SNI localhost and verifies the certificate against that name."""
    import shutil
    import ssl
    import subprocess

    import certifi

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a certificate for the TLS listener")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context, names = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER), []
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = start_listener(tls=context)
    try:
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("SGKG_FETCH_ALLOW_HOSTS", "localhost")
        with pytest.raises(errors.FetchFailed, match="CERTIFICATE_VERIFY_FAILED"):  # not trusted by the real bundle
            read(f"https://localhost:{server.port}/doc")
        monkeypatch.setattr(certifi, "where", lambda: str(cert))  # trust the test certificate
        source = read(f"https://localhost:{server.port}/doc")
        assert source.text.startswith("Safeguarding arrangements") and server.paths() == ["/doc"]
        assert names == ["localhost", "localhost"]
    finally:
        server.close()


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "private"),
        ("100.64.0.1", "not public"),
        ("fc00::1", "private"),
        ("::ffff:127.0.0.1", "private"),
        ("64:ff9b::7f00:1", "reserved"),
        ("2002:7f00:1::", "loopback"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_refusal_reasons(address, reason):
    assert download.refusal_reason(address) == reason


def test_hosts_written_as_numbers():
    for host in ("127.0.0.1", "2130706433", "0x7f.1", "127.1", "::1", "1.2.3.4."):
        assert download.is_numeric_host(host)
    for host in ("example.org", "1.2.3.4.nip.io", "localhost", "0x7f.example"):
        assert not download.is_numeric_host(host)
