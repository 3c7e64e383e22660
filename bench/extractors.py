"""`python -m bench.extractors`: time and score article-text extractors on the add-source fixtures.

How the extractors behind `python -m briefing add-source` were chosen (README, "Adding a
source"). Each installed candidate extracts the text of the project's own fixture pages
(`tests/fixtures/addsource/`: a news article wrapped in navigation, ads, a related-article
headline inside the story, a sidebar and reader comments; a charity's blog post with widgets
and "you may also like" links; a two-page PDF written by hand). Scores, against the paragraphs
a person marked as the article (`*.expected.txt`; for the PDF, its body lines):

- found: the share of those paragraphs found whole in the output (whitespace folded);
- noise: the share of the output's characters that are neither those paragraphs nor the
  headline or standfirst (which an editor may keep or set aside as not a claim);
- ms: the median wall time of 20 extractions of the page's bytes, in milliseconds.

Only the extractors the project uses are in its requirements; to score the others, install
them into a scratch environment first (`pip install readability-lxml justext boilerpy3
resiliparse goose3 newspaper4k inscriptis pdfminer.six pypdfium2`). Missing ones are listed as
not installed.
"""

from __future__ import annotations

import importlib.util
import io
import re
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "addsource"
RUNS = 20
HTML_PAGES = {
    "article.html": ["Harbour town votes to rebuild its flood wall", "Work on the £12 million wall is due to start in May."],
    "statement.html": ["Statement on the ferry service"],
}


def _fold(s: str) -> str:
    return " ".join(s.split())


def _pdf_fixture() -> tuple[bytes, list[str], list[str]]:
    spec = importlib.util.spec_from_file_location("make_pdf", FIXTURES / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    body = _fold(" ".join(line for page in mod.PAGES for line in page[(2 if page is mod.PAGES[0] else 0) :] if not line.startswith("Page ")))
    return (FIXTURES / "report.pdf").read_bytes(), re.split(r"(?<=\.) (?=[A-Z])", body), [mod.TITLE]


# -- candidates: bytes -> text ---------------------------------------------------------------------


def _trafilatura(raw: bytes) -> str:
    import trafilatura

    return trafilatura.extract(raw, include_comments=False, include_tables=True, deduplicate=False) or ""


def _readability(raw: bytes) -> str:
    import lxml.html
    from readability import Document

    html = Document(raw.decode("utf-8")).summary(html_partial=True)
    return "\n".join(t.strip() for t in lxml.html.fromstring(html).itertext() if t.strip())


def _justext(raw: bytes) -> str:
    import justext

    return "\n".join(p.text for p in justext.justext(raw, justext.get_stoplist("English")) if not p.is_boilerplate)


def _boilerpy3(raw: bytes) -> str:
    from boilerpy3 import extractors

    return extractors.ArticleExtractor().get_content(raw.decode("utf-8"))


def _resiliparse(raw: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(raw.decode("utf-8"), main_content=True)


def _goose3(raw: bytes) -> str:
    from goose3 import Goose

    with Goose() as g:
        return g.extract(raw_html=raw.decode("utf-8")).cleaned_text


def _newspaper(raw: bytes) -> str:
    import newspaper

    art = newspaper.Article("https://example.org/")
    art.download(input_html=raw.decode("utf-8"))
    art.parse()
    return art.text


def _inscriptis(raw: bytes) -> str:
    from inscriptis import get_text

    return get_text(raw.decode("utf-8"))


def _pypdf(raw: bytes) -> str:
    import pypdf

    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(raw)).pages)


def _pdfminer(raw: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(raw))


def _pdfium(raw: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(raw)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


HTML_CANDIDATES: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "trafilatura": ("trafilatura", _trafilatura),
    "readability-lxml": ("readability-lxml", _readability),
    "jusText": ("jusText", _justext),
    "boilerpy3 (ArticleExtractor)": ("boilerpy3", _boilerpy3),
    "resiliparse (main_content)": ("resiliparse", _resiliparse),
    "goose3": ("goose3", _goose3),
    "newspaper4k": ("newspaper4k", _newspaper),
    "inscriptis (whole page, no boilerplate removal)": ("inscriptis", _inscriptis),
}
PDF_CANDIDATES: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "pypdf": ("pypdf", _pypdf),
    "pdfminer.six": ("pdfminer.six", _pdfminer),
    "pypdfium2": ("pypdfium2", _pdfium),
}


def score(text: str, gold: list[str], allowed: list[str]) -> tuple[float, float]:
    out = _fold(text)
    found = sum(1 for g in gold if _fold(g) in out)
    rest = out
    for part in [*gold, *allowed]:
        rest = rest.replace(_fold(part), "")
    noise = len(rest.replace(" ", "")) / max(1, len(out.replace(" ", "")))
    return found / len(gold), noise


def measure(fn: Callable[[bytes], str], raw: bytes) -> tuple[str, float]:
    text = fn(raw)
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn(raw)
        times.append(time.perf_counter() - t)
    return text, statistics.median(times) * 1000


def main() -> int:
    import logging

    logging.disable(logging.CRITICAL)  # the candidates log their heuristics' doubts
    pdf_raw, pdf_gold, pdf_allowed = _pdf_fixture()
    cases = [(name, (FIXTURES / name).read_bytes(), (FIXTURES / name).with_suffix(".expected.txt").read_text("utf-8").split("\n"), allowed)
             for name, allowed in HTML_PAGES.items()]  # fmt: skip
    print(f"{'extractor':<50} {'version':<10} " + " ".join(f"{c[0]:>28}" for c in cases))
    rows = [(HTML_CANDIDATES, cases), (PDF_CANDIDATES, [("report.pdf", pdf_raw, pdf_gold, pdf_allowed)])]
    for candidates, pages in rows:
        for label, (dist, fn) in candidates.items():
            try:
                ver = version(dist)
            except PackageNotFoundError:
                print(f"{label:<50} not installed")
                continue
            cells = []
            for _name, raw, gold, allowed in pages:
                try:
                    text, ms = measure(fn, raw)
                except Exception as exc:  # a candidate that fails on a page scores that failure
                    cells.append(f"failed: {type(exc).__name__}"[:28])
                    continue
                found, noise = score(text, gold, allowed)
                cells.append(f"found {found:4.0%} noise {noise:4.0%} {ms:5.1f}ms")
            print(f"{label:<50} {ver:<10} " + " ".join(f"{c:>28}" for c in cells))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
