"""Fuzzing the loader and the command line with mutated copies of the real records.

Deterministic (fixed seeds) and bounded in time. Invariants: no traceback, ever; a file that is
not readable YAML holding a mapping is always reported by name with exit code 1; and a run
that exits 0 has lost nothing (every mutated record still loaded).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_project
from test_hostile_helpers import REAL_CLAIMS, check, diagnostics, summary

from briefing import schema, yamlsafe
from briefing.loader import RECORD_DIRS, load_briefing

# Fixed by default; BRIEFING_FUZZ_SEED / BRIEFING_FUZZ_SCALE run a longer, different campaign by hand.
SEED = int(os.environ.get("BRIEFING_FUZZ_SEED", "20240521"))
SCALE = float(os.environ.get("BRIEFING_FUZZ_SCALE", "1"))
IN_PROCESS_SECONDS = 4.0 * SCALE
CLI_SECONDS = 9.0 * SCALE
CLI_MIN_ROUNDS = 8  # run at least this many even on a slow machine

_TOKENS = [
    b"!!python/object/apply:os.system ['echo FUZZ-RAN-$((6*7))'] ",
    b"!!python/name:os.system ",
    b"!custom ",
    b"!!binary ",
    b"&anchor ",
    b"*anchor ",
    b"<<: ",
    b"? ",
    b"- ",
    b": ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"'",
    b'"',
    b"|",
    b">",
    b"#",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"\t",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\x1b[2J",
    b"\xff",
    b"\xc3",
    "…".encode(),
    "🚀".encode(),
    b"\\",
    b'"\\e"',
    b"~",
    b"null",
    b"yes",
    b"0x1F",
    b".inf",
    b"2019-13-45",
    b"id: other-id\n",
]


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """One to three random edits: flip a byte, truncate, insert a token or noise, shuffle lines."""
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(raw))
        if op == 0 and raw:
            i = rng.randrange(len(raw))
            raw = raw[:i] + bytes([raw[i] ^ rng.randint(1, 255)]) + raw[i + 1 :]
        elif op == 1:
            raw = raw[:pos]
        elif op == 2:
            raw = raw[:pos] + rng.choice(_TOKENS) + raw[pos:]
        elif op == 3:
            noise = bytes(rng.choice(b" \t\n:-[]{}&*!|>'\"#%@`,?abc019") for _ in range(rng.randint(1, 8)))
            raw = raw[:pos] + noise + raw[pos:]
        else:
            lines = raw.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 4:
                lines.insert(j, lines[i])  # duplicate a line: often a duplicate key
            elif op == 5:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            raw = b"\n".join(lines)
    return raw


def real_records() -> list[Path]:
    files = [p for folder in RECORD_DIRS for p in sorted((REPO / "facts" / folder).glob("*.yml"))]
    return files + sorted((REPO / "sources").glob("*.yml"))


def line_count(raw: bytes) -> int:
    """Lines as YAML counts them (CR, LF, CRLF, NEL, LS, PS all end one), or as \\n does."""
    text = raw.decode("utf-8", "replace")
    return max(len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text)), raw.count(b"\n") + 1)


def readable_mapping(raw: bytes) -> bool:
    """The oracle: is this UTF-8 text one YAML document whose root is a mapping?"""
    try:
        node = yaml.compose(raw.decode("utf-8"), Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(node, yaml.MappingNode)


def test_loader_raises_only_its_own_errors_on_mutated_records() -> None:
    """In process, thousands of mutations: a record or a YamlError with a position inside the file."""
    rng = random.Random(SEED)
    originals = [(p, p.read_bytes()) for p in real_records()]
    deadline = time.monotonic() + IN_PROCESS_SECONDS
    n = rejected = 0
    while time.monotonic() < deadline or n < 500:
        path, raw = rng.choice(originals)
        bad = mutate(raw, rng)
        rtype = RECORD_DIRS.get(path.parent.name, "source")
        error: yamlsafe.YamlError | None = None
        try:
            located = yamlsafe.load(bad)
        except yamlsafe.YamlError as exc:
            error = exc
        if error is not None:
            rejected += 1
            assert re.fullmatch(r"[a-z0-9-]+", error.code), error
            assert 1 <= error.line <= line_count(bad) + 1 and error.col >= 1, (error, bad)
        else:
            for line, col, code, _message in schema.validate(rtype, located):  # must not raise either
                assert line >= 1 and col >= 1 and re.fullmatch(r"[a-z0-9-]+", code)
            if not readable_mapping(bad):
                assert not isinstance(located.data, dict), bad  # what the oracle cannot read, we did not read as a record
        n += 1
    assert rejected > n // 10  # the mutations do break things


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


def test_command_line_on_mutated_records_never_crashes_and_never_passes_what_it_cannot_read(fuzz_project: Path) -> None:
    rng = random.Random(SEED + 1)
    records = [p.relative_to(REPO).as_posix() for p in real_records()]
    claims = [r for r in records if r.startswith("facts/claims/")]
    deadline = time.monotonic() + CLI_SECONDS
    rounds = unreadable_seen = passed = 0
    while rounds < CLI_MIN_ROUNDS or time.monotonic() < deadline:
        # Mostly claims, sometimes any record; a few files per run.
        chosen = sorted({rng.choice(claims if rng.random() < 0.7 else records) for _ in range(rng.randint(1, 4))})
        saved = {rel: (fuzz_project / rel).read_bytes() for rel in chosen}
        mutated = {rel: mutate(raw, rng) for rel, raw in saved.items()}
        for rel, raw in mutated.items():
            (fuzz_project / rel).write_bytes(raw)
        try:
            r = check(fuzz_project)  # asserts: no traceback, no internal error
            assert r.code in (0, 1), r.out + r.err
            assert "FUZZ-RAN-42" not in r.out + r.err  # the marker only an executed payload prints
            # Every line printed is a well-formed diagnostic, the excerpt under one (the line, then the
            # caret), or the OK summary.
            for line in r.out.splitlines():
                assert re.match(r"^.+:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: |^  \d+ \| |^ +\| +\^$|^check OK: ", line), line
            named = {d.path for d in diagnostics(r) if d.severity == "error"}
            for rel, raw in mutated.items():
                if not readable_mapping(raw):
                    unreadable_seen += 1
                    assert r.code == 1, (rel, raw, r.out, r.err)
                    assert rel in named, (rel, raw, r.out)
            if r.code == 0:
                passed += 1
                assert int(summary(r)["claims"]) == REAL_CLAIMS
                b, _ = load_briefing(fuzz_project, use_cache=False)
                for rel in mutated:
                    folder, stem = Path(rel).parent.name, Path(rel).stem
                    table = b.sources if folder == "sources" else getattr(b, folder)
                    assert stem in table, f"{rel} passed the check but did not load"
        finally:
            for rel, raw in saved.items():
                (fuzz_project / rel).write_bytes(raw)
        rounds += 1
    assert unreadable_seen > 0  # the fuzzer did produce unreadable files
    assert rounds >= CLI_MIN_ROUNDS


def test_fuzz_project_is_restored(fuzz_project: Path, tmp_path: Path) -> None:
    """After fuzzing, the copy is the real project again and checks clean (the fuzzer undid itself)."""
    r = check(fuzz_project)
    assert r.code == 0, r.out + r.err
    shutil.rmtree(tmp_path, ignore_errors=True)
