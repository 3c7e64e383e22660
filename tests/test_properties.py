"""Property-based tests (Hypothesis, deterministic and bounded) of anchoring, the declared
normalisation, and the HTML escaping every record text goes through on the site."""

from __future__ import annotations

import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing.anchor import AnchorError, SourceText, anchor
from briefing.normalise import normalise, normalise_mapped, reference_normalise_mapped
from briefing.render import attr, esc

SETTINGS = settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# Characters chosen to stress the normalisation: the folded quote marks and dashes, every kind
# of space it folds, combining marks and precomposed/singleton forms NFC changes, and astral
# characters (emoji, a ZWJ sequence, a skin-tone modifier, a variation selector).
_PLAIN = list("abcdeinorst ABC ,;:!?'\"-()[]0123456789")
_FOLDED = list("‘’‚‛′`“”„‟″«»‐‑‒–—―−﹘﹣－")
_SPACES = [" ", "\t", "\n", "\r\n", "\u00a0", "\u2009", "\u200b", "\ufeff", "\u3000"]
_MARKS = ["\u0301", "\u0308", "\u0327", "e\u0301", "é", "A\u030a", "Å", "\u212b", "ﬁ", "\u1100\u1161"]
_ASTRAL = ["🚀", "🛰️", "👍🏽", "👩\u200d🚀", "𝔘", "😀", "\U0001f1fa\U0001f1f8"]
PIECE = st.one_of(
    st.sampled_from(_PLAIN),
    st.sampled_from(_FOLDED),
    st.sampled_from(_SPACES),
    st.sampled_from(_MARKS),
    st.sampled_from(_ASTRAL),
    st.characters(exclude_categories=("Cs",)),  # and anything else
)
SOURCE = st.lists(PIECE, min_size=1, max_size=80).map("".join)


def _is_space(ch: str) -> bool:  # the normalisation's notion of space (see briefing/normalise.py)
    return ch.isspace() or ch in "\u200b\ufeff"


def _boundaries(text: str) -> list[int]:
    """Cut points that do not separate a base character from its combining marks."""
    return [i for i in range(len(text) + 1) if i == len(text) or unicodedata.combining(text[i]) == 0]


def _word_char(ch: str) -> bool:
    """A letter or digit that joins its neighbours into a word: the oracle for `anchor`'s rule
    (scripts written without spaces, such as Han or kana, have no word boundaries to respect)."""
    if not ch.isalnum():
        return False
    o = ord(ch)
    return ch.isascii() or not (
        unicodedata.east_asian_width(ch) in "WF" or 0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F or 0x1780 <= o <= 0x17FF
    )


def _base_before(text: str, i: int, lo: int = 0) -> str:
    """The base character of the cluster ending just before offset i (never before lo)."""
    k = i - 1
    while k > lo and unicodedata.combining(text[k]):
        k -= 1
    return text[k]


def _in_number(text: str, i: int) -> bool:
    """Whether offset i falls between the digits of '2.5' or '1,500' (on either side of the mark)."""

    def sep(k: int) -> bool:
        return 0 < k < len(text) - 1 and text[k] in ".," and text[k - 1].isdecimal() and text[k + 1].isdecimal()

    return (i < len(text) and text[i].isdecimal() and sep(i - 1)) or (i > 0 and text[i - 1].isdecimal() and sep(i))


def _left_ok(text: str, i: int) -> bool:
    return i == 0 or not (_word_char(text[i]) and _word_char(_base_before(text, i))) and not _in_number(text, i)


def _right_ok(text: str, i: int, j: int) -> bool:
    return j == len(text) or not (_word_char(text[j]) and _word_char(_base_before(text, j, i))) and not _in_number(text, j)


@st.composite
def source_and_cut(draw: st.DrawFn) -> tuple[str, int, int]:
    """A source and a cut [i, j) that starts and ends on word boundaries (and between clusters)."""
    text = draw(SOURCE)
    cuts = _boundaries(text)
    starts = [c for c in cuts[:-1] if _left_ok(text, c)] or [0]
    i = draw(st.sampled_from(starts))
    ends = [c for c in cuts if c > i and _right_ok(text, i, c)] or [len(text)]
    j = draw(st.sampled_from(ends))
    return text, i, j


@st.composite
def source_and_word_cut(draw: st.DrawFn) -> tuple[str, int, int]:
    """A source and a cut [i, j) that starts or ends inside a word or number."""
    text = draw(SOURCE)
    cuts = _boundaries(text)
    i = draw(st.sampled_from(cuts[:-1] or cuts))
    j = draw(st.sampled_from([c for c in cuts if c > i] or [i]))
    assume(j > i and not (_left_ok(text, i) and _right_ok(text, i, j)))
    return text, i, j


def _resolve_every_occurrence(src: SourceText, quote: str, text: str) -> tuple[list, list[str]]:
    spans, codes = [], []
    for n in (None, *range(1, len(text) + 2)):  # no occurrence first; then each occurrence in turn
        try:
            spans.append(anchor(src, quote, occurrence=n))
        except AnchorError as exc:
            codes.append(exc.code)
        if n is None and spans:
            break  # found at once: it occurs exactly once
        if n is not None and codes[-1:] in (["occurrence-out-of-range"], ["quote-cuts-word"]):
            break
    return spans, codes


