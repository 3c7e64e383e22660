"""Each claim's history, read from git: when it was added, every correction, its withdrawal.

One `git log --raw` over `facts/claims/` and `facts/judgments/` lists every commit of main's
first-parent chain (what was merged, see FIRST_PARENT) that touched a claim or key-judgment
file with the blob ids before and after; one `git cat-file --batch`
reads those blobs, and the source texts the quotes were anchored against at each commit are
looked up (`--batch-check`) and read (`--batch`) the same way. Five git processes in all,
whatever the number of records or commits.

A change is recorded when it alters what a claim says or cites: its statement, kind, speaker,
date, or the source words its citations resolve to (a quote re-worded to pick the same words
is not a change). Edits to topics, entities or notes are not corrections and are not listed.
Key judgments are records too: a change to a judgment's statement, kind (finding or
assessment), question, likelihood, confidence or the claims it rests on is a correction of the
judgment. So is a change to what readers are told of a topic (its name and description), an
open question (the question and its discussion) or an entity (its name and description).

The briefing's pages are prose, rewritten for readability as often as corrected: a change to a
page (its title, description or text) is a correction when the commit says so, with a message
that starts "Correct" (`Correct topics/offer.md: …`); it is then listed with the paragraphs
that changed, before and after.

A revision that is not a valid record (the file does not parse, is not a mapping, has no
statement) is skipped, never shown as a state: the record's history goes from its last valid
revision to its next one, and `History.skipped` keeps what was skipped and why.

`withdrawn_ids` is the cheap part for the checks: one `git log --diff-filter=D` that tells which
claim ids were withdrawn, when and why, so a stale reference can say so.

Anything that prevents reading the history (git missing, not a repository, a shallow clone, a
tarball, an unexpected git error) gives a `History` with `available=False` and the reason: the
build goes on and says the history is unavailable. Output depends only on the repository's
state, never on the clock.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from briefing import yamlsafe
from briefing.anchor import AnchorError, SourceText, anchor

CLAIMS_DIR = "facts/claims/"
JUDGMENTS_DIR = "facts/judgments/"
TOPICS_DIR = "facts/topics/"
QUESTIONS_DIR = "facts/questions/"
ENTITIES_DIR = "facts/entities/"
DOCS_DIR = "docs/"
# Pages the build writes from the records (their index.md aside): never corrected by hand.
_GENERATED_PAGE_DIRS = ("entities", "claims", "source")
SOURCES_DIR = "sources/"
TRACKED = ("statement", "kind", "speaker", "date", "citations")
JUDGMENT_TRACKED = ("statement", "kind", "question", "likelihood", "confidence", "rests_on")
RECORD_DIRS = {"claim": CLAIMS_DIR, "judgment": JUDGMENTS_DIR, "topic": TOPICS_DIR, "question": QUESTIONS_DIR, "entity": ENTITIES_DIR}
TRACKED_BY_RECORD = {
    "claim": TRACKED,
    "judgment": JUDGMENT_TRACKED,
    "topic": ("name", "description"),
    "question": ("question", "discussion"),
    "entity": ("name", "description"),
    "page": ("title", "description", "body"),
}
RECORD_LABELS = {"claim": "claim", "judgment": "key judgment", "topic": "topic", "question": "open question", "entity": "entity", "page": "page"}
_CORRECT_SUBJECT = re.compile(r"^\s*correct(?:ed|ion|s)?\b", re.IGNORECASE)
FIELD_LABELS = {
    "statement": "statement",
    "kind": "kind",
    "speaker": "speaker",
    "date": "date",
    "citations": "citations",
    "likelihood": "likelihood",
    "question": "question",
    "confidence": "confidence",
    "rests_on": "rests on",
    "name": "name",
    "description": "description",
    "discussion": "discussion",
    "title": "title",
    "body": "text",
}
EVENT_KINDS = ("added", "corrected", "withdrawn", "restored")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # with .match: the whole name, no final newline
_TRAILER_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$")
_TYPO_TAG = re.compile(r"\[typo\]", re.IGNORECASE)
_TIMEOUT = 600
# What was merged, not how: main's first-parent chain, each merge compared with the main it was
# merged into. A pull request's own commits sit on a merge's second parent, so none of them can
# plant a past (a sentence added to a source and taken out again, a claim added and withdrawn)
# that main never published.
FIRST_PARENT = ("--first-parent", "--diff-merges=first-parent")


class GitUnavailable(Exception):
    """Why the history cannot be read here."""


# -- records -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteState:
    """One citation as written at a commit, and the source words it resolved to there."""

    source: str
    quote: str
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    shown: str | None = None  # the source's own words at that commit; None when the quote was not found
    start: int | None = None
    end: int | None = None

    def key(self) -> tuple[Any, ...]:
        """What the citation cites: the source words and where, or the quote when unresolved."""
        if self.shown is not None:
            return (self.source, self.shown, self.start, self.end)
        return (self.source, self.quote, self.prefix, self.suffix, self.occurrence)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "occurrence": self.occurrence,
            "shown": self.shown,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class ClaimState:
    """What a record said at one commit (only the fields whose change is a correction).

    Claims use statement, kind, speaker, date and citations; key judgments use statement, kind
    (finding or assessment), question, likelihood, confidence and rests_on."""

    statement: str | None = None
    kind: str | None = None
    speaker: str | None = None
    date: dict[str, Any] | None = None
    citations: tuple[QuoteState, ...] = ()
    problem: str | None = None  # the file could not be read at that commit
    likelihood: str | None = None
    rests_on: tuple[str, ...] = ()
    question: str | None = None
    confidence: str | None = None
    record: str = "claim"  # claim | judgment | topic | question | entity | page
    name: str | None = None  # topics, entities
    description: str | None = None  # topics, entities, pages
    discussion: str | None = None  # open questions
    title: str | None = None  # pages
    body: tuple[str, ...] = ()  # pages: the paragraphs of prose, macro calls left out

    def value(self, name: str) -> Any:
        if name == "citations":
            return tuple(q.key() for q in self.citations)
        if name == "date":
            return tuple(sorted((self.date or {}).items()))
        return getattr(self, name)

    def as_dict(self) -> dict[str, Any]:
        if self.record not in ("claim", "judgment"):
            return {f: (list(self.body) if f == "body" else getattr(self, f)) for f in TRACKED_BY_RECORD[self.record]}
        if self.record == "judgment":
            return {
                "statement": self.statement,
                "kind": self.kind,
                "question": self.question,
                "likelihood": self.likelihood,
                "confidence": self.confidence,
                "rests_on": list(self.rests_on),
            }
        out: dict[str, Any] = {
            "statement": self.statement,
            "kind": self.kind,
            "speaker": self.speaker,
            "date": self.date,
            "citations": [q.as_dict() for q in self.citations],
        }
        if self.problem:
            out["problem"] = self.problem
        return out


@dataclass(frozen=True)
class Event:
    """One step in a record's history (a claim's, or a key judgment's when `record` says so)."""

    claim_id: str  # the record's id (a judgment id when record == "judgment")
    kind: str  # added | corrected | withdrawn | restored
    commit: str
    date: str  # the commit's committer date, ISO 8601
    subject: str
    message: str  # the whole commit message without its trailers
    trailers: tuple[tuple[str, str], ...]
    changed: tuple[str, ...]  # the TRACKED fields that differ (corrected, restored)
    before: ClaimState | None
    after: ClaimState | None
    order: int  # position in the repository's topological order, oldest first
    record: str = "claim"  # claim | judgment

    @property
    def short(self) -> str:
        return self.commit[:10]

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def correction_type(self) -> str | None:
        for k, v in self.trailers:
            if k.lower() == "correction-type" and v.strip():
                return v.strip().lower()
        return "typo" if _TYPO_TAG.search(self.message) else None

    @property
    def typo(self) -> bool:
        return self.correction_type == "typo"

    @property
    def replaced_by(self) -> tuple[str, ...]:
        return _replaced_by(self.trailers)

    @property
    def reason(self) -> str:
        """The message, without a leading "Withdraw <id>:" that only repeats what the page says."""
        return withdrawal_reason(self.message, self.claim_id)

    @property
    def state(self) -> ClaimState | None:
        """The claim as it stood after this event (before it, for a withdrawal)."""
        return self.before if self.kind == "withdrawn" else self.after

    def as_dict(self) -> dict[str, Any]:
        return {
            "event": self.kind,
            "commit": self.commit,
            "date": self.date,
            "subject": self.subject,
            "message": self.message,
            "correction_type": self.correction_type,
            "changed": list(self.changed),
            "before": self.before.as_dict() if self.before else None,
            "after": self.after.as_dict() if self.after else None,
        }


