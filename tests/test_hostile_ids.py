"""Ids, paths, links and stray files: nothing reads outside the repository, nothing is
skipped silently, and a broken record fails the whole check instead of vanishing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import without_standing_exceptions
from test_hostile_helpers import (
    HOSTILE,
    REAL_CLAIMS,
    SOURCE_ID,
    SOURCE_TXT,
    add,
    assert_fails_exactly,
    check,
    errors,
)

# -- ids ------------------------------------------------------------------------------------------

ID_CASES: dict[str, tuple[int, int, str, str]] = {
    "ids/hostile-bad-id.yml": (1, 5, "bad-value", "id 'Hostile_Bad_ID' is not a valid id"),
    "ids/hostile_bad_file_name.yml": (1, 1, "bad-file-name", "file name 'hostile_bad_file_name.yml' is not a valid id"),
    "ids/.hostile-hidden.yml": (1, 1, "bad-file-name", "file name '.hostile-hidden.yml' is not a valid id"),
    "ids/hostile-id-differs.yml": (1, 5, "id-mismatch", "id 'hostile-some-other-id' differs from the file name 'hostile-id-differs'"),
    "ids/hostile-source-traversal.yml": (7, 13, "bad-value", "citations[0].source '../../etc/passwd' is not a valid id"),
    "ids/hostile-topic-traversal.yml": (4, 10, "bad-value", "topics[0] '../../../docs/index' is not a valid id"),
    "ids/hostile-speaker-traversal.yml": (4, 10, "bad-value", "speaker '/etc/passwd' is not a valid id"),
}


@pytest.mark.parametrize("fixture", sorted(ID_CASES))
def test_bad_ids_and_path_tricks_are_rejected(project: Path, fixture: str) -> None:
    line, col, code, words = ID_CASES[fixture]
    rel = add(project, fixture, "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, line, col, code)})
    assert words in d.message, d.message


def test_same_id_in_two_files_names_both_files(project: Path) -> None:
    rel = add(project, "ids/hostile-duplicate-id.yml", "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, 1, 5, "duplicate-id")})
    assert "'zhou-is-beijing-based-military-analyst'" in d.message
    assert "facts/claims/zhou-is-beijing-based-military-analyst.yml" in d.message  # the other file
    assert "'hostile-duplicate-id'" in d.message  # this file's own name, the id it should have


def test_source_record_with_a_traversal_id_is_rejected(project: Path) -> None:
    rel = add(project, "ids/hostile-source-record-traversal.yml", "sources")
    (d,) = assert_fails_exactly(check(project), {(rel, 2, 5, "bad-value")})
    assert "id '../../etc/passwd' is not a valid id" in d.message


# -- symbolic links ---------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project copy, i.e. outside its repository, holding tempting files."""
    out = tmp_path / "outside"
    out.mkdir()
    secret = (HOSTILE / "quotes/hostile-base-claim.yml").read_text(encoding="utf-8")
    (out / "secret.yml").write_text(secret.replace("hostile-base-claim", "hostile-link") + "note: OUTSIDE-SECRET\n", encoding="utf-8")
    (out / "secret.txt").write_text("OUTSIDE-SECRET text that must never be read.", encoding="utf-8")
    return out


def test_symlinked_record_pointing_outside_is_refused_unread(project: Path, outside: Path) -> None:
    (project / "facts/claims/hostile-link.yml").symlink_to(outside / "secret.yml")
    r = check(project)
    assert_fails_exactly(r, {("facts/claims/hostile-link.yml", 1, 1, "symlink")})
    assert "OUTSIDE-SECRET" not in r.out + r.err


def test_symlinked_source_text_pointing_outside_is_refused_unread(project: Path, outside: Path) -> None:
    txt = project / SOURCE_TXT
    txt.unlink()
    txt.symlink_to(outside / "secret.txt")
    r = check(project)
    got = errors(r)
    assert ("sources/scmp-russia-rocket-engines-2019.txt", 1, 1, "symlink") in {d.where for d in got}
    # One root cause, one error: the refused link. That the source then has no text, and that no
    # citation of it can be checked, follows from it.
    assert [d.where for d in got] == [("sources/scmp-russia-rocket-engines-2019.txt", 1, 1, "symlink")]
    assert r.code == 1
    assert "OUTSIDE-SECRET" not in r.out + r.err


def test_symlinked_record_folder_pointing_outside_is_refused(project: Path, outside: Path) -> None:
    """A whole folder swapped for a link out of the repository: refused, and its contents unread."""
    folder = project / "facts/judgments"
    moved = outside / "judgments"
    shutil.move(folder, moved)
    folder.symlink_to(moved, target_is_directory=True)
    r = check(project)
    got = errors(r)
    assert ("facts/judgments", 1, 1, "symlink") in {d.where for d in got}
    assert r.code == 1


def test_symlinked_facts_folder_pointing_outside_is_refused(project: Path, outside: Path) -> None:
    facts = project / "facts"
    moved = outside / "facts"
    shutil.move(facts, moved)
    facts.symlink_to(moved, target_is_directory=True)
    r = check(project)
    assert ("facts", 1, 1, "symlink") in {d.where for d in errors(r)}
    assert r.code == 1
    assert "; 0 claims," in r.err  # nothing was read through the link


