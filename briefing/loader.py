"""The one loader: reads sources, records and pages into a `Briefing`, collecting every problem.

Used by the command line, the MkDocs macros and the tests alike. Nothing is skipped silently:
a file that cannot be read, parsed or validated is an error, never a missing record.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from briefing import inventory as inventory_mod
from briefing import schema, yamlsafe
from briefing.anchor import CONTEXT, AnchorError, SourceText, Span, anchor
from briefing.archive import MAX_ARCHIVE_BYTES
from briefing.archive import SUFFIX as ARCHIVE_SUFFIX
from briefing.cache import RecordCache
from briefing.diagnostics import Diagnostic, mention_key, mentions, record_key, rel, text_key
from briefing.files import MAX_FILE_BYTES, FileTooLarge, read_file
from briefing.inventory import Inventory
from briefing.model import (
    Briefing,
    Citation,
    Claim,
    DateInfo,
    Entity,
    Judgment,
    NotClaim,
    Question,
    Record,
    Source,
    Topic,
)
from briefing.pages import GENERATED_DIRS, GENERATED_MARK, page_from
from briefing.yamlsafe import Located, YamlError

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # with .match: the whole string (`$` would allow a final newline)
RECORD_DIRS = {  # folder under facts/ -> record type
    "claims": "claim",
    "entities": "entity",
    "topics": "topic",
    "judgments": "judgment",
    "questions": "question",
}
ALLOWED_EXTRA = {"README.md", ".gitkeep"}


class Loader:
    def __init__(
        self,
        root: Path,
        use_cache: bool = True,
        preread: dict[str, bytes] | None = None,
        inventory: Inventory | None = None,
        listings: dict[str, list[os.DirEntry[str]]] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.inventory = inventory
        self.diags: list[Diagnostic] = []
        self.cache = RecordCache(self.root, enabled=use_cache)
        self.preread = preread or {}  # bytes already read this run (by `runcache.fingerprint`), by path
        self.walks: dict[str, inventory_mod.Scan] = {}  # facts/ and sources/, walked once (`_walk_trees`)
        self.listings = listings  # folders listed already this run (by `runcache.fingerprint`), by path

    def _read_bytes(self, path: str, limit: int = 0) -> bytes:
        """A file's bytes (read already by the fingerprint, or now), refused over `limit` (by
        default MAX_FILE_BYTES) whichever way they came."""
        limit = limit or MAX_FILE_BYTES
        raw = self.preread.get(path)
        if raw is None:
            return read_file(path, limit)
        if len(raw) > limit:
            raise FileTooLarge(len(raw))
        return raw

    # -- diagnostics -----------------------------------------------------------------------
    def error(
        self,
        path: str,
        line: int,
        col: int,
        code: str,
        message: str,
        severity: str = "error",
        causes: tuple[str, ...] = (),
        follows_from: tuple[str, ...] = (),
    ) -> None:
        self.diags.append(Diagnostic(path, line, col, code, message, severity, causes, follows_from))

    def _failed(self, path: str, raw: bytes | None = None) -> tuple[str, ...]:
        """The causes a file that did not load reports: itself, and the ids it names (whose being
        unused, or shown nowhere, follows from it). A refused file's name is such an id too."""
        stem = os.path.basename(path).split(".", 1)[0]
        folder = os.path.dirname(path)
        keys = (record_key(path), record_key(f"{folder}/{stem}.yml"), mention_key(stem))
        if raw is not None:
            keys += mentions(raw[: yamlsafe.MAX_BYTES].decode("utf-8", "replace"))
        return keys

    # -- files -------------------------------------------------------------------------------
    def _rel(self, p: str) -> str:
        """`rel(p, self.root)`, by cutting the string when `p` is spelled under the root (the usual case)."""
        prefix = str(self.root) + os.sep
        if os.sep == "/" and p.startswith(prefix) and "/../" not in p and "/./" not in p:
            return p[len(prefix) :]
        return rel(Path(p), self.root)

    def _scan(self, folder: Path, suffixes: tuple[str, ...]) -> dict[str, list[str]]:
        """The paths of the files in `folder` ending in each suffix, sorted by name. Nothing else
        there is skipped silently: links (wherever they lead), special files, hard links,
        sub-folders and stray files are errors. Paths are strings: thousands of Path objects
        cost more than the reads."""
        found: dict[str, list[str]] = {s: [] for s in suffixes}
        rf = rel(folder, self.root)
        if folder.is_symlink():
            self.error(rf, 1, 1, "symlink", f"{rf}/ is a symbolic link; make it a real folder")
            return found
        if not folder.is_dir():
            return found
        listing = self._walked(rf)
        if listing is None:  # not listed by the walk of its tree (which could not list it)
            # os.scandir, not Path.iterdir: its entries know their type without a stat each, and
            # sorting names is cheaper than sorting Paths (the same order within one folder).
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
            listing = [(e, inventory_mod.kind_problem(e, f"{rf}/{inventory_mod.shown_name(e.name)}")) for e in entries]
        for e, problem in listing:
            if problem:
                rp = f"{rf}/{inventory_mod.shown_name(e.name)}"
                self.error(rp, 1, 1, *problem, causes=self._failed(rp))
                continue
            if e.is_dir(follow_symlinks=False):
                rp = f"{rf}/{inventory_mod.shown_name(e.name)}"
                self.error(
                    rp, 1, 1, "unexpected-folder", f"unexpected folder in {rf}/: records are never read from sub-folders; move them up"
                )
                continue
            suffix = next((s for s in suffixes if e.name.endswith(s)), None)
            if suffix is not None:
                found[suffix].append(e.path)
            elif e.name not in ALLOWED_EXTRA and not e.name.startswith("."):
                rp = f"{rf}/{inventory_mod.shown_name(e.name)}"
                wanted = " and ".join(f"*{s}" for s in suffixes)
                self.error(
                    rp,
                    1,
                    1,
                    "unexpected-file",
                    f"unexpected file in {rf}/: records are {wanted} files; rename or remove it",
                    causes=self._failed(rp),
                )
        return found

    def _walk_trees(self) -> None:
        """One no-follow walk of facts/ and sources/ (`inventory.scan`), before anything is read:
        it finds what is refused anywhere in them (`_links_elsewhere`), and lists the folders the
        loader reads, each entry with what is wrong with its kind, so that `_scan` looks at no
        entry a second time."""
        for top in ("facts", "sources"):
            if (self.root / top).is_symlink():
                continue  # reported where it is read
            keep = frozenset(RECORD_DIRS) if top == "facts" else frozenset({""})
            self.walks[top] = inventory_mod.scan(self.root, top, keep=keep, listings=self.listings)

    def _walked(self, rf: str) -> list[tuple[os.DirEntry[str], inventory_mod.Problem | None]] | None:
        """The walk's listing of the folder `rf` (under the root), if it listed it."""
        top, _, sub = rf.partition("/")
        walk = self.walks.get(top)
        return walk.listings.get(sub) if walk is not None else None

    def _links_elsewhere(self) -> None:
        """Links, pipes, hard links and unsafe names anywhere else under facts/ and sources/ (a
        folder the loader never reads, the top of facts/): nothing reads them, and they are
        refused all the same, as under docs/. The folders read above have reported their own
        entries."""
        scanned = {"sources", *(f"facts/{d}" for d in RECORD_DIRS)}
        for top in ("facts", "sources"):
            if top not in self.walks:
                continue  # a link, reported above
            for d in self.walks[top].problems:
                if (d.code in inventory_mod.KIND_CODES or d.code == "unsafe-name") and d.path.rsplit("/", 1)[0] not in scanned:
                    self.diags.append(d)

    def _read_record(self, path: str, rtype: str) -> tuple[Record | None, dict[str, Any] | None]:
        rp = self._rel(path)
        try:
            raw = self._read_bytes(path)
        except FileTooLarge as exc:
            self.error(rp, 1, 1, "file-too-large", f"file is {exc.size:,} bytes; records may be at most {MAX_FILE_BYTES:,} bytes")
            return None, None
        except OSError as exc:
            self.error(rp, 1, 1, "unreadable", f"cannot read file: {exc.strerror}", causes=self._failed(rp))
            return None, None
        key = self.cache.key(rtype, raw)
        entry = self.cache.get(key)
        located: Located | None = None
        if entry is None:
            try:
                located = _load_yaml(raw)
            except YamlError as exc:
                entry = {"yaml_error": [exc.line, exc.col, exc.code, exc.message]}
            else:
                problems = schema.validate(rtype, located)
                entry = {"data": located.data, "problems": problems}
            self.cache.put(key, entry)
        if "yaml_error" in entry:
            line, col, code, message = entry["yaml_error"]
            self.error(rp, line, col, code, message, causes=self._failed(rp, raw))
            return None, None
        if located is None:
            located = yamlsafe.LazyLocated(entry["data"], raw)
        if entry["problems"]:
            failed = self._failed(rp, raw)
            for line, col, code, message in entry["problems"]:
                self.error(rp, line, col, code, message, causes=failed)
            return None, None
        data = located.data
        rid = data["id"]
        name = os.path.basename(path)
        stem = name.rsplit(".", 1)[0]
        if not ID_RE.match(stem):
            self.error(
                rp,
                1,
                1,
                "bad-file-name",
                f"file name {name!r} is not a valid id: use lower-case letters, digits and hyphens",
                causes=self._failed(rp, raw),
            )
            return None, None
        if rid != stem:
            line, col = located.where(("id",))
            twin = Path(path).with_name(f"{rid}.yml") if isinstance(rid, str) and ID_RE.match(rid) else None
            if twin is not None and twin.exists():
                msg = f"id {rid!r} is already the id of {rel(twin, self.root)}; ids are unique: give this record its own id, equal to its file name {stem!r}"
                self.error(rp, line, col, "duplicate-id", msg, causes=self._failed(rp, raw))
            else:
                msg = f"id {rid!r} differs from the file name {stem!r}; they must be equal"
                self.error(rp, line, col, "id-mismatch", msg, causes=self._failed(rp, raw))
            return None, None
        return Record(rid, rp, data, located, digest=key), data

    # -- whole briefing ------------------------------------------------------------------------
    def load(self) -> Briefing:
        b = Briefing(str(self.root))
        self._walk_trees()
        self._load_sources(b)
        facts = self.root / "facts"
        if facts.is_symlink():
            self.error("facts", 1, 1, "symlink", "facts/ is a symbolic link; make it a real folder")
            facts = self.root / "facts" / "\0"  # read nothing through it
        elif not facts.is_dir():
            self.error("facts", 1, 1, "missing-folder", "no facts/ folder: nothing to check")
        for folder, rtype in RECORD_DIRS.items():
            for path in self._scan(facts / folder, (".yml",))[".yml"]:
                b.files_seen += 1
                rec, data = self._read_record(path, rtype)
                if rec is None or data is None:
                    continue
                obj = _BUILDERS[rtype](rec, data)
                table: dict[str, Any] = getattr(b, folder)
                table[rec.id] = obj
        self._links_elsewhere()
        self._load_pages(b)
        self._anchor_through_cache(b)
        self.cache.save()
        return b

    def _anchor_through_cache(self, b: Briefing) -> None:
        """Resolve citations from the cache (and cache what anchors), so a check of an unchanged
        briefing does not search every quote again. Each record's spans are kept in its own cache
        entry (keyed by its bytes) beside the actual sha256 of every source it cites: a changed
        quote or a changed source text is always searched afresh. A citation that does not anchor
        is left to `rules.anchoring.check_anchors`, which reports it."""
        if not self.cache.enabled:
            return
        groups: list[tuple[Record, list[Citation]]] = [(c, c.citations) for c in b.claims.values()]
        groups += [(q, q.citations) for q in b.questions.values()]
        groups += [(src, [nc.citation for nc in src.not_claims]) for src in b.sources.values()]
        for rec, cits in groups:
            entry = self.cache.entry(rec.digest)
            if not cits or entry is None:
                continue
            sources = [b.sources.get(cit.source) for cit in cits]
            shas = [src.actual_sha256 if src is not None and src.text is not None else None for src in sources]
            known = entry.get("anchors")
            if known is not None and known[0] == shas:
                spans = known[1]
            else:
                spans = [_anchor_or_none(src, cit) for src, cit in zip(sources, cits)]
                self.cache.update(rec.digest, "anchors", [shas, spans])
            for cit, src, hit in zip(cits, sources, spans):
                if hit is not None:
                    cit.span = _cached_span(src.text.text, hit)  # type: ignore[union-attr]

    def _load_sources(self, b: Briefing) -> None:
        folder = self.root / "sources"
        if folder.is_symlink():
            self.error("sources", 1, 1, "symlink", "sources/ is a symbolic link; make it a real folder")
            return
        if not folder.is_dir():
            self.error("sources", 1, 1, "missing-folder", "no sources/ folder: claims have nothing to cite")
            return
        found = self._scan(folder, (".yml", ".txt", ARCHIVE_SUFFIX))
        texts = {os.path.basename(p)[: -len(".txt")]: p for p in found[".txt"]}
        where = rel(folder, self.root)
        archives = {os.path.basename(p)[: -len(ARCHIVE_SUFFIX)]: p for p in found[ARCHIVE_SUFFIX]}
        for path in found[".yml"]:
            b.files_seen += 1
            rec, data = self._read_record(path, "source")
            if rec is None or data is None:
                continue
            src = _build_source(rec, data)
            text_path = texts.pop(rec.id, None)
            src.text_path = f"{where}/{rec.id}.txt"  # rel(folder / name): the id is a plain name (ID_RE)
            if text_path is None:
                line, col = rec.where("sha256")
                self.error(
                    rec.path,
                    line,
                    col,
                    "source-text-missing",
                    f"the text file {src.text_path} is missing; restore it byte for byte",
                    causes=(text_key(rec.id),),
                    follows_from=(record_key(src.text_path),),  # there but refused (a link out of the repository)
                )
            else:
                try:
                    raw = self._read_bytes(text_path)
                except FileTooLarge as exc:
                    why = (
                        f"source text is {exc.size:,} bytes; a stored source may be at most {MAX_FILE_BYTES:,} bytes "
                        "(1 MiB): store the article's text only, or split a long document into sources of its parts"
                    )
                    self.error(src.text_path, 1, 1, "source-too-large", why)
                    raw = None
                except OSError as exc:
                    self.error(src.text_path, 1, 1, "unreadable", f"cannot read file: {exc.strerror}", causes=(text_key(rec.id),))
                    raw = None
                if raw is not None:
                    src.actual_sha256 = hashlib.sha256(raw).hexdigest()
                    try:
                        src.text = SourceText(raw.decode("utf-8"))
                    except UnicodeDecodeError as exc:
                        line, col = yamlsafe.utf8_error_position(raw, exc)
                        msg = f"source text is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
                        self.error(src.text_path, line, col, "not-utf8", msg, causes=(text_key(rec.id),))
            self._check_archive(rec, data, archives.pop(rec.id, None))
            b.sources[rec.id] = src
        records = {os.path.basename(p)[: -len(".yml")] for p in found[".yml"]}
        for stem, path in sorted(texts.items()):
            if stem in records:
                continue  # its record exists but did not load: that record's errors say why
            self.error(
                self._rel(path), 1, 1, "source-without-record", f"source text has no metadata record sources/{stem}.yml; add one"
            )
        for stem, path in sorted(archives.items()):
            if stem not in records:
                self.error(self._rel(path), 1, 1, "archive-without-record", f"archive has no source record sources/{stem}.yml; remove it")

    def _check_archive(self, rec: Record, data: dict[str, Any], path: str | None) -> None:
        """`sources/ID.warc.gz`, the original a text was extracted from (`briefing.archive`): it
        exists exactly when the record has `archive:`, is within the size limit, and has the
        recorded sha256. Its content is checked by `python -m briefing reextract`, not here."""
        declared = data.get("archive")
        rp = f"sources/{rec.id}{ARCHIVE_SUFFIX}"
        if path is None:
            if declared is not None:
                line, col = rec.where("archive")
                self.error(rec.path, line, col, "archive-missing", f"the archive {rp} is missing; restore it, or remove archive: if there never was one")
            return
        if declared is None:
            why = f"archive {rp} is not named by {rec.path}; add-source writes it with an archive: entry (sha256, media_type, extractor); add that or remove the file"
            self.error(rp, 1, 1, "archive-without-record", why)
            return
        try:
            size = len(self.preread[path]) if path in self.preread else os.stat(path).st_size
            raw = None if size > MAX_ARCHIVE_BYTES else self._read_bytes(path, MAX_ARCHIVE_BYTES)
        except OSError as exc:
            self.error(rp, 1, 1, "unreadable", f"cannot read file: {exc.strerror}")
            return
        if raw is None:
            limit = MAX_ARCHIVE_BYTES // (1024 * 1024)
            self.error(rp, 1, 1, "archive-too-large", f"archive is {size:,} bytes, over the limit of {limit} MiB; keep a smaller original")
        elif hashlib.sha256(raw).hexdigest() != declared["sha256"]:
            line, col = rec.where("archive", "sha256")
            why = f"the sha256 of {rp} differs from the one recorded here; an archive never changes: restore it byte for byte"
            self.error(rec.path, line, col, "archive-hash-mismatch", why)

    def _load_pages(self, b: Briefing) -> None:
        """Every page the site build renders, as the site generator reads it (the inventory).
        What the build itself wrote into the generated folders (files with its mark) is its
        output, replaced or deleted before rendering: `rules.site_files` checks those folders.
        A page whose front matter does not read is reported once, not checked further."""
        inv = self.inventory if self.inventory is not None else inventory_mod.load(self.root, skip=is_build_output)
        b.inventory = inv
        self.diags.extend(inv.problems)
        for f in inv.pages():
            if is_build_output(f.src_uri, f.text):
                continue
            page, problems = page_from(f)
            if problems:
                raw = (f.text or "").encode("utf-8", "surrogatepass")
                for line, col, code, message in problems:
                    self.error(f.path, line, col, code, message, causes=self._failed(f.path, raw))
                continue
            if page is not None:
                b.pages.append(page)


