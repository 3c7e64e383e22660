"""The checks of the site's hand-written pages: no template code, known ids, every claim shown,
and on the briefing's own pages every statement cited and every number in it supported.

The build renders pages with mkdocs-macros, which runs each page as an unrestricted Jinja
template: the template check is what keeps a pull request that edits a page from running code.
It runs in `define_env`, before any page is rendered, and the build stops on any error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefing import pagetext
from briefing.diagnostics import Diagnostic, evidence_key, meant_key, mention_key, record_key, ref_key
from briefing.inventory import FILE_NAME, FRONT_MATTER
from briefing.model import JUDGMENT_KINDS, KINDS, Briefing, Page
from briefing.pages import (
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
    read_page,
    setup_of,
    statement_verb,
    template_problems,
)
from briefing.rules import bound
from briefing.rules.base import Report
from briefing.rules.fields import source_keys
from briefing.rules.front_matter import ALLOWED_KEYS, check_front_matter
from briefing.rules.markup import title_is_markup
from briefing.rules.references import unknown, unknown_keys, withdrawn_of
from briefing.rules.support import NameIndex, evidence_gaps
from briefing.suggest import closest, closest_or_valid

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
    setup = setup_of(b.inventory)
    starts = b.inventory.template_starts if b.inventory is not None else ("{{", "{%", "{#")
    reader = _Reader(b, bound.Evidence(b), NameIndex.of(b), starts)
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
        calls = macro_calls(page)
        for call in calls:
            out.extend(_argument_problems(b, page, call, tables))
            if call.name in CLAIM_ID_MACROS:
                seen.update(str(cid) for cid in call.args if isinstance(cid, str) and cid in b.claims)
            elif call.name in LISTING_MACROS and call.args:
                fld, value = LISTING_MACROS[call.name], call.args[0]
                if call.name not in CATALOGUE_MACROS:
                    # Which claims a listing shows, indexed once (`Shown`): a page per topic must
                    # not mean a pass over every claim per page (claims x pages).
                    seen.update(reader.shown.listed(fld, value))
            elif call.name == "key_judgments":
                seen.update(cid for j in b.judgments.values() for cid in j.rests_on)
            elif call.name == "open_questions":
                seen.update(cid for q in b.questions.values() for cid in q.related_claims)
            elif call.name == "timeline":
                seen.update(c.id for c in b.claims.values() if c.date is not None)
            # all_claims and claims_by_kind list every claim by construction: they show none.
        if not page.generated:
            try:
                reading = read_page(page, setup)
            except RecursionError:
                continue  # `page-too-complex` (the markup rule): nothing of it is built
            out.extend(reader.page(page, reading, reader.shown.of([pagetext.Call(c.name, c.args, 0, 0) for c in calls])))
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


class _AnyTagLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags: read them as null, never construct them.
    (libyaml's parser where the wheel has it: the pure-Python one took a tenth of this rule's time.)"""


_AnyTagLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


# -- what the reader reads -------------------------------------------------------------------------------

# Gaps between a page's text and its evidence, by rule: the code each is reported with.
# The meaning rules' codes are kept (content-word-unsupported, modality-unsupported …); a figure in
# digits and a name are the page's own.
_PAGE_CODES = {
    "number-unsupported": "number-unsupported-on-page",
    bound.NAME: "name-unsupported-on-page",
    bound.NEGATION: "negation-mismatch",
    bound.NEGATION_DROPPED: "negation-mismatch",
    bound.REFUSAL: "negation-mismatch",
}


