"""The checks run on a loaded briefing. Each is a small function returning diagnostics.

`run_all` anchors every citation first (the other checks read the resolved spans), then runs
the rest; every problem is collected, none stops the others.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import hashlib
import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from briefing import draft_checks, history, sentences
from briefing.anchor import _NEGATION, AnchorError, SourceText, anchor, split_pieces
from briefing.cache import RecordCache
from briefing.diagnostics import Diagnostic
from briefing.model import Briefing, Citation, Claim, DateInfo, Record, Source
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


# Words too common in ids to make two of them alike ("rogozin-says-…", "…-of-the-…").
_ID_STOPWORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "as", "by", "and", "or", "is", "was", "says", "said"})
_ID_WORDS = re.compile(r"[^\W_]+")
SPELLING_CUTOFF = 0.72  # a near spelling: a typo or a changed ending ("mimi" for "mini")
SHARED_CUTOFF = 0.5  # a looser likeness, enough when most of the name's words are in the option:
SHARED_WORDS = 2 / 3  # at least two thirds of them


def _id_words(name: str) -> set[str]:
    return {w for w in _ID_WORDS.findall(name.lower()) if w not in _ID_STOPWORDS}


def closest(name: str, options: Iterable[str]) -> str:
    """"; did you mean …?" naming up to three options like `name`, or "" when none is.

    An option is like the name when it is spelled nearly the same, or when it is fairly alike
    and holds most (two thirds) of the name's words; those holding more of its words come
    first. A name that shares no words and only a loose spelling gets no suggestion, since a
    wrong one misleads more than none ("angara-described-as-cleaner" is not
    "yf-77-redesigned-last-year").
    """
    words = _id_words(name)
    scored: list[tuple[float, float, str]] = []
    for opt in options:
        sm = difflib.SequenceMatcher(None, name, opt)
        if sm.real_quick_ratio() < SHARED_CUTOFF or sm.quick_ratio() < SHARED_CUTOFF:
            continue
        ratio = sm.ratio()
        share = len(words & _id_words(opt)) / len(words) if words else 0.0
        if ratio >= SPELLING_CUTOFF or (share >= SHARED_WORDS and ratio >= SHARED_CUTOFF):
            scored.append((-share, -ratio, opt))
    close = [opt for _, _, opt in sorted(scored)[:3]]
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


_RECORD_FOLDERS = {"source": "sources", "claim": "facts/claims", "entity": "facts/entities", "topic": "facts/topics"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def unknown(b: Briefing, what: str, value: object, table: Iterable[str]) -> str:
    """Why a reference does not resolve: no such record, or its file exists but failed to load."""
    folder = _RECORD_FOLDERS.get(what)
    if folder and isinstance(value, str) and _ID.match(value) and (Path(b.root) / folder / f"{value}.yml").is_file():
        return f"{what} {value!r} did not load: fix the errors reported in {folder}/{value}.yml"
    if what == "claim" and isinstance(value, str) and (w := _withdrawn(b).get(value)) is not None:
        return w.diagnostic()  # "was withdrawn in <commit> (<date>): <reason>", better than a guess
    return f"unknown {what} {value!r}{closest(str(value), table)}"


def _withdrawn(b: Briefing) -> dict[str, history.WithdrawnInfo]:
    # Read (one git process) only when a claim id is unknown, and once per check of a briefing.
    if "withdrawn" not in b.git_memo:
        b.git_memo["withdrawn"] = history.withdrawn_ids(b.root)
    return b.git_memo["withdrawn"]


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
        if c.relayed_by is not None and c.relayed_by == c.speaker:
            out.append(
                _d(
                    c,
                    ("relayed_by",),
                    "relayed-by-is-speaker",
                    f"relayed_by is the speaker {c.speaker!r}: it names who passed the words on (e.g. a news agency); remove it if no one did",
                )
            )
        for i, cid in enumerate(c.based_on):
            ref(c, ("based_on", i), cid, b.claims, "claim")
            if cid == c.id:
                out.append(_d(c, ("based_on", i), "self-reference", "an inference cannot rest on itself; remove its own id from based_on"))
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
    out.extend(check_id_reuse(b, report))  # an id is a reference too: never to a withdrawn claim
    return out


# -- withdrawn ids ------------------------------------------------------------------------------------

_RESTORES = re.compile(r"^restores:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def check_id_reuse(b: Briefing, report: Report) -> list[Diagnostic]:
    """A withdrawn claim's id (its file deleted in an earlier commit) may come back only as that
    claim restored, which the commit adding it again says with a `Restores: <id>` line; any other
    claim under that id would inherit the withdrawn one's history, links and corrections.

    Reads one `git log` of the additions and deletions of claim files; without git history (a
    tarball, git missing) there is nothing to compare with, and the check says nothing. A file
    added again but not yet committed gets a warning: its commit must carry the line."""
    events = history.claim_file_events(b.root)
    if not events:
        return []
    withdrawn: dict[str, tuple[str, str]] = {}  # id -> (commit, message) of its deletion, while deleted
    reused: dict[str, tuple[str, str, str]] = {}  # id -> (deletion, message, re-adding commit) without Restores
    for sha, message, changes in events:
        restores = {x for m in _RESTORES.finditer(message) for x in re.split(r"[\s,]+", m.group(1)) if x}
        for status, cid in changes:
            if status == "D":
                withdrawn[cid] = (sha, message)
                reused.pop(cid, None)
            elif cid in withdrawn:
                gone, why = withdrawn.pop(cid)
                if cid not in restores:
                    reused[cid] = (gone, why, sha)
    out: list[Diagnostic] = []
    for cid, c in b.claims.items():
        if cid in reused:
            gone, why, back = reused[cid]
            out.append(
                _d(
                    c,
                    ("id",),
                    "id-reused",
                    f"id {cid!r} was withdrawn in commit {gone[:10]} ({_first_line(history.withdrawal_reason(why, cid))}) and added "
                    f"again in commit {back[:10]}, whose message does not say 'Restores: {cid}': a withdrawn id is never reused. "
                    f"Give this claim a new id; if it is the withdrawn claim restored, reword that commit to say 'Restores: {cid}'",
                )
            )
        elif cid in withdrawn:
            gone, why = withdrawn[cid]
            out.append(
                _d(
                    c,
                    ("id",),
                    "id-reused",
                    f"id {cid!r} was withdrawn in commit {gone[:10]} ({_first_line(history.withdrawal_reason(why, cid))}): a withdrawn id "
                    f"is never reused. Give this claim a new id; if it is the withdrawn claim restored, commit it with a line "
                    f"'Restores: {cid}' in the message",
                    "warning",
                )
            )
    report.counts["withdrawn ids checked"] = len(withdrawn) + len(reused)
    return out


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no reason given"
    return repr(line if len(line) <= 80 else line[:77] + "…")


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


def _support_key(b: Briefing, c: Claim, names: _NameIndex) -> str | None:
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
class _NameIndex:
    """Every entity's names, folded and split into tokens: a statement is searched for all of them
    in one pass over its tokens, each looked up by the token runs that start there. The cost
    depends on the statement's length, not on how many entities the briefing has."""

    lengths: dict[str, tuple[int, ...]]  # first token -> the token counts of the names it starts
    by_tokens: dict[tuple[str, ...], list[tuple[str, str]]]  # tokens -> [(folded name, entity id)]
    digest: str  # of every entity record: what a verdict reading these names depends on

    @classmethod
    def of(cls, b: Briefing) -> _NameIndex:
        by_tokens: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        lengths: dict[str, set[int]] = {}
        h = hashlib.sha256(b"names-1")
        for eid in sorted(b.entities):
            ent = b.entities[eid]
            h.update(f"\0{eid}\0{ent.digest or ent.names!r}".encode())
            for n in sorted({_folded(n) for n in ent.names if n and n.strip()}):
                toks = tuple(_TOKENS.findall(n))
                if toks:
                    by_tokens.setdefault(toks, []).append((n, eid))
                    lengths.setdefault(toks[0], set()).add(len(toks))
        return cls({t: tuple(sorted(ks)) for t, ks in lengths.items()}, by_tokens, h.hexdigest())

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Whole-word mentions of entities in `text` as (start, end, entity id) in the folded text;
        a name inside a longer one ("China" in "China National Space Administration") is not a
        mention of its own."""
        hay = _folded(text)
        toks, starts, ends = [], [], []
        for m in _TOKENS.finditer(hay):
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


# A text's tokens: each run of word characters (as `_is_word` counts them), and each other
# character that is not a space; a name matches whole tokens, so it never starts or ends inside a word.
_TOKENS = re.compile(r"\w+|[^\w\s]")


def check_support(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    names = _NameIndex.of(b)
    for c in b.claims.values():
        if any(cit.span is None for cit in c.citations):
            continue  # anchoring already failed; support cannot be judged
        key = _support_key(b, c, names) if report.memo is not None else None
        if key is not None and (hit := report.memo.get(key)) is not None:
            out.extend(Diagnostic(*d) for d in hit["diagnostics"])
            continue
        found = _support_of(b, c, names)
        if key is not None:
            report.memo.put(key, {"diagnostics": [list(d.as_tuple()) for d in found]})
        out.extend(found)
    for j in b.judgments.values():
        wider = "\n".join(inference_evidence(b, b.claims[cid]) + "\n" + b.claims[cid].statement for cid in j.rests_on if cid in b.claims)
        for num in numbers_in(j.statement):
            if not _has_number(num, wider):
                out.append(_d(j, ("statement",), "number-unsupported", f"the judgment says {num!r} but the claims it rests on do not"))
    report.counts["claims checked for support"] = len(b.claims)
    out.extend(check_dates(b, report))  # what a date claims: no more precision than it has
    return out


NEGATION_OVERRIDE = "negation_differs"  # the claim key that explains a deliberate negation mismatch


def _support_of(b: Briefing, c: Claim, names: _NameIndex | None = None) -> list[Diagnostic]:
    """Whether the claim's evidence carries its numbers, entities, speaker, negations and dates, and
    whether the statement is the briefing's own sentence rather than the quote copied."""
    names = names or _NameIndex.of(b)
    out = []
    evidence = cited_text(b, c)
    wider = inference_evidence(b, c) if c.kind == "inference" else evidence
    listed = {*c.entities, c.speaker, c.relayed_by} - {None}
    mentions = names.find(c.statement)
    # Digits inside the name of a listed entity the statement names ("Long March 5", "YF-77")
    # belong to the name, which the entity rules check; they are not figures of their own.
    masked = _folded(c.statement)
    for a, z, eid in mentions:
        if eid in listed:
            masked = masked[:a] + " " * (z - a) + masked[z:]
    for num in numbers_in(masked):
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
        # An inference's evidence is what it rests on, as for its numbers.
        if ent is not None and not names_entity(ent.names, wider):
            where = "the cited quotes nor the claims it rests on or its basis" if c.kind == "inference" else "the cited quotes"
            out.append(
                _d(
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
        context = context if context is not None else evidence + "\n" + _holding_sentences(b, c)
        if names_entity(b.entities[eid].names, context):
            continue
        if role == "speaker":
            msg = f"speaker {eid!r} is not named in the cited span or its sentence; cite the words that attribute it"
            out.append(_d(c, (role,), "speaker-not-named", msg))
        else:
            msg = f"relayed_by {eid!r} is not named in the cited span or its sentence; cite the words that say who passed the words on (e.g. 'Sputnik quoted …')"
            out.append(_d(c, (role,), "relayed-by-not-named", msg))
    out.extend(_negations(b, c, evidence))
    out.extend(_date_support(b, c))
    cited = draft_checks.cited_words(b, c)
    if cited and draft_checks.is_draft(c.statement, cited):  # the quote copied as the briefing's sentence
        out.append(draft_checks.draft_diagnostic(c))
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
        folded = _folded(c.statement)[a:z]
        said = next((n for n in ent.names if _folded(n) == folded), folded)
        if names_entity(ent.names, wider):
            out.append(
                _d(
                    c,
                    ("entities",),
                    "entity-not-listed",
                    f"the statement names {said!r} (entity {eid!r}) but entities does not list it; add {eid} to entities",
                )
            )
            continue
        where = "the claims it rests on nor its basis name" if c.kind == "inference" else "its cited quotes do not name"
        out.append(
            _d(
                c,
                ("statement",),
                "statement-entity-not-cited",
                f"the statement names {said!r} (entity {eid!r}) but {where} it; cite words that name it and list it "
                "in entities, or leave it out of the statement",
            )
        )
    return out


# `anchor._NEGATION` on lower-cased text, where a pattern that starts with a letter lets the regex
# engine skip ahead to each "n" or "c" (about 3x faster on a claim's words); the word boundary
# before the match is tested by hand. A property test holds the two to the same answers.
_NEGATION_LOWER = re.compile(r"(?:n(?:o(?:t|ne|r)?|e(?:ver|ither))|cannot)\b|n['’]t\b")


def negation_in(text: str) -> str | None:
    """The first negation in `text` ("not", "no", "never", "nor", "cannot", "none", "neither",
    "n't"), lower-cased, or None: what `anchor._NEGATION.search` finds."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: offsets differ, use the rule itself
        m = _NEGATION.search(text)
        return m.group(0).lower() if m else None
    for m in _NEGATION_LOWER.finditer(low):
        a = m.start()
        if low[a + 1] in "'’" or a == 0 or not (low[a - 1].isalnum() or low[a - 1] == "_"):
            return m.group(0)
    return None


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
                            _d(
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
            _d(
                c,
                ("statement",),
                "negation-mismatch",
                msg + f"; fix the statement or cite the words that carry its negation, or, if the difference is right, explain it in {NEGATION_OVERRIDE}",
            )
        )
    elif why and bool(stated) == bool(cited):
        out.append(
            _d(
                c,
                (NEGATION_OVERRIDE,),
                "negation-override-unused",
                f"{NEGATION_OVERRIDE} explains a negation mismatch, but the statement and the cited words agree; remove it",
            )
        )
    return out


def _date_support(b: Briefing, c: Claim) -> list[Diagnostic]:
    """A date resolved from relative words is an inference, and those words are the source's."""
    d = c.date
    if d is None or d.resolved_from is None:
        return []
    if c.kind != "inference":
        return [
            _d(
                c,
                ("date", "resolved_from"),
                "date-needs-inference",
                f"a date resolved from {d.resolved_from!r} is the editors' derivation: make the claim kind: inference "
                "(with based_on and basis), or give the date as the source states it and remove resolved_from",
            )
        ]
    parts = [cited_text(b, c)]
    for cid in c.based_on:
        if (dep := b.claims.get(cid)) is not None:
            parts += [dep.statement, cited_text(b, dep)]
    if not any(_holds_in_order(part, d.resolved_from) for part in parts):
        return [
            _d(
                c,
                ("date", "resolved_from"),
                "resolved-from-not-cited",
                f"resolved_from {d.resolved_from!r} is not in the claim's cited words nor in the claims it rests on; "
                "write the source's own relative words (e.g. 'next year'), as cited",
            )
        ]
    return []


def _holds_in_order(text: str, words: str) -> bool:
    """Whether the pieces of `words` (joined by … or ...) occur in `text` in order, as whole words,
    under the normalisation and ignoring case."""
    hay, pos = _folded(text), 0
    for piece in split_pieces(words.strip()):
        needle = _folded(piece).strip()
        i = hay.find(needle, pos)
        while i != -1 and not ((i == 0 or not _is_word(hay[i - 1])) and (i + len(needle) >= len(hay) or not _is_word(hay[i + len(needle)]))):
            i = hay.find(needle, i + 1)
        if i == -1:
            return False
        pos = i + len(needle)
    return True


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


# -- dates ---------------------------------------------------------------------------------------------

# The form a date's value takes at each precision; "unknown" takes any (or none).
DATE_FORMS = {
    "day": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "YYYY-MM-DD"),
    "month": (re.compile(r"^\d{4}-\d{2}$"), "YYYY-MM"),
    "year": (re.compile(r"^\d{4}$"), "YYYY"),
    "decade": (re.compile(r"^\d{3}0$"), "YYY0, the decade's first year"),
}


def check_dates(b: Briefing, report: Report) -> list[Diagnostic]:
    """Each date is written as precisely as its precision says (no more, no less), is a real day,
    and a range does not end before it starts. (Where a relative date comes from is a support
    rule: see `_date_support`.)"""
    out: list[Diagnostic] = []
    dated: list[tuple[Record, str, DateInfo]] = [(c, "date", c.date) for c in b.claims.values() if c.date is not None]
    for src in b.sources.values():
        dated += [(src, key, d) for key in ("published", "retrieved") if (d := getattr(src, key)) is not None]
    for rec, key, d in dated:
        out.extend(_date_form(rec, key, d))
    report.counts["dates checked"] = len(dated)
    return out


def _date_form(rec: Record, key: str, d: DateInfo) -> list[Diagnostic]:
    form = DATE_FORMS.get(d.precision)
    if form is None:
        return []
    pattern, shape = form
    out = []
    for fld in ("value", "end"):
        v = getattr(d, fld)
        if v is None:
            continue
        if not pattern.match(v):
            out.append(
                _d(
                    rec,
                    (key, fld),
                    "date-format",
                    f"{key}.{fld} {v!r} is not written as precision {d.precision} needs ({shape}); write it as {shape}, "
                    "or give the precision the date really has",
                )
            )
        elif (why := _not_a_date(v)) is not None:
            out.append(_d(rec, (key, fld), "date-format", f"{key}.{fld} {v!r} is not a date: {why}"))
    if d.value is not None and d.end is not None:
        n = min(len(d.value), len(d.end))  # compared as far as both are written: "1999" is before "2021-05-17"
        if d.end[:n] < d.value[:n]:
            out.append(_d(rec, (key, "end"), "date-range", f"{key}.end {d.end!r} is before {key}.value {d.value!r}; a range ends after it starts"))
    return out


def _not_a_date(v: str) -> str | None:
    parts = [int(x) for x in v.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"there is no month {parts[1]}"
    if len(parts) == 3:
        try:
            datetime.date(*parts)
        except ValueError:
            return f"{calendar.month_name[parts[1]]} {parts[0]} has no day {parts[2]}"
    return None


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
