"""Support: a claim's statement says no more than its evidence — its numbers, the entities it
names and lists, its speaker and relayer, its negations are in the cited words (an inference: in
the claims it rests on and its basis), and it is the briefing's own sentence, not the quote."""

from __future__ import annotations

import dataclasses
import hashlib
from bisect import bisect_left
from dataclasses import replace
from typing import NamedTuple

from briefing import lexicon
from briefing.diagnostics import Diagnostic, anchor_key, ref_key
from briefing.evidence import cited, holding_parts, inference_words, sentences_and_starts
from briefing.glyphs import visible_mapped
from briefing.lexicon import FUNCTION_WORDS, NEGATION_PARTICLES, NEGATIONS
from briefing.model import Briefing, Claim, Source
from briefing.names import Mention, NameIndex, name_key
from briefing.reading import Reading, Words, read, words_of
from briefing.rules.anchoring import fragment_findings, skipped
from briefing.rules.base import Finding, Report, at, at_finding
from briefing.rules.dates import check_dates, date_support
from briefing.rules.draft import cited_words, draft_diagnostic, is_draft
from briefing.rules.kinds import kind_parity
from briefing.rules.modality import modality_findings
from briefing.rules.quantities import unsupported_quantities
from briefing.rules.roles import attribution, role_order_findings
from briefing.rules.vocabulary import unsupported_words


def support_key(b: Briefing, c: Claim, names: NameIndex) -> str | None:
    """What the support verdict on `c` is a function of, as one digest; None if not all is known.

    The verdict reads the claim, the names of every entity (a statement may name any of them),
    its cited spans and the sentences holding them (so the sources' texts and records), and for
    an inference the claims it rests on, transitively (their statements and cited spans). Each of
    those is named by the sha256 of its file, so an edit to any of them gives a new key and the
    verdict is made afresh.
    """
    parts = ["support-3", c.path, c.digest, names.digest]
    todo, seen = [c], {c.id}
    while todo:
        cur = todo.pop()
        parts.append(cur.digest)
        for cit in cur.citations:
            src = b.sources.get(cit.source)
            parts.append(f"{src.digest}:{src.actual_sha256}" if src is not None else f"no-source:{cit.source}")
        if cur.kind != "inference" and cur is not c:
            continue
        for cid in cur.based_on:
            dep = b.claims.get(cid)
            if dep is None:
                parts.append(f"no-claim:{cid}")
            elif cid not in seen:
                seen.add(cid)
                todo.append(dep)
    if not all(parts):
        return None  # a record without a digest (not loaded from a file): nothing to key on
    return "support:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()



def claim_key(report: Report, b: Briefing, c: Claim, names: NameIndex) -> str | None:
    """`support_key` of `c`, made once per run (kept on the report)."""
    keys = report.claim_keys
    if c.id not in keys:
        keys[c.id] = support_key(b, c, names)
    return keys[c.id]


