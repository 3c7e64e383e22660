"""The advice a message gives works: followed to the letter, it leads to a passing check, not
into the next error."""

from __future__ import annotations

from pathlib import Path

from test_hostile_helpers import REAL_CLAIMS, SOURCE_ID, SOURCE_TXT, assert_fails_exactly, assert_passes, check

from briefing.anchor import AnchorError, SourceText, anchor
from briefing.loader import ID_RE


def claim(project: Path, cid: str, statement: str, *quotes: str, kind: str = "reported") -> str:
    assert ID_RE.match(cid)
    cites = "".join(f'  - source: {SOURCE_ID}\n    quote: "{q}"\n' for q in quotes)
    rel = f"facts/claims/{cid}.yml"
    (project / rel).write_text(
        f"id: {cid}\nstatement: {statement}\nkind: {kind}\ntopics: [heavy-lift-gap]\nentities: []\ncitations:\n{cites}", encoding="utf-8"
    )
    return rel


SKIPPING = "The engine was redesigned last year … until the first half of next year"
BEFORE, NEGATED = "The engine was redesigned last year", "the next launch is not expected until the first half of next year"


def test_an_ellipsis_over_a_negation_gets_advice_that_passes(project: Path) -> None:
    text = SourceText((project / SOURCE_TXT).read_text(encoding="utf-8"))
    try:
        anchor(text, SKIPPING)
    except AnchorError as exc:
        assert exc.code == "ellipsis-skips-negation"
        advice = exc.message
    else:
        raise AssertionError("the ellipsis skips 'not' and must fail")
    assert "quote the skipped words too" in advice and "in two separate claims" in advice
    # 1. The skipped words quoted too, the negation kept in the statement.
    whole = "The engine was redesigned last year, but after repeated cancellations and delays, " + NEGATED
    claim(
        project,
        "advice-quote-it-all",
        "The engine was redesigned last year, but the next launch is not expected before the first half of next year.",
        whole,
    )
    # 2. The two parts as two claims.
    claim(project, "advice-first-part", "The engine was redesigned in the year before the article.", BEFORE)
    claim(project, "advice-second-part", "The next launch is not expected before the first half of next year.", NEGATED)
    assert_passes(check(project), claims=REAL_CLAIMS + 3)
    # What the message warns against: the parts as two citations of one claim skip the "not" too.
    rel = claim(
        project,
        "advice-split-in-one-claim",
        "The article says the engine was redesigned last year, and mentions the first half of next year.",
        BEFORE,
        "until the first half of next year",
    )
    (d,) = assert_fails_exactly(check(project), {(rel, 10, 12, "citations-skip-negation")}, claims=REAL_CLAIMS + 4)
    assert "drops 'not'" in d.message
