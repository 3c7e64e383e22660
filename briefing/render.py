"""HTML fragments for the site, built from records. Knows nothing of MkDocs.

Everything taken from YAML goes through `esc`, which HTML-escapes it and also neutralises the
characters Markdown would act on (the fragments are inserted into Markdown before it is
converted), so record text can never become an element, an attribute, a link or a template.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from dataclasses import dataclass, field

from briefing import textfragment
from briefing.anchor import Span
from briefing.dates import format_value
from briefing.model import (
    CANNOT_ASSESS,
    CONFIDENCE,
    CONFIDENCE_LABELS,
    JUDGMENT_KIND_LABELS,
    KIND_HELP,
    KIND_LABELS,
    LIKELIHOOD_LABELS,
    SCALE,
    SCALE_LABELS,
    Briefing,
    Citation,
    Claim,
    DateInfo,
    Entity,
    Judgment,
    Question,
    Source,
)
from briefing.text import negation_in

# HTML's special characters, and the characters Markdown (and Jinja, were it ever run again)
# could act on, as references. Each character is replaced once: `&` first, then `#`, so the `#`
# of a reference written later (`&#39;`) is never escaped again; what the later replacements
# write (`&`, `#`, letters, digits, `;`) is never replaced after. Chained `str.replace` is about
# four times faster than `str.translate` with a dict table, on the short texts escaped here.
_ESC_PAIRS = (
    ("&", "&amp;"),
    ("#", "&#35;"),
    *((c, f"&#{ord(c)};") for c in "\\`*_{}[]()+-!|:~^$%="),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#39;"),
)
# Every fixed text the site's markup shows a reader (text of elements, title= and aria-label=
# texts), beside the values of record fields: a number is written #, a field's value {kind.field}
# (tests/test_every_word.py walks the built site and names any text that is neither one of
# these nor a value of a field some rule holds, rules.fields.READER_FIELDS).
UI_TEXT: tuple[str, ...] = (
    # citation markers, tooltips and footnotes
    "[#]", "source", "sources", "the article's speculation, source", "the article's speculation, sources",
    "editors' inference, source", "editors' inference, sources", "including editors' inference, sources",
    "including the article's speculation, sources", "# claims, # passages of the source", "# claims, # passage of the source",
    "Open the highlighted passage", "Basis:", ", {source.publisher}", ", {source.publisher};", ", {source.publisher}.",
    "Citations on this page", "(# citation, # passage)", "(# citation, # passages)", "(# citations, # passages)",
    "Quoted from", "The claim:", "The claims:", "In the stored text", "in the original", "the claim",
    "Back to citation #", "Back to use # of citation #", "{use}", "{entity.name}, via {entity.name}",
    # what kind of claim, whose words, when
    "inferred", "inferred date", "(day precision)", "(month precision)", "(year precision)", "(decade precision)",
    "(unknown precision)", "{claim.date} – {claim.date}", "Said by", "· Said by", "as relayed by",
    "Resolved by the editors from “{claim.date.resolved_from}”: {claim.date.basis}",
    # claim cards and claim pages
    "Rests on:", "Note:", "Date resolved from", "“{claim.date.resolved_from}”: {claim.date.basis}",
    ", South China Morning Post (characters #–#) ·", ", {source.publisher} (characters #–#) ·", "in the original article",
    "No claims.", "Topics:", "Names:", "Id:", "none", "Permalink:", "(stays the same however the site is reorganised)",
    "{site.url}claims/{claim.id}/", "Edit this claim", "(its YAML file:", "facts/claims/{claim.id}.yml",
    "Key judgments resting on it:", "Inferences resting on it:", "History",
    "Every change to what this claim says or cites, from the repository history, oldest first; the reason is the commit message.",
    "Not yet in the repository history: this claim was added or changed after the commit this site was built from.",
    # key judgments and the scales
    "Question:", "Answer:", "Why:", "The # claims it rests on", "The # claim it rests on", ": {judgment.confidence_reason}",
    "· {judgment.confidence_reason}", "{confidence} confidence", "{confidence} confidence: what it means (method page)",
    "{likelihood}: {scale.range} on the estimative scale (method page)", "({scale.range})",
    "Cannot assess: the source gives no evidence either way, so no probability is given (method page)",
    "Term", "Probability", "none: the source gives no evidence either way", "Confidence", "When", "Kind", "Meaning", "Claims",
    # open questions
    "Related claims:", "Open question",
    # the timeline
    "Date", "Claim",
    # the source page
    "Title", "Publisher", "Original", "Published", "Stored", "Length", "sha#", "Coverage", "#,# characters", "# characters",
    "# of # sentences cited (# %)", "{source.published} ({source.published} precision) — {source.published.note}",
    "{source.published} ({source.published} precision)", "{source.retrieved} ({source.retrieved} precision)",
    "{source.retrieved} ({source.retrieved} precision) — {source.retrieved.note}",
    "The stored text", "Cited passages and the claims citing them",
    "Every highlighted passage is a link to its entry below, which names the claims citing it; the stronger the shading, "
    "the more passages overlap there. Struck-through words are not claims of the article.",
    "Characters #–#", "Characters #–#:", ": {source.words}", "Characters #–#: {source.words}", "Not a claim:",
    "Not a claim: {source.not_claims.reason}", "not a claim", "Part of the longer passage:", "Part of the longer passages:", "characters #–#",
    # indexes
    "Also named in the source as:", "Claims that name {entity.name}", "(# claim)", "(# claims)", ": {topic.description}",
    "— {source.publisher}",
    # every page's footer
    "Last verified:", "# {month} #", "(build commit", "). This page shows", "claim; the check passed on all # claims of the briefing.",
    "claims; the check passed on all # claims of the briefing.", ". This page shows no claim; the check passed on all # claims of the briefing.",
    "). This page shows no claim; the check passed on all # claims of the briefing.",
    "How it is checked", "unverified build (no git)", "#", "{commit}", "plus uncommitted changes). This page shows",
    "plus uncommitted changes). This page shows no claim; the check passed on all # claims of the briefing.",
    "{commit} (with uncommitted changes)", "none.", "No typo fixes yet.",
    # the verification report (the check's own words about itself)
    "This site was built from commit", ". The build refuses to publish if any check fails: it found", "errors.",
    "Checks run", "Check", "What it checked", "Result", "Counters", "What", "Count", "Sentences cited", "Source", "# / #", "# %",
    "Normalisation", "Normalisation version", "Warnings", "Machine-readable:", "claims.json", "and", "annotations.jsonld",
    "(W#C Web Annotations). # claims, # citations.",
    "The checks' own counters. They count differently from the table above in three places:",
    "citations anchored", "counts the citations of claims and open questions, not the passages set aside as not claims;",
    "references checked", "counts only claims' topics, entities and the claims they rest on (speakers, relayers, key judgments "
    "and open questions are resolved too, as listed above);", "pages checked",
    "counts the hand-written pages only, not the # pages generated from the records (one per claim, entity and source).",
    "claims shown on pages", "U+{code_point}", "{char_name}",
    # exceptions to the checks (the keys and codes are `rules.support.OVERRIDES`', in Site.ui_text)
    "Exception to the checks", "excuses", ": {claim.exception}", "Exceptions to the checks",
    "Each exception an editor wrote to a rule, with its reason (only an inference may carry one; see the contributing guide).",
    "Exception", "Reason", "None.",
    # the source page's Cite this passage panel (its controls are made by cite.js)
    "Cite this passage",
)
_CACHED_LEN = 400  # names, titles, statements and URLs recur on many pages; source text does not


def _escape(text: str) -> str:
    for c, ref in _ESC_PAIRS:
        if c in text:
            text = text.replace(c, ref)
    return text


_escape_cached = functools.lru_cache(maxsize=1 << 15)(_escape)  # bounded, so memory is too


def attr(text: object) -> str:
    s = text if isinstance(text, str) else str(text)
    return _escape_cached(s) if len(s) <= _CACHED_LEN else _escape(s)


def esc(text: object) -> str:
    return attr(text).replace("\n", " ")


# Source words are shown inside our own “…”: their double quote marks become single ones, as in
# any nested quotation, so “what “x”” reads “what ‘x’”. Words and every other character stay.
_NESTED = str.maketrans({"“": "‘", "”": "’", "„": "‚", "‟": "‛", '"': "'"})


def nested(text: str) -> str:
    return text.translate(_NESTED)


def quote(text: str) -> str:
    """Source words as a quotation, escaped: one pair of double marks, inner ones single."""
    return f"“{esc(nested(text))}”"


def short(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass
class Passage:
    """One span of a source shown behind a marker, with every claim of the marker citing it."""

    cit: Citation  # the first citation of the span (for its source and span)
    claims: list[Claim] = field(default_factory=list)

    @property
    def span(self) -> Span:
        assert self.cit.span is not None
        return self.cit.span


@dataclass
class Note:
    """One footnote per distinct citation marker: the claims a sentence cites, and the source
    passages behind them (each span once, with every claim citing it). Every marker citing the
    same claims on the page shares its number, so the same note is never listed twice."""

    n: int
    claims: list[Claim]
    passages: list[Passage]
    refs: list[str] = field(default_factory=list)  # marker id suffixes in page order: "3", "3-2", ...


@dataclass
class PageContext:
    """Per-page state: the way back to the site root and the citation markers used, for footnotes."""

    base: str = ""  # relative path from the page to the site root, e.g. "../../"
    counter: int = 0
    notes: list[Note] = field(default_factory=list)
    _by_key: dict[tuple[str, ...], Note] = field(default_factory=dict, repr=False)

    def url(self, path: str) -> str:
        return self.base + path

    def use(self, b: Briefing, claims: list[Claim]) -> tuple[Note, str] | None:
        """The note for these claims, numbered on first use, and the new marker's id suffix; None
        when none of them has an anchored citation (nothing to show)."""
        claims = list({c.id: c for c in claims}.values())
        key = tuple(c.id for c in claims)
        note = self._by_key.get(key)
        if note is None:
            passages = shown_passages(b, claims)
            if not passages:
                return None
            self.counter += 1
            note = self._by_key[key] = Note(self.counter, claims, passages)
            self.notes.append(note)
        ref = str(note.n) if not note.refs else f"{note.n}-{len(note.refs) + 1}"
        note.refs.append(ref)
        return note, ref


# Words that may stand beside a name in a citation that only says who is meant ("Zhou said",
# "the Long March 5"): such a citation resolves a pronoun or a name for the check, and is not a
# passage a reader needs to read.
_ANCHOR_FILLER = frozenset({"the", "said", "says", "he", "she", "its", "his", "her"})
_WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
_ANCHOR_MAX_WORDS = 4
_names_memo: dict[int, tuple[object, frozenset[str]]] = {}


def _entity_names(b: Briefing) -> frozenset[str]:
    memo = _names_memo.get(id(b.entities))
    if memo is None or memo[0] is not b.entities:
        names = frozenset(" ".join(_WORD.findall(n.casefold())) for e in b.entities.values() for n in e.names)
        _names_memo.clear()  # one table at a time: a table read through a watcher is new per page
        memo = _names_memo[id(b.entities)] = (b.entities, names)
    return memo[1]  # type: ignore[return-value]


def is_anchor_quote(b: Briefing, text: str) -> bool:
    """Whether cited words only name someone or something (an entity's name or alias, with at
    most "the" or "said" beside it): "Rogozin", "Zhou said", "the Long March 5". Never words
    with a negation, nor more than a few words, whatever aliases an entity is given: an alias
    must not be a way to keep a passage out of readers' sight."""
    words = [w for w in _WORD.findall(text.casefold()) if w not in _ANCHOR_FILLER]
    if not words or len(words) > _ANCHOR_MAX_WORDS or negation_in(text):
        return False
    return " ".join(words) in _entity_names(b)


