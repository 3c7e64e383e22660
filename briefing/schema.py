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
# jsonschema's validator is general and slow: it was most of the time a cold check spent (2.5 s of
# 7.9 s at 10k claims). Most records are valid, and proving that needs none of its error
# machinery. `_compile` turns a schema into a plain predicate with exactly jsonschema's Draft
# 2020-12 semantics for the keywords the record schemas use; a schema with any other keyword is
# not compiled, and an instance the predicate cannot judge exactly raises `_Unsure`. Only a
# `True` answer is ever used: anything else goes to jsonschema, which then finds and explains the
# problems exactly as before. So the output is unchanged; only valid records get faster.


class _Unsure(Exception):
    """The predicate cannot decide this instance exactly as jsonschema would."""


Predicate = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"})
_PLAIN = frozenset({str, int, float, bool, type(None), list, dict})  # what a loaded record holds


def _plain(v: Any) -> None:
    if type(v) not in _PLAIN:
        raise _Unsure


def _is_type(name: str, v: Any) -> bool:
    _plain(v)
    if name == "string":
        return isinstance(v, str)
    if name == "object":
        return isinstance(v, dict)
    if name == "array":
        return isinstance(v, list)
    if name == "boolean":
        return isinstance(v, bool)
    if name == "null":
        return v is None
    if name == "integer":  # Draft 6+: 1.0 is an integer; a bool is never a number
        return not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))
    if name == "number":
        return not isinstance(v, bool) and isinstance(v, int | float)
    raise _Unsure


def _compile(schema: Any) -> Predicate | None:
    """A predicate equal to `Draft202012Validator(schema).is_valid`, or None if a keyword is unsupported."""
    if schema is True or schema is False:
        result = bool(schema)
        return lambda v: result
    if not isinstance(schema, dict):
        return None
    tests: list[Predicate] = []
    for key, value in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                return None
            tests.append(lambda v, names=tuple(names): any(_is_type(n, v) for n in names))
        elif key == "properties":
            if not isinstance(value, dict):
                return None
            subs = {k: _compile(sub) for k, sub in value.items()}
            if any(f is None for f in subs.values()):
                return None
            tests.append(lambda v, subs=subs: not isinstance(v, dict) or all(f(v[k]) for k, f in subs.items() if k in v))  # type: ignore[misc]
        elif key == "additionalProperties":
            if "patternProperties" in schema:
                return None
            sub = _compile(value)
            if sub is None:
                return None
            known = frozenset(schema.get("properties", {}))
            tests.append(lambda v, sub=sub, known=known: not isinstance(v, dict) or all(sub(v[k]) for k in v if k not in known))
        elif key == "required":
            if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                return None
            tests.append(lambda v, req=tuple(value): not isinstance(v, dict) or all(k in v for k in req))
        elif key in ("enum", "const"):
            options = value if key == "enum" else [value]
            if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
                return None  # jsonschema's equality of mixed types (1 vs True vs 1.0) is not reproduced here
            # Equality with a string is plain `==`: a non-string instance equals none of them.
            tests.append(lambda v, opts=frozenset(options): _plain(v) or (isinstance(v, str) and v in opts))
        elif key == "pattern":
            if not isinstance(value, str):
                return None
            rx = re.compile(value)
            tests.append(lambda v, rx=rx: not isinstance(v, str) or rx.search(v) is not None)
        elif key in ("minLength", "maxLength", "minItems", "maxItems"):
            if not isinstance(value, int) or isinstance(value, bool):
                return None
            kind = str if key.endswith("Length") else list
            if key.startswith("min"):
                tests.append(lambda v, n=value, kind=kind: not isinstance(v, kind) or len(v) >= n)
            else:
                tests.append(lambda v, n=value, kind=kind: not isinstance(v, kind) or len(v) <= n)
        elif key == "uniqueItems":
            if value is True:
                tests.append(_unique_strings)
            elif value is not False:
                return None
        elif key in ("minimum", "maximum"):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return None
            if key == "minimum":
                tests.append(lambda v, n=value: not _is_type("number", v) or not v < n)
            else:
                tests.append(lambda v, n=value: not _is_type("number", v) or not v > n)
        elif key == "items":
            if "prefixItems" in schema:
                return None
            sub = _compile(value)
            if sub is None:
                return None
            tests.append(lambda v, sub=sub: not isinstance(v, list) or all(sub(x) for x in v))
        elif key in ("allOf", "anyOf"):
            if not isinstance(value, list) or not value:
                return None
            subs_l = [_compile(x) for x in value]
            if any(f is None for f in subs_l):
                return None
            if key == "allOf":
                tests.append(lambda v, fs=tuple(subs_l): all(f(v) for f in fs))  # type: ignore[misc]
            else:
                tests.append(lambda v, fs=tuple(subs_l): any(f(v) for f in fs))  # type: ignore[misc]
        elif key == "not":
            sub = _compile(value)
            if sub is None:
                return None
            tests.append(lambda v, sub=sub: not sub(v))
        elif key == "if":
            cond = _compile(value)
            then = _compile(schema.get("then", True))
            other = _compile(schema.get("else", True))
            if cond is None or then is None or other is None:
                return None
            tests.append(lambda v, c=cond, t=then, o=other: t(v) if c(v) else o(v))
        elif key in ("then", "else"):
            continue  # judged with their "if"; without one, jsonschema ignores them too
        else:
            return None
    return lambda v: all(t(v) for t in tests)


def _unique_strings(v: Any) -> bool:
    if not isinstance(v, list):
        return True
    if not all(type(x) is str for x in v):
        raise _Unsure  # jsonschema's uniqueness of mixed types (1 vs True) is not reproduced here
    return len(set(v)) == len(v)


@cache
def _fast(rtype: str) -> Predicate | None:
    return _compile(load_schema(rtype))


def is_valid_fast(rtype: str, data: Any) -> bool:
    """True only when the record is certainly valid; False means "ask jsonschema"."""
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
