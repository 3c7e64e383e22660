"""The page rule's fast paths give the answers of the plain reading they stand for.

- A macro call's arguments are read from the grammar the rule matched, without Python's parser
  (`pages._args`): never an exception, and the values `ast.literal_eval` gives where it reads them.
- A piece of a page finds its markers (macro calls) with one search, not character by character.
- A page's text held without its content words (a label) is held without the words of its
  sources' titles, which only a content word (a framing verb's subject) reads.
"""

from __future__ import annotations

import ast

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import pagetext
from briefing.loader import load_briefing
from briefing.names import NameIndex
from briefing.pages import MACRO_RE, _args
from briefing.rules import bound

SETTINGS = settings(derandomize=True, max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))

# Quotes, escapes, separators, line breaks and white space Python may read otherwise, NUL, a lone
# surrogate, braces and letters outside ASCII.
ARGS = st.text(alphabet="ab1 \t,\"'\\\n\r\x00\x0b\x0c\u2028\ud800{}é𝐚", max_size=24)


def _python(src: str) -> object:
    try:
        return tuple(ast.literal_eval(f"({src},)")) if src.strip() else ()
    except (SyntaxError, ValueError, UnicodeError) as exc:
        return type(exc)


def _arguments(src: str) -> str | None:
    """`src` as the arguments of a call, if the page rule reads it as one (else None)."""
    m = MACRO_RE.fullmatch(f"{{{{ cite({src}) }}}}")
    return m.group(2) if m else None


NUMBERS = st.sampled_from(["0", "7", "007", "10", "1_000", "1.5", "0x1", "-1", "99999999999999999999"])


@SETTINGS
@given(st.one_of(ARGS, st.lists(st.one_of(st.text(alphabet="ab é\t'\"{\\\r\x00\u2028", max_size=6).map(lambda s: f'"{s}"'), NUMBERS), min_size=1, max_size=4).map(", ".join)))
def test_arguments_read_as_python_reads_them(src: str) -> None:
    """Every call the rule reads has its arguments read, never an exception; where Python's
    parser reads them too, it reads the same values."""
    args = _arguments(src)
    if args is None:
        return
    got = _args(args)
    python = _python(args)
    if not isinstance(python, type):
        assert got == python, src


def test_numbers_and_separators_python_refuses() -> None:
    assert _args('"a", 2') == ("a", 2)
    assert _args('"a"\u2028,\u2028"b"') == ("a", "b")  # Python refuses the separator; the engine reads it
    assert _args("''") == ("",)
    assert _arguments("007") is None and _arguments("1_000") is None and _arguments("1.5") is None  # not a literal both read alike


_GOT = load_briefing(REPO)
B = _GOT[0] if isinstance(_GOT, tuple) else _GOT
NAMES = NameIndex.of(B)
WORDS = st.sampled_from(["the", "article", "notes", "says", "said", "told", "report", "reports", "not", "would", "engines", "Roscosmos", "2", "twice", "offer", "refused", "Review"])


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), st.sets(st.sampled_from(sorted(B.claims)), min_size=1, max_size=3))
def test_a_label_is_held_alike_with_and_without_its_sources_titles(text: str, ids: set[str]) -> None:
    ev = bound.Evidence(B)
    titles = ev.sources(ids) | {"article", "notes", "review", "report"}
    label = bound.FACTS | {bound.NEGATION, bound.REFUSAL, bound.MODALITY}
    for rules in (label, bound.FACTS | {bound.NEGATION, bound.REFUSAL}):
        assert bound.WORDS not in rules
        with_titles = bound.gaps(B, text, lambda: ev.of(ids), NAMES, (), rules, None, titles, True)
        assert with_titles == bound.gaps(B, text, lambda: ev.of(ids), NAMES, (), rules, None, frozenset(), True)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(["a", " ", "\ue000", "\U000effff", "\U000f0000", "\U000f1234", "\U000ffffd", "\U000ffffe", "\U000fffff", "\U00100000", "\U0010fffd", "\U0010fffe", "\U0010ffff"]), max_size=30))
def test_the_markers_found_at_once_are_the_characters_marker_index_reads(text: str) -> None:
    assert pagetext._MARKER.findall(text) == [ch for ch in text if pagetext.marker_index(ch) is not None]
