"""Each claim's history, read from git: when it was added, every correction, its withdrawal.

One `git log --raw` over `facts/claims/` lists every commit that touched a claim file with the
blob ids before and after; one `git cat-file --batch` reads those blobs, and the source texts
the quotes were anchored against at each commit are looked up (`--batch-check`) and read
(`--batch`) the same way. Five git processes in all, whatever the number of claims or commits.

A change is recorded when it alters what a claim says or cites: its statement, kind, speaker,
date, or the source words its citations resolve to (a quote re-worded to pick the same words
is not a change). Edits to topics, entities or notes are not corrections and are not listed.

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
SOURCES_DIR = "sources/"
TRACKED = ("statement", "kind", "speaker", "date", "citations")
FIELD_LABELS = {"statement": "statement", "kind": "kind", "speaker": "speaker", "date": "date", "citations": "citations"}
EVENT_KINDS = ("added", "corrected", "withdrawn", "restored")
_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TRAILER_RE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$")
_TYPO_TAG = re.compile(r"\[typo\]", re.IGNORECASE)
_TIMEOUT = 600


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
    """What a claim said at one commit (only the fields whose change is a correction)."""

    statement: str | None = None
    kind: str | None = None
    speaker: str | None = None
    date: dict[str, Any] | None = None
    citations: tuple[QuoteState, ...] = ()
    problem: str | None = None  # the file could not be read at that commit

    def value(self, name: str) -> Any:
        if name == "citations":
            return tuple(q.key() for q in self.citations)
        if name == "date":
            return tuple(sorted((self.date or {}).items()))
        return getattr(self, name)

    def as_dict(self) -> dict[str, Any]:
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
    """One step in a claim's history."""

    claim_id: str
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
        out: list[str] = []
        for k, v in self.trailers:
            if k.lower() == "replaced-by":
                out.extend(x for x in re.split(r"[\s,]+", v) if x)
        return tuple(out)

    @property
    def reason(self) -> str:
        """The message, without a leading "Withdraw <id>:" that only repeats what the page says."""
        text = _TYPO_TAG.sub("", self.message).strip()
        pat = rf"^(?:withdraw|withdrawn|withdraws|withdrawing|remove|delete|drop)\s+(?:claim\s+)?[`'\"]?{re.escape(self.claim_id)}[`'\"]?\s*[:\-–—]\s*"
        rest = re.sub(pat, "", text, count=1, flags=re.IGNORECASE).strip()
        return rest[:1].upper() + rest[1:] if rest and rest != text else text

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


@dataclass
class History:
    available: bool
    reason: str = ""  # why it is unavailable
    events: dict[str, list[Event]] = field(default_factory=dict)  # claim id -> oldest first
    build: BuildInfo = field(default_factory=BuildInfo)

    def of(self, cid: str) -> list[Event]:
        return self.events.get(cid, [])

    def withdrawn(self, current: Iterable[str]) -> dict[str, Event]:
        """Claims whose file was deleted and not restored: id -> the withdrawal."""
        now = set(current)
        out = {}
        for cid, evs in sorted(self.events.items()):
            if evs and evs[-1].kind == "withdrawn" and cid not in now:
                out[cid] = evs[-1]
        return out

    def corrections(self) -> list[Event]:
        """Every change that altered what a claim says or cites, newest first."""
        evs = [e for lst in self.events.values() for e in lst if e.kind != "added"]
        return sorted(evs, key=lambda e: (-e.order, e.claim_id))

    def status(self) -> dict[str, Any]:
        return {"available": self.available, "reason": self.reason or None}


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
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--no-show-signature",
        "--encoding=UTF-8",
        "--format=%x1e%H%x00%P%x00%cI%x00%B",
        "--",
        CLAIMS_DIR,
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


