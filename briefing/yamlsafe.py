"""Strict, safe YAML loading that remembers where every value came from.

PyYAML's loaders accept things a hostile pull request could abuse or that hide mistakes:
duplicate keys (the last one silently wins), arbitrary tags, anchors/aliases (alias bombs),
timestamps turned into date objects. We compose the node graph with the C parser when it is
available and build plain Python values ourselves, rejecting all of those with a position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024  # larger records are certainly a mistake or an attack

Path = tuple[str | int, ...]

try:  # libyaml's parser is ~4x faster; fall back to pure Python where it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the wheel
    _Loader = yaml.SafeLoader

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


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what a record must never be: huge, BOM-prefixed, not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlError(1, 1, "file-too-large", f"file is {len(raw):,} bytes; records may be at most {MAX_BYTES:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(1, 1, "yaml-bom", "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(line, col, "not-utf8", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8") from None
    if "\x00" in text:
        i = text.index("\x00")
        raise YamlError(text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1, "not-utf8", "file contains a NUL character")
    return text


def load(raw: bytes) -> Located:
    """Parse one YAML document into plain dicts/lists/str/int/float/bool/None with positions."""
    text = decode(raw)
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "\t" in problem or "tab" in problem.lower():
            problem += " (YAML does not allow tabs for indentation: use spaces)"
        ctx = f" {exc.context}" if exc.context else ""
        raise YamlError(line, col, "yaml-syntax", f"{problem}{ctx}".strip()) from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, "yaml-syntax", str(exc).splitlines()[0]) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    out = Located(None)
    out.data = _build(node, (), out, set())
    return out


def _build(node: Node, path: Path, out: Located, seen: set[int]) -> Any:
    # libyaml hands an alias back as the very same node object: a second visit means an alias.
    if id(node) in seen:
        raise YamlError(*_pos(node), "yaml-alias", "anchors and aliases (&name / *name) are not allowed; write the value out")
    out.values[path] = _pos(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    seen.add(id(node))
    if isinstance(node, SequenceNode):
        if node.tag != _T + "seq":
            raise YamlError(*_pos(node), "yaml-tag", f"tag {node.tag!r} is not allowed; remove it")
        return [_build(child, path + (i,), out, seen) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _T + "map":
            raise YamlError(*_pos(node), "yaml-tag", f"tag {node.tag!r} is not allowed; remove it")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                raise YamlError(*_pos(key_node), "yaml-alias", "merge keys (<<) are not allowed; write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise YamlError(*_pos(key_node), "yaml-key", "mapping keys must be plain strings")
            key = key_node.value
            if key_node.tag != _T + "str" and not isinstance(_scalar(key_node), str):
                key = str(key)
            if key in result:
                first = out.keys[path + (key,)]
                raise YamlError(
                    *_pos(key_node), "yaml-duplicate-key", f"key {key!r} appears twice in one mapping (first on line {first[0]}); keep one"
                )
            out.keys[path + (key,)] = _pos(key_node)
            result[key] = _build(value_node, path + (key,), out, seen)
        return result
    raise YamlError(*_pos(node), "yaml-syntax", "unsupported YAML node")  # pragma: no cover


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise YamlError(
            *_pos(node), "yaml-tag", f"tag {tag!r} is not allowed; remove it (records hold only plain text, numbers, true/false)"
        )
    if tag == _T + "str" or tag == _T + "timestamp":
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
