"""Anchoring: exact match under the declared normalisation, never fuzzier."""

from __future__ import annotations

import pytest

from briefing.anchor import CONTEXT, AnchorError, SourceText, anchor, explain_miss
from briefing.normalise import NORMALISATION_VERSION, normalise

TEXT = "He said “it is not permitted” — twice. It is permitted, she said. The 25 rockets\u00a0flew.  Done 🚀 here."
SRC = SourceText(TEXT)


def test_exact_quote_resolves_to_source_span_with_context() -> None:
    span = anchor(SRC, "twice. It is permitted")
    assert TEXT[span.start : span.end] == span.exact == "twice. It is permitted"
    assert span.prefix == TEXT[max(0, span.start - CONTEXT) : span.start]
    assert span.suffix == TEXT[span.end : span.end + CONTEXT]


def test_straight_quotes_and_dashes_match_but_source_characters_are_shown() -> None:
    span = anchor(SRC, '"it is not permitted" - twice')
    assert span.exact == "“it is not permitted” — twice"


def test_whitespace_runs_fold_including_no_break_space() -> None:
    span = anchor(SRC, "25 rockets flew")
    assert span.exact == "25 rockets\u00a0flew"


def test_astral_characters_are_single_code_points() -> None:
    span = anchor(SRC, "Done 🚀 here")
    assert TEXT[span.start : span.end] == "Done 🚀 here"
    assert span.end - span.start == len("Done 🚀 here") == 11


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_empty_quote_fails(quote: str) -> None:
    with pytest.raises(AnchorError) as e:
        anchor(SRC, quote)
    assert e.value.code == "quote-empty"


def test_ambiguous_quote_fails_unless_prefix_suffix_or_occurrence_settle_it() -> None:
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "permitted")
    assert e.value.code == "quote-ambiguous"
    assert "prefix" in e.value.message
    assert anchor(SRC, "permitted", prefix="It is").exact == "permitted"
    assert anchor(SRC, "permitted", suffix=", she said").start == TEXT.index("permitted, she")
    assert anchor(SRC, "permitted", occurrence=2).start == TEXT.index("permitted, she")
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "permitted", occurrence=3)
    assert e.value.code == "occurrence-out-of-range"
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "permitted", prefix="nowhere")
    assert e.value.code == "context-mismatch"


def test_ambiguous_quote_shows_the_words_around_each_match_not_offsets() -> None:
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "permitted")
    assert e.value.message == (
        "quote matches 2 places: (1) line 1, column 20: '… said “it is not [permitted]” — twice. It …'; "
        "(2) line 1, column 46: '… — twice. It is [permitted], she said. The …'; add a prefix or suffix to pick one, e.g. prefix: 'not'"
    )


def test_context_of_a_match_spans_lines_ends_of_text_and_shortens_long_passages() -> None:
    src = SourceText("First line ends here\nand the second line\r\ngoes on and on to its very last word")
    assert src.in_context(0, 5) == "line 1, column 1: '[First] line ends here and …'"
    # Line breaks (CRLF too) read as spaces; the place is the line and column an editor shows.
    assert src.in_context(21, 24) == "line 2, column 1: 'First line ends here [and] the second line goes …'"
    end = len(src.text)
    assert src.in_context(end - 4, end) == "line 3, column 33: '… to its very last [word]'"
    assert src.in_context(0, end) == "line 1, column 1: '[First line ends here … its very last word]'"
    # Text without spaces between words: a few characters either side, not the whole run.
    cjk = SourceText("俄罗斯提出向中国提供火箭发动机技术以换取微电子产品。中国需要火箭发动机，俄罗斯需要微电子产品。")
    assert cjk.in_context(10, 15) == "line 1, column 11: '俄罗斯提出向中国提供[火箭发动机]技术以换取微电子产品。中国需要火箭发动机，俄罗斯 …'"
    many = SourceText(" ".join(["rocket"] * 9))
    with pytest.raises(AnchorError) as e:
        anchor(many, "rocket")
    assert "matches 9 places: (1) line 1, column 1: '[rocket] rocket rocket rocket rocket …'" in e.value.message
    assert "(5) line 1, column 29: 'rocket rocket rocket rocket [rocket] rocket rocket rocket rocket'; and 4 more;" in e.value.message


def test_ellipsis_joins_pieces_in_order() -> None:
    span = anchor(SRC, "It is … she said")
    assert span.exact == "It is permitted, she said"
    assert len(span.pieces) == 2
    assert span.shown(TEXT) == "It is […] she said"


def test_ellipsis_that_skips_a_negation_fails() -> None:
    # The classic quote-checker failure: "is … permitted" against "is not permitted".
    with pytest.raises(AnchorError) as e:
        anchor(SourceText("Smoking is not permitted here."), "Smoking is ... permitted here")
    assert e.value.code == "ellipsis-skips-negation"
    for text in ("They could never go there today.", "They could no go there today.", "They could nor go there today.",
                 "They couldn't go there today."):
        with pytest.raises(AnchorError) as e:
            anchor(SourceText(text), "They could … go there today")
        assert e.value.code == "ellipsis-skips-negation", text