def check_support(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    names = NameIndex.of(b)
    for c in b.claims.values():
        if any(cit.span is None for cit in c.citations):
            continue  # anchoring already failed; support cannot be judged
        key = claim_key(report, b, c, names) if report.memo is not None else None
        if key is not None and (hit := report.memo.get(key)) is not None:
            found = [Diagnostic(*d) for d in hit["diagnostics"]]
        else:
            found = _support_of(b, c, names)
            if key is not None:
                report.memo.put(key, {"diagnostics": [list(d.as_tuple()) for d in found]})
        if found:  # (what a finding may follow from, asked only of a claim with one)
            gaps = evidence_gaps(b, c)
            out.extend(replace(d, follows_from=gaps) if gaps else d for d in found)
    # Key judgments are held to the claims they rest on with every other reader-facing field (rules.fields).
    report.counts["claims checked for support"] = len(b.claims)
    out.extend(check_dates(b, report))  # what a date claims: no more precision than it has
    return out


def evidence_gaps(b: Briefing, c: Claim | None, rests_on: list[str] | None = None) -> tuple[str, ...]:
    """The reported causes a support verdict may follow from: an entity the claim names that is
    unknown (its names could not be looked for), and for an inference (or a judgment's
    `rests_on`, or a page sentence's citations), a claim it rests on that is unknown, whose
    citations did not anchor or which names an unknown entity, at any depth (its evidence is
    incomplete)."""
    keys: list[str] = []
    todo: list[str] = list(rests_on or [])
    if c is not None:
        keys += [ref_key("entity", e) for e in (*c.entities, c.speaker, c.relayed_by) if e and e not in b.entities]
        todo += c.based_on if c.kind == "inference" else []
    seen: set[str] = set()
    while todo:
        cid = todo.pop()
        if cid in seen:
            continue
        seen.add(cid)
        dep = b.claims.get(cid)
        if dep is None:
            keys.append(ref_key("claim", cid))
            continue
        if any(cit.span is None for cit in dep.citations):
            keys.append(anchor_key(dep.path))
        # An entity it names that is unknown: its names could not be looked for in what rests on it.
        keys += [ref_key("entity", e) for e in (*dep.entities, dep.speaker, dep.relayed_by) if e and e not in b.entities]
        if dep.kind == "inference":
            todo += dep.based_on
    return tuple(keys)


NEGATION_OVERRIDE = "negation_differs"  # the claim key that explains a deliberate negation mismatch
# The exceptions an editor may write, one per rule at most, and the codes each may excuse. An
# exception is for an inference only: a claim about what the source does or does not say (that
# the article names no engine; that its summary is firmer than its quotation). It excuses a
# difference of polarity or of certainty between the statement and its words, never a word,
# figure, name, speaker, date, kind, quote or character the source lacks; it is printed as a
# warning[override], shown on the claim's page and in the verification report; and one that
# excuses nothing fails (`override-unused`).
OVERRIDES: dict[str, tuple[str, ...]] = {
    NEGATION_OVERRIDE: ("negation-mismatch",),
    "modality_differs": ("modality-unsupported", "modality-dropped"),
}


def overrides_of(c: Claim) -> list[tuple[str, str, tuple[str, ...]]]:
    """(key, reason, codes it may excuse) for each exception the claim writes."""
    return [(key, str(c.data[key]).strip(), codes) for key, codes in OVERRIDES.items() if isinstance(c.data.get(key), str)]


_OVERRIDE_KEYS = frozenset(OVERRIDES)


def _apply_overrides(c: Claim, found: list[Diagnostic]) -> list[Diagnostic]:
    if _OVERRIDE_KEYS.isdisjoint(c.data):
        return found  # no exception written (most claims)
    out = list(found)
    for key, reason, codes in overrides_of(c):
        hit = [d for d in out if d.code in codes and d.severity == "error"]
        if c.kind != "inference":
            out.append(
                at(
                    c,
                    (key,),
                    "override-not-allowed",
                    f"{key} is an exception only an inference may carry (a claim about what the source does or does not say); "
                    f"a {c.kind} claim says what its words say: fix the statement, or make it an inference with based_on and basis",
                )
            )
        elif not hit:
            out.append(
                at(
                    c,
                    (key,),
                    "override-unused",
                    f"{key} explains a difference ({' / '.join(codes)}) that is not there: the statement and its evidence agree; remove it",
                )
            )
        else:
            out = [d for d in out if d not in hit]
            out.append(at(c, (key,), "override", f"{' / '.join(sorted({d.code for d in hit}))} excused on this claim: {reason}", "warning"))
    return out


def _support_of(b: Briefing, c: Claim, names: NameIndex | None = None) -> list[Diagnostic]:
    """Whether the claim's evidence carries its words, figures, entities, speaker, negations,
    hedges, roles and dates, whether it is told as the kind its words are, and whether the
    statement is the briefing's own sentence rather than the quote copied."""
    names = names or NameIndex.of(b)
    out: list[Diagnostic] = []
    # The statement as a reader sees it (look-alike letters read as the letters they pass for,
    # invisible characters dropped): a disguised "not" or name is judged as what it shows, and
    # the script rule reports the disguise. Each finding is placed back where it is written.
    shown, back = visible_mapped(c.statement)
    original = c
    if back is not None:
        c = dataclasses.replace(c, statement=shown)
    said = read(shown).whole()
    evidence = cited(b, c)
    inference = c.kind == "inference"
    wider = inference_words(b, c) if inference else evidence
    where = "the claims it rests on or its basis" if inference else "its cited quotes"
    where_words = "the claims it rests on and its basis" if inference else "its cited words"
    listed = {*c.entities, c.speaker, c.relayed_by} - {None}
    mentions = names.mentions(said)
    named = names.named(wider)
    # Names are the entity rules' to judge, so their words are not content words; digits inside
    # the name of a listed entity belong to the name ("Long March 5"), when the evidence writes
    # that very name (an alias added for the purpose does not hide its digits).
    judged = tuple((m.start, m.end) for m in mentions)
    if any(m.eid in listed for m in mentions):
        written = names.named_keys(wider)
        masked = tuple((m.start, m.end) for m in mentions if m.eid in listed and (m.name in written or m.eid not in named))
    else:
        masked = ()  # (a listed entity the evidence does not name at all is `entity-not-in-evidence`, one problem)

    # (Each rule's findings placed where the statement writes them; most rules find nothing.)
    if got := unsupported_quantities(said, wider, masked, where):
        out.extend(at_finding(original, _STATEMENT, f, back) for f in got)
    for i, eid in enumerate(c.entities):
        ent = b.entities.get(eid)
        # An inference's evidence is what it rests on, as for its numbers.
        if ent is not None and eid not in named:
            w = "the cited quotes nor the claims it rests on or its basis" if inference else "the cited quotes"
            out.append(
                at(
                    c,
                    ("entities", i),
                    "entity-not-in-evidence",
                    f"entity {eid!r} ({' / '.join(ent.names)}) is not named in {w}; cite a span that names it or drop it",
                )
            )
    out.extend(_statement_entities(b, c, mentions, listed, named, back))
    if got := unsupported_words(said, wider, judged, where_words, c.kind == "attributed", _source_words(b, c)):
        out.extend(at_finding(original, _STATEMENT, f, back) for f in got)
    # What the statement asserts may rest on an inference's basis; the hedges it must carry are its cited words'.
    if got := modality_findings(said, wider, where_words, hedged=evidence):
        out.extend(at_finding(original, _STATEMENT, f, back) for f in got)
    if c.kind == "attributed":
        out.extend(_speakers(b, c, evidence, names))
    if got := role_order_findings(said, wider, names, where_words):
        out.extend(at_finding(original, _STATEMENT, f, back) for f in got)
    out.extend(_negations(b, c, said, evidence, back))
    out.extend(kind_parity(b, c, evidence))
    out.extend(fragment_findings(b, c, names))
    out.extend(date_support(b, c, wider))
    quoted = cited_words(b, c)
    if quoted and is_draft(c.statement, quoted):  # the quote copied as the briefing's sentence
        out.append(draft_diagnostic(c))
    return _apply_overrides(c, out)


_STATEMENT = ("statement",)


def _source_words(b: Briefing, c: Claim) -> frozenset[str]:
    """The words of the titles and publishers of the sources a claim cites: what a statement may
    call its source ("the notes say", "the review says")."""
    ids = {cit.source for cit in c.citations}
    if len(ids) == 1:
        src = b.sources.get(next(iter(ids)))
        return _titles(src) if src is not None else frozenset()
    out: set[str] = set()
    for sid in ids:
        src = b.sources.get(sid)
        if src is not None:
            out.update(_titles(src))
    return frozenset(out)


def _titles(src: Source) -> frozenset[str]:
    got = src.__dict__.get("_title_words")
    if got is None:
        got = src.__dict__["_title_words"] = frozenset(read(f"{src.data.get('title', '')} {src.data.get('publisher', '')}").lows) - FUNCTION_WORDS
    return got


def _speakers(b: Briefing, c: Claim, evidence: Words, names: NameIndex) -> list[Diagnostic]:
    """An attributed claim's speaker and relayer are the ones its cited sentences name as such,
    or, where a sentence names no one ("he said"), at least named in the cited words."""
    out: list[Diagnostic] = []
    parts = holding_parts(b, c)
    held = Words(part for _, part in parts)
    atts = [(text, attribution(part, names)) for text, part in parts]
    speakers = set().union(*(a.speakers for _, a in atts)) if atts else set()
    relayers = set().union(*(a.relayers for _, a in atts)) if atts else set()
    spk, rel = c.speaker, c.relayed_by
    swapped = False
    # What the cited words and their sentences name (part by part, so the union of the two; the
    # cited words' were found for the support rules already).
    context = names.named(evidence) | names.named(held)
    if spk in b.entities:
        wrong = [(s, a) for s, a in atts if a.names_speaker() and spk not in a.speakers and not (a.person_of and names.types.get(spk) == "person")]
        if wrong:
            s, a = wrong[0]
            who = ", ".join(sorted(a.speakers | {f"a person of {x}" for x in a.person_of}))
            if spk in a.relayers:
                swapped = rel is not None and rel in a.speakers
                msg = (
                    f"speaker {spk!r} is who passed the words on in the cited sentence, not who said them ({who} did): "
                    + ("speaker and relayed_by are swapped; swap them" if swapped else f"make {who} the speaker and {spk} relayed_by")
                )
            else:
                msg = f"the cited sentence gives these words to {who}, not to {spk!r}: the speaker is the one the source says speaks"
            out.append(at(c, ("speaker",), "speaker-not-attributed", msg + f" (sentence: {_short(s)!r})"))
        elif spk not in context:
            out.append(at(c, ("speaker",), "speaker-not-named", f"speaker {spk!r} is not named in the cited span or its sentence; cite the words that attribute it"))
    if rel in b.entities and not swapped and rel != spk:  # the same entity twice: `relayed-by-is-speaker`
        if rel not in context:
            out.append(
                at(
                    c,
                    ("relayed_by",),
                    "relayed-by-not-named",
                    f"relayed_by {rel!r} is not named in the cited span or its sentence; cite the words that say who passed the words on (e.g. 'Sputnik quoted …')",
                )
            )
        elif rel not in relayers and (relayers or rel in speakers):
            who = ", ".join(sorted(relayers)) or "no one"
            why = "it is who speaks there" if rel in speakers else f"the cited sentences say {who} did"
            out.append(at(c, ("relayed_by",), "relayer-not-attributed", f"relayed_by {rel!r} did not pass the words on in the cited sentences ({why}); name the one who quoted"))
    return out


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _statement_entities(
    b: Briefing, c: Claim, mentions: list[Mention], listed: set[str | None], named: set[str], back: list[int] | None
) -> list[Diagnostic]:
    """Every entity the statement names is named by its evidence and listed in `entities`.

    A listed entity is held to its evidence by the entity and speaker rules; here, the ones the
    statement names that the claim does not list."""
    out: list[Diagnostic] = []
    seen: set[str] = set()
    for m in mentions:
        if m.eid in listed or m.eid in seen:
            continue
        seen.add(m.eid)
        said = next((n for n in b.entities[m.eid].names if name_key(n) == m.name), c.statement[m.start : m.end])
        if m.eid in named:
            out.append(
                at(
                    c,
                    ("entities",),
                    "entity-not-listed",
                    f"the statement names {said!r} (entity {m.eid!r}) but entities does not list it; add {m.eid} to entities",
                )
            )
            continue
        where = "the claims it rests on nor its basis name" if c.kind == "inference" else "its cited quotes do not name"
        msg = (
            f"the statement names {said!r} (entity {m.eid!r}) but {where} it; cite words that name it and list it "
            "in entities, or leave it out of the statement"
        )
        out.append(at_finding(c, ("statement",), Finding("statement-entity-not-cited", m.start, m.end, said, msg), back))
    return out


# `anchor.NEGATION` on lower-cased text, where a pattern that starts with a letter lets the regex
# engine skip ahead to each "n" or "c" (about 3x faster on a claim's words); the word boundary
# before the match is tested by hand. A property test holds the two to the same answers.

class Negation(NamedTuple):
    i: int
    k: int
    words: str  # the phrase, folded


_NEGATION_TABLE = lexicon.phrase_table(NEGATIONS)


def _negation_scan(r: Reading) -> list[Negation]:
    return [Negation(i, k, p) for i, k, p in r.phrases(_NEGATION_TABLE)]


def negations(text: str | Words) -> list[Negation]:
    """The negations of `text` (`lexicon.NEGATIONS`: not, no, never, n't, and the words of
    refusal, failure and lack), in order."""
    return words_of(text).found("negations", _negation_scan)


def _telling_negation(text: str) -> str | None:
    """The negation of `text` a reader most needs named: its first "not", "no", "never" … if it
    has one, else its first word of refusal, failure or lack."""
    found = negations(text)
    if not found:
        return None
    return next((n.words for n in found if n.words in NEGATION_PARTICLES), found[0].words)


def _negations(b: Briefing, c: Claim, said: Words, evidence: Words, back: list[int] | None) -> list[Diagnostic]:
    """Citations in one sentence are read as one quote joined by ellipses, so the words between
    them may not drop what an ellipsis may not (a negation, a hedge, a contrast, the head of the
    phrase): two citations must not do what one ellipsis may not. And a negation in the cited
    words and none in the statement, or the reverse, fails (unless an inference explains why
    under `negation_differs`)."""
    out: list[Diagnostic] = []
    pieces: dict[str, list[tuple[int, int, int]]] = {}
    for i, cit in enumerate(c.citations):
        if cit.span is not None:
            pieces.setdefault(cit.source, []).extend((a, z, i) for a, z in cit.span.pieces)
    for sid, lst in pieces.items():
        src = b.sources.get(sid)
        if src is None or src.text is None or len(lst) < 2:
            continue
        units, starts = sentences_and_starts(src)
        lst.sort()
        reach, holder = lst[0][1], lst[0][2]
        for a, z, i in lst[1:]:
            if a > reach and i != holder:
                k = bisect_left(starts, a + 1) - 1
                if k >= 0 and units[k].start <= reach and a < units[k].end:
                    gap = src.text.text[reach:a]
                    got = ("negation", neg) if (neg := _telling_negation(gap)) else skipped(gap, src.text.text[a:z])
                    if got is not None:
                        what, words = got
                        shown = gap.strip() if len(gap.strip()) <= 60 else gap.strip()[:57] + "…"
                        drops = {
                            "negation": f"that drops {words!r}",
                            "hedge": f"that drops {words!r}, a hedge",
                            "contrast": f"that drops {words!r}, which turns what follows",
                            "role": "that drops the words saying who or what the next piece is about",
                        }[what]
                        out.append(
                            at(
                                c,
                                c.citations[i].field_path + ("quote",),
                                f"citations-skip-{what}",
                                f"citations {holder + 1} and {i + 1} are in one sentence, so they are read as one quote, which "
                                f"skips {shown!r} between them: {drops}; quote those words too, or cite the sentence whole",
                            )
                        )
            if z > reach:
                reach, holder = z, i
    neg_said, neg_cited = negations(said), negations(evidence)
    stated = neg_said[0].words if neg_said else None
    cited = neg_cited[0].words if neg_cited else None
    if bool(stated) != bool(cited):
        if cited:
            msg = f"the cited words hold a negation ({cited!r}) and the statement has none: it may say the opposite of its source"
        else:
            msg = f"the statement holds a negation ({stated!r}) and the cited words have none: it may say the opposite of its source"
        out.append(
            at(
                c,
                ("statement",),
                "negation-mismatch",
                msg + "; fix the statement or cite the words that carry its negation (if the claim is the editors' reading of "
                f"what the source leaves out, it is an inference that may explain the difference in {NEGATION_OVERRIDE})",
            )
        )
    return out