def shown_passages(b: Briefing, claims: list[Claim]) -> list[Passage]:
    """The source passages behind `claims`, each span once, in the order the claims cite them.

    A citation that only names who or what is meant (`is_anchor_quote`) is left out when its
    claim cites other words: it is not a footnote of its own, and the claim's page lists it."""
    by_key: dict[tuple[str, int, int], Passage] = {}
    for claim in claims:
        anchored = [cit for cit in claim.citations if cit.span is not None]
        texts = {id(cit): _shown_text(b, cit) for cit in anchored}
        substantive = [cit for cit in anchored if not is_anchor_quote(b, texts[id(cit)])]
        for cit in substantive or anchored:
            assert cit.span is not None
            p = by_key.setdefault((cit.source, cit.span.start, cit.span.end), Passage(cit))
            if all(c.id != claim.id for c in p.claims):
                p.claims.append(claim)
    return list(by_key.values())


def _shown_text(b: Briefing, cit: Citation) -> str:
    src = b.sources[cit.source]
    assert cit.span is not None
    assert src.text is not None
    return cit.span.shown(src.text.text)


def claim_url(ctx: PageContext, cid: str) -> str:
    return ctx.url(f"claims/{cid}/")


def span_anchor(span: Span) -> str:
    return f"s-{span.start}-{span.end}"


def source_url(ctx: PageContext, sid: str, span: Span | None = None) -> str:
    return ctx.url(f"source/{sid}/") + (f"#{span_anchor(span)}" if span else "")


# -- what kind of claim, whose words, when -------------------------------------------------------


def kind_badge(claim: Claim) -> str:
    return f'<span class="bf-kind bf-kind--{claim.kind}" title="{attr(KIND_HELP[claim.kind])}">{esc(KIND_LABELS[claim.kind])}</span>'


def voice(b: Briefing, claim: Claim) -> str:
    """Whose words, escaped, e.g. "Dmitry Rogozin, via Sputnik"; empty for the article's own."""
    if not claim.speaker or claim.speaker not in b.entities:
        return ""
    text = esc(b.entities[claim.speaker].name)
    if claim.relayed_by and claim.relayed_by in b.entities:
        text += ", via " + esc(b.entities[claim.relayed_by].name)
    return text


def who(b: Briefing, ctx: PageContext, claim: Claim) -> str:
    parts = []
    if claim.speaker and claim.speaker in b.entities:
        sp = b.entities[claim.speaker]
        parts.append(f'Said by <a href="{attr(ctx.url(f"entities/{sp.id}/"))}">{esc(sp.name)}</a>')
        if claim.relayed_by and claim.relayed_by in b.entities:
            rl = b.entities[claim.relayed_by]
            parts.append(f'as relayed by <a href="{attr(ctx.url(f"entities/{rl.id}/"))}">{esc(rl.name)}</a>')
    return " ".join(parts)


def inferred_badge(d: DateInfo, text: str = "inferred") -> str:
    why = f"Resolved by the editors from “{d.resolved_from}”" + (f": {d.basis}" if d.basis else "")
    return f'<span class="bf-inferred" title="{attr(short(why, 300))}">{esc(text)}</span>'


