"""Shared test helpers: run the real CLI, copy the real project, build the real site."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# In-process checks run without caches (and keep their signing key out of the user's home), so
# no test writes into the fixtures; the tests of the caches turn them on where they need them.
os.environ["BRIEFING_NO_CACHE"] = "1"
# The base the stored sources are compared with is each test's own choice (CI sets it only for
# its check and build steps): a value from the caller's shell must not change what tests see.
os.environ.pop("BRIEFING_BASE", None)
if "XDG_CACHE_HOME" not in os.environ:
    # One directory for the run, made by the first process (xdist's workers inherit it) and
    # removed when that process ends: a run leaves nothing behind in the temporary directory.
    _CACHE_HOME = tempfile.mkdtemp(prefix="briefing-test-cache-")
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
    atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("facts", "sources", "docs", "mkdocs.yml", "macros.py", "overrides")


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_cli(*args: str, root: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Result:
    """Run `python -m briefing` as a user would, in a subprocess."""
    cmd = [sys.executable, "-m", "briefing", *args]
    if root is not None:
        cmd += ["--root", str(root)]
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_NO_CACHE": "1", **(env or {})}
    if "GITHUB_ACTIONS" not in (env or {}):
        full_env.pop("GITHUB_ACTIONS", None)  # annotations only when a test asks for them
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=full_env, timeout=timeout, check=False)
    return Result(p.returncode, p.stdout, p.stderr)


GENERATED_DIRS = ("entities", "claims", "source")


def _not_generated(folder: str, names: list[str]) -> set[str]:
    """copytree's ignore: the pages a build writes (docs/<generated>/*.md but index.md), which the
    copy's own build writes again. Never copied, so a build writing them meanwhile cannot race the copy."""
    here = Path(folder)
    if here.parent.name == "docs" and here.name in GENERATED_DIRS:
        return {n for n in names if n.endswith(".md") and n != "index.md"}
    return set()


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the real project (records, sources, pages, site config)."""
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=lambda d, n: shutil.ignore_patterns("__pycache__")(d, n) | _not_generated(d, n))
        elif src.exists():
            shutil.copy2(src, dest / part)
    # Generated pages are rebuilt by the copy's own build; start clean.
    for gen in GENERATED_DIRS:
        for f in (dest / "docs" / gen).glob("*.md"):
            if f.name != "index.md":
                f.unlink()
    return dest


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def checkout_copy(dest: Path) -> Path:
    """The checkout as it stands, in a folder of its own: a git clone of its HEAD (the same commit
    and claim history the site shows) with the project's files copied over it from the working
    tree (uncommitted edits included). Outside a git checkout, a plain copy, as the checkout is.
    Building this instead of the checkout writes nothing into the checkout, so tests can run in
    parallel beside it."""
    head = _git("rev-parse", "--verify", "--quiet", "HEAD", cwd=REPO).stdout.strip()
    if not head or _git("rev-parse", "--show-toplevel", cwd=REPO).stdout.strip() != str(REPO):
        return copy_project(dest)
    clone = _git("clone", "--quiet", "--shared", "--no-checkout", str(REPO), str(dest), cwd=REPO)
    assert clone.returncode == 0, clone.stderr
    co = _git("-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", head, cwd=dest)
    assert co.returncode == 0, co.stderr
    for part in PROJECT_PARTS:
        path = dest / part
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    return copy_project(dest)


def build_site(root: Path, site_dir: Path | None = None, timeout: float = 600) -> Result:
    """A real `mkdocs build --strict` of the project at `root`."""
    site_dir = site_dir or root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), "-f", str(root / "mkdocs.yml")]
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_NO_CACHE": "1", "NO_MKDOCS_2_WARNING": "1"}
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=root, env=env, timeout=timeout, check=False)
    return Result(p.returncode, p.stdout, p.stderr)


def _standing_exceptions() -> frozenset[str]:
    """The real project's claim files that carry an exception (`negation_differs` …): each is an
    inference's declared exception, printed as `warning[override]` on every run."""
    from briefing.rules.support import OVERRIDES

    return frozenset(
        f"facts/claims/{p.name}"
        for p in (REPO / "facts" / "claims").glob("*.yml")
        if any(line.split(":", 1)[0] in OVERRIDES for line in p.read_text(encoding="utf-8").splitlines())
    )


STANDING_EXCEPTIONS = _standing_exceptions()


def without_standing_exceptions(lines: list[str]) -> list[str]:
    """The lines of a run on a copy of the real project, less the `warning[override]` its own
    exceptions print on every run (and their GitHub annotations): what a test that compares the
    whole output for what one edit causes compares. An exception anywhere else stays."""

    def standing(line: str) -> bool:
        if line.startswith("::warning file="):
            path, _, rest = line[len("::warning file=") :].partition(",")
            return path in STANDING_EXCEPTIONS and "::[override]" in rest
        path, _, rest = line.partition(":")
        return path in STANDING_EXCEPTIONS and ": warning[override]: " in rest

    return [line for line in lines if not standing(line)]


def http_get(url: str, timeout: float = 120) -> tuple[int, str]:
    """GET a URL; (status, body) for error statuses too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


@contextlib.contextmanager
def preview_server(root: Path, log: Path) -> Iterator[str]:
    """`make serve` on a project: `python -m preview` on a free port, as a child process, stopped
    after the block. Yields the site's address once the first build has been answered."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_NO_CACHE": "1", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "preview", "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    base = f"http://127.0.0.1:{port}/russia-china-rocket-engines/"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while True:
                assert proc.poll() is None, f"the preview exited ({proc.returncode}):\n{log.read_text()[-3000:]}"
                try:
                    http_get(base, timeout=300)
                    break
                except (urllib.error.URLError, ConnectionError):
                    assert time.monotonic() < deadline, "the preview never answered"
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    import fcntl

    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@dataclass(frozen=True)
class RealBuild:
    project: Path  # the copy of the checkout that was built (its generated pages written)
    site: Path


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> RealBuild:
    """One real `mkdocs build --strict` of the real project, shared by the tests that read it: of
    a copy of the checkout (`checkout_copy`), so nothing is written into the checkout. Under
    pytest-xdist the workers of one run share it: the first to need it builds, the others wait
    for that build and read the same files."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's own folder, one per run, holding each worker's basetemp
    out = base / "real-build"
    with _locked(base / "real-build.lock"):
        if not (out / "result.json").is_file():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            project = checkout_copy(out / "project")
            r = build_site(project, out / "site")
            (out / "result.json").write_text(json.dumps({"code": r.code, "err": r.err}), encoding="utf-8")
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result["code"] == 0, result["err"]
    assert "WARNING" not in result["err"], result["err"]  # --strict would fail anyway; say which warning
    return RealBuild(out / "project", out / "site")


@pytest.fixture(scope="session")
def real_site(real_build: RealBuild) -> Path:
    """The real site, built once (`real_build`)."""
    return real_build.site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


# Under pytest-xdist the browser tests' plugin (browser_support) runs in the workers only: the
# main process gathers the files they saved and lists them at the end, as a serial run does.
_worker_output: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    _worker_output.extend(getattr(node, "workeroutput", {}).get("browser_output", []))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    saved = [p for p in dict.fromkeys(_worker_output) if Path(p).exists()]
    if saved:
        terminalreporter.write_sep("-", f"browser test output: {Path(saved[0]).parent}")
        for path in saved:
            terminalreporter.write_line(path)
