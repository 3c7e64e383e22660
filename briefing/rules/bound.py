"""Reader-facing text says no more than its evidence.

Every text a reader sees that is not a claim's statement — a sentence, table row or label of a
page, a page's title, description and tags, a key judgment, an open question, the description of
an entity or a topic, a claim's note, an inference's basis, a source's metadata — is held to the
claims it rests on by the statement rules of the meaning checks, read with the same words
(`lexicon`, `reading`): no second tokeniser, lemma or word list here. Which rules hold a text
depends on what it is (the callers pass them):

- `QUANTITY`: every figure, in digits or in words, is in its evidence by value
  (`rules.quantities`); digits inside the name of an entity the evidence writes belong to the
  name ("Long March 5");
- `NAME`: every entity it names is named in its evidence (`names.NameIndex`);
- `NEGATION`: a negation particle in it is matched by a negation in its evidence; `REFUSAL`: a
  word of refusal, failure or lack in it ("refuses") is in its evidence in some form (where
  `WORDS`, which holds it as a content word, is not asked);
  `NEGATION_DROPPED`: it does not say without the negation what a claim it cites says with it;
- `WORDS`: every content word is in its evidence in some form, framing words aside
  (`rules.vocabulary`: the same lemmas and framing words as for a statement);
- `MODALITY`: no word of certainty, plan or offer its evidence lacks, and (where the caller asks,
  by passing the hedged texts) the hedge of the claims it cites carried (`rules.modality`).

Text that needs no evidence (an `!!! about` block, a page that explains the site) states no fact
of the story at all (`facts`): no figure, no name of an entity or other name the sources use, no
month or weekday.

Each function returns `Gap`s: what the text says that its evidence lacks. The caller knows where
the text came from and turns each into a diagnostic at that place, with the code of the rule.
Texts are read as a reader sees them (`glyphs.visible`): a look-alike letter is judged as the
letter it passes for, and the script rule reports the disguise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import compress

from briefing.evidence import cited, inference_words, source_reading
from briefing.glyphs import visible
from briefing.lexicon import FUNCTION_WORDS, MONTHS, NEGATION_PARTICLES, WEEKDAYS
from briefing.model import Briefing, Claim
from briefing.names import NameIndex, name_key
from briefing.reading import Part, Reading, Words, read, words_of
from briefing.rules.modality import modality_findings, modals
from briefing.rules.quantities import Quantity, quantities, same_value, unsupported_quantities
from briefing.rules.support import _source_words, negations
from briefing.rules.vocabulary import meets, unsupported_words

QUANTITY, NAME, NEGATION, NEGATION_DROPPED, DATE, WORDS, MODALITY = "quantity", "name", "negation", "negation-dropped", "date", "words", "modality"
REFUSAL = "refusal"  # a word of refusal, failure or lack, in some form, where content words are not held one by one (a label)
EVERY = frozenset({QUANTITY, NAME, NEGATION, WORDS, MODALITY})  # a unit that cites claims: all the statement rules
FACTS = frozenset({QUANTITY, NAME})
_NAMES_AND_NEGATION = frozenset({NAME, NEGATION})  # a note, a basis, a description: no figure or name its evidence lacks


@dataclass(frozen=True)
class Gap:
    """What a text says that its evidence does not: the rule, the words as the text writes them,
    for `NAME` the entity's id, and for the meaning rules their code and message (which calls the
    text "the statement": the caller names it)."""

    rule: str
    word: str
    entity: str = ""
    code: str = ""
    message: str = ""
    start: int = -1  # offsets in the text, where the rule knows them
    end: int = -1


_ADDRESS = re.compile(r"\b(?:https?|mailto|ftp)://[^\s<>\"]+|\bwww\.[^\s<>\"]+|\b[\w.+-]+@[\w-]+\.[\w.-]+")

_NOTHING = Words(())  # no evidence at all

Lazy = str | Words | Callable[[], "str | Words"]  # evidence, or how to make it: made only when the text holds something to look for


def _negation_particle(text: str | Words) -> str | None:
    return next((n.words for n in negations(text) if n.words in NEGATION_PARTICLES), None)


def gaps(
    b: Briefing,
    text: str,
    evidence: Lazy,
    names: NameIndex,
    negated: tuple[str, ...] = (),
    rules: frozenset[str] = EVERY,
    hedged: tuple[str, ...] | None = None,
    sources: frozenset[str] = frozenset(),
    site: bool = False,
    first: Words | None = None,
) -> list[Gap]:
    """What `text` says that `evidence` lacks, by the `rules` asked for. `negated`: statements of
    claims the text cites whose negation it must carry; `hedged`: texts whose hedge it must carry
    (None: no hedge asked for); `sources`: words of the cited sources' titles and publishers, which
    a framing verb may have for its subject ("the notice says"); `site`: the text may use the
    site's words for its parts (`vocabulary.SITE_WORDS`). The evidence is made (when it is a
    callable) only when the text holds something to look for in it. `first`: words that are part
    of the evidence (a claim's statement, already read): for names and negations alone, when they
    hold all the text asks for, the rest of the evidence is not made."""
    shown = visible(text)
    said = read(shown).whole()
    mentions = names.mentions(said) if NAME in rules or QUANTITY in rules or WORDS in rules else []
    particle = _negation_particle(said) if NEGATION in rules or negated else None
    refusals = [n for n in negations(said) if n.words not in NEGATION_PARTICLES] if REFUSAL in rules and WORDS not in rules else []
    # What the text holds for each rule to look for: the evidence is read only for those (most
    # ids, notes and descriptions hold no figure, name, negation or modal at all).
    figures = QUANTITY in rules and (bool(quantities(said)) if WORDS in rules else any(_is_figure(q) for q in quantities(said)))
    modal = MODALITY in rules and (bool(hedged) or bool(modals(said)))
    if WORDS not in rules and not (figures or mentions or modal or particle is not None or refusals or negated):
        return []
    # Whatever `first` names or denies, the whole evidence does too (its parts are read one by one).
    if (
        first is not None
        and rules <= _NAMES_AND_NEGATION
        and not negated
        and all(m.eid in names.named(first) for m in mentions)
        and (particle is None or NEGATION not in rules or negations(first))
    ):
        return []
    # Only the content words are left to look for: when no word would lack support even with no
    # evidence at all (every one a function, framing or site word), none can lack it in the
    # evidence, which need not be made (a description of ten thousand claims' words).
    if (
        WORDS in rules
        and callable(evidence)
        and not (figures or mentions or modal or particle is not None or negated)
    ):
        addresses = tuple(u.span() for u in _ADDRESS.finditer(shown))
        lacking = _lacking(said, _NOTHING, addresses, sources, site)
        # A word lacks support in the words of several claims exactly when it lacks it in each
        # one's (a word, its lemma, a stem and a framing verb are found in a union when in a part):
        # the claims are asked one by one until every word is met.
        for one in evidence.each() if isinstance(evidence, Claims) and lacking else ():
            lacking &= _lacking(said, one, addresses, sources, site)
            if not lacking:
                break
        if not lacking:
            return []
    ev = evidence() if callable(evidence) else evidence
    ev = words_of(ev)
    out: list[Gap] = []
    named = names.named(ev) if mentions else set()
    if figures:
        written = names.named_keys(ev) if mentions else set()
        # Digits inside a name are the name's when the evidence writes that very name (an alias
        # added for the purpose does not hide its digits) or does not name the entity at all (then
        # the name is the gap, one problem).
        masked = tuple((m.start, m.end) for m in mentions if m.name in written or m.eid not in named)
        if WORDS in rules:
            found = unsupported_quantities(said, ev, masked)
            out.extend(Gap(QUANTITY, f.word, code=f.code, message=f.message, start=f.start, end=f.end) for f in found)
        else:
            # A text in the editors' own words (a note, a basis, a label) is held to its figures,
            # by value: not to the ordinals and quantifiers it describes the source with ("the
            # second sentence", "each passage"), nor to a bound its reasoning draws ("just over
            # two years" from 25 months).
            theirs = quantities(ev)
            for q in quantities(said):
                if _is_figure(q) and not any(a <= q.start and q.end <= z for a, z in masked) and not any(e.kind == q.kind and same_value(e.value, q.value) for e in theirs):
                    code = "number-unsupported" if q.digits else "quantity-unsupported"
                    out.append(Gap(QUANTITY, q.text, code=code, start=q.start, end=q.end))
    if NAME in rules:
        seen: set[str] = set()
        for m in mentions:
            if m.eid not in seen and m.eid not in named:
                seen.add(m.eid)
                out.append(Gap(NAME, shown[m.start : m.end], m.eid, start=m.start, end=m.end))
    if WORDS in rules:
        # Names are the name rule's; an address shown as a link's text is where the words are, not
        # words of the story ("https", "org").
        judged = tuple((m.start, m.end) for m in mentions) + tuple(u.span() for u in _ADDRESS.finditer(shown))
        out.extend(Gap(WORDS, f.word, code=f.code, message=f.message, start=f.start, end=f.end) for f in unsupported_words(said, ev, judged, sources=sources, site=site))
    if modal:
        held = Words([]) if hedged is None else Words(p for t in hedged for p in read(t).whole().parts)
        out.extend(Gap(MODALITY, f.word, code=f.code, message=f.message, start=f.start, end=f.end) for f in modality_findings(said, ev, hedged=held))
    if particle is not None and NEGATION in rules and not negations(ev):
        out.append(Gap(NEGATION, particle))
    # A word of refusal, failure or lack ("refuses", "failed") says what kind of negation: where
    # content words are not held one by one (a label), it is held here, in some form.
    for n in refusals:
        if not all(meets(w, ev) for w in n.words.split()):
            out.append(Gap(REFUSAL, n.words))
            break
    if particle is None:
        for statement in negated:
            if (theirs := negated_words(statement)) and all(meets(w, said) for w in theirs[1]):
                out.append(Gap(NEGATION_DROPPED, theirs[0]))
                break
    return out


def _is_figure(q: Quantity) -> bool:
    """A figure: written in digits, or a count or amount in words other than "one" (which is as
    often a pronoun: "the one on engines")."""
    return q.digits or (q.kind == "n" and q.value != 1)


def negated_words(statement: str) -> tuple[str, tuple[str, ...]] | None:
    """The first negation particle of a statement and the two words of content after it (what it
    denies): "not" and ("permitted", "old") in "traffic is not permitted on the old bridge"."""
    r = read(statement)
    for n in negations(statement):
        if n.words in NEGATION_PARTICLES:
            after = [w for w in r.lows[n.i + n.k :] if w not in FUNCTION_WORDS and w.isalpha()][:2]
            return n.words, tuple(after)
    return None


def facts(b: Briefing, text: str, names: NameIndex) -> list[Gap]:
    """The facts of the story a text that needs no evidence states: figures (in digits, or a count
    in words other than "one"), names of entities and the other names its sources use, dates (the
    name of a month or a day of the week)."""
    shown = visible(text)
    r = read(shown)
    mentions = names.mentions(r.whole())
    inside = [(m.start, m.end) for m in mentions]
    out: list[Gap] = []
    for q in quantities(r.whole()):
        if any(a <= q.start and q.end <= z for a, z in inside):
            continue  # the name's digits: the name is the fact
        if _is_figure(q) and not (q.digits and shown[q.start : q.start + 1].isalpha()):  # "sha256" is a name, not a figure
            out.append(Gap(QUANTITY, q.text, start=q.start, end=q.end))
    seen: set[str] = set()
    for m in mentions:
        if m.eid not in seen:
            seen.add(m.eid)
            out.append(Gap(NAME, shown[m.start : m.end], m.eid, start=m.start, end=m.end))
    proper: frozenset[str] | None = None  # read from the sources only when a capitalised word needs it
    for i, low in enumerate(r.lows):
        a, z = r.starts[i], r.ends[i]
        w = shown[a:z]
        if low in seen or not w[:1].isalpha():
            continue
        if not w[0].isupper() and low not in WEEKDAYS:
            continue
        starts = _starts_sentence(shown, a)
        if low in WEEKDAYS or (low in MONTHS and (low != "may" or not starts)):
            seen.add(low)
            out.append(Gap(DATE, w, start=a, end=z))
        elif not starts and w in (proper := proper if proper is not None else source_names(b)):
            if any(a0 <= a and z <= z0 for a0, z0 in inside):
                continue
            seen.add(low)
            out.append(Gap(NAME, w, start=a, end=z))
    return out


_OPENERS = frozenset(".!?:;\"“‘(")  # what `_SENTENCE_START` lets a sentence start after (with space)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*|\n\s*)\Z")


def _starts_sentence(text: str, at: int) -> bool:
    return at == 0 or _SENTENCE_START.search(text, max(0, at - 4), at) is not None


def source_names(b: Briefing) -> frozenset[str]:
    """The names the briefing's sources use: words they write capitalised inside a sentence and
    never in lower case ("Tiangong", "Zhukovsky")."""
    texts = [src for src in b.sources.values() if src.text is not None]
    key = tuple(src.text.text for src in texts)
    got = _NAMES_IN.get(key)
    if got is None:
        if len(_NAMES_IN) >= 8:
            _NAMES_IN.clear()
        # Each source's own reading, which the meaning rules made already: not a second tokenising.
        got = _NAMES_IN[key] = _names_in([source_reading(src) for src in texts])
    return got


_NAMES_IN: dict[tuple[str, ...], frozenset[str]] = {}


def _names_in(readings: list[Reading]) -> frozenset[str]:
    capital: set[str] = set()
    lower: set[str] = set()
    for r in readings:
        t, starts = r.text, r.starts
        firsts = list(map(t.__getitem__, starts))  # each word's first character, at C speed
        lower.update(compress(r.lows, map(str.islower, firsts)))
        for i in compress(range(len(firsts)), map(str.isupper, firsts)):
            a = starts[i]
            if not i or t[a - 1] != " ":
                continue
            w = t[a : r.ends[i]]
            if w in capital or w.isupper():
                continue
            # After a space, a sentence starts only after a stop, a quote, a bracket or more space
            # (`_SENTENCE_START`): any other character before the space settles it at once.
            if (a >= 2 and t[a - 2] not in _OPENERS and not t[a - 2].isspace()) or not _starts_sentence(t, a):
                capital.add(w)
    return frozenset(w for w in capital if w.casefold() not in lower)


def describe(gap: Gap, b: Briefing) -> str:
    """The gap as the words of a message: "the number '2016'", "'Putin' (entity vladimir-putin)"."""
    if gap.rule == QUANTITY:
        return f"the number {gap.word!r}"
    if gap.rule == DATE:
        return f"the date word {gap.word!r}"
    if gap.rule == NAME and not gap.entity:
        return f"the name {gap.word!r}, which the source uses"
    if gap.rule == NAME:
        ent = b.entities.get(gap.entity)
        said = next((n for n in ent.names if name_key(n) == name_key(gap.word)), gap.word) if ent is not None else gap.word
        return f"{said!r} (entity {gap.entity})"
    if gap.rule in (WORDS, MODALITY):
        return f"{gap.word!r}"
    if gap.rule == REFUSAL:
        return f"the word of refusal or lack {gap.word!r}"
    return f"the negation {gap.word!r}"


def told(gap: Gap, what: str) -> str:
    """A meaning rule's message, about the text it judged ("the sentence says …", not "the
    statement says …")."""
    msg = gap.message.replace("the statement", f"the {what}", 1)
    return msg.replace("its cited words", "the claims' statements and cited words").replace("its cited quotes", "the claims' statements and cited words")


def _lacking(said: Words, evidence: Words, allowed: tuple[tuple[int, int], ...], sources: frozenset[str], site: bool) -> set[str]:
    """The folded words `unsupported_words` finds lacking in `evidence`."""
    found = unsupported_words(said, evidence, allowed, sources=sources, site=site)
    if not found:
        return set()
    r = said.parts[0][0]  # a text's own reading: one part
    low = dict(zip(r.starts, r.lows, strict=True))
    return {low[f.start] for f in found}


class Claims:
    """The words of a set of claims, made only when a text holds something to look for in them
    (see `gaps`): all together, or one by one."""

    def __init__(self, ev: Evidence, ids: list[str] | tuple[str, ...] | set[str]) -> None:
        self.ev = ev
        self.ids = ids

    def __call__(self) -> Words:
        return self.ev.of(self.ids)

    def each(self) -> Iterator[Words]:
        for cid in dict.fromkeys(self.ids):
            one = self.ev.one(cid)
            if one is not None:
                yield one


class Evidence:
    """What claims can support, each read once: a claim's statement and its cited words (for an
    inference, also what it rests on and its basis), as the words the meaning rules read."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.known: dict[str, tuple[Part, ...]] = {}
        self.alone: dict[str, Words] = {}
        self.sets: dict[frozenset[str], Words] = {}
        self.titles: dict[str, frozenset[str]] = {}
        self.title_sets: dict[frozenset[str], frozenset[str]] = {}

    def of(self, ids: set[str] | tuple[str, ...] | list[str]) -> Words:
        """The words of the claims, each claim read once; the same set of claims (a page's labels
        and its title ask for every claim it shows) made once."""
        key = frozenset(ids)
        got = self.sets.get(key)
        if got is not None:
            return got
        parts: list[Part] = []
        for cid in dict.fromkeys(ids):
            c: Claim | None = self.b.claims.get(cid)
            if c is None:
                continue  # unknown-claim says so
            parts.extend(self._known(cid, c))
        got = self.sets[key] = Words(parts)
        return got

    def one(self, cid: str) -> Words | None:
        """The words of one claim (None for an unknown one), kept."""
        got = self.alone.get(cid)
        if got is None:
            c = self.b.claims.get(cid)
            if c is None:
                return None
            got = self.alone[cid] = Words(self._known(cid, c))
        return got

    def _known(self, cid: str, c: Claim) -> tuple[Part, ...]:
        got = self.known.get(cid)
        if got is None:
            extra = inference_words(self.b, c) if c.kind == "inference" else cited(self.b, c)
            got = self.known[cid] = (*read(c.statement).whole().parts, *extra.parts)
        return got

    def statements(self, ids: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(self.b.claims[c].statement for c in dict.fromkeys(ids) if c in self.b.claims)

    def sources(self, ids: set[str] | tuple[str, ...] | list[str]) -> frozenset[str]:
        """The words of the titles and publishers of the sources the claims cite."""
        key = frozenset(ids)
        got = self.title_sets.get(key)
        if got is None:
            out: set[str] = set()
            for cid in key:
                c = self.b.claims.get(cid)
                if c is not None:
                    if cid not in self.titles:
                        self.titles[cid] = _source_words(self.b, c)
                    out |= self.titles[cid]
            got = self.title_sets[key] = frozenset(out)
        return got

    def source(self, sid: str) -> Words:
        """A stored source's whole text, read once."""
        src = self.b.sources[sid]
        return source_reading(src).whole() if src.text is not None else Words([])


__all__ = ["DATE", "EVERY", "FACTS", "MODALITY", "NAME", "NEGATION", "NEGATION_DROPPED", "QUANTITY", "REFUSAL", "WORDS", "Claims", "Evidence", "Gap", "describe", "facts", "gaps", "told"]
