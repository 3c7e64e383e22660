"""Exports from the command line: claims.json matches its documented schema, and every
annotation passes every MUST assertion of the W3C Web Annotation test suite."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import referencing
import referencing.jsonschema
from conftest import REPO, run_cli

W3C = Path(__file__).parent / "conformance" / "web-annotation-tests"
SITE_URL = "https://briefing.example/"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    r = run_cli("export", "--output", str(out), "--site-url", SITE_URL, root=REPO)
    assert r.code == 0, r.out + r.err
    return out


@cache
def _schemas() -> dict[str, dict]:
    """Every schema of the suite by lower-cased file name: some $refs differ in letter case."""
    found = {}
    for f in W3C.rglob("*.json"):
        found[f.name.lower()] = json.loads(f.read_text(encoding="utf-8"))
    return found


def _retrieve(uri: str) -> referencing.Resource:
    name = uri.rsplit("/", 1)[-1].lower()
    return referencing.jsonschema.DRAFT4.create_resource(_schemas()[name])


def must_assertions() -> list[str]:
    test = json.loads((W3C / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))
    return test["assertions"]


def test_claims_json_matches_documented_schema(exported: Path) -> None:
    data = json.loads((exported / "claims.json").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "briefing" / "schemas" / "claims-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    source = (REPO / "sources" / "scmp-russia-rocket-engines-2019.txt").read_text(encoding="utf-8")
    claim_files = sorted(p.stem for p in (REPO / "facts" / "claims").glob("*.yml"))
    assert [c["id"] for c in data["claims"]] == claim_files  # nothing dropped
    assert data["sources"][0]["sha256"] == "7a6b8c663d1c85493c77ebf53eced8ee1d6568290508a99b3013b75c25621b28"
    for c in data["claims"]:
        for cit in c["citations"]:
            assert source[cit["start"] : cit["end"]] == cit["exact"]
            assert source[max(0, cit["start"] - 32) : cit["start"]] == cit["prefix"]
            assert source[cit["end"] : cit["end"] + 32] == cit["suffix"]


@pytest.mark.parametrize("assertion", must_assertions())
def test_every_annotation_passes_w3c_must_assertion(exported: Path, assertion: str) -> None:
    data = json.loads((exported / "annotations.jsonld").read_text(encoding="utf-8"))
    items = data["first"]["items"]
    assert len(items) == sum(len(c["citations"]) for c in json.loads((exported / "claims.json").read_text())["claims"])
    schema = _schemas()[assertion.rsplit("/", 1)[-1].lower()]
    registry = referencing.Registry(retrieve=_retrieve)
    validator = jsonschema.Draft4Validator(schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    expected_valid = schema.get("expectedResult", "valid") == "valid"
    for ann in items:
        errors = list(validator.iter_errors(ann))
        assert (not errors) == expected_valid, f"{ann['id']}: {schema.get('errorMessage')}: {errors[:1]}"


def test_annotations_carry_both_selectors(exported: Path) -> None:
    source = (REPO / "sources" / "scmp-russia-rocket-engines-2019.txt").read_text(encoding="utf-8")
    data = json.loads((exported / "annotations.jsonld").read_text(encoding="utf-8"))
    for ann in data["first"]["items"]:
        quote, pos = ann["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert pos["type"] == "TextPositionSelector"
        assert source[pos["start"] : pos["end"]] == quote["exact"]
        assert ann["id"].startswith(SITE_URL + "claims/")


def test_export_is_deterministic(exported: Path, tmp_path: Path) -> None:
    r = run_cli("export", "--output", str(tmp_path), "--site-url", SITE_URL, root=REPO)
    assert r.code == 0
    for name in ("claims.json", "annotations.jsonld"):
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes()


def test_export_refuses_unverified_input(project: Path, tmp_path: Path) -> None:
    f = project / "facts" / "claims" / "long-march-5-designed-for-25-tonnes-to-lower-earth-orbit.yml"
    f.write_text(f.read_text(encoding="utf-8").replace("quote: \"the Long March 5 series, is designed to send up to 25", "quote: \"the Long March 5 series, is designed to send up to 52"), encoding="utf-8")
    r = run_cli("export", "--output", str(tmp_path / "o"), root=project)
    assert r.code == 1
    assert "export refused" in r.err
    assert not (tmp_path / "o" / "claims.json").exists()
