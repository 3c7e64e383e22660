"""Stored sources are append-only: a pull request adds sources, it never changes one.

A source's text and its recorded sha256 can be changed together in one pull request, with the
quotes that cite it: every other check would pass, and the Source page would show the new words
as the publisher's. So every file under sources/ that the base (the merge base with main, or
the base ref CI passes) already holds must be byte for byte what it was there, in the working
tree and in every commit since: a pull request cannot rewrite a source and then restore it
either. Only the records (`ID.yml`: title, notes, passages set aside as not claims) may be
edited; their `sha256` cannot move, since the text may not. A file added beside the text later
(say a WARC of the original bytes, `ID.warc.gz`) is covered the same way, by not being a record.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from briefing import history
from briefing.diagnostics import Diagnostic, text_key
from briefing.model import Briefing
from briefing.rules.base import Report

SOURCES = "sources/"
EDITABLE_SUFFIXES = (".yml",)  # records: their metadata may be edited (their sha256 cannot, see above)
EDITABLE_NAMES = frozenset({"README.md", ".gitkeep"})


def _immutable(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return not (name.endswith(EDITABLE_SUFFIXES) or name in EDITABLE_NAMES)


def _blob_id(raw: bytes, like: str) -> str:
    """Git's object id of these bytes, in the hash the repository uses (as long as `like`)."""
    h = hashlib.sha256() if len(like) == 64 else hashlib.sha1(usedforsecurity=False)
    h.update(b"blob %d\0" % len(raw) + raw)
    return h.hexdigest()


def _first_difference(old: bytes, new: bytes) -> tuple[int, int]:
    """Line and column (of characters) of the first byte that differs."""
    n = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    before = new[:n].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _how_to(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].split(".", 1)[0]
    return (
        f"a stored source never changes: restore it byte for byte (git checkout BASE -- {path}). If the text "
        f"was wrong, add the corrected text as a new source with a new id (sources/{stem}-2.txt and .yml), "
        "point the claims at it, and leave the old one as it is"
    )


def check_stored_sources(b: Briefing, report: Report) -> list[Diagnostic]:
    root = Path(b.root)
    try:
        base = history.find_base(root, b.base_ref)
    except history.GitUnavailable as exc:
        why = f"the sources cannot be compared with the base {b.base_ref!r}: {exc}; pass a branch or commit of this repository"
        return [Diagnostic("sources", 1, 1, "base-unknown", why)]
    if base is None:
        return []  # not a git checkout, or no main to compare with: nothing was merged before
    try:
        at_base = {p: blob for p, blob in history.files_at(root, base.commit, SOURCES).items() if _immutable(p)}
        since = history.changes_since(root, base.commit, SOURCES)
    except history.GitUnavailable as exc:
        return [Diagnostic("sources", 1, 1, "base-unknown", f"the sources cannot be compared with {base.ref}: {exc}")]
    out: list[Diagnostic] = []
    reported: set[str] = set()
    old_bytes: dict[str, bytes | None] = {}
    for path, blob in sorted(at_base.items()):
        current = root / path
        if current.is_symlink() or not current.is_file():
            why = f"{path} is in {base.ref} (at {base.short}) and was removed; {_how_to(path)}"
            out.append(Diagnostic(path, 1, 1, "source-changed", why, causes=_changed(path)))
            reported.add(path)
            continue
        raw = current.read_bytes()
        if _blob_id(raw, blob) != blob:
            if not old_bytes:
                old_bytes.update(history.blobs(root, sorted(at_base.values())))
            line, col = _first_difference(old_bytes.get(blob) or b"", raw)
            why = f"{path} differs from {base.ref} (at {base.short}) from here on; {_how_to(path)}"
            out.append(Diagnostic(path, line, col, "source-changed", why, causes=_changed(path)))
            reported.add(path)
    for sha, status, path in since:
        if path in at_base and path not in reported and status != "A":
            why = f"commit {sha[:10]} changed {path}, which {base.ref} already holds, and a later commit changed it back; {_how_to(path)}"
            out.append(Diagnostic(path, 1, 1, "source-changed", why, causes=_changed(path)))
            reported.add(path)
    report.counts["stored sources compared with the base"] = len(at_base)
    return out


def _changed(path: str) -> tuple[str, ...]:
    """What a changed stored text causes: whatever reads the source's words (a page sentence or a
    note held to quotes that changed under it) follows from it and is not reported again."""
    return (text_key(PurePosixPath(path).stem),)
