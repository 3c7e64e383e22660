"""Where the check's time goes: CPU time per phase, measured by wrapping the core's functions.

`python -m bench.phases ROOT [--cold]` runs the check on ROOT in this process and prints (and
with --json, writes) the time spent in each phase. Wrapping adds a few microseconds per call,
far less than cProfile's overhead, so the phases add up to close to the real wall time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

T0 = time.process_time()

import briefing.cli  # noqa: E402  (the import time is a phase of its own)
from briefing import anchor, cache, loader, rules, runcache, schema, verify, yamlsafe  # noqa: E402  (a replayed check imports none of the checks; a cold one needs them all)

IMPORT_DONE = time.process_time()

TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_DEPTH = [0]


def _wrap(owner: object, name: str, label: str) -> None:
    fn = getattr(owner, name, None)
    if fn is None:  # the core changed: time what is still there
        return

    def wrapper(*args, **kwargs):
        outer = _DEPTH[0] == 0
        _DEPTH[0] += 1
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _DEPTH[0] -= 1
            if outer or label.startswith("check:"):
                TIMES[label] += time.process_time() - t
                CALLS[label] += 1

    setattr(owner, name, wrapper)


def instrument() -> None:
    _wrap(verify, "fingerprint", "fingerprint: read and hash every input")
    _wrap(runcache.RunCache, "replay", "verdict cache: look up")
    _wrap(runcache.RunCache, "keep", "verdict cache: write")
    _wrap(cache.RecordCache, "_read", "record and memo caches: read")
    _wrap(cache.RecordCache, "save", "record and memo caches: write")
    _wrap(yamlsafe, "load", "parse YAML (yamlsafe.load)")
    _wrap(schema, "validate", "validate against the schemas")
    _wrap(anchor, "normalise_mapped", "normalise source texts")
    _wrap(loader.Loader, "_anchor_through_cache", "anchoring: cached spans and new searches")
    _wrap(loader.Loader, "_load_pages", "pages: read docs/")
    rules.CHECKS = tuple((n, _timed(n, f)) for n, f in rules.CHECKS)


def _timed(name, fn):
    def run(b, report):
        t = time.process_time()
        try:
            return fn(b, report)
        finally:
            TIMES[f"check: {name}"] += time.process_time() - t
            CALLS[f"check: {name}"] += 1

    return run


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.phases")
    p.add_argument("root")
    p.add_argument("--cold", action="store_true", help="delete ROOT/.cache first")
    p.add_argument("--json", help="write the phases here")
    args = p.parse_args(argv)
    if args.cold:
        shutil.rmtree(Path(args.root) / ".cache", ignore_errors=True)
    instrument()
    import io
    from contextlib import redirect_stdout

    t = time.process_time()
    with redirect_stdout(io.StringIO()):
        code = briefing.cli.main(["check", "--root", args.root])
    total = time.process_time() - T0
    phases = {"start-up and imports": IMPORT_DONE - T0, **TIMES}
    phases["everything else"] = total - sum(phases.values())
    for k, v in phases.items():
        print(f"{v:8.3f} s  {100 * v / total:5.1f} %  {k}")
    print(f"{total:8.3f} s  total (exit {code}); check itself {time.process_time() - t:.3f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"total": total, "phases": phases}, indent=1) + "\n", encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main())
