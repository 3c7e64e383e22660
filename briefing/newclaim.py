"""`python -m briefing new ID --quote "words" --topic TOPIC`: start a claim from a located passage.

The command finds the words in the stored sources exactly as the check will, and writes
`facts/claims/ID.yml` with the citation already resolved: the quote copied from the source's own
characters, `prefix` (or `occurrence`) filled in when the words occur more than once, and the
entities the quote names, the speaker and relayer first (with a citation of the words naming
them when only the quote's sentence does). It then runs the check and reports any problem in
the new file.
Without `--statement` the statement is the quote itself, marked as a draft: it fails with
`statement-is-draft` (see `briefing.rules.draft`) until the editor rewrites it.

It refuses, writing nothing, when the id is invalid or taken, a topic, entity, claim or source is
unknown, or the words are not in the source (it then names the closest passage and what differs).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing import diagnostics as dg
from briefing import verify
from briefing.anchor import AnchorError, Span, anchor, suggest_prefix
from briefing.evidence import source_sentences
from briefing.loader import ID_RE, load_briefing
from briefing.model import KINDS, Briefing, Source
from briefing.suggest import closest_or_valid
from briefing.text import names_entity, negation_in

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../briefing/schemas/claim.schema.json"
WRAP = 96  # folded statement lines; the YAML still reads back as one line


class Refusal(Exception):
    """A reason not to write the claim, said in the editor's terms."""


@dataclass
class Found:
    source: Source
    span: Span
    quote: str  # the source's own characters; pieces joined by " … " for an ellipsis quote
    prefix: str | None
    occurrence: int | None
    matches: int  # how many places the typed words match in this source
    chosen: int  # which of them (1-based)


# -- finding the passage ------------------------------------------------------------------------


def _occurrences(src: Source, words: str) -> list[Span]:
    """Every place the words match in one source, in order; AnchorError says why there is none."""
    assert src.text is not None
    try:
        return [anchor(src.text, words)]
    except AnchorError as exc:
        if exc.code != "quote-ambiguous":
            raise
    spans = []
    for n in range(1, 1000):
        try:
            spans.append(anchor(src.text, words, occurrence=n))
        except AnchorError:
            break
    return spans


def _norm_index(src: Source, offset: int) -> int:
    assert src.text is not None
    return bisect_left(src.text.norm.starts, offset)


def _disambiguate(src: Source, quote: str, spans: list[Span], chosen: int) -> tuple[str | None, int | None]:
    """The shortest prefix that picks the chosen span, else its occurrence number."""
    assert src.text is not None
    target = spans[chosen - 1]
    others = [s for i, s in enumerate(spans) if i != chosen - 1]
    chains = [[(_norm_index(src, s.start), _norm_index(src, s.end))] for s in [target, *others]]
    hint = suggest_prefix(src.text, chains)
    if hint.strip():
        try:
            if anchor(src.text, quote, prefix=hint).start == target.start:
                return hint.strip(), None
        except AnchorError:
            pass
    return None, chosen


def locate(b: Briefing, words: str, source_id: str | None, occurrence: int | None) -> Found:
    if source_id is not None and source_id not in b.sources:
        raise Refusal(f"unknown source {source_id!r}{closest_or_valid(source_id, b.sources, 'sources', 'sources/')}")
    sources = [s for s in sorted(b.sources.values(), key=lambda s: s.id) if s.text is not None and source_id in (None, s.id)]
    if not sources:
        raise Refusal("no readable source text in sources/; run `python -m briefing check` to see why")
    found: list[tuple[Source, list[Span]]] = []
    misses: list[str] = []
    for src in sources:
        try:
            spans = _occurrences(src, words)
        except AnchorError as exc:
            misses.append(f"{src.id}: {exc.message}")
            continue
        found.append((src, spans))
    if not found:
        raise Refusal("these words cannot be cited as they are:\n" + "\n".join(f"  {m}" for m in misses))
    if len(found) > 1:
        names = ", ".join(src.id for src, _ in found)
        raise Refusal(f"the words occur in more than one source ({names}); choose one with --source")
    src, spans = found[0]
    assert src.text is not None
    chosen = 1 if occurrence is None else occurrence
    if not 1 <= chosen <= len(spans):
        raise Refusal(f"--occurrence {chosen} asked for, but the words occur {len(spans)} time(s) in {src.id}")
    span = spans[chosen - 1]
    quote = " … ".join(src.text.text[a:b] for a, b in span.pieces)
    prefix, occ = (None, None) if len(spans) == 1 else _disambiguate(src, quote, spans, chosen)
    # What is written must resolve to exactly this span, or the command has a bug.
    check = anchor(src.text, quote, prefix=prefix, occurrence=occ)
    if (check.start, check.end) != (span.start, span.end):  # pragma: no cover - a bug, not bad input
        raise Refusal(f"internal error: the written citation resolves to offsets {check.start}–{check.end}, not {span.start}–{span.end}")
    return Found(src, span, quote, prefix, occ, len(spans), chosen)


