"""The editor's path, end to end: edit facts in a copy of the project, check as CI does, fix, build.

Also keeps CONTRIBUTING.md honest: its walkthrough commands run, its claim template passes the
check, and it explains every diagnostic code the check can report.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_site, run_cli

CONTRIBUTING = REPO / "CONTRIBUTING.md"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::\[([a-z0-9-]+)\] (.*)$")
SCHEMA_LINE = "# yaml-language-server: $schema=../../briefing/schemas/claim.schema.json"

WRONG_QUOTE = f"""\
{SCHEMA_LINE}
id: editor-wrong-quote
statement: Russia was also keen to use its rocket technology to launch Chinese satellites.
kind: reported
topics: [offer]
entities: [russia]
citations:
  - source: scmp-russia-rocket-engines-2019
    quote: "Russia was also keen to use its rocket technologies to launch Chinese satellites"
"""

CHANGED_DIGIT = f"""\
{SCHEMA_LINE}
id: editor-changed-digit
statement: "The Long March 5 series is designed to send up to 26 tonnes to lower-Earth orbit."
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
statement: The article calls the Long March 3 the workhorse of China's rockets.
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
        (digit, *value_position(CHANGED_DIGIT, "statement"), "number-unsupported"),
    }
    assert not [a for a in found if a[1] == good], "the good claim is not mentioned at all"

    messages = {f: msg for level, f, _, _, _, msg in found if level == "error"}
    assert "closest passage" in messages[wrong] and "technology" in messages[wrong], "says what differs"
    assert "'26'" in messages[digit]

    # The same problems, in the form people read, in the log and in an editor.
    line, col = value_position(WRONG_QUOTE, "quote")
    assert f"{wrong}:{line}:{col}: error[quote-not-found]: " in r.out
    line, col = value_position(CHANGED_DIGIT, "statement")
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
    assert "The article calls the Long March 3 the workhorse of" in text


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


def test_the_walkthrough_in_contributing_reaches_a_passing_claim(project: Path) -> None:
    commands = []
    for block in marked_blocks("walkthrough"):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                commands.append(shlex.split(command))
    assert any(c[:4] == ["python", "-m", "briefing", "locate"] for c in commands)
    assert any(c[:4] == ["python", "-m", "briefing", "new"] for c in commands)
    assert commands[-1][:4] == ["python", "-m", "briefing", "check"]
    before = {p.name for p in (project / "facts" / "claims").iterdir()}
    for command in commands:
        assert command[:3] == ["python", "-m", "briefing"], f"the walkthrough runs only the briefing tool: {command}"
        r = run_cli(*command[3:], root=project)
        assert r.code == 0, f"{shlex.join(command)} failed:\n{r.out}\n{r.err}"
    added = {p.name for p in (project / "facts" / "claims").iterdir()} - before
    assert len(added) == 1, "the walkthrough adds one claim"


def test_the_claim_template_in_contributing_passes_the_check(project: Path) -> None:
    (template,) = marked_blocks("claim-template")
    assert template.startswith(SCHEMA_LINE)
    rel = write_claim(project, template + "\n")
    r = run_cli("check", root=project)
    assert r.code == 0, r.out + r.err
    assert rel not in r.out


# Codes built with an f-string, and every value they take.
EXPANSIONS = {"f'unknown-{what}'": {"unknown-topic", "unknown-entity", "unknown-claim", "unknown-kind"}}
CODE_POSITION = {"Diagnostic": 3, "_d": 2, "AnchorError": 0, "YamlError": 2, "error": 3}


def diagnostic_codes() -> set[str]:
    """Every code the package can report, read from its source so that none can be forgotten."""
    codes: set[str] = set()
    for path in sorted((REPO / "briefing").glob("*.py")):
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
