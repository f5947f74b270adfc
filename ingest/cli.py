"""`sgkg ingest`, `sgkg nlp explain`, `sgkg corpus build|check` (thin click commands).

spaCy is imported inside the commands, so `sgkg --help` stays fast.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from .errors import SgkgError, UsageError
from .facts import CATEGORIES
from .options import store_options

CORPUS_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)  # the bundled corpus is built as of this instant


def summary_table(results) -> str:
    short = [c[:5] for c in CATEGORIES]
    lines = ["\t".join(["document", "status", *short, "warnings"])]
    for r in results:
        counts = [str(r.counts.get(c, 0)) for c in CATEGORIES]
        lines.append("\t".join([Path(r.source).name, r.status, *counts, str(len(r.warnings))]))
    for r in results:
        if r.error:
            lines.append(f"failed: {r.source}: {r.error}")
    return "\n".join(lines)


class _NoTraceback(logging.Filter):
    """Log records without their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info, record.exc_text = None, None
        return True


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--area", default=None, help="Area of the documents (name or ONS GSS code) when they do not say.")
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
@store_options
def ingest_command(sources, area, no_progress, **options):
    """Ingest FILE|DIR|URL... into the store: one named graph per document."""
    from .ingest import ingest_many
    from .readers import iter_sources
    from .store import open_configured, store_location

    store = open_configured(options.__getitem__)
    # a document that fails unexpectedly is one "failed:" line (and one log line), its traceback only with -v
    logger, quiet = logging.getLogger("sgkg.ingest.ingest"), _NoTraceback()
    if not click.get_current_context().find_root().params.get("verbose"):
        logger.addFilter(quiet)
    try:
        _initialise(store, store_location(options.__getitem__))
        results = ingest_many(iter_sources(sources), store, area=area, progress=not no_progress)
    finally:
        logger.removeFilter(quiet)
        store.close()
    click.echo(summary_table(results))
    if any(r.status == "failed" for r in results):
        sys.exit(1)


def _initialise(store, where: str) -> None:
    """A store without reference data gets it first (else every named query answers nothing), and the log
    says so."""
    from .store import ensure_reference

    if ensure_reference(store):
        logging.getLogger("sgkg.ingest.cli").info(
            "%s had no reference data: loaded the reference graph (ontology, vocabularies, areas, "
            "legislation) first, as `sgkg init` does",
            where,
        )


@click.group("nlp")
def nlp_group():
    """Inspect the extraction pipeline."""


@nlp_group.command("explain")
@click.argument("source")
@click.option("--area", default=None, help="Area of the document (name or ONS GSS code).")
def explain_command(source, area):
    """Show the layout blocks of FILE, and in each block its sentences, entities and the facts drawn from them,
    each fact with the rule that produced it."""
    from .ingest import analyse_source, read_item, resolve_area

    src = read_item(source)
    _, doc = analyse_source(src, area=resolve_area(area))
    click.echo(explain(doc))


def explain(doc) -> str:
    """Readable account of one analysed document."""
    facts = doc._.sgkg
    ctx = doc._.sgkg_ctx
    by_sentence: dict[int, list[str]] = {}
    for cat in CATEGORIES:
        for f in getattr(facts, cat):
            m = getattr(f, "mention", None)
            sent = ctx.sentence_at(m.start) if m else None
            if sent is not None:
                by_sentence.setdefault(sent.index, []).append(f"{cat}: {_describe(f)} [{m.rule}]")
    out = [f"areas: {', '.join(facts.areas) or '-'}"]
    meta = facts.document
    for name in ("title", "kind", "date", "period", "version", "review_date"):
        value = getattr(meta, name)
        out.append(f"{name}: {value[0] if value else '-'}")
    text = doc.user_data.get("sgkg_text") or doc.text
    sentences = iter(ctx.sentences)
    sent = next(sentences, None)
    for block in doc._.sgkg_blocks or []:
        out.append(f"\n{_block_header(block)} {block.text(text)[:160]!r}")
        while sent is not None and sent.start < block.end:
            out.append(f"  [{sent.index}] {sent.text[:200]!r}")
            found = [f"{e.label_}:{e.text}" for e in doc.ents if sent.start <= e.start_char < sent.end]
            if found:
                out.append("      entities: " + "; ".join(found))
            for line in by_sentence.get(sent.index, []):
                out.append("      -> " + line)
            sent = next(sentences, None)
    return "\n".join(out)


