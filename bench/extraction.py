"""Extraction quality: precision and recall per category per document.

    python -m bench.extraction [--seeds DIR] [--expected DIR] [--json OUT] [--details] [--totals]
    python -m bench.extraction --real      # the real development set (bench/real/, see its README)
    python -m bench.extraction --set validation --totals   # the real validation set (bench/validation/): totals only

Runs the project's extraction (``ingest.readers.read_source`` then
``ingest.ingest.extract``) on every seed document that has a hand-checked
expected file in ``tests/data/expected/<stem>.json``, reads the facts back out
of the document graph with SPARQL (following docs/data-model.md, so the scorer
does not depend on the pipeline's internals) and compares them with the
expected facts.

Matching is one-to-one and by normalised keys: tolerant of surface variation
(case, apostrophes, "&"/"and", singular/plural, the area prefix of a name, a
generic organisation resolved to its proper name) but not of wrong facts (a
wrong type, role, kind, partnership or direction is a miss *and* a false
positive).  Expected facts marked ``"optional": true`` are neither required
(no miss when absent) nor penalised (no false positive when extracted); they
record readings the text supports but does not force.  ``"*"`` in an optional
fact matches anything in that field.

The matching functions are small and pure; tests/ingest/test_extraction_quality.py
tests them.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_DIR = ROOT / "tests" / "data" / "expected"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
# the real development set (issue 10): hand-checked expected facts committed, the pages' text in a git-ignored cache
REAL_DIR = ROOT / "bench" / "real"
REAL_CACHE = REAL_DIR / "cache"
REAL_EXPECTED = REAL_DIR / "expected"
# the real sets --real scores: the development set rules are written from, and the validation set (same layout)
# that nobody tuning the rules reads: only its totals are reported
REAL_SETS = {
    "real": REAL_DIR,
    "validation": ROOT / "bench" / "validation",
    "validation2": ROOT / "bench" / "validation2",
    # the part of the second held-out set that has been studied (its `studied.txt`); `validation2` scores the rest
    "validation2-studied": ROOT / "bench" / "validation2",
}


def studied_stems(folder: Path) -> set[str]:
    """The documents of a held-out set listed in its ``studied.txt`` (one stem a line, ``#`` comments): read by
    people writing rules, so no longer held out."""
    path = folder / "studied.txt"
    if not path.is_file():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def set_filter(name: str) -> Callable[[str], bool]:
    """Which document stems of a real set a score covers: a held-out set without its studied part, or only it."""
    studied = studied_stems(REAL_SETS[name])
    if name.endswith("-studied"):
        return lambda stem: stem in studied
    return lambda stem: stem not in studied


CATEGORIES = (
    "metadata",
    "partnerships",
    "statutory_bases",
    "duties",
    "statutory_partners",
    "relevant_agencies",
    "roles",
    "priorities",
    "relationships",
    "subgroups",
    "reviews",
    "figures",
)
# Issue 3, "Quality, measured": minimum precision and recall per category (micro-averaged over the seeds).
TARGETS = {
    "partnerships": 0.9,
    "statutory_bases": 0.9,
    "statutory_partners": 0.9,
    "roles": 0.9,
    "duties": 0.8,
    "priorities": 0.8,
    "relationships": 0.8,
}
ORG_SIMILARITY = 0.8  # token-set similarity of organisation names
TEXT_OVERLAP = 0.5  # token overlap of duty / priority / review texts
SYMMETRIC_KINDS = frozenset({"joint-protocol", "joint-chairs-meeting", "shares-business-unit-with"})
METADATA_FIELDS = ("title", "kind", "date", "period", "version", "review_date")
ANY = "*"

# --------------------------------------------------------------------------- text normalisation

_STOPWORDS = frozenset(
    "a an and the of for to in on by with its their our as at from be is are will which who that this "
    "each all any or".split()
)
_HONORIFICS = frozenset(
    "dr doctor mr mrs ms miss mx cllr councillor professor prof sir dame lord lady rev revd "
    "qpm obe mbe cbe chief superintendent supt inspector detective chief constable".split()
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise_text(text: str) -> str:
    """Lowercase words: curly quotes straightened, possessive 's dropped, '&' -> 'and',
    hyphens joined ('well-being' -> 'wellbeing'), other punctuation -> space."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower()
    text = re.sub(r"(\w)'s\b", r"\1", text)
    text = re.sub(r"s'(\s|$)", r"s\1", text)
    text = text.replace("&", " and ")
    text = re.sub(r"(\w)-(\w)", r"\1\2", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def singular(word: str) -> str:
    """A light singular: 'adults' -> 'adult', 'boards' -> 'board'; leaves 'process', 'status', 'analysis'."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str, *, stop: bool = True) -> list[str]:
    """Normalised, singularised words (stopwords dropped unless ``stop=False``)."""
    words = [singular(w) for w in normalise_text(text).split()]
    return [w for w in words if not (stop and w in _STOPWORDS)]


def token_overlap(a: str, b: str) -> float:
    """Overlap coefficient of the content words of two texts: |A & B| / min(|A|, |B|).
    At least two shared words are needed unless the shorter text has only one."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    if shared < min(2, len(ta), len(tb)):
        return 0.0
    return shared / min(len(ta), len(tb))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if (a or b) else 1.0


def token_set_similarity(a: str, b: str) -> float:
    """fuzzywuzzy's token_set_ratio on normalised words, in 0..1: 1.0 when the words of one
    name are a subset of the other's ('Police' ~ 'West Midlands Police')."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    common = " ".join(sorted(ta & tb))
    rest_a = " ".join(sorted(ta - tb))
    rest_b = " ".join(sorted(tb - ta))
    t1 = (common + " " + rest_a).strip()
    t2 = (common + " " + rest_b).strip()
    scores = [_ratio(t1, t2)]
    if common:
        scores += [_ratio(common, t1), _ratio(common, t2)]
    return max(scores)


def strip_area_names(text: str, area_names: Iterable[str]) -> str:
    """The normalised name without the area's name (anywhere in it): 'Safer Sandwell Partnership' -> 'safer
    partnership'."""
    norm = f" {normalise_text(text)} "
    for area in sorted({normalise_text(a) for a in area_names if a}, key=len, reverse=True):
        norm = norm.replace(f" {area} ", " ")
    return " ".join(norm.split())


def partnership_key(name: str, area_names: Iterable[str] = ()) -> str:
    """Comparable form of a partnership name: normalised, area name and 'the' removed, singular words."""
    words = [singular(w) for w in strip_area_names(name, area_names).split()]
    return " ".join(w for w in words if w != "the")


def partnership_names_match(a: str, b: str, area_names: Iterable[str] = ()) -> bool:
    area_names = list(area_names)
    ka, kb = partnership_key(a, area_names), partnership_key(b, area_names)
    return bool(ka) and ka == kb


def org_names_match(a: str, b: str, threshold: float = ORG_SIMILARITY) -> bool:
    return token_set_similarity(a, b) >= threshold


def person_key(name: str | None) -> str:
    """A person's name without honorifics, post-nominals or initials' dots: 'Cllr Ann Shackleton' -> 'ann
    shackleton'."""
    words = [w for w in normalise_text(name or "").split() if w not in _HONORIFICS]
    return " ".join(words)


def persons_match(a: str | None, b: str | None) -> bool:
    ka, kb = person_key(a), person_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()  # 'Bob Dyson' ~ 'Robert Dyson' is not ours to guess; same surname + initial is
    return wa[-1] == wb[-1] and wa[0][0] == wb[0][0] and (len(wa[0]) == 1 or len(wb[0]) == 1)


def legislation_key(iri: str) -> str:
    """legislation.gov.uk IRIs compared scheme-, host- and slash-insensitively."""
    iri = (iri or "").strip().lower()
    iri = re.sub(r"^https?://(www\.)?", "", iri).rstrip("/")
    return iri


def act_of(iri: str) -> str:
    """The Act or SI a provision IRI belongs to (the IRI itself for an Act)."""
    return re.split(r"/(?:section|regulation|schedule|part|article|paragraph)(?:/|$)", legislation_key(iri))[0]


def concept_id(iri: str | None) -> str | None:
    """'https://w3id.org/sgkg/vocab/duty-type/jsna' -> 'jsna'."""
    if not iri:
        return None
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def normalise_date(text: str | None) -> str | None:
    """ISO date, year-month or year from the common forms: '31 January 2023', '2018-04', 'April 2018', '23/04/18',
    '2021'."""
    if not text:
        return None
    t = " ".join(re.sub(r"[^a-z0-9]+", " ", str(text).lower()).split())
    m = re.fullmatch(r"(\d{4}) (\d{1,2}) (\d{1,2})", t)
    if m:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.fullmatch(r"(\d{4}) (\d{1,2})", t)
    if m:
        return f"{m[1]}-{int(m[2]):02d}"
    m = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", t)
    if m and m[2] in _MONTHS:
        return f"{m[3]}-{_MONTHS[m[2]]:02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"([a-z]+) (\d{4})", t)
    if m and m[1] in _MONTHS:
        return f"{m[2]}-{_MONTHS[m[1]]:02d}"
    m = re.fullmatch(r"(\d{1,2}) (\d{1,2}) (\d{2}|\d{4})", t)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return f"{year}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"\d{4}", t)
    if m:
        return t
    return t


def normalise_period(text: str | None) -> str | None:
    """'2019-2020', '2019/2020', '2019-20', '19/20' -> '2019/20'."""
    if not text:
        return None
    t = str(text).strip()
    m = re.search(r"(?<!\d)(\d{2}|\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})(?!\d)", t)
    if not m:
        return normalise_text(t)
    start = int(m[1]) + (2000 if len(m[1]) == 2 else 0)
    return f"{start}/{int(m[2]) % 100:02d}"


# --------------------------------------------------------------------------- scores


@dataclass
class Score:
    """Counts of one category in one document (or summed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision_known: bool = True  # False where the expected list is incomplete (false positives unknowable)
    ptp: int = 0  # true positives where precision is known (the precision numerator)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [agree, compared]

    def add(self, other: "Score") -> None:
        """Sum another score into this one (a total starts with ``precision_known=False``)."""
        self.tp += other.tp
        self.fn += other.fn
        if other.precision_known:
            self.fp += other.fp
            self.ptp += other.ptp
            self.precision_known = True
        for name, (agree, total) in other.attributes.items():
            pair = self.attributes.setdefault(name, [0, 0])
            pair[0] += agree
            pair[1] += total

    def attribute(self, name: str, agree: bool) -> None:
        pair = self.attributes.setdefault(name, [0, 0])
        pair[0] += int(bool(agree))
        pair[1] += 1

    @property
    def precision(self) -> float | None:
        if not self.precision_known:
            return None
        return prf(self.ptp, self.fp, 0)[0]

    @property
    def recall(self) -> float | None:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty denominator counts as perfect (nothing to find, nothing wrong)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def assign(
    expected: list[dict], extracted: list[dict], similarity: Callable[[dict, dict], float | None]
) -> list[tuple[int, int]]:
    """One-to-one greedy assignment, best similarity first; required facts are served before optional ones.
    ``similarity`` returns None for "no match". Returns (expected index, extracted index) pairs."""
    pairs: list[tuple[int, int]] = []
    used_x: set[int] = set()
    for optional_pass in (False, True):
        candidates = []
        for i, e in enumerate(expected):
            if bool(e.get("optional")) != optional_pass:
                continue
            for j, x in enumerate(extracted):
                if j in used_x:
                    continue
                s = similarity(e, x)
                if s is not None:
                    candidates.append((-s, i, j))
        used_e: set[int] = set()
        for _neg, i, j in sorted(candidates):
            if i in used_e or j in used_x:
                continue
            used_e.add(i)
            used_x.add(j)
            pairs.append((i, j))
        # an optional fact may absorb several extracted facts (e.g. a tolerated reading repeated)
        if optional_pass:
            for _neg, i, j in sorted(candidates):
                if j not in used_x:
                    used_x.add(j)
                    pairs.append((i, j))
    return pairs


def score_matches(
    expected: list[dict],
    extracted: list[dict],
    similarity,
    describe_e,
    describe_x,
    *,
    complete: bool = True,
    ignore: Callable[[dict], bool] | None = None,
) -> tuple[Score, list[tuple[dict, dict]]]:
    """Counts after assignment. ``ignore(x)`` marks extracted facts that are tolerated (neither TP nor FP)."""
    pairs = assign(expected, extracted, similarity)
    matched_e = {i for i, _ in pairs}
    matched_x = {j for _, j in pairs}
    score = Score(precision_known=complete)
    score.tp = sum(1 for i in matched_e if not expected[i].get("optional"))
    score.ptp = score.tp if complete else 0
    for i, e in enumerate(expected):
        if i not in matched_e and not e.get("optional"):
            score.fn += 1
            score.misses.append(describe_e(e))
    for j, x in enumerate(extracted):
        if j in matched_x or (ignore and ignore(x)):
            continue
        score.fp += 1
        score.false_positives.append(describe_x(x))
    if not complete:
        score.false_positives = []
    required_pairs = [(expected[i], extracted[j]) for i, j in pairs if not expected[i].get("optional")]
    return score, required_pairs


# --------------------------------------------------------------------------- per-category similarity (pure)


def _one_of(value, allowed) -> bool:
    if allowed == ANY:
        return True
    if isinstance(allowed, (list, tuple, set)):
        return value in allowed
    return value == allowed


def partnership_similarity(e: dict, x: dict, area_names=()) -> float | None:
    """Expected partnership vs extracted {name, abbreviations, type}: same normalised name (or alias), type among the
    accepted."""
    names = [e["name"], *e.get("aliases", [])]
    if not any(partnership_names_match(n, x["name"], area_names) for n in names):
        return None
    if x.get("type") not in e.get("types", []):
        return None
    return 1.0


def basis_similarity(e: dict, x: dict) -> float | None:
    if not _one_of(x["partnership"], e["partnership"]):
        return None
    return 1.0 if legislation_key(e["iri"]) == legislation_key(x["iri"]) else None


def tolerated_act_level(x: dict, expected: list[dict]) -> bool:
    """An Act-level basis is tolerated when a section of that Act is expected for the same partnership."""
    if act_of(x["iri"]) != legislation_key(x["iri"]):
        return False
    return any(e["partnership"] == x["partnership"] and act_of(e["iri"]) == legislation_key(x["iri"]) for e in expected)


def duty_similarity(e: dict, x: dict) -> float | None:
    """Same partnership and either the same specific duty type, or (when either is untyped/'other') text overlap >=
    0.5."""
    if not _one_of(x["partnership"], e["partnership"]):
        return None
    et, xt = e.get("type"), x.get("type")
    if et == ANY:
        return 0.5
    if et and xt and et != "other" and xt != "other":
        return 2.0 if et == xt else None
    overlap = max(
        token_overlap(e.get("text", ""), x.get("text", "")), token_overlap(e.get("quote", ""), x.get("text", ""))
    )
    return 1.0 + overlap if overlap >= TEXT_OVERLAP else None


def membership_similarity(e: dict, x: dict) -> float | None:
    """Same partnership, accepted role, organisation name (or alias) with token-set similarity >= 0.8."""
    if not _one_of(x["partnership"], e["partnership"]) or not _one_of(x["role"], e["role"]):
        return None
    if e["organisation"] == ANY:
        return 0.5
    best = max(token_set_similarity(n, x["organisation"]) for n in [e["organisation"], *e.get("aliases", [])])
    return best if best >= ORG_SIMILARITY else None


def role_similarity(e: dict, x: dict) -> float | None:
    """Same partnership and post role, then person-or-post: the same person when both name one (two different
    persons never match); a similar post title (>= 0.8) when only the expected fact names a person; and the
    role alone when the text names nobody (the post title then only ranks candidates)."""
    if not _one_of(x["partnership"], e["partnership"]) or x["role"] != e["role"]:
        return None
    if e.get("person") and x.get("person"):
        return 2.0 if persons_match(e["person"], x["person"]) else None
    post_e, post_x = e.get("post") or "", x.get("post") or ""
    similarity = token_set_similarity(post_e, post_x) if post_e and post_x else 0.0
    if e.get("person"):
        return 1.0 + similarity if similarity >= ORG_SIMILARITY else None
    return 0.5 + similarity / 2


def priority_similarity(e: dict, x: dict) -> float | None:
    """Same scope ('joint' or the owning partnership) and a shared theme or label overlap >= 0.5;
    the label overlap and the period break ties."""
    if not _one_of(x["scope"], e["scope"]):
        return None
    overlap = token_overlap(e["label"], x["label"])
    shared_theme = bool(set(e.get("themes") or []) & set(x.get("themes") or []))
    if not shared_theme and overlap < TEXT_OVERLAP:
        return None
    bonus = 0.1 if e.get("period") and normalise_period(e["period"]) == normalise_period(x.get("period")) else 0.0
    return overlap + (0.5 if shared_theme else 0.0) + bonus


def relationship_similarity(e: dict, x: dict) -> float | None:
    """Same kind, source and target (either direction for the symmetric kinds); an organisation target by name."""
    if not _one_of(x["kind"], e["kind"]):
        return None

    def ends(f, y, t):
        if not _one_of(y["from"], f):
            return False
        if "to_organisation" in e:
            return bool(y.get("to_organisation")) and org_names_match(e["to_organisation"], y["to_organisation"])
        return t == ANY or (y["to"] is not None and _one_of(y["to"], t))

    if ends(e.get("from"), x, e.get("to")):
        return 1.0
    if e["kind"] in SYMMETRIC_KINDS and "to" in e and _one_of(x["to"], e["from"]) and _one_of(x["from"], e["to"]):
        return 1.0
    return None


def group_connected(parties: Iterable[str], edges: Iterable[tuple[str, str]]) -> bool:
    """Do the (undirected) edges among ``parties`` connect all of them?"""
    parties = set(parties)
    adjacency: dict[str, set[str]] = {p: set() for p in parties}
    for a, b in edges:
        if a in parties and b in parties and a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    start = next(iter(parties), None)
    if start is None:
        return True
    seen, todo = {start}, [start]
    while todo:
        for nxt in adjacency[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen == parties


def subgroup_similarity(e: dict, x: dict) -> float | None:
    if not _one_of(x["partnership"], e["partnership"]):
        return None
    s = token_set_similarity(e["name"], x["name"])
    return s if s >= ORG_SIMILARITY else None


def review_similarity(e: dict, x: dict) -> float | None:
    if not _one_of(x["partnership"], e["partnership"]) or x.get("kind") != e.get("kind"):
        return None
    overlap = max(
        token_overlap(e.get("summary", ""), x.get("summary", "")),
        token_overlap(e.get("summary", ""), x.get("label", "")),
    )
    return overlap if overlap >= TEXT_OVERLAP else None


def figure_similarity(e: dict, x: dict) -> float | None:
    try:
        same = abs(float(e["value"]) - float(x["value"])) < 1e-6
    except (TypeError, ValueError):
        return None
    if not same:
        return None
    return 1.0 + token_overlap(e.get("what", ""), x.get("what", ""))


def metadata_value_matches(name: str, expected: str, extracted: str | None) -> bool:
    """Title: word overlap >= 0.6 (either way); dates and periods: normalised equality; kind/version: normalised
    equality."""
    if extracted is None or expected is None:
        return False
    if name == "title":
        te, tx = set(tokens(expected)), set(tokens(extracted))
        return bool(te and tx) and len(te & tx) / max(len(te), len(tx)) >= 0.6
    if name in ("date", "review_date"):
        return normalise_date(expected) == normalise_date(extracted)
    if name == "period":
        return normalise_period(expected) == normalise_period(extracted)
    return normalise_text(expected) == normalise_text(extracted)


# --------------------------------------------------------------------------- reading the graph

PREFIXES = """
PREFIX sgkg: <https://w3id.org/sgkg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def as_graph(graph):
    """A plain rdflib Graph with every triple (a Dataset's named graphs merged)."""
    from rdflib import Graph

    if hasattr(graph, "quads") and hasattr(graph, "contexts"):
        merged = Graph()
        for s, p, o, _g in graph.quads((None, None, None, None)):
            merged.add((s, p, o))
        if len(merged):
            return merged
    return graph


def _rows(graph, query: str) -> list[dict[str, str | None]]:
    result = graph.query(PREFIXES + query)
    names = [str(v) for v in result.vars]
    return [{n: (None if row[i] is None else str(row[i])) for i, n in enumerate(names)} for row in result]


def _grouped(rows: list[dict], key: str, multi: Iterable[str] = ()) -> dict[str, dict]:
    """Rows of one node merged: single-valued fields keep the first value, ``multi`` fields collect a list."""
    out: dict[str, dict] = {}
    for row in rows:
        node = out.setdefault(row[key], {k: ([] if k in multi else None) for k in row})
        for k, v in row.items():
            if k in multi:
                if v is not None and v not in node[k]:
                    node[k].append(v)
            elif node[k] is None:
                node[k] = v
    return out


def read_partnerships(graph) -> dict[str, dict]:
    rows = _rows(
        graph,
        """
        SELECT ?p ?name ?abbr ?type ?statutory ?area WHERE {
          ?p a sgkg:Partnership .
          { ?p skos:prefLabel ?name } UNION { ?p rdfs:label ?name }
          OPTIONAL { ?p sgkg:abbreviation ?abbr }
          OPTIONAL { ?p org:classification ?type }
          OPTIONAL { ?p sgkg:statutory ?statutory }
          OPTIONAL { ?p dcterms:spatial ?area }
        }""",
    )
    nodes = _grouped(rows, "p", multi=("name", "abbr", "area"))
    for node in nodes.values():
        node["type"] = concept_id(node["type"])
        node["area"] = sorted(concept_id(a) for a in node["area"])
    return nodes


def align_partnerships(nodes: dict[str, dict], expected: list[dict], area_names) -> dict[str, str]:
    """Graph partnership IRI -> expected partnership id, by name, alias or (as a last resort) abbreviation.
    Unaligned nodes map to '?<their name>' so that they never match an expected fact."""
    mapping: dict[str, str] = {}
    for iri, node in nodes.items():
        found = None
        for e in expected:
            names = [e["name"], *e.get("aliases", [])]
            if any(partnership_names_match(n, label, area_names) for n in names for label in node["name"]):
                found = e["id"]
                break
        if found is None:
            labels = {label.strip() for label in node["name"]} | set(node["abbr"])
            found = next((e["id"] for e in expected if labels & set(e.get("abbreviations", []))), None)
        mapping[iri] = found or "?" + (node["name"][0] if node["name"] else iri)
    return mapping


def read_facts(graph, expected_doc: dict) -> dict[str, Any]:
    """Every category's extracted facts, with partnerships replaced by expected ids where they align."""
    graph = as_graph(graph)
    area_names = expected_doc.get("area_names", [])
    nodes = read_partnerships(graph)
    pmap = align_partnerships(nodes, expected_doc["partnerships"]["facts"], area_names)

    def pid(iri):
        return pmap.get(iri) if iri in pmap else None

    facts: dict[str, Any] = {"_pmap": pmap}
    facts["metadata"] = _read_metadata(graph)
    facts["partnerships"] = [
        {
            "iri": iri,
            "id": pmap[iri],
            "name": (n["name"] or [iri])[0],
            "names": n["name"],
            "type": n["type"],
            "abbreviations": n["abbr"],
            "statutory": n["statutory"],
            "area": n["area"],
        }
        for iri, n in nodes.items()
    ]
    facts["statutory_bases"] = _read_bases(graph, pid)
    facts["duties"] = _read_duties(graph, pid)
    memberships = _read_memberships(graph, pid)
    facts["statutory_partners"] = [m for m in memberships if m["role"] != "relevant-agency"]
    facts["relevant_agencies"] = [m for m in memberships if m["role"] == "relevant-agency"]
    facts["roles"] = _read_roles(graph, pid)
    facts["priorities"] = _read_priorities(graph, pid)
    facts["relationships"] = _read_relationships(graph, pid)
    facts["subgroups"] = [
        {"partnership": pid(r["p"]), "name": r["name"]}
        for r in _rows(
            graph,
            "SELECT DISTINCT ?s ?p ?name WHERE { ?s a sgkg:Subgroup ; rdfs:label ?name . OPTIONAL { "
            "?s org:unitOf ?p } }",
        )
    ]
    facts["reviews"] = _read_reviews(graph, pid)
    facts["figures"] = [
        {"what": r["what"], "value": r["value"], "unit": r["unit"], "period": r["period"]}
        for r in _grouped(
            _rows(
                graph,
                """
            SELECT ?f ?what ?value ?unit ?period WHERE { ?f a sgkg:Figure ; rdfs:label ?what .
              OPTIONAL { ?f rdf:value ?value } OPTIONAL { ?f sgkg:unit ?unit }
                OPTIONAL { ?f sgkg:period ?period } }""",
            ),
            "f",
        ).values()
    ]
    return facts


def _read_metadata(graph) -> dict[str, str | None]:
    rows = _rows(
        graph,
        """
        SELECT ?title ?kind ?date ?period ?version ?review_date WHERE {
          ?d a sgkg:SourceDocument .
          OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d sgkg:documentKind ?kind }
          OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d sgkg:period ?period }
          OPTIONAL { ?d sgkg:version ?version } OPTIONAL { ?d sgkg:reviewDate ?review_date }
        }""",
    )
    meta = {k: None for k in METADATA_FIELDS}
    for row in rows:
        for k in METADATA_FIELDS:
            if meta[k] is None and row.get(k) is not None:
                meta[k] = row[k]
    meta["kind"] = concept_id(meta["kind"])
    return meta


def _read_bases(graph, pid) -> list[dict]:
    rows = _rows(graph, "SELECT DISTINCT ?p ?leg WHERE { ?p a sgkg:Partnership ; sgkg:statutoryBasis ?leg }")
    return [{"partnership": pid(r["p"]), "iri": r["leg"]} for r in rows]


def _read_duties(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?d ?p ?text ?type ?basis WHERE { ?d a sgkg:Duty ; sgkg:dutyOf ?p .
          OPTIONAL { ?d rdfs:label ?text } OPTIONAL { ?d sgkg:dutyType ?type }
            OPTIONAL { ?d sgkg:statutoryBasis ?basis } }""",
    )
    out = []
    for d in _grouped(rows, "d", multi=("basis",)).values():
        out.append(
            {"partnership": pid(d["p"]), "text": d["text"] or "", "type": concept_id(d["type"]), "basis": d["basis"]}
        )
    return out


def _read_memberships(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?m ?p ?o ?name ?role ?otype WHERE { ?m a org:Membership ; org:organization ?p ; org:member ?o ;
          org:role ?role .
          OPTIONAL { ?o rdfs:label ?name } OPTIONAL { ?o sgkg:organisationType ?otype } }""",
    )
    return [
        {
            "partnership": pid(m["p"]),
            "organisation": m["name"] or concept_id(m["o"]),
            "role": concept_id(m["role"]),
            "org_type": concept_id(m["otype"]),
        }
        for m in _grouped(rows, "m").values()
    ]


def _read_roles(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?post ?p ?role ?title ?person WHERE { ?post a org:Post ; org:postIn ?p ; org:role ?role .
          OPTIONAL { ?post rdfs:label ?title }
          OPTIONAL { ?post org:heldBy ?h . OPTIONAL { ?h foaf:name ?fn }
            OPTIONAL { ?h rdfs:label ?hl } BIND(COALESCE(?fn, ?hl) AS ?person) } }""",
    )
    return [
        {"partnership": pid(r["p"]), "role": concept_id(r["role"]), "post": r["title"], "person": r["person"]}
        for r in _grouped(rows, "post").values()
    ]


def _read_priorities(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?pr ?label ?joint ?of ?theme ?period ?lead ?contributing WHERE { ?pr a sgkg:Priority ;
          rdfs:label ?label .
          OPTIONAL { ?pr sgkg:joint ?joint } OPTIONAL { ?pr sgkg:priorityOf ?of }
            OPTIONAL { ?pr dcterms:subject ?theme }
          OPTIONAL { ?pr sgkg:period ?period } OPTIONAL { ?pr sgkg:leadPartnership ?lead }
          OPTIONAL { ?pr sgkg:contributingPartnership ?contributing } }""",
    )
    out = []
    for pr in _grouped(rows, "pr", multi=("of", "theme", "contributing")).values():
        joint = str(pr["joint"]).lower() in ("true", "1")
        owners = [pid(o) for o in pr["of"]]
        scope = "joint" if joint or len(owners) > 1 else (owners[0] if owners else None)
        out.append(
            {
                "scope": scope,
                "parties": owners,
                "label": pr["label"],
                "themes": [concept_id(t) for t in pr["theme"]],
                "period": pr["period"],
                "lead": pid(pr["lead"]) if pr["lead"] else None,
                "contributing": [pid(c) for c in pr["contributing"]],
            }
        )
    return out


def _read_relationships(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?r ?s ?t ?kind ?freq ?tname ?tIsPartnership WHERE { ?r a sgkg:Relationship ; sgkg:source ?s ;
          sgkg:target ?t ; sgkg:relationshipKind ?kind .
          OPTIONAL { ?r sgkg:frequency ?freq } OPTIONAL { ?t rdfs:label ?tname }
          BIND(EXISTS { ?t a sgkg:Partnership } AS ?tIsPartnership) }""",
    )
    out = []
    for r in _grouped(rows, "r").values():
        is_p = str(r["tIsPartnership"]).lower() in ("true", "1")
        out.append(
            {
                "from": pid(r["s"]),
                "kind": concept_id(r["kind"]),
                "frequency": concept_id(r["freq"]),
                "to": pid(r["t"]) if is_p else None,
                "to_organisation": None if is_p else (r["tname"] or concept_id(r["t"])),
            }
        )
    return out


def _read_reviews(graph, pid) -> list[dict]:
    rows = _rows(
        graph,
        """
        SELECT ?r ?p ?kind ?summary ?status ?date ?label WHERE { ?r a sgkg:Review ; sgkg:reviewType ?kind .
          OPTIONAL { ?r sgkg:reviewOf ?p } OPTIONAL { ?r dcterms:description ?summary }
            OPTIONAL { ?r sgkg:status ?status }
          OPTIONAL { ?r dcterms:date ?date } OPTIONAL { ?r rdfs:label ?label } }""",
    )
    return [
        {
            "partnership": pid(r["p"]) if r["p"] else None,
            "kind": concept_id(r["kind"]),
            "summary": r["summary"] or "",
            "status": r["status"],
            "date": r["date"],
            "label": r["label"] or "",
        }
        for r in _grouped(rows, "r").values()
    ]


# --------------------------------------------------------------------------- scoring one document


def _describe(fact: dict, *keys: str) -> str:
    return " | ".join(f"{k}={fact.get(k)}" for k in keys if fact.get(k) not in (None, [], ""))


def score_metadata(expected: dict, extracted: dict) -> Score:
    score = Score()
    for name in METADATA_FIELDS:
        spec = expected.get(name) or {"value": None}
        accepted = [v for v in [spec.get("value"), *spec.get("accept", [])] if v is not None]
        got = extracted.get(name)
        ok = got is not None and any(metadata_value_matches(name, a, got) for a in accepted)
        if spec.get("value") is not None and not spec.get("optional"):
            if ok:
                score.tp += 1
                score.ptp += 1
            else:
                score.fn += 1
                score.misses.append(f"{name}={spec['value']}" + (f" (got {got})" if got else ""))
                if got is not None:
                    score.fp += 1
                    score.false_positives.append(f"{name}={got}")
        elif got is not None and not ok and not (spec.get("optional") and not accepted):
            score.fp += 1
            score.false_positives.append(f"{name}={got}")
    return score


def score_partnerships(expected_block: dict, extracted: list[dict], area_names) -> Score:
    def sim(e, x):
        return (
            max((partnership_similarity(e, {**x, "name": n}, area_names) or 0.0) for n in (x["names"] or [x["name"]]))
            or None
        )

    score, pairs = score_matches(
        expected_block["facts"],
        extracted,
        sim,
        lambda e: _describe(e, "name", "types"),
        lambda x: _describe(x, "name", "type", "iri"),
        complete=expected_block.get("complete", True),
    )
    for e, x in pairs:
        if e.get("statutory") is not None:
            score.attribute("statutory", str(x.get("statutory")).lower() == str(e["statutory"]).lower())
        if e.get("area"):
            score.attribute("area", x.get("area") == sorted(e["area"].split("+")))
        for abbr in e.get("abbreviations", []):
            score.attribute("abbreviations", abbr in (x.get("abbreviations") or []))
    return score


def score_relationships(expected_block: dict, extracted: list[dict]) -> Score:
    """Pairwise facts by (from, kind, to); group facts (multi-party, e.g. a joint chairs meeting of four boards)
    are met when the extracted edges of that kind among the parties connect all of them."""
    facts = expected_block["facts"]
    pair_facts = [f for f in facts if "group" not in f]
    group_facts = [f for f in facts if "group" in f]
    absorbed: set[int] = set()
    complete = expected_block.get("complete", True)
    score = Score(precision_known=complete)
    for g in group_facts:
        idx = [
            j
            for j, x in enumerate(extracted)
            if _one_of(x["kind"], g["kind"]) and x["from"] in g["group"] and x["to"] in g["group"]
        ]
        absorbed.update(idx)
        connected = group_connected(g["group"], [(extracted[j]["from"], extracted[j]["to"]) for j in idx])
        if g.get("optional"):
            continue
        if connected:
            score.tp += 1
            score.ptp += int(complete)
            freqs = {extracted[j]["frequency"] for j in idx}
            if g.get("frequency"):
                score.attribute("frequency", freqs == {g["frequency"]})
        else:
            score.fn += 1
            score.misses.append(f"group {g['kind']} among {g['group']} ({len(idx)} edges)")
    rest = [x for j, x in enumerate(extracted) if j not in absorbed]
    pair_score, pairs = score_matches(
        pair_facts,
        rest,
        relationship_similarity,
        lambda e: _describe(e, "from", "kind", "to", "to_organisation"),
        lambda x: _describe(x, "from", "kind", "to", "to_organisation"),
        complete=expected_block.get("complete", True),
    )
    for e, x in pairs:
        if e.get("frequency"):
            pair_score.attribute("frequency", x.get("frequency") == e["frequency"])
    score.tp += pair_score.tp
    score.ptp += pair_score.ptp
    score.fp += pair_score.fp
    score.fn += pair_score.fn
    for name, (agree, total) in pair_score.attributes.items():
        pair = score.attributes.setdefault(name, [0, 0])
        pair[0] += agree
        pair[1] += total
    score.misses += pair_score.misses
    score.false_positives += pair_score.false_positives
    return score


def score_document(expected_doc: dict, facts: dict) -> dict[str, Score]:
    """Scores of every category for one document, given the facts read from its graph."""
    area_names = expected_doc.get("area_names", [])
    out: dict[str, Score] = {
        "metadata": score_metadata(expected_doc["metadata"], facts["metadata"]),
        "partnerships": score_partnerships(expected_doc["partnerships"], facts["partnerships"], area_names),
    }

    def block(name):
        return expected_doc.get(name) or {"complete": True, "facts": []}

    bases = block("statutory_bases")
    out["statutory_bases"], _ = score_matches(
        bases["facts"],
        facts["statutory_bases"],
        basis_similarity,
        lambda e: _describe(e, "partnership", "iri"),
        lambda x: _describe(x, "partnership", "iri"),
        complete=bases.get("complete", True),
        ignore=lambda x: tolerated_act_level(x, bases["facts"]),
    )
    duties = block("duties")
    out["duties"], pairs = score_matches(
        duties["facts"],
        facts["duties"],
        duty_similarity,
        lambda e: _describe(e, "partnership", "type", "text"),
        lambda x: _describe(x, "partnership", "type", "text"),
        complete=duties.get("complete", True),
    )
    for e, x in pairs:
        if e.get("basis"):
            out["duties"].attribute(
                "basis", any(legislation_key(b) == legislation_key(e["basis"]) for b in x.get("basis") or [])
            )
    for name in ("statutory_partners", "relevant_agencies"):
        b = block(name)
        out[name], pairs = score_matches(
            b["facts"],
            facts[name],
            membership_similarity,
            lambda e: _describe(e, "partnership", "role", "organisation"),
            lambda x: _describe(x, "partnership", "role", "organisation"),
            complete=b.get("complete", True),
        )
        for e, x in pairs:
            out[name].attribute("org_type", x.get("org_type") == e.get("org_type"))
    roles = block("roles")
    out["roles"], pairs = score_matches(
        roles["facts"],
        facts["roles"],
        role_similarity,
        lambda e: _describe(e, "partnership", "role", "person", "post"),
        lambda x: _describe(x, "partnership", "role", "person", "post"),
        complete=roles.get("complete", True),
    )
    for e, x in pairs:
        if e.get("person"):
            out["roles"].attribute("person", persons_match(e["person"], x.get("person")))
    pri = block("priorities")
    out["priorities"], pairs = score_matches(
        pri["facts"],
        facts["priorities"],
        priority_similarity,
        lambda e: _describe(e, "scope", "label", "themes"),
        lambda x: _describe(x, "scope", "label", "themes"),
        complete=pri.get("complete", True),
    )
    for e, x in pairs:
        if e.get("themes"):
            out["priorities"].attribute("theme", bool(set(e["themes"]) & set(x.get("themes") or [])))
        if e.get("period"):
            out["priorities"].attribute("period", normalise_period(e["period"]) == normalise_period(x.get("period")))
    out["relationships"] = score_relationships(block("relationships"), facts["relationships"])
    sub = block("subgroups")
    out["subgroups"], _ = score_matches(
        sub["facts"],
        facts["subgroups"],
        subgroup_similarity,
        lambda e: _describe(e, "partnership", "name"),
        lambda x: _describe(x, "partnership", "name"),
        complete=sub.get("complete", True),
    )
    rev = block("reviews")
    out["reviews"], pairs = score_matches(
        rev["facts"],
        facts["reviews"],
        review_similarity,
        lambda e: _describe(e, "kind", "summary"),
        lambda x: _describe(x, "partnership", "kind", "summary"),
        complete=rev.get("complete", True),
    )
    for e, x in pairs:
        if e.get("status"):
            out["reviews"].attribute("status", token_overlap(e["status"], x.get("status") or "") >= TEXT_OVERLAP)
    fig = block("figures")
    out["figures"], _ = score_matches(
        fig["facts"],
        facts["figures"],
        figure_similarity,
        lambda e: _describe(e, "what", "value", "unit"),
        lambda x: _describe(x, "what", "value", "unit"),
        complete=fig.get("complete", True),
    )
    return out


# --------------------------------------------------------------------------- running the extraction


def load_expected(directory: Path = EXPECTED_DIR) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))]


def extraction_available() -> str | None:
    """None when ``ingest.ingest.extract`` and ``ingest.readers.read_source`` import; else the reason they do not."""
    try:
        from sgkg.ingest.ingest import extract  # noqa: F401
        from sgkg.ingest.readers import read_source  # noqa: F401
    except Exception as exc:  # an unfinished pipeline may fail in many ways; report, do not hide
        return f"sgkg.ingest.ingest.extract is not usable yet: {type(exc).__name__}: {exc}"
    return None


def extract_graph(path: Path):
    """Run the project's reader and extraction on one file; returns the rdflib graph."""
    from sgkg.ingest import settings
    from sgkg.ingest.ingest import extract
    from sgkg.ingest.readers import read_source

    params = inspect.signature(read_source).parameters
    kwargs = {}
    if "max_bytes" in params:
        kwargs["max_bytes"] = settings.get("max_document_bytes")
    if "fetch_timeout" in params:
        kwargs["fetch_timeout"] = settings.get("fetch_timeout")
    source = read_source(path, **kwargs)
    result = extract(source)
    return getattr(result, "graph", result)


@dataclass
class Report:
    per_document: dict[str, dict[str, Score]]
    totals: dict[str, Score]
    errors: dict[str, str]
    seconds: dict[str, float] = field(default_factory=dict)  # extraction time per document (read + extract)
    skipped: list[str] = field(default_factory=list)  # expected files whose document is not in the directory

    def passes(self, category: str) -> bool:
        target = TARGETS[category]
        s = self.totals[category]
        return (s.precision or 0.0) >= target and (s.recall or 0.0) >= target

    def as_json(self) -> dict:
        def enc(s: Score) -> dict:
            return {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "precision_known": s.precision_known,
                "misses": s.misses,
                "false_positives": s.false_positives,
                "attributes": s.attributes,
            }

        return {
            "documents": {d: {c: enc(s) for c, s in cats.items()} for d, cats in self.per_document.items()},
            "totals": {c: enc(s) for c, s in self.totals.items()},
            "targets": {c: {"target": t, "pass": self.passes(c)} for c, t in TARGETS.items()},
            "errors": self.errors,
        }


def run(
    seeds: Path = SEEDS_DIR,
    expected_dir: Path = EXPECTED_DIR,
    *,
    skip_missing: bool = False,
    include: Callable[[str], bool] = lambda stem: True,
) -> Report:
    per_document: dict[str, dict[str, Score]] = {}
    errors: dict[str, str] = {}
    seconds: dict[str, float] = {}
    skipped: list[str] = []
    totals = {c: Score(precision_known=False) for c in CATEGORIES}
    _warm_up()
    for doc in load_expected(expected_dir):
        path = Path(seeds) / doc["document"]
        name = Path(doc["document"]).stem
        if not include(name):
            continue
        if skip_missing and not path.is_file():
            skipped.append(name)
            continue
        try:
            t0 = time.perf_counter()
            graph = extract_graph(path)
            seconds[name] = time.perf_counter() - t0
            scores = score_document(doc, read_facts(graph, doc))
        except Exception as exc:  # noqa: BLE001 - a failing document scores zero and the error is reported
            errors[name] = f"{type(exc).__name__}: {exc}"
            scores = score_document(doc, _empty_facts())
        per_document[name] = scores
        for c in CATEGORIES:
            totals[c].add(scores[c])
    return Report(per_document, totals, errors, seconds, skipped)


def _warm_up() -> None:
    """Build the pipeline and read the reference data once, so that per-document times are the documents' own."""
    try:
        from sgkg.ingest.pipeline import get_nlp

        get_nlp()("Warm-up.")
    except Exception:  # noqa: BLE001 - an unusable pipeline is reported per document below
        pass


def _empty_facts() -> dict:
    facts: dict[str, Any] = {c: [] for c in CATEGORIES}
    facts["metadata"] = {k: None for k in METADATA_FIELDS}
    return facts


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def format_report(report: Report, *, details: bool = False, totals_only: bool = False) -> str:
    lines = [f"{'document':<22} {'category':<19} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn"]
    for doc, scores in ({} if totals_only else report.per_document).items():
        for c in CATEGORIES:
            s = scores[c]
            lines.append(
                f"{doc:<22} {c:<19} {_fmt(s.precision)} {_fmt(s.recall)} {_fmt(s.f1)} {s.tp:4d}{s.fp:4d}{s.fn:4d}"
            )
            if details:
                lines += [f"{'':<24}- miss: {m}" for m in s.misses]
                lines += [f"{'':<24}+ false: {f}" for f in s.false_positives]
        lines.append("")
    lines.append("micro-average over documents (n/a precision: expected list marked incomplete)")
    lines.append(f"{'category':<19} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn  target")
    for c in CATEGORIES:
        s = report.totals[c]
        target = ""
        if c in TARGETS:
            target = f"P,R >= {TARGETS[c]:.1f} {'PASS' if report.passes(c) else 'MISS'}"
        attrs = "  ".join(f"{k} {a}/{t}" for k, (a, t) in sorted(s.attributes.items()))
        lines.append(f"{c:<19} {_fmt(s.precision)} {_fmt(s.recall)} {_fmt(s.f1)} {s.tp:4d}{s.fp:4d}{s.fn:4d}  {target}")
        if attrs:
            lines.append(f"{'':<21}attributes of matched facts: {attrs}")
    for doc, err in report.errors.items():
        lines.append(f"ERROR {doc}: {err}")
    if report.seconds:
        times = sorted(report.seconds.values())
        lines.append(
            f"time per document (read + extract): median {times[len(times) // 2]:.2f} s, "
            f"max {times[-1]:.2f} s over {len(times)} documents"
        )
    if report.skipped:
        lines.append(
            f"skipped {len(report.skipped)} documents not in the cache (rebuild it from the sources in their "
            f"expected files; see bench/real/README.md): {', '.join(report.skipped)}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds", type=Path, default=SEEDS_DIR, help="directory of the seed documents (default ../shared/seeds)"
    )
    parser.add_argument("--expected", type=Path, default=EXPECTED_DIR, help="directory of expected-fact files")
    parser.add_argument(
        "--json", type=Path, help="also write the scores (with misses and false positives) to this file"
    )
    parser.add_argument("--details", action="store_true", help="list the misses and false positives under each row")
    parser.add_argument("--totals", action="store_true", help="print only the micro-averaged totals")
    parser.add_argument(
        "--real",
        action="store_true",
        help=f"score the real development set: documents from {REAL_CACHE.relative_to(ROOT)} "
        "(git-ignored, "
        f"rebuilt by hand from the sources its expected files list), expected facts from "
        f"{REAL_EXPECTED.relative_to(ROOT)}; documents missing from the cache are skipped and "
        "listed",
    )
    parser.add_argument(
        "--set",
        choices=sorted(REAL_SETS),
        default=None,
        help="which real set to score (implies --real): the development set bench/real/ (the default of --real), "
        "the studied first held-out set bench/validation/, the held-out part of bench/validation2/ (report its "
        "totals only: nobody tuning reads it) or its studied part, validation2-studied (its studied.txt)",
    )
    args = parser.parse_args(argv)
    if args.set:
        args.real = True
    if args.real:
        folder = REAL_SETS[args.set or "real"]
        args.seeds, args.expected = folder / "cache", folder / "expected"
    if not args.seeds.is_dir():
        print(f"seeds directory not found: {args.seeds} (give --seeds DIR)", file=sys.stderr)
        return 2
    reason = extraction_available()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    include = set_filter(args.set or "real") if args.real else (lambda stem: True)
    report = run(args.seeds, args.expected, skip_missing=args.real, include=include)
    print(format_report(report, details=args.details, totals_only=args.totals))
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
