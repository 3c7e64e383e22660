"""The benchmark's synthetic briefings, and the parse cache the benchmark measures.

No timings here (they live in `make bench`): only that the generator is deterministic and writes
a briefing that passes the check, and that the cache never answers for content it has not seen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_cli

from bench.generate import generate, tree_digest
from briefing.anchor import anchor
from briefing.loader import load_briefing

REPO_ROOT = Path(__file__).resolve().parent.parent

N = 50
CACHED = {"BRIEFING_NO_CACHE": ""}  # run_cli disables the cache unless told otherwise


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    root = tmp_path / "b50"
    generate(root, N)
    return root


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    stats = generate(a, N)
    generate(b, N)
    assert tree_digest(a) == tree_digest(b)
    assert stats["claims"] == N == len(list((a / "facts" / "claims").glob("*.yml")))
    generate(b, N + 1)
    assert tree_digest(a) != tree_digest(b)


def test_synthetic_briefing_passes_the_check(synthetic: Path) -> None:
    r = run_cli("check", root=synthetic)
    assert r.code == 0, r.out + r.err
    assert "0 errors" in r.out
    assert "warning" not in r.out, r.out  # no unused entity or topic either
    assert f"{N} claims" in r.out


def test_synthetic_briefing_uses_every_claim_form(synthetic: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (synthetic / "facts" / "claims").glob("*.yml"))
    for kind in ("reported", "attributed", "speculation", "inference"):
        assert f"kind: {kind}" in text
    assert "…" in text or "..." in text  # an ellipsis quote
    assert "date:" in text and "based_on:" in text and "speaker:" in text


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _claim_with(root: Path, needle: str) -> Path:
    return next(p for p in sorted((root / "facts" / "claims").glob("*.yml")) if needle in p.read_text(encoding="utf-8"))


def test_the_cache_always_sees_an_edit(synthetic: Path) -> None:
    """Content-keyed: a warm cache never hides a change, even one that keeps size and mtime."""
    assert run_cli("check", root=synthetic, env=CACHED).code == 0
    assert (synthetic / ".cache" / "briefing" / "records.json").is_file()
    assert run_cli("check", root=synthetic, env=CACHED).code == 0  # warm

    claim = _claim_with(synthetic, "kind: reported")
    before = claim.read_bytes()
    stat = claim.stat()
    # Same length, same mtime: only the content says it changed.
    text = before.decode()
    quote_at = text.index('quote: "') + len('quote: "')
    flipped = text[:quote_at] + ("Q" if text[quote_at] != "Q" else "X") + text[quote_at + 1 :]
    claim.write_bytes(flipped.encode())
    os.utime(claim, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    r = run_cli("check", root=synthetic, env=CACHED)
    assert r.code == 1 and "quote-not-found" in r.out, r.out

    claim.write_bytes(before)
    assert run_cli("check", root=synthetic, env=CACHED).code == 0

    # A changed source breaks its cached anchors: the hash mismatch is reported at once.
    src = synthetic / "sources" / "src-00001.txt"
    raw = src.read_bytes()
    src.write_bytes(raw.replace(b" ", b"  ", 1))
    r = run_cli("check", root=synthetic, env=CACHED)
    assert r.code == 1 and "source-hash-mismatch" in r.out, r.out
    src.write_bytes(raw)
    assert run_cli("check", root=synthetic, env=CACHED).code == 0

    # An entity renamed: every claim naming it is checked again, not served from the cache.
    entity = next(p for p in sorted((synthetic / "facts" / "entities").glob("*.yml")) if "type: person" not in p.read_text())
    name = next(ln for ln in entity.read_text().splitlines() if ln.startswith("name: "))[len("name: ") :]
    _replace(entity, f"name: {name}", 'name: "Nobody Anywhere"')
    r = run_cli("check", root=synthetic, env=CACHED)
    assert r.code == 1 and "entity-not-in-evidence" in r.out, r.out


def test_a_problem_in_a_cached_record_is_reported_where_a_fresh_parse_puts_it(synthetic: Path) -> None:
    claim = _claim_with(synthetic, "topics: [")
    _replace(claim, "topics: [", "topics: [no-such-topic, ")
    cold = run_cli("check", root=synthetic, env=CACHED)
    warm = run_cli("check", root=synthetic, env=CACHED)  # the record now comes from the cache
    fresh = run_cli("check", root=synthetic)  # no cache at all
    assert cold.code == warm.code == fresh.code == 1
    assert "unknown-topic" in fresh.out
    assert cold.out == warm.out == fresh.out


def test_cached_spans_are_the_spans_anchor_finds(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_NO_CACHE", "")
    load_briefing(synthetic)  # fills the cache
    b, diags = load_briefing(synthetic)  # spans come from it
    assert not [d for d in diags if d.severity == "error"]
    cits = [(c.citations, c.id) for c in b.claims.values()] + [(q.citations, q.id) for q in b.questions.values()]
    n = 0
    for citations, _rid in cits:
        for cit in citations:
            src = b.sources[cit.source]
            assert src.text is not None
            assert cit.span == anchor(src.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
            n += 1
    assert n >= N
    assert (synthetic / ".cache" / "briefing" / "records.json").is_file()  # they did come from the cache


def test_the_plain_baseline_config_drops_the_macros_and_what_serve_watches() -> None:
    from bench.generate import without_macros

    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = without_macros(config)
    assert "watch:" in config and "- macros" in config
    assert "watch:" not in plain and "- macros" not in plain and "module_name: macros" not in plain
    assert without_macros("site_name: x\nwatch:\n  - facts\n  - sources\nplugins:\n  - search\n") == "site_name: x\nplugins:\n  - search\n"


def test_the_recorded_benchmarks_name_no_path_of_the_machine_that_ran_them() -> None:
    """BENCHMARKS.md and its results are published: a profile's header names its file relative
    to the project, and no absolute path of the measuring machine appears anywhere in them."""
    import re

    root = Path(__file__).resolve().parent.parent
    for name in ("BENCHMARKS.md", "bench/results/results.json"):
        text = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.:/])/[\w.-]+/\S*bench/out/", text), name  # e.g. an absolute path to bench/out/cold.prof
