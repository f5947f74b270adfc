"""Extraction patterns as data.

Two sources, one list:

* generated from the reference graph (``ontology.load()``): every SKOS label
  (``prefLabel``, ``altLabel``, ``hiddenLabel``, ``sgkg:patternLabel``) of the
  closed vocabularies, every legislation title and short form, every area name;
* hand-written structural rules in ``ingest/patterns/*.jsonl`` (cue phrases
  and token patterns), each with an ``id`` that ends up in the provenance.

A pattern is a dict: ``id``, ``label``, ``pattern`` (a phrase string, matched
case-insensitively, or a list of spaCy Matcher token dicts, in which
``{"SCHEME": "partnership-type"}`` stands for any label of that scheme), and
optional ``concept`` (concept id, legislation IRI or GSS code) and ``attrs``.
The list is built by the registered function ``sgkg.patterns.v1``, as the
spaCy authors advise (loading JSONL from a config fails on 3.8).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib.resources import files

from rdflib import DCTERMS, RDF, RDFS, SKOS, Graph
from spacy.util import registry

from sgkg.ontology.namespaces import SGKG, VOCAB

from .identity import Area, AreaIndex
from .organisations import OrganisationIndex, organisation_index

# vocabulary scheme -> entity label of its phrases
SCHEME_LABELS = {
    "partnership-type": "PTYPE",
    "org-type": "OTYPE",
    "membership-role": "MROLE",
    "post-role": "PROLE",
    "duty-type": "DUTY",
    "theme": "THEME",
    "relationship-kind": "RELKIND",
    "frequency": "FREQ",
    "review-type": "REVIEW",
    "document-kind": "DOCKIND",
}


@dataclass
class Concept:
    scheme: str
    id: str
    pref: str
    labels: list[str]  # every label used for matching, pref first
    statutory: bool | None = None
    names: tuple[str, ...] = ()  # prefLabel and altLabels only (the concept's own names, not pattern variants)


@dataclass
class Legislation:
    uri: str
    title: str
    labels: list[str]
    kind: str  # ukpga | uksi
    year: str


@dataclass
class Reference:
    """What extraction needs from the reference graph, read once."""

    concepts: dict[str, dict[str, Concept]] = field(default_factory=dict)  # scheme -> id -> concept
    legislation: dict[str, Legislation] = field(default_factory=dict)  # uri -> act
    provisions: dict[tuple[str, str], str] = field(default_factory=dict)  # (act uri, "13") -> uri
    areas: AreaIndex = field(default_factory=lambda: AreaIndex([]))
    # partnership-type id -> Acts/SIs of its statutory basis
    type_acts: dict[str, set[str]] = field(default_factory=dict)
    # partnership-type id -> its statutory bases (Acts or provisions)
    type_bases: dict[str, set[str]] = field(default_factory=dict)
    # partnership-type id -> membership-role id of the bodies that form it
    core_roles: dict[str, str] = field(default_factory=dict)
    # partnership-type id -> the types that replaced it (dcterms:isReplacedBy)
    successor_types: dict[str, set[str]] = field(default_factory=dict)
    # national organisations (police forces, ICBs, CCGs, fire and rescue, probation regions): lookup(name),
    # serving(area, type), serving_one(area, type); see ingest/organisations.py. Links names, never adds partners.
    organisations: OrganisationIndex = field(default_factory=OrganisationIndex)

    def concept(self, scheme: str, cid: str) -> Concept | None:
        return self.concepts.get(scheme, {}).get(cid)

    def statutory_type(self, cid: str) -> bool:
        c = self.concept("partnership-type", cid)
        return bool(c and c.statutory)


def _concept_id(iri: str) -> tuple[str, str] | None:
    base = str(VOCAB)
    if not iri.startswith(base):
        return None
    scheme, _, cid = iri[len(base) :].partition("/")
    return (scheme, cid) if cid and "/" not in cid else None


def _labels(graph: Graph, node, *preds) -> list[str]:
    out: list[str] = []
    for p in preds:
        for o in sorted(graph.objects(node, p), key=str):
            if str(o) not in out:
                out.append(str(o))
    return out


def reference_from_graph(graph: Graph) -> Reference:
    ref = Reference()
    for c in sorted(set(graph.subjects(SKOS.inScheme, None)), key=str):
        ids = _concept_id(str(c))
        if ids is None:
            continue
        scheme, cid = ids
        pref = _labels(graph, c, SKOS.prefLabel) or [cid.replace("-", " ")]
        labels = pref + [
            ln for ln in _labels(graph, c, SKOS.altLabel, SKOS.hiddenLabel, SGKG.patternLabel) if ln not in pref
        ]
        stat = graph.value(c, SGKG.statutoryType)
        ref.concepts.setdefault(scheme, {})[cid] = Concept(
            scheme,
            cid,
            pref[0],
            labels,
            None if stat is None else bool(stat.toPython()),
            tuple(pref + _labels(graph, c, SKOS.altLabel)),
        )
        core = graph.value(c, SGKG.coreMembershipRole)
        if core is not None and _concept_id(str(core)):
            ref.core_roles[cid] = _concept_id(str(core))[1]
        for newer in graph.objects(c, DCTERMS.isReplacedBy) if scheme == "partnership-type" else ():
            if _concept_id(str(newer)):
                ref.successor_types.setdefault(cid, set()).add(_concept_id(str(newer))[1])
        for basis in graph.objects(c, SGKG.statutoryBasis):
            act = re.split(r"/(?:section|regulation|schedule|part|article)/", str(basis))[0]
            ref.type_acts.setdefault(cid, set()).add(act)
            ref.type_bases.setdefault(cid, set()).add(str(basis))
    for leg in sorted(set(graph.subjects(RDF.type, SGKG.Legislation)), key=str):
        title = (_labels(graph, leg, RDFS.label, DCTERMS.title) or [""])[0]
        labels = _labels(graph, leg, RDFS.label, DCTERMS.title, SKOS.altLabel, SKOS.hiddenLabel)
        kind = str(graph.value(leg, SGKG.legislationType) or ("uksi" if "/uksi/" in str(leg) else "ukpga"))
        year = str(graph.value(leg, SGKG.year) or "")
        ref.legislation[str(leg)] = Legislation(str(leg), title, labels, kind, year)
    for prov in sorted(set(graph.subjects(RDF.type, SGKG.Provision)), key=str):
        act = graph.value(prov, DCTERMS.isPartOf)
        number = graph.value(prov, SGKG.sectionNumber)
        if act is not None and number is not None:
            ref.provisions[(str(act), _section_key(str(number)))] = str(prov)
    areas = []
    for a in sorted(set(graph.subjects(RDF.type, SGKG.Area)), key=str):
        code = graph.value(a, SKOS.notation)
        names = _labels(graph, a, SKOS.prefLabel, RDFS.label, SKOS.altLabel)
        if code is not None and names:
            current = graph.value(a, DCTERMS.isReplacedBy) is None
            areas.append(Area(str(code), names[0], tuple(names[1:]), current))
    ref.areas = AreaIndex(areas)
    ref.organisations = organisation_index(graph)
    return ref


def _section_key(number: str) -> str:
    """'Sch 2' / 'schedule 2' -> 'sch-2'; '16E' -> '16E'."""
    m = re.match(r"(?i)\s*(?:sch(?:edule)?\.?)\s*(\w+)", number)
    return f"sch-{m.group(1)}" if m else number.strip().upper()


section_key = _section_key


@functools.lru_cache(maxsize=1)
def load_reference() -> Reference:
    """The reference data, read once per process from the ontology package."""
    from sgkg import ontology

    return reference_from_graph(ontology.load())


# --- label variants -----------------------------------------------------------
_VARIANTS = (
    (r"\band\b", "&"),
    (r"&", "and"),
    (r"\bwellbeing\b", "well-being"),
    (r"\bwell-being\b", "wellbeing"),
    (r"\badults\b", "adult"),
    (r"\badult\b", "adults"),
    (r"\bchildren\b", "children's"),
    (r"\bchildren's\b", "children"),
    (r"\bboards\b", "board"),
    (r"\bregulations\b", "regulation"),
    (r"\bco-ordinate\b", "coordinate"),
    (r"\bcoordinate\b", "co-ordinate"),
    (r"\bsubgroup\b", "sub-group"),
    (r"\bon-going\b", "ongoing"),
)


def variants(label: str) -> list[str]:
    """Spelling variants councils use for the same label (and/&, adult(s), children('s), ...)."""
    seen = {label.lower().replace("’", "'")}
    frontier = list(seen)
    while frontier:
        current = frontier.pop()
        for pattern, repl in _VARIANTS:
            new = re.sub(pattern, repl, current)
            if new not in seen and len(seen) < 32:
                seen.add(new)
                frontier.append(new)
    return sorted(seen)


def _legislation_labels(act: Legislation, short_counts: dict[str, int]) -> list[str]:
    out: list[str] = []
    for label in act.labels:
        out += variants(label)
        short = re.sub(r"\s+\d{4}$", "", label)
        if short != label and short_counts.get(short.lower(), 0) == 1:
            out += variants(short)  # "the Care Act" when only one Care Act is known
    return sorted(set(out))


def _acronym(label: str) -> bool:
    """Acronyms ("SAB", "HWBB", "CCG's") are matched case-sensitively, everything else ignoring case."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}s?", label))


def vocabulary_patterns(ref: Reference) -> list[dict]:
    patterns: list[dict] = []
    for scheme, label in SCHEME_LABELS.items():
        for cid, concept in sorted(ref.concepts.get(scheme, {}).items()):
            if cid == "other":
                continue
            acronyms = sorted({lab for lab in concept.labels if _acronym(lab)})
            for text in acronyms:
                patterns.append(
                    {"id": f"vocab.{scheme}", "label": label, "pattern": text, "concept": cid, "acronym": True}
                )
            for text in sorted({v for lab in concept.labels if not _acronym(lab) for v in variants(lab)}):
                patterns.append({"id": f"vocab.{scheme}", "label": label, "pattern": text, "concept": cid})
    shorts: dict[str, int] = {}
    for act in ref.legislation.values():
        for lab in act.labels:
            s = re.sub(r"\s+\d{4}$", "", lab).lower()
            if s != lab.lower():
                shorts[s] = shorts.get(s, 0) + 1
    for uri, act in sorted(ref.legislation.items()):
        for text in _legislation_labels(act, shorts):
            patterns.append({"id": "legislation.title", "label": "LEG", "pattern": text, "concept": uri})
    return patterns


def structural_patterns() -> list[dict]:
    """The hand-written rules in ingest/patterns/*.jsonl, in file order."""
    folder = files("sgkg.ingest") / "patterns"
    out: list[dict] = []
    for f in sorted((f for f in folder.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:  # a broken pattern file is a bug: say where
                raise ValueError(f"ingest/patterns/{f.name}:{n}: {exc}") from None
            if "id" not in item or "label" not in item or "pattern" not in item:
                raise ValueError(f"ingest/patterns/{f.name}:{n}: a pattern needs id, label and pattern")
            out.append(item)
    return out


@registry.misc("sgkg.patterns.v1")
def make_patterns() -> list[dict]:
    """Every pattern: vocabulary and legislation labels, then the structural rules."""
    return build_patterns()


@functools.lru_cache(maxsize=1)
def _cached_patterns() -> tuple:
    ref = load_reference()
    return tuple(vocabulary_patterns(ref) + structural_patterns())


def build_patterns() -> list[dict]:
    return [dict(p) for p in _cached_patterns()]


# --- component rules: the regexes and word lists of one extraction component, as data ----------------
# ``ingest/patterns/rules/<component>.jsonl``, one JSON object a line (``//`` lines are comments), each with an ``id``
# and either ``regex`` (with optional ``flags``: letters of i, m, s, x) or ``words`` (a list, read as a set, or as a
# tuple in file order when ``ordered`` is true: a list tried in turn or handed to ``str.endswith``). A rule
# whose match names a concept says which: ``scheme`` and ``concept``; a word list of concept ids says their scheme in
# ``words_scheme`` (tests/ingest/test_patterns_rules.py checks that every such concept exists). A regex may hold
# ``{=name}``: the text of the earlier regex rule ``<component>.name`` of the same file, so a list of verbs is written
# once.
# A component receives its records through its factory config (``@misc = "sgkg.component_rules.v1"``).

_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@dataclass(frozen=True, eq=False)
class RuleSet:
    """One component's compiled rules, by id without the component prefix: ``re(id)`` a compiled regex, ``words(id)``
    a frozen set of words (a tuple when the list is ordered)."""

    component: str
    regexes: dict[str, re.Pattern] = field(default_factory=dict)
    wordlists: dict[str, frozenset[str] | tuple[str, ...]] = field(default_factory=dict)

    def re(self, rid: str) -> re.Pattern:
        return self.regexes[f"{self.component}.{rid}"]

    def words(self, rid: str) -> frozenset[str] | tuple[str, ...]:
        return self.wordlists[f"{self.component}.{rid}"]

    def words_if_any(self, rid: str) -> frozenset[str] | tuple[str, ...] | None:
        """The word list of that id, or None when the component has no such rule (a table keyed by concept)."""
        return self.wordlists.get(f"{self.component}.{rid}")


def read_component_rules(component: str) -> list[dict]:
    """The packaged rule records of one component, in file order."""
    path = files("sgkg.ingest") / "patterns" / "rules" / f"{component}.jsonl"
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:  # a broken rule file is a bug: say where
            raise ValueError(f"ingest/patterns/rules/{component}.jsonl:{n}: {exc}") from None
    return out


def rule_set(component: str, records: list[dict]) -> RuleSet:
    """Compile one component's rule records; an id must start with the component's name and be unique."""
    rules = RuleSet(component)
    texts: dict[str, str] = {}
    for r in records:
        rid = r.get("id", "")
        if not rid.startswith(component + ".") or rid in rules.regexes or rid in rules.wordlists:
            raise ValueError(
                f"ingest/patterns/rules/{component}.jsonl: rule id {rid!r} is missing, repeated or not "
                f"prefixed with {component!r}."
            )
        if "regex" in r:
            flags = 0
            for letter in r.get("flags", ""):
                flags |= _FLAGS[letter]
            texts[rid] = re.sub(
                r"\{=([\w.-]+)\}", lambda m, rid=rid: _fragment(texts, component, rid, m.group(1)), r["regex"]
            )
            rules.regexes[rid] = re.compile(texts[rid], flags)
        elif "words" in r:
            rules.wordlists[rid] = tuple(r["words"]) if r.get("ordered") else frozenset(r["words"])
        else:
            raise ValueError(f"ingest/patterns/rules/{component}.jsonl: rule {rid!r} needs 'regex' or 'words'")
    return rules


def _fragment(texts: dict[str, str], component: str, rid: str, name: str) -> str:
    try:
        return texts[f"{component}.{name}"]
    except KeyError:
        raise ValueError(
            f"ingest/patterns/rules/{component}.jsonl: rule {rid!r} refers to {{={name}}}, which is not "
            "an "
            f"earlier regex rule of the file"
        ) from None


@registry.misc("sgkg.component_rules.v1")
def make_component_rules(component: str) -> list[dict]:
    """The rule records of one component (``ingest/patterns/rules/<component>.jsonl``) for its factory config."""
    return read_component_rules(component)
