"""The folded-hyphen rule on every kind of text that runs over several lines: YAML's folded,
literal, plain and quoted texts, a page's front matter and its Markdown, as the site renders them.
The fixtures (tests/fixtures/invalid/folded-hyphen*, and the valid mini project) run it through
the command line; these try the kinds one by one."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import REPO

from briefing import inventory
from briefing.model import Briefing, Page
from briefing.rules.linebreaks import page_hyphens, yaml_hyphens
from briefing.yamlsafe import load


def where(text: str) -> list[tuple[int, int]]:
    return [(d.line, d.col) for d in yaml_hyphens("r.yml", text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("s: >-\n  a multi-\n  satellite net\n", [(2, 10)]),  # folded: the break becomes a space
        ("s: >\n  a multi-\n\n  satellite net\n", [(2, 10)]),  # a blank line between: a break, shown as a space
        ("s: |\n  a multi-\n  satellite net\n", [(2, 10)]),  # literal: the break is kept, and shown as a space
        ("s: a multi-\n  satellite net\n", [(1, 11)]),  # plain, over two lines
        ("s: 'a multi-\n  satellite net'\n", [(1, 12)]),  # single-quoted
        ('s: "a multi-\n  satellite net"\n', [(1, 12)]),  # double-quoted
        ("s: [a multi-\n  satellite, b]\n", [(1, 12)]),  # in a flow list
        ("s: >-\n  a multi‐\n  satellite net\n", [(2, 10)]),  # U+2010 HYPHEN
        ("s: >-\n  25-\n  tonne rocket\n", [(2, 5)]),  # a number cut from its unit
        ("a: 1\nlist:\n  - >-\n    one two-\n    three\n", [(4, 12)]),
        ("s: >-\n  a multi-\u00a0\n  satellite net\n", [(2, 10)]),  # a no-break space after the hyphen
        ("s: >-\n  a multi\u00ad\n  satellite net\n", [(2, 10)]),  # a soft hyphen: "multi satellite"
        ("s: >-\n  from 2019\u2013\n  2020\n", [(2, 12)]),  # an en dash: a range cut in two
    ],
)
def test_a_hyphen_before_a_line_break_inside_a_text_is_refused_at_the_hyphen(text: str, found: list[tuple[int, int]]) -> None:
    assert where(text) == found
    value = str(load(text.encode()).data.get("s", "")) + str(load(text.encode()).data.get("list", ""))
    assert any(h + w in value for h in "-‐\u00ad\u2013" for w in " \n\u00a0"), "the loaded text really holds the broken word"


@pytest.mark.parametrize(
    "text",
    [
        "s: >-\n  a multi-satellite\n  net\n",  # the word whole on one line
        "s: >-\n  the long- and short-range\n  rockets\n",  # a suspended hyphen, written on one line
        's: "a multi-\\\n  satellite net"\n',  # an escaped line break joins without a space
        "s: >-\n  ends with a dash -\n  and goes on\n",  # a dash after a space is punctuation, not a cut word
        "s: >-  # a comment-\n  text\n",  # the header's comment is not the text
        "s: >-\n  the text ends in-\n",  # nothing follows: no join
        "s: >-\n  the text ends in-\n\n",
        "s: a one-line text-\nt: next-\n",  # one-line texts
        "s: --- a rule\n",
    ],
)
def test_what_is_not_a_broken_word_passes(text: str) -> None:
    assert where(text) == []


@functools.cache
def _site_inventory() -> inventory.Inventory:
    return inventory.load(REPO)  # the real site's Markdown configuration, as the build renders pages


def page(body: str, front: str = "") -> tuple[Briefing, Page]:
    b = Briefing(".")
    b.inventory = _site_inventory()
    return b, Page("docs/p.md", load(front.encode()).data if front else {}, body, 1)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("A multi-\nsatellite net.\n", [(1, 8)]),
        ("- a list item, half-\n  closed.\n", [(1, 20)]),  # a list item's continuation line
        ("> a quoted, half-\n> closed bridge.\n", [(1, 17)]),
        ("A `code span, half-\nclosed` in a paragraph.\n", [(1, 19)]),  # inline code wraps like text
        ("!!! about \"A\"\n\n    a multi-\n    satellite box.\n", [(3, 12)]),  # an admonition's body
        ("A ``` fence the site does not enable, half-\nclosed ```.\n", [(1, 43)]),  # no fenced_code: a code span
    ],
)
def test_a_page_paragraph_broken_at_a_hyphen_is_refused(body: str, found: list[tuple[int, int]]) -> None:
    b, p = page(body)
    assert [(d.line, d.col) for d in page_hyphens(b, p)] == found


@pytest.mark.parametrize(
    "body",
    [
        "A multi-satellite\nnet.\n",
        "A hard break, well-  \nknown.\n",  # two spaces: <br>, shown as a break
        "    a code block, half-\n    closed\n",  # <pre>: shown with its break
        "# A heading-\n\nA paragraph.\n",
        "A paragraph ends here-\n\nNext paragraph.\n",
        "<!-- a comment, half-\nclosed -->\n\nText.\n",
        "| a | b |\n|---|---|\n| x- | y |\n",
    ],
)
def test_a_page_without_a_broken_word_passes(body: str) -> None:
    b, p = page(body)
    assert page_hyphens(b, p) == []


def test_a_pages_front_matter_is_read_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    text = "---\ndescription: >-\n  Why a multi-\n  satellite net\ntopic: t\n---\n# T\n\nText.\n"
    (tmp_path / "docs" / "p.md").write_text(text, encoding="utf-8")
    p = Page("docs/p.md", load(b"description: >-\n  Why a multi-\n  satellite net\ntopic: t\n").data, "# T\n\nText.\n", 7)
    found = page_hyphens(Briefing(str(tmp_path)), p)
    assert [(d.path, d.line, d.col, d.code) for d in found] == [("docs/p.md", 3, 14, "folded-hyphen")]
    assert "'multi- satellite'" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "s: >-\n  a multi-\n  satellite net\n",
        "s: >-\n  a multi-\r\n  satellite net\r\n",
        "s: >-\n  a multi- \n  satellite net\n",
        "s: >-\n  a multi-  \n  satellite net\n",  # two spaces, then the break
        "s: >-\n  a multi- \t\n  satellite net\n",
        "s: >-\n  a multi-\t \r\n  satellite net\r\n",
        "s: >-\n  a multi-\u00a0\n  satellite net\n",
        "s: >-\n  a multi\u00ad\n  satellite net\n",
        "s: >-\n  from 2019\u2013\n  2020\n",
        "s: >-\n  un défi-\n  spatial\n",  # a letter outside ASCII before the hyphen
        "s: '\\\\ a multi-\n  satellite net'\n",  # a backslash: loaded the slow way, without its bytes
    ],
)
def test_the_quick_look_at_a_records_bytes_misses_no_kind(text: str) -> None:
    """Before parsing a record again for positions, the rule looks at its bytes (or, without
    them, its loaded text): that look may send a record that is fine, never miss one that is not."""
    from types import SimpleNamespace

    from briefing.rules.linebreaks import _may_break

    located = load(text.encode())
    assert where(text), "the kind is refused"
    assert _may_break(SimpleNamespace(located=located, data=located.data))


def test_the_quick_look_lets_ordinary_records_through() -> None:
    from types import SimpleNamespace

    from briefing.rules.linebreaks import _may_break

    text = "s: >-\n  A text with a well-known word,\n  over two lines.\nt: |-\n  Literal.\nu:\n  - a list item\n"
    located = load(text.encode())
    assert located.raw is not None and not _may_break(SimpleNamespace(located=located, data=located.data))
