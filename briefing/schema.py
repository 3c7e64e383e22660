"""JSON Schema validation of records, with errors turned into editor-facing diagnostics.

The schemas in `briefing/schemas/` are the single definition of each record type: the check
validates with them and editors get them through the yaml-language-server comment.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.yamlsafe import Located

if TYPE_CHECKING:  # jsonschema is imported only when a record is invalid (see `validate`)
    import jsonschema

SCHEMA_DIR = Path(__file__).parent / "schemas"
RECORD_TYPES = ("claim", "entity", "topic", "judgment", "question", "source")
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def load_schema(rtype: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{rtype}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(rtype: str) -> jsonschema.protocols.Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema(rtype))


# -- a fast path for valid records ---------------------------------------------------------------------
#
# jsonschema's validator is general and slow: it was most of the time a cold check spent. Most
# records are valid, and proving that needs none of its error machinery. `compile_predicate`
# turns a schema into the source of a plain Python function with exactly jsonschema's Draft
# 2020-12 semantics for the keywords the record schemas use (a schema with any other keyword is
# not compiled); where it cannot judge an instance exactly it raises `_Unsure`. Only a `True`
# answer is used: anything else goes to jsonschema, which finds and explains the problems as
# before. So the output is unchanged; valid records get checked in microseconds. The code is
# generated from our own schema files, never from record data.


class _Unsure(Exception):
    """The predicate cannot decide this instance exactly as jsonschema would."""


Predicate = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"})
_TYPE_TESTS = {  # exact types: what a loaded record holds (yamlsafe and json give no subclasses)
    "string": "type({v}) is str",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",  # Draft 6+: 1.0 is an integer
    "number": "type({v}) in (int, float)",  # a bool is never a number
}


class _Unsupported(Exception):
    """The schema uses a keyword (or a form of one) the generator does not reproduce."""


class _Generator:
    def __init__(self) -> None:
        self.defs: list[str] = []
        self.consts: dict[str, Any] = {}

    def const(self, value: Any) -> str:
        name = f"_k{len(self.consts)}"
        self.consts[name] = value
        return name

    def function(self, schema: Any) -> str:
        """Emit a function deciding `schema`; return its name."""
        name = f"_s{len(self.defs)}"
        self.defs.append("")  # reserve the slot: sub-schemas are emitted while this one is built
        body = self.body(schema)
        self.defs[int(name[2:])] = f"def {name}(v):\n" + "".join(f"    {line}\n" for line in body + ["return True"])
        return name

    def body(self, schema: Any) -> list[str]:
        if schema is True:
            return []
        if schema is False:
            return ["return False"]
        if not isinstance(schema, dict):
            raise _Unsupported
        out: list[str] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS or key in ("then", "else"):
                continue  # then/else are judged with their "if"; without one, jsonschema ignores them
            out += self.keyword(key, value, schema)
        return out

    def keyword(self, key: str, value: Any, schema: dict[str, Any]) -> list[str]:
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not names or any(n not in _TYPE_TESTS for n in names):
                raise _Unsupported
            return [f"if not ({' or '.join(_TYPE_TESTS[n].format(v='v') for n in names)}): return False"]
        if key in ("enum", "const"):
            options = value if key == "enum" else [value]
            if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
                raise _Unsupported  # jsonschema's equality of mixed types (1, True, 1.0) is not reproduced
            return [f"if type(v) is not str or v not in {self.const(frozenset(options))}: return False"]
        if key == "pattern":
            if not isinstance(value, str):
                raise _Unsupported
            return [f"if type(v) is str and {self.const(re.compile(value))}.search(v) is None: return False"]
        if key in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _Unsupported
            if key.endswith("Length"):
                guard, measure = "type(v) is str", "len(v)"
            elif key.endswith("Items"):
                guard, measure = "type(v) is list", "len(v)"
            else:
                guard, measure = "type(v) in (int, float)", "v"
            op = "<" if key.startswith("min") else ">"
            return [f"if {guard} and {measure} {op} {value!r}: return False"]
        if key == "uniqueItems":
            if value is False:
                return []
            if value is not True:
                raise _Unsupported
            return ["if type(v) is list:", "    if not all(type(x) is str for x in v): raise _Unsure", "    if len(set(v)) != len(v): return False"]
        if key == "required":
            if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                raise _Unsupported
            if not value:
                return []
            return [f"if type(v) is dict and ({' or '.join(f'{k!r} not in v' for k in value)}): return False"]
        if key == "properties":
            if not isinstance(value, dict):
                raise _Unsupported
            lines = ["if type(v) is dict:"]
            for k, sub in value.items():
                lines.append(f"    if {k!r} in v and not {self.function(sub)}(v[{k!r}]): return False")
            return lines if len(lines) > 1 else []
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise _Unsupported
            known = self.const(frozenset(schema.get("properties", {})))
            if value is False:
                return [f"if type(v) is dict and not {known}.issuperset(v): return False"]
            return ["if type(v) is dict:", "    for k in v:", f"        if k not in {known} and not {self.function(value)}(v[k]): return False"]
        if key == "items":
            if "prefixItems" in schema:
                raise _Unsupported
            return ["if type(v) is list:", "    for x in v:", f"        if not {self.function(value)}(x): return False"]
        if key in ("allOf", "anyOf"):
            if not isinstance(value, list) or not value:
                raise _Unsupported
            names = [self.function(sub) for sub in value]
            if key == "allOf":
                return [f"if not {n}(v): return False" for n in names]
            return [f"if not ({' or '.join(f'{n}(v)' for n in names)}): return False"]
        if key == "not":
            return [f"if {self.function(value)}(v): return False"]
        if key == "if":
            cond = self.function(value)
            then = self.function(schema.get("then", True))
            other = self.function(schema.get("else", True))
            return [f"if not ({then}(v) if {cond}(v) else {other}(v)): return False"]
        raise _Unsupported


def compile_predicate(schema: Any) -> Predicate | None:
    """A function equal to `Draft202012Validator(schema).is_valid` (or raising `_Unsure`), or None
    when the schema uses a keyword the generator does not reproduce."""
    gen = _Generator()
    try:
        top = gen.function(schema)
    except _Unsupported:
        return None
    namespace: dict[str, Any] = {"_Unsure": _Unsure, **gen.consts}
    exec(compile("\n".join(gen.defs), "<schema predicate>", "exec"), namespace)  # noqa: S102 - our own schema files, not record data
    return namespace[top]


@cache
def _fast(rtype: str) -> Predicate | None:
    return compile_predicate(load_schema(rtype))


def is_valid_fast(rtype: str, data: Any) -> bool:
    """True only when the record is certainly valid; False means "ask jsonschema".

    `data` holds plain values, as both loaders give (str, int, float, bool, None, list, dict)."""
    fast = _fast(rtype)
    if fast is None:
        return False
    try:
        return fast(data)
    except (_Unsure, RecursionError):
        return False


@cache
def schemas_digest() -> str:
    """Changes whenever any schema changes, so cached validation results are never stale."""
    h = hashlib.sha256()
    for rtype in RECORD_TYPES:
        h.update((SCHEMA_DIR / f"{rtype}.schema.json").read_bytes())
    return h.hexdigest()[:16]


def describe(value: Any) -> str:
    """What a loaded YAML value is, in an editor's words: "text", "a list", "a number"…"""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


