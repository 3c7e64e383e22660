"""mkdocs-macros adapter: a thin layer over `briefing.site`, which knows nothing of MkDocs.

All page work happens in `define_env` (the hook Zensical also calls): load and check the
records, refuse to build on any error, write the generated pages, register the macros. The
generated pages skip Jinja (`render_macros: false`): `on_pre_page_macros` renders their one call.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from briefing import diagnostics as dg
from briefing.site import Site


def define_env(env: Any) -> None:
    conf = env.conf
    extra = (conf.get("extra") or {}).get("briefing") or {}
    site = Site.load(
        Path(env.project_dir),
        repo_edit_base=extra.get("edit_base", ""),
        site_url=conf.get("site_url") or "",
        site_name=conf.get("site_name") or "",
    )
    for d in site.diagnostics:
        print(d.format(), file=sys.stderr)
    if site.errors:
        raise PluginError(f"briefing check failed ({dg.summary(site.diagnostics)}); nothing unverified is published")
    site.write_generated_pages(Path(conf["docs_dir"]))
    for name, fn in site.macros().items():
        env.macro(fn, name)
    env.briefing_site = site


def on_pre_page_macros(env: Any) -> None:
    site = env.briefing_site
    site.begin_page(env.page.url, env.page.file.src_uri)
    # Generated pages say `render_macros: false`: their one call is rendered here, not by Jinja.
    expanded = site.expand_generated(env.page.file.src_uri, env.markdown)
    if expanded is not None:
        env.markdown = expanded


def on_post_page_macros(env: Any) -> None:
    env.markdown += env.briefing_site.end_page()


def on_post_build(env: Any) -> None:
    env.briefing_site.write_exports(Path(env.conf["site_dir"]))