def is_build_output(src_uri: str, text: str | None) -> bool:
    """A file the build wrote from the records: in a generated folder, not its index, with the mark."""
    parts = src_uri.split("/")
    return (
        len(parts) == 2
        and parts[0] in GENERATED_DIRS
        and parts[1] != "index.md"
        and parts[1].endswith(".md")
        and text is not None
        and GENERATED_MARK in text
    )


def load_briefing(
    root: Path | str,
    use_cache: bool = True,
    preread: dict[str, bytes] | None = None,
    inventory: Inventory | None = None,
    listings: dict[str, list[os.DirEntry[str]]] | None = None,
) -> tuple[Briefing, list[Diagnostic]]:
    loader = Loader(Path(root), use_cache=use_cache, preread=preread, inventory=inventory, listings=listings)
    briefing = loader.load()
    return briefing, loader.diags


# -- YAML + cache plumbing -------------------------------------------------------------------------


def _load_yaml(raw: bytes) -> Located:
    located = yamlsafe.load(raw)
    if not isinstance(located.data, dict):
        line, col = located.where(())
        raise YamlError(line, col, "not-a-mapping", f"a record must be a mapping of keys to values, not {schema.describe(located.data)}")
    return located


def _anchor_or_none(src: Source | None, cit: Citation) -> list[Any] | None:
    """A citation's span as the cache stores it, or None if it does not anchor (or has no text)."""
    if src is None or src.text is None:
        return None
    try:
        span = anchor(src.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
    except AnchorError:
        return None
    return [span.start, span.end, [list(p) for p in span.pieces]]


def _cached_span(text: str, hit: list[Any]) -> Span:
    """The Span `anchor` returns for these offsets (tests/test_bench_generator.py checks they agree)."""
    start, end, pieces = hit
    return Span(start, end, text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], tuple(tuple(p) for p in pieces))


