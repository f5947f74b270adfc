"""Replay the W3C SPARQL 1.1 Protocol and Graph Store Protocol test manifests against a live server.

The manifests (``../shared/w3c/``, see its README) describe each test as a sequence of HTTP requests
in the ``ht:`` vocabulary with the expected status, result format, boolean, response headers and
body.  This module parses them with rdflib into plain records, sends each request with `requests`
to a server on loopback (with the bearer token on every request, since writes need it), and
compares what comes back as the manifest says.  Before each test the store is emptied (``DROP ALL``)
and the test's ``ut:graphData`` is loaded through the Graph Store Protocol.

Tests that need a feature the service deliberately does not offer are reported as not applicable
with the reason (``NOT_APPLICABLE``), never counted as passes.

    python -m tests.service.w3c_runner URL TOKEN   # print the results table of docs/conformance.md
"""

from __future__ import annotations

import email
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import requests
from rdflib import RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from requests.structures import CaseInsensitiveDict

HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SRX = "{http://www.w3.org/2005/sparql-results#}"

# the manifests' path prefixes -> this service's endpoints (longest first)
ENDPOINTS = (("/sparql/", "/sparql"), ("/sparql", "/sparql"), ("/gsp", "/rdf-graph-store"))
SUITES = {"protocol": Path("sparql11-protocol/manifest.ttl"), "graph-store": Path("graph-store-protocol/manifest.ttl")}

# features a test may need (mf:requires) that the service does not offer
NOT_APPLICABLE: dict[str, str] = {
    str(
        MF.DirectGraphIdentification
    ): "direct graph identification (the graph IRI is the request URL) is an optional Graph Store Protocol "
    "feature the service does not offer: graphs are named indirectly, /rdf-graph-store?graph=IRI, and the "
    "service's graph IRIs (https://w3id.org/sgkg/graph/...) are not URLs of the server",
}

# The Graph Store tests describe foaf:Person nodes; foaf:Person is a class of the project (PersonShape in
# shapes/organisations-roles.ttl needs a label, a name and provenance), so the shapes gate refuses that
# data with 422, as it must.  The adapted run swaps the class for one no shape targets, to exercise the
# same protocol requests; it is reported beside the n/a, never counted as a W3C pass.
ADAPTATIONS = {"foaf:Person": "<http://example.org/w3c-adapted/Person>"}
# what a verdict alone would not say (test name -> note)
NOTES: dict[str, str] = {}
SHAPES_VIOLATION = "SGKG200"  # the problem code of ingest.errors.ShapesViolation

RESULT_JSON = {"application/sparql-results+json", "application/json"}
RESULT_XML = {"application/sparql-results+xml", "application/xml", "text/xml"}
RESULT_TEXT = {"text/csv", "text/tab-separated-values"}
RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
    "text/n3": "n3",
}


# --- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    """What one response must be: statuses ("201" or a class "2xx"), and optionally more."""

    statuses: frozenset[str]
    boolean: bool | None = None
    result_format: str | None = None  # "boolean", "tabular" or "RDF"
    content_type: str | None = None
    body: str | None = None
    location_variable: str | None = None


@dataclass(frozen=True)
class Step:
    """One HTTP request of a test and what its response must be."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: str | None
    encoding: str
    expect: Expectation


@dataclass(frozen=True)
class GraphData:
    source: Path
    graph: str


@dataclass(frozen=True)
class W3CTest:
    suite: str
    name: str  # the local name of the test IRI, e.g. query_post_form
    title: str  # mf:name
    requires: tuple[str, ...]
    graph_data: tuple[GraphData, ...]
    steps: tuple[Step, ...]

    def not_applicable(self) -> str | None:
        reasons = [NOT_APPLICABLE[f] for f in self.requires if f in NOT_APPLICABLE]
        return "; ".join(reasons) or None

    def adapted(self) -> W3CTest:
        """The same requests with the data's project classes swapped for neutral ones (ADAPTATIONS)."""

        def swap(text: str | None) -> str | None:
            for old, new in ADAPTATIONS.items():
                text = None if text is None else text.replace(old, new)
            return text

        steps = tuple(
            replace(s, body=swap(s.body), expect=replace(s.expect, body=swap(s.expect.body))) for s in self.steps
        )
        return replace(self, steps=steps)

    def payloads(self) -> list[tuple[str, bytes, str]]:
        """What the test writes as RDF: (where, bytes, media type), multipart bodies split into parts."""
        found = [(f"{d.source.name}", d.source.read_bytes(), "application/n-triples") for d in self.graph_data]
        for number, step in enumerate(self.steps, 1):
            media = _media(dict((k.lower(), v) for k, v in step.headers).get("content-type", ""))[0]
            if step.method in ("PUT", "POST") and step.body is not None and step.path.startswith("/gsp"):
                found += _split(
                    f"{self.name} request {number}", step.body.encode(step.encoding), media, dict(step.headers)
                )
        return found


