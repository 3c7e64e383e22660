"""The YAML mistakes people make when they edit a record by hand: each is reported once, at the
mistake (not where the parser gave up), with what to write instead; in a terminal, under the
diagnostic, the line itself with a caret under the column.

Each fixture in tests/fixtures/yaml-mistakes/ is the mini project's claim with one mistake;
expected.txt holds the one diagnostic each must give, word for word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, run_cli

from briefing import diagnostics as dg
from briefing import verify, yamlsafe

MISTAKES = FIXTURES / "yaml-mistakes"
CLAIM = "facts/claims/bridge-cost-25-million.yml"
EXPECTED = {ln.split(":", 1)[0]: ln for ln in (MISTAKES / "expected.txt").read_text(encoding="utf-8").splitlines() if ln.strip()}


def test_every_fixture_has_its_expected_diagnostic() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in MISTAKES.glob("*.yml"))


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both of PyYAML's parsers: libyaml's, and the pure-Python one used where libyaml is missing
    (which words its complaints differently)."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
        monkeypatch.setattr(yamlsafe, "_FAST", False)
    return str(request.param)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_mistake_is_one_diagnostic_at_the_mistake_saying_what_to_write(name: str, parser: str, tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "p"))
    shutil.copyfile(MISTAKES / name, root / CLAIM)
    done = verify.check(root, use_cache=False)
    got = [d.format().replace(CLAIM, name, 1) for d in done.errors]
    # One root cause, one error: the pages citing the claim, the sentence it covered, all follow from it.
    assert got == [EXPECTED[name]]


def test_the_terminal_shows_the_line_and_a_caret_under_the_column(tmp_path: Path) -> None:
    root = Path(shutil.copytree(FIXTURES / "mini", tmp_path / "p"))
    shutil.copyfile(MISTAKES / "quote-with-straight-quotes-inside.yml", root / CLAIM)
    r = run_cli("check", root=root)
    assert r.code == 1
    lines = r.out.splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith(f"{CLAIM}:8:29: error[yaml-syntax]: "))
    assert lines[i + 1 : i + 3] == [
        '  8 |     quote: "The bridge cost "25 million" euros"',
        "    |                             ^",
    ]
    assert lines[i + 2].index("^") == lines[i + 1].index('"25'), "the caret is under the quote mark that ends the value"
    # With GitHub annotations on, each problem is still one annotation line, after the excerpt.
    r = run_cli("check", root=root, env={"GITHUB_ACTIONS": "true"})
    annotations = [ln for ln in r.out.splitlines() if ln.startswith("::error ")]
    assert annotations == [
        f"::error file={CLAIM},line=8,col=29::[yaml-syntax] " + EXPECTED["quote-with-straight-quotes-inside.yml"].split(": ", 2)[2]
    ]


def excerpt_of(tmp_path: Path, text: str, line: int, col: int, code: str = "yaml-syntax") -> list[str]:
    (tmp_path / "f.yml").write_text(text, encoding="utf-8")
    return dg.excerpt(dg.Diagnostic("f.yml", line, col, code, "m"), tmp_path)


def test_invisible_characters_are_shown_and_the_caret_stays_under_its_column(tmp_path: Path) -> None:
    # A tab shows as \t, a no-break space as \u00a0: what the parser saw, and the caret under it.
    assert excerpt_of(tmp_path, "a: 1\n\tquote: x\n", 2, 1) == ["  2 | \\tquote: x", "    | ^"]
    assert excerpt_of(tmp_path, "a: 1\n\u00a0   quote: x\n", 2, 1) == ["  2 | \\u00a0   quote: x", "    | ^"]
    # Wide characters take two columns, combining marks none; the caret counts as the terminal does.
    shown, caret = excerpt_of(tmp_path, "note: 北京 cafe\u0301 x: y\n", 1, 17)
    assert shown == "  1 | note: 北京 cafe\u0301 x: y"
    assert caret == "    | " + " " * len("note: 北京北京 cafe x") + "^", "under the colon: 北京 is four columns, the accent none"
    # A bidi override cannot reorder what is shown: it is shown as an escape, the caret counts it so.
    shown, caret = excerpt_of(tmp_path, "note: a\u202eb: c\n", 1, 10)
    assert shown == "  1 | note: a\\u202eb: c"
    assert shown[caret.index("^")] == ":"


def test_a_long_line_is_cut_around_the_column(tmp_path: Path) -> None:
    line = "quote: " + "word " * 100 + "HERE " + "word " * 100
    col = line.index("HERE") + 1
    shown, caret = excerpt_of(tmp_path, line + "\n", 1, col)
    assert len(shown) < dg.EXCERPT_WIDTH + 12 and shown.startswith("  1 | …") and shown.endswith("…")
    assert shown[caret.index("^") :].startswith("HERE")


def test_no_excerpt_for_a_problem_of_meaning_or_a_file_outside_the_repository(tmp_path: Path) -> None:
    assert excerpt_of(tmp_path, "a: 1\n", 1, 1, code="number-unsupported") == []
    outside = tmp_path / "outside.yml"
    outside.write_text("secret: 1\n", encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "link.yml").symlink_to(outside)
    assert dg.excerpt(dg.Diagnostic("link.yml", 1, 1, "yaml-syntax", "m"), tmp_path / "repo") == []
    assert dg.excerpt(dg.Diagnostic("../outside.yml", 1, 1, "yaml-syntax", "m"), tmp_path / "repo") == []


@pytest.mark.parametrize(
    "record",
    [
        "facts/claims/angara-under-development-in-russia.yml",  # the Angara's description says 'Russian'
        "facts/claims/russia-rolling-out-glonass.yml",  # a topic's description and page name GLONASS
        "facts/claims/russia-heavy-lift-experience-dates-to-soviet-era.yml",
        "facts/claims/tiangong-might-be-a-near-space-project.yml",
        "facts/entities/zhou-chenming.yml",  # a page names him; without his record, 'Chenming' is a word
        "facts/topics/russian-heritage.yml",
        "facts/judgments/further-talks-expected-late-2019-or-early-2020.yml",
        "facts/judgments/yf-77-engine-main-obstacle.yml",  # the home page shows it through key_judgments()
        "sources/scmp-russia-rocket-engines-2019.yml",
    ],
)
def test_a_broken_record_is_the_one_error_whatever_rests_on_it(record: str, tmp_path: Path) -> None:
    """The real project with one record's YAML broken: the broken line is the one error, not
    also the descriptions, page sentences, labels and page descriptions whose evidence it held."""
    from conftest import copy_project

    root = copy_project(tmp_path / "p")
    path = root / record
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(i for i, ln in enumerate(lines) if i > 1 and ln[:1].isalpha() and ": " in ln and not ln.rstrip().endswith((":", ">-")))
    key, _, value = lines[k].partition(": ")
    lines[k] = f'{key}: "{value}'  # a double quote never closed
    path.write_text("".join(lines), encoding="utf-8")
    done = verify.check(root, use_cache=False)
    assert [(d.path, d.code) for d in done.errors] == [(record, "yaml-syntax")], [d.format() for d in done.errors]
