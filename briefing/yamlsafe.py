"""Strict, safe YAML loading that remembers where every value came from.

PyYAML's loaders accept things a hostile pull request could abuse or that hide mistakes:
duplicate keys (the last one silently wins), arbitrary tags, anchors/aliases (alias bombs),
timestamps turned into date objects. We read the parser's events (from the C parser when it
is available) and build plain Python values ourselves, rejecting all of those with a position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024  # larger records are certainly a mistake or an attack
MAX_DEPTH = 20  # records nest a few levels; deeper input is a mistake or an attack

Path = tuple[str | int, ...]

try:  # libyaml's parser is ~4x faster; fall back to pure Python where it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the wheel
    _Loader = yaml.SafeLoader


def _quick_resolver(base: type) -> type:
    """`base` with PyYAML's tag resolution answered from a table made once. libyaml's composer
    calls back into Python to resolve every node and to descend into and ascend from it for path
    resolvers; the safe loader has no path resolvers, so those calls do nothing, and a plain
    scalar's candidate patterns depend only on its first character. The answers are PyYAML's own
    (`BaseResolver.resolve`, with no path resolvers): the same patterns, in the same order."""
    if base.yaml_path_resolvers:  # pragma: no cover - a loader with path resolvers keeps PyYAML's
        return base
    implicit = base.yaml_implicit_resolvers
    wildcard = list(implicit.get(None, []))
    first = {ch: tuple(rs + wildcard) for ch, rs in implicit.items() if ch is not None}
    none = tuple(wildcard)
    str_tag, seq_tag, map_tag = base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG

    class Quick(base):  # type: ignore[misc, valid-type]
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in first.get(value[:1], none):  # "" holds the empty value's resolvers
                        if regexp.match(value):
                            return tag
                return str_tag
            return seq_tag if kind is SequenceNode else map_tag

    Quick.__name__ = Quick.__qualname__ = f"Quick{base.__name__}"
    return Quick


_Loader = _quick_resolver(_Loader)


# Characters YAML does not allow in a file (its "printable" set, inverted), and the ones a
# string may not hold even when written as an escape ("\0", "\e", "\r"): records are plain text.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp"}
_constructor = SafeConstructor()


@dataclass
class YamlError(Exception):
    line: int
    col: int
    code: str
    message: str


@dataclass
class Located:
    """A loaded document plus the 1-based (line, col) of each value and each mapping key."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # For each scalar value: where its text starts and ends in the document and its style (None
    # plain, "'", '"', "|", ">"), so a place inside the value can be found (`inside`).
    scalars: dict[Path, tuple[int, int, str | None]] = field(default_factory=dict)
    source: str = ""

    @property
    def plain(self) -> bool:
        """Whether every string in the document is ASCII (no non-ASCII byte, no escape)."""
        return bool(self.source) and self.source.isascii() and "\\" not in self.source  # unknown text: not plain

    def inside(self, path: Path, offset: int) -> tuple[int, int] | None:
        """The 1-based (line, col) in the document of the character at `offset` in the string
        value at `path`, or None where that cannot be told (see `scalar_offset`)."""
        got = self.scalars.get(tuple(path))
        value = _get(self.data, tuple(path))
        if got is None or not isinstance(value, str):
            return None
        start, end, style = got
        i = scalar_offset(self.source[start:end], style, value, offset)
        if i is None:
            return None
        i += start
        line_start = self.source.rfind("\n", 0, i) + 1
        return self.source.count("\n", 0, i) + 1, i - line_start + 1

    @property
    def raw(self) -> bytes | None:
        """The file's bytes when they were kept (a fast-loaded record keeps them), else None."""
        return None

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor we know."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if key and p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


def _get(data: Any, path: Path) -> Any:
    for k in path:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_ESCAPES = {"0", "a", "b", "t", "\t", "n", "v", "f", "r", "e", " ", '"', "/", "\\", "N", "_", "L", "P"}
_HEX = {"x": 2, "u": 4, "U": 8}