def _block_header(block) -> str:
    """ "list-item 1 '-' (list.bullet)", "furniture (furniture.cookies): ignored" """
    parts = [block.kind]
    if block.level:
        parts.append(str(block.level))
    if block.glyph:
        parts.append(repr(block.glyph))
    if block.cells:
        parts.append(f"{len(block.cells)} cells")
    head = " ".join(parts) + f" ({block.rule})"
    return head + (" ignored:" if block.kind == "furniture" else ":")


def _describe(f) -> str:
    for attr in ("name", "label", "title"):
        if hasattr(f, attr):
            who = getattr(f, "person", None)
            text = getattr(f, attr)
            return f"{text} ({who})" if who else str(text)
    return getattr(f, "provision", None) or getattr(f, "legislation", "") or ""


@click.group("corpus")
def corpus_group():
    """Build or check the bundled founding corpus (--out; `sgkg` gives the service's bundled file)."""


def build_corpus(seeds: Path) -> bytes:
    """The seeds ingested into an in-memory store as of CORPUS_EPOCH, as sorted TriG."""
    from .ingest import ingest_many
    from .store import open_store

    store = open_store(None)
    try:
        files = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")
        results = ingest_many([str(p) for p in files], store, progress=False, started=CORPUS_EPOCH)
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise click.ClickException("; ".join(f"{r.source}: {r.error}" for r in failed))
        graphs = sorted(g for g in store.graph_names() if "/graph/document/" in g)
        return _sorted_trig(store.dump("trig", graphs=graphs))
    finally:
        store.close()


def _sorted_trig(data: bytes) -> bytes:
    """TriG with one block per graph and one sorted triple a line: deterministic whatever the store's order."""
    import pyoxigraph as ox

    graphs: dict[str, list[str]] = {}
    for q in ox.parse(data, format=ox.RdfFormat.TRIG):
        graphs.setdefault(str(q.graph_name), []).append(f"  {q.subject} {q.predicate} {q.object} .")
    out = []
    for g in sorted(graphs):
        out.append(f"{g} {{")
        out += sorted(graphs[g])
        out.append("}")
    return ("\n".join(out) + "\n").encode("utf-8")


def _default_seeds() -> Path:
    return Path.cwd().parent / "shared" / "seeds"


def _corpus_file(out: Path | None) -> Path:
    if out is None:
        raise UsageError(
            "no corpus file given",
            hint="give --out FILE (run as `sgkg corpus ...`, it is the service's bundled corpus)",
        )
    return out


OUT_HELP = "The corpus file [default, under `sgkg`: the service's bundled corpus, service/data/corpus.trig]."


@corpus_group.command("build")
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of seed documents (default ../shared/seeds).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help=OUT_HELP)
def corpus_build(seeds, out):
    """Ingest the seeds and write their document graphs as TriG."""
    out = _corpus_file(out)
    data = build_corpus(seeds or _default_seeds())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    click.echo(f"wrote {out} ({len(data.splitlines())} lines)")


@corpus_group.command("check")
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help=OUT_HELP)
def corpus_check(seeds, out):
    """Fail (exit 1) when the bundled corpus differs from a fresh ingest of the seeds."""
    out = _corpus_file(out)
    fresh = build_corpus(seeds or _default_seeds())
    if not out.is_file() or out.read_bytes() != fresh:
        click.echo(f"{out} is out of date: run `sgkg corpus build`", err=True)
        sys.exit(1)
    click.echo(f"{out} is up to date")


__all__ = ["ingest_command", "nlp_group", "corpus_group", "SgkgError"]
