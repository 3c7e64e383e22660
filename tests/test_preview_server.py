"""`make serve` over HTTP: while the site cannot be built, every page answers at once with the
check's findings (escaped), and the site comes back by itself once the file is fixed.

The real server (`python -m preview`, what `make serve` runs) on a copy of the project, asked by
a plain HTTP client; the browser's side (live reload) is in test_browser.py.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import copy_project, http_get, preview_server

pytestmark = pytest.mark.slow
CLAIM = "facts/claims/protons-use-very-toxic-fuels.yml"
HOSTILE_QUOTE = 'quote: "the Protons use <script>alert(1)</script> fuels"'


def _wait(url: str, ok: object, limit: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + limit
    while True:
        code, body = http_get(url, timeout=limit)
        if ok(code, body):  # type: ignore[operator]
            return code, body
        assert time.monotonic() < deadline, f"{url}: still {code} after {limit:.0f} s:\n{body[:1500]}"
        time.sleep(0.2)


def _builds(log: Path) -> int:
    text = log.read_text(encoding="utf-8", errors="replace")
    return len(re.findall(r"Built in [0-9.]+ s|The site was not built", text))


def test_a_broken_claim_shows_its_findings_on_every_page_then_the_site_comes_back(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    claim = project / CLAIM
    good = claim.read_text(encoding="utf-8")
    log = tmp_path / "preview.log"
    with preview_server(project, log) as base:
        code, home = http_get(base)
        assert code == 200 and "md-header" in home
        # One save, one build: the pages the build writes into docs/ (here the claim's own, whose
        # title is its statement) do not start another.
        reworded = good.replace("The article says the Protons", "By the article's account the Protons")
        claim.write_text(reworded, encoding="utf-8")
        _wait(base + "claims/protons-use-very-toxic-fuels/", lambda c, b: c == 200 and "By the article&#39;s account the Protons" in b)
        time.sleep(2.5)  # five looks of the watcher
        assert _builds(log) == 2, log.read_text(encoding="utf-8", errors="replace")[-3000:]
        claim.write_text(good.replace('quote: "the Protons use very toxic fuels"', HOSTILE_QUOTE), encoding="utf-8")
        started = time.monotonic()
        code, body = _wait(base, lambda c, b: c == 500)
        assert time.monotonic() - started < 60, "the tab waited for the file to be fixed"
        # path:line:col and the message, the file's own text escaped (it never becomes markup).
        assert f"{CLAIM}:10:12" in body and "error[quote-not-found]" in body
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "/livereload/" in body, "the error page reloads itself when the build is fixed"
        # Every page says so, not only the one that was open; assets are still served.
        for path in ("claims/protons-use-very-toxic-fuels/", "topics/offer/", "source/scmp-russia-rocket-engines-2019/"):
            code, page = http_get(base + path)
            assert code == 500 and f"{CLAIM}:10:12" in page, path
        assert http_get(base + "assets/briefing.css")[0] == 200
        claim.write_text(good, encoding="utf-8")
        code, body = _wait(base + "claims/protons-use-very-toxic-fuels/", lambda c, b: c == 200)
        assert "The article says the Protons use very toxic fuels." in body and "error[" not in body
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "quote-not-found" in text and "Traceback" not in text


def test_the_preview_starts_on_a_broken_briefing_and_serves_its_findings(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    claim = project / CLAIM
    good = claim.read_text(encoding="utf-8")
    claim.write_text(good.replace("kind: reported", "kind: reportd"), encoding="utf-8")
    with preview_server(project, tmp_path / "preview.log") as base:
        code, body = http_get(base)
        assert code == 500 and CLAIM in body and "The site cannot be built" in body
        claim.write_text(good, encoding="utf-8")
        _wait(base, lambda c, b: c == 200 and "md-header" in b, limit=300)


HOLD_HOOK = '''
import os, time
from pathlib import Path


def on_pre_build(config, **kwargs):
    # A build that does not end while the file exists (a stand-in for a plugin that hangs).
    hold = Path(os.environ["PREVIEW_TEST_HOLD"])
    while hold.exists():
        time.sleep(0.05)
'''


def test_a_build_that_does_not_end_never_hangs_the_tab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    hold = tmp_path / "hold"
    monkeypatch.setenv("PREVIEW_TEST_HOLD", str(hold))
    (project / "hold_hook.py").write_text(HOLD_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hold_hook.py\n", encoding="utf-8")
    log = tmp_path / "preview.log"
    with preview_server(project, log) as base:
        hold.write_text("", encoding="utf-8")
        method = project / "docs" / "method.md"
        method.write_text(method.read_text(encoding="utf-8") + "\nA paragraph added while the build hangs.\n", encoding="utf-8")
        started = time.monotonic()
        code, body = _wait(base, lambda c, b: c == 503, limit=60)
        assert time.monotonic() - started < 30
        assert "The site is being rebuilt" in body and "/livereload/" in body, body[:2000]
        # Asked again while the build still runs: answered within the server's few seconds.
        asked = time.monotonic()
        code, _ = http_get(base + "method/")
        assert code == 503 and time.monotonic() - asked < 15
        hold.unlink()
        code, body = _wait(base + "method/", lambda c, b: c == 200, limit=120)
        assert "A paragraph added while the build hangs." in body
