"""Read documents (files, directories, http(s) URLs) into :class:`SourceText`.

The format is detected from the content (magic bytes, then sniffing text),
the name's extension and a server's Content-Type being hints only. PDF (text
layer: pypdf, else pdfminer.six), DOCX (its XML streamed, ``ingest.wordml``), HTML (BeautifulSoup),
Markdown and plain text are supported; PDF and DOCX are read in a child process bounded by the
settings max_parse_seconds and max_parse_memory (``ingest.bounded``). ``text`` is the text as extracted; every
offset in the graph refers to it (normalisation keeps a map back to it).

Bad input raises a :class:`~ingest.errors.DocumentError` subclass that names the
file or URL, says why, and what to do.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import time
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import settings
from .errors import (
    CorruptDocument,
    DocumentError,
    DocumentNotFound,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    FetchFailed,
    NoTextLayer,
    UnknownFormat,
    excerpt,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
MARKDOWN = "text/markdown"
PLAIN = "text/plain"
SUPPORTED = "PDF, DOCX, HTML, Markdown, plain text"

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_BINARY_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls/.ppt)", "save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document", "save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image", "run OCR on it and ingest the resulting PDF or text"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it and ingest the resulting PDF or text"),
    (b"GIF8", "a GIF image", "run OCR on it and ingest the resulting PDF or text"),
    (b"II*\x00", "a TIFF image", "run OCR on it and ingest the resulting PDF or text"),
    (b"MM\x00*", "a TIFF image", "run OCR on it and ingest the resulting PDF or text"),
    (b"\x1f\x8b", "a gzip archive", "extract it and ingest the documents inside"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "extract it and ingest the documents inside"),
    (b"Rar!", "a RAR archive", "extract it and ingest the documents inside"),
)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:html|body|head|p|div|h[1-6]|ul|ol|li|table|span|a|br)\b[^>]*>", re.I)
_MARKDOWN = re.compile(r"^#{1,6}[ \t]+\S|^\S.*\n(?:=+|-{3,})[ \t]*$|\[[^\]\n]+\]\([^)\s]+\)", re.M)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$|^(\S.*)\n=+[ \t]*$", re.M)
_CONTROL_RATIO = 0.01  # more control characters than this in decoded text: binary
_SNIFF_CHARS = 65536
_TITLE_MAX_CHARS = 200


@dataclass
class SourceText:
    """A document's extracted text and what is known about it."""

    doc_id: str  # first 16 hex of sha256(bytes)
    sha256: str
    source_name: str  # file name or URL
    media_type: str  # detected from content
    text: str  # the extracted text; every offset in the graph refers to this string
    title_hint: str | None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class _Extracted:
    text: str
    title_hint: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


# --- sources -----------------------------------------------------------------


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and bool(_URL.match(source))


def iter_sources(items: Iterable[str]) -> Iterator[str | Path]:
    """Each item as a source: URLs as they are, directories expanded recursively
    (sorted, hidden files and folders skipped), anything else as a path (a
    missing path is reported when it is read)."""
    for item in items:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, not entering hidden folders."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not name.startswith(".") and path.is_file():
                yield path


def read_source(source: str | Path, *, max_bytes: int, fetch_timeout: float) -> SourceText:
    """Read one file or http(s) URL; raises a DocumentError subclass when it cannot."""
    if is_url(source):
        data, content_type = _fetch(str(source), max_bytes=max_bytes, fetch_timeout=fetch_timeout)
        return _from_bytes(
            data,
            str(source),
            where=str(source),
            type_hint=content_type,
            metadata={"url": str(source), "content_type": content_type},
        )
    path = Path(source)
    data = _read_file(path, max_bytes=max_bytes)
    return _from_bytes(data, path.name, where=str(source))


def read_bytes(data: bytes, name: str, *, max_bytes: int) -> SourceText:
    """A document given as bytes (an HTTP upload), called ``name`` (its client-side name) in every
    message; pass up to ``max_bytes + 1`` bytes, more than ``max_bytes`` is DocumentTooLarge."""
    if len(data) > max_bytes:
        raise _too_large(name, f"over {max_bytes}", max_bytes)
    return _from_bytes(data, name, where=name)


