"""Problems found in the input, reported the way editors and CI read them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    col: int  # 1-based
    code: str  # kebab-case, documented in CONTRIBUTING.md
    message: str
    severity: str = "error"  # "error" fails the check; "warning" is reported only

    def format(self) -> str:
        return f"{self.path}:{max(self.line, 1)}:{max(self.col, 1)}: {self.severity}[{self.code}]: {self.message}"

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


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(path, root).replace(os.sep, "/")


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


def summary(diags: list[Diagnostic]) -> str:
    n_err = len(errors(diags))
    n_warn = len(diags) - n_err
    parts = [f"{n_err} error{'s' if n_err != 1 else ''}"]
    if n_warn:
        parts.append(f"{n_warn} warning{'s' if n_warn != 1 else ''}")
    return ", ".join(parts)


# C0/C1 controls (newlines included) and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """One printable line: control characters shown as escapes, never acted on by a terminal or CI."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def refusal(where: str, code: str, message: str) -> str:
    """A command's refusal, in the check's shape without a line: `WHERE: error[CODE]: message`."""
    return clean(f"{where}: error[{code}]: {message}")
