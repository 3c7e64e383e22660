"""`python -m briefing …`: the editor's and CI's entry point.

Exit codes: 0 clean, 1 problems found, 2 usage error, 3 internal error (a bug in this tool).
Bad input never produces a traceback: every problem is a `path:line:col: error[CODE]: message`
line, then a count. Control characters from file names or record text are printed escaped, so
no input can forge an extra diagnostic line or a CI workflow command.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import diagnostics as dg
from briefing import verify
from briefing.diagnostics import clean

if TYPE_CHECKING:
    from briefing.anchor import Span
    from briefing.model import Briefing, Source
    from briefing.rules import Report


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _load_and_check(args: argparse.Namespace) -> tuple[Briefing, Report, list[dg.Diagnostic]]:
    done = verify.check(_root(args), use_cache=not getattr(args, "no_cache", False))
    return done.briefing, done.report, done.diagnostics


def _print_diags(diags: list[dg.Diagnostic], root: Path) -> None:
    """Each diagnostic on its one line; under a problem of how a line is written, that line with
    a caret under the column (indented, so nothing that reads the one-line format sees it)."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in diags:
        print(clean(d.format()))
        for line in dg.excerpt(d, root):
            print(clean(line))
        if github:
            print(clean(d.github()))


# What the last check run as a command loaded (its briefing and readings), kept until the process
# ends: `python -m briefing` ends it without freeing them (see `briefing.__main__`).
HELD: list[object] = []


def cmd_check(args: argparse.Namespace) -> int:
    v = verify.verdict(_root(args), use_cache=not getattr(args, "no_cache", False), base=args.base, hold=HELD)
    diags = v.diagnostics
    _print_diags(diags, _root(args))
    errors = dg.errors(diags)
    cov = coverage_summary(v.coverage)
    status = "FAILED" if errors else "OK"
    print(
        f"check {status}: {dg.summary(diags)}; {v.claims} claims, {v.sources} source(s)" + (f"; coverage {cov}" if cov else ""),
        file=sys.stderr if errors else sys.stdout,
    )
    return 1 if errors else 0


def coverage_summary(coverage: dict[str, tuple[int, int]], listed: int = 5) -> str:
    """Each source's figure for a few sources; for many, the total and only those not complete."""
    items = sorted(coverage.items())
    if len(items) <= listed:
        return ", ".join(f"{sid} {c}/{t} sentences" for sid, (c, t) in items)
    covered, total = sum(c for _, (c, _t) in items), sum(t for _, (_c, t) in items)
    short = [f"{sid} {c}/{t}" for sid, (c, t) in items if c < t]
    more = f" ({', '.join(short[:listed])}{', …' if len(short) > listed else ''})" if short else ""
    return f"{covered}/{total} sentences in {len(items)} sources, {len(short)} incomplete{more}"


def cmd_coverage(args: argparse.Namespace) -> int:
    from briefing.coverage import source_lines

    b, report, diags = _load_and_check(args)
    errors = [d for d in dg.errors(diags) if d.code != "sentence-uncovered"]
    if errors:
        _print_diags(errors, _root(args))
        print(f"coverage not computed reliably: {len(errors)} other error(s); run `python -m briefing check`", file=sys.stderr)
    ok = True
    for sid in sorted(report.coverage):
        complete, lines = source_lines(b, report, sid)
        print("\n".join(lines))
        ok = ok and complete
    return 0 if ok and not errors else 1


def cmd_locate(args: argparse.Namespace) -> int:
    from briefing.anchor import AnchorError, anchor
    from briefing.loader import load_briefing

    b, _ = load_briefing(_root(args))
    words = " ".join(args.words)
    sources = [s for s in b.sources.values() if s.text is not None and (not args.source or s.id == args.source)]
    if not sources:
        print(f"error: no readable source{' ' + args.source if args.source else ''}", file=sys.stderr)
        return 2
    found = 0
    for src in sorted(sources, key=lambda s: s.id):
        assert src.text is not None
        try:
            span = anchor(src.text, words)
            blocks = [(span, None)]
        except AnchorError as exc:
            if exc.code == "quote-ambiguous":
                blocks = []
                for n in range(1, 50):
                    try:
                        blocks.append((anchor(src.text, words, occurrence=n), n))
                    except AnchorError:
                        break
            else:
                if len(sources) == 1 or args.source:
                    print(f"{src.id}: {exc.message}", file=sys.stderr)
                continue
        for span, n in blocks:
            found += 1
            line, col = src.text.line_col(span.start)
            print(f"# {src.text_path}:{line}:{col} (offsets {span.start}–{span.end})")
            if n is not None:  # one of several places: the words around it tell them apart
                print(f"# {clean(src.text.in_context(span.start, span.end).split(': ', 1)[1])}")
            print("citations:")
            print(f"  - source: {src.id}")
            print(f"    quote: {_yaml_str(span.exact)}")
            if n is not None:
                hint = _prefix_for(src, span)
                if hint:
                    print(f"    prefix: {_yaml_str(hint)}")
                else:
                    print(f"    occurrence: {n}")
            print()
    if not found:
        print("not found in any source", file=sys.stderr)
        return 1
    return 0


