"""`python -m briefing not-claim SOURCE "words" --reason "…"`: anchored first, appended as text
(the record's comments and layout kept), refused with the anchoring's own messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, run_cli

from briefing import yamlsafe
from briefing.notclaim import insert_entry

SID = "courier-flood-wall"


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real records plus the fixture article, added once; each test works on its own copy."""
    root = tmp_path_factory.mktemp("nc") / "p"
    for part in ("facts", "sources"):
        shutil.copytree(REPO / part, root / part)
    r = run_cli("add-source", str(FIXTURES / "addsource" / "article.html"), "--id", SID, "--retrieved", "2024-03-20", root=root)
    assert r.code == 0, r.err
    return root


@pytest.fixture
def root(added: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(added, tmp_path / "p"))


def test_appends_entries_keeping_the_file_as_it_was(root: Path) -> None:
    path = root / "sources" / f"{SID}.yml"
    original = path.read_text(encoding="utf-8") + "# a comment the editor wrote\n"
    path.write_text(original, encoding="utf-8")
    r = run_cli("not-claim", SID, "Harbour town votes to rebuild", "its flood wall", "--reason", "The page's headline.", root=root)
    assert r.code == 0, r.err
    assert f"wrote sources/{SID}.yml: not a claim, sources/{SID}.txt:1:1 'Harbour town votes to rebuild its flood wall'" in r.out
    assert f"{SID}: 0/10 sentences cited" in r.out  # the coverage report follows
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)  # every byte before kept, the comment included
    assert text[len(original) :] == 'not_claims:\n  - quote: "Harbour town votes to rebuild its flood wall"\n    reason: "The page\'s headline."\n'
    long_reason = "The page's standfirst, a summary line above the story written by the page's editors, which the story itself says again in its own words."
    r = run_cli("not-claim", SID, "Work on the £12 million wall is due to start in May.", "--reason", long_reason, root=root)
    assert r.code == 0, r.err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["not_claims"] == [
        {"quote": "Harbour town votes to rebuild its flood wall", "reason": "The page's headline."},
        {"quote": "Work on the £12 million wall is due to start in May.", "reason": long_reason},
    ]
    assert path.read_text(encoding="utf-8").startswith(text)  # appended after the first entry
    assert "    reason: >-\n      The page's standfirst" in path.read_text(encoding="utf-8")  # long prose folded, as records write it
    assert f"{SID}: 0/9 sentences cited" in r.out


def test_inserts_into_a_list_followed_by_other_keys_and_comments() -> None:
    text = (
        "id: s\n"
        "not_claims:   # set aside\n"
        "    - quote: \"A\"\n"
        "      reason: one\n"
        "\n"
        "# about the note\n"
        "note: kept\n"
    )
    out = insert_entry(text, yamlsafe.load(text.encode()), {"quote": "B", "reason": "two"})
    assert out == (
        "id: s\n"
        "not_claims:   # set aside\n"
        "    - quote: \"A\"\n"
        "      reason: one\n"
        "    - quote: \"B\"\n"
        "      reason: \"two\"\n"
        "\n"
        "# about the note\n"
        "note: kept\n"
    )
    flow = "id: s\nnot_claims: []\nnote: kept\n"
    assert insert_entry(flow, yamlsafe.load(flow.encode()), {"quote": "B", "reason": "two"}) == (
        'id: s\nnot_claims:\n  - quote: "B"\n    reason: "two"\nnote: kept\n'
    )


@pytest.mark.parametrize(
    ("words", "extra", "code", "said"),
    [
        (["Harbour towns"], [], "quote-not-found", "closest passage at line 1, column 1"),
        (["the council"], [], "quote-ambiguous", "--prefix WORDS"),
    ],
)
def test_refuses_what_does_not_anchor_exactly_once(root: Path, words: list[str], extra: list[str], code: str, said: str) -> None:
    before = (root / "sources" / f"{SID}.yml").read_bytes()
    r = run_cli("not-claim", SID, *words, "--reason", "x", *extra, root=root)
    assert r.code == 1
    assert r.err.splitlines()[0].startswith(f"sources/{SID}.txt: error[{code}]: ")
    assert said in r.err
    assert r.err.splitlines()[-1] == "nothing written"
    assert (root / "sources" / f"{SID}.yml").read_bytes() == before


def test_refuses_cited_words_set_aside_words_and_unknown_sources(root: Path) -> None:
    scmp = root / "sources" / "scmp-russia-rocket-engines-2019.yml"
    before = scmp.read_bytes()
    r = run_cli("not-claim", "scmp-russia-rocket-engines-2019", "MAKS 2019 Moscow air show", "--reason", "x", root=root)
    assert r.code == 1
    assert "error[not-claim-cited]: claims cite these words (" in r.err
    r = run_cli("not-claim", "scmp-russia-rocket-engines-2019", "Long March 5 rocket ‘choked to death’", "--reason", "x", root=root)
    assert r.code == 1
    assert "error[not-claim-exists]" in r.err
    assert scmp.read_bytes() == before
    r = run_cli("not-claim", "scmp-russia-rocket-engine-2019", "anything", "--reason", "x", root=root)
    assert r.code == 1
    assert "error[unknown-source]: unknown source" in r.err
    assert "scmp-russia-rocket-engines-2019" in r.err  # the closest id
    r = run_cli("not-claim", SID, "Harbour town", "--reason", "   ", root=root)
    assert r.code == 1
    assert "--reason is empty" in r.err
