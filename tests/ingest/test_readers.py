"""sgkg.ingest.readers: formats detected by content, bad input as one-line errors, URLs with limits."""

from __future__ import annotations

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sgkg.ingest import errors, readers
from sgkg.ingest.readers import DOCX, HTML, MARKDOWN, PDF, PLAIN, SourceText, iter_sources, read_source

from . import docgen

LIMIT = 1_000_000


def read(path: Path | str, *, max_bytes: int = LIMIT, fetch_timeout: float = 5.0) -> SourceText:
    return read_source(path, max_bytes=max_bytes, fetch_timeout=fetch_timeout)


def fails(source, error: type[errors.DocumentError], **kwargs) -> str:
    """The one-line message of the error reading `source` raises; it names the source."""
    with pytest.raises(error) as info:
        read(source, **kwargs)
    line = info.value.one_line()
    assert "\n" not in line and str(source) in line and line.startswith(info.value.code)
    return line


# --- formats ------------------------------------------------------------------------


def test_pdf_text_layer_pages_and_metadata(tmp_path):
    data = docgen.pdf_with_text([["Safeguarding Adults Board.", "Annual report"], ["Second page."]], title="The Plan")
    source = read(docgen.write(tmp_path / "plan.pdf", data))
    assert source.media_type == PDF
    assert source.text.split("\f") == ["Safeguarding Adults Board.\nAnnual report\n", "Second page.\n"]
    assert source.title_hint == "The Plan"
    assert source.metadata["author"] == "Fixture Author" and source.metadata["pages"] == "2"
    assert source.sha256 == hashlib.sha256(data).hexdigest() and source.doc_id == source.sha256[:16]
    assert source.source_name == "plan.pdf"


def test_format_is_detected_by_content_not_extension(tmp_path):
    pdf = read(docgen.write(tmp_path / "download.bin", docgen.pdf_with_text([["Report text."]])))
    assert pdf.media_type == PDF and pdf.text.startswith("Report text.")
    html = read(docgen.write(tmp_path / "page.txt", docgen.HTML))
    assert html.media_type == HTML
    docx = read(docgen.write(tmp_path / "noextension", docgen.docx_bytes()))
    assert docx.media_type == DOCX


def test_pdf_falls_back_to_pdfminer_when_pypdf_finds_no_text(tmp_path, monkeypatch):
    from pypdf import PageObject

    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: "")
    monkeypatch.setenv("SGKG_MAX_PARSE_SECONDS", "0")  # no limits: the PDF is read in this process,
    monkeypatch.setenv("SGKG_MAX_PARSE_MEMORY", "0")  # where the patch applies
    calls, pdfminer_text = [], readers._pdfminer_text
    monkeypatch.setattr(
        readers, "_pdfminer_text", lambda data, where: calls.append(where) or pdfminer_text(data, where)
    )
    source = read(docgen.write(tmp_path / "plan.pdf", docgen.pdf_with_text([["Fallback text."], ["Page two."]])))
    assert source.media_type == PDF
    assert [page.strip() for page in source.text.split("\f")] == ["Fallback text.", "Page two."]
    assert len(calls) == 1


def test_docx_paragraphs_bullets_and_table_in_order(tmp_path):
    source = read(docgen.write(tmp_path / "protocol.docx", docgen.docx_bytes()))
    assert source.media_type == DOCX
    assert source.title_hint == "Joint Working Protocol"
    assert source.text == (
        "Joint Working Protocol\n\n1. Introduction\n\nThe partnerships agree to work together.\n\n"
        "- Share information promptly;\n- Hold each other to account.\n\n2. Membership\n\n"
        "Partner\tRole\nThe police\tStatutory partner\n\nReviewed annually."
    )
    assert source.metadata["author"] == "Fixture Author"


def test_html_visible_text_on_lines(tmp_path):
    source = read(docgen.write(tmp_path / "arrangements.html", docgen.HTML))
    assert source.media_type == HTML
    assert source.title_hint == "Partnership Arrangements"
    assert source.text == (
        "Safeguarding Partnership Arrangements\n\nThe partnership is led by three statutory partners.\n\n"
        "- The local authority\n- The police\n\nBoard\tChair\nAdults Board\tIndependent chair"
    )
    for hidden in ("tracking", "color", "Home", "comment"):
        assert hidden not in source.text


