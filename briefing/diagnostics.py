"""Problems found in the input, reported the way editors and CI read them.

One root cause, one error. A diagnostic may name the root causes it reports (`causes`) and the
ones that would explain it (`follows_from`), as keys such as `record:facts/claims/x.yml` (that
file did not load) or `ref:topic:ofer` (an unknown topic id). `one_per_cause` drops every
diagnostic that follows from a cause some error reports: a misspelled topic is reported, and the
claim that no page then shows is not. Only an error's causes count, so what is dropped always
comes with an error that fails the check, and nothing is passed that would otherwise fail.

The keys (built by the functions below, so that a cause and its consequences spell them alike):

- `record:PATH`: the record or page at PATH did not load (or was refused);
- `mention:ID`: a file that failed to load names ID (any id-like word in it): that ID is
  unused, shown nowhere, or its source's sentences uncited may follow from it;
- `meant:ID`: an unknown id is a near spelling of ID: ID unused or shown nowhere may follow;
- `ref:WHAT:ID`: a reference to an unknown topic, entity, claim, source or kind;
- `anchor:PATH`: a citation of the record at PATH did not anchor, so its evidence is incomplete;
- `evidence:PATH`: the claim at PATH has an error of its quotes or its statement, so what rests on it may follow from it;
- `text:SOURCE`: a source's text is missing, unreadable or changed;
- `resaved:SOURCE`: it changed only in how it was saved (a line break at its end, CRLF line
  endings, a byte order mark, another Unicode normal form), and says exactly that.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    col: int  # 1-based
    code: str  # kebab-case, documented in CONTRIBUTING.md
    message: str
    severity: str = "error"  # "error" fails the check; "warning" is reported only
    # Root causes (keys, see above) this reports, and those that would explain it. Neither is
    # printed nor compared: two diagnostics that read the same are the same problem.
    causes: tuple[str, ...] = field(default=(), compare=False)
    follows_from: tuple[str, ...] = field(default=(), compare=False)

    def format(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.col, 1)}: {self.severity}[{self.code}]: {self.message}"

    def printable(self) -> str:
        """`format()` as one safe line: no file name or record text can end it early (and forge a
        diagnostic or a CI workflow command on the next line) or fail to print."""
        return clean(self.format())

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem lands on the PR's line."""
        level = "error" if self.severity == "error" else "warning"
        msg = _gh_escape_data(f"[{self.code}] {self.message}")
        path = _gh_escape_prop(self.path)
        return f"::{level} file={path},line={max(self.line, 1)},col={max(self.col, 1)}::{msg}"

    def as_tuple(self) -> tuple[str, int, int, str, str, str]:
        """The fields in order: `Diagnostic(*d.as_tuple()) == d` (how cached verdicts are stored)."""
        return (self.path, self.line, self.col, self.code, self.message, self.severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)


# C0/C1 controls (newlines included), the Unicode line/paragraph separators, and the lone
# surrogates a file name that is not UTF-8 decodes to.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def clean(text: str) -> str:
    """One printable line: control characters shown as escapes, never acted on by a terminal or CI."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")


def record_key(path: str) -> str:
    return f"record:{path}"


def mention_key(rid: str) -> str:
    return f"mention:{rid}"


def meant_key(rid: str) -> str:
    return f"meant:{rid}"


def ref_key(what: str, rid: object) -> str:
    return f"ref:{what}:{rid}"


def anchor_key(path: str) -> str:
    return f"anchor:{path}"


def evidence_key(path: str) -> str:
    """The claim at PATH is wrong as it stands (a quote or statement error): what rests on it, a
    judgment or a page sentence, may be wrong because of it."""
    return f"evidence:{path}"


def text_key(source_id: str) -> str:
    return f"text:{source_id}"


def resaved_key(source_id: str) -> str:
    return f"resaved:{source_id}"


_ID_LIKE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def mentions(text: str) -> tuple[str, ...]:
    """`mention:` keys for every id-like word of a file that did not load: whatever ids it
    named (topics, entities, sources, claims) may be shown as unused only because of it."""
    return tuple(mention_key(w) for w in sorted(set(_ID_LIKE.findall(text))))


def one_per_cause(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics without those that follow from a cause an error reports (see above).

    Causes chain: a topic file that fails to load makes its id unknown to a claim (reported as
    following from the file), which makes the claim shown nowhere (following from the unknown
    id); both are dropped, the file's error stays. Keys are layered so that no two diagnostics
    explain each other; should they ever, nothing is dropped rather than every error."""
    reported = {k for d in diags if d.severity == "error" for k in d.causes}
    kept = [d for d in diags if not any(k in reported and k not in d.causes for k in d.follows_from)]
    if any(d.severity == "error" for d in diags) and not any(d.severity == "error" for d in kept):
        kept = diags  # a cycle of explanations: never let it hide every error
    return list(dict.fromkeys(kept))  # the same problem found twice is reported once


