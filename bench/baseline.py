"""The check as it was before the meaning checks (issue 13), measured beside today's.

Issue 13 asks that the cold check at 10k claims stay within 1.3× of what it was before the
meaning checks landed. To make that a same-run ratio, the benchmark takes the tree of that
commit out of git history into `bench/out/` (git-ignored) and runs its `python -m briefing check`
on the same generated briefing, with the same interpreter and venv, in the same child-process
machinery as today's cold check. When the history lacks the commit (a shallow clone, a tarball,
no git), nothing is measured and the report says why.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

# `main` just before the meaning checks of issue 13 landed; it passes the current generator's
# briefings with no errors (the generator's statements are in their quotes' words).
COMMIT = "896a419"
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Baseline:
    commit: str
    tree: Path | None  # the extracted source tree, or None when not measured
    skipped: str = ""  # why not, for the report

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"commit": self.commit}
        if self.skipped:
            out["skipped"] = self.skipped
        return out


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, check=False)


def prepare(out: Path, commit: str | None = None) -> Baseline:
    """Extract `commit`'s tree (default COMMIT) to out/baseline-COMMIT, fresh each run (it is
    small, and a stale copy would measure the wrong code); or say why it cannot be."""
    commit = commit or COMMIT
    try:
        found = _git("cat-file", "-e", f"{commit}^{{commit}}")
    except OSError:
        return Baseline(commit, None, f"not measured: git is not installed, so the history cannot give {commit}")
    if found.returncode != 0:
        return Baseline(commit, None, f"not measured: the history lacks {commit}")
    tree = out / f"baseline-{commit}"
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = _git("archive", "--format=tar", commit)
    if archive.returncode != 0:
        return Baseline(commit, None, f"not measured: git archive {commit} failed")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:  # Python's own reader: no tar program needed
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tree, filter="data")
        else:  # Python before 3.11.4: the archive is the project's own history
            tar.extractall(tree)
    return Baseline(commit, tree)


def env(tree: Path, base: dict[str, str]) -> dict[str, str]:
    """The child environment of today's check with the baseline tree on the path instead."""
    e = dict(base)
    e["PYTHONPATH"] = str(tree.resolve())
    return e


def imported_from(tree: Path, env: dict[str, str]) -> Path:
    """Where a child run as the baseline's check is run (cwd = the tree: `python -m` puts the
    working directory first on sys.path) imports `briefing` from."""
    p = subprocess.run(
        [sys.executable, "-c", "import briefing, sys; sys.stdout.write(briefing.__file__)"],
        cwd=tree, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return Path(p.stdout).resolve()
