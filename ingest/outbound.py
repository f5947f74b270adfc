"""SERVICE and LOAD: the two ways a SPARQL text makes the engine send a request of its own.

pyoxigraph evaluates ``SERVICE <url>`` by POSTing to the URL and ``LOAD <url>`` by fetching it
(PITFALLS.md); a remote store does the same from its own machine.  On a public endpoint either
is server-side request forgery, so both are refused unless the setting ``outbound_allow``
names the target.

Detection is lexical and errs on the side of refusing.  Strings, IRIs and comments are masked
first (`ingest.sparqltext.mask`); then every bare word (not a variable, blank node label, language
tag or the local part of a prefixed name) that *contains* SERVICE or LOAD counts as the
keyword, because the engine's parser reads ``1SERVICE<x>``, ``trueSERVICE<x>`` and
``SERVICEex:x`` as the keyword followed by a target.  The target after it is read as the
engine reads it: an IRI or a prefixed name, resolved against the PREFIX and BASE
declarations before it and the request's base IRI by pyoxigraph's own parser.  A variable
target, or one that cannot be read, is refused whatever the allow-list says.  So is a
Virtuoso ``DEFINE`` pragma (not SPARQL; ``get:soft`` and ``input:grab-*`` make a remote
Virtuoso fetch the IRIs a query names).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

import pyoxigraph as ox

from sgkg.ingest.errors import OutboundRefused
from sgkg.ingest.settings import BY_NAME
from sgkg.ingest.sparqltext import mask

_KEYWORD = re.compile(r"service|load", re.IGNORECASE)
_PRAGMA = re.compile(r"define", re.IGNORECASE)
_PRAGMA_TEXT = re.compile(r"\S+\s*\S*")
_REMEMBERED_CHARS = 16 * 1024  # texts up to this size have their targets remembered
# in the prefix part of a prefixed name the keyword counts only where the parser could start it: at the
# start, or after a boolean or a number's exponent (``trueSERVICE:x``, ``1e3SERVICE:x``), not in ``download:``
_PREFIX_KEYWORD = re.compile(r"(?:true|false|e[0-9]*)?(service|load)", re.IGNORECASE)
# the tokens of a masked text that can hold a keyword: bare words and the prefix part of a prefixed name
_TOKEN = re.compile(
    r"(?P<variable>[?$]\w+)"
    r"|(?P<bnode>_:\w(?:[\w.\-]*[\w\-])?)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<prefix>[^\W\d_][\w.\-]*)?:(?P<local>[\w.\-:%]*)"
    r"|(?P<word>[^\W\d]\w*)"
)
_GAP = re.compile(r"(?:\s+|#[^\r\n]*)*")  # white space and comments, in the unmasked text
_VARIABLE = re.compile(r"[?$]\w*")
_IRIREF = re.compile(r'<(?:[^<>"{}|^`\\\s]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PNAME = re.compile(
    rf"(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:(?:[\w:]|{_PLX})(?:(?:[\w.:\-]|{_PLX})*(?:[\w:\-]|"
    rf"{_PLX}))?)?"
)
_PNAME_NS = re.compile(r"(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:")


@dataclass(frozen=True)
class Target:
    """One SERVICE or LOAD in a text: the keyword, the resolved IRI (None when it is a variable
    or cannot be read) and the text as written."""

    keyword: str
    iri: str | None
    written: str


def allow_list(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The setting's value as a tuple of IRIs (comma- or space-separated text, or a list)."""
    if not value:
        return ()
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value)
    return tuple(item.strip() for item in items if item and item.strip())


def is_allowed(iri: str, allowed: tuple[str, ...]) -> bool:
    """An http(s) IRI named by the allow-list, or under an entry that ends with ``/``."""
    if not iri.lower().startswith(("http://", "https://")):
        return False
    return any(iri == entry or (entry.endswith("/") and iri.startswith(entry)) for entry in allowed)


def refuse_outbound(sparql: str, allowed: tuple[str, ...], *, base_iri: str | None = None) -> None:
    """Raise OutboundRefused (400) at the first SERVICE or LOAD whose target the allow-list does not name."""
    for target in outbound_targets(sparql, base_iri=base_iri):
        if target.iri is None or not is_allowed(target.iri, allowed):
            raise _refusal(target, allowed)


def outbound_targets(sparql: str, *, base_iri: str | None = None) -> list[Target]:
    """Every SERVICE and LOAD in a query or update, in order, with its target resolved.

    The texts of named queries and pages come back again and again (and mention the words in
    namespace IRIs): what was found in a text is remembered."""
    if len(sparql) <= _REMEMBERED_CHARS:
        return list(_remembered(sparql, base_iri))
    return _targets(sparql, base_iri)


@functools.lru_cache(maxsize=256)
def _remembered(sparql: str, base_iri: str | None) -> tuple[Target, ...]:
    return tuple(_targets(sparql, base_iri))


