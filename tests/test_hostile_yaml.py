"""Hostile and broken YAML: every case fails the check with one clear diagnostic at the right
place, runs nothing, prints no traceback, and loses none of the other records."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_hostile_helpers import HOSTILE, REAL_CLAIMS, add, assert_fails_exactly, assert_passes, check, errors

# fixture (under tests/fixtures/hostile/) -> (line, col, code, words the message must contain)
CASES: dict[str, tuple[int, int, str, str]] = {
    # syntax errors: at the mistake (the bracket never closed), not where the parser stopped
    "yaml/hostile-syntax-error.yml": (4, 9, "yaml-syntax", "this [ is never closed: end the list with ] on this line"),
    "yaml/hostile-two-documents.yml": (9, 1, "yaml-multiple-documents", "more than one YAML document"),
    # tabs
    "yaml/hostile-tab-indent.yml": (7, 1, "yaml-tab", "indent with spaces"),
    # duplicate keys, at the top and inside a citation: the second one is named, with the first's line
    "yaml/hostile-duplicate-key.yml": (9, 1, "yaml-duplicate-key", "key 'statement' appears twice in one mapping (first on line 2)"),
    "yaml/hostile-nested-duplicate-key.yml": (9, 5, "yaml-duplicate-key", "key 'source' appears twice in one mapping (first on line 7)"),
    # tags: Python object construction, other languages' and custom tags, non-record YAML types
    "yaml/hostile-python-tag.yml": (2, 12, "yaml-tag", "'!!python/object/apply:os.system' is not allowed"),
    "yaml/hostile-python-name-tag.yml": (8, 12, "yaml-tag", "'!!python/name:os.system' is not allowed"),
    "yaml/hostile-custom-tag.yml": (8, 12, "yaml-tag", "'!include' is not allowed"),
    "yaml/hostile-binary-tag.yml": (2, 12, "yaml-tag", "'!!binary' is not allowed"),
    "yaml/hostile-set-tag.yml": (4, 9, "yaml-tag", "'!!set' is not allowed"),
    # anchors and aliases, alone or together, merge keys, and the billion-laughs alias bomb
    "yaml/hostile-anchor-alias.yml": (5, 11, "yaml-alias", "anchors and aliases"),
    "yaml/hostile-lone-anchor.yml": (2, 12, "yaml-alias", "anchors and aliases"),
    "yaml/hostile-merge-key.yml": (8, 5, "yaml-alias", "merge keys (<<) are not allowed"),
    "yaml/hostile-alias-bomb.yml": (2, 4, "yaml-alias", "anchors and aliases"),
    # nothing in it
    "yaml/hostile-empty-file.yml": (1, 1, "yaml-empty", "file is empty"),
    "yaml/hostile-comment-only.yml": (1, 1, "yaml-empty", "file is empty"),
    "yaml/hostile-document-marker-only.yml": (1, 1, "yaml-empty", "file is empty"),
    # the wrong shape or type
    "yaml/hostile-list-not-mapping.yml": (1, 1, "not-a-mapping", "not a list"),
    "yaml/hostile-text-not-mapping.yml": (1, 1, "not-a-mapping", "not text"),
    "yaml/hostile-number-for-string.yml": (2, 12, "wrong-type", "statement must be text, not a number"),
    "yaml/hostile-quote-is-a-list.yml": (9, 7, "wrong-type", "citations[0].quote must be text, not a list"),
    "yaml/hostile-string-for-list.yml": (4, 9, "wrong-type", "topics must be a list, not text"),
    "yaml/hostile-string-for-number.yml": (9, 17, "wrong-type", "citations[0].occurrence must be a whole number, not text"),
    "yaml/hostile-bool-for-string.yml": (3, 7, "bad-value", "kind is true/false; it must be one of"),
    "yaml/hostile-too-deep.yml": (9, 27, "yaml-too-deep", "nested more than 20 levels"),
    # control characters: raw in the file, or smuggled in through a double-quoted escape
    "yaml/hostile-control-escape.yml": (2, 12, "yaml-control-char", "U+001B"),
    "bytes/hostile-raw-control.yml": (2, 40, "yaml-control-char", "U+001B"),
    "bytes/hostile-nul-byte.yml": (3, 15, "yaml-control-char", "U+0000"),
    # encodings: a BOM, Latin-1 (column counted in characters), UTF-16
    "bytes/hostile-bom.yml": (1, 1, "yaml-bom", "byte order mark"),
    "bytes/hostile-latin1.yml": (9, 23, "not-utf8", "byte 0xe0 is not valid UTF-8"),
    "bytes/hostile-utf16.yml": (1, 1, "not-utf8", "UTF-16"),
}


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_hostile_yaml_is_rejected_with_one_clear_diagnostic(project: Path, fixture: str) -> None:
    line, col, code, words = CASES[fixture]
    rel = add(project, fixture, "facts/claims")
    r = check(project)
    (d,) = assert_fails_exactly(r, {(rel, line, col, code)})
    assert words in d.message, d.message
    # No hostile file runs anything: the os.system payload would have printed this marker.
    assert "HOSTILE-YAML-RAN" not in r.out + r.err


def test_unknown_keys_are_each_named_with_their_position(project: Path) -> None:
    rel = add(project, "yaml/hostile-unknown-key.yml", "facts/claims")
    r = check(project)
    got = assert_fails_exactly(r, {(rel, 9, 5, "unknown-key"), (rel, 10, 1, "unknown-key")})
    messages = {d.line: d.message for d in got}
    assert "unknown key 'url' in citations[0]" in messages[9]
    assert "unknown key 'onclick'" in messages[10]


def test_alias_bomb_is_refused_at_once_without_blowing_up(project: Path) -> None:
    """Nine levels of nine aliases would expand to 9**9 strings; the first anchor stops it."""
    rel = add(project, "yaml/hostile-alias-bomb.yml", "facts/claims")
    t0 = time.monotonic()
    r = check(project)
    assert time.monotonic() - t0 < 20
    assert_fails_exactly(r, {(rel, 2, 4, "yaml-alias")})
    assert len(r.out) + len(r.err) < 2000  # the output does not grow with the expansion


def test_file_over_one_mebibyte_is_refused_before_parsing(project: Path) -> None:
    base = (HOSTILE / "quotes/hostile-base-claim.yml").read_text(encoding="utf-8")
    body = base.replace("id: hostile-base-claim", "id: hostile-too-large")
    (project / "facts/claims/hostile-too-large.yml").write_text(body + "note: " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    r = check(project)
    (d,) = assert_fails_exactly(r, {("facts/claims/hostile-too-large.yml", 1, 1, "file-too-large")})
    assert "at most 1,048,576 bytes" in d.message


def test_record_with_crlf_line_endings_is_plain_yaml_and_loads(project: Path) -> None:
    """The control case for the byte-level fixtures: Windows line endings are valid YAML."""
    add(project, "bytes/hostile-crlf-record.yml", "facts/claims")
    assert_passes(check(project), claims=REAL_CLAIMS + 1)


def test_every_broken_file_is_reported_in_one_run(project: Path) -> None:
    """All the broken files at once: each is named, none hides another, the real claims remain."""
    expected = set()
    for fixture, (line, col, code, _words) in CASES.items():
        expected.add((add(project, fixture, "facts/claims"), line, col, code))
    r = check(project)
    assert_fails_exactly(r, expected)


def test_broken_record_in_every_record_folder_is_reported(project: Path) -> None:
    """The same strictness in entities/, topics/, judgments/, questions/ and sources/."""
    expected = set()
    for folder in ("facts/entities", "facts/topics", "facts/judgments", "facts/questions", "sources"):
        expected.add((add(project, "yaml/hostile-python-tag.yml", folder), 2, 12, "yaml-tag"))
    r = check(project)
    assert_fails_exactly(r, expected)
    assert all("remove it" in d.message for d in errors(r))
