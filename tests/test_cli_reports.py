"""`python -m briefing coverage` and `python -m briefing locate`: what they print, and their exit
codes, on the real project and on copies of it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conftest import REPO, copy_project, run_cli

from briefing import verify

SOURCE_ID = "scmp-russia-rocket-engines-2019"
TEXT = (REPO / "sources" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
HEADLINE = "China’s failed Long March 5 rocket ‘choked to death’, but space mission expected to resume this year"


@cache
def _units() -> int:
    return verify.check(REPO, use_cache=False).report.coverage[SOURCE_ID][1]


def test_coverage_reports_every_sentence_cited_and_the_headline_set_aside() -> None:
    r = run_cli("coverage")
    assert r.code == 0, r.out + r.err
    assert "Traceback" not in r.out + r.err
    n = _units()
    a = TEXT.index(HEADLINE)
    assert r.lines[0] == f"{SOURCE_ID}: {n}/{n} sentences cited (100.0 %)"
    assert r.lines[1].startswith(f"  not a claim [{a}–{a + len(HEADLINE)}]: {HEADLINE!r} — The headline of a different, related SCMP article")
    assert len(r.lines) == 2
    assert "uncovered" not in r.out


def test_coverage_lists_an_uncovered_sentence_with_its_place_and_fails(tmp_path: Path) -> None:
    copy_project(tmp_path)  # with the site's configuration: pages are read as it renders them
    # Without its not_claims entry the scraped headline is a sentence no claim cites.
    record = tmp_path / "sources" / f"{SOURCE_ID}.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("not_claims:")], encoding="utf-8")
    r = run_cli("coverage", root=tmp_path)
    assert r.code == 1
    assert "Traceback" not in r.out + r.err
    n = _units() + 1
    assert r.lines == [
        f"{SOURCE_ID}: {n - 1}/{n} sentences cited ({100.0 * (n - 1) / n:.1f} %)",
        f"  uncovered sources/{SOURCE_ID}.txt:1:{TEXT.index(HEADLINE) + 1}: {HEADLINE}",
    ]


def test_locate_prints_a_citation_block_to_paste() -> None:
    r = run_cli("locate", "MAKS 2019 Moscow air show")
    assert r.code == 0, r.out + r.err
    a = TEXT.index("MAKS 2019 Moscow air show")
    assert r.out == (
        f"# sources/{SOURCE_ID}.txt:1:{a + 1} (offsets {a}–{a + 25})\n"
        "citations:\n"
        f"  - source: {SOURCE_ID}\n"
        '    quote: "MAKS 2019 Moscow air show"\n\n'
    )


def test_locate_gives_one_block_per_place_with_the_prefix_that_picks_it() -> None:
    r = run_cli("locate", "the Long March 5")
    assert r.code == 0, r.out + r.err
    blocks = [b for b in r.out.split("\n\n") if b.strip()]
    assert len(blocks) == 3  # "the Long March 5" of "the Long March 5 series" is a whole-word match too
    assert all('    quote: "the Long March 5"' in b and "    prefix: " in b for b in blocks)


def test_locate_copies_the_sources_own_characters() -> None:
    r = run_cli("locate", "Russia's state space corporation")
    assert r.code == 0, r.out + r.err
    assert '    quote: "Russia’s state space corporation"' in r.out  # the typographic apostrophe


def test_locate_explains_a_miss_and_a_cut_word_and_fails() -> None:
    r = run_cli("locate", "Long March 6 rocket")
    assert r.code == 1 and r.out == ""
    assert "closest passage at line 1" in r.err and "source: 5 series / quote: 6 rocket" in r.err
    r = run_cli("locate", "ossible deliveries")
    assert r.code == 1 and r.out == ""
    col = TEXT.index("possible deliveries") + 1
    assert f"the quote starts inside the word 'possible' of the source (line 1, column {col})" in r.err
    assert "Traceback" not in r.err