@dataclass(frozen=True)
class Outcome:
    test: W3CTest
    verdict: str  # "pass", "fail" or "n/a"
    reason: str = ""
    adapted: Outcome | None = None  # for tests whose data the shapes gate refuses: the adapted run

    def why(self) -> str:
        why = " ".join(filter(None, [self.reason, NOTES.get(self.test.name, "")]))
        if self.adapted is None:
            return why
        return f"{why}. Adapted run ({_adaptations()}): {self.adapted.verdict} {self.adapted.reason}".strip()


@dataclass
class Summary:
    suite: str
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, verdict: str) -> int:
        return sum(o.verdict == verdict for o in self.outcomes)

    def line(self) -> str:
        adapted = [o.adapted for o in self.outcomes if o.adapted]
        passed = sum(a.verdict == "pass" for a in adapted)
        extra = f"; adapted runs of the n/a: {passed} of {len(adapted)} pass" if adapted else ""
        return (
            f"{self.suite}: {self.count('pass')} pass, {self.count('fail')} fail, "
            f"{self.count('n/a')} not applicable (of {len(self.outcomes)}){extra}"
        )


# --- reading the manifests -----------------------------------------------------------------------


def load_suite(w3c_dir: Path, suite: str) -> list[W3CTest]:
    """The tests of one suite, in manifest order (mf:include followed)."""
    return _load_manifest(w3c_dir / SUITES[suite], suite)


def _load_manifest(path: Path, suite: str) -> list[W3CTest]:
    path = path.resolve()  # the manifest's base IRI and its own IRI alike, also where ../shared is a symbolic link
    graph = Graph().parse(path, format="turtle")
    manifest = URIRef(path.as_uri())
    tests: list[W3CTest] = []
    for included in _list(graph, graph.value(manifest, MF.include)):
        tests += _load_manifest(Path(urlsplit(str(included)).path), suite)
    for entry in _list(graph, graph.value(manifest, MF.entries)):
        tests.append(_test(graph, entry, suite))
    return tests


def _list(graph: Graph, head) -> list:
    return list(Collection(graph, head)) if head is not None else []


def _test(graph: Graph, entry: URIRef, suite: str) -> W3CTest:
    action = graph.value(entry, MF.action)
    steps = tuple(_step(graph, node) for node in _list(graph, graph.value(action, HT.requests)))
    requires = [str(f) for f in graph.objects(entry, MF.requires)]
    data = tuple(
        GraphData(Path(urlsplit(str(graph.value(d, UT.graph))).path), str(graph.value(d, RDFS.label)))
        for d in graph.objects(entry, UT.graphData)
    )
    return W3CTest(
        suite,
        str(entry).rsplit("#", 1)[-1],
        str(graph.value(entry, MF.name)),
        tuple(sorted(requires)),
        tuple(sorted(data, key=lambda d: d.graph)),
        steps,
    )


