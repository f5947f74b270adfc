"""Stable, readable identifiers (docs/data-model.md, "Identifiers") and area detection.

Every IRI minted by ingestion is derived from an area code, a type and a name,
so that re-ingesting a document, or reading the same board in another
document, gives the same IRI.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from sgkg.ontology.namespaces import ID

# the patterns of slugs and people's names, by name: (regex, flags), compiled once into ``_RE``
_PATTERNS: dict[str, tuple[str, re.RegexFlag]] = {
    "possessive": (r"['’]s\b", re.NOFLAG),
    "non-alnum": (r"[^a-z0-9]+", re.NOFLAG),
    "adults": (r"(?<![a-z0-9])adults(?![a-z0-9])", re.NOFLAG),
    "honorifics": (
        r"^(?:(?:cllr|councillor|dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|lord|lady|rev|revd|"
        r"chief superintendent|superintendent|chief constable|assistant chief constable|deputy chief constable|"
        r"chief inspector|inspector|detective|(?:det\.?\s|ch\.?\s|chief\s|d/)?supt|insp|sergeant|sgt)\.?\s+)+",
        re.I,
    ),
    "post-nominals": (r"(?:,?\s+(?:QPM|OBE|MBE|CBE|KPM|DL|JP|PhD|BEM))+\s*$", re.NOFLAG),
}
_RE = {name: re.compile(regex, flags) for name, (regex, flags) in _PATTERNS.items()}


def slug(text: str) -> str:
    """The data model's slug: lowercase, 's dropped, & -> and, adults -> adult, runs of others -> '-'."""
    s = _RE["possessive"].sub("", text.lower())
    s = s.replace("&", " and ")
    s = _RE["non-alnum"].sub("-", s)
    s = _RE["adults"].sub("adult", s)
    return re.sub("-{2,}", "-", s).strip("-")


def person_name(text: str) -> str:
    """A person's name without honorifics or post-nominal letters."""
    name = _RE["honorifics"].sub("", text.strip())
    return _RE["post-nominals"].sub("", name).strip(" ,.")


def area_scope(codes) -> str:
    """The area part of a key: one GSS code, or several joined with '+', sorted."""
    return "+".join(sorted(set(codes)))


# the words councils write around an area's name ("Bedford Borough", "the City of York", "Borough of Stockport")
_AREA_BEFORE = r"(?:(?:the\s+)?(?:royal\s+|london\s+|metropolitan\s+)?(?:borough|city|county)\s+of\s+)?"
_AREA_AFTER = r"(?:\s+(?:metropolitan\s+)?(?:borough|city|district)(?!\s+(?:of|council)\b))?"


@functools.lru_cache(maxsize=8)
def _areas_pattern(area_names: tuple[str, ...]) -> re.Pattern:
    """One pattern for every area name, longest first (compiled once per list of names: the reference data's)."""
    names = "|".join(re.escape(a) for a in sorted(area_names, key=len, reverse=True))
    return re.compile(_AREA_BEFORE + r"(?<!\w)(?:" + names + r")(?:['’]s)?" + _AREA_AFTER + r"(?!\w)", re.I)


def strip_areas(name: str, area_names) -> str:
    """The name without any of the area names it carries (for partnership keys)."""
    out = _areas_pattern(tuple(area_names)).sub(" ", name)
    out = re.sub(r"\s+", " ", out).strip(" ,-")
    out = re.sub(r"^(?:and|&)\s+|\s+(?:and|&)$", "", out, flags=re.I)
    return out


def saint(name: str) -> str:
    """ "St. Helens" written as the area is named, "St Helens"."""
    return re.sub(r"\bSt\.\s*(?=[A-Z])", "St ", name)


def partnership_key(name: str, codes, area_names) -> str:
    """The key (and IRI path) of a partnership: its area scope and the slug of its name without area names,
    spelling variants made one ("Health & Well-being Board" = "Health and Wellbeing Board", "Childrens" =
    "Children's", "St. Helens" = "St Helens")."""
    name = saint(name)
    stripped = strip_areas(name, area_names) or name
    key = _SPELLINGS.sub(lambda m: _SPELLING[m.group(0).lower()], slug(stripped))
    key = _LOOSE_ENDS.sub("", key) or key  # "Cornwall and the Isles of Scilly X Board": not "the-x-board"
    return f"{area_scope(codes)}/{key}"


_LOOSE_ENDS = re.compile(r"^(?:(?:and|the|of)-)+")
_SPELLING = {"well-being": "wellbeing", "childrens": "children"}
_SPELLINGS = re.compile(r"\bwell-being\b|\bchildrens\b", re.I)


# --- IRIs ------------------------------------------------------------------
def area_iri(code: str) -> URIRef:
    return ID["area/" + code]


def partnership_iri(key: str) -> URIRef:
    return ID["partnership/" + key]


def subgroup_iri(partnership_key_: str, name: str) -> URIRef:
    scope, _, pkey = partnership_key_.partition("/")
    return ID[f"subgroup/{scope}/{slug(pkey)}/{slug(name)}"]