class Shown:
    """Which claims macro calls show on a page: cited, listed by topic or entity, behind the key
    judgments or the open questions, on the timeline (not the catalogues of every claim). The
    listings are indexed once: a page per topic must not mean a pass over every claim per page."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self._index: dict[str, dict[object, set[str]]] = {}
        self._all: dict[str, set[str]] = {}

    def listed(self, fld: str, value: object) -> set[str]:
        if fld not in self._index:
            index: dict[object, set[str]] = {}
            for c in self.b.claims.values():
                for k in c.topics if fld == "topics" else [*c.entities, c.speaker] if fld == "entities" else [c.kind]:
                    index.setdefault(k, set()).add(c.id)
            self._index[fld] = index
        return self._index[fld].get(value, set())

    def _every(self, name: str) -> set[str]:
        if name not in self._all:
            b = self.b
            if name == "key_judgments":
                self._all[name] = {cid for j in b.judgments.values() for cid in j.rests_on}
            elif name == "open_questions":
                self._all[name] = {cid for q in b.questions.values() for cid in q.related_claims}
            else:
                self._all[name] = {c.id for c in b.claims.values() if c.date is not None}
        return self._all[name]

    def of(self, calls: list[pagetext.Call] | tuple[pagetext.Call, ...]) -> set[str]:
        out: set[str] = set()
        for call in calls:
            if call.name in CLAIM_ID_MACROS:
                out.update(str(cid) for cid in call.args if isinstance(cid, str) and cid in self.b.claims)
            elif call.name in LISTING_MACROS and call.name not in CATALOGUE_MACROS and call.args:
                out |= self.listed(LISTING_MACROS[call.name], call.args[0])
            elif call.name in ("key_judgments", "open_questions", "timeline"):
                out |= self._every(call.name)
        return out


def _words(text: str) -> str:
    return " ".join(text.split()[:8])


class _Reader:
    """Holds every unit a page's reader reads to its evidence (`rules.bound`)."""

    def __init__(self, b: Briefing, evidence: bound.Evidence, names: NameIndex, template_starts: tuple[str, ...]) -> None:
        self.b = b
        self.evidence = evidence
        self.names = names
        self.template_starts = template_starts
        self.shown = Shown(b)
        # The cited ids of the page being read that are not loaded claims: a label or the front
        # matter, held to every claim the page shows, may miss words only those claims give.
        self._unknown_cited: tuple[str, ...] = ()
        # Records that did not load: a page-wide text (a title, a description, a heading over a
        # listing) is held to what the page shows, which a broken record drops out of.
        self._unloaded_keys: tuple[str, ...] | None = None

    @property
    def _unloaded(self) -> tuple[str, ...]:
        """The record files that did not load, as causes; listed only when a gap needs them (a
        listing of every record file costs more than most pages' checks)."""
        if self._unloaded_keys is None:
            b = self.b
            loaded = {"claims": b.claims, "entities": b.entities, "topics": b.topics, "judgments": b.judgments, "questions": b.questions}
            keys = []
            for kind, have in loaded.items():
                try:
                    with os.scandir(Path(b.root, "facts", kind)) as it:
                        names = sorted(e.name for e in it if e.name.endswith(".yml"))
                except OSError:
                    names = []
                keys += [record_key(f"facts/{kind}/{n}") for n in names if n[: -len(".yml")] not in have]
            self._unloaded_keys = tuple(keys)
        return self._unloaded_keys

    def _templated(self, text: str) -> bool:
        """Text holding template syntax other than a macro call: `page-template` reports it, and
        the build renders nothing of the page, so its words are not read as prose."""
        return any(s in text for s in self.template_starts)

    def page(self, page: Page, reading: pagetext.PageText, shows: set[str]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        explanatory = not is_narrative(page)
        opted_out = page.front_matter.get("prose") == "explanatory"
        # A title holding markup is reported once (`title-markup`), its words not judged too.
        title_refused = title_is_markup(page)
        # (`set - dict.keys()` would walk every claim of the briefing, once per page.)
        claims = self.b.claims
        self._unknown_cited = tuple(ref_key("claim", c) for c in sorted({c for u in reading.units for c in u.cites if c not in claims}))
        for u in reading.units:
            if u.kind == pagetext.MACRO or u.refused or self._templated(u.raw):
                continue
            if title_refused and u.kind == pagetext.LABEL and u.level == 1:
                continue
            what = _what(u)
            if explanatory or u.explanatory:
                out.extend(self._facts(page, u.line, u.col, u.text, what, explanatory))
                continue
            if u.kind == pagetext.LABEL or (u.kind == pagetext.ATTRIBUTE and u.owner is not None and u.owner.kind == pagetext.LABEL):
                label = u.owner if u.kind == pagetext.ATTRIBUTE and u.owner is not None else u
                ids = set(u.cites) or (shows if label.level == 1 else set(label.section) | self.shown.of(label.section_calls))
                verb = statement_verb(u.text) if u.kind == pagetext.LABEL and not u.cites else None
                if verb:
                    why = (
                        f"the {what} {_words(u.text)!r} states something ({verb!r} is a verb) but cites no claim; make it a label "
                        'without a verb (e.g. "The offer"), or say it in a cited sentence below'
                    )
                    out.append(Diagnostic(page.path, u.line, u.col, "uncited-sentence", why))
                    continue
                out.extend(self._bound(page, u.line, u.col, u.text, what, ids, negations=(), whose="the claims the page shows" if label.level == 1 and not u.cites else "the claims under it", label=True))
                continue
            if u.kind == pagetext.ATTRIBUTE and u.owner is not None and not u.cites:
                continue  # its sentence cites nothing: that is reported once, on the sentence
            if not u.cites:
                out.append(Diagnostic(page.path, u.line, u.col, "uncited-sentence", _uncited(u, what, opted_out)))
                continue
            whose = "the claims its sentence cites" if u.kind == pagetext.ATTRIBUTE else "the claims it cites"
            said = self.evidence.statements(u.cites)
            out.extend(self._bound(page, u.line, u.col, u.text, what, set(u.cites), negations=said, whose=whose, hedged=said))
        out.extend(self._front_matter(page, reading, shows, explanatory, title_refused))
        return out

    def _front_matter(
        self, page: Page, reading: pagetext.PageText, shows: set[str], explanatory: bool, title_refused: bool
    ) -> list[Diagnostic]:
        """The page's title (unless it is its first heading, read there, or the nav's, which is
        code), description and tags: what the navigation, search results and link previews show."""
        texts: list[tuple[int, int, str, str]] = []
        located = page.front_located
        # A value the front-matter rules refuse is reported there (one error per cause).
        fm = {k: v for k, v in page.front_matter.items() if k in ALLOWED_KEYS and ALLOWED_KEYS[k](v) is None}
        if title_refused:
            pass
        elif page.title_from == FILE_NAME or ((page.title_from == FRONT_MATTER and "title" in fm) and isinstance(page.title, str)):
            line, col = located.where(("title",)) if page.title_from == FRONT_MATTER and located is not None else (1, 1)
            texts.append((line, col, page.title, "page title" if page.title_from == FRONT_MATTER else "page title (from the file name)"))
        if isinstance(fm.get("description"), str) and located is not None:
            texts.append((*located.where(("description",)), fm["description"], "page description"))
        if isinstance(fm.get("tags"), list) and located is not None:
            texts.extend((*located.where(("tags", i)), t, "tag") for i, t in enumerate(fm["tags"]) if isinstance(t, str))
        out: list[Diagnostic] = []
        for line, col, text, what in texts:
            if self._templated(text):
                continue
            if explanatory:
                out.extend(self._facts(page, line, col, text, what, True))
            else:
                # A tag is a label; the title and description say what the page says, word for word
                # (the site's names for its parts aside: `vocabulary.SITE_WORDS`).
                out.extend(self._bound(page, line, col, text, what, shows, negations=(), whose="the claims the page shows", label=what == "tag", site=True))
        return out

    def _bound(
        self,
        page: Page,
        line: int,
        col: int,
        text: str,
        what: str,
        ids: set[str],
        negations: tuple[str, ...],
        whose: str,
        hedged: tuple[str, ...] | None = None,
        label: bool = False,
        site: bool = False,
    ) -> list[Diagnostic]:
        # With no claim under it, a label is held to nothing: it may name no one and give no figure.
        # A label (a heading, an admonition title, a table header, a tag) names the part it heads in
        # the site's words ("Bottom line"): it gives no figure, name, negation or word of certainty
        # its claims lack; a sentence, and the page's title and description, say no more than
        # their claims in every word.
        rules = (bound.FACTS | {bound.NEGATION, bound.REFUSAL, bound.MODALITY} if label else bound.EVERY) if ids else bound.FACTS | {bound.NEGATION, bound.REFUSAL}
        # The sources' titles are read only for content words (a framing verb's subject): a label
        # of a topic's page, held to every claim it lists, does not gather them.
        titles = self.evidence.sources(ids) if bound.WORDS in rules else frozenset()
        found = bound.gaps(self.b, text, (lambda: self.evidence.of(ids)) if ids else "", self.names, negations, rules, hedged, titles, site)
        out: list[Diagnostic] = []
        if not found:
            return out
        # A cited claim that is unknown, did not anchor or is itself wrong is the cause to fix first.
        gaps_of = (
            *evidence_gaps(self.b, None, list(ids)),
            *(evidence_key(self.b.claims[c].path) for c in ids if c in self.b.claims),
            *source_keys(self.b, None, ids),
            *((*self._unknown_cited, *self._unloaded) if (label or site) and ids else ()),
        )
        claims = ", ".join(sorted(ids)) if len(ids) <= 4 else f"{len(ids)} claims"
        for gap in found:
            code = _PAGE_CODES.get(gap.code or gap.rule, gap.code)
            if not ids:
                why = (
                    f"the {what} {_words(text)!r}… says {bound.describe(gap, self.b)} but no claim is cited under it; "
                    "write it as a label that states nothing of the story, or cite the claim that says it"
                )
            elif gap.rule == bound.NEGATION_DROPPED:
                why = f"the {what} {_words(text)!r}… drops {bound.describe(gap, self.b)} of a claim it cites ({claims}); say it as the claim does"
            elif gap.message:  # a meaning rule's own message, about this text and the claims' words
                why = f"{bound.told(gap, what)} ({whose}: {claims})"
            else:
                why = (
                    f"the {what} {_words(text)!r}… says {bound.describe(gap, self.b)}, which {whose} ({claims}) do not, in their "
                    "statements or cited words; say only what they say, or cite the claim that says it"
                )
            out.append(Diagnostic(page.path, line, col, code, why, follows_from=gaps_of))
        return out

    def _facts(self, page: Page, line: int, col: int, text: str, what: str, explanatory_page: bool) -> list[Diagnostic]:
        out = []
        for gap in bound.facts(self.b, text, self.names):
            if explanatory_page:
                why = (
                    f"the {what} {_words(text)!r}… is on a page that explains the site, which may state nothing of the story, "
                    f"but it says {bound.describe(gap, self.b)}; say it on a briefing page, in a cited sentence"
                )
                out.append(Diagnostic(page.path, line, col, "explanatory-page-facts", why))
            else:
                why = (
                    f"an '!!! about' block explains the site and may say nothing of the story, but {_words(text)!r}… has "
                    f"{bound.describe(gap, self.b)}; say it in a cited sentence outside the block"
                )
                out.append(Diagnostic(page.path, line, col, "about-block-facts", why))
        return out


def _what(u: pagetext.Unit) -> str:
    if u.kind == pagetext.ROW:
        return "table row"
    if u.kind == pagetext.CODE:
        return "code block"
    if u.kind == pagetext.ATTRIBUTE:
        return "alt text" if u.shown_as == pagetext.ALT_TEXT else "title= text"
    return u.shown_as


def _uncited(u: pagetext.Unit, what: str, opted_out: bool) -> str:
    if u.kind == pagetext.ROW:
        return f'the table row {_words(u.text)!r}… cites no claim; put {{{{ cite("claim-id") }}}} in one of its cells'
    if u.kind == pagetext.CODE:
        return (
            f"the code block {_words(u.text)!r}… is text a reader sees, and a code block cannot cite a claim; "
            "write it as a cited sentence, or put text that only explains the site in an '!!! about' block"
        )
    if u.kind == pagetext.ATTRIBUTE:
        return f"the {what} {_words(u.text)!r}… belongs to no sentence that cites a claim; give it a cited sentence, or remove it"
    why = f'{what} {_words(u.text)!r}… cites no claim; add {{{{ cite("claim-id") }}}}'
    if opted_out:
        return why + f"; 'prose: explanatory' has no effect here: only {', '.join(sorted(EXPLANATORY_PAGES))} explain the site"
    return why + ", or put text that only explains the site in an '!!! about' block"