@dataclass
class BuildInfo:
    """The commit the site is built from: its date is the 'last verified' date of every page."""

    commit: str | None = None
    date: str | None = None  # committer date, ISO 8601
    dirty: bool = False
    reason: str = ""  # why commit/date are unknown

    @property
    def known(self) -> bool:
        return self.commit is not None and self.date is not None


@dataclass(frozen=True)
class SkippedRevision:
    """A commit at which a record's file was not a valid record: left out of its history."""

    record_id: str
    record: str  # claim | judgment
    commit: str
    date: str
    problem: str


@dataclass
class History:
    available: bool
    reason: str = ""  # why it is unavailable
    events: dict[str, list[Event]] = field(default_factory=dict)  # claim id -> oldest first
    build: BuildInfo = field(default_factory=BuildInfo)
    judgment_events: dict[str, list[Event]] = field(default_factory=dict)  # judgment id -> oldest first
    skipped: list[SkippedRevision] = field(default_factory=list)  # invalid revisions, oldest first
    # Topics, open questions, entities and pages: (record type, id or page path) -> oldest first.
    other_events: dict[tuple[str, str], list[Event]] = field(default_factory=dict)

    def of(self, cid: str) -> list[Event]:
        return self.events.get(cid, [])

    def of_judgment(self, jid: str) -> list[Event]:
        return self.judgment_events.get(jid, [])

    def withdrawn(self, current: Iterable[str]) -> dict[str, Event]:
        """Claims whose file was deleted and not restored: id -> the withdrawal."""
        now = set(current)
        out = {}
        for cid, evs in sorted(self.events.items()):
            if evs and evs[-1].kind == "withdrawn" and cid not in now:
                out[cid] = evs[-1]
        return out

    def corrections(self) -> list[Event]:
        """Every change that altered what a claim, key judgment, topic, open question or entity
        says or cites, and every correction of a page, newest first."""
        tables = (self.events, self.judgment_events, self.other_events)
        evs = [e for table in tables for lst in table.values() for e in lst if e.kind != "added"]
        return sorted(evs, key=lambda e: (-e.order, e.record, e.claim_id))

    def status(self) -> dict[str, Any]:
        return {"available": self.available, "reason": self.reason or None}


