"""Reader-facing text says no more than its evidence.

Every text a reader sees that is not a claim's statement — a sentence, table row or label of a
page, a page's title, description and tags, a key judgment, an open question, the description of
an entity or a topic, a claim's note, an inference's basis, a source's metadata — is held to the
claims it rests on, by the same rules and vocabulary as a claim's statement is held to its quotes:

- every number in it is in its evidence (digits inside the name of an entity it names belong to
  the name: "Long March 5");
- every entity it names is named in its evidence;
- a negation in it is in its evidence, and a negation of a claim it cites is in it;

and text that needs no evidence (an `!!! about` block, a page that explains the site) states no
fact of the story at all: no number and no name of an entity (`facts`).

Each function returns `Gap`s: what the text says that its evidence lacks. The caller knows where
the text came from and turns each into a diagnostic at that place, with the code of the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from briefing.model import Briefing, Claim
from briefing.rules.support import NameIndex
from briefing.text import TOKENS, bounded, folded, has_number, is_word, negation_in, numbers_in

NUMBER, NAME, NEGATION, NEGATION_DROPPED, DATE = "number", "name", "negation", "negation-dropped", "date"

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_CAPITALISED = re.compile(r"(?<![^\W_])([A-Z][^\W_]*)")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*|\n\s*)\Z")


@dataclass(frozen=True)
class Gap:
    """What a text says that its evidence does not: the rule (`NUMBER`, `NAME`, `NEGATION`,
    `NEGATION_DROPPED`) and the words, as the text writes them."""

    rule: str
    word: str
    entity: str = ""  # NAME: the entity's id


def _plain(text: str, names: NameIndex) -> bool:
    """Whether the text has no word that starts an entity's name and no negation: a look at its
    words, cheaper than finding names."""
    return negation_in(text) is None and not any(tok in names.lengths for tok in TOKENS.findall(folded(text)))


def _masked(text: str, names: NameIndex) -> tuple[str, list[tuple[int, int, str]]]:
    """The text folded, with the names of the entities it names blanked (their digits belong to
    the name), and those mentions."""
    mentions = names.find(text)
    masked = folded(text)
    for a, z, _eid in mentions:
        masked = masked[:a] + " " * (z - a) + masked[z:]
    return masked, mentions


Lazy = str | Callable[[], str]  # evidence, or how to make it: only made when the text says something to hold


def gaps(
    b: Briefing, text: str, evidence: Lazy, names: NameIndex, negations: tuple[str, ...] = (), rules: frozenset[str] = frozenset({NUMBER, NAME, NEGATION})
) -> list[Gap]:
    """What `text` says that `evidence` lacks: numbers, names of entities, a negation (the `rules`
    asked for). `negations`: statements of claims the text cites whose negation it must carry.
    The evidence is read (and made, when it is a callable) only when the text holds something to
    look for there; its folded form is made once for every name."""
    out: list[Gap] = []
    if NUMBER not in rules and not negations and _plain(text, names):
        return out  # no name of an entity, no negation: nothing to hold (most ids)
    masked, mentions = _masked(text, names)
    nums = list(dict.fromkeys(numbers_in(masked))) if NUMBER in rules else []
    neg = negation_in(text) if NEGATION in rules or negations else None
    if not nums and not (mentions and NAME in rules) and neg is None and not negations:
        return out
    ev = evidence() if callable(evidence) else evidence
    for num in nums:
        if not has_number(num, ev):
            out.append(Gap(NUMBER, num))
    if NAME in rules and mentions:
        hay = folded(ev)
        seen: set[str] = set()
        for a, z, eid in mentions:
            if eid in seen:
                continue
            seen.add(eid)
            ent = b.entities.get(eid)
            if ent is not None and not any(n and bounded(hay, folded(n), is_word) for n in ent.names):
                out.append(Gap(NAME, folded(text)[a:z], eid))
    if neg is not None and NEGATION in rules and negation_in(ev) is None:
        out.append(Gap(NEGATION, neg))
    if neg is None:
        for statement in negations:
            if (theirs := negated_words(statement)) and all(_has_word(text, w) for w in theirs[1]):
                out.append(Gap(NEGATION_DROPPED, theirs[0]))
                break
    return out


# Words that carry no content of their own, read past when finding what a negation denies.
_LIGHT = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "to", "of", "in", "on", "at", "for", "by", "with", "from", "as", "and", "or", "but", "so", "any", "some", "there", "their", "his", "her", "he", "she", "they", "which", "who", "what", "whom"]
)


def negated_words(statement: str) -> tuple[str, tuple[str, ...]] | None:
    """The first negation of a statement and the two words of content after it (what it denies):
    "not" and ("permitted", "old") in "traffic is not permitted on the old bridge"."""
    neg = negation_in(statement)
    if neg is None:
        return None
    at = folded(statement).find(neg)
    after = [w for w in _WORD.findall(folded(statement)[at + len(neg) :]) if w not in _LIGHT][:2]
    return neg, tuple(after)


def _has_word(text: str, word: str) -> bool:
    """Whether `text` has the word, or a form of it (its stem: "permitted", "permit")."""
    stem = word[: max(4, len(word) - 3)] if len(word) > 5 else word
    return any(w == word or (len(w) >= len(stem) and w.startswith(stem)) for w in _WORD.findall(folded(text)))


def facts(b: Briefing, text: str, names: NameIndex) -> list[Gap]:
    """The facts of the story a text that needs no evidence states: numbers, names of entities
    and the other names its sources use, dates (the name of a month or a day of the week)."""
    masked, mentions = _masked(text, names)
    out = [Gap(NUMBER, num) for num in dict.fromkeys(numbers_in(masked))]
    seen: set[str] = set()
    for a, z, eid in mentions:
        if eid not in seen:
            seen.add(eid)
            out.append(Gap(NAME, folded(text)[a:z], eid))
    proper: frozenset[str] | None = None  # read from the sources only when a capitalised word needs it
    for m in _WORD.finditer(text):
        w = m.group()
        low = w.casefold()
        if low in seen:
            continue
        if not w[0].isupper() and low not in _WEEKDAYS:
            continue
        starts = _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()) is not None or m.start() == 0
        if low in _WEEKDAYS or (low in _MONTHS and (low != "may" or not starts)):
            seen.add(low)
            out.append(Gap(DATE, w))
        elif not starts and w in (proper := proper if proper is not None else source_names(b)):
            if any(folded(w) in folded(text)[a:z] for a, z, _ in mentions):
                continue
            seen.add(low)
            out.append(Gap(NAME, w))
    return out


def source_names(b: Briefing) -> frozenset[str]:
    """The names the briefing's sources use: words they write capitalised inside a sentence and
    never in lower case ("Tiangong", "Zhukovsky")."""
    return _names_in(tuple(src.text.text for src in b.sources.values() if src.text is not None))


# A capitalised word inside a sentence: after a word (or its comma) and a space.
_MID_CAPITAL = re.compile(r"(?:(?<=[^\W_] )|(?<=[^\W_][,;’'] ))([A-Z][^\W_]*)")
_LOWER = re.compile(r"(?<![^\W_])[a-z][^\W_]*")


@lru_cache(maxsize=8)
def _names_in(texts: tuple[str, ...]) -> frozenset[str]:
    capital: set[str] = set()
    lower: set[str] = set()
    for t in texts:
        capital.update(w for w in _MID_CAPITAL.findall(t) if not w.isupper())
        lower.update(_LOWER.findall(t))
    return frozenset(w for w in capital if w.casefold() not in lower)


def describe(gap: Gap, b: Briefing) -> str:
    """The gap as the words of a message: "the number '2016'", "'Putin' (entity vladimir-putin)"."""
    if gap.rule == NUMBER:
        return f"the number {gap.word!r}"
    if gap.rule == DATE:
        return f"the date word {gap.word!r}"
    if gap.rule == NAME and not gap.entity:
        return f"the name {gap.word!r}, which the source uses"
    if gap.rule == NAME:
        ent = b.entities.get(gap.entity)
        said = next((n for n in ent.names if folded(n) == gap.word), gap.word) if ent is not None else gap.word
        return f"{said!r} (entity {gap.entity})"
    return f"the negation {gap.word!r}"


class Evidence:
    """What claims can support, each read once: a claim's statement and its cited words (for an
    inference, also what it rests on and its basis)."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.known: dict[str, str] = {}

    def of(self, ids: set[str] | tuple[str, ...] | list[str]) -> str:
        from briefing.evidence import cited_text, inference_evidence

        parts = []
        for cid in dict.fromkeys(ids):
            c: Claim | None = self.b.claims.get(cid)
            if c is None:
                continue  # unknown-claim says so
            if cid not in self.known:
                extra = inference_evidence(self.b, c) if c.kind == "inference" else cited_text(self.b, c)
                self.known[cid] = c.statement + "\n" + extra
            parts.append(self.known[cid])
        return "\n".join(parts)

    def statements(self, ids: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(self.b.claims[c].statement for c in dict.fromkeys(ids) if c in self.b.claims)


__all__ = ["DATE", "NAME", "NEGATION", "NEGATION_DROPPED", "NUMBER", "Evidence", "Gap", "describe", "facts", "gaps"]
