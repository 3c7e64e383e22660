"""The memoised support verdicts see what the newer support rules read.

A statement may name any entity, so a support verdict depends on the names of every entity, not
only the ones a claim lists: adding or renaming an entity must be seen by a warm check at once,
exactly as by a check without any cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from briefing import cache, verify

MINI = FIXTURES / "mini"


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache._signing_key.cache_clear()
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    yield root
    cache._signing_key.cache_clear()


def codes(v: verify.Verdict) -> list[str]:
    return [d.code for d in v.diagnostics if d.severity == "error"]


def _warm(root: Path) -> None:
    verify.verdict(root)
    assert verify.verdict(root).replayed
    (root / ".cache/briefing/run.json").unlink()  # no replay: the check runs, on its memoised verdicts


def test_an_added_entity_that_a_statement_names_is_seen(mini: Path) -> None:
    _warm(mini)
    # "the old bridge" is in the Silva claim's statement and quote: it must now be listed.
    (mini / "facts/entities/old-bridge.yml").write_text("id: old-bridge\nname: old bridge\ntype: place\n", encoding="utf-8")
    after = verify.verdict(mini)
    assert "entity-not-listed" in codes(after), after.diagnostics
    assert after.diagnostics == verify.verdict(mini, use_cache=False).diagnostics


def test_a_renamed_alias_that_a_statement_names_is_seen(mini: Path) -> None:
    _warm(mini)
    ent = mini / "facts/entities/ministry.yml"
    ent.write_text(ent.read_text(encoding="utf-8").replace("aliases: [Ministry]", "aliases: [Ministry, euros]"), encoding="utf-8")
    after = verify.verdict(mini)
    # "euros" is in the bridge-cost statement and quote, and that claim does not list ministry.
    assert "entity-not-listed" in codes(after), after.diagnostics
    assert after.diagnostics == verify.verdict(mini, use_cache=False).diagnostics
