"""Article text and metadata from a source's original bytes: the extraction `add-source` runs and
`reextract` repeats.

One function, `extract`, turns the original bytes and their media type into the text stored as
`sources/ID.txt`, with the name, version and options of the extractor that made it:

- HTML: trafilatura (the article's text: navigation, ads, related links, comments left out);
- PDF: pypdf (the text of every page, in order);
- plain text: decoded as UTF-8 (a byte order mark dropped), nothing else.

Then the same tidying for all three (`tidy`, rules version `RULES`): line endings made `\\n`,
spaces at the ends of lines removed, runs of blank lines made one, and the text stripped at both
ends, so that no trailing newline ever reaches the stored text. The options are recorded beside
the original (`briefing.archive`) and passed back in on re-extraction, so the text can be made
again from the archive alone; options read back from an archive are checked against
`_ALLOWED_OPTIONS`, since an archive can come from a pull request.

Metadata (`metadata`) is read from the page's own markup, never guessed: a publication date only
when the markup states a whole date (htmldate without its free-text search, which turns "2019"
into 2019-01-01), a language only from the document's declared language.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

RULES = 1  # the version of `tidy` and of the option defaults below; recorded with every extraction
MEDIA_TYPES = ("text/html", "application/pdf", "text/plain")
EXTRACTORS = {"text/html": "trafilatura", "application/pdf": "pypdf", "text/plain": "utf-8"}
# trafilatura: the article only (no reader comments), tables kept as text, nothing deduplicated
# across calls (its cache would make a second extraction in one process differ from the first).
HTML_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "favor_precision": False,
    "favor_recall": False,
    "fast": False,
    "deduplicate": False,
}
PDF_OPTIONS: dict[str, Any] = {"extraction_mode": "plain"}
_ALLOWED_OPTIONS: dict[str, dict[str, tuple[Any, ...]]] = {
    "text/html": {k: (True, False) for k in HTML_OPTIONS},
    "application/pdf": {"extraction_mode": ("plain", "layout")},
    "text/plain": {},
}
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # the source schema's language pattern


class ExtractionError(Exception):
    """Why no text could be extracted, for the editor: `code` is the error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Extraction:
    text: str
    extractor: str  # distribution name, e.g. "trafilatura"
    version: str  # its installed version
    options: dict[str, Any]
    rules: int = RULES

    @property
    def label(self) -> str:
        return f"{self.extractor} {self.version}"


@dataclass
class Metadata:
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None  # YYYY-MM-DD, only when the markup states a whole date
    notes: list[str] = field(default_factory=list)  # what the editor should know about these


def installed_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version  # here: 10 ms that every `check` would pay

    if dist == "utf-8":
        return f"briefing-{RULES}"
    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def sniff(raw: bytes, declared: str | None = None, name: str = "") -> str | None:
    """The media type of the original: what the bytes show (a PDF header, HTML markup), then the
    declared type (an HTTP Content-Type), then the file name's suffix, then whether it is UTF-8
    text. None for anything else (an image, a word-processor file, a web archive)."""
    start = raw[:1024]
    head = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.lstrip().startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head:
        return "text/html"
    declared = (declared or "").split(";")[0].strip().lower()
    if declared in ("text/html", "application/xhtml+xml"):
        return "text/html"
    if declared in MEDIA_TYPES:
        return declared
    lower = name.lower().rsplit("/", 1)[-1]
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "text/html"
    if lower.endswith(".pdf"):
        return "application/pdf"
    if declared and not declared.startswith("text/"):
        return None
    if "." in lower and not lower.endswith((".txt", ".text")):
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "text/plain" if lower.endswith((".txt", ".text")) else None  # a .txt that is not UTF-8: say so
    return "text/plain"


def checked_options(media_type: str, options: Any) -> dict[str, Any]:
    """Options read back from an archive, refused unless every key and value is one we set."""
    allowed = _ALLOWED_OPTIONS[media_type]
    if not isinstance(options, dict):
        raise ExtractionError("archive-invalid", "the archive's extraction options are not a mapping")
    for key, value in options.items():
        if key not in allowed or value not in allowed[key] or type(value) is not type(allowed[key][0]):
            raise ExtractionError("archive-invalid", f"the archive names an extraction option this tool does not set: {key!r}={value!r}")
    return dict(options)


