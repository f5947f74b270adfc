"""Fixture documents generated at test time (no binaries in git).

Each function returns bytes (or writes a file and returns its path). The PDFs are
written by hand — objects, a content stream with BT/Tf/Tj and an xref table whose
offsets are computed — so that the tests do not depend on a PDF writer.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

# --- PDF ---------------------------------------------------------------------


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({_pdf_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _assemble(objects: list[bytes], *, info: bytes | None = None) -> bytes:
    """Objects numbered from 1 (the first is the catalog); computes the xref offsets."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n" % (len(objects) + 1))
    out.write(b"0000000000 65535 f \n")
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % len(objects)
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pdf_with_text(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A valid PDF with a text layer: one page per list of lines (Helvetica)."""
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs, then optional info
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        content = _content_stream(lines)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    info = None
    if title is not None:
        info = f"<< /Title ({_pdf_escape(title)}) /Author (Fixture Author) >>".encode("latin-1")
        objects.append(info)
    return _assemble(objects, info=info)


def pdf_image_only() -> bytes:
    """A 'scanned' page: an image XObject drawn on the page and no text at all."""
    pixels = bytes(random.Random(7).randrange(256) for _ in range(16 * 16))
    content = b"q 200 0 0 200 72 500 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return _assemble(objects)


def pdf_encrypted(user_password: str = "secret") -> bytes:
    """The text PDF encrypted with a user password (pypdf, AES-256)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with_text([["Confidential minutes."]]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_truncated() -> bytes:
    """A text PDF cut off part-way (as by an interrupted download)."""
    data = pdf_with_text([["The first page of a long report."], ["The second page."]])
    return data[: len(data) * 2 // 3]


# --- DOCX --------------------------------------------------------------------


def docx_bytes() -> bytes:
    """Title, headings, a paragraph, bullets and a table (python-docx)."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = "Joint Working Protocol"
    doc.core_properties.author = "Fixture Author"
    doc.add_heading("Joint Working Protocol", level=0)
    doc.add_heading("1. Introduction", level=1)
    doc.add_paragraph("The partnerships agree to work together.")
    doc.add_paragraph("Share information promptly;", style="List Bullet")
    doc.add_paragraph("Hold each other to account.", style="List Bullet")
    doc.add_heading("2. Membership", level=1)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Partner"
    table.cell(0, 1).text = "Role"
    table.cell(1, 0).text = "The police"
    table.cell(1, 1).text = "Statutory partner"
    doc.add_paragraph("Reviewed annually.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_of_paragraphs(n: int) -> bytes:
    """A Word document of ``n`` small styled paragraphs: python-docx's template, a generated body."""
    from docx import Document

    template = io.BytesIO()
    Document().save(template)
    source = zipfile.ZipFile(template)
    body = source.read("word/document.xml").decode()
    head, tail = body.split("<w:body>")[0] + "<w:body>", "<w:sectPr" + body.split("<w:sectPr", 1)[1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info.filename))
        with archive.open("word/document.xml", "w") as document:
            document.write(head.encode())
            for i in range(n):
                document.write(
                    f'<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Paragraph {i} of the '
                    f"report.</w:t></w:r></w:p>".encode()
                )
            document.write(tail.encode())
    return out.getvalue()


def docx_not_a_zip() -> bytes:
    return b"This was saved as plain text but named .docx\n"


# --- text formats --------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Partnership Arrangements</title>
<style>body { color: red; }</style><script>var tracking = "do not extract";</script></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<h1>Safeguarding Partnership Arrangements</h1>
<p>The partnership is led by three
   statutory partners.</p>
<ul><li>The local authority</li><li>The police</li></ul>
<table><tr><th>Board</th><th>Chair</th></tr><tr><td>Adults Board</td><td>Independent chair</td></tr></table>
<!-- a comment that must not appear -->
</body></html>
"""

MARKDOWN = """# Community Safety Partnership Plan

The partnership meets quarterly.

- Reduce reoffending
- Tackle domestic abuse
"""

PLAIN = "Annual Report 2020/21\n\nThe board published its strategic plan.\n"


def text_cp1252() -> bytes:
    """Windows-1252 text (curly quotes, en dash) that is not valid UTF-8."""
    return "The board\u2019s plan \u2013 2021\u201322.\n".encode("cp1252")


def binary_junk(n: int = 4096, seed: int = 1234) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no space (truncate()); reading it would be slow."""
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path
