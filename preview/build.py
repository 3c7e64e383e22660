"""The preview's build: MkDocs' own full build, in its order, minus the work it did last time.

`make build` runs `mkdocs build`, which renders every page from scratch. The preview process
lives on between edits, so it keeps what each costly step computed last time and repeats a step
only when what the step reads has changed. Every rebuild still runs the whole pipeline of
`mkdocs.commands.build.build` (MkDocs 1.6.1), every plugin event in the same order: the
configuration is loaded afresh, the macros adapter loads and checks the briefing (through the
check's own caches) and writes the generated pages, every page's Markdown goes through every
plugin, the navigation is rebuilt. Four steps, which are pure functions of inputs this module can
name and compare, are memoised:

- **A page's macros** (what mkdocs-macros and the adapter make of its Markdown), keyed by the
  page's file, URL, title, Markdown and front matter, and by the site-wide inputs; while they
  render, every answer they get from the briefing is recorded (`preview.reads`: each claim,
  entity or index entry looked up, each table read whole, each call and its answer), and the
  result is reused only if the new build's briefing gives every one of those answers again. The
  approval of the page's text (`Site.admit`) runs every time. So an edited claim's macros are
  rendered on its own page and on the pages whose macros read it (its topics', its entities',
  its sources', the lists), found by what each page read, not by a hand-written list.

- **Markdown to HTML** (`Page.render`), keyed by the page's file, URL and Markdown after the
  plugins, and by the site-wide inputs (`mkdocs.yml`, the theme, the versions); the documentation
  files it looked up to resolve links are recorded, and the result is reused only if each lookup
  still gives the same file at the same URL. A render that logged a warning is never reused, so
  a strict build fails again on it.
- **What the search plugin does to a page** (Material's: index its sections, strip its
  `data-search-*` attributes), keyed by the page's URL, title, HTML, table of contents and
  metadata, everything the plugin reads of it. A page that changed and holds listings the
  macros adapter held out of its conversion (the All claims page) is indexed by the same parser
  fed in pieces, each unchanged listing, and each unchanged card of a changed one, read once
  (`preview.searchmemo`).
- **The theme template of a page** (`main.html` with the page's context), keyed by everything in
  that context: the page's title, HTML, table of contents, metadata and URLs, the navigation (its
  structure, titles and URLs), what plugins add to the context (the tags), and the site-wide
  inputs. When the key equals the key of the file already written, the file is left as it is.

Four pure functions also remember their answers in the preview's process: a page's front
matter, by the page's whole text; the theme's compiled templates; what the build's guard finds
in a page's HTML, by the whole HTML; and the inventory's reading of a page, by its text, place
and navigation title (see `_install_process_memos`). The guard still reads
every page of every build: an unchanged page's HTML gets the answer the same HTML got.

So a page is rendered again exactly when something it is made of changed, whatever caused the
change: the pages "that show" an edited claim are found by what they contain, not by a second,
hand-written list of who shows what. A test builds a site this way after edits and compares every
page with MkDocs' own full build of the same files.

A failure of any kind (the check's errors, a macro error, a strict-mode warning, a broken
`mkdocs.yml`) is returned as a `Failure` for the server to show; nothing here writes an error
page into the site, and `mkdocs build` (the published site) is not involved at all.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs import utils
from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import meta as mkmeta

import site_adapter
from briefing import markup
from briefing.diagnostics import CheckFailed, Diagnostic
from briefing.site import MacroError
from preview import reads as rd
from preview import searchmemo

log = logging.getLogger("mkdocs.preview")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Context keys every page gets from `mkdocs.commands.build.get_context`; all of them are derived
# from the page, the navigation and the configuration, which the template key covers.
# `build_date_utc` is the build's clock time: a template that printed it would make two builds
# of one commit differ, and builds are deterministic (a test holds them to it), so it is unused.
_STANDARD_CONTEXT = {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"}


@dataclass
class Failure:
    """Why the last build did not finish: the check's findings, and what MkDocs logged."""

    diagnostics: list[Diagnostic]  # the check's findings, when the check is what failed
    messages: list[str]  # MkDocs' and the plugins' warnings and errors, then the exception, in order
    when: float = field(default_factory=time.time)

    @property
    def summary(self) -> str:
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        if errors:
            return f"the check found {errors} error{'s' if errors != 1 else ''}"
        return "the build stopped" if self.messages else "the build failed"


