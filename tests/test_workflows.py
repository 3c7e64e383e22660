"""The GitHub workflows, PR templates and pre-commit hook: linted, least-privilege, pinned."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = GITHUB / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses: (\S+) # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # BaseLoader: all scalars stay text (`on` stays "on")
    assert isinstance(data, dict)
    return data


def workflow(name: str) -> dict[str, Any]:
    return load(WORKFLOWS / name)


def steps(wf: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for job in wf["jobs"].values() for s in job.get("steps", [])]


def uses(wf: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in steps(wf) if s.get("uses", "").split("@")[0] == action]


def runs(wf: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in steps(wf))


def all_workflows() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


# -- lint ----------------------------------------------------------------------------------------


def linter() -> str:
    """jactionlint from the venv (installed by `make setup` from requirements/dev.txt)."""
    for candidate in (Path(sys.executable).parent / "jactionlint", shutil.which("jactionlint")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    reason = "jactionlint is not installed: run `make setup` (requirements/dev.txt pins it)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must lint the workflows")
    pytest.skip(reason)


def test_workflows_lint_clean() -> None:
    """jactionlint's default profile: every actionlint check, plus its security rules."""
    shellcheck = shutil.which("shellcheck") or ""  # run: scripts are shellchecked where shellcheck exists
    cmd = [linter(), "--no-online", "--no-color", f"--shellcheck={shellcheck}", "--pyflakes=", "--config-file=/dev/null"]
    p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert p.returncode == 0 and not p.stdout.strip(), p.stdout + p.stderr


def test_the_linter_finds_problems() -> None:
    """The lint test can fail: a broken workflow is reported."""
    broken = "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.pull_request.title }}\n"
    p = subprocess.run(
        [linter(), "--no-online", "--no-color", "--shellcheck=", "--pyflakes=", "--config-file=/dev/null", "-"],
        input=broken, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert p.returncode == 1, p.stdout + p.stderr
    assert "unpinned-uses" in p.stdout or "pinned" in p.stdout
    assert "untrusted" in p.stdout or "injection" in p.stdout


# -- what the workflows must do, checked directly ------------------------------------------------


def test_no_workflow_runs_untrusted_code_with_write_access() -> None:
    for path in all_workflows():
        triggers = load(path)["on"]
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers, path.name


def test_every_action_is_pinned_by_full_commit_sha_with_its_version() -> None:
    for path in all_workflows():
        lines = path.read_text(encoding="utf-8").splitlines()
        used = [ln.strip().removeprefix("- ") for ln in lines if ln.strip().removeprefix("- ").startswith("uses:")]
        assert used, path.name
        for line in used:
            m = VERSION_COMMENT.match(line)
            assert m and PINNED.match(m.group(1)), f"{path.name}: {line!r} is not `owner/repo@<40-hex sha> # vX.Y.Z`"


def test_check_workflow_runs_on_pull_requests_read_only() -> None:
    wf = workflow("check.yml")
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    for job in wf["jobs"].values():
        assert "permissions" not in job, "no job widens the read-only token"
        assert job.get("timeout-minutes")
    assert "secrets." not in (WORKFLOWS / "check.yml").read_text(encoding="utf-8")
    (checkout,) = uses(wf, "actions/checkout")
    assert checkout["with"]["persist-credentials"] == "false"


def test_check_workflow_checks_builds_tests_and_uploads_a_preview() -> None:
    wf = workflow("check.yml")
    script = runs(wf)
    assert "make check" in script, "the check's ::error annotations come from this step"
    assert "make build" in script
    assert "make reextract" in script, "a stored text must be what its archived original gives"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^reextract:.*\n\t.*-m briefing reextract\b", makefile, re.M)
    assert "make test" in script or ".ci/run" in script
    (upload,) = uses(wf, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    (cache,) = uses(wf, "actions/cache")
    assert "pip" in cache["with"]["path"] and "requirements/" in cache["with"]["key"]
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci_run


def test_the_site_build_is_strict() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    build = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert build and "mkdocs build --strict" in build.group(1)


def test_deploy_workflow_publishes_main_to_pages_with_least_privilege() -> None:
    wf = workflow("deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in wf["on"]
    assert wf["permissions"] == {}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    script = runs(wf)
    assert script.index("make check") < script.index("make build"), "nothing unverified is published"
    (pages,) = uses(wf, "actions/upload-pages-artifact")
    assert pages["with"]["path"].rstrip("/") == "site"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    (setup,) = uses(wf, "actions/setup-python")
    assert setup["with"]["python-version"] == "3.11" and setup["with"]["cache"] == "pip"
    assert wf["concurrency"]["cancel-in-progress"] == "false", "a deployment in progress is never cut off"


def test_workflows_read_the_whole_history_for_the_corrections_pages() -> None:
    for name in ("check.yml", "deploy.yml"):
        (checkout,) = uses(workflow(name), "actions/checkout")
        assert checkout["with"]["fetch-depth"] == "0", name


# -- editor-facing files ------------------------------------------------------------------------------


def test_pull_request_templates() -> None:
    default = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    for name, needle in (("add-claim.md", "locate"), ("correct-claim.md", "Correction-Type: typo"), ("add-source.md", "python -m briefing add-source")):
        text = (GITHUB / "PULL_REQUEST_TEMPLATE" / name).read_text(encoding="utf-8")
        assert "python -m briefing check" in text, name
        assert needle in text, name
        assert f"template={name}" in default, f"the default template points to {name}"


def test_pre_commit_hook_runs_the_whole_check_when_facts_change() -> None:
    config = load(REPO / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["language"] == "system"
    assert hook["pass_filenames"] == "false", "the check is whole-project"
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("facts/claims/x.yml", "sources/x.txt", "docs/index.md"))
    assert not files.search("briefing/cli.py")
    target = hook["entry"].split()
    assert target == ["make", "check"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check:.*\n\t\$\(BIN\)/python -m briefing check$", makefile, re.M)


def test_github_yaml_files_carry_a_schema_comment() -> None:
    for path in [*all_workflows(), GITHUB / "dependabot.yml", REPO / ".pre-commit-config.yaml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=https://json.schemastore.org/"), path.name


def test_a_missing_linter_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/bin/python")
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must lint the workflows"):
        linter()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="make setup"):
        linter()


def test_the_check_and_the_build_compare_sources_with_the_pull_requests_base() -> None:
    """A stored source may not change in a pull request: CI must say what the base is, to the check
    and to the build (whose own check would otherwise compare with main, if it has one)."""
    wf = workflow("check.yml")
    by_run = {s.get("run", "").strip(): s for s in steps(wf)}
    for command in ("make check", "make build"):
        env = by_run[command].get("env", {})
        assert "github.base_ref" in env.get("BRIEFING_BASE", "") and "origin/" in env["BRIEFING_BASE"], command
    checkout = uses(wf, "actions/checkout")[0]
    assert checkout["with"]["fetch-depth"] == "0"  # the base branch and every commit since are there
