"""Anchoring: every citation resolves to exactly one span of its source, and each source's text
is the one its record's sha256 names; and the quote means there what it means in the source: an
ellipsis (or two citations of one sentence) skips no negation, hedge, contrast or head of the
phrase, a quote begins after no negation or hedge that governs it, and it cuts no possessive or
compound (`anchor.SourceText.compound_at`)."""

from __future__ import annotations

import hashlib
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace

from briefing import lexicon
from briefing.anchor import AnchorError, anchor
from briefing.diagnostics import Diagnostic, anchor_key, resaved_key, text_key
from briefing.evidence import sentence_at, source_reading
from briefing.lexicon import CONTRAST, DIRECTION, FINITE_VERBS, HEDGES, NEGATIONS, PRONOUNS
from briefing.model import Briefing, Citation, Claim, Record, Source
from briefing.names import NameIndex
from briefing.reading import Reading, Words, read
from briefing.rules.base import Report, at
from briefing.rules.references import unknown_at
from briefing.suggest import close_ids

_GAP_WORDS = lexicon.phrase_table(NEGATIONS, HEDGES, CONTRAST)
_GAP_FIRST = frozenset(_GAP_WORDS)
_GOVERNING = frozenset(p.split()[-1] for p in DIRECTION) | {"of", "in", "on", "at", "with", "as", "than"}
FRAGMENT_WINDOW = 3  # words before a quote, in its clause, that may change what it says
_CLAUSE_BREAK = ",;:.!?“”\"()[]—–"


def skipped(gap: str, after: str) -> tuple[str, str] | None:
    """What words skipped between two pieces of one quote ("…", or two citations of one sentence)
    drop that changes their meaning, as (what, the words), or None:

    - a negation, a hedge or a contrast ("negation", "hedge", "contrast");
    - the head of the phrase ("role"): the skipped words end with a word that governs the next
      piece ("offering to supply … Chinese microelectronics" skips "to China in exchange for"),
      or with a name or pronoun whose verb opens the next piece ("China … has some good
      offerings" skips "…, of which Russia", the subject of "has")."""
    r = read(gap)
    lows = r.lows
    # A hedge governs what follows it in its clause: one the skipped words close off with
    # punctuation ("with Russia offering to supply …,") is not the next piece's.
    governed = max(gap.rfind(ch) for ch in _CLAUSE_BREAK)
    for i, k, phrase in r.phrases(_GAP_WORDS):
        what = "negation" if phrase in NEGATIONS else "hedge" if phrase in HEDGES else "contrast"
        if what == "hedge" and (r.starts[i] < governed or (k == 1 and phrase == "may" and gap[r.starts[i]] == "M")):
            continue
        return what, r.span(i, i + k)
    if not lows:
        return None
    tail = gap[r.ends[-1] :]
    if not tail.strip() and lows[-1] in _GOVERNING:
        return "role", gap.strip()[-60:]
    nxt = read(after[:40]).lows
    last = gap[r.starts[-1] : r.ends[-1]]
    if not tail.strip() and nxt and nxt[0] in FINITE_VERBS and (last[:1].isupper() or lows[-1] in PRONOUNS):
        return "role", gap.strip()[-60:]
    return None


def _gap_messages(what: str, words: str) -> str:
    return {
        "hedge": f"skips {words!r}, a hedge, which changes how sure the words are",
        "contrast": f"skips {words!r}, which turns what follows against what comes before",
        "negation": f"skips {words!r}, a negation",
        "role": f"skips the words that say who or what the next piece is about (…{words!r}), so the pieces read as one phrase they are not",
    }[what]


