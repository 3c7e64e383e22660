"""The check's fast paths give exactly the answers of the exact paths they stand in for.

- `yamlsafe.load` composes plain records in C and walks the nodes; the event path (`_load_events`)
  is the definition: same data, same positions, and every file it refuses is refused the same way.
- `schema.is_valid_fast` is fastjsonschema's compiled code standing in for jsonschema on valid records:
  it must agree with jsonschema on every real record and on many broken variants of them.
"""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import schema, yamlsafe
from briefing.loader import RECORD_DIRS

SETTINGS = settings(derandomize=True, max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))

YAML_FILES = sorted(
    [*REPO.glob("facts/*/*.yml"), *REPO.glob("sources/*.yml"), *FIXTURES.rglob("*.yml"), *FIXTURES.rglob("*.yaml")],
)


def _rtype(path: Path) -> str:
    return "source" if path.parent.name == "sources" else RECORD_DIRS.get(path.parent.name, "claim")


def _exact(raw: bytes) -> yamlsafe.Located | yamlsafe.YamlError:
    try:
        return yamlsafe._load_events(yamlsafe.decode(raw))
    except yamlsafe.YamlError as exc:
        return exc


def _loaded(raw: bytes) -> yamlsafe.Located | yamlsafe.YamlError:
    try:
        return yamlsafe.load(raw)
    except yamlsafe.YamlError as exc:
        return exc


def _same_outcome(raw: bytes) -> None:
    fast, exact = _loaded(raw), _exact(raw)
    if isinstance(exact, yamlsafe.YamlError):
        # The exact path refuses it: so does load, with the same diagnostic (or an earlier one
        # that only load makes, such as an empty file).
        assert isinstance(fast, yamlsafe.YamlError), raw[:200]
        if fast.code != "yaml-empty":
            assert (fast.line, fast.col, fast.code) == (exact.line, exact.col, exact.code)
        return
    if isinstance(fast, yamlsafe.YamlError):
        assert fast.code == "yaml-empty", (fast, raw[:200])
        return
    assert fast.data == exact.data
    assert [type(x) for x in _leaves(fast.data)] == [type(x) for x in _leaves(exact.data)]  # 1 stays int, "1" str
    assert fast.values == exact.values
    assert fast.keys == exact.keys


def _leaves(d: Any) -> list[Any]:
    if isinstance(d, dict):
        return [x for v in d.values() for x in _leaves(v)]
    if isinstance(d, list):
        return [x for v in d for x in _leaves(v)]
    return [d]


def test_there_are_records_to_compare() -> None:
    assert len(YAML_FILES) > 100


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_fast_yaml_path_equals_the_event_path_on_every_record_file(path: Path) -> None:
    _same_outcome(path.read_bytes())


# Pieces of YAML that stress the walk: duplicate and merge keys, odd scalars and keys, nesting,
# flow style, several documents, timestamps and control escapes; anything the walk gets wrong
# shows up as a difference from the event path.
_PIECES = [
    "id: a\n", "id: b\n", "n: 1\n", "f: 1.5\n", "b: yes\n", "z: ~\n", "d: 2019-08-27\n", "t: 2019-08-27 10:00:00\n",
    "k:\n  - x\n  - 2\n", "m:\n  a: 1\n  a: 2\n", "<<: {a: 1}\n", "? [a, b]\n: c\n", "1: one\n", "true: yes\n",
    "null: x\n", "s: \"tab\\tand \\e escape\"\n", "e: \"\\x01\"\n", "---\n", "...\n", "q: 'it''s'\n", "l: [a, [b, [c]]]\n",
    "x: {y: {z: 1}}\n", "v: =\n", "w: .inf\n", "h: 0x1F\n", "o: 0o17\n", "bad: [\n", "  indented: 1\n", "- item\n",
    "u: \"\\u2019\"\n", "big: 123456789012345678901234567890\n", "c: # comment\n", "dup: 1\ndup: 2\n",
]


@SETTINGS
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_fast_yaml_path_equals_the_event_path_on_generated_documents(pieces: list[str]) -> None:
    _same_outcome("".join(pieces).encode())


def _load_as_defined(raw: bytes) -> yamlsafe.Located:
    """`yamlsafe.load` without its shortcut for quiet bytes: decoded and searched as defined."""
    text = yamlsafe.decode(raw)
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        raise yamlsafe.YamlError(1, 1, "yaml-empty", "file is empty; a record needs at least its id")
    if yamlsafe._FAST and not yamlsafe._MAY_NEED_EVENTS.search(text):
        data = yamlsafe._fast_data(text)
        if data is not yamlsafe._FALLBACK:
            return yamlsafe.LazyLocated(data, raw)
    return yamlsafe._load_events(text)