@dataclass
class Stats:
    """What one successful build did, for the terminal and the benchmark."""

    seconds: float
    pages: int  # documentation pages in the site
    rendered: int  # pages whose Markdown was converted again
    written: int  # pages whose HTML was rendered and written again
    changed: list[str] = field(default_factory=list)  # those pages (paths under docs/)
    converted: list[str] = field(default_factory=list)  # the pages whose Markdown was converted again


@dataclass
class _Render:
    key: tuple[str, ...]
    lookups: dict[str, tuple[str, str, str] | None]  # path looked up -> (src_uri, url, inclusion) or None
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None  # src_uri of the linked file -> {anchor: link as written}


@dataclass
class _Macros:
    key: tuple[Any, ...]
    answers: dict[Any, Any]  # what the page's macros asked of the briefing, and the answers
    output: str  # the page's Markdown after the macros
    held: dict[str, str]  # the adapter's placeholders in it -> the output they stand for


class _Recorded:
    """A Files collection that notes every lookup a page's render makes (links it resolves).
    Anything else asked of it marks the render as unknown, so it is never reused."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, tuple[str, str, str] | None] = {}
        self.complete = True

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = _file_sig(found)
        return found

    def __getattr__(self, name: str) -> Any:
        self.complete = False
        return getattr(self._files, name)


def _file_sig(f: File | None) -> tuple[str, str, str] | None:
    return None if f is None else (f.src_uri, f.url, f.inclusion.name)


class _Warnings(logging.Handler):
    """Collects what MkDocs and its plugins log at WARNING and above during a build, in the
    build's own thread: the server logs a request it answers with an error status (a page asked
    for while the build runs) on the same logger, and that is not the build's warning."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)

    def messages(self) -> list[str]:
        out: list[str] = []
        for r in self.records:
            with contextlib.suppress(Exception):
                text = _ANSI.sub("", r.getMessage()).strip()
                if text and text not in out:
                    out.append(text)
        return out


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p if isinstance(p, bytes) else str(p).encode("utf-8", "surrogatepass")
        h.update(len(b).to_bytes(8, "little") + b)
    return h.hexdigest()


def _plain(value: Any, depth: int = 0) -> Any:
    """A JSON-able copy of a value a template may read, or raise TypeError if it cannot be named
    (then the page is rendered afresh every time)."""
    if depth > 8:
        raise TypeError("too deep")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if hasattr(value, "isoformat"):  # dates in front matter
        return value.isoformat()
    if hasattr(value, "__dict__"):
        return [type(value).__qualname__, {k: _plain(v, depth + 1) for k, v in sorted(vars(value).items()) if k != "parent"}]
    raise TypeError(f"cannot name a {type(value).__name__}")


def _toc(items: Any) -> list[Any]:
    return [[i.id, i.title, i.level, i.url, _toc(i.children)] for i in items]


def _nav(items: Any) -> list[Any]:
    out: list[Any] = []
    for i in items:
        kind = "section" if i.is_section else "page" if i.is_page else "link"
        out.append([kind, i.title, getattr(i, "url", None), getattr(getattr(i, "file", None), "src_uri", None), _nav(i.children or [])])
    return out


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process, not once per build: each build makes a
    new Jinja environment (as MkDocs does), and Jinja checks each entry against its template's
    source before using it, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_META_MEMO: dict[str, tuple[str, dict[str, Any]]] = {}
_CONTENT_MEMO: dict[str, tuple[Any, ...]] = {}
_READ_MEMO: dict[tuple[Any, ...], Any] = {}
_COMPILED = _CompiledTemplates()


