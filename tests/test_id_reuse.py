"""A withdrawn claim id is never reused: a claim file deleted in one commit may come back only
as that claim restored, with `Restores: <id>` in the commit that adds it again.

Each test makes a small git repository from the mini fixture, withdraws a claim, brings the id
back, and runs the real command line on it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from briefing import history

MINI = FIXTURES / "mini"
CID = "bridge-cost-in-euros"
CLAIM = (
    f"id: {CID}\nstatement: The bridge's cost was 25 million euros.\nkind: reported\ntopics: [bridge]\nentities: []\n"
    "citations:\n  - source: mini\n    quote: The bridge cost 25 million euros\n"
)
OTHER = CLAIM.replace("The bridge's cost was 25 million euros.", "The bridge cost 25 million euros, the article says.")


def git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z"})
    cmd = ["git", "-C", str(root), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture
def withdrawn(tmp_path: Path) -> Path:
    """A repository where CID was added, then withdrawn."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "facts/claims" / f"{CID}.yml").write_text(CLAIM, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The bridge briefing")
    (root / "facts/claims" / f"{CID}.yml").unlink()
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"Withdraw {CID}: it adds nothing to bridge-cost-25-million")
    return root


def _errors_and_warnings(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error[" in line or ": warning[" in line]


def test_a_withdrawn_id_added_back_in_a_commit_without_restores_fails(withdrawn: Path) -> None:
    (withdrawn / "facts/claims" / f"{CID}.yml").write_text(OTHER, encoding="utf-8")
    git(withdrawn, "add", "-A")
    git(withdrawn, "commit", "-q", "-m", "Add a claim on the cost")
    gone, back = git(withdrawn, "log", "--format=%H", "-n", "2").split()[::-1]
    r = run_cli("check", root=withdrawn)
    assert r.code == 1, r.out + r.err
    assert "Traceback" not in r.out + r.err
    assert _errors_and_warnings(r.out) == [
        f"facts/claims/{CID}.yml:1:5: error[id-reused]: id {CID!r} was withdrawn in commit {gone[:10]} "
        f"('It adds nothing to bridge-cost-25-million') and added again in commit {back[:10]}, whose message does not say "
        f"'Restores: {CID}': a withdrawn id is never reused. Give this claim a new id; if it is the withdrawn claim restored, "
        f"reword that commit to say 'Restores: {CID}'"
    ]


def test_a_withdrawn_id_restored_with_restores_in_its_commit_passes(withdrawn: Path) -> None:
    (withdrawn / "facts/claims" / f"{CID}.yml").write_text(CLAIM, encoding="utf-8")
    git(withdrawn, "add", "-A")
    git(withdrawn, "commit", "-q", "-m", f"Restore {CID}\n\nThe withdrawal was a mistake.\n\nRestores: {CID}")
    r = run_cli("check", root=withdrawn)
    assert r.code == 0, r.out + r.err
    assert _errors_and_warnings(r.out) == []


def test_a_withdrawn_id_back_in_the_working_tree_is_a_warning_until_committed(withdrawn: Path) -> None:
    (withdrawn / "facts/claims" / f"{CID}.yml").write_text(OTHER, encoding="utf-8")
    gone = git(withdrawn, "log", "--format=%H", "-n", "1").strip()
    r = run_cli("check", root=withdrawn)
    assert r.code == 0, r.out + r.err  # the commit that adds it may still say Restores
    assert _errors_and_warnings(r.out) == [
        f"facts/claims/{CID}.yml:1:5: warning[id-reused]: id {CID!r} was withdrawn in commit {gone[:10]} "
        f"('It adds nothing to bridge-cost-25-million'): a withdrawn id is never reused. Give this claim a new id; if it is the "
        f"withdrawn claim restored, commit it with a line 'Restores: {CID}' in the message"
    ]


def test_a_reuse_undone_by_a_second_withdrawal_is_not_reported(withdrawn: Path) -> None:
    (withdrawn / "facts/claims" / f"{CID}.yml").write_text(OTHER, encoding="utf-8")
    git(withdrawn, "add", "-A")
    git(withdrawn, "commit", "-q", "-m", "Add a claim on the cost")
    (withdrawn / "facts/claims" / f"{CID}.yml").unlink()
    git(withdrawn, "add", "-A")
    git(withdrawn, "commit", "-q", "-m", f"Withdraw {CID} again: the id was taken")
    r = run_cli("check", root=withdrawn)
    assert r.code == 0, r.out + r.err
    assert _errors_and_warnings(r.out) == []


def test_without_git_history_the_check_says_nothing_about_ids(withdrawn: Path, tmp_path: Path) -> None:
    tarball = tmp_path / "tarball"
    shutil.copytree(withdrawn, tarball, ignore=shutil.ignore_patterns(".git"))
    (tarball / "facts/claims" / f"{CID}.yml").write_text(OTHER, encoding="utf-8")
    assert history.claim_file_events(tarball) is None
    r = run_cli("check", root=tarball)
    assert r.code == 0, r.out + r.err
    assert _errors_and_warnings(r.out) == []
    assert "Traceback" not in r.out + r.err


def test_the_git_query_lists_additions_and_deletions_oldest_first(withdrawn: Path) -> None:
    events = history.claim_file_events(withdrawn)
    assert events is not None
    assert [changes for _, _, changes in events] == [
        (("A", "bridge-cost-25-million"), ("A", CID), ("A", "ministry-says-bridge-opens-2021"), ("A", "officials-say-open-after-tests"),
         ("A", "silva-says-old-bridge-closed")),
        (("D", CID),),
    ]  # fmt: skip
    assert events[1][1].startswith(f"Withdraw {CID}:")


def test_a_page_citing_a_withdrawn_claim_is_told_when_and_why_it_was_withdrawn(withdrawn: Path) -> None:
    page = withdrawn / "docs/topics/bridge.md"
    page.write_text(page.read_text(encoding="utf-8") + f'\nThe bridge had a price {{{{ cite("{CID}") }}}}.\n', encoding="utf-8")
    r = run_cli("check", root=withdrawn)
    assert r.code == 1, r.out + r.err
    gone = git(withdrawn, "log", "--format=%H", "-n", "1").strip()
    line = next(ln for ln in r.out.splitlines() if "error[unknown-claim]" in ln)
    assert line.startswith("docs/topics/bridge.md:")
    assert f"claim '{CID}' was withdrawn in {gone[:10]} (2024-01-01): It adds nothing to bridge-cost-25-million" in line, line
    assert "did you mean" not in line
    # Without the history, the same page gets the plain answer.
    shutil.rmtree(withdrawn / ".git")
    r = run_cli("check", root=withdrawn)
    assert f"unknown claim '{CID}'" in r.out, r.out
