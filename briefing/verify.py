"""Load a briefing and run every check: the one entry point the command line, the site build
and `briefing new` share, so all three see the same problems in the same order."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.diagnostics import Diagnostic, one_per_cause
from briefing.runcache import RunCache, Verdict, fingerprint

# A replayed verdict needs only the fingerprint and the stored verdict: the loader and the rules
# (most of the package, a third of a warm check's time to import) are imported when a check runs.
if TYPE_CHECKING:
    from briefing.inventory import Inventory
    from briefing.model import Briefing
    from briefing.rules import Report


@dataclass
class Checked:
    briefing: Briefing
    report: Report
    diagnostics: list[Diagnostic]  # what loading and the checks found, one per root cause, sorted by place

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes hundreds of thousands of objects and no garbage cycles worth collecting; the
    cyclic collector's repeated passes over them were an eighth of a warm check's time. They live
    as long as the process (the briefing), so they are frozen out of later collections too."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def base_ref(base: str | None = None) -> str | None:
    """What the stored sources are compared with: `base`, else $BRIEFING_BASE (CI sets it to the
    pull request's target branch), else None (the merge base with main, or origin/main)."""
    return base or os.environ.get("BRIEFING_BASE") or None


def check(
    root: Path | str,
    use_cache: bool = True,
    preread: dict[str, bytes] | None = None,
    inventory: Inventory | None = None,
    base: str | None = None,
    listings: dict[str, list[os.DirEntry[str]]] | None = None,
) -> Checked:
    """Every check of the project at `root`. `inventory`: the site's files as the build takes them
    (the build passes its own); by default the configured site adapter takes it. `base`: see
    `base_ref`. `preread`, `listings`: the files read and the folders listed already this run
    (by `runcache.fingerprint`)."""
    from briefing.cache import RecordCache
    from briefing.loader import load_briefing
    from briefing.rules import run_all

    root = Path(root).resolve()
    with _without_cycle_collection():
        b, load_diags = load_briefing(root, use_cache=use_cache, preread=preread, inventory=inventory, listings=listings)
        b.base_ref = base_ref(base)
        memo = RecordCache(root, enabled=use_cache, name="checks")
        report = run_all(b, memo)
        memo.save()
    # One root cause, one error: what follows from a reported cause is dropped (see diagnostics).
    return Checked(b, report, sorted(one_per_cause(load_diags + report.diagnostics), key=Diagnostic.sort_key))


def verdict(root: Path | str, use_cache: bool = True, base: str | None = None, hold: list[object] | None = None) -> Verdict:
    """What `python -m briefing check` reports: replayed when no input changed since the last run
    (see `runcache`), else the full check. `hold`, if given, is made to hold the checked briefing
    instead of what it held (a caller about to end the process need not free it)."""
    root = Path(root).resolve()
    run = RunCache(root, enabled=use_cache)
    listings: dict[str, list[os.DirEntry[str]]] = {}
    digest, preread = fingerprint(root, base_ref(base), listings) if run.enabled else ("", {})
    if run.enabled and (known := run.replay(digest)) is not None:
        return known
    done = check(root, use_cache=use_cache, preread=preread, base=base, listings=listings)
    if hold is not None:
        hold[:] = [done]
    result = Verdict(done.diagnostics, len(done.briefing.claims), len(done.briefing.sources), done.report.coverage)
    if run.enabled:
        run.keep(digest, result)
    return result
