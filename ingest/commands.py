"""The store commands of `sgkg` that ingestion owns: init, load, validate, export.

Each command parses its options (``ingest.options``, from the settings table), calls one plain function
of this module (or of ``ingest``), and prints.  Domain errors propagate to ``service.cli.main``, which
prints them as one line and exits 2; non-conformance exits 1.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax import SAXParseException

import click
import pyoxigraph as ox
import rdflib
from rdflib.exceptions import ParserError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.notation3 import BadSyntax

from sgkg.ingest.errors import EmptyDocument, RdfSyntaxError, UnknownFormat
from sgkg.ingest.options import format_option, store_options
from sgkg.ingest.store import GraphStore, init_store, open_configured, store_location, to_oxigraph
from sgkg.ontology.namespaces import GRAPH, REFERENCE_GRAPH

# --format of `sgkg load` -> rdflib parser name
RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdf/xml": "xml"}
EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "rdf/xml",
    ".owl": "rdf/xml",
    ".xml": "rdf/xml",
}
EXPORT_FORMATS = ("trig", "nquads")
# exit status when data does not conform (SystemExit rather than ctx.exit: main() runs click with
# standalone_mode=False, where ctx.exit(1) is returned as a value and would be lost)
NOT_CONFORMING = 1
_PARSE_ERRORS = (BadSyntax, ParserError, SAXParseException, ValueError)


# --- init --------------------------------------------------------------------------------


@click.command("init")
@store_options
def init_command(**options) -> None:
    """Create the store (if needed) and (re)load the reference graph: ontology, vocabularies, reference data."""
    with open_configured(options.__getitem__) as store:
        init_store(store)
        count = store.count(str(REFERENCE_GRAPH))
    click.echo(f"{store_location(options.__getitem__)}: reference graph <{REFERENCE_GRAPH}> holds {count} triples")


# --- load --------------------------------------------------------------------------------


@dataclass
class LoadOutcome:
    """What `load` did: graphs written (IRI -> triples) or, when any graph fails the shapes, refused."""

    source: str
    loaded: dict[str, int] = field(default_factory=dict)
    refused: dict = field(default_factory=dict)  # graph IRI -> ingest.validate.ValidationReport

    @property
    def conforms(self) -> bool:
        return not self.refused


def rdf_format(path: Path, fmt: str | None) -> str:
    """The rdflib parser for a file: --format, else from its extension."""
    name = fmt or EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise UnknownFormat(
            f"cannot tell the RDF format from the extension {path.suffix!r}",
            where=str(path),
            hint="give --format (" + ", ".join(RDF_FORMATS) + ")",
        )
    return RDF_FORMATS[name]


def default_load_graph(data: bytes) -> str:
    """https://w3id.org/sgkg/graph/load/{first 16 hex of the file's SHA-256}."""
    return str(GRAPH["load/" + hashlib.sha256(data).hexdigest()[:16]])


def read_rdf(path: Path, *, fmt: str | None = None, graph: str | None = None) -> dict[str, rdflib.Graph]:
    """The file's graphs by IRI: named graphs of a quads file as named, default-graph triples into ``graph``."""
    data = path.read_bytes()
    dataset = rdflib.Dataset()
    try:
        dataset.parse(data=data, format=rdf_format(path, fmt), publicID=path.resolve().as_uri())
    except _PARSE_ERRORS as exc:
        raise RdfSyntaxError(f"cannot parse: {exc}", where=str(path), hint="check the syntax, or --format") from exc
    graphs: dict[str, rdflib.Graph] = {}
    for part in dataset.graphs():
        if not len(part):
            continue
        if part.identifier == DATASET_DEFAULT_GRAPH_ID:
            iri = graph or default_load_graph(data)
        elif isinstance(part.identifier, rdflib.URIRef):
            iri = str(part.identifier)
        else:
            raise RdfSyntaxError("a graph is named by a blank node", where=str(path), hint="name graphs with IRIs")
        target = graphs.setdefault(iri, rdflib.Graph())
        target += part
    if not graphs:
        raise EmptyDocument("the file holds no triples", where=str(path))
    return graphs


def load_rdf(store: GraphStore, path: Path, *, fmt: str | None = None, graph: str | None = None) -> LoadOutcome:
    """Validate every graph of the file; when all conform, replace each one atomically, else write nothing."""
    from sgkg.ingest.validate import validate

    graphs = read_rdf(path, fmt=fmt, graph=graph)
    outcome = LoadOutcome(source=str(path))
    for iri, part in graphs.items():
        report = validate(part)
        if not report.conforms:
            outcome.refused[iri] = report
    if outcome.refused:
        return outcome
    for iri, part in graphs.items():
        store.replace_graph(iri, to_oxigraph(part))
        outcome.loaded[iri] = len(part)
    return outcome


def _check_iri(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return ox.NamedNode(value).value
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an absolute IRI") from None


@click.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--graph",
    callback=_check_iri,
    metavar="IRI",
    help="Named graph for the file's default-graph triples [default: graph/load/{sha16 of the file}].",
)
@format_option(RDF_FORMATS, "RDF format [default: from the extension].")
@store_options
def load_command(file: Path, graph: str | None, fmt: str | None, **options) -> None:
    """Load an RDF file into a named graph after SHACL validation, refusing what does not conform (exit 1)."""
    with open_configured(options.__getitem__) as store:
        outcome = load_rdf(store, file, fmt=fmt, graph=graph)
    if not outcome.conforms:
        for iri, report in outcome.refused.items():
            click.echo(f"# <{iri}>\n{report.text.rstrip()}\n")
        click.echo(f"refused: {file} does not conform to the shapes; the store is unchanged", err=True)
        raise SystemExit(NOT_CONFORMING)
    for iri, count in outcome.loaded.items():
        click.echo(f"loaded {count} triples from {file} into <{iri}>")


# --- validate ----------------------------------------------------------------------------


@click.command("validate")
@store_options
def validate_command(**options) -> None:
    """Validate every document graph in the store with SHACL (exit 0 conforms, 1 violations, 2 error)."""
    from sgkg.ingest.validate import validate_store

    with open_configured(options.__getitem__, read_only=True) as store:
        reports = validate_store(store)
    failing = [iri for iri, report in reports.items() if not report.conforms]
    for iri, report in reports.items():
        if report.conforms and not report.results:
            continue
        click.echo(f"# <{iri}>\n{report.text.rstrip()}\n")
    click.echo(f"{len(reports)} graphs validated, {len(failing)} with violations")
    if failing:
        raise SystemExit(NOT_CONFORMING)


# --- export ------------------------------------------------------------------------------


@click.command("export")
@format_option(EXPORT_FORMATS, "Serialisation of the whole store.", default="trig")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write [default: standard output].",
)
@store_options
def export_command(fmt: str, output: Path | None, **options) -> None:
    """Write every graph of the store as TriG or N-Quads."""
    with open_configured(options.__getitem__, read_only=True) as store:
        data = store.dump(fmt)
    if output is None:
        click.get_binary_stream("stdout").write(data)
        return
    output.write_bytes(data)
    click.echo(f"wrote {len(data)} bytes of {fmt} to {output}", err=True)
