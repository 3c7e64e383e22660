"""Markdown pages as the checks see them: front matter, macro calls, and narrative sentences."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import yamlsafe
from briefing.model import Page

MACRO_RE = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*-?\}\}", re.S)
# Macros whose arguments are claim ids, and the macros that list claims by something else.
CLAIM_ID_MACROS = {"cite", "claim", "claim_card"}
CITING_MACROS = {"cite", "claim"}  # an inline citation for the sentence it stands in
LISTING_MACROS = {
    "claims_by_topic": "topics",
    "claims_by_entity": "entities",
    "claims_by_kind": "kind",
}


@dataclass(frozen=True)
class MacroCall:
    name: str
    args: tuple[Any, ...]
    line: int
    col: int
    ok: bool = True  # False when the arguments are not plain literals


def read_page(path: Path, rp: str, raw: bytes | None = None) -> tuple[Page | None, tuple[int, int, str, str] | None]:
    """The page at `path` (or its bytes, `raw`, when already read), or the problem that stops it."""
    try:
        text = (raw if raw is not None else path.read_bytes()).decode("utf-8")
    except UnicodeDecodeError:
        return None, (1, 1, "not-utf8", "page is not valid UTF-8")
    front: dict[str, Any] = {}
    body, body_line = text, 1
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            try:
                loaded = yamlsafe.load(text[4:end].encode("utf-8") or b"{}")
                front = loaded.data if isinstance(loaded.data, dict) else {}
            except yamlsafe.YamlError as exc:
                if exc.code != "yaml-empty":
                    return None, (exc.line + 1, exc.col, exc.code, f"front matter: {exc.message}")
            body_start = text.find("\n", end + 4) + 1 or len(text)
            body_line = text.count("\n", 0, body_start) + 1
            body = text[body_start:]
    return Page(rp, front, body, body_line), None


def macro_calls(page: Page) -> list[MacroCall]:
    out = []
    for m in MACRO_RE.finditer(page.body):
        line = page.body_line + page.body.count("\n", 0, m.start())
        col = m.start() - (page.body.rfind("\n", 0, m.start()) + 1) + 1
        try:
            args = ast.literal_eval(f"({m.group(2)},)") if m.group(2).strip() else ()
            ok = isinstance(args, tuple) and all(isinstance(a, str | int) for a in args)
        except (ValueError, SyntaxError):
            args, ok = (), False
        out.append(MacroCall(m.group(1), tuple(args) if ok else (), line, col, ok))
    return out


def is_narrative(page: Page) -> bool:
    """Briefing pages must cite every sentence; pages that explain the site opt out."""
    return page.front_matter.get("prose") != "explanatory"


_FENCE = re.compile(r"^(```|~~~)")
_MARK = "\ue000"  # private-use character standing in for a citing macro
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[A-Z0-9])")


def uncited_sentences(page: Page) -> list[tuple[int, int, str]]:
    """Sentences of narrative prose with no citation: (line, col, first words)."""
    lines = page.body.split("\n")
    out: list[tuple[int, int, str]] = []
    para: list[tuple[int, str]] = []
    in_fence = False
    in_comment = False

    def flush() -> None:
        if para:
            out.extend(_check_paragraph(para, page.body_line))
            para.clear()

    for i, line in enumerate(lines):
        s = line.strip()
        if _FENCE.match(s):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if in_comment or s.startswith("<!--"):
            in_comment = "-->" not in s
            flush()
            continue
        block = not s or s.startswith(("#", "|", "<", "!!!", "???", "---", "***", "[TOC]")) or (MACRO_RE.fullmatch(s) is not None)
        if block:
            flush()
            continue
        if re.match(r"^([-*+]|\d+\.)\s", s):  # each list item is its own paragraph
            flush()
            s = re.sub(r"^([-*+]|\d+\.)\s+", "", s)
        para.append((i, line))
    flush()
    return out


def _check_paragraph(para: list[tuple[int, str]], body_line: int) -> list[tuple[int, int, str]]:
    first_line = para[0][0]
    text = "\n".join(line for _, line in para)

    def mark(m: re.Match[str]) -> str:
        return _MARK if m.group(1) in CITING_MACROS else " "

    marked = MACRO_RE.sub(mark, text)
    # A citation right after a full stop belongs to the sentence it follows.
    marked = re.sub(r"([.!?][\"”’)\]]*)((?:\s*" + _MARK + r")+)", lambda m: m.group(2).replace(" ", "") + m.group(1), marked)
    out = []
    orig_pos = 0  # where to look in the unmarked text, to report real columns
    for piece in _SENT_END.split(marked):
        words = re.sub(r"[\W_]+", " ", piece.replace(_MARK, "")).strip()
        first = piece.replace(_MARK, "").strip()[:1]
        found = text.find(first, orig_pos) if first else -1
        idx = found if found != -1 else orig_pos
        orig_pos = idx + 1
        if _MARK not in piece and re.search(r"[A-Za-z]{2,}", words):
            before = text[:idx]
            line = first_line + before.count("\n")
            col = idx - (before.rfind("\n") + 1) + 1
            out.append((body_line + line, col, " ".join(words.split()[:8])))
    return out
