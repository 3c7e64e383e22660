"""Roles: who says it, who passed it on, and who does what to whom.

- **Speaker and relayer.** In each sentence holding an attributed claim's cited words, the
  attribution is read from the words around a speech verb: "X said", "said X", "X told Y",
  "according to X", "Y quoted X as saying", "X was quoted by Y". X is the speaker and Y the
  relayer. An appositive is skipped ("Dmitry Rogozin, director general of Roscosmos, said" is
  Rogozin's), and "according to the head of X" names a person of X, not X. Where a cited sentence
  names its speaker, the claim's `speaker` must be that one (`speaker-not-attributed`; a swapped
  speaker and relayer is named as such) and its `relayed_by` the one who quoted
  (`relayer-not-attributed`). A sentence with only "he said" names no one; then the speaker must
  be named in the cited words (`speaker-not-named`, in `rules.support`).
- **Who does what to whom.** Where a statement names two entities with a direction word between
  them ("Russia … to China"), and the cited words name the same two around the same kind of word,
  the order must agree: "X … to Y", "Y … from X" and "Y … by X" say the same; "for", "in exchange
  for" and "against" are compared word for word (`role-order`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from briefing import lexicon
from briefing.lexicon import ATTRIBUTION_VERBS, DIRECTION, FLOW_BACKWARD, FLOW_FORWARD, lemma
from briefing.names import Mention, NameIndex
from briefing.reading import Part, Reading, Words, read, words_of
from briefing.rules.base import Finding
from briefing.rules.vocabulary import is_content
from briefing.text import folded

SPEAKING_TYPES = frozenset({"person", "organisation", "publication", "country"})


def _trie(words: frozenset[str]) -> str:
    """An alternation of `words` as a regular expression that branches letter by letter ("s(?:a(?:id|
    y(?:s)?)|tate(?:d|s))"): the engine tries one branch per letter at each word's start, not each
    word in turn. The longer of two words is tried first, as in an alternation sorted by length."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return branch(tree)


_VERB = re.compile(r"\b" + _trie(ATTRIBUTION_VERBS) + r"\b")  # the same matches as \b(?:said|says|…)\b, longest first
_QUOTED = re.compile(r"\bquot(?:ed|ing)\b")
_SAYING = frozenset(ATTRIBUTION_VERBS | {"quoted", "quoting", "according"})
_PASSIVE_QUOTED = re.compile(r"\b(?:was|were|is|are|being)\s+quoted\s+by\s+")
_STOP = re.compile(r"[,.;:!?”\"]|$")
# "according to" as a whole word: searched for as a literal (no word boundary before it, which
# would make the engine try every position), the boundary before it tested on each match (the
# phrase cannot overlap itself, so a match passed over hides none).
_ACCORDING = re.compile(r"according to\b")


def _according(s: str) -> list[re.Match[str]]:
    """The matches of `\\baccording to\\b` in `s`: those with no word character (`\\w`: a letter,
    digit or "_") right before them."""
    if "according to" not in s:
        return []
    return [q for q in _ACCORDING.finditer(s) if not q.start() or not (s[q.start() - 1].isalnum() or s[q.start() - 1] == "_")]


_PREPOSITIONS = ("of", "at", "for", "from", "in", "with", "by", "to")
_DIRECTION = lexicon.phrase_table(DIRECTION)
_DIRECTION_FIRST = frozenset(_DIRECTION)


@dataclass
class Attribution:
    speakers: set[str] = field(default_factory=set)
    relayers: set[str] = field(default_factory=set)
    person_of: set[str] = field(default_factory=set)  # "according to the head of X": some person of X speaks

    def names_speaker(self) -> bool:
        return bool(self.speakers or self.person_of)


def _ending_at(mentions: list[tuple[int, int, str]], end: int) -> tuple[int, int, str] | None:
    return next((m for m in mentions if m[1] == end), None)


def _starting_at(mentions: list[tuple[int, int, str]], start: int) -> tuple[int, int, str] | None:
    return next((m for m in mentions if m[0] == start), None)


def _word_before(s: str, a: int) -> str:
    """The last word of s[:a]."""
    z = a
    while z > 0 and not (s[z - 1].isalnum() or s[z - 1] == "_"):
        z -= 1
    b = z
    while b > 0 and (s[b - 1].isalnum() or s[b - 1] == "_"):
        b -= 1
    return s[b:z]