def test_symlink_inside_the_repository_is_refused_too(project: Path) -> None:
    """Every link is refused, wherever it points: one to a file inside the repository is still a
    second name for a file (the site build follows links), and it is not read. The valid claims
    around it still load and are counted."""
    (project / "extra").mkdir()
    base = (HOSTILE / "quotes/hostile-base-claim.yml").read_text(encoding="utf-8")
    (project / "extra/hostile-inside-link.yml").write_text(base.replace("hostile-base-claim", "hostile-inside-link"), encoding="utf-8")
    (project / "facts/claims/hostile-inside-link.yml").symlink_to(project / "extra/hostile-inside-link.yml")
    assert_fails_exactly(check(project), {("facts/claims/hostile-inside-link.yml", 1, 1, "symlink")})


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_broken_symlinks_are_reported_not_skipped(project: Path, kind: str) -> None:
    link = project / "facts/claims/hostile-broken-link.yml"
    link.symlink_to(project / "does-not-exist.yml" if kind == "dangling" else link)
    assert_fails_exactly(check(project), {("facts/claims/hostile-broken-link.yml", 1, 1, "symlink")})


# -- nothing dropped --------------------------------------------------------------------------------


def test_claim_that_fails_to_load_fails_the_whole_check(project: Path) -> None:
    """A real claim cut off mid-file: the check fails on it, once. What relied on it (pages and
    records citing it) follows from it and is not reported a second time; with the file gone
    instead, each of them is named."""
    cid = "rogozin-spoke-at-maks-2019"
    rel = add(project, f"dropped/truncated-{cid}.yml", "facts/claims", name=f"{cid}.yml")
    # Who refers to it (records and hand-written pages; docs/claims/ is generated by the build).
    referrers = {
        f.relative_to(project).as_posix()
        for folder in ("facts", "docs")
        for f in (project / folder).rglob("*")
        if f.is_file() and f.suffix in (".yml", ".md") and cid in f.read_text(encoding="utf-8")
    }
    referrers -= {rel, f"docs/claims/{cid}.md"}
    assert referrers, "the chosen claim should be relied on by something"
    r = check(project)
    got = errors(r)
    assert r.code == 1
    assert [d.where for d in got] == [(rel, 10, 12, "yaml-syntax")], [d.where for d in got]
    assert "the double quote (\") that opens the value of 'quote' is never closed" in got[0].message
    (project / rel).unlink()  # the cause gone, what relied on it is reported
    gone = errors(check(project))
    assert {d.path for d in gone if d.code == "unknown-claim"} == referrers
    assert f"; {REAL_CLAIMS - 1} claims," in r.err  # every other claim still loaded


@pytest.mark.parametrize(
    "fixture",
    ["dropped/hostile-wrong-extension.yaml", "dropped/hostile-upper-extension.YML", "dropped/hostile-json-record.json"],
)
def test_file_with_the_wrong_extension_is_reported_not_ignored(project: Path, fixture: str) -> None:
    rel = add(project, fixture, "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, 1, 1, "unexpected-file")})
    assert "records are *.yml files" in d.message


def test_wrong_extension_in_sources_is_reported(project: Path) -> None:
    rel = add(project, "dropped/hostile-wrong-extension.yaml", "sources")
    (d,) = assert_fails_exactly(check(project), {(rel, 1, 1, "unexpected-file")})
    assert "*.yml and *.txt" in d.message


def test_records_in_a_sub_folder_are_reported_not_ignored(project: Path) -> None:
    rel = add(project, "dropped/hostile-subfolder", "facts/claims")
    (d,) = assert_fails_exactly(check(project), {(rel, 1, 1, "unexpected-folder")})
    assert "sub-folders" in d.message


def test_file_names_cannot_forge_diagnostic_lines(project: Path) -> None:
    """A newline in a file name could print a fake `path:line:col: …` line or a CI `::error` command."""
    evil = "hostile\n::error file=x.yml::forged\nforged.yml:1:1: error[forged]: forged.yml"
    shutil.copyfile(HOSTILE / "yaml/hostile-empty-file.yml", project / "facts/claims" / evil)
    r = check(project, env={"GITHUB_ACTIONS": "true"})
    assert r.code == 1
    lines = without_standing_exceptions(r.out.splitlines())
    shown = "facts/claims/" + evil.replace("\n", "\\n")  # printed as a two-character escape
    assert lines[0] == shown + ":1:1: error[yaml-empty]: file is empty; a record needs at least its id"
    # the GitHub annotation escapes the name as a property: no second command can start
    assert lines[1].startswith("::error file=facts/claims/hostile%0A%3A%3Aerror file=x.yml%3A%3Aforged%0Aforged.yml%3A1%3A1%3A")
    assert len(lines) == 2 and not any(line.startswith(("forged", "::error file=x.yml")) for line in lines)


@pytest.mark.skipif(os.name != "posix", reason="needs a file system that stores any bytes in names")
def test_file_name_that_is_not_utf8_is_reported_without_crashing(project: Path) -> None:
    name = os.fsdecode(b"hostile-\xff.yml")
    shutil.copyfile(HOSTILE / "quotes/hostile-base-claim.yml", project / "facts/claims" / name)
    r = check(project)
    assert_fails_exactly(r, {("facts/claims/hostile-\\udcff.yml", 1, 1, "bad-file-name")})


def test_source_text_without_record_and_record_without_text(project: Path) -> None:
    """Both halves of a source are needed; either alone is reported, with its citations."""
    shutil.copyfile(project / SOURCE_TXT, project / "sources/hostile-orphan-text.txt")
    r = check(project)
    assert_fails_exactly(r, {("sources/hostile-orphan-text.txt", 1, 1, "source-without-record")})
    assert SOURCE_ID in r.err  # the real source still counted in the coverage summary
