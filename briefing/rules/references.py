"""References both ways: every id a record names exists (or says it was withdrawn), entities
and topics are used, and a withdrawn claim's id comes back only as that claim restored."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import chain
from pathlib import Path

from briefing import history
from briefing.diagnostics import Diagnostic, meant_key, mention_key, record_key, ref_key
from briefing.model import Briefing, Record
from briefing.rules.base import Report, at
from briefing.suggest import close_ids, closest_or_valid

_RECORD_FOLDERS = {"source": "sources", "claim": "facts/claims", "entity": "facts/entities", "topic": "facts/topics"}
_PLURALS = {"source": "sources", "claim": "claims", "entity": "entities", "topic": "topics", "kind": "kinds"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def unknown(b: Briefing, what: str, value: object, table: Iterable[str]) -> str:
    """Why a reference does not resolve: no such record, or its file exists but failed to load."""
    folder = _RECORD_FOLDERS.get(what)
    if folder and isinstance(value, str) and _ID.match(value) and (Path(b.root) / folder / f"{value}.yml").is_file():
        return f"{what} {value!r} did not load: fix the errors reported in {folder}/{value}.yml"
    if what == "claim" and isinstance(value, str) and (w := withdrawn_of(b).get(value)) is not None:
        return w.diagnostic()  # "was withdrawn in <commit> (<date>): <reason>", better than a guess
    # With no close match, what to choose from: every id when few (a claim id is found by its
    # words, so claims get only their count and folder).
    hint = closest_or_valid(str(value), table, _PLURALS.get(what, what + "s"), f"{folder}/" if folder else "", examples=what != "claim")
    return f"unknown {what} {value!r}{hint}"


def unknown_keys(what: str, value: object, table: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The causes an unknown reference reports (the unknown id, and the ids it may have meant),
    and what it follows from (the record of that id failing to load)."""
    causes = (ref_key(what, value), *(meant_key(c) for c in close_ids(str(value), table)))
    folder = _RECORD_FOLDERS.get(what)
    return causes, ((record_key(f"{folder}/{value}.yml"),) if folder and isinstance(value, str) else ())


def unknown_at(b: Briefing, rec: Record, path: tuple[str | int, ...], what: str, value: object, table: Iterable[str]) -> Diagnostic:
    """`unknown-WHAT` at a record's field, naming its causes (see `unknown_keys`)."""
    table = list(table) if not isinstance(table, dict) else table
    causes, follows = unknown_keys(what, value, table)
    return replace(at(rec, path, f"unknown-{what}", unknown(b, what, value, table)), causes=causes, follows_from=follows)


def withdrawn_of(b: Briefing) -> dict[str, history.WithdrawnInfo]:
    # Read (one git process) only when a claim id is unknown, and once per check of a briefing.
    if "withdrawn" not in b.git_memo:
        b.git_memo["withdrawn"] = history.withdrawn_ids(b.root)
    return b.git_memo["withdrawn"]


# -- anchoring ---------------------------------------------------------------------------------------