def _subject_before(s: str, v: int, mentions: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The entity whose name ends right before position `v` (a verb), past an appositive: in
    "Dmitry Rogozin, director general of Roscosmos, said", Rogozin."""
    tail = s[:v].rstrip()
    comma = tail.endswith(",")
    tail = tail.rstrip(", ")
    m = _ending_at(mentions, len(tail))
    if m is not None and _word_before(s, m[0]) not in _PREPOSITIONS:
        return m
    if comma:
        k = tail.rfind(",")
        if k > 0:
            return _ending_at(mentions, len(tail[:k].rstrip()))
    return None


def attribution(sentence: str | Part, names: NameIndex) -> Attribution:
    """Who the sentence says speaks and who relays (entity ids of speaking types only); a sentence
    of a source is read once per index, in its source's reading."""
    part = read(sentence).whole().parts[0] if isinstance(sentence, str) else sentence
    r, lo, hi = part
    if hi <= lo or _SAYING.isdisjoint(r.lows[lo:hi]):
        return Attribution()  # no word that gives words to anyone
    key = ("attribution", names.digest, lo, hi)
    got = r.memo.get(key)
    if got is None:
        ((r2, lo2, hi2), found), *_ = names.mention_runs(Words((part,)))
        a = r2.starts[lo2]
        s = r2.text[a : r2.ends[hi2 - 1]]
        low = s.lower()
        if len(low) == len(s):
            mentions = [(m.start - a, m.end - a, m.eid) for m in found]
        else:  # lower-casing changed lengths ("İ"): read the folded sentence on its own
            low = folded(s)
            mentions = names.find(low)
        got = r.memo[key] = _attribution(low, [m for m in mentions if names.types.get(m[2]) in SPEAKING_TYPES], names)
    return got


def _attribution(s: str, mentions: list[tuple[int, int, str]], names: NameIndex) -> Attribution:
    """`attribution` on the lower-cased sentence `s`, with the offsets of the names it holds."""
    att = Attribution()
    quoting = "quot" in s  # what _QUOTED and _PASSIVE_QUOTED both need: most sentences are passed over at C speed
    for q in _QUOTED.finditer(s) if quoting else ():
        before = s[: q.start()].rstrip()
        if before.endswith(" by") or before.endswith("was") or before.endswith("were"):
            continue  # "X was quoted by Y": below
        rel = _ending_at(mentions, len(before))
        after = len(s) - len(s[q.end() :].lstrip())  # where the words after it start
        spk = _starting_at(mentions, after)
        if spk is not None:
            att.speakers.add(spk[2])
            if rel is not None:
                att.relayers.add(rel[2])
    for q in _PASSIVE_QUOTED.finditer(s) if quoting else ():
        spk = _subject_before(s, q.start(), mentions)
        rel = _starting_at(mentions, q.end())
        if spk is not None:
            att.speakers.add(spk[2])
        if rel is not None:
            att.relayers.add(rel[2])
    for q in _according(s):
        end = _STOP.search(s[q.end() :])
        stop = q.end() + (end.start() if end else 0)
        inside = [m for m in mentions if q.end() <= m[0] and m[1] <= stop]
        people = [m for m in inside if names.types.get(m[2]) == "person"]
        if people:
            att.speakers.add(people[0][2])
        elif inside:
            m = inside[0]
            if _word_before(s, m[0]) in _PREPOSITIONS and _word_before(s, m[0]) != "to":
                att.person_of.add(m[2])  # "the head of X": a person of X
            else:
                att.speakers.add(m[2])
    for v in _VERB.finditer(s):
        spk = _subject_before(s, v.start(), mentions)
        after = len(s) - len(s[v.end() :].lstrip())  # where the words after it start
        if spk is None:
            spk = _starting_at(mentions, after)  # "…,” said Rogozin"
            if spk is not None:
                att.speakers.add(spk[2])
            continue
        att.speakers.add(spk[2])
        if v.group(0) in ("told", "tells"):
            heard = _starting_at(mentions, after)
            if heard is not None:
                att.relayers.add(heard[2])
    return att


# -- who does what to whom ----------------------------------------------------------------------------


class Relation(NamedTuple):
    i: int  # the first name's first word, in its reading
    k: int  # words up to the end of the second name
    rel: tuple[str, ...]  # ("flow", giver, receiver) or ("word", direction word, first, second)
    shown: str  # the words, as written


def _relations(words: Words, names: NameIndex) -> list[Relation]:
    """Each two entities named in a row, in one sentence of one run of the words, with a direction
    word between them."""
    out = []
    parts = words.parts
    if len(parts) == 1 and parts[0][1] == 0 and parts[0][2] == len(parts[0][0].lows):
        # A whole reading (a statement): its mentions as `mentions` found them for the support
        # rules (the same items `mention_runs` gives a whole reading), not the runs made again.
        runs: list[tuple[Part, Sequence[Mention]]] = [(parts[0], names.mentions(words))]
    else:
        runs = names.mention_runs(words)
    for (r, _lo, _hi), mentions in runs:
        text = r.text
        for m0, m1 in itertools.pairwise(mentions):
            if m0.eid == m1.eid or _SENTENCE_END.search(text, m0.end, m1.start):
                continue
            found = _directions_between(r, m0.i + m0.k, m1.i)
            if not found:
                continue
            word = found[-1][2]  # the word that governs the second name
            if word in FLOW_FORWARD:
                rel: tuple[str, ...] = ("flow", m0.eid, m1.eid)
            elif word in FLOW_BACKWARD:
                rel = ("flow", m1.eid, m0.eid)
            else:
                rel = ("word", word, m0.eid, m1.eid)
            out.append(Relation(m0.i, m1.i + m1.k - m0.i, rel, text[m0.start : m1.start] + "…"))
    return out


def _directions_between(r: Reading, a: int, b: int) -> list[tuple[int, int, str]]:
    """`r.phrases(_DIRECTION, a, b)`, passed over where the reading's own direction words (when
    already found) show there is none: a phrase found from word a is one found from the start too,
    unless one found from the start runs over word a (those cases are read)."""
    got = r.memo.get("directions")
    if got is not None:
        items, firsts = got
        j = bisect_left(firsts, a)
        if not ((j < len(firsts) and firsts[j] < b) or (j and items[j - 1].i + items[j - 1].k > a)):
            return []
    return r.phrases(_DIRECTION, a, b)


def _reverse(rel: tuple[str, ...]) -> tuple[str, ...]:
    return (rel[0], rel[2], rel[1]) if rel[0] == "flow" else (rel[0], rel[1], rel[3], rel[2])


# -- what goes which way: the words on either side of a direction word ------------------------------------

_CLAUSE_BREAK = re.compile(r"[;:!?()\[\]“”\"—–]|[,.](?!\d)| - ")  # not the point or comma of "2.5", "1,500"
# The same breaks for `_clause`, which needs only the word after each: " - " is found at its dash
# (the spaces are no word's). The pattern starts with one class of every break character, the
# conditions on some of them checked after it (behind and ahead), so that the engine skips the
# text between breaks by that class alone (about 4x faster than the alternation of the three).
_CLAUSE_BREAK_AT = re.compile(r"[;:!?()\[\]“”\"—–,.\-](?:(?<=[;:!?()\[\]“”\"—–])|(?<=[,.])(?!\d)|(?<= -)(?= ))")
_SENTENCE_END = re.compile(r"[.;!?]")


class Side(NamedTuple):
    i: int  # the direction word's first word
    k: int
    phrase: str


def _direction_words(r: Reading) -> list[Side]:
    return list(map(_side, r.phrases(_DIRECTION)))


_side = partial(tuple.__new__, Side)  # a Side from its (i, k, phrase), without the named tuple's Python-level __new__
_PHRASE = itemgetter(2)


def _clause(r: Reading, lo: int, hi: int, i: int, end: int) -> tuple[int, int]:
    """The clause around words i … end-1, within words lo … hi-1: from the word after the last
    clause break (`_CLAUSE_BREAK`) that comes at or before word i, to the word after the first
    break past word end-1 (its end excluded). Only the text between words lo and hi is searched,
    not the whole reading's breaks found (a source's quote is a few words of a long text)."""
    starts, text = r.starts, r.text
    start = lo
    if i > lo:
        # A break counts if the word after it is lo+1 … i: it ends after word lo starts and by where word i starts.
        a, z = starts[lo], starts[i]
        e = 0
        for m in _CLAUSE_BREAK_AT.finditer(text, a, z + 1):  # (one character past: a break's look-ahead sees it)
            if m.start() >= z:
                break
            e = m.end()
        if e:
            start = bisect_left(starts, e, lo, i + 1)
    stop = hi
    if end < hi:
        # The first break whose next word is past end-1: it ends after word `end` starts.
        m = _CLAUSE_BREAK_AT.search(text, starts[end], starts[hi - 1] + 1)
        if m is not None:
            stop = bisect_left(starts, m.end(), end, hi)
    return start, stop


_KEYS: dict[str, str | None] = {}


def _content_keys(r: Reading, names: NameIndex) -> list[str | None]:
    """For each word of the reading, what it counts as on a side of a direction word: "@entity"
    for a word of a name (so "China" and "Chinese" are one thing), the lemma of a content word,
    or None."""
    key = ("content-keys", names.digest)
    got = r.memo.get(key)
    if got is None:
        get = _KEYS.get
        out: list[str | None] = list(map(get, r.lows, repeat("")))  # most words were met before
        if "" in out:
            for i, k in enumerate(out):
                if k == "":
                    w = r.lows[i]
                    out[i] = _KEYS[w] = lemma(w) if is_content(w) else None
        for m in names.mentions(r.whole()):
            out[m.i : m.i + m.k] = ["@" + m.eid] * m.k
        got = r.memo[key] = out
    return got


def _sides(r: Reading, lo: int, hi: int, d: Side, names: NameIndex) -> tuple[set[str], set[str]]:
    """The content words (lemmas; names as their entity) of the clause before and after a
    direction word, within words lo … hi-1."""
    end = d.i + d.k
    start, stop = _clause(r, lo, hi, d.i, end)
    keys = _content_keys(r, names)
    before, after = set(keys[start : d.i]), set(keys[end:stop])
    before.discard(None)
    after.discard(None)
    return before, after  # type: ignore[return-value]  # (None discarded)


def _occurrences(words: Words, phrase: str, names: NameIndex) -> list[tuple[set[str], set[str], Part, Side]]:
    """Each place the words have the direction word, with the words on either side of it."""
    out = []
    for part, found in words.runs("directions", _direction_words):
        r, lo, hi = part
        for d in found:
            if d.phrase == phrase:
                before, after = _sides(r, lo, hi, d, names)
                out.append((before, after, part, d))
    return out


def _near(part: Part, d: Side) -> str:
    """The words around a direction word, for a message."""
    r, lo, hi = part
    return r.span(max(lo, d.i - 6), min(hi, d.i + d.k + 6))


def _swapped(said: tuple[set[str], set[str]], cited: list[tuple[set[str], set[str], Part, Side]]) -> str | None:
    """Whether words on one side of a direction word in the statement are on the other side in
    every place the evidence has it (and the reverse): the words of the evidence where they are
    turned round, or None."""
    sl, sr = said
    sl, sr = sl - sr, sr - sl  # a word on both sides says nothing of the order
    turned = None
    for el, er, part, d in cited:
        el, er = el - er, er - el
        same = len(sl & el) + len(sr & er)
        cross = len(sl & er) + len(sr & el)
        if sl & el and sr & er and same >= cross:
            return None  # the statement has it the way one place of the evidence has it
        if sl & er and sr & el and cross > same and turned is None:
            turned = _near(part, d)
    return turned


def role_order_findings(text: str | Words, evidence: str | Words, names: NameIndex, where: str = "its cited words") -> list[Finding]:
    """Where `text` puts two things the other way round from `evidence` (`role-order`): two
    entities around a direction word ("China … to Russia" for "Russia … to China"), or the words
    on either side of one ("microelectronics to China in exchange for … rocket engines" for
    "rocket engines to China in exchange for … microelectronics"). Offsets in `text`'s reading."""
    said = words_of(text)
    out: list[Finding] = []
    if len(said.parts) != 1:
        return out
    r, lo, hi = said.parts[0]
    if lo == 0 and hi == len(r.lows) and _DIRECTION_FIRST.isdisjoint(r.lows):
        return out  # a whole text with no word that begins a direction word (tested at C speed): none to find
    directions = said.found("directions", _direction_words)
    if not directions:
        return out  # no direction word: nothing to compare (and no need to read the evidence)
    evidence = words_of(evidence)
    ev_phrases = set(map(_PHRASE, evidence.found("directions", _direction_words)))
    if ev_phrases.isdisjoint(map(_PHRASE, directions)):
        return out
    # Two entities around a direction word.
    said_rel = _relations(said, names)
    if said_rel:
        ev = _relations(evidence, names)
        ev_rels = {x.rel for x in ev}
        for x in said_rel:
            if x.rel not in ev_rels and _reverse(x.rel) in ev_rels:
                shown = next(e.shown for e in ev if e.rel == _reverse(x.rel))
                a, z = r.starts[x.i], r.ends[x.i + x.k - 1]
                out.append(
                    Finding(
                        "role-order",
                        a,
                        z,
                        x.shown,
                        f"the statement has {x.shown!r} where {where} have {shown!r}: it turns round who does what to whom; "
                        "keep the source's order",
                    )
                )
                return out
    # The words on either side of a direction word.
    places: dict[str, list[tuple[set[str], set[str], Part, Side]]] = {}
    for d in directions:
        if d.phrase not in ev_phrases:
            continue
        sides = _sides(r, lo, hi, d, names)
        if not (sides[0] - sides[1]) or not (sides[1] - sides[0]):
            continue  # nothing on one side but what is on both: no order to turn round (`_swapped`)
        cited = places.get(d.phrase)
        if cited is None:
            cited = places[d.phrase] = _occurrences(evidence, d.phrase, names)
        turned = _swapped(sides, cited)
        if turned is not None:
            a, z = r.starts[d.i], r.ends[d.i + d.k - 1]
            mine = r.span(max(lo, d.i - 6), min(hi, d.i + d.k + 6))
            out.append(
                Finding(
                    "role-order",
                    a,
                    z,
                    d.phrase,
                    f"the statement has {mine!r} where {where} have {turned!r}: what stands before {d.phrase!r} there stands "
                    f"after it here, and the reverse, which turns round who gives what, or what goes where; keep the source's order",
                )
            )
            break
    return out


__all__ = ["SPEAKING_TYPES", "Attribution", "attribution", "role_order_findings"]
