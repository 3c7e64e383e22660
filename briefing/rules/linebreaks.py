"""No word is broken by a line break: a hyphen left at the end of a line inside a text that spans
several lines.

YAML joins the lines of a multi-line text (folded `>`, plain or quoted) with a space, and keeps
the break of a literal `|` text, which a browser shows as a space too: "multi-" at the end of one
line and "satellite" on the next reach readers as "multi- satellite". Markdown does the same with
the lines of a paragraph. The check reads where each text starts and ends with YAML's own parser
(the one that loads the records) and the page's lines as Markdown joins them, and reports the
hyphen itself (`folded-hyphen`). A hyphen that ends a text, one before an escaped line break
(`"multi-\\` in double quotes, which joins without a space), and a suspended hyphen written on one
line ("long- and short-range") are fine.

Most records have no candidate at all: only a record whose loaded text holds a hyphen followed by
a space or a line break is read again and parsed for positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from briefing.diagnostics import Diagnostic
from briefing.model import Briefing, Page, Record
from briefing.pages import setup_of
from briefing.pagetext import render_html
from briefing.rules.base import Report

# Hyphen-minus, soft hyphen, hyphen, non-breaking hyphen, figure dash and en dash (a range cut
# in two: "2019–" then "2020").
_HYPHENS = "-\u00ad\u2010\u2011\u2012\u2013"
# A letter or digit, then a hyphen, at the end of a line (white space after it aside, a no-break
# space included): a word cut in two.
_LINE_END = re.compile(rf"[^\W_][{_HYPHENS}][^\S\n]*\r?$")
# In loaded text: a hyphen after a letter or digit and before white space (the join YAML made).
_CANDIDATE = re.compile(rf"[^\W_][{_HYPHENS}]\s")

try:  # the parser the loader uses (libyaml when present): the same marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the wheel
    _Loader = yaml.SafeLoader


def check_line_breaks(b: Briefing, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    records: list[Record] = [*b.sources.values(), *b.claims.values(), *b.entities.values(), *b.topics.values()]
    records += [*b.judgments.values(), *b.questions.values()]
    maybe = _flagged([rec.located.raw for rec in records])
    for i, rec in enumerate(records):
        if i in maybe and _may_break(rec):
            out.extend(yaml_hyphens(rec.path, _read(b, rec.path)))
    pages = b.pages
    for page in pages:
        out.extend(page_hyphens(b, page))
    report.counts["texts checked for broken words"] = len(records) + len(pages)
    return out


# In a record's bytes: a letter or digit (or the last byte of one), a hyphen, white space, a line
# break. Most records have none: they are never parsed again.
_RAW_LINE_END = re.compile(rb"[0-9A-Za-z\x80-\xbf](?:-|\xc2\xad|\xe2\x80[\x90-\x93])(?:[ \t]|\xc2\xa0)*\r?\n")


def _may_break(rec: Record) -> bool:
    """Whether the record may hold a word cut by a line break: a cheap look at its bytes when the
    loader kept them, else at its loaded text."""
    raw = rec.located.raw
    if raw is None:
        return any(_CANDIDATE.search(s) for s in _strings(rec.data))
    return _raw_may_break(raw)


def _raw_may_break(raw: bytes) -> bool:
    """Substring counts first (every block text's header ">-" ends in "-"), then the rare bytes,
    and only then the regular expression."""
    plain = raw.count(b"-\n") > raw.count(b">-\n") + raw.count(b"|-\n")
    if not (plain or _RARE.search(raw)):
        return False
    return _RAW_LINE_END.search(raw) is not None


# A hyphen before white space that runs to a line break, a tab or a carriage return, the soft
# hyphen, U+2010 to U+2013, a no-break space: rare enough that finding one sends the record to the
# regular expression.
_RARE = re.compile(rb"-(?:[ \t]+[\r\n]|[\t\r])|\xc2[\xad\xa0]|\xe2\x80[\x90-\x93]")
# In every record's bytes at once: a hyphen, then a line break (not after ">" or "|": a block
# text's header), or `_RARE`'s ASCII bytes after it. The pattern starts with the hyphen: the
# engine skips to each one at C speed.
_HYPHEN_GAP = re.compile(rb"-(?:(?<![>|]-)\n|[ \t]+[\r\n]|[\t\r])")


def _flagged(raws: list[bytes | None]) -> set[int]:
    """The indices of the records `_may_break` must look at, a few more at most: every record
    read from its loaded text or holding a byte outside ASCII (`_RARE`'s other bytes are), and
    every record whose bytes `_HYPHEN_GAP` matches (or a match that begins in it and runs on
    into the line break after it). Every record's bytes are searched as one text: ten thousand
    records, one search, where each record took four."""
    out = {i for i, raw in enumerate(raws) if raw is None or not raw.isascii()}
    kept = [(i, raw) for i, raw in enumerate(raws) if raw is not None]
    buf = b"\n".join(raw for _, raw in kept)
    begins = list(accumulate([len(raw) + 1 for _, raw in kept], initial=0))
    out.update(kept[bisect_right(begins, m.start()) - 1][0] for m in _HYPHEN_GAP.finditer(buf))
    return out


def _read(b: Briefing, path: str) -> str:
    try:
        return (Path(b.root) / path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # it loaded a moment ago: a file changed under the check has its own errors next time


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def yaml_hyphens(path: str, text: str, line_offset: int = 0) -> list[Diagnostic]:
    """Every hyphen that ends a line inside a multi-line YAML text, at the hyphen."""
    out = []
    loader = _Loader(text)
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            ev = loader.get_event()
            if not isinstance(ev, yaml.ScalarEvent) or ev.start_mark.line == ev.end_mark.line:
                continue
            lines = text[ev.start_mark.index : ev.end_mark.index].split("\n")
            first = ev.start_mark.line
            # A block text's first line is its header (`>-`, maybe a comment); its last line ends
            # the text, with nothing after it to join.
            for i, line in enumerate(lines[:-1]):
                if i == 0 and ev.style in (">", "|"):
                    continue
                if not any(s.strip() for s in lines[i + 1 :]):
                    break  # only blank lines follow: the text ends here
                if m := _LINE_END.search(line):
                    col = (ev.start_mark.column if i == 0 else 0) + m.start() + 2
                    nxt = next(s for s in lines[i + 1 :] if s.strip())
                    out.append(_diagnostic(path, first + i + 1 + line_offset, col, line[: m.start() + 2], nxt))
    except yaml.YAMLError:
        return out  # a file that does not parse fails elsewhere, with the parser's own position
    finally:
        loader.dispose()
    return out


def page_hyphens(b: Briefing, page: Page) -> list[Diagnostic]:
    """The same in a page: its front matter (YAML), and its Markdown as the site's own Markdown
    configuration renders it: a line break inside a paragraph stays a break in the HTML, which
    the browser shows as a space (in a code block it is shown as a break, and is fine)."""
    out: list[Diagnostic] = []
    if page.body_line > 1 and any(_CANDIDATE.search(s) for s in _strings(page.front_matter)):
        text = _read(b, page.path)
        front = text.split("\n", page.body_line - 1)[:-1] if text else []
        # Lines 2.. up to the closing "---": the front matter's own text, parsed as YAML.
        if len(front) > 2:
            out.extend(yaml_hyphens(page.path, "\n".join(front[1:-1]) + "\n", line_offset=1))
    lines = page.body.split("\n")
    candidates = {i: m for i, line in enumerate(lines[:-1]) if (m := _LINE_END.search(line)) and lines[i + 1].strip()}
    if not candidates:
        return out
    # Mark each candidate hyphen with an invisible numbered token, render, and see which tokens
    # reach the text followed by a plain line break: those are shown as a space.
    marked = list(lines)
    for i, m in candidates.items():
        marked[i] = lines[i][: m.start() + 2] + f"{_MARK}{i}{_MARK}" + lines[i][m.start() + 2 :]
    shown = _rendered_text(b, "\n".join(marked))
    for found in _BROKEN.finditer(shown):
        i = int(found.group(1))
        if i in candidates:
            m = candidates[i]
            out.append(_diagnostic(page.path, page.body_line + i, m.start() + 2, lines[i][: m.start() + 2], lines[i + 1]))
    return out


_MARK = "\u2063"  # INVISIBLE SEPARATOR: Markdown gives it no meaning
# A marked hyphen followed by a line break and more text, with no <br> between (see _rendered_text).
_BROKEN = re.compile(f"{_MARK}(\\d+){_MARK}[ \\t]*\\n[ \\t]*\\S")
_PRE = re.compile(r"<pre\b.*?</pre>|<!--.*?-->", re.S | re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")


def _rendered_text(b: Briefing, body: str) -> str:
    """The page's text as Python-Markdown renders it for the build (the inventory's Markdown
    configuration, as the page rules read it), tags removed: code blocks (shown with their breaks)
    left out, and a hard line break (<br>) kept as a mark of its own, since it is shown as a
    break; macro calls stay as written."""
    html = render_html(body, setup_of(b.inventory))
    return _TAG.sub("", _BR.sub("\x00", _PRE.sub("", html)))


def _diagnostic(path: str, line: int, col: int, before: str, after: str) -> Diagnostic:
    word = before.split()[-1]
    shown = f"{word} {after.split()[0].strip(_QUOTES)}"
    return Diagnostic(
        path,
        line,
        col,
        "folded-hyphen",  # a literal, so the test that CONTRIBUTING explains every code finds it
        f"the line ends with {word!r} and the text goes on on the next line, so readers see {shown!r}, a word broken in "
        "two (the line break becomes a space): keep the hyphenated word on one line",
    )


_QUOTES = "\"'"


__all__ = ["check_line_breaks", "page_hyphens", "yaml_hyphens"]
