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

if TYPE_CHECKING:  # jsonschema is imported only when a record is invalid (see `validate`)
    import jsonschema

    from briefing.yamlsafe import Located

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
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    r"""A JSON Schema `pattern` with its own semantics (ECMA-262, no multiline flag): `$` is the end
    of the text. Python's `$` also matches before a final newline, so `^[a-z0-9-]+$` would take
    an id with a newline after it; each `$` outside a character class becomes `\Z` (as
    fastjsonschema, the fast path, does too)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append("\\Z" if ch == "$" and not in_class else ch)
        i += 1
    return re.compile("".join(out))


@cache
def _validator(rtype: str) -> jsonschema.protocols.Validator:
    import jsonschema

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not ecma_pattern(patrn).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
    return cls(load_schema(rtype))


# -- a fast path for valid records ---------------------------------------------------------------------
#
# jsonschema's validator is general and slow: it was most of the time a cold check spent. Most
# records are valid, and proving that needs none of its error machinery. fastjsonschema turns each
# record schema into plain Python; only its "valid" answer is used. Anything else goes to
# jsonschema, which finds and explains the problems, so the diagnostics are jsonschema's.
# The record schemas use only keywords whose meaning is the same in Draft 7 (fastjsonschema's
# newest) and Draft 2020-12 (`$schema` of the files); tests/test_fast_paths.py holds the two
# validators to the same answers on every real record and on generated broken ones.
#
# fastjsonschema's code is generated ahead of time into `schema_predicates.py` (committed; `make
# schema-predicates` writes it again): generating it cost every check as much as validating a few
# thousand records. It carries the digest of the schemas it was made from; a check that finds the
# schemas changed since makes the same code again in memory (`_predicates`), so an edited schema
# is never judged by stale code. tests/test_schema_predicates.py fails until the file is written again.

Predicate = Callable[[Any], bool]
PREDICATES_FILE = Path(__file__).parent / "schema_predicates.py"


def _kinds(schema: dict[str, Any]) -> list[str]:
    return sorted({k for k in schema.get("properties", {}).get("kind", {}).get("enum", []) if isinstance(k, str)})


def _parts(rtype: str) -> tuple[dict[str, Any], dict[str | None, tuple[str, ...]]]:
    """The schemas compiled for a record type, by name, and for each kind the names of those a
    record of that kind must pass (None: a record with no kind, or one the schema does not list).

    A schema with conditions on the kind (its `allOf`) is compiled apart from them, and the
    conditions once for each kind, decided for it (`_decided`): fastjsonschema answers an `if`, an
    `else` and a `not anyOf` by raising and catching exceptions, a few for every record. When the
    schema requires `kind`, a record with no listed kind is invalid and nothing is compiled for it:
    the fast path answers "ask jsonschema"."""
    schema = load_schema(rtype)
    kinds = _kinds(schema)
    if "allOf" not in schema or not kinds:
        return {rtype: schema}, {None: (rtype,)}
    parts: dict[str, Any] = {f"{rtype}-rest": {k: v for k, v in schema.items() if k != "allOf"}}
    table: dict[str | None, tuple[str, ...]] = {}
    for i, kind in enumerate(kinds):
        parts[f"{rtype}-kind{i}"] = {"allOf": _decided(schema, kind)}
        table[kind] = (f"{rtype}-rest", f"{rtype}-kind{i}")
    if "kind" not in schema.get("required", []):
        parts[rtype] = schema
        table[None] = (rtype,)
    return parts, table


_SUBSCHEMA = ("not", "if", "then", "else", "additionalProperties", "items")
_SUBSCHEMAS = ("allOf", "anyOf", "oneOf")


def _untried(node: Any) -> Any:
    """The schema with two conditions written without `if` (same meaning for every value), which
    fastjsonschema answers by raising and catching an exception, once for every date:

    - `if: {required: [a]}, then: {required: [b…]}` as Draft 7's `dependencies: {a: [b…]}`;
    - `if: {properties: {a: {not: {const: c}}}}, then: {required: [b…]}` (b is required unless a
      is there and is c) as `anyOf: [{required: [b…]}, {required: [a], properties: {a: {const: c}}}]`,
      whose first branch, the usual case, passes without a raise."""
    if isinstance(node, list):
        return [_untried(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _untried(sub) for name, sub in value.items()}
        elif key in _SUBSCHEMA or key in _SUBSCHEMAS:
            out[key] = _untried(value)
        else:
            out[key] = value
    if set(out) != {"if", "then"} or not isinstance(out["if"], dict) or not isinstance(out["then"], dict):
        return out
    cond, then = out["if"], out["then"]
    needed = then.get("required") if set(then) == {"required"} else None
    if not (isinstance(needed, list) and needed and all(isinstance(k, str) for k in needed)):
        return out
    if set(cond) == {"required"} and isinstance(cond["required"], list) and len(cond["required"]) == 1 and isinstance(cond["required"][0], str):
        return {"dependencies": {cond["required"][0]: needed}}
    props = cond.get("properties") if set(cond) == {"properties"} else None
    if isinstance(props, dict) and len(props) == 1:
        ((name, sub),) = props.items()
        if isinstance(sub, dict) and set(sub) == {"not"} and isinstance(sub["not"], dict) and set(sub["not"]) == {"const"}:
            return {"anyOf": [{"required": needed}, {"required": [name], "properties": {name: sub["not"]}}]}
    return out


def predicates_source() -> str:
    """The text of `schema_predicates.py`: fastjsonschema's code for every `_parts` schema, read as
    Draft 7 (it does not know the 2020-12 URI), with no import of fastjsonschema: a check does
    not need it, and only "valid or not" is asked of the code."""
    import fastjsonschema
    from fastjsonschema.draft07 import CodeGeneratorDraft07
    from fastjsonschema.generator import serialize_regexes

    class Generator(CodeGeneratorDraft07):
        def exc(self, msg: str, *args: Any, append_to_msg: Any = None, rule: Any = None) -> None:
            """Each failed test raises the bare exception: fastjsonschema's message, the value, its
            name and the schema it failed (a dict written out at every raise) are never read, and
            made the file ten times larger and every raise slower."""
            self.l("raise JsonSchemaValueException")

        def generate_unique_items(self) -> None:
            """A list of none or one item is unique, and a list of texts (what every `uniqueItems`
            list of the records holds) is tested with one set; any other list as fastjsonschema
            does (it defines a function, keeping true apart from 1, and calls it for each item)."""
            if not self._definition["uniqueItems"]:
                return
            self.create_variable_is_list()
            with self.l("if {variable}_is_list:"):
                self.create_variable_with_length()
                with self.l("if {variable}_len > 1:"):
                    with self.l("if all(type(x) is str for x in {variable}):"), self.l("if {variable}_len > len(set({variable})):"):
                        self.exc("")
                    with self.l("else:"):
                        super().generate_unique_items()

    def _func(name: str) -> str:
        return "validate_" + name.replace("-", "_")

    funcs: list[str] = []
    patterns: dict[str, Any] = {}
    table: list[str] = []
    for rtype in RECORD_TYPES:
        parts, by_kind = _parts(rtype)
        for name, part in parts.items():
            # No defaults written into the data: the records are read-only here.
            gen = Generator({**_untried(part), "$id": name, "$schema": "http://json-schema.org/draft-07/schema#"}, use_default=False)
            code = gen.func_code
            head = f"NoneType = type(None)\n\ndef {_func(name)}(data, custom_formats={{}}, name_prefix=None):\n"
            assert code.startswith(head), "fastjsonschema's generated code changed its form: adapt predicates_source"
            funcs.append(code[len("NoneType = type(None)\n") :].strip("\n"))
            patterns.update(gen.global_state["REGEX_PATTERNS"])
        for kind, names in by_kind.items():
            table.append(f"    ({rtype!r}, {kind!r}): ({', '.join(_func(n) for n in names)},),")
    return "\n".join(
        [
            f"# Generated from briefing/schemas/*.schema.json by fastjsonschema {fastjsonschema.VERSION} (`make schema-predicates`).",
            "# Do not edit: briefing/schema.py makes it (`predicates_source`) and says why it exists.",
            "# ruff: noqa",
            "import re",
            "from decimal import Decimal",
            "",
            f"SCHEMAS_DIGEST = {schemas_digest()!r}",
            "",
            "",
            "class JsonSchemaValueException(ValueError):",
            '    """The record is not valid (jsonschema then says why)."""',
            "",
            "",
            "JsonSchemaValuesException = JsonSchemaValueException",
            "NoneType = type(None)",
            "REGEX_PATTERNS = " + serialize_regexes(patterns),
            "",
            "",
            *(f + "\n\n" for f in funcs),
            "# (record type, kind) -> the functions a valid record passes; each raises JsonSchemaValueException for an invalid one.",
            "PREDICATES = {",
            *table,
            "}",
            "",
        ]
    )


@cache
def _predicates() -> dict[str, Any]:
    """The generated module's names; the same code made now when the schemas have changed since."""
    try:
        from briefing import schema_predicates as generated

        if schemas_digest() == generated.SCHEMAS_DIGEST:
            return vars(generated)
    except ImportError:
        pass
    names: dict[str, Any] = {}
    exec(compile(predicates_source(), str(PREDICATES_FILE), "exec"), names)  # noqa: S102 - our own generated code
    return names