def _replaced_by(trailers: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The ids named by `Replaced-By:` trailers (comma- or space-separated, repeatable)."""
    return tuple(x for k, v in trailers if k.lower() == "replaced-by" for x in re.split(r"[\s,]+", v) if x)


def withdrawal_reason(message: str, record_id: str) -> str:
    """A withdrawal's reason: its commit message without a leading "Withdraw <id>:" (which only
    repeats what the page already says) and without a [typo] tag."""
    text = _TYPO_TAG.sub("", message).strip()
    verb = r"(?:withdraw|withdrawn|withdraws|withdrawing|remove|delete|drop)"
    pat = rf"^{verb}\s+(?:(?:the\s+)?(?:key\s+)?(?:claim|judgment)\s+)?[`'\"]?{re.escape(record_id)}[`'\"]?\s*[:\-–—]\s*"
    rest = re.sub(pat, "", text, count=1, flags=re.IGNORECASE).strip()
    return rest[:1].upper() + rest[1:] if rest and rest != text else text


# -- git plumbing -------------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env.update({"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    return env


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    cmd = ["git", "-C", str(root), "-c", "log.follow=false", "-c", "log.showSignature=false", "-c", "core.quotepath=off", *args]
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=_TIMEOUT, check=False, env=_env())
    except FileNotFoundError:
        raise GitUnavailable("git is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitUnavailable(f"git could not run ({exc.__class__.__name__})") from None
    if p.returncode != 0:
        first = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(f"git {args[0]} failed: {first[0] if first else 'exit ' + str(p.returncode)}")
    return p.stdout


def build_info(root: Path) -> BuildInfo:
    """HEAD's commit and committer date, and whether tracked files differ from it."""
    try:
        out = _git(root, "log", "-1", "--no-show-signature", "--format=%H%x00%cI", "HEAD").decode("utf-8", "replace").strip()
        sha, _, date = out.partition("\x00")
        if not sha or not date:
            return BuildInfo(reason="no commit")
        dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no").strip())
    except GitUnavailable as exc:
        reason = str(exc)
        if "not a git repository" in reason:
            reason = "not a git checkout"
        return BuildInfo(reason=reason)
    return BuildInfo(sha, date, dirty)


def _prefix(root: Path) -> str:
    if _git(root, "rev-parse", "--is-inside-work-tree").strip() != b"true":
        raise GitUnavailable("not inside a git work tree")
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise GitUnavailable("this is a shallow clone, so the full history is not here (clone with the whole history, e.g. fetch-depth: 0)")
    _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()


@dataclass
class _Commit:
    sha: str
    parents: list[str]
    date: str
    message: str
    entries: list[tuple[str, str, str, str]] = field(default_factory=list)  # (status, old blob, new blob, path)


