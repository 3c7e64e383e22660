"""The loader walks facts/ and sources/ once: the record folders' listings come from the same
no-follow walk that finds what is refused anywhere else in the two trees. Held here to the plain
definition it replaced (each record folder listed and looked at by itself, then both trees
walked again for what lies elsewhere): on trees holding every kind of refused entry in every
place, the loader reports exactly the same diagnostics, each once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing import inventory as inventory_mod
from briefing.diagnostics import Diagnostic, rel
from briefing.loader import ALLOWED_EXTRA, RECORD_DIRS, Loader

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


class PlainLoader(Loader):
    """The loader as it was: `_scan` lists its folder and looks at each entry itself, and
    `_links_elsewhere` walks both trees again."""

    def _walk_trees(self) -> None:
        pass

    def _scan(self, folder: Path, suffixes: tuple[str, ...]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {s: [] for s in suffixes}
        rf = rel(folder, self.root)
        if folder.is_symlink():
            self.error(rf, 1, 1, "symlink", f"{rf}/ is a symbolic link; make it a real folder")
            return found
        if not folder.is_dir():
            return found
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            rp = f"{rf}/{inventory_mod.shown_name(e.name)}"
            if problem := inventory_mod.kind_problem(e, rp):
                self.error(rp, 1, 1, *problem, causes=self._failed(rp))
                continue
            if e.is_dir(follow_symlinks=False):
                self.error(rp, 1, 1, "unexpected-folder", f"unexpected folder in {rf}/: records are never read from sub-folders; move them up")
                continue
            suffix = next((s for s in suffixes if e.name.endswith(s)), None)
            if suffix is not None:
                found[suffix].append(e.path)
            elif e.name not in ALLOWED_EXTRA and not e.name.startswith("."):
                wanted = " and ".join(f"*{s}" for s in suffixes)
                msg = f"unexpected file in {rf}/: records are {wanted} files; rename or remove it"
                self.error(rp, 1, 1, "unexpected-file", msg, causes=self._failed(rp))
        return found

    def _links_elsewhere(self) -> None:
        scanned = {"sources", *(f"facts/{d}" for d in RECORD_DIRS)}
        for top in ("facts", "sources"):
            if (self.root / top).is_symlink():
                continue
            for d in inventory_mod.scan(self.root, top).problems:
                if (d.code in inventory_mod.KIND_CODES or d.code == "unsafe-name") and d.path.rsplit("/", 1)[0] not in scanned:
                    self.diags.append(d)


def _hostile(tmp: Path, variant: str) -> Path:
    root = tmp / "project"
    shutil.copytree(MINI, root)
    facts, sources = root / "facts", root / "sources"
    out = tmp / "outside"
    (out / "d").mkdir(parents=True)
    (out / "x.yml").write_text("id: x\n", encoding="utf-8")
    (out / "d" / "y.yml").write_text("id: y\n", encoding="utf-8")
    if variant == "everywhere":
        claims = facts / "claims"
        (claims / "link.yml").symlink_to(out / "x.yml")
        (claims / "dangling.yml").symlink_to(out / "nothing.yml")
        (claims / ".hidden-link").symlink_to(out / "x.yml")
        (claims / "ctl\x1b.yml").symlink_to(out / "x.yml")
        (claims / os.fsdecode(b"caf\xe9.yml")).write_text("id: cafe\n", encoding="utf-8")
        (claims / "stray.txt").write_text("x", encoding="utf-8")
        (claims / "README.md").write_text("x", encoding="utf-8")
        (claims / ".hidden").write_text("x", encoding="utf-8")
        (claims / "sub").mkdir()
        (claims / "sub" / "in.yml").symlink_to(out / "x.yml")
        os.mkfifo(claims / "sub" / "pipe")
        os.link(out / "x.yml", facts / "entities" / "hard.yml")
        os.mkfifo(facts / "topics" / "pipe.yml")
        (facts / "notes").symlink_to(out / "d", target_is_directory=True)
        (facts / "top.yml").symlink_to(out / "x.yml")
        os.link(out / "x.yml", facts / "top-hard.yml")
        (facts / "stray.txt").write_text("x", encoding="utf-8")
        (facts / "Upper").mkdir()
        (facts / "Upper" / "l.yml").symlink_to(out / "x.yml")
        deep = facts / "deep"
        for _ in range(12):
            deep /= "a"
        deep.mkdir(parents=True)
        (deep / "z.yml").symlink_to(out / "x.yml")
        (sources / "s.txt").symlink_to(out / "x.yml")
        os.mkfifo(sources / "pipe.txt")
        (sources / "odd").mkdir()
        os.link(out / "x.yml", sources / "odd" / "h.txt")
    elif variant == "record-folders-not-folders":
        shutil.rmtree(facts / "claims")
        (facts / "claims").symlink_to(out / "d", target_is_directory=True)
        os.mkfifo(facts / "questions")
        shutil.rmtree(facts / "judgments")
        (facts / "judgments").write_text("not a folder", encoding="utf-8")
    elif variant == "sources-link":
        shutil.rmtree(sources)
        sources.symlink_to(out / "d", target_is_directory=True)
        (facts / "claims" / "l.yml").symlink_to(out / "x.yml")
    elif variant == "facts-link":
        shutil.rmtree(facts)
        facts.symlink_to(out / "d", target_is_directory=True)
        os.mkfifo(sources / "p.yml")
    elif variant == "no-sources":
        shutil.rmtree(sources)
        (facts / "claims" / "l.yml").symlink_to(out / "x.yml")
    return root


def _found(loader: Loader) -> list[Diagnostic]:
    loader.load()
    return sorted(loader.diags, key=lambda d: (d.sort_key(), d.causes, d.follows_from))


WALK_CODES = {"symlink", "special-file", "hard-link", "too-deep", "unexpected-file", "unexpected-folder"}


@pytest.mark.parametrize("variant", ["everywhere", "record-folders-not-folders", "sources-link", "facts-link", "no-sources"])
def test_one_walk_reports_what_the_two_walks_reported(tmp_path: Path, variant: str) -> None:
    root = _hostile(tmp_path, variant)
    plain = _found(PlainLoader(root, use_cache=False))
    once = _found(Loader(root, use_cache=False))
    assert once == plain
    refused = [d for d in once if d.code in WALK_CODES]
    assert refused  # the tree holds refused entries: the comparison is not of two empty lists
    if variant == "everywhere":
        paths = {d.path for d in refused}
        for expected in ("facts/claims/link.yml", "facts/claims/sub", "facts/claims/sub/in.yml", "facts/entities/hard.yml",
                         "facts/topics/pipe.yml", "facts/notes", "facts/top-hard.yml", "facts/Upper/l.yml",
                         "facts/deep/a/a/a/a/a/a/a/a", "sources/s.txt", "sources/pipe.txt", "sources/odd/h.txt"):
            assert expected in paths, expected
        # Each refused entry once (a record folder's entry is not reported again as lying elsewhere).
        assert len({(d.path, d.code) for d in refused}) == len(refused)


# -- the fingerprint's walk, shared ----------------------------------------------------------------


def _plain_fingerprint(root: Path, base: str | None = None) -> tuple[str, dict[str, bytes]]:
    """`runcache.fingerprint` as it was written first: one hash update per part, every file read
    by `read_file` (the definition the faster walk must give the same digest as)."""
    import hashlib

    from briefing.files import FileTooLarge, read_file
    from briefing.runcache import INPUT_FILES, INPUT_TREES, READ_LIMIT, _git_state

    root = root.resolve()
    h = hashlib.sha256()
    files: dict[str, bytes] = {}

    def add(*parts: str | bytes) -> None:
        for p in parts:
            b = os.fsencode(p) if isinstance(p, str) else p
            h.update(len(b).to_bytes(8, "little") + b)

    def add_file(path: str, label: str) -> None:
        try:
            raw = read_file(path, READ_LIMIT)
        except FileTooLarge as exc:
            add(label, "too large", str(exc.size))
            return
        except OSError as exc:
            add(label, "unreadable", str(exc.errno))
            return
        files[path] = raw
        add(label, raw)

    def add_tree(path: str, rel: str) -> None:
        add("folder", rel)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            add(rel, "unlistable", str(exc.errno))
            return
        for e in entries:
            label = os.path.join(rel, e.name)
            if e.is_symlink():
                add(label, "link", os.readlink(e.path))
            elif e.is_dir():
                add(label, "dir")
                add_tree(e.path, label)
            elif e.is_file():
                add(label, "names", str(e.stat(follow_symlinks=False).st_nlink))
                add_file(e.path, label)
            else:
                add(label, "other")

    add("root", str(root))
    for top in INPUT_TREES:
        start = os.path.join(str(root), top)
        if os.path.islink(start):
            add(top, "link", os.readlink(start))
        elif os.path.isdir(start):
            add_tree(start, top)
        else:
            add("tree", top, "none")
    for name in INPUT_FILES:
        path = os.path.join(str(root), name)
        add("file", name)
        if os.path.islink(path):
            add(name, "link", os.readlink(path))
        elif os.path.isfile(path):
            add_file(path, name)
    add("git", *_git_state(root, base))
    return h.hexdigest(), files


@pytest.mark.parametrize("variant", ["everywhere", "record-folders-not-folders", "sources-link", "facts-link", "no-sources"])
def test_the_fingerprints_walk_stands_for_the_loaders(tmp_path: Path, variant: str) -> None:
    """The check takes the folders the fingerprint listed (their entries stat-ed once): it reports
    what the loader that lists them itself reports, and the digest and the bytes read are those
    of the plain fingerprint."""
    from briefing.runcache import READ_LIMIT, fingerprint

    root = _hostile(tmp_path, variant)
    if variant == "everywhere":  # a file refused for its size: the digest holds its size
        (root / "sources" / "huge.txt").write_bytes(b"x" * (READ_LIMIT + 1))
        (root / "docs" / "empty.md").write_bytes(b"")
    listings: dict[str, list[os.DirEntry[str]]] = {}
    digest, preread = fingerprint(root, None, listings)
    assert (digest, preread) == _plain_fingerprint(root)
    assert str(root / "facts") in listings or variant == "facts-link"
    plain = _found(PlainLoader(root, use_cache=False))
    shared = _found(Loader(root, use_cache=False, preread=preread, listings=listings))
    assert shared == plain


def test_a_file_read_by_its_stated_size_is_read_whole(tmp_path: Path) -> None:
    """`_read_stated` reads what `read_file` reads when the size it was told is stale: a file
    that grew is read to its end, one that shrank to its end, one grown past the limit refused."""
    from briefing.files import FileTooLarge, read_file
    from briefing.runcache import READ_LIMIT, _read_stated

    f = tmp_path / "f.txt"
    for content in (b"", b"a", b"hello world\n" * 1000):
        f.write_bytes(content)
        for told in (0, 1, len(content) - 1, len(content), len(content) + 5):
            if told >= 0:
                assert _read_stated(str(f), told) == read_file(str(f), READ_LIMIT) == content
    f.write_bytes(b"x" * (READ_LIMIT + 1))
    with pytest.raises(FileTooLarge):
        _read_stated(str(f), READ_LIMIT)  # it grew past the limit after it was stat-ed
    with pytest.raises(FileTooLarge):
        _read_stated(str(f), READ_LIMIT - 5)
    with pytest.raises(FileTooLarge):
        _read_stated(str(f), READ_LIMIT + 1)


def test_unsafe_names_anywhere_under_facts_and_sources_fail_the_check(tmp_path: Path) -> None:
    """A file or folder name other than lower-case letters, digits and hyphens fails the check
    under facts/ and sources/ as under docs/ (README, "Nothing but pages, no links, no odd
    names"), also where the loader reads nothing: the top of facts/, a folder of its own there, a
    sub-folder of sources/. Each once; a record's own file name is the loader's to judge, once
    (fails if the walk's name refusals are dropped, or taken inside the record folders too)."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    facts, sources = root / "facts", root / "sources"
    (facts / "Upper").mkdir()
    (facts / "Upper" / "x.yml").write_text("id: x\n", encoding="utf-8")
    (facts / "bad name.md").write_text("x\n", encoding="utf-8")
    (facts / "caf\u00e9").mkdir()
    (sources / "sub").mkdir()
    (sources / "sub" / "\u00c9vil.txt").write_text("x\n", encoding="utf-8")
    claim = next((facts / "claims").glob("*.yml"))
    shutil.copy(claim, facts / "claims" / "Bad Name.yml")
    found = _found(Loader(root, use_cache=False))
    names = sorted(d.path for d in found if d.code == "unsafe-name")
    assert names == ["facts/Upper", "facts/bad name.md", "facts/caf\u00e9", "sources/sub/\u00c9vil.txt"]
    assert [d.code for d in found if d.path == "facts/claims/Bad Name.yml"] == ["bad-file-name"]
    assert [d.code for d in found if d.path == "sources/sub"] == ["unexpected-folder"]
