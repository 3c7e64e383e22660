"""Front matter of hand-written pages, by allowlist: only the keys the site uses, each with its
own value rule. Everything else is an error naming the key.

The theme acts on front-matter keys (Material: `template` picks any theme template, and
`redirect.html` writes `location` into a refresh and a script unchecked; `search`, `icon`,
`status`, `subtitle`, `hide` change the page), mkdocs-macros on others (`render_macros`), and
every key becomes a template variable of the page. The theme also prints title, description
and tags into the HTML unescaped. So a key is refused unless it is listed here, and a value
unless it is plain text of the expected shape. The values checked are the site generator's own
reading of the front matter (what the theme sees); the strict loader has already refused tags,
anchors, aliases and duplicate keys.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from briefing.diagnostics import Diagnostic
from briefing.model import Page
from briefing.pages import ALLOWED_MACROS
from briefing.schema import describe

HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags")  # what Material's templates hide
# Characters that are not plain text: controls, format characters (bidi overrides, zero-width
# joiners, soft hyphens), private-use and unpaired surrogates, line and paragraph separators.
_NOT_TEXT = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")
_MARKUP = '<>"'


class _Markup(str):
    """A reason that is about HTML markup (reported as `front-matter-markup`)."""


def _text(value: Any, limit: int) -> str | None:
    """Why `value` is not one line of plain text of at most `limit` characters, or None."""
    if not isinstance(value, str):
        if type(value).__name__ in ("date", "datetime"):
            return "must be text, not a date: put it in quotes"
        return f"must be text, not {describe(value)}"
    if not value.strip():
        return "is empty"
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit}"
    if bad := sorted({ch for ch in value if ch in _MARKUP}):
        return _Markup(
            f"holds {' '.join(bad)}; the theme prints it into the page as HTML: write it without < > and \" "
            "(use typographic quotes “ ”)"
        )
    for ch in value:
        if unicodedata.category(ch) in _NOT_TEXT:
            return f"holds the invisible or control character U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed').lower()}); remove it"
    return None


def _list_of(rule: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, list) or not value:
            return "must be a non-empty list, e.g. [a, b]"
        for i, item in enumerate(value):
            if why := rule(item):
                return type(why)(f"item {i + 1} {why}")
        if len({repr(v) for v in value}) != len(value):
            return "lists an item twice"
        return None

    return check


def _one_of(options: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if isinstance(value, str) and value in options else f"must be one of {', '.join(options)}, not {value!r}"

    return check


# key -> its value rule (None: the value is fine). `topic` is checked against facts/topics/ by the
# page rules; `prose` has no effect (only EXPLANATORY_PAGES are exempt) but marks those pages.
ALLOWED_KEYS: dict[str, Callable[[Any], str | None]] = {
    "title": lambda v: _text(v, 120),
    "description": lambda v: _text(v, 300),
    "tags": _list_of(lambda v: _text(v, 60)),
    "hide": _list_of(_one_of(HIDE_VALUES)),
    "topic": lambda v: _text(v, 100),
    "prose": _one_of(("explanatory",)),
}

# Why some keys are refused, where the reason is not obvious.
_WHY = {
    "template": "it picks the theme template the page is built with (redirect.html runs a script with its 'location')",
    "location": "the redirect template writes it into the page unchecked",
    "redirect": "it is a redirect, not a page",
    "render_macros": "it turns the template engine on or off for the page",
    "ignore_macros": "it changes how the template engine treats the page",
    "search": "it changes how the search index ranks or hides the page",
    "icon": "the theme shows it in the navigation",
    "status": "the theme shows it in the navigation",
    "subtitle": "the theme shows it in the navigation",
    "social": "it configures the social-card plugin",
    "author": "the theme prints it into the page head",
}


def check_front_matter(page: Page) -> list[Diagnostic]:
    """The front matter of one hand-written page against the allowlist."""
    located = page.front_located
    if located is None or not page.front_matter:
        return []
    out = []
    for key, value in page.front_matter.items():
        if not isinstance(key, str) or key not in ALLOWED_KEYS:
            # The key's place, read only for a finding (positions cost a second parse of the block).
            line, col = located.where((key,), key=True) if isinstance(key, str) else (1, 1)  # the page's own lines
            if key in ALLOWED_MACROS:
                why = f"it would replace the {key}() macro on this page"
            else:
                why = _WHY.get(str(key), "the site does not use it")
            allowed = ", ".join(ALLOWED_KEYS)
            msg = f"front matter key {key!r} is not allowed: {why}; a page's front matter may hold only {allowed}"
            out.append(Diagnostic(page.path, line, col, "front-matter-key", msg))
            continue
        if why := ALLOWED_KEYS[key](value):
            vline, vcol = located.where((key,))
            if isinstance(why, _Markup):
                out.append(Diagnostic(page.path, vline, vcol, "front-matter-markup", f"front matter {key!r} {why}"))
            else:
                out.append(Diagnostic(page.path, vline, vcol, "front-matter-value", f"front matter {key!r} {why}"))
    return out
