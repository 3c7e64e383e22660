"""The checks run on a loaded briefing. Each is a small function returning diagnostics.

`run_all` anchors every citation first (the other checks read the resolved spans), then runs
the rest; every problem is collected, none stops the others.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from briefing import sentences
from briefing.anchor import AnchorError, SourceText, anchor
from briefing.cache import RecordCache
from briefing.diagnostics import Diagnostic
from briefing.model import Briefing, Citation, Claim, Record, Source
from briefing.page_checks import check_pages


@dataclass
class Report:
    """What the checks found, and the counts the verification page shows."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)  # source -> (covered, total)
    uncovered: dict[str, list[sentences.Sentence]] = field(default_factory=dict)
    shown_claims: set[str] = field(default_factory=set)
    # Where checks may keep verdicts keyed by the digests of what they read (see `_support_key`).
    memo: RecordCache | None = None


def _d(rec: Record, path: tuple[str | int, ...], code: str, message: str, severity: str = "error", key: bool = False) -> Diagnostic:
    line, col = rec.where(*path, key=key)
    return Diagnostic(rec.path, line, col, code, message, severity)


def closest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(options), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


_RECORD_FOLDERS = {"source": "sources", "claim": "facts/claims", "entity": "facts/entities", "topic": "facts/topics"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def unknown(b: Briefing, what: str, value: object, table: Iterable[str]) -> str:
    """Why a reference does not resolve: no such record, or its file exists but failed to load."""
    folder = _RECORD_FOLDERS.get(what)
    if folder and isinstance(value, str) and _ID.match(value) and (Path(b.root) / folder / f"{value}.yml").is_file():
        return f"{what} {value!r} did not load: fix the errors reported in {folder}/{value}.yml"
    return f"unknown {what} {value!r}{closest(str(value), table)}"


# -- anchoring ---------------------------------------------------------------------------------------


def anchor_one(b: Briefing, rec: Record, cit: Citation) -> list[Diagnostic]:
    src = b.sources.get(cit.source)
    if src is None:
        return [_d(rec, cit.field_path + ("source",), "unknown-source", unknown(b, "source", cit.source, b.sources))]
    if src.text is None:  # the text is missing or unreadable (reported on the source): name every citation it breaks
        return [
            _d(
                rec,
                cit.field_path + ("quote",),
                "citation-unverified",
                f"source {src.id} has no readable text ({src.text_path} is missing or unreadable); this quote cannot be checked",
            )
        ]
    try:
        if cit.span is None:  # the loader resolves the citations it finds in its cache
            cit.span = anchor(src.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
    except AnchorError as exc:
        return [_d(rec, cit.field_path + ("quote",), exc.code, exc.message)]
    if not src.intact:
        a, z = cit.span.start, cit.span.end
        line, col = src.text.line_col(a)
        return [
            _d(
                rec,
                cit.field_path + ("quote",),
                "citation-unverified",
                f"source {src.id} changed (sha256 differs from its record); this quote is still found at "
                f"offsets {a}–{z} (line {line}, column {col}): check it still says the same, then restore the source or update its sha256",
            )
        ]
    return []


def check_anchors(b: Briefing, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    cits = [(rec, cit) for rec in [*b.claims.values(), *b.questions.values()] for cit in rec.citations]  # type: ignore[attr-defined]
    for rec, cit in cits:
        out.extend(anchor_one(b, rec, cit))
    for src in b.sources.values():
        for nc in src.not_claims:
            out.extend(anchor_one(b, src, nc.citation))
    report.counts["citations anchored"] = sum(1 for _rec, cit in cits if cit.span is not None)
    return out


def check_source_integrity(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    for src in b.sources.values():
        if src.text is None or src.intact:
            continue
        affected = [
            (rec, cit)
            for rec in [*b.claims.values(), *b.questions.values()]
            for cit in rec.citations  # type: ignore[attr-defined]
            if cit.source == src.id
        ]
        broken = sorted({rec.id for rec, cit in affected if cit.span is None})
        moved = sorted({rec.id for rec, cit in affected if cit.span is not None} - set(broken))
        msg = (
            f"text {src.text_path} does not match its record: sha256 is {src.actual_sha256}, the record says {src.sha256}. "
            f"{len(broken)} citing record(s) broke"
            + (f" ({', '.join(broken)})" if broken else "")
            + f", {len(moved)} still anchor but may have moved"
            + (f" ({', '.join(moved)})" if moved else "")
            + ". Restore the text byte for byte, or if the source really changed, re-check every citation and update sha256."
        )
        out.append(_d(src, ("sha256",), "source-hash-mismatch", msg))
    report.counts["sources hashed"] = len(b.sources)
    return out


# -- references both ways --------------------------------------------------------------------------


def check_references(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []

    def ref(rec: Record, path: tuple[str | int, ...], value: str, table: dict[str, object], what: str) -> None:
        if value not in table:
            out.append(_d(rec, path, f"unknown-{what}", unknown(b, what, value, table)))

    for c in b.claims.values():
        for i, t in enumerate(c.topics):
            ref(c, ("topics", i), t, b.topics, "topic")
        for i, e in enumerate(c.entities):
            ref(c, ("entities", i), e, b.entities, "entity")
        for key in ("speaker", "relayed_by"):
            if (v := getattr(c, key)) is not None:
                ref(c, (key,), v, b.entities, "entity")
        for i, cid in enumerate(c.based_on):
            ref(c, ("based_on", i), cid, b.claims, "claim")
            if cid == c.id:
                out.append(_d(c, ("based_on", i), "self-reference", "an inference cannot rest on itself"))
    for j in b.judgments.values():
        for i, cid in enumerate(j.rests_on):
            ref(j, ("rests_on", i), cid, b.claims, "claim")
    for q in b.questions.values():
        for i, cid in enumerate(q.related_claims):
            ref(q, ("related_claims", i), cid, b.claims, "claim")
    used = {e for c in b.claims.values() for e in (*c.entities, c.speaker, c.relayed_by) if e}
    for e in b.entities.values():
        if e.id not in used:
            out.append(
                _d(e, ("id",), "unused-entity", f"no claim names entity {e.id!r}; add it to a claim's entities or remove it", "warning")
            )
    used_topics = {t for c in b.claims.values() for t in c.topics}
    for t in b.topics.values():
        if t.id not in used_topics:
            out.append(_d(t, ("id",), "unused-topic", f"no claim has topic {t.id!r}", "warning"))
    report.counts["references checked"] = sum(len(c.topics) + len(c.entities) + len(c.based_on) for c in b.claims.values())
    return out


# -- does the evidence support the claim? ----------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(s?)(?!\w)")


def numbers_in(text: str) -> list[str]:
    """Numbers as written: '25', '2017', '1960' (from '1960s'), '1,500'."""
    return [m.group(1) for m in _NUMBER.finditer(text)]


def _has_number(num: str, evidence: str) -> bool:
    """`re.search(rf"(?<![\\d]){re.escape(num)}(?!\\d)", evidence)`, without the regex (see `_bounded`)."""
    return _bounded(evidence, num, str.isdecimal)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # exactly `re`'s \w for text, as str.isdecimal is its \d


def _bounded(hay: str, needle: str, inner: Callable[[str], bool]) -> bool:
    """Whether `needle` occurs in `hay` with no `inner` character just before or just after it.

    The same answer as a search for the needle between negative lookarounds, several times
    faster: a pattern that starts with a lookbehind is tried at every position of the text.
    """
    if not needle:
        return True
    n, end = len(needle), len(hay) - len(needle)
    i = hay.find(needle)
    while i != -1:
        if (i == 0 or not inner(hay[i - 1])) and (i == end or not inner(hay[i + n])):
            return True
        i = hay.find(needle, i + 1)
    return False


_SPACE_RUN = re.compile(r"[\s\u200b\ufeff]+")  # `\s` is exactly `str.isspace`; with the two `normalise` adds
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# What the normalisation changes in ASCII text: whitespace other than a single space, and `.
_ODD_ASCII = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f`]|  ")


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    """`normalise(text).casefold()`, without mapping every character one by one.

    `normalise` maps each cluster (a character and the combining marks after it) through NFC,
    folds quote marks and dashes, and turns every run of whitespace into one space. An ASCII
    character with no combining mark after it is its own cluster and NFC leaves it alone, so only
    the runs of non-ASCII characters (with the ASCII character before one that starts with a
    combining mark) go through `normalise`; the whitespace runs are folded once, over the whole
    text, since the pieces `normalise` returns carry only plain spaces. The result is identical.
    """
    if text.isascii():
        if _ODD_ASCII.search(text):
            text = _SPACE_RUN.sub(" ", text).replace("`", "'")
        return text.casefold()
    import unicodedata

    from briefing.normalise import normalise

    parts, pos = [], 0
    for m in _NON_ASCII_RUN.finditer(text):
        a, b = m.span()
        if a > pos and unicodedata.combining(text[a]):
            a -= 1  # the base character of the first cluster
        parts.append(text[pos:a])
        parts.append(normalise(text[a:b]))
        pos = b
    parts.append(text[pos:])
    return _SPACE_RUN.sub(" ", "".join(parts)).replace("`", "'").casefold()


def names_entity(names: Iterable[str], text: str) -> bool:
    """Whether one of the names occurs in the text as whole words, under the normalisation, ignoring case."""
    hay = _folded(text)
    return any(_bounded(hay, _folded(n), _is_word) for n in names if n)


def cited_text(b: Briefing, c: Claim) -> str:
    parts = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is not None and src is not None and src.text is not None:
            parts.append(cit.span.shown(src.text.text))
    return "\n".join(parts)


def inference_evidence(b: Briefing, c: Claim, seen: set[str] | None = None) -> str:
    """What an inference may draw numbers from: its basis, its date basis, the claims it rests on."""
    seen = seen or {c.id}
    parts = [c.basis or "", c.date.basis if c.date and c.date.basis else "", cited_text(b, c)]
    for cid in c.based_on:
        dep = b.claims.get(cid)
        if dep is None or cid in seen:
            continue
        seen.add(cid)
        parts += [dep.statement, cited_text(b, dep)]
        if dep.kind == "inference":
            parts.append(inference_evidence(b, dep, seen))
    return "\n".join(parts)


def _support_key(b: Briefing, c: Claim) -> str | None:
    """What the support verdict on `c` is a function of, as one digest; None if not all is known.

    The verdict reads the claim, the names of its entities and speaker, its cited spans and the
    sentences holding them (so the sources' texts and records), and for an inference the claims
    it rests on, transitively (their statements and cited spans). Each of those is named by the
    sha256 of its file, so an edit to any of them gives a new key and the verdict is made afresh.
    """
    parts = ["support-1", c.path, c.digest]
    for eid in [*c.entities, c.speaker or ""]:
        ent = b.entities.get(eid)
        parts.append(ent.digest if ent is not None else f"no-entity:{eid}")
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


def check_support(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    for c in b.claims.values():
        if any(cit.span is None for cit in c.citations):
            continue  # anchoring already failed; support cannot be judged
        key = _support_key(b, c) if report.memo is not None else None
        if key is not None and (hit := report.memo.get(key)) is not None:
            out.extend(Diagnostic(*d) for d in hit["diagnostics"])
            continue
        found = _support_of(b, c)
        if key is not None:
            report.memo.put(key, {"diagnostics": [list(d.as_tuple()) for d in found]})
        out.extend(found)
    for j in b.judgments.values():
        wider = "\n".join(inference_evidence(b, b.claims[cid]) + "\n" + b.claims[cid].statement for cid in j.rests_on if cid in b.claims)
        for num in numbers_in(j.statement):
            if not _has_number(num, wider):
                out.append(_d(j, ("statement",), "number-unsupported", f"the judgment says {num!r} but the claims it rests on do not"))
    report.counts["claims checked for support"] = len(b.claims)
    return out


def _support_of(b: Briefing, c: Claim) -> list[Diagnostic]:
    """Whether the claim's evidence carries its numbers, entities and speaker."""
    out = []
    evidence = cited_text(b, c)
    wider = inference_evidence(b, c) if c.kind == "inference" else evidence
    for num in numbers_in(c.statement):
        if not _has_number(num, wider):
            where = "the claims it rests on or its basis" if c.kind == "inference" else "its cited quotes"
            out.append(
                _d(
                    c,
                    ("statement",),
                    "number-unsupported",
                    f"the statement says {num!r} but {where} do not; cite the passage with that number or fix the statement",
                )
            )
    for i, eid in enumerate(c.entities):
        ent = b.entities.get(eid)
        if ent is not None and not names_entity(ent.names, evidence):
            out.append(
                _d(
                    c,
                    ("entities", i),
                    "entity-not-in-evidence",
                    f"entity {eid!r} ({' / '.join(ent.names)}) is not named in the cited quotes; cite a span that names it or drop it",
                )
            )
    if c.kind == "attributed" and c.speaker in b.entities:
        ent = b.entities[c.speaker]
        context = evidence + "\n" + _holding_sentences(b, c)
        if not names_entity(ent.names, context):
            out.append(
                _d(
                    c,
                    ("speaker",),
                    "speaker-not-named",
                    f"speaker {c.speaker!r} is not named in the cited span or its sentence; cite the words that attribute it",
                )
            )
    return out


def _holding_sentences(b: Briefing, c: Claim) -> str:
    parts = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            continue
        for s in source_sentences(src):
            if s.start < cit.span.end and cit.span.start < s.end:
                parts.append(s.text)
    return "\n".join(parts)


# -- coverage ----------------------------------------------------------------------------------------


# Each source's sentences, split once per text and not_claims (support and coverage both need them).
_SPLIT: weakref.WeakKeyDictionary[SourceText, tuple[list[tuple[int, int, str]], list[sentences.Sentence]]] = weakref.WeakKeyDictionary()


def source_sentences(src: Source, memo: RecordCache | None = None) -> list[sentences.Sentence]:
    """The source's sentences, its not-claim spans cut out (split once per run, and with a memo,
    once per text and set of not-claim spans)."""
    assert src.text is not None
    text = src.text.text
    excluded = [(nc.citation.span.start, nc.citation.span.end, nc.reason) for nc in src.not_claims if nc.citation.span]
    known = _SPLIT.get(src.text)
    if known is None or known[0] != excluded:
        key = None
        if memo is not None and src.actual_sha256:
            key = "sentences:" + hashlib.sha256(f"{src.actual_sha256}\n{excluded!r}".encode()).hexdigest()
            if (hit := memo.get(key)) is not None:
                split = [sentences.Sentence(a, z, text[a:z], why) for a, z, why in hit["sentences"]]
                known = _SPLIT[src.text] = (excluded, split)
                return list(split)
        split = sentences.split(text, excluded)
        if key is not None and memo is not None:
            memo.put(key, {"sentences": [[x.start, x.end, x.not_claim] for x in split]})
        known = _SPLIT[src.text] = (excluded, split)
    return list(known[1])


def compute_coverage(b: Briefing, report: Report) -> None:
    # The cited pieces of every source, gathered in one pass over the claims (not one per source).
    pieces: dict[str, list[tuple[int, int]]] = {}
    for c in b.claims.values():
        for cit in c.citations:
            if cit.span:
                pieces.setdefault(cit.source, []).extend(cit.span.pieces)
    for src in b.sources.values():
        if src.text is None:
            continue
        spans = sorted(pieces.get(src.id, ()))
        starts = [a for a, _ in spans]
        reach = []  # reach[i]: the furthest end among spans[: i + 1]
        for _, z in spans:
            reach.append(max(z, reach[-1]) if reach else z)
        units = [s for s in source_sentences(src, report.memo) if s.not_claim is None]
        # A sentence is covered when a piece overlaps it: some piece starting before the sentence
        # ends (the first k, by start) ends after the sentence starts (the furthest of them does).
        uncovered = [s for s in units if not ((k := bisect_left(starts, s.end)) and reach[k - 1] > s.start)]
        report.coverage[src.id] = (len(units) - len(uncovered), len(units))
        report.uncovered[src.id] = uncovered


def check_coverage(b: Briefing, report: Report) -> list[Diagnostic]:
    compute_coverage(b, report)
    out = []
    for sid, missing in report.uncovered.items():
        src = b.sources[sid]
        assert src.text is not None
        for s in missing:
            line, col = src.text.line_col(s.start)
            out.append(
                Diagnostic(
                    src.text_path,
                    line,
                    col,
                    "sentence-uncovered",
                    f"no claim cites this sentence: {s.text[:80]!r}{'…' if len(s.text) > 80 else ''}; "
                    "add a claim, or list it under not_claims with a reason",
                )
            )
    report.counts["sentences covered"] = sum(c for c, _ in report.coverage.values())
    return out


CHECKS: tuple[tuple[str, Callable[[Briefing, Report], list[Diagnostic]]], ...] = (
    ("anchoring", check_anchors),
    ("source integrity", check_source_integrity),
    ("references", check_references),
    ("support", check_support),
    ("coverage", check_coverage),
    ("pages", check_pages),
)


def run_all(b: Briefing, memo: RecordCache | None = None) -> Report:
    report = Report(memo=memo if memo is not None and memo.enabled else None)
    for _name, check in CHECKS:
        report.diagnostics.extend(check(b, report))
    report.counts["claims"] = len(b.claims)
    report.counts["entities"] = len(b.entities)
    report.counts["sources"] = len(b.sources)
    return report


__all__ = ["CHECKS", "Report", "SourceText", "run_all"]
