"""The error catalogue (one row an error class, codes unique, classes importable and picklable by name), and
error messages: quoted messages of other libraries and servers are cut after a whole word."""

from __future__ import annotations

import pickle
from importlib.resources import files

import pytest
import requests

from sgkg.ingest import errors, readers
from sgkg.ingest.errors import CATALOGUE, COLUMNS, ERRORS, SgkgError, excerpt, read_catalogue
from sgkg.ingest.store import remote

LONG = (
    "HTTPSConnectionPool(host='intranet.example', port=443): Max retries exceeded with url: "
    '/safeguarding/annual-report.pdf (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection '
    "object at 0x7f>: Failed to resolve 'intranet.example' ([Errno -2] Name or service not known)\"))"
)


def whole_words(cut: str, text: str) -> bool:
    """``cut`` is ``text`` up to a word boundary, then " …"."""
    kept = cut.removesuffix(" …")
    words = text.split()
    return cut.endswith(" …") and kept.split() == words[: len(kept.split())]


def test_excerpt_keeps_short_text_and_cuts_long_text_after_a_word():
    assert excerpt("  a short\nmessage ") == "a short message"
    cut = excerpt(LONG)
    assert len(cut) <= 202 and whole_words(cut, LONG)
    assert excerpt("word " * 40, 20) == "word word word word …"
    assert excerpt("x" * 300, 10) == "x" * 10 + " …"  # one word longer than the limit: the only cut inside a word


@pytest.mark.parametrize("limit", range(150, 210))
def test_no_limit_cuts_inside_a_word(limit):
    assert whole_words(excerpt(LONG, limit), LONG)


def test_readers_quote_a_library_message_in_whole_words():
    reason = readers._reason(OSError(LONG))
    assert whole_words(reason, LONG)


def test_the_remote_store_quotes_a_server_message_in_whole_words():
    response = requests.Response()
    response._content, response.encoding = (LONG * 3).encode(), "utf-8"
    assert whole_words(remote._server_message(response), LONG * 3)
    assert whole_words(remote._reason(OSError(LONG)), LONG)


def test_every_error_has_its_own_code_and_an_http_status():
    codes = [cls.code for cls in ERRORS.values()]
    assert len(set(codes)) == len(codes) == len(CATALOGUE) + 2  # + SgkgError and ShapesViolation, written out
    assert all(cls is SgkgError or issubclass(cls, SgkgError) for cls in ERRORS.values())
    assert all(400 <= cls.status < 600 for cls in ERRORS.values())


@pytest.mark.parametrize("name, parent, code, status, title, doc", CATALOGUE)
def test_a_catalogue_row_is_a_class_importable_by_its_name(name, parent, code, status, title, doc):
    cls = getattr(errors, name)
    assert cls.__name__ == name and cls.__bases__ == (ERRORS[parent],) and name in errors.__all__
    assert (cls.code, cls.status, cls.title, cls.__doc__) == (code, status, title, doc)
    error = cls("the message", where="the file", hint="what to do")
    assert error.one_line() == f"{code} the file: the message (what to do)"
    copy = pickle.loads(pickle.dumps(error))  # query workers and the parse child send errors across processes
    assert type(copy) is cls and copy.message == "the message"


def test_the_catalogue_is_read_from_the_packaged_file():
    text = (files("sgkg.ingest") / "errors.tsv").read_text(encoding="utf-8")
    assert read_catalogue(text) == CATALOGUE
    assert ("StoreLocked", "StoreError", "SGKG301", 503, "Store error", errors.StoreLocked.__doc__) in CATALOGUE


HEADER = "\t".join(COLUMNS)


@pytest.mark.parametrize(
    "text, says",
    [
        ("# no header\nA\tSgkgError\tSGKG1\t400\tt\td", "the first row is the header"),
        (f"{HEADER}\n\n# a comment\nA\tSgkgError\tSGKG1\t400\tt", "errors.tsv:4: a row is 6 tab-separated cells"),
        (f"{HEADER}\nA\tSgkgError\tSGKG1\tfour hundred\tt\td", "errors.tsv:2: a row is 6 tab-separated cells"),
    ],
)
def test_a_malformed_catalogue_line_is_named(text, says):
    with pytest.raises(ValueError, match=says):
        read_catalogue(text)


def test_a_row_above_its_parent_is_refused():
    rows = read_catalogue(f"{HEADER}\nB\tA\tSGKG2\t400\tt\td\nA\tSgkgError\tSGKG1\t400\tt\td")
    assert [row[0] for row in rows] == ["B", "A"]
    with pytest.raises(ValueError, match="B stands above its parent A"):
        errors._classes(rows)
