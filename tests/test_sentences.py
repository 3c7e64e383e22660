"""The sentence splitter: the units coverage counts, including headlines that have no full stop."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, copy_project, run_cli

from briefing import sentences

SOURCE_ID = "scmp-russia-rocket-engines-2019"
HEADLINE = "China’s failed Long March 5 rocket ‘choked to death’, but space mission expected to resume this year"


def texts(text: str, excluded: list[tuple[int, int, str]] | None = None) -> list[str]:
    return [s.text for s in sentences.split(text, excluded)]


def test_full_stops_question_and_exclamation_marks_end_sentences() -> None:
    assert texts("It flew. Did it land? Yes! Then “It worked.” He left.") == [
        "It flew.",
        "Did it land?",
        "Yes!",
        "Then “It worked.”",
        "He left.",
    ]


def test_abbreviations_decimals_and_lowercase_continuations_do_not_end_a_sentence() -> None:
    assert texts("Mr. Smith and Dr. Jones met the U.S. team. It cost 2.5 million. It did so e.g. often.") == [
        "Mr. Smith and Dr. Jones met the U.S. team.",
        "It cost 2.5 million.",
        "It did so e.g. often.",
    ]
    assert texts("It rose 5 km. then fell.") == ["It rose 5 km. then fell."]  # no capital: not a new sentence


def test_units_are_trimmed_and_keep_source_offsets() -> None:
    text = "  One.   Two.  "
    units = sentences.split(text)
    assert [(s.start, s.end, s.text) for s in units] == [(2, 6, "One."), (9, 13, "Two.")]
    assert all(text[s.start : s.end] == s.text for s in units)


def test_an_excluded_span_is_its_own_unit_with_its_reason() -> None:
    text = "It flew. Big headline here It landed."
    a = text.index("Big")
    b = a + len("Big headline here")
    units = sentences.split(text, [(a, b, "a headline")])
    assert [(s.text, s.not_claim) for s in units] == [("It flew.", None), ("Big headline here", "a headline"), ("It landed.", None)]


def test_a_blank_line_always_ends_a_unit() -> None:
    assert texts("Rocket plans under review\n\nThe agency said it would wait") == [
        "Rocket plans under review",
        "The agency said it would wait",
    ]
    assert texts("the engine, which\n\nburns hydrogen.") == ["the engine, which", "burns hydrogen."]


def test_a_headline_on_its_own_line_is_its_own_unit() -> None:
    text = "The rocket failed.\nChina plans new engine\nThe agency said it would wait.\nIt did."
    assert texts(text) == ["The rocket failed.", "China plans new engine", "The agency said it would wait.", "It did."]


def test_a_line_break_inside_a_sentence_does_not_split_it() -> None:
    # A line that runs on in lowercase, and a line that does not start a unit, are not headlines.
    assert texts("It was said.\nThe rocket is\nready now.") == ["It was said.", "The rocket is\nready now."]
    assert texts("It flew.\nThe head of\nRoscosmos spoke.") == ["It flew.", "The head of\nRoscosmos spoke."]


def test_hard_wrapped_text_splits_only_at_sentence_ends_and_blank_lines() -> None:
    # Most lines end without punctuation: the text is wrapped, so a line end means nothing.
    text = "China and Russia are forging stronger\nties in space with\nRussia offering engines to\nChina in exchange for chips.\n\nNext paragraph."
    assert texts(text) == [
        "China and Russia are forging stronger\nties in space with\nRussia offering engines to\nChina in exchange for chips.",
        "Next paragraph.",
    ]


def test_a_run_on_headline_in_single_quotes_ends_before_the_next_sentence() -> None:
    text = "“We need it,” Zhou said. Rocket ‘choked to death’, but flights to resume this year Russia’s wealth of experience dates back. Then it flew."
    assert texts(text) == [
        "“We need it,” Zhou said.",
        "Rocket ‘choked to death’, but flights to resume this year",
        "Russia’s wealth of experience dates back.",
        "Then it flew.",
    ]


def test_single_quotes_in_a_sentence_that_runs_on_into_a_name_do_not_split_it() -> None:
    # The capitalised word follows a word that introduces names ("the", "said", "of").
    for text in (
        "“Yes,” he said. The rocket ‘choked’, said Rogozin of Roscosmos.",
        "“Yes,” he said. The ‘near-space’ plan of the Soviet era was revived.",
    ):
        assert len(texts(text)) == 2, texts(text)
    # A text that quotes with single marks throughout (British style) gives ‘…’ no weight.
    assert texts("The rocket ‘choked’, experts said Rogozin was wrong.") == ["The rocket ‘choked’, experts said Rogozin was wrong."]
    assert len(texts("The rocket ‘choked’, the analyst Zhou said. ‘Yes’ she said.")) == 2


def test_the_real_source_has_the_headline_as_a_unit_even_without_its_not_claims_entry() -> None:
    text = (REPO / "sources" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    units = texts(text)
    assert HEADLINE in units
    i = units.index(HEADLINE)
    assert units[i - 1].endswith("Zhou said.")
    assert units[i + 1] == "Russia’s wealth of experience in launching heavy-lift rockets dates back to the Soviet era."
    assert len(units) == 19  # 18 sentences of the article and the scraped headline


def _copy_without_not_claims(dest: Path) -> Path:
    copy_project(dest)  # with the site's configuration: pages are read as it renders them
    record = dest / "sources" / f"{SOURCE_ID}.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("not_claims:")], encoding="utf-8")
    return dest


@pytest.fixture
def without_not_claims(tmp_path: Path) -> Path:
    return _copy_without_not_claims(tmp_path / "p")


def test_removing_the_headlines_not_claims_entry_fails_the_check_at_the_headline(without_not_claims: Path) -> None:
    r = run_cli("check", root=without_not_claims)
    assert r.code == 1, r.out + r.err
    assert "Traceback" not in r.out + r.err
    col = (REPO / "sources" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8").index(HEADLINE) + 1
    errors = [line for line in r.lines if ": error[" in line]
    assert errors == [
        f"sources/{SOURCE_ID}.txt:1:{col}: error[sentence-uncovered]: no claim cites this sentence: "
        f"{HEADLINE[:80]!r}…; add a claim, or list it under not_claims with a reason"
    ]
    assert "coverage scmp-russia-rocket-engines-2019 18/19 sentences" in r.err


def test_coverage_command_lists_the_uncovered_headline(without_not_claims: Path) -> None:
    r = run_cli("coverage", root=without_not_claims)
    assert "Traceback" not in r.out + r.err
    assert HEADLINE[:40] in r.out, r.out
