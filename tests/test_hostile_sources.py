"""Tamper-evident sources: any change to a stored text's bytes is caught by its sha256, and the
diagnostics name every citation that broke or may have moved; a text only saved differently (a
line break at its end, CRLF, a byte order mark) is one error that says so."""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from test_hostile_helpers import HOSTILE, REAL_CLAIMS, SOURCE_ID, SOURCE_TXT, SOURCE_YML, Diag, assert_passes, check, errors

from briefing.rules.anchoring import how_resaved

ASTRAL = HOSTILE / "astral"


def quotes(project: Path, source: str = SOURCE_ID) -> dict[str, list[str]]:
    """Every quote citing `source`, by record path (claims and questions; the source's not_claims)."""
    out: dict[str, list[str]] = {}
    for folder in ("facts/claims", "facts/questions"):
        for f in sorted((project / folder).glob("*.yml")):
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            qs = [c["quote"] for c in data.get("citations", []) if c["source"] == source]
            if qs:
                out[f.relative_to(project).as_posix()] = qs
    src = yaml.safe_load((project / "sources" / f"{source}.yml").read_text(encoding="utf-8"))
    if src.get("not_claims"):
        out[f"sources/{source}.yml"] = [n["quote"] for n in src["not_claims"]]
    return out


def points_at_a_quote(project: Path, d: Diag) -> bool:
    line = (project / d.path).read_text(encoding="utf-8").splitlines()[d.line - 1]
    return re.match(r"\s*(- )?quote: ", line) is not None and line[d.col - 1 :].lstrip("\"'") != ""


def record_id(path: str) -> str:
    return Path(path).stem


def tamper_result(project: Path) -> tuple[list[Diag], Diag]:
    r = check(project)
    assert r.code == 1, r.out + r.err
    got = errors(r)
    (mismatch,) = [d for d in got if d.code == "source-hash-mismatch"]
    assert mismatch.where == (SOURCE_YML, 20, 9, "source-hash-mismatch")
    assert f"text {SOURCE_TXT} does not match its record" in mismatch.message
    assert f"; {REAL_CLAIMS} claims," in r.err  # every claim still loaded, each citation accounted for below
    return got, mismatch


def assert_every_citation_accounted_for(project: Path, got: list[Diag], broken_word: str | None) -> None:
    """Each citation of the source has its own diagnostic at its quote: broke, or still found."""
    per_record = quotes(project)
    citation_diags = [d for d in got if d.code in ("quote-not-found", "citation-unverified")]
    assert all(points_at_a_quote(project, d) for d in citation_diags)
    for path, qs in per_record.items():
        mine = [d for d in citation_diags if d.path == path]
        assert len(mine) == len(qs), (path, mine)
        want_broken = sum(1 for q in qs if broken_word and broken_word in q)
        assert sum(1 for d in mine if d.code == "quote-not-found") == want_broken, (path, mine)
    assert len(citation_diags) == sum(len(qs) for qs in per_record.values())


def test_one_byte_changed_is_detected_and_names_the_broken_citations(project: Path) -> None:
    txt = project / SOURCE_TXT
    raw = txt.read_bytes()
    assert raw.count(b"25 tonnes") == 1
    txt.write_bytes(raw.replace(b"25 tonnes", b"25 tonnas"))  # one byte: e -> a
    got, mismatch = tamper_result(project)
    broken = sorted(record_id(p) for p, qs in quotes(project).items() if any("tonnes" in q for q in qs))
    assert broken, "some claim should quote the changed words"
    assert f"{len(broken)} citing record(s) broke ({', '.join(broken)})" in mismatch.message
    assert "still anchor but may have moved" in mismatch.message
    assert_every_citation_accounted_for(project, got, broken_word="tonnes")
    assert {d.code for d in got} == {"source-hash-mismatch", "quote-not-found", "citation-unverified"}


def test_trailing_newline_added_is_said_exactly_once(project: Path) -> None:
    """The commonest accident (an editor adds a line break on saving): one error that says so,
    not one per citation of the source."""
    txt = project / SOURCE_TXT
    assert not txt.read_bytes().endswith(b"\n")
    with txt.open("ab") as fh:
        fh.write(b"\n")
    r = check(project)
    assert r.code == 1
    (mismatch,) = errors(r)
    assert mismatch.where == (SOURCE_YML, 20, 9, "source-hash-mismatch")
    assert mismatch.message == (
        f"text {SOURCE_TXT} gained a line break at its end, and is otherwise byte for byte the text its record's sha256 names: "
        f"delete the line break at its end (many editors add one when saving); or restore the file with `git checkout -- {SOURCE_TXT}`. "
        "Then every citation of it reads as before"
    )


def test_text_replaced_by_another_article_breaks_every_citation(project: Path) -> None:
    shutil.copyfile(HOSTILE / "sources/other-article.txt", project / SOURCE_TXT)
    got, mismatch = tamper_result(project)
    everyone = sorted(record_id(p) for p in quotes(project) if p.startswith("facts/"))
    assert f"{len(everyone)} citing record(s) broke ({', '.join(everyone)})" in mismatch.message
    assert "0 still anchor" in mismatch.message
    citation_diags = [d for d in got if d.code == "quote-not-found"]
    assert len(citation_diags) == sum(len(qs) for qs in quotes(project).values())
    # The new text's own sentences, which nothing cites, are not counted against it: coverage is
    # judged once the text is restored (or, if it really changed, its sha256 updated).
    assert {d.code for d in got} == {"source-hash-mismatch", "quote-not-found"}


