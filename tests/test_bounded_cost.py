"""Bounded cost: what a hostile source can make the check do grows with its size, not its square.

No timings here (`make bench` has them): each bound is shown by counting the work done, with the
same count for a source ten times longer, or by a cap on what is enumerated. The command line
runs once on the issue's own case (a 400 KB source of one repeated word and a claim with twenty
one-word quotes), with a generous timeout only as a guard against a hang.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from briefing import anchor as anchor_mod
from briefing.anchor import MAX_ELLIPSIS_GAP, MAX_MATCHES, AnchorError, SourceText, anchor
from briefing.loader import MAX_FILE_BYTES

MINI = FIXTURES / "mini"
FILLER = "Nothing happened on that day. "


def add_source(root: Path, sid: str, text: bytes) -> None:
    (root / "sources" / f"{sid}.txt").write_bytes(text)
    (root / "sources" / f"{sid}.yml").write_text(
        f"id: {sid}\ntitle: Flood\npublisher: Example Gazette\nurl: https://example.org/{sid}\nlanguage: en\n"
        'published: {value: "2020-03", precision: month}\nretrieved: {value: "2020-03-02", precision: day}\n'
        f"sha256: {hashlib.sha256(text).hexdigest()}\n",
        encoding="utf-8",
    )


def test_the_issues_hostile_source_is_answered_at_once(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    add_source(root, "flood", ("Intro. " + "word " * 80_000).strip().encode() + b".")
    cits = "".join("  - source: flood\n    quote: word\n" for _ in range(20))
    (root / "facts" / "claims" / "flood-words.yml").write_text(
        f"id: flood-words\nstatement: The article says word.\nkind: reported\ntopics: [bridge]\nentities: []\ncitations:\n{cits}",
        encoding="utf-8",
    )
    r = run_cli("check", root=root, timeout=120)  # a hang guard, not a measure
    assert "Traceback" not in r.out + r.err
    got = [line.split(": ", 2)[:2] for line in r.out.splitlines() if ": error[" in line]
    assert got == [[f"facts/claims/flood-words.yml:{8 + 2 * i}:12", "error[quote-too-common]"] for i in range(20)] + [
        ["sources/flood.txt:1:1", "error[sentence-uncovered]"]
    ], r.out


def _count(monkeypatch: pytest.MonkeyPatch, obj: object, name: str, measure: object = None) -> list[int]:
    """Wrap obj.name to record a number per call (1, or what `measure` says of its arguments)."""
    seen: list[int] = []
    real = getattr(obj, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        seen.append(measure(*args, **kwargs) if callable(measure) else 1)
        return real(*args, **kwargs)

    monkeypatch.setattr(obj, name, wrapped)
    return seen


def test_matches_are_enumerated_up_to_a_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    src = SourceText("Intro. " + "word " * 80_000)
    finds = _count(monkeypatch, SourceText, "find")
    with pytest.raises(AnchorError) as err:
        anchor(src, "word")
    assert err.value.code == "quote-too-common"
    assert len(finds) == MAX_MATCHES + 1  # one search per match kept, then it stops
    finds.clear()
    with pytest.raises(AnchorError):
        anchor(src, "word")
    assert finds == []  # the same citation again is not searched again


def _spread(matches: int, gap: int) -> str:
    """`matches` places of "word" (the first after "Intro. The", the others after "day. The"),
    `gap` sentences of filler between them: the longer the gap, the longer the source, with the
    same matches in the same words."""
    return "Intro. The word. " + "".join(FILLER * gap + "The word. " for _ in range(matches - 1))


def test_the_suggested_prefix_costs_the_same_whatever_the_sources_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing a prefix compares a few words with the text before each other match, in place:
    the characters compared do not grow with the text between matches (they did: each match
    copied all the text before it)."""
    work = []
    for gap in (1, 10):
        compared = _count(monkeypatch, anchor_mod, "tail_is", lambda hay, end, words: len(words))
        with pytest.raises(AnchorError) as err:
            anchor(SourceText(_spread(MAX_MATCHES, gap)), "word")
        assert err.value.code == "quote-ambiguous" and "prefix: 'Intro. The'" in err.value.message
        work.append(sum(compared))
        monkeypatch.undo()
    # "The" (shared by the next match: one comparison), then "Intro. The" against each other match.
    assert work[0] == work[1] == len("The") + (MAX_MATCHES - 1) * len("Intro. The")