def date_badge(claim: Claim) -> str:
    if claim.date is None:
        return ""
    d = claim.date
    inferred = " " + inferred_badge(d) if d.inferred else ""
    return (
        f'<span class="bf-date" data-precision="{attr(d.precision)}">{esc(d.label())}'
        f' <span class="bf-precision">({esc(d.precision)} precision)</span>{inferred}</span>'
    )


def context_line(b: Briefing, claim: Claim) -> str:
    """Kind · whose words · when: what tells a reader a reported fact from an editors' inference."""
    parts = [kind_badge(claim)]
    if v := voice(b, claim):
        parts.append(f'<span class="bf-voice">{v}</span>')
    if d := date_badge(claim):
        parts.append(d)
    return " · ".join(parts)


def basis_line(claim: Claim, limit: int = 160) -> str:
    """An inference's basis, shortly (the claim page gives it whole)."""
    if claim.kind != "inference" or not claim.basis:
        return ""
    return f"<strong>Basis:</strong> {esc(short(claim.basis, limit))}"


# -- citation markers ----------------------------------------------------------------------------

# Read before the number by screen readers; the visible cue is the marker's shape (briefing.css).
_MARKER_NAME = {
    "reported": "source",
    "attributed": "source",
    "speculation": "the article's speculation, source",
    "inference": "editors' inference, source",
}


def marker_kind(claims: list[Claim]) -> str:
    """The kind a marker shows: the weakest among its claims, so that a sentence resting partly
    on the editors' inference (or the article's guess) is marked as such."""
    kinds = {c.kind for c in claims}
    for k in ("inference", "speculation", "attributed"):
        if k in kinds:
            return k
    return "reported"


def _marker_name(claims: list[Claim], passages: int) -> str:
    kind = marker_kind(claims)
    name = _MARKER_NAME[kind]
    if len({c.kind for c in claims}) > 1 and kind in ("inference", "speculation"):
        name = "including " + name
    return name + ("s" if passages > 1 else "")


def cite(b: Briefing, ctx: PageContext, claims: list[Claim]) -> str:
    """One marker for a sentence, however many claims it cites: its tooltip (shown on hover,
    keyboard focus or a first tap) lists every passage behind the sentence and the claims citing
    each; the marker itself links to the first passage, highlighted in the stored source."""
    used = ctx.use(b, claims)
    if used is None:
        return ""
    note, ref = used
    n, first = note.n, note.passages[0]
    src = b.sources[first.cit.source]
    kind = marker_kind(note.claims)
    tip = f"bf-tip-{ref}"
    href = attr(source_url(ctx, src.id, first.span))
    many = len(note.claims) > 1
    head = ""
    if many:
        head = f'<span class="bf-tip__head">{len(note.claims)} claims, {_count(len(note.passages), "passage")} of the source</span>'
    body = "".join(_tip_passage(b, ctx, p, many) for p in note.passages)
    # Each source named as the record has it: its title as a title (<cite>), then its publisher.
    titles = dict.fromkeys((b.sources[p.cit.source].title, b.sources[p.cit.source].publisher) for p in note.passages)
    return (
        f'<span class="bf-cites"><span class="bf-cite bf-cite--{kind}">'
        f'<a class="bf-marker bf-marker--{kind}" id="bf-ref-{ref}" href="{href}" aria-describedby="{tip}" '
        f'data-claim="{attr(first.claims[0].id)}" data-claims="{attr(" ".join(c.id for c in note.claims))}" '
        f'data-source="{attr(src.id)}" data-start="{first.span.start}" data-end="{first.span.end}" data-note="{n}">'
        f'<span class="bf-visually-hidden">{_marker_name(note.claims, len(note.passages))} </span>[{n}]</a>'
        # The body scrolls when a sentence rests on many passages; the tooltip itself does not
        # (it would clip the bridge that keeps it open on the way in, briefing.css).
        f'<span class="bf-tip" role="tooltip" id="{tip}"><span class="bf-tip__body">{head}{body}'
        f'<span class="bf-tip__src">— {"; ".join(f"<cite>{esc(t)}</cite>, {esc(pub)}" for t, pub in titles)}</span>'
        f"</span></span></span></span>"
    )


def _tip_passage(b: Briefing, ctx: PageContext, p: Passage, many: bool) -> str:
    src = b.sources[p.cit.source]
    assert src.text is not None
    href = attr(source_url(ctx, src.id, p.span))
    claims = []
    for claim in p.claims:
        # Flat, not wrapped per claim: every element here is in every page's HTML (and search
        # index) once per marker, and the build's time grows with their number.
        basis = basis_line(claim)
        statement = f'<span class="bf-tip__statement">{esc(short(claim.statement, 140))}</span>' if many else ""
        claims.append(
            f'<span class="bf-tip__meta" data-claim="{attr(claim.id)}">{context_line(b, claim)}</span>{statement}'
            + (f'<span class="bf-tip__basis">{basis}</span>' if basis else "")
        )
    return (
        f'<span class="bf-tip__passage" data-source="{attr(src.id)}" data-start="{p.span.start}" data-end="{p.span.end}">'
        f'<span class="bf-tip__quote">{quote(p.span.shown(src.text.text))}</span>{"".join(claims)}'
        # For touch screens, where the first tap on a marker opens this tooltip (briefing.js);
        # out of the tab order, since a keyboard user opens the marker itself (or its footnote).
        f'<a class="bf-tip__open" href="{href}" tabindex="-1">Open the highlighted passage</a>'
        "</span>"
    )


def claim_inline(b: Briefing, ctx: PageContext, claim: Claim) -> str:
    return (
        f'<span class="bf-claim bf-claim--{claim.kind}" data-claim="{attr(claim.id)}">'
        f'<a class="bf-claim__text" href="{attr(claim_url(ctx, claim.id))}">{esc(claim.statement)}</a>'
        f"{cite(b, ctx, [claim])}</span>"
    )


def claim_card(b: Briefing, ctx: PageContext, claim: Claim, heading: str = "p") -> str:
    meta = [kind_badge(claim)]
    if w := who(b, ctx, claim):
        meta.append(w)
    if d := date_badge(claim):
        meta.append(d)
    extra = ""
    if claim.kind == "inference":
        deps = ", ".join(
            f'<a href="{attr(claim_url(ctx, cid))}">{esc(b.claims[cid].statement)}</a>' for cid in claim.based_on if cid in b.claims
        )
        extra += f'<p class="bf-basis"><strong>Rests on:</strong> {deps}. <strong>Basis:</strong> {esc(claim.basis or "")}</p>'
    if claim.date and claim.date.inferred:
        extra += (
            f'<p class="bf-basis"><strong>Date resolved from</strong> “{esc(nested(claim.date.resolved_from or ""))}”: '
            f"{esc(claim.date.basis or '')}</p>"
        )
    if claim.note:
        extra += f'<p class="bf-note"><strong>Note:</strong> {esc(claim.note)}</p>'
    quotes = "".join(_quote_block(b, ctx, claim, cit) for cit in claim.citations if cit.span is not None)
    return (
        f'<div class="bf-card bf-card--{claim.kind}" id="claim-{attr(claim.id)}" data-claim="{attr(claim.id)}">'
        f'<{heading} class="bf-card__statement"><a href="{attr(claim_url(ctx, claim.id))}">{esc(claim.statement)}</a>'
        f"{cite(b, ctx, [claim])}</{heading}>"
        f'<p class="bf-card__meta">{" · ".join(meta)}</p>'
        f"{quotes}{extra}</div>"
    )


