"""Content words: every word a statement says is, in some form, in its evidence.

A content word is any word that is not a function word, a framing word ("the article says",
"according to", "quoted as saying"), a negation, a hedge or word of certainty, or a quantity:
those have rules of their own (`lexicon`). Each is compared by its lemma (`lexicon.lemma`, a
Snowball stem), so "developing" meets "development"; a stem also meets a longer one that starts
with it and is at most three letters longer ("failed" meets "failure"). Names of entities the
evidence names are the entity rules' to judge.

A paraphrase the framing list does not know fails with a message naming the word: write closer
to the source, or, for an inference, give the word's reason in its basis.
"""

from __future__ import annotations

from briefing.lexicon import (
    BOUNDS,
    CERTAINTY,
    CONJUNCTIONS,
    COUNT_PHRASES,
    FRACTIONS,
    FRAMING,
    FRAMING_FREE,
    FRAMING_NOUNS,
    FUNCTION_WORDS,
    HEDGES,
    MULTIPLIERS,
    NEGATION_PARTICLES,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PERCENT,
    QUANTIFIERS,
    UNITS,
    lemma,
)
from briefing.reading import Words, words_of
from briefing.rules.base import Finding


def _single(*groups: object) -> frozenset[str]:
    words: set[str] = set()
    for g in groups:
        for p in g:  # type: ignore[attr-defined]
            words.update(str(p).split())
    return frozenset(words)


# Words some other rule reads (a phrase's every word: "set to" makes "set" one of them).
NOT_CONTENT = FUNCTION_WORDS | FRAMING | _single(
    NEGATION_PARTICLES, HEDGES, CERTAINTY, NUMBER_WORDS, ORDINAL_WORDS, QUANTIFIERS, COUNT_PHRASES, MULTIPLIERS, FRACTIONS,
    PERCENT, BOUNDS,
) | {"n't", "times", "fold"} | CONJUNCTIONS  # fmt: skip
# "but", "however": they join clauses whose words are checked; "despite", "instead", "unless",
# "except" say more (a concession, a condition, an exclusion) and are content words.
FRAMING_VERBS = FRAMING - FRAMING_NOUNS - FRAMING_FREE

# The site's own names for its parts, which a text held word for word but about the site's parts
# (a page's title and description, a key judgment, an open question, an entity's or topic's
# description) may use without evidence:
# "the claims of the timeline", "the questions". The one such list; kept to nouns no story states.
SITE_WORDS = frozenset(["claim", "claims", "judgment", "judgments", "question", "questions", "timeline", "topic", "topics"])

MIN_STEM = 4  # a stem meets a longer one only from this length ("sign" does not meet "significant": 4 letters apart)
MAX_ENDING = 3


def _prefixes(evidence: Words) -> frozenset[str]:
    """The beginnings a shorter stem may meet the evidence's words by (computed only when a word is
    not found as it is; once per evidence, however many of a statement's words ask)."""
    got = evidence._prefixes
    if got is None:
        got = evidence._prefixes = frozenset(s[:k] for s in evidence.stems for k in range(max(MIN_STEM, len(s) - MAX_ENDING), len(s)))
    return got


def meets(word: str, evidence: str | Words) -> bool:
    """Whether the evidence has `word` (folded) in some form (see the module's docstring)."""
    ev = words_of(evidence)
    stems = ev.stems
    s = lemma(word)
    if s in stems or word in stems:
        return True
    if any(s[:k] in stems for k in range(max(MIN_STEM, len(s) - MAX_ENDING), len(s))):
        return True
    return s in _prefixes(ev)


_CONTENT: dict[str, bool] = {}


def is_content(low: str) -> bool:
    """Whether a folded word is one the content-word rule asks the evidence for."""
    got = _CONTENT.get(low)
    if got is None:
        got = low not in NOT_CONTENT and low not in UNITS and len(low) > 1 and low.isalpha()
        if len(_CONTENT) < 1 << 18:
            _CONTENT[low] = got
    return got