def test_deleted_text_is_one_error_on_its_record(project: Path) -> None:
    """No citation of it can be checked, which follows from the one missing file."""
    (project / SOURCE_TXT).unlink()
    r = check(project)
    assert r.code == 1
    assert [d.where for d in errors(r)] == [(SOURCE_YML, 20, 9, "source-text-missing")]


def test_text_that_is_not_utf8_is_reported_at_the_bad_byte(project: Path) -> None:
    txt = project / SOURCE_TXT
    text = txt.read_text(encoding="utf-8")
    i = text.index("Moscow")
    txt.write_bytes(text[:i].encode("utf-8") + b"\xff" + text[i:].encode("utf-8"))
    r = check(project)
    got = errors(r)
    assert r.code == 1
    assert [d.where for d in got] == [(SOURCE_TXT, 1, i + 1, "not-utf8")]  # column in characters, not bytes


# -- a multi-line source with emoji: line endings, code-point offsets ------------------------------------


@pytest.fixture
def astral(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ASTRAL, tmp_path / "astral"))


def test_astral_fixture_passes_as_stored(astral: Path) -> None:
    assert_passes(check(astral), claims=2)


ASTRAL_TXT = "sources/astral-launch-notes.txt"
RESAVED = "and is otherwise byte for byte the text its record's sha256 names: "
RESTORE = f"; or restore the file with `git checkout -- {ASTRAL_TXT}`. Then every citation of it reads as before"


@pytest.mark.parametrize(
    ("how", "said"),
    [
        (
            lambda b: b.replace(b"\n", b"\r\n"),
            "had its line endings changed to CRLF (Windows), " + RESAVED + "save it with LF (Unix) line endings",
        ),
        (
            lambda b: b + b"\n\n",
            "gained 2 line breaks at its end, " + RESAVED + "delete the 2 line breaks at its end (many editors add one when saving)",
        ),
        (lambda b: b"\xef\xbb\xbf" + b, "gained a byte order mark (BOM) at its start, " + RESAVED + "save it as UTF-8 without BOM"),
        (
            # Windows Notepad, all at once.
            lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n") + b"\r\n",
            "gained a byte order mark (BOM) at its start, had its line endings changed to CRLF (Windows) and gained a line break at "
            "its end, " + RESAVED + "save it as UTF-8 without BOM; save it with LF (Unix) line endings; delete the line break at its "
            "end (many editors add one when saving)",
        ),
        (lambda b: b.removesuffix(b"\n"), "lost the line break at its end, " + RESAVED + "add the line break at its end back"),
    ],
    ids=["crlf", "two-line-breaks", "bom", "notepad", "lost-line-break"],
)
def test_a_text_only_saved_differently_is_one_error_saying_how(astral: Path, how: Callable[[bytes], bytes], said: str) -> None:
    """Whitespace is folded, so every quote still anchors (some at moved offsets): nothing else
    is reported, and the one error says what the saving did and how to undo it."""
    txt = astral / ASTRAL_TXT
    txt.write_bytes(how(txt.read_bytes()))
    r = check(astral)
    assert r.code == 1
    (mismatch,) = errors(r)
    assert mismatch.where == ("sources/astral-launch-notes.yml", 12, 9, "source-hash-mismatch")
    assert mismatch.message == f"text {ASTRAL_TXT} {said}{RESTORE}"


def test_characters_re_encoded_in_another_normal_form_are_named_and_a_real_change_is_not() -> None:
    """macOS tools may save "é" as "e" and a combining accent (NFD): the same text, other bytes."""
    text = "Le café est fermé.\n".encode()
    recorded = hashlib.sha256(text).hexdigest()
    nfd = unicodedata.normalize("NFD", text.decode()).encode()
    assert nfd != text
    assert how_resaved(nfd, recorded) == [
        ("had its characters re-encoded (Unicode normal form NFD)", "copy the original file again instead of re-saving it")
    ]
    assert how_resaved("Le café est ouvert.\n".encode(), recorded) is None
    assert how_resaved(text, recorded) is None, "an unchanged text was not re-saved"
    # Four line breaks added is no longer a saving accident: it is reported as a change.
    assert how_resaved(text + b"\n" * 3, recorded) == [
        ("gained 3 line breaks at its end", "delete the 3 line breaks at its end (many editors add one when saving)")
    ]
    assert how_resaved(text + b"\n" * 4, recorded) is None


def test_a_real_change_names_every_citation_that_moved_with_its_new_place(astral: Path) -> None:
    """Not a saving accident: each citation still found is named for a reviewer to re-check."""
    txt = astral / ASTRAL_TXT
    text = txt.read_bytes().decode("utf-8")
    changed = text.replace("an hour later", "two hours later")
    txt.write_bytes(changed.encode("utf-8"))
    got = errors(check(astral))
    (mismatch,) = [d for d in got if d.code == "source-hash-mismatch"]
    assert "0 citing record(s) broke, 2 still anchor but may have moved (astral-crews-cheered-until-orbit, astral-mission-not-cheap)" in (
        mismatch.message
    )
    moved = {d.path: d.message for d in got if d.code == "citation-unverified"}
    new = changed.index("the mission was not cheap")
    assert new == text.index("the mission was not cheap") + len("two hours") - len("an hour")
    end = new + len("the mission was not cheap, but it worked 👍🏽")
    assert f"offsets {new}–{end} (line 3, column" in moved["facts/claims/astral-mission-not-cheap.yml"]
    assert {d.code for d in got} == {"source-hash-mismatch", "citation-unverified"}
