"""Helpers shared by the hostile-input tests (this module holds no tests of its own).

Every hostile case runs the real command line on a throwaway copy of the real project with
one fixture from tests/fixtures/hostile/ dropped in, and asserts the whole outcome: the exit
code, every error diagnostic (path, line, column, code), no traceback, and that nothing else
was lost (every real claim still loaded).

The real project's figures (how many claims, how many sentences each source has) are counted
from its files when this module is imported, never written down: a newcomer's added claim must
not break a test that has nothing to do with it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES, REPO, Result, run_cli

from briefing import verify

HOSTILE = FIXTURES / "hostile"


def claim_count(root: Path = REPO) -> int:
    """Claim files in `root`'s facts/claims/: every one of them must load, so this is how many
    claims a clean check reports. Counted from the folder, not from the loader under test."""
    return sum(1 for p in (root / "facts" / "claims").glob("*.yml") if p.is_file())


def sentence_totals(root: Path = REPO) -> dict[str, int]:
    """Each source's number of sentences that must be cited (those not set aside as not_claims),
    as the check counts them: a page showing full coverage shows `n of n` with these numbers."""
    return {sid: total for sid, (_, total) in verify.check(root, use_cache=False).report.coverage.items()}


# Claims in the real project: a hostile file must not make any of them vanish.
REAL_CLAIMS = claim_count()
SOURCE_ID = "scmp-russia-rocket-engines-2019"
SOURCE_YML = f"sources/{SOURCE_ID}.yml"
SOURCE_TXT = f"sources/{SOURCE_ID}.txt"

_DIAG = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.*)$")
_SUMMARY = re.compile(r"^check (?P<status>OK|FAILED): .*?; (?P<claims>\d+) claims, (?P<sources>\d+) source\(s\)", re.M)


@dataclass(frozen=True)
class Diag:
    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str

    @property
    def where(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


def diagnostics(r: Result) -> list[Diag]:
    out = []
    for text in r.out.splitlines():
        if m := _DIAG.match(text):
            out.append(Diag(m["path"], int(m["line"]), int(m["col"]), m["sev"], m["code"], m["msg"]))
    return out


def errors(r: Result) -> list[Diag]:
    return [d for d in diagnostics(r) if d.severity == "error"]


def summary(r: Result) -> re.Match[str]:
    m = _SUMMARY.search(r.out + r.err)
    assert m, f"no summary line in:\n{r.out}\n{r.err}"
    return m


def no_traceback(r: Result) -> None:
    assert "Traceback" not in r.out and "Traceback" not in r.err, r.out + r.err
    assert "internal error" not in r.err, r.err


def add(project: Path, fixture: str, dest_folder: str, name: str | None = None) -> str:
    """Copy a fixture (file or folder) into the project; returns its path relative to the root."""
    src = HOSTILE / fixture
    rel = f"{dest_folder}/{name or src.name}"
    target = project / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, target)
    else:
        shutil.copyfile(src, target)
    return rel


def check(project: Path, env: dict[str, str] | None = None) -> Result:
    r = run_cli("check", root=project, env=env)
    no_traceback(r)
    return r


def assert_fails_exactly(r: Result, expected: set[tuple[str, int, int, str]], claims: int = REAL_CLAIMS) -> list[Diag]:
    """Exit 1, exactly these errors (path, line, col, code), no traceback, and every other claim still loaded."""
    no_traceback(r)
    got = errors(r)
    assert {d.where for d in got} == expected, "\n".join(d.where.__repr__() + " " + d.message for d in got)
    assert len(got) == len(expected), "a diagnostic is repeated:\n" + r.out
    assert r.code == 1, r.out + r.err
    s = summary(r)
    assert s["status"] == "FAILED"
    assert int(s["claims"]) == claims, s.group(0)
    return got


def assert_passes(r: Result, claims: int = REAL_CLAIMS) -> None:
    no_traceback(r)
    assert r.code == 0, r.out + r.err
    assert errors(r) == []
    s = summary(r)
    assert s["status"] == "OK" and int(s["claims"]) == claims, s.group(0)