@cache
def _fast(rtype: str) -> Predicate:
    """The record type's predicate: the functions `_parts` names for the record's kind, all passed."""
    names = _predicates()
    invalid: type[Exception] = names["JsonSchemaValueException"]
    by_kind: dict[str | None, tuple[Callable[[Any], Any], ...]] = {k: fs for (t, k), fs in names["PREDICATES"].items() if t == rtype}
    otherwise = by_kind.get(None)

    def is_valid(data: Any) -> bool:
        checks = otherwise
        if type(data) is dict and type(kind := data.get("kind")) is str:
            checks = by_kind.get(kind, otherwise)
        if checks is None:
            return False  # no kind the schema lists, and it requires one: jsonschema says what is wrong
        try:
            for check in checks:
                check(data)
        except invalid:
            return False
        return True

    return is_valid


def _decided(schema: dict[str, Any], kind: str) -> list[Any]:
    """The `allOf` of the record schema for an object whose `kind` is `kind`: each condition on
    the kind alone (`if: {properties: {kind: {const: X}}}`) replaced by the branch it takes, and a
    branch that forbids keys (`not: {anyOf: [{required: [a]}, …]}`) written as the same ban on
    each key (`properties: {a: false, …}`), which holds for an object, as the record is."""
    out: list[Any] = []
    for item in schema["allOf"]:
        cond = item.get("if") if isinstance(item, dict) and set(item) <= {"if", "then", "else"} else None
        const = cond.get("properties", {}).get("kind", {}).get("const") if isinstance(cond, dict) and set(cond) == {"properties"} else None
        if const is None or cond != {"properties": {"kind": {"const": const}}}:
            out.append(item)
            continue
        branch = item.get("then", True) if const == kind else item.get("else", True)
        banned = branch.get("not", {}).get("anyOf") if isinstance(branch, dict) and set(branch) == {"not"} and set(branch["not"]) == {"anyOf"} else None
        if isinstance(banned, list) and all(isinstance(r, dict) and set(r) == {"required"} and len(r["required"]) == 1 for r in banned):
            branch = {"properties": {r["required"][0]: False for r in banned}}
        out.append(branch)
    return out