# -- writing the record -------------------------------------------------------------------------


def yaml_str(s: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax, which YAML reads the same way)."""
    out = []
    for ch in json.dumps(s, ensure_ascii=False)[1:-1]:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _statement_block(statement: str) -> list[str]:
    simple = statement == " ".join(statement.split()) and statement[:1] not in "\"'#&*!|>%@`-?:[]{},"
    if not simple:
        return [f"statement: {yaml_str(statement)}"]
    lines = textwrap.wrap(statement, WRAP, break_long_words=False, break_on_hyphens=False)
    return ["statement: >-", *(f"  {ln}" for ln in lines)]


def _citation_block(loc: Found, why: str | None = None) -> list[str]:
    src = loc.source
    assert src.text is not None
    line, col = src.text.line_col(loc.span.start)
    out = [f"  # {why}"] if why else []
    out += [
        f"  # {src.text_path} line {line}, column {col} (offsets {loc.span.start}–{loc.span.end})",
        f"  - source: {src.id}",
        f"    quote: {yaml_str(loc.quote)}",
    ]
    if loc.prefix is not None:
        out.append(f"    # The quote occurs {loc.matches} times; the words just before it pick this one.")
        out.append(f"    prefix: {yaml_str(loc.prefix)}")
    if loc.occurrence is not None:
        out.append(f"    # The quote occurs {loc.matches} times and no prefix tells them apart: this is match {loc.occurrence}.")
        out.append(f"    occurrence: {loc.occurrence}")
    return out


def render(
    cid: str,
    loc: Found,
    statement: str,
    drafted: bool,
    kind: str,
    topics: list[str],
    entities: list[str],
    speaker: str | None,
    relayed_by: str | None,
    based_on: list[str],
    basis: str | None,
    naming: list[tuple[Found, str]] | None = None,
) -> str:
    """The claim file; `naming` adds a citation of the words naming the speaker or the relayer
    (with why) after the quote's own."""
    out = [SCHEMA_COMMENT, f"id: {cid}"]
    if drafted:
        out += [
            "# DRAFT: this statement is the quote copied word for word, and the check fails on it",
            "# (statement-is-draft) until you rewrite it in your own words as the briefing's sentence.",
            "# It may say no more than the quote, and every number in it must appear in the quote.",
            "# Then delete these four lines.",
        ]
    else:
        out.append("# The briefing's own sentence: it says no more than the quote.")
    out += _statement_block(statement)
    out += [
        "# reported: the article says it in its own voice; attributed: a named person says it",
        "# (speaker: their entity id); speculation: the article's own guess; inference: the",
        "# editors' own derivation (based_on: claim ids, basis: the reasoning).",
        f"kind: {kind}",
    ]
    if speaker:
        out.append(f"speaker: {speaker}")
    if relayed_by:
        out.append(f"relayed_by: {relayed_by}")
    out += [
        f"topics: {yaml_list(topics)}",
        "# The entities the quote names (by name or alias), and who says it; keep those the claim is about.",
        f"entities: {yaml_list(entities)}",
        "citations:",
        *_citation_block(loc),
    ]
    for found, why in naming or []:
        out += _citation_block(found, why)
    if based_on:
        out.append(f"based_on: {yaml_list(based_on)}")
    if basis:
        out.append(f"basis: {yaml_str(basis)}")
    return "\n".join(out) + "\n"


def _expected(
    cid: str, locs: list[Found], statement: str, kind: str, topics: list[str], entities: list[str], extra: dict[str, object]
) -> dict[str, object]:
    cits: list[dict[str, object]] = []
    for loc in locs:
        cit: dict[str, object] = {"source": loc.source.id, "quote": loc.quote}
        if loc.prefix is not None:
            cit["prefix"] = loc.prefix
        if loc.occurrence is not None:
            cit["occurrence"] = loc.occurrence
        cits.append(cit)
    data: dict[str, object] = {"id": cid, "statement": statement, "kind": kind, "topics": topics, "entities": entities}
    data.update({k: v for k, v in extra.items() if v})
    data["citations"] = cits
    return data


