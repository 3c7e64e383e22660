"""Content-keyed caches of parsed records, anchors and check verdicts, in `.cache/briefing/`.

Parsing YAML dominates the check's time; `json.loads` of the same data is ~100x faster. Every
entry is keyed by the sha256 of the bytes it was computed from, and each cache file is tied to
the schemas and to the source code of the whole package, so an edited file is always read
again, an edited schema or module invalidates everything, and a result is never stale.

A cache is only a speed-up, and it must never be a way in: the repository takes pull requests
from strangers, and a cache file committed beside the records could otherwise claim that a
broken record is valid. So each file is signed (keyed BLAKE2b) with a key kept outside the
repository, in the user's cache folder; a file whose signature does not verify is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from briefing import __version__, inventory
from briefing.schema import schemas_digest

CACHE_FORMAT = "3"
PACKAGE = Path(__file__).parent


@cache
def code_digest() -> str:
    """Changes with any module of the package (rules/ included), the site adapter that lists the
    pages, or the Python version: any of them may change results."""
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.rglob("*.py")):  # briefing/rules/ too: a rule's code is its verdicts' input
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(b"adapter\0" + inventory.adapter_source())
    return h.hexdigest()[:16]


def enabled_by_environment() -> bool:
    return os.environ.get("BRIEFING_NO_CACHE", "") in ("", "0")


@cache
def _signing_key() -> bytes | None:
    """The per-user secret that signs cache files, made on first use; None if it cannot be kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "briefing" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        os.replace(tmp, path)
        return path.read_bytes()
    except OSError:
        return None


def _json_pieces(blob: dict[str, Any], batch: int = 2000) -> Iterator[bytes]:
    """`json.dumps(blob)` as UTF-8, in pieces: large mappings a batch of entries at a time (each
    piece by the C encoder: json.dump's incremental encoder is the slow pure-Python one)."""

    def dumps(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    yield b"{"
    for i, (key, value) in enumerate(blob.items()):
        yield (("," if i else "") + dumps(key) + ":").encode()
        if not isinstance(value, dict) or len(value) <= batch:
            yield dumps(value).encode()
            continue
        yield b"{"
        items = list(value.items())
        for n in range(0, len(items), batch):
            # A batch as one mapping, its braces cut: one encoder call, not two per entry (each
            # call with these options makes an encoder of its own).
            yield (("," if n else "") + dumps(dict(items[n : n + batch]))[1:-1]).encode()
        yield b"}"
    yield b"}"


def _mac(key: bytes, body: bytes) -> bytes:
    # BLAKE2b in keyed mode is a MAC by design, and faster than HMAC-SHA256 on megabytes.
    return hashlib.blake2b(body, key=key, digest_size=32).hexdigest().encode()


class SignedStore:
    """One JSON document in `.cache/briefing/NAME.json`, read only if its signature verifies and it
    was written by this version of the code and schemas."""

    def __init__(self, root: Path, name: str, enabled: bool = True) -> None:
        self.path = root / ".cache" / "briefing" / f"{name}.json"
        self.version = f"{CACHE_FORMAT}:{__version__}:{schemas_digest()}:{code_digest()}"
        self.key = _signing_key() if enabled and enabled_by_environment() else None
        self.enabled = self.key is not None

    def read(self) -> dict[str, Any] | None:
        if self.key is None:
            return None
        try:
            signed = self.path.read_bytes()
        except OSError:
            return None
        mac, _, body = signed.partition(b"\n")
        if not hmac.compare_digest(mac, _mac(self.key, body)):
            return None  # not written by this user's checker (say, committed to the repository)
        try:
            blob = json.loads(body)
        except ValueError:
            return None
        if not isinstance(blob, dict) or blob.get("version") != self.version:
            return None
        return blob

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()

    def write(self, blob: dict[str, Any]) -> None:
        if self.key is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.stem}-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                # The body is written in pieces and signed as it goes, so a cache of 100k records
                # never exists as one string (and again as bytes) in memory; the signature, which
                # leads the file, is filled in at the end.
                mac = hashlib.blake2b(key=self.key, digest_size=32)
                fh.write(b"0" * 64 + b"\n")
                for piece in _json_pieces({"version": self.version, **blob}):
                    mac.update(piece)
                    fh.write(piece)
                fh.seek(0)
                fh.write(mac.hexdigest().encode())
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout still checks, only without the speed-up


class RecordCache:
    """Entries keyed by content digests: "records" holds parsed records and where their quotes
    anchor (the loader's), "checks" the checks' verdicts.

    Two files: NAME.json, rewritten only when the entries made since it was written grow past an
    eighth of it (and then pruned to the entries the run used), and NAME.delta.json, which holds
    those newer entries. An editor who changes one file of ten thousand writes a few entries,
    not the whole cache.
    """

    DELTA_SHARE = 8  # the delta may grow to 1/8 of the base before the base is rewritten

    def __init__(self, root: Path, enabled: bool = True, name: str = "records") -> None:
        self.base = SignedStore(root, name, enabled)
        self.delta = SignedStore(root, f"{name}.delta", enabled)
        self.enabled = self.base.enabled
        self.old: dict[str, Any] = {}  # what the files hold
        self.new: dict[str, Any] = {}  # the entries this run used or made
        self.fresh: set[str] = set()  # the keys made (or added to) this run
        self.base_size = 0
        self.stamp: str | None = None  # names the base file a delta belongs to
        self.delta_keys: set[str] = set()
        if self.enabled:
            self._read()

    def _read(self) -> None:
        base = self.base.read()
        if base is None or not isinstance(base.get("entries"), dict):
            return  # without its base, a delta means nothing
        self.old = base["entries"]
        self.base_size = len(self.old)
        delta = self.delta.read()
        if delta is not None and delta.get("base") == base.get("stamp") and isinstance(delta.get("entries"), dict):
            self.old.update(delta["entries"])
            self.delta_keys = set(delta["entries"])
        self.stamp = base.get("stamp")

    @staticmethod
    def key(rtype: str, raw: bytes) -> str:
        return rtype + ":" + hashlib.sha256(raw).hexdigest()

    def get(self, key: str) -> Any:
        if not self.enabled:
            return None
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key: str, entry: Any) -> None:
        if self.enabled:
            self.new[key] = entry
            self.fresh.add(key)

    def entry(self, key: str) -> dict[str, Any] | None:
        """An entry used in this run (read with `get` or made with `put`), or None."""
        return self.new.get(key) if self.enabled else None

    def update(self, key: str, field: str, value: Any) -> None:
        """Add what was learnt about a used entry's content (say, where its quotes anchor)."""
        if self.enabled and key in self.new:
            self.new[key][field] = value
            self.fresh.add(key)

    def save(self) -> None:
        if not self.enabled or (not self.fresh and len(self.new) == len(self.old)):
            return
        delta_keys = {k for k in self.delta_keys if k in self.new} | self.fresh
        if self.base_size and self.stamp and len(delta_keys) * self.DELTA_SHARE <= self.base_size:
            if self.fresh:  # else entries were only dropped: they wait for the next rewrite
                self.delta.write({"base": self.stamp, "entries": {k: self.new[k] for k in sorted(delta_keys)}})
            return
        # Rewrite the base with exactly the entries used in this run; the old delta is void.
        self.base.write({"stamp": secrets.token_hex(8), "entries": self.new})
        self.delta.remove()
