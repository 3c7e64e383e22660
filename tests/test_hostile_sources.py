"""Tamper-evident sources: any change to a stored text's bytes is caught by its sha256, and the
diagnostics name every citation that broke or may have moved."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_hostile_helpers import HOSTILE, REAL_CLAIMS, SOURCE_ID, SOURCE_TXT, SOURCE_YML, Diag, assert_passes, check, errors

ASTRAL = HOSTILE / "astral"


def quotes(project: Path, source: str = SOURCE_ID) -> dict[str, list[str]]:
    """Every quote citing `source`, by record path (claims and questions; the source's not_claims)."""
    out: dict[str, list[str]] = {}
    for folder in ("facts/claims", "facts/questions"):
        for f in sorted((project / folder).glob("*.yml")):
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            qs = [c["quote"] for c in data.get("citations", []) if c["source"] == source]
            if qs:
                out[f.relative_to(project).as_posix()] = qs
    src = yaml.safe_load((project / "sources" / f"{source}.yml").read_text(encoding="utf-8"))
    if src.get("not_claims"):
        out[f"sources/{source}.yml"] = [n["quote"] for n in src["not_claims"]]
    return out


def points_at_a_quote(project: Path, d: Diag) -> bool:
    line = (project / d.path).read_text(encoding="utf-8").splitlines()[d.line - 1]
    return re.match(r"\s*(- )?quote: ", line) is not None and line[d.col - 1 :].lstrip("\"'") != ""


def record_id(path: str) -> str:
    return Path(path).stem


def tamper_result(project: Path) -> tuple[list[Diag], Diag]:
    r = check(project)
    assert r.code == 1, r.out + r.err
    got = errors(r)
    (mismatch,) = [d for d in got if d.code == "source-hash-mismatch"]
    assert mismatch.where == (SOURCE_YML, 20, 9, "source-hash-mismatch")
    assert f"text {SOURCE_TXT} does not match its record" in mismatch.message
    assert f"; {REAL_CLAIMS} claims," in r.err  # every claim still loaded, each citation accounted for below
    return got, mismatch


def assert_every_citation_accounted_for(project: Path, got: list[Diag], broken_word: str | None) -> None:
    """Each citation of the source has its own diagnostic at its quote: broke, or still found."""
    per_record = quotes(project)
    citation_diags = [d for d in got if d.code in ("quote-not-found", "citation-unverified")]
    assert all(points_at_a_quote(project, d) for d in citation_diags)
    for path, qs in per_record.items():
        mine = [d for d in citation_diags if d.path == path]
        assert len(mine) == len(qs), (path, mine)
        want_broken = sum(1 for q in qs if broken_word and broken_word in q)
        assert sum(1 for d in mine if d.code == "quote-not-found") == want_broken, (path, mine)
    assert len(citation_diags) == sum(len(qs) for qs in per_record.values())


def test_one_byte_changed_is_detected_and_names_the_broken_citations(project: Path) -> None:
    txt = project / SOURCE_TXT
    raw = txt.read_bytes()
    assert raw.count(b"25 tonnes") == 1
    txt.write_bytes(raw.replace(b"25 tonnes", b"25 tonnas"))  # one byte: e -> a
    got, mismatch = tamper_result(project)
    broken = sorted(record_id(p) for p, qs in quotes(project).items() if any("tonnes" in q for q in qs))
    assert broken, "some claim should quote the changed words"
    assert f"{len(broken)} citing record(s) broke ({', '.join(broken)})" in mismatch.message
    assert "still anchor but may have moved" in mismatch.message
    assert_every_citation_accounted_for(project, got, broken_word="tonnes")
    assert {d.code for d in got} == {"source-hash-mismatch", "quote-not-found", "citation-unverified"}


def test_trailing_newline_added_is_detected(project: Path) -> None:
    txt = project / SOURCE_TXT
    assert not txt.read_bytes().endswith(b"\n")
    with txt.open("ab") as fh:
        fh.write(b"\n")
    got, mismatch = tamper_result(project)
    assert "0 citing record(s) broke" in mismatch.message
    assert_every_citation_accounted_for(project, got, broken_word=None)
    assert {d.code for d in got} == {"source-hash-mismatch", "citation-unverified"}


def test_text_replaced_by_another_article_breaks_every_citation(project: Path) -> None:
    shutil.copyfile(HOSTILE / "sources/other-article.txt", project / SOURCE_TXT)
    got, mismatch = tamper_result(project)
    everyone = sorted(record_id(p) for p in quotes(project) if p.startswith("facts/"))
    assert f"{len(everyone)} citing record(s) broke ({', '.join(everyone)})" in mismatch.message
    assert "0 still anchor" in mismatch.message
    citation_diags = [d for d in got if d.code == "quote-not-found"]
    assert len(citation_diags) == sum(len(qs) for qs in quotes(project).values())
    # The new text's own sentences are uncovered: nothing cites them.
    uncovered = [d for d in got if d.code == "sentence-uncovered"]
    assert [(d.path, d.line, d.col) for d in uncovered] == [(SOURCE_TXT, 1, 1), (SOURCE_TXT, 1, 67)]
    assert {d.code for d in got} == {"source-hash-mismatch", "quote-not-found", "sentence-uncovered"}


def test_deleted_text_is_reported_with_every_citation_it_breaks(project: Path) -> None:
    (project / SOURCE_TXT).unlink()
    r = check(project)
    assert r.code == 1
    got = errors(r)
    (missing,) = [d for d in got if d.code == "source-text-missing"]
    assert missing.where == (SOURCE_YML, 20, 9, "source-text-missing")
    unverified = [d for d in got if d.code == "citation-unverified"]
    assert all("has no readable text" in d.message and points_at_a_quote(project, d) for d in unverified)
    assert len(unverified) == sum(len(qs) for qs in quotes(project).values())
    assert {d.code for d in got} == {"source-text-missing", "citation-unverified"}


def test_text_that_is_not_utf8_is_reported_at_the_bad_byte(project: Path) -> None:
    txt = project / SOURCE_TXT
    text = txt.read_text(encoding="utf-8")
    i = text.index("Moscow")
    txt.write_bytes(text[:i].encode("utf-8") + b"\xff" + text[i:].encode("utf-8"))
    r = check(project)
    got = errors(r)
    assert r.code == 1
    assert (SOURCE_TXT, 1, i + 1, "not-utf8") in {d.where for d in got}  # column in characters, not bytes
    assert {d.code for d in got} == {"not-utf8", "citation-unverified"}


# -- a multi-line source with emoji: line endings, code-point offsets ------------------------------------


@pytest.fixture
def astral(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ASTRAL, tmp_path / "astral"))


