"""The original bytes of a source, kept as a WARC file (`sources/ID.warc.gz`) written with warcio.

WARC (ISO 28500) is the web archivists' format: what `wget --warc-file`, Heritrix and the
Internet Archive write, and what their tools replay. One file per source, gzip per record:

1. `warcinfo`: the software that wrote it;
2. the original: a `response` record for a fetched URL (the HTTP status line and headers as
   received, and the body), preceded by one `response` record (headers only) for each redirect
   on the way; a `resource` record for a saved file (its bytes, with its media type);
3. a `metadata` record (JSON, `WARC-Refers-To` the original) saying how the text was made: the
   extractor's name, version and options, the tidying rules' version, and the sha256 of the text.

`read` gives back the original's payload (HTTP transfer and content encodings undone, as warcio
does) and that JSON. `add-source` extracts from what `read` returns of the file it has just
written, so add-source and `reextract` run the very same bytes through the very same code.

The archive is never published: `sources/` is not under `docs/`, so MkDocs never copies it,
and the site shows the extracted text only (a saved page's scripts must never run on the site).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

MAX_ARCHIVE_BYTES = 16 * 1024 * 1024  # the loader refuses a larger sources/ID.warc.gz
MAX_ORIGINAL_BYTES = 10 * 1024 * 1024  # add-source refuses a larger page, PDF or text (read and fetched)
SUFFIX = ".warc.gz"
METADATA_TYPE = "application/json"


class ArchiveError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Hop:
    """One HTTP response on the way to the page: a redirect, or the page itself (the last)."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes = b""


@dataclass
class Original:
    payload: bytes
    media_type: str
    target_uri: str
    extraction: dict[str, Any]


def write(
    source_id: str,
    media_type: str,
    extraction: dict[str, Any],
    *,
    resource: bytes | None = None,
    target_uri: str = "",
    hops: list[Hop] | None = None,
) -> bytes:
    """The bytes of `sources/ID.warc.gz`: a saved file as a `resource`, or a fetch as its `response`s."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(
        writer.create_warcinfo_record(
            f"{source_id}{SUFFIX}",
            {"software": "python -m briefing add-source", "format": "WARC File Format 1.1", "description": f"source {source_id}"},
        )
    )
    original_id = ""
    if hops:
        for hop in hops:
            # The body was read without its transfer encoding (urllib undoes chunking), so that
            # header would make a reader undo it a second time.
            headers = [(k, v) for k, v in hop.headers if k.lower() != "transfer-encoding"]
            http = StatusAndHeaders(f"{hop.status} {hop.reason}".strip(), headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(hop.url, "response", payload=io.BytesIO(hop.body), length=len(hop.body), http_headers=http)
            writer.write_record(record)
            original_id = record.rec_headers.get_header("WARC-Record-ID")
            target_uri = hop.url
    else:
        assert resource is not None
        record = writer.create_warc_record(
            target_uri, "resource", payload=io.BytesIO(resource), length=len(resource), warc_content_type=media_type
        )
        writer.write_record(record)
        original_id = record.rec_headers.get_header("WARC-Record-ID")
    meta = json.dumps({"media_type": media_type, **extraction}, sort_keys=True, ensure_ascii=False).encode("utf-8")
    writer.write_record(
        writer.create_warc_record(
            target_uri,
            "metadata",
            payload=io.BytesIO(meta),
            length=len(meta),
            warc_content_type=METADATA_TYPE,
            warc_headers_dict={"WARC-Refers-To": original_id},
        )
    )
    return out.getvalue()


def read(raw: bytes) -> Original:
    """The original's payload and the extraction record of an archive `write` made."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if len(raw) > MAX_ARCHIVE_BYTES:
        raise ArchiveError("archive-too-large", f"the archive is over {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB")
    originals: dict[str, tuple[bytes, str, str]] = {}
    meta: tuple[str, bytes] | None = None
    try:
        for rec in ArchiveIterator(io.BytesIO(raw), arc2warc=False):
            kind = rec.rec_type
            rid = rec.rec_headers.get_header("WARC-Record-ID") or ""
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            if kind == "resource":
                body = _bounded(rec.content_stream())
                originals[rid] = (body, (rec.rec_headers.get_header("Content-Type") or "").split(";")[0].strip(), uri)
            elif kind == "response" and rec.http_headers is not None:
                status = rec.http_headers.get_statuscode() or ""
                if status.startswith("2"):
                    body = _bounded(rec.content_stream())
                    originals[rid] = (body, rec.http_headers.get_header("Content-Type") or "", uri)
            elif kind == "metadata" and (rec.rec_headers.get_header("Content-Type") or "").startswith(METADATA_TYPE):
                meta = (rec.rec_headers.get_header("WARC-Refers-To") or "", _bounded(rec.content_stream()))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise ArchiveError("archive-invalid", f"not a readable WARC file ({type(exc).__name__}: {exc})") from None
    if meta is None:
        raise ArchiveError("archive-invalid", "the archive has no extraction record (a metadata record of JSON)")
    refers, meta_raw = meta
    if refers not in originals:
        raise ArchiveError("archive-invalid", "the extraction record refers to no original in the archive")
    try:
        extraction = json.loads(meta_raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError("archive-invalid", f"the extraction record is not JSON ({exc})") from None
    if not isinstance(extraction, dict) or not isinstance(extraction.get("media_type"), str):
        raise ArchiveError("archive-invalid", "the extraction record names no media type")
    payload, _declared, uri = originals[refers]
    return Original(payload, extraction["media_type"], uri, extraction)


def _bounded(stream: Any) -> bytes:
    """A record's payload, refused past the size limit (a gzip bomb in a pull request's archive)."""
    data = stream.read(MAX_ORIGINAL_BYTES + 1)
    if len(data) > MAX_ORIGINAL_BYTES:
        raise ArchiveError("archive-too-large", f"a record of the archive holds more than {MAX_ORIGINAL_BYTES // (1024 * 1024)} MiB")
    return data