def _naming_citation(b: Briefing, loc: Found, eid: str) -> Found | None:
    """A citation of the words that name entity `eid` in the sentence holding the quote, nearest
    the quote, so that the claim's own evidence names who says it (or who relayed it); None when
    the sentence does not name them, or only across a negation (two citations of one sentence are
    read as one quote, which may not skip a "not")."""
    src, ent = loc.source, b.entities[eid]
    assert src.text is not None
    a, z = loc.span.start, loc.span.end
    held = [s for s in source_sentences(src) if s.start < z and a < s.end]
    if not held:
        return None
    lo, hi = held[0].start, held[-1].end
    best: tuple[tuple[int, int], str, int] | None = None
    for name in ent.names:
        try:
            spans = _occurrences(src, name)
        except AnchorError:
            continue
        for n, sp in enumerate(spans, 1):
            if not (lo <= sp.start and sp.end <= hi) or (sp.start < z and a < sp.end):
                continue
            gap = src.text.text[sp.end : a] if sp.end <= a else src.text.text[z : sp.start]
            if negation_in(gap):
                continue
            rank = (len(gap), -len(name))  # the nearest; of names ending there, the fullest
            if best is None or rank < best[0]:
                best = (rank, name, n)
    if best is None:
        return None
    return locate(b, best[1], src.id, best[2])


# -- the command --------------------------------------------------------------------------------


_PLACES = {"topic": ("topics", "facts/topics/"), "entity": ("entities", "facts/entities/"), "claim": ("claims", "facts/claims/")}


def _known(table: dict[str, object], value: str, what: str) -> None:
    if value not in table:
        plural, folder = _PLACES[what]
        raise Refusal(f"unknown {what} {value!r}{closest_or_valid(value, table, plural, folder, examples=what != 'claim')}")


def _validate(args: argparse.Namespace, b: Briefing, path: Path) -> None:
    if not ID_RE.match(args.id):
        raise Refusal(f"{args.id!r} is not a valid id: use lower-case letters, digits and single hyphens, e.g. rogozin-offers-engines")
    if len(args.id) > 120:
        raise Refusal("the id is longer than 120 characters; shorten it")
    if path.exists() or args.id in b.claims:
        raise Refusal(
            f"claim {args.id!r} already exists ({path.relative_to(Path(b.root)).as_posix()}); choose another id (ids are never reused)"
        )
    for t in args.topic:
        _known(b.topics, t, "topic")  # type: ignore[arg-type]
    for e in args.entity:
        _known(b.entities, e, "entity")  # type: ignore[arg-type]
    if args.kind == "attributed":
        if not args.speaker:
            raise Refusal("an attributed claim needs --speaker ENTITY_ID: who says it")
    elif args.speaker or args.relayed_by:
        raise Refusal("--speaker and --relayed-by are for --kind attributed only")
    for who in (args.speaker, args.relayed_by):
        if who:
            _known(b.entities, who, "entity")  # type: ignore[arg-type]
    if args.kind == "inference":
        if not args.based_on or not args.basis:
            raise Refusal('an inference needs --based-on CLAIM_ID (one or more) and --basis "the reasoning"')
        for cid in args.based_on:
            _known(b.claims, cid, "claim")  # type: ignore[arg-type]
    elif args.based_on or args.basis:
        raise Refusal("--based-on and --basis are for --kind inference only")
    if args.statement is not None and not args.statement.strip():
        raise Refusal("--statement is empty; write the briefing's sentence, or leave the option out to draft it from the quote")


