"""A content-keyed cache of parsed and validated records.

Parsing YAML dominates the check's time; `json.loads` of the same data is ~100x faster. The key
is the sha256 of the file's bytes; the whole cache is tied to the schemas and to the source code
of the modules whose results it holds, so an edited file is always parsed again, an edited
schema or loader invalidates everything, and a cached result can never be stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.schema import schemas_digest

CACHE_FORMAT = "2"
# The modules whose output the cache stores: any change to one of them empties the cache.
_PRODUCERS = ("anchor.py", "cache.py", "loader.py", "normalise.py", "schema.py", "yamlsafe.py")


def code_digest() -> str:
    h = hashlib.sha256()
    for name in _PRODUCERS:
        try:
            h.update((Path(__file__).parent / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()[:16]


class RecordCache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.enabled = enabled and os.environ.get("BRIEFING_NO_CACHE", "") in ("", "0")
        self.path = root / ".cache" / "briefing" / "records.json"
        self.version = f"{CACHE_FORMAT}:{__version__}:{schemas_digest()}:{code_digest()}"
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.dirty = False
        if self.enabled:
            self._read()

    def _read(self) -> None:
        try:
            blob = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(blob, dict) and blob.get("version") == self.version and isinstance(blob.get("entries"), dict):
            self.old = blob["entries"]

    @staticmethod
    def key(rtype: str, raw: bytes) -> str:
        return rtype + ":" + hashlib.sha256(raw).hexdigest()

    def get(self, rtype: str, raw: bytes) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        k = self.key(rtype, raw)
        entry = self.old.get(k)
        if entry is not None:
            self.new[k] = entry
        return entry

    def put(self, rtype: str, raw: bytes, entry: dict[str, Any]) -> None:
        if self.enabled:
            self.new[self.key(rtype, raw)] = entry
            self.dirty = True

    def save(self) -> None:
        """Keep only entries used in this run, so the cache does not grow without bound."""
        if not self.enabled or (not self.dirty and len(self.new) == len(self.old)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".records-", suffix=".json")
            # json.dumps, not json.dump: only the one-shot encoder is the C one (10x faster).
            text = json.dumps({"version": self.version, "entries": self.new}, ensure_ascii=False, separators=(",", ":"))
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout still checks, only without the speed-up
