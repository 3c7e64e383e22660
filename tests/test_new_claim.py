"""`python -m briefing new`: a claim file from a located passage, citation already resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, run_cli
from hypothesis import given
from hypothesis import strategies as st

from briefing import verify, yamlsafe
from briefing.anchor import anchor
from briefing.loader import load_briefing
from briefing.newclaim import SCHEMA_COMMENT, yaml_str
from briefing.rules.draft import is_draft

SOURCE = "scmp-russia-rocket-engines-2019"


def claim_path(root: Path, cid: str) -> Path:
    return root / "facts" / "claims" / f"{cid}.yml"


def load_claim(root: Path, cid: str) -> dict:
    return yamlsafe.load(claim_path(root, cid).read_bytes()).data


def resolved_start(root: Path, cid: str) -> int:
    """Where the written citation lands in the source, resolved the way the check resolves it."""
    b, _ = load_briefing(root, use_cache=False)
    cit = b.claims[cid].citations[0]
    src = b.sources[cit.source].text
    assert src is not None
    return anchor(src, cit.quote, cit.prefix, cit.suffix, cit.occurrence).start


def source_text(root: Path) -> str:
    return (root / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8")


def test_new_writes_a_claim_that_passes_the_check(project: Path) -> None:
    r = run_cli(
        "new", "russia-keen-to-launch", "--quote", "Russia was also keen to use its rocket technology", "--topic", "offer",
        "--statement", "Russia wanted to use its rocket technology.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "wrote facts/claims/russia-keen-to-launch.yml" in r.out
    assert "passes" in r.out
    text = claim_path(project, "russia-keen-to-launch").read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_COMMENT + "\n"), "editors get completion from the schema comment"
    assert "DRAFT" not in text, "a statement the editor wrote is not called a draft"
    data = load_claim(project, "russia-keen-to-launch")
    assert data["id"] == "russia-keen-to-launch"
    assert data["kind"] == "reported"
    assert data["topics"] == ["offer"]
    assert data["citations"] == [{"source": SOURCE, "quote": "Russia was also keen to use its rocket technology"}]
    check = run_cli("check", root=project)
    assert check.code == 0, check.out + check.err


def test_the_quote_is_copied_from_the_source_not_from_what_was_typed(project: Path) -> None:
    # Typed with straight quotes and doubled spaces; the source has typographic quotes.
    typed = '"[From] China,  it is the supply of microelectronics that we need."'
    r = run_cli(
        "new", "microelectronics-needed-from-china", "--quote", typed, "--topic", "offer",
        "--statement", "The article quotes a need for microelectronics from China.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    quote = load_claim(project, "microelectronics-needed-from-china")["citations"][0]["quote"]
    assert quote == "“[From] China, it is the supply of microelectronics that we need.”"
    assert quote in source_text(project)


def test_entities_named_in_the_quote_are_listed(project: Path) -> None:
    r = run_cli(
        "new", "russia-has-engine-offerings", "--topic", "heavy-lift-gap",
        "--quote", "China urgently needs heavy-booster liquid-fuel rocket engines, of which Russia has some good offerings",
        "--statement", "The article says China needs heavy-booster engines and Russia has good offerings.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    assert load_claim(project, "russia-has-engine-offerings")["entities"] == ["china", "russia"]


def test_the_speaker_named_in_the_quote_is_listed_first_even_beside_chosen_entities(project: Path) -> None:
    r = run_cli(
        "new", "rogozin-keen-to-launch", "--topic", "offer", "--kind", "attributed", "--speaker", "dmitry-rogozin", "--entity", "russia",
        "--quote", "Dmitry Rogozin, director general of Roscosmos, said Russia was also keen to use its rocket technology",
        "--statement", "Rogozin said Russia was keen to use its rocket technology.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    data = load_claim(project, "rogozin-keen-to-launch")
    assert data["entities"] == ["dmitry-rogozin", "russia"]
    assert len(data["citations"]) == 1, "the quote names him: nothing more to cite"


def test_a_speaker_named_only_in_the_quotes_sentence_is_cited_and_listed(project: Path) -> None:
    """The entities of a claim must be named in its cited words: `new` cites the words of the
    quote's sentence that name the speaker (nearest the quote) and lists the speaker first."""
    r = run_cli(
        "new", "rogozin-keen-to-launch", "--topic", "offer", "--kind", "attributed", "--speaker", "dmitry-rogozin",
        "--quote", "said Russia was also keen to use its rocket technology to launch Chinese satellites",
        "--statement", "Rogozin said Russia was also keen to launch Chinese satellites with its rockets.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    assert "also cited 'Dmitry Rogozin'" in r.out
    data = load_claim(project, "rogozin-keen-to-launch")
    assert data["entities"] == ["dmitry-rogozin", "china", "russia"]
    assert data["citations"][1] == {"source": SOURCE, "quote": "Dmitry Rogozin"}
    assert run_cli("check", root=project).code == 0


def test_a_speaker_named_twice_nearby_gets_the_citation_that_picks_the_right_place(project: Path) -> None:
    r = run_cli(
        "new", "zhou-says-good-offerings", "--topic", "heavy-lift-gap", "--kind", "attributed", "--speaker", "zhou-chenming",
        "--quote", "Russia has some good offerings",
        "--statement", "Zhou said Russia has some good offerings.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    data = load_claim(project, "zhou-says-good-offerings")
    assert data["entities"] == ["zhou-chenming", "russia"]
    # "Zhou" occurs twice in the source: the prefix picks the one in this sentence.
    naming = data["citations"][1]
    assert naming["quote"] == "Zhou" and naming["prefix"] == "offerings,”"
    b, _ = load_briefing(project, use_cache=False)
    text = b.sources[SOURCE].text
    assert text is not None
    at = anchor(text, naming["quote"], naming["prefix"]).start
    assert text.text[at : at + len("Zhou said")] == "Zhou said"


def test_a_relayer_and_speaker_named_nowhere_near_are_not_listed_and_the_check_says_why(project: Path) -> None:
    r = run_cli(
        "new", "microelectronics-needed", "--topic", "offer", "--kind", "attributed", "--speaker", "dmitry-rogozin",
        "--relayed-by", "sputnik", "--quote", "it is the supply of microelectronics that we need",
        "--statement", "Rogozin said, as Sputnik reported, that Russia needs microelectronics.", root=project,
    )  # fmt: skip
    assert r.code == 1
    assert "error[speaker-not-named]" in r.err and "error[relayed-by-not-named]" in r.err
    assert "entity-not-in-evidence" not in r.err, "listing them would be a second error for the same cause"
    assert load_claim(project, "microelectronics-needed")["entities"] == []


def test_an_ambiguous_quote_gets_a_prefix_that_picks_the_first_match(project: Path) -> None:
    text = source_text(project)
    assert text.count("the Long March 5") > 1
    r = run_cli("new", "lm5-mention", "--quote", "the Long March 5", "--topic", "heavy-lift-gap", "--statement", "The article names the Long March 5.", root=project)
    assert r.code == 0, r.out + r.err
    cit = load_claim(project, "lm5-mention")["citations"][0]
    assert "prefix" in cit and "occurrence" not in cit
    assert resolved_start(project, "lm5-mention") == text.index("the Long March 5")
    assert run_cli("check", root=project).code == 0


# The third "Long March 5" is inside the scraped headline the source lists under not_claims,
# which no claim may cite (`not-claim-cited`): the second and the fourth are the article's own.
@pytest.mark.parametrize("n", [2, 4])
def test_occurrence_picks_another_match(project: Path, n: int) -> None:
    text = source_text(project)
    starts = [i for i in range(len(text)) if text.startswith("Long March 5", i)]
    assert len(starts) >= 4
    cid = f"lm5-mention-{n}"
    r = run_cli(
        "new", cid, "--quote", "Long March 5", "--topic", "heavy-lift-gap", "--occurrence", str(n),
        "--statement", "The article names the Long March 5.", root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    assert resolved_start(project, cid) == starts[n - 1]


def test_a_match_inside_a_passage_set_aside_as_not_a_claim_is_refused(project: Path) -> None:
    r = run_cli(
        "new", "lm5-in-headline", "--quote", "Long March 5", "--topic", "heavy-lift-gap", "--occurrence", "3",
        "--statement", "The article names the Long March 5.", root=project,
    )  # fmt: skip
    assert r.code == 1
    out = r.out + r.err
    assert "error[not-claim-cited]" in out and "not_claims of source scmp-russia-rocket-engines-2019" in out, out


def test_an_ellipsis_quote_is_resolved(project: Path) -> None:
    r = run_cli(
        "new", "rogozin-said-keen", "--quote", "Dmitry Rogozin … said Russia was also keen", "--topic", "offer",
        "--kind", "attributed", "--speaker", "dmitry-rogozin", "--statement", "Dmitry Rogozin said Russia was keen.",
        root=project,
    )  # fmt: skip
    assert r.code == 0, r.out + r.err
    data = load_claim(project, "rogozin-said-keen")
    assert data["speaker"] == "dmitry-rogozin"
    assert data["citations"][0]["quote"] == "Dmitry Rogozin … said Russia was also keen"
    assert "roscosmos" not in data["entities"], "only what the cited pieces name, not the skipped words"


# -- an unedited draft never passes ------------------------------------------------------------------

def drafts(root: Path) -> list:
    """What the real check reports as drafts (the rule runs inside the support check)."""
    return [d for d in verify.check(root, use_cache=False).diagnostics if d.code == "statement-is-draft"]


def statement_position(root: Path, cid: str) -> tuple[int, int]:
    """Where the check points for the statement: the line of `statement:`, the column of its value."""
    lines = claim_path(root, cid).read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("statement:"))
    return n, len("statement: ") + 1


def test_a_drafted_statement_is_marked_and_does_not_pass(project: Path) -> None:
    # The audit's case: the statement left out, so `new` drafts it from the quote.
    r = run_cli("new", "rogozin-test", "--quote", "Rogozin", "--topic", "offer", root=project)
    assert r.code == 1, r.out + r.err
    assert "passes" not in r.out + r.err
    assert claim_path(project, "rogozin-test").exists(), "kept, so the editor can rewrite the statement"
    text = claim_path(project, "rogozin-test").read_text(encoding="utf-8")
    assert "# DRAFT: this statement is the quote copied word for word" in text
    assert "statement-is-draft" in text, "the file names the error the check will report"
    assert load_claim(project, "rogozin-test")["statement"] == "Rogozin"
    line, col = statement_position(project, "rogozin-test")
    assert f"facts/claims/rogozin-test.yml:{line}:{col}: error[statement-is-draft]: " in r.err
    assert "the check found 1 error in facts/claims/rogozin-test.yml" in r.err


@pytest.mark.parametrize("statement", ["Rogozin", "rogozin.", "“Rogozin”"])
def test_a_statement_that_repeats_the_quote_is_a_draft_whoever_wrote_it(project: Path, statement: str) -> None:
    r = run_cli("new", "rogozin-test", "--quote", "Rogozin", "--topic", "offer", "--statement", statement, root=project)
    assert r.code == 1, r.out + r.err
    assert "error[statement-is-draft]" in r.err


def test_a_rewritten_draft_passes(project: Path) -> None:
    assert run_cli("new", "rogozin-test", "--quote", "Rogozin", "--topic", "offer", root=project).code == 1
    path = claim_path(project, "rogozin-test")
    path.write_text(path.read_text(encoding="utf-8").replace("  Rogozin\n", "  The article names Rogozin.\n", 1), encoding="utf-8")
    b = verify.check(project, use_cache=False).briefing
    assert b.claims["rogozin-test"].statement == "The article names Rogozin."
    assert drafts(project) == []
    r = run_cli("check", root=project)
    assert r.code == 0, r.out + r.err


def test_the_draft_rule_reports_the_statement_of_every_draft_and_nothing_else(project: Path) -> None:
    assert drafts(REPO) == [], "no claim of the real briefing is a draft"
    for cid, quote in (("draft-one", "Rogozin"), ("draft-two", "keen to use its rocket technology")):
        assert run_cli("new", cid, "--quote", quote, "--topic", "offer", root=project).code == 1
    found = drafts(project)
    expected = {(f"facts/claims/{cid}.yml", *statement_position(project, cid)) for cid in ("draft-one", "draft-two")}
    assert {(d.path, d.line, d.col) for d in found} == expected
    assert {(d.code, d.severity) for d in found} == {("statement-is-draft", "error")}


@pytest.mark.parametrize(
    ("statement", "cited", "draft"),
    [
        ("Rogozin", ["Rogozin"], True),
        ("ROGOZIN!", ["Rogozin"], True),
        ("Dmitry Rogozin said Russia was also keen", ["Dmitry Rogozin … said Russia was also keen"], True),
        ("Its Proton series rockets is still in use today", ["Its Proton series rockets", "is still in use today"], True),
        ("Its Proton series rockets", ["Its Proton series rockets", "is still in use today"], True),
        ("The article says Rogozin spoke.", ["Rogozin"], False),
        ("Rogozin spoke", ["Rogozin"], False),
        ("", ["Rogozin"], False),
    ],
)
def test_is_draft(statement: str, cited: list[str], draft: bool) -> None:
    assert is_draft(statement, cited) is draft


def test_the_check_fails_on_a_draft(project: Path) -> None:
    assert run_cli("new", "rogozin-test", "--quote", "Rogozin", "--topic", "offer", root=project).code == 1
    r = run_cli("check", root=project)
    line, col = statement_position(project, "rogozin-test")
    assert f"facts/claims/rogozin-test.yml:{line}:{col}: error[statement-is-draft]: " in r.out
    assert r.code == 1


def test_dry_run_prints_and_writes_nothing(project: Path) -> None:
    r = run_cli("new", "dry", "--quote", "keen to use its rocket technology", "--topic", "offer", "--dry-run", root=project)
    assert r.code == 0, r.err
    assert r.out.startswith(SCHEMA_COMMENT)
    assert not claim_path(project, "dry").exists()


def test_a_statement_the_quote_does_not_support_is_written_and_reported(project: Path) -> None:
    r = run_cli(
        "new", "lm5-payload", "--quote", "designed to send up to 25 tonnes to lower-Earth orbit", "--topic", "heavy-lift-gap",
        "--statement", "The Long March 5 is designed to send up to 26 tonnes to lower-Earth orbit.", root=project,
    )  # fmt: skip
    assert r.code == 1
    assert claim_path(project, "lm5-payload").exists(), "kept, so the editor can fix it"
    lines = claim_path(project, "lm5-payload").read_text(encoding="utf-8").splitlines()
    # At the figure itself, wherever the statement's lines put it.
    line, col = next((i, ln.index("26 tonnes") + 1) for i, ln in enumerate(lines, 1) if "26 tonnes" in ln)
    assert f"facts/claims/lm5-payload.yml:{line}:{col}: error[number-unsupported]: the statement says '26'" in r.err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["Not_An_Id", "--quote", "keen", "--topic", "offer"], "is not a valid id"),
        (["rogozin-is-director-general-of-roscosmos", "--quote", "keen", "--topic", "offer"], "already exists"),
        (["x", "--quote", "keen to use its rocket technology", "--topic", "ofer"], "did you mean 'offer'"),
        (["x", "--quote", "keen to use its rocket technologies", "--topic", "offer"], "closest passage at line 1"),
        (
            ["x", "--quote", "keen to use its rocket technology", "--topic", "people"],
            "unknown topic 'people'; the topics are: heavy-lift-gap, infrastructure-navigation, offer, russian-heritage, sources-and-voices",
        ),
        (
            ["x", "--quote", "keen to use its rocket technology", "--topic", "offer", "--source", "nope"],
            "unknown source 'nope'; the sources are: scmp-russia-rocket-engines-2019",
        ),
        (["x", "--quote", "Long March 5", "--topic", "offer", "--occurrence", "99"], "--occurrence 99"),
        (["x", "--quote", "said Russia", "--topic", "offer", "--kind", "attributed"], "needs --speaker"),
        (["x", "--quote", "said Russia", "--topic", "offer", "--speaker", "dmitry-rogozin"], "attributed only"),
        (["x", "--quote", "said Russia", "--topic", "offer", "--kind", "inference"], "needs --based-on"),
        (["x", "--quote", "said Russia", "--topic", "offer", "--entity", "rusia"], "did you mean 'russia'"),
        (["x", "--quote", "Russia … … China", "--topic", "offer"], "cannot be cited"),
    ],
)
def test_refusals_say_why_and_write_nothing(project: Path, args: list[str], needle: str) -> None:
    before = sorted(p.name for p in (project / "facts" / "claims").iterdir())
    r = run_cli("new", *args, root=project)
    assert r.code == 1, r.out + r.err
    assert needle in r.err
    assert "nothing written" in r.err
    assert "Traceback" not in r.err
    assert sorted(p.name for p in (project / "facts" / "claims").iterdir()) == before


def test_the_quote_is_required(project: Path) -> None:
    r = run_cli("new", "x", "--topic", "offer", root=project)
    assert r.code == 2
    assert "--quote" in r.err


# Text a record may hold: records refuse C0/C1 control characters other than tab and newline.
RECORD_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)).filter(lambda c: c in "\t\n" or not ("\x00" <= c <= "\x1f" or "\x7f" <= c <= "\x9f")),
    max_size=60,
)


@given(RECORD_TEXT)
def test_yaml_str_reads_back_exactly(s: str) -> None:
    assert yamlsafe.load(f"k: {yaml_str(s)}\n".encode()).data == {"k": s}
