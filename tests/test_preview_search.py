"""The preview's search indexing of held listings (preview/searchmemo.py) gives exactly what
Material's own indexer gives, on the first reading and on the remembered one, in every
circumstance a listing can be read in: after a heading, after text, after an empty paragraph,
inside an open element, after a section not left; with a heading (left inside it or not), an
excluded element, code or a script inside it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from preview.searchmemo import Listings

ONE = '<div class="bf-card bf-card--{n}"><p class="s"><a href="x/">A &amp; B said “so” {n}</a></p><blockquote><p>quoted  words\n here</p></blockquote></div>'
# A listing of cards (read card by card: each card is remembered too), something else after them.
CARD = '<div class="bf-list">' + ONE.format(n=1) + ONE.format(n=2) + "{extra}</div>"
EXTRAS = [
    "",
    "<h2>Not an id</h2><p>under it</p>",
    '<h3 id="inside">A heading with an id</h3><p>then text</p>',
    '<div data-search-exclude><p>hidden</p></div><p>shown</p>',
    "<pre><code>  spaced\n  code </code></pre>",
    "<script>var x = '<p>';</script><p>after the script</p>",
    "<ul><li></li><li> </li><li>item</li></ul><p></p>",
    # A heading the listing opens and leaves (as the notes' summary does), then more text.
    '<details><summary><h2 id="notes">Notes</h2> <span>(2)</span></summary><p>quoted</p><ol><li>one</li></ol></details>',
    # A heading left deep inside: the parser goes back to the last section shallow enough.
    '<div><div><div><h4 id="deep">Deep</h4><p>x</p></div><p>back</p></div></div>',
    '<h2 id="open">A heading left open</h2><p>under it</p>',
    # An end tag too many: it closes the element around (the listing), another opens.
    '</div><div class="other"><p>after</p>',
]
BEFORE = [
    "",
    '<h1 id="t">Title</h1>\n',
    '<h1 id="t">Title</h1>\n<h2 id="kind">Kind</h2>\n',
    "<p>Intro text.</p>\n",
    "<p> </p>\n",
    "<p></p>\n<ul><li>one</li></ul>\n",
    '<div class="open">\n',
    "Loose text &amp\n",
    "<pre>\n",
    "<pre>preformatted\n",
    # A section after the current one not left for good (y): a heading left inside a listing
    # could go back to it, not to the current one.
    '<h2 id="a">A</h2><div><div><h3 id="y">Y</h3><h4 id="z">Z</h4></div></div>\n',
]
# Where nothing is remembered: right after an opening <pre> mark with only space after it (an end
# tag could remove text there), and after a section not left for good.
UNSETTLED = {"<pre>\n", BEFORE[-1]}


def _page(content: str) -> SimpleNamespace:
    return SimpleNamespace(content=content, toc=[], url="claims/", meta={}, title="All claims")


def _entries(index_fn: object, content: str) -> list[dict[str, object]]:
    index = SearchIndex(separator=r"[\s\-]+")
    index_fn(index, _page(content))  # type: ignore[operator]
    return index.entries


@pytest.mark.parametrize("before", BEFORE)
@pytest.mark.parametrize("extra", EXTRAS)
def test_held_listings_index_as_material_indexes_the_whole_page(before: str, extra: str) -> None:
    block = CARD.format(extra=extra)
    other = CARD.format(extra="<p>another listing</p>")
    content = f'{before}{block}\n<h2 id="next">Next</h2>\n{other}\n<p>closing words</p>{block}'
    want = _entries(lambda index, page: index.add_entry_from_context(page), content)
    listings = Listings()
    first = _entries(lambda index, page: listings.add_entry_from_context(index, page, [block, other]), content)
    assert first == want
    again = _entries(lambda index, page: listings.add_entry_from_context(index, page, [block, other]), content)
    assert again == want
    listings.end_build()
    # Remembered in every circumstance here, an element left open around it too; but not right
    # after an opening <pre> mark with only space after it (an end tag could remove text there).
    assert bool(listings.read) != (before == "<pre>\n"), listings.read.keys()


@pytest.mark.parametrize("before", BEFORE)
@pytest.mark.parametrize("changed", EXTRAS)
def test_a_listing_with_one_card_changed_indexes_as_material_indexes_the_whole_page(before: str, changed: str) -> None:
    cards = [ONE.format(n=n) for n in range(4)]
    listings = Listings()
    for i, card in enumerate([None, changed.replace("<p>", "<p>changed ") or "<p>changed</p>", changed + "<p>x</p>"]):
        if card is not None:
            cards[i % 4] = ONE.format(n=i).replace("</blockquote>", "</blockquote>" + card)
        block = '<div class="bf-list">' + "".join(cards) + "</div>"
        content = f'<p>Intro.</p>{before}{block}\n<p>closing words</p>'
        want = _entries(lambda index, page: index.add_entry_from_context(page), content)
        got = _entries(lambda index, page, block=block: listings.add_entry_from_context(index, page, [block]), content)
        assert got == want, (i, card)
        listings.end_build()
    # The cards unchanged since the last build were read as remembered cards.
    assert any(key[0] == cards[3] for key in listings.read) != (before in UNSETTLED)