def _from_bytes(
    data: bytes, name: str, *, where: str, type_hint: str = "", metadata: dict[str, str] | None = None
) -> SourceText:
    if not data or data.isspace():
        raise EmptyDocument(
            "the document is empty", where=where, hint="check that the file was saved or downloaded completely"
        )
    media_type, decoded = sniff(data, name_hint=name, type_hint=type_hint, where=where)
    extracted = _EXTRACTORS[media_type](data, decoded, where)
    if not extracted.text.strip():
        raise EmptyDocument("no text in the document", where=where, hint="check that it is the document you meant")
    digest = hashlib.sha256(data).hexdigest()
    return SourceText(
        doc_id=digest[:16],
        sha256=digest,
        source_name=name,
        media_type=media_type,
        text=extracted.text,
        title_hint=extracted.title_hint,
        metadata={**extracted.metadata, **(metadata or {})},
    )


def _too_large(where: str, size: int | str, max_bytes: int) -> DocumentTooLarge:
    setting = settings.BY_NAME["max_document_bytes"]
    return DocumentTooLarge(
        f"the document is larger ({size} bytes) than max_document_bytes ({max_bytes} bytes)",
        where=where,
        hint=f"raise the setting {setting.option} / {setting.env}, or split the document",
    )


def _read_file(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; its size is checked before anything is read."""
    where = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError(
                "is a directory", where=where, hint="give the directory to iter_sources, or name the files"
            )
        if size > max_bytes:
            raise _too_large(where, size, max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentNotFound("no such file", where=where, hint="check the path") from None
    except OSError as exc:
        raise DocumentError(
            f"cannot be read ({exc.strerror})", where=where, hint="check the file's permissions"
        ) from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise _too_large(where, f"over {max_bytes}", max_bytes)
    return data


def _fetch(url: str, *, max_bytes: int, fetch_timeout: float) -> tuple[bytes, str]:
    """Download ``url`` (streaming) within the byte limit and the time limit, through the address
    checks of `ingest.download` (setting fetch_allow_hosts)."""
    from urllib3.exceptions import HTTPError, NewConnectionError
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    from .download import allowed_hosts, open_url

    timeout_setting = settings.BY_NAME["fetch_timeout"]
    timeout_error = FetchFailed(
        f"no complete response within fetch_timeout ({fetch_timeout:g} s)",
        where=url,
        hint=f"try again later or raise the setting {timeout_setting.option} / {timeout_setting.env}",
    )
    deadline = time.monotonic() + fetch_timeout
    try:
        with open_url(url, deadline=deadline, allowed=allowed_hosts(settings.get("fetch_allow_hosts"))) as response:
            if response.status >= 400:
                raise FetchFailed(
                    f"HTTP {response.status} {response.reason}",
                    where=url,
                    hint="check the URL, or download the document and ingest the file",
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, declared, max_bytes)
            chunks, size = [], 0
            for chunk in response.stream(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(url, f"over {max_bytes}", max_bytes)
                if time.monotonic() > deadline:
                    raise timeout_error
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type", "")
    except NewConnectionError as exc:  # a subclass of urllib3's TimeoutError, but not a timeout
        raise FetchFailed(f"cannot connect ({_reason(exc)})", where=url, hint="check the URL and the network") from None
    except Urllib3Timeout:
        raise timeout_error from None
    except HTTPError as exc:
        raise FetchFailed(f"download failed ({_reason(exc)})", where=url, hint="check the URL") from None


def _reason(exc: Exception) -> str:
    return excerpt(exc) or type(exc).__name__


# --- format detection ---------------------------------------------------------


def sniff(data: bytes, *, name_hint: str = "", type_hint: str = "", where: str = "") -> tuple[str, str | None]:
    """The media type of ``data`` (and its decoded text for text formats).

    Content decides; the extension and Content-Type only tell Markdown from
    plain text and turn a wrongly named binary into a clear error.
    """
    suffix = Path(name_hint.split("?")[0]).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return PDF, None
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, where), None
    if suffix in (".docx", ".pdf"):
        raise CorruptDocument(
            f"named {suffix} but it is not a {'zip archive' if suffix == '.docx' else 'PDF'} (damaged or misnamed)",
            where=where,
            hint=f"open it in the program that made it and save it again as {suffix}",
        )
    for magic, what, hint in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnknownFormat(f"{what} is not a supported format (supported: {SUPPORTED})", where=where, hint=hint)
    text = decode_text(data, where=where)
    head = text[:_SNIFF_CHARS]
    hinted = type_hint.split(";")[0].strip().lower()
    if _HTML_START.match(head) or (
        (hinted in ("text/html", "application/xhtml+xml") or suffix in (".html", ".htm", ".xhtml"))
        and _HTML_TAG.search(head)
    ):
        return HTML, text
    if suffix in (".md", ".markdown") or hinted == MARKDOWN or _MARKDOWN.search(head):
        return MARKDOWN, text
    return PLAIN, text


def _sniff_zip(data: bytes, where: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
        raise CorruptDocument(
            f"damaged zip archive ({_reason(exc)})", where=where, hint="download or save the document again"
        ) from None
    if "word/document.xml" in names:
        return DOCX
    raise UnknownFormat(
        f"a zip archive that is not a Word document (supported: {SUPPORTED})",
        where=where,
        hint="extract it and ingest the documents inside, or save the document as .docx or PDF",
    )


def decode_text(data: bytes, *, where: str = "") -> str:
    """Decode text: UTF-8 (BOM stripped), UTF-16 with a BOM, else cp1252, else latin-1.

    Raises UnknownFormat for binary data (NUL bytes or many control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:_SNIFF_CHARS]:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
            break
    raise UnknownFormat(
        f"binary data of an unknown format (supported: {SUPPORTED})",
        where=where,
        hint="convert it to one of the supported formats",
    )


def _looks_binary(text: str) -> bool:
    head = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in head if ch not in "\t\n\r\f" and unicodedata.category(ch) == "Cc")
    return controls > max(1, len(head) * _CONTROL_RATIO)