def scalar_offset(raw: str, style: str | None, value: str, offset: int) -> int | None:
    """Where, in `raw` (a scalar as written in the document), the character `value[offset]` of its
    loaded value is: the two are walked side by side, raw whitespace the value folds away (line
    breaks and indentation of plain, quoted, folded and literal scalars), a doubled quote and an
    escape sequence read as the one character they stand for. None when they part (which a value
    loaded from that text does not do), or when the offset is past the value's end."""
    if not 0 <= offset < len(value):
        return None
    p, n = 0, len(raw)
    if style in ("|", ">"):
        p = raw.find("\n") + 1  # past the header line ("|", ">-", "|2+" and a comment)
        if p == 0:
            return None
    elif style in ("'", '"'):
        p = 1
    for i, ch in enumerate(value):
        while True:
            if p >= n:
                return None
            c = raw[p]
            if style == '"' and c == "\\":
                nxt = raw[p + 1 : p + 2]
                if nxt == "\n":  # an escaped line break: nothing in the value
                    p += 2
                    while p < n and raw[p] in " \t":
                        p += 1
                    continue
                width = 2 + _HEX.get(nxt, 0) if nxt in _HEX or nxt in _ESCAPES else 0
                if not width:
                    return None
                if i == offset:
                    return p
                p += width
                break
            if style == "'" and c == "'" and raw[p + 1 : p + 2] == "'":
                if i == offset:
                    return p
                p += 2
                break
            if c == ch:
                if i == offset:
                    return p
                p += 1
                break
            if c in " \t\r\n":
                if ch in " \n" and c in "\r\n":  # a folded line break (and the indentation after it)
                    q = p
                    while q < n and raw[q] in " \t\r\n":
                        q += 1
                    if i == offset:
                        return p
                    p = q
                    break
                p += 1  # indentation or trailing space the value does not keep
                continue
            return None
    return None


