"""Each check on real fixture files: the valid mini project passes, each invalid one fails
with exactly the diagnostic (path:line:col and code) its expected.txt names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

MINI = FIXTURES / "mini"
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def overlay(case: Path, dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    for f in case.rglob("*"):
        if f.is_file() and f.name != "expected.txt":
            target = dest / f.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    return dest


def test_valid_mini_project_passes() -> None:
    r = run_cli("check", root=MINI)
    assert r.code == 0, r.out + r.err
    assert "check OK: 0 errors; 4 claims" in r.out
    assert "coverage mini 4/4 sentences" in r.out


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_fails_with_its_diagnostic(case: Path, tmp_path: Path) -> None:
    """Exactly the errors expected.txt lists, each in full (path:line:col, code and message), and
    no other; a warning listed there must be reported too (other warnings aside)."""
    root = overlay(case, tmp_path / "p")
    r = run_cli("check", root=root)
    assert r.code == 1, r.out + r.err
    assert "Traceback" not in r.out + r.err
    expected = [ln for ln in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    want_errors = [ln for ln in expected if ": error[" in ln]
    got_errors = [ln for ln in r.lines if ": error[" in ln]
    assert want_errors, f"{case.name}/expected.txt names no error"
    assert sorted(got_errors) == sorted(want_errors), "\n".join(["got:", *got_errors, "expected:", *want_errors])
    for warning in (ln for ln in expected if ": warning[" in ln):
        assert warning in r.lines, f"missing {warning!r} in:\n{r.out}"
    n = len(want_errors)
    assert r.err.strip().startswith(f"check FAILED: {n} error{'s' if n != 1 else ''}"), r.err


def test_what_follows_from_a_reported_cause_is_not_reported_even_as_a_warning(tmp_path: Path) -> None:
    """The fixtures named *-cascade and *-not-orphan list only their cause; without it, the
    consequences come back (they were dropped because of it, not lost)."""
    root = overlay(FIXTURES / "invalid" / "unknown-entity-cascade", tmp_path / "p")
    r = run_cli("check", root=root)
    assert "unused-entity" not in r.out and "entity-not-listed" not in r.out, r.out
    # A claim file that does not load: its entity is not "unused", its sentence not "uncovered".
    broken = run_cli("check", root=overlay(FIXTURES / "invalid" / "broken-claim-file", tmp_path / "b"))
    assert "warning[" not in broken.out, broken.out
    # The cause fixed the other way (the entity removed from the list): the statement's entity is
    # then reported as not listed, which it is.
    claim = root / "facts/claims/ministry-says-bridge-opens-2021.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("[ministri]", "[]"), encoding="utf-8")
    r = run_cli("check", root=root)
    assert "error[entity-not-listed]: the statement names 'The Ministry' (entity 'ministry')" in r.out, r.out


def test_github_annotations_name_file_line_and_col(tmp_path: Path) -> None:
    root = overlay(FIXTURES / "invalid" / "digit-changed", tmp_path / "p")
    r = run_cli("check", root=root, env={"GITHUB_ACTIONS": "true"})
    assert r.code == 1
    assert "::error file=facts/claims/bridge-cost-25-million.yml,line=2,col=28::[number-unsupported] the statement says '52 million'" in r.out


def test_unused_entity_is_reported_but_does_not_fail(tmp_path: Path) -> None:
    root = overlay(FIXTURES / "invalid" / "digit-changed", tmp_path / "p")
    shutil.copy2(MINI / "facts/claims/bridge-cost-25-million.yml", root / "facts/claims/bridge-cost-25-million.yml")
    (root / "facts/entities/bridge-authority.yml").write_text("id: bridge-authority\nname: Bridge Authority\ntype: organisation\n", encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0, r.out + r.err
    assert "facts/entities/bridge-authority.yml:1:5: warning[unused-entity]" in r.out


def test_all_problems_are_collected_then_counted(tmp_path: Path) -> None:
    root = overlay(FIXTURES / "invalid" / "quote-typo", tmp_path / "p")
    for case in ("digit-changed", "speaker-not-named", "unknown-claim-on-page"):
        for f in (FIXTURES / "invalid" / case).rglob("*.*"):
            if f.name != "expected.txt" and "bridge-cost" not in f.name:
                target = root / f.relative_to(FIXTURES / "invalid" / case)
                shutil.copy2(f, target)
    r = run_cli("check", root=root)
    codes = [line.split("error[")[1].split("]")[0] for line in r.lines if "error[" in line]
    assert {"quote-not-found", "speaker-not-named", "unknown-claim"} <= set(codes)
    assert f"check FAILED: {len(codes)} errors" in r.err


def test_record_texts_in_their_claims_words_pass(tmp_path: Path) -> None:
    """The drifting fixtures rewritten in their claims' words pass: an open question's 'closed',
    a key judgment's 'closed' and 'heard', an entity's 'appointed' were the only drift (the
    site's names for its parts, 'question' and 'claims', need no evidence)."""
    root = overlay(FIXTURES / "invalid" / "question-names-what-its-claims-do-not", tmp_path / "q")
    q = root / "facts/questions/who-closed-the-old-bridge.yml"
    q.write_text(
        q.read_text(encoding="utf-8")
        .replace('"Who closed the old bridge, and when?"', '"Who said traffic is not permitted on the old bridge?"')
        .replace("The source does not say who closed it; the Ministry may have, in 2019.", "The question: the source says Ana Silva said it, as the minister."),
        encoding="utf-8",
    )
    j = root / "facts/judgments/old-bridge-closed.yml"
    j.write_text(j.read_text(encoding="utf-8").replace("the article names no other source", "the claims name no other source"), encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0, r.out + r.err
    root = overlay(FIXTURES / "invalid" / "judgment-says-more-than-its-claims", tmp_path / "j")
    j = root / "facts/judgments/old-bridge-closed.yml"
    text = j.read_text(encoding="utf-8")
    text = text.replace(" after 2020?", "?").replace("; the Ministry closed it.", ".").replace("The minister said so, and no other source is heard; the bridge cost 30 million euros.", "The minister said so.")
    j.write_text(text, encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0, r.out + r.err
