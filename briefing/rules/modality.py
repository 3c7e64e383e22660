"""Modality and certainty: an offer stays an offer, "could" stays "could".

Two classes of words (`lexicon.HEDGES`, `lexicon.CERTAINTY`) are compared between a statement
and its evidence, as negations are:

- a hedge in the evidence (could, might, possible, expected, planned, set to, keen, offering,
  proposed, would …) must be carried by the statement: some hedge, no weaker than the
  evidence's ("could" may become "might", not "planned"): `modality-dropped`;
- a word of certainty or completion in the statement (will, agreed, signed, completed,
  delivered, confirmed, certainly …, and any perfect "has/have/had + participle") must be in the
  evidence, in some form: `modality-unsupported`. So must a hedge of intention or expectation
  (would, planned, expected, offering …) where the evidence has none: "could" is not "planned".

"May" the month is not a hedge ("in May 2019").
"""

from __future__ import annotations

from typing import NamedTuple

from briefing import lexicon
from briefing.lexicon import (
    _ADVERBS_IN_PERFECT,
    CERTAINTY,
    HEDGES,
    HEDGES_PLAN,
    HEDGES_POSSIBILITY,
    HEDGES_PROPOSAL,
    IRREGULAR_PARTICIPLES,
    NUMBER_WORDS,
    PERFECT_AUXILIARIES,
    SPECULATION,
    lemma,
)
from briefing.reading import Reading, Words, words_of
from briefing.rules.base import Finding

_TABLE = lexicon.phrase_table(HEDGES_POSSIBILITY, HEDGES_PROPOSAL, HEDGES_PLAN, CERTAINTY)
# Reported speech moves a future back ("will replace" → "would be replaced"): the statement's
# "would" says no more than the evidence's "will".
BACKSHIFTED = {"would": frozenset({"will", "shall", "'ll", "going to"})}
_BEFORE_A_MONTH = frozenset({"in", "of", "early", "late", "mid", "since", "until", "by", "from", "to", "last", "next", "this"})


class Modal(NamedTuple):
    i: int  # first word, in its reading
    k: int  # word count
    cls: str  # "possibility", "proposal", "plan", "certainty", "perfect"
    words: str  # the phrase, folded
    start: int  # offsets in the reading's text
    end: int
    text: str  # as written


def _is_month(r: Reading, i: int) -> bool:
    lows = r.lows
    if lows[i] != "may" or r.text[r.starts[i]] != "M":
        return False
    before = lows[i - 1] if i else ""
    after = lows[i + 1] if i + 1 < len(lows) else ""
    return after[:1].isdigit() or before[:1].isdigit() or before in _BEFORE_A_MONTH or (i == 0 and after == ",")


def _participle(low: str) -> bool:
    return low in IRREGULAR_PARTICIPLES or (len(low) > 3 and low.isalpha() and low.endswith(("ed", "en")) and low not in NUMBER_WORDS)


def _scan(r: Reading) -> list[Modal]:
    """The hedges, certainty words and perfects of a reading, in order."""
    lows, text, starts, ends = r.lows, r.text, r.starts, r.ends
    out: list[Modal] = []
    for i, k, phrase in r.phrases(_TABLE):
        if k == 1 and phrase == "may" and _is_month(r, i):
            continue
        cls = "possibility" if phrase in HEDGES_POSSIBILITY else "proposal" if phrase in HEDGES_PROPOSAL else "plan" if phrase in HEDGES_PLAN else "certainty"
        a, z = starts[i], ends[i + k - 1]
        out.append(Modal(i, k, cls, phrase, a, z, text[a:z]))
    n = len(lows)
    for i in [i for i in r.marks if lows[i] in PERFECT_AUXILIARIES]:
        j = i + 1
        while j < n and j <= i + 2 and lows[j] in _ADVERBS_IN_PERFECT:
            j += 1
        if j < n and _participle(lows[j]):
            out.append(Modal(i, j - i + 1, "perfect", f"{lows[i]} {lows[j]}", starts[i], ends[j], text[starts[i] : ends[j]]))
    out.sort(key=lambda m: m.i)
    return out


def modals(text: str | Words) -> list[Modal]:
    """The hedges, certainty words and perfects of `text`, in order."""
    return words_of(text).found("modals", _scan)


def _has(m: Modal, stems: frozenset[str]) -> bool:
    return all(lemma(w) in stems or w in stems for w in m.words.split())


