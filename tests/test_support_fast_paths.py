"""The support rules' fast paths equal the plain definitions they stand for (issue 13): the
tokeniser's ASCII split against its Unicode split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import lexicon

# ASCII letters and digits, the gaps and signs between them, and characters outside ASCII that
# are no letter or digit (typographic punctuation): where the ASCII split could part from the other.
ASCII_ALPHABET = "ab sS tT ndN 0159 -–—.,;:!?()'’ʼ$%€\n\u00a0"


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