def _outcome(load: Any, raw: bytes) -> Any:
    try:
        got = load(raw)
    except yamlsafe.YamlError as exc:
        return ("error", exc.line, exc.col, exc.code, exc.message)
    return ("data", got.data, [type(x) for x in _leaves(got.data)])


# Bytes a record may be made of: quiet ones, and each kind the shortcut must leave to the searches
# (anchors, aliases, tags, escapes, control characters, DEL, bytes outside ASCII, a byte order
# mark), with comments, blank lines and white space of every kind before them.
_BYTES = st.lists(
    st.sampled_from([b"id: a\n", b"a", b" ", b"\t", b"\n", b"\r", b"#", b"# c\n", b":", b"- ", b"&", b"*", b"!", b"\\",
                     b"\x00", b"\x0b", b"\x0c", b"\x1c", b"\x7f", b"\xc2\x85", "\u2019".encode(), b"\xef\xbb\xbf", b"\xff",
                     "\u2028".encode(), "\u00a0".encode(), b'"', b"'"]),
    max_size=10,
).map(b"".join)


@SETTINGS
@given(_BYTES)
def test_load_of_quiet_bytes_equals_load_as_defined(raw: bytes) -> None:
    """The shortcut for a record of quiet bytes (no decoding checks, no search for what needs the
    event path, no line-by-line test for an empty file) gives what the searches give."""
    assert _outcome(yamlsafe.load, raw) == _outcome(_load_as_defined, raw)


# Scalars as YAML resolves them: every first character a resolver keys on, numbers, dates, bools
# and nulls in their spellings, and text around them.
_SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "~", "null", "Null", "NULL", "true", "False", "yes", "No", "on", "OFF", "y", "n", "=", "<<", ".inf", "-.Inf", ".nan",
                     "0", "-1", "+12", "0x1F", "0o17", "0b101", "1_000", "1:30", "1.5e3", "2019-08-27", "2019-08-27T10:00:00Z", "2019-8-7", "1e3"]),
    st.builds("".join, st.lists(st.sampled_from(list("0123456789+-._:eExobTtZ ~=<nNyYtTfFoO")), max_size=10)),
)