def ellipsis_findings(b: Briefing, rec: Record, cit: Citation) -> list[Diagnostic]:
    """The words an ellipsis skips may not hold a hedge or a contrast, nor the head of the phrase
    (a negation fails anchoring already)."""
    src = b.sources.get(cit.source)
    if cit.span is None or src is None or src.text is None or len(cit.span.pieces) < 2:
        return []
    text = src.text.text
    for (_, z), (a, z2) in zip(cit.span.pieces, cit.span.pieces[1:], strict=False):
        got = skipped(text[z:a], text[a:z2])
        if got is not None and got[0] != "negation":
            what, words = got
            return [at(rec, cit.field_path + ("quote",), f"ellipsis-skips-{what}", f"the ellipsis {_gap_messages(what, words)}; quote those words too, or cite the pieces apart in their own sentences")]
    return []


def _only_a_name(r: Reading, lo: int, hi: int, names: NameIndex) -> bool:
    """Whether words lo … hi-1 of `r` are the name of an entity, give or take an article ("the
    Long March 5")."""
    (r2, lo2, hi2), mentions = names.mention_runs(Words(((r, lo, hi),)))[0]
    if not mentions:
        return False
    covered = {j for m in mentions for j in range(m.i, m.i + m.k)}
    return all(j in covered or r2.lows[j] in ("the", "a", "an") for j in range(lo2, hi2))


def _may_be_governed(r: Reading, first: int) -> bool:
    """Whether the `FRAGMENT_WINDOW` words before word `first` hold a negation, hedge or contrast
    ("in" alone is none: "in spite of" is): the words `fragment_findings` reads lie within these
    (it stops earlier at the sentence's start or the clause's punctuation), and a phrase there is
    found from any earlier word too (or an earlier one is), so where none is it has nothing to find."""
    early = max(0, first - FRAGMENT_WINDOW)
    return not _GAP_FIRST.isdisjoint(r.lows[early:first]) and bool(r.phrases(_GAP_WORDS, early, first))


def fragment_findings(b: Briefing, c: Claim, names: NameIndex | None = None) -> list[Diagnostic]:
    """A quote may not begin just after a negation or a hedge of its clause that the claim does
    not cite ("progress in development" out of "a lack of progress in development"): the words
    before it, back to the clause's punctuation and at most `FRAGMENT_WINDOW` words, are read.
    The claim's citations in one sentence are read as one quote (so a name cited on its own
    cannot shield the words after it), and a quote that is only a name says nothing to drop."""
    out: list[Diagnostic] = []
    cited: list[tuple[str, int, int]] | None = None
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            continue
        start = cit.span.start
        r = source_reading(src)
        first = bisect_left(r.starts, start)  # the quote's first word
        if first == 0 or not _may_be_governed(r, first):
            continue  # most quotes: passed over before their sentence is found
        if cited is None:
            cited = [(x.source, a, z) for x in c.citations if x.span is not None for a, z in x.span.pieces]
        text = src.text.text
        sentence = sentence_at(src, start)
        lo = sentence.start if sentence is not None else max(0, start - 80)
        # The claim's pieces in this sentence: the quote is read from the first of them.
        same = sorted((a, z) for s, a, z in cited if s == cit.source and lo <= a <= start and (sentence is None or a < sentence.end))
        if same[0][0] < start:
            continue  # not the first of the claim's pieces in this sentence: read with the first
        # The words before the quote, back to the clause's punctuation, at most FRAGMENT_WINDOW.
        begin = first - FRAGMENT_WINDOW
        if begin < 0 or r.starts[begin] < lo:
            begin = bisect_left(r.starts, lo)
        if begin >= first or _GAP_FIRST.isdisjoint(r.lows[begin:first]):
            continue  # nothing before the quote that could govern it: most quotes
        cut = max(text.rfind(ch, lo, start) for ch in _CLAUSE_BREAK)
        begin = max(begin, bisect_left(r.starts, cut + 1))
        if begin >= first:
            continue
        if names is not None and len(same) == 1 and _only_a_name(r, first, bisect_left(r.starts, same[0][1]), names):
            continue  # a name alone
        for i, k, phrase in r.phrases(_GAP_WORDS, begin, first):
            a, z = r.starts[i], r.ends[i + k - 1]
            if phrase in CONTRAST or any(s == cit.source and a0 <= a and z <= z0 for s, a0, z0 in cited):
                continue
            if phrase in HEDGES and k == 1 and phrase == "may" and text[a] == "M":
                continue
            what = "negation" if phrase in NEGATIONS else "hedge"
            out.append(
                at(
                    c,
                    cit.field_path + ("quote",),
                    f"quote-drops-{what}",
                    f"the quote begins just after {text[a:z]!r} ({'a negation' if what == 'negation' else 'a hedge'}) in the "
                    f"source ({text[r.starts[begin] : start].strip()!r} …), which governs it; quote from there, or cite other words",
                )
            )
            break
    return out


