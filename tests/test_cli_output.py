"""What the check prints at the end: short enough to read for one source or five hundred."""

from __future__ import annotations

from briefing.cli import coverage_summary


def test_a_few_sources_are_each_named_with_their_figure() -> None:
    assert coverage_summary({"mini": (4, 4)}) == "mini 4/4 sentences"
    assert coverage_summary({"a": (1, 2), "b": (3, 3)}) == "a 1/2 sentences, b 3/3 sentences"


def test_many_sources_give_the_total_and_name_only_the_incomplete_ones() -> None:
    cov = {f"src-{i:03}": (16, 16) for i in range(544)}
    assert coverage_summary(cov) == "8704/8704 sentences in 544 sources, 0 incomplete"
    cov["src-007"] = (15, 16)
    assert coverage_summary(cov) == "8703/8704 sentences in 544 sources, 1 incomplete (src-007 15/16)"
    for i in range(10):
        cov[f"src-{i:03}"] = (0, 16)
    out = coverage_summary(cov)
    assert out.startswith("8544/8704 sentences in 544 sources, 10 incomplete (src-000 0/16, ")
    assert out.endswith(", …)") and out.count("/16") == 5