def _install_process_memos() -> None:
    """Pure functions made to remember their answers in this process (the preview only;
    `mkdocs build` is untouched): the front matter of a page (`mkdocs.utils.meta.get_data`,
    read three times per page and build: by the check's inventory before and after the generated
    pages are written, and by the build), the compiled templates of every Jinja environment
    the theme makes (plugins make their own), and what the build's guard finds in a page's HTML
    (`briefing.markup.content_problems`). Each answer is keyed by the whole text it is read from
    (a copy where it could be changed); Jinja checks a compiled template against its source
    before using it."""
    if getattr(mkmeta.get_data, "_preview_memo", False):
        return
    read = mkmeta.get_data

    def get_data(doc: str) -> tuple[str, dict[str, Any]]:
        hit = _META_MEMO.get(doc)
        if hit is None:
            if len(_META_MEMO) > 200_000:
                _META_MEMO.clear()
            hit = _META_MEMO[doc] = read(doc)
        return hit[0], copy.deepcopy(hit[1])

    get_data._preview_memo = True  # type: ignore[attr-defined]
    mkmeta.get_data = get_data
    # The build's guard reads every page's HTML on every build (`site_adapter.Guard`); what it
    # finds is a function of that HTML alone, so an unchanged page's answer is the last one.
    read_content = markup.content_problems

    def content_problems(html: str) -> list[markup.Finding]:
        hit = _CONTENT_MEMO.get(html)
        if hit is None:
            if len(_CONTENT_MEMO) > 50_000:
                _CONTENT_MEMO.clear()
            hit = _CONTENT_MEMO[html] = tuple(read_content(html))
        return list(hit)  # (findings are frozen)

    markup.content_problems = content_problems
    # The check's inventory (taken twice per build: `site_adapter.inventory_of`, `inventory_again`) reads each page
    # as MkDocs does: decoding, front matter, title. The file is read every time; what is made of
    # it is a function of its text, its place and the title the navigation gives it (MkDocs'
    # `Page.title`), and is reused while those are the same and no plugin rewrites sources.
    read_page = site_adapter._read

    def read_memo(f: File, config: MkDocsConfig, entry: Any, skip: Any = None) -> Any:
        if config.plugins.events.get("page_read_source"):
            return read_page(f, config, entry, skip)
        try:
            text = f.content_string
            # A name that cannot be written as a URL (bytes that are not UTF-8) raises here: the
            # plain reading reports it as the check does.
            url = f.url
        except (OSError, ValueError):
            return read_page(f, config, entry, skip)
        if skip is not None and skip(f.src_uri, text):
            return read_page(f, config, entry, skip)  # listed with its text only: nothing to keep
        page = f.page if isinstance(f.page, Page) else None
        key = (entry, text, f.name, url, page is None or page.parent is None, vars(page).get("title") if page is not None else None)
        hit = _READ_MEMO.get(key)
        if hit is None:
            hit = read_page(f, config, entry, skip)
            if hit.text != text:  # read twice, differently (the file changed meanwhile): not kept
                return hit
            if len(_READ_MEMO) > 50_000:
                _READ_MEMO.clear()
            _READ_MEMO[key] = hit
        return dataclasses.replace(hit, meta=copy.deepcopy(hit.meta))

    site_adapter._read = read_memo
    theme_env = Theme.get_env

    def get_env(self: Theme) -> jinja2.Environment:
        env = theme_env(self)
        env.bytecode_cache = _COMPILED
        return env

    Theme.get_env = get_env  # type: ignore[method-assign]


