"""What every rule shares: the report it adds to, and a diagnostic placed at a record's field."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing import sentences
from briefing.cache import RecordCache
from briefing.diagnostics import Diagnostic
from briefing.model import Record


@dataclass
class Report:
    """What the checks found, and the counts the verification page shows."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)  # source -> (covered, total)
    uncovered: dict[str, list[sentences.Sentence]] = field(default_factory=dict)
    shown_claims: set[str] = field(default_factory=set)
    # Citations that did not anchor, by source: where each was probably meant to point (source
    # offsets; none when unknown) and the cause key its error reports (see rules.anchoring).
    unanchored: dict[str, list[tuple[tuple[tuple[int, int], ...], str]]] = field(default_factory=dict)
    # Where checks may keep verdicts keyed by the digests of what they read (see `rules.support.support_key`).
    memo: RecordCache | None = None


def at(rec: Record, path: tuple[str | int, ...], code: str, message: str, severity: str = "error", key: bool = False) -> Diagnostic:
    """A diagnostic placed at the field `path` of the record (its key, with `key`)."""
    line, col = rec.where(*path, key=key)
    return Diagnostic(rec.path, line, col, code, message, severity)
