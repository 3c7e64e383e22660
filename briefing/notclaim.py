"""`python -m briefing not-claim SOURCE "words" --reason "why"`: set a passage aside as not a claim.

Appends an entry to `not_claims:` in `sources/SOURCE.yml`: a scraped headline, a caption, a
page number, anything in the stored text that is not a claim of the source. The words are
anchored first, exactly as the check anchors them (so the same messages: not found, with the
closest passage; several places, with a prefix that picks one); the quote written is the
source's own characters. The file is edited as text, not re-dumped: its comments, quoting and
order stay as they were, and the new entry goes at the end of the list (a `not_claims:` block
is added at the end of the file if there is none). What is written must read back as the old
record plus exactly that entry and pass the schema, or nothing is written.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing import diagnostics as dg
from briefing import schema, verify, yamlsafe
from briefing.anchor import AnchorError, SourceText, Span, anchor
from briefing.coverage import source_lines
from briefing.loader import load_briefing
from briefing.model import Citation
from briefing.newclaim import yaml_str
from briefing.suggest import closest

WRAP = 96


class Refusal(Exception):
    def __init__(self, where: str, code: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.code = code
        self.message = message


def _scalar(key: str, value: str, indent: str) -> list[str]:
    """`key: value` as the records write it: a folded block for plain prose, else a quoted string."""
    simple = value == " ".join(value.split()) and not re.search(r"[\\\"'#:&*!|>%@`{}\[\],?-]", value[:1]) and value.isprintable()
    if simple and len(indent) + len(key) + 2 + len(value) > WRAP:
        lines = textwrap.wrap(value, WRAP - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
        return [f"{indent}{key}: >-", *(f"{indent}  {ln}" for ln in lines)]
    return [f"{indent}{key}: {yaml_str(value)}"]


def entry_lines(item: dict[str, Any], indent: str) -> list[str]:
    inner = indent + "  "
    out: list[str] = []
    for i, (key, value) in enumerate(item.items()):
        lines = [f"{inner}{key}: {value}"] if isinstance(value, int) else _scalar(key, value, inner)
        if i == 0:
            lines[0] = indent + "- " + lines[0][len(inner) :]
        out += lines
    return out


def insert_entry(text: str, located: yamlsafe.Located, item: dict[str, Any]) -> str:
    """`text` with `item` appended to its top-level `not_claims` list, the rest unchanged."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline; put back below
    key = ("not_claims",)
    if key not in located.keys:
        block = ["not_claims:", *entry_lines(item, "  ")]
        return "\n".join([*lines, *block]) + "\n"
    key_line = located.keys[key][0] - 1
    after = lines[key_line].split(":", 1)[1]
    value = re.sub(r"\s+#.*$", "", after).strip()
    if value == "[]":
        lines[key_line] = lines[key_line].split(":", 1)[0] + ":"
    elif value:
        raise Refusal(
            "", "not-claim-flow", "not_claims is written on one line (flow style); write it as a list of `- quote:` entries first"
        )
    later = [line for (path_key, (line, _col)) in located.keys.items() if len(path_key) == 1 and line - 1 > key_line]
    end = min(later) - 1 if later else len(lines)
    last = key_line
    indent = None
    for i in range(key_line + 1, end):
        s = lines[i]
        if s.strip() and not s.lstrip().startswith("#"):
            last = i
            if indent is None and (m := re.match(r"^(\s*)- ", s)):
                indent = m.group(1)
    new = entry_lines(item, indent if indent is not None else "  ")
    out = lines[: last + 1] + new + lines[last + 1 :]
    return "\n".join(out) + "\n"