def _framed(lows: list[str], i: int, lo: int, frames: frozenset[str], named: bool) -> bool:
    """Whether the framing verb at `i` has the source for its subject: the nearest word before it
    that is not a function word (through other framing verbs: "the article, quoting X, says") is
    a framing noun or a word of the source's title or publisher ("the notes say"), or "it" in a
    statement that `named` the source ("the Protons, whose fuels it calls toxic")."""
    j = i - 1
    if j >= lo and lows[j] in ("and", "or") and named:
        # "the notes tell of …, and name …": the verb shares the subject of a framed one before it
        return any(lows[x] in FRAMING_VERBS and _framed(lows, x, lo, frames, named) for x in range(lo, j))
    while j >= lo:
        w = lows[j]
        if w in FRAMING_NOUNS or w in frames:
            return True
        if w in ("it", "they") and named:
            return True
        if w not in FUNCTION_WORDS and w not in FRAMING_VERBS:
            return False
        j -= 1
    return False


def _names_the_source(lows: list[str], i: int, hi: int) -> bool:
    """Whether the word at `i` (a word of the source's title or publisher) is the subject of a
    framing verb right after it ("the notice says", "the review notes")."""
    j = i + 1
    while j < hi and lows[j] in FUNCTION_WORDS:
        j += 1
    return j < hi and lows[j] in FRAMING_VERBS


def unsupported_words(
    text: str | Words,
    evidence: str | Words,
    allowed: tuple[tuple[int, int], ...] = (),
    where: str = "its cited words",
    speech: bool = False,
    sources: frozenset[str] = frozenset(),
    site: bool = False,
) -> list[Finding]:
    """The content words of `text` that `evidence` lacks in every form, each once, in order, as
    `content-word-unsupported` findings (offsets in `text`'s reading). `allowed` spans of the
    text (names the entity rules judge) are skipped.

    A framing verb ("says", "told", "described") needs no support when its subject is the source
    ("the article says", "the notes tell": a framing noun or a word of `sources`, the folded words
    of the cited sources' titles and publishers), when the text frames itself with "according
    to", or with `speech` (the claim is attributed: its speaker is the roles rule's to judge).
    Otherwise it says someone spoke, and must be in the evidence like any content word. With
    `site`, the words of `SITE_WORDS` need no support (a text that says which part of the site it
    is: a page's title and description, a key judgment, an open question, a description)."""
    said = words_of(text)
    ev = words_of(evidence)
    words = said.words
    ev_words = ev.words
    # Someone speaking is what the evidence says too when it has a speech word of its own ("spoke"
    # for "quoted … as saying"; who spoke is the roles rule's to judge).
    speech = speech or "according" in words or not FRAMING_VERBS.isdisjoint(ev_words) or "according" in ev_words
    # The words asked for that the evidence does not write as they are; its lemmas are made only
    # when there is one (the stems hold the words: a word written there is met).
    asked = [w for w in words - ev_words if (is_content(w) or (not speech and w in FRAMING_VERBS)) and not (site and w in SITE_WORDS)]
    if not asked:
        return []
    stems = ev.stems
    missing = [w for w in asked if w not in stems and lemma(w) not in stems]
    if not missing:
        return []
    missing_set = {w for w in missing if not meets(w, ev)}
    named = not FRAMING_NOUNS.isdisjoint(words) or not sources.isdisjoint(words)
    out: list[Finding] = []
    for r, lo, hi in said.parts:
        for i in range(lo, hi):
            w = r.lows[i]
            if w not in missing_set:
                continue
            a, z = r.starts[i], r.ends[i]
            shown = r.text[a:z]
            if any(a0 <= a and z <= z0 for a0, z0 in allowed) or any(ch.isdigit() for ch in shown):
                continue  # a name, or the unit or suffix of a figure ("30t", "3rd"): the quantity rule's
            framing = w in FRAMING_VERBS
            if framing and (w in sources or _framed(r.lows, i, lo, sources, named)):
                continue  # "the article says", "the notes say": about the source, not a word of it
            if w in sources and _names_the_source(r.lows, i, hi):
                continue  # "the notice says": the source called by its title
            missing_set.discard(w)
            if framing:
                msg = (
                    f"the statement says {shown!r}, that someone spoke or wrote, which {where} do not say: name the source it "
                    "frames ('the article says …', 'according to …'), or cite the words that say who spoke"
                )
            else:
                msg = (
                    f"the statement says {shown!r}, which {where} do not, in any form: say it in the source's words, or leave it "
                    "out (framing words such as 'the article says', 'according to' or 'quoted as saying' need no support)"
                )
            out.append(Finding("content-word-unsupported", a, z, shown, msg))
    return out


__all__ = ["NOT_CONTENT", "SITE_WORDS", "is_content", "meets", "unsupported_words"]