def test_a_prefix_filter_costs_the_same_whatever_the_sources_length(monkeypatch: pytest.MonkeyPatch) -> None:
    work = []
    for gap in (1, 10):
        compared = _count(monkeypatch, anchor_mod, "tail_is", lambda hay, end, words: len(words))
        assert anchor(SourceText(_spread(MAX_MATCHES, gap)), "word", prefix="Intro. The").start == len("Intro. The ")
        work.append(sum(compared))
        monkeypatch.undo()
    assert work[0] == work[1] == MAX_MATCHES * len("Intro. The")


def test_an_ellipsis_looks_for_its_next_piece_only_within_the_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each later piece is searched for in a window of the gap's size after the piece before: a
    rare second piece costs the gap per match, not the rest of the source per match."""
    for gap in (1, 10):
        windows = _count(
            monkeypatch,
            SourceText,
            "find",
            lambda self, needle, start=0, aligned=False, end=None: (end if end is not None else len(self.norm.text)) - start,
        )
        with pytest.raises(AnchorError) as err:
            anchor(SourceText(_spread(MAX_MATCHES, gap)), "word … zebra")
        assert err.value.code == "quote-not-found"
        later = windows[MAX_MATCHES + 1 : 2 * MAX_MATCHES + 1]  # after the first piece's own searches
        assert len(later) == MAX_MATCHES and all(w <= MAX_ELLIPSIS_GAP + len("zebra") for w in later)
        monkeypatch.undo()


def test_a_long_quote_is_explained_by_its_beginning() -> None:
    src = SourceText(_spread(10, 3))
    quote = "The word was never said " + "and so on " * 2000
    with pytest.raises(AnchorError) as err:
        anchor(src, quote)
    assert err.value.code == "quote-not-found" and "closest passage" in err.value.message
    assert len(quote) > anchor_mod.MAX_EXPLAINED


def test_files_over_the_limit_are_refused_unread(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    big = b"Big. " * (MAX_FILE_BYTES // 5 + 1)
    add_source(root, "big", big)
    (root / "docs" / "big.md").write_bytes(b"# Big\n\n" + big)
    (root / "facts" / "claims" / "big.yml").write_bytes(b"id: big\nnote: " + big)
    r = run_cli("check", root=root, timeout=120)
    errors = {line.split(": ", 2)[1] + " " + line.split(":", 1)[0] for line in r.out.splitlines() if ": error[" in line}
    assert {"error[source-too-large] sources/big.txt", "error[file-too-large] docs/big.md", "error[file-too-large] facts/claims/big.yml"} <= errors
    assert f"{MAX_FILE_BYTES:,} bytes" in r.out


def test_an_archive_may_be_larger_than_a_text_and_a_warm_check_sees_it_change(tmp_path: Path) -> None:
    """The 1 MiB limit is for texts, records and pages; a source's archived original may hold up
    to 16 MiB. One over 1 MiB is read and hashed, and the verdict cache digests its bytes (not
    only its size): changed in place, it is checked again."""
    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    archive = root / "sources" / "mini.warc.gz"
    raw = bytes(range(256)) * (2 * MAX_FILE_BYTES // 256)
    archive.write_bytes(raw)
    record = root / "sources" / "mini.yml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + f"archive:\n  sha256: {hashlib.sha256(raw).hexdigest()}\n  media_type: text/plain\n  extractor: test 1.0\n",
        encoding="utf-8",
    )
    env = {"BRIEFING_NO_CACHE": "0", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run_cli("check", root=root, env=env)
    assert first.code == 0, first.out + first.err
    archive.write_bytes(raw[::-1])  # the same size, other bytes
    second = run_cli("check", root=root, env=env)
    assert second.code == 1 and "error[archive-hash-mismatch]" in second.out, second.out
