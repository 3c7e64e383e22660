"""Replay the check's verdict when nothing it reads has changed.

What `python -m briefing check` prints is a function of the files under `sources/`, `facts/`
and `docs/`, of `mkdocs.yml` (the site's files are listed the way it says, and the page checks
read its template settings), of the commit the history is read at (withdrawn ids), and of the
code. `fingerprint` digests all of that: every name, every kind of entry (file, folder, link,
how many names a file has), every byte. When the
digest equals the one stored beside the last verdict, that verdict is the answer; when anything
differs, the check runs in full (and reuses the bytes read here). The digest covers more than
the checks read (every file in those folders, whatever its name), never less, so a replayed
verdict is never stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.archive import MAX_ARCHIVE_BYTES
from briefing.cache import SignedStore
from briefing.diagnostics import Diagnostic
from briefing.files import MAX_FILE_BYTES, FileTooLarge, read_file

INPUT_TREES = ("sources", "facts", "docs")
INPUT_FILES = ("mkdocs.yml", "mkdocs.yaml")
# Every file the check may read whole is at most this large (records, texts and pages 1 MiB,
# archives 16 MiB); a larger one is refused whatever it holds, so its size stands for it.
READ_LIMIT = max(MAX_FILE_BYTES, MAX_ARCHIVE_BYTES)


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


def fingerprint(
    root: Path, base: str | None = None, listings: dict[str, list[os.DirEntry[str]]] | None = None
) -> tuple[str, dict[str, bytes]]:
    """The digest of every input of the check, and the bytes of the files read to make it.
    `base`: the ref the stored sources are compared with (None: main, or origin/main).
    `listings`, if given, gets each folder's entries as this walk listed them (by the folder's
    path, sorted by name), each file's `stat(follow_symlinks=False)` taken: the loader's walk of
    facts/ and sources/ looks at those entries instead of listing and stat-ing them again."""
    root = root.resolve()
    h = hashlib.sha256()
    files: dict[str, bytes] = {}
    # Every part is hashed as its length (8 bytes, little-endian) and its bytes. The parts are
    # gathered and hashed a few hundred at a time (the same bytes in the same order as one update
    # per part: the same digest), not with a call per part.
    pieces: list[bytes] = []

    def add(*parts: str | bytes) -> None:
        for p in parts:
            b = os.fsencode(p) if isinstance(p, str) else p
            pieces.append(len(b).to_bytes(8, "little"))
            pieces.append(b)
        flush()

    def flush() -> None:
        h.update(b"".join(pieces))
        pieces.clear()

    def file_parts(path: str, label: bytes, size: int | None = None) -> None:
        """The parts of a file's content (after its label): its bytes, or why they were not read.
        `size`: the file's size as its entry was stat-ed, if it was."""
        try:
            raw = read_file(path, READ_LIMIT) if size is None else _read_stated(path, size)
        except FileTooLarge as exc:  # refused for its size, whatever it holds: the size is the input
            parts: tuple[bytes, ...] = (label, b"too large", str(exc.size).encode())
        except OSError as exc:
            parts = (label, b"unreadable", str(exc.errno).encode())
        else:
            files[path] = raw
            parts = (label, raw)
        for b in parts:
            pieces.append(len(b).to_bytes(8, "little"))
            pieces.append(b)

    def add_file(path: str, label: str) -> None:
        file_parts(path, os.fsencode(label))
        flush()

    def add_link(path: str, label: str) -> None:
        # Every link is refused, wherever it leads: the entry is what the verdict depends on.
        add(label, "link", os.readlink(path))

    names = len(b"names").to_bytes(8, "little") + b"names"

    def add_tree(path: str, rel: str) -> None:
        # os.scandir's entries know their kind without a stat each (this walk reads every file).
        add("folder", rel)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            add(rel, "unlistable", str(exc.errno))
            return
        if listings is not None:
            listings[path] = entries
        for e in entries:
            label = os.path.join(rel, e.name)
            if e.is_symlink():
                add_link(e.path, label)  # a linked folder is an entry, never walked
            elif e.is_dir():
                add(label, "dir")
                add_tree(e.path, label)
            elif e.is_file():
                # (label, "names", how many names it has: a hard link is refused), then its content
                raw_label = os.fsencode(label)
                st = e.stat(follow_symlinks=False)
                nlink = str(st.st_nlink).encode()
                tag = len(raw_label).to_bytes(8, "little") + raw_label
                pieces.extend((tag, names, len(nlink).to_bytes(8, "little"), nlink))
                file_parts(e.path, raw_label, st.st_size)
                if len(pieces) > 512:
                    flush()
            else:
                add(label, "other")
        flush()

    add("root", str(root))
    for top in INPUT_TREES:
        start = os.path.join(str(root), top)
        if os.path.islink(start):
            add_link(start, top)
        elif os.path.isdir(start):
            add_tree(start, top)
        else:
            add("tree", top, "none")
    for name in INPUT_FILES:
        path = os.path.join(str(root), name)
        add("file", name)
        if os.path.islink(path):
            add_link(path, name)
        elif os.path.isfile(path):
            add_file(path, name)
    add("git", *_git_state(root, base))
    return h.hexdigest(), files


