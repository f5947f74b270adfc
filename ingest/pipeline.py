"""The spaCy pipeline: built once per process from ``pipeline.cfg`` on a blank English model."""

from __future__ import annotations

import functools
from dataclasses import fields, is_dataclass, replace
from importlib.resources import files

from .facts import CATEGORIES, Facts, Span


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The extraction pipeline (built on first use, then cached for the process)."""
    from spacy.util import load_config_from_str, load_model_from_config

    from . import components, patterns  # noqa: F401  (registers factories and sgkg.patterns.v1)

    config = load_config_from_str((files("sgkg.ingest") / "pipeline.cfg").read_text(encoding="utf-8"))
    return load_model_from_config(config, auto_fill=True, validate=True)


def analyse(
    text: str,
    *,
    area: tuple[str, ...] | None = None,
    title_hint: str | None = None,
    nlp=None,
    piece_chars: int | None = None,
):
    """Run the pipeline over normalised text; returns the spaCy Doc (facts in ``doc._.sgkg``).

    A text longer than ``piece_chars`` (default: the pipeline's ``max_length``, spaCy's 1,000,000
    characters, error E088) is analysed in pieces cut at paragraph breaks: every piece after the first
    gets the first piece's areas (as ``--area`` would give them), each piece's spans are shifted by
    where it starts, so every offset and quote still refers to ``text``, and the facts are merged.  The
    Doc returned is then the first piece's, carrying the merged facts.
    """
    nlp = nlp or get_nlp()
    limit = piece_chars or nlp.max_length
    if len(text) <= limit:
        return _analyse_piece(nlp, text, area, title_hint)
    doc, merged = None, None
    for start, piece in pieces(text, limit):
        piece_doc = _analyse_piece(nlp, piece, area, title_hint)
        facts = shifted(piece_doc._.sgkg, start)
        if doc is None:
            doc, merged = piece_doc, facts
            area = area or facts.areas or None
        else:
            merge_into(merged, facts)
    doc._.sgkg = merged
    return doc


def _analyse_piece(nlp, text: str, area, title_hint):
    doc = nlp.make_doc(text)
    if area:
        doc.user_data["sgkg_area"] = tuple(area)
    if title_hint:
        doc.user_data["sgkg_title_hint"] = title_hint
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as (start, piece) pairs of at most ``limit`` characters, joined back they are ``text``.

    Each cut is after the last paragraph break (a blank line) in the second half of the window, else
    after the last line break, else after the last space, else at the limit."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        floor = limit // 2
        cut = next((i + len(sep) for sep in ("\n\n", "\n", " ") if (i := window.rfind(sep, floor)) >= 0), limit)
        out.append((start, window[:cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def shifted(value, offset: int):
    """A copy of facts (or any part of them) with every Span moved ``offset`` characters on."""
    if not offset:
        return value
    if isinstance(value, Span):
        return replace(value, start=value.start + offset, end=value.end + offset)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: shifted(getattr(value, f.name), offset) for f in fields(value) if f.init})
    if isinstance(value, (list, tuple)):
        return type(value)(shifted(v, offset) for v in value)
    if isinstance(value, dict):
        return {k: shifted(v, offset) for k, v in value.items()}
    return value


def merge_into(merged: Facts, more: Facts) -> None:
    """Add a later piece's facts: document metadata the earlier pieces lack, partnerships not yet
    named (by key), every other fact, new warnings."""
    for f in fields(merged.document):
        if getattr(merged.document, f.name) is None:
            setattr(merged.document, f.name, getattr(more.document, f.name))
    if merged.area_mention is None:
        merged.area_mention = more.area_mention
    keys = {p.key for p in merged.partnerships}
    merged.partnerships += [p for p in more.partnerships if p.key not in keys]
    for category in CATEGORIES + ("successions",):
        if category != "partnerships":
            getattr(merged, category).extend(getattr(more, category))
    merged.warnings += [w for w in more.warnings if w not in merged.warnings]


def extract_facts(text: str, **kwargs) -> Facts:
    return analyse(text, **kwargs)._.sgkg
