"""Claim history from git: permalinks, the corrections log, withdrawn claims, "last verified".

The build tests make a temporary git repository from a copy of the project and commit, with
fixed dates: the briefing (one claim with a typo), a claim added, corrected, re-anchored
(same words: not a change) and withdrawn, a key judgment's likelihood changed, then a typo fix.
The claim pages, the corrections page and claims.json must show exactly that history. A copy
without .git (a tarball) and a shallow clone must still build and say the history is
unavailable. Smaller repositories test the edge cases: a revision that is not a valid record
(skipped, never shown as a state with no statement) and the cheap withdrawn-id lookup the
checks use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_project
from test_hostile_helpers import REAL_CLAIMS
from test_jsonld import vocabulary_errors

from briefing import exports, history, render
from briefing.loader import load_briefing
from briefing.model import Briefing

SOURCE = "scmp-russia-rocket-engines-2019"
X = "proton-retired-misreading"  # added, corrected, withdrawn
Y = "proton-still-in-use"  # an existing claim whose typo is fixed
Y_TYPO = "The article says the Proton series is stil in use today."
Y_TEXT = "The article says the Proton series is still in use today."
X_WRONG = "The article says the Proton series is no longer in use."
DATES = ["2024-01-10T09:00:00+00:00", "2024-02-01T10:00:00+00:00", "2024-03-01T11:00:00+00:00", "2024-03-15T12:00:00+00:00"]
DATES += ["2024-04-01T13:00:00+00:00", "2024-05-02T14:00:00+00:00"]
WITHDRAW_MSG = (
    f"Withdraw {X}: it duplicates {Y}\n\nOnce corrected it said no more than {Y}, which cites the same words.\n\nReplaced-By: {Y}\n"
)
CORRECT_MSG = f"Correct {X}: the article says the Proton is still in use\n\nThe first version misread the sentence; it now cites the words that say so.\n"
J = "yf-77-engine-main-obstacle"  # a key judgment whose likelihood is lowered
J_DATE = "2024-04-20T15:00:00+00:00"  # between the withdrawal and the typo fix
J_MSG = f"Lower the likelihood of {J}\n\nThe article does not say who expects the launch date.\n"


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    p = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return p.stdout.strip()


def commit(root: Path, message: str, date: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def claim_yaml(cid: str, statement: str, quotes: list[tuple[str, str | None]], topics: str = "[russian-heritage]") -> str:
    cits = ""
    for quote, prefix in quotes:
        cits += f"  - source: {SOURCE}\n    quote: {json.dumps(quote)}\n"
        if prefix:
            cits += f"    prefix: {json.dumps(prefix)}\n"
    return f"id: {cid}\nstatement: {json.dumps(statement)}\nkind: reported\ntopics: {topics}\nentities: [proton]\ncitations:\n{cits}"


def make_history_repo(root: Path) -> dict[str, str]:
    """The three-commit life of claim X, plus a typo fix of Y; returns the commit ids."""
    y = root / "facts" / "claims" / f"{Y}.yml"
    x = root / "facts" / "claims" / f"{X}.yml"
    y.write_text(y.read_text(encoding="utf-8").replace(Y_TEXT, Y_TYPO), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    shas = {"base": commit(root, "Import the briefing", DATES[0])}
    x.write_text(claim_yaml(X, X_WRONG, [("Its Proton series rockets", None)]), encoding="utf-8")
    shas["added"] = commit(root, f"Add {X}", DATES[1])
    x.write_text(claim_yaml(X, Y_TEXT, [("Its Proton series rockets", None), ("is still in use today", None)]), encoding="utf-8")
    shas["corrected"] = commit(root, CORRECT_MSG, DATES[2])
    # Same source words, picked with a prefix; and a topic edit: neither changes what X says or cites.
    quotes = [("Its Proton series rockets", None), ("is still in use today", "as early as the 1960s and")]
    x.write_text(claim_yaml(X, Y_TEXT, quotes, topics="[russian-heritage, offer]"), encoding="utf-8")
    shas["reanchored"] = commit(root, f"Pick the quote of {X} with a prefix; add a topic", DATES[3])
    x.unlink()
    shas["withdrawn"] = commit(root, WITHDRAW_MSG, DATES[4])
    j = root / "facts" / "judgments" / f"{J}.yml"
    j.write_text(j.read_text(encoding="utf-8").replace("likelihood: likely\n", "likelihood: roughly-even-chance\n"), encoding="utf-8")
    shas["judgment"] = commit(root, J_MSG, J_DATE)
    y.write_text(y.read_text(encoding="utf-8").replace(Y_TYPO, Y_TEXT), encoding="utf-8")
    shas["typo"] = commit(root, f"Fix a typo in {Y}\n\nCorrection-Type: typo\n", DATES[5])
    return shas


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def events_of(doc: BeautifulSoup) -> list[tuple[str, str]]:
    """(event class, date) of each history entry in a list, in page order."""
    out = []
    for li in doc.select("li.bf-history__event"):
        kind = next(c for c in li["class"] if c.startswith("bf-history__event--")).split("--")[1]
        out.append((kind, li.select_one("time")["datetime"]))
    return out


# -- the history itself, without a build ---------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = copy_project(tmp_path_factory.mktemp("history") / "project")
    return root, make_history_repo(root)


def test_history_records_exactly_the_changes_to_what_a_claim_says_or_cites(repo: tuple[Path, dict[str, str]]) -> None:
    root, shas = repo
    h = history.compute(root)
    assert h.available, h.reason
    x = h.of(X)
    assert [(e.kind, e.commit, e.date) for e in x] == [
        ("added", shas["added"], DATES[1]),
        ("corrected", shas["corrected"], DATES[2]),
        ("withdrawn", shas["withdrawn"], DATES[4]),
    ]  # the re-anchoring + topic commit is not a change
    added, corrected, withdrawn = x
    assert added.after is not None and added.after.statement == X_WRONG
    assert corrected.changed == ("statement", "citations")
    assert corrected.before is not None and corrected.after is not None
    assert (corrected.before.statement, corrected.after.statement) == (X_WRONG, Y_TEXT)
    assert [q.shown for q in corrected.before.citations] == ["Its Proton series rockets"]
    assert [q.shown for q in corrected.after.citations] == ["Its Proton series rockets", "is still in use today"]
    assert corrected.message == CORRECT_MSG.strip() and not corrected.typo
    assert withdrawn.reason.startswith(f"It duplicates {Y}") and withdrawn.replaced_by == (Y,)
    assert withdrawn.before is not None and withdrawn.before.statement == Y_TEXT
    assert list(h.withdrawn(load_briefing(root, use_cache=False)[0].claims)) == [X]
    y = h.of(Y)
    assert [(e.kind, e.typo, e.changed) for e in y] == [("added", False, ()), ("corrected", True, ("statement",))]
    assert y[1].before is not None and y[1].before.statement == Y_TYPO
    others = {cid: evs for cid, evs in h.events.items() if cid not in (X, Y)}
    assert len(others) == REAL_CLAIMS - 1 and all(
        [e.kind for e in evs] == ["added"] and evs[0].commit == shas["base"] for evs in others.values()
    )
    assert [(e.claim_id, e.kind) for e in h.corrections()] == [(Y, "corrected"), (J, "corrected"), (X, "withdrawn"), (X, "corrected")]
    assert h.build.commit == shas["typo"] and h.build.date == DATES[5] and not h.build.dirty
    assert h.skipped == []


def test_a_key_judgments_changes_are_corrections_too(repo: tuple[Path, dict[str, str]]) -> None:
    root, shas = repo
    h = history.compute(root)
    judgments = sorted(p.stem for p in (root / "facts" / "judgments").glob("*.yml"))
    assert sorted(h.judgment_events) == judgments and not set(judgments) & set(h.events)  # apart from claims
    added, lowered = h.of_judgment(J)
    assert (added.kind, added.record, added.commit) == ("added", "judgment", shas["base"])
    assert (lowered.kind, lowered.commit, lowered.date, lowered.changed) == ("corrected", shas["judgment"], J_DATE, ("likelihood",))
    assert lowered.before is not None and lowered.after is not None
    assert (lowered.before.likelihood, lowered.after.likelihood) == ("likely", "roughly-even-chance")
    assert lowered.before.statement == lowered.after.statement and lowered.before.rests_on == lowered.after.rests_on
    assert lowered.message == J_MSG.strip() and not lowered.typo
    assert all([e.kind for e in evs] == ["added"] for jid, evs in h.judgment_events.items() if jid != J)


def test_history_and_export_are_deterministic(repo: tuple[Path, dict[str, str]]) -> None:
    root, _ = repo
    b, _ = load_briefing(root, use_cache=False)
    first = exports.dumps(exports.claims_export(b, "https://x.example/", history.compute(root)))
    assert first == exports.dumps(exports.claims_export(b, "https://x.example/", history.compute(root)))


def test_git_is_run_a_fixed_number_of_times_whatever_the_number_of_claims(
    repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = repo
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(cmd: list[str], *a: object, **kw: object) -> subprocess.CompletedProcess:
        calls.append(cmd)
        return real(cmd, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(history.subprocess, "run", counting)
    h = history.compute(root)
    assert h.available and len(h.events) == REAL_CLAIMS + 1  # and the withdrawn X
    assert len(h.judgment_events) == sum(1 for _ in (root / "facts" / "judgments").glob("*.yml"))
    assert len(calls) <= 10, [c[5:7] for c in calls]  # rev-parse, log, cat-file: never per claim or per commit


def test_the_source_words_are_read_as_the_source_was_at_that_commit(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "facts" / "claims").mkdir(parents=True)
    (root / "sources").mkdir()
    src, claim = root / "sources" / "s.txt", root / "facts" / "claims" / "c.yml"
    src.write_text("The rocket flew in 2017. It failed.", encoding="utf-8")
    claim.write_text(
        "id: c\nstatement: It flew.\nkind: reported\ncitations:\n  - source: s\n    quote: The rocket flew\n", encoding="utf-8"
    )
    git(root, "init", "-q", "-b", "main")
    commit(root, "add c", DATES[0])
    src.write_text("Intro. The rocket flew in 2017. It failed twice.", encoding="utf-8")  # a new version of the source
    claim.write_text(
        "id: c\nstatement: It flew, then failed.\nkind: reported\ncitations:\n  - source: s\n    quote: The rocket flew … It failed twice\n",
        encoding="utf-8",
    )
    commit(root, "c: cite the failure [typo]", DATES[1])
    (ev,) = history.compute(root).of("c")[1:]
    assert ev.typo and ev.changed == ("statement", "citations")
    assert ev.before is not None and ev.after is not None
    assert [(q.shown, q.start) for q in ev.before.citations] == [("The rocket flew", 0)]
    assert [(q.shown, q.start) for q in ev.after.citations] == [("The rocket flew […] It failed twice", 7)]


def test_a_judgment_from_before_kinds_is_an_assessment_and_becoming_a_finding_is_listed(tmp_path: Path) -> None:
    """Before judgments had kinds every one carried a likelihood: an assessment. Making one a
    finding (no label) is a correction of its kind and likelihood, not a revision skipped."""
    root = tmp_path / "r"
    (root / "facts" / "judgments").mkdir(parents=True)
    j = root / "facts" / "judgments" / "j.yml"
    j.write_text("id: j\nstatement: The article reports an offer.\nlikelihood: almost-certain\nrests_on: [c]\nreasoning: It says so.\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Add j", DATES[0])
    j.write_text("id: j\nkind: assessment\nstatement: The article reports an offer.\nlikelihood: almost-certain\nrests_on: [c]\nreasoning: It says so.\n")
    commit(root, "Give j its kind", DATES[1])
    j.write_text("id: j\nkind: finding\nstatement: The article reports an offer.\nrests_on: [c]\nreasoning: It says so.\n")
    commit(root, "Correct j: a fact about the text carries no probability label", DATES[2])
    h = history.compute(root)
    assert h.skipped == []
    added, found = h.of_judgment("j")  # the kind written out is no change: it was an assessment
    assert (added.kind, added.after.kind) == ("added", "assessment")
    assert found.kind == "corrected" and found.changed == ("kind", "likelihood")
    assert (found.before.kind, found.before.likelihood, found.after.kind, found.after.likelihood) == ("assessment", "almost-certain", "finding", None)
    assert found.after.as_dict()["kind"] == "finding"
    html = render.corrections_list(Briefing(str(root)), render.PageContext(), h.corrections())
    assert "<dt>Kind before</dt><dd>Assessment</dd><dt>Kind after</dt><dd>Finding</dd>" in html
    assert "<dt>Likelihood before</dt><dd>Almost certain</dd><dt>Likelihood after</dt><dd>none</dd>" in html


def test_topics_questions_entities_and_corrected_pages_are_listed(tmp_path: Path) -> None:
    """What readers are told of a topic, question or entity is tracked like a claim; a page's
    prose only when its commit says it corrects it, and then paragraph by paragraph."""
    root = tmp_path / "r"
    for d in ("facts/topics", "facts/questions", "facts/entities", "docs/topics", "docs/claims"):
        (root / d).mkdir(parents=True)
    topic, page = root / "facts/topics/t.yml", root / "docs/topics/t.md"
    question, entity = root / "facts/questions/q.yml", root / "facts/entities/e.yml"
    topic.write_text("id: t\nname: Heavy lift\ndescription: Why the rocket is grounded.\n")
    question.write_text("id: q\nquestion: Who said it?\ndiscussion: Unclear.\ncitations: []\n")
    entity.write_text("id: e\nname: YF-77\ntype: engine\ndescription: A booster engine.\n")
    para = "The article says the rocket was grounded {{ cite(\"c\") }}.\n\nIt names the engine {{ cite(\"d\") }}.\n"
    page.write_text('---\ndescription: "Why it is grounded."\ntopic: t\n---\n# Heavy lift {: #top }\n\n' + para)
    (root / "docs/claims/c.md").write_text("a generated page\n")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Add the briefing", DATES[0])
    page.write_text(page.read_text().replace("the rocket was grounded", "the rocket was not seen on the launch pad"))
    commit(root, "Reword the heavy-lift page for readers", DATES[1])  # not a correction: not listed
    topic.write_text(topic.read_text().replace("is grounded", "has not been seen on the launch pad"))
    entity.write_text(entity.read_text().replace("A booster engine.", "The engine the article calls a booster engine."))
    question.write_text(question.read_text().replace("Unclear.", "The article does not say."))
    page.write_text(page.read_text().replace("Why it is grounded.", "Why it has not flown.").replace("It names", "The article names"))
    (root / "docs/claims/c.md").write_text("another generated page\n")
    sha = commit(root, "Correct topics/t.md and t: not grounded, not seen\n\nThe article never says grounded.", DATES[2])
    h = history.compute(root)
    evs = h.corrections()
    assert [(e.record, e.claim_id, e.changed) for e in evs] == [
        ("entity", "e", ("description",)),
        ("page", "topics/t.md", ("description", "body")),
        ("question", "q", ("discussion",)),
        ("topic", "t", ("description",)),
    ]
    assert all(e.commit == sha and e.kind == "corrected" for e in evs)
    page_ev = next(e for e in evs if e.record == "page")
    assert page_ev.after.title == "Heavy lift" and page_ev.after.body[-1] == "The article names the engine."
    html = render.corrections_list(Briefing(str(root)), render.PageContext(base="../"), evs)
    assert 'href="../topics/t/">page “Heavy lift”</a>' in html
    assert "<dt>Text before</dt><dd><del>It</del> names the engine.</dd><dt>Text after</dt><dd><ins>The article</ins> names" in html
    assert "Reword the heavy-lift page" not in html, "a page's rewording is not a correction"
    assert "<dt>Description before</dt><dd>Why it <del>is grounded.</del></dd>" in html
    assert "{{" not in html and "{:" not in html, "macro calls and attribute lists are not words of the page"


def tiny_claim(statement: str, quote: str = "The rocket flew") -> str:
    return f"id: c\nstatement: {statement}\nkind: reported\ncitations:\n  - source: s\n    quote: {quote}\n"


def tiny_repo(root: Path) -> Path:
    """A repository with one source and nothing else: the claim file is up to the test."""
    (root / "facts" / "claims").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "s.txt").write_text("The rocket flew in 2017. It failed.", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    return root / "facts" / "claims" / "c.yml"


def test_a_revision_that_is_not_a_valid_claim_is_skipped_never_shown_as_a_state(tmp_path: Path) -> None:
    claim = tiny_repo(tmp_path / "r")
    root = tmp_path / "r"
    claim.write_text(tiny_claim("It flew."), encoding="utf-8")
    commit(root, "add c", DATES[0])
    claim.write_text(tiny_claim("It flew.") + "statement: [unclosed\n", encoding="utf-8")  # does not parse
    broken = commit(root, "c: half-edited", DATES[1])
    claim.write_text("id: c\nkind: reported\n", encoding="utf-8")  # parses, but is no claim: no statement
    empty = commit(root, "c: emptied by mistake", DATES[2])
    claim.write_text(tiny_claim("It flew in 2017.", "The rocket flew in 2017"), encoding="utf-8")
    fixed = commit(root, "c: say when it flew", DATES[3])
    h = history.compute(root)
    added, corrected = h.of("c")  # no "corrected" to the broken state, no "restored" from it
    assert (added.kind, corrected.kind, corrected.commit) == ("added", "corrected", fixed)
    assert corrected.before is not None and corrected.after is not None
    assert (corrected.before.statement, corrected.after.statement) == ("It flew.", "It flew in 2017.")  # the last valid text
    assert corrected.changed == ("statement", "citations")
    assert [q.shown for q in corrected.before.citations] == ["The rocket flew"]
    assert [(r.record_id, r.commit) for r in h.skipped] == [("c", broken), ("c", empty)]
    assert "not valid YAML" in h.skipped[0].problem and "no statement" in h.skipped[1].problem
    # Rendered, the change reads as one correction from the last valid text: no "none" anywhere.
    b = Briefing(str(root))
    html = render.corrections_list(b, render.PageContext(base="../"), h.corrections())
    doc = BeautifulSoup(html, "html5lib")
    assert "none" not in doc.get_text().lower()
    diff = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(doc.select("dt"), doc.select("dd"))}
    assert (diff["Statement before"], diff["Statement after"]) == ("It flew.", "It flew in 2017.")
    # Broken, then deleted: withdrawn with its last valid text; a file never valid leaves no trace.
    claim.write_text("statement: [\n", encoding="utf-8")
    commit(root, "c: break it again", DATES[4])
    claim.unlink()
    never = root / "facts" / "claims" / "d.yml"
    never.write_text("not: [a claim\n", encoding="utf-8")
    commit(root, "Withdraw c: it adds nothing", DATES[5])
    never.unlink()
    commit(root, "drop d", "2024-06-01T00:00:00+00:00")
    h = history.compute(root)
    withdrawn = h.of("c")[-1]
    assert withdrawn.kind == "withdrawn" and withdrawn.before is not None and withdrawn.before.statement == "It flew in 2017."
    assert withdrawn.reason == "It adds nothing"
    assert h.of("d") == [] and "d" not in h.events
    # Brought back half-written, then finished: one "restored", from the withdrawn text to the new one.
    claim.write_text("id: c\nstatement:\n", encoding="utf-8")
    commit(root, "Restore c (draft)", "2024-06-02T00:00:00+00:00")
    claim.write_text(tiny_claim("It flew, then failed.", "The rocket flew … It failed"), encoding="utf-8")
    back = commit(root, "Restore c: it adds the failure", "2024-06-03T00:00:00+00:00")
    restored = history.compute(root).of("c")[-1]
    assert (restored.kind, restored.commit) == ("restored", back)
    assert restored.before is not None and restored.after is not None
    assert (restored.before.statement, restored.after.statement) == ("It flew in 2017.", "It flew, then failed.")


def test_withdrawn_ids_name_when_and_why_in_one_git_call(repo: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, shas = repo
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(cmd: list[str], *a: object, **kw: object) -> subprocess.CompletedProcess:
        calls.append(cmd)
        return real(cmd, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(history.subprocess, "run", counting)
    found = history.withdrawn_ids(root)
    assert len(calls) == 1
    assert list(found) == [X]
    w = found[X]
    assert (w.commit, w.date, w.replaced_by) == (shas["withdrawn"], DATES[4], (Y,))
    assert w.reason.startswith(f"It duplicates {Y}")
    assert w.diagnostic() == f"claim {X!r} was withdrawn in {shas['withdrawn'][:10]} (2024-04-01): It duplicates {Y}; cite {Y!r} instead"


def test_withdrawn_ids_take_the_latest_withdrawal_and_work_from_a_subfolder(tmp_path: Path) -> None:
    top = tmp_path / "top"
    claim = tiny_repo(top / "briefing")  # the project is a folder of a larger repository
    git(top / "briefing", "init", "-q", "-b", "main")  # (tiny_repo made .git in the project: move it up)
    shutil.rmtree(top / "briefing" / ".git")
    git(top, "init", "-q", "-b", "main")
    claim.write_text(tiny_claim("It flew."), encoding="utf-8")
    commit(top, "add c", DATES[0])
    claim.unlink()
    commit(top, "Withdraw c: first try", DATES[1])
    claim.write_text(tiny_claim("It flew."), encoding="utf-8")
    commit(top, "Restore c", DATES[2])
    claim.unlink()
    last = commit(top, "Withdraw claim `c`: the article does not say it flew\n\nIt says it was launched.", DATES[3])
    (w,) = history.withdrawn_ids(top / "briefing").values()
    assert (w.claim_id, w.commit, w.reason) == ("c", last, "The article does not say it flew\n\nIt says it was launched.")
    assert w.diagnostic() == f"claim 'c' was withdrawn in {last[:10]} (2024-03-15): The article does not say it flew"


def test_withdrawn_ids_are_silent_without_history(tmp_path: Path, repo: tuple[Path, dict[str, str]]) -> None:
    plain = tmp_path / "tarball"
    shutil.copytree(repo[0] / "facts", plain / "facts")
    assert history.withdrawn_ids(plain) == {}
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo[0]}", str(shallow))
    assert history.withdrawn_ids(shallow) == {}  # the deletion is before the cut-off: unknown, never wrong
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", str(tmp_path / "nowhere"))
        assert history.withdrawn_ids(repo[0]) == {}


def test_trailers_are_split_from_the_message() -> None:
    text, trailers = history.split_trailers("Withdraw a: wrong\n\nWhy it was wrong.\n\nReplaced-By: b, c\nCorrection-Type: typo\n")
    assert text == "Withdraw a: wrong\n\nWhy it was wrong."
    assert trailers == (("Replaced-By", "b, c"), ("Correction-Type", "typo"))
    assert history.split_trailers("Subject only: with a colon") == ("Subject only: with a colon", ())


def test_without_history_the_reason_is_given_never_an_exception(tmp_path: Path, repo: tuple[Path, dict[str, str]]) -> None:
    plain = tmp_path / "tarball"
    shutil.copytree(repo[0] / "facts", plain / "facts")
    h = history.compute(plain)
    assert not h.available and "no git history" in h.reason and not h.build.known
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo[0]}", str(shallow))
    h = history.compute(shallow)
    assert not h.available and "shallow clone" in h.reason
    assert h.build.known  # the build commit's date is still known: pages still say when they were verified
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", str(tmp_path / "nowhere"))
        h = history.compute(repo[0])
    assert not h.available and h.reason == "git is not installed"


# -- the built site ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(repo: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root, shas = repo
    out = tmp_path_factory.mktemp("history-site")
    r = build_site(root, out)
    assert r.code == 0, r.err
    assert "WARNING" not in r.err, r.err
    return out, shas


@pytest.mark.slow
def test_a_withdrawn_claim_keeps_its_permalink_with_when_why_and_its_history(built: tuple[Path, dict[str, str]]) -> None:
    site, shas = built
    doc = soup(site / "claims" / X / "index.html")
    notice = doc.select_one(".bf-withdrawn__notice")
    assert notice is not None
    text = " ".join(notice.get_text().split())
    assert text == f"Withdrawn on 1 April 2024: It duplicates {Y} Once corrected it said no more than {Y}, which cites the same words."
    assert notice.select_one("time")["datetime"] == DATES[4]
    assert doc.select_one(".bf-withdrawn__instead a")["href"] == f"../../claims/{Y}/"
    assert doc.select_one(".bf-withdrawn__statement").get_text(strip=True) == Y_TEXT
    assert events_of(doc) == [("added", DATES[1]), ("corrected", DATES[2]), ("withdrawn", DATES[4])]
    corrected = doc.select("li.bf-history__event")[1]
    assert shas["corrected"][:10] in corrected.get_text()
    assert "the first version misread the sentence" in corrected.get_text().lower()
    diff = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in corrected.select("dt")}
    assert diff["Statement before"].select_one("del").get_text() == "no longer"
    assert diff["Statement after"].select_one("ins").get_text() == "still"
    assert diff["Statement after"].get_text() == Y_TEXT
    before = [li.get_text(" ", strip=True).split("”")[0].lstrip("“") for li in diff["Source words before"].select("li")]
    after = [li.get_text(" ", strip=True).split("”")[0].lstrip("“") for li in diff["Source words after"].select("li")]
    assert (before, after) == (["Its Proton series rockets"], ["Its Proton series rockets", "is still in use today"])
    assert not doc.select('script[type="application/ld+json"]')  # a withdrawn claim is not presented as a claim
    assert "noindex" not in str(doc.head)
    assert f"claims/{X}/" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_current_claim_page_shows_its_history_and_last_verified(built: tuple[Path, dict[str, str]]) -> None:
    site, shas = built
    doc = soup(site / "claims" / Y / "index.html")
    assert events_of(doc) == [("added", DATES[0]), ("corrected", DATES[5])]
    fix = doc.select("li.bf-history__event")[1]
    assert "typo fix" in fix.select_one(".bf-typo").get_text()
    assert "Correction-Type" not in fix.get_text()  # trailers are metadata, not the reason
    footer = doc.select_one("p.bf-verified")
    assert footer.select_one("time")["datetime"] == DATES[5]
    text = footer.get_text(" ", strip=True)
    assert f"Last verified: 2 May 2024 (build commit {shas['typo'][:10]} )" in text
    assert "This page shows 1 claim;" in text and f"all {REAL_CLAIMS} claims" in text and "uncommitted" not in text
    data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
    # The claim is the article's (reported), dated as the article is; the page carries the record's dates.
    assert (data["@type"], data["text"], data["datePublished"]) == ("Claim", Y_TEXT, "2019-08")
    assert data["author"] == {"@type": "Organization", "name": "South China Morning Post"}
    page = data["mainEntityOfPage"]
    assert (page["@type"], page["datePublished"], page["dateModified"]) == ("WebPage", "2024-01-10", "2024-05-02")
    home = soup(site / "index.html")
    cited = {c for a in home.select("a.bf-marker") for c in a["data-claims"].split()}
    footer = home.select_one("p.bf-verified").get_text(" ", strip=True)
    assert "Last verified: 2 May 2024" in footer and f"This page shows {len(cited)} claims;" in footer


@pytest.mark.slow
def test_the_footer_counts_the_claims_a_page_lists_or_highlights_not_only_those_it_cites(built: tuple[Path, dict[str, str]]) -> None:
    site, _ = built
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]

    def shown(page: str) -> str:
        return soup(site / page).select_one("p.bf-verified").get_text(" ", strip=True)

    citing = {c["id"] for c in claims if any(cit["source"] == SOURCE for cit in c["citations"])}
    source_page = soup(site / "source" / SOURCE / "index.html")
    assert {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in source_page.select("a.bf-backlink")} == citing
    assert f"This page shows {len(citing)} claims;" in shown(f"source/{SOURCE}/index.html")
    naming = {c["id"] for c in claims if c["entities"] or c["speaker"] or c["relayed_by"]}
    assert f"This page shows {len(naming)} claims;" in shown("entities/index.html")
    assert f"This page shows {REAL_CLAIMS} claims;" in shown("verification/index.html")
    assert "This page shows 1 claim;" in shown("corrections/index.html")  # Y's typo fix (X is withdrawn, J is no claim)
    assert "This page shows no claim;" in shown("source/index.html")
    for page in site.rglob("*.html"):
        footer = soup(page).select_one("p.bf-verified")
        assert footer is None or "cites no claim" not in footer.get_text(), page


@pytest.mark.slow
def test_every_claim_pages_json_ld_uses_only_schema_org_as_defined(built: tuple[Path, dict[str, str]]) -> None:
    site, _ = built
    pages = sorted((site / "claims").glob("*/index.html"))
    checked = 0
    for page in pages:
        for script in soup(page).select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            assert vocabulary_errors(data) == [], page
            assert "reviewRating" not in json.dumps(data)
            checked += 1
    assert checked == REAL_CLAIMS  # one per current claim, none on the withdrawn claim's page


@pytest.mark.slow
def test_the_corrections_page_lists_exactly_the_corrections_newest_first(built: tuple[Path, dict[str, str]]) -> None:
    site, _ = built
    doc = soup(site / "corrections" / "index.html")
    lists = doc.select("ol.bf-corrections")
    assert len(lists) == 2
    main, typos = lists
    assert events_of(main) == [("corrected", J_DATE), ("withdrawn", DATES[4]), ("corrected", DATES[2])]
    assert [a["href"] for a in main.select("a.bf-history__claim")] == [f"../claims/{X}/", f"../claims/{X}/"]
    (judgment,) = main.select("a.bf-history__judgment")  # a key judgment's change, linked to it on the home page
    assert judgment["href"] == f"../#judgment-{J}"
    lowered = main.select("li.bf-history__event")[0]
    diff = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in lowered.select("dt")}
    assert diff == {"Likelihood before": "Likely", "Likelihood after": "Roughly even chance"}
    assert "does not say who expects the launch date" in lowered.get_text()
    assert events_of(typos) == [("corrected", DATES[5])]
    assert [a["href"] for a in typos.select("a.bf-history__claim")] == [f"../claims/{Y}/"]
    assert doc.select_one(".bf-corrections-summary").get_text(" ", strip=True).startswith("2 corrections, 1 withdrawal and 1 typo fix")
    assert "none" not in main.get_text().lower()
    (withdrawn,) = doc.select("ul.bf-withdrawn-list li")
    assert withdrawn.select_one("a")["href"] == f"../claims/{X}/" and Y_TEXT in withdrawn.get_text()
    policy = soup(site / "method" / "index.html").find(id="corrections-policy")
    assert policy is not None
    text = " ".join(policy.find_next("ul").get_text(" ", strip=True).split())
    for needed in ("What counts as a correction", "statement", "likelihood", "Correction-Type: typo", "[typo]", "Withdrawals"):
        assert needed in text, needed
    assert "Replaced-By" in text and "commit message" in text


@pytest.mark.slow
def test_claims_json_carries_the_same_history(built: tuple[Path, dict[str, str]]) -> None:
    site, shas = built
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert data["history_status"] == {"available": True, "reason": None}
    (w,) = data["withdrawn"]
    assert (w["id"], w["withdrawn"], w["commit"], w["replaced_by"]) == (X, DATES[4], shas["withdrawn"], [Y])
    assert w["reason"].startswith(f"It duplicates {Y}")
    assert w["last"]["statement"] == Y_TEXT and [c["shown"] for c in w["last"]["citations"]] == [
        "Its Proton series rockets",
        "is still in use today",
    ]
    assert [(e["event"], e["commit"]) for e in w["history"]] == [
        ("added", shas["added"]),
        ("corrected", shas["corrected"]),
        ("withdrawn", shas["withdrawn"]),
    ]
    corrected = w["history"][1]
    assert corrected["changed"] == ["statement", "citations"]
    assert (corrected["before"]["statement"], corrected["after"]["statement"]) == (X_WRONG, Y_TEXT)
    claims = {c["id"]: c for c in data["claims"]}
    assert X not in claims
    assert [(e["event"], e["correction_type"], e["date"]) for e in claims[Y]["history"]] == [
        ("added", None, DATES[0]),
        ("corrected", "typo", DATES[5]),
    ]
    assert all(len(c["history"]) == 1 for cid, c in claims.items() if cid != Y)


@pytest.mark.slow
def test_a_copy_without_git_history_builds_and_says_so(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "tarball")
    r = build_site(root, tmp_path / "site")
    assert r.code == 0, r.err
    site = tmp_path / "site"
    claim = soup(site / "claims" / Y / "index.html")
    assert "The history is unavailable in this build" in claim.select_one(".bf-history-unavailable").get_text()
    assert "unverified build (no git)" in claim.select_one("p.bf-verified").get_text()
    corrections = soup(site / "corrections" / "index.html")
    assert "unavailable" in corrections.select_one(".bf-history-unavailable").get_text()
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert data["history_status"]["available"] is False and data["withdrawn"] == []


@pytest.mark.slow
def test_a_shallow_clone_builds_and_says_its_history_is_unavailable(repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, shas = repo
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(shallow))
    r = build_site(shallow, tmp_path / "site")
    assert r.code == 0, r.err
    site = tmp_path / "site"
    claim = soup(site / "claims" / Y / "index.html")
    note = claim.select_one(".bf-history-unavailable").get_text(" ", strip=True)
    assert "The history is unavailable in this build" in note and "shallow clone" in note
    assert not claim.select("li.bf-history__event")
    footer = claim.select_one("p.bf-verified").get_text(" ", strip=True)
    assert f"Last verified: 2 May 2024 (build commit {shas['typo'][:10]} )" in footer  # the build commit is still known
    corrections = soup(site / "corrections" / "index.html")
    assert "shallow clone" in corrections.select_one(".bf-history-unavailable").get_text()
    assert not corrections.select("ol.bf-corrections")
    assert not (site / "claims" / X).exists()  # without history, nothing is known of the withdrawn claim
    data = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert data["history_status"]["available"] is False and "shallow clone" in data["history_status"]["reason"]


# -- what was merged, not how ---------------------------------------------------------------------------


def test_commits_inside_a_pull_request_cannot_plant_a_past(tmp_path: Path) -> None:
    """A pull request whose first commit adds a sentence to the source and a claim quoting it, and
    whose second takes both out again, merged into main: main's history holds no such claim,
    no withdrawal and no quotation the publisher never wrote. Its own branch (before the merge)
    is where those commits are; main's first-parent chain sees the merge alone, which changed
    nothing."""
    root = copy_project(tmp_path / "project")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import the briefing", DATES[0])
    git(root, "switch", "-q", "-c", "forged")
    txt = root / "sources" / f"{SOURCE}.txt"
    yml = root / "sources" / f"{SOURCE}.yml"
    original_txt, original_yml = txt.read_bytes(), yml.read_text(encoding="utf-8")
    planted = b" Rogozin also said the engines were a gift."
    txt.write_bytes(original_txt + planted)
    digest = hashlib.sha256(original_txt + planted).hexdigest()
    yml.write_text(re.sub(r"(?m)^sha256: .*$", f"sha256: {digest}", original_yml), encoding="utf-8")
    forged = "engines-were-a-gift"
    (root / "facts" / "claims" / f"{forged}.yml").write_text(
        claim_yaml(forged, "Rogozin said the engines were a gift.", [("the engines were a gift", None)]), encoding="utf-8"
    )
    commit(root, f"Add {forged}", DATES[1])
    txt.write_bytes(original_txt)
    yml.write_text(original_yml, encoding="utf-8")
    (root / "facts" / "claims" / f"{forged}.yml").unlink()
    # And a real addition, so the merge changes facts/claims/ (git's own history simplification
    # would hide a branch whose changes cancel out; this one's do not).
    (root / "facts" / "claims" / f"{X}.yml").write_text(claim_yaml(X, X_WRONG, [("Its Proton series rockets", None)]), encoding="utf-8")
    commit(root, f"Withdraw {forged}: it was wrong; add {X}", DATES[2])
    assert forged in history.compute(root).withdrawn([])  # on the branch itself, the commits are there
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #1", "forged", date=DATES[3])
    h = history.compute(root)
    assert h.available, h.reason
    assert forged not in h.events and forged not in h.withdrawn([])
    assert not [e for e in h.corrections() if e.claim_id == forged]
    assert [(e.kind, e.subject) for e in h.of(X)] == [("added", "Merge pull request #1")]  # what main published
    assert forged not in history.withdrawn_ids(root)
    assert all(forged not in {cid for _, cid in changes} for _, _, changes in history.claim_file_events(root) or [])
