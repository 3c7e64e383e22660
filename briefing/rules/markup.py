"""Page markup: what a hand-written page puts into the HTML a reader's browser reads.

Each page's Markdown is rendered to HTML by Python-Markdown with the extensions and settings the
build uses (`mkdocs.yml`'s `markdown_extensions`, handed over by the site adapter in the
inventory), each macro call standing as one marker character; the HTML is read as a browser reads
it and held to the page allowlist (`briefing.markup.page_problems`): no script, event handler,
style, frame, form, redirect or picture from outside the site, no `javascript:` or `data:` link,
whether written as raw HTML, as a Markdown link or image, or through `attr_list`'s
`{: onclick=… }`, and no macro call inside a tag. The page's title, as the theme prints it after
decoding character references (Material's `<title>` goes through `striptags`, which decodes
them), may hold no markup either.

The build reads the real HTML again (`site_adapter.Guard`), so what this reading misses cannot be
published either; this rule names the mistake at its line before anything is built.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from briefing import render_budget
from briefing.diagnostics import Diagnostic
from briefing.markup import Finding, marker, page_problems, unmark
from briefing.model import Briefing, Page
from briefing.pages import MACRO_RE, macro_calls
from briefing.rules.base import Report


def check_markup(b: Briefing, report: Report) -> list[Diagnostic]:
    inv = b.inventory
    if inv is None:
        return []
    extensions, configs = tuple(inv.markdown_extensions), _frozen(inv.markdown_configs)
    out: list[Diagnostic] = []
    for page in b.pages:
        out.extend(_title_problems(page))
        calls = [(c.name, c.args, c.line, c.col) for c in macro_calls(page)]
        out.extend(Diagnostic(page.path, *p) for p in render_budget.macro_problems(calls))
        text, at = marked(page.body)
        try:
            found = page_problems(render(text, extensions, configs))
        except RecursionError:  # nesting the budget (render_budget) did not foresee: never a traceback
            why = "the renderer fails on this page's nesting (lists, quotes or emphasis inside one another); nest less"
            out.append(Diagnostic(page.path, page.body_line, 1, "page-too-complex", why))
            continue
        out.extend(_placed(page, found, at))
    report.counts["pages read as HTML"] = len(b.pages)
    return out


def marked(body: str) -> tuple[str, dict[str, int]]:
    """The page's Markdown with each macro call as one marker (its output is the site's markup),
    and where each marker's call is in the Markdown."""
    calls: dict[str, int] = {}

    def sub(m: re.Match[str]) -> str:
        ch = marker(len(calls))
        calls[ch] = m.start()
        return ch

    return MACRO_RE.sub(sub, unmark(body)), calls


def render(text: str, extensions: tuple[Any, ...], configs: tuple[tuple[str, Any], ...]) -> str:
    md = _markdown(extensions, configs)
    md.reset()
    return str(md.convert(text))


@lru_cache(maxsize=4)
def _markdown(extensions: tuple[Any, ...], configs: tuple[tuple[str, Any], ...]) -> Any:
    import markdown

    return markdown.Markdown(extensions=list(extensions), extension_configs={k: _thawed(v) for k, v in configs})


def _frozen(v: Any) -> Any:
    if isinstance(v, dict):
        return tuple(sorted((str(k), _frozen(x)) for k, x in v.items()))
    if isinstance(v, list):
        return ("__list__", tuple(_frozen(x) for x in v))
    return v


def _thawed(v: Any) -> Any:
    if isinstance(v, tuple) and len(v) == 2 and v[0] == "__list__":
        return [_thawed(x) for x in v[1]]
    if isinstance(v, tuple):
        return {k: _thawed(x) for k, x in v}
    return v


def _placed(page: Page, found: list[Finding], calls: dict[str, int]) -> list[Diagnostic]:
    """Each finding at the first place in the Markdown that holds its needle (or else the name
    near it), looking on from the last one found, as findings come in document order; a macro
    call's marker at the call. Else at the top of the body."""
    out = []
    body = page.body
    low = body.lower()
    pos = 0
    seen: set[tuple[int, int, str]] = set()
    for f in found:
        at = calls.get(f.needle, -1)
        if at < 0:  # the nearer of the needle and the name it stands by, else the needle anywhere
            ahead = [i for n in (f.needle.lower(), f.near.lower()) if n and (i := low.find(n, pos)) >= 0]
            at = min(ahead) if ahead else low.find(f.needle.lower())
        if at >= 0:
            pos = at + 1
            line = page.body_line + body.count("\n", 0, at)
            col = at - (body.rfind("\n", 0, at) + 1) + 1
        else:
            line, col = page.body_line, 1
        if (line, col, f.code) in seen:
            continue  # one error per place and kind: the same tag's second bad attribute adds nothing
        seen.add((line, col, f.code))
        out.append(Diagnostic(page.path, line, col, f.code, f"{f.message}; the page may not hold it"))
    return out


_TAGLIKE = re.compile(r"[<>]")


def _title_problems(page: Page) -> list[Diagnostic]:
    """The title as the theme prints it: Material writes `page.title | striptags` into `<title>`,
    and `striptags` decodes character references, so `&lt;/title&gt;&lt;script&gt;` in a heading
    becomes markup there. A title is plain text once decoded, wherever it comes from."""
    title = page.title
    if not isinstance(title, str) or not _TAGLIKE.search(html.unescape(title)):
        return []
    if "title" in page.front_matter and _TAGLIKE.search(title):
        return []  # the front-matter rules refuse < and > as written: one error for one mistake
    line = page.body_line if page.body.lstrip("\n").startswith("# ") else 1
    why = (
        f"the page's title {title[:60]!r} holds {'<' if '<' in html.unescape(title) else '>'} once its character references "
        "are decoded, as the theme decodes them to print the title; write the title as plain words"
    )
    return [Diagnostic(page.path, line, 1, "title-markup", why)]