def is_valid_fast(rtype: str, data: Any) -> bool:
    """True only when the record is certainly valid; False means "ask jsonschema".

    `data` holds plain values, as both loaders give (str, int, float, bool, None, list, dict)."""
    try:
        return _fast(rtype)(data)
    except RecursionError:
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


# What only an assessment (a key judgment of kind assessment) may and must have.
_ASSESSMENT_KEYS = ("question", "likelihood", "confidence", "confidence_reason")


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


def _list_hint(key: str, text: str) -> str:
    """How to write as a list what was written as text: one id ("topics: offer"), or a value on the
    key's line with "- " items under it, which YAML joins into one text ("offer - heavy-lift-gap")."""
    items = [x.strip() for x in re.split(r"\s+-\s+", text.strip()) if x.strip()]
    if len(items) > 1:
        return (
            f" ({text!r}: the items under {key!r} were read as more of the text on its line); write "
            f"'{key}: [{', '.join(items)}]', or leave the key's line empty and put each item on its own line as '- item'"
        )
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.strip()):
        return f"; write '{key}: [{text.strip()}]'"
    return ""


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
            if not close and re.search(r"\s", key.strip()):  # words, not a key: text that lost its indentation
                hint = (
                    "; this line is text with ': ' in it, read as a key because it starts where keys start: if it "
                    "continues the value above, indent it under that value's key (and put text holding ': ' in quotes)"
                )
            where = "" if not path else f" in {name}"
            out.append([kl, kc, "unknown-key", f"unknown key {key!r}{where}{hint}"])
        return out
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if rtype == "claim" and missing in ("speaker", "based_on", "basis") and "kind" not in err.instance:
            return []  # the missing kind is reported; what a kind would require is not yet known
        if rtype == "judgment" and missing in _ASSESSMENT_KEYS and err.instance.get("kind") != "assessment":
            return []  # as above: the missing (or wrong) kind is reported
        extra = ""
        if rtype == "claim" and missing == "speaker":
            extra = " (attributed claims name who said it)"
        if rtype == "claim" and missing in ("based_on", "basis"):
            extra = " (an inference names the claims it rests on and its basis)"
        if rtype == "judgment" and missing in _ASSESSMENT_KEYS:
            extra = " (an assessment says which question its label answers, the label, and the editors' confidence and why)"
        if rtype == "judgment" and missing == "kind":
            extra = " (finding: a fact about the text, no probability label; assessment: an estimate with question, likelihood and confidence)"
        return [[line, col, "missing-key", f"{name} is missing required key {missing!r}{extra}"]]
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        msg = f"{name} must be {_TYPE_NAMES.get(expected, expected)}, not {describe(err.instance)}"
        if expected == "array" and isinstance(err.instance, str):
            msg += _list_hint(str(path[-1]) if path else name, err.instance)
        return [[line, col, "wrong-type", msg]]
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
        elif key == "question" and rtype == "judgment":
            msg = f"{name} must be the question the likelihood answers, ending with '?'"
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
    if v == "not" and rtype == "judgment":
        out = []
        for k in _ASSESSMENT_KEYS:
            if k in err.instance:
                kl, kc = loc.where(path + (k,), key=True)
                why = (
                    "a finding states what the source says and carries no probability label"
                    if err.instance.get("kind") == "finding"
                    else "give the judgment kind: assessment"
                )
                out.append([kl, kc, "key-not-for-kind", f"{k!r} is only for assessments; this judgment is {err.instance.get('kind')!r}: {why}"])
        return out
    return [[line, col, "schema", f"{name}: {err.message}"]]


if __name__ == "__main__":  # `make schema-predicates`: after a schema changes, or fastjsonschema
    PREDICATES_FILE.write_text(predicates_source(), encoding="utf-8")
    print(f"wrote {PREDICATES_FILE.name}")
