"""mkdocs-macros adapter: a thin layer over `briefing.site`, which knows nothing of MkDocs.

All page work happens in `define_env` (the hook Zensical also calls): take the inventory of the
site's files the way MkDocs takes them (`site_adapter`), load and check the records and pages,
refuse to build on any error, write the generated pages, take the inventory again and approve
each page's text, register the macros. `on_pre_page_macros` then refuses any page whose
Markdown or title is not the text approved, before the template engine sees it. The generated
pages skip Jinja (`render_macros: false`): `on_pre_page_macros` renders their one call.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import site_adapter
from briefing import diagnostics as dg
from briefing.loader import is_build_output
from briefing.site import MacroError, Site


def define_env(env: Any) -> None:
    conf = env.conf
    root = Path(env.project_dir)
    extra = (conf.get("extra") or {}).get("briefing") or {}
    first = site_adapter.inventory_of(conf, root, skip=is_build_output)
    site = Site.load(
        root,
        repo_edit_base=extra.get("edit_base", ""),
        site_url=conf.get("site_url") or "",
        site_name=conf.get("site_name") or "",
        inventory=first,
    )
    for d in site.diagnostics:  # as `briefing check` prints them: the line and a caret under the column
        print(d.printable(), file=sys.stderr)
        for line in dg.excerpt(d, root):
            print(dg.clean(line), file=sys.stderr)
    if site.errors:
        failed = dg.CheckFailed(site.diagnostics)  # the cause: `make serve` shows each finding in the browser
        raise PluginError(f"briefing check failed ({failed}); nothing unverified is published") from failed
    site.write_generated_pages(Path(conf["docs_dir"]))
    approved = site_adapter.inventory_again(first, conf, root)
    unchecked = site.approve(approved)
    for d in unchecked:
        print(d.printable(), file=sys.stderr)
    if unchecked:
        raise PluginError(f"{len(unchecked)} page(s) would be rendered unchecked; nothing is built") from dg.CheckFailed(unchecked)
    site_adapter.guard(conf, approved)  # what MkDocs then makes of the approved files is read again
    held = site_adapter.hold(conf)  # long block output skips the Markdown conversion
    for name, fn in site.macros().items():
        # On the site too: a generated page's call is rendered through it (`expand_generated`).
        setattr(site, name, held.noting(fn))
        env.macro(getattr(site, name), name)
    env.briefing_site = site
    env.briefing_held = held


def on_pre_page_macros(env: Any) -> None:
    site = env.briefing_site
    page = env.page
    try:  # before the template engine sees anything of the page: its text is the text checked, or nothing runs
        site.admit(page.file.src_uri, page.title, env.markdown, page.meta)
    except MacroError as exc:
        raise PluginError(str(exc)) from None
    site.begin_page(page.url, page.file.src_uri)
    # Generated pages say `render_macros: false`: their one call is rendered here, not by Jinja.
    expanded = site.expand_generated(page.file.src_uri, env.markdown)
    if expanded is not None:
        env.markdown = expanded


def on_post_page_macros(env: Any) -> None:
    # The notes and the footer noted apart: the notes, one element, can be held out of the conversion.
    env.markdown += "".join(env.briefing_held.note(part) for part in env.briefing_site.end_page_parts())
    env.markdown = env.briefing_held.hold(env.page.file.src_uri, env.markdown)


def on_post_build(env: Any) -> None:
    env.briefing_site.write_exports(Path(env.conf["site_dir"]))