@SETTINGS
@given(_SCALARS, st.booleans(), st.booleans())
def test_quick_tag_resolution_equals_pyyaml_resolution(value: str, plain: bool, implicit_else: bool) -> None:
    """The loader's table-driven `resolve` gives PyYAML's own tag for every node, plain or quoted."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    quick, reference = yamlsafe._Loader(""), yaml.SafeLoader("")
    try:
        assert type(quick).resolve is not yaml.SafeLoader.resolve  # the quick path is what is tested
        assert quick.resolve(ScalarNode, value, (plain, implicit_else)) == reference.resolve(ScalarNode, value, (plain, implicit_else)), value
        for kind in (SequenceNode, MappingNode):
            assert quick.resolve(kind, None, (plain, implicit_else)) == reference.resolve(kind, None, (plain, implicit_else))
    finally:
        quick.dispose()
        reference.dispose()


def test_deep_nesting_falls_back_to_the_exact_diagnostic() -> None:
    raw = ("k: " + "[" * 30 + "]" * 30 + "\n").encode()
    err = _loaded(raw)
    assert isinstance(err, yamlsafe.YamlError) and err.code == "yaml-too-deep"


# -- the compiled schema predicate -------------------------------------------------------------------


def _records() -> list[tuple[str, Any]]:
    """Every record file the strict loader accepts: what the schemas are ever asked about (an alias
    bomb among the hostile fixtures would otherwise expand here)."""
    out = []
    for path in YAML_FILES:
        try:
            data = yamlsafe.load(path.read_bytes()).data
        except yamlsafe.YamlError:
            continue
        if isinstance(data, dict):
            out.append((_rtype(path), data))
    return out


RECORDS = _records()
_ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 2.5, "", " ", "x", "Not An Id", "a-b", "2019-13-01", "2019-08", [], ["x"], ["x", "x"], [1], {}, {"x": 1}]


def _agrees(rtype: str, data: Any) -> None:
    exact = jsonschema.Draft202012Validator(schema.load_schema(rtype)).is_valid(data)
    assert schema.is_valid_fast(rtype, data) == exact, (rtype, data)


def test_every_record_type_compiles_to_a_predicate() -> None:
    for rtype in schema.RECORD_TYPES:
        assert callable(schema._fast(rtype)), rtype


def test_the_record_schemas_use_only_keywords_draft_7_reads_the_same() -> None:
    """The compiled fast path reads the schemas as Draft 7; these keywords mean the same in 2020-12."""
    same = {"type", "properties", "additionalProperties", "required", "items", "enum", "const", "pattern", "minLength",
            "maxLength", "minItems", "maxItems", "minimum", "maximum", "uniqueItems", "allOf", "anyOf", "not", "if", "then",
            "else", "$schema", "$id", "$comment", "title", "description", "examples"}  # fmt: skip

    def keywords(node: Any, in_properties: bool = False) -> set[str]:
        if isinstance(node, list):
            return {k for x in node for k in keywords(x)}
        if not isinstance(node, dict):
            return set()
        if in_properties:  # property names, not keywords
            return {k for v in node.values() for k in keywords(v)}
        return set(node) | {k for key, v in node.items() for k in keywords(v, key == "properties")}

    for rtype in schema.RECORD_TYPES:
        assert keywords(schema.load_schema(rtype)) <= same, rtype


@pytest.mark.parametrize("rtype", schema.RECORD_TYPES)
def test_predicate_agrees_with_jsonschema_on_real_records(rtype: str) -> None:
    mine = [d for t, d in RECORDS if t == rtype]
    assert mine
    for data in mine:
        _agrees(rtype, data)


def _paths(d: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(d, dict):
        for k, v in d.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            out += _paths(v, prefix + (i,))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    rtype, data = draw(st.sampled_from(RECORDS))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        *parents, last = path
        node = data
        for p in parents:
            node = node[p]
        action = draw(st.sampled_from(["replace", "delete", "add-key", "kind"]))
        if action == "replace":
            node[last] = copy.deepcopy(draw(st.sampled_from(_ODD_VALUES)))
        elif action == "delete":
            del node[last]
        elif action == "add-key" and isinstance(node, dict):
            key = draw(st.sampled_from(["extra", "speaker", "based_on", "basis", "relayed_by", "note", "occurrence"]))
            node[key] = copy.deepcopy(draw(st.sampled_from(_ODD_VALUES)))
        elif action == "kind" and isinstance(data, dict):
            data["kind"] = draw(st.sampled_from(["reported", "attributed", "speculation", "inference", "other"]))
    return rtype, data


@SETTINGS
@given(mutated())
def test_predicate_agrees_with_jsonschema_on_broken_records(case: tuple[str, Any]) -> None:
    _agrees(*case)


# -- text matching in the support check and the sentence splitter ---------------------------------

_TEXT_PIECES = st.one_of(
    st.sampled_from(list("abc XYZ 0123456789 .,;!?_-'`\"") + [" ", "  ", "\t", "\n", "\u00a0", "’", "“", "—", "e\u0301", "é", "Å", "ﬁ", "🚀"]),
    st.sampled_from(["Mr. Smith", "U.S. rocket", "Dr. No", "e.g. this", "1960s", "1,500", "25.5", "No. 3", "etc. And"]),
    st.characters(exclude_categories=("Cs",)),
)
TEXT = st.lists(_TEXT_PIECES, max_size=40).map("".join)


@SETTINGS
@given(TEXT)
def test_folded_text_is_the_normalised_text_casefolded(text: str) -> None:
    from briefing.normalise import normalise
    from briefing.text import folded as _folded

    assert _folded(text) == normalise(text).casefold()


@SETTINGS
@given(TEXT, st.sampled_from(["1", "25", "1960", "1,500", "2.5", "0"]))
def test_number_search_equals_its_regex(text: str, num: str) -> None:
    import re

    from briefing.text import has_number as _has_number

    assert _has_number(num, text) == (re.search(rf"(?<![\d]){re.escape(num)}(?!\d)", text) is not None)


@SETTINGS
@given(TEXT, st.lists(st.sampled_from(["abc", "XYZ", "Smith", "U.S.", "é", "e\u0301", "a b", "_"]), min_size=1, max_size=3))
def test_entity_name_search_equals_its_regex(text: str, names: list[str]) -> None:
    import re

    from briefing.text import folded as _folded
    from briefing.text import names_entity

    want = any(re.search(rf"(?<!\w){re.escape(_folded(n))}(?!\w)", _folded(text)) for n in names if n)
    assert names_entity(names, text) == want


def _reference_split(text: str) -> list[tuple[int, int]]:
    """The splitter's rules written with regexes, unit by unit (see briefing/sentences.py): blank
    lines, headline lines, full stops (not after an abbreviation) and run-on headlines."""
    import re

    from briefing import sentences

    terminal = r"[.!?:;][\"'”’)\]]*\s*$"
    ends = [ln for ln in re.findall(r"([^\n]*)\n", text) if ln.strip()]
    line_rule = "\n" in text and 2 * sum(1 for ln in ends if not re.search(terminal, ln)) <= len(ends)
    headline_rule = "‘" in text and re.search("[“\"]", text) is not None

    blocks, start = [], 0
    for m in re.finditer(r"[ \t\f\v\r]*\n\s*", text):
        if m.group(0).count("\n") >= 2:
            blocks.append((start, m.start()))
            start = m.end()
        elif line_rule:
            line = re.search(r"[^\n]*$", text[: m.start()]).group(0)  # type: ignore[union-attr]
            line_start = m.start() - len(line)
            whole = line_start <= start or re.search(terminal, text[:line_start]) is not None or not text[:line_start].strip()
            follows = re.match(r"[\"'“‘(\[]*[A-Z0-9]", text[m.end() :]) is not None
            runs_on = re.search(r"[,\-–—]\s*$", line) is not None or line.split()[-1:] and line.split()[-1].lower() in sentences._INTRODUCES_NAME
            if line.strip() and whole and not re.search(terminal, line) and not runs_on and follows:
                blocks.append((start, m.start()))
                start = m.end()
    blocks.append((start, len(text)))

    def units(a: int, b: int) -> list[tuple[int, int]]:
        s = sentences._trim(text, a, b)
        body = s.text
        q = re.search(r"(?:^|(?<=[\s(\[]))‘[^‘’“”\n]+’(?![\w’])", body) if headline_rule else None
        if q and not re.search("[“”\"]", body[: q.start()]):
            for m in re.finditer(r"(?<![\w’'-])([a-z][a-z’'-]*) (?=[A-Z])", body[q.end() :]):
                if re.search(r"[“”\".!?]", body[q.end() : q.end() + m.end()]):
                    break
                if m.group(1).lower() not in sentences._INTRODUCES_NAME:
                    cut = s.start + q.end() + m.end()
                    return [(x.start, x.end) for x in (sentences._trim(text, s.start, cut), sentences._trim(text, cut, s.end))]
        return [(s.start, s.end)]

    out: list[tuple[int, int]] = []
    for a, b in blocks:
        start = a
        for m in sentences._END.finditer(text, a, b):
            word = re.search(r"([\w.]+)$", text[start : m.start()])
            if m.group(0).startswith(".") and word and word.group(1).lower() in sentences._ABBREV:
                continue
            out += units(start, m.end())
            start = m.end()
        out += units(start, b)
    return [(a, b) for a, b in out if b > a]


# Text with what the headline rules look at: single-quoted phrases, run-on capitals, line breaks.
_HEADLINE_PIECES = st.sampled_from(
    ["‘choked to death’", "‘a’, ", " this year ", "Russia’s wealth", " the Soviet era", "said Rogozin", "\n", "\n\n", "\r\n",
     "Big news\n", "Done.\n", "Big news\nThe rocket flew.\n", "\nRockets fail\nIt fell. ", "It rose.\n", "The head of\n", "Engines,\n", " “quoted”", " “", "x ‘y’ z", "rocket ", "Zhou said. "]
)  # fmt: skip
SPLIT_TEXT = st.lists(st.one_of(_TEXT_PIECES, _HEADLINE_PIECES), max_size=40).map("".join)


@SETTINGS
@given(SPLIT_TEXT)
def test_sentence_split_equals_the_regex_version(text: str) -> None:
    from briefing import sentences

    assert [(s.start, s.end) for s in sentences.split(text)] == _reference_split(text)


@SETTINGS
@given(TEXT | st.text(st.characters(max_codepoint=127), max_size=80))
def test_normalised_text_alone_equals_the_mapped_rules(text: str) -> None:
    from briefing.normalise import normalise, reference_normalise_mapped

    assert normalise(text) == reference_normalise_mapped(text).text


def test_predicate_decided_by_kind_agrees_on_every_kind_and_every_conditional_key() -> None:
    """`schema._decided`: for each kind (one of the schema's, another, none), with each of the keys
    the kind conditions added or taken away, one and two at a time, the fast answer is jsonschema's."""
    for rtype in ("claim", "judgment"):
        kinds = [*schema.load_schema(rtype)["properties"]["kind"]["enum"], "other", 3, None]
        keys = sorted({k for item in schema.load_schema(rtype)["allOf"] for b in item.values() for k in json.dumps(b).split('"') if k in schema.load_schema(rtype)["properties"]} - {"kind"})
        assert keys, rtype
        values = {k: next((d[k] for t, d in RECORDS if t == rtype and k in d), "x") for k in keys}
        for base in [d for t, d in RECORDS if t == rtype][:4]:
            for kind in kinds:
                for picked in [(), *itertools.combinations(keys, 1), *itertools.combinations(keys, 2), tuple(keys)]:
                    for present in (True, False):
                        data = copy.deepcopy(base)
                        if kind is None:
                            data.pop("kind", None)
                        else:
                            data["kind"] = kind
                        for k in picked:
                            if present:
                                data[k] = copy.deepcopy(values[k])
                            else:
                                data.pop(k, None)
                        _agrees(rtype, data)