def _read_stated(path: str, size: int) -> bytes:
    """`read_file(path, READ_LIMIT)` for a regular file its entry's stat found `size` bytes long:
    refused by that size, without a second stat, and read in one call of `size + 1` bytes, which
    comes back short at the file's end (a regular file's read returns less than it was asked
    only there), so no further call is needed to learn that it ended. A file that grew since it
    was stat-ed is read on to its end as `read_file` reads it."""
    if size > READ_LIMIT:
        raise FileTooLarge(size)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        raw = os.read(fd, size + 1)
        if len(raw) <= size:
            return raw
        chunks, got = [raw], len(raw)
        while got <= READ_LIMIT and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            got += len(chunk)
        if got > READ_LIMIT:
            raise FileTooLarge(got)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _git_state(root: Path, base: str | None = None) -> tuple[bytes, ...]:
    """What names the commit the history is read at and the base the sources are compared with:
    HEAD, the refs it may point to, and the base's refs (cheap file reads, no git process).
    Outside a repository, nothing."""
    for top in (root, *root.parents):
        dot = top / ".git"
        if dot.is_dir():
            gitdir = dot
        elif dot.is_file():  # a worktree or submodule: "gitdir: PATH"
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            gitdir = (top / text.removeprefix("gitdir:").strip()).resolve()
        else:
            continue
        out = [str(gitdir).encode()]
        for name in ("HEAD", "packed-refs", "shallow"):
            try:
                out.append(read_file(str(gitdir / name), limit=None))
            except OSError:
                out.append(b"")
        head = out[1].decode("utf-8", "replace").strip()
        if head.startswith("ref:"):
            ref = head[4:].strip()
            common = gitdir
            with contextlib.suppress(OSError):  # a worktree keeps its branches in the common directory
                common = (gitdir / read_file(str(gitdir / "commondir"), limit=None).decode().strip()).resolve()
            try:
                out.append(read_file(str(common / ref), limit=None))
            except OSError:
                out.append(b"")
        common = gitdir
        with contextlib.suppress(OSError):
            common = (gitdir / read_file(str(gitdir / "commondir"), limit=None).decode().strip()).resolve()
        out.append(f"base:{base}".encode())
        for name in [base] if base else ["main", "origin/main"]:
            if ".." in name or name.startswith(("/", "\\")):
                continue  # not a ref name: git resolves it (and the commit it names is in HEAD's objects)
            for ref in (f"refs/heads/{name}", f"refs/remotes/{name}", f"refs/{name}", name):
                with contextlib.suppress(OSError, ValueError):
                    out.append(ref.encode() + b"=" + read_file(str(common / ref), limit=None))
        with contextlib.suppress(OSError):
            out.append(read_file(str(common / "packed-refs"), limit=None))
        return tuple(out)
    return ()


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