def _log(root: Path) -> list[_Commit]:
    raw = _git(
        root,
        "log",
        "-z",
        "--reverse",
        "--topo-order",
        *FIRST_PARENT,
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--no-show-signature",
        "--encoding=UTF-8",
        "--format=%x1e%H%x00%P%x00%cI%x00%B",
        "--",
        CLAIMS_DIR,
        JUDGMENTS_DIR,
        TOPICS_DIR,
        QUESTIONS_DIR,
        ENTITIES_DIR,
        DOCS_DIR,
    )
    tokens = raw.decode("utf-8", "replace").split("\x00")
    commits: list[_Commit] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i].lstrip("\n")
        if tok.startswith("\x1e"):
            if i + 3 >= len(tokens):
                raise GitUnavailable("git log output ended early")
            commits.append(_Commit(tok[1:], tokens[i + 1].split(), tokens[i + 2], tokens[i + 3]))
            i += 4
        elif tok.startswith(":") and commits and i + 1 < len(tokens):
            meta = tok[1:].split()
            if len(meta) >= 5:
                commits[-1].entries.append((meta[4][:1], meta[2], meta[3], tokens[i + 1]))
            i += 2
        else:
            i += 1
    return commits


def _cat_batch(root: Path, names: list[str]) -> dict[str, bytes | None]:
    """Read objects by name in one `git cat-file --batch`; None for a missing one."""
    if not names:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode("utf-8"))
    result: dict[str, bytes | None] = {}
    pos = 0
    for name in names:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].decode("utf-8", "replace").split()
        pos = nl + 1
        if len(header) == 3 and header[1] != "missing":
            size = int(header[2])
            result[name] = out[pos : pos + size] if header[1] == "blob" else None
            pos += size + 1
        else:
            result[name] = None
    return result


def _batch_check(root: Path, names: list[str]) -> dict[str, str | None]:
    """Object ids of `rev:path` names in one `git cat-file --batch-check`; None when absent."""
    if not names:
        return {}
    out = _git(root, "cat-file", "--batch-check=%(objectname) %(objecttype)", stdin="".join(n + "\n" for n in names).encode("utf-8"))
    lines = out.decode("utf-8", "replace").splitlines()
    result: dict[str, str | None] = {}
    for name, line in zip(names, lines):
        parts = line.split()
        result[name] = parts[0] if len(parts) == 2 and parts[1] == "blob" else None
    return result


# -- parsing and diffing ------------------------------------------------------------------------------