def test_ellipsis_pieces_out_of_order_or_too_far_apart_fail() -> None:
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "twice … He said")
    assert e.value.code == "ellipsis-order"
    far = SourceText("alpha " + "x " * 200 + "omega")
    with pytest.raises(AnchorError) as e:
        anchor(far, "alpha … omega")
    assert e.value.code == "ellipsis-order"


def test_misplaced_ellipsis_fails() -> None:
    with pytest.raises(AnchorError) as e:
        anchor(SRC, "… twice")
    assert e.value.code == "ellipsis-misplaced"


def test_miss_explains_closest_passage_and_difference() -> None:
    msg = explain_miss(SRC, "The 52 rockets flew")
    assert "closest passage" in msg
    assert "source has 2 (U+0032 DIGIT TWO) where the quote has 5 (U+0035 DIGIT FIVE) at column 5" in msg
    assert "source: 25 / quote: 52" in explain_miss(SRC, "The 52 rockets flew")
    assert "source: is not permitted / quote: is permitted" in explain_miss(SourceText("it is not permitted here"), "it is permitted here")


def test_normalisation_is_versioned_and_idempotent() -> None:
    assert NORMALISATION_VERSION == "1"
    s = "“A”  —\u00a0b ‘c’"
    assert normalise(s) == '"A" - b \'c\''
    assert normalise(normalise(s)) == normalise(s)


# -- whole words: a quote may not start or end inside a word or number of the source ------------

WORDS = SourceText("It is impossible to fund. The bridge cost 25 million euros. It is unsafe, and 2.5 km and 1,500 m long.")


@pytest.mark.parametrize(
    ("quote", "side", "word"),
    [
        ("The bridge cost 2", "ends", "25"),  # a digit cut off: "2 million" is not in the source
        ("possible to fund", "starts", "impossible"),
        ("safe", "starts", "unsafe"),
        ("The bridge co", "ends", "cost"),
        ("and 2", "ends", "2.5"),  # a decimal point does not end a number
        ("500 m long", "starts", "1,500"),  # nor does a thousands separator
    ],
)
def test_a_quote_that_cuts_a_word_fails_naming_the_word(quote: str, side: str, word: str) -> None:
    with pytest.raises(AnchorError) as e:
        anchor(WORDS, quote)
    assert e.value.code == "quote-cuts-word"
    line, col = 1, WORDS.text.index(word) + 1
    assert e.value.message.startswith(f"the quote {side} inside the word {word!r} of the source (line {line}, column {col});")


def test_whole_words_and_numbers_anchor_and_punctuation_is_a_boundary() -> None:
    for quote in ("impossible to fund", "25 million", "2.5 km", "1,500 m", "unsafe", "bridge cost 25 million euros."):
        assert anchor(WORDS, quote).exact == quote
    # A quote may not stop inside a possessive or a hyphenated compound ("Russia" of "Russia’s",
    # "heavy" of "heavy-lift"): the piece means something else out of it. The whole word anchors.
    src = SourceText("Russia’s heavy-lift rockets")
    for quote in ("Russia", "heavy", "lift rockets", "s heavy-lift rockets", "Russia’", "’s heavy-lift", "Russia’s heavy-", "-lift rockets"):
        with pytest.raises(AnchorError) as e:
            anchor(src, quote)
        assert e.value.code == "quote-cuts-compound", quote
    assert anchor(src, "Russia’s heavy-lift").exact == "Russia’s heavy-lift"
    assert anchor(src, "rockets").exact == "rockets"


def test_a_match_inside_a_word_does_not_count_as_an_occurrence() -> None:
    # "safe" occurs inside "unsafe" and once on its own: only the whole word is a match, so the
    # quote is not ambiguous.
    src = SourceText("It is unsafe. Now it is safe.")
    span = anchor(src, "safe")
    assert (span.start, span.end) == (24, 28)


def test_each_ellipsis_piece_must_be_whole_words() -> None:
    with pytest.raises(AnchorError) as e:
        anchor(WORDS, "It is … possible to fund")
    assert e.value.code == "quote-cuts-word"
    assert e.value.message.startswith("the piece 'possible to fund' of the quote starts inside the word 'impossible'")
    assert e.value.column == len("It is … ") + 1
    assert anchor(WORDS, "It is … impossible to fund").shown(WORDS.text) == "It is […] impossible to fund"


def test_words_of_scripts_without_spaces_may_be_quoted_in_part() -> None:
    src = SourceText("长征五号火箭")
    assert anchor(src, "五号").exact == "五号"
    with pytest.raises(AnchorError) as e:
        anchor(SourceText("un été"), "té")  # a Latin word with accents is still one word
    assert e.value.code == "quote-cuts-word"