def cmd_new(args: argparse.Namespace) -> int:
    from briefing.yamlsafe import YamlError
    from briefing.yamlsafe import load as load_yaml

    root = Path(args.root).resolve()
    b, _ = load_briefing(root, use_cache=not args.no_cache)
    path = root / "facts" / "claims" / f"{args.id}.yml"
    rel = dg.rel(path, root)
    try:
        _validate(args, b, path)
        loc = locate(b, args.quote, args.source, args.occurrence)
    except Refusal as exc:
        print(f"new: {exc}", file=sys.stderr)
        print(f"nothing written to {rel}" if ID_RE.match(args.id) else "nothing written", file=sys.stderr)
        return 1
    assert loc.source.text is not None
    cited = loc.span.shown(loc.source.text.text)
    entities = list(args.entity) or [e.id for e in sorted(b.entities.values(), key=lambda e: e.id) if names_entity(e.names, cited)]
    # Who says it, and who passed it on, are entities of the claim too (listed first, as in the
    # briefing's claims). An entity listed must be named in the cited words: when the quote does
    # not name them but its sentence does, those words are cited as well.
    naming: list[tuple[Found, str]] = []
    people: list[str] = []
    for role, who in (("speaker", args.speaker), ("relayed_by", args.relayed_by)):
        if not who or who in people:
            continue
        if not names_entity(b.entities[who].names, cited):
            found = _naming_citation(b, loc, who)
            if found is None:
                continue  # named nowhere near: the check says so (speaker-not-named), nothing to list
            naming.append((found, f"The words that name the {role.replace('_', ' ')} ({who}), in the quote's sentence."))
            cited += "\n" + found.span.shown(loc.source.text.text)
        people.append(who)
    entities = [*people, *(e for e in entities if e not in people)]
    drafted = args.statement is None
    if drafted:
        statement = " … ".join(" ".join(loc.source.text.text[a:b].split()) for a, b in loc.span.pieces)
    else:
        statement = " ".join(args.statement.split())
    text = render(
        args.id,
        loc,
        statement,
        drafted,
        args.kind,
        list(args.topic),
        entities,
        args.speaker,
        args.relayed_by,
        args.based_on,
        args.basis,
        naming,
    )
    try:
        written = load_yaml(text.encode("utf-8")).data
    except YamlError as exc:  # pragma: no cover - a bug, not bad input
        print(f"new: internal error: the claim does not read back as YAML ({exc.message})", file=sys.stderr)
        return 1
    extra = {"speaker": args.speaker, "relayed_by": args.relayed_by, "based_on": list(args.based_on), "basis": args.basis}
    expected = _expected(args.id, [loc, *(f for f, _ in naming)], statement, args.kind, list(args.topic), entities, extra)
    if written != expected:  # pragma: no cover - a bug, not bad input
        print("new: internal error: the claim does not read back as written", file=sys.stderr)
        return 1
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    line, col = loc.source.text.line_col(loc.span.start)
    print(f"wrote {rel}: quote found in {loc.source.text_path} at line {line}, column {col}")
    if loc.matches > 1:
        how = f"prefix {loc.prefix!r}" if loc.prefix is not None else f"occurrence: {loc.occurrence}"
        print(f"  the words occur {loc.matches} times; used match {loc.chosen} ({how}); --occurrence N picks another")
    print(f"  entities: {', '.join(entities) or '(none named in the quote)'}")
    for found, _why in naming:
        print(f"  also cited {found.quote!r}, the words in the quote's sentence that name who says it or passed it on")
    if drafted:
        print("  statement: DRAFT, the quote word for word; rewrite it as the briefing's own sentence")
    # The whole check (the draft rule is part of it), reporting what concerns the new file.
    done = verify.check(root, use_cache=not args.no_cache)
    mine = [d for d in done.diagnostics if d.path == rel]
    for d in mine:
        stream = sys.stderr if d.severity == "error" else sys.stdout
        print(d.format(), file=stream)
        for line in dg.excerpt(d, root):
            print(line, file=stream)
    if dg.errors(mine):
        print(f"the check found {dg.summary(mine)} in {rel}: fix them in the file, then run `python -m briefing check`", file=sys.stderr)
        return 1
    print(f"check: {rel} passes; review it, then run `python -m briefing check` and open a pull request")
    return 0


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    """Add the `new` subcommand to the command line (called by briefing.cli.build_parser)."""
    sp = sub.add_parser(
        "new",
        help="write facts/claims/ID.yml from words found in a source (citation resolved)",
        description=(
            "Find the words in the sources exactly as the check does and write facts/claims/ID.yml with the "
            "citation resolved. Without --statement, the quote is copied in as a draft statement, which fails the "
            "check (statement-is-draft) until you rewrite it."
        ),
    )
    common(sp)
    sp.add_argument("id", metavar="ID", help="the new claim's id: lower-case words joined by hyphens (the file name)")
    sp.add_argument("--quote", required=True, help="the source's words, as they appear in it (… joins pieces)")
    sp.add_argument("--topic", action="append", required=True, help="a topic id (repeat for several)")
    sp.add_argument("--statement", help="the briefing's own sentence (default: a draft, the quote, for you to rewrite)")
    sp.add_argument("--kind", choices=KINDS, default="reported", help="default: reported")
    sp.add_argument("--speaker", help="entity id of who says it (attributed claims)")
    sp.add_argument("--relayed-by", dest="relayed_by", help="entity id of who passed the words on (attributed claims)")
    sp.add_argument("--entity", action="append", default=[], help="an entity id (repeat); default: every entity the quote names")
    sp.add_argument("--based-on", dest="based_on", action="append", default=[], help="a claim id an inference rests on (repeat)")
    sp.add_argument("--basis", help="an inference's reasoning or outside knowledge")
    sp.add_argument("--source", help="the source id, when the words occur in more than one source")
    sp.add_argument("--occurrence", type=int, help="which match to cite when the words occur several times (default: 1)")
    sp.add_argument("--dry-run", action="store_true", help="print the claim instead of writing it")
    sp.set_defaults(func=cmd_new)