def split_trailers(message: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The message without its final block of `Key: value` trailers, and the trailers."""
    text = message.strip()
    paras = text.split("\n\n")
    if len(paras) > 1:
        last = [ln for ln in paras[-1].splitlines() if ln.strip()]
        matches = [_TRAILER_RE.match(ln.strip()) for ln in last]
        if last and all(matches):
            trailers = tuple((m.group(1), m.group(2).strip()) for m in matches if m)
            return "\n\n".join(paras[:-1]).strip(), trailers
    return text, ()


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _load_mapping(raw: bytes | None) -> dict[str, Any]:
    """The record's mapping, or {"problem": why} when this revision is not a record with a
    statement at all."""
    data = _load_record(raw)
    if "problem" in data:
        return data
    if not (isinstance(data.get("statement"), str) and data["statement"].strip()):
        return {"problem": "the file had no statement at this commit"}
    return data


def _parse_claim(raw: bytes | None) -> dict[str, Any]:
    data = _load_mapping(raw)
    if "problem" in data:
        return data
    if not isinstance(data.get("kind"), str):
        return {"problem": "the file had no kind at this commit"}
    cits = []
    for c in data.get("citations") or []:
        if isinstance(c, dict) and isinstance(c.get("source"), str) and isinstance(c.get("quote"), str):
            occ = c.get("occurrence")
            cits.append((c["source"], c["quote"], _str(c.get("prefix")), _str(c.get("suffix")), occ if isinstance(occ, int) else None))
    date = data.get("date")
    return {
        "statement": data["statement"],
        "kind": data["kind"],
        "speaker": _str(data.get("speaker")),
        "date": {k: v for k, v in date.items() if isinstance(v, str | int)} if isinstance(date, dict) else None,
        "citations": cits,
    }


def _parse_judgment(raw: bytes | None) -> dict[str, Any]:
    data = _load_mapping(raw)
    if "problem" in data:
        return data
    # Before judgments had kinds, every one carried a likelihood; a finding has none.
    if not isinstance(data.get("likelihood"), str) and data.get("kind") != "finding":
        return {"problem": "the file had no likelihood and is not a finding at this commit"}
    rests = data.get("rests_on")
    return {
        "record": "judgment",
        "statement": data["statement"],
        # Before judgments had kinds, every one was an assessment (it carried a likelihood).
        "kind": _str(data.get("kind")) or "assessment",
        "question": _str(data.get("question")),
        "likelihood": _str(data.get("likelihood")),
        "confidence": _str(data.get("confidence")),
        "rests_on": tuple(x for x in rests if isinstance(x, str)) if isinstance(rests, list) else (),
    }


def _raw_equal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in {k for fields in TRACKED_BY_RECORD.values() for k in fields})


def _load_record(raw: bytes | None) -> dict[str, Any]:
    """A record without a statement (topic, question, entity) as a mapping, or {"problem": why}."""
    if raw is None:
        return {"problem": "the file could not be read at this commit"}
    try:
        data = yamlsafe.load(raw).data
    except yamlsafe.YamlError as exc:
        return {"problem": f"the file was not valid YAML at this commit ({exc.message})"}
    return data if isinstance(data, dict) else {"problem": "the file was not a mapping at this commit"}


def _parser(record: str, fields: tuple[str, ...]) -> Any:
    def parse(raw: bytes | None) -> dict[str, Any]:
        data = _load_record(raw)
        if "problem" in data:
            return data
        if not isinstance(data.get(fields[0]), str):
            return {"problem": f"the file had no {fields[0]} at this commit"}
        return {"record": record, **{f: _str(data.get(f)) for f in fields}}

    return parse


_MACRO_CALL = re.compile(r"\{\{.*?\}\}", re.S)
_SPACE_BEFORE_MARK = re.compile(r" ([.,;:!?])")
_ATTR_LIST = re.compile(r"\{:[^{}\n]*\}")  # `{: #id .class }`: attributes, not words
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def _parse_page(raw: bytes | None) -> dict[str, Any]:
    """A page as readers get it: the title (front matter, or its first heading), the description,
    and its paragraphs of prose with the macro calls left out (what they render is tracked by
    the records they show)."""
    if raw is None:
        return {"problem": "the file could not be read at this commit"}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"problem": "the file was not UTF-8 at this commit"}
    meta: dict[str, Any] = {}
    if m := _FRONT_MATTER.match(text):
        try:
            loaded = yamlsafe.load(m.group(1).encode("utf-8")).data
        except yamlsafe.YamlError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end() :]
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        words = " ".join(_ATTR_LIST.sub("", _MACRO_CALL.sub("", block)).split())
        words = _SPACE_BEFORE_MARK.sub(r"\1", words)  # "said {{ cite(…) }}." reads "said."
        if words:
            blocks.append(words)
    title = _str(meta.get("title")) or next((b[2:].strip() for b in blocks if b.startswith("# ")), None)
    return {"record": "page", "title": title, "description": _str(meta.get("description")), "body": tuple(blocks)}


def page_id(path: str) -> str | None:
    """A hand-written page's path under docs/ ("topics/offer.md"), or None for any other file."""
    p = PurePosixPath(path)
    if not path.startswith(DOCS_DIR) or p.suffix not in (".md", ".markdown", ".mdown", ".mkdn", ".mkd"):
        return None
    rel = str(p.relative_to(DOCS_DIR.rstrip("/")))
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] in _GENERATED_PAGE_DIRS and parts[1] != "index.md":
        return None
    return rel


def page_url(page: str) -> str:
    """A page path under docs/ as its address relative to the site root: "topics/offer.md" -> "topics/offer/"."""
    stem = page.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


class _Anchorer:
    """Anchors quotes against the source text as it was at a given commit, reading each text once."""

    def __init__(self, root: Path, prefix: str) -> None:
        self.root = root
        self.prefix = prefix
        self.blob_of: dict[tuple[str, str], str | None] = {}
        self.texts: dict[str, SourceText | None] = {}
        self.spans: dict[tuple[Any, ...], tuple[str, int, int] | None] = {}

    def _name(self, rev: str, sid: str) -> str:
        return f"{rev}:{self.prefix}{SOURCES_DIR}{sid}.txt"

    def prepare(self, wanted: set[tuple[str, str]]) -> None:
        todo = sorted(w for w in wanted if w not in self.blob_of and _ID_RE.match(w[1]))
        names = [self._name(rev, sid) for rev, sid in todo]
        ids = _batch_check(self.root, names)
        for (rev, sid), name in zip(todo, names):
            self.blob_of[(rev, sid)] = ids.get(name)
        blobs = sorted({b for b in self.blob_of.values() if b and b not in self.texts})
        for blob, data in _cat_batch(self.root, blobs).items():
            try:
                self.texts[blob] = SourceText(data.decode("utf-8")) if data is not None else None
            except UnicodeDecodeError:
                self.texts[blob] = None

    def quote(self, rev: str, c: tuple[str, str, str | None, str | None, int | None]) -> QuoteState:
        sid, quote, prefix, suffix, occ = c
        blob = self.blob_of.get((rev, sid))
        key = (blob, quote, prefix, suffix, occ)
        if key not in self.spans:
            text = self.texts.get(blob) if blob else None
            found = None
            if text is not None:
                try:
                    span = anchor(text, quote, prefix, suffix, occ)
                    found = (span.shown(text.text), span.start, span.end)
                except AnchorError:
                    found = None
            self.spans[key] = found
        hit = self.spans[key]
        if hit is None:
            return QuoteState(sid, quote, prefix, suffix, occ)
        return QuoteState(sid, quote, prefix, suffix, occ, hit[0], hit[1], hit[2])


