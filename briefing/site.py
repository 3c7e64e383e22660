"""The site's view of a checked briefing: macro functions, generated pages, exports.

Independent of MkDocs: `macros.py` wires these into mkdocs-macros, and any other renderer
(Zensical, a test) can call them the same way.
"""

from __future__ import annotations

import html
import os
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import citetool, exports, history, jsonld, render, verify
from briefing import diagnostics as dg
from briefing.inventory import Inventory, page_digest
from briefing.model import JUDGMENT_KINDS, KIND_LABELS, KINDS, Briefing, Citation, Claim, Entity, Judgment, Source
from briefing.normalise import NORMALISATION_RULES, NORMALISATION_VERSION
from briefing.pages import GENERATED_DIRS, GENERATED_MARK
from briefing.rules import CHECKS, Report
from briefing.rules.support import OVERRIDES, overrides_of
from briefing.suggest import closest


class MacroError(Exception):
    """A page used a macro wrongly (unknown id, wrong argument); fails the build."""


@dataclass(repr=False)
class Site:
    root: Path
    briefing: Briefing
    report: Report
    diagnostics: list[dg.Diagnostic]
    repo_edit_base: str = ""  # e.g. https://github.com/o/r/edit/main/
    site_url: str = ""
    page_path: str = ""
    ctx: render.PageContext = field(default_factory=render.PageContext)
    site_name: str = ""
    _history: history.History | None = field(default=None, repr=False)
    _generated_calls: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)  # page -> (macro, id)
    _generated: dict[str, str] | None = field(default=None, repr=False)  # generated_pages(), made once
    _approved: dict[str, str] | None = field(default=None, repr=False)  # page -> digest of the text checked (see `approve`)
    _links: _Links | None = field(default=None, repr=False)
    _page_claims: set[str] = field(default_factory=set, repr=False)  # claims this page lists or highlights without citing
    _cite_entities: tuple[list[Entity], tuple[Any, ...]] | None = field(default=None, repr=False)  # for "Cite this passage"
    _commit: str | None = field(default=None, repr=False)  # see `commit`

    def __repr__(self) -> str:
        # Short on purpose: mkdocs-macros logs str() of every registered macro, a bound method of
        # this object, on every build; the generated repr spelled out the whole briefing (seconds).
        return f"Site({str(self.root)!r}, {len(self.briefing.claims)} claims)"

    # -- construction ------------------------------------------------------------------------------
    @classmethod
    def load(
        cls, root: Path, repo_edit_base: str = "", site_url: str = "", site_name: str = "", inventory: Inventory | None = None
    ) -> Site:
        done = verify.check(root, inventory=inventory)
        return cls(root, done.briefing, done.report, done.diagnostics, repo_edit_base, site_url, site_name=site_name)

    @property
    def history(self) -> history.History:
        """Every claim's history from git, read once per build (unavailable without git history)."""
        if self._history is None:
            self._history = history.compute(self.root)
        return self._history

    def withdrawn(self) -> dict[str, history.Event]:
        return self.history.withdrawn(self.briefing.claims)

    @property
    def links(self) -> _Links:
        """Who cites, names and rests on what, indexed once: each page looks its claims up instead
        of scanning every claim (that scan, per page, grew with claims times pages)."""
        if self._links is None:
            self._links = _Links.of(self.briefing)
        return self._links

    @property
    def commit(self) -> str:
        """The commit the site is built from (`build_commit`), asked of git once per build."""
        if self._commit is None:
            self._commit = build_commit(self.root)
        return self._commit

    @property
    def cite_entities(self) -> tuple[list[Entity], tuple[Any, ...]]:
        """The entities "Cite this passage" offers, and its key of their names, made once per build."""
        if self._cite_entities is None:
            ents = sorted(self.briefing.entities.values(), key=lambda e: e.id)
            self._cite_entities = (ents, citetool.names_key(ents))
        return self._cite_entities

    @property
    def errors(self) -> list[dg.Diagnostic]:
        return dg.errors(self.diagnostics)

    # -- per page ----------------------------------------------------------------------------------
    def begin_page(self, url: str, src_path: str) -> None:
        depth = len([p for p in url.strip("/").split("/") if p]) if url not in ("", "/", "index.html") else 0
        if url.endswith(".html") and not url.endswith("index.html"):
            depth -= 1
        self.ctx = render.PageContext(base="../" * max(depth, 0))
        self.page_path = src_path
        self._page_claims = set()

    def end_page(self) -> str:
        return "".join(self.end_page_parts())

    def end_page_parts(self) -> tuple[str, str]:
        """What ends the page, in two blocks: the notes of its citations, and its footer."""
        return render.notes(self.briefing, self.ctx), self.page_footer()

    def page_footer(self) -> str:
        """'Last verified': the build commit's date and the number of claims this page shows:
        those it cites (markers) and those it lists, counts or highlights without a marker."""
        # Each id looked up, not the set of all ids: the preview reuses a page while what it read is the same.
        claims = self.briefing.claims
        shown = {c.id for note in self.ctx.notes for c in note.claims} | {c for c in self._page_claims if c in claims}
        return render.verified_footer(self.ctx, self.history.build, len(shown), len(self.briefing.claims))

    # -- lookups with helpful failures ------------------------------------------------------------
    def _claim(self, cid: Any) -> Claim:
        if not isinstance(cid, str) or cid not in self.briefing.claims:
            raise MacroError(f"{self.page_path}: unknown claim {cid!r}{closest(str(cid), self.briefing.claims)}")
        return self.briefing.claims[cid]

    def _need(self, table: dict[str, Any], key: Any, what: str) -> Any:
        if not isinstance(key, str) or key not in table:
            raise MacroError(f"{self.page_path}: unknown {what} {key!r}{closest(str(key), table)}")
        return table[key]

    def _sorted(self, claims: list[Claim]) -> list[Claim]:
        order = {k: i for i, k in enumerate(KINDS)}
        return sorted(claims, key=lambda c: (order[c.kind], c.date.sort_key() if c.date else "", c.id))

    # -- macros ------------------------------------------------------------------------------------
    def cite(self, *ids: str) -> str:
        if not ids:
            raise MacroError(f"{self.page_path}: cite() needs at least one claim id")
        return render.cite(self.briefing, self.ctx, [self._claim(i) for i in ids])

    def claim(self, cid: str) -> str:
        return render.claim_inline(self.briefing, self.ctx, self._claim(cid))

    def claim_card(self, cid: str) -> str:
        c = self._claim(cid)
        return render.claim_card(self.briefing, self.ctx, c) + render.edit_link(self.repo_edit_base, c.path)

    def claims_by_topic(self, tid: str) -> str:
        self._need(self.briefing.topics, tid, "topic")
        return render.claim_list(self.briefing, self.ctx, self._sorted(self.links.by_topic.get(tid, [])))

    def claims_by_entity(self, eid: str) -> str:
        self._need(self.briefing.entities, eid, "entity")
        return render.claim_list(self.briefing, self.ctx, self._sorted(self.links.by_entity.get(eid, [])))

    def claims_by_kind(self, kind: str) -> str:
        if kind not in KINDS:
            raise MacroError(f"{self.page_path}: unknown kind {kind!r}{closest(str(kind), KINDS)}")
        return render.claim_list(self.briefing, self.ctx, self._sorted(self.links.by_kind.get(kind, [])))

    def all_claims(self) -> str:
        return render.claim_list(self.briefing, self.ctx, self._sorted(list(self.briefing.claims.values())))

    def key_judgments(self, kind: str = "") -> str:
        """The key judgments of one kind ("finding" or "assessment"), or all of them."""
        if kind and kind not in JUDGMENT_KINDS:
            raise MacroError(f"{self.page_path}: unknown judgment kind {kind!r}{closest(str(kind), JUDGMENT_KINDS)}")
        items = sorted((j for j in self.briefing.judgments.values() if not kind or j.kind == kind), key=lambda j: (j.order, j.id))
        return render.judgments(self.briefing, self.ctx, items, kind)

    def open_questions(self) -> str:
        items = sorted(self.briefing.questions.values(), key=lambda q: (q.order, q.id))
        return render.questions(self.briefing, self.ctx, items)

    def timeline(self) -> str:
        return render.timeline(self.briefing, self.ctx, list(self.briefing.claims.values()))

    def estimative_scale(self) -> str:
        return render.scale_table() + render.confidence_table()

    def normalisation_rules(self) -> str:
        items = "".join(f"<li>{_code_points(r)}</li>" for r in NORMALISATION_RULES)
        return f'<p class="bf-rules-version">Normalisation version <strong>{NORMALISATION_VERSION}</strong>:</p><ol class="bf-rules">{items}</ol>'

    def kinds_table(self) -> str:
        from briefing.model import KIND_HELP, KIND_LABELS

        rows = "".join(
            f'<tr><td><span class="bf-kind bf-kind--{k}">{render.esc(KIND_LABELS[k])}</span></td><td>{render.esc(KIND_HELP[k])}</td>'
            f"<td>{sum(1 for c in self.briefing.claims.values() if c.kind == k)}</td></tr>"
            for k in KINDS
        )
        self._page_claims.update(self.briefing.claims)  # the counts rest on every claim
        return f'<table class="bf-kinds"><thead><tr><th scope="col">Kind</th><th scope="col">Meaning</th><th scope="col">Claims</th></tr></thead><tbody>{rows}</tbody></table>'

    def entity_index(self) -> str:
        counts: dict[str, int] = {}
        for c in self.briefing.claims.values():
            for e in {*c.entities, c.speaker, c.relayed_by} - {None}:
                counts[str(e)] = counts.get(str(e), 0) + 1
                self._page_claims.add(c.id)  # counted on this page
        return render.entity_index(self.ctx, list(self.briefing.entities.values()), counts)

    def topic_index(self) -> str:
        items = "".join(
            f'<li><a href="{render.attr(self.ctx.url(f"topics/{t.id}/"))}">{render.esc(t.name)}</a>: {render.esc(t.description)}</li>'
            for t in sorted(self.briefing.topics.values(), key=lambda t: t.name.casefold())
        )
        return f'<ul class="bf-topics">{items}</ul>'

    def source_index(self) -> str:
        items = "".join(
            f'<li><a href="{render.attr(self.ctx.url(f"source/{s.id}/"))}">{render.esc(s.title)}</a> — {render.esc(s.publisher)}</li>'
            for s in sorted(self.briefing.sources.values(), key=lambda s: s.id)
        )
        return f'<ul class="bf-sources">{items}</ul>'

    def entity_page(self, eid: str) -> str:
        e = self._need(self.briefing.entities, eid, "entity")
        heading = f'<h2 class="bf-entity-claims" id="claims">Claims that name {render.esc(e.name)}</h2>'
        return render.entity_header(e) + heading + self.claims_by_entity(eid)

    def claim_page(self, cid: str) -> str:
        c = self._claim(cid)
        topics = ", ".join(
            f'<a href="{render.attr(self.ctx.url(f"topics/{t}/"))}">{render.esc(self.briefing.topics[t].name)}</a>'
            for t in c.topics
            if t in self.briefing.topics
        )
        ents = ", ".join(
            f'<a href="{render.attr(self.ctx.url(f"entities/{e}/"))}">{render.esc(self.briefing.entities[e].name)}</a>'
            for e in c.entities
            if e in self.briefing.entities
        )
        used_by = self.links.judgments_on.get(cid, [])
        deps = self.links.inferences_on.get(cid, [])
        extra = ""
        if used_by:
            extra += (
                '<p class="bf-claim-judgments"><strong>Key judgments resting on it:</strong> '
                + "; ".join(
                    f'<a href="{render.attr(self.ctx.url("") + "#judgment-" + j.id)}">{render.esc(j.statement)}</a>' for j in used_by
                )
                + "</p>"
            )
        if deps:
            extra += (
                '<p class="bf-claim-inferences"><strong>Inferences resting on it:</strong> '
                + "; ".join(f'<a href="{render.attr(render.claim_url(self.ctx, d.id))}">{render.esc(d.statement)}</a>' for d in deps)
                + "</p>"
            )
        exceptions = overrides_of(c)
        if exceptions:
            extra += (
                '<div class="bf-exceptions admonition warning"><p class="admonition-title">Exception to the checks</p>'
                + "".join(
                    f"<p><code>{render.esc(key)}</code> excuses <code>{render.esc(' / '.join(codes))}</code>: {render.esc(reason)}</p>"
                    for key, reason, codes in exceptions
                )
                + "</div>"
            )
        h = self.history
        events = h.of(cid) if h.available else []
        permalink = self._permalink(cid)
        cite_as = (
            f'<p class="bf-permalink"><strong>Permalink:</strong> <a href="{render.attr(permalink)}">{render.esc(permalink)}</a> '
            "(stays the same however the site is reorganised)</p>"
        )
        data = jsonld.claim_jsonld(self.briefing, c, permalink, self.site_name, self.site_url, events)
        return (
            render.claim_card(self.briefing, self.ctx, c, heading="p")
            + f'<p class="bf-claim-meta"><strong>Topics:</strong> {topics or "none"}. <strong>Names:</strong> {ents or "none"}. '
            f"<strong>Id:</strong> <code>{render.esc(c.id)}</code></p>"
            + extra
            + cite_as
            + render.edit_link(self.repo_edit_base, c.path)
            + render.history_section(self.briefing, self.ctx, events, "" if h.available else h.reason)
            # JSON-LD as a raw HTML block of its own (blank lines around it), escaped so no text closes it.
            + "\n\n"
            + jsonld.script(data)
            + "\n\n"
        )

    def _permalink(self, cid: str) -> str:
        return f"{self.site_url}claims/{cid}/" if self.site_url else render.claim_url(self.ctx, cid)

    def withdrawn_claim_page(self, cid: str) -> str:
        withdrawn = self.withdrawn()
        if not isinstance(cid, str) or cid not in withdrawn:
            raise MacroError(f"{self.page_path}: {cid!r} is not a withdrawn claim{closest(str(cid), withdrawn)}")
        return render.withdrawn_claim(self.briefing, self.ctx, withdrawn[cid], self.history.of(cid))

    def _unavailable(self) -> str:
        return "" if self.history.available else self.history.reason

    def corrections_log(self) -> str:
        """Every change that altered what a claim or key judgment says or cites, newest first (typo fixes apart)."""
        events = [e for e in self.history.corrections() if not e.typo]
        self._page_claims.update(e.claim_id for e in events if e.record == "claim")
        return render.corrections_list(
            self.briefing, self.ctx, events, self._unavailable(), "No claim has been corrected or withdrawn yet."
        )

    def typo_fixes(self) -> str:
        events = [e for e in self.history.corrections() if e.typo]
        self._page_claims.update(e.claim_id for e in events if e.record == "claim")
        return render.corrections_list(self.briefing, self.ctx, events, self._unavailable(), "No typo fixes yet.")

    def withdrawn_claims(self) -> str:
        return render.withdrawn_list(self.ctx, self.withdrawn(), self._unavailable())

    def corrections_summary(self) -> str:
        h = self.history
        if not h.available:
            return f'<p class="bf-history-unavailable">The history is unavailable in this build: {render.esc(h.reason)}.</p>'
        evs = h.corrections()
        n = {k: sum(1 for e in evs if e.kind == k and not e.typo) for k in ("corrected", "withdrawn", "restored")}
        typos = sum(1 for e in evs if e.typo)
        return (
            f'<p class="bf-corrections-summary"><strong>{n["corrected"]}</strong> correction{"s" if n["corrected"] != 1 else ""}, '
            f"<strong>{n['withdrawn']}</strong> withdrawal{'s' if n['withdrawn'] != 1 else ''}"
            + (f", <strong>{n['restored']}</strong> restored" if n["restored"] else "")
            + f" and <strong>{typos}</strong> typo fix{'es' if typos != 1 else ''} since the first claim was published.</p>"
        )

    def source_page(self, sid: str) -> str:
        src = self._need(self.briefing.sources, sid, "source")
        citing = [(c, cit) for c, cit in self.links.citing.get(sid, []) if cit.span is not None]
        citing.sort(key=lambda p: (p[1].span.start, p[1].span.end, p[0].id))  # type: ignore[union-attr]
        # Open questions quote the source too and link to the same #s-START-END anchors.
        quoted = [
            (q, cit)
            for q in sorted(self.briefing.questions.values(), key=lambda q: (q.order, q.id))
            for cit in q.citations
            if cit.source == sid and cit.span is not None
        ]
        self._page_claims.update(c.id for c, _ in citing)  # highlighted and listed, without markers
        return (
            render.source_meta(src, self.report.coverage.get(sid))
            + '<h2 class="bf-source-part" id="text">The stored text</h2>'
            + '<p class="bf-source-help">Every highlighted passage is a link to its entry below, which names the claims citing it; '
            "the stronger the shading, the more passages overlap there. Struck-through words are not claims of the article.</p>"
            + render.source_text(self.briefing, self.ctx, src, citing, quoted)
            + self._cite_tool(src)
            + '<h2 class="bf-source-part" id="passages">Cited passages and the claims citing them</h2>'
            + render.source_passages(self.briefing, self.ctx, src, citing, quoted)
        )

    def _cite_tool(self, src: Source) -> str:
        """"Cite this passage" under the text: the citation block and claim file for selected words."""
        data = citetool.page_data(src, *self.cite_entities)
        if data is None:
            return ""
        topics = sorted(((t.id, t.name) for t in self.briefing.topics.values()), key=lambda t: (t[1].casefold(), t[0]))
        return citetool.html(src, data, topics, citetool.new_file_base(self.repo_edit_base))

    def check_results(self) -> list[tuple[str, list[dg.Diagnostic]]]:
        """Each check's own findings, for the verification page: as the check ran them, or, for a
        report made otherwise, run again one at a time on a fresh report."""
        by_check = self.report.by_check
        return [(name, by_check[name] if name in by_check else fn(self.briefing, Report())) for name, fn in CHECKS]

    def check_rows(self) -> list[tuple[str, str, str]]:
        """(check, what it checked, its result) for each check, from the records and the report."""
        b, r = self.briefing, self.report
        claim_cits = [cit for c in b.claims.values() for cit in c.citations]
        question_cits = [cit for q in b.questions.values() for cit in q.citations]
        not_claims = [nc for s in b.sources.values() for nc in s.not_claims]
        unanchored = sum(1 for cit in [*claim_cits, *question_cits] if cit.span is None)
        found = dict(self.check_results())

        def result(name: str, failed: str) -> str:
            errors = [d for d in found.get(name, []) if d.severity == "error"]
            warnings = [d for d in found.get(name, []) if d.severity == "warning"]
            text = f"{len(errors)} {failed}"
            if warnings:
                codes = ", ".join(sorted({d.code for d in warnings}))
                text += f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''} ({codes})"
            return text

        records = sum(len(t) for t in (b.sources, b.claims, b.entities, b.topics, b.judgments, b.questions))
        speakers = sum(1 for c in b.claims.values() for v in (c.speaker, c.relayed_by) if v)
        topics = sum(len(c.topics) for c in b.claims.values())
        entities = sum(len(c.entities) for c in b.claims.values())
        based_on = sum(len(c.based_on) for c in b.claims.values())
        rests_on = sum(len(j.rests_on) for j in b.judgments.values())
        related = sum(len(q.related_claims) for q in b.questions.values())
        covered = sum(c for c, _ in r.coverage.values())
        total = sum(t for _, t in r.coverage.values())
        narrative = b.pages  # the loader reads hand-written pages only

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        rows = {
            "anchoring": (
                f"{n(len(claim_cits) + len(question_cits), 'citation')} ({len(claim_cits)} in claims, {len(question_cits)} in open "
                f"questions), each found exactly once in its stored source; and {n(len(not_claims), 'passage')} set aside as not "
                f"claims. {len(claim_cits) + len(question_cits) - unanchored} anchored.",
                "failed",
            ),
            "source integrity": (f"{n(len(b.sources), 'stored source')}, byte for byte against its recorded sha256.", "mismatched"),
            "stored sources": (
                f"{n(r.counts.get('stored sources compared with the base', 0), 'stored source file')} the base branch already "
                "held, byte for byte as there, in the working tree and in every commit since: a source is added, never changed.",
                "changed",
            ),
            "references": (
                f"{n(topics + entities + based_on + speakers + rests_on + related, 'reference')} resolved: claims' {topics} topics, "
                f"{entities} entities, {speakers} speakers and relayers and {based_on} claims they rest on; {rests_on} claims the "
                f"key judgments rest on; {related} claims the open questions relate to.",
                "unknown",
            ),
            "support": (
                f"{n(len(b.claims), 'claim')}: every word, number and quantity of their statements, the {entities} entities they "
                f"list and every entity their statements name, their negations, hedges and words of certainty, who does what to "
                f"whom, their speakers and relayers (as their cited sentences attribute the words), their kind (no guess filed as "
                f"reported, no passage set aside as not a claim cited) and their dates are in their cited words (an inference: "
                f"in the claims it rests on or its basis); no quote begins after a negation or hedge that governs it, and two "
                f"citations of one sentence skip nothing an ellipsis may not; dates are resolved only by inferences, from words "
                f"they cite; no statement is its quote copied; the numbers of {n(len(b.judgments), 'key judgment')}.",
                "unsupported",
            ),
            "judgments": (
                f"{n(len(b.judgments), 'key judgment')}: findings ({sum(1 for j in b.judgments.values() if j.kind == 'finding')}) "
                "carry no probability, as a label or in words; each assessment says its likelihood with its label only.",
                "problems",
            ),
            "coverage": (
                f"{covered} of {n(total, 'sentence')} of the {n(len(r.coverage), 'source')} cited by some claim; "
                f"{n(len(not_claims), 'passage')} set aside as not claims, each with its reason.",
                "uncited",
            ),
            "script": (
                f"every text of {n(len(b.claims) + len(b.entities) + len(b.topics) + len(b.judgments) + len(b.questions) + len(b.sources), 'record')} "
                f"and {n(len(narrative), 'hand-written page')}: Unicode NFC, no bidirectional controls, invisible or private-use "
                "characters, no word mixing scripts or written in look-alike letters; the stored source texts are only reported.",
                "refused",
            ),
            "pages": (
                f"{n(len(narrative), 'hand-written page')}, read as the build renders them: every id a macro names exists, every "
                "sentence, row, heading, title and description of the briefing's pages says no more than the claims it cites or "
                "heads, text that explains the site states no fact of the story, and no markup hides or adds words; "
                f"{len(r.shown_claims)} of {len(b.claims)} claims shown on some page.",
                "problems",
            ),
            "reader-facing fields": (
                f"{n(r.counts.get('reader-facing fields checked', 0), 'text')} of the records a reader sees besides claims' "
                "statements (key judgments, open questions, entity and topic names and descriptions, notes, bases, ids, source "
                "metadata): each names nothing and gives no number its evidence lacks.",
                "unsupported",
            ),
            "site files": (
                f"{n(r.counts.get('site files checked', 0), 'file')} the build reads, listed by MkDocs itself: pages only, no "
                "links, no unsafe names, nothing hand-written among the generated pages, no two written to the same place; "
                "each page is rendered only if its text is the text checked.",
                "problems",
            ),
            "line breaks": (
                f"every text of the {n(records, 'record')} and {n(len(narrative), 'page')} that runs over several lines: no line "
                "ends in a hyphenated word cut in two, which readers would see as two words.",
                "broken words",
            ),
        }
        out = []
        for name, _ in CHECKS:
            what, failed = rows.get(name, ("", "problems"))
            out.append((name, what, result(name, failed)))
        return out

    def verification_report(self) -> str:
        b, r = self.briefing, self.report
        rows = "".join(
            f'<tr id="check-{render.attr(name.replace(" ", "-"))}"><th scope="row">{render.esc(name)}</th>'
            f"<td>{render.esc(what)}</td><td>{render.esc(res)}</td></tr>"
            for name, what, res in self.check_rows()
        )
        counters = "".join(f"<tr><td>{render.esc(name)}</td><td>{n}</td></tr>" for name, n in sorted(r.counts.items()))
        cov = "".join(
            f"<tr><td>{render.esc(sid)}</td><td>{c} / {t}</td><td>{(100.0 * c / t if t else 100.0):.0f} %</td></tr>"
            for sid, (c, t) in sorted(r.coverage.items())
        )
        exceptions = [(c, key, reason, codes) for c in sorted(b.claims.values(), key=lambda c: c.id) for key, reason, codes in overrides_of(c)]
        exc = "".join(
            f'<tr><td><a href="{render.attr(render.claim_url(self.ctx, c.id))}">{render.esc(c.id)}</a></td><td><code>{render.esc(key)}</code> '
            f"({render.esc(' / '.join(codes))})</td><td>{render.esc(reason)}</td></tr>"
            for c, key, reason, codes in exceptions
        )
        exc_html = (
            f'<table class="bf-exceptions"><thead><tr><th scope="col">Claim</th><th scope="col">Exception</th><th scope="col">Reason</th></tr></thead><tbody>{exc}</tbody></table>'
            if exceptions
            else "<p>None.</p>"
        )
        warnings = [d for d in self.diagnostics if d.severity == "warning"]
        warn = "".join(f"<li><code>{render.esc(d.format())}</code></li>" for d in warnings) or "<li>none</li>"
        commit = self.commit
        self._page_claims.update(b.claims)  # the report is on every claim
        # Pages made from the records (the build writes them before any page is rendered).
        generated = len(self._generated_calls) if self._generated_calls else len(self.generated_pages())
        return (
            '<div class="bf-verification">'
            f"<p>This site was built from commit <code>{render.esc(commit)}</code>. The build refuses to publish if any check fails: "
            f"it found <strong>{len(self.errors)}</strong> errors.</p>"
            f'<h2 id="checks">Checks run</h2><table class="bf-checks"><thead><tr><th scope="col">Check</th>'
            f'<th scope="col">What it checked</th><th scope="col">Result</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<h2 id="counts">Counters</h2><p>The checks\' own counters. They count differently from the table above in three places: '
            "<em>citations anchored</em> counts the citations of claims and open questions, not the passages set aside as not "
            "claims; <em>references checked</em> counts only claims' topics, entities and the claims they rest on (speakers, "
            "relayers, key judgments and open questions are resolved too, as listed above); <em>pages checked</em> counts the "
            f"hand-written pages only, not the {generated} pages generated from the records (one per claim, entity and source).</p>"
            f'<table><thead><tr><th scope="col">What</th><th scope="col">Count</th></tr></thead><tbody>{counters}'
            f"<tr><td>claims shown on pages</td><td>{len(r.shown_claims)}</td></tr></tbody></table>"
            f'<h2 id="coverage">Coverage</h2><table><thead><tr><th scope="col">Source</th><th scope="col">Sentences cited</th><th scope="col">%</th></tr></thead><tbody>{cov}</tbody></table>'
            f'<h2 id="normalisation">Normalisation</h2>{self.normalisation_rules()}'
            f'<h2 id="exceptions">Exceptions to the checks</h2><p>Each exception an editor wrote to a rule, with its reason '
            "(only an inference may carry one; see the contributing guide).</p>"
            f"{exc_html}"
            f'<h2 id="warnings">Warnings</h2><ul>{warn}</ul>'
            f'<p>Machine-readable: <a href="{render.attr(self.ctx.url("claims.json"))}">claims.json</a> and '
            f'<a href="{render.attr(self.ctx.url("annotations.jsonld"))}">annotations.jsonld</a> (W3C Web Annotations). '
            f"{len(b.claims)} claims, {sum(len(c.citations) for c in b.claims.values())} citations.</p></div>"
        )

    def ui_text(self) -> tuple[str, ...]:
        """Every fixed text the site shows (`render.UI_TEXT`), with what the verification report
        writes from the checks themselves: their names, what each checked and its result, the
        counters' names and the normalisation rules (numbers as #)."""
        import re

        from briefing import model

        rows = self.check_rows()
        fixed = [*render.UI_TEXT, *(name for name, _ in CHECKS), *self.report.counts]
        fixed += [t for key, codes in OVERRIDES.items() for t in (key, " / ".join(codes), f"({' / '.join(codes)})")]
        # The warning each exception prints, listed among the warnings: one per set of codes it excused.
        for codes in OVERRIDES.values():
            for n in range(1, 1 << len(codes)):
                hit = " / ".join(sorted(c for i, c in enumerate(codes) if n >> i & 1))
                fixed.append(f"facts/claims/{{claim.id}}.yml:#:#: warning[override]: {hit} excused on this claim: {{claim.exception}}")
        fixed += [*model.KIND_LABELS.values(), *model.KIND_HELP.values(), *model.LIKELIHOOD_LABELS.values()]
        fixed += [t for _, label, rng in model.SCALE for t in (label, rng)] + [why for _, _, why in model.CONFIDENCE]
        fixed += [re.sub(r"\d+", "#", t) for _, what, res in rows for t in (what, res)]
        for rule in NORMALISATION_RULES:  # as `_code_points` cuts it: the words between the characters it lists
            fixed += [" ".join(w for w in part.split(" ") if w) for part in re.split(r"(?:^| )[^\w\s→](?= |$)", rule)]
        return tuple(dict.fromkeys(t for t in fixed if t.strip()))

    def macros(self) -> dict[str, Callable[..., str]]:
        names = [
            "cite", "claim", "claim_card", "claims_by_topic", "claims_by_entity", "claims_by_kind", "all_claims",
            "key_judgments", "open_questions", "timeline", "estimative_scale", "normalisation_rules", "kinds_table",
            "entity_index", "topic_index", "source_index", "entity_page", "claim_page", "source_page", "verification_report",
            "withdrawn_claim_page", "corrections_log", "typo_fixes", "corrections_summary", "withdrawn_claims",
        ]  # fmt: skip
        return {n: getattr(self, n) for n in names}

    # -- generated pages and exports ---------------------------------------------------------------
    def generated_pages(self) -> dict[str, str]:
        """Relative path under docs/ -> Markdown, one page per entity, claim and source.

        Each page's body is one macro call, which `expand_generated` renders for the build."""
        if self._generated is not None:
            return self._generated
        b = self.briefing
        pages: dict[str, str] = {}
        calls: dict[str, tuple[str, str]] = {}

        def page(
            rel: str, title: str, description: str, macro: str, arg: str, heading_id: str = "", tags: tuple[str, ...] = (), boost: int = 0
        ) -> None:
            # The theme writes title and description into <head> unescaped: escape them here, so
            # a quote or "<" in a record can never end the attribute or open an element.
            # heading_id (attr_list) replaces the heading's slug where it would repeat an id below it.
            hid = f" {{: #{heading_id} }}" if heading_id else ""
            pages[rel] = (
                f"---\ntitle: {_yaml_scalar(_meta_text(title))}\n"
                f"description: {_yaml_scalar(_meta_text(_summary(description)))}\nprose: explanatory\n"
                # Search ranks entity pages above the many claim pages that mention the same name.
                + (f"search:\n  boost: {boost}\n" if boost else "")
                # Tags are shown by name, made plain text first (see _tag_name), as YAML strings.
                + (f"tags: [{', '.join(_yaml_scalar(t) for t in tags)}]\n" if tags else "")
                # No Jinja pass: the build renders the one call itself (expand_generated).
                + "render_macros: false\n"
                + "---\n\n"
                f"{GENERATED_MARK}\n\n# {render.esc(title)}{hid}\n\n{_call_text(macro, arg)}\n"
            )
            calls[rel] = (macro, arg)

        for e in b.entities.values():
            page(f"entities/{e.id}.md", e.name, f"Every claim of the briefing that names {e.name}.", "entity_page", e.id, boost=3)
        for c in b.claims.values():
            # Readers (and search results) see the claim's own sentence, not its id.
            # A fixed heading id: a slug could repeat an id used further down the page.
            tags = tuple(dict.fromkeys([KIND_LABELS[c.kind], *(_tag_name(b.topics[t].name) for t in c.topics if t in b.topics)]))
            page(f"claims/{c.id}.md", _summary(c.statement, 90), c.statement, "claim_page", c.id, heading_id="page-title", tags=tags)
        # A withdrawn claim keeps its permalink: a page saying when and why, instead of a 404.
        for cid, ev in self.withdrawn().items():
            page(f"claims/{cid}.md", f"Withdrawn claim: {cid}", f"Withdrawn on {ev.day}: {ev.reason}", "withdrawn_claim_page", cid)
        for s in b.sources.values():
            if s.text is not None:
                about = f"The stored text of {s.title}, {s.publisher}, with every cited span."
                page(f"source/{s.id}.md", s.title, about, "source_page", s.id)
        self._generated_calls = calls
        self._generated = pages
        return pages

    def expand_generated(self, src_path: str, markdown: str) -> str | None:
        """A generated page's Markdown with its macro call rendered, or None for any other page.

        Exactly what mkdocs-macros' Jinja pass made of it (the page text is ours: record text in
        it is escaped, so Jinja found nothing else to do), without compiling a template per page,
        which at a thousand claim pages was most of the macros' cost."""
        call = self._generated_calls.get(src_path)
        if call is None:
            return None
        text = _call_text(*call)
        if markdown.count(text) != 1:
            raise MacroError(f"{src_path}: a generated page was edited (it must hold {text} once); delete it and rebuild")
        # Jinja drops a template's final newline (keep_trailing_newline is off): so do we.
        if markdown.endswith("\n"):
            markdown = markdown[:-1]
        return markdown.replace(text, getattr(self, call[0])(call[1]))

    def write_generated_pages(self, docs_dir: Path) -> list[str]:
        """Write pages that changed; remove stale generated ones. Returns the paths written.

        Only after the check passed: it refused links, hard links and hand-written files in these
        folders. A page is written to a new file and moved into place, never through an existing
        one, so no link (made since) can carry the write elsewhere."""
        pages = self.generated_pages()
        written = []
        for folder in GENERATED_DIRS:
            d = docs_dir / folder
            d.mkdir(parents=True, exist_ok=True)
            for old in d.glob("*.md"):
                rel = f"{folder}/{old.name}"
                if old.name != "index.md" and rel not in pages and GENERATED_MARK in old.read_text(encoding="utf-8", errors="replace"):
                    old.unlink()
        for rel, text in sorted(pages.items()):
            path = docs_dir / rel
            # Writing only on change keeps `mkdocs serve` from rebuilding in a loop.
            if path.is_symlink() or not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text:
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # a dot-file: never part of the site
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, path)
                written.append(rel)
        return written

    def approve(self, after: Inventory) -> list[dg.Diagnostic]:
        """The pages the build may render, once the generated pages are written: each page of
        `after` (the inventory taken again) must be a hand-written page read exactly as the check
        read it, or a page the build wrote, exactly as written. Each gets the digest of its text
        and title; `admit` refuses, at render time, a page whose text or title differs. Returns
        what stops the build (a page nobody checked, or one changed since)."""
        before = self.briefing.inventory.by_uri() if self.briefing.inventory is not None else {}
        checked = {p.src_uri for p in self.briefing.pages}
        planned = self.generated_pages()
        approved: dict[str, str] = {}
        out: list[dg.Diagnostic] = []
        for f in after.pages():
            if f.src_uri in planned:
                ok = f.text == planned[f.src_uri]
                why = "is not the page the build wrote from the records"
            else:
                was = before.get(f.src_uri)
                ok = (
                    f.src_uri in checked
                    and was is not None
                    and (was.markdown, was.title, was.front_matter) == (f.markdown, f.title, f.front_matter)
                )
                why = "was not checked" if f.src_uri not in checked else "changed after it was checked"
            if f.problem is not None or not ok:
                out.append(dg.Diagnostic(f.path, 1, 1, "unchecked-page", f"{f.path} {why}; the build renders only checked pages"))
                continue
            approved[f.src_uri] = page_digest(f.src_uri, f.title, f.markdown, f.meta)
        self._approved = approved
        return out

    def admit(self, src_uri: str, title: Any, markdown: str, meta: Any) -> None:
        """At render time, before the template engine sees the page: refuse a page whose Markdown,
        title or front matter is not what the check approved (or that it never saw)."""
        want = (self._approved or {}).get(src_uri)
        if want is None:
            raise MacroError(f"{src_uri}: this page was not checked; the build renders only checked pages")
        if page_digest(src_uri, title, markdown, meta) != want:
            raise MacroError(f"{src_uri}: the page's text or title differs from what the check approved; nothing of it is rendered")

    def generated_paths(self) -> list[str]:
        """The pages under docs/ that the build writes from the records (paths relative to docs/)."""
        if not self._generated_calls:
            self.generated_pages()
        return sorted(self._generated_calls)

    def write_exports(self, site_dir: Path) -> None:
        (site_dir / "claims.json").write_text(
            exports.dumps(exports.claims_export(self.briefing, self.site_url, self.history)), encoding="utf-8"
        )
        if self.site_url:  # tell crawlers where the sitemap (written by MkDocs) is
            (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {self.site_url}sitemap.xml\n", encoding="utf-8")
        (site_dir / "annotations.jsonld").write_text(
            exports.dumps(exports.annotations_export(self.briefing, self.site_url)), encoding="utf-8"
        )


@dataclass
class _Links:
    """Reverse lookups over a briefing, each list in the briefing's own order (as a scan gave)."""

    by_topic: dict[str, list[Claim]]
    by_entity: dict[str, list[Claim]]  # named, speaking or relaying
    by_kind: dict[str, list[Claim]]
    inferences_on: dict[str, list[Claim]]  # claim id -> the claims based on it
    judgments_on: dict[str, list[Judgment]]  # claim id -> the key judgments resting on it
    citing: dict[str, list[tuple[Claim, Citation]]]  # source id -> every claim citation of it

    @classmethod
    def of(cls, b: Briefing) -> _Links:
        links = cls({}, {}, {}, {}, {}, {})
        for c in b.claims.values():
            for t in dict.fromkeys(c.topics):
                links.by_topic.setdefault(t, []).append(c)
            for e in dict.fromkeys([*c.entities, c.speaker, c.relayed_by]):
                if e is not None:
                    links.by_entity.setdefault(e, []).append(c)
            links.by_kind.setdefault(c.kind, []).append(c)
            for d in dict.fromkeys(c.based_on):
                links.inferences_on.setdefault(d, []).append(c)
            for cit in c.citations:
                links.citing.setdefault(cit.source, []).append((c, cit))
        for j in b.judgments.values():
            for d in dict.fromkeys(j.rests_on):
                links.judgments_on.setdefault(d, []).append(j)
        return links


def _tag_name(name: str) -> str:
    """A topic's name as a tag. Material writes tag names into pages unescaped (tag lists, the
    Tags page and its table of contents) and into the search index as text, so no escaping
    suits both: a name keeps only characters that are plain text in either place."""
    plain = "".join(" " if not c.isprintable() else "and" if c == "&" else "" if c in "<>{}" else c for c in name)
    return " ".join(plain.split()) or "untitled topic"


def _code_points(rule: str) -> str:
    """A rule with each character it lists as its code point and name ("U+2012 figure dash"):
    a font may lack a glyph for a rare dash or quote mark, and most look alike anyway."""
    out = ""
    listing = False
    for word in rule.split(" "):
        if len(word) == 1 and word != "→" and not word.isalnum():
            name = unicodedata.name(word, "").lower()
            out += (
                ", " if listing else " "
            ) + f'<span class="bf-cp"><code>U+{ord(word):04X}</code> <small>{render.esc(name)}</small></span>'
            listing = True
        else:
            out += " " + render.esc(word)
            listing = False
    return out[1:]


def _call_text(macro: str, arg: str) -> str:
    # Ids are [a-z0-9-] (schema), so the quoted argument needs no escaping.
    return f'{{{{ {macro}("{arg}") }}}}'


def _summary(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, cut at a word, for a link preview."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _meta_text(text: str) -> str:
    """Text for front matter that the theme prints into <head> unescaped: escaped, and with
    template braces as character references, so it is never markup nor a template."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _yaml_scalar(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML scalars


def build_commit(root: Path) -> str:
    """The commit the site is built from, or a clear 'unknown' outside a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    sha = out.stdout.strip()
    if out.returncode != 0 or not sha:
        return "unknown (not a git checkout)"
    dirty = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, timeout=10, check=False
    )
    return sha + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