# -- builders: validated dicts to model objects ----------------------------------------------------


def _date(d: dict[str, Any] | None) -> DateInfo | None:
    if d is None:
        return None
    return DateInfo(d.get("value"), d["precision"], d.get("end"), d.get("resolved_from"), d.get("basis"), d.get("note"))


def _citations(items: list[dict[str, Any]], key: str = "citations") -> list[Citation]:
    return [Citation(c["source"], c["quote"], c.get("prefix"), c.get("suffix"), c.get("occurrence"), (key, i)) for i, c in enumerate(items)]


def _base(rec: Record) -> dict[str, Any]:
    return {"id": rec.id, "path": rec.path, "data": rec.data, "located": rec.located, "digest": rec.digest}


def _build_claim(rec: Record, d: dict[str, Any]) -> Claim:
    return Claim(
        **_base(rec),
        statement=d["statement"],
        kind=d["kind"],
        speaker=d.get("speaker"),
        relayed_by=d.get("relayed_by"),
        topics=list(d["topics"]),
        entities=list(d["entities"]),
        date=_date(d.get("date")),
        citations=_citations(d["citations"]),
        based_on=list(d.get("based_on", [])),
        basis=d.get("basis"),
        note=d.get("note"),
    )


def _build_entity(rec: Record, d: dict[str, Any]) -> Entity:
    return Entity(
        **_base(rec), name=d["name"], type=d["type"], aliases=list(d.get("aliases", [])), description=d.get("description"), url=d.get("url")
    )


