"""Stored sources are append-only, compared with the base in real git repositories.

Each test imports a copy of the real project as `main`, makes a pull-request branch, and runs
the real command line: a rewritten source (with its sha256 and its quotes updated to match, so
every other check passes) fails at the first byte that differs; so does one rewritten in a
commit and restored in the next; a new source passes, and so do edits to a source's record.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import copy_project, run_cli

SOURCE = "scmp-russia-rocket-engines-2019"
TXT = f"sources/{SOURCE}.txt"
YML = f"sources/{SOURCE}.yml"
TOXIC_PAGE = "docs/topics/russian-heritage.md"
TOXIC_CLAIMS = (
    "facts/claims/angara-cleaner-than-protons-with-their-toxic-fuels.yml",
    "facts/claims/protons-expected-to-be-replaced-by-angara.yml",
    "facts/claims/protons-use-very-toxic-fuels.yml",
)
DIAGNOSTIC = re.compile(r"^(\S+):(\d+):(\d+): (error|warning)\[([a-z0-9-]+)\]")


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True).stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project")
    (root / ".gitignore").write_text("/site/\n/.cache/\n/docs/claims/*.md\n!/docs/claims/index.md\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import the briefing")
    git(root, "switch", "-q", "-c", "pull-request")
    return root


def errors(root: Path, *args: str) -> list[tuple[str, int, int, str]]:
    r = run_cli("check", *args, root=root)
    assert "Traceback" not in r.out + r.err
    return [(m[1], int(m[2]), int(m[3]), m[5]) for line in r.out.splitlines() if (m := DIAGNOSTIC.match(line)) and m[4] == "error"]


def rewrite_toxic_as_clean(root: Path) -> None:
    """The attack: the source says "very clean fuels" now, its sha256 and the quotes agreeing."""
    for rel in (TXT, *TOXIC_CLAIMS):
        p = root / rel
        p.write_bytes(p.read_bytes().replace(b"very toxic", b"very clean"))
    digest = hashlib.sha256((root / TXT).read_bytes()).hexdigest()
    y = root / YML
    y.write_text(re.sub(r"(?m)^sha256: .*$", f"sha256: {digest}", y.read_text(encoding="utf-8")), encoding="utf-8")


def where_toxic(root: Path) -> tuple[int, int]:
    text = (root / TXT).read_text(encoding="utf-8")
    at = text.index("clean fuels")
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_a_source_rewritten_with_its_hash_and_quotes_fails_at_the_first_changed_byte(repo: Path) -> None:
    rewrite_toxic_as_clean(repo)
    line, col = where_toxic(repo)
    assert errors(repo) == [(TXT, line, col, "source-changed")]  # nothing else: the rewrite is consistent
    commit(repo, "Clean fuels")
    assert errors(repo, "--base", "main") == [(TXT, line, col, "source-changed")]
    r = run_cli("check", root=repo)
    assert "add the corrected text as a new source with a new id" in r.out


def test_without_a_base_the_rewrite_would_pass(repo: Path) -> None:
    """What the rule adds: on main itself (nothing to compare with) the same rewrite passes every
    other check. So the comparison with the base is what stops it."""
    rewrite_toxic_as_clean(repo)
    commit(repo, "Clean fuels")
    git(repo, "branch", "-f", "main", "HEAD")
    # The page sentence that still says "very toxic" now says more than the claims it cites.
    assert errors(repo) == [(TOXIC_PAGE, 9, 1, "content-word-unsupported")]
    page = repo / TOXIC_PAGE
    page.write_bytes(page.read_bytes().replace(b"very toxic", b"very clean"))
    commit(repo, "Clean fuels on the page too")
    git(repo, "branch", "-f", "main", "HEAD")
    assert errors(repo) == []


def test_a_source_rewritten_and_restored_in_later_commits_fails(repo: Path) -> None:
    rewrite_toxic_as_clean(repo)
    rewritten = commit(repo, "Clean fuels")
    git(repo, "checkout", "-q", "main", "--", TXT, YML, *TOXIC_CLAIMS)
    commit(repo, "Toxic again")
    got = errors(repo)
    assert got == [(TXT, 1, 1, "source-changed")]
    assert f"commit {rewritten[:10]} changed {TXT}" in run_cli("check", root=repo).out


def test_a_deleted_source_fails(repo: Path) -> None:
    (repo / TXT).unlink()
    assert (TXT, 1, 1, "source-changed") in errors(repo)


def test_a_new_source_and_edits_to_a_record_pass(repo: Path) -> None:
    text = b"Rogozin spoke in Moscow."
    (repo / "sources" / "second-source.txt").write_bytes(text)
    (repo / "sources" / "second-source.yml").write_text(
        # Its own metadata: a record's title and notes name nothing and give no number its text lacks.
        "id: second-source\ntitle: Rogozin spoke in Moscow\npublisher: Test fixture\nurl: https://example.org/second-source\n"
        'language: en\npublished: {value: "2019-08", precision: month}\nretrieved: {value: "2026-11-25", precision: day}\n'
        f"sha256: {hashlib.sha256(text).hexdigest()}\n"
        'not_claims:\n  - quote: "Rogozin spoke in Moscow."\n    reason: A test source.\n',
        encoding="utf-8",
    )
    y = repo / YML
    y.write_text(y.read_text(encoding="utf-8").replace("\ntitle: Russia offers", "\ntitle: Russia, it says, offers", 1), encoding="utf-8")
    assert errors(repo) == []
    commit(repo, "Add a second source")
    (repo / "sources" / "second-source.txt").write_bytes(b"Rogozin spoke in Zhukovsky.")
    assert "source-changed" not in [e[3] for e in errors(repo)]  # not in the base: only its own checks apply


def test_an_unknown_base_is_an_error_not_a_skip(repo: Path) -> None:
    assert errors(repo, "--base", "no-such-branch") == [("sources", 1, 1, "base-unknown")]
    r = run_cli("check", root=repo, env={"BRIEFING_BASE": "no-such-branch"})
    assert r.code == 1 and "base-unknown" in r.out
