"""Support: a claim's statement says no more than its evidence — its numbers, the entities it
names and lists, its speaker and relayer, its negations are in the cited words (an inference: in
the claims it rests on and its basis), and it is the briefing's own sentence, not the quote."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, replace

from briefing.diagnostics import Diagnostic, anchor_key, ref_key
from briefing.evidence import cited_text, holding_sentences, inference_evidence, source_sentences
from briefing.model import Briefing, Claim
from briefing.rules.base import Report, at
from briefing.rules.dates import check_dates, date_support
from briefing.rules.draft import cited_words, draft_diagnostic, is_draft
from briefing.text import TOKENS, folded, has_number, names_entity, negation_in, numbers_in


def support_key(b: Briefing, c: Claim, names: NameIndex) -> str | None:
    """What the support verdict on `c` is a function of, as one digest; None if not all is known.

    The verdict reads the claim, the names of every entity (a statement may name any of them),
    its cited spans and the sentences holding them (so the sources' texts and records), and for
    an inference the claims it rests on, transitively (their statements and cited spans). Each of
    those is named by the sha256 of its file, so an edit to any of them gives a new key and the
    verdict is made afresh.
    """
    parts = ["support-2", c.path, c.digest, names.digest]
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



@dataclass
class NameIndex:
    """Every entity's names, folded and split into tokens: a statement is searched for all of them
    in one pass over its tokens, each looked up by the token runs that start there. The cost
    depends on the statement's length, not on how many entities the briefing has."""

    lengths: dict[str, tuple[int, ...]]  # first token -> the token counts of the names it starts
    by_tokens: dict[tuple[str, ...], list[tuple[str, str]]]  # tokens -> [(folded name, entity id)]
    digest: str  # of every entity record: what a verdict reading these names depends on

    @classmethod
    def of(cls, b: Briefing) -> NameIndex:
        by_tokens: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        lengths: dict[str, set[int]] = {}
        h = hashlib.sha256(b"names-1")
        for eid in sorted(b.entities):
            ent = b.entities[eid]
            h.update(f"\0{eid}\0{ent.digest or ent.names!r}".encode())
            for n in sorted({folded(n) for n in ent.names if n and n.strip()}):
                toks = tuple(TOKENS.findall(n))
                if toks:
                    by_tokens.setdefault(toks, []).append((n, eid))
                    lengths.setdefault(toks[0], set()).add(len(toks))
        return cls({t: tuple(sorted(ks)) for t, ks in lengths.items()}, by_tokens, h.hexdigest())

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Whole-word mentions of entities in `text` as (start, end, entity id) in the folded text;
        a name inside a longer one ("China" in "China National Space Administration") is not a
        mention of its own."""
        hay = folded(text)
        toks, starts, ends = [], [], []
        for m in TOKENS.finditer(hay):
            toks.append(m.group(0))
            starts.append(m.start())
            ends.append(m.end())
        found: list[tuple[int, int, str]] = []
        for i, tok in enumerate(toks):
            for k in self.lengths.get(tok, ()):
                if i + k > len(toks):
                    break
                a, z = starts[i], ends[i + k - 1]
                for name, eid in self.by_tokens.get(tuple(toks[i : i + k]), ()):
                    if hay[a:z] == name:  # the same spacing and marks between the tokens, too
                        found.append((a, z, eid))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[tuple[int, int, str]] = []
        for a, z, eid in found:
            if not any(a >= a0 and z <= z0 and (a, z) != (a0, z0) for a0, z0, _ in out):
                out.append((a, z, eid))
        return out


def check_support(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    names = NameIndex.of(b)
    for c in b.claims.values():
        if any(cit.span is None for cit in c.citations):
            continue  # anchoring already failed; support cannot be judged
        key = support_key(b, c, names) if report.memo is not None else None
        if key is not None and (hit := report.memo.get(key)) is not None:
            found = [Diagnostic(*d) for d in hit["diagnostics"]]
        else:
            found = _support_of(b, c, names)
            if key is not None:
                report.memo.put(key, {"diagnostics": [list(d.as_tuple()) for d in found]})
        gaps = evidence_gaps(b, c)
        out.extend(replace(d, follows_from=gaps) if gaps else d for d in found)
    for j in b.judgments.values():
        wider = "\n".join(inference_evidence(b, b.claims[cid]) + "\n" + b.claims[cid].statement for cid in j.rests_on if cid in b.claims)
        gaps = evidence_gaps(b, None, j.rests_on)
        for num in numbers_in(j.statement):
            if not has_number(num, wider):
                d = at(j, ("statement",), "number-unsupported", f"the judgment says {num!r} but the claims it rests on do not")
                out.append(replace(d, follows_from=gaps))
    report.counts["claims checked for support"] = len(b.claims)
    out.extend(check_dates(b, report))  # what a date claims: no more precision than it has
    return out


def evidence_gaps(b: Briefing, c: Claim | None, rests_on: list[str] | None = None) -> tuple[str, ...]:
    """The reported causes a support verdict may follow from: an entity the claim names that is
    unknown (its names could not be looked for), and for an inference (or a judgment's
    `rests_on`), a claim it rests on that is unknown or whose citations did not anchor, at any
    depth (its evidence is incomplete)."""
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
        if dep.kind == "inference":
            todo += dep.based_on
    return tuple(keys)


NEGATION_OVERRIDE = "negation_differs"  # the claim key that explains a deliberate negation mismatch


def _support_of(b: Briefing, c: Claim, names: NameIndex | None = None) -> list[Diagnostic]:
    """Whether the claim's evidence carries its numbers, entities, speaker, negations and dates, and
    whether the statement is the briefing's own sentence rather than the quote copied."""
    names = names or NameIndex.of(b)
    out = []
    evidence = cited_text(b, c)
    wider = inference_evidence(b, c) if c.kind == "inference" else evidence
    listed = {*c.entities, c.speaker, c.relayed_by} - {None}
    mentions = names.find(c.statement)
    # Digits inside the name of a listed entity the statement names ("Long March 5", "YF-77")
    # belong to the name, which the entity rules check; they are not figures of their own.
    masked = folded(c.statement)
    for a, z, eid in mentions:
        if eid in listed:
            masked = masked[:a] + " " * (z - a) + masked[z:]
    for num in numbers_in(masked):
        if not has_number(num, wider):
            where = "the claims it rests on or its basis" if c.kind == "inference" else "its cited quotes"
            out.append(
                at(
                    c,
                    ("statement",),
                    "number-unsupported",
                    f"the statement says {num!r} but {where} do not; cite the passage with that number or fix the statement",
                )
            )
    for i, eid in enumerate(c.entities):
        ent = b.entities.get(eid)
        # An inference's evidence is what it rests on, as for its numbers.
        if ent is not None and not names_entity(ent.names, wider):
            where = "the cited quotes nor the claims it rests on or its basis" if c.kind == "inference" else "the cited quotes"
            out.append(
                at(
                    c,
                    ("entities", i),
                    "entity-not-in-evidence",
                    f"entity {eid!r} ({' / '.join(ent.names)}) is not named in {where}; cite a span that names it or drop it",
                )
            )
    out.extend(_statement_entities(b, c, mentions, listed, wider))
    context = None
    for role in ("speaker", "relayed_by"):
        eid = getattr(c, role)
        if c.kind != "attributed" or eid not in b.entities:
            continue
        context = context if context is not None else evidence + "\n" + holding_sentences(b, c)
        if names_entity(b.entities[eid].names, context):
            continue
        if role == "speaker":
            msg = f"speaker {eid!r} is not named in the cited span or its sentence; cite the words that attribute it"
            out.append(at(c, (role,), "speaker-not-named", msg))
        else:
            msg = f"relayed_by {eid!r} is not named in the cited span or its sentence; cite the words that say who passed the words on (e.g. 'Sputnik quoted …')"
            out.append(at(c, (role,), "relayed-by-not-named", msg))
    out.extend(_negations(b, c, evidence))
    out.extend(date_support(b, c))
    cited = cited_words(b, c)
    if cited and is_draft(c.statement, cited):  # the quote copied as the briefing's sentence
        out.append(draft_diagnostic(c))
    return out


def _statement_entities(b: Briefing, c: Claim, mentions: list[tuple[int, int, str]], listed: set[str | None], wider: str) -> list[Diagnostic]:
    """Every entity the statement names is named by its evidence and listed in `entities`.

    A listed entity is held to its evidence by the entity and speaker rules; here, the ones the
    statement names that the claim does not list."""
    out: list[Diagnostic] = []
    seen: set[str] = set()
    for a, z, eid in mentions:
        if eid in listed or eid in seen:
            continue
        seen.add(eid)
        ent = b.entities[eid]
        written = folded(c.statement)[a:z]
        said = next((n for n in ent.names if folded(n) == written), written)
        if names_entity(ent.names, wider):
            out.append(
                at(
                    c,
                    ("entities",),
                    "entity-not-listed",
                    f"the statement names {said!r} (entity {eid!r}) but entities does not list it; add {eid} to entities",
                )
            )
            continue
        where = "the claims it rests on nor its basis name" if c.kind == "inference" else "its cited quotes do not name"
        out.append(
            at(
                c,
                ("statement",),
                "statement-entity-not-cited",
                f"the statement names {said!r} (entity {eid!r}) but {where} it; cite words that name it and list it "
                "in entities, or leave it out of the statement",
            )
        )
    return out


# `anchor.NEGATION` on lower-cased text, where a pattern that starts with a letter lets the regex
# engine skip ahead to each "n" or "c" (about 3x faster on a claim's words); the word boundary
# before the match is tested by hand. A property test holds the two to the same answers.

def _negations(b: Briefing, c: Claim, evidence: str) -> list[Diagnostic]:
    """Citations in one sentence are read as one quote joined by ellipses, so the words between
    them may not hold a negation (two citations must not do what one ellipsis may not); and a
    negation in the cited words and none in the statement, or the reverse, fails unless the
    claim explains why under `negation_differs`."""
    out: list[Diagnostic] = []
    pieces: dict[str, list[tuple[int, int, int]]] = {}
    for i, cit in enumerate(c.citations):
        if cit.span is not None:
            pieces.setdefault(cit.source, []).extend((a, z, i) for a, z in cit.span.pieces)
    for sid, lst in pieces.items():
        src = b.sources.get(sid)
        if src is None or src.text is None or len(lst) < 2:
            continue
        units = source_sentences(src)
        starts = [u.start for u in units]
        lst.sort()
        reach, holder = lst[0][1], lst[0][2]
        for a, z, i in lst[1:]:
            if a > reach and i != holder:
                k = bisect_left(starts, a + 1) - 1
                if k >= 0 and units[k].start <= reach and a < units[k].end:
                    gap = src.text.text[reach:a]
                    if neg := negation_in(gap):
                        skipped = gap.strip() if len(gap.strip()) <= 60 else gap.strip()[:57] + "…"
                        out.append(
                            at(
                                c,
                                c.citations[i].field_path + ("quote",),
                                "citations-skip-negation",
                                f"citations {holder + 1} and {i + 1} are in one sentence, so they are read as one quote, which "
                                f"skips {skipped!r} between them: that drops {neg!r}; quote those words too, or cite the sentence whole",
                            )
                        )
            if z > reach:
                reach, holder = z, i
    stated, cited = negation_in(c.statement), negation_in(evidence)
    why = c.data.get(NEGATION_OVERRIDE)
    if bool(stated) != bool(cited) and not why:
        if cited:
            msg = f"the cited words hold a negation ({cited!r}) and the statement has none: it may say the opposite of its source"
        else:
            msg = f"the statement holds a negation ({stated!r}) and the cited words have none: it may say the opposite of its source"
        out.append(
            at(
                c,
                ("statement",),
                "negation-mismatch",
                msg + f"; fix the statement or cite the words that carry its negation, or, if the difference is right, explain it in {NEGATION_OVERRIDE}",
            )
        )
    elif why and bool(stated) == bool(cited):
        out.append(
            at(
                c,
                (NEGATION_OVERRIDE,),
                "negation-override-unused",
                f"{NEGATION_OVERRIDE} explains a negation mismatch, but the statement and the cited words agree; remove it",
            )
        )
    return out


