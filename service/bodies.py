"""Request bodies read whole or refused: the ``max_body`` limit on every body, and text in the
encoding it declares.

Werkzeug checks ``max_body`` against ``Content-Length`` only; a chunked body (no length, the
server terminating the stream, as gunicorn does) is read up to the limit and the rest silently
dropped, so a truncated document would be stored.  :class:`BoundedRequest` reads at most
``max_body + 1`` bytes of such a body and refuses it (413, nothing stored) when the extra byte
arrives.  :func:`decode` and :func:`strict_params` decode text strictly: bytes that are not in
the declared encoding are a 400, never replaced by U+FFFD.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qsl

from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import cached_property

from sgkg.ingest.errors import UsageError


class _AtMost(io.RawIOBase):
    """A terminated input stream that raises 413 as soon as it yields more than ``limit`` bytes."""

    def __init__(self, stream, limit: int):
        self._stream, self._limit, self._read = stream, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(min(len(buffer), self._limit + 1 - self._read))
        if not data:
            return 0
        self._read += len(data)
        if self._read > self._limit:
            raise RequestEntityTooLarge()
        buffer[: len(data)] = data
        return len(data)


class BoundedRequest(Request):
    """Flask's request, with ``max_body`` (MAX_CONTENT_LENGTH) enforced on chunked bodies too."""

    @cached_property
    def stream(self):
        limit = self.max_content_length
        if limit is None or self.content_length is not None or "wsgi.input_terminated" not in self.environ:
            return super().stream
        return io.BufferedReader(_AtMost(self.environ["wsgi.input"], limit))


def decode(data: bytes, charset: str, where: str) -> str:
    """``data`` as text in ``charset``; a 400 naming the first bad byte when it is not."""
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{where} is not valid {charset} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            hint=f"send the text encoded as {charset}, or declare its encoding in the charset parameter",
        ) from None
    except LookupError:
        raise UsageError(f"{where} declares an unknown charset {charset!r}", hint="send UTF-8") from None


def strict_params(raw: bytes, where: str) -> MultiDict:
    """URL-encoded parameters (a query string or a form body) decoded as UTF-8, strictly."""
    try:
        return MultiDict(
            parse_qsl(decode(raw, "utf-8", where), keep_blank_values=True, encoding="utf-8", errors="strict")
        )
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{where} has a percent-encoded value that is not valid UTF-8 ({exc.reason})",
            hint="percent-encode the UTF-8 bytes of the text",
        ) from None