# --- extractors ---------------------------------------------------------------


def _read_pdf(data: bytes, _decoded: str | None, where: str) -> _Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if data.rfind(b"%%EOF", max(0, len(data) - 8192)) < 0:
        raise CorruptDocument(
            "truncated or damaged PDF (no %%EOF end marker)", where=where, hint="download or export the PDF again"
        )
    encrypted = EncryptedDocument(
        "the PDF is encrypted (password protected)",
        where=where,
        hint="save an unprotected copy (print to PDF) and ingest that",
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise encrypted
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        metadata = {
            key: str(info.get(f"/{key.title()}") or "").strip() for key in ("title", "author", "creator", "producer")
        }
    except (FileNotDecryptedError, DependencyError):
        raise encrypted from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error, RecursionError) as exc:
        raise CorruptDocument(
            f"damaged PDF ({_reason(exc)})", where=where, hint="download or export the PDF again"
        ) from None
    text = "\f".join(pages)
    if not text.strip():
        text = _pdfminer_text(data, where)
    if not text.strip():
        raise NoTextLayer(
            "no text layer (scanned?) — run OCR first",
            where=where,
            hint="e.g. `ocrmypdf in.pdf out.pdf`, then ingest out.pdf",
        )
    metadata = {key: value for key, value in metadata.items() if value}
    metadata["pages"] = str(len(pages))
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", metadata.get("title", "")).strip()
    return _Extracted(text, title or _first_line(text), metadata)


