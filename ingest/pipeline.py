"""The spaCy pipeline: built once per process from ``pipeline.cfg`` on a blank English model."""

from __future__ import annotations

import functools
from importlib.resources import files

from .facts import Facts


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The extraction pipeline (built on first use, then cached for the process)."""
    from spacy.util import load_config_from_str, load_model_from_config

    from . import components, patterns  # noqa: F401  (registers factories and sgkg.patterns.v1)

    config = load_config_from_str((files("ingest") / "pipeline.cfg").read_text(encoding="utf-8"))
    return load_model_from_config(config, auto_fill=True, validate=True)


def analyse(text: str, *, area: tuple[str, ...] | None = None, title_hint: str | None = None, nlp=None):
    """Run the pipeline over normalised text; returns the spaCy Doc (facts in ``doc._.sgkg``)."""
    nlp = nlp or get_nlp()
    doc = nlp.make_doc(text)
    if area:
        doc.user_data["sgkg_area"] = tuple(area)
    if title_hint:
        doc.user_data["sgkg_title_hint"] = title_hint
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def extract_facts(text: str, **kwargs) -> Facts:
    return analyse(text, **kwargs)._.sgkg
