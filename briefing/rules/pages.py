"""The checks of the site's hand-written pages: no template code, known ids, every claim shown,
and on the briefing's own pages every statement cited and every number in it supported.

The build renders pages with mkdocs-macros, which runs each page as an unrestricted Jinja
template: the template check is what keeps a pull request that edits a page from running code.
It runs in `define_env`, before any page is rendered, and the build stops on any error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefing.diagnostics import Diagnostic, meant_key, mention_key, ref_key
from briefing.evidence import cited_text
from briefing.model import JUDGMENT_KINDS, KINDS, Briefing, Claim, Page
from briefing.pages import (
    ABOUT,
    CATALOGUE_MACROS,
    CLAIM,
    CLAIM_ID_MACROS,
    ENTITY,
    EXPLANATORY_PAGES,
    JUDGMENT_KIND,
    KIND,
    LISTING_MACROS,
    MACROS,
    SOURCE,
    TOPIC,
    WITHDRAWN,
    MacroCall,
    is_narrative,
    macro_calls,
    narrative_units,
    statement_verb,
    template_problems,
)
from briefing.rules.base import Report
from briefing.rules.front_matter import check_front_matter
from briefing.rules.references import unknown, unknown_keys, withdrawn_of
from briefing.rules.support import evidence_gaps
from briefing.suggest import closest, closest_or_valid
from briefing.text import has_number, names_entity, numbers_in

# Jinja settings mkdocs-macros takes from mkdocs.yml (`j2_…`, any of them is passed on): other
# delimiters, or line statements, would be template syntax the page check cannot see.
_J2_SYNTAX = re.compile(r"^j2_(?:(?:block|variable|comment)_(?:start|end)_string|line_(?:statement|comment)_prefix)$")


def check_pages(b: Briefing, report: Report) -> list[Diagnostic]:

    out = _renderer_problems(Path(b.root))
    shown: set[str] = set()
    topic_pages: dict[str, str] = {}
    tables: dict[str, Any] = {
        CLAIM: b.claims,
        TOPIC: b.topics,
        ENTITY: b.entities,
        KIND: dict.fromkeys(KINDS),
        SOURCE: b.sources,
        JUDGMENT_KIND: dict.fromkeys(JUDGMENT_KINDS),
        WITHDRAWN: _Lazy(lambda: {k: v for k, v in withdrawn_of(b).items() if k not in b.claims}),
    }
    # Which claims each listing macro shows, indexed once: a page per topic must not mean a pass
    # over every claim per page (claims x pages).
    listed: dict[str, dict[object, list[str]]] = {}

    def listing(fld: str, value: object) -> list[str]:
        if fld not in listed:
            index: dict[object, list[str]] = {}
            for c in b.claims.values():
                keys = c.topics if fld == "topics" else [*c.entities, c.speaker] if fld == "entities" else [c.kind]
                for k in keys:
                    index.setdefault(k, []).append(c.id)
            listed[fld] = index
        return listed[fld].get(value, [])

    evidence = _Evidence(b)
    starts = b.inventory.template_starts if b.inventory is not None else ("{{", "{%", "{#")
    for page in b.pages:
        out.extend(_template_problems(page, starts))
        out.extend(check_front_matter(page))
        if isinstance(t := page.front_matter.get("topic"), str):  # any other value: front-matter-value
            if t not in b.topics:
                msg = f"page declares unknown topic {t!r}{closest_or_valid(str(t), b.topics, 'topics', 'facts/topics/')}"
                causes, follows = unknown_keys("topic", t, b.topics)
                out.append(Diagnostic(page.path, 1, 1, "unknown-topic", msg, causes=causes, follows_from=follows))
            elif t in topic_pages:
                out.append(Diagnostic(page.path, 1, 1, "duplicate-topic-page", f"topic {t!r} already has a page: {topic_pages[t]}"))
            else:
                topic_pages[t] = page.path
        # Only a page of the published site shows a claim (not a draft, not an excluded file).
        seen: set[str] = shown if page.built else set()
        for call in macro_calls(page):
            out.extend(_argument_problems(b, page, call, tables))
            if call.name in CLAIM_ID_MACROS:
                seen.update(str(cid) for cid in call.args if isinstance(cid, str) and cid in b.claims)
            elif call.name in LISTING_MACROS and call.args:
                fld, value = LISTING_MACROS[call.name], call.args[0]
                if call.name not in CATALOGUE_MACROS:
                    seen.update(listing(fld, value))
            elif call.name == "key_judgments":
                seen.update(cid for j in b.judgments.values() for cid in j.rests_on)
            elif call.name == "open_questions":
                seen.update(cid for q in b.questions.values() for cid in q.related_claims)
            elif call.name == "timeline":
                seen.update(c.id for c in b.claims.values() if c.date is not None)
            # all_claims and claims_by_kind list every claim by construction: they show none.
        if is_narrative(page):
            out.extend(_narrative_problems(b, page, evidence))
    for t in b.topics:
        if t not in topic_pages and b.pages:
            line, col = b.topics[t].where("id")
            out.append(
                Diagnostic(
                    b.topics[t].path,
                    line,
                    col,
                    "topic-without-page",
                    f"topic {t!r} has no page; add docs/topics/{t}.md with 'topic: {t}' in its front matter",
                    follows_from=(mention_key(t), meant_key(t)),  # a page that failed to load, or misspells it
                )
            )
    if b.pages:
        for c in b.claims.values():
            if c.id not in shown:
                line, col = c.where("id")
                out.append(
                    Diagnostic(
                        c.path,
                        line,
                        col,
                        "orphan-claim",
                        f"no page of the briefing shows claim {c.id!r} (the all-claims index does not count); "
                        "cite it on a page, or give it a topic whose page lists its claims",
                        # Shown nowhere because its topic is misspelled, or a page citing it (or listing
                        # its topic or an entity of it) did not load, or misspells its id.
                        follows_from=(
                            *(ref_key("topic", t) for t in c.topics if t not in b.topics),
                            meant_key(c.id),
                            *(mention_key(x) for x in (c.id, *c.topics, *c.entities, c.speaker) if x),
                        ),
                    )
                )
    report.shown_claims = shown
    report.counts["pages checked"] = len(b.pages)
    return out


# -- macro arguments -----------------------------------------------------------------------------------

_UNKNOWN_CODE = {
    CLAIM: "unknown-claim",
    TOPIC: "unknown-topic",
    ENTITY: "unknown-entity",
    KIND: "unknown-kind",
    JUDGMENT_KIND: "unknown-kind",
    SOURCE: "unknown-source",
}


class _Lazy:
    """A table read only when a call needs it (the withdrawn ids cost a git process)."""

    def __init__(self, make: Callable[[], dict[str, Any]]) -> None:
        self.make = make
        self.table: dict[str, Any] | None = None

    def get(self) -> dict[str, Any]:
        if self.table is None:
            self.table = self.make()
        return self.table


def _argument_problems(b: Briefing, page: Page, call: MacroCall, tables: dict[str, Any]) -> list[Diagnostic]:
    """A call's arguments against the macro's signature (`pages.MACROS`): how many, of what type,
    and each id in its table. Whatever passes here, the macro can take without failing."""
    sig = MACROS.get(call.name)
    if sig is None:
        return []  # not a macro: `template_problems` says so
    n, need = len(call.args), len(sig.args)
    if n < sig.least or (n > need and not sig.repeat) or (sig.repeat and n == 0):
        got = "none" if n == 0 else f"{n}: {', '.join(repr(a) for a in call.args)}"
        why = f"{call.name}() takes {sig.describe()}; this call has {got}"
        return [Diagnostic(page.path, call.line, call.col, "macro-arguments", why)]
    out = []
    for i, value in enumerate(call.args):
        kind = sig.args[min(i, need - 1)]
        if not isinstance(value, str):
            why = f'{call.name}() takes {sig.describe()}, in quotes: argument {i + 1} is {value!r}; write e.g. {call.name}("id")'
            out.append(Diagnostic(page.path, call.line, call.col, "macro-arguments", why))
            continue
        table = tables[kind]
        table = table.get() if isinstance(table, _Lazy) else table
        if value in table:
            continue
        if kind == WITHDRAWN:
            why = f"{value!r} is not a withdrawn claim{closest(value, table)}; withdrawn_claim_page() shows a claim whose file was deleted"
            out.append(Diagnostic(page.path, call.line, call.col, "unknown-claim", why))
        else:
            causes, follows = unknown_keys(kind, value, table)
            msg = unknown(b, kind, value, table)
            out.append(Diagnostic(page.path, call.line, call.col, _UNKNOWN_CODE[kind], msg, causes=causes, follows_from=follows))
    return out


# -- template syntax -----------------------------------------------------------------------------------


def _template_problems(page: Page, starts: tuple[str, ...]) -> list[Diagnostic]:
    """Template syntax in what the template engine reads of the page: its Markdown, its front
    matter (the title is rendered, and a value holding template syntax is a mistake at best),
    and the title it is given (from the nav, the front matter, the first heading or the file name)."""
    out = []
    if page.front_text is not None:
        found = template_problems(page.front_text, len(page.front_text), first_line=2)
        out.extend(Diagnostic(page.path, line, col, code, msg) for line, col, code, msg in found)
    found = template_problems(page.body, 0, first_line=page.body_line)
    out.extend(Diagnostic(page.path, line, col, code, msg) for line, col, code, msg in found)
    title = page.title
    if isinstance(title, str) and any(s in title for s in starts) and "title" not in page.front_matter:
        where, line, col = _title_source(page)
        why = f"the page's title {title!r} ({where}) holds template syntax, and the build renders the title as a template; write plain text"
        out.append(Diagnostic(page.path, line, col, "page-template", why))
    return out


def _title_source(page: Page) -> tuple[str, int, int]:
    if page.body.startswith("# "):
        return "its first heading", page.body_line, 1
    return "from the nav in mkdocs.yml or the file name", 1, 1


def _renderer_problems(root: Path) -> list[Diagnostic]:
    """mkdocs.yml settings that would give pages template syntax the check does not read."""
    path = root / "mkdocs.yml"
    try:
        text = path.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - a SafeLoader that reads MkDocs' tags as null
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # no site here, or one MkDocs itself will refuse
    plugins = config.get("plugins") if isinstance(config, dict) else None
    out = []
    for item in plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []:
        options = item.get("macros") if isinstance(item, dict) else None
        for key in options if isinstance(options, dict) else {}:
            if _J2_SYNTAX.match(str(key)) and options[key]:
                m = re.search(rf"^[ \t]*({re.escape(str(key))})[ \t]*:", text, re.M)
                line, col = (text.count("\n", 0, m.start()) + 1, m.start(1) - m.start() + 1) if m else (1, 1)
                out.append(
                    Diagnostic(
                        "mkdocs.yml",
                        line,
                        col,
                        "page-template",
                        f"macros option {key!r} changes the template syntax of every page, which the page check would not see; remove it",
                    )
                )
    return out


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read them as null, never construct them."""


_AnyTagLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


def markdown_config(root: Path) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions mkdocs.yml enables, and their options: what renders the pages."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 - tags read as null
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], {}
    names: list[str] = []
    options: dict[str, dict[str, object]] = {}
    items = config.get("markdown_extensions") if isinstance(config, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, opts in item.items():
                names.append(str(name))
                if isinstance(opts, dict):
                    options[str(name)] = opts
    return names, options


# -- narrative pages ----------------------------------------------------------------------------------


class _Evidence:
    """What a cited claim can support on a page: its statement and its cited words."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.known: dict[str, str] = {}

    def of(self, ids: set[str] | tuple[str, ...]) -> str:
        parts = []
        for cid in ids:
            c: Claim | None = self.b.claims.get(cid)
            if c is None:
                continue  # unknown-claim says so
            if cid not in self.known:
                self.known[cid] = c.statement + "\n" + cited_text(self.b, c)
            parts.append(self.known[cid])
        return "\n".join(parts)


def _narrative_problems(b: Briefing, page: Page, evidence: _Evidence) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    opted_out = page.front_matter.get("prose") == "explanatory"
    for u in narrative_units(page):
        words = " ".join(u.text.split()[:8])
        nums = numbers_in(u.text)
        if u.kind == ABOUT:
            ent = next((e for e in b.entities.values() if names_entity(e.names, u.text)), None)
            if nums or ent is not None:
                what = f"the number {nums[0]!r}" if nums else f"{ent.name!r} (entity {ent.id})"  # type: ignore[union-attr]
                why = f"an '!!! about' block explains the site and may say nothing of the story, but {words!r}… has {what}; say it in a cited sentence outside the block"
                out.append(Diagnostic(page.path, u.line, u.col, "about-block-facts", why))
            continue
        verb = statement_verb(u.text) if u.kind == "heading" else None
        if u.kind == "heading" and not verb and not u.cites:
            # A label. The page's title names the page (a topic's title is its record's name, "part 1"
            # included); a label under it may not carry a number the claims cited beneath it lack.
            wider = evidence.of(u.section) if u.level != 1 else None
            for num in nums if wider is not None else []:
                if not has_number(num, wider):
                    why = (
                        f"the heading {words!r} says {num!r} but no claim cited under it does; fix the number or cite the claim that has it"
                    )
                    gaps = evidence_gaps(b, None, list(u.section))
                    out.append(Diagnostic(page.path, u.line, u.col, "number-unsupported-on-page", why, follows_from=gaps))
            continue
        if not u.cites:
            if u.kind == "heading":
                why = (
                    f"the heading {words!r} states something ({verb!r} is a verb) but cites no claim; make it a label "
                    'without a verb (e.g. "The offer"), or say it in a cited sentence below'
                )
            elif u.kind == "row":
                why = f'the table row {words!r}… cites no claim; put {{{{ cite("claim-id") }}}} in one of its cells'
            else:
                why = f'sentence {words!r}… cites no claim; add {{{{ cite("claim-id") }}}}'
                if opted_out:
                    why += f"; 'prose: explanatory' has no effect here: only {', '.join(sorted(EXPLANATORY_PAGES))} explain the site"
                else:
                    why += ", or put text that only explains the site in an '!!! about' block"
            out.append(Diagnostic(page.path, u.line, u.col, "uncited-sentence", why))
            continue
        wider = evidence.of(u.cites)
        for num in nums:
            if not has_number(num, wider):
                why = (
                    f"{words!r}… says {num!r} but the claims it cites ({', '.join(u.cites)}) do not, in their statements "
                    "or cited words; fix the number or cite the claim that has it"
                )
                # A cited id that is unknown, or a cited claim whose quotes did not anchor, is the cause.
                gaps = evidence_gaps(b, None, list(u.cites))
                out.append(Diagnostic(page.path, u.line, u.col, "number-unsupported-on-page", why, follows_from=gaps))
    return out
