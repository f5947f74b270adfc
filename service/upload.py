"""POST /ingest: upload one or more documents (multipart, field ``file``) into the ingestion
pipeline, behind the same shapes gate; needs the access token.

Each document is read, extracted, validated and committed on its own, so the answer says per
document what was committed and what failed (and why): 200 when every document was committed
(``loaded`` or ``unchanged``), 207 Multi-Status when some were and some failed, 422 when none
was.  Documents are called by their client-side file names, never by a path on the server.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from pathlib import PurePosixPath

from flask import jsonify, request

from sgkg.ingest.errors import UsageError
from sgkg.service.auth import require_write_access
from sgkg.service.blueprints import blueprint
from sgkg.service.extensions import get_service, setting

bp = blueprint("upload", __name__)


@bp.post("/ingest")
def ingest():
    require_write_access()
    uploads = [f for key in request.files for f in request.files.getlist(key)]
    if not uploads:
        raise UsageError("no documents in the request", hint="POST multipart/form-data with one or more 'file' fields")
    results = ingest_uploads(uploads, request.form.get("area") or None)
    committed = [r["source"] for r in results if r["status"] != "failed"]
    failed = [r["source"] for r in results if r["status"] == "failed"]
    status = 200 if not failed else 422 if not committed else 207
    return jsonify({"committed": committed, "failed": failed, "results": results}), status


def client_name(filename: str | None, n: int) -> str:
    """The upload's own file name, without any folders the client sent ("document N" when it has none)."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name.strip()
    return name or f"document {n + 1}"


def ingest_uploads(uploads, area: str | None) -> list[dict]:
    """Each upload through the pipeline; a document that fails is reported, the others go on."""
    from sgkg.ingest.bounded import parse_limits
    from sgkg.ingest.ingest import ingest_one, resolve_area
    from sgkg.ingest.readers import read_bytes

    store, codes = get_service().synced, resolve_area(area)
    max_bytes = setting("max_document_bytes")
    results = []
    with parse_limits(setting("max_parse_seconds"), setting("max_parse_memory")):
        for n, upload in enumerate(uploads):
            name = client_name(upload.filename, n)
            read = partial(read_bytes, upload.stream.read(max_bytes + 1), name, max_bytes=max_bytes)
            results.append(asdict(ingest_one(read, store, area=codes, name=name)))
    return results
