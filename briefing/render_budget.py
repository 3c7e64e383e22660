"""How much work a page's Markdown may ask of the renderer, decided before anything renders it.

Python-Markdown (which the build renders every page with, and the check too) does work that
grows with the square of a block's length when the block holds many brackets or angle brackets
that open nothing: for each `[` or `<` it scans the rest of the block for what would close it.
Measured here (`make bench` prints it): 4,000 `[` in one paragraph take 4 s, 20,000 take 98 s,
and a 1 MiB page of them would hold the build for days. Deep nesting (lists, quotes, emphasis)
makes it recurse until Python stops it with a traceback. So each page is held to a budget that
bounds that work, with room to spare for prose (the briefing's longest paragraph is 3,000
characters with 3 brackets):

- a block (the text between blank lines) is at most MAX_BLOCK_CHARS characters;
- the sum over blocks of (brackets and angle brackets) x (the block's length) is at most
  MAX_SCAN_WORK, about one second of the renderer's time at worst;
- no line is indented deeper than MAX_INDENT columns or quoted more than MAX_QUOTE_DEPTH deep.

A page over budget is reported (`page-too-complex`) and never rendered, by the check or by the
build, which runs the check first.
"""

from __future__ import annotations

import re

MAX_BLOCK_CHARS = 10_000
MAX_SCAN_WORK = 4_000_000
MAX_INDENT = 40
MAX_QUOTE_DEPTH = 10

_BLANK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"(?:[ \t]*>)+")


def problem(markdown: str, first_line: int = 1) -> tuple[int, int, str, str] | None:
    """Why rendering this Markdown would cost too much, at the line where the budget runs out."""
    work = 0
    start = 0
    for m in [*_BLANK.finditer(markdown), None]:
        end = m.start() if m else len(markdown)
        block = markdown[start:end]
        line = first_line + markdown.count("\n", 0, start)
        if len(block) > MAX_BLOCK_CHARS:
            why = (
                f"this block is {len(block):,} characters without a blank line; blocks may be at most "
                f"{MAX_BLOCK_CHARS:,} (the renderer's work grows with the square of a block's length): split it"
            )
            return line, 1, "page-too-complex", why
        work += (block.count("[") + block.count("<")) * len(block)
        if work > MAX_SCAN_WORK:
            why = (
                "the page holds so many [ and < in long blocks that rendering it would take the renderer minutes "
                "(each one it cannot close makes it read the rest of its block); write fewer, or split the blocks"
            )
            return line, 1, "page-too-complex", why
        start = m.end() if m else end
    for i, text in enumerate(markdown.split("\n")):
        indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))
        quotes = q.group().count(">") if (q := _QUOTES.match(text)) else 0
        if indent > MAX_INDENT or quotes > MAX_QUOTE_DEPTH:
            why = (
                f"this line is nested {'more than ' + str(MAX_INDENT) + ' columns deep' if indent > MAX_INDENT else str(quotes) + ' quotes deep'}; "
                "the renderer recurses once per level and fails on deep nesting: nest less"
            )
            return first_line + i, 1, "page-too-complex", why
    return None


# -- what the macros may write into one page ---------------------------------------------------------

# A macro call is a few bytes of Markdown and can stand for a whole section of HTML (the all-claims
# index is 350 KB): a page of 50,000 `{{ all_claims() }}` calls would ask the build for gigabytes.
# So a call that writes a section (every macro but the citing ones) stands once per page with the
# same arguments (twice would also repeat its element ids), and a page holds at most MAX_CALLS calls
# (the briefing's pages hold at most 46).
MAX_CALLS = 500
INLINE_MACROS = frozenset({"cite", "claim"})


def macro_problems(calls: list[tuple[str, tuple[object, ...], int, int]]) -> list[tuple[int, int, str, str]]:
    """Calls (name, arguments, line, column) that would make the page's HTML grow without bound."""
    out: list[tuple[int, int, str, str]] = []
    if len(calls) > MAX_CALLS:
        _name, _args, line, col = calls[MAX_CALLS]
        why = f"the page makes {len(calls):,} macro calls; a page may make at most {MAX_CALLS} (each one adds markup to the page): split the page"
        out.append((line, col, "too-many-macros", why))
    seen: dict[tuple[str, tuple[object, ...]], int] = {}
    for name, args, line, col in calls:
        if name in INLINE_MACROS:
            continue
        if (name, args) in seen:
            shown = ", ".join(repr(a) for a in args)
            why = f"{name}({shown}) is already called on line {seen[(name, args)]}; a section stands once on a page (twice would repeat its ids and its size)"
            out.append((line, col, "macro-repeated", why))
        else:
            seen[(name, args)] = line
    return out
