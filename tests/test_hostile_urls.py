"""Only absolute http and https URLs are accepted in any URL field (entities' and sources')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_hostile_helpers import (
    HOSTILE,
    REAL_CLAIMS,
    SOURCE_YML,
    add,
    assert_fails_exactly,
    assert_passes,
    check,
    errors,
)

BAD = sorted(p.name for p in (HOSTILE / "urls").glob("hostile-url-*.yml") if p.name != "hostile-url-ok.yml")


def test_url_fixtures_cover_the_known_tricks() -> None:
    names = {n.removeprefix("hostile-url-").removesuffix(".yml") for n in BAD}
    assert {"javascript", "javascript-mixed-case", "data", "vbscript", "file", "protocol-relative", "relative"} <= names


@pytest.mark.parametrize("fixture", BAD)
def test_entity_url_that_is_not_http_or_https_is_rejected(project: Path, fixture: str) -> None:
    rel = add(project, f"urls/{fixture}", "facts/entities")
    (d,) = assert_fails_exactly(check(project), {(rel, 4, 6, "bad-url")})
    assert "must be an absolute http:// or https:// URL" in d.message


def test_entity_with_a_plain_https_url_is_accepted(project: Path) -> None:
    add(project, "urls/hostile-url-ok.yml", "facts/entities")
    assert_passes(check(project), claims=REAL_CLAIMS)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/article",
        "article.html",
        "https:evil.example",
    ],
)
def test_source_url_that_is_not_http_or_https_is_rejected(project: Path, url: str) -> None:
    record = project / SOURCE_YML
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^url: .*$", f"url: {url!r}".replace("'", '"'), text, count=1), encoding="utf-8")
    r = check(project)
    got = errors(r)
    assert r.code == 1
    # The source did not load, so no citation of it can be checked; that follows from this one
    # error, which fails the check (one root cause, one error).
    (d,) = got
    assert d.where == (SOURCE_YML, 8, 6, "bad-url") and url in d.message