def _state(raw: dict[str, Any], rev: str, anchorer: _Anchorer) -> ClaimState:
    if raw.get("record") not in (None, "claim", "judgment"):
        return ClaimState(record=raw["record"], **{k: v for k, v in raw.items() if k != "record"})
    if raw.get("record") == "judgment":
        return ClaimState(
            raw["statement"],
            raw["kind"],
            likelihood=raw["likelihood"],
            rests_on=raw["rests_on"],
            question=raw["question"],
            confidence=raw["confidence"],
            record="judgment",
        )
    return ClaimState(raw["statement"], raw["kind"], raw["speaker"], raw["date"], tuple(anchorer.quote(rev, c) for c in raw["citations"]))


def _changed(before: ClaimState, after: ClaimState, tracked: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in tracked if before.value(f) != after.value(f))


# -- the whole history -------------------------------------------------------------------------------


def compute(root: Path | str) -> History:
    """The history of every claim that ever existed under `root`/facts/claims/."""
    root = Path(root)
    build = build_info(root)
    try:
        history = _compute(root)
    except GitUnavailable as exc:
        reason = str(exc)
        if "not a git repository" in reason:
            reason = "this copy has no git history (not a git checkout, e.g. a tarball)"
        history = History(False, reason)
    except (ValueError, IndexError, UnicodeError) as exc:  # unexpected git output: never break the build
        history = History(False, f"the git history could not be read ({exc.__class__.__name__})")
    history.build = build
    return history


def _compute(root: Path) -> History:
    prefix = _prefix(root)
    commits = _log(root)
    dirs = {prefix + d: rec for rec, d in RECORD_DIRS.items()}

    def record_of(path: str) -> tuple[str, str] | None:
        """(record type, id) of a record file directly in one of RECORD_DIRS."""
        p = PurePosixPath(path)
        rec = dirs.get(str(p.parent) + "/")
        if rec is None or p.suffix != ".yml" or not _ID_RE.match(p.stem):
            return None
        return rec, p.stem

    def page_of(c: _Commit, path: str) -> tuple[str, str] | None:
        """("page", path under docs/) of a hand-written page a correcting commit changed."""
        if not path.startswith(prefix) or not _CORRECT_SUBJECT.match(c.message):
            return None
        rel = page_id(path[len(prefix) :])
        return ("page", rel) if rel is not None else None

    zero = re.compile(r"^0+$")
    wanted_blobs: dict[str, str] = {}  # blob -> record type (a blob is one record type's bytes)
    for c in commits:
        for _, old, new, path in c.entries:
            if (rec := record_of(path) or page_of(c, path)) is not None:
                for b in (old, new):
                    if not zero.match(b):
                        wanted_blobs.setdefault(b, rec[0])
    parse = {
        "claim": _parse_claim,
        "judgment": _parse_judgment,
        "topic": _parser("topic", TRACKED_BY_RECORD["topic"]),
        "question": _parser("question", TRACKED_BY_RECORD["question"]),
        "entity": _parser("entity", TRACKED_BY_RECORD["entity"]),
        "page": _parse_page,
    }
    parsed = {sha: parse[wanted_blobs[sha]](data) for sha, data in _cat_batch(root, sorted(wanted_blobs)).items()}

    def valid(blob: str) -> dict[str, Any] | None:
        raw = parsed.get(blob) if not zero.match(blob) else None
        return raw if raw is not None and "problem" not in raw else None

    # Pass 1: which commits change which records, on the raw records. An invalid revision is
    # skipped: the last valid state stands, so the next valid one is compared with it (never
    # with a state that has no statement).
    steps: list[tuple[int, _Commit, tuple[str, str], str, dict[str, Any] | None, dict[str, Any] | None]] = []
    last: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}  # (record, id) -> (present | withdrawn, last valid state)
    skipped: list[SkippedRevision] = []
    for order, c in enumerate(commits):
        for _status, old, new, path in sorted(c.entries, key=lambda e: e[3]):
            if (page := page_of(c, path)) is not None:
                # A page is not a record: only its corrections are listed, from their commits.
                before, after = valid(old), valid(new)
                if before is not None and after is not None and not _raw_equal(before, after):
                    steps.append((order, c, page, "corrected", before, after))
                continue
            key = record_of(path)
            if key is None:
                continue
            prev = last.get(key)
            if not zero.match(new):
                after = valid(new)
                if after is None:
                    problem = (parsed.get(new) or {}).get("problem", "the file could not be read at this commit")
                    skipped.append(SkippedRevision(key[1], key[0], c.sha, c.date, problem))
                    continue
                if prev is None:
                    steps.append((order, c, key, "added", None, after))
                elif prev[0] == "withdrawn":
                    steps.append((order, c, key, "restored", prev[1], after))
                else:
                    # The parent's blob is what this commit changed; when that revision was
                    # skipped, the last valid state is what readers last saw.
                    before = valid(old) or prev[1]
                    if not _raw_equal(before, after):
                        steps.append((order, c, key, "corrected", before, after))
                last[key] = ("present", after)
            elif prev is not None and prev[0] == "present":  # deleted: withdrawn, with its last valid text
                before = valid(old) or prev[1]
                steps.append((order, c, key, "withdrawn", before, None))
                last[key] = ("withdrawn", before)

    # Pass 2: anchor the quotes of every recorded state against the source text of its commit.
    def rev_before(c: _Commit) -> str:
        return c.parents[0] if c.parents else c.sha

    wanted: set[tuple[str, str]] = set()
    for _, c, _, kind, before, after in steps:
        if before is not None and "citations" in before:
            rev = rev_before(c) if kind != "restored" else c.sha
            wanted.update((rev, cit[0]) for cit in before["citations"])
        if after is not None and "citations" in after:
            wanted.update((c.sha, cit[0]) for cit in after["citations"])
    anchorer = _Anchorer(root, prefix)
    anchorer.prepare(wanted)

    tables: dict[str, dict[str, list[Event]]] = {rec: {} for rec in TRACKED_BY_RECORD}
    for order, c, (rec, rid), kind, before, after in steps:
        b_state = _state(before, rev_before(c) if kind != "restored" else c.sha, anchorer) if before is not None else None
        a_state = _state(after, c.sha, anchorer) if after is not None else None
        changed: tuple[str, ...] = ()
        if b_state is not None and a_state is not None:
            changed = _changed(b_state, a_state, TRACKED_BY_RECORD[rec])
            if kind == "corrected" and not changed:
                continue  # only the wording of a quote changed, not the words it resolves to
        message, trailers = split_trailers(c.message)
        subject = message.splitlines()[0].strip() if message else ""
        ev = Event(rid, kind, c.sha, c.date, subject, message, trailers, changed, b_state, a_state, order, rec)
        tables[rec].setdefault(rid, []).append(ev)
    others = {(rec, rid): evs for rec, table in tables.items() if rec not in ("claim", "judgment") for rid, evs in table.items()}
    return History(True, "", tables["claim"], judgment_events=tables["judgment"], skipped=skipped, other_events=others)