@functools.lru_cache(maxsize=1 << 15)
def _fragment_link(url: str, text: str, span: Span) -> str:
    # A citation's link is needed on every page its claim appears on, and again in the notes.
    return textfragment.link(url, text, span)


def _quote_block(b: Briefing, ctx: PageContext, claim: Claim, cit: Citation) -> str:
    src = b.sources[cit.source]
    assert cit.span is not None
    assert src.text is not None
    frag = _fragment_link(src.url, src.text.text, cit.span)
    return (
        f'<blockquote class="bf-quote"><p>{quote(cit.span.shown(src.text.text))}</p>'
        f'<p class="bf-quote__src">— <a href="{attr(source_url(ctx, src.id, cit.span))}">{esc(src.title)}</a>, {esc(src.publisher)}'
        f' (characters {cit.span.start}–{cit.span.end}) · <a class="bf-original" href="{attr(frag)}" rel="noopener">in the original article</a></p>'
        f"</blockquote>"
    )


def edit_link(repo_edit_base: str, path: str, label: str = "Edit this claim") -> str:
    if not repo_edit_base:
        return ""
    return f'<p class="bf-edit"><a href="{attr(repo_edit_base + path)}" rel="nofollow">{esc(label)}</a> (its YAML file: <code>{esc(path)}</code>)</p>'


def claim_list(b: Briefing, ctx: PageContext, claims: list[Claim]) -> str:
    if not claims:
        return '<p class="bf-empty">No claims.</p>'
    return '<div class="bf-list">' + "".join(claim_card(b, ctx, c) for c in claims) + "</div>"


# -- judgments, questions, scale --------------------------------------------------------------------

_SCALE_RANGE = {k: p for k, _, p in SCALE}


def likelihood_badge(ctx: PageContext, likelihood: str) -> str:
    """The term with its range, linked to its row of the scale on the method page."""
    if likelihood == CANNOT_ASSESS:
        return (
            f'<a class="bf-likelihood bf-likelihood--{CANNOT_ASSESS}" href="{attr(ctx.url(f"method/#scale-{CANNOT_ASSESS}"))}" '
            'title="Cannot assess: the source gives no evidence either way, so no probability is given (method page)">'
            f"{esc(LIKELIHOOD_LABELS[CANNOT_ASSESS])}</a>"
        )
    label, rng = SCALE_LABELS[likelihood], _SCALE_RANGE[likelihood]
    return (
        f'<a class="bf-likelihood bf-likelihood--{attr(likelihood)}" href="{attr(ctx.url(f"method/#scale-{likelihood}"))}" '
        f'title="{attr(f"{label}: {rng} on the estimative scale (method page)")}">'
        f'{esc(label)} <span class="bf-likelihood__range">({esc(rng)})</span></a>'
    )


def confidence_badge(ctx: PageContext, confidence: str) -> str:
    label = CONFIDENCE_LABELS[confidence]
    return (
        f'<a class="bf-confidence bf-confidence--{attr(confidence)}" href="{attr(ctx.url(f"method/#confidence-{confidence}"))}" '
        f'title="{attr(f"{label} confidence: what it means (method page)")}">{esc(label)} confidence</a>'
    )


def judgments(b: Briefing, ctx: PageContext, items: list[Judgment], kind: str = "") -> str:
    """Key judgments: findings (facts about the text, no probability label) and assessments
    (the question a label answers, the label, the editors' confidence and why)."""
    out = [f'<ol class="bf-judgments bf-judgments--{attr(kind or "all")}">']
    for j in items:
        claims = [b.claims[c] for c in j.rests_on if c in b.claims]
        head = ""
        if j.kind == "assessment":
            if j.question:
                head += f'<p class="bf-judgment__question"><span class="bf-visually-hidden">Question: </span><strong>{esc(j.question)}</strong></p>'
            confidence = ""
            if j.confidence:
                confidence = f' <span class="bf-confidence-line">· {confidence_badge(ctx, j.confidence)}' + (
                    f": {esc(j.confidence_reason)}</span>" if j.confidence_reason else "</span>"
                )
            head += (
                f'<p class="bf-judgment__answer"><span class="bf-visually-hidden">Answer: </span>'
                f"{likelihood_badge(ctx, j.likelihood or '')}{confidence}</p>"
            )
        rests = "".join(f'<li><a href="{attr(claim_url(ctx, c.id))}">{esc(c.statement)}</a></li>' for c in claims)
        out.append(
            f'<li class="bf-judgment bf-judgment--{attr(j.kind)}" id="judgment-{attr(j.id)}" data-kind="{attr(j.kind)}">'
            f"{head}"
            f'<p class="bf-judgment__statement">{esc(j.statement)}{cite(b, ctx, claims)}</p>'
            f'<p class="bf-reasoning"><strong>Why:</strong> {esc(j.reasoning)}</p>'
            f'<details class="bf-rests"><summary>The {_count(len(claims), "claim")} it rests on '
            '<span class="bf-rests__arrow" aria-hidden="true">▸</span></summary>'
            f"<ul>{rests}</ul></details>"
            "</li>"
        )
    out.append("</ol>")
    return "".join(out)


def scale_table() -> str:
    rows = "".join(
        f'<tr id="scale-{k}"><td><span class="bf-likelihood bf-likelihood--{k}">{esc(label)}</span></td><td>{esc(p)}</td></tr>'
        for k, label, p in SCALE
    )
    rows += (
        f'<tr id="scale-{CANNOT_ASSESS}"><td><span class="bf-likelihood bf-likelihood--{CANNOT_ASSESS}">'
        f"{esc(LIKELIHOOD_LABELS[CANNOT_ASSESS])}</span></td><td>none: the source gives no evidence either way</td></tr>"
    )
    return f'<table class="bf-scale"><thead><tr><th scope="col">Term</th><th scope="col">Probability</th></tr></thead><tbody>{rows}</tbody></table>'


def confidence_table() -> str:
    rows = "".join(
        f'<tr id="confidence-{k}"><td><span class="bf-confidence bf-confidence--{k}">{esc(label)} confidence</span></td><td>{esc(why)}</td></tr>'
        for k, label, why in CONFIDENCE
    )
    return f'<table class="bf-confidence-scale"><thead><tr><th scope="col">Confidence</th><th scope="col">When</th></tr></thead><tbody>{rows}</tbody></table>'


def questions(b: Briefing, ctx: PageContext, items: list[Question]) -> str:
    out = []
    for q in items:
        quotes = []
        for cit in q.citations:
            src = b.sources.get(cit.source)
            if cit.span is None or src is None or src.text is None:
                continue
            quotes.append(
                f'<blockquote class="bf-quote"><p>{quote(cit.span.shown(src.text.text))}</p>'
                f'<p class="bf-quote__src">— <a href="{attr(source_url(ctx, src.id, cit.span))}">{esc(src.title)}</a></p></blockquote>'
            )
        related = [b.claims[c] for c in q.related_claims if c in b.claims]
        rel = ""
        if related:
            rel = '<p class="bf-related">Related claims: ' + "; ".join(claim_inline(b, ctx, c) for c in related) + "</p>"
        out.append(
            f'<section class="bf-question" id="question-{attr(q.id)}"><h2>{esc(q.question)}</h2>'
            f"{''.join(quotes)}<p>{esc(q.discussion)}</p>{rel}</section>"
        )
    return "".join(out)


# -- timeline ----------------------------------------------------------------------------------------

_FAR = datetime.date.max


