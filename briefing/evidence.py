"""What a claim's evidence is: its cited words, the sentences holding them, and for an inference
the claims it rests on. Shared by the rules and the site; reads a loaded briefing only."""

from __future__ import annotations

import hashlib
from bisect import bisect_right

from briefing import sentences
from briefing.cache import RecordCache
from briefing.model import Briefing, Citation, Claim, Source
from briefing.reading import Part, Reading, Words, piece_parts, pieces, read, read_source


def source_reading(src: Source) -> Reading:
    """The reading of the source's whole text (made once per text)."""
    assert src.text is not None
    return read_source(src.text, src.text.text)


def cited(b: Briefing, c: Claim) -> Words:
    """The claim's cited words: for each anchored citation, the words of its pieces in its
    source's reading."""
    return quoted_words(b, c.citations)


def quoted_words(b: Briefing, citations: list[Citation]) -> Words:
    """The words of the anchored citations (a claim's, an open question's) in their sources' readings."""
    return Words(_cited_parts(b, citations))


def _cited_parts(b: Briefing, citations: list[Citation]) -> list[Part]:
    parts: list[Part] = []
    for cit in citations:
        src = b.sources.get(cit.source)
        if cit.span is not None and src is not None and src.text is not None:
            parts.extend(piece_parts(source_reading(src), cit.span.pieces))
    return parts


def holding_parts(b: Briefing, c: Claim) -> list[tuple[str, Part]]:
    """The source sentences that hold the claim's cited words, each once, in citation order: each
    sentence's text and its words in its source's reading."""
    out: list[tuple[str, Part]] = []
    seen: set[tuple[str, int]] = set()
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            continue
        _, units, starts = _split_of(src)
        k = max(0, bisect_right(starts, cit.span.start) - 1)
        while k < len(units) and units[k].start < cit.span.end:
            s = units[k]
            k += 1
            if cit.span.start < s.end and (cit.source, s.start) not in seen:
                seen.add((cit.source, s.start))
                out.extend((s.text, part) for part in pieces(source_reading(src), [(s.start, s.end)]).parts)
    return out


def holding(b: Briefing, c: Claim) -> Words:
    """The words of the source sentences that hold the claim's cited words."""
    return Words(part for _, part in holding_parts(b, c))


def inference_words(b: Briefing, c: Claim, seen: set[str] | None = None) -> Words:
    """`inference_evidence` as words: the basis, the date's basis, the claim's own cited words,
    and the statements and cited words of the claims it rests on, transitively."""
    return Words(_inference_parts(b, c, seen or {c.id}))


def _inference_parts(b: Briefing, c: Claim, seen: set[str]) -> list[Part]:
    """`inference_words` as runs, gathered into one list (one `Words` made at the end)."""
    out: list[Part] = []
    for text in (c.basis, c.date.basis if c.date else None):
        if text:
            out.extend(read(text).whole().parts)
    out.extend(_cited_parts(b, c.citations))
    for cid in c.based_on:
        dep = b.claims.get(cid)
        if dep is None or cid in seen:
            continue
        seen.add(cid)
        out.extend(read(dep.statement).whole().parts)
        out.extend(_cited_parts(b, dep.citations))
        if dep.kind == "inference":
            out.extend(_inference_parts(b, dep, seen))
    return out


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



def holding_sentence_list(b: Briefing, c: Claim) -> list[str]:
    """The source sentences that hold the claim's cited words, each once, in citation order."""
    parts: list[str] = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            continue
        for s in source_sentences(src):
            if s.start < cit.span.end and cit.span.start < s.end and s.text not in parts:
                parts.append(s.text)
    return parts


def holding_sentences(b: Briefing, c: Claim) -> str:
    return "\n".join(holding_sentence_list(b, c))


# -- dates ---------------------------------------------------------------------------------------------

# Each source's sentences, split once per text and not_claims (support and coverage both need
# them), kept on the text (`SourceText`) as long as it lives: (not-claim spans, sentences, starts).
_SPLIT_ATTR = "_sentence_split"


def sentence_at(src: Source, offset: int) -> sentences.Sentence | None:
    """The sentence of the source that holds `offset`, if any."""
    _, units, starts = _split_of(src)
    k = bisect_right(starts, offset) - 1
    return units[k] if k >= 0 and offset < units[k].end else None


def source_sentences(src: Source, memo: RecordCache | None = None) -> list[sentences.Sentence]:
    """The source's sentences, its not-claim spans cut out (split once per run, and with a memo,
    once per text and set of not-claim spans)."""
    return list(_split_of(src, memo)[1])


def sentences_and_starts(src: Source) -> tuple[list[sentences.Sentence], list[int]]:
    """`source_sentences` and where each starts, as kept for the run (shared: do not change them)."""
    _, units, starts = _split_of(src)
    return units, starts


def _split_of(src: Source, memo: RecordCache | None = None) -> tuple[list[tuple[int, int, str]], list[sentences.Sentence], list[int]]:
    assert src.text is not None
    text = src.text.text
    excluded = [(nc.citation.span.start, nc.citation.span.end, nc.reason) for nc in src.not_claims if nc.citation.span]
    known = src.text.__dict__.get(_SPLIT_ATTR)
    if known is None or known[0] != excluded:
        split = None
        key = None
        if memo is not None and src.actual_sha256:
            key = "sentences:" + hashlib.sha256(f"{src.actual_sha256}\n{excluded!r}".encode()).hexdigest()
            if (hit := memo.get(key)) is not None:
                split = [sentences.Sentence(a, z, text[a:z], why) for a, z, why in hit["sentences"]]
        if split is None:
            split = sentences.split(text, excluded)
            if key is not None and memo is not None:
                memo.put(key, {"sentences": [[x.start, x.end, x.not_claim] for x in split]})
        known = src.text.__dict__[_SPLIT_ATTR] = (excluded, split, [x.start for x in split])
    return known
