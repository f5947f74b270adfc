"""POST /ingest: upload one or more documents (multipart, field ``file``) into the ingestion
pipeline, behind the same shapes gate; needs the access token.  Answers one result per document."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

from flask import Blueprint, jsonify, request
from werkzeug.utils import secure_filename

from ingest.errors import SgkgError, UsageError
from service.auth import require_write_access
from service.extensions import get_service, setting

bp = Blueprint("upload", __name__)


@bp.post("/ingest")
def ingest():
    require_write_access()
    uploads = [f for key in request.files for f in request.files.getlist(key)]
    if not uploads:
        raise UsageError("no documents in the request", hint="POST multipart/form-data with one or more 'file' fields")
    results = ingest_uploads(uploads, request.form.get("area") or None)
    failed = sum(r["status"] == "failed" for r in results)
    status = 200 if not failed else 422 if failed == len(results) else 207
    return jsonify({"results": results}), status


def ingest_uploads(uploads, area: str | None) -> list[dict]:
    """Each upload through the pipeline; a document that fails is reported, the others go on."""
    from ingest.ingest import IngestResult, ingest_source, resolve_area
    from ingest.readers import read_source

    store, codes = get_service().synced, resolve_area(area)
    results = []
    with tempfile.TemporaryDirectory(prefix="sgkg-upload-") as tmp:
        for n, upload in enumerate(uploads):
            name = secure_filename(upload.filename or "") or "document"
            path = Path(tmp) / str(n) / name
            path.parent.mkdir()
            upload.save(path)
            try:
                source = read_source(path, max_bytes=setting("max_document_bytes"),
                                     fetch_timeout=setting("fetch_timeout"))
                result = ingest_source(source, store, area=codes)
            except SgkgError as exc:
                result = IngestResult(name, None, None, "failed", error=exc.one_line())
            results.append(asdict(result))
    return results
