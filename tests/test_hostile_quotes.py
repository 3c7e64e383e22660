"""Quotes under the declared normalisation: typographic variants are accepted and shown as the
source's own characters; ambiguity and negation-skipping ellipses are refused; a quote may run
across a sentence boundary; offsets count code points, emoji included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from test_hostile_helpers import (
    HOSTILE,
    REAL_CLAIMS,
    SOURCE_TXT,
    add,
    assert_fails_exactly,
    assert_passes,
    check,
    errors,
    no_traceback,
)


def export(project: Path, out: Path) -> dict[str, Any]:
    r = run_cli("export", "--output", str(out), root=project)
    no_traceback(r)
    assert r.code == 0, r.out + r.err
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["claims"]}


def test_typographic_variants_are_accepted_and_shown_as_the_source_writes_them(project: Path, tmp_path: Path) -> None:
    for name in ("hostile-quote-straight-marks", "hostile-quote-curly-apostrophe", "hostile-quote-dashes"):
        add(project, f"quotes/{name}.yml", "facts/claims")
    assert_passes(check(project), claims=REAL_CLAIMS + 3)
    claims = export(project, tmp_path / "export")
    text = (project / SOURCE_TXT).read_text(encoding="utf-8")

    (c,) = claims["hostile-quote-straight-marks"]["citations"]
    assert c["quote"] == 'Rogozin did not say what "near-space infrastructure" the two countries would pursue together'
    assert c["exact"] == "Rogozin did not say what “near-space infrastructure” the two countries would pursue together"  # the source's marks
    assert text[c["start"] : c["end"]] == c["exact"] == c["shown"]

    (c,) = claims["hostile-quote-curly-apostrophe"]["citations"]
    assert c["exact"].startswith("China’s space ambitions") and c["exact"].endswith("a heavy-lift rocket engine")
    assert "`" not in c["exact"] and "–" not in c["exact"]

    first, second = claims["hostile-quote-dashes"]["citations"]
    assert first["exact"] == "Beijing-based military analyst Zhou Chenming"
    assert second["exact"] == "China urgently needs heavy-booster liquid-fuel rocket engines"
    for cit in (first, second):
        assert text[cit["start"] : cit["end"]] == cit["exact"]


def test_quote_that_occurs_twice_without_disambiguation_is_refused(project: Path) -> None:
    rel = add(project, "quotes/hostile-quote-ambiguous.yml", "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, 10, 12, "quote-ambiguous")}, claims=REAL_CLAIMS + 1)
    text = (project / SOURCE_TXT).read_text(encoding="utf-8")
    first = text.index("near-space infrastructure")
    second = text.index("near-space infrastructure", first + 1)
    # Each place is shown by the words around it, as an editor finds it, not by offsets.
    assert d.message.startswith(
        f"quote matches 2 places: (1) line 1, column {first + 1}: '… would discuss “cooperation in [near-space infrastructure]” when a Chinese …'; "
        f"(2) line 1, column {second + 1}: '… not say what “[near-space infrastructure]” the two countries …'; "
    ), d.message
    assert "offset" not in d.message
    assert d.message.endswith("add a prefix or suffix to pick one, e.g. prefix: 'in'"), d.message


def test_quote_that_occurs_twice_with_an_occurrence_anchors_the_right_one(project: Path, tmp_path: Path) -> None:
    add(project, "quotes/hostile-quote-occurrence.yml", "facts/claims")
    assert_passes(check(project), claims=REAL_CLAIMS + 1)
    (c,) = export(project, tmp_path / "export")["hostile-quote-occurrence"]["citations"]
    text = (project / SOURCE_TXT).read_text(encoding="utf-8")
    second = text.index("near-space infrastructure", text.index("near-space infrastructure") + 1)
    assert (c["start"], c["end"]) == (second, second + len("near-space infrastructure"))


def test_ellipsis_that_skips_not_is_refused(project: Path) -> None:
    rel = add(project, "quotes/hostile-quote-ellipsis-skips-not.yml", "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, 10, 12, "ellipsis-skips-negation")}, claims=REAL_CLAIMS + 1)
    assert "the ellipsis skips 'not'" in d.message


def test_quote_across_a_sentence_boundary_is_verbatim_and_accepted(project: Path, tmp_path: Path) -> None:
    add(project, "quotes/hostile-quote-sentence-boundary.yml", "facts/claims")
    r = check(project)
    assert_passes(r, claims=REAL_CLAIMS + 1)
    (c,) = export(project, tmp_path / "export")["hostile-quote-sentence-boundary"]["citations"]
    text = (project / SOURCE_TXT).read_text(encoding="utf-8")
    assert text[c["start"] : c["end"]] == c["exact"]
    assert "satellites. “Cooperation" in c["exact"]


# -- the astral fixture: emoji, offsets in code points, a quote spanning two sentences ------------------


@pytest.fixture
def astral(tmp_path: Path) -> Path:
    return Path(shutil.copytree(HOSTILE / "astral", tmp_path / "astral"))


def test_quote_spanning_two_sentences_counts_for_both(astral: Path) -> None:
    r = check(astral)
    assert_passes(r, claims=2)
    assert "coverage astral-launch-notes 3/3 sentences" in r.out
    # Without the spanning quote, the two sentences it covered are both uncovered: it counted for both.
    (astral / "facts/claims/astral-crews-cheered-until-orbit.yml").unlink()
    r = check(astral)
    assert r.code == 1
    assert {d.where for d in errors(r)} == {
        ("sources/astral-launch-notes.txt", 1, 1, "sentence-uncovered"),
        ("sources/astral-launch-notes.txt", 2, 1, "sentence-uncovered"),
    }
    assert "coverage astral-launch-notes 1/3 sentences" in r.err


def test_offsets_count_code_points_with_emoji_in_the_source(astral: Path, tmp_path: Path) -> None:
    claims = export(astral, tmp_path / "export")
    text = (astral / "sources/astral-launch-notes.txt").read_text(encoding="utf-8")
    (c,) = claims["astral-mission-not-cheap"]["citations"]
    start = text.index("the mission was not cheap")
    assert (c["start"], c["end"]) == (start, len(text.rstrip("\n")) - 1)  # ends after 👍🏽, before the full stop
    assert text[c["start"] : c["end"]] == c["exact"] == "the mission was not cheap, but it worked 👍🏽"
    # Code points, not UTF-16 code units (which count each emoji twice) nor UTF-8 bytes.
    assert start != len(text[:start].encode("utf-16-le")) // 2
    assert start != len(text[:start].encode("utf-8"))
    (span,) = claims["astral-crews-cheered-until-orbit"]["citations"]
    assert text[span["start"] : span["end"]] == span["exact"] == "cheered 🚀🚀 as the rocket rose.\nThe 🛰️ satellite"