def _overlaps(text: SourceText, cit: Citation, span: Span) -> bool:
    """Whether a claim's citation covers any of the span's characters (anchored here if the loader did not)."""
    got = cit.span
    if got is None:
        try:
            got = anchor(text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
        except AnchorError:
            return False  # the check reports it
    return any(a < span.end and span.start < z for a, z in got.pieces)


def cmd_not_claim(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    try:
        return _run(args, root)
    except Refusal as exc:
        print(dg.refusal(exc.where or args.source, exc.code, exc.message), file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, root: Path) -> int:
    b, _ = load_briefing(root, use_cache=not args.no_cache)
    sid = args.source
    path = root / "sources" / f"{sid}.yml"
    rp = f"sources/{sid}.yml"
    if sid not in b.sources:
        why = "its record does not load; run `python -m briefing check`" if path.exists() else f"unknown source{closest(sid, b.sources)}"
        raise Refusal(rp if path.exists() else sid, "unknown-source", why)
    src = b.sources[sid]
    if src.text is None:
        raise Refusal(rp, "source-text-missing", f"{src.text_path} cannot be read; run `python -m briefing check`")
    reason = " ".join(args.reason.split())
    if not reason:
        raise Refusal(rp, "usage", "--reason is empty: say why these words are not a claim of the source")
    words = " ".join(args.words)
    try:
        span = anchor(src.text, words, args.prefix, args.suffix, args.occurrence)
    except AnchorError as exc:
        hint = "; on the command line: --prefix WORDS, --suffix WORDS or --occurrence N" if exc.code == "quote-ambiguous" else ""
        raise Refusal(src.text_path, exc.code, exc.message + hint) from None
    quote = " … ".join(src.text.text[a:z] for a, z in span.pieces)
    for nc in src.not_claims:
        if _overlaps(src.text, nc.citation, span):
            raise Refusal(rp, "not-claim-exists", f"these words overlap a passage already set aside: {nc.citation.quote!r}")
    citing = sorted({c.id for c in b.claims.values() for cit in c.citations if cit.source == sid and _overlaps(src.text, cit, span)})
    if citing:
        raise Refusal(rp, "not-claim-cited", f"claims cite these words ({', '.join(citing[:5])}); a passage the briefing cites is a claim of the source")
    item: dict[str, Any] = {"quote": quote}
    for key in ("prefix", "suffix", "occurrence"):
        if getattr(args, key) is not None:
            item[key] = getattr(args, key)
    item["reason"] = reason
    raw = path.read_bytes()
    old = yamlsafe.load(raw)
    text = insert_entry(raw.decode("utf-8"), old, item)
    new = yamlsafe.load(text.encode("utf-8"))
    expected = dict(old.data)
    expected["not_claims"] = [*old.data.get("not_claims", []), item]
    if new.data != expected or schema.validate("source", new):  # pragma: no cover - a bug, not bad input
        raise Refusal(rp, "internal-error", "the edited record does not read back as the old one plus the new entry; nothing written")
    path.write_bytes(text.encode("utf-8"))
    line, col = src.text.line_col(span.start)
    print(f"wrote {rp}: not a claim, {src.text_path}:{line}:{col} {quote!r}")
    done = verify.check(root, use_cache=not args.no_cache)
    mine = [d for d in done.diagnostics if d.path in (rp, src.text_path) and d.code != "sentence-uncovered"]
    for d in mine:
        print(dg.clean(d.format()), file=sys.stderr)
    if sid in done.briefing.sources:
        print("\n".join(source_lines(done.briefing, done.report, sid)[1]))
    return 1 if dg.errors(mine) else 0


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    """Add the `not-claim` subcommand (called by briefing.cli.build_parser)."""
    sp = sub.add_parser(
        "not-claim",
        help="list words of a source under not_claims, with the reason (a headline, a caption)",
        description="Anchor the words in the source as the check does and append them, with the reason, to not_claims in sources/SOURCE.yml.",
    )
    common(sp)
    sp.add_argument("source", metavar="SOURCE", help="the source id (sources/SOURCE.yml)")
    sp.add_argument("words", nargs="+", help="the words, as they appear in the source (quote them in the shell)")
    sp.add_argument("--reason", required=True, help="why these words are not a claim of the source")
    sp.add_argument("--prefix", help="the words just before them, when they occur more than once")
    sp.add_argument("--suffix", help="the words just after them, when they occur more than once")
    sp.add_argument("--occurrence", type=int, help="which match, when prefix and suffix cannot tell them apart")
    sp.set_defaults(func=cmd_not_claim)
