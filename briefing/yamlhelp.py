"""What a YAML syntax error means for the person who made it, and where they made it.

The parser says where it stopped and what it expected ("did not find expected key while parsing
a block mapping"), which is often a line after the mistake and never says how to fix it. Here
the text around that place is read for the mistakes people make when they edit a record by
hand: a straight double quote typed inside a double-quoted value (or an apostrophe inside a
single-quoted one), a key indented too far or too little, a line of text that continues the one
above without its indentation, a missing colon, ": " inside a value, a quote or bracket never
closed, a list item under a key that already has a value, a value starting with a character YAML
reserves. `explain` names the line and column of the mistake itself and says what to write
instead; what it does not recognise is reported as the parser said it, at the parser's place.

It reads only the text: no position it names lies outside it, and it never raises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_SCHEMAS = Path(__file__).parent / "schemas"
# Keys of a page's front matter (MkDocs, Material, this project): a missing colon after one of
# them is recognised as such, like one after a record's key.
_PAGE_KEYS = frozenset({"title", "description", "topic", "tags", "hide", "search", "status", "subtitle", "icon"})
_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what libyaml counts as a line break
_KEY = re.compile(r"(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=\s|$)")
_ITEM = re.compile(r"\s*-(?=\s|$)")
_FOLDED = "write it as a folded block: '{key}: >-' with the text on the next lines, indented under it"


@dataclass(frozen=True)
class Explained:
    line: int  # 1-based
    col: int  # 1-based
    message: str


@cache
def known_keys() -> frozenset[str]:
    """Every key a record may have (from the record schemas), and a page's front-matter keys."""
    keys: set[str] = set(_PAGE_KEYS)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "properties" and isinstance(v, dict):
                    keys.update(v)
                walk(v)
        elif isinstance(node, list):
            for x in node:
                walk(x)

    for path in sorted(_SCHEMAS.glob("*.schema.json")):
        if not path.name.endswith("-export.schema.json"):
            walk(json.loads(path.read_text(encoding="utf-8")))
    return frozenset(keys)


def lines_of(text: str) -> list[str]:
    return _BREAK.split(text)


@dataclass(frozen=True)
class _Line:
    """One line as a block of YAML sees it."""

    n: int  # 1-based
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def blank(self) -> bool:
        s = self.text.strip()
        return not s or s.startswith("#")

    def key(self) -> tuple[str, int, int] | None:
        """(key, column of the key, column just after its colon), 1-based, if the line is `key:`."""
        m = _KEY.match(self.text)
        if not m:
            return None
        return m["key"], m.start("key") + 1, m.end() + 1

    def content_col(self) -> int:
        """Where the line's content starts after its indentation and any "- " markers (1-based)."""
        m = re.match(r"\s*(?:-\s+)*", self.text)
        return (m.end() if m else 0) + 1

    def value(self) -> tuple[int, str] | None:
        """The value written after `key:` on this line: (its 1-based column, its text), if any."""
        k = self.key()
        if k is None:
            return None
        rest = self.text[k[2] - 1 :]
        stripped = rest.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            return None
        return k[2] + len(rest) - len(stripped), stripped


# The pure-Python parser (used where libyaml is missing) words its complaints differently: each
# is read as libyaml's, which the rules below test for.
_PURE_PYTHON = (
    (re.compile(r"expected <block end>, but found .*"), "did not find expected key"),
    (re.compile(r"(mapping values|mapping keys) are not allowed here"), r"\1 are not allowed in this context"),
    (re.compile(r"(?:block )?sequence entries are not allowed (?:here|in this context)"), "block sequence entries are not allowed in this context"),
    (re.compile(r"expected ',' or '([\]}])', but got .*"), r"did not find expected ',' or '\1'"),
    (re.compile(r"found character .* that cannot start any token"), "found character that cannot start any token"),
    (re.compile(r"found unknown escape character.*"), "found unknown escape character"),
    (re.compile(r"expected alphabetic or numeric character.*"), "did not find expected alphabetic or numeric character"),
    (re.compile(r"expected a comment or a line break.*"), "did not find expected comment or line break"),
    (re.compile(r"expected '<document start>', but found .*"), "did not find expected <document start>"),
)