def _prefix_for(src: Source, span: Span) -> str:
    from briefing.anchor import MAX_MATCHES, suggest_prefix
    from briefing.normalise import normalise

    assert src.text is not None
    q = normalise(span.exact)
    chains = [[(p, p + len(q))] for p in src.text.find_all(q, limit=MAX_MATCHES + 1)]
    target = next((c for c in chains if src.text.norm.starts[c[0][0]] == span.start), None)
    if target is None:
        return ""
    chains.remove(target)
    return suggest_prefix(src.text, [target, *chains])


def _yaml_str(s: str) -> str:
    return '"' + clean(s.replace("\\", "\\\\").replace('"', '\\"')) + '"'  # clean's escapes are YAML escapes too


def cmd_export(args: argparse.Namespace) -> int:
    from briefing import exports

    b, _report, diags = _load_and_check(args)
    errors = dg.errors(diags)
    if errors:
        _print_diags(errors, _root(args))
        print(f"export refused: {dg.summary(diags)}; nothing unverified is exported", file=sys.stderr)
        return 1
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "claims.json").write_text(exports.dumps(exports.claims_export(b, args.site_url)), encoding="utf-8")
    (out / "annotations.jsonld").write_text(exports.dumps(exports.annotations_export(b, args.site_url)), encoding="utf-8")
    print(f"wrote {out / 'claims.json'} and {out / 'annotations.jsonld'} ({len(b.claims)} claims)")
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: usage error: {message}", file=sys.stderr)
        sys.exit(2)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the `argv` it is for, without the commands it does not name."""
    p = _Parser(prog="python -m briefing", description="Check and export a citation-verified briefing.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--root", default=".", help="project folder holding facts/, sources/ and docs/ (default: .)")
        sp.add_argument("--no-cache", action="store_true", help="ignore the parse cache in .cache/briefing/")

    sp = sub.add_parser("check", help="run every check; exit 1 on any error")
    common(sp)
    sp.add_argument(
        "--base",
        help="the branch or commit the stored sources are compared with (default: $BRIEFING_BASE, else main or origin/main)",
    )
    sp.set_defaults(func=cmd_check)
    sp = sub.add_parser("coverage", help="list the source sentences no claim cites")
    common(sp)
    sp.set_defaults(func=cmd_coverage)
    sp = sub.add_parser("locate", help="find words in the sources and print a citation block to paste")
    common(sp)
    sp.add_argument("words", nargs="+", help="the words to find (quote them in the shell)")
    sp.add_argument("--source", help="only this source id")
    sp.set_defaults(func=cmd_locate)
    sp = sub.add_parser("export", help="write claims.json and annotations.jsonld")
    common(sp)
    sp.add_argument("--output", "-o", default="site", help="folder to write into (default: site)")
    sp.add_argument("--site-url", default="", help="the site's public URL, for annotation ids")
    sp.set_defaults(func=cmd_export)
    for module in _commands_for(argv):
        importlib.import_module(module).register(sub, common)
    return p


# The commands that write files, each registered by its module. A run of another command (the
# check, above all: CI and the editor's loop) does not import them or the code they need.
_WRITING_COMMANDS = {"new": "briefing.newclaim", "add-source": "briefing.addsource", "reextract": "briefing.addsource", "not-claim": "briefing.notclaim", "withdraw": "briefing.withdraw"}
_OWN_COMMANDS = ("check", "coverage", "locate", "export")


def _commands_for(argv: list[str] | None) -> list[str]:
    """The modules whose commands the parser needs for `argv`: none when it names one of the
    commands defined here (as its first word: before it, only the top-level help may come), else
    (and with no `argv`) all of them, so the help, a writing command and a misspelt command's list
    of choices are complete."""
    command = argv[0] if argv else None
    if command in _OWN_COMMANDS:
        return []
    return list(dict.fromkeys(_WRITING_COMMANDS.values()))


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # file names that are not UTF-8 must not crash the report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    root = _root(args)
    if not root.is_dir():
        print(f"python -m briefing: usage error: --root {args.root!r} is not a folder", file=sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in this tool, never an answer about the input: say so, without a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            raise
        print(f"python -m briefing: internal error: {clean(f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
        print("please report it with the files that caused it (BRIEFING_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 3
