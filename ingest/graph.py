"""Facts -> one rdflib Graph per document, following docs/data-model.md.

Every extracted triple (other than rdf:type, labels, names and
prov:wasDerivedFrom) gets an ``sgkg:Evidence`` node whose quote is exactly
``original_text[start:end]``; evidence IRIs are derived from the triple and the
span, so re-ingesting gives the same graph.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from sgkg.ontology.namespaces import (
    DOCUMENT_KIND,
    DUTY_TYPE,
    FREQUENCY,
    MEMBERSHIP_ROLE,
    ORG_TYPE,
    PARTNERSHIP_TYPE,
    POST_ROLE,
    PREFIXES,
    RELATIONSHIP_KIND,
    REVIEW_TYPE,
    SGKG,
    SOFTWARE_AGENT,
    THEME,
)

from . import identity as ids
from .facts import Facts, Mention

_NO_EVIDENCE = {RDF.type, RDFS.label, SKOS.prefLabel, FOAF.name, PROV.wasDerivedFrom}


def software_version() -> str:
    try:
        return version("sgkg")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without metadata
        return "0"


def started_at(given: datetime | None = None) -> datetime:
    """The instant given (`sgkg corpus build` passes its epoch), else SOURCE_DATE_EPOCH when set (reproducible
    builds), else now."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def typed_date(value: str) -> Literal | None:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal, or None when the value is not a real calendar
    date (e.g. "2021-06-00" from a damaged table): no date is better than a false one."""
    import datetime

    try:
        if len(value) == 10:
            datetime.date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        if len(value) == 7 and 1 <= int(value[5:7]) <= 12 and value[4] == "-":
            return Literal(value, datatype=XSD.gYearMonth)
        if len(value) == 4 and value.isdigit():
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        return None
    return None


def _first_day(value: str) -> str:
    """'2021' -> '2021-01-01', '2018-09' -> '2018-09-01', a full date unchanged."""
    return value + "-01-01" if len(value) == 4 else value + "-01" if len(value) == 7 else value


def as_of_date(date: str | None, period: str | None, review_date: str | None) -> str | None:
    """The day a document's statements are taken to hold (``sgkg:asOf``): its own date (the first day of
    a month or year given alone), else the end of the reporting period it covers (31 March of the period's
    last year: "2019/20" -> 2020-03-31, the financial year English partnerships report on), else its review
    date (a protocol "to be reviewed September 2018" was in force until then); None when it states none of
    these (an undated document sorts last)."""
    if date and typed_date(date) is not None:
        return _first_day(date)
    if period:
        last = period.replace("-", "/").split("/")[-1]
        if last.isdigit():
            return f"{period[:2] + last if len(last) == 2 else last}-03-31"
    if review_date and typed_date(review_date) is not None:
        return _first_day(review_date)
    return None


class GraphBuilder:
    """Adds facts with their evidence to one document graph."""

    def __init__(self, source, normalised, facts: Facts, areas_label, started: datetime | None = None):
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.source = source
        self.norm = normalised
        self.facts = facts
        self.doc = ids.document_iri(source.doc_id)
        self.activity = ids.activity_iri(source.doc_id)
        self.area_label = areas_label
        self.minted: set[URIRef] = set()
        self.started = started_at(started)

    # -- primitives ------------------------------------------------------------
    def span(self, m: Mention) -> tuple[int, int, str]:
        start, end = self.norm.to_original(m.start, m.end)
        original = self.source.text
        return start, end, original[start:end]

    def add(self, s, p, o, m: Mention | None) -> None:
        self.g.add((s, p, o))
        if p in _NO_EVIDENCE or m is None:
            return
        start, end, quote = self.span(m)
        if not quote.strip():
            return
        ev = ids.evidence_iri(self.source.doc_id, s, p, o, start, end)
        g = self.g
        if (ev, RDF.type, SGKG.Evidence) in g:
            return  # the same statement from the same span by a second rule: the first rule's evidence stands
        g.add((ev, RDF.type, SGKG.Evidence))
        g.add((ev, RDF.subject, s))
        g.add((ev, RDF.predicate, p))
        g.add((ev, RDF.object, o))
        g.add((ev, PROV.wasQuotedFrom, self.doc))
        g.add((ev, PROV.value, Literal(quote)))
        g.add((ev, SGKG.start, Literal(start, datatype=XSD.integer)))
        g.add((ev, SGKG.end, Literal(end, datatype=XSD.integer)))
        g.add((ev, SGKG.rule, Literal(m.rule)))
        g.add((ev, PROV.wasGeneratedBy, self.activity))

    def node(self, iri: URIRef, cls, label: str) -> URIRef:
        if iri not in self.minted:
            self.minted.add(iri)
            self.g.add((iri, RDF.type, cls))
            self.g.add((iri, RDFS.label, Literal(label)))
            self.g.add((iri, PROV.wasDerivedFrom, self.doc))
        return iri

    # -- document ----------------------------------------------------------------
    def document(self, digest: str) -> None:
        g, d, src, meta = self.g, self.doc, self.source, self.facts.document
        g.add((d, RDF.type, SGKG.SourceDocument))
        title = meta.title[0] if meta.title else src.source_name  # sgkg_document already weighed the title hint
        self.add(d, DCTERMS.title, Literal(title), meta.title[1] if meta.title else None)
        kind = meta.kind[0] if meta.kind else "other"
        self.add(d, SGKG.documentKind, DOCUMENT_KIND[kind], meta.kind[1] if meta.kind else None)
        typed = typed_date(meta.date[0]) if meta.date else None
        if typed is not None:
            self.add(d, DCTERMS.date, typed, meta.date[1])
        as_of = as_of_date(*(v[0] if v else None for v in (meta.date, meta.period, meta.review_date)))
        if as_of is not None:
            source = meta.date if meta.date and typed else meta.period or meta.review_date
            self.add(d, SGKG.asOf, Literal(as_of, datatype=XSD.date), source[1])
        for field_, prop in (
            ("period", SGKG.period),
            ("version", SGKG.version),
            ("review_date", SGKG.reviewDate),
            ("publisher", DCTERMS.publisher),
        ):
            value = getattr(meta, field_)
            if value:
                self.add(d, prop, Literal(value[0]), value[1])
        for code in self.facts.areas:
            self.add(d, DCTERMS.spatial, ids.area_iri(code), self.facts.area_mention)
        g.add((d, DCTERMS.identifier, Literal(src.sha256)))
        g.add((d, SGKG.sourceName, Literal(src.source_name)))
        g.add((d, DCTERMS.format, Literal(src.media_type)))
        g.add((d, SGKG.characters, Literal(len(src.text), datatype=XSD.integer)))
        a = self.activity
        g.add((a, RDF.type, SGKG.ExtractionActivity))
        g.add((a, PROV.used, d))
        g.add((a, PROV.wasAssociatedWith, SOFTWARE_AGENT))
        g.add((a, PROV.startedAtTime, Literal(self.started.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
        g.add((a, SGKG.factsDigest, Literal(digest)))
        g.add((SOFTWARE_AGENT, RDF.type, PROV.SoftwareAgent))
        g.add((SOFTWARE_AGENT, RDFS.label, Literal(f"sgkg {software_version()}")))

    # -- categories --------------------------------------------------------------
    def partnerships(self) -> None:
        for p in self.facts.partnerships:
            s = self.node(ids.partnership_iri(p.key), SGKG.Partnership, p.name)
            self.g.add((s, SKOS.prefLabel, Literal(p.name, lang="en")))
            self.add(s, ORG.classification, PARTNERSHIP_TYPE[p.type_id], p.type_mention or p.mention)
            self.add(s, SGKG.statutory, Literal(p.statutory), p.type_mention or p.mention)
            for code in p.areas:
                self.add(s, DCTERMS.spatial, ids.area_iri(code), p.mention)
            for abbr, m in sorted(p.abbreviations.items()):
                self.add(s, SGKG.abbreviation, Literal(abbr), m)

    def bases(self) -> None:
        for b in self.facts.bases:
            s = ids.partnership_iri(b.partnership)
            target = URIRef(b.provision or b.legislation)
            self.add(s, SGKG.statutoryBasis, target, b.mention)
            if b.provision and not b.known_provision:
                self.g.add((target, RDF.type, SGKG.Provision))
                self.g.add((target, RDFS.label, Literal(b.provision_label or b.provision)))
                self.add(target, DCTERMS.isPartOf, URIRef(b.legislation), b.mention)
                self.add(target, SGKG.sectionNumber, Literal(b.section), b.mention)
                self.g.add((target, PROV.wasDerivedFrom, self.doc))

    def organisations(self) -> None:
        for o in self.facts.organisations:
            okey = ids.organisation_key(o.name, o.generic, o.areas)
            org = self.node(ids.organisation_iri(okey), SGKG.Organisation, o.name)
            self.add(org, SGKG.organisationType, ORG_TYPE[o.org_type], o.mention)
            if o.reference:  # one "Thames Valley Police" across every area and document that names it
                self.add(org, SKOS.exactMatch, URIRef(o.reference), o.mention)
            if o.generic:
                for code in o.areas:
                    self.add(org, DCTERMS.spatial, ids.area_iri(code), o.mention)
            mem = self.node(
                ids.membership_iri(o.partnership, okey, o.role),
                ORG.Membership,
                f"{o.name} ({o.role.replace('-', ' ')})",
            )
            self.add(mem, ORG.organization, ids.partnership_iri(o.partnership), o.mention)
            self.add(mem, ORG.member, org, o.mention)
            self.add(mem, ORG.role, MEMBERSHIP_ROLE[o.role], o.mention)

    def posts(self) -> None:
        for p in self.facts.posts:
            post = self.node(ids.post_iri(p.partnership, p.role, p.person or p.title), ORG.Post, p.title)
            self.add(post, ORG.postIn, ids.partnership_iri(p.partnership), p.mention)
            self.add(post, ORG.role, POST_ROLE[p.role], p.mention)
            if p.person:
                person = self.node(ids.person_iri(p.person), FOAF.Person, p.person)
                self.g.add((person, FOAF.name, Literal(p.person)))
                self.add(post, ORG.heldBy, person, p.mention)

    def duties(self) -> None:
        for d in self.facts.duties:
            s = self.node(ids.duty_iri(d.partnership, d.duty_type, d.label), SGKG.Duty, d.label)
            self.add(s, SGKG.dutyOf, ids.partnership_iri(d.partnership), d.mention)
            if d.duty_type:
                self.add(s, SGKG.dutyType, DUTY_TYPE[d.duty_type], d.mention)
            for basis in d.bases:
                self.add(s, SGKG.statutoryBasis, URIRef(basis), d.mention)

    def relationships(self) -> None:
        for r in self.facts.relationships:
            target, to_key = self._relationship_target(r)
            s = self.node(ids.relationship_iri(r.source, r.kind, to_key), SGKG.Relationship, r.label)
            self.add(s, SGKG.source, ids.partnership_iri(r.source), r.mention)
            self.add(s, SGKG.target, target, r.mention)
            self.add(s, SGKG.relationshipKind, RELATIONSHIP_KIND[r.kind], r.mention)
            if r.frequency:
                self.add(s, SGKG.frequency, FREQUENCY[r.frequency], r.mention)

    def _relationship_target(self, r) -> tuple[URIRef, str]:
        """(IRI, key) of the target: a partnership, or an organisation ("org:{name}") minted here with its type and
        area."""
        if not r.target.startswith("org:"):
            return ids.partnership_iri(r.target), r.target
        name = r.target[4:]
        p = self.facts.partnership(r.source)
        areas = p.areas if p else self.facts.areas
        okey = ids.organisation_key(name, True, areas)
        org = self.node(ids.organisation_iri(okey), SGKG.Organisation, name)
        self.add(org, SGKG.organisationType, ORG_TYPE[r.target_type or "other"], r.mention)
        for code in areas:
            self.add(org, DCTERMS.spatial, ids.area_iri(code), r.mention)
        return org, okey

    def priorities(self) -> None:
        for p in self.facts.priorities:
            scope = f"joint/{self.source.doc_id}" if p.joint else p.owners[0]
            s = self.node(ids.priority_iri(scope, p.label), SGKG.Priority, p.label)
            for owner in p.owners:
                self.add(s, SGKG.priorityOf, ids.partnership_iri(owner), p.mention)
            self.add(s, SGKG.joint, Literal(p.joint), p.mention)
            for theme in p.themes:
                self.add(s, DCTERMS.subject, THEME[theme], p.mention)
            if p.period:
                self.add(s, SGKG.period, Literal(p.period), p.mention)
            if p.lead:
                self.add(s, SGKG.leadPartnership, ids.partnership_iri(p.lead), p.mention)
            for c in p.contributing:
                self.add(s, SGKG.contributingPartnership, ids.partnership_iri(c), p.mention)

    def subgroups(self) -> None:
        for sg in self.facts.subgroups:
            s = self.node(ids.subgroup_iri(sg.partnership, sg.name), SGKG.Subgroup, sg.name)
            self.add(s, ORG.unitOf, ids.partnership_iri(sg.partnership), sg.mention)
            self.add(s, ORG.classification, PARTNERSHIP_TYPE["subgroup"], sg.mention)

    def reviews(self) -> None:
        for r in self.facts.reviews:
            s = self.node(
                ids.review_iri(r.partnership, r.review_type, r.description or r.date or "review"),
                SGKG.Review,
                r.description or r.review_type.replace("-", " "),
            )
            self.add(s, SGKG.reviewType, REVIEW_TYPE[r.review_type], r.mention)
            self.add(s, SGKG.reviewOf, ids.partnership_iri(r.partnership), r.mention)
            if r.description:
                self.add(s, DCTERMS.description, Literal(r.description), r.mention)
            if r.status:
                self.add(s, SGKG.status, Literal(r.status), r.mention)
            if r.date:
                self.add(s, DCTERMS.date, Literal(r.date), r.mention)

    def figures(self) -> None:
        for n, f in enumerate(self.facts.figures, 1):
            s = self.node(ids.figure_iri(self.source.doc_id, f.label, n), SGKG.Figure, f.label)
            self.add(s, RDF.value, Literal(f.value, datatype=XSD.decimal), f.mention)
            self.add(s, SGKG.unit, Literal(f.unit), f.mention)
            if f.period:
                self.add(s, SGKG.period, Literal(f.period), f.mention)
            target = ids.area_iri(f.of[5:]) if f.of.startswith("area:") else ids.partnership_iri(f.of)
            self.add(s, SGKG.figureOf, target, f.mention)

    def values(self) -> None:
        for v in self.facts.values:
            s = self.node(ids.value_iri(v.partnership, v.label), SGKG.Value, v.label)
            self.add(s, SGKG.valueKind, Literal(v.kind), v.mention)
            self.add(s, SGKG.valueOf, ids.partnership_iri(v.partnership), v.mention)

    def successions(self) -> None:
        """``new dcterms:replaces old`` and its inverse, each with the sentence that says the old board is gone."""
        for f in self.facts.successions:
            new, old = ids.partnership_iri(f.successor), ids.partnership_iri(f.predecessor)
            self.add(new, DCTERMS.replaces, old, f.mention)
            self.add(old, DCTERMS.isReplacedBy, new, f.mention)


def build_graph(source, normalised, facts: Facts, *, started: datetime | None = None) -> Graph:
    """The document graph of one source (docs/data-model.md); ``started`` is the extraction's instant
    (None: SOURCE_DATE_EPOCH, else now)."""
    b = GraphBuilder(source, normalised, facts, None, started)
    b.document(facts.digest())
    for step in (
        b.partnerships,
        b.bases,
        b.organisations,
        b.posts,
        b.duties,
        b.relationships,
        b.priorities,
        b.subgroups,
        b.reviews,
        b.figures,
        b.values,
        b.successions,
    ):
        step()
    return b.g
