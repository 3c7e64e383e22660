"""The words of the estimative scale in key judgments' statements (briefing.rules.judgments); the
fixtures invalid/finding-estimative-word and invalid/likelihood-word-differs run them through
the command line."""

from __future__ import annotations

import pytest

from briefing.rules.judgments import estimative_words


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("It is very likely to fly.", ["very-likely"]),  # the longest words first: not "likely"
        ("It is unlikely to fly.", ["unlikely"]),  # "unlikely" is not "likely"
        ("It will ALMOST CERTAINLY fly.", ["almost-certain"]),
        ("It will probably fly, with\nroughly even odds of a delay.", ["likely", "roughly-even-chance"]),
        ("The article reports an offer.", []),
        ("Its likelihood is stated elsewhere; a likelihood-free text.", []),
    ],
)
def test_estimative_words_are_found_as_whole_words(text: str, terms: list[str]) -> None:
    assert [t for _, t in estimative_words(text)] == terms