def organisation_key(name: str, generic: bool, codes) -> str:
    return f"{area_scope(codes)}/{slug(name)}" if generic else slug(name)


def organisation_iri(key: str) -> URIRef:
    return ID["organisation/" + key]


def person_iri(name: str) -> URIRef:
    return ID["person/" + slug(person_name(name))]


def membership_iri(partnership_key_: str, org_key: str, role_id: str) -> URIRef:
    return ID[f"membership/{partnership_key_}/{org_key}/{role_id}"]


def post_iri(partnership_key_: str, role_id: str, person_or_title: str) -> URIRef:
    return ID[f"post/{partnership_key_}/{role_id}/{slug(person_or_title)}"]


def duty_iri(partnership_key_: str, duty_type: str | None, text: str) -> URIRef:
    """One duty of each type per partnership; a duty of no type or of type "other" is named by its text."""
    typed = duty_type if duty_type and duty_type != "other" else None
    return ID[f"duty/{partnership_key_}/{typed or slug(text)[:60].strip('-')}"]


def priority_iri(scope_key: str, label: str) -> URIRef:
    return ID[f"priority/{scope_key}/{slug(label)[:60].strip('-')}"]


def relationship_iri(from_key: str, kind: str, to_key: str) -> URIRef:
    return ID[f"relationship/{from_key}/{kind}/{to_key}"]


def review_iri(partnership_key_: str, review_type: str, summary: str) -> URIRef:
    return ID[f"review/{partnership_key_}/{review_type}/{slug(summary)[:60].strip('-')}"]


def figure_iri(doc_id: str, what: str, n: int) -> URIRef:
    return ID[f"figure/{doc_id}/{slug(what)[:50].strip('-')}-{n}"]


def value_iri(scope: str, label: str) -> URIRef:
    return ID[f"value/{scope}/{slug(label)}"]


def document_iri(doc_id: str) -> URIRef:
    return ID["document/" + doc_id]


def activity_iri(doc_id: str) -> URIRef:
    return ID["activity/" + doc_id]


def evidence_iri(doc_id: str, s, p, o, start: int, end: int) -> URIRef:
    raw = f"{s} {p} {o} {start} {end}".encode("utf-8")
    return ID[f"evidence/{doc_id}/{hashlib.sha1(raw).hexdigest()[:16]}"]


# --- areas -----------------------------------------------------------------
@dataclass(frozen=True)
class Area:
    code: str
    name: str
    labels: tuple[str, ...]
    current: bool = True  # False for a superseded code (dcterms:isReplacedBy in the reference data)


def _label_regex(label: str) -> str:
    """An area label as a regex in which " and " may be written "&" ("Telford & Wrekin")."""
    return r"\s(?:and|&)\s".join(re.escape(part) for part in label.split(" and "))


def _label_key(name: str) -> str:
    """The key of an area name as found: lower case, "&" read as "and"."""
    return re.sub(r"\s&\s", " and ", name.lower())


class AreaIndex:
    """The areas of the reference data, found by name in text."""

    def __init__(self, areas: list[Area]):
        self.areas = {a.code: a for a in areas}
        self._by_label: dict[str, str] = {}
        # a name shared by a current and a superseded code (a code change) finds the current one
        for a in sorted(areas, key=lambda a: (not a.current, a.code)):
            for label in (a.name, *a.labels):
                self._by_label.setdefault(label.lower(), a.code)
        # longest label first; grouped by first letter (the same matches, ten times faster than one flat alternation)
        groups: dict[str, list[str]] = {}
        for label in sorted(self._by_label, key=len, reverse=True):
            groups.setdefault(label[0], []).append(label)
        self._pattern = (
            re.compile(
                r"(?<![\w-])("
                + "|".join(
                    re.escape(first) + "(?:" + "|".join(_label_regex(label[1:]) for label in group) + ")"
                    for first, group in groups.items()
                )
                + r")(?![\w-])",
                re.I,
            )
            if groups
            else None
        )

    def names(self) -> list[str]:
        return list(self._by_label)

    def lookup(self, name_or_code: str) -> str | None:
        """A GSS code from a code or an area name (case-insensitive)."""
        value = name_or_code.strip()
        if value.upper() in self.areas:
            return value.upper()
        return self._by_label.get(_label_key(value))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, code) of every area name in the text."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), self._by_label[_label_key(m.group(1))]) for m in self._pattern.finditer(text)]

    def in_name(self, name: str) -> list[str]:
        """The codes of the areas a name carries ("<Area A> and <Area B> Safeguarding ..." -> two codes)."""
        codes: list[str] = []
        for _, _, code in self.find(name):
            if code not in codes:
                codes.append(code)
        return codes

    def main_areas(self, text: str, *, title: str = "") -> list[str]:
        """The document's main area(s): the most named one, plus any named nearly as often."""
        counts = Counter(code for _, _, code in self.find(text))
        for code in self.in_name(title):
            counts[code] += 5
        if not counts:
            return []
        top = counts.most_common(1)[0][1]
        return sorted(code for code, n in counts.items() if n >= max(3, top * 0.5) or n == top)

    def label(self, code: str) -> str:
        return self.areas[code].name
