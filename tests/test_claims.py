"""One named test per claim file of the real briefing: it loads, anchors and passes every check."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import REPO

from briefing.checks import run_all
from briefing.loader import load_briefing

CLAIM_FILES = sorted((REPO / "facts" / "claims").glob("*.yml"))


@cache
def checked() -> tuple[object, dict[str, list[str]]]:
    b, diags = load_briefing(REPO, use_cache=False)
    report = run_all(b)
    by_path: dict[str, list[str]] = {}
    for d in diags + report.diagnostics:
        by_path.setdefault(d.path, []).append(d.format())
    return b, by_path


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


def test_kinds_are_told_right() -> None:
    b, _ = checked()
    claims = b.claims  # type: ignore[attr-defined]
    kinds = {c.kind for c in claims.values()}
    assert kinds == {"reported", "attributed", "speculation", "inference"}
    for c in claims.values():
        if c.kind == "attributed":
            assert c.speaker in {"dmitry-rogozin", "zhou-chenming"}
        if "tiangong" in c.entities and c.kind != "inference":
            assert c.kind in ("speculation", "reported")
    assert any(c.relayed_by == "sputnik" for c in claims.values())
