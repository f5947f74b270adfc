"""The text of a Word document (DOCX), read with a streaming XML parser.

python-docx builds the whole ``word/document.xml`` as a tree (a 3.4 MB DOCX of many small
paragraphs took 7.7 GB) and looks each paragraph's style up in ``styles.xml`` one by one (a
378 KB one took over 300 s).  Here ``document.xml`` is read with lxml's ``iterparse``, each
top-level paragraph or table handled and dropped as soon as it is complete, and the style names
are read once.  No entity is resolved, no DTD or network fetched.

The text is what the python-docx reader gave: body paragraphs and tables in order (not those
nested in content controls or text boxes); a paragraph is its runs and hyperlinks (``w:t``, tabs
and ``w:ptab`` as tab, line breaks and ``w:cr`` as new lines, ``w:noBreakHyphen`` as "-"); a
table row is its cells' paragraphs, a merged cell once.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT, STYLES, CORE = "word/document.xml", "word/styles.xml", "docProps/core.xml"
_CORE_MAX_BYTES = 1024 * 1024
# python-docx shows these built-in style names as Word's interface does ("heading 1" -> "Heading 1")
_UI_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}


@dataclass
class WordText:
    blocks: list[tuple[str, str]]  # (kind, text): kind heading | item | row | para
    metadata: dict[str, str]


def read_word(archive: zipfile.ZipFile) -> WordText:
    """The blocks and core properties of an open DOCX archive; lxml and zip errors propagate."""
    styles = _paragraph_styles(archive)
    with archive.open(DOCUMENT) as stream:
        blocks = list(_blocks(stream, styles))
    return WordText(blocks, _core_properties(archive))


def _parser_options() -> dict:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


@dataclass
class _Styles:
    names: dict[str, str]  # paragraph style id -> name as python-docx shows it
    default: str  # the default paragraph style's name

    def name(self, style_id: str | None) -> str:
        return self.names.get(style_id, self.default) if style_id else self.default


def _paragraph_styles(archive: zipfile.ZipFile) -> _Styles:
    names, default = {}, ""
    if STYLES not in archive.namelist():
        return _Styles(names, default)
    with archive.open(STYLES) as stream:
        for _, style in etree.iterparse(stream, tag=W + "style", **_parser_options()):
            if style.get(W + "type") == "paragraph":
                name_element = style.find(W + "name")
                name = (
                    _UI_NAMES.get(name_element.get(W + "val"), name_element.get(W + "val"))
                    if name_element is not None
                    else ""
                )
                names[style.get(W + "styleId")] = name or ""
                if style.get(W + "default") in ("1", "true", "on"):  # the last default counts, as in Word
                    default = name or ""
            style.clear()
    return _Styles(names, default)


def _blocks(stream, styles: _Styles) -> Iterator[tuple[str, str]]:
    """(kind, text) of each body paragraph and table row, dropping each element once read."""
    body_tag = W + "body"
    for _, element in etree.iterparse(stream, tag=(W + "p", W + "tbl"), **_parser_options()):
        parent = element.getparent()
        if parent is None or parent.tag != body_tag:
            continue  # inside a table (read with it), a content control or a text box
        if element.tag == W + "tbl":
            yield from (("row", row) for row in _rows(element))
        else:
            block = _paragraph_block(element, styles)
            if block is not None:
                yield block
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def _paragraph_block(p, styles: _Styles) -> tuple[str, str] | None:
    text = paragraph_text(p).strip()
    if not text:
        return None
    p_pr = p.find(W + "pPr")
    style_id = (
        p_pr.find(W + "pStyle").get(W + "val") if p_pr is not None and p_pr.find(W + "pStyle") is not None else None
    )
    style = styles.name(style_id)
    if style.startswith(("Heading", "Title")):
        return "heading", text
    if style.startswith("List") or (p_pr is not None and p_pr.find(W + "numPr") is not None):
        return "item", "- " + text
    return "para", text


def paragraph_text(p) -> str:
    """A paragraph's runs and hyperlinks' runs (direct children only), as python-docx reads them."""
    parts = []
    for child in p:
        if child.tag == W + "r":
            parts.append(_run_text(child))
        elif child.tag == W + "hyperlink":
            parts.extend(_run_text(r) for r in child if r.tag == W + "r")
    return "".join(parts)


def _run_text(r) -> str:
    parts = []
    for e in r:
        tag = e.tag
        if tag == W + "t":
            parts.append(e.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag == W + "cr":
            parts.append("\n")
        elif tag == W + "br":
            parts.append("\n" if e.get(W + "type", "textWrapping") == "textWrapping" else "")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _rows(tbl) -> Iterator[str]:
    """Each row's cells joined by tabs; a cell spanning several grid columns, or continuing a
    vertical merge (its text is the merge's first cell's), is given once per row."""
    above: dict[int, object] = {}  # grid offset -> the tc that holds the content there
    for tr in tbl.iterchildren(W + "tr"):
        offset = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        here: dict[int, object] = {}
        cells, seen = [], set()
        for tc in tr.iterchildren(W + "tc"):
            span = max(1, _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1))
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            root = above.get(offset) if merge is not None and merge.get(W + "val", "continue") == "continue" else tc
            for column in range(offset, offset + span):
                here[column] = root
            offset += span
            if root is None or id(root) in seen:
                continue
            seen.add(id(root))
            cells.append(" ".join(t for t in (paragraph_text(p).strip() for p in root.iterchildren(W + "p")) if t))
        above = here
        if any(cells):
            yield "\t".join(cells)


def _int(element, default: int) -> int:
    try:
        return int(element.get(W + "val")) if element is not None else default
    except (TypeError, ValueError):
        return default


def _core_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """Title, author, subject, keywords, created and modified, as python-docx gives them."""
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml

    empty = dict.fromkeys(("title", "author", "subject", "keywords", "created", "modified"), "")
    if CORE not in archive.namelist() or archive.getinfo(CORE).file_size > _CORE_MAX_BYTES:
        return empty
    props = CoreProperties(parse_xml(archive.read(CORE)))
    return {
        "title": props.title or "",
        "author": props.author or "",
        "subject": props.subject or "",
        "keywords": props.keywords or "",
        "created": props.created.isoformat() if props.created else "",
        "modified": props.modified.isoformat() if props.modified else "",
    }