def _period_start(value: str, precision: str) -> datetime.date:
    parts = [int(p) for p in value.split("-")]
    year = parts[0] - parts[0] % 10 if precision == "decade" else parts[0]
    month = parts[1] if len(parts) > 1 and precision in ("month", "day") else 1
    day = parts[2] if len(parts) > 2 and precision == "day" else 1
    return datetime.date(year, month, day)


def _period_end(value: str, precision: str) -> datetime.date:
    """The day after the period `value` names ends (exclusive)."""
    start = _period_start(value, precision)
    if precision == "decade":
        return datetime.date(start.year + 10, 1, 1)
    if precision == "month" and "-" in value:
        return datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if precision == "day" and value.count("-") == 2:
        return start + datetime.timedelta(days=1)
    return datetime.date(start.year + 1, 1, 1)


def period(d: DateInfo) -> tuple[datetime.date, datetime.date]:
    """The days a date covers, [start, end): "2019" is all of 2019, "2019" to "2020" both years."""
    if not d.value or d.precision == "unknown":
        return _FAR, _FAR
    try:
        return _period_start(d.value, d.precision), _period_end(d.end or d.value, d.precision)
    except (ValueError, IndexError):
        return _FAR, _FAR


def timeline_order(claims: list[Claim]) -> list[Claim]:
    """Dated claims by the start of the period each names, then its end (the shorter first),
    then id: "2019" and "2019 – 2029" before "27 August 2019", which starts later. A reader
    scanning down meets each period where it begins."""
    dated = [(period(c.date), c) for c in claims if c.date is not None]
    return [c for _, c in sorted(dated, key=lambda p: (p[0], p[1].id))]