def _step(graph: Graph, node) -> Step:
    body = graph.value(node, HT.body)
    headers = tuple(
        (str(graph.value(h, HT.fieldName)), str(graph.value(h, HT.fieldValue)))
        for h in _list(graph, graph.value(node, HT.headers))
    )
    return Step(
        str(graph.value(node, HT.methodName)),
        str(graph.value(node, HT.absolutePath)),
        headers,
        None if body is None else str(graph.value(body, CNT.chars)),
        "utf-8" if body is None else str(graph.value(body, CNT.characterEncoding) or "utf-8"),
        _expectation(graph, graph.value(node, HT.resp)),
    )


def _expectation(graph: Graph, resp) -> Expectation:
    statuses = frozenset(_status(str(s)) for s in graph.objects(resp, MF.expectedStatus))
    boolean = graph.value(resp, MF.expectedBoolean)
    fmt, location = graph.value(resp, MF.expectedFormat), graph.value(resp, MF.expectedLocation)
    headers = {
        str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
        for h in _list(graph, graph.value(resp, HT.headers))
    }
    body = graph.value(resp, HT.body)
    return Expectation(
        statuses,
        None if boolean is None else bool(boolean.toPython()),
        None if fmt is None else str(fmt),
        headers.get("content-type"),
        None if body is None else str(graph.value(body, CNT.chars)),
        None if location is None else str(location),
    )


def _status(iri: str) -> str:
    """hts:StatusCode2xx -> "2xx"; hts:NoContent -> "204"."""
    name = iri.removeprefix(str(HTS))
    if name.startswith("StatusCode"):
        return name.removeprefix("StatusCode").lower()
    snake = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()
    return str(HTTPStatus[snake].value)


# --- running ---------------------------------------------------------------------------------------


class Runner:
    """Runs manifest tests against the server at ``base_url`` (e.g. http://127.0.0.1:8123)."""

    def __init__(self, base_url: str, token: str, timeout: float = 30.0):
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        self.auth = {"Authorization": f"Bearer {token}"}
        self.session = requests.Session()
        # only what the manifest says: no default Accept, so the server's own default is tested
        self.session.headers = CaseInsensitiveDict({"User-Agent": "sgkg-w3c-runner"})

    def run_suite(self, tests: list[W3CTest], suite: str) -> Summary:
        return Summary(suite, [self.run(test) for test in tests])

    def run(self, test: W3CTest) -> Outcome:
        """Replay a test; a test whose data the shapes gate refuses (422) is n/a, and is replayed adapted."""
        reason = test.not_applicable()
        if reason:
            return Outcome(test, "n/a", reason)
        outcome, refusal = self.replay(test)
        if refusal is None:
            return outcome
        adapted, still_refused = self.replay(test.adapted())
        if still_refused is not None:
            adapted = Outcome(adapted.test, "fail", f"the adapted data is refused too: {still_refused}")
        return Outcome(test, "n/a", f"the project's shapes gate refuses the test's data by design ({refusal})", adapted)

    def replay(self, test: W3CTest) -> tuple[Outcome, str | None]:
        """The outcome, and the violations when a write was refused by the shapes gate (422 SGKG200)."""
        try:
            self.reset()
            for data in test.graph_data:
                self.load(data)
        except SetupError as exc:
            return Outcome(test, "fail", f"setup: {exc}"), None
        variables: dict[str, str] = {}
        for number, step in enumerate(test.steps, 1):
            response = self.send(step, variables)
            problems = check(step.expect, response, variables)
            if problems:
                where = f"request {number} ({step.method} {self.url(step.path, variables).removeprefix(self.base_url)})"
                return Outcome(test, "fail", f"{where}: " + "; ".join(problems)), _shapes_refusal(response, where)
        return Outcome(test, "pass"), None

    def url(self, path: str, variables: dict[str, str]) -> str:
        path = _substitute(path, variables)
        for prefix, endpoint in ENDPOINTS:
            if path.startswith(prefix):
                return self.base_url + endpoint + path.removeprefix(prefix)
        raise ValueError(f"the manifest path {path!r} names no known endpoint")

    def send(self, step: Step, variables: dict[str, str]) -> requests.Response:
        url = self.url(step.path, variables)
        body = None if step.body is None else _substitute(step.body, variables).encode(step.encoding)
        prepared = self.session.prepare_request(
            requests.Request(step.method, url, headers={**dict(step.headers), **self.auth}, data=body)
        )
        prepared.url = url  # as written: requests would otherwise rewrite escapes such as %31
        return self.session.send(prepared, allow_redirects=False, timeout=self.timeout)

    def reset(self) -> None:
        """Empty the store (every graph, and the default graph) before a test."""
        self._expect_ok(
            self.session.post(
                self.base_url + "/sparql",
                data=b"DROP ALL",
                timeout=self.timeout,
                headers={"Content-Type": "application/sparql-update", **self.auth},
            ),
            "DROP ALL",
        )

    def load(self, data: GraphData) -> None:
        self._expect_ok(
            self.session.put(
                self.base_url + "/rdf-graph-store",
                params={"graph": data.graph},
                data=data.source.read_bytes(),
                timeout=self.timeout,
                headers={"Content-Type": "application/n-triples", **self.auth},
            ),
            f"loading {data.source.name} into <{data.graph}>",
        )

    @staticmethod
    def _expect_ok(response: requests.Response, what: str) -> None:
        if not response.ok:
            raise SetupError(f"{what} answered {response.status_code}: {response.text[:300]}")


