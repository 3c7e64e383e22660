"""One named test per claim file of the real briefing: it loads, anchors and passes every check."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import REPO

from briefing.loader import load_briefing
from briefing.normalise import normalise
from briefing.rules import run_all

CLAIM_FILES = sorted((REPO / "facts" / "claims").glob("*.yml"))


@cache
def checked() -> tuple[object, dict[str, list[str]]]:
    b, diags = load_briefing(REPO, use_cache=False)
    report = run_all(b)
    by_path: dict[str, list[str]] = {}
    for d in diags + report.diagnostics:
        if d.code != "override":  # the exceptions editors wrote: listed below, one by one
            by_path.setdefault(d.path, []).append(d.format())
    return b, by_path


# The exceptions the briefing's claims carry, each an inference about what the article leaves
# out, where no quote can hold the negation. A new one is a reviewer's decision: add it here.
# Each an inference about an absence in the text, which no quote can show (reviewed one by one).
OVERRIDES = {
    "article-names-no-russian-engine-on-offer": "negation_differs",  # the article names no engine
    "article-offer-wording-firmer-than-quote": "negation_differs",  # no quotation ties engines to microelectronics
    "article-reports-no-agreement": "negation_differs",  # no agreement is reported
    "article-reports-no-chinese-official-response": "negation_differs",  # no Chinese official is reported answering
    "cnsa-plans-dated-to-about-2029": "negation_differs",  # the article does not say when the plans were made
}


def test_the_briefings_exceptions_are_the_reviewed_ones() -> None:
    b, _diags = load_briefing(REPO, use_cache=False)
    found = {d.path.removeprefix("facts/claims/").removesuffix(".yml") for d in run_all(b).diagnostics if d.code == "override"}
    assert found == set(OVERRIDES)
    for cid, key in OVERRIDES.items():
        assert key in b.claims[cid].data and b.claims[cid].kind == "inference"


@pytest.mark.parametrize("path", CLAIM_FILES, ids=[p.stem for p in CLAIM_FILES])
def test_claim(path) -> None:
    b, by_path = checked()
    rel = path.relative_to(REPO).as_posix()
    assert by_path.get(rel, []) == []
    claim = b.claims[path.stem]  # type: ignore[attr-defined]
    text = b.sources  # type: ignore[attr-defined]
    for cit in claim.citations:
        assert cit.span is not None
        assert text[cit.source].text.text[cit.span.start : cit.span.end] == cit.span.exact


def test_whole_briefing_is_clean_and_fully_covered() -> None:
    b, by_path = checked()
    assert by_path == {}, "\n".join(line for lines in by_path.values() for line in lines)
    report = run_all(b)  # type: ignore[arg-type]
    # Every source on disk, every one of its sentences cited (however many the sources hold).
    assert sorted(report.coverage) == sorted(p.stem for p in (REPO / "sources").glob("*.yml"))
    assert all(covered == total > 0 for covered, total in report.coverage.values()), report.coverage


# How each claim is told: every attributed and speculation claim of the briefing, and the key
# reported ones (the article's own voice, never a speaker's). (kind, speaker, relayed_by)
TOLD = {
    # Rogozin, through Sputnik: the two claims on the quotation Sputnik relayed.
    "rogozin-says-cooperation-could-involve-launching-chinese-spacecraft": ("attributed", "dmitry-rogozin", "sputnik"),
    "rogozin-says-cooperation-could-involve-engine-deliveries": ("attributed", "dmitry-rogozin", "sputnik"),
    # Rogozin, with no relay named by the article.
    "russia-offers-engines-for-chinese-microelectronics": ("attributed", "dmitry-rogozin", None),
    "rogozin-says-russia-keen-to-launch-chinese-satellites": ("attributed", "dmitry-rogozin", None),
    "rogozin-quoted-on-needing-chinese-microelectronics": ("attributed", "dmitry-rogozin", None),
    "rogozin-says-both-countries-would-discuss-near-space-infrastructure": ("attributed", "dmitry-rogozin", None),
    "rogozin-says-chinese-delegation-to-visit-roscosmos": ("attributed", "dmitry-rogozin", None),
    "rogozin-says-satellite-navigation-potential-cooperation-area": ("attributed", "dmitry-rogozin", None),
    # Zhou Chenming's are his.
    "zhou-says-russian-technology-could-help-plug-gap": ("attributed", "zhou-chenming", None),
    "zhou-says-china-urgently-needs-heavy-booster-engines": ("attributed", "zhou-chenming", None),
    "zhou-says-russia-has-good-engine-offerings": ("attributed", "zhou-chenming", None),
    # The article's guess, not Rogozin's word.
    "tiangong-might-be-a-near-space-project": ("speculation", None, None),
    # The article in its own voice (the first sentence's "according to…" may not reach the ties).
    "china-and-russia-forging-stronger-space-ties": ("reported", None, None),
    "rogozin-did-not-specify-near-space-infrastructure": ("reported", None, None),
    "rogozin-is-director-general-of-roscosmos": ("reported", None, None),
    "rogozin-spoke-at-maks-2019": ("reported", None, None),
    "sputnik-is-russian-state-news-agency": ("reported", None, None),
    "zhou-is-beijing-based-military-analyst": ("reported", None, None),
    "china-set-to-complete-beidou-by-next-year": ("reported", None, None),
    "russia-rolling-out-glonass": ("reported", None, None),
    "china-space-ambitions-held-back-by-heavy-lift-engine": ("reported", None, None),
    "long-march-5-is-china-most-advanced-rocket": ("reported", None, None),
    "no-sign-of-long-march-5-on-launch-pad-since-failure": ("reported", None, None),
    "yf-77-is-main-problem": ("reported", None, None),
    "next-launch-not-expected-until-first-half-of-next-year": ("reported", None, None),
    "protons-expected-to-be-replaced-by-angara": ("reported", None, None),
}

# Hedges the statement must keep: an offer stays an offer, "could" stays "could", "expected"
# stays expected, "might" stays "might".
KEEPS = {
    "russia-offers-engines-for-chinese-microelectronics": "offering",
    "rogozin-says-cooperation-could-involve-launching-chinese-spacecraft": "could involve",
    "rogozin-says-cooperation-could-involve-engine-deliveries": "could also involve possible deliveries",
    "zhou-says-russian-technology-could-help-plug-gap": "could help",
    "tiangong-might-be-a-near-space-project": "might be",
    "protons-expected-to-be-replaced-by-angara": "expected to be replaced",
    "next-launch-not-expected-until-first-half-of-next-year": "not expected until",
    "rogozin-says-satellite-navigation-potential-cooperation-area": "potential area",
}


@pytest.mark.parametrize("cid", sorted(TOLD))
def test_each_claim_is_told_as_the_right_kind_by_the_right_voice(cid: str) -> None:
    b, _ = checked()
    c = b.claims[cid]  # type: ignore[attr-defined]
    assert (c.kind, c.speaker, c.relayed_by) == TOLD[cid]


def test_every_attributed_and_speculation_claim_is_in_the_table() -> None:
    b, _ = checked()
    told = {cid for cid, c in b.claims.items() if c.kind in ("attributed", "speculation")}  # type: ignore[attr-defined]
    assert told == {cid for cid, (kind, _, _) in TOLD.items() if kind in ("attributed", "speculation")}
    assert {c.kind for c in b.claims.values()} == {"reported", "attributed", "speculation", "inference"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("cid", sorted(KEEPS))
def test_a_hedged_claim_keeps_its_hedge(cid: str) -> None:
    b, _ = checked()
    assert KEEPS[cid] in b.claims[cid].statement  # type: ignore[attr-defined]


# Every relative time of the article (issue 3) resolved as an inference, with its basis and
# precision: expression -> [(claim id, value, precision, end)].
RELATIVE_TIMES = {
    "on Tuesday": [("rogozin-spoke-on-27-august-2019", "2019-08-27", "day", None)],
    "last year": [("yf-77-redesign-dated-2018", "2018", "year", None)],
    "next year": [
        ("beidou-completion-expected-by-2020", "2020", "year", None),
        ("next-launch-not-expected-before-first-half-2020", "2020-01", "month", "2020-06"),
    ],
    # "Early 2020" has no stated end: the range is given by year, no more precisely.
    "this year": [("chinese-delegation-visit-dated-late-2019-to-early-2020", "2019", "year", "2020")],
    "later this year or in early 2020": [("chinese-delegation-visit-dated-late-2019-to-early-2020", "2019", "year", "2020")],
    "within the next decade": [("cnsa-plans-dated-to-about-2029", "2019", "year", "2029")],
    "as early as the 1960s": [("proton-capacity-about-half-a-century-before-article", "1960", "decade", None)],
    "still in use today": [("proton-in-use-as-of-2019", "2019", "year", None)],
    "since … July 2017": [("long-march-5-off-launch-pad-about-two-years", "2017-07", "month", "2019-08")],
}


def _in_order(pieces: list[str], text: str) -> bool:
    pos = 0
    for piece in pieces:
        i = text.find(piece, pos)
        if i == -1:
            return False
        pos = i + len(piece)
    return True


@pytest.mark.parametrize("expression", list(RELATIVE_TIMES))
def test_each_relative_time_is_resolved_as_an_inference_with_basis_and_precision(expression: str) -> None:
    b, _ = checked()
    pieces = [normalise(p).strip().casefold() for p in expression.split("…")]
    source = normalise(b.sources["scmp-russia-rocket-engines-2019"].text.text).casefold()  # type: ignore[attr-defined]
    assert _in_order(pieces, source), "the expression is the article's"
    for cid, value, precision, end in RELATIVE_TIMES[expression]:
        c = b.claims[cid]  # type: ignore[attr-defined]
        assert c.kind == "inference" and c.based_on and c.basis and c.basis.strip()
        assert c.date is not None and c.date.resolved_from and c.date.basis and c.date.basis.strip()
        assert _in_order(pieces, normalise(c.date.resolved_from).casefold()), (cid, c.date.resolved_from)
        assert (c.date.value, c.date.precision, c.date.end) == (value, precision, end)
