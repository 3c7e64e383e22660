"""The editor's path, end to end: edit facts in a copy of the project, check as CI does, fix, build.

Also keeps CONTRIBUTING.md honest: its walkthrough commands run, its claim template passes the
check, and it explains every diagnostic code the check can report.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, build_site, run_cli
from test_hostile_helpers import REAL_CLAIMS, claim_count, sentence_totals

CONTRIBUTING = REPO / "CONTRIBUTING.md"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::\[([a-z0-9-]+)\] (.*)$")
SCHEMA_LINE = "# yaml-language-server: $schema=../../briefing/schemas/claim.schema.json"

WRONG_QUOTE = f"""\
{SCHEMA_LINE}
id: editor-wrong-quote
statement: Russia wants to use its rocket technology to launch Chinese satellites.
kind: reported
topics: [offer]
entities: [russia, china]
citations:
  - source: scmp-russia-rocket-engines-2019
    quote: "Russia was also keen to use its rocket technologies to launch Chinese satellites"
"""

CHANGED_DIGIT = f"""\
{SCHEMA_LINE}
id: editor-changed-digit
statement: "The Long March 5 series can send up to 26 tonnes to lower-Earth orbit."
kind: reported
topics: [heavy-lift-gap]
entities: [long-march-5]
citations:
  - source: scmp-russia-rocket-engines-2019
    quote: "the Long March 5 series, is designed to send up to 25 tonnes to lower-Earth orbit"
"""

GOOD = f"""\
{SCHEMA_LINE}
id: editor-good-claim
statement: The article calls the Long March 3 a workhorse.
kind: reported
topics: [heavy-lift-gap]
entities: [long-march-3]
citations:
  - source: scmp-russia-rocket-engines-2019
    quote: "its workhorse, the Long March 3"
"""


def write_claim(root: Path, text: str) -> str:
    cid = re.search(r"^id: (\S+)$", text, re.M).group(1)  # type: ignore[union-attr]
    path = root / "facts" / "claims" / f"{cid}.yml"
    path.write_text(text, encoding="utf-8")
    return f"facts/claims/{cid}.yml"


def value_position(text: str, key: str) -> tuple[int, int]:
    """1-based line and column of the value of the first `key:` in a record's text."""
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(rf"^(\s*-?\s*){re.escape(key)}: ", line)
        if m:
            return n, m.end() + 1
    raise AssertionError(f"no {key}: in the record")


def word_position(text: str, word: str) -> tuple[int, int]:
    """1-based line and column of the first `word` in a record's text (a word the check points at)."""
    for n, line in enumerate(text.splitlines(), 1):
        if (i := line.find(word)) >= 0:
            return n, i + 1
    raise AssertionError(f"no {word!r} in the record")


def annotations(out: str) -> list[tuple[str, str, int, int, str, str]]:
    return [
        (m[1], m[2], int(m[3]), int(m[4]), m[5], m[6]) for line in out.splitlines() if (m := ANNOTATION.match(line))
    ]  # fmt: skip


# -- the pull request, as CI checks it ------------------------------------------------------------


def test_ci_annotations_name_the_right_files_and_lines(project: Path) -> None:
    wrong = write_claim(project, WRONG_QUOTE)
    digit = write_claim(project, CHANGED_DIGIT)
    good = write_claim(project, GOOD)

    r = run_cli("check", root=project, env={"GITHUB_ACTIONS": "true"})
    assert r.code == 1
    assert "check FAILED: 2 errors" in r.err

    found = annotations(r.out)
    errors = {(f, line, col, code) for level, f, line, col, code, _ in found if level == "error"}
    assert errors == {
        (wrong, *value_position(WRONG_QUOTE, "quote"), "quote-not-found"),
        (digit, *word_position(CHANGED_DIGIT, "26 tonnes"), "number-unsupported"),  # at the changed figure itself
    }
    assert not [a for a in found if a[1] == good], "the good claim is not mentioned at all"

    messages = {f: msg for level, f, _, _, _, msg in found if level == "error"}
    assert "closest passage" in messages[wrong] and "technology" in messages[wrong], "says what differs"
    assert "'26'" in messages[digit]

    # The same problems, in the form people read, in the log and in an editor.
    line, col = value_position(WRONG_QUOTE, "quote")
    assert f"{wrong}:{line}:{col}: error[quote-not-found]: " in r.out
    line, col = word_position(CHANGED_DIGIT, "26 tonnes")
    assert f"{digit}:{line}:{col}: error[number-unsupported]: " in r.out