def test_html_title_falls_back_to_first_h1(tmp_path):
    source = read(docgen.write(tmp_path / "x.html", "<html><body><h1>Board Terms</h1><p>Text.</p></body></html>"))
    assert source.title_hint == "Board Terms"


def test_markdown_and_plain_text(tmp_path):
    md = read(docgen.write(tmp_path / "plan.md", docgen.MARKDOWN))
    assert md.media_type == MARKDOWN and md.text == docgen.MARKDOWN
    assert md.title_hint == "Community Safety Partnership Plan"
    sniffed = read(docgen.write(tmp_path / "plan.txt", docgen.MARKDOWN))
    assert sniffed.media_type == MARKDOWN
    plain = read(docgen.write(tmp_path / "report.txt", docgen.PLAIN))
    assert plain.media_type == PLAIN and plain.text == docgen.PLAIN
    assert plain.title_hint == "Annual Report 2020/21"


def test_text_encodings(tmp_path):
    cp1252 = read(docgen.write(tmp_path / "cp.txt", docgen.text_cp1252()))
    assert cp1252.text == "The board\u2019s plan \u2013 2021\u201322.\n"
    bom = read(docgen.write(tmp_path / "bom.txt", b"\xef\xbb\xbfThe board met.\n"))
    assert bom.text == "The board met.\n"
    utf16 = read(docgen.write(tmp_path / "u16.txt", "The board\u2019s plan.\n".encode("utf-16")))
    assert utf16.text == "The board\u2019s plan.\n"


