"""The one inventory: every file the site build reads, as the site generator itself takes it.

The check must read exactly what the build renders. So the list of files is not worked out
here: a site adapter outside the core (`site_adapter.py` for MkDocs, named by
`[tool.briefing] site-adapter` in pyproject.toml) builds it with the generator's own file
collection, front-matter reader and title rules, from the same configuration, and hands it to
the core as plain data. The build hands the check the same inventory (macros.py), and the
command line asks the adapter for it (`load`), so the two can never disagree.

What is policy, not the generator's behaviour, lives here: the walk that refuses symbolic
links, special files, hard links and unsafe names under docs/, facts/ and sources/ before the
generator (which follows links) is allowed to walk anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from briefing.diagnostics import Diagnostic

INCLUDED, NOT_IN_NAV, DRAFT, EXCLUDED = "included", "not-in-nav", "draft", "excluded"
# Where the generator takes a page's title from: the nav of its configuration, the front matter,
# the page's first heading, its name for the home page ("Home"), or the file name.
TITLE_SOURCES = NAV, FRONT_MATTER, HEADING, HOME, FILE_NAME = ("nav", "front-matter", "heading", "home", "file-name")
MAX_PAGE_BYTES = 1024 * 1024  # a page is prose and macro calls; larger is a mistake or an attack (loader.MAX_FILE_BYTES)

# Names a pull request may give files and folders under docs/, facts/ and sources/: lower-case
# letters, digits and hyphens, and for files one or more dotted suffixes. Nothing else reaches a
# URL, a title or a shell (no spaces, braces, quotes, capitals, non-ASCII or control characters).
SAFE_FOLDER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SAFE_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)+\Z")
# Names outside the pattern that are conventional and never served: folder READMEs, .gitkeep.
NAME_EXCEPTIONS = frozenset({"README.md", ".gitkeep"})


@dataclass(frozen=True)
class SiteFile:
    """One file of the docs folder, as the generator takes it."""

    src_uri: str  # path under the docs folder, "/"-separated
    path: str  # path under the project root, for diagnostics ("docs/method.md")
    abs_path: str
    dest_uri: str  # what the build writes for it, under the site folder
    page: bool  # rendered as a page (a Markdown suffix), else copied as it is
    inclusion: str  # INCLUDED, NOT_IN_NAV, DRAFT (built only by `serve`) or EXCLUDED
    # Pages only, read by the generator's own reader:
    text: str | None = None  # the whole text as the generator decodes it
    markdown: str | None = None  # what follows the front matter: what the template engine renders
    meta: dict[str, Any] | None = field(default=None, compare=False)  # the front matter as the theme sees it
    front_matter: str | None = None  # the YAML between the --- lines, when the file has such a block
    front_matter_read: bool = False  # whether the generator took it as front matter (else it stays in the Markdown)
    body_line: int = 1  # the file's line the Markdown starts on
    title: Any = None  # the page's title as the template engine sees it (nav, front matter, heading or file name)
    title_from: str = ""  # where the title comes from: TITLE_SOURCES
    problem: tuple[int, int, str, str] | None = None  # why the page could not be read

    @property
    def built(self) -> bool:
        """Part of the published site (a draft is built only by `mkdocs serve`)."""
        return self.inclusion in (INCLUDED, NOT_IN_NAV)

    @property
    def rendered(self) -> bool:
        """Rendered as a page by some command (serve renders drafts too): what the checks read."""
        return self.page and self.inclusion != EXCLUDED


@dataclass
class Inventory:
    root: str
    docs: str  # the docs folder, relative to the root ("docs")
    files: list[SiteFile]
    problems: list[Diagnostic] = field(default_factory=list)  # found while taking the inventory
    template_starts: tuple[str, ...] = ("{{", "{%", "{#")  # what the template engine reads as code
    # How the build turns a page's Markdown into HTML: Python-Markdown's extensions and their settings.
    markdown_extensions: tuple[Any, ...] = ("toc", "tables", "fenced_code")
    markdown_configs: dict[str, Any] = field(default_factory=dict)
    # What the site adapter took it from, to take it again cheaply (opaque to the core).
    taken: Any = field(default=None, compare=False, repr=False)

    def pages(self) -> list[SiteFile]:
        return [f for f in self.files if f.rendered]

    def by_uri(self) -> dict[str, SiteFile]:
        return {f.src_uri: f for f in self.files}


def page_digest(src_uri: str, title: str | None, markdown: str | None, meta: Any) -> str:
    """What the build must render for a page, as one digest: its Markdown, its title and its
    front matter. The check approves it; the adapter recomputes it from what the template
    engine is handed and refuses the page on any difference."""
    blob = json.dumps([src_uri, title, markdown, meta], sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


# -- the safety walk ----------------------------------------------------------------------------------


KIND_CODES = frozenset({"symlink", "special-file", "hard-link", "unreadable", "too-deep"})  # entries never read
# Folders nest this deep at most: the site's are two deep, and MkDocs' walk (os.walk, recursive on
# Python 3.11) would fail with a traceback some thousand folders down.
MAX_DEPTH = 8


class Problem(NamedTuple):
    code: str
    message: str



def shown_name(name: str) -> str:
    """A file name as it may be printed: undecodable bytes and control characters escaped."""
    if name.isascii() and name.isprintable():
        return name  # nearly every name: nothing to escape
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def kind_problem(entry: os.DirEntry[str], shown: str) -> Problem | None:
    """Why an entry is not a plain file or folder of its own, if it is not: a symbolic link (the
    site build follows links, wherever they point), a pipe, socket or device (reading one can
    block forever), or a hard link (another file's bytes under a second name)."""
    try:
        if entry.is_symlink():
            return Problem(
                "symlink",
                f"{shown} is a symbolic link; links are refused anywhere under docs/, facts/ and sources/ "
                "(the site build would follow it, wherever it points): replace it with the file itself",
            )
        st = entry.stat(follow_symlinks=False)
    except OSError as exc:
        return Problem("unreadable", f"{shown} cannot be read: {exc.strerror}")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return Problem("special-file", f"{shown} is not a regular file or folder (a pipe, socket or device); remove it")
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        why = f"{shown} has {st.st_nlink} names (a hard link), so it may be another file's bytes; replace it with a copy"
        return Problem("hard-link", why)
    return None


def name_problem(name: str, is_dir: bool) -> Problem | None:
    """Why a name may not be used under docs/, facts/ or sources/, if it may not."""
    if name.startswith(".") or (name in NAME_EXCEPTIONS and not is_dir):
        return None  # never read: the site build leaves out dot-files, the loader ignores them
    if (SAFE_FOLDER if is_dir else SAFE_FILE).match(name):
        return None
    what = "folder" if is_dir else "file"
    rule = "lower-case letters, digits and hyphens" + ("" if is_dir else ", then a suffix such as .md")
    return Problem("unsafe-name", f"{what} name '{shown_name(name)}' is not allowed: use {rule}")


@dataclass
class Scan:
    """What a no-follow walk of a folder found: its regular files and what is unsafe in it."""

    files: list[str] = field(default_factory=list)  # relative to the walked folder, "/"-separated: safe to read
    problems: list[Diagnostic] = field(default_factory=list)
    # The folders asked for (`scan`'s `keep`) that the walk listed: each entry, by name, with why
    # it is not a plain file or folder of its own (`kind_problem`), so that a reader of the folder
    # need not list it and look at each entry a second time.
    listings: dict[str, list[tuple[os.DirEntry[str], Problem | None]]] = field(default_factory=dict)

    @property
    def has_links(self) -> bool:
        """Whether a walk that follows links (or reads every file) would reach something refused."""
        return any(d.code in KIND_CODES for d in self.problems)


def scan(
    root: Path,
    folder: str,
    keep: frozenset[str] = frozenset(),
    names: bool = True,
    listings: Mapping[str, list[os.DirEntry[str]]] | None = None,
) -> Scan:
    """Walk `root/folder` without following links, refusing links, special files, hard links and
    unsafe names (the folder itself may not be a link either). Bounded: every entry is looked at
    once, and nothing a link points to is visited. `keep`: the sub-folders (relative to `folder`,
    "" for itself) whose entries the result lists (`Scan.listings`). `names`: whether names are
    checked (a caller that takes only what `has_links` counts need not); never those of the
    entries of a `keep` folder (its reader judges them). `listings`: folders
    listed already this run (by path, sorted by name; `runcache.fingerprint` lists them), whose
    entries the walk takes instead of listing them again."""
    out = Scan()
    top = root / folder
    if top.is_symlink():
        out.problems.append(Diagnostic(folder, 1, 1, "symlink", f"{folder}/ is a symbolic link; make it a real folder"))
        return out
    if not top.is_dir():
        return out
    listed: set[str] | None = set() if keep else None
    for rel, entry in _walk(str(top), "", listed, listings):
        shown = f"{folder}/{shown_name(rel)}"
        if rel.count("/") >= MAX_DEPTH and entry.is_dir(follow_symlinks=False):
            why = f"{shown} is nested more than {MAX_DEPTH} folders deep; the site's folders are a level or two deep: move its pages up"
            out.problems.append(Diagnostic(shown, 1, 1, "too-deep", why))
            continue
        problem = kind_problem(entry, shown)
        kept = False
        if keep:
            parent = rel.rpartition("/")[0]
            if parent in keep:
                kept = True
                out.listings.setdefault(parent, []).append((entry, problem))
        if problem:  # never read
            out.problems.append(Diagnostic(shown, 1, 1, *problem))
            continue
        if names and not kept and (problem := name_problem(entry.name, entry.is_dir(follow_symlinks=False))):  # read, and refused
            out.problems.append(Diagnostic(shown, 1, 1, *problem))
        if entry.is_file(follow_symlinks=False):
            out.files.append(rel)
    if listed is not None:
        for parent in keep & listed:  # listed, and empty
            out.listings.setdefault(parent, [])
    return out


def _walk(
    path: str, prefix: str, listed: set[str] | None = None, listings: Mapping[str, list[os.DirEntry[str]]] | None = None
) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under `path`, folders before their contents, by name; never through a link.
    A stack, not recursion: a folder nested a thousand deep is walked like any other. `listed`,
    if given, gets each folder listed (by its path under `path`, "" for `path` itself); a folder
    in `listings` is not listed again (see `scan`)."""
    stack: list[tuple[str, str]] = [(path, prefix)]
    while stack:
        folder, pre = stack.pop()
        entries = listings.get(folder) if listings is not None else None
        if entries is None:
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue  # an unlistable folder: MkDocs cannot list it either
        if listed is not None:
            listed.add(pre[:-1])
        below = []
        for e in entries:
            rel = f"{pre}{e.name}"
            yield rel, e
            if e.is_dir(follow_symlinks=False) and not e.is_symlink() and rel.count("/") < MAX_DEPTH:
                below.append((e.path, rel + "/"))
        stack.extend(reversed(below))


# -- finding the adapter ------------------------------------------------------------------------------

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_SETTING = "site-adapter"


def adapter_name() -> str:
    """The module that builds inventories: `[tool.briefing] site-adapter` in the pyproject.toml
    beside this package (the code's own setting, never the checked tree's)."""
    try:
        settings = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8")).get("tool", {}).get("briefing", {})
    except (OSError, tomllib.TOMLDecodeError):
        settings = {}
    name = settings.get(_SETTING)
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", name):
        raise LookupError(f"no site adapter named: set [tool.briefing] {_SETTING} in {_PYPROJECT}")
    return name


# Pages the caller needs only the text of (`skip(src_uri, text)`): the check passes the test for
# what the build itself wrote into the generated folders, which it replaces before rendering, so
# a check after a build does not parse a thousand pages it will not read.
Skip = Callable[[str, str], bool]


def load(root: Path | str, skip: Skip | None = None) -> Inventory:
    """The inventory of the project at `root`, from the configured site adapter."""
    builder: Callable[..., Inventory] = importlib.import_module(adapter_name()).inventory
    return builder(Path(root).resolve(), skip)


def adapter_source() -> bytes:
    """The adapter's source and the versions of what it calls, for the caches' code digest:
    an inventory taken by other code may differ."""
    try:
        name = adapter_name()
        spec = importlib.util.find_spec(name)
    except (LookupError, ImportError, ValueError):
        return b""
    origin = spec.origin if spec is not None else None
    out = [name.encode()]
    if origin and os.path.isfile(origin):
        out.append(Path(origin).read_bytes())
    for dist in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "markdown", "selectolax"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            out.append(f"{dist}={importlib.metadata.version(dist)}".encode())
    return b"\0".join(out)