def test_astral_fixture_passes_as_stored(astral: Path) -> None:
    assert_passes(check(astral), claims=2)


def test_line_endings_changed_to_crlf_are_detected_and_moved_offsets_named(astral: Path) -> None:
    txt = astral / "sources/astral-launch-notes.txt"
    text = txt.read_bytes().decode("utf-8")
    txt.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    r = check(astral)
    assert r.code == 1
    got = errors(r)
    (mismatch,) = [d for d in got if d.code == "source-hash-mismatch"]
    assert mismatch.path == "sources/astral-launch-notes.yml"
    assert "0 citing record(s) broke, 2 still anchor but may have moved (astral-crews-cheered-until-orbit, astral-mission-not-cheap)" in (
        mismatch.message
    )
    # Whitespace is folded, so the quotes still anchor; the one after two line breaks moved by two.
    moved = {d.path: d.message for d in got if d.code == "citation-unverified"}
    old = text.index("the mission was not cheap")
    new = text.replace("\n", "\r\n").index("the mission was not cheap")
    assert new == old + 2
    end = new + len("the mission was not cheap, but it worked 👍🏽")
    assert f"offsets {new}–{end} (line 3, column" in moved["facts/claims/astral-mission-not-cheap.yml"]
    assert {d.code for d in got} == {"source-hash-mismatch", "citation-unverified"}
