"""`python -m briefing withdraw ID --reason "…"`: every use found and removed, or a refusal naming
each place (and nothing changed); the check passes after it; the commit message is CONTRIBUTING's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from briefing import yamlsafe
from briefing.pages import MACRO_RE
from briefing.withdraw import _call_edit, list_edit


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for d in ("facts", "docs") for p in sorted((root / d).rglob("*")) if p.is_file()}


@pytest.fixture
def root(project: Path) -> Path:
    return project


def test_withdraws_a_cited_claim_from_every_place_and_prints_the_commit_message(root: Path) -> None:
    cid = "article-names-no-russian-engine-on-offer"
    before = snapshot(root)
    r = run_cli("withdraw", cid, "--reason", "The article's silence is not a claim of it", "--replaced-by", "zhou-says-russia-has-good-engine-offerings", root=root)
    assert r.code == 0, r.err
    assert f"facts/judgments/russian-engines-could-help-close-gap.yml:12:11: uses {cid} in rests_on" in r.out
    assert f"docs/topics/offer.md:9:891: uses {cid} in {{{{ cite(" in r.out
    assert "the check passes" in r.out
    assert r.out.endswith(f"Withdraw {cid}: The article's silence is not a claim of it\n\nReplaced-By: zhou-says-russia-has-good-engine-offerings\n")
    after = snapshot(root)
    assert f"facts/claims/{cid}.yml" not in after
    changed = sorted(k for k in after if after[k] != before[k])
    assert changed == ["docs/topics/offer.md", "facts/judgments/russian-engines-could-help-close-gap.yml"]
    page = after["docs/topics/offer.md"].decode()
    assert '{{ cite("article-presents-engine-offer-as-answer-to-heavy-lift-gap") }}.' in page  # the other id and the full stop stay
    old_judgment = before["facts/judgments/russian-engines-could-help-close-gap.yml"].decode()
    assert after["facts/judgments/russian-engines-could-help-close-gap.yml"].decode() == old_judgment.replace(f"{cid}, ", "")
    assert run_cli("check", root=root).code == 0


def test_refuses_where_a_sentence_or_an_inference_would_be_left_with_nothing(root: Path) -> None:
    before = snapshot(root)
    r = run_cli("withdraw", "tiangong-might-be-a-near-space-project", "--reason", "x", root=root)
    assert r.code == 1
    assert r.err.splitlines()[0].startswith(
        "docs/topics/infrastructure-navigation.md:7:431: error[withdraw-blocked]: the sentence 'The article suggests that one project might be'… cites only this claim"
    )
    r = run_cli("withdraw", "yf-77-redesigned-last-year", "--reason", "x", root=root)
    assert r.code == 1
    assert "facts/claims/yf-77-redesign-dated-2018.yml:19:11: error[withdraw-blocked]: based_on of inference 'yf-77-redesign-dated-2018' names only this claim" in r.err
    assert r.err.splitlines()[-1].endswith("nothing changed")
    assert snapshot(root) == before


def test_puts_everything_back_when_the_check_would_fail_without_the_claim(root: Path) -> None:
    """The index sentence keeps other citations, but only this claim carries its date: a new error."""
    before = snapshot(root)
    r = run_cli("withdraw", "rogozin-spoke-on-27-august-2019", "--reason", "x", root=root)
    assert r.code == 1
    assert "error[number-unsupported-on-page]" in r.err
    assert "everything was put back" in r.err
    assert snapshot(root) == before


def test_refuses_unknown_ids_and_empty_reasons(root: Path) -> None:
    r = run_cli("withdraw", "rogozin-spoke-at-maks-2018", "--reason", "x", root=root)
    assert r.code == 1
    assert "error[unknown-claim]: no claim 'rogozin-spoke-at-maks-2018'" in r.err
    assert "rogozin-spoke-at-maks-2019" in r.err
    r = run_cli("withdraw", "rogozin-spoke-at-maks-2019", "--reason", " ", root=root)
    assert r.code == 2
    r = run_cli("withdraw", "rogozin-spoke-at-maks-2019", "--reason", "x", "--replaced-by", "no-such-claim", root=root)
    assert r.code == 1
    assert "add the replacement first" in r.err


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("x: [a, b, c]\n", "x: [b, c]\n"),
        ("x: [b, c, a]\n", "x: [b, c]\n"),
        ("x: [b,a,c]  # why\n", "x: [b,c]  # why\n"),
        ("x: [\n  b,\n  a,\n  c,\n]\ny: 1\n", "x: [\n  b,\n  c,\n]\ny: 1\n"),
        ("x:\n  - b\n  - a   # gone\n  - c\ny: 1\n", "x:\n  - b\n  - c\ny: 1\n"),
        ("x:\n  - a\ny: 1\n", "x: []\ny: 1\n"),
        ('x: ["b", "a"]\n', 'x: ["b"]\n'),
    ],
)
def test_list_edits_keep_the_list_style(text: str, out: str) -> None:
    loc = yamlsafe.load(text.encode())
    e = list_edit("f.yml", text, loc, "x", "a")
    got = text[: e.start] + e.replacement + text[e.end :]
    assert got == out
    assert yamlsafe.load(got.encode()).data["x"] == [x for x in loc.data["x"] if x != "a"]


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ('Said so {{ cite("a") }}. Next.', "Said so. Next."),
        ('Said so {{ cite("b", "a") }}.', 'Said so {{ cite("b") }}.'),
        ("Said so {{ cite('a','b') }}.", "Said so {{ cite('b') }}."),
        ('Intro.\n\n{{ claim_card("a") }}\n\nMore.', "Intro.\n\n\nMore."),
    ],
)
def test_call_edits_keep_the_other_ids_and_the_sentence(text: str, out: str) -> None:
    m = next(MACRO_RE.finditer(text))
    e = _call_edit("p.md", text, m, "a")
    assert text[: e.start] + e.replacement + text[e.end :] == out
