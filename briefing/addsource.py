"""`python -m briefing add-source PATH-OR-URL --id ID` and `python -m briefing reextract [ID ...]`.

add-source takes a saved HTML page, a PDF, a plain text file or an http(s) address and writes
three files in `sources/`:

- `ID.txt`: the article's text exactly as extracted (`briefing.extract`), no byte added;
- `ID.warc.gz`: the original bytes as a WARC file, with the extractor's name, version and
  options (`briefing.archive`), so the text can be made again and compared;
- `ID.yml`: the record, filled in from the page's own metadata (title, publisher, address,
  language, publication date with its precision) and the retrieval date, with the sha256 of the
  text and of the archive.

It then runs the check and prints the new source's coverage report: the sentences still to cite
or to set aside as not claims. It refuses, writing nothing, with one `error[CODE]` line: an
invalid or taken id, an unreadable or unsupported file, a failed fetch, an empty extraction, or
a field the metadata lacks and no option gives (it names the option).

reextract makes each archived source's text again from its archive and says whether it is the
stored text byte for byte (and where it differs if not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import archive, extract, schema, verify, yamlsafe
from briefing import diagnostics as dg
from briefing.archive import ArchiveError
from briefing.coverage import source_lines
from briefing.extract import Extraction, ExtractionError
from briefing.loader import ID_RE, MAX_FILE_BYTES
from briefing.newclaim import yaml_str

SCHEMA_COMMENT = "# yaml-language-server: $schema=../briefing/schemas/source.schema.json"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")  # the source schema's url pattern
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Refusal(Exception):
    def __init__(self, code: str, message: str, where: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where = where


@dataclass
class Got:
    """The original and where it came from."""

    raw: bytes
    media_type: str
    label: str  # what the editor typed: a file name or the address
    hops: list[archive.Hop] | None  # a fetch's responses, redirects first; None for a file
    final_url: str | None


# -- getting the original -------------------------------------------------------------------------


def _is_address(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text)) or text.lower().startswith(("javascript:", "data:", "mailto:"))


def get_original(where: str, timeout: float) -> Got:
    if _is_address(where):
        from briefing.fetch import FetchError, fetch  # urllib's HTTP stack, only when there is something to fetch

        try:
            hops = fetch(where, timeout=timeout)
        except FetchError as exc:
            raise Refusal(exc.code, exc.message, where) from None
        page = hops[-1]
        declared = next((v for k, v in page.headers if k.lower() == "content-type"), None)
        # The archive reader undoes a content encoding the server applied anyway: type the bytes extracted.
        body = _payload_through_archive(page, hops)
        media = extract.sniff(body, declared, urllib.parse.urlsplit(page.url).path)
        if media is None:
            raise Refusal("source-type", f"the address sent {declared or 'an unknown type'}; add-source reads HTML pages, PDFs and plain text", where)
        return Got(page.body, media, where, hops, page.url)
    path = Path(where)
    try:
        if not path.is_file():
            raise Refusal("file-unreadable", "no such file" if not path.exists() else "not a file", where)
        size = path.stat().st_size
        if size > archive.MAX_ORIGINAL_BYTES:
            raise Refusal("file-too-large", f"the file is {size:,} bytes, over the limit of {archive.MAX_ORIGINAL_BYTES:,}", where)
        raw = path.read_bytes()
    except OSError as exc:
        raise Refusal("file-unreadable", f"cannot read it: {exc.strerror}", where) from None
    media = extract.sniff(raw, None, path.name)
    if media is None:
        hint = " (a browser's web archive, .mhtml or .webarchive, is not read: save the page as HTML only)" if path.suffix.lower() in (".mhtml", ".mht", ".webarchive") else ""
        raise Refusal("source-type", f"not an HTML page, a PDF or UTF-8 text{hint}", where)
    return Got(raw, media, where, None, None)


def _payload_through_archive(page: archive.Hop, hops: list[archive.Hop]) -> bytes:
    try:
        return archive.read(archive.write("draft", "text/html", {}, hops=hops)).payload
    except ArchiveError:
        return page.body


# -- the record -------------------------------------------------------------------------------------


def _date_block(key: str, value: str | None, precision: str, note: str | None) -> list[str]:
    out = [f"{key}:"]
    if value is not None:
        out.append(f"  value: {yaml_str(value)}")
    out.append(f"  precision: {precision}")
    if note:
        out.append(f"  note: {yaml_str(note)}")
    return out


def _parse_date(text: str, option: str) -> tuple[str, str]:
    m = _DATE.match(text)
    try:
        if m is None:
            raise ValueError
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise Refusal("usage", f"{option} {text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") from None
    return text, "day" if m.group(3) else "month" if m.group(2) else "year"


@dataclass
class Fields:
    title: str
    title_note: str | None
    publisher: str
    url: str
    language: str
    published: tuple[str | None, str, str | None]
    retrieved: tuple[str, str, str | None]
    review: list[str]  # what the editor should look at first


def resolve_fields(args: argparse.Namespace, got: Got, meta: extract.Metadata, text: str) -> Fields:
    review: list[str] = []
    url = args.url or (got.final_url if got.hops else meta.url)
    if not url:
        raise Refusal("source-url", "the file names no address of its own (no canonical link); give the page's address with --url", got.label)
    if not _URL.match(url):
        raise Refusal("source-url", f"the address {url!r} is not an http(s) URL; give the page's address with --url", got.label)
    title, title_note = args.title or meta.title, None
    if not title:
        title = " ".join(text.split("\n", 1)[0].split())[:300]
        title_note = "The source's metadata gives no title: this is the first line of its text."
        review.append("title: taken from the text's first line (the metadata has none); give --title to set it")
    host = (urllib.parse.urlsplit(url).hostname or "").removeprefix("www.")
    publisher = args.publisher or meta.publisher or host
    if not args.publisher and not meta.publisher:
        review.append(f"publisher: {publisher!r} is the address's host name (the metadata names no publisher); give --publisher")
    language = args.language or meta.language
    if not language:
        raise Refusal("source-language", "the source does not declare its language; give it with --language (e.g. en)", got.label)
    if args.published:
        published: tuple[str | None, str, str | None] = (*_parse_date(args.published, "--published"), None)
    elif meta.published:
        # No version here: a note readers see gives no figure the source lacks (rules.fields); the
        # archive's metadata record names the tools and their versions.
        why = "From the page's metadata (read by htmldate, which reads only dates the markup states in full)."
        published = (meta.published, "day", why)
    else:
        # What the metadata says beside (a PDF's creation date) is for the editor to weigh, printed
        # with the review: the record's note, which readers see, gives no figure the source lacks.
        why = "The source's metadata states no publication date; add it, with its precision, if the text or another record establishes it."
        if meta.notes:
            why += " The original's metadata gives other dates (the archive keeps them), none of them the publication date."
        published = (None, "unknown", why)
        review.append("published: unknown (the metadata states no whole date); give --published YYYY[-MM[-DD]] if you know it")
        review.extend(f"published: {n}" for n in meta.notes)
    fetched = "Fetched by python -m briefing add-source; the response is kept in the archive." if got.hops else None
    if args.retrieved:
        day, precision = _parse_date(args.retrieved, "--retrieved")
        retrieved: tuple[str, str, str | None] = (day, precision, fetched)
    else:
        today = dt.datetime.now(dt.UTC).date().isoformat()
        why = fetched or "The day the saved file was added with add-source; when it was saved from the web is not recorded."
        retrieved = (today, "day", why)
    return Fields(title, title_note, publisher, url, language, published, retrieved, review)


def render(sid: str, f: Fields, label: str, text_sha: str, archive_sha: str, media_type: str, extractor: str) -> str:
    out = [
        SCHEMA_COMMENT,
        f"# Written by `python -m briefing add-source` from {label}.",
        f"# The text is sources/{sid}.txt, the original sources/{sid}.warc.gz: review every field, and the text.",
        f"id: {sid}",
        f"title: {yaml_str(f.title)}",
    ]
    if f.title_note:
        out.append(f"title_note: {yaml_str(f.title_note)}")
    out += [f"publisher: {yaml_str(f.publisher)}", f"url: {yaml_str(f.url)}", f"language: {f.language}"]
    out += _date_block("published", *f.published)
    out += _date_block("retrieved", *f.retrieved)
    out += [
        f"sha256: {text_sha}",
        "archive:",
        f"  sha256: {archive_sha}",
        f"  media_type: {media_type}",
        f"  extractor: {extractor}",
    ]
    return "\n".join(out) + "\n"


def _invisible(text: str) -> list[str]:
    """Characters a reader cannot see (controls, bidi marks, zero-width ones) and where."""
    found = []
    for i, ch in enumerate(text):
        if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf"):
            line = text.count("\n", 0, i) + 1
            col = i - (text.rfind("\n", 0, i) + 1) + 1
            found.append(f"U+{ord(ch):04X} {unicodedata.name(ch, 'control')} at line {line}, column {col}")
    return found


# -- the commands --------------------------------------------------------------------------------------


def _refuse(exc: Refusal, sid: str) -> int:
    print(dg.refusal(exc.where or sid, exc.code, exc.message), file=sys.stderr)
    print("nothing written", file=sys.stderr)
    return 2 if exc.code == "usage" else 1


def cmd_add_source(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    sid = args.id
    folder = root / "sources"
    paths = {suffix: folder / f"{sid}{suffix}" for suffix in (".txt", archive.SUFFIX, ".yml")}
    try:
        if not ID_RE.match(sid) or len(sid) > 120:
            raise Refusal("source-id", f"{sid!r} is not a valid id: lower-case letters, digits and single hyphens, e.g. reuters-angara-launch-2021", sid)
        if taken := [p for p in paths.values() if p.exists() or p.is_symlink()]:
            raise Refusal("source-exists", f"source {sid!r} already exists ({dg.rel(taken[0], root)}); choose another id (ids are never reused)", sid)
        for option, value in (("--url", args.url), ("--language", args.language), ("--title", args.title), ("--publisher", args.publisher)):
            if value is not None and not value.strip():
                raise Refusal("usage", f"{option} is empty", sid)
        if args.url and not _URL.match(args.url):
            raise Refusal("usage", f"--url {args.url!r} is not an http(s) address", sid)
        if args.language and not _LANG.match(args.language):
            raise Refusal("usage", f"--language {args.language!r} is not a language tag such as en, en-GB or zh-Hans", sid)
        for option, value in (("--published", args.published), ("--retrieved", args.retrieved)):
            if value:
                _parse_date(value, option)
        got = get_original(args.source, args.timeout)
        # Extract from what the archive gives back, as `reextract` will.
        draft = _write_archive(sid, got, {}, "")
        original = archive.read(draft)
        try:
            ex = extract.extract(original.payload, got.media_type)
        except ExtractionError as exc:
            raise Refusal(exc.code, exc.message, got.label) from None
        meta = extract.metadata(original.payload, got.media_type, got.final_url)
        fields = resolve_fields(args, got, meta, ex.text)
        text_bytes = ex.text.encode("utf-8")
        if len(text_bytes) > MAX_FILE_BYTES:  # the check would refuse the stored text: say so before writing it
            raise Refusal(
                "source-too-large",
                f"the extracted text is {len(text_bytes):,} bytes; a stored source may be at most {MAX_FILE_BYTES:,} bytes. "
                "Store the one article, not a whole site or book: save the article's own page",
                got.label,
            )
        text_sha = hashlib.sha256(text_bytes).hexdigest()
        warc = _write_archive(sid, got, _extraction_record(sid, ex, text_sha), fields.url)
        _self_check(warc, ex)
        record = render(sid, fields, Path(got.label).name if got.hops is None else got.label, text_sha, hashlib.sha256(warc).hexdigest(), got.media_type, ex.label)
        problems = schema.validate("source", yamlsafe.load(record.encode("utf-8")))
        if problems:
            line, _col, code, message = problems[0]
            raise Refusal("record-invalid", f"the record would not pass the check (line {line}: [{code}] {message}); fix the option that gave it", sid)
    except ArchiveError as exc:  # pragma: no cover - our own archive must read back
        return _refuse(Refusal(exc.code, f"internal error: the archive does not read back ({exc.message})", sid), sid)
    except Refusal as exc:
        return _refuse(exc, sid)
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    try:
        for suffix, data in ((".txt", text_bytes), (archive.SUFFIX, warc), (".yml", record.encode("utf-8"))):
            with paths[suffix].open("xb") as fh:
                written.append(paths[suffix])
                fh.write(data)
    except OSError as exc:
        for p in written:
            p.unlink(missing_ok=True)
        return _refuse(Refusal("write-failed", f"cannot write {paths[suffix].name}: {exc.strerror}", sid), sid)
    print(f"wrote sources/{sid}.txt ({len(ex.text):,} characters, extracted by {ex.label}), sources/{sid}.warc.gz and sources/{sid}.yml")
    for hint in fields.review:
        print(f"  review {hint}")
    for found in _invisible(ex.text)[:10]:
        print(f"  review: the text holds an invisible character, {found}")
    done = verify.check(root, use_cache=not args.no_cache)
    mine = [d for d in done.diagnostics if d.path.startswith(f"sources/{sid}.") and d.code != "sentence-uncovered"]
    for d in mine:
        print(dg.clean(d.format()), file=sys.stderr)
    if sid in done.briefing.sources and done.briefing.sources[sid].text is not None:
        print("\n".join(source_lines(done.briefing, done.report, sid)[1]))
    print(
        f"next: read sources/{sid}.txt: it must be the article and only the article. Then cite its sentences "
        f'(python -m briefing locate "words" --source {sid}; python -m briefing new) or set aside those that are not '
        f'claims (python -m briefing not-claim {sid} "words" --reason "why")'
    )
    return 1 if dg.errors(mine) else 0


def _write_archive(sid: str, got: Got, extraction: dict[str, Any], url: str) -> bytes:
    if got.hops is not None:
        return archive.write(sid, got.media_type, extraction, hops=got.hops)
    return archive.write(sid, got.media_type, extraction, resource=got.raw, target_uri=url)


def _extraction_record(sid: str, ex: Extraction, text_sha: str) -> dict[str, Any]:
    return {
        "source_id": sid,
        "extractor": ex.extractor,
        "extractor_version": ex.version,
        "options": ex.options,
        "rules": ex.rules,
        "text_sha256": text_sha,
        "text_file": f"{sid}.txt",
    }


def _self_check(warc: bytes, ex: Extraction) -> None:
    """The archive just written gives the same text again, or nothing is written."""
    again = reextract_text(archive.read(warc))
    if again.text != ex.text:  # pragma: no cover - the extractor is not deterministic: a bug to report
        raise Refusal("extraction-unstable", f"{ex.label} gave a different text on a second run; the text could not be reproduced")


def reextract_text(original: archive.Original) -> Extraction:
    rec = original.extraction
    if original.media_type not in extract.MEDIA_TYPES:
        raise ArchiveError("archive-invalid", f"the archive's media type {original.media_type!r} is not one add-source writes")
    if rec.get("rules") != extract.RULES:
        raise ArchiveError("archive-invalid", f"the archive was made with extraction rules {rec.get('rules')!r}; this tool has rules {extract.RULES}")
    try:
        return extract.extract(original.payload, original.media_type, rec.get("options", {}))
    except ExtractionError as exc:
        raise ArchiveError(exc.code, exc.message) from None


def cmd_reextract(args: argparse.Namespace) -> int:
    from briefing.loader import load_briefing

    root = Path(args.root).resolve()
    b, _ = load_briefing(root, use_cache=not args.no_cache)
    wanted = list(args.ids) or sorted(s.id for s in b.sources.values() if "archive" in s.data)
    if not wanted:
        print("no source has an archive (sources/ID.warc.gz): only sources added with add-source do")
        return 0
    bad = 0
    for sid in wanted:
        src = b.sources.get(sid)
        rp = f"sources/{sid}{archive.SUFFIX}"
        if src is None:
            print(dg.refusal(sid, "unknown-source", "no such source (sources/ID.yml); run `python -m briefing check`"), file=sys.stderr)
            bad += 1
            continue
        if "archive" not in src.data:
            print(dg.refusal(src.path, "archive-missing", "this source has no archive: it was stored before add-source kept originals"), file=sys.stderr)
            bad += 1
            continue
        try:
            raw = (root / rp).read_bytes()
            original = archive.read(raw)
            ex = reextract_text(original)
            stored = (root / "sources" / f"{sid}.txt").read_bytes()
        except ArchiveError as exc:
            print(dg.refusal(rp, exc.code, exc.message), file=sys.stderr)
            bad += 1
            continue
        except OSError as exc:
            print(dg.refusal(rp, "unreadable", f"cannot read {exc.filename}: {exc.strerror}"), file=sys.stderr)
            bad += 1
            continue
        recorded = f"{original.extraction.get('extractor')} {original.extraction.get('extractor_version')}"
        same_tool = recorded == ex.label
        declared = src.data["archive"]
        if hashlib.sha256(raw).hexdigest() != declared["sha256"] or declared["extractor"] != recorded:
            why = f"{rp} is not the archive {src.path} names (its sha256 or extractor differs from the record's archive: entry)"
            print(dg.refusal(rp, "archive-hash-mismatch", why), file=sys.stderr)
            bad += 1
        made = ex.text.encode("utf-8")
        if made == stored:
            print(f"sources/{sid}.txt: made again from {rp} by {ex.label}: identical, byte for byte ({len(stored):,} bytes)")
            continue
        bad += 1
        print(_difference(sid, stored, made, ex.label, rp), file=sys.stderr)
        if not same_tool:
            print(f"  the archive was extracted with {recorded}, and {ex.label} is installed: the difference may be the new version's", file=sys.stderr)
    return 1 if bad else 0


def _difference(sid: str, stored: bytes, made: bytes, label: str, rp: str) -> str:
    a, b = stored.decode("utf-8", "replace"), made.decode("utf-8", "replace")
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    line = a.count("\n", 0, i) + 1
    col = i - (a.rfind("\n", 0, i) + 1) + 1
    return dg.clean(
        f"sources/{sid}.txt:{line}:{col}: error[reextract-differs]: the text made again from {rp} by {label} differs here: "
        f"stored {a[i : i + 40]!r}, made again {b[i : i + 40]!r} ({len(stored):,} and {len(made):,} bytes)"
    )


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    """Add the `add-source` and `reextract` subcommands (called by briefing.cli.build_parser)."""
    sp = sub.add_parser(
        "add-source",
        help="store a source from a saved HTML page, a PDF, a text file or an http(s) address",
        description=(
            "Extract the article's text (trafilatura for HTML, pypdf for PDF), keep the original as a WARC file, and write "
            "sources/ID.txt, sources/ID.warc.gz and sources/ID.yml with the metadata the source states. Options fill in what it does not."
        ),
    )
    common(sp)
    sp.add_argument("source", metavar="PATH-OR-URL", help="a saved .html page, a .pdf, a UTF-8 .txt file, or an http(s):// address")
    sp.add_argument("--id", required=True, help="the new source's id: lower-case words joined by hyphens (the file names)")
    sp.add_argument("--title", help="the title, when the metadata has none or a wrong one")
    sp.add_argument("--publisher", help="who published it (default: the page's site name)")
    sp.add_argument("--url", help="the page's address (default: the fetched address, or the saved page's canonical link)")
    sp.add_argument("--language", help="BCP 47 language tag, e.g. en (default: the page's declared language)")
    sp.add_argument("--published", help="publication date YYYY, YYYY-MM or YYYY-MM-DD (default: the page's metadata, or unknown)")
    sp.add_argument("--retrieved", help="retrieval date YYYY-MM-DD (default: today)")
    sp.add_argument("--timeout", type=float, default=30.0, help="seconds allowed for fetching an address, redirects included (default 30)")
    sp.set_defaults(func=cmd_add_source)
    sp = sub.add_parser(
        "reextract",
        help="make each archived source's text again from its WARC file and compare it, byte for byte",
        description="Re-run the recorded extractor on sources/ID.warc.gz and compare the result with sources/ID.txt.",
    )
    common(sp)
    sp.add_argument("ids", nargs="*", metavar="ID", help="source ids (default: every source with an archive)")
    sp.set_defaults(func=cmd_reextract)