class Builder:
    """Builds the site into `site_dir` again and again, reusing what has not changed.

    `build()` never raises (except on Ctrl-C): it returns None when the site is built and a
    `Failure` when it is not. `incremental=False` makes every build a full one (the baseline the
    benchmark and the tests compare with)."""

    def __init__(self, config_file: str, site_dir: str, serve_url: str, *, incremental: bool = True) -> None:
        self.config_file = str(Path(config_file).resolve())
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.incremental = incremental
        self.failure: Failure | None = None
        self.stats: Stats | None = None
        self.generated: set[str] = set()  # absolute paths of the pages the macros write into docs/
        self._generated_now: set[str] = set()
        self.started = False
        self.building_since: float | None = None  # time.time() when the build under way began
        self._site_key = ""
        self._renders: dict[str, _Render] = {}
        self._search: dict[str, tuple[tuple[Any, ...], list[dict[str, Any]], str]] = {}
        self._macros: dict[str, _Macros] = {}
        self._blocks: dict[str, list[str]] = {}  # page -> the listings held out of its conversion, this build
        self._listings = searchmemo.Listings()
        self.macro_pages: list[str] = []  # the pages whose macros ran in the last build
        self._written: dict[str, tuple[Any, ...] | None] = {}  # output path -> key of the page written there (None: unkeyed)
        self._copied: dict[str, tuple[int, int] | None] = {}  # output path -> (mtime_ns, size) of the copied file
        self._outputs: set[str] = set()  # pages and static files written and not yet removed
        self._templates = _COMPILED
        _install_process_memos()

    # -- configuration -----------------------------------------------------------------------------
    def load(self) -> MkDocsConfig:
        """The configuration as `mkdocs serve --strict` loads it for each build."""
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, strict=True)
        if not self.started:  # once per process, before the first build, as `mkdocs serve` does
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = True
        config.site_url = self.serve_url
        return config

    def _site_inputs(self, config: MkDocsConfig) -> str:
        """What every page's HTML may depend on besides the page and the navigation."""
        parts: list[object] = [self.serve_url, Path(self.config_file).read_bytes()]
        for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "markdown", "jinja2"):
            try:
                parts.append(f"{name}=={version(name)}")
            except PackageNotFoundError:
                parts.append(f"{name} missing")
        custom = config.theme.custom_dir
        if custom and os.path.isdir(custom):
            for base, dirs, files in os.walk(custom):
                dirs.sort()
                for f in sorted(files):
                    path = os.path.join(base, f)
                    parts += [os.path.relpath(path, custom), Path(path).read_bytes()]
        return _digest(*parts)

    # -- the build ------------------------------------------------------------------------------------
    def build(self) -> Failure | None:
        started = time.monotonic()
        self.building_since = time.time()
        try:
            return self._timed_build(started)
        finally:
            self.building_since = None

    def _timed_build(self, started: float) -> Failure | None:
        warnings = _Warnings()
        mk = logging.getLogger("mkdocs")
        mk.addHandler(warnings)
        config: MkDocsConfig | None = None
        try:
            config = self.load()
            stats = self._build(config, warnings)
            if warnings.records:  # --strict: a warning fails the build, as it fails `make build`
                counts: dict[str, int] = {}
                for r in warnings.records:
                    counts[r.levelname] = counts.get(r.levelname, 0) + 1
                raise Abort("Aborted with " + ", ".join(f"{v} {k.lower()}s" for k, v in counts.items()) + " in strict mode!")
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit too: mkdocs-macros exits on a macro error
            if config is not None and not isinstance(exc, SystemExit):
                with contextlib.suppress(Exception):
                    config.plugins.on_build_error(error=exc)
            self.failure = _failure(exc, warnings)
            self.stats = None
            log.error(f"The site was not built: {self.failure.summary}. The browser shows why; fix and save to rebuild.")
            return self.failure
        finally:
            mk.removeHandler(warnings)
        stats.seconds = time.monotonic() - started
        self.failure, self.stats = None, stats
        shown = ", ".join(stats.changed[:5]) + (f" and {len(stats.changed) - 5} more" if len(stats.changed) > 5 else "")
        log.info(f"Built in {stats.seconds:.2f} s: {stats.written} of {stats.pages} pages written again{': ' + shown if shown else ''}")
        return None

    def _build(self, config: MkDocsConfig, warnings: _Warnings) -> Stats:
        site_key = self._site_inputs(config)
        if site_key != self._site_key or not self.incremental:
            self._renders.clear()
            self._search.clear()
            self._macros.clear()
            self._written.clear()
            self._templates.code.clear()
            self._site_key = site_key
        config = config.plugins.on_config(config)
        self._note_generated(config)
        config.plugins.on_pre_build(config=config)
        self._memoise_search(config)
        self._memoise_macros(config, warnings)
        # No cleaning of site_dir: what is there is known (self._written), and stale files are
        # removed at the end.
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        inclusion = InclusionLevel.is_in_serve
        stats = Stats(0.0, 0, 0, 0)
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            if self._populate(file.page, config, files, warnings):
                stats.rendered += 1
                stats.converted.append(file.src_uri)
        env = config.plugins.on_env(env, config=config, files=files)
        produced: set[str] = set()
        self._copy_static(files, inclusion, produced)
        for template in config.theme.static_templates:
            mkbuild._build_theme_template(template, env, files, config, nav)
            produced.add(os.path.normpath(os.path.join(config.site_dir, template)))
        for template in config.extra_templates:
            mkbuild._build_extra_template(template, files, config, nav)
        doc_files = files.documentation_pages(inclusion=inclusion)
        nav_key = _digest(json.dumps([_nav(nav.items), nav.homepage.url if nav.homepage else None]))
        for file in doc_files:
            assert file.page is not None
            if self._build_page(file.page, config, doc_files, nav, env, nav_key, file.inclusion.is_excluded(), warnings):
                stats.written += 1
                stats.changed.append(file.src_uri)
            produced.add(os.path.normpath(file.abs_dest_path))
        stats.pages = len(doc_files)
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        self._listings.end_build()
        if not warnings.records:
            self._remove_stale(produced)
        return stats

    def _note_generated(self, config: MkDocsConfig) -> None:
        """Which files under docs/ the macros adapter writes from the records: the server ignores
        changes to them (the build writes them itself; whatever is on disk, the build makes them
        anew from the records, so they are never an input of the site)."""
        site = next((getattr(p, "briefing_site", None) for p in config.plugins.values() if hasattr(p, "briefing_site")), None)
        if site is not None:
            docs = Path(config.docs_dir)
            now = {os.path.normpath(str(docs / rel)) for rel in site.generated_paths()}
            # With the last build's: this build deletes the pages of claims that are gone.
            self.generated, self._generated_now = self._generated_now | now, now

    # -- pages --------------------------------------------------------------------------------------
    def _populate(self, page: Page, config: MkDocsConfig, files: Files, warnings: _Warnings) -> int:
        """`mkdocs.commands.build._populate_page`, with the Markdown conversion memoised.
        Returns 1 if the page's Markdown was converted, 0 if the last conversion was reused."""
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            converted = self._render(page, config, files, warnings)
            assert page.content is not None
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            return converted
        except Exception as e:
            log.error(f"Error reading page '{page.file.src_uri}': {e}")
            raise
        finally:
            config._current_page = None

    def _render(self, page: Page, config: MkDocsConfig, files: Files, warnings: _Warnings) -> int:
        f = page.file
        key = (self._site_key, f.url, f.dest_uri, f.inclusion.name, page.markdown)
        hit = self._renders.get(f.src_uri)
        if hit is not None and hit.key == key and all(_file_sig(files.get_file_from_path(p)) == s for p, s in hit.lookups.items()):
            links = None
            if hit.links is not None:
                links = {files.get_file_from_path(uri): dict(v) for uri, v in hit.links.items()}
            if links is None or None not in links:
                # A copy: plugins edit a page's table of contents in place (the tags plugin does).
                page.content, page.toc, page._title_from_render = hit.content, copy.deepcopy(hit.toc), hit.title
                page.present_anchor_ids = set(hit.anchors)
                if links is not None:
                    page.links_to_anchors = links  # type: ignore[assignment]
                return 0
        before = len(warnings.records)
        recorded = _Recorded(files)
        page.render(config, recorded)  # type: ignore[arg-type]
        if self.incremental and recorded.complete and len(warnings.records) == before:
            links_by_uri = None
            if page.links_to_anchors is not None:
                links_by_uri = {target.src_uri: dict(v) for target, v in page.links_to_anchors.items()}
            self._renders[f.src_uri] = _Render(
                key,
                recorded.lookups,
                page.content or "",
                copy.deepcopy(page.toc),
                page._title_from_render,
                frozenset(page.present_anchor_ids or ()),
                links_by_uri,
            )
        else:
            self._renders.pop(f.src_uri, None)
        return 1

    def _memoise_macros(self, config: MkDocsConfig, warnings: _Warnings) -> None:
        """Reuse what the macros made of a page (its Markdown after mkdocs-macros and the
        adapter, and the output the adapter held out of the conversion) while the page is what it
        was and every answer its macros got from the briefing is the same (`preview.reads`).
        The approval of the page's text (`Site.admit`) runs every time."""
        self.macro_pages = []
        self._blocks = {}
        events = config.plugins.events["page_markdown"]
        checker: list[rd.Checker] = []
        for i, method in enumerate(events):
            plugin = getattr(method, "__self__", None)
            if type(plugin).__module__ != "mkdocs_macros.plugin":
                continue

            def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files, plugin: Any = plugin, real: Any = method) -> Any:
                site = getattr(plugin, "briefing_site", None)
                held = getattr(plugin, "briefing_held", None)
                uri = page.file.src_uri
                try:
                    meta = json.dumps(_plain(dict(page.meta)), sort_keys=True)
                except TypeError:
                    meta = None
                if site is None or held is None or meta is None or plugin.has_j2(page.title or ""):
                    self.macro_pages.append(uri)
                    self._macros.pop(uri, None)
                    return real(markdown, page=page, config=config, files=files)
                if not checker:  # once per build: what the site's lazily made indexes are, made now
                    site.links, site.history, site.cite_entities, site.commit  # noqa: B018
                    checker.append(rd.Checker(site))
                    self.macro_checker = checker[0]
                key = (self._site_key, uri, page.url, page.title, markdown, meta)
                hit = self._macros.get(uri)
                if self.incremental and hit is not None and hit.key == key and checker[0].unchanged(hit.answers):
                    try:  # as macros.on_pre_page_macros: the page's text is the text checked
                        site.admit(uri, page.title, markdown, page.meta)
                    except MacroError as exc:
                        raise PluginError(str(exc)) from None
                    self._blocks[uri] = list(hit.held.values())
                    if hit.held:
                        held.held[uri] = dict(hit.held)
                        held.read.update(hit.held.values())
                    else:
                        held.held.pop(uri, None)
                    return hit.output
                self.macro_pages.append(uri)
                reads = rd.Reads()
                cls = type(site)
                object.__setattr__(site, "_preview_reads", reads)
                site.__class__ = rd.recording_class(cls)
                before = len(warnings.records)
                try:
                    output = real(markdown, page=page, config=config, files=files)
                finally:
                    site.__class__ = cls
                    del site.__dict__["_preview_reads"]
                self._blocks[uri] = list((held.held.get(uri) or {}).values())
                if self.incremental and not reads.opaque and len(warnings.records) == before:
                    self._macros[uri] = _Macros(key, reads.answers, output, dict(held.held.get(uri) or {}))
                else:
                    self._macros.pop(uri, None)
                return output

            config.plugins._event_origins[on_page_markdown] = config.plugins._event_origins.get(method, "macros")
            events[i] = on_page_markdown

    def _memoise_search(self, config: MkDocsConfig) -> None:
        """Reuse what Material's search plugin does to a page (its index entries, and the page's
        HTML without `data-search-*` attributes) while the page is what it was. Any other search
        plugin indexes every page afresh."""
        events = config.plugins.events["page_context"]
        for i, method in enumerate(events):
            plugin = getattr(method, "__self__", None)
            index = getattr(plugin, "search_index", None)
            if type(plugin).__module__ != "material.plugins.search.plugin" or not hasattr(index, "entries"):
                continue

            def on_page_context(
                context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation, index: Any = index, real: Any = method, plugin: Any = plugin
            ) -> Any:
                # Everything the indexer and the attribute stripping read of the page.
                key = (page.url, page.title, page.content, *_shape(page))
                hit = self._search.get(page.file.src_uri)
                if self.incremental and hit is not None and hit[0] == key:
                    index.entries.extend(hit[1])  # the index only reads its entries (to write them as JSON)
                    page.content = hit[2]
                    return None
                n = len(index.entries)
                blocks = self._blocks.get(page.file.src_uri)
                if self.incremental and blocks and plugin.config.enabled:
                    # Material's `on_page_context`, the page's held listings read once (preview.searchmemo).
                    self._listings.add_entry_from_context(index, page, blocks)
                    page.content = re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", page.content)
                    result = None
                else:
                    result = real(context, page=page, config=config, nav=nav)
                self._search[page.file.src_uri] = (key, index.entries[n:], page.content)
                return result

            config.plugins._event_origins[on_page_context] = config.plugins._event_origins.get(method, "search")
            events[i] = on_page_context

    def _build_page(
        self,
        page: Page,
        config: MkDocsConfig,
        doc_files: Any,
        nav: Navigation,
        env: Any,
        nav_key: str,
        excluded: bool,
        warnings: _Warnings,
    ) -> int:
        """`mkdocs.commands.build._build_page`, skipping the template when its output is already
        on disk. Returns 1 if the page was rendered and written."""
        config._current_page = page
        try:
            page.active = True
            context = mkbuild.get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            if excluded:
                page.content = (
                    '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
                    "DRAFT"
                    "</div>" + (page.content or "")
                )
            dest = os.path.normpath(page.file.abs_dest_path)
            key = self._page_key(page, context, nav_key, excluded)
            if self.incremental and key is not None and self._written.get(dest) == key and os.path.isfile(dest):
                return 0
            before = len(warnings.records)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
            if output.strip():
                utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
                self._outputs.add(dest)
            else:
                log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
            self._written[dest] = key if len(warnings.records) == before else None
            return 1
        except Exception as e:
            log.error(f"Error building page '{page.file.src_uri}': {e}")
            raise
        finally:
            page.active = False
            config._current_page = None

    def _page_key(self, page: Page, context: Any, nav_key: str, excluded: bool) -> tuple[Any, ...] | None:
        """Everything the page's template reads, compared as a whole; None if some of it has no name.
        (Tuples of the values themselves, not digests: comparing two equal strings costs less than
        hashing one.)"""
        try:
            extra = json.dumps({k: _plain(v) for k, v in context.items() if k not in _STANDARD_CONTEXT}, sort_keys=True)
        except TypeError:
            return None
        return (
            self._site_key,
            nav_key,
            page.url,
            page.title,
            page.canonical_url,
            page.edit_url,
            page.update_date,
            excluded,
            page.content,
            *_shape(page),
            extra,
        )

    # -- other files ----------------------------------------------------------------------------------
    def _copy_static(self, files: Files, inclusion: Callable[[InclusionLevel], bool], produced: set[str]) -> None:
        """Copy the static files (theme assets, docs/assets/...) that changed since they were copied."""
        for file in files:
            if file.is_documentation_page() or not inclusion(file.inclusion):
                continue
            dest = os.path.normpath(file.abs_dest_path)
            produced.add(dest)
            sig = None
            if file.abs_src_path is not None and file.generated_by is None:
                with contextlib.suppress(OSError):
                    st = os.stat(file.abs_src_path)
                    sig = (st.st_mtime_ns, st.st_size)
            if self.incremental and sig is not None and self._copied.get(dest) == sig and os.path.isfile(dest):
                continue
            file.copy_file(dirty=False)
            self._copied[dest] = sig
            self._outputs.add(dest)

    def _remove_stale(self, produced: set[str]) -> None:
        """Delete pages and files a previous build wrote that this one no longer has (a removed
        claim's page), and the folders they leave empty."""
        for path in sorted(self._outputs - produced):
            with contextlib.suppress(OSError):
                os.remove(path)
            self._outputs.discard(path)
            self._written.pop(path, None)
            self._copied.pop(path, None)
            parent = os.path.dirname(path)
            while parent.startswith(os.path.normpath(self.site_dir) + os.sep):
                try:
                    os.rmdir(parent)
                except OSError:
                    break
                parent = os.path.dirname(parent)