def timeline(b: Briefing, ctx: PageContext, claims: list[Claim]) -> str:
    rows = []
    for c in timeline_order(claims):
        d = c.date
        assert d is not None
        # One "inferred" marker a row: an inferred date of an inference is the inference itself.
        mark = ""
        kind = kind_badge(c) + " "
        if d.inferred and c.kind == "inference":
            mark, kind = " " + inferred_badge(d, KIND_LABELS["inference"]), ""
        elif d.inferred:
            mark = " " + inferred_badge(d, "inferred date")
        rows.append(
            f'<tr class="bf-timeline__row bf-timeline__row--{c.kind}" data-claim="{attr(c.id)}" data-date="{attr(d.value or "")}" '
            f'data-end="{attr(d.end or "")}" data-precision="{attr(d.precision)}" data-inferred="{str(d.inferred).lower()}">'
            f'<td class="bf-timeline__date"><time datetime="{attr(d.value or "")}">{esc(d.label())}</time><br>'
            f'<span class="bf-precision">({esc(d.precision)} precision)</span>{mark}</td>'
            f"<td>{kind}{claim_inline(b, ctx, c)}</td></tr>"
        )
    return (
        '<table class="bf-timeline"><thead><tr><th scope="col">Date</th><th scope="col">Claim</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


# -- the source page ---------------------------------------------------------------------------------


def _innermost(keys: list[tuple[int, int]]) -> tuple[int, int]:
    return min(keys, key=lambda k: (k[1] - k[0], k[0]))


def source_text(
    b: Briefing, ctx: PageContext, src: Source, citing: list[tuple[Claim, Citation]], quoted: list[tuple[Question, Citation]] | None = None
) -> str:
    """The full text with every cited span highlighted; overlapping spans split into segments.

    Each segment is a link to the list entry (`#p-START-END`) of the shortest passage covering
    it, which names every claim citing it and the longer passages around it. `quoted`: spans
    cited by open questions, anchored, highlighted and listed like the claims' spans."""
    assert src.text is not None
    text = src.text.text
    entries = passage_spans(citing, quoted)
    spans: set[tuple[int, int]] = set(entries)
    not_claims = [(nc.citation.span.start, nc.citation.span.end, nc.reason) for nc in src.not_claims if nc.citation.span]
    bounds = sorted(
        {0, len(text), *(a for a, _ in spans), *(z for _, z in spans), *(a for a, _, _ in not_claims), *(z for _, z, _ in not_claims)}
    )
    anchors_at: dict[int, list[tuple[int, int]]] = {}
    for a, z in entries:
        anchors_at.setdefault(a, []).append((a, z))
    out = ['<div class="bf-source" lang="' + attr(src.language) + '">']
    for a, z in itertools.pairwise(bounds):
        for sa, sz in sorted(anchors_at.get(a, [])):
            out.append(f'<span class="bf-anchor" id="s-{sa}-{sz}" data-start="{sa}" data-end="{sz}"></span>')
        seg = esc(text[a:z])
        covering = [key for key in entries if key[0] <= a and z <= key[1]]
        nc = next(((s, e, r) for s, e, r in not_claims if s <= a and z <= e), None)
        if nc is not None:
            s, e, reason = nc
            out.append(
                f'<mark class="bf-notclaim" data-start="{a}" data-end="{z}" title="Not a claim: {attr(reason)}">'
                f'<a class="bf-hl__link" href="#p-{s}-{e}" aria-describedby="nc-{s}-{e}">{seg}</a></mark>'
            )
        elif covering:
            depth = min(len(covering), 3)
            pa, pz = _innermost(covering)
            out.append(
                f'<mark class="bf-hl bf-hl--{depth}" data-start="{a}" data-end="{z}">'
                f'<a class="bf-hl__link" href="#p-{pa}-{pz}">{seg}</a></mark>'
            )
        else:
            out.append(seg)
    out.append("</div>")
    return "".join(out)


def passage_spans(
    citing: list[tuple[Claim, Citation]], quoted: list[tuple[Question, Citation]] | None = None
) -> dict[tuple[int, int], tuple[list[Claim], list[Question]]]:
    """Each cited span once, with the claims and open questions citing it."""
    by_span: dict[tuple[int, int], tuple[list[Claim], list[Question]]] = {}
    for claim, cit in citing:
        assert cit.span is not None
        claims, _ = by_span.setdefault((cit.span.start, cit.span.end), ([], []))
        if claim not in claims:
            claims.append(claim)
    for q, cit in quoted or []:
        assert cit.span is not None
        _, qs = by_span.setdefault((cit.span.start, cit.span.end), ([], []))
        if q not in qs:
            qs.append(q)
    return by_span


def source_passages(
    b: Briefing, ctx: PageContext, src: Source, citing: list[tuple[Claim, Citation]], quoted: list[tuple[Question, Citation]] | None = None
) -> str:
    """Each cited span once, with links back to every claim citing it and the passages around it."""
    assert src.text is not None
    by_span = passage_spans(citing, quoted)
    keys = sorted(by_span)
    rows = []
    for a, z in keys:
        claims, qs = by_span[(a, z)]
        links = "".join(
            f'<li><a class="bf-backlink" href="{attr(claim_url(ctx, c.id))}">{esc(c.statement)}</a> {kind_badge(c)}</li>' for c in claims
        )
        links += "".join(
            f'<li><a class="bf-questionlink" href="{attr(ctx.url("open-questions/") + "#question-" + q.id)}">'
            f'{esc(q.question)}</a> <span class="bf-kind bf-kind--question">Open question</span></li>'
            for q in qs
        )
        around = [(s, e) for s, e in keys if s <= a and z <= e and (s, e) != (a, z)]
        within = ""
        if around:
            within = (
                '<p class="bf-within">Part of the longer passage'
                + ("s" if len(around) > 1 else "")
                + ": "
                + ", ".join(f'<a href="#p-{s}-{e}">characters {s}–{e}</a>' for s, e in around)
                + "</p>"
            )
        rows.append(
            f'<li class="bf-passage" id="p-{a}-{z}" data-start="{a}" data-end="{z}">'
            f'<p><a href="#s-{a}-{z}">Characters {a}–{z}</a>: {quote(text_of(src, a, z))}</p><ul>{links}</ul>{within}</li>'
        )
    for nc in src.not_claims:
        if nc.citation.span:
            s = nc.citation.span
            rows.append(
                f'<li class="bf-passage bf-passage--notclaim" id="p-{s.start}-{s.end}"><p>Characters {s.start}–{s.end}: '
                f'{quote(s.exact)}</p><p id="nc-{s.start}-{s.end}"><strong>Not a claim:</strong> {esc(nc.reason)}</p></li>'
            )
    return '<ol class="bf-passages">' + "".join(rows) + "</ol>"


def text_of(src: Source, a: int, z: int) -> str:
    assert src.text is not None
    return src.text.text[a:z]


def source_meta(src: Source, coverage: tuple[int, int] | None) -> str:
    cov = ""
    if coverage:
        c, t = coverage
        pct = 100.0 * c / t if t else 100.0
        cov = f"<tr><th scope='row'>Coverage</th><td>{c} of {t} sentences cited ({pct:.0f} %)</td></tr>"
    pub = src.published.label() if src.published else "unknown"
    pub_note = f" — {esc(src.published.note)}" if src.published and src.published.note else ""
    ret = src.retrieved.label() if src.retrieved else "unknown"
    title_note = f"<br><small>{esc(src.title_note)}</small>" if src.title_note else ""
    length = len(src.text.text) if src.text else 0
    return (
        '<table class="bf-meta"><tbody>'
        f"<tr><th scope='row'>Title</th><td>{esc(src.title)}{title_note}</td></tr>"
        f"<tr><th scope='row'>Publisher</th><td>{esc(src.publisher)}</td></tr>"
        f'<tr><th scope=\'row\'>Original</th><td><a href="{attr(src.url)}" rel="noopener">{esc(src.url)}</a></td></tr>'
        f"<tr><th scope='row'>Published</th><td>{esc(pub)} ({esc(src.published.precision if src.published else 'unknown')} precision){pub_note}</td></tr>"
        f"<tr><th scope='row'>Stored</th><td>{esc(ret)}</td></tr>"
        f"<tr><th scope='row'>Length</th><td>{length:,} characters</td></tr>"
        f"<tr><th scope='row'>sha256</th><td><code>{esc(src.sha256)}</code></td></tr>"
        f"{cov}</tbody></table>"
    )


# -- entities ----------------------------------------------------------------------------------------


def entity_header(e: Entity) -> str:
    aliases = ", ".join(f'<span class="bf-alias">“{esc(a)}”</span>' for a in e.aliases)
    desc = f'<p class="bf-entity-description">{esc(e.description)}</p>' if e.description else ""
    return f'<p class="bf-entity-type">{esc(e.type.capitalize())}</p>{desc}' + (
        f'<p class="bf-aliases">Also named in the source as: {aliases}</p>' if aliases else ""
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def entity_index(ctx: PageContext, entities: list[Entity], counts: dict[str, int]) -> str:
    by_type: dict[str, list[Entity]] = {}
    for e in sorted(entities, key=lambda e: e.name.casefold()):
        by_type.setdefault(e.type, []).append(e)
    out = []
    for t in sorted(by_type):
        items = "".join(
            f'<li><a href="{attr(ctx.url(f"entities/{e.id}/"))}">{esc(e.name)}</a> ({_count(counts.get(e.id, 0), "claim")})</li>'
            for e in by_type[t]
        )
        out.append(f'<h2 class="bf-entity-type" id="type-{attr(t)}">{esc(t.capitalize())}</h2><ul class="bf-entities">{items}</ul>')
    return "".join(out)


# -- footnotes ---------------------------------------------------------------------------------------

_USES = "abcdefghijklmnopqrstuvwxyz"


def notes(b: Briefing, ctx: PageContext) -> str:
    """One note per citation marker of the page: every passage behind it, each with the kind,
    voice and date of the claims citing it, its words and links; and the claims themselves.

    Collapsed on screen (the tooltips show the same), printed in full as the page's footnotes
    (briefing.css opens the details element for print). Each source is named once, above."""
    if not ctx.notes:
        return ""
    sources = [b.sources[sid] for sid in dict.fromkeys(p.cit.source for note in ctx.notes for p in note.passages)]
    named = "; ".join(f'<a href="{attr(source_url(ctx, s.id))}">{esc(s.title)}</a>, {esc(s.publisher)}' for s in sources)
    items = []
    for note in ctx.notes:
        n = note.n
        back = f'<a class="bf-note__back" href="#bf-ref-{note.refs[0]}" aria-label="Back to citation {n}">[{n}]</a>'
        if len(note.refs) > 1:  # Wikipedia's way: one link back to each marker sharing the number
            back += (
                ' <span class="bf-note__uses">↑ '
                + " ".join(
                    f'<a href="#bf-ref-{ref}" aria-label="Back to use {i + 1} of citation {n}">{_USES[i % 26]}</a>'
                    for i, ref in enumerate(note.refs)
                )
                + "</span>"
            )
        # The common note (one passage, one claim) is one line, as footnotes were before a
        # sentence could cite several claims; only a note with more has a list (the page's
        # every element costs the build time, in the search index too).
        single = len(note.passages) == 1 and len(note.claims) == 1
        tag = "span" if single else "li"
        passages = []
        for p in note.passages:
            src = b.sources[p.cit.source]
            assert src.text is not None
            frag = _fragment_link(src.url, src.text.text, p.span)
            metas = "; ".join(f'<span class="bf-note__meta">{context_line(b, c)}</span>' for c in p.claims)
            bases = "".join(f' <span class="bf-note__basis">{bl}</span>' for c in p.claims if (bl := basis_line(c)))
            claim_link = f' · <a href="{attr(claim_url(ctx, note.claims[0].id))}">the claim</a>' if single else ""
            passages.append(
                f'<{tag} class="bf-note__passage" data-start="{p.span.start}" data-end="{p.span.end}">{metas} '
                f"{quote(p.span.shown(src.text.text))}"
                + (f" — {esc(src.title)}" if len(sources) > 1 else "")
                + bases
                + f' <span class="bf-note__links"><a href="{attr(source_url(ctx, src.id, p.span))}">In the stored text</a> · '
                f'<a href="{attr(frag)}" rel="noopener">in the original</a>{claim_link}</span></{tag}>'
            )
        if single:
            items.append(f'<li id="bf-note-{n}" value="{n}">{back} {passages[0]}</li>')
            continue
        label = "The claim" if len(note.claims) == 1 else "The claims"
        claims = "; ".join(f'<a href="{attr(claim_url(ctx, c.id))}">{esc(c.statement)}</a>' for c in note.claims)
        items.append(
            f'<li id="bf-note-{n}" value="{n}">{back} <ul class="bf-note__passages">{"".join(passages)}</ul>'
            f'<span class="bf-note__claims">{label}: {claims}</span></li>'
        )
    count = len(ctx.notes)
    return (
        '\n\n<details class="bf-notes"><summary><h2 id="citations-on-this-page">Citations on this page</h2> '
        f'<span class="bf-notes__count">({_count(count, "citation")}, {_count(sum(len(n.passages) for n in ctx.notes), "passage")})</span></summary>'
        f'<p class="bf-notes__sources">Quoted from {named}.</p><ol>' + "".join(items) + "</ol></details>\n"
    )


# -- history, corrections, "last verified" (data from briefing.history) ------------------------------
# Added after the rest of the module: it renders briefing.history's records.
from briefing.history import (  # noqa: E402
    FIELD_LABELS,
    RECORD_LABELS,
    TRACKED_BY_RECORD,
    BuildInfo,
    ClaimState,
    Event,
    QuoteState,
    page_url,
)

_EVENT_LABELS = {"added": "Added", "corrected": "Corrected", "withdrawn": "Withdrawn", "restored": "Restored"}


def day_label(iso: str) -> str:
    """'2024-05-02T10:00:00+02:00' -> '2 May 2024'."""
    return format_value(iso[:10], "day")


def _history_date(d: dict[str, object] | None) -> str:
    if not d:
        return "none"
    try:
        text = format_value(str(d.get("value") or ""), str(d.get("precision") or "unknown"))
        if d.get("end"):
            text += " – " + format_value(str(d["end"]), str(d.get("precision") or "unknown"))
    except (ValueError, IndexError):
        text = str(d.get("value"))
    return f"{text} ({d.get('precision', 'unknown')} precision)"


def _history_field(b: Briefing, state: ClaimState, name: str) -> str:
    value = getattr(state, name)
    if name == "likelihood":
        return esc(LIKELIHOOD_LABELS.get(str(value), value or "none"))
    if name == "confidence":
        return esc(CONFIDENCE_LABELS.get(str(value), value or "none"))
    if name == "kind" and state.record == "judgment":
        return esc(JUDGMENT_KIND_LABELS.get(str(value), value or "none"))
    if name == "rests_on":
        return esc(", ".join(value)) if value else "none"
    if name == "kind":
        return esc(KIND_LABELS.get(str(value), value or "none"))
    if name == "speaker":
        return esc(b.entities[value].name if value in b.entities else (value or "none"))
    if name == "date":
        return esc(_history_date(value))
    return esc(value if value is not None else "none")


def _word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts escaped, with the words that differ wrapped in <del> and <ins>."""
    from difflib import SequenceMatcher

    a, z = old.split(), new.split()
    before, after = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=z, autojunk=False).get_opcodes():
        left, right = esc(" ".join(a[i1:i2])), esc(" ".join(z[j1:j2]))
        if op == "equal":
            before.append(left)
            after.append(right)
            continue
        if left:
            before.append(f"<del>{left}</del>")
        if right:
            after.append(f"<ins>{right}</ins>")
    return " ".join(before), " ".join(after)


def history_quotes(b: Briefing, ctx: PageContext, quotes: tuple[QuoteState, ...]) -> str:
    """Citations as they stood at a commit: the source words they resolved to there."""
    if not quotes:
        return '<p class="bf-empty">No citations.</p>'
    items = []
    for q in quotes:
        src = b.sources.get(q.source)
        title = esc(src.title) if src else esc(q.source)
        if q.shown is not None:
            where = f" (characters {q.start}–{q.end})"
            items.append(f"<li>{quote(q.shown)} — {title}{where}</li>")
        else:
            items.append(f"<li>quote {quote(q.quote)} — {title} (not found in the source as it was then)</li>")
    return '<ul class="bf-history__quotes">' + "".join(items) + "</ul>"


def history_event(b: Briefing, ctx: PageContext, ev: Event, link_claim: bool = False) -> str:
    """One step of a claim's history: when, what, why (the commit message), before and after."""
    label = _EVENT_LABELS.get(ev.kind, ev.kind)
    typo = ' <span class="bf-typo">typo fix</span>' if ev.kind == "corrected" and ev.typo else ""
    what = f" ({', '.join(esc(FIELD_LABELS.get(f, f)) for f in ev.changed)})" if ev.changed and ev.kind == "corrected" else ""
    claim = ""
    if link_claim and ev.record == "judgment":
        # A key judgment lives on the home page; a withdrawn one has no anchor left to link to.
        jid = f"key judgment <code>{esc(ev.claim_id)}</code>"
        if ev.claim_id in b.judgments:
            jid = f'<a class="bf-history__judgment" href="{attr(ctx.url("") + "#judgment-" + ev.claim_id)}">{jid}</a>'
        claim = jid + " · "
    elif link_claim and ev.record != "claim":
        claim = _record_link(b, ctx, ev) + " · "
    elif link_claim:
        claim = f'<a class="bf-history__claim" href="{attr(claim_url(ctx, ev.claim_id))}"><code>{esc(ev.claim_id)}</code></a> · '
    head = (
        f'<p class="bf-history__head"><time datetime="{attr(ev.date)}">{esc(day_label(ev.date))}</time> · {claim}'
        f"<strong>{esc(label)}</strong>{what}{typo} · commit <code>{esc(ev.short)}</code></p>"
    )
    text = ev.reason if ev.kind == "withdrawn" else ev.message
    why = "".join(f"<p>{esc(p)}</p>" for p in text.split("\n\n") if p.strip())
    body = f'<div class="bf-history__why">{why}</div>' if why else ""
    rows = []
    if ev.kind == "added" and ev.after is not None:
        rows.append(f"<dt>Statement</dt><dd>{_history_field(b, ev.after, 'statement')}</dd>")
        rows.append(f"<dt>Citations</dt><dd>{history_quotes(b, ctx, ev.after.citations)}</dd>")
    elif ev.kind == "withdrawn" and ev.before is not None and ev.record not in ("claim", "judgment"):
        for name in TRACKED_BY_RECORD[ev.record]:
            rows.append(f"<dt>Last {esc(FIELD_LABELS.get(name, name))}</dt><dd>{_history_text(ev.before, name)}</dd>")
    elif ev.kind == "withdrawn" and ev.before is not None:
        rows.append(f"<dt>Last statement</dt><dd>{_history_field(b, ev.before, 'statement')}</dd>")
        if ev.record == "judgment":
            if ev.before.likelihood:
                rows.append(f"<dt>Last likelihood</dt><dd>{_history_field(b, ev.before, 'likelihood')}</dd>")
        else:
            rows.append(f"<dt>Last citations</dt><dd>{history_quotes(b, ctx, ev.before.citations)}</dd>")
    elif ev.before is not None and ev.after is not None:
        for name in ev.changed:
            if name == "citations":
                rows.append(
                    f"<dt>Source words before</dt><dd>{history_quotes(b, ctx, ev.before.citations)}</dd>"
                    f"<dt>Source words after</dt><dd>{history_quotes(b, ctx, ev.after.citations)}</dd>"
                )
            elif name == "body":
                rows.extend(_blocks_diff(ev.before.body, ev.after.body))
            elif name in _TEXT_FIELDS and getattr(ev.before, name) and getattr(ev.after, name):
                old, new = _word_diff(getattr(ev.before, name), getattr(ev.after, name))
                title = esc(FIELD_LABELS.get(name, name).capitalize())
                rows.append(f"<dt>{title} before</dt><dd>{old}</dd><dt>{title} after</dt><dd>{new}</dd>")
            else:
                title = esc(FIELD_LABELS.get(name, name).capitalize())
                rows.append(
                    f"<dt>{title} before</dt><dd>{_history_field(b, ev.before, name)}</dd>"
                    f"<dt>{title} after</dt><dd>{_history_field(b, ev.after, name)}</dd>"
                )
    diff = f'<dl class="bf-history__diff">{"".join(rows)}</dl>' if rows else ""
    return (
        f'<li class="bf-history__event bf-history__event--{attr(ev.kind)}" id="change-{attr(ev.short)}-{attr(ev.claim_id)}">'
        f"{head}{body}{diff}</li>"
    )


# Text a reader reads whole: a change is shown word by word.
_TEXT_FIELDS = ("statement", "question", "name", "description", "discussion", "title")
_RECORD_URLS = {"topic": "topics/{}/", "question": "open-questions/#question-{}", "entity": "entities/{}/"}


def _record_link(b: Briefing, ctx: PageContext, ev: Event) -> str:
    """What a topic, open question, entity or page event is about, linked while it exists."""
    label = esc(RECORD_LABELS.get(ev.record, ev.record))
    if ev.record == "page":
        title = (ev.after or ev.before).title if (ev.after or ev.before) else None  # type: ignore[union-attr]
        text = f"{label} “{esc(title)}”" if title else f"{label} <code>{esc(ev.claim_id)}</code>"
        return f'<a class="bf-history__page" href="{attr(ctx.url(page_url(ev.claim_id)))}">{text}</a>'
    text = f"{label} <code>{esc(ev.claim_id)}</code>"
    tables = {"topic": b.topics, "question": b.questions, "entity": b.entities}
    if ev.claim_id in tables.get(ev.record, {}):
        return f'<a class="bf-history__{attr(ev.record)}" href="{attr(ctx.url(_RECORD_URLS[ev.record].format(ev.claim_id)))}">{text}</a>'
    return text


def _history_text(state: ClaimState, name: str) -> str:
    value = getattr(state, name)
    if name == "body":
        return "".join(f"<p>{esc(p)}</p>" for p in value) or "none"
    return esc(value) if value else "none"


def _blocks_diff(old: tuple[str, ...], new: tuple[str, ...]) -> list[str]:
    """The paragraphs of a page that changed, each before and after, word by word."""
    from difflib import SequenceMatcher

    rows = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, z = old[i1:i2], new[j1:j2]
        for k in range(max(len(a), len(z))):
            before, after = _word_diff(a[k] if k < len(a) else "", z[k] if k < len(z) else "")
            rows.append(f"<dt>Text before</dt><dd>{before or 'none'}</dd><dt>Text after</dt><dd>{after or 'none'}</dd>")
    return rows


def history_section(b: Briefing, ctx: PageContext, events: list[Event], unavailable: str = "") -> str:
    """The "History" part of a claim page, oldest first."""
    head = '<h2 class="bf-history__title" id="history">History</h2>'
    if unavailable:
        return head + f'<p class="bf-history-unavailable">The history is unavailable in this build: {esc(unavailable)}.</p>'
    if not events:
        return head + (
            '<p class="bf-history-unavailable">Not yet in the repository history: this claim was added or changed '
            "after the commit this site was built from.</p>"
        )
    items = "".join(history_event(b, ctx, e) for e in events)
    return (
        head + '<p class="bf-history__intro">Every change to what this claim says or cites, from the repository history, '
        "oldest first; the reason is the commit message.</p>"
        f'<ol class="bf-history">{items}</ol>'
    )


def corrections_list(b: Briefing, ctx: PageContext, events: list[Event], unavailable: str = "", empty: str = "None so far.") -> str:
    """Changes across all claims, newest first, each linked to its claim's permalink."""
    if unavailable:
        return f'<p class="bf-history-unavailable">The correction history is unavailable in this build: {esc(unavailable)}.</p>'
    if not events:
        return f'<p class="bf-empty">{esc(empty)}</p>'
    return '<ol class="bf-history bf-corrections">' + "".join(history_event(b, ctx, e, link_claim=True) for e in events) + "</ol>"


def withdrawn_claim(b: Briefing, ctx: PageContext, ev: Event, events: list[Event]) -> str:
    """The page left at a withdrawn claim's permalink: when and why, and its last text."""
    state = ev.before
    replaced = [cid for cid in ev.replaced_by if cid in b.claims]
    instead = ""
    if replaced:
        instead = (
            '<p class="bf-withdrawn__instead"><strong>See instead:</strong> '
            + "; ".join(f'<a href="{attr(claim_url(ctx, cid))}">{esc(b.claims[cid].statement)}</a>' for cid in replaced)
            + "</p>"
        )
    last = ""
    if state is not None:
        meta = [esc(KIND_LABELS.get(str(state.kind), state.kind or ""))] if state.kind else []
        if state.speaker:
            meta.append("said by " + _history_field(b, state, "speaker"))
        if state.date:
            meta.append("dated " + _history_field(b, state, "date"))
        last = (
            '<h2 id="last-text">Its last text</h2>'
            f'<blockquote class="bf-withdrawn__statement"><p>{esc(state.statement or "")}</p></blockquote>'
            + (f'<p class="bf-card__meta">{" · ".join(meta)}</p>' if meta else "")
            + "<p>It cited:</p>"
            + history_quotes(b, ctx, state.citations)
        )
    return (
        f'<div class="bf-withdrawn" data-claim="{attr(ev.claim_id)}">'
        f'<p class="bf-withdrawn__notice"><strong>Withdrawn on <time datetime="{attr(ev.date)}">{esc(day_label(ev.date))}</time>:</strong> '
        f"{esc(ev.reason)}</p>{instead}"
        "<p>This claim is no longer part of the briefing. Its page stays so that links to it keep working; "
        f'every withdrawal is listed in the <a href="{attr(ctx.url("corrections/"))}">corrections log</a>.</p>'
        f"{last}</div>" + history_section(b, ctx, events)
    )


def verified_footer(ctx: PageContext, bi: BuildInfo, rests_on: int, total: int) -> str:
    """When the check last passed on this page's content (the build commit's date) and on how many claims."""
    if bi.known:
        extra = " plus uncommitted changes" if bi.dirty else ""
        when = (
            f'<time datetime="{attr(bi.date)}">{esc(day_label(bi.date))}</time> '
            f"(build commit <code>{esc(bi.commit[:10])}</code>{esc(extra)})"
        )
    else:
        when = "unverified build (no git)"
    # "Shows": what the page cites, lists, counts or highlights (the caller counts them all).
    rests = f"this page shows <strong>{rests_on}</strong> claim{'s' if rests_on != 1 else ''}" if rests_on else "this page shows no claim"
    return (
        f'\n\n<p class="bf-verified"><strong>Last verified:</strong> {when}. {rests.capitalize()}; the check passed on all '
        f"{_count(total, 'claim')} of the briefing. "
        f'<a href="{attr(ctx.url("verification/"))}">How it is checked</a></p>\n'
    )


def withdrawn_list(ctx: PageContext, withdrawn: dict[str, Event], unavailable: str = "") -> str:
    """Every withdrawn claim, linked to the page that stays at its permalink."""
    if unavailable:
        return f'<p class="bf-history-unavailable">The list of withdrawn claims is unavailable in this build: {esc(unavailable)}.</p>'
    if not withdrawn:
        return '<p class="bf-empty">No claim has been withdrawn.</p>'
    items = "".join(
        f'<li><a href="{attr(claim_url(ctx, cid))}"><code>{esc(cid)}</code></a>: withdrawn on '
        f'<time datetime="{attr(ev.date)}">{esc(day_label(ev.date))}</time>. “{esc(ev.before.statement if ev.before else "")}”</li>'
        for cid, ev in sorted(withdrawn.items(), key=lambda kv: (-kv[1].order, kv[0]))
    )
    return f'<ul class="bf-withdrawn-list">{items}</ul>'
