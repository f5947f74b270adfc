"""The real server end to end: first start, named queries, upload, readers during writes."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.service.conftest import EX, start_server, stop_server

GRAPH = EX + "swap"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def nt(size: int, tag: str) -> bytes:
    return "".join(f'<{EX}{tag}{i}> <{EX}p> "{i}" .\n' for i in range(size)).encode()


def test_readers_see_the_old_or_the_new_graph_never_half(live):
    put = {"Content-Type": "application/n-triples", **live.auth()}
    url, params = live.url + "/rdf-graph-store", {"graph": GRAPH}
    assert requests.put(url, params=params, data=nt(300, "a"), headers=put).status_code == 201
    seen, errors, stop = set(), [], threading.Event()

    def read() -> None:
        with requests.Session() as session:
            while not stop.is_set():
                response = session.get(live.sparql, params={"query": COUNT})
                if response.status_code != 200:
                    errors.append(response.text)
                    return
                seen.add(int(response.json()["results"]["bindings"][0]["n"]["value"]))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for i in range(8):
        body = nt(600, "b") if i % 2 == 0 else nt(300, "a")
        assert requests.put(url, params=params, data=body, headers=put).status_code == 204
        time.sleep(0.05)
    stop.set()
    for t in readers:
        t.join()
    assert not errors
    assert seen <= {300, 600} and len(seen) == 2


def test_named_queries_list_run_and_refuse_injection(live):
    listing = requests.get(live.url + "/queries").json()["queries"]
    names = {q["name"] for q in listing}
    assert "partnerships" in names
    html = requests.get(live.url + "/queries", headers={"Accept": "text/html"}).text
    assert 'href="/queries/partnerships"' in html
    table = requests.get(live.url + "/queries/partnerships", params={"area": "E08000028"}).json()
    assert "Testshire Safeguarding Board" in {r["partnership"] for r in table["rows"]}
    injected = requests.get(live.url + "/queries/partnerships", params={"area": 'x" || true) } #', "format": "csv"})
    assert injected.status_code == 200 and injected.text.count("\n") == 1  # a plain value: header only
    assert injected.headers["Content-Type"].startswith("text/csv")
    assert requests.get(live.url + "/queries/no-such-query").status_code == 404
    assert requests.get(live.url + "/queries/partnerships", params={"nope": "1"}).status_code == 400


def test_named_queries_answer_sparql_clients(live):
    """A SPARQL client (SPARQLWrapper's Accept and result reader, and a raw request) gets SPARQL results."""
    import http.client
    import json
    from urllib.parse import urlencode, urlsplit
    from urllib.request import Request, urlopen

    from SPARQLWrapper.Wrapper import _SPARQL_JSON, _SPARQL_XML, JSON, XML, QueryResult

    url = live.url + "/queries/partnerships?" + urlencode({"area": "E08000028"})
    for accept, fmt in ((_SPARQL_JSON, JSON), (_SPARQL_XML, XML)):
        result = QueryResult((urlopen(Request(url, headers={"Accept": ",".join(accept)}), timeout=30), fmt))
        assert result._get_responseFormat() == fmt
        converted = result.convert()
        if fmt == JSON:
            names = {b["partnership"]["value"] for b in converted["results"]["bindings"]}
        else:
            names = {
                node.firstChild.data
                for node in converted.getElementsByTagName("binding")
                if node.getAttribute("name") == "partnership"
                for node in node.getElementsByTagName("literal")
            }
        assert "Testshire Safeguarding Board" in names
    where = urlsplit(live.url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    connection.request(
        "GET", urlsplit(url).path + "?" + urlsplit(url).query, headers={"Accept": "application/sparql-results+json"}
    )
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/sparql-results+json; charset=utf-8"
    assert set(body["head"]["vars"]) >= {"area", "partnership"} and body["results"]["bindings"]


def test_sgkg_query_reads_the_store_sgkg_serve_holds(live):
    """`sgkg query --store DIR` while `sgkg serve --store DIR` runs: read-only, so no lock error."""
    import subprocess

    from tests.service.conftest import sgkg_command

    store = live.log.parent / "store"  # where the live fixture keeps its store
    done = subprocess.run(
        [
            *sgkg_command(),
            "query",
            "partnerships",
            "--store",
            str(store),
            "--param",
            "area=E08000028",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Testshire Safeguarding Board" in done.stdout
    assert requests.get(live.url + "/healthz").status_code == 200


@pytest.mark.seeds
@pytest.mark.slow
def test_upload_runs_the_ingestion_pipeline(live, seeds_dir):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    files = {"file": (seed.name, seed.read_bytes(), "text/plain")}
    assert requests.post(live.url + "/ingest", files=files).status_code == 401
    response = requests.post(live.url + "/ingest", files=files, headers=live.auth())
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "loaded" and result["source"] == seed.name
    ask = f"ASK {{ GRAPH <{result['graph']}> {{ ?s ?p ?o }} }}"
    assert requests.get(live.sparql, params={"query": ask}).json()["boolean"] is True


@pytest.mark.slow
def test_first_start_loads_the_reference_graph_and_says_so(tmp_path):
    server = start_server(tmp_path / "store", tmp_path / "serve.log", "--query-workers", "1", "--empty")
    try:
        graphs = requests.get(
            server.sparql, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
        ).json()["results"]["bindings"]
        assert [g["g"]["value"] for g in graphs] == ["https://w3id.org/sgkg/graph/reference"]
    finally:
        stop_server(server)
    log = server.log_text()
    assert "loaded the reference graph" in log and "founding corpus was not loaded" in log
    assert "Using worker: sgkg.service.balance.BalancedThreadWorker" in log  # gthread, connections spread
