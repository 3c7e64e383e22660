"""Macro output held out of the Markdown conversion (`site_adapter.Held`) gives the HTML and the
anchors the conversion gives it in place, wherever a page puts the macro call.

Real parts: Python-Markdown with the site's extensions, and MkDocs' own reader of anchors in raw
HTML. The whole-site equality (a full `mkdocs build` against the preview) is in test_preview.py.
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.pages import _HTMLHandler

from site_adapter import Held, _Block, _read_block

CARD = '<div class="bf-card" id="claim-{n}"><p class="bf-card__statement"><a href="../claims/c{n}/">Claim {n} &amp; &#8220;more&#8221;</a></p></div>'
LIST = '<div class="bf-list">' + "".join(CARD.format(n=n) for n in range(40)) + "</div>"
NOTES = (
    '<details class="bf-notes"><summary><h2 id="citations-on-this-page">Citations</h2></summary><ol>'
    + "<li>x</li>" * 200
    + "</ol></details>"
)
TWO = LIST + LIST.replace("claim-", "other-")  # two elements on one line: not one raw block
INLINE = '<span class="bf-x">' + "y" * 2000 + "</span>"  # not a block-level element


def _convert(text: str) -> tuple[str, set[str]]:
    md = markdown.Markdown(extensions=["toc", "tables", "admonition", "attr_list"])
    reader = _HTMLHandler()
    reader.feed(text)
    reader.close()
    return md.convert(text), set(reader.present_anchor_ids)


class _Page:
    """What `Held.on_page_content` reads of a page: its file's path and its anchors."""

    def __init__(self, anchors: set[str]) -> None:
        self.file = type("F", (), {"src_uri": "p.md"})()
        self.present_anchor_ids = anchors


@pytest.mark.parametrize(
    "page",
    [
        "# T\n\n{LIST}\n\nAfter.\n",  # on a line of its own (the listings)
        "# T\n\nSome text.\n{LIST}\nMore text.\n",  # between paragraph lines, no blank line
        "# T\n\nBefore {LIST} after.\n",  # inside a paragraph: left in place
        "# T\n\n!!! note\n    {LIST}\n",  # in an admonition (indented): left in place
        "# T\n\n- item\n\n    {LIST}\n",  # in a list item
        "# T\n\n<!--\n{LIST}\n-->\n",  # in a comment
        "# T\n\n<script>\n{LIST}\n</script>\n",  # in raw text (no element, no anchor)
        "# T\n\n<pre>\n{LIST}\n</pre>\n",  # in a raw HTML block
        "# T\n\n{LIST}\n{LIST}\n\n{NOTES}",  # the same output twice, and the notes
        "# T\n\n{TWO}\n\n{INLINE}\n",  # two elements on one line; an inline element
        "{LIST}",  # the whole page
    ],
)
def test_held_output_converts_as_it_does_in_place(page: str) -> None:
    text = page.format(LIST=LIST, NOTES=NOTES, TWO=TWO, INLINE=INLINE)
    want_html, want_ids = _convert(text)
    held = Held("docs")
    for out in (LIST, NOTES, TWO, INLINE):
        held.note(out)
    kept = held.hold("p.md", text)
    got_html, got_ids = _convert(kept)
    page_ = _Page(got_ids)
    got_html = held.on_page_content(got_html, page=page_, config=None, files=None)  # type: ignore[arg-type]
    assert got_html == want_html
    assert page_.present_anchor_ids == want_ids
    assert "briefing-held-" not in got_html


def test_only_whole_single_block_elements_are_held() -> None:
    held = Held("docs")
    for out in (LIST, TWO, INLINE):
        held.note(out)
    kept = held.hold("p.md", f"{LIST}\n\n{TWO}\n\n{INLINE}\n\nx {LIST}\n")
    assert kept.count("briefing-held-") == 1 and LIST in kept and TWO in kept and INLINE in kept


def test_a_placeholder_that_does_not_come_back_once_stops_the_build() -> None:
    from mkdocs.exceptions import PluginError

    held = Held("docs")
    held.note(LIST)
    kept = held.hold("p.md", f"{LIST}\n")
    assert kept != LIST + "\n"
    with pytest.raises(PluginError, match=r"docs/p\.md: a macro.s output could not be put back"):
        held.on_page_content(kept.replace("briefing-held-", "x-"), page=_Page(set()), config=None, files=None)  # type: ignore[arg-type]


def _read_whole(block: str, tag: str) -> tuple[bool, frozenset[str]]:
    parser = _Block(tag)
    parser.feed(block)
    parser.close()
    return parser.depth == 0 and parser.seen_end and not parser.closed_early, frozenset(parser.present_anchor_ids)


ODD_CARDS = [
    '<div class="bf-card" id="early"></div></div><p id="after-the-end">x</p><div>',  # closes the listing early
    '<div class="bf-card" id="open"><div id="left-open">',  # leaves an element open
    '<div class="bf-card" id="script"><script>var s = "</div><div id=\'not-an-anchor\'>";</script></div>',
    '<div class="bf-card" id="quote" title="a > b"><a name="named">n</a></div>',
    # a child's start inside an attribute value: the cut falls inside a tag
    '<div class="bf-card" id="inside" title=\'<div class="bf-card" id="not-a-card">\'></div>',
]


@pytest.mark.parametrize("odd", ["", *ODD_CARDS])
def test_a_listing_read_card_by_card_reads_as_the_whole(odd: str) -> None:
    """`_read_block` reads a listing card by card, remembering each card: the same answer as
    MkDocs' reader of anchors given the whole block, whichever card changed."""
    cards = [CARD.format(n=n) for n in range(6)]
    for i in range(4):
        cards[i + 1] = CARD.format(n=f"changed-{i}").replace("</p>", "</p>" + odd)
        block = '<div class="bf-list">' + "".join(cards) + "</div>"
        assert _read_block(block, "div") == _read_whole(block, "div"), (odd, i)
    two = TWO.replace("</a></p>", "</a></p>" + odd, 1)
    assert _read_block(two, "div") == _read_whole(two, "div") == (False, _read_whole(two, "div")[1])