# Problems of how a line is written, where seeing the line with a caret under the column is most
# of the answer (the "Files and YAML" and "Fields" codes of CONTRIBUTING.md).
SHOWS_LINE = frozenset(
    {
        "yaml-syntax",
        "yaml-tab",
        "yaml-duplicate-key",
        "yaml-tag",
        "yaml-alias",
        "yaml-key",
        "yaml-control-char",
        "yaml-multiple-documents",
        "yaml-too-deep",
        "not-utf8",
        "unknown-key",
        "wrong-type",
        "bad-value",
        "bad-url",
        "empty-text",
        "too-long",
        "empty-list",
        "duplicate-item",
        "key-not-for-kind",
    }
)
EXCERPT_WIDTH = 100  # columns of a long line shown around the caret
_EXCERPT_MAX_BYTES = 4 * 1024 * 1024


def excerpt(d: Diagnostic, root: Path) -> list[str]:
    """The offending line and a caret under the column, for a terminal: two lines to print
    after the diagnostic (which stays one line, as CI annotations and tests read it), or none.

    Invisible and control characters show as escapes (a tab as \\t, a no-break space as
    \\u00a0), so the line shows what the parser saw and no character can move the caret or
    reorder the text (bidi controls). A long line is cut to the part around the column."""
    if d.code not in SHOWS_LINE or d.line < 1:
        return []
    try:
        path = (root / d.path).resolve(strict=True)
        if not path.is_relative_to(root.resolve()) or not path.is_file() or path.stat().st_size > _EXCERPT_MAX_BYTES:
            return []  # never read outside the repository, nor a huge file, to show a line
        text = path.read_bytes().decode("utf-8", "replace")
    except (OSError, RuntimeError, ValueError):
        return []
    from briefing.yamlhelp import lines_of  # (only to show a diagnostic's line: a sound check never imports it)

    lines = lines_of(text)
    if d.line > len(lines):
        return []
    chars = lines[d.line - 1]
    col = min(max(d.col, 1), len(chars) + 1)
    before = [_visible(ch) for ch in chars[: col - 1]]
    after = [_visible(ch) for ch in chars[col - 1 :]]
    half = EXCERPT_WIDTH // 2
    lead = tail = ""
    while sum(_width(x) for x in before) > half:
        before.pop(0)
        lead = "…"
    while sum(_width(x) for x in after) > half:
        after.pop()
        tail = "…"
    number = str(d.line)
    pad = " " * len(number)
    return [f"  {number} | {lead}{''.join(before)}{''.join(after)}{tail}", f"  {pad} | {' ' * (_width(lead) + sum(_width(x) for x in before))}^"]


def _visible(ch: str) -> str:
    if ch == "\t":
        return "\\t"
    if ch != " " and unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Cn"):
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return ch


def _width(s: str) -> int:
    """Terminal columns: a wide (East Asian) character takes two, a combining mark none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


class CheckFailed(Exception):
    """The check found errors. Carries every finding, so a caller can show each one where the
    editor looks (the preview's error page) rather than only the count in its message."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(summary(diagnostics))
        self.diagnostics = diagnostics


def summary(diags: list[Diagnostic]) -> str:
    n_err = len(errors(diags))
    n_warn = len(diags) - n_err
    parts = [f"{n_err} error{'s' if n_err != 1 else ''}"]
    if n_warn:
        parts.append(f"{n_warn} warning{'s' if n_warn != 1 else ''}")
    return ", ".join(parts)


def refusal(where: str, code: str, message: str) -> str:
    """A command's refusal, in the check's shape without a line: `WHERE: error[CODE]: message`."""
    return clean(f"{where}: error[{code}]: {message}")