def _targets(sparql: str, base_iri: str | None) -> list[Target]:
    folded = sparql.casefold()  # much faster than an IGNORECASE search, and folds as widely
    if "service" not in folded and "load" not in folded and "define" not in folded:
        return []
    masked = mask(sparql)
    if not _KEYWORD.search(masked) and not _PRAGMA.search(masked):  # only inside strings, IRIs, comments
        return []
    prologue, targets, after = [], [], 0
    for token in _TOKEN.finditer(masked):
        word = token.group("word") or token.group("prefix")
        if not word or token.start() < after:
            continue
        if token.group("word") and word.upper() == "DEFINE":  # Virtuoso: DEFINE get:soft / input:grab-* fetch IRIs
            targets.append(Target("DEFINE", None, _PRAGMA_TEXT.match(sparql, token.start()).group()))
        elif token.group("word") and word.upper() in ("PREFIX", "BASE"):
            after = _declaration(word.upper(), token.end(), sparql, masked, prologue)
        elif token.group("prefix") and word.upper().startswith("PREFIX") and not token.group("local"):
            after = _declaration("PREFIX", token.start() + len("PREFIX"), sparql, masked, prologue)  # PREFIXex:<...>
        elif keyword := (_KEYWORD.search(word) if token.group("word") else _PREFIX_KEYWORD.match(word)):
            targets.append(
                _target(
                    keyword.group(keyword.lastindex or 0).upper(),
                    token.start() + keyword.end(),
                    sparql,
                    masked,
                    prologue,
                    base_iri,
                )
            )
    return targets


def _declaration(kind: str, at: int, sparql: str, masked: str, prologue: list[str]) -> int:
    """Record ``PREFIX ns: <iri>`` or ``BASE <iri>`` starting after the keyword, as written;
    returns where the declaration ends (its prefix name is not a keyword)."""
    at = _GAP.match(sparql, at).end()
    name = ""
    if kind == "PREFIX":
        if not (ns := _PNAME_NS.match(masked, at)):
            return at
        name, at = ns.group(), _GAP.match(sparql, ns.end()).end()
    if iri := _IRIREF.match(sparql, at):
        prologue.append(f"{kind} {name} {iri.group()}\n")
        return iri.end()
    return at


def _target(keyword: str, at: int, sparql: str, masked: str, prologue: list[str], base_iri: str | None) -> Target:
    at = _GAP.match(sparql, at).end()
    if masked[at : at + 6].upper() == "SILENT":
        at = _GAP.match(sparql, at + 6).end()
    if sparql[at : at + 1] in ("?", "$"):
        return Target(keyword, None, _VARIABLE.match(sparql, at).group())
    written = _IRIREF.match(sparql, at) or _PNAME.match(sparql, at)
    if not written:
        return Target(keyword, None, sparql[at : at + 40].split("{")[0].strip())
    return Target(keyword, _resolve("".join(prologue), written.group(), base_iri), written.group())


def _resolve(prologue: str, term: str, base_iri: str | None) -> str | None:
    """The IRI a term denotes after the declarations, resolved by pyoxigraph's parser (None: unreadable)."""
    document = f"{prologue}{term} <urn:sgkg:outbound> <urn:sgkg:outbound> .\n"
    try:
        quads = ox.parse(document.encode("utf-8"), ox.RdfFormat.TURTLE, base_iri=base_iri or None)
        subject = next(iter(quads)).subject
    except (SyntaxError, ValueError, StopIteration):
        return None
    return subject.value if isinstance(subject, ox.NamedNode) else None


def _refusal(target: Target, allowed: tuple[str, ...]) -> OutboundRefused:
    setting = BY_NAME["outbound_allow"]
    if target.keyword == "DEFINE":
        what = f"{target.written}: a DEFINE pragma (Virtuoso's get: and input:grab pragmas fetch IRIs) is not SPARQL"
        hint = "remove the pragma; name the data with FROM / GRAPH"
    elif target.iri is None:
        what = f"{target.keyword} {target.written or '(nothing)'}: the endpoint is not a fixed IRI"
        hint = "name the endpoint as an IRI that the setting outbound_allow lists"
    else:
        listed = (
            "does not apply: only http and https endpoints can be allowed"
            if not target.iri.lower().startswith(("http://", "https://"))
            else "is empty"
            if not allowed
            else "does not name it"
        )
        what = (
            f"{target.keyword} <{target.iri}> would make this server send a request there, and {setting.name} {listed}"
        )
        hint = (
            f"query that endpoint yourself, or list it in {setting.option} / {setting.env}"
            if target.keyword == "SERVICE"
            else f"load the data with `sgkg ingest` or the Graph Store Protocol, or list it in {setting.option} / "
            f"{setting.env}"
        )
    return OutboundRefused(f"{what}; outbound requests are refused", hint=hint)
