"""The editor's tools end to end, in a fresh `git clone` of the repository, with commands only.

An editor adds a source from a saved HTML page and one from a PDF (`add-source`), sets aside what
is not a claim (`not-claim`), cites every other sentence in claims (`locate`, `new`, and for one
claim the draft statement rewritten in the file as an editor would), passes `check`, builds the
site with `mkdocs build --strict` (the archived originals are nowhere in it), commits, withdraws a
claim that pages and a key judgment cite (`withdraw`), commits with the printed message (as the
pre-commit hook would, the check passes first), and passes the check and the build again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO

pytestmark = pytest.mark.slow
ADD = FIXTURES / "addsource"
HTML_ID = "courier-flood-wall-2024"
PDF_ID = "alder-ferry-review-2023"
TOPIC = "sources-and-voices"
GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]

# (source, claim id, quote, statement): every sentence of both sources but the set-aside ones.
CLAIMS = [
    (HTML_ID, "courier-plan-approved-31-to-4", "The council's plan, approved by 31 votes to 4", "The council's plan was approved by 31 votes to 4."),
    (HTML_ID, "courier-hartley-chairs-environment-committee", "Ines Hartley, who chairs the council's environment committee", "Ines Hartley chairs the council's environment committee."),
    (HTML_ID, "courier-wall-expected-to-cost-12-million", "The work is expected to cost £12 million", "The work was expected to cost £12 million."),
    (HTML_ID, "courier-no-local-tax-rise-planned", "no increase in local taxes is planned", "No increase in local taxes was planned."),
    (HTML_ID, "courier-opponents-said-plan-ignores-low-streets", "Opponents on the council said the plan did nothing for the low-lying streets", "Opponents on the council said the plan did nothing for the streets that lie low."),
    (HTML_ID, "courier-reyes-voted-against", "Councillor Tom Reyes, who voted against it", "Councillor Tom Reyes voted against it."),
    (HTML_ID, "courier-construction-may-to-october", "Construction is due to begin in May and to finish before the end of October", "Construction was due to begin in May and finish before the end of October."),
    (HTML_ID, "courier-harbour-road-closed-during-work", "The harbour road will be closed to traffic while the work is under way", "The harbour road will be closed to traffic during the work."),
    (PDF_ID, "ferry-carried-41200-passengers-in-2023", "The winter ferry carried 41,200 passengers in 2023", "In 2023 the winter ferry carried 41,200 passengers."),
    (PDF_ID, "storms-cancelled-19-sailings-in-january", "in January, when storms cancelled 19 sailings", "Storms cancelled 19 sailings in January."),
    (PDF_ID, "morning-star-out-of-service-eleven-weeks", "The operator’s older boat, the Morning Star, was out of service for eleven weeks", "The Morning Star, the operator's older boat, was out of service for eleven weeks."),
    (PDF_ID, "minibus-met-312-sailings", "The Trust’s community minibus met 312 sailings", "312 sailings were met by the Trust's community minibus."),
    (PDF_ID, "trust-unsure-morning-star-replaced", "The Trust does not yet know whether the operator will replace the Morning Star", "The Trust did not know whether the Morning Star would be replaced."),
]  # fmt: skip
NOT_CLAIMS = [
    (HTML_ID, "Harbour town votes to rebuild its flood wall", "The page's headline, extracted with the story."),
    (HTML_ID, "Work on the £12 million wall is due to start in May.", "The page's standfirst, a summary above the story, which the story says again."),
    (PDF_ID, "Alder Island ferry review 2023", "The report's title."),
    (PDF_ID, "Page 1 of 2", "A page number of the PDF."),
    (PDF_ID, "Page 2 of 2", "A page number of the PDF."),
]
DRAFTED = (HTML_ID, "courier-council-votes-to-rebuild-wall", "Councillors in Port Alder voted on Tuesday to rebuild the harbour's flood wall", "Port Alder's councillors voted to rebuild the harbour's flood wall.")
WITHDRAWN = "article-names-no-russian-engine-on-offer"


def run(clone: Path, *cmd: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(clone), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_NO_CACHE", None)  # the editor's caches, as they are
    env.pop("GITHUB_ACTIONS", None)
    p = subprocess.run(cmd, cwd=clone, env=env, capture_output=True, text=True, timeout=600, check=False)
    if ok:
        assert p.returncode == 0, f"{' '.join(cmd)}\n{p.stdout}\n{p.stderr}"
    return p


def briefing(clone: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    return run(clone, sys.executable, "-m", "briefing", *args, ok=ok)


def test_add_sources_cite_them_build_and_withdraw_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=300)
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "Harbour town votes to rebuild its flood wall.html").write_bytes((ADD / "article.html").read_bytes())
    (saved / "ferry-review.pdf").write_bytes((ADD / "report.pdf").read_bytes())

    out = briefing(clone, "add-source", str(saved / "Harbour town votes to rebuild its flood wall.html"), "--id", HTML_ID).stdout
    assert f"{HTML_ID}: 0/11 sentences cited" in out
    out = briefing(
        clone, "add-source", str(saved / "ferry-review.pdf"), "--id", PDF_ID,
        "--url", "https://trust.example.org/reports/ferry-review-2023.pdf", "--publisher", "Alder Island Transport Trust",
    ).stdout  # fmt: skip
    assert f"sources/{PDF_ID}.txt" in out
    for sid, words, reason in NOT_CLAIMS:
        briefing(clone, "not-claim", sid, words, "--reason", reason)

    # One claim as a newcomer makes it: locate, `new` without a statement, then the draft rewritten.
    sid, cid, quote, statement = DRAFTED
    located = briefing(clone, "locate", quote).stdout
    assert f"# sources/{sid}.txt:3:" in located
    briefing(clone, "new", cid, "--quote", quote, "--topic", TOPIC, ok=False)  # the draft fails the check, as it should
    path = clone / "facts" / "claims" / f"{cid}.yml"
    text = path.read_text(encoding="utf-8")
    assert "# DRAFT" in text
    text = re.sub(r"(?m)^# DRAFT.*\n(?:#.*\n)*?(?=statement:)", "", text)
    text = re.sub(r"(?m)^statement: >-\n(?:  .*\n)+", f"statement: >-\n  {statement}\n", text)
    path.write_text(text, encoding="utf-8")
    for sid, cid, quote, statement in CLAIMS:
        briefing(clone, "new", cid, "--quote", quote, "--source", sid, "--topic", TOPIC, "--statement", statement)

    check = briefing(clone, "check")
    assert f"{HTML_ID} 9/9 sentences" in check.stdout
    assert f"{PDF_ID} 5/5 sentences" in check.stdout
    assert "identical, byte for byte" in briefing(clone, "reextract").stdout
    run(clone, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site1"))
    site = tmp_path / "site1"
    assert (site / "source" / HTML_ID / "index.html").is_file()
    assert (site / "source" / PDF_ID / "index.html").is_file()
    # The archived originals are never published: no WARC, no byte of the page's own markup.
    assert not list(site.rglob("*.warc*"))
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".json", ".jsonld", ".xml", ".txt", ".js"):
            body = page.read_text(encoding="utf-8", errors="replace")
            assert "Harbour Heating Supplies" not in body, page
            assert "harbourwatcher" not in body, page

    run(clone, "git", "add", "-A")
    run(clone, *GIT, "commit", "--quiet", "-m", "Add two sources and their claims")

    out = briefing(clone, "withdraw", WITHDRAWN, "--reason", "The article's silence is not a claim of it").stdout
    message = out.split("pasting the message):\n\n", 1)[1]
    assert message == f"Withdraw {WITHDRAWN}: The article's silence is not a claim of it\n"
    assert not (clone / "facts" / "claims" / f"{WITHDRAWN}.yml").exists()
    briefing(clone, "check")  # what the pre-commit hook runs: it lets the commit through
    run(clone, "git", "add", "-A")
    run(clone, *GIT, "commit", "--quiet", "-m", message)
    briefing(clone, "check")  # the withdrawn id is in the history now, and nothing names it
    run(clone, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site2"))
    html = (tmp_path / "site2" / "corrections" / "index.html").read_text(encoding="utf-8")
    corrections = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert f"{WITHDRAWN} · Withdrawn" in corrections
    assert "The article's silence is not a claim of it" in corrections
