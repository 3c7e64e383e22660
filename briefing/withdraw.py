"""`python -m briefing withdraw ID --reason "why" [--replaced-by NEW]`: withdraw a claim in one command.

A claim is withdrawn by deleting its file in a commit whose message gives the reason
(CONTRIBUTING, "Correcting or withdrawing a claim"); its id must leave everything that uses it,
or the check fails on the dangling id. This command:

1. lists every use of the id: the macro calls of every page the check reads (`cite`, `claim`,
   `claim_card`), inferences' `based_on`, key judgments' `rests_on`, open questions'
   `related_claims`;
2. refuses, naming each place and changing nothing, where removing the id would leave a page
   sentence, table row, code block or heading with no citation (the page as the check reads
   it: rendered by Python-Markdown, `briefing.pages.read_page`), or an inference or key
   judgment resting on nothing;
3. otherwise removes the id from each place, editing the text (a call keeps its other ids and
   spacing; a call citing only this id goes, with the space before it; a list keeps its other
   items and style), deletes the claim's file, and runs the check: if the change causes any
   error the check did not report before (a number on a page only this claim supported, say),
   every file is put back and the errors are printed;
4. prints the commit message CONTRIBUTING prescribes: `Withdraw ID: reason`, with a
   `Replaced-By: NEW` trailer when there is a replacement.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing import diagnostics as dg
from briefing import inventory, pagetext, verify, yamlsafe
from briefing.loader import ID_RE, is_build_output, load_briefing
from briefing.model import Briefing, Page
from briefing.pages import (
    CITING_MACROS,
    CLAIM_ID_MACROS,
    MACRO_RE,
    is_narrative,
    macro_calls,
    page_from,
    read_page,
    setup_of,
)
from briefing.suggest import closest

_LITERAL = re.compile(r""""[^"\\\n{}]*"|'[^'\\\n{}]*'|\d+""")  # a macro argument, as `pages.MACRO_RE` reads one
LIST_FIELDS = {"claims": "based_on", "judgments": "rests_on", "questions": "related_claims"}


@dataclass
class Use:
    path: str
    line: int
    col: int
    what: str  # e.g. 'cite("a", "b")' or 'based_on'
    blocker: str | None = None  # why removing the id here is refused


@dataclass
class Edit:
    path: str
    start: int  # character offsets in the file's text
    end: int
    replacement: str


def _offset(text: str, line: int, col: int) -> int:
    # Lines and columns are MkDocs' reading of the page, which drops a byte order mark.
    pos = 1 if text.startswith("\ufeff") else 0
    for _ in range(line - 1):
        pos = text.index("\n", pos) + 1
    return pos + col - 1


def _pages(root: Path) -> tuple[list[tuple[Path, str, inventory.SiteFile]], pagetext.MarkdownSetup]:
    """Every page the check reads, as the site build lists them (every Markdown suffix, drafts
    too), but what the build itself wrote from the records (its calls come from the records),
    and how the build renders their Markdown."""
    inv = inventory.load(root, skip=is_build_output)
    return [(Path(f.abs_path), f.path, f) for f in inv.pages() if not is_build_output(f.src_uri, f.text)], setup_of(inv)


def page_uses(page: Page, text: str, cid: str, setup: pagetext.MarkdownSetup | None = None) -> tuple[list[Use], list[Edit]]:
    uses: list[Use] = []
    edits: list[Edit] = []
    units = read_page(page, setup or pagetext.MarkdownSetup()).units if is_narrative(page) else []
    for call in macro_calls(page):
        if call.name not in CLAIM_ID_MACROS or cid not in call.args:
            continue
        start = _offset(text, call.line, call.col)
        m = MACRO_RE.match(text, start)
        assert m is not None, (page.path, call)  # macro_calls read the same text
        use = Use(page.path, call.line, call.col, text[m.start() : m.end()])
        if call.name in CITING_MACROS:
            body_at = _offset(page.body, call.line - page.body_line + 1, call.col)
            use.blocker = _page_blocker(units, body_at, cid)
        uses.append(use)
        edits.append(_call_edit(page.path, text, m, cid))
    return uses, edits


_BLOCKED = {pagetext.SENTENCE: "sentence", pagetext.ROW: "table row", pagetext.CODE: "code block", pagetext.LABEL: "heading"}


