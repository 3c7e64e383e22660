"""`python -m briefing add-source` and `reextract`, on the project's own fixture pages and PDF, and
on addresses served by a local test server (http.server in a thread): what is stored, what is
refused (one `error[CODE]` line, nothing written, never a traceback), and that the archived
original gives the stored text again byte for byte."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import importlib.util
import io
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, run_cli

from briefing import archive, extract

ADD = FIXTURES / "addsource"
ARTICLE = ADD / "article.html"
STATEMENT = ADD / "statement.html"
PDF = ADD / "report.pdf"
HEADLINE = "Harbour town votes to rebuild its flood wall"
STANDFIRST = "Work on the £12 million wall is due to start in May."
# Words of everything around the story on the article page: none may reach the stored text.
BOILERPLATE = [
    "cookies", "Subscribe", "Advertisement", "Harbour Heating", "CoastHomes", "Read more", "Storm damage bill",
    "Share on", "Photo: Courier", "newsletter", "Comments", "harbourwatcher", "Most read", "Related stories",
    "Sea levels", "SunCoast", "All rights reserved", "Mara Quinlan", "Topics:",
]  # fmt: skip


@pytest.fixture
def sources_root(tmp_path: Path) -> Path:
    """A briefing with the real sources and records, for adding a source to."""
    root = tmp_path / "p"
    for part in ("facts", "sources"):
        shutil.copytree(Path(__file__).resolve().parent.parent / part, root / part)
    return root


def add(root: Path, *args: str) -> object:
    return run_cli("add-source", *args, "--retrieved", "2024-03-20", root=root)


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "sources").iterdir())}


def record(root: Path, sid: str) -> dict:
    return yaml.safe_load((root / "sources" / f"{sid}.yml").read_text(encoding="utf-8"))


# -- saved files ----------------------------------------------------------------------------------


def test_article_page_stores_the_story_and_only_the_story(sources_root: Path) -> None:
    r = add(sources_root, str(ARTICLE), "--id", "courier-flood-wall")
    assert r.code == 0, r.err
    text = (sources_root / "sources" / "courier-flood-wall.txt").read_bytes()
    story = (ADD / "article.expected.txt").read_text(encoding="utf-8")
    # The headline and standfirst come first (the editor sets them aside or cites them), then the story.
    assert text.decode("utf-8") == f"{HEADLINE}\n{STANDFIRST}\n{story}"
    assert not text.endswith(b"\n")
    for words in BOILERPLATE:
        assert words not in text.decode("utf-8"), words
    rec = record(sources_root, "courier-flood-wall")
    assert rec["title"] == HEADLINE
    assert rec["publisher"] == "The Coastal Courier"
    assert rec["url"] == "https://courier.example.org/news/2024/03/harbour-town-votes-to-rebuild-flood-wall"
    assert rec["language"] == "en-GB"
    assert rec["published"]["value"] == "2024-03-14"
    assert rec["published"]["precision"] == "day"
    assert rec["retrieved"] == {"value": "2024-03-20", "precision": "day"}
    assert rec["sha256"] == hashlib.sha256(text).hexdigest()
    warc = (sources_root / "sources" / "courier-flood-wall.warc.gz").read_bytes()
    assert rec["archive"] == {"sha256": hashlib.sha256(warc).hexdigest(), "media_type": "text/html", "extractor": f"trafilatura {extract.installed_version('trafilatura')}"}
    original = archive.read(warc)
    assert original.payload == ARTICLE.read_bytes()  # the original bytes, unchanged
    assert original.extraction["extractor"] == "trafilatura"
    assert original.extraction["text_sha256"] == rec["sha256"]
    # The coverage report follows: every sentence of the new source is still to cite.
    assert "courier-flood-wall: 0/11 sentences cited" in r.out
    assert f"uncovered sources/courier-flood-wall.txt:1:1: {HEADLINE}" in r.out
    # The new files pass the check's file rules: only the uncovered sentences fail.
    check = run_cli("check", root=sources_root)
    codes = {line.split("error[")[1].split("]")[0] for line in check.out.splitlines() if "error[" in line}
    assert codes == {"sentence-uncovered"}, check.out


def test_reextract_gives_the_stored_text_byte_for_byte_and_names_a_difference(sources_root: Path) -> None:
    assert add(sources_root, str(ARTICLE), "--id", "courier-flood-wall").code == 0
    assert add(sources_root, str(PDF), "--id", "ferry-review", "--url", "https://trust.example.org/review.pdf").code == 0
    r = run_cli("reextract", root=sources_root)
    assert r.code == 0, r.err
    assert "sources/courier-flood-wall.txt: made again from sources/courier-flood-wall.warc.gz by trafilatura" in r.out
    assert "identical, byte for byte" in r.out
    assert "sources/ferry-review.txt: made again from sources/ferry-review.warc.gz by pypdf" in r.out
    # One changed byte in the stored text: the re-extraction says where.
    path = sources_root / "sources" / "courier-flood-wall.txt"
    path.write_bytes(path.read_bytes().replace(b"31 votes", b"32 votes"))
    r = run_cli("reextract", "courier-flood-wall", root=sources_root)
    assert r.code == 1
    assert "sources/courier-flood-wall.txt:4:" in r.err
    assert "error[reextract-differs]" in r.err
    assert "'2 votes" in r.err
    # A source stored before add-source has no archive to re-extract from: said, not crashed.
    r = run_cli("reextract", "scmp-russia-rocket-engines-2019", root=sources_root)
    assert r.code == 1
    assert "error[archive-missing]" in r.err


def test_pdf_is_stored_with_its_title_and_language_and_no_invented_date(sources_root: Path) -> None:
    r = add(sources_root, str(PDF), "--id", "ferry-review", "--url", "https://trust.example.org/review.pdf", "--publisher", "Alder Island Transport Trust")
    assert r.code == 0, r.err
    text = (sources_root / "sources" / "ferry-review.txt").read_text(encoding="utf-8")
    assert text.startswith("Alder Island ferry review 2023\nThe winter ferry carried 41,200 passengers in 2023")
    assert "The operator’s older boat" in text  # WinAnsi's curly apostrophe read back as U+2019
    assert text.endswith("Page 2 of 2")
    rec = record(sources_root, "ferry-review")
    assert rec["title"] == "Alder Island ferry review 2023"
    assert rec["language"] == "en-GB"
    assert rec["publisher"] == "Alder Island Transport Trust"
    assert rec["published"]["precision"] == "unknown"
    assert "value" not in rec["published"]
    assert "created on 2023-12-04" in r.out  # said to the editor, but not taken for the publication date
    assert "other dates" in rec["published"]["note"] and "2023-12-04" not in rec["published"]["note"]  # readers see no figure the text lacks
    assert rec["archive"]["media_type"] == "application/pdf"
    assert "review published: unknown" in r.out


def test_pdf_fixture_is_what_its_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_pdf", ADD / "make_pdf.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.pdf_bytes() == PDF.read_bytes()


def test_page_without_metadata_needs_an_address_and_gets_no_guessed_date(sources_root: Path) -> None:
    before = files(sources_root)
    r = add(sources_root, str(STATEMENT), "--id", "ferry-statement")
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        f"{STATEMENT}: error[source-url]: the file names no address of its own (no canonical link); give the page's address with --url"
    )
    assert files(sources_root) == before
    r = add(sources_root, str(STATEMENT), "--id", "ferry-statement", "--url", "https://www.trust.example.org/2023/11/ferry/")
    assert r.code == 0, r.err
    rec = record(sources_root, "ferry-statement")
    assert rec["publisher"] == "trust.example.org"
    assert "review publisher: 'trust.example.org' is the address's host name" in r.out
    # A link to /2023/03/… on the page makes a full search guess 2023-03-01: not here.
    assert rec["published"]["precision"] == "unknown"
    assert rec["language"] == "en"
    assert (sources_root / "sources" / "ferry-statement.txt").read_text(encoding="utf-8") == (ADD / "statement.expected.txt").read_text(encoding="utf-8")


def test_plain_text_keeps_its_words_and_loses_the_final_newline(sources_root: Path, tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_bytes("\ufeffFerry notes\r\nThe boat left at 7.15.   \r\nIt came back at noon.\r\n\r\n\r\n".encode())
    r = add(sources_root, str(src), "--id", "ferry-notes", "--url", "https://trust.example.org/notes.txt", "--language", "en")
    assert r.code == 0, r.err
    assert (sources_root / "sources" / "ferry-notes.txt").read_bytes() == b"Ferry notes\nThe boat left at 7.15.\nIt came back at noon."
    rec = record(sources_root, "ferry-notes")
    assert rec["title"] == "Ferry notes"
    assert "first line" in rec["title_note"]
    assert run_cli("reextract", "ferry-notes", root=sources_root).code == 0


def test_invisible_characters_are_pointed_out_for_review(sources_root: Path, tmp_path: Path) -> None:
    """trafilatura drops them from HTML; a text file or a PDF keeps them, and the editor is told where."""
    for ch in ("\u202e", "\u200b"):
        assert ch not in extract.extract(ARTICLE.read_bytes().replace(b"on Tuesday", f"on {ch}Tuesday".encode()), "text/html").text
    notes = tmp_path / "notes.txt"
    notes.write_text("Ferry notes\nThe boat left at \u202e7.15.", encoding="utf-8")
    r = add(sources_root, str(notes), "--id", "ferry-notes", "--url", "https://x.example/", "--language", "en")
    assert r.code == 0, r.err
    assert "review: the text holds an invisible character, U+202E RIGHT-TO-LEFT OVERRIDE at line 2, column 18" in r.out


@pytest.mark.parametrize(
    ("make", "args", "code"),
    [
        (None, ["--id", "Bad_Id"], "source-id"),
        (None, ["--id", "../../etc/passwd"], "source-id"),
        (None, ["--id", "\u0455cmp-copy"], "source-id"),  # a Cyrillic letter that looks like s
        (None, ["--id", "scmp-russia-rocket-engines-2019"], "source-exists"),
        ("nothing.html", ["--id", "fine-id"], "file-unreadable"),
        ("empty.html", ["--id", "fine-id", "--url", "https://x.example/"], "extraction-empty"),
        ("image.png", ["--id", "fine-id"], "source-type"),
        ("latin1.txt", ["--id", "fine-id", "--url", "https://x.example/", "--language", "en"], "not-utf8"),
        ("broken.pdf", ["--id", "fine-id", "--url", "https://x.example/", "--language", "en"], "extraction-failed"),
        ("article.html", ["--id", "fine-id", "--published", "2024-13"], "usage"),
        ("article.html", ["--id", "fine-id", "--language", "English"], "usage"),
        ("nolang.html", ["--id", "fine-id", "--url", "https://x.example/"], "source-language"),
        ("huge.txt", ["--id", "fine-id", "--url", "https://x.example/", "--language", "en"], "source-too-large"),
    ],
)
def test_refusals_are_one_error_line_and_write_nothing(sources_root: Path, tmp_path: Path, make: str | None, args: list[str], code: str) -> None:
    inputs = {
        "empty.html": b"<html lang='en'><head><title>App</title></head><body><div id='root'></div><script src='/app.js'></script></body></html>",
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "latin1.txt": "Caf\u00e9 au lait.".encode("latin-1"),
        "broken.pdf": b"%PDF-1.4\nthis is not a PDF body at all\n",
        "article.html": ARTICLE.read_bytes(),
        "nolang.html": ARTICLE.read_bytes().replace(b' lang="en-GB"', b""),
        "huge.txt": b"The rocket flew. " * 70_000,  # within add-source's 10 MiB, over the check's 1 MiB
    }
    target = tmp_path / (make or "article.html")
    if make in inputs or make is None:
        target.write_bytes(inputs[make or "article.html"])
    before = files(sources_root)
    r = add(sources_root, str(target), *args)
    assert r.code == (2 if code == "usage" else 1), r.out + r.err
    assert f"error[{code}]:" in r.err.splitlines()[0]
    assert "Traceback" not in r.err
    assert r.err.splitlines()[-1] == "nothing written"
    assert files(sources_root) == before


# -- the archive in the check ---------------------------------------------------------------------


def test_the_check_accepts_an_archive_only_as_its_record_names_it(sources_root: Path) -> None:
    assert add(sources_root, str(ARTICLE), "--id", "courier-flood-wall").code == 0
    src = sources_root / "sources"
    warc = src / "courier-flood-wall.warc.gz"
    original = warc.read_bytes()

    def codes() -> set[str]:
        out = run_cli("check", root=sources_root).out
        return {line.split("error[")[1].split("]")[0] for line in out.splitlines() if "error[" in line} - {"sentence-uncovered"}

    assert codes() == set()
    warc.write_bytes(original + b"\0")
    assert codes() == {"archive-hash-mismatch"}
    warc.unlink()
    assert codes() == {"archive-missing"}
    (src / "stray.warc.gz").write_bytes(original)
    assert codes() == {"archive-missing", "archive-without-record"}
    (src / "stray.warc.gz").unlink()
    warc.write_bytes(b"\0" * (archive.MAX_ARCHIVE_BYTES + 1))
    assert codes() == {"archive-too-large"}
    # A record without archive: beside a .warc.gz: the archive is not the record's.
    text = (src / "courier-flood-wall.yml").read_text(encoding="utf-8")
    (src / "courier-flood-wall.yml").write_text(text.split("archive:")[0], encoding="utf-8")
    warc.write_bytes(original)
    assert codes() == {"archive-without-record"}


def test_reextract_refuses_options_the_tool_never_sets(sources_root: Path) -> None:
    """An archive comes from a pull request like any file: its recorded options are not passed on blindly."""
    hostile = {"extractor": "trafilatura", "extractor_version": "9", "rules": extract.RULES, "options": {"settingsfile": "/etc/passwd"}}
    raw = archive.write("x", "text/html", hostile, resource=ARTICLE.read_bytes(), target_uri="https://x.example/")
    with pytest.raises(extract.ExtractionError, match="settingsfile"):
        extract.extract(archive.read(raw).payload, "text/html", archive.read(raw).extraction["options"])
    assert add(sources_root, str(ARTICLE), "--id", "courier-flood-wall").code == 0
    rec_path = sources_root / "sources" / "courier-flood-wall.yml"
    (sources_root / "sources" / "courier-flood-wall.warc.gz").write_bytes(raw)
    rec_path.write_text(
        rec_path.read_text(encoding="utf-8").replace(
            yaml.safe_load(rec_path.read_text(encoding="utf-8"))["archive"]["sha256"], hashlib.sha256(raw).hexdigest()
        ),
        encoding="utf-8",
    )
    r = run_cli("reextract", "courier-flood-wall", root=sources_root)
    assert r.code == 1
    assert "error[archive-invalid]" in r.err
    assert "settingsfile" in r.err
    assert "Traceback" not in r.err


# -- addresses, served by a local test server ---------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # http.server calls it by this name
        p = self.path
        if p == "/news/flood-wall.html":
            self._send(200, ARTICLE.read_bytes(), Content_Type="text/html; charset=utf-8")
        elif p == "/gzipped.html":
            self._send(200, gzip.compress(ARTICLE.read_bytes()), Content_Type="text/html", Content_Encoding="gzip")
        elif p == "/review.pdf":
            self._send(200, PDF.read_bytes(), Content_Type="application/pdf")
        elif p == "/old-address":
            self._send(301, Location="/moved")
        elif p == "/moved":
            self._send(302, Location="/news/flood-wall.html")
        elif p.startswith("/loop"):
            n = int(p[5:] or 0)
            self._send(302, Location=f"/loop{n + 1}")
        elif p == "/to-file":
            self._send(302, Location="file:///etc/passwd")
        elif p == "/huge":
            self._send(200, b"", Content_Type="text/html", Content_Length=str(archive.MAX_ORIGINAL_BYTES + 1))
        elif p == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            for _ in range(archive.MAX_ORIGINAL_BYTES // len(chunk) + 2):
                self.wfile.write(chunk)
        elif p == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE.read_bytes(), Content_Type="text/html")
        elif p == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), Content_Type="image/png")
        else:
            self._send(404, b"not here", Content_Type="text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_address_is_fetched_through_redirects_and_archived_as_responses(sources_root: Path, server: str) -> None:
    r = add(sources_root, f"{server}/old-address", "--id", "courier-flood-wall")
    assert r.code == 0, r.err
    rec = record(sources_root, "courier-flood-wall")
    assert rec["url"] == f"{server}/news/flood-wall.html"  # where the bytes came from
    assert "Fetched by" in rec["retrieved"]["note"]
    story = (ADD / "article.expected.txt").read_text(encoding="utf-8")
    assert (sources_root / "sources" / "courier-flood-wall.txt").read_text(encoding="utf-8").endswith(story)
    from warcio.archiveiterator import ArchiveIterator

    warc = (sources_root / "sources" / "courier-flood-wall.warc.gz").read_bytes()
    records = [(rec.rec_type, rec.http_headers.get_statuscode() if rec.http_headers else None) for rec in ArchiveIterator(io.BytesIO(warc))]
    assert records == [("warcinfo", None), ("response", "301"), ("response", "302"), ("response", "200"), ("metadata", None)]
    meta = json.loads(
        next(rec.content_stream().read() for rec in ArchiveIterator(io.BytesIO(warc)) if rec.rec_type == "metadata")
    )
    assert meta["text_sha256"] == rec["sha256"]
    assert run_cli("reextract", root=sources_root).code == 0


def test_compressed_response_and_pdf_address(sources_root: Path, server: str) -> None:
    r = add(sources_root, f"{server}/gzipped.html", "--id", "gzipped-page")
    assert r.code == 0, r.err
    assert (sources_root / "sources" / "gzipped-page.txt").read_text(encoding="utf-8").startswith(HEADLINE)
    r = add(sources_root, f"{server}/review.pdf", "--id", "ferry-review")
    assert r.code == 0, r.err
    assert record(sources_root, "ferry-review")["archive"]["media_type"] == "application/pdf"
    assert run_cli("reextract", root=sources_root).code == 0


@pytest.mark.parametrize(
    ("path", "extra", "code", "words"),
    [
        ("/loop", [], "fetch-too-many-redirects", "more than 5 redirects"),
        ("/to-file", [], "fetch-scheme", "file:///etc/passwd"),
        ("/missing", [], "fetch-status", "answered 404"),
        ("/huge", [], "fetch-too-large", "over the limit"),
        ("/endless", [], "fetch-too-large", "more than the limit"),
        ("/slow", ["--timeout", "0.5"], "fetch-timeout", "0.5 s"),
        ("/image", [], "source-type", "image/png"),
    ],
)
def test_fetch_refusals(sources_root: Path, server: str, path: str, extra: list[str], code: str, words: str) -> None:
    before = files(sources_root)
    r = add(sources_root, f"{server}{path}", "--id", "fetched", *extra)
    assert r.code == 1, r.out + r.err
    first = r.err.splitlines()[0]
    assert f"error[{code}]:" in first
    assert words in first
    assert "Traceback" not in r.err
    assert files(sources_root) == before


@pytest.mark.parametrize(
    ("address", "code"),
    [("ftp://example.org/a.html", "fetch-scheme"), ("javascript:alert(1)", "fetch-scheme"), ("http://127.0.0.1:9/", "fetch-failed")],
)
def test_only_reachable_web_addresses(sources_root: Path, address: str, code: str) -> None:
    r = add(sources_root, address, "--id", "fetched")
    assert r.code == 1
    assert f"error[{code}]:" in r.err.splitlines()[0]