def explain(text: str, problem: str, line: int, col: int, context: str = "", ctx_line: int = 0, ctx_col: int = 0) -> Explained | None:
    """The mistake behind a parser error (1-based positions), or None when it is not one we know."""
    for pattern, said in _PURE_PYTHON:
        if pattern.fullmatch(problem):
            problem = pattern.sub(said, problem)
            break
    try:
        lines = [_Line(i, t) for i, t in enumerate(lines_of(text), 1)]
        if not 1 <= line <= len(lines):
            line = len(lines)
        for rule in _RULES:
            found = rule(lines, problem, line, col, context, ctx_line, ctx_col)
            if found is not None:
                return found
    except (IndexError, ValueError, TypeError, AttributeError):  # a hint is a courtesy: never turn a syntax error into a crash
        return None
    return None


# -- the mistakes, most specific first -------------------------------------------------------------


def _runaway_quote(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A quoted value whose closing mark is missing: YAML reads on, over the following lines, to
    the next mark of that kind (or to the end of the file)."""
    for ln in lines[: line]:
        v = ln.value()
        if v is None or v[1][0] not in "\"'":
            continue
        q, start = v[1][0], v[0]
        end = _closing(lines, ln.n, start, q)
        if end is not None and (end[0] == ln.n or end[0] < line - 1):
            continue  # closed on its own line, or well before the parser stopped: not what stopped it
        # The lines it runs over that hold a key or a list item (on the line where it closes, before the mark).
        after = [_Line(x.n, x.text[: end[1] - 1] if end and x.n == end[0] else x.text) for x in lines[ln.n : end[0] if end else len(lines)]]
        swallowed = [x for x in after if x.key() is not None or _ITEM.match(x.text)]
        if end is not None and not swallowed:
            continue  # a value quoted over several lines, on purpose
        key = ln.key()[0]  # type: ignore[index]
        mark = "double quote (\")" if q == '"' else "single quote (')"
        till = f"runs on to line {end[0]}" if end else "runs on to the end of the file"
        swallows = " and swallows the lines after it" if swallowed else ""
        return Explained(
            ln.n,
            start,
            f"the {mark} that opens the value of {key!r} is never closed on this line, so the value {till}{swallows}: "
            f"end the value with {q} on this line",
        )
    return None


def _closing(lines: list[_Line], n: int, start: int, q: str) -> tuple[int, int] | None:
    """Where the quoted value opened at line n, column `start` closes (line, column), or None."""
    i, pos = n - 1, start  # pos: 0-based index of the first character after the opening mark
    while i < len(lines):
        s = lines[i].text
        while pos < len(s):
            ch = s[pos]
            if q == '"' and ch == "\\":
                pos += 2
                continue
            if ch == q:
                if q == "'" and pos + 1 < len(s) and s[pos + 1] == "'":
                    pos += 2  # '' is an apostrophe inside '…'
                    continue
                return i + 1, pos + 1
            pos += 1
        i, pos = i + 1, 0
    return None


def _closed_early(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A quoted value closed before the end of its line, by a mark inside it or after a quoted
    opening word, and text after it that YAML cannot place."""
    ln = lines[line - 1]
    v = ln.value()
    if v is None and _ITEM.match(ln.text):
        c = ln.content_col()
        v = (c, ln.text[c - 1 :]) if ln.text[c - 1 : c] in ("'", '"') else None
    if v is None or v[1][0] not in "\"'":
        return None
    q, start = v[1][0], v[0]
    end = _closing(lines, line, start, q)
    if end is None or end[0] != line or end[1] >= col or ln.text[end[1] : col - 1].strip():
        return None
    key = ln.key()
    what = f"the value of {key[0]!r}" if key else "the list item"
    field = key[0] if key else "quote"
    rest = ln.text[end[1] :].rstrip()
    after = rest.lstrip()
    if q == '"':
        if '"' in after:  # more marks later: "…"inner"…"
            inner = after.split('"')[0].strip()
            return Explained(
                line,
                end[1],
                f"this straight double quote (\") ends {what}, which opens with \" at column {start}: a \" inside a \"…\" "
                f"value closes it, and YAML cannot read what follows ({inner!r}). Write the inner quotes as typographic "
                f"quotes (“{inner}”), put the whole value in single quotes ('…'), or {_FOLDED.format(key=field)}",
            )
        return Explained(
            line,
            end[1],
            f"{what} starts with a quoted part, which YAML reads as the whole value, and goes on after it ({after!r}): "
            f"put the whole value in single quotes ('…'), or {_FOLDED.format(key=field)}",
        )
    if ln.text[end[1] : end[1] + 1].isalnum() or "'" in after:  # Russia's: the mark is inside a word
        return Explained(
            line,
            end[1],
            f"this apostrophe ends {what}, which opens with ' at column {start}: an apostrophe inside a '…' value closes it. "
            "Write it twice ('') or as a typographic apostrophe (’), or put the whole value in double quotes (\"…\")",
        )
    return Explained(
        line,
        end[1],
        f"{what} starts with a quoted part, which YAML reads as the whole value, and goes on after it ({after!r}): "
        f"put the whole value in double quotes (\"…\"), or {_FOLDED.format(key=field)}",
    )


def _flow_value(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A value that starts with [ or { (read as a list or mapping) and goes on after its close."""
    ln = lines[line - 1]
    v = ln.value()
    if v is None or v[1][0] not in "[{" or problem != "did not find expected key":
        return None
    key = ln.key()[0]  # type: ignore[index]
    kind = "a list" if v[1][0] == "[" else "a mapping"
    return Explained(
        line,
        v[0],
        f"the value of {key!r} starts with {v[1][0]}, so YAML reads it as {kind} and cannot read the text after it: "
        f"put the whole value in quotes (\"…\"), or {_FOLDED.format(key=key)}",
    )


def _unclosed_flow(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    if "while parsing a flow" not in context or not cl:
        return None
    bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
    if line > cl:  # the bracket's line ended without its close
        return Explained(
            cl,
            cc,
            f"this {bracket} is never closed: end the {'list' if bracket == '[' else 'mapping'} with {close} on this line",
        )
    return Explained(
        line,
        col,
        f"YAML cannot read this inside {bracket} … {close}: items are separated by commas, and an item that holds a comma, "
        "a colon or a quote mark must be in quotes",
    )


def _tokens(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A value that starts with a character YAML reserves, or holds what a quoted value may not."""
    ln = lines[line - 1]
    key = ln.key()
    field = key[0] if key else "the value"
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        mark = "*" if "alias" in context else "&"
        return Explained(
            cl or line,
            cc or col,
            f"a value that starts with {mark} is read as an {'alias' if mark == '*' else 'anchor'}: put the whole value in quotes (\"…\")",
        )
    if problem == "found character that cannot start any token":
        ch = ln.text[col - 1 : col]
        if ch in "@`%":
            return Explained(line, col, f"a value cannot start with {ch}: put the whole value of {field!r} in quotes (\"…\")")
    if problem == "found unknown escape character" or "found unknown escape" in problem:
        slash = ln.text.rfind("\\", 0, col)
        return Explained(
            line,
            slash + 1 if slash >= 0 else col,
            "in a \"…\" value a backslash starts an escape (such as \\\" or \\n): write \\\\ for a backslash, "
            "or put the value in single quotes ('…')",
        )
    if "while scanning a block scalar" in context:
        return Explained(
            cl or line,
            cc or col,
            "after | or > the text starts on the next line, indented under the key: move the text there, or put the value in quotes",
        )
    if problem == "mapping keys are not allowed in this context":
        return Explained(line, col, f"a value cannot start with '? ': put the whole value of {field!r} in quotes (\"…\")")
    return None


def _missing_colon(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A line that is not `key: value`: a key without its colon (or a space after it), or text
    that continues the line above at the indentation of a key. The parser notices it only on
    the next line; the mistake is on this one."""
    if "could not find expected ':'" not in problem or "while scanning a simple key" not in context or not cl:
        return None
    ln = lines[cl - 1]
    body = ln.text[ln.content_col() - 1 :]
    if m := re.match(r"([A-Za-z_][\w-]*):(\S.*)$", body):
        return Explained(
            cl, ln.content_col() + len(m[1]) + 1, f"a colon needs a space after it: write '{m[1]}: {m[2].strip()}'"
        )
    if m := re.match(r"([A-Za-z_][\w-]*)\s*[：﹕︓]\s*(.*)$", body):
        return Explained(
            cl, ln.content_col() + len(m[1]), f"this is a full-width colon, which YAML does not read: type ':' (write '{m[1]}: {m[2].strip()}')"
        )
    if (m := re.match(r"([A-Za-z_][\w-]*)(\s+)(\S.*)$", body)) and m[1] in known_keys():
        return Explained(
            cl, ln.content_col() + len(m[1]), f"{m[1]!r} has no colon after it: write '{m[1]}: {m[3].strip()}'"
        )
    above = _previous(lines, cl)
    if above is not None and above.key() is not None and ln.indent <= above.key()[1] - 1:  # type: ignore[index]
        key = above.key()[0]  # type: ignore[index]
        v = above.value()
        if v is not None and re.fullmatch(r"[>|][+-]?\d?|[>|]\d?[+-]?", v[1].split("#")[0].strip()):
            return Explained(
                cl,
                ln.content_col(),
                f"the text of {key!r} (the block that line {above.n} opens) must be indented under it: start this line with "
                f"{above.key()[1] + 1} spaces",  # type: ignore[index]
            )
        spaces = above.key()[1] + 1  # type: ignore[index]
        if v is not None:
            return Explained(
                cl,
                ln.content_col(),
                f"this line looks like the rest of the value of {key!r} on line {above.n}, but it starts at column "
                f"{ln.content_col()}, where YAML expects a new key: indent it under {key!r} (start it with {spaces} spaces) "
                f"or join it to line {above.n}; if it is a key of its own, add the colon after it",
            )
        return Explained(
            cl,
            ln.content_col(),
            f"this line looks like the value of {key!r} (line {above.n}), but it starts at column {ln.content_col()}, where "
            f"YAML expects a new key: indent it under {key!r} (start it with {spaces} spaces)",
        )
    if above is not None and above.key() is None:  # a line of a value's text, at the indentation of a key
        body = []
        for x in reversed(lines[: ln.n - 1]):
            if x.blank:
                continue
            if x.indent <= ln.indent:
                if (k := x.key()) is not None and body and x.value() is not None:
                    return Explained(
                        cl,
                        ln.content_col(),
                        f"this line continues the text of {k[0]!r} (line {x.n}) but starts at column {ln.content_col()}, "
                        f"where YAML expects a new key: start it at column {body[-1].indent + 1}, like line {body[-1].n}",
                    )
                break
            body.append(x)
    return Explained(cl, ln.content_col(), "this line is not 'key: value': add the colon after its key, or indent it if it continues the line above")


def _colon_in_value(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """': ' inside an unquoted value, which YAML reads as a key."""
    if problem != "mapping values are not allowed in this context":
        return None
    ln = lines[line - 1]
    key = ln.key()
    if key is None or col <= key[2]:
        return None
    return Explained(
        line,
        col,
        f"the value of {key[0]!r} holds a colon followed by a space (or ends with one), which YAML reads as the start of a key: "
        f"put the whole value in quotes (\"…\"), or {_FOLDED.format(key=key[0])}",
    )


def _continued_into_key(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """`key: text` then a line indented deeper holding `key:`: YAML reads it as more of the text,
    until its colon. The deeper key is indented too far, or the line above lacks its colon."""
    if problem != "mapping values are not allowed in this context":
        return None
    ln = lines[line - 1]
    above = _previous(lines, line)
    if above is None or ln.key() is None:
        return None
    mine = ln.key()
    theirs = above.key()
    if theirs is not None and above.value() is not None and mine[1] > theirs[1]:  # type: ignore[index]
        return Explained(
            line,
            mine[1],  # type: ignore[index]
            _line_up(mine[0], mine[1], [(theirs[0], above.n, theirs[1])], f" ({theirs[0]!r} has its value on its line)"),  # type: ignore[index]
        )
    if theirs is None and (m := re.match(r"([A-Za-z_][\w-]*)\s+(\S.*)$", above.text[above.content_col() - 1 :])):
        return Explained(above.n, above.content_col() + len(m[1]), f"{m[1]!r} has no colon after it: write '{m[1]}: {m[2].strip()}'")
    return None


def _bad_indent(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A key (or list item) whose indentation matches no key above it, or a list item under a key
    that already has a value."""
    if problem not in ("did not find expected key", "did not find expected '-' indicator"):
        return None
    ln = lines[line - 1]
    if col - 1 != ln.content_col() - 1 and col - 1 != ln.indent:
        return None
    above = _previous(lines, line)
    if _ITEM.match(ln.text) and (sibling := _item_above(lines, ln)) is not None and sibling.indent != ln.indent:
        return Explained(
            line,
            ln.indent + 1,
            f"this list item starts at column {ln.indent + 1}, but the item above it (line {sibling.n}) starts at column "
            f"{sibling.indent + 1}: the items of one list line up; start its '-' at column {sibling.indent + 1}",
        )
    if _ITEM.match(ln.text) and above is not None and (k := above.key()) is not None and (v := above.value()) is not None:
        item = ln.text[ln.content_col() - 1 :].strip()
        return Explained(
            line,
            ln.indent + 1,
            f"this list item follows {k[0]!r} on line {above.n}, which already has a value ({v[1].strip()!r}): write the list "
            f"as '{k[0]}: [{v[1].strip()}, {item}]', or leave the value out of line {above.n} and put each item on its own "
            "line, starting with '- '",
        )
    mine = ln.key()
    if mine is None and not _ITEM.match(ln.text):
        return _text_indented_less(lines, ln)
    name, at = (mine[0], mine[1]) if mine else ("this list item", ln.indent + 1)
    options = _open_keys(lines, line)
    if not options:
        return None
    best = min(abs(c - at) for _, _, c in options)
    near = [o for o in options if abs(o[2] - at) == best][:2]
    return Explained(line, at, _line_up(name, at, near))


def _item_above(lines: list[_Line], ln: _Line) -> _Line | None:
    """The nearest list item above `ln` in the same block (no line between is indented less than both)."""
    for x in reversed(lines[: ln.n - 1]):
        if x.blank:
            continue
        if _ITEM.match(x.text):
            return x
        if x.indent < min(ln.indent, x.content_col() - 1) or (x.key() is not None and x.value() is None and x.indent < ln.indent):
            return None  # the key that holds this list: no item of it above
    return None


def _text_indented_less(lines: list[_Line], ln: _Line) -> Explained | None:
    """A line of a value's text (a folded block, or text run over lines) indented less than the
    lines of it above."""
    owner = next((x for x in reversed(lines[: ln.n - 1]) if not x.blank and x.key() is not None and x.key()[1] - 1 < ln.indent), None)  # type: ignore[index]
    if owner is None:
        return None
    body = [x for x in lines[owner.n : ln.n - 1] if not x.blank]
    if not body or min(x.indent for x in body) <= ln.indent:
        return None
    col = body[0].indent + 1
    return Explained(
        ln.n,
        ln.indent + 1,
        f"this line continues the text of {owner.key()[0]!r} (line {owner.n}) but is indented less than the text above it: "  # type: ignore[index]
        f"start it at column {col}, like line {body[0].n}",
    )


def _line_up(name: str, at: int, near: list[tuple[str, int, int]], why: str = "") -> str:
    """"'kind' is indented …: line it up with 'statement' (line 2, column 1)"."""
    who = repr(name) if not name.startswith("this ") else name
    first = near[0][2]
    how = "too far" if at > first else "too little"
    if len(near) > 1 and (near[0][2] - at) * (near[1][2] - at) < 0:
        how = "to match no key above it"
    alts = " or with ".join(f"{k!r} (line {n}, column {c})" for k, n, c in near)
    return f"{who} starts at column {at}, indented {how}{why}: line it up with {alts}"


def _open_keys(lines: list[_Line], line: int) -> list[tuple[str, int, int]]:
    """The keys a line may line up with: the key of each mapping still open above it, nearest
    first, as (key, line, column)."""
    out: list[tuple[str, int, int]] = []
    limit = None
    for ln in reversed(lines[: line - 1]):
        if ln.blank:
            continue
        k = ln.key()
        if k is None:
            continue
        if limit is None or k[1] < limit:
            out.append((k[0], ln.n, k[1]))
            limit = k[1]
            if k[1] == 1:
                break
    return out


def _previous(lines: list[_Line], line: int) -> _Line | None:
    for ln in reversed(lines[: line - 1]):
        if not ln.blank:
            return ln
    return None


def _structure(lines: list[_Line], problem: str, line: int, col: int, context: str, cl: int, cc: int) -> Explained | None:
    """A list begun on its key's line, a list item without the space after its '-', a first key
    indented (then every top-level key must be)."""
    ln = lines[line - 1]
    if problem == "block sequence entries are not allowed in this context" and (k := ln.key()) is not None:
        item = ln.text[col:].strip()
        if re.fullmatch(r"[\w .-]+", item):
            how = f"write '{k[0]}: [{item}]', or put '- {item}' on the next line, indented under {k[0]!r}"
        else:
            how = f"put each item on a line of its own, starting with '- ', indented under {k[0]!r}"
        return Explained(line, col, f"a list cannot start on the line of its key: {how}")
    for x in (ln, _previous(lines, line)):
        if x is not None and (m := re.match(r"(\s*)-([^\s\-].*)$", x.text)):
            return Explained(x.n, len(m[1]) + 2, f"a list item needs a space after its '-': write '- {m[2].strip()}'")
    if problem == "did not find expected <document start>":
        first = next((x for x in lines if not x.blank), None)
        if first is not None and first.indent and ln.key() is not None:
            return Explained(
                first.n,
                first.indent + 1,
                f"the first key is indented ({first.indent} spaces), so YAML reads the record as nested and cannot place "
                f"{ln.key()[0]!r} on line {line}: start every top-level key at column 1",  # type: ignore[index]
            )
    return None


_RULES = (_runaway_quote, _closed_early, _flow_value, _unclosed_flow, _tokens, _structure, _missing_colon, _colon_in_value, _continued_into_key, _bad_indent)
