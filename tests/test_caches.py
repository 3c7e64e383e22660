"""The caches speed the check up and can never change its answer.

- A verdict is replayed only when nothing the check reads has changed: any edit is seen, even
  one that keeps a file's size and modification time.
- Cached support verdicts are keyed by everything they read: renaming an entity or changing a
  claim an inference rests on is seen at once.
- A cache file that this user's checker did not sign (say, one committed to the repository by a
  pull request) is ignored, whatever it says.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

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


def fresh(root: Path) -> verify.Verdict:
    return verify.verdict(root, use_cache=False)


def test_an_unchanged_briefing_is_replayed_with_the_same_verdict(mini: Path) -> None:
    first = verify.verdict(mini)
    second = verify.verdict(mini)
    assert not first.replayed and second.replayed
    assert (second.diagnostics, second.claims, second.sources, second.coverage) == (
        first.diagnostics,
        first.claims,
        first.sources,
        first.coverage,
    )
    assert second.claims == 4 and not codes(second)


def _same_size_and_time(path: Path, old: bytes, new: bytes) -> None:
    assert len(old) == len(new) and old != new
    st = path.stat()
    path.write_bytes(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


EDITS = {
    # name: (what to do to the project, the error code the check must then report)
    "quote letter, same size and mtime": (
        lambda r: _same_size_and_time(
            p := r / "facts/claims/bridge-cost-25-million.yml", b := p.read_bytes(), b.replace(b"quote: The bridge", b"quote: The bridgE")
        ),
        "quote-not-found",
    ),
    "source byte": (lambda r: (p := r / "sources/mini.txt").write_bytes(p.read_bytes().replace(b"Monday", b"Sunday")), "source-hash-mismatch"),
    "stray file": (lambda r: (r / "facts/claims/notes.txt").write_text("x", encoding="utf-8"), "unexpected-file"),
    "claim deleted": (lambda r: (r / "facts/claims/bridge-cost-25-million.yml").unlink(), "sentence-uncovered"),
    "page changed": (
        lambda r: (p := r / "docs/topics/bridge.md").write_text(p.read_text(encoding="utf-8").replace("topic: bridge", "topic: bridges"), encoding="utf-8"),
        "unknown-topic",
    ),
    "link out of the repository": (
        lambda r: (
            (p := r / "facts/entities/ministry.yml").rename(r.parent / "outside.yml"),
            p.symlink_to(r.parent / "outside.yml"),
        ),
        "symlink",
    ),
    "entity renamed": (
        lambda r: (p := r / "facts/entities/ministry.yml").write_text(
            p.read_text(encoding="utf-8").replace("name: The Ministry", "name: The Office").replace("aliases: [Ministry]", "aliases: [Office]"),
            encoding="utf-8",
        ),
        "entity-not-in-evidence",
    ),
    "sub-folder added": (lambda r: (r / "facts/claims/drafts").mkdir(), "unexpected-folder"),
    "page with another Markdown suffix": (lambda r: (r / "docs/notes.markdown").write_text("{{ config }}\n", encoding="utf-8"), "page-template"),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_every_edit_is_seen_after_a_warm_run(mini: Path, edit: str) -> None:
    change, code = EDITS[edit]
    verify.verdict(mini)
    assert verify.verdict(mini).replayed  # warm: the next answer would come from the cache
    change(mini)
    after = verify.verdict(mini)
    assert not after.replayed
    assert code in codes(after), after.diagnostics
    assert after.diagnostics == fresh(mini).diagnostics  # exactly what a run without any cache says
    assert verify.verdict(mini).replayed  # and that new verdict is what is kept


def test_a_reader_facing_field_is_checked_again_when_a_claim_it_is_held_to_changes(mini: Path) -> None:
    """The reader-facing fields keep their findings per record (so one edited claim does not read
    the whole briefing again): an entity's description is held to the claims that name it, and a
    claim that still holds up but no longer gives a word of it must bring that word's error back."""
    ent = mini / "facts/entities/ministry.yml"
    ent.write_text(ent.read_text(encoding="utf-8") + "description: The Ministry said on Monday that the bridge would open.\n", encoding="utf-8")
    assert not codes(verify.verdict(mini))
    claim = mini / "facts/claims/ministry-says-bridge-opens-2021.yml"
    claim.write_text(
        claim.read_text(encoding="utf-8").replace(
            "    quote: The Ministry said on Monday that the bridge would open in 2021",
            "    quote: The Ministry said\n  - source: mini\n    quote: that the bridge would open in 2021",
        ),
        encoding="utf-8",
    )
    after = verify.verdict(mini)
    assert not after.replayed
    assert codes(after) == ["content-word-unsupported"], after.diagnostics
    assert after.diagnostics[0].path == "facts/entities/ministry.yml"
    assert after.diagnostics == fresh(mini).diagnostics