def _field(path: tuple[Any, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "the record"


def validate(rtype: str, located: Located) -> list[list[Any]]:
    """Every schema problem as [line, col, code, message], sorted by position."""
    if is_valid_fast(rtype, located.data):
        return []  # what jsonschema's iter_errors would have found: nothing
    problems: list[list[Any]] = []
    for err in _validator(rtype).iter_errors(located.data):
        problems.extend(_explain(rtype, err, located))
    problems.sort(key=lambda p: (p[0], p[1], p[3]))
    unique: list[list[Any]] = []
    for p in problems:
        if p not in unique:
            unique.append(p)
    return unique


def _explain(rtype: str, err: jsonschema.ValidationError, loc: Located) -> list[list[Any]]:
    path = tuple(err.absolute_path)
    line, col = loc.where(path)
    v = err.validator
    name = _field(path)
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        out = []
        for key in sorted(set(err.instance) - set(allowed)):
            kl, kc = loc.where(path + (key,), key=True)
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed keys: {', '.join(allowed)}"
            where = "" if not path else f" in {name}"
            out.append([kl, kc, "unknown-key", f"unknown key {key!r}{where}{hint}"])
        return out
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if rtype == "claim" and missing in ("speaker", "based_on", "basis") and "kind" not in err.instance:
            return []  # the missing kind is reported; what a kind would require is not yet known
        extra = ""
        if rtype == "claim" and missing == "speaker":
            extra = " (attributed claims name who said it)"
        if rtype == "claim" and missing in ("based_on", "basis"):
            extra = " (an inference names the claims it rests on and its basis)"
        return [[line, col, "missing-key", f"{name} is missing required key {missing!r}{extra}"]]
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        return [[line, col, "wrong-type", f"{name} must be {_TYPE_NAMES.get(expected, expected)}, not {describe(err.instance)}"]]
    if v == "enum":
        options = [str(o) for o in err.validator_value]
        close = difflib.get_close_matches(str(err.instance), options, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        shown = f"{err.instance!r}" if isinstance(err.instance, str) else describe(err.instance)
        return [[line, col, "bad-value", f"{name} is {shown}; it must be one of: {', '.join(options)}{hint}"]]
    if v == "pattern":
        key = path[-1] if path else ""
        if key in ("url",):
            msg = f"{name} must be an absolute http:// or https:// URL, not {err.instance!r}"
            return [[line, col, "bad-url", msg]]
        if key in ("value", "end"):
            msg = f"{name} is {err.instance!r}; write a date as YYYY, YYYY-MM or YYYY-MM-DD (quoted)"
        elif key == "sha256":
            msg = f"{name} must be 64 lower-case hex digits (sha256sum of the text file)"
        elif key == "language":
            msg = f"{name} must be a language tag such as 'en'"
        elif isinstance(err.instance, str) and not err.instance.strip():
            return [[line, col, "empty-text", f"{name} is blank; write the text or remove the key"]]
        else:
            msg = f"{name} {err.instance!r} is not a valid id: use lower-case letters, digits and single hyphens"
        return [[line, col, "bad-value", msg]]
    if v == "minLength":
        return [[line, col, "empty-text", f"{name} is empty; write the text or remove the key"]]
    if v == "maxLength":
        return [[line, col, "too-long", f"{name} is longer than {err.validator_value} characters; shorten it"]]
    if v == "minItems":
        return [[line, col, "empty-list", f"{name} needs at least {err.validator_value} item(s)"]]
    if v == "maxItems":
        return [[line, col, "too-many", f"{name} has more than {err.validator_value} items"]]
    if v == "uniqueItems":
        return [[line, col, "duplicate-item", f"{name} lists the same item twice"]]
    if v in ("minimum", "maximum"):
        return [[line, col, "bad-value", f"{name} must be at least {err.validator_value}"]]
    if v == "not" and rtype == "claim":
        present = [k for k in ("speaker", "relayed_by", "based_on", "basis") if k in err.instance]
        kind = err.instance.get("kind")
        out = []
        for k in present:
            if (k in ("speaker", "relayed_by") and kind != "attributed") or (k in ("based_on", "basis") and kind != "inference"):
                kl, kc = loc.where(path + (k,), key=True)
                only = "attributed" if k in ("speaker", "relayed_by") else "inference"
                out.append([kl, kc, "key-not-for-kind", f"{k!r} is only for {only} claims; this claim is {kind!r}"])
        return out
    return [[line, col, "schema", f"{name}: {err.message}"]]