def extract(raw: bytes, media_type: str, options: dict[str, Any] | None = None) -> Extraction:
    """The stored text of an original, and what made it (same bytes, type and options: same text)."""
    if media_type == "text/html":
        opts = checked_options(media_type, options) if options is not None else dict(HTML_OPTIONS)
        text = _html_text(raw, opts)
    elif media_type == "application/pdf":
        opts = checked_options(media_type, options) if options is not None else dict(PDF_OPTIONS)
        text = _pdf_text(raw, opts)
    elif media_type == "text/plain":
        opts = {}
        text = _plain_text(raw)
    else:
        raise ExtractionError("source-type", f"cannot extract text from {media_type}")
    text = tidy(text)
    if not text.strip():
        why = "the extractor found no article text in it"
        if media_type == "text/html":
            why += " (a page that builds its text with JavaScript has none in its HTML: save it from the browser once it has loaded, or use its print or PDF version)"
        elif media_type == "application/pdf":
            why += " (a scanned PDF holds pictures of text, not text: find a text version)"
        raise ExtractionError("extraction-empty", why)
    dist = EXTRACTORS[media_type]
    return Extraction(text, dist, installed_version(dist), opts)


def tidy(text: str) -> str:
    """The one clean-up every extraction gets (rules version `RULES`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\f\v]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _html_text(raw: bytes, opts: dict[str, Any]) -> str:
    import trafilatura

    _quiet()
    try:
        out = trafilatura.extract(raw, output_format="txt", with_metadata=False, **opts)
    except Exception as exc:  # the extractor's own failure on odd markup: report it, never a traceback
        raise ExtractionError("extraction-failed", f"trafilatura could not read the page ({type(exc).__name__}: {exc})") from None
    return out or ""


def _pdf_text(raw: bytes, opts: dict[str, Any]) -> str:
    import pypdf
    from pypdf.errors import PyPdfError

    _quiet()
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise ExtractionError("extraction-failed", "the PDF is encrypted; save an unprotected copy (or the page's HTML) instead")
        return "\n".join(page.extract_text(extraction_mode=opts["extraction_mode"]) for page in reader.pages)
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError("extraction-failed", f"pypdf could not read the PDF ({type(exc).__name__}: {exc})") from None


def _plain_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError("not-utf8", f"the text is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8") from None


def _quiet() -> None:
    """The extractors log their heuristics' doubts at WARNING; the editor gets our messages only."""
    import logging

    for name in ("trafilatura", "htmldate", "pypdf", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# -- metadata -------------------------------------------------------------------------------------------


def metadata(raw: bytes, media_type: str, url: str | None = None) -> Metadata:
    if media_type == "text/html":
        return _html_metadata(raw, url)
    if media_type == "application/pdf":
        return _pdf_metadata(raw)
    return Metadata()


def _language(value: Any) -> str | None:
    """A declared language as a BCP 47 tag (`en_GB` and `EN-gb` become `en-GB`), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    parts = value.strip().replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
    return tag if _LANG.match(tag) else None


def _clean(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:limit] if value else None


def _html_metadata(raw: bytes, url: str | None) -> Metadata:
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    _quiet()
    meta = Metadata()
    tree = load_html(raw)
    if tree is None:
        return meta
    try:
        found = trafilatura.extract_metadata(tree, default_url=url, extensive=False)
    except Exception:  # metadata is a convenience: the editor is asked for what is missing
        found = None
    if found is not None:
        meta.title = _clean(found.title, 300)
        meta.publisher = _clean(found.sitename, 200)
        meta.url = found.url if isinstance(found.url, str) and re.match(r"^https?://[^\s/$.?#][^\s]*$", found.url) else None
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for m in tree.iter("meta"):
            if (m.get("http-equiv") or "").lower() == "content-language" or (m.get("property") or "") == "og:locale":
                lang = m.get("content")
                break
    meta.language = _language(lang)
    try:
        meta.published = find_date(tree, extensive_search=False, original_date=True, url=meta.url or url)
    except Exception:  # the same: no date found is "unknown", never a traceback
        meta.published = None
    return meta


def _pdf_metadata(raw: bytes) -> Metadata:
    import pypdf

    _quiet()
    meta = Metadata()
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        info = reader.metadata or {}
        meta.title = _clean(info.get("/Title"), 300)
        meta.language = _language(reader.trailer["/Root"].get("/Lang"))
        created = info.get("/CreationDate")
    except Exception:  # unreadable metadata: the editor gives what is missing
        return meta
    if isinstance(created, str) and (m := re.match(r"^D:(\d{4})(\d{2})(\d{2})", created)):
        meta.notes.append(
            f"The PDF says it was created on {m.group(1)}-{m.group(2)}-{m.group(3)}: when the file was made, "
            "not necessarily when it was published."
        )
    return meta