def _editor_quote(quote: str) -> bool:
    # A quote is taken as the editor's words between non-space ends; "…" and "..." join pieces.
    return bool(quote) and not _is_space(quote[0]) and not _is_space(quote[-1]) and "…" not in quote and "..." not in quote


_JOINING = "'’ʼ-\u2010\u2011"  # apostrophes and hyphens: what joins a possessive or a compound


def _at_joining_mark(text: str, k: int) -> bool:
    """Whether a cut at offset k touches an apostrophe or a hyphen. A quote may not start or end
    inside a possessive or a compound ("Russia" of "Russia’s", "lift" of "heavy-lift", nor on the
    mark itself), which `anchor` refuses as quote-cuts-compound; this oracle leaves every cut
    beside such a mark out, a superset of those."""
    return (k < len(text) and text[k] in _JOINING) or (k > 0 and text[k - 1] in _JOINING)


@SETTINGS
@given(source_and_cut())
def test_anchoring_finds_any_whole_word_substring_of_the_source(case: tuple[str, int, int]) -> None:
    text, i, j = case
    quote = text[i:j]
    assume(_editor_quote(quote) and not _at_joining_mark(text, i) and not _at_joining_mark(text, j))
    src = SourceText(text)
    spans, codes = _resolve_every_occurrence(src, quote, text)
    if codes:  # more than one occurrence: ambiguous without a number, then each found by its number
        assert codes == ["quote-ambiguous", "occurrence-out-of-range"], codes
        assert len(spans) >= 2
    for span in spans:
        assert text[span.start : span.end] == span.exact
        assert normalise(span.exact) == normalise(quote)
    assert (i, j) in [(s.start, s.end) for s in spans]  # the very place it was cut from


@SETTINGS
@given(source_and_word_cut())
def test_a_substring_that_cuts_a_word_never_anchors_there(case: tuple[str, int, int]) -> None:
    text, i, j = case
    quote = text[i:j]
    assume(_editor_quote(quote))
    spans, codes = _resolve_every_occurrence(SourceText(text), quote, text)
    assert (i, j) not in [(s.start, s.end) for s in spans]  # never the place that cuts a word
    if not spans:  # it occurs only inside longer words: the error says so
        assert codes[:1] == ["quote-cuts-word"], codes


@SETTINGS
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=200) | SOURCE)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@SETTINGS
@given(SOURCE)
def test_normalised_characters_map_back_into_the_source_in_order(text: str) -> None:
    n = normalise_mapped(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert all(0 <= a < b <= len(text) for a, b in zip(n.starts, n.ends))
    assert list(n.starts) == sorted(n.starts)
    assert "  " not in n.text  # whitespace runs are folded


@SETTINGS
@given(SOURCE | st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
def test_fast_normalisation_equals_the_character_by_character_rules(text: str) -> None:
    assert normalise_mapped(text) == reference_normalise_mapped(text)


@pytest.mark.parametrize(
    "text",
    ["", "a", "e\u0301", "\u0301a", "ab\u0301c", "`x`", "a  b\n\tc", "A\u030a\u212b", "x\u200b\ufeff y", "é—“ok”"],
)
def test_fast_normalisation_equals_the_rules_at_run_edges(text: str) -> None:
    assert normalise_mapped(text) == reference_normalise_mapped(text)


# -- escaping --------------------------------------------------------------------------------------

# What a record's text can hold: yamlsafe refuses C0 controls other than tab and line feed, DEL
# and C1 controls (also when written as escapes), and YAML cannot encode lone surrogates.
_NOT_IN_RECORDS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRICKS = list("<>&\"'`*_{}[]()#+-!|:~^$%=\\/\n\t;") + [
    "<script>",
    "</p>",
    "&amp;",
    "&#60;",
    "{{",
    "{%",
    "-->",
    "<!--",
    "<img src=x onerror=alert(1)>",
]
RECORD_TEXT = (
    st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(_TRICKS)), max_size=60)
    .map("".join)
    .filter(lambda s: not _NOT_IN_RECORDS.search(s))
)

_HTML5_WRAPPER = ["html", "head", "body"]


@pytest.mark.parametrize("parser", ["html.parser", "html5lib"])
def test_escaped_text_parses_back_to_itself_and_creates_no_element(parser: str) -> None:
    @SETTINGS
    @given(RECORD_TEXT)
    def prop(text: str) -> None:
        page = f'<p>{esc(text)}</p><a title="{attr(text)}">x</a>'
        soup = BeautifulSoup(page, parser)
        names = [el.name for el in soup.find_all(True)]
        assert names == ([*_HTML5_WRAPPER, "p", "a"] if parser == "html5lib" else ["p", "a"]), names
        assert soup.p is not None and soup.a is not None
        assert soup.p.get_text() == text.replace("\n", " ")  # esc turns line breaks into spaces
        assert soup.a["title"] == text  # attributes keep them
        assert list(soup.a.attrs) == ["title"]

    prop()
