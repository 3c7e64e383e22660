"""`briefing/schema_predicates.py`, the schemas' fast validators generated ahead of time, is what the
schemas and fastjsonschema make today, and a check never judges a record by stale code.

(That the code's answers are jsonschema's, on real and on broken records: tests/test_fast_paths.py.)
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO

from briefing import schema

REGENERATE = "run `make schema-predicates` (python -m briefing.schema) and commit briefing/schema_predicates.py"

# Run in a child process: which modules a check imports, and what it reads, are per process.
PROBE = """
import json, sys
from briefing import cache, schema
record = json.loads(sys.argv[1])
print(json.dumps({"valid": schema.is_valid_fast("claim", record), "fastjsonschema": "fastjsonschema" in sys.modules,
                  "generated": "briefing.schema_predicates" in sys.modules, "code": cache.code_digest(), "schemas": schema.schemas_digest()}))
"""


def _probe(package_parent: Path, record: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(record)],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(package_parent), "PYTHONDONTWRITEBYTECODE": "1"},
        cwd=package_parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _claim() -> dict:
    return {
        "id": "a-claim",
        "statement": "A statement of twenty-nine chars.",
        "kind": "reported",
        "topics": ["t"],
        "entities": [],
        "citations": [{"source": "s", "quote": "words"}],
    }


def test_the_committed_predicates_are_what_the_schemas_make_now() -> None:
    committed = schema.PREDICATES_FILE.read_text(encoding="utf-8")
    assert committed == schema.predicates_source(), f"briefing/schema_predicates.py is stale for the schemas or fastjsonschema: {REGENERATE}"


def test_a_check_uses_the_committed_code_without_fastjsonschema(tmp_path: Path) -> None:
    shutil.copytree(REPO / "briefing", tmp_path / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    seen = _probe(tmp_path, _claim())
    assert seen["valid"] is True
    assert seen["generated"] and not seen["fastjsonschema"]


def test_an_edited_schema_is_judged_by_code_made_from_it_and_the_caches_see_the_change(tmp_path: Path) -> None:
    """A schema edited without `make schema-predicates`: the committed code would call the record valid;
    the check notices the schemas' digest differs and makes the code again. An edit of the generated
    module itself changes the caches' code digest."""
    package = tmp_path / "briefing"
    shutil.copytree(REPO / "briefing", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _probe(tmp_path, _claim())
    path = package / "schemas" / "claim.schema.json"
    claim = json.loads(path.read_text(encoding="utf-8"))
    claim["properties"]["statement"]["maxLength"] = 10  # the record's statement is longer: now invalid
    path.write_text(json.dumps(claim, indent=2), encoding="utf-8")
    after = _probe(tmp_path, _claim())
    assert before["valid"] is True and after["valid"] is False
    assert after["schemas"] != before["schemas"] and after["fastjsonschema"]

    generated = package / "schema_predicates.py"
    generated.write_text(generated.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _probe(tmp_path, _claim())["code"] != after["code"]


# -- what the generated code is written differently from fastjsonschema's own: its answers ----------------

def _agrees(rtype: str, data: dict) -> None:
    exact = jsonschema.Draft202012Validator(schema.load_schema(rtype)).is_valid(data)
    assert schema.is_valid_fast(rtype, data) == exact, (rtype, data)


_DATE_KEYS = {"value": ["2019", "2019-13", 5], "end": ["2020-01-02"], "resolved_from": ["next year", ""], "basis": ["the article's date"], "note": ["x"]}


def test_dates_conditions_written_without_if_agree_with_jsonschema() -> None:
    """`_untried`: `resolved_from` needs `basis`, and `value` is needed unless the precision is
    unknown. Every combination of the date's keys (present with each value, or absent), with each
    precision (known, unknown, another, missing, not text), in a claim and in a source."""
    source = {
        "id": "src", "title": "T", "publisher": "P", "url": "https://example.org/a", "language": "en",
        "published": {"value": "2020", "precision": "year"}, "retrieved": {"value": "2020", "precision": "year"}, "sha256": "0" * 64,
    }  # fmt: skip
    options = [[None, *vals] for vals in _DATE_KEYS.values()]
    seen = 0
    for precision in ("day", "unknown", "weekly", None, 3):
        for values in itertools.product(*options):
            date = {k: v for k, v in zip(_DATE_KEYS, values) if v is not None}
            if precision is not None:
                date["precision"] = precision
            _agrees("claim", {**_claim(), "date": date})
            _agrees("source", {**source, "retrieved": date})
            seen += 1
    assert seen == 5 * 4 * 2 * 3 * 2 * 2


@pytest.mark.parametrize(
    "items",
    [[], ["a"], ["a", "b"], ["a", "a"], ["a", "b", "a"], ["a", 1], [1, 1], [True, 1], [1, 1.0], [["a"], ["a"]], [{"a": 1}, {"a": 1}], ["a", None, None]],
)
def test_unique_items_agree_with_jsonschema(items: list) -> None:
    """The generated test of `uniqueItems` (texts with one set; anything else as fastjsonschema)."""
    _agrees("claim", {**_claim(), "topics": items})
    _agrees("claim", {**_claim(), "entities": items})
