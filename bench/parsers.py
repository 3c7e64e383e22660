"""`python -m bench.parsers [SITE]`: the HTML parsers the markup rules could read pages with, timed
on a built site (default `site/`, after `make build`): each parses every page as a whole document
and walks every element's attributes, as `briefing.markup.document_problems` does; then the
guard's own reading of the whole site (`document_problems` on every page).

Both candidates implement the WHATWG parsing algorithm (a parser that reads markup differently
from browsers would let a page hide what it holds): html5lib in pure Python, selectolax over
Lexbor in C. The project uses selectolax (requirements/site.in).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def _html5lib(texts: list[str]) -> int:
    import html5lib

    n = 0
    for text in texts:
        for el in html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False).iter():
            n += len(getattr(el, "attrib", {}))
    return n


def _selectolax(texts: list[str]) -> int:
    from selectolax.lexbor import LexborHTMLParser

    n = 0
    for text in texts:
        root = LexborHTMLParser(text, scripting=True).root
        for node in root.traverse(include_text=False) if root is not None else ():
            n += len(node.attributes)
    return n


def _guard(texts: list[str]) -> int:
    from briefing import markup

    return sum(len(markup.document_problems(t, frozenset())) for t in texts)


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    texts = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))]
    if not texts:
        print(f"no pages under {site}/: run `make build` first", file=sys.stderr)
        return 2
    size = sum(len(t) for t in texts)
    print(f"{len(texts)} pages, {size / len(texts) / 1024:.0f} KiB on average")
    for name, fn in (("html5lib", _html5lib), ("selectolax (Lexbor)", _selectolax), ("guard: document_problems", _guard)):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            fn(texts)
            times.append(time.perf_counter() - t)
        best = min(times)
        print(f"{name:26} {best:7.3f} s  ({best / len(texts) * 1000:.2f} ms a page, best of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