def test_only_ci_gets_workflow_commands(project: Path) -> None:
    write_claim(project, WRONG_QUOTE)
    r = run_cli("check", root=project)
    assert r.code == 1
    assert "::error" not in r.out
    assert "error[quote-not-found]" in r.out


@pytest.mark.slow
def test_fixed_claims_pass_and_the_good_claim_is_published(project: Path) -> None:
    write_claim(project, WRONG_QUOTE.replace("technologies", "technology"))
    write_claim(project, CHANGED_DIGIT.replace("26 tonnes", "25 tonnes"))
    write_claim(project, GOOD)
    r = run_cli("check", root=project, env={"GITHUB_ACTIONS": "true"})
    assert r.code == 0, r.out + r.err
    assert "::error" not in r.out
    assert "check OK" in r.out

    built = build_site(project)
    assert built.code == 0, built.out + built.err
    page = BeautifulSoup((project / "site" / "topics" / "heavy-lift-gap" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.get_text(" ").split())
    assert "The article calls the Long March 3 a workhorse." in text


def test_every_record_carries_the_schema_comment() -> None:
    """Editors with the YAML language server get completion and errors as they type."""
    folders = {"claims": "claim", "entities": "entity", "topics": "topic", "judgments": "judgment", "questions": "question"}
    missing = []
    for folder, rtype in folders.items():
        for path in sorted((REPO / "facts" / folder).glob("*.yml")):
            if (
                path.read_text(encoding="utf-8").splitlines()[0]
                != f"# yaml-language-server: $schema=../../briefing/schemas/{rtype}.schema.json"
            ):
                missing.append(path.relative_to(REPO).as_posix())
    for path in sorted((REPO / "sources").glob("*.yml")):
        if path.read_text(encoding="utf-8").splitlines()[0] != "# yaml-language-server: $schema=../briefing/schemas/source.schema.json":
            missing.append(path.relative_to(REPO).as_posix())
    assert not missing, f"first line must be the yaml-language-server schema comment: {missing}"


# -- CONTRIBUTING.md is a guide a newcomer can follow ------------------------------------------------


def marked_blocks(marker: str) -> list[str]:
    """The fenced code blocks that follow `<!-- marker -->` in CONTRIBUTING.md."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = re.findall(rf"<!-- {re.escape(marker)} -->\s*\n```[a-z]*\n(.*?)\n```", text, re.S)
    assert blocks, f"CONTRIBUTING.md has no block marked <!-- {marker} -->"
    return blocks


def walkthrough_commands() -> list[list[str]]:
    """The commands of CONTRIBUTING.md's walkthrough, in order, as argument lists."""
    commands = []
    for block in marked_blocks("walkthrough"):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                commands.append(shlex.split(command))
    return commands


def free_id(root: Path, cid: str) -> str:
    """`cid`, or the first `cid-N` no claim file of `root` has: once someone has committed the
    walkthrough's example claim, a newcomer (and this test) picks another id, as `new` tells them."""
    n, candidate = 1, cid
    while (root / "facts" / "claims" / f"{candidate}.yml").exists():
        n += 1
        candidate = f"{cid}-{n}"
    return candidate


def test_the_walkthrough_in_contributing_reaches_a_passing_claim(project: Path) -> None:
    commands = walkthrough_commands()
    assert any(c[:4] == ["python", "-m", "briefing", "locate"] for c in commands)
    (new,) = [c for c in commands if c[:4] == ["python", "-m", "briefing", "new"]]
    assert commands[-1][:4] == ["python", "-m", "briefing", "check"]
    example, cid = new[4], free_id(project, new[4])
    before = {p.name for p in (project / "facts" / "claims").iterdir()}
    for command in commands:
        assert command[:3] == ["python", "-m", "briefing"], f"the walkthrough runs only the briefing tool: {command}"
        r = run_cli(*[cid if arg == example else arg for arg in command[3:]], root=project)
        assert r.code == 0, f"{shlex.join(command)} failed:\n{r.out}\n{r.err}"
    added = {p.name for p in (project / "facts" / "claims").iterdir()} - before
    assert added == {f"{cid}.yml"}, "the walkthrough adds one claim"


def test_the_walkthrough_survives_its_example_being_committed(project: Path) -> None:
    """Someone follows the guide literally and the example claim is merged: the next newcomer is
    told the id is taken and chooses another, and the walkthrough still reaches a passing claim."""
    (new,) = [c for c in walkthrough_commands() if c[:4] == ["python", "-m", "briefing", "new"]]
    assert run_cli(*new[3:], root=project).code == 0
    again = run_cli(*new[3:], root=project)
    assert again.code == 1 and "already exists" in again.err and "choose another id" in again.err
    assert "already exists" in CONTRIBUTING.read_text(encoding="utf-8"), "the guide says what to do then"
    test_the_walkthrough_in_contributing_reaches_a_passing_claim(project)


def test_the_claim_template_in_contributing_passes_the_check(project: Path) -> None:
    (template,) = marked_blocks("claim-template")
    assert template.startswith(SCHEMA_LINE)
    rel = write_claim(project, template + "\n")
    r = run_cli("check", root=project)
    assert r.code == 0, r.out + r.err
    assert rel not in r.out


# Codes built with an f-string, and every value they take.
EXPANSIONS = {
    "f'unknown-{what}'": {"unknown-topic", "unknown-entity", "unknown-claim", "unknown-kind", "unknown-source"},
    "f'ellipsis-skips-{what}'": {"ellipsis-skips-hedge", "ellipsis-skips-contrast", "ellipsis-skips-role"},
    "f'citations-skip-{what}'": {"citations-skip-negation", "citations-skip-hedge", "citations-skip-contrast", "citations-skip-role"},
    "f'quote-drops-{what}'": {"quote-drops-negation", "quote-drops-hedge"},
}
CODE_POSITION = {"Diagnostic": 3, "at": 2, "AnchorError": 0, "YamlError": 2, "error": 3, "Problem": 0, "Finding": 0, "problem": 0}


def diagnostic_codes() -> set[str]:
    """Every code the package can report, read from its source so that none can be forgotten."""
    codes: set[str] = set()
    for path in [*sorted((REPO / "briefing").rglob("*.py")), REPO / "site_adapter.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            arg: ast.expr | None = None
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
                if name in CODE_POSITION:
                    if any(isinstance(a, ast.Starred) for a in node.args):  # YamlError(*pos, code, message)
                        arg = node.args[-2] if name == "YamlError" and len(node.args) >= 2 else None
                    elif len(node.args) > CODE_POSITION[name]:
                        arg = node.args[CODE_POSITION[name]]
            elif isinstance(node, ast.List | ast.Tuple) and len(node.elts) == 4:
                # [line, col, code, message], as schema.validate and pages.read_page return them
                line, col, code, _ = node.elts
                position = all(
                    isinstance(x, ast.Name | ast.Subscript) or (isinstance(x, ast.Constant) and type(x.value) is int) for x in (line, col)
                )
                if position:
                    arg = code
            tables = isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_CODES") for t in node.targets)
            if tables and isinstance(node.value, ast.Dict):  # a table of codes by rule (rules.pages, rules.fields)
                codes.update(v.value for v in node.value.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                source = ast.unparse(arg)
                assert source in EXPANSIONS, f"{path.name}: code {source} is built at run time; list its values in EXPANSIONS"
                codes |= EXPANSIONS[source]
    return codes


def test_contributing_explains_every_diagnostic_code() -> None:
    codes = diagnostic_codes()
    assert {"quote-not-found", "number-unsupported", "yaml-syntax", "unknown-key", "orphan-claim"} <= codes, "the scan finds codes"
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text[text.index("## What the check's messages mean") :]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M))
    assert not sorted(codes - documented), f"CONTRIBUTING.md does not explain: {sorted(codes - documented)}"
    assert not sorted(documented - codes), f"CONTRIBUTING.md explains codes the check no longer has: {sorted(documented - codes)}"


def test_facts_readme_says_where_the_schemas_are() -> None:
    readme = (REPO / "facts" / "README.md").read_text(encoding="utf-8")
    assert "briefing/schemas/" in readme
    assert "CONTRIBUTING.md" in readme


def test_facts_readme_examples_are_records_that_pass(project: Path) -> None:
    """Each example headed by a file name is that record of the briefing, written so that it still
    passes the check in its place: no example names an id, topic or entity that does not exist,
    or a field its record type does not have."""
    readme = (REPO / "facts" / "README.md").read_text(encoding="utf-8")
    shown = []
    for block in re.findall(r"```yaml\n(.*?)\n```", readme, re.S):
        if m := re.match(r"# (facts/([a-z]+)/([a-z0-9-]+)\.yml)\n", block):
            assert (REPO / m[1]).is_file(), f"facts/README.md shows {m[1]}, which does not exist"
            assert yaml.safe_load(block)["id"] == m[3]
            (project / m[1]).write_text(block + "\n", encoding="utf-8")
            shown.append(m[1])
    assert {f.split("/")[1] for f in shown} == {"claims", "entities", "topics", "judgments", "questions"}, "one example of each type"
    r = run_cli("check", root=project)
    assert r.code == 0, r.out + r.err
    assert not [f for f in shown if f in r.out], r.out


# -- the documents name only what exists -----------------------------------------------------------

GUIDES = (REPO / "README.md", CONTRIBUTING)
# Named in the guides but, rightly, not in a checkout: made by a command, or an example of a name.
NOT_IN_A_CHECKOUT = {
    "site/": "made by `make build`",
    "bench/out/": "made by `make bench` (git-ignored)",
    "site/claims.json": "made by `make build`",
    ".cache/briefing/": "made by the first `python -m briefing check`",
    "annotations.jsonld": "made by `python -m briefing export`",
    "facts/claims/maks-2019-was-a-moscow-air-show.yml": "made by the walkthrough",
    "sources/reuters-angara-launch-2021.txt": "an example of a new source's file name",
    "../../etc/passwd": "the path trick the loader refuses",
}
PLACEHOLDER = re.compile(r"^(ID|NAME|YOUR-[A-Z-]+)$")
FILE_LIKE = re.compile(r"^\.?[A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*/?$")
EXTENSIONS = (".md", ".yml", ".yaml", ".txt", ".py", ".json", ".jsonld", ".in", ".toml", ".cfg", ".html", ".css", ".js")


def linked_paths(doc: Path) -> set[str]:
    """The relative links of a guide, as paths from the repository's root."""
    found = set()
    for target in re.findall(r"\]\(([^)\s]+)\)", doc.read_text(encoding="utf-8")):
        if not re.match(r"^(?:[a-z]+:|#)", target):
            found.add(os.path.relpath(doc.parent / target.split("#")[0], REPO).replace(os.sep, "/"))
    return found


def code_paths(doc: Path) -> set[str]:
    """Code spans of a guide that look like a file or folder of the repository."""
    found = set()
    for span in re.findall(r"`([^`\s]+)`", doc.read_text(encoding="utf-8")):
        if not FILE_LIKE.match(span) or span.startswith(".venv") or re.fullmatch(r"\.[a-z]+", span):
            continue  # not a path; .venv is made by `make setup`; a bare extension
        placeholder = any(PLACEHOLDER.match(part.split(".")[0]) for part in span.split("/") if part)  # ID.warc.gz too
        if ("/" in span or span.endswith(EXTENSIONS)) and not placeholder:
            found.add(span)
    return found


def repo_file_names() -> set[str]:
    made = {".git", ".venv", "site", ".cache", ".hypothesis", "test-output", "out"}  # not part of a checkout
    return {p.name for p in REPO.rglob("*") if not made & set(p.relative_to(REPO).parts)}


def test_every_path_named_in_readme_and_contributing_exists() -> None:
    names = repo_file_names()
    missing = []
    for doc in GUIDES:
        missing += [f"{doc.name}: link to {path}" for path in sorted(linked_paths(doc)) if not (REPO / path).exists()]
        for path in sorted(code_paths(doc) - set(NOT_IN_A_CHECKOUT)):
            # A bare file name (`macros.py`, `site.in`) may live in any folder; a path is from the root.
            if not ((REPO / path).exists() if "/" in path.rstrip("/") else (REPO / path).exists() or path in names):
                missing.append(f"{doc.name}: {path}")
        for template in re.findall(r"template=([\w-]+\.md)", doc.read_text(encoding="utf-8")):
            if not (REPO / ".github" / "PULL_REQUEST_TEMPLATE" / template).is_file():
                missing.append(f"{doc.name}: pull request template {template}")
    assert not missing, "named but not in the repository:\n" + "\n".join(missing)


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


def test_every_make_target_named_in_readme_and_contributing_exists() -> None:
    targets = make_targets()
    assert {"setup", "serve", "test", "check"} <= targets
    unknown = []
    for doc in GUIDES:
        text = doc.read_text(encoding="utf-8")
        code = re.findall(r"`make ([a-z][\w-]*)[^`]*`", text)
        code += re.findall(r"^make ([a-z][\w-]*)", "\n".join(re.findall(r"```[a-z]*\n(.*?)```", text, re.S)), re.M)
        assert code, f"{doc.name} names no make target"
        unknown += [f"{doc.name}: make {t}" for t in code if t not in targets]
    assert not unknown, "no such target in the Makefile: " + ", ".join(unknown)


def served_address() -> str:
    """Where `make serve` serves: MkDocs mounts the site at the path of `site_url`."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    port = re.search(r"^PORT \?= (\d+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M)
    assert port, "the Makefile sets a default PORT"
    return f"http://127.0.0.1:{port[1]}{urlsplit(config['site_url']).path}"


def test_readme_and_contributing_give_the_address_make_serve_serves() -> None:
    url = served_address()
    assert url.endswith("/russia-china-rocket-engines/")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^make serve .*{re.escape(url)}$", readme, re.M), "the first command says where to look"
    assert f"<{url}>" in readme
    assert f"<{url}>" in CONTRIBUTING.read_text(encoding="utf-8")


# -- `make serve` rebuilds when records change ----------------------------------------------------


def watched() -> list[str]:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")).get("watch") or []


def test_serve_watches_the_records_and_sources(project: Path) -> None:
    paths = watched()
    assert {"facts", "sources"} <= set(paths), "edits to claims and sources must rebuild the served site"
    # MkDocs refuses a watched path that does not exist, in every build: each one must exist in
    # the repository and in the copies the tests build.
    assert all((REPO / p).exists() and (project / p).exists() for p in paths), paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return None


def wait_for(url: str, needle: str, server: subprocess.Popen[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        page = fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_a_served_site_shows_an_edited_claim_without_a_restart(project: Path) -> None:
    cid = "proton-still-in-use"
    claim = project / "facts" / "claims" / f"{cid}.yml"
    old = yaml.safe_load(claim.read_text(encoding="utf-8"))["statement"]
    port = free_port()
    url = f"http://127.0.0.1:{port}{urlsplit(yaml.safe_load((project / 'mkdocs.yml').read_text(encoding='utf-8'))['site_url']).path}claims/{cid}/"
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_NO_CACHE": "1", "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    log = project / "serve.log"
    with log.open("w") as out, subprocess.Popen(cmd, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, text=True) as server:
        try:
            assert wait_for(url, old, server, 180), "the served claim page never appeared:\n" + log.read_text()
            # An edit the checks accept (a statement may only say what its quote says): new framing.
            edited = old.replace("The article says the Proton", "According to the article, the Proton")
            assert edited != old
            claim.write_text(claim.read_text(encoding="utf-8").replace(old, edited, 1), encoding="utf-8")
            assert wait_for(url, edited, server, 180), "the edit never reached the served page:\n" + log.read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "'facts'" in log.read_text(), "the serve log lists facts among the watched paths"


# -- a newcomer's claim breaks no test that counts ------------------------------------------------

# Not part of a checkout, by folder (and .git: the suite's history tests make their own repositories).
NOT_COPIED = {
    "": {".git", ".venv", "site", ".cache", ".hypothesis", ".pytest_cache", ".ruff_cache", "test-output"},
    "bench": {"out"},
}


def checkout_only(folder: str, names: list[str]) -> set[str]:
    """shutil.copytree's ignore: what a fresh clone would not hold."""
    rel = os.path.relpath(folder, REPO).replace(os.sep, "/").removeprefix(".")
    return {n for n in names if n in NOT_COPIED.get(rel, set()) or n == "__pycache__"}
# One test of each way the suite uses the real project's figures (claims loaded, claims plus
# fixtures, claims minus a broken one, history events, a site build's summary, sentences): each
# of these failed when a valid claim was added while the figures were written down as numbers.
COUNTING_TESTS = (
    "tests/test_hostile_helpers.py",  # collects no test; imports the helpers (and fails if they do)
    "tests/test_hostile_ids.py::test_claim_that_fails_to_load_fails_the_whole_check",
    "tests/test_hostile_ids.py::test_symlink_inside_the_repository_is_refused_too",
    "tests/test_hostile_quotes.py::test_typographic_variants_are_accepted_and_shown_as_the_source_writes_them",
    "tests/test_hostile_sources.py::test_one_byte_changed_is_detected_and_names_the_broken_citations",
    "tests/test_hostile_urls.py::test_entity_with_a_plain_https_url_is_accepted",
    "tests/test_hostile_yaml.py::test_record_with_crlf_line_endings_is_plain_yaml_and_loads",
    "tests/test_hostile_yaml.py::test_every_broken_file_is_reported_in_one_run",
    "tests/test_hostile_site.py::test_no_script_carries_a_payload",
    "tests/test_fuzz.py::test_command_line_on_mutated_records_never_crashes_and_never_passes_what_it_cannot_read",
    "tests/test_history.py::test_history_records_exactly_the_changes_to_what_a_claim_says_or_cites",
    "tests/test_history.py::test_git_is_run_a_fixed_number_of_times_whatever_the_number_of_claims",
    "tests/test_history.py::test_a_current_claim_page_shows_its_history_and_last_verified",
    "tests/test_claims.py::test_whole_briefing_is_clean_and_fully_covered",
    "tests/test_exports.py::test_claims_json_matches_documented_schema",
    "tests/test_editor_path.py::test_the_walkthrough_in_contributing_reaches_a_passing_claim",
    "tests/test_editor_path.py::test_the_counts_are_read_from_the_files",
)


@pytest.mark.slow
def test_a_newcomers_claim_keeps_the_counting_tests_green(tmp_path: Path) -> None:
    """Follow CONTRIBUTING.md in a copy of the whole repository (its tests too), adding the
    walkthrough's claim with `python -m briefing new`, then run the copy's own counting tests
    against the copy: they must count the new claim, not fail on it."""
    copy = tmp_path / "repo"
    shutil.copytree(REPO, copy, ignore=checkout_only)
    (new,) = [c for c in walkthrough_commands() if c[:4] == ["python", "-m", "briefing", "new"]]
    cid = free_id(copy, new[4])
    r = run_cli(*[cid if arg == new[4] else arg for arg in new[3:]], root=copy)
    assert r.code == 0, r.out + r.err
    assert claim_count(copy) == REAL_CLAIMS + 1
    summary = run_cli("check", root=copy)
    assert summary.code == 0 and f"; {REAL_CLAIMS + 1} claims," in summary.err + summary.out, summary.out + summary.err

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update({"PYTHONPATH": str(copy), "BRIEFING_NO_CACHE": "1", "NO_MKDOCS_2_WARNING": "1"})
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-m", "not browser", *COUNTING_TESTS]
    p = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True, timeout=1200, check=False)
    assert p.returncode == 0, f"the copy's counting tests fail with one more claim:\n{p.stdout[-6000:]}\n{p.stderr[-2000:]}"
    ran = re.search(r"\b(\d+) passed\b", p.stdout)
    assert ran and int(ran[1]) == len(COUNTING_TESTS) - 1, p.stdout[-3000:]  # every one ran; none was skipped


def test_the_counts_are_read_from_the_files(project: Path) -> None:
    """The helpers the counting tests share count what is on disk, so one more claim file is one
    more in every figure they derive."""
    assert claim_count() == REAL_CLAIMS == len(list((REPO / "facts" / "claims").glob("*.yml")))
    write_claim(project, GOOD)
    assert claim_count(project) == REAL_CLAIMS + 1
    totals = sentence_totals(project)
    assert totals == sentence_totals() and all(n > 0 for n in totals.values()), "an added claim adds no source sentence"
