"""The readings' fast paths equal the plain definitions they stand for: the tokeniser's split
against a search of its words one by one, a run's items taken by bisection against the
part-by-part reading. (The role rules' clause breaks: `test_names_roles_fast_paths`.)"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import lexicon
from briefing.reading import Words, pieces, read
from briefing.rules import quantities

# Letters, digits, gaps, apostrophes, hyphens, points, commas, signs and clause punctuation: where
# the fast paths could part from the definitions.
ALPHABET = "ab sS tT ndN 0159 -–—.,;:!?()'’$%€½³İ\u00ad\n"
TEXTS = st.text(alphabet=ALPHABET, max_size=60)
# The words as the tokeniser defined them before its split: a search, word by word, whose
# apostrophe branch looks behind first.
_SEARCH = re.compile(r"\d+(?:[.,]\d+)+[^\W_]*|[^\W_]+|(?<=[^\W_])'(?:s|t|re|ve|ll|d|m)(?![^\W_])|[" + re.escape(lexicon.SYMBOLS) + "]")


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_tokenize_equals_its_word_by_word_search(text: str) -> None:
    got = lexicon.tokenize(text)
    low = text.lower()
    if lexicon._UNUSUAL.search(text) or len(low) != len(text):
        return  # read character by character, by the same code either way
    if not text.isascii():
        low = low.replace("’", "'").replace("ʼ", "'")
    spans = [m.span() for m in _SEARCH.finditer(low)]
    lows = [low[a:z] for a, z in spans]
    if not text.isascii() and lexicon.NON_ASCII_LETTER.search(low):
        lows = [w if w.isascii() else lexicon.fold_word(w) for w in lows]
    starts, ends, lows = lexicon._split_glued([a for a, _ in spans], [z for _, z in spans], lows)
    if "n't" in low:
        lexicon._contractions(starts, ends, lows)
    assert got == (starts, ends, lows)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_one_run_found_equals_its_run_by_run_reading(text: str, lo: int, hi: int) -> None:
    whole = read(text + " up to 25 tonnes, twenty-five and a half, 3rd, 1,500 or so")
    lo, hi = sorted((min(lo, len(whole)), min(hi, len(whole))))
    one = Words([(whole, lo, hi)])
    by_runs = [x for _, items in Words([(whole, lo, hi)]).runs("quantities", quantities._scan) for x in items]
    assert one.found("quantities", quantities._scan) == by_runs


def test_a_figure_cut_by_the_quote_is_read_in_the_quote_alone() -> None:
    r = read("It carried twenty-five tonnes.")
    (a, z), = [(r.text.index("five"), r.text.index("."))]
    got = quantities.quantities(pieces(r, [(a, z)]))
    assert [(q.kind, q.value) for q in got] == [("n", 5.0)]
