"""The build's shortcuts give exactly what the slow way gave: generated pages rendered without
Jinja, reverse lookups instead of scans, cached escaping."""

from __future__ import annotations

import random
import re
from pathlib import Path

import jinja2
import pytest
from mkdocs.utils.meta import get_data

from bench.plain import page_url
from briefing import history, render
from briefing.model import KINDS
from briefing.site import MacroError, Site


@pytest.fixture
def site(project: Path) -> Site:
    s = Site.load(project)
    s._history = history.History(False, "test: no git")  # no git work in these tests
    return s


def test_generated_pages_render_exactly_as_jinja_did(site: Site) -> None:
    jenv = jinja2.Environment(undefined=jinja2.StrictUndefined)  # as mkdocs-macros builds it
    pages = site.generated_pages()
    assert {rel.split("/")[0] for rel in pages} == {"claims", "entities", "source"}
    for rel, text in pages.items():
        body, meta = get_data(text)  # what MkDocs hands the plugins
        assert meta["render_macros"] is False
        site.begin_page(page_url(rel), rel)
        expected = jenv.from_string(body).render(**site.macros())
        expected_notes = site.end_page()
        site.begin_page(page_url(rel), rel)
        assert site.expand_generated(rel, body) == expected, rel
        assert site.end_page() == expected_notes, rel


def test_expand_leaves_other_pages_and_refuses_edited_ones(site: Site) -> None:
    pages = site.generated_pages()
    assert site.expand_generated("index.md", "{{ all_claims() }}") is None
    rel = next(r for r in pages if r.startswith("claims/"))
    with pytest.raises(MacroError, match="generated page was edited"):
        site.expand_generated(rel, "# An edited page\n")


def test_reverse_lookups_match_a_scan_of_every_claim(site: Site) -> None:
    b, links = site.briefing, site.links
    claims = list(b.claims.values())
    for eid in b.entities:
        assert links.by_entity.get(eid, []) == [c for c in claims if eid in c.entities or eid in (c.speaker, c.relayed_by)]
    for tid in b.topics:
        assert links.by_topic.get(tid, []) == [c for c in claims if tid in c.topics]
    for kind in KINDS:
        assert links.by_kind.get(kind, []) == [c for c in claims if c.kind == kind]
    for cid in b.claims:
        assert links.inferences_on.get(cid, []) == [d for d in claims if cid in d.based_on]
        assert links.judgments_on.get(cid, []) == [j for j in b.judgments.values() if cid in j.rests_on]
    for sid in b.sources:
        assert links.citing.get(sid, []) == [(c, cit) for c in claims for cit in c.citations if cit.source == sid]


# The table `esc` and `attr` once applied with str.translate: the chained replacements must agree.
_REFERENCE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", **{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|:~^$%="}}
)


def test_escaping_matches_the_one_pass_table() -> None:
    alphabet = "&<>\"'\\`*_{}[]()#+-!|:~^$%=;a1 \n€"
    rng = random.Random(8)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        text *= rng.choice((1, 1, 1, 40))  # past the cached length too
        assert render.attr(text) == text.translate(_REFERENCE)
        assert render.esc(text) == text.translate(_REFERENCE).replace("\n", " ")
    assert render.esc("&#39;") == "&amp;&#35;39;"
    assert render.esc(7) == "7"
    assert render.esc(["<a>"]) == "&#91;&#39;&lt;a&gt;&#39;&#93;"


def test_site_repr_is_short(site: Site) -> None:
    # mkdocs-macros logs str() of every macro (a bound method of the Site) on every build.
    assert len(str(site.cite)) < 300


def test_entity_index_counts_claims_in_words_a_reader_would_write(site: Site) -> None:
    """"(1 claim)", never "(1 claims)"; each entity page's heading names the entity."""
    html = site.entity_index()
    counts = {int(n): noun for n, noun in re.findall(r"\((\d+) (claims?)\)", html)}
    assert 1 in counts and len(counts) > 1, counts  # the real briefing has both
    for n, noun in counts.items():
        assert noun == ("claim" if n == 1 else "claims"), (n, noun)
    eid, e = next(iter(sorted(site.briefing.entities.items())))
    assert f"Claims that name {render.esc(e.name)}</h2>" in site.entity_page(eid)


def test_only_words_that_name_someone_are_kept_out_of_the_tooltips(site: Site) -> None:
    """A citation that only says who or what is meant is not a passage of its own; nothing else
    is, whatever alias an entity is given (an alias must not hide a passage from readers)."""
    b = site.briefing
    for words in ("Rogozin", "Zhou said", "the Long March 5", "Russia’s state space corporation"):
        assert render.is_anchor_quote(b, words), words
    for words in ("Dmitry Rogozin, director general of Roscosmos", "Russian state news agency Sputnik quoted Rogozin as saying", "Zhou Chenming said Russian"):
        assert not render.is_anchor_quote(b, words), words
    b.entities["dmitry-rogozin"].aliases.extend(["did not say", "Russian carrier rockets to deploy China’s multi-satellite constellation"])
    render._names_memo.clear()
    assert not render.is_anchor_quote(b, "did not say"), "a negation is never hidden"
    assert not render.is_anchor_quote(b, "Russian carrier rockets to deploy China’s multi-satellite constellation"), "nor a long passage"
    render._names_memo.clear()
    # Every claim of the briefing shows at least one passage, and every passage left out names an entity.
    for c in b.claims.values():
        shown = render.shown_passages(b, [c])
        assert shown, c.id
        hidden = [cit for cit in c.citations if cit.span and (cit.source, cit.span.start, cit.span.end) not in {(p.cit.source, p.span.start, p.span.end) for p in shown}]
        assert all(render.is_anchor_quote(b, cit.span.shown(b.sources[cit.source].text.text)) for cit in hidden), c.id