def _shapes_refusal(response: requests.Response, where: str) -> str | None:
    """For a 422 from the shapes gate: where, and its distinct violation messages."""
    if response.status_code != 422 or "json" not in response.headers.get("Content-Type", ""):
        return None
    problem = response.json()
    if problem.get("code") != SHAPES_VIOLATION:
        return None
    messages = sorted({v["message"] for v in problem.get("violations", [])})
    return f"{where} answered 422 {SHAPES_VIOLATION}: " + " ".join(messages)


class SetupError(Exception):
    """Resetting the store or loading a test's data failed."""


def _adaptations() -> str:
    return ", ".join(f"{old} -> {new}" for old, new in ADAPTATIONS.items())


def _split(where: str, body: bytes, media: str, headers: dict[str, str]) -> list[tuple[str, bytes, str]]:
    """A request body as RDF documents: itself, or each part of a multipart/form-data body."""
    if media != "multipart/form-data":
        return [(where, body, media)]
    content_type = next(v for k, v in headers.items() if k.lower() == "content-type")
    message = email.message_from_bytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    return [
        (f"{where} part {part.get_filename()}", part.get_payload(decode=True), part.get_content_type())
        for part in message.get_payload()
    ]


def _substitute(text: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        text = text.replace(name, value)
    return text


# --- checking responses ------------------------------------------------------------------------------


def check(expect: Expectation, response: requests.Response, variables: dict[str, str]) -> list[str]:
    """What is wrong with ``response`` (empty when it is as expected); records Location variables."""
    status = str(response.status_code)
    if status not in expect.statuses and status[0] + "xx" not in expect.statuses:
        return [f"status {status}, expected {' or '.join(sorted(expect.statuses))}: {response.text[:300]}"]
    problems: list[str] = []
    if expect.location_variable:
        location = response.headers.get("Location")
        if location:
            variables[expect.location_variable] = location
        else:
            problems.append("no Location header")
    if expect.content_type:
        problems += _check_content_type(expect.content_type, response.headers.get("Content-Type", ""))
    if expect.result_format or expect.boolean is not None:
        problems += _check_result(expect, response)
    if expect.body is not None:
        problems += _check_graph(expect, response)
    return problems


def _media(value: str) -> tuple[str, dict[str, str]]:
    media, *params = [part.strip() for part in value.split(";")]
    pairs = (p.partition("=") for p in params if "=" in p)
    return media.lower(), {k.strip().lower(): v.strip().strip('"').lower() for k, _, v in pairs}


def _check_content_type(expected: str, got: str) -> list[str]:
    (want, want_params), (have, have_params) = _media(expected), _media(got)
    if want != have:
        return [f"Content-Type {got!r}, expected {expected!r}"]
    charset = have_params.get("charset")
    if charset and "charset" in want_params and charset != want_params["charset"]:
        return [f"Content-Type {got!r}: charset differs from {expected!r}"]
    return []


def _check_result(expect: Expectation, response: requests.Response) -> list[str]:
    try:
        kind, boolean = result_kind(response)
    except ValueError as exc:
        return [str(exc)]
    problems = []
    if expect.result_format and kind != expect.result_format:
        problems.append(f"a {kind} result ({response.headers.get('Content-Type')}), expected {expect.result_format}")
    if expect.boolean is not None and boolean != expect.boolean:
        problems.append(f"boolean {boolean}, expected {expect.boolean}")
    return problems


def result_kind(response: requests.Response) -> tuple[str, bool | None]:
    """("boolean", value), ("tabular", None) or ("RDF", None), read from the body by its media type."""
    media, _ = _media(response.headers.get("Content-Type", ""))
    try:
        if media in RESULT_JSON:
            data = json.loads(response.content)
            if isinstance(data.get("boolean"), bool):
                return "boolean", data["boolean"]
            if "bindings" in data.get("results", {}) and "vars" in data.get("head", {}):
                return "tabular", None
        elif media in RESULT_XML:
            root = ET.fromstring(response.content)
            found = root.find(SRX + "boolean")
            if root.tag == SRX + "sparql" and found is not None and found.text in ("true", "false"):
                return "boolean", found.text == "true"
            if root.tag == SRX + "sparql" and root.find(SRX + "results") is not None:
                return "tabular", None
        elif media in RESULT_TEXT:
            if response.text.splitlines():
                return "tabular", None
        elif media in RDF_PARSERS:
            Graph().parse(data=response.content, format=RDF_PARSERS[media])
            return "RDF", None
    except Exception as exc:  # noqa: BLE001 - any parser failure means "not a valid result"
        raise ValueError(f"the {media} body does not parse: {exc}") from None
    raise ValueError(f"not a SPARQL result or RDF document: {media or 'no Content-Type'}: {response.text[:200]}")


def _check_graph(expect: Expectation, response: requests.Response) -> list[str]:
    media, _ = _media(response.headers.get("Content-Type", ""))
    expected_media, _ = _media(expect.content_type or "text/turtle")
    if media not in RDF_PARSERS:
        return [f"the body is {media or 'untyped'}, not RDF"]
    try:
        got = Graph().parse(data=response.content, format=RDF_PARSERS[media])
    except Exception as exc:  # noqa: BLE001 - any parser failure is a failed test
        return [f"the {media} body does not parse: {exc}"]
    want = Graph().parse(data=expect.body, format=RDF_PARSERS[expected_media])
    if not isomorphic(got, want):
        return [f"the graph returned is not isomorphic to the expected one:\n{response.text}"]
    return []


# --- the results table ---------------------------------------------------------------------------------


def table(summaries: list[Summary]) -> str:
    """The Markdown results table of docs/conformance.md, one section per suite."""
    parts = []
    for summary in summaries:
        rows = [
            f"| `{o.test.name}` | {_cell(o.test.title)} | {o.verdict} | {o.adapted.verdict if o.adapted else ''} "
            f"| {_cell(o.why())} |"
            for o in summary.outcomes
        ]
        parts.append(
            "\n".join(
                [
                    f"### {summary.suite}",
                    "",
                    summary.line() + ".",
                    "",
                    "| test | name | result | adapted run | why |",
                    "|---|---|---|---|---|",
                    *rows,
                ]
            )
        )
    return "\n\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def run_all(w3c_dir: Path, base_url: str, token: str) -> list[Summary]:
    runner = Runner(base_url, token)
    return [runner.run_suite(load_suite(w3c_dir, suite), suite) for suite in SUITES]


def main(argv: list[str] | None = None) -> int:
    base_url, token, *rest = argv if argv is not None else sys.argv[1:]
    w3c_dir = Path(rest[0]) if rest else Path(__file__).resolve().parents[3] / "shared" / "w3c"
    summaries = run_all(w3c_dir, base_url, token)
    print(table(summaries), end="")
    return 0 if all(s.count("fail") == 0 for s in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
