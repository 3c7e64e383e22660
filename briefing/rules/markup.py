"""Page markup: what a hand-written page puts into the HTML a reader's browser reads.

Each page's Markdown is rendered to HTML by Python-Markdown with the extensions and settings the
build uses (`mkdocs.yml`'s `markdown_extensions`, handed over by the site adapter in the
inventory), each macro call standing as one marker character (`briefing.pages.read_page`: the one
rendering the page rules read too); the HTML is read as a browser reads
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

from briefing import render_budget
from briefing.diagnostics import Diagnostic
from briefing.markup import Finding, marker, page_problems
from briefing.model import Briefing, Page
from briefing.pages import macro_calls, read_page, setup_of
from briefing.rules.base import Report


def check_markup(b: Briefing, report: Report) -> list[Diagnostic]:
    inv = b.inventory
    if inv is None:
        return []
    setup = setup_of(inv)
    out: list[Diagnostic] = []
    for page in b.pages:
        out.extend(_title_problems(page))
        calls = [(c.name, c.args, c.line, c.col) for c in macro_calls(page)]
        out.extend(Diagnostic(page.path, *p) for p in render_budget.macro_problems(calls))
        try:  # the one rendering of the page the page rules read too
            reading = read_page(page, setup)
        except RecursionError:  # nesting the budget (render_budget) did not foresee: never a traceback
            why = "the renderer fails on this page's nesting (lists, quotes or emphasis inside one another); nest less"
            out.append(Diagnostic(page.path, page.body_line, 1, "page-too-complex", why))
            continue
        at = {marker(i): c.start for i, c in enumerate(reading.calls)}
        out.extend(_placed(page, page_problems(reading.html), at))
    report.counts["pages read as HTML"] = len(b.pages)
    return out


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
        ahead: list[int] = []
        if at < 0:  # the nearer of the needle and the name it stands by, else the needle anywhere
            ahead = [i for n in (f.needle.lower(), f.near.lower()) if n and (i := low.find(n, pos)) >= 0]
            at = min(ahead) if ahead else low.find(f.needle.lower())
        if at >= 0:
            # The next finding is looked for past both, when both are on this line (`href=` and
            # its `javascript:` value are one attribute: the next link's value is further on).
            pos = max([at, *(i for i in ahead if "\n" not in body[at:i])]) + 1
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


def title_is_markup(page: Page) -> bool:
    """Whether the page's title holds < or > once decoded (`title-markup`: its words are not
    judged again until it is plain)."""
    return isinstance(page.title, str) and _TAGLIKE.search(html.unescape(page.title)) is not None


def _title_problems(page: Page) -> list[Diagnostic]:
    """The title as the theme prints it: Material writes `page.title | striptags` into `<title>`,
    and `striptags` decodes character references, so `&lt;/title&gt;&lt;script&gt;` in a heading
    becomes markup there. A title is plain text once decoded, wherever it comes from."""
    title = page.title
    if not title_is_markup(page):
        return []
    if "title" in page.front_matter and _TAGLIKE.search(title):
        return []  # the front-matter rules refuse < and > as written: one error for one mistake
    line = page.body_line if page.body.lstrip("\n").startswith("# ") else 1
    why = (
        f"the page's title {title[:60]!r} holds {'<' if '<' in html.unescape(title) else '>'} once its character references "
        "are decoded, as the theme decodes them to print the title; write the title as plain words"
    )
    return [Diagnostic(page.path, line, 1, "title-markup", why)]