def _build_topic(rec: Record, d: dict[str, Any]) -> Topic:
    return Topic(**_base(rec), name=d["name"], description=d["description"])


def _build_judgment(rec: Record, d: dict[str, Any]) -> Judgment:
    return Judgment(
        **_base(rec),
        kind=d["kind"],
        statement=d["statement"],
        likelihood=d.get("likelihood"),
        question=d.get("question"),
        confidence=d.get("confidence"),
        confidence_reason=d.get("confidence_reason"),
        rests_on=list(d["rests_on"]),
        reasoning=d["reasoning"],
        order=d.get("order", 0),
    )


def _build_question(rec: Record, d: dict[str, Any]) -> Question:
    return Question(
        **_base(rec),
        question=d["question"],
        citations=_citations(d["citations"]),
        discussion=d["discussion"],
        related_claims=list(d.get("related_claims", [])),
        order=d.get("order", 0),
    )


def _build_source(rec: Record, d: dict[str, Any]) -> Source:
    not_claims = [
        NotClaim(Citation(rec.id, n["quote"], n.get("prefix"), n.get("suffix"), n.get("occurrence"), ("not_claims", i)), n["reason"])
        for i, n in enumerate(d.get("not_claims", []))
    ]
    return Source(
        **_base(rec),
        title=d["title"],
        title_note=d.get("title_note"),
        publisher=d["publisher"],
        url=d["url"],
        language=d["language"],
        published=_date(d["published"]),
        retrieved=_date(d["retrieved"]),
        sha256=d["sha256"],
        note=d.get("note"),
        not_claims=not_claims,
    )


_BUILDERS = {
    "claim": _build_claim,
    "entity": _build_entity,
    "topic": _build_topic,
    "judgment": _build_judgment,
    "question": _build_question,
}
