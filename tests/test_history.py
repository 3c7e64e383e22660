"""Claim history from git: permalinks, the corrections log, withdrawn claims, "last verified".

The build tests make a temporary git repository from a copy of the project and commit, with
fixed dates: the briefing (one claim with a typo), a claim added, corrected, re-anchored
(same words: not a change) and withdrawn, then a typo fix. The claim pages, the corrections
page and claims.json must show exactly that history. A copy without .git (a tarball) must
still build and say the history is unavailable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, copy_project
from test_hostile_helpers import REAL_CLAIMS

from briefing import exports, history
from briefing.loader import load_briefing

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
    assert len(others) == REAL_CLAIMS - 1 and all([e.kind for e in evs] == ["added"] and evs[0].commit == shas["base"] for evs in others.values())
    assert [(e.claim_id, e.kind) for e in h.corrections()] == [(Y, "corrected"), (X, "withdrawn"), (X, "corrected")]
    assert h.build.commit == shas["typo"] and h.build.date == DATES[5] and not h.build.dirty


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
    assert len(calls) <= 10, [c[5:7] for c in calls]  # rev-parse, log, cat-file: never per claim or per commit


def test_the_source_words_are_read_as_the_source_was_at_that_commit(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "facts" / "claims").mkdir(parents=True)
    (root / "sources").mkdir()
    src, claim = root / "sources" / "s.txt", root / "facts" / "claims" / "c.yml"
    src.write_text("The rocket flew in 2017. It failed.", encoding="utf-8")
    claim.write_text("id: c\nstatement: It flew.\ncitations:\n  - source: s\n    quote: The rocket flew\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "add c", DATES[0])
    src.write_text("Intro. The rocket flew in 2017. It failed twice.", encoding="utf-8")  # a new version of the source
    claim.write_text(
        "id: c\nstatement: It flew, then failed.\ncitations:\n  - source: s\n    quote: The rocket flew … It failed twice\n",
        encoding="utf-8",
    )
    commit(root, "c: cite the failure [typo]", DATES[1])
    (ev,) = history.compute(root).of("c")[1:]
    assert ev.typo and ev.changed == ("statement", "citations")
    assert ev.before is not None and ev.after is not None
    assert [(q.shown, q.start) for q in ev.before.citations] == [("The rocket flew", 0)]
    assert [(q.shown, q.start) for q in ev.after.citations] == [("The rocket flew […] It failed twice", 7)]


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
    assert "rests on 1 claim;" in text and f"all {REAL_CLAIMS} claims" in text and "uncommitted" not in text
    data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
    assert (data["@type"], data["text"], data["datePublished"], data["dateModified"]) == ("Claim", Y_TEXT, "2024-01-10", "2024-05-02")
    home = soup(site / "index.html").select_one("p.bf-verified").get_text(" ", strip=True)
    assert "Last verified: 2 May 2024" in home and "rests on 1 claim;" not in home


@pytest.mark.slow
def test_the_corrections_page_lists_exactly_the_corrections_newest_first(built: tuple[Path, dict[str, str]]) -> None:
    site, _ = built
    doc = soup(site / "corrections" / "index.html")
    lists = doc.select("ol.bf-corrections")
    assert len(lists) == 2
    main, typos = lists
    assert events_of(main) == [("withdrawn", DATES[4]), ("corrected", DATES[2])]
    assert [a["href"] for a in main.select("a.bf-history__claim")] == [f"../claims/{X}/", f"../claims/{X}/"]
    assert events_of(typos) == [("corrected", DATES[5])]
    assert [a["href"] for a in typos.select("a.bf-history__claim")] == [f"../claims/{Y}/"]
    assert doc.select_one(".bf-corrections-summary").get_text(" ", strip=True).startswith("1 correction, 1 withdrawal and 1 typo fix")
    (withdrawn,) = doc.select("ul.bf-withdrawn-list li")
    assert withdrawn.select_one("a")["href"] == f"../claims/{X}/" and Y_TEXT in withdrawn.get_text()
    policy = soup(site / "method" / "index.html").find(id="corrections-policy")
    assert policy is not None


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