def _pdfminer_text(data: bytes, where: str) -> str:
    """pdfminer.six's text of a PDF whose text pypdf could not read ("" if it is not installed)."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:
        return ""
    try:
        return extract_text(io.BytesIO(data)).rstrip("\f")
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise CorruptDocument(
            f"damaged PDF ({_reason(exc)})", where=where, hint="download or export the PDF again"
        ) from None


_XML_ERR_NO_MEMORY = 2  # libxml2's error code for a failed allocation


def _read_docx(data: bytes, _decoded: str | None, where: str) -> _Extracted:
    from lxml.etree import LxmlError

    from .wordml import read_word

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            word = read_word(archive)
    except (LxmlError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError) as exc:
        if getattr(exc, "code", None) == _XML_ERR_NO_MEMORY:  # libxml2 out of memory (max_parse_memory)
            raise MemoryError from None
        raise CorruptDocument(
            f"damaged Word document ({_reason(exc)})", where=where, hint="open it in Word and save it again as .docx"
        ) from None
    text = _join_blocks(word.blocks)
    headings = [text for kind, text in word.blocks if kind == "heading"]
    title = word.metadata["title"].strip() or (headings[0] if headings else _first_line(text))
    return _Extracted(text, title, {key: value for key, value in word.metadata.items() if value})


def _join_blocks(blocks: list[tuple[str, str]]) -> str:
    """Blocks separated by blank lines; consecutive list items or table rows by one line break."""
    parts: list[str] = []
    previous = ""
    for kind, text in blocks:
        if parts:
            parts.append("\n" if kind == previous and kind in ("item", "row") else "\n\n")
        parts.append(text)
        previous = kind
    return "".join(parts)


_HTML_DROP = frozenset(
    {"script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button", "form"}
)
_HTML_PARAGRAPHS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "pre",
        "figure",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "address",
    }
)
_HTML_LINES = frozenset({"div", "li", "tr", "dt", "dd", "caption", "figcaption", "br", "hr"})


def _read_html(data: bytes, decoded: str | None, where: str) -> _Extracted:
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(decoded if decoded is not None else data, "html.parser")
    title_tag = soup.find("title")
    h1 = soup.find("h1")
    title = next((" ".join(t.get_text(" ").split()) for t in (title_tag, h1) if t and t.get_text().strip()), None)
    text = _html_text(_html_content(soup))
    return _Extracted(text, title or _first_line(text), {"title": title} if title else {})


_HTML_MAIN_MIN_CHARS = 200  # a main region shorter than this is a stub: read the whole page


def _html_content(soup):
    """The page's content region when it marks one (``<main>``, ``role="main"``, a single ``<article>``), so that
    site chrome around it (banners, headers, menus, footers) is left out; else the whole page."""
    candidates = soup.find_all("main") or soup.find_all(attrs={"role": "main"}) or soup.find_all("article")
    if len(candidates) == 1 and len(candidates[0].get_text(" ", strip=True)) >= _HTML_MAIN_MIN_CHARS:
        return candidates[0]
    return soup


def _html_text(soup) -> str:
    """Visible text: headings, paragraphs and list items on their own lines, table cells tab-separated."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    stack: list = [soup]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a structural marker pushed below
        elif isinstance(node, Tag):
            if node.name in _HTML_DROP:
                continue
            before, after = _html_markers(node.name)
            parts.append(before)
            stack.append(after)
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # not a comment, doctype or CDATA
            parts.append(re.sub(r"\s+", " ", node))
    return _tidy_lines("".join(parts))


_LINE_BREAK, _PARAGRAPH_BREAK = "\x01", "\x02"  # markers, resolved by _tidy_lines


def _html_markers(name: str) -> tuple[str, str]:
    if name == "li":
        return _LINE_BREAK + "- ", _LINE_BREAK
    if name in ("td", "th"):
        return "\t", ""
    if name in _HTML_PARAGRAPHS:
        return _PARAGRAPH_BREAK, _PARAGRAPH_BREAK
    if name in _HTML_LINES:
        return _LINE_BREAK, _LINE_BREAK
    return "", ""


def _tidy_lines(text: str) -> str:
    """Resolve break markers (a paragraph break wins), collapse spaces in each line and cell."""
    text = re.sub(
        r"\s*[\x01\x02][\s\x01\x02]*",
        lambda m: "\n\n" if _PARAGRAPH_BREAK in m.group() else "\n",
        text,
    )
    lines = []
    for line in text.split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        while cells and not cells[0]:
            cells.pop(0)
        lines.append("\t".join(cells).rstrip("\t"))
    return "\n".join(lines).strip("\n")


def _read_text(data: bytes, decoded: str | None, where: str) -> _Extracted:
    text = decoded if decoded is not None else decode_text(data, where=where)
    return _Extracted(text, _first_line(text))


def _read_markdown(data: bytes, decoded: str | None, where: str) -> _Extracted:
    text = decoded if decoded is not None else decode_text(data, where=where)
    heading = _MARKDOWN_HEADING.search(text)
    title = (heading.group(1) or heading.group(2)).strip() if heading else None
    return _Extracted(text, title or _first_line(text))


def _first_line(text: str) -> str | None:
    """The first non-blank line, without bullet or heading marks, if it is short enough to be a title."""
    for line in text.splitlines():
        line = " ".join(line.strip(" \t#*-•\uf0b7").split())
        if line:
            return line if len(line) <= _TITLE_MAX_CHARS else None
    return None


def _read_pdf_bounded(data: bytes, _decoded: str | None, where: str) -> _Extracted:
    from .bounded import parse_bounded

    return parse_bounded(_read_pdf, data, where, "PDF")


def _read_docx_bounded(data: bytes, _decoded: str | None, where: str) -> _Extracted:
    from .bounded import parse_bounded

    return parse_bounded(_read_docx, data, where, "Word document")


# PDF and DOCX parsers run in a child process bounded by max_parse_seconds and max_parse_memory
_EXTRACTORS = {
    PDF: _read_pdf_bounded,
    DOCX: _read_docx_bounded,
    HTML: _read_html,
    MARKDOWN: _read_markdown,
    PLAIN: _read_text,
}
