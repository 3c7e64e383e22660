"""`python -m bench`: generate synthetic briefings, time the check and the build, write the report.

    python -m bench                      # the full run behind BENCHMARKS.md (`make bench`)
    python -m bench --sizes 1000,10000   # some sizes only; results go to bench/out/, not the report
    python -m bench --quick              # 1k and 10k, one run each, build at 1k: a smoke test
    python -m bench --baseline-sizes ''  # without the check of the code before the meaning checks
    python -m bench --report-only        # rewrite BENCHMARKS.md and the plot from results.json
    python -m bench --sizes 1000 --preview-only   # only the builds and the preview (make serve) at 1k
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench import baseline, report, run

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
OUT = REPO / "bench" / "out"
DEFAULT_SIZES = (1000, 10000, 100000)
DEFAULT_BUILD_SIZES = (1000, 10000)
# The check of the code before the meaning checks: at 100k claims it would add about 45 s a run.
DEFAULT_BASELINE_SIZES = (1000, 10000)


def _sizes(text: str) -> list[int]:
    return [int(x.replace("k", "000")) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=_sizes, help="claim counts, e.g. 1000,10000 (default 1000,10000,100000)")
    p.add_argument("--build-sizes", type=_sizes, help="sizes at which to time the site build (default 1000,10000)")
    p.add_argument("--baseline-sizes", type=_sizes,
                   help=f"sizes at which to time the cold check of the code before the meaning checks ({baseline.COMMIT}; default 1000,10000)")
    p.add_argument("--runs", type=int, default=5, help="runs per check measurement (median reported; default 5)")
    p.add_argument("--build-runs", type=int, default=3, help="runs per build measurement (default 3)")
    p.add_argument("--big-runs", type=int, default=3, help="runs per check measurement at 100k claims and above (default 3)")
    p.add_argument("--quick", action="store_true", help="1k and 10k claims, one run each, build at 1k only")
    p.add_argument("--no-profile", action="store_true", help="skip the profile of the 10k cold check")
    p.add_argument("--preview-runs", type=int, default=5, help="edits timed in the preview (make serve) at each build size (default 5, with --quick 1; 0: none)")
    p.add_argument("--preview-only", action="store_true", help="only the builds and the preview at each build size (no check measurements)")
    p.add_argument("--report-only", action="store_true", help="only regenerate BENCHMARKS.md and the plot from results.json")
    args = p.parse_args(argv)

    if args.report_only:
        report.write(run_json=RESULTS / "results.json", md=REPO / "BENCHMARKS.md", png=RESULTS / "time-vs-claims.png")
        print("wrote BENCHMARKS.md and bench/results/time-vs-claims.png")
        return 0

    official = not (args.sizes or args.build_sizes or args.baseline_sizes is not None or args.quick or args.preview_only)
    sizes = [1000, 10000] if args.quick else (args.sizes or list(DEFAULT_SIZES))
    build_sizes = [1000] if args.quick else (args.build_sizes if args.build_sizes is not None else list(DEFAULT_BUILD_SIZES))
    base_sizes = args.baseline_sizes if args.baseline_sizes is not None else list(DEFAULT_BASELINE_SIZES)
    runs = 1 if args.quick else args.runs
    build_runs = 1 if args.quick else args.build_runs
    out_dir = RESULTS if official else OUT / "results"
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "bench.log"
    log.write_text("", encoding="utf-8")

    def say(msg: str) -> None:
        print(msg, flush=True)

    started = time.time()
    results: dict[str, object] = {
        "machine": run.machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "command": "python -m bench" + ("" if official else " " + " ".join(argv if argv is not None else sys.argv[1:])),
        "runs": runs,
        "build_runs": build_runs,
        "big_runs": args.big_runs,
        "sizes": {},
    }
    base_tree = None
    if not args.preview_only and set(sizes) & set(base_sizes):
        base = baseline.prepare(OUT)
        results["baseline"] = base.as_json()
        if base.tree is None:
            say(f"the code before the meaning checks: {base.skipped}")
        else:
            # Once: the older check must import the older package, not this checkout's.
            got = baseline.imported_from(base.tree, baseline.env(base.tree, run.child_env()))
            if not got.is_relative_to(base.tree.resolve()):
                raise RuntimeError(f"the baseline's briefing package came from {got}, not from {base.tree}")
            results["baseline"]["imports_from"] = got.relative_to(REPO).as_posix()
            base_tree = base.tree
            say(f"the code before the meaning checks: {base.commit}, imported from {results['baseline']['imports_from']}")
    for n in sizes:
        r = args.big_runs if n >= 100000 else runs
        say(f"{n} claims ({r} runs each{', with the build' if n in build_sizes else ''}):")
        preview_runs = (min(1, args.preview_runs) if args.quick else args.preview_runs) if n in build_sizes else 0
        results["sizes"][str(n)] = run.bench_size(  # type: ignore[index]
            n, OUT, r, n in build_sizes, build_runs, log, say, preview_runs=preview_runs, checks=not args.preview_only,
            base_tree=base_tree if n in base_sizes else None,
        )
    if not args.preview_only:
        say(f"a hostile source at the size limit ({runs} runs each):")
        results["hostile"] = run.bench_hostile(OUT, runs, log, say)
    if 10000 in sizes and not args.no_profile and not args.preview_only:
        say("profiling the cold check at 10k claims")
        results["profile_10k_cold"] = run.profile_cold(OUT / "b10000", OUT, log)
    results["seconds"] = round(time.time() - started, 1)
    run.json_dump(results, out_dir / "results.json")
    if official:
        report.write(run_json=out_dir / "results.json", md=REPO / "BENCHMARKS.md", png=out_dir / "time-vs-claims.png")
        say(f"wrote bench/results/results.json, bench/results/time-vs-claims.png and BENCHMARKS.md in {results['seconds']:.0f} s")
    else:
        report.write(run_json=out_dir / "results.json", md=out_dir / "BENCHMARKS.md", png=out_dir / "time-vs-claims.png")
        say(f"wrote {out_dir.relative_to(REPO)}/ (not the committed report: use `make bench` for that)")
    print(report.table_text(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