def _parse_claim(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {"problem": "the file could not be read at this commit"}
    try:
        data = yamlsafe.load(raw).data
    except yamlsafe.YamlError as exc:
        return {"problem": f"the file was not valid YAML at this commit ({exc.message})"}
    if not isinstance(data, dict):
        return {"problem": "the file was not a mapping at this commit"}
    cits = []
    for c in data.get("citations") or []:
        if isinstance(c, dict) and isinstance(c.get("source"), str) and isinstance(c.get("quote"), str):
            occ = c.get("occurrence")
            cits.append((c["source"], c["quote"], _str(c.get("prefix")), _str(c.get("suffix")), occ if isinstance(occ, int) else None))
    date = data.get("date")
    return {
        "statement": _str(data.get("statement")),
        "kind": _str(data.get("kind")),
        "speaker": _str(data.get("speaker")),
        "date": {k: v for k, v in date.items() if isinstance(v, str | int)} if isinstance(date, dict) else None,
        "citations": cits,
    }


def _raw_equal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in (*TRACKED, "problem"))


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
    if "problem" in raw:
        return ClaimState(problem=raw["problem"])
    return ClaimState(raw["statement"], raw["kind"], raw["speaker"], raw["date"], tuple(anchorer.quote(rev, c) for c in raw["citations"]))


def _changed(before: ClaimState, after: ClaimState) -> tuple[str, ...]:
    if before.problem or after.problem:
        return tuple(f for f in TRACKED if before.value(f) != after.value(f)) or TRACKED
    return tuple(f for f in TRACKED if before.value(f) != after.value(f))


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
    claims_dir = prefix + CLAIMS_DIR

    def claim_id(path: str) -> str | None:
        p = PurePosixPath(path)
        if not path.startswith(claims_dir) or p.suffix != ".yml" or str(p.parent) + "/" != claims_dir:
            return None
        return p.stem if _ID_RE.match(p.stem) else None

    zero = re.compile(r"^0+$")
    blobs = sorted({b for c in commits for _, old, new, path in c.entries if claim_id(path) for b in (old, new) if not zero.match(b)})
    parsed = {sha: _parse_claim(data) for sha, data in _cat_batch(root, blobs).items()}

    # Pass 1: which commits change which claims, on the raw records.
    steps: list[tuple[int, _Commit, str, str, dict[str, Any] | None, dict[str, Any] | None]] = []
    last: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (last event kind, last raw state)
    for order, c in enumerate(commits):
        for _status, old, new, path in sorted(c.entries, key=lambda e: e[3]):
            cid = claim_id(path)
            if cid is None:
                continue
            before = parsed.get(old) if not zero.match(old) else None
            after = parsed.get(new) if not zero.match(new) else None
            prev = last.get(cid)
            if after is None and before is not None:  # deleted
                steps.append((order, c, cid, "withdrawn", before, None))
                last[cid] = ("withdrawn", before)
            elif after is not None and before is None:  # added
                if prev is None:
                    steps.append((order, c, cid, "added", None, after))
                elif prev[0] == "withdrawn":
                    steps.append((order, c, cid, "restored", prev[1], after))
                elif not _raw_equal(prev[1], after):
                    steps.append((order, c, cid, "corrected", prev[1], after))
                last[cid] = ("added", after)
            elif after is not None and before is not None:
                if prev is None:  # history starts mid-way (should not happen in a full clone)
                    steps.append((order, c, cid, "added", None, after))
                elif not _raw_equal(before, after):
                    steps.append((order, c, cid, "corrected", before, after))
                last[cid] = ("added", after)

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

    events: dict[str, list[Event]] = {}
    for order, c, cid, kind, before, after in steps:
        b_state = _state(before, rev_before(c) if kind != "restored" else c.sha, anchorer) if before is not None else None
        a_state = _state(after, c.sha, anchorer) if after is not None else None
        changed: tuple[str, ...] = ()
        if b_state is not None and a_state is not None:
            changed = _changed(b_state, a_state)
            if kind == "corrected" and not changed:
                continue  # only the wording of a quote changed, not the words it resolves to
        message, trailers = split_trailers(c.message)
        subject = message.splitlines()[0].strip() if message else ""
        events.setdefault(cid, []).append(Event(cid, kind, c.sha, c.date, subject, message, trailers, changed, b_state, a_state, order))
    return History(True, "", events)