def _page_blocker(units: list[pagetext.Unit], body_at: int, cid: str) -> str | None:
    # The unit holding the call (as the reader reads the page): it would be left citing nothing.
    holder = next((u for u in units if any(c.start == body_at for c in u.calls)), None)
    if holder is None or holder.kind not in _BLOCKED or holder.explanatory or set(holder.cites) != {cid}:
        return None
    what = holder.shown_as if holder.kind == pagetext.LABEL else _BLOCKED[holder.kind]
    words = " ".join(holder.text.split()[:8])
    return f"the {what} {words!r}… cites only this claim: cite another claim there, or rewrite or remove it, then withdraw"


def _call_edit(path: str, text: str, m: re.Match[str], cid: str) -> Edit:
    args = list(_LITERAL.finditer(m.group(2)))
    mine = [a for a in args if a.group().strip("\"'") == cid]
    if len(args) > len(mine):
        base = m.start(2)
        keep = [a for a in args if a not in mine]
        # Rebuild the argument list from the kept literals with the separator the call used.
        sep = m.group(2)[args[0].end() : args[1].start()] if len(args) > 1 else ", "
        new_args = sep.join(a.group() for a in keep)
        return Edit(path, base, m.end(2), new_args)
    start, end = m.start(), m.end()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return Edit(path, line_start, min(len(text), line_end + 1), "")  # the call was the line
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return Edit(path, start, end, "")


def list_edit(rp: str, text: str, located: yamlsafe.Located, fld: str, cid: str) -> Edit:
    """Remove `cid` from the YAML list `fld` of a record, as text (flow `[a, b]` or block `- a`)."""
    items = located.data[fld]
    i = items.index(cid)
    line, col = located.values[(fld,)]
    start = _offset(text, line, col)
    if text[start] == "[":
        close = text.index("]", start)
        tokens = text[start + 1 : close].split(",")
        lead = tokens[0][: len(tokens[0]) - len(tokens[0].lstrip())]
        del tokens[i]
        if tokens:
            tokens[0] = lead + tokens[0].lstrip()
        return Edit(rp, start + 1, close, ",".join(tokens) if tokens else "")
    iline, _col = located.values[(fld, i)]
    s = _offset(text, iline, 1)
    e = text.find("\n", s)
    e = len(text) if e == -1 else e + 1
    if len(items) == 1:  # the list's only item: the key keeps an empty list
        kline, _ = located.keys[(fld,)]
        ks = _offset(text, kline, 1)
        ke = text.index("\n", ks)
        return Edit(rp, ks, e, f"{text[ks:ke].split(':', 1)[0]}: []\n")
    return Edit(rp, s, e, "")


def record_uses(b: Briefing, root: Path, cid: str) -> tuple[list[Use], list[Edit]]:
    uses: list[Use] = []
    edits: list[Edit] = []
    tables = {"claims": b.claims, "judgments": b.judgments, "questions": b.questions}
    for folder, fld in LIST_FIELDS.items():
        for rec in sorted(tables[folder].values(), key=lambda r: r.id):  # type: ignore[attr-defined]
            items = rec.data.get(fld) or []
            if cid not in items or rec.id == cid:
                continue
            line, col = rec.where(fld)
            use = Use(rec.path, line, col, fld)
            if len(items) == 1 and fld != "related_claims":
                what = "inference" if folder == "claims" else "key judgment"
                use.blocker = f"{fld} of {what} {rec.id!r} names only this claim: it would rest on nothing; add the claim it rests on now, or withdraw it too"
            uses.append(use)
            text = (root / rec.path).read_text(encoding="utf-8")
            edits.append(list_edit(rec.path, text, rec.located, fld, cid))
    return uses, edits


def apply(root: Path, edits: list[Edit]) -> dict[str, bytes]:
    """Make the edits (latest first within a file); the files' old bytes, to put them back."""
    before: dict[str, bytes] = {}
    by_file: dict[str, list[Edit]] = {}
    for e in edits:
        by_file.setdefault(e.path, []).append(e)
    for rp, file_edits in by_file.items():
        path = root / rp
        raw = path.read_bytes()
        before[rp] = raw
        text = raw.decode("utf-8")
        for e in sorted(file_edits, key=lambda e: e.start, reverse=True):
            text = text[: e.start] + e.replacement + text[e.end :]
        path.write_bytes(text.encode("utf-8"))
    return before


def commit_message(cid: str, reason: str, replaced_by: str | None) -> str:
    msg = f"Withdraw {cid}: {reason}"
    return msg + (f"\n\nReplaced-By: {replaced_by}" if replaced_by else "")


def _key(d: dg.Diagnostic) -> tuple[str, str, str]:
    return (d.path, d.code, d.message)