_HEDGE_CLASSES = ("possibility", "proposal", "plan")
_CLASS_NAMES = {"possibility": "a possibility", "proposal": "an offer, a wish or an attempt", "plan": "a plan or an expectation"}


def _hedged_perfect(m: Modal) -> bool:
    """A perfect whose participle is itself a hedge ("has offered", "had planned"): it tells of an
    offer or a plan made, not of the thing done."""
    return m.cls == "perfect" and m.words.split()[-1] in HEDGES


def modality_findings(text: str | Words, evidence: str | Words, where: str = "its cited words", hedged: str | Words | None = None) -> list[Finding]:
    """What `text` says with more certainty than `evidence` (`modality-unsupported`), or, failing
    that, the hedge of `hedged` (by default the evidence) that it drops (`modality-dropped`); at
    most one finding per word (offsets in `text`'s reading).

    Hedges come in three classes, weakest first: possibility, an offer or wish, a plan or
    expectation. A statement's hedge of possibility is never more than its evidence says; an offer
    or a plan must be one its evidence has too (the same word in some form, or one of its class);
    a word of certainty must be in the evidence, and so must a perfect, unless its participle is
    itself a hedge ("has offered")."""
    evidence = words_of(evidence)
    said, cited = modals(text), modals(evidence)
    if hedged is not None and hedged is not evidence:
        cited_hedges = [m for m in modals(hedged) if m.cls in _HEDGE_CLASSES]
    else:
        cited_hedges = None
    hedges = [m for m in cited if m.cls in _HEDGE_CLASSES]
    out: list[Finding] = []
    classes = {m.cls for m in cited} if said else set()
    for m in said:
        if m.cls == "certainty" and not _has(m, evidence.stems):  # (the stems made only when asked)
            why = f"they say {_listed(hedges)}" if hedges else "they do not say it so firmly"
            out.append(
                Finding(
                    "modality-unsupported",
                    m.start,
                    m.end,
                    m.text,
                    f"the statement says {m.text!r}, a word of certainty or completion that {where} do not have ({why}); "
                    "say only what they say: an offer stays an offer, 'could' stays 'could'",
                )
            )
        elif m.cls == "perfect" and not _hedged_perfect(m) and "perfect" not in classes:
            out.append(
                Finding(
                    "modality-unsupported",
                    m.start,
                    m.end,
                    m.text,
                    f"the statement says {m.text!r}, which tells of something done, and {where} do not "
                    f"({'they say ' + _listed(hedges) if hedges else 'they have no such perfect'}); write the tense and hedge they use",
                )
            )
        elif (
            m.cls in ("proposal", "plan")
            and m.cls not in classes
            and not _has(m, evidence.stems)
            and not (m.words in BACKSHIFTED and any(c.words in BACKSHIFTED[m.words] for c in cited))
        ):
            theirs = f" (they say {_listed(hedges)}, {_CLASS_NAMES[hedges[0].cls]})" if hedges else ""
            out.append(
                Finding(
                    "modality-unsupported",
                    m.start,
                    m.end,
                    m.text,
                    f"the statement says {m.text!r}, {_CLASS_NAMES[m.cls]}, which {where} do not state{theirs}; "
                    "use their own hedge ('is offering to' for an offer, 'could' for a possibility)",
                )
            )
    if out:  # one finding per words: "has agreed" is a perfect and a word of certainty, reported once
        kept: list[Finding] = []
        for f in out:
            if not any(f.start < k.end and k.start < f.end for k in kept):
                kept.append(f)
        return kept
    if cited_hedges is not None:
        hedges = cited_hedges
        where = "its cited words"
    if not hedges:
        return out
    if not any(m.cls in _HEDGE_CLASSES for m in said):
        h = hedges[0]
        shown = _listed(hedges)
        out.append(
            Finding(
                "modality-dropped",
                0,
                0,
                h.text,
                f"{where} hedge ({shown}) and the statement does not: it may state as fact what the source offers as a "
                "possibility, a plan or an offer; carry the hedge (e.g. 'could', 'is offering to', 'had planned to')",
            )
        )
    return out


def _listed(hedges: list[Modal]) -> str:
    """The first three hedges, quoted (for a message: made only when one is written)."""
    return ", ".join(repr(m.text) for m in hedges[:3])


def speculation_in(text: str | Words) -> Modal | None:
    """The first hedge of a guess (`lexicon.SPECULATION`: might, may, could, perhaps …) in `text`."""
    return next((m for m in modals(text) if m.words in SPECULATION), None)


__all__ = ["Modal", "modality_findings", "modals", "speculation_in"]