def _shape(page: Page) -> tuple[str, str]:
    """A page's table of contents and metadata, as text (worked out once per page and build)."""
    shape = page.__dict__.get("_preview_shape")
    if shape is None:
        try:
            meta = json.dumps(_plain(dict(page.meta)), sort_keys=True)
        except TypeError:
            meta = repr(sorted(dict(page.meta).items(), key=lambda kv: str(kv[0])))
        shape = page.__dict__["_preview_shape"] = (json.dumps(_toc(page.toc)), meta)
    return shape


def _failure(exc: BaseException, warnings: _Warnings) -> Failure:
    diagnostics: list[Diagnostic] = []
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, CheckFailed):
            diagnostics = list(cur.diagnostics)
            break
        cur = cur.__cause__ or cur.__context__
    messages = warnings.messages()
    text = _ANSI.sub("", str(exc)).strip()
    if isinstance(exc, SystemExit) and (not text or text.isdigit()):  # mkdocs-macros exits on a macro error
        text = f"the build stopped (exit status {exc.code})"
    text = text or type(exc).__name__
    if text not in messages:
        messages.append(text)
    return Failure(diagnostics, messages)


@contextlib.contextmanager
def quiet(level: int = logging.WARNING) -> Iterator[None]:
    """MkDocs' INFO lines off for a while (the benchmark and the tests build many times)."""
    mk = logging.getLogger("mkdocs")
    old = mk.level
    mk.setLevel(level)
    try:
        yield
    finally:
        mk.setLevel(old)
