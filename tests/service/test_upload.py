"""POST /ingest answers per document what was committed and what failed, naming uploads by their own names."""

from __future__ import annotations

import io

import pytest

import sgkg.ingest.ingest
from tests.service.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def protocol(data_dir) -> bytes:
    return (data_dir / "texts" / "rutland-protocol.txt").read_bytes()


def upload(client, *files: tuple[str, bytes]):
    data = {"file": [(io.BytesIO(body), name) for name, body in files]}
    return client.post("/ingest", data=data, headers=AUTH, content_type="multipart/form-data")


def document_graphs(client) -> list[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/graph/document/')) }"
    response = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    return [b["g"]["value"] for b in response.json["results"]["bindings"]]


def test_good_and_bad_uploads_answer_207_per_document(make_app, protocol):
    client = make_app().test_client()
    before = document_graphs(client)
    response = upload(client, ("rutland-protocol.txt", protocol), ("notes.txt", b"   \n"))
    assert response.status_code == 207, response.json
    body = response.json
    assert body["committed"] == ["rutland-protocol.txt"] and body["failed"] == ["notes.txt"]
    good, bad = body["results"]
    assert good["status"] == "loaded" and good["graph"] in document_graphs(client)
    assert len(document_graphs(client)) == len(before) + 1
    assert bad["status"] == "failed" and bad["error"].startswith("SGKG101 notes.txt:")
    assert "/tmp" not in response.get_data(as_text=True) and "sgkg-upload" not in response.get_data(as_text=True)


def test_a_document_that_fails_unexpectedly_does_not_hide_what_was_committed(make_app, protocol, monkeypatch, caplog):
    real = sgkg.ingest.ingest.extract

    def extract(source, **kwargs):
        if source.source_name == "broken.txt":
            raise RuntimeError("a bug in one component")
        return real(source, **kwargs)

    monkeypatch.setattr(sgkg.ingest.ingest, "extract", extract)
    client = make_app().test_client()
    response = upload(client, ("rutland-protocol.txt", protocol), ("broken.txt", protocol + b"\nMore.\n"))
    assert response.status_code == 207, response.get_data(as_text=True)
    good, bad = response.json["results"]
    assert good["status"] == "loaded" and good["graph"] in document_graphs(client)
    assert bad["status"] == "failed" and bad["error"].startswith("SGKG000 broken.txt: unexpected RuntimeError")
    assert "ingesting broken.txt failed unexpectedly" in caplog.text  # the traceback is in the server log


def test_uploads_are_named_without_client_folders(make_app):
    client = make_app().test_client()
    response = upload(client, ("../Users/me/empty.docx", b""))
    assert response.status_code == 422
    assert response.json["failed"] == ["empty.docx"] and "Users" not in response.json["results"][0]["error"]


def test_a_docx_over_the_configured_parse_limit_fails_alone(make_app, protocol):
    from tests.ingest import docgen

    client = make_app(max_parse_seconds=0.5).test_client()
    response = upload(client, ("rutland-protocol.txt", protocol), ("huge.docx", docgen.docx_of_paragraphs(300_000)))
    assert response.status_code == 207, response.json
    good, bad = response.json["results"]
    assert good["status"] == "loaded" and good["graph"] in document_graphs(client)
    assert bad["error"].startswith("SGKG111 huge.docx:") and "max_parse_seconds" in bad["error"]
    assert "/tmp" not in response.get_data(as_text=True)


def test_the_real_server_reads_an_uploaded_docx_in_its_bounded_child(live, protocol):
    """Under gunicorn, the DOCX is parsed in a forked child and its facts committed."""
    import requests
    from docx import Document

    document = Document()
    for paragraph in protocol.decode().split("\n\n"):
        document.add_paragraph(paragraph.strip())
    body = io.BytesIO()
    document.save(body)
    files = {
        "file": (
            "Rutland protocol.docx",
            body.getvalue(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    }
    response = requests.post(live.url + "/ingest", files=files, headers=live.auth(), timeout=120)
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "loaded" and result["source"] == "Rutland protocol.docx"
    assert result["counts"]["partnerships"] >= 2
