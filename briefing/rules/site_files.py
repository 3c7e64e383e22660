"""The site's files: what the build will read, copy and write, from the inventory.

The inventory is taken by the site generator itself (see `briefing.inventory`); these rules say
what it may hold. `docs/` holds pages only: anything else would be published as it is (a script
or a stylesheet run in the reader's browser, a file replacing one of the theme's, a picture
nobody checked), so the site's own assets live in `overrides/`, which is code. The folders the
build writes pages into hold their index and the build's own output, nothing else. No two files
may be written to the same place.
"""

from __future__ import annotations

from briefing.diagnostics import Diagnostic
from briefing.inventory import EXCLUDED, Inventory
from briefing.model import Briefing
from briefing.pages import GENERATED_DIRS, GENERATED_MARK
from briefing.rules.base import Report


def check_site_files(b: Briefing, report: Report) -> list[Diagnostic]:
    inv: Inventory | None = b.inventory
    if inv is None:
        return []
    out: list[Diagnostic] = []
    dests: dict[str, list[str]] = {}
    for f in inv.files:
        if f.inclusion == EXCLUDED:
            continue  # never read, copied or rendered
        parts = f.src_uri.split("/")
        if not f.page:
            why = (
                f"{f.path} is not a page, so the build would publish it as it is; {inv.docs}/ holds pages only. "
                "Scripts, styles and pictures are code: they belong in overrides/assets/, in a change reviewers read"
            )
            out.append(Diagnostic(f.path, 1, 1, "not-a-page", why))
        elif len(parts) > 1 and parts[0] in GENERATED_DIRS and not _expected_in_generated(parts, f.text):
            why = (
                f"{inv.docs}/{parts[0]}/ holds only its index.md and the pages the build writes from facts/; "
                f"{f.path} would be rendered beside them: move it out of {inv.docs}/{parts[0]}/ or delete it"
            )
            out.append(Diagnostic(f.path, 1, 1, "generated-folder", why))
        dests.setdefault(f.dest_uri, []).append(f.path)
    for dest, paths in sorted(dests.items()):
        for path in paths[1:]:
            why = f"{path} and {paths[0]} would both be written to {dest} in the site; rename one of them"
            out.append(Diagnostic(path, 1, 1, "dest-collision", why))
    report.counts["site files checked"] = len(inv.files)
    return out


def _expected_in_generated(parts: list[str], text: str | None) -> bool:
    """A generated folder's own index.md, or a page the build wrote there (it replaces or deletes
    every such file before any page is rendered)."""
    if len(parts) != 2:
        return False
    return parts[1] == "index.md" or (parts[1].endswith(".md") and text is not None and GENERATED_MARK in text)