def _pos(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what a record must never be: huge, BOM-prefixed, not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlError(1, 1, "file-too-large", f"file is {len(raw):,} bytes; records may be at most {MAX_BYTES:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, 1, "yaml-bom", "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(1, 1, "not-utf8", "file is UTF-16, not UTF-8; save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = utf8_error_position(raw, exc)
        raise YamlError(line, col, "not-utf8", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8") from None
    if m := _UNPRINTABLE.search(text):
        i = m.start()
        raise YamlError(
            text.count("\n", 0, i) + 1,
            i - (text.rfind("\n", 0, i) + 1) + 1,
            "yaml-control-char",
            f"the file contains the control character {_char_name(m.group())}, which YAML does not allow; delete it",
        )
    return text


def utf8_error_position(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """1-based line and column (in characters, as an editor counts) of the first bad byte."""
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    return raw.count(b"\n", 0, exc.start) + 1, len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (f" {unicodedata.name(ch)}" if unicodedata.name(ch, "") else "")


# The bytes of most records: printable ASCII, tabs and line breaks, and none of "&*!\\". A record
# of only these (found with one `bytes.translate`, at C speed) holds no character `decode` refuses
# and none `_MAY_NEED_EVENTS` looks for: neither pattern need be searched. A property test holds
# the shortcut to the two searches.
_QUIET_BYTES = bytes(sorted({9, 10, 13, *range(0x20, 0x7F)} - set(b"&*!\\")))


def quiet(raw: bytes) -> bool:
    """Whether every byte of `raw` is one of `_QUIET_BYTES`."""
    return not raw.translate(None, _QUIET_BYTES)


def load(raw: bytes) -> Located:
    """Parse one YAML document into plain dicts/lists/str/int/float/bool/None with positions."""
    plain = len(raw) <= MAX_BYTES and quiet(raw)
    text = raw.decode("ascii") if plain else decode(raw)
    # (A text whose first character other than white space is not "#" has a line of its own.)
    first = text[len(text) - len(text.lstrip()) :][:1]
    if first in ("", "#") and (not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines())):
        raise YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    if _FAST and (plain or not _MAY_NEED_EVENTS.search(text)):
        data = _fast_data(text)
        if data is not _FALLBACK:
            return LazyLocated(data, raw)
    return _load_events(text)


def _load_events(text: str) -> Located:
    """The exact path: every value and key with its position, every problem with its own."""
    loader = None
    try:
        loader = _Loader(text)
        located = _compose(loader)
        located.source = text
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        from briefing import yamlhelp  # (the hints for a broken record: no check of sound ones imports them)

        lines = yamlhelp.lines_of(text)
        at = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
        if at == "\t" or "\t" in problem or "tab" in problem.lower():
            raise YamlError(
                line, col, "yaml-tab", "a tab character where YAML needs spaces: indent with spaces only (set your editor to insert spaces)"
            ) from None
        cm = exc.context_mark
        hint = yamlhelp.explain(text, problem, line, col, exc.context or "", cm.line + 1 if cm else 0, cm.column + 1 if cm else 0)
        if hint is not None:  # the mistake itself, where it is, and what to write instead
            raise YamlError(hint.line, hint.col, "yaml-syntax", hint.message) from None
        ctx = ""
        if exc.context:
            ctx = f" {exc.context}"
            cm = exc.context_mark
            if cm is not None and (cm.line, cm.column) != (line - 1, col - 1):
                ctx += f" that starts at line {cm.line + 1}, column {cm.column + 1}"
        raise YamlError(line, col, "yaml-syntax", f"{problem}{ctx}".strip()) from None
    except yaml.YAMLError as exc:  # e.g. the pure-Python reader's complaints, which carry no line
        raise YamlError(1, 1, "yaml-syntax", str(exc).splitlines()[0]) from None
    finally:
        if loader is not None:
            loader.dispose()


# -- the fast path ----------------------------------------------------------------------------------
#
# Most records are plain: no anchor (&), alias (*) or tag (!) can occur in a text without those
# characters. For them libyaml composes the whole node tree in C, and a short walk turns it into
# values. Anything the walk is not sure of (a duplicate key, a merge key, an unusual tag, a
# control character, deep nesting, any parser complaint) falls back to the exact event path,
# which then reports it with its position. Positions of a fast-loaded record are computed only
# if a problem needs one (LazyLocated), by that same exact path.

_FAST = _Loader is not yaml.SafeLoader and hasattr(_Loader, "get_single_node")
# Anchors, aliases and tags need "&", "*" or "!"; a control character in a value needs one in the
# text or a backslash escape. Texts with none of them take the fast path.
_MAY_NEED_EVENTS = re.compile(r"[&*!\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FALLBACK = object()
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (_T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


class _Unsure(Exception):
    """The fast walk met something only the exact path may judge."""


def _fast_data(text: str) -> Any:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _FALLBACK
        data = _walk(node, 0)
    except (yaml.YAMLError, _Unsure, ConstructorError, ValueError, RecursionError):
        return _FALLBACK
    finally:
        loader.dispose()
    return _FALLBACK if data is None else data


def _walk(node: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Unsure
    cls = type(node)
    if cls is ScalarNode:
        return _fast_scalar(node)
    if cls is MappingNode:
        if node.tag != _T + "map":
            raise _Unsure
        out: dict[str, Any] = {}
        for k, v in node.value:
            if type(k) is not ScalarNode or k.tag == _T + "merge":
                raise _Unsure
            key = _fast_scalar(k)
            if not isinstance(key, str):
                key = k.value
            if key[:1].isspace():
                raise _Unsure  # a no-break space before a key: the exact path says where
            if key in out:
                raise _Unsure  # a duplicate key: the exact path names both lines
            out[key] = _walk(v, depth + 1)
        return out
    if cls is SequenceNode and node.tag == _T + "seq":
        return [_walk(x, depth + 1) for x in node.value]
    raise _Unsure


def _fast_scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag in (_STR, _TIMESTAMP):
        return value  # no control character: the text has none and no escape (see _MAY_NEED_EVENTS)
    if tag == _INT:
        return _constructor.construct_yaml_int(node)
    if tag == _FLOAT:
        return _constructor.construct_yaml_float(node)
    if tag == _BOOL:
        return _constructor.construct_yaml_bool(node)
    if tag == _NULL:
        return None
    raise _Unsure


class LazyLocated(Located):
    """A record's data whose positions are worked out only when asked for (to report a problem),
    by parsing its bytes again on the exact path: the same positions a full load gives."""

    def __init__(self, data: Any, raw: bytes) -> None:  # not Located.__init__: values/keys are computed
        self.data = data
        self._raw = raw
        self._parsed: Located | None = None

    def _positions(self) -> Located:
        if self._parsed is None:
            try:
                self._parsed = _load_events(decode(self._raw))
            except YamlError:  # cannot happen for bytes that loaded before; positions degrade to (1, 1)
                self._parsed = Located(self.data)
        return self._parsed

    @property
    def raw(self) -> bytes | None:
        return self._raw

    @property  # type: ignore[override]
    def values(self) -> dict[Path, tuple[int, int]]:
        return self._positions().values

    @property  # type: ignore[override]
    def keys(self) -> dict[Path, tuple[int, int]]:
        return self._positions().keys

    @property  # type: ignore[override]
    def scalars(self) -> dict[Path, tuple[int, int, str | None]]:
        return self._positions().scalars

    @property  # type: ignore[override]
    def source(self) -> str:
        return self._positions().source

    @property
    def plain(self) -> bool:
        return self._raw.isascii() and b"\\" not in self._raw


def _compose(loader: Any) -> Located:
    """Build the document from parser events with an explicit stack.

    Working on events rather than PyYAML's composed node graph lets us refuse an anchor or an
    alias where it is written (before any alias could be expanded: no alias bomb), limit the
    nesting depth without recursion, and refuse a second document.
    """
    loader.get_event()  # StreamStart
    if loader.check_event(StreamEndEvent):
        raise YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    loader.get_event()  # DocumentStart
    out = Located(None)
    # Each frame: [container, path, pending mapping key (None while a key is expected)].
    stack: list[list[Any]] = []
    done = False
    while not done:
        ev = loader.get_event()
        pos = _pos(ev)
        if isinstance(ev, MappingEndEvent | SequenceEndEvent):
            value = stack.pop()[0]
        else:
            if isinstance(ev, AliasEvent) or getattr(ev, "anchor", None) is not None:
                raise YamlError(
                    *pos,
                    "yaml-alias",
                    "anchors and aliases (&name / *name) are not allowed; write the value out (a value that starts with & or * must be in quotes)",
                )
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
                parent[2] = _key(loader, ev, parent, out)  # a mapping key, not a value
                continue
            path = _child_path(parent)
            if len(path) > MAX_DEPTH:
                raise YamlError(*pos, "yaml-too-deep", f"values are nested more than {MAX_DEPTH} levels deep; records are flat")
            out.values[path] = pos
            if isinstance(ev, ScalarEvent):
                value = _scalar(_scalar_node(loader, ev))
                if isinstance(value, str):
                    out.scalars[path] = (ev.start_mark.index, ev.end_mark.index, ev.style)
            elif isinstance(ev, SequenceStartEvent | MappingStartEvent):
                kind = "seq" if isinstance(ev, SequenceStartEvent) else "map"
                if ev.tag not in (None, "!", _T + kind):
                    raise YamlError(*pos, "yaml-tag", f"tag {_shown_tag(ev.tag)!r} is not allowed; remove it")
                stack.append([[] if kind == "seq" else {}, path, None])
                continue
            else:  # pragma: no cover - the parser yields no other event inside a document
                raise YamlError(*pos, "yaml-syntax", "unsupported YAML")
        if stack:
            parent = stack[-1]
            if isinstance(parent[0], dict):
                parent[0][parent[2]] = value
                parent[2] = None
            else:
                parent[0].append(value)
        else:
            out.data, done = value, True
    loader.get_event()  # DocumentEnd
    if not loader.check_event(StreamEndEvent):
        ev = loader.peek_event()
        raise YamlError(*_pos(ev), "yaml-multiple-documents", "the file holds more than one YAML document (---); a record is one document")
    if out.data is None:
        raise YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    return out


def _child_path(parent: list[Any] | None) -> Path:
    if parent is None:
        return ()
    container, path, key = parent
    return path + ((key,) if isinstance(container, dict) else (len(container),))


def _key(loader: Any, ev: Any, parent: list[Any], out: Located) -> str:
    if not isinstance(ev, ScalarEvent):
        raise YamlError(*_pos(ev), "yaml-key", "mapping keys must be plain strings")
    node = _scalar_node(loader, ev)
    if node.tag == _T + "merge":
        raise YamlError(*_pos(ev), "yaml-alias", "merge keys (<<) are not allowed; write the keys out")
    value = _scalar(node)
    key = value if isinstance(value, str) else ev.value
    if key[:1].isspace():  # YAML indents with spaces only: a no-break space is part of the key
        raise YamlError(
            *_pos(ev),
            "yaml-syntax",
            f"this line starts with {_char_name(key[0])}, which YAML does not count as indentation (it makes the key "
            f"{key.strip()!r} a key of its own, with the space in its name): retype the spaces at the start of the line",
        )
    path = parent[1] + (key,)
    if key in parent[0] or path in out.keys:
        first = out.keys[path]
        # Inside a list (citations, not_claims), a repeated key usually begins the next item without its "- ".
        item = " (if it begins another item of the list, start that line with '- ')" if any(isinstance(p, int) for p in path) else ""
        raise YamlError(
            *_pos(ev), "yaml-duplicate-key", f"key {key!r} appears twice in one mapping (first on line {first[0]}); keep one{item}"
        )
    out.keys[path] = _pos(ev)
    return key


def _scalar_node(loader: Any, ev: Any) -> ScalarNode:
    tag = ev.tag
    if tag is None or tag == "!":
        tag = loader.resolve(ScalarNode, ev.value, ev.implicit)
    return ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, ev.style)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise YamlError(
            *_pos(node),
            "yaml-tag",
            f"tag {_shown_tag(tag)!r} is not allowed; remove it (records hold only plain text, numbers, true/false; "
            "a value that starts with ! must be in quotes)",
        )
    if tag == _T + "str" or tag == _T + "timestamp":
        if m := _CONTROL_IN_TEXT.search(node.value):
            raise YamlError(
                *_pos(node), "yaml-control-char", f"the text holds the control character {_char_name(m.group())}; records are plain text"
            )
        return node.value  # dates stay text, exactly as written: "2019-08-27"
    try:
        if tag == _T + "int":
            return _constructor.construct_yaml_int(node)
        if tag == _T + "float":
            return _constructor.construct_yaml_float(node)
        if tag == _T + "bool":
            return _constructor.construct_yaml_bool(node)
    except (ConstructorError, ValueError) as exc:
        raise YamlError(*_pos(node), "yaml-syntax", f"cannot read value {node.value!r}: {exc}") from None
    return None