# -- withdrawn ids, for the checks ---------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawnInfo:
    """The last withdrawal (file deletion) of a claim id, as the checks report it."""

    claim_id: str
    commit: str
    date: str  # committer date, ISO 8601
    reason: str  # the commit message without its trailers and a leading "Withdraw <id>:"
    replaced_by: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.commit[:10]

    @property
    def day(self) -> str:
        return self.date[:10]

    def diagnostic(self) -> str:
        """One line: "claim 'x' was withdrawn in <short sha> (<date>): <reason>"."""
        first = " ".join(self.reason.split("\n\n", 1)[0].split())  # one line: the first paragraph
        out = f"claim {self.claim_id!r} was withdrawn in {self.short} ({self.day})" + (f": {first}" if first else "")
        if self.replaced_by:
            out += "; cite " + " or ".join(repr(r) for r in self.replaced_by) + " instead"
        return out


def withdrawn_ids(root: Path | str) -> dict[str, WithdrawnInfo]:
    """Every claim id whose file was deleted in the history of HEAD -> its latest withdrawal.

    One `git log --diff-filter=D --name-only` over facts/claims/. Ids whose file exists again
    are included too (the caller asks only about ids it does not know). Never raises: without
    git, outside a repository or on any git error the answer is {}; a shallow clone answers
    with the deletions its history holds (none before its cut-off, and never a false one)."""
    try:
        raw = _git(
            Path(root),
            "log",
            "-z",
            *FIRST_PARENT,
            "--diff-filter=D",
            "--no-renames",
            "--name-only",
            "--relative",  # paths relative to root, even when root is a subfolder of the repository
            "--no-show-signature",
            "--encoding=UTF-8",
            "--format=%x1e%H%x00%cI%x00%B",
            "--",
            CLAIMS_DIR,
        )
    except GitUnavailable:
        return {}
    out: dict[str, WithdrawnInfo] = {}
    for chunk in raw.decode("utf-8", "replace").split("\x1e")[1:]:
        parts = chunk.split("\x00")
        if len(parts) < 3:
            continue
        sha, date, body = parts[0], parts[1], parts[2]
        message, trailers = split_trailers(body)
        replaced = _replaced_by(trailers)
        for name in parts[3:]:
            p = PurePosixPath(name.strip("\n"))
            if str(p.parent) + "/" != CLAIMS_DIR or p.suffix != ".yml" or not _ID_RE.match(p.stem):
                continue
            if p.stem not in out:  # newest first: the latest withdrawal wins
                out[p.stem] = WithdrawnInfo(p.stem, sha, date, withdrawal_reason(message, p.stem), replaced)
    return out