def test_seed_documents_read_as_text(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        source = read(path)
        assert source.media_type in (PLAIN, MARKDOWN)
        assert source.text == path.read_text(encoding="utf-8")
        assert source.title_hint


# --- bad input ------------------------------------------------------------------------


def test_empty_file(tmp_path):
    fails(docgen.write(tmp_path / "empty.pdf", b""), errors.EmptyDocument)
    fails(docgen.write(tmp_path / "blank.txt", b" \n\t\n"), errors.EmptyDocument)


def test_scanned_pdf_without_text_layer(tmp_path):
    line = fails(docgen.write(tmp_path / "scan.pdf", docgen.pdf_image_only()), errors.NoTextLayer)
    assert "no text layer (scanned?)" in line and "OCR" in line


def test_encrypted_pdf(tmp_path):
    line = fails(docgen.write(tmp_path / "locked.pdf", docgen.pdf_encrypted()), errors.EncryptedDocument)
    assert "encrypted" in line


def test_truncated_pdf(tmp_path):
    line = fails(docgen.write(tmp_path / "cut.pdf", docgen.pdf_truncated()), errors.CorruptDocument)
    assert "truncated" in line


def test_damaged_pdf_with_an_end_marker(tmp_path):
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    fails(docgen.write(tmp_path / "broken.pdf", data), errors.DocumentError)


def test_docx_that_is_not_a_zip(tmp_path):
    line = fails(docgen.write(tmp_path / "letter.docx", docgen.docx_not_a_zip()), errors.CorruptDocument)
    assert "not a zip" in line


def test_zip_that_is_not_a_word_document(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    line = fails(docgen.write(tmp_path / "bundle.zip", buffer.getvalue()), errors.UnknownFormat)
    assert "not a Word document" in line


def test_binary_junk_lists_supported_formats(tmp_path):
    line = fails(docgen.write(tmp_path / "junk.dat", docgen.binary_junk()), errors.UnknownFormat)
    assert "PDF, DOCX, HTML, Markdown, plain text" in line
    short = docgen.binary_junk(64, seed=5).replace(b"\x00", b"\x01")
    fails(docgen.write(tmp_path / "short.dat", short), errors.UnknownFormat)


def test_image_is_an_unknown_format_with_a_hint(tmp_path):
    line = fails(docgen.write(tmp_path / "scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64)), errors.UnknownFormat)
    assert "OCR" in line


def test_file_over_the_limit_names_the_setting(tmp_path):
    path = docgen.write(tmp_path / "report.txt", "x" * 101)
    line = fails(path, errors.DocumentTooLarge, max_bytes=100)
    assert "max_document_bytes" in line and "SGKG_MAX_DOCUMENT_BYTES" in line
    assert read(path, max_bytes=101).text == "x" * 101


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = docgen.sparse_file(tmp_path / "huge.pdf", 200 * 1024 * 1024)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    line = fails(path, errors.DocumentTooLarge, max_bytes=100 * 1024 * 1024)
    assert str(200 * 1024 * 1024) in line


def test_missing_file_and_directory(tmp_path):
    line = fails(tmp_path / "nowhere.pdf", errors.DocumentNotFound)
    assert "no such file" in line
    fails(tmp_path, errors.DocumentError)


# --- sources ------------------------------------------------------------------------------


def test_iter_sources_expands_directories_sorted_without_hidden_files(tmp_path):
    for name in ("b/2.txt", "b/1.txt", "a.pdf", ".hidden.txt", ".git/config", "b/.cache/x.txt", "c/d/e.md"):
        docgen.write(tmp_path / name, "x")
    found = list(iter_sources([str(tmp_path), "https://example.org/a.pdf", str(tmp_path / "missing.txt")]))
    assert found == [
        tmp_path / "a.pdf",
        tmp_path / "b/1.txt",
        tmp_path / "b/2.txt",
        tmp_path / "c/d/e.md",
        "https://example.org/a.pdf",
        tmp_path / "missing.txt",
    ]


# --- URLs (a real HTTP server on the loopback interface) ---------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    delay = 2.0

    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/slow":
            time.sleep(self.delay)
        if self.path == "/stream":  # no Content-Length: the limit must stop the download
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self._write(b"x" * 4096)
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def _write(self, body: bytes) -> None:
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, size limit)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.routes = {
        "/doc": (200, "application/octet-stream", docgen.pdf_with_text([["Downloaded protocol."]])),
        "/page": (200, "text/html; charset=utf-8", docgen.HTML.encode()),
        "/slow": (200, "text/plain", b"late"),
        "/big": (200, "text/plain", b"y" * 4096),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    with pytest.MonkeyPatch.context() as mp:  # loopback only: never through a proxy
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            mp.delenv(name, raising=False)
        mp.setenv("SGKG_FETCH_ALLOW_HOSTS", "127.0.0.1")  # loopback is refused unless allowed
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_url_is_downloaded_and_sniffed(server):
    source = read(f"{server}/doc")
    assert source.media_type == PDF and source.text.startswith("Downloaded protocol.")
    assert source.source_name == f"{server}/doc"
    assert source.metadata["url"] == f"{server}/doc"
    page = read(f"{server}/page")
    assert page.media_type == HTML and page.title_hint == "Partnership Arrangements"


def test_url_http_error(server):
    line = fails(f"{server}/missing", errors.FetchFailed)
    assert "404" in line


def test_url_timeout_names_the_setting(server):
    started = time.monotonic()
    line = fails(f"{server}/slow", errors.FetchFailed, fetch_timeout=0.2)
    assert "fetch_timeout" in line and "SGKG_FETCH_TIMEOUT" in line
    assert time.monotonic() - started < _Handler.delay


def test_url_over_the_limit(server):
    line = fails(f"{server}/big", errors.DocumentTooLarge, max_bytes=1000)
    assert "max_document_bytes" in line
    fails(f"{server}/stream", errors.DocumentTooLarge, max_bytes=1000)


def test_url_connection_refused_and_other_schemes(monkeypatch):
    import socket

    monkeypatch.setenv("SGKG_FETCH_ALLOW_HOSTS", "127.0.0.1")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fails(f"http://127.0.0.1:{port}/doc", errors.FetchFailed, fetch_timeout=2)
    fails("ftp://127.0.0.1/doc.pdf", errors.FetchFailed)
