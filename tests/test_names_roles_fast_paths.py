"""The name index's and the role rules' fast paths equal the plain definitions they stand for: the
index's scan in order without a sort against every match sorted, the quote-fragment rule's early
test against reading the sentence first, and a direction word's clause found from the text
around it against every clause break of the text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.anchor import SourceText
from briefing.evidence import sentence_at, source_reading
from briefing.lexicon import ATTRIBUTION_VERBS
from briefing.model import Briefing, Entity, Source
from briefing.names import Mention, NameIndex, _word_keys, name_key
from briefing.reading import Reading, Words, read
from briefing.rules import anchoring, roles

# Words whose names share first words and run inside one another, a look-alike letter (Cyrillic о),
# a capital that folds to two letters and a full-width letter.
WORDS = ["lena", "Lena", "china", "China", "national", "space", "Rоgozin", "rogozin", "5", "İz", "ｌena"]
NAMES = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4)
GAPS = st.sampled_from([" ", "  ", ", ", "-", ". ", "\u00ad", " the "])
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), GAPS), max_size=12).map(lambda ws: "".join(w + g for w, g in ws))


def _index(entities: list[list[str]]) -> NameIndex:
    b = Briefing(root=".")
    for n, names in enumerate(entities):
        eid = f"e{n}"
        b.entities[eid] = Entity(eid, f"facts/entities/{eid}.yml", {}, None, name=names[0], type="organisation", aliases=names[1:])  # type: ignore[arg-type]
    return NameIndex.of(b)


def _every_match_sorted(index: NameIndex, r: Reading) -> list[Mention]:
    """`NameIndex._all` as defined: every run of words that is a name, checked on its whole text,
    sorted by first word, the longer first."""
    keys = r.lows if r.plain else _word_keys(r.lows)
    found = []
    for i in range(len(keys)):
        for k in range(1, len(keys) - i + 1):
            for name, eid in index.by_words.get(tuple(keys[i : i + k]), ()):
                a, z = r.starts[i], r.ends[i + k - 1]
                if name_key(r.text[a:z]) == name:
                    found.append(Mention(i, k, eid, name, a, z))
    return sorted(found, key=lambda m: (m.i, -m.k))


@settings(max_examples=400, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=5), TEXTS)
def test_name_scan_in_order_equals_every_match_sorted(entities: list[list[str]], text: str) -> None:
    index = _index(entities)
    r = read(text)
    got = index._all(r)
    assert got == _every_match_sorted(index, r)
    assert all(type(m) is Mention for m in got)


# Negations, hedges and contrasts among other words, with sentence and clause punctuation between.
SOURCE_TEXTS = st.lists(
    st.tuples(st.sampled_from(["not", "may", "May", "but", "never", "in", "spite", "of", "no", "longer", "a", "b", "Rogozin"]), st.sampled_from([" ", " ", ". ", ", ", "; ", "\n\n", " “"])),
    max_size=16,
).map(lambda ws: "".join(w + g for w, g in ws))


@settings(max_examples=400, deadline=None)
@given(SOURCE_TEXTS, st.integers(0, 120))
def test_quote_fragment_window_lies_within_the_early_window(text: str, at: int) -> None:
    """`fragment_findings` passes over a quote whose last `FRAGMENT_WINDOW` words before it hold no
    negation, hedge or contrast, before finding its sentence: the words it would read there (back
    to the sentence's start or the clause's punctuation, at most that many) hold none either."""
    src = Source("s", "sources/s.yml", {}, None, text=SourceText(text))  # type: ignore[arg-type]
    r = source_reading(src)
    start = min(at, len(text))
    first = bisect_left(r.starts, start)
    if first == 0:
        return
    sentence = sentence_at(src, start)
    lo = sentence.start if sentence is not None else max(0, start - 80)
    begin = first - anchoring.FRAGMENT_WINDOW
    if begin < 0 or r.starts[begin] < lo:
        begin = bisect_left(r.starts, lo)
    cut = max(text.rfind(ch, lo, start) for ch in anchoring._CLAUSE_BREAK)
    begin = max(begin, bisect_left(r.starts, cut + 1))
    assert anchoring._may_be_governed(r, first) or begin >= first or not r.phrases(anchoring._GAP_WORDS, begin, first)


# Words (a number among them) with every break character, or a look-alike of one, between or glued to them.
CLAUSE_TEXTS = st.one_of(
    st.text(alphabet="ab 5 -–—.,;:!?()[]“”\"'’\n", max_size=60),
    st.lists(st.tuples(st.sampled_from(["a", "b", "5", "2.5", "to"]), st.sampled_from([" ", ",", ".", ", ", " - ", "-", " -", "; ", "“", "” ", "(", ")", "—", " – "])), max_size=14).map(
        lambda ws: "".join(w + g for w, g in ws)
    ),
)


@settings(max_examples=600, deadline=None)
@example("a,5 b", 0, 3, 1, 1)  # a comma before a number's digit, at the edge of the text searched
@example("a - b, c", 0, 3, 1, 1)
@given(CLAUSE_TEXTS, st.integers(0, 30), st.integers(0, 30), st.integers(0, 30), st.integers(1, 3))
def test_clause_equals_the_breaks_pattern_on_every_break(text: str, lo: int, hi: int, i: int, k: int) -> None:
    """`roles._clause` (the text between two words searched, one class first and its conditions
    after) against the clause read off every break `roles._CLAUSE_BREAK` names in the whole text
    (the word after each), on every break character: quotes and brackets too."""
    r = Reading(text)
    n = len(r.lows)
    if n == 0:
        return
    lo, hi = sorted((min(lo, n - 1), min(hi, n)))
    hi = max(hi, lo + 1)
    i = lo + i % (hi - lo)
    end = min(hi, i + k)
    breaks = sorted({bisect_left(r.starts, m.end()) for m in roles._CLAUSE_BREAK.finditer(text)})
    j = bisect_right(breaks, i)
    start = max(lo, breaks[j - 1] if j else 0)
    j2 = bisect_right(breaks, end)
    stop = min(hi, breaks[j2] if j2 < len(breaks) else n)
    assert roles._clause(r, lo, hi, i, end) == (start, stop)


# Direction words, one- and three-word, and the words that begin them alone ("in", "on", "exchange").
DIRECTION_TEXTS = st.lists(
    st.sampled_from(["to", "from", "by", "for", "in", "exchange", "in exchange for", "on", "behalf", "on behalf of", "a", "b", "China"]),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(DIRECTION_TEXTS)
def test_directions_between_equal_the_phrases_found_there(text: str) -> None:
    """`roles._directions_between` (passed over by the reading's own direction words) against the
    direction phrases read between the two words, for every two words of the text."""
    r = Reading(text)
    found = r.whole().found("directions", roles._direction_words)
    assert not found or not roles._DIRECTION_FIRST.isdisjoint(r.lows)  # `role_order_findings`' first test
    n = len(r.lows)
    for a in range(n + 1):
        for b in range(a, n + 1):
            assert roles._directions_between(r, a, b) == r.phrases(roles._DIRECTION, a, b), (a, b)


# Attribution verbs, words they begin or end ("sai", "saying", "unsaid"), "according to" glued to
# other words, underscores, digits, accented and combining letters.
SAYING_TEXTS = st.lists(
    st.tuples(
        st.sampled_from(["said", "says", "say", "sai", "saying", "told", "tells", "wrote", "writes", "added", "adds", "according", "to", "x", "é", "5"]),
        st.sampled_from([" ", "", "_", ", ", "\u0301", "-", "’s "]),
    ),
    max_size=12,
).map(lambda ws: "".join(w + g for w, g in ws))


@settings(max_examples=500, deadline=None)
@example("xaccording to é_according to 5according to e\u0301according to, according to")
@given(SAYING_TEXTS)
def test_attribution_patterns_equal_their_alternations(s: str) -> None:
    """`roles._VERB` (the verbs as a letter-by-letter tree) against the alternation of the verbs,
    longest first, and `roles._according` (a literal search, the boundary before it tested after)
    against `\\baccording to\\b`."""
    verbs = re.compile(r"\b(?:" + "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True)) + r")\b")
    assert [m.span() for m in roles._VERB.finditer(s)] == [m.span() for m in verbs.finditer(s)]
    assert [m.span() for m in roles._according(s)] == [m.span() for m in re.finditer(r"\baccording to\b", s)]


def _outermost(items: list[Mention]) -> list[Mention]:
    """`NameIndex._top` as defined: every match less those inside a longer one before it."""
    out: list[Mention] = []
    reach = -1
    for m in items:
        if m.i + m.k <= reach and not (out and (out[-1].i, out[-1].k) == (m.i, m.k)):
            continue
        out.append(m)
        reach = max(reach, m.i + m.k)
    return out


@settings(max_examples=400, deadline=None)
@example([["national space"], ["space"]], "national space")  # a name inside another, at its end
@example([["China National Space"], ["Space"], ["China"], ["space"]], "China National Space, china space")  # at either end, one name twice
@given(st.lists(NAMES, min_size=1, max_size=5), TEXTS)
def test_outermost_names_equal_every_match_less_the_inner_ones(entities: list[list[str]], text: str) -> None:
    index = _index(entities)
    r = read(text)
    assert index._top(r) == _outermost(_every_match_sorted(index, r))


RELATION_WORDS = ["China", "national", "space", "lena", "to", "from", "by", "for", "in exchange for", "sent", "."]


@settings(max_examples=300, deadline=None)
@example([["China national space"], ["space"], ["lena"]], "China national space sent to lena", "lena from China")  # a name inside another
@given(st.lists(NAMES, min_size=1, max_size=4), st.lists(st.sampled_from(RELATION_WORDS), max_size=12).map(" ".join), st.lists(st.sampled_from(RELATION_WORDS), max_size=12).map(" ".join))
def test_relations_of_a_whole_text_equal_those_read_run_by_run(entities: list[list[str]], one: str, two: str) -> None:
    """`roles._relations` of a whole reading (a statement: its mentions as found) against the same
    reading read run by run (`mention_runs`, as for two texts at once)."""
    index = _index(entities)
    a, b = read(one).whole(), read(two).whole()
    assert roles._relations(a + b, index) == roles._relations(a, index) + roles._relations(b, index)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=4), TEXTS, st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), min_size=2, max_size=4), st.integers(1, 3))
def test_names_of_two_sets_of_runs_together_are_the_union_of_each(entities: list[list[str]], text: str, cuts: list[tuple[int, int]], split: int) -> None:
    """`NameIndex.named` of a claim's cited words and their sentences together (as `_speakers`
    read them once) equals the union of each's: runs of one text, names cut at their edges too."""
    index = _index(entities)
    r = read(text)
    runs = [(r, min(a, b, len(r)), min(max(a, b), len(r))) for a, b in cuts]
    one, two = Words(runs[:split]), Words(runs[split:])
    assert index.named(one + two) == index.named(one) | index.named(two)