def claim_file_events(root: Path | str) -> list[tuple[str, str, tuple[tuple[str, str], ...]]] | None:
    """Every commit of HEAD's history that added or deleted a claim file, oldest first, as
    (commit, message, ((status "A" or "D", claim id), ...)); None when there is no history to read
    (no git, not a repository, any git error).

    One `git log --diff-filter=AD --name-status` over facts/claims/: what the check that refuses
    a withdrawn id coming back needs, and nothing more (no blobs read)."""
    try:
        raw = _git(
            Path(root),
            "log",
            "-z",
            "--reverse",
            "--topo-order",
            *FIRST_PARENT,
            "--diff-filter=AD",
            "--no-renames",
            "--name-status",
            "--relative",  # paths relative to root, even when root is a subfolder of the repository
            "--no-show-signature",
            "--encoding=UTF-8",
            "--format=%x1e%H%x00%B",
            "--",
            CLAIMS_DIR,
        )
    except GitUnavailable:
        return None
    out: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    for chunk in raw.decode("utf-8", "replace").split("\x1e")[1:]:
        parts = chunk.split("\x00")
        if len(parts) < 2:
            continue
        sha, message, rest = parts[0], parts[1], parts[2:]
        changes = []
        for status, name in zip(rest[0::2], rest[1::2]):
            p = PurePosixPath(name)
            status = status.strip()
            if status in ("A", "D") and str(p.parent) + "/" == CLAIMS_DIR and p.suffix == ".yml" and _ID_RE.match(p.stem):
                changes.append((status, p.stem))
        out.append((sha, message, tuple(changes)))
    return out


# -- the base a pull request is compared with ----------------------------------------------------------

DEFAULT_BASES = ("main", "origin/main")


@dataclass(frozen=True)
class Base:
    """The commit the working tree is compared with: the merge base of HEAD and `ref`."""

    ref: str
    commit: str

    @property
    def short(self) -> str:
        return self.commit[:10]


def find_base(root: Path | str, ref: str | None) -> Base | None:
    """The merge base of HEAD and `ref` (by default the first of `main`, `origin/main` that
    exists), or None when there is nothing to compare with (no git, no such branch). Raises
    GitUnavailable when `ref` was asked for by name and cannot be used."""
    root = Path(root)
    for name in [ref] if ref else DEFAULT_BASES:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
            out = _git(root, "merge-base", "HEAD", name).decode("ascii", "replace").strip()
        except GitUnavailable:
            if ref:
                raise GitUnavailable(f"{ref!r} is not a commit of this repository, or has nothing in common with HEAD") from None
            continue
        if out:
            return Base(name, out)
    return None


def files_at(root: Path | str, commit: str, folder: str) -> dict[str, str]:
    """Every file under `folder` (relative to `root`) at `commit`: path -> blob id."""
    raw = _git(Path(root), "ls-tree", "-r", "-z", "--end-of-options", commit, "--", folder)
    out: dict[str, str] = {}
    for entry in raw.decode("utf-8", "surrogateescape").split("\x00"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            out[path] = parts[2]
    return out


def changes_since(root: Path | str, base: str, folder: str) -> list[tuple[str, str, str]]:
    """Every change to a file under `folder` in the commits after `base` up to HEAD, all of them
    (a pull request's own commits included): (commit, status letter, path), oldest first."""
    raw = _git(
        Path(root),
        "log",
        "-z",
        "--reverse",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--relative",
        "--format=%x1e%H",
        f"{base}..HEAD",
        "--",
        folder,
    )
    out: list[tuple[str, str, str]] = []
    for chunk in raw.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        tokens = chunk.split("\x00")
        sha = tokens[0].strip()
        for meta, path in zip(tokens[1::2], tokens[2::2]):
            if meta.startswith((":", "\n:")):
                out.append((sha, meta.split()[-1][:1], path))
    return out


def blobs(root: Path | str, ids: list[str]) -> dict[str, bytes | None]:
    """The bytes of blobs by id (one `git cat-file --batch`)."""
    return _cat_batch(Path(root), ids)
