"""What a claim's evidence is: its cited words, the sentences holding them, and for an inference
the claims it rests on. Shared by the rules and the site; reads a loaded briefing only."""

from __future__ import annotations

import hashlib
import weakref

from briefing import sentences
from briefing.anchor import SourceText
from briefing.cache import RecordCache
from briefing.model import Briefing, Claim, Source


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



def holding_sentences(b: Briefing, c: Claim) -> str:
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