def test_an_inference_is_checked_again_when_a_claim_it_rests_on_changes(mini: Path) -> None:
    (mini / "facts/claims/opening-year-inferred.yml").write_text(
        "id: opening-year-inferred\n"
        "statement: The bridge is expected to open in 2021.\n"
        "kind: inference\n"
        "topics: [bridge]\n"
        "entities: []\n"
        "based_on: [officials-say-open-after-tests]\n"
        "basis: The officials give that year.\n"
        "citations:\n"
        "  - source: mini\n"
        "    quote: Officials said the bridge would open\n",
        encoding="utf-8",
    )
    assert not codes(verify.verdict(mini))
    # The claim it rests on no longer carries the year: the inference's 2021 is now unsupported.
    dep = mini / "facts/claims/officials-say-open-after-tests.yml"
    dep.write_text(
        dep.read_text(encoding="utf-8")
        .replace("would open in 2021 after tests.", "would open after tests.")
        .replace("quote: Officials said the bridge would open in 2021 after tests", "quote: Officials said the bridge would open"),
        encoding="utf-8",
    )
    after = verify.verdict(mini)
    assert "number-unsupported" in codes(after), after.diagnostics
    assert after.diagnostics == fresh(mini).diagnostics


def _forge(root: Path, name: str, blob: dict, key: bytes) -> None:
    store = cache.SignedStore(root, name)
    body = json.dumps({"version": store.version, **blob}).encode()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(cache._mac(key, body) + b"\n" + body)


def test_a_cache_file_not_signed_by_this_user_is_ignored(mini: Path) -> None:
    claim = mini / "facts/claims/bridge-cost-25-million.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("cost 25 million euros", "cost 52 million euros"), encoding="utf-8")
    good = fresh(mini)
    assert "number-unsupported" in codes(good) or "quote-not-found" in codes(good)
    # A pull request could commit .cache/briefing/run.json saying all is well, for exactly this
    # content, and records.json saying the record is fine: both signed with another key.
    digest, _ = verify.fingerprint(mini)
    ok = {"diagnostics": [], "claims": 4, "sources": 1, "coverage": {"mini": [4, 4]}}
    _forge(mini, "run", {"fingerprint": digest, "verdict": ok}, key=b"not-this-users-key".ljust(32, b"!"))
    assert verify.verdict(mini).diagnostics == good.diagnostics
    # The same file signed with this user's own key is trusted: the signature is the whole test.
    key = cache._signing_key()
    assert key is not None
    _forge(mini, "run", {"fingerprint": digest, "verdict": ok}, key=key)
    assert verify.verdict(mini).replayed


def test_a_tampered_cache_file_is_ignored(mini: Path) -> None:
    verify.verdict(mini)
    run = mini / ".cache/briefing/run.json"
    mac, _, body = run.read_bytes().partition(b"\n")
    run.write_bytes(mac + b"\n" + body.replace(b'"claims":4', b'"claims":5'))
    v = verify.verdict(mini)
    assert not v.replayed and v.claims == 4


