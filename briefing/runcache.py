"""Replay the check's verdict when nothing it reads has changed.

What `python -m briefing check` prints is a function of the files under `sources/` and `facts/`,
the pages the checks read under `docs/`, and the code. `fingerprint` digests all of that: every
name, every kind of entry (file, folder, link and where a link leads), every byte. When the
digest equals the one stored beside the last verdict, that verdict is the answer; when anything
differs, the check runs in full (and reuses the bytes read here). The digest covers more than
the loader reads (every file under sources/ and facts/, whatever its name), never less, so a
replayed verdict is never stale.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.cache import SignedStore
from briefing.diagnostics import Diagnostic
from briefing.loader import page_paths, read_file

RECORD_TREES = ("sources", "facts")


@dataclass
class Verdict:
    """What the check command prints: the problems and the summary figures."""

    diagnostics: list[Diagnostic]
    claims: int
    sources: int
    coverage: dict[str, tuple[int, int]]
    replayed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "diagnostics": [list(d.as_tuple()) for d in self.diagnostics],
            "claims": self.claims,
            "sources": self.sources,
            "coverage": {k: list(v) for k, v in self.coverage.items()},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Verdict:
        return cls(
            [Diagnostic(*x) for x in d["diagnostics"]],
            d["claims"],
            d["sources"],
            {k: (v[0], v[1]) for k, v in d["coverage"].items()},
            replayed=True,
        )


def fingerprint(root: Path) -> tuple[str, dict[str, bytes]]:
    """The digest of every input of the check, and the bytes of the files read to make it."""
    root = root.resolve()
    h = hashlib.sha256()
    files: dict[str, bytes] = {}

    def add(*parts: str | bytes) -> None:
        for p in parts:
            b = os.fsencode(p) if isinstance(p, str) else p
            h.update(len(b).to_bytes(8, "little") + b)

    def add_file(path: str, label: str) -> None:
        try:
            raw = read_file(path)
        except OSError as exc:
            add(label, "unreadable", str(exc.errno))
            return
        files[path] = raw
        add(label, raw)

    def add_link(path: str, label: str) -> None:
        # Where it leads decides whether the loader follows it: record the target and its kind.
        target = os.path.realpath(path)
        kind = "file" if os.path.isfile(path) else "dir" if os.path.isdir(path) else "missing"
        add(label, "link", os.readlink(path), target, kind)
        if kind == "file":
            add_file(path, label)

    def add_tree(path: str, rel: str) -> None:
        # os.scandir's entries know their kind without a stat each (this walk reads every file).
        add("folder", rel)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            add(rel, "unlistable", str(exc.errno))
            return
        for e in entries:
            label = os.path.join(rel, e.name)
            if e.is_symlink():
                add_link(e.path, label)  # a linked folder is an entry, never walked
            elif e.is_dir():
                add(label, "dir")
                add_tree(e.path, label)
            elif e.is_file():
                add_file(e.path, label)
            else:
                add(label, "other")

    add("root", str(root))
    for top in RECORD_TREES:
        start = os.path.join(str(root), top)
        if os.path.islink(start):
            add_link(start, top)
        elif os.path.isdir(start):
            add_tree(start, top)
        else:
            add("tree", top, "none")
    for page in page_paths(root):
        path = str(page)
        label = os.path.relpath(path, str(root))
        add("page", label, "link" if os.path.islink(path) else "file")
        add_file(path, label)
    return h.hexdigest(), files


class RunCache:
    """The last verdict and the fingerprint of what it was given, signed like every cache file."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.store = SignedStore(root.resolve(), "run", enabled)

    @property
    def enabled(self) -> bool:
        return self.store.enabled

    def replay(self, digest: str) -> Verdict | None:
        blob = self.store.read()
        if blob is None or blob.get("fingerprint") != digest:
            return None
        try:
            return Verdict.from_json(blob["verdict"])
        except (KeyError, TypeError, ValueError, IndexError):
            return None

    def keep(self, digest: str, verdict: Verdict) -> None:
        self.store.write({"fingerprint": digest, "verdict": verdict.to_json()})
