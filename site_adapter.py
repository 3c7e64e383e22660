"""The MkDocs side of the inventory: which files the build reads and renders, taken by MkDocs itself.

`briefing` knows nothing of MkDocs; this module (named by `[tool.briefing] site-adapter` in
pyproject.toml) turns MkDocs' own file collection (`get_files`, with `exclude_docs`, dot-files,
`draft_docs` and `not_in_nav` applied by MkDocs), its navigation titles, its page reader
(`Page.read_source`, i.e. `mkdocs.utils.meta.get_data`) and its title rules into a
`briefing.inventory.Inventory`. The build (`macros.py`) and `python -m briefing check` both
take their inventory from here, from the same `mkdocs.yml`. Moving to another generator means
writing another module like this one.

MkDocs walks `docs/` following symbolic links. So the core's no-follow walk runs first, and
MkDocs' walk only when it found no link (else the files that walk found stand in for it): a
linked folder is never entered, a linked file never read.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page, _HTMLHandler
from mkdocs.utils import get_markdown_title
from mkdocs.utils import meta as mkdocs_meta

from briefing import inventory as inv
from briefing import markup
from briefing.diagnostics import Diagnostic

_INCLUSION = {
    InclusionLevel.INCLUDED: inv.INCLUDED,
    InclusionLevel.UNDEFINED: inv.INCLUDED,
    InclusionLevel.NOT_IN_NAV: inv.NOT_IN_NAV,
    InclusionLevel.DRAFT: inv.DRAFT,
    InclusionLevel.EXCLUDED: inv.EXCLUDED,
}


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """MkDocs' own messages about the files (nav omissions, README conflicts) are the build's to
    print, once; taking the inventory must not print them again (or count them twice in --strict)."""
    logger = logging.getLogger("mkdocs")
    saved = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = saved


def config_for(root: Path) -> MkDocsConfig:
    """The project's MkDocs configuration, or MkDocs' defaults (docs/ under `root`) when it has none."""
    path = root / "mkdocs.yml"
    with _quiet():
        if path.is_file():
            return load_config(config_file=str(path))
        text = f"site_name: briefing\ndocs_dir: {str(root / 'docs')!r}\nsite_dir: {str(root / 'site')!r}\n"
        return load_config(config_file=io.StringIO(text), config_file_path=str(path))


def inventory(root: Path, skip: inv.Skip | None = None) -> inv.Inventory:
    """The inventory of the project at `root` (what `python -m briefing check` reads)."""
    if not (root / "mkdocs.yml").is_file():
        docs = root / "docs"
        if not os.path.lexists(docs):
            return inv.Inventory(str(root), "docs", [])  # no site here: records only
        if docs.is_symlink() or not docs.is_dir():
            return inv.Inventory(str(root), "docs", [], inv.scan(root, "docs").problems)
    try:
        config = config_for(root)
    except (MkDocsException, ConfigurationError, OSError) as exc:
        problem = Diagnostic("mkdocs.yml", 1, 1, "site-config", f"MkDocs cannot load the configuration: {exc}")
        return inv.Inventory(str(root), "docs", [], [problem])
    return inventory_of(config, root, skip)


def inventory_of(config: MkDocsConfig, root: Path, skip: inv.Skip | None = None) -> inv.Inventory:
    """The inventory of what a build with `config` reads and renders. A page for which
    `skip(src_uri, text)` is true is listed with its text only (see `inventory.Skip`)."""
    docs_abs = Path(config["docs_dir"]).resolve()
    walk = inv.scan(root, _docs(docs_abs, root))
    with _quiet():
        if walk.has_links or not docs_abs.is_dir():
            # MkDocs would follow the links: take only the files the no-follow walk found (no
            # link among them), with MkDocs' own exclusion rules applied. The check fails anyway.
            files = Files([File(rel, str(docs_abs), config["site_dir"], config["use_directory_urls"]) for rel in walk.files])
            set_exclusions(files, config)
        else:
            files = get_files(config)
        # A name MkDocs cannot make a URL of (bytes that are not UTF-8) would stop its navigation
        # with an exception when the site has a URL; the walk reports the name (`unsafe-name`).
        for f in [f for f in files if not _encodable(f.src_uri)]:
            files.remove(f)
        get_navigation(files, config)  # gives the pages in the nav their titles, as the build does
    return _inventory(config, root, walk, files, skip)


def inventory_again(first: inv.Inventory, config: MkDocsConfig, root: Path) -> inv.Inventory:
    """`inventory_of(config, root)`, taken after the build wrote its pages, when `first` was taken
    with the same configuration before: every page is read again, but MkDocs' collection of the
    files and its navigation (a function of the configuration and of the files' names) are taken
    again only if the no-follow walk now finds other files or problems, or any link."""
    taken = first.taken
    docs_abs = Path(config["docs_dir"]).resolve()
    if taken is None or taken[0] is not config:
        return inventory_of(config, root)
    walk = inv.scan(root, _docs(docs_abs, root))
    if walk.has_links or not docs_abs.is_dir() or (list(walk.files), list(walk.problems)) != (taken[1], taken[2]):
        return inventory_of(config, root)
    return _inventory(config, root, walk, taken[3], None)


def _encodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _docs(docs_abs: Path, root: Path) -> str:
    return os.path.relpath(docs_abs, root).replace(os.sep, "/")


def _inventory(config: MkDocsConfig, root: Path, walk: inv.Scan, files: Files, skip: inv.Skip | None) -> inv.Inventory:
    docs = _docs(Path(config["docs_dir"]).resolve(), root)
    result = inv.Inventory(str(root), docs, [], list(walk.problems), _template_starts(config))
    # As `Page.render` passes them: the configuration's extensions (MkDocs puts toc, tables and
    # fenced_code first) and their settings.
    result.markdown_extensions = tuple(config["markdown_extensions"])
    result.markdown_configs = dict(config["mdx_configs"] or {})
    result.taken = (config, list(walk.files), list(walk.problems), files)
    unexpected = sorted({f.src_uri for f in files} - set(walk.files))
    for uri in unexpected:  # MkDocs found a file the no-follow walk did not: something was followed
        result.problems.append(Diagnostic(f"{docs}/{uri}", 1, 1, "symlink", f"MkDocs reads {docs}/{uri} through a link; remove the link"))
    for f in files:
        entry = _entry(f, root, docs)
        if entry.rendered and f.src_uri not in unexpected:
            entry = _read(f, config, entry, skip)
        result.files.append(entry)
    return result


def _title_from(page: Page) -> str:
    """Where MkDocs takes the page's title from (`Page.title`, in its order)."""
    if vars(page).get("title") is not None:  # the nav's title (MkDocs sets it over the property)
        return inv.NAV
    if "title" in page.meta:
        return inv.FRONT_MATTER
    if get_markdown_title(page.markdown or "") is not None:
        return inv.HEADING
    if page.is_homepage:
        return inv.HOME
    return inv.FILE_NAME


def _template_starts(config: MkDocsConfig) -> tuple[str, ...]:
    """What mkdocs-macros reads as template code (its `j2_*_start_string` options, or Jinja's)."""
    macros = config.plugins.get("macros") if config.plugins else None
    options: dict[str, Any] = dict(macros.config) if macros is not None else {}
    return tuple(options.get(f"j2_{k}_start_string") or d for k, d in (("variable", "{{"), ("block", "{%"), ("comment", "{#")))


def _entry(f: File, root: Path, docs: str) -> inv.SiteFile:
    return inv.SiteFile(
        src_uri=f.src_uri,
        path=f"{docs}/{f.src_uri}" if docs != "." else f.src_uri,
        abs_path=str(f.abs_src_path or ""),
        dest_uri=f.dest_uri,
        page=f.is_documentation_page(),
        inclusion=_INCLUSION.get(f.inclusion, inv.INCLUDED),
    )


def _read(f: File, config: MkDocsConfig, entry: inv.SiteFile, skip: inv.Skip | None = None) -> inv.SiteFile:
    """The page as the build reads it: MkDocs' decoding, front-matter split and title."""
    try:
        size = os.stat(entry.abs_path).st_size
    except OSError as exc:
        return _with(entry, problem=(1, 1, "unreadable", f"cannot read the page: {exc.strerror}"))
    if size > inv.MAX_PAGE_BYTES:
        why = f"page is {size:,} bytes; pages may be at most {inv.MAX_PAGE_BYTES:,} bytes"
        return _with(entry, problem=(1, 1, "file-too-large", why))
    try:
        text = f.content_string
        if skip is not None and skip(f.src_uri, text):
            return _with(entry, text=text)
        page = f.page if isinstance(f.page, Page) else Page(None, f, config)
        page.read_source(config)
    except UnicodeDecodeError as exc:
        return _with(entry, problem=(1, 1, "not-utf8", f"page is not valid UTF-8 ({exc.reason} at byte {exc.start})"))
    except (OSError, ValueError) as exc:
        return _with(entry, problem=(1, 1, "unreadable", f"cannot read the page: {exc}"))
    markdown = page.markdown or ""
    front = mkdocs_meta.YAML_RE.match(text)
    norm = text if text.endswith(markdown) else text.replace("\r\n", "\n").replace("\r", "\n")
    body_line = norm.count("\n", 0, len(norm) - len(markdown)) + 1 if norm.endswith(markdown) else 1
    with _quiet():
        title = page.title
    return _with(
        entry,
        text=text,
        markdown=markdown,
        meta=dict(page.meta),
        front_matter=front.group(1) if front else None,
        front_matter_read=bool(front) and text[front.end() :].lstrip("\n") == markdown,
        body_line=body_line,
        title=title,
        title_from=_title_from(page),
    )


def _with(entry: inv.SiteFile, **changes: Any) -> inv.SiteFile:
    from dataclasses import replace

    return replace(entry, **changes)


# -- the build's guard ---------------------------------------------------------------------------------


class Guard(BasePlugin):  # type: ignore[type-arg]
    """What MkDocs is about to publish, checked as MkDocs hands it over, after every other plugin.

    The check read the files and the Markdown; this reads what the build really makes of them:
    - `on_files`: every file MkDocs collected from the docs folder is one the check approved (the
      inventory taken after the generated pages were written), at the same place;
    - `on_page_content`: each page's HTML, the macros' output included, holds only what a page
      may hold (`markup.content_problems`);
    - `on_post_page`: the whole document, the theme's chrome included, holds no event handler, no
      inline script but the theme's own (its `partials/javascripts/` templates rendered for the
      page), no frame, form, `<base>` or refresh, and loads nothing from outside the site
      (`markup.document_problems`).
    Anything else stops the build before the page is written.
    """

    def __init__(self, approved: inv.Inventory) -> None:
        super().__init__()
        self.approved = {f.src_uri: f.dest_uri for f in approved.files}
        self.docs = approved.docs
        self.env: Any = None
        self.script_templates: list[str] = []
        self.contexts: dict[str, Any] = {}

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = os.path.realpath(config["docs_dir"])
        for f in files:
            if f.abs_src_path is None or not os.path.realpath(f.abs_src_path).startswith(docs + os.sep):
                continue  # the theme's and overrides' files: code
            if self.approved.get(f.src_uri) != f.dest_uri:
                raise PluginError(f"{self.docs}/{f.src_uri}: the build would publish a file the check did not approve; nothing is built")
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        self.script_templates = env.list_templates(filter_func=lambda n: n.startswith("partials/javascripts/"))
        return env

    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self._refuse(page, markup.content_problems(html), "content")
        return html

    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.contexts[page.file.src_uri] = context
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        theme = self._theme_scripts(page, config)
        self._refuse(page, markup.document_problems(output, theme), "page")
        return output

    def _theme_scripts(self, page: Page, config: MkDocsConfig) -> frozenset[str]:
        """The inline scripts the theme writes for this page: its script templates, rendered with
        the page's own context (so the per-page base address is the one it wrote)."""
        context = self.contexts.pop(page.file.src_uri, None)
        if self.env is None or context is None:
            return frozenset()
        ctx = {"features": config.theme.get("features") or [], **context}
        return frozenset().union(*(markup.inline_scripts(self.env.get_template(n).render(ctx)) for n in self.script_templates))

    def _refuse(self, page: Page, found: list[markup.Finding], what: str) -> None:
        if found:
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise PluginError(f"{self.docs}/{page.file.src_uri}: the built {what} holds {first.message}{more}; nothing of it is published")


def guard(config: MkDocsConfig, approved: inv.Inventory) -> None:
    """Register the guard with the build's plugins: it runs after every other plugin's handlers."""
    config.plugins["briefing-guard"] = Guard(approved)


# -- macro output held out of Markdown --------------------------------------------------------------

# Elements whose raw HTML Python-Markdown passes through whole (raw-text elements left out).
_HOLDABLE = frozenset(BLOCK_LEVEL_ELEMENTS) - {"script", "style", "textarea", "pre", "iframe", "math", "html", "body", "noscript", "hr"}
_HOLD_MIN = 1024  # shorter output costs Markdown less than holding it does
_OUTER = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_NONCE = secrets.token_hex(8)  # once per process: the preview's builds give a page the same Markdown
_READ: dict[str, tuple[bool, frozenset[str]]] = {}  # a block -> (one element?, the anchor ids MkDocs finds in it)


class Held(BasePlugin):  # type: ignore[type-arg]
    """The macros' block output, kept out of the Markdown conversion and put back in its place.

    A listing of a thousand claim cards is raw HTML: Python-Markdown passes it through untouched,
    but reads all of it with `html.parser` to find where it ends, and MkDocs reads it again for
    its anchors; on the All claims page that was most of the conversion. So each macro output
    (`note`) that stands on a line of its own and is one block-level element is replaced, before
    the conversion, by an empty element of the same tag (`hold`), which Markdown treats the same
    way in the same place; after the conversion the output takes its placeholder's place, before
    any other plugin and the guard read the page's HTML, and the anchor ids in it are added to the
    page's as MkDocs' own reader finds them, where that reader read the placeholder as an element. A placeholder that does not come out of the
    conversion exactly once stops the build. `mkdocs build` and the preview both do this, so they
    make the same pages; the placeholders carry a number drawn once per process, which no page
    can know in advance."""

    def __init__(self, docs: str) -> None:
        super().__init__()
        self.docs = docs
        self.nonce = _NONCE
        self.outputs: list[str] = []  # the current page's macro outputs
        self.held: dict[str, dict[str, str]] = {}  # src_uri -> placeholder -> output
        self.read: set[str] = set()  # the blocks this build read

    def note(self, output: Any) -> Any:
        if isinstance(output, str) and len(output) >= _HOLD_MIN:
            self.outputs.append(output)
        return output

    def noting(self, fn: Any) -> Any:
        def macro(*args: Any, **kwargs: Any) -> Any:
            return self.note(fn(*args, **kwargs))

        return macro

    def hold(self, src_uri: str, markdown: str) -> str:
        """The page's Markdown with each macro output that fills whole lines by itself replaced."""
        outputs, self.outputs = self.outputs, []
        blocks: list[tuple[str, str]] = []
        for out in sorted(set(outputs), key=len, reverse=True):  # an output inside another: the outer one
            block = out.strip("\n")
            m = _OUTER.match(block)
            if m is None or "\n" in block or m.group(1) not in _HOLDABLE or not block.endswith(f"</{m.group(1)}>"):
                continue
            if not _read_block(block, m.group(1))[0]:
                continue
            self.read.add(block)
            parts = markdown.split(block)
            text = parts[0]
            for part in parts[1:]:
                if (text == "" or text.endswith("\n")) and (part == "" or part.startswith("\n")):
                    text += f"\x00{self.nonce}:{len(blocks)}\x00" + part
                    blocks.append((m.group(1), block))
                else:
                    text += block + part
            markdown = text
        held: dict[str, str] = {}

        def mark(m: re.Match[str]) -> str:
            # Numbered in the page's order, so that a page whose held output changed keeps the
            # Markdown it had (the preview then reuses its conversion).
            tag, block = blocks[int(m.group(1))]
            # An id, so that MkDocs' reader of anchors says whether it reads the placeholder as
            # an element (not inside a comment, say): then it would read the output's ids too.
            placeholder = f'<{tag} id="briefing-held-{self.nonce}-{len(held)}"></{tag}>'
            held[placeholder] = block
            return placeholder

        markdown = re.sub(f"\x00{self.nonce}:(\\d+)\x00", mark, markdown)
        if held:
            self.held[src_uri] = held
        else:
            self.held.pop(src_uri, None)
        return markdown

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        held = self.held.pop(page.file.src_uri, None)
        if not held:
            return html
        ids = set(page.present_anchor_ids or ())
        for mark, block in held.items():
            anchor = mark.split('"', 2)[1]
            if anchor in ids:
                ids.discard(anchor)
                ids |= _read_block(block, _OUTER.match(block).group(1))[1]  # type: ignore[union-attr]
            if html.count(mark) != 1:
                raise PluginError(
                    f"{self.docs}/{page.file.src_uri}: a macro's output could not be put back in its place; write the macro call on a line of its own"
                )
            html = html.replace(mark, block)
        page.present_anchor_ids = ids
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # What the preview's next build may meet again: the blocks of this one (an edit leaves
        # the old version of a list, 10 MB at 10k claims, behind).
        for block in [b for b in _READ if b not in self.read]:
            del _READ[block]
        for key in [k for k in _PIECES if k not in _PIECES_USED]:
            del _PIECES[key]
        _PIECES_USED.clear()


class _Block(_HTMLHandler):
    """MkDocs' reader of anchors in raw HTML, noting also whether the block's first element ends
    where the block ends (one element, as Python-Markdown's raw block ends at its closing tag)."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.depth, self.closed_early = tag, 0, False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if self.depth == 0 and self.seen_end:
            self.closed_early = True
        if tag == self.tag:
            self.depth += 1
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag:
            self.depth -= 1
            self.seen_end = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and self.seen_end and data:
            self.closed_early = True

    seen_end = False


_PIECES: dict[tuple[str, str, int], frozenset[str] | None] = {}  # (child, tag, depth) -> its anchor ids, or None
_PIECES_USED: set[tuple[str, str, int]] = set()
_OPEN_TAG = re.compile(r"<([a-z][a-z0-9]*)(?:\s[^<>]*)?>")
_CHILD = re.compile(r'<[a-z][a-z0-9]* class="[^" ]*[ "]')  # a child's tag and first class


def _read_block(block: str, tag: str) -> tuple[bool, frozenset[str]]:
    """Whether a block of raw HTML is one `tag` element, and the anchor ids MkDocs finds in it
    (with its own reader); remembered by the block. A block of children that start alike (a
    listing of claim cards) is read child by child, each child remembered, so that a listing with
    one card changed (the preview's next build) reads that card only."""
    found = _READ.get(block)
    if found is None:
        parser = _Block(tag)
        pieces = split_listing(block)
        if pieces is None:
            parser.feed(block)
        else:
            parser.feed(pieces[0])
            for piece in pieces[1:-1]:
                ids = _read_child(piece, tag, parser)
                if ids is None:
                    parser.feed(piece)
                else:
                    parser.present_anchor_ids |= ids
            parser.feed(pieces[-1])
        parser.close()
        one = parser.depth == 0 and parser.seen_end and not parser.closed_early
        found = _READ[block] = (one, frozenset(parser.present_anchor_ids))
    return found


def _read_child(piece: str, tag: str, parser: _Block) -> frozenset[str] | None:
    """The anchor ids of a child read where `parser` stands, if reading it there does nothing
    else: the parser has read all it was given, is inside the block, and the child, read alone
    at that depth, leaves it at the same depth, never at the block's end."""
    if parser.rawdata or parser.cdata_elem is not None or parser.seen_end or parser.closed_early or parser.depth < 1:
        return None
    key = (piece, tag, parser.depth)
    _PIECES_USED.add(key)
    if key not in _PIECES:
        alone = _Block(tag)
        alone.depth = parser.depth
        alone.feed(piece)
        clean = not alone.rawdata and alone.cdata_elem is None and alone.depth == parser.depth and not alone.seen_end and not alone.closed_early
        _PIECES[key] = frozenset(alone.present_anchor_ids) if clean else None
    return _PIECES[key]


def split_listing(block: str) -> list[str] | None:
    """The block as its start tag, its children (cut before each child that starts like the
    first, e.g. each claim card of a listing) and its end tag; None if it is not like that. The
    anchor reader here and the preview's search memo read a listing card by card along these cuts."""
    m = _OPEN_TAG.match(block)
    if m is None:
        return None
    end = f"</{m.group(1)}>"
    if not block.endswith(end):
        return None
    inner = block[m.end() : len(block) - len(end)]
    child = _CHILD.match(inner)
    if child is None:
        return None
    parts = inner.split(child.group())
    if len(parts) < 3 or parts[0]:
        return None
    return [m.group(), *(child.group() + p for p in parts[1:]), end]


def hold(config: MkDocsConfig) -> Held:
    """Register the plugin that keeps the macros' block output out of the Markdown conversion."""
    held = Held(os.path.relpath(config["docs_dir"], os.path.dirname(config.config_file_path or ".")).replace(os.sep, "/"))
    config.plugins["briefing-held"] = held
    return held
