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
    by_check: dict[str, list[Diagnostic]] = field(default_factory=dict)  # each check's own findings, as `run_all` ran them
    # Where checks may keep verdicts keyed by the digests of what they read (see `rules.support.support_key`).
    memo: RecordCache | None = None
    # Each claim's support key, made once per run: the support rule and the reader-facing fields
    # both key their memos on it (`rules.support.claim_key`).
    claim_keys: dict[str, str | None] = field(default_factory=dict)


def at(rec: Record, path: tuple[str | int, ...], code: str, message: str, severity: str = "error", key: bool = False) -> Diagnostic:
    """A diagnostic placed at the field `path` of the record (its key, with `key`)."""
    line, col = rec.where(*path, key=key)
    return Diagnostic(rec.path, line, col, code, message, severity)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a word-level rule found in a text: the rule's code, the offending words and where they
    are in the text (code points, end exclusive), and a message that names them. A caller places
    it on its own file and line (`at_finding` for a record's field)."""

    code: str
    start: int
    end: int
    word: str
    message: str


def at_finding(rec: Record, path: tuple[str | int, ...], f: Finding, back: list[int] | None = None, severity: str = "error") -> Diagnostic:
    """The finding as a diagnostic at its word in the record's field: the line and column where
    that word is written in the file (through a folded or quoted scalar's line breaks and escapes),
    or the field's own place for a finding about no word of it. `back` maps the offsets of the
    text the rule read to the field's own text (see `glyphs.visible_mapped`)."""
    if f.end <= f.start:
        return at(rec, path, f.code, f.message, severity)
    offset = f.start if back is None else back[f.start] if f.start < len(back) else -1
    line, col = rec.where_in(path, offset) if offset >= 0 else rec.where(*path)
    return Diagnostic(rec.path, line, col, f.code, f.message, severity)