def anchor_one(b: Briefing, rec: Record, cit: Citation, report: Report | None = None) -> list[Diagnostic]:
    """The citation's problems. A citation that does not anchor reports `anchor:` its record (its
    evidence is incomplete), and notes in `report.unanchored` where it was probably meant to
    point, so that a sentence left uncited there follows from it."""
    src = b.sources.get(cit.source)
    mine = (anchor_key(rec.path),)
    if src is None:
        d = unknown_at(b, rec, cit.field_path + ("source",), "source", cit.source, b.sources)
        if report is not None:  # the source it probably meant: where the quote is there
            for sid in close_ids(cit.source, b.sources):
                near = b.sources[sid]
                if near.text is not None:
                    try:
                        span = anchor(near.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
                        spans: tuple[tuple[int, int], ...] = ((span.start, span.end),)
                    except AnchorError as exc:
                        spans = exc.near
                    report.unanchored.setdefault(sid, []).append((spans, mine[0]))
        return [replace(d, causes=d.causes + mine)]
    # The text is missing or unreadable: that error (on the source) is the cause, reported once;
    # this one shows only if nothing reported it, so that no citation ever passes unchecked.
    if src.text is None:
        msg = f"source {src.id} has no readable text ({src.text_path} is missing or unreadable); this quote cannot be checked"
        return [replace(at(rec, cit.field_path + ("quote",), "citation-unverified", msg), causes=mine, follows_from=(text_key(src.id),))]
    try:
        if cit.span is None:  # the loader resolves the citations it finds in its cache
            cit.span = anchor(src.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
    except AnchorError as exc:
        if report is not None:
            report.unanchored.setdefault(src.id, []).append((exc.near, mine[0]))
        d = at(rec, cit.field_path + ("quote",), exc.code, exc.message)
        return [replace(d, causes=mine, follows_from=(resaved_key(src.id),))]
    if not src.intact:
        a, z = cit.span.start, cit.span.end
        line, col = src.text.line_col(a)
        msg = (
            f"source {src.id} changed (sha256 differs from its record); this quote is still found at "
            f"offsets {a}–{z} (line {line}, column {col}): check it still says the same, then restore the source or update its sha256"
        )
        # Each is for a reviewer to re-check, unless the text was only saved differently (said once, on the source).
        return [replace(at(rec, cit.field_path + ("quote",), "citation-unverified", msg), follows_from=(resaved_key(src.id),))]
    return []


def check_anchors(b: Briefing, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    cits = [(rec, cit) for rec in [*b.claims.values(), *b.questions.values()] for cit in rec.citations]  # type: ignore[attr-defined]
    for rec, cit in cits:
        out.extend(anchor_one(b, rec, cit, report))
        out.extend(ellipsis_findings(b, rec, cit))
    for src in b.sources.values():
        for nc in src.not_claims:
            out.extend(anchor_one(b, src, nc.citation, report))
    report.counts["citations anchored"] = sum(1 for _rec, cit in cits if cit.span is not None)
    return out


def check_source_integrity(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    for src in b.sources.values():
        if src.text is None or src.intact:
            continue
        if (resaved := _resaved(b, src)) is not None:
            out.append(resaved)
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
        out.append(replace(at(src, ("sha256",), "source-hash-mismatch", msg), causes=(text_key(src.id),)))
    report.counts["sources hashed"] = len(b.sources)
    return out


# -- a text saved differently: said once, as what happened ----------------------------------------

_BOM = b"\xef\xbb\xbf"
MAX_ADDED_BREAKS = 3  # line breaks added at the end that are still "saved differently"


def _undo(raw: bytes) -> Iterator[tuple[bytes, list[tuple[str, str]]]]:
    """Every text `raw` may have been before it was saved again, with what the saving did (and
    how to undo it): a byte order mark added or dropped, line endings changed, a line break added
    at the end or dropped, the characters re-encoded in another Unicode normal form."""
    boms = [(raw, [])]
    if raw.startswith(_BOM):
        boms.append((raw[3:], [("gained a byte order mark (BOM) at its start", "save it as UTF-8 without BOM")]))
    else:
        boms.append((_BOM + raw, [("lost the byte order mark (BOM) at its start", "save it as UTF-8 with a BOM, as it was")]))
    for b0, w0 in boms:
        forms = [(b0, w0)]
        try:
            text = b0.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and not text.isascii():
            for form in ("NFC", "NFD"):
                other = unicodedata.normalize(form, text).encode("utf-8")
                if other != b0:
                    what = f"had its characters re-encoded (Unicode normal form {'NFD' if form == 'NFC' else 'NFC'})"
                    forms.append((other, [*w0, (what, "copy the original file again instead of re-saving it")]))
        for b1, w1 in forms:
            eols = [(b1, w1)]
            if b"\r\n" in b1:
                eols.append((b1.replace(b"\r\n", b"\n"), [*w1, ("had its line endings changed to CRLF (Windows)", "save it with LF (Unix) line endings")]))
            elif b"\n" in b1:
                eols.append((b1.replace(b"\n", b"\r\n"), [*w1, ("had its line endings changed from CRLF to LF", "save it with CRLF line endings, as it was")]))
            for b2, w2 in eols:
                yield b2, w2
                cut = b2
                for n in range(1, MAX_ADDED_BREAKS + 1):  # the last n line breaks added
                    if not cut.endswith(b"\n"):
                        break
                    cut = cut[:-2] if cut.endswith(b"\r\n") else cut[:-1]
                    breaks = "a line break" if n == 1 else f"{n} line breaks"
                    fix = f"delete the {breaks.removeprefix('a ')} at its end (many editors add one when saving)"
                    yield cut, [*w2, (f"gained {breaks} at its end", fix)]
                ending = b"\r\n" if b"\r\n" in b2 else b"\n"
                yield b2 + ending, [*w2, ("lost the line break at its end", "add the line break at its end back")]


def how_resaved(raw: bytes, sha256: str) -> list[tuple[str, str]] | None:
    """What saving did to a text whose bytes are `raw` and whose record's sha256 is `sha256`,
    with how to undo each step, if saving is all that changed it (else None)."""
    for before, what in _undo(raw):
        if what and hashlib.sha256(before).hexdigest() == sha256:
            return what
    return None


def _resaved(b: Briefing, src: Source) -> Diagnostic | None:
    """One error, saying exactly what happened, when the text differs from the one its sha256
    names only in how it was saved; then every citation is as it was once that is undone, and
    what the changed text would report on them follows from this."""
    assert src.text is not None
    raw = src.text.text.encode("utf-8")  # decoded strictly, so these are the file's bytes
    what = how_resaved(raw, src.sha256)
    if what is None:
        return None
    said = ", ".join(w for w, _ in what[:-1]) + (" and " if len(what) > 1 else "") + what[-1][0]
    fix = "; ".join(f for _, f in what)
    msg = (
        f"text {src.text_path} {said}, and is otherwise byte for byte the text its record's sha256 names: {fix}; "
        f"or restore the file with `git checkout -- {src.text_path}`. Then every citation of it reads as before"
    )
    return replace(at(src, ("sha256",), "source-hash-mismatch", msg), causes=(text_key(src.id), resaved_key(src.id)))


# -- references both ways --------------------------------------------------------------------------
