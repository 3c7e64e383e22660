"""The support rules' fast paths equal the plain definitions they stand for (issue 13): the
tokeniser's ASCII split against its Unicode split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import lexicon

# ASCII letters and digits, the gaps and signs between them, and characters outside ASCII that
# are no letter or digit (typographic punctuation): where the ASCII split could part from the other.
ASCII_ALPHABET = "ab sS tT ndN relvm 0159 -–—.,;:!?()'’ʼ$%€£‰\n\u00a0"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ASCII_ALPHABET, max_size=60))
def test_ascii_split_equals_the_unicode_split(text: str) -> None:
    low = text.lower().replace("’", "'").replace("ʼ", "'")
    assert lexicon.NON_ASCII_LETTER.search(low) is None
    assert lexicon._ASCII_SPLIT.split(low) == lexicon._FAST_SPLIT.split(low)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_ascii_split_equals_the_unicode_split_on_any_text_without_foreign_letters(text: str) -> None:
    low = text.lower()
    if lexicon.NON_ASCII_LETTER.search(low) is None:
        assert lexicon._ASCII_SPLIT.split(low) == lexicon._FAST_SPLIT.split(low)


# Words that start, continue and end the phrases of several tables ("up to", "no more than",
# "in exchange for", "set to", "a dozen", "more than", "not", "will"), and others.
PHRASE_WORDS = st.lists(
    st.sampled_from(["up", "to", "no", "more", "than", "not", "in", "exchange", "for", "set", "a", "dozen", "will", "may",
                     "has", "agreed", "some", "25", "twenty", "times", "or", "so", "offer", "could", "by", "x", "Ship"]),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(PHRASE_WORDS)
def test_one_pass_over_every_table_equals_a_search_per_table(words: list[str]) -> None:
    from briefing.reading import Reading
    from briefing.rules import anchoring, modality, quantities, roles, support

    tables = [quantities._PHRASES, quantities._BOUNDS, modality._TABLE, support._NEGATION_TABLE, roles._DIRECTION, anchoring._GAP_WORDS]
    r = Reading(" ".join(words))
    for table in tables:
        assert r.phrases(table) == lexicon.phrases_in(r.lows, table)
    # a table that joins after the reading's pass is searched on its own
    late = lexicon.phrase_table(frozenset({"more than", "no"}))
    assert r.phrases(late) == lexicon.phrases_in(r.lows, late)
    fresh = Reading(" ".join(words))
    assert fresh.phrases(late) == lexicon.phrases_in(fresh.lows, late)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab sS tT ndNe 0159 -.,'’İ", max_size=60), st.integers(0, 30), st.integers(0, 30), st.booleans())
def test_stems_are_the_words_and_their_lemmas(text: str, lo: int, hi: int, two: bool) -> None:
    from briefing.reading import Reading, Words

    r = Reading(text + " offered offering failures delivered")
    lo, hi = sorted((min(lo, len(r)), min(hi, len(r))))
    parts = [(r, lo, hi), (Reading("deliveries of the failed"), 0, 4)] if two else [(r, lo, hi)]
    w = Words(parts)
    assert w.stems == w.words | {lexicon.lemma(x) for x in w.words}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_first_word_of_an_ascii_text_is_the_folded_texts(text: str) -> None:
    import re
    import unicodedata

    from briefing.rules import draft

    m = re.search(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    assert draft._first_word(text) == (m.group() if m else None)


FIGURES = st.lists(
    st.sampled_from(["25", "25.0", "twenty-five", "up to 25", "about 25", "more than 25", "1e999", "2.5", "half", "most", "3rd",
                     "third", "twice", "double", "30t", "$30bn", "0.1", "1,000", "a dozen", "12", "some", "50%", "or so"]),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(FIGURES, FIGURES)
def test_unsupported_quantities_compares_figures_by_the_plain_definition(said: list[str], cited: list[str]) -> None:
    from briefing.reading import read
    from briefing.rules import quantities as q

    text, evidence = " and ".join(said), " and ".join(cited)
    ev = q.quantities(evidence)
    stems = read(evidence).whole().stems
    want = []
    for x in q.quantities(text):  # the rule's loop as it was written, with `_same`
        if x.kind == "unit":
            ok = q._unit_in(str(x.value), ev, stems)
        else:
            same = [e for e in ev if e.kind == x.kind and q._same(e.value, x.value)]
            ok = any(x.bound in (e.bound, "about") for e in same)
            if same and not ok:
                want.append(("quantity-unsupported", x.start, x.end))
                continue
        if not ok:
            want.append(("number-unsupported" if x.digits else "quantity-unsupported", x.start, x.end))
    assert [(f.code, f.start, f.end) for f in q.unsupported_quantities(text, evidence)] == want


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab5t0,.⁄rd", min_size=1, max_size=5), max_size=8))
def test_glued_words_are_split_whatever_the_texts_met_before(words: list[str]) -> None:
    starts = list(range(0, 10 * len(words), 10))
    ends = [a + len(w) for a, w in zip(starts, words, strict=True)]

    def plain() -> tuple[list[int], list[int], list[str]]:  # the definition, word by word
        out: tuple[list[int], list[int], list[str]] = ([], [], [])
        for a, z, w in zip(starts, ends, words, strict=True):
            glued = not w.isalpha() and not w.isdigit() and any(c.isdigit() for c in w) and not lexicon._is_plain_number(w)
            parts = lexicon._DIGITS_LETTERS.findall(w) if glued else []
            for part in parts if len(parts) > 1 else [w]:
                out[0].append(a)
                out[1].append(z)
                out[2].append(part)
        return out

    # twice: the second time every word has been met before
    for _ in range(2):
        assert lexicon._split_glued(list(starts), list(ends), list(words)) == plain()


# Line breaks among spaces, tabs, carriage returns, form feeds and other white space, and words.
BREAKS_ALPHABET = "ab \t\r\n\f\v\u00a0\u2028."


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=BREAKS_ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_line_breaks_equal_the_pattern(text: str, lo: int, hi: int) -> None:
    from briefing import sentences

    want = [m.span() for m in sentences._LINE_BREAK.finditer(text, lo, hi)]
    assert list(sentences._line_breaks(text, lo, hi)) == want


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", ".", "..", "...", "…", "[", "]", "[…]", "\t", "\n"]), max_size=12))
def test_split_pieces_equals_the_pattern(bits: list[str]) -> None:
    from briefing import anchor

    quote = "".join(bits)
    assert anchor.split_pieces(quote) == anchor._ELLIPSIS.split(quote)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "I", "V", "X", "M", "IV", "XII", " ", "-", "_", "3", "٣", "Ⅻ", "⁄", "$", "%", "é"]), max_size=8))
def test_may_hold_equals_its_plain_pattern(bits: list[str]) -> None:
    from briefing.rules import quantities

    text = "".join(bits)
    assert (quantities._MAY_HOLD.search(text) is None) == (quantities._MAY_HOLD_PLAIN.search(text) is None)
