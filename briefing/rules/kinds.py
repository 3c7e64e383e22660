"""Kind parity: a claim is told as what its words are.

- `kind-speculation-as-reported`: the cited words of a `reported` claim hold the hedge of a guess
  (might, may, could, perhaps, probably …, `lexicon.SPECULATION`). The article asserting
  something in its own voice is not the article guessing: file it as `speculation`, or as
  `attributed` when the sentence gives the words to someone ("according to", "said").
- `not-claim-cited`: a claim cites words its source lists under `not_claims` (a scraped headline
  of another article, a caption): those are not the article's claims and never support one.
"""

from __future__ import annotations

from briefing.diagnostics import Diagnostic
from briefing.evidence import holding_sentence_list
from briefing.lexicon import ATTRIBUTION_VERBS
from briefing.model import Briefing, Claim
from briefing.reading import Words
from briefing.rules.base import at
from briefing.rules.modality import speculation_in
from briefing.text import folded

_ATTRIBUTING = (*ATTRIBUTION_VERBS, "according to", "quoted", "quoting")


def attributes_words(sentence: str) -> bool:
    """Whether a sentence gives its words to someone ("said", "according to", "quoted")."""
    low = folded(sentence)
    return any(f" {w} " in f" {low} ".replace(",", " ").replace(".", " ") for w in _ATTRIBUTING)


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > 0 else limit - 1] + "…"


def kind_parity(b: Briefing, c: Claim, cited: str | Words) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if c.kind == "reported" and (m := speculation_in(cited)) is not None:
        if any(attributes_words(s) for s in holding_sentence_list(b, c)):
            fix = "the sentence gives these words to someone: file the claim as kind: attributed, with its speaker"
        else:
            fix = "that is the article's own guess: file the claim as kind: speculation, and keep the hedge in the statement"
        out.append(
            at(
                c,
                ("kind",),
                "kind-speculation-as-reported",
                f"the cited words say {m.text!r}, a guess, but the claim is filed as reported (the article asserting it in its "
                f"own voice); {fix}",
            )
        )
    for _i, cit in enumerate(c.citations):
        src = b.sources.get(cit.source)
        if src is None or cit.span is None:
            continue
        for nc in src.not_claims:
            span = nc.citation.span
            if span is not None and any(a < span.end and span.start < z for a, z in cit.span.pieces):
                out.append(
                    at(
                        c,
                        cit.field_path + ("quote",),
                        "not-claim-cited",
                        f"these words are listed under not_claims of source {src.id} ({_shorten(nc.reason)!r}): they are not "
                        "a claim of the source and cannot support one; cite the source's own words",
                    )
                )
                break
    return out


__all__ = ["attributes_words", "kind_parity"]