def cmd_withdraw(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    cid = args.id
    reason = " ".join(args.reason.split())

    def refuse(code: str, message: str, where: str = "") -> int:
        print(dg.refusal(where or cid, code, message), file=sys.stderr)
        print("nothing changed", file=sys.stderr)
        return 2 if code == "usage" else 1

    if not reason:
        return refuse("usage", "--reason is empty: say why the claim is withdrawn (readers see it on the corrections page)")
    if not ID_RE.match(cid):
        return refuse("usage", f"{cid!r} is not a claim id")
    use_cache = not args.no_cache
    b, _ = load_briefing(root, use_cache=use_cache)
    path = root / "facts" / "claims" / f"{cid}.yml"
    rp = dg.rel(path, root)
    if not path.is_file():
        return refuse("unknown-claim", f"no claim {cid!r} (facts/claims/{cid}.yml){closest(cid, b.claims)}")
    if cid not in b.claims:
        return refuse("claim-invalid", "its file does not load; run `python -m briefing check` and fix it (or delete it by hand)", rp)
    if args.replaced_by is not None:
        if args.replaced_by == cid:
            return refuse("usage", "--replaced-by names the claim being withdrawn")
        if args.replaced_by not in b.claims:
            return refuse("unknown-claim", f"--replaced-by {args.replaced_by!r}: no such claim{closest(args.replaced_by, b.claims)}; add the replacement first")
    uses, edits = record_uses(b, root, cid)
    page_list, setup = _pages(root)
    for p, prp, entry in page_list:
        try:
            raw = p.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the check reports it
        if cid not in text:
            continue
        page, _problems = page_from(entry)
        if page is None:
            continue
        u, e = page_uses(page, text, cid, setup)
        uses += u
        edits += e
        if not u:  # named in the text but not in a macro call the tool can edit: a link, a comment
            line = text.count("\n", 0, text.index(cid)) + 1
            print(f"{prp}:{line}: note: names {cid!r} outside a macro call (a link or a comment?); its page will say the claim was withdrawn")
    blockers = [u for u in uses if u.blocker]
    if blockers:
        for u in blockers:
            print(dg.clean(f"{u.path}:{u.line}:{u.col}: error[withdraw-blocked]: {u.blocker}"), file=sys.stderr)
        print(f"withdraw refused: {len(blockers)} place(s) would be left with nothing to cite or rest on; nothing changed", file=sys.stderr)
        return 1
    for u in uses:
        print(dg.clean(f"{u.path}:{u.line}:{u.col}: uses {cid} in {u.what}"))
    if args.dry_run:
        print(f"dry run: {len(uses)} use(s) would be removed and {rp} deleted; nothing changed")
        return 0
    baseline = {_key(d) for d in verify.check(root, use_cache=use_cache).errors}
    claim_bytes = path.read_bytes()
    before = apply(root, edits)
    path.unlink()
    after = verify.check(root, use_cache=use_cache).errors
    new = [d for d in after if _key(d) not in baseline]
    if new:
        for rel_path, raw in before.items():
            (root / rel_path).write_bytes(raw)
        path.write_bytes(claim_bytes)
        for d in new:
            print(dg.clean(d.format()), file=sys.stderr)
        print(f"withdraw refused: without {cid} the check finds {len(new)} new error(s) (above); everything was put back", file=sys.stderr)
        return 1
    print(f"removed {cid} from {len(uses)} place(s) in {len(before)} file(s); deleted {rp}")
    print("the check passes" if not after else f"the check reports {len(after)} error(s), all there before this withdrawal")
    print("\ncommit it with this message (e.g. git add -A facts docs, then git commit, pasting the message):\n")
    print(commit_message(cid, reason, args.replaced_by))
    return 0


def register(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:  # type: ignore[type-arg]
    """Add the `withdraw` subcommand (called by briefing.cli.build_parser)."""
    sp = sub.add_parser(
        "withdraw",
        help="remove a claim and every use of its id, and print the commit message",
        description=(
            "List every page and record that uses the claim, remove the id from them (or refuse, naming each place, where a sentence "
            "or a judgment would be left with nothing), delete the claim's file, and print the commit message."
        ),
    )
    common(sp)
    sp.add_argument("id", metavar="ID", help="the claim to withdraw")
    sp.add_argument("--reason", required=True, help="why, for readers: it becomes the commit message and the corrections page's entry")
    sp.add_argument("--replaced-by", dest="replaced_by", help="the claim that replaces it (a Replaced-By: trailer)")
    sp.add_argument("--dry-run", action="store_true", help="list the uses and what would change; change nothing")
    sp.set_defaults(func=cmd_withdraw)