def test_without_a_place_for_the_key_the_check_runs_without_caches(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = mini.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    cache._signing_key.cache_clear()
    first, second = verify.verdict(mini), verify.verdict(mini)
    assert not first.replayed and not second.replayed
    assert not (mini / ".cache").exists()
    assert first.diagnostics == second.diagnostics == fresh(mini).diagnostics


def test_a_small_edit_writes_a_delta_and_a_large_one_rewrites_the_cache(mini: Path) -> None:
    verify.verdict(mini)
    records = mini / ".cache/briefing/records.json"
    delta = mini / ".cache/briefing/records.delta.json"
    base = records.read_bytes()
    claim = mini / "facts/claims/officials-say-open-after-tests.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("Unnamed officials", "Officials"), encoding="utf-8")
    after = verify.verdict(mini)
    assert records.read_bytes() == base and delta.is_file()  # one entry written, not the whole file
    assert after.diagnostics == fresh(mini).diagnostics
    (mini / ".cache/briefing/run.json").unlink()  # no replay: the records come from base + delta
    assert verify.verdict(mini).diagnostics == fresh(mini).diagnostics
    for path in sorted((mini / "facts/claims").glob("*.yml")):  # every claim changes: past 1/8
        path.write_text(path.read_text(encoding="utf-8") + "note: edited\n", encoding="utf-8")
    again = verify.verdict(mini)
    assert records.read_bytes() != base and not delta.exists()
    assert again.diagnostics == fresh(mini).diagnostics


def test_a_change_outside_the_record_folders_that_the_checks_read_is_seen(mini: Path) -> None:
    (mini / "mkdocs.yml").write_text("site_name: Mini\n", encoding="utf-8")
    verify.verdict(mini)
    assert verify.verdict(mini).replayed
    (mini / "mkdocs.yml").write_text("site_name: Mini\nplugins:\n  - macros:\n      j2_variable_start_string: '[['\n", encoding="utf-8")
    after = verify.verdict(mini)
    assert not after.replayed
    assert after.diagnostics == fresh(mini).diagnostics


def test_a_new_commit_is_a_new_input(mini: Path) -> None:
    """The checks read the history (withdrawn ids): a verdict is never replayed across commits."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(mini), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "one")
    verify.verdict(mini)
    assert verify.verdict(mini).replayed
    git("-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "two")
    assert not verify.verdict(mini).replayed


@pytest.mark.parametrize("n", [0, 1, 1999, 2000, 2001, 4500])
def test_a_cache_file_written_in_pieces_is_the_one_json_document(n: int) -> None:
    blob = {"version": "v", "stamp": "s", "entries": {f"k{i}": {"data": [i, "é’ \\u2028"], "problems": []} for i in range(n)}}
    body = b"".join(cache._json_pieces(blob))
    assert body == json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode()
    assert json.loads(body) == blob


def test_the_code_digest_covers_every_module_of_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit to any module, in a sub-package such as briefing/rules/ too, is a new code digest:
    cached verdicts made by the old rules are never replayed."""
    copy = tmp_path / "briefing"
    shutil.copytree(REPO / "briefing", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache.code_digest.cache_clear()
    try:
        before = cache.code_digest()
        for module in (copy / "rules" / "support.py", copy / "text.py"):
            module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
            cache.code_digest.cache_clear()
            after = cache.code_digest()
            assert after != before, module
            before = after
    finally:
        cache.code_digest.cache_clear()


_MODULES_AFTER = """
import sys
from briefing.cli import main
code = main(["check", "--root", sys.argv[1]])
print(code, " ".join(sorted(m for m in sys.modules if m.startswith("briefing"))))
"""


def test_a_replayed_check_imports_none_of_the_checks(mini: Path) -> None:
    """The editor's loop and CI's second run replay the verdict: reading the fingerprint and the
    stored verdict must not import the loader, the rules or the commands that write files."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.run([sys.executable, "-c", _MODULES_AFTER, str(mini)], capture_output=True, text=True, env=env, check=True, cwd=mini) for _ in range(2)]
    (first_code, *first), (second_code, *second) = (r.stdout.split("\n")[-2].split() for r in runs)
    assert first_code == second_code == "0"
    assert "briefing.rules" in first and "briefing.loader" in first  # the first run checked
    heavy = {"briefing.loader", "briefing.rules", "briefing.yamlsafe", "briefing.lexicon", "briefing.anchor", "briefing.newclaim", "briefing.addsource", "briefing.withdraw"}
    assert not heavy & set(second), sorted(heavy & set(second))


def test_the_help_still_lists_every_command() -> None:
    from briefing.cli import build_parser

    for argv in (None, ["-h"], ["chek"], ["new"]):
        choices = build_parser(argv)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert {"check", "coverage", "locate", "export", "new", "add-source", "reextract", "not-claim", "withdraw"} <= set(choices), argv
    assert set(build_parser(["check"])._subparsers._group_actions[0].choices) == {"check", "coverage", "locate", "export"}  # type: ignore[union-attr]