def check_references(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []

    def ref(rec: Record, path: tuple[str | int, ...], value: str, table: dict[str, object], what: str) -> None:
        if value not in table:
            out.append(unknown_at(b, rec, path, what, value, table))

    topics, entities = b.topics, b.entities
    for c in b.claims.values():
        for i, t in enumerate(c.topics):
            if t not in topics:  # (asked here first: almost every reference is known)
                ref(c, ("topics", i), t, topics, "topic")
        for i, e in enumerate(c.entities):
            if e not in entities:
                ref(c, ("entities", i), e, entities, "entity")
        for key in ("speaker", "relayed_by"):
            if (v := getattr(c, key)) is not None:
                ref(c, (key,), v, b.entities, "entity")
        if c.relayed_by is not None and c.relayed_by == c.speaker:
            out.append(
                at(
                    c,
                    ("relayed_by",),
                    "relayed-by-is-speaker",
                    f"relayed_by is the speaker {c.speaker!r}: it names who passed the words on (e.g. a news agency); remove it if no one did",
                )
            )
        for i, cid in enumerate(c.based_on):
            ref(c, ("based_on", i), cid, b.claims, "claim")
            if cid == c.id:
                out.append(at(c, ("based_on", i), "self-reference", "an inference cannot rest on itself; remove its own id from based_on"))
    for j in b.judgments.values():
        for i, cid in enumerate(j.rests_on):
            ref(j, ("rests_on", i), cid, b.claims, "claim")
    for q in b.questions.values():
        for i, cid in enumerate(q.related_claims):
            ref(q, ("related_claims", i), cid, b.claims, "claim")
    claims = b.claims.values()
    used = {e for e in chain(chain.from_iterable(c.entities for c in claims), (c.speaker for c in claims), (c.relayed_by for c in claims)) if e}
    # Unused may only mean that the claim naming it failed to load, or misspells it (mention:).
    for e in b.entities.values():
        if e.id not in used:
            msg = f"no claim names entity {e.id!r}; add it to a claim's entities or remove it"
            out.append(replace(at(e, ("id",), "unused-entity", msg, "warning"), follows_from=(mention_key(e.id), meant_key(e.id))))
    used_topics = set(chain.from_iterable(c.topics for c in claims))
    for t in b.topics.values():
        if t.id not in used_topics:
            out.append(replace(at(t, ("id",), "unused-topic", f"no claim has topic {t.id!r}", "warning"), follows_from=(mention_key(t.id), meant_key(t.id))))
    report.counts["references checked"] = sum(len(c.topics) + len(c.entities) + len(c.based_on) for c in b.claims.values())
    out.extend(check_id_reuse(b, report))  # an id is a reference too: never to a withdrawn claim
    return out


# -- withdrawn ids ------------------------------------------------------------------------------------

_RESTORES = re.compile(r"^restores:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def check_id_reuse(b: Briefing, report: Report) -> list[Diagnostic]:
    """A withdrawn claim's id (its file deleted in an earlier commit) may come back only as that
    claim restored, which the commit adding it again says with a `Restores: <id>` line; any other
    claim under that id would inherit the withdrawn one's history, links and corrections.

    Reads one `git log` of the additions and deletions of claim files; without git history (a
    tarball, git missing) there is nothing to compare with, and the check says nothing. A file
    added again but not yet committed gets a warning: its commit must carry the line."""
    events = history.claim_file_events(b.root)
    if not events:
        return []
    withdrawn: dict[str, tuple[str, str]] = {}  # id -> (commit, message) of its deletion, while deleted
    reused: dict[str, tuple[str, str, str]] = {}  # id -> (deletion, message, re-adding commit) without Restores
    for sha, message, changes in events:
        restores = {x for m in _RESTORES.finditer(message) for x in re.split(r"[\s,]+", m.group(1)) if x}
        for status, cid in changes:
            if status == "D":
                withdrawn[cid] = (sha, message)
                reused.pop(cid, None)
            elif cid in withdrawn:
                gone, why = withdrawn.pop(cid)
                if cid not in restores:
                    reused[cid] = (gone, why, sha)
    out: list[Diagnostic] = []
    for cid, c in b.claims.items():
        if cid in reused:
            gone, why, back = reused[cid]
            out.append(
                at(
                    c,
                    ("id",),
                    "id-reused",
                    f"id {cid!r} was withdrawn in commit {gone[:10]} ({_first_line(history.withdrawal_reason(why, cid))}) and added "
                    f"again in commit {back[:10]}, whose message does not say 'Restores: {cid}': a withdrawn id is never reused. "
                    f"Give this claim a new id; if it is the withdrawn claim restored, reword that commit to say 'Restores: {cid}'",
                )
            )
        elif cid in withdrawn:
            gone, why = withdrawn[cid]
            out.append(
                at(
                    c,
                    ("id",),
                    "id-reused",
                    f"id {cid!r} was withdrawn in commit {gone[:10]} ({_first_line(history.withdrawal_reason(why, cid))}): a withdrawn id "
                    f"is never reused. Give this claim a new id; if it is the withdrawn claim restored, commit it with a line "
                    f"'Restores: {cid}' in the message",
                    "warning",
                )
            )
    report.counts["withdrawn ids checked"] = len(withdrawn) + len(reused)
    return out


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no reason given"
    return repr(line if len(line) <= 80 else line[:77] + "…")


# -- does the evidence support the claim? ----------------------------------------------------------------
