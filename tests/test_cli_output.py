"""What the check prints at the end: short enough to read for one source or five hundred; and
how its process ends."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

from conftest import REPO

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


def test_a_profiled_check_writes_its_profile(tmp_path: Path) -> None:
    """`python -m briefing` ends without the interpreter's teardown, except under a profiler,
    which writes what it gathered as the process ends (the benchmark profiles the check so)."""
    prof = tmp_path / "check.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "briefing", "check", "--root", str(REPO)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEFING_NO_CACHE": "1"}
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env, timeout=300, check=False)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "check OK" in p.stdout
    assert pstats.Stats(str(prof)).total_calls > 0
