"""BENCHMARKS.md and the plot, written from bench/results/results.json (never edited by hand)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import matplotlib

from bench.baseline import COMMIT

matplotlib.use("Agg")
import matplotlib.pyplot as plt

LABELS = {
    "cload": "C loader alone (baseline)",
    "cold": "check, cold (no cache)",
    "cold_base": f"check, cold, code before the meaning checks ({COMMIT})",
    "warm": "check, warm (nothing changed)",
    "edit": "check, one claim file changed",
    "build": "mkdocs build with the macros",
    "build_plain": "mkdocs build, pre-rendered Markdown (baseline)",
}
CHECK_KEYS = ("cload", "cold", "warm", "edit")
BUILD_KEYS = ("build", "build_plain")
# The older code's check: shown and compared, never counted in today's memory target.
BASE_KEYS = ("cold_base",)
TABLE_KEYS = ("cload", "cold", "cold_base", "warm", "edit", *BUILD_KEYS)  # the older cold check beside today's
GIB = 1024.0
RATIO_BASE = "cold check ÷ cold check before the meaning checks"


def _k(n: int | str) -> str:
    n = int(n)
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _get(res: dict[str, Any], size: int, key: str, field: str = "cpu_median") -> float | None:
    m = res["sizes"].get(str(size), {}).get(key)
    return None if m is None else m[field]


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def base_missing(res: dict[str, Any], size: int, default: str = "not run") -> str:
    """Why the older code's cold check has no figure at `size`: the history lacks its commit,
    it failed on the briefing, or (`default`) it was not run at that size."""
    why = res["sizes"].get(str(size), {}).get("cold_base_skipped") or res.get("baseline", {}).get("skipped")
    return why or default


def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured value (CPU-time medians) and a verdict."""
    sizes = sorted(int(s) for s in res["sizes"])
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, shown: str, unit: str = "×") -> None:
        if value is None:
            out.append({"target": name, "measured": "not measured", "limit": f"{limit:g}{unit}", "met": None})
            return
        out.append({"target": name, "measured": shown, "limit": f"≤ {limit:g}{unit}" if unit == "×" else f"< {limit:g}{unit}",
                    "met": value <= limit if unit == "×" else value < limit, "value": value, "limit_value": limit})  # fmt: skip

    r = _ratio(_get(res, 10000, "cold"), _get(res, 10000, "cload"))
    add("cold check at 10k claims, against the C loader parsing the same files", r, 1.5, f"{r:.2f}×" if r else "")
    b = _ratio(_get(res, 10000, "cold"), _get(res, 10000, "cold_base"))
    add("cold check at 10k claims, against the code before the meaning checks", b, 1.3, f"{b:.2f}×" if b else "")
    if b is None:
        out[-1]["measured"] = base_missing(res, 10000, "not measured")
    for a, b in ((1000, 10000), (10000, 100000)):
        g = _ratio(_get(res, b, "cold"), _get(res, a, "cold"))
        add(f"cold check growth, {_k(a)} → {_k(b)} claims (10× the claims)", g, 11, f"{g:.1f}×" if g else "")
    w = _get(res, 10000, "warm")
    add("warm check at 10k claims, nothing changed", w, 0.5, _fmt_s(w), " s")
    e = _get(res, 10000, "edit")
    add("check after one claim file changed, 10k claims", e, 0.5, _fmt_s(e), " s")
    for n in sizes:
        br = _ratio(_get(res, n, "build"), _get(res, n, "build_plain"))
        if br is not None:
            add(f"build with the macros at {_k(n)} claims, against the pre-rendered baseline", br, 1.15, f"{br:.2f}×")
    pv = res["sizes"].get("1000", {}).get("preview")
    wall = pv["wall_median"] if pv else None
    add("one edited claim at 1k claims visible in the preview (make serve), from the save, wall time", wall, 3, _fmt_s(wall), " s")
    big = max(sizes) if sizes else 0
    if big >= 100000:
        peaks = [res["sizes"][str(big)][k]["rss_mib_max"] for k in (*CHECK_KEYS, *BUILD_KEYS) if k in res["sizes"][str(big)]]
        pk = max(peaks) if peaks else None
        add(f"peak memory at {_k(big)} claims (every measurement)", pk, GIB, f"{pk:.0f} MiB" if pk else "", " MiB")
    return out


def table_text(res: dict[str, Any]) -> str:
    sizes = sorted(int(s) for s in res["sizes"])
    lines = ["measurement".ljust(56) + "".join(f"{_k(n):>22}" for n in sizes)]
    for key in TABLE_KEYS:
        cells = []
        for n in sizes:
            m = res["sizes"][str(n)].get(key)
            cells.append(f"{m['cpu_median']:.3f} s {m['rss_mib_max']:.0f} MiB" if m else "–")
        lines.append(LABELS[key].ljust(56) + "".join(f"{c:>22}" for c in cells))
    b = [_ratio(_get(res, n, "cold"), _get(res, n, "cold_base")) for n in sizes]
    lines.append(RATIO_BASE.ljust(56) + "".join(f"{'–' if x is None else f'{x:.2f}×':>22}" for x in b))
    lines.append("")
    for t in targets(res):
        verdict = "met" if t["met"] else ("not measured" if t["met"] is None else "MISSED")
        lines.append(f"{verdict:>12}  {t['target']}: {t['measured']} (target {t['limit']})")
    return "\n".join(lines)


def plot(res: dict[str, Any], png: Path) -> None:
    sizes = sorted(int(s) for s in res["sizes"])
    fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))
    styles = {
        "cload": ("tab:gray", "--", "s"),
        "cold": ("tab:red", "-", "o"),
        "cold_base": ("tab:orange", "--", "^"),
        "warm": ("tab:green", "-", "o"),
        "edit": ("tab:blue", "-", "o"),
        "build": ("tab:purple", "-", "D"),
        "build_plain": ("tab:purple", "--", "s"),
    }
    for ax, keys, title in ((axes[0], (*CHECK_KEYS, *BASE_KEYS), "python -m briefing check"), (axes[1], BUILD_KEYS, "mkdocs build --strict")):
        for key in keys:
            xs = [n for n in sizes if key in res["sizes"][str(n)]]
            if not xs:
                continue
            c, ls, mk = styles[key]
            ax.plot(xs, [_get(res, n, key) for n in xs], color=c, linestyle=ls, marker=mk, label=LABELS[key])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("claims")
        ax.set_ylabel("CPU time, median (s)")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].axhline(0.5, color="tab:green", alpha=0.4, linewidth=1)
    axes[0].annotate("0.5 s target (warm, one edit; 10k)", (sizes[0], 0.5), textcoords="offset points", xytext=(2, 4), fontsize=8)
    xs = sizes
    if xs:
        base = _get(res, xs[0], "cold")
        if base:
            axes[0].plot(xs, [base * n / xs[0] for n in xs], color="tab:red", alpha=0.25, linewidth=4, label="linear growth from the 1k cold check")
    ax = axes[2]
    for key in (*CHECK_KEYS, *BASE_KEYS, *BUILD_KEYS):
        pts = [n for n in sizes if key in res["sizes"][str(n)]]
        if pts:
            c, ls, mk = styles[key]
            ax.plot(pts, [res["sizes"][str(n)][key]["rss_mib_max"] for n in pts], color=c, linestyle=ls, marker=mk, label=LABELS[key])
    ax.axhline(GIB, color="black", alpha=0.4, linewidth=1)
    ax.annotate("1 GiB target (100k)", (sizes[0], GIB), textcoords="offset points", xytext=(2, 4), fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("claims")
    ax.set_ylabel("peak resident memory (MiB)")
    ax.set_title("peak memory of each measurement")
    ax.grid(True, which="both", alpha=0.3)
    for a in axes:
        if a.get_legend_handles_labels()[0]:  # a run without builds has nothing to list there
            a.legend(fontsize=7.5, loc="upper left")
    fig.suptitle(f"Check and build against briefing size ({res['machine']['cpu']}, {res['machine']['cores']} cores)", fontsize=10)
    fig.tight_layout()
    png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png, dpi=110, metadata={"Software": None, "Creation Time": None})
    plt.close(fig)


def _table(res: dict[str, Any]) -> str:
    sizes = sorted(int(s) for s in res["sizes"])
    head = "| measurement | " + " | ".join(f"{_k(n)} claims" for n in sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"
    rows = []
    for key in TABLE_KEYS:
        cells = []
        for n in sizes:
            m = res["sizes"][str(n)].get(key)
            missing = base_missing(res, n) if key in BASE_KEYS else "not run"
            cells.append(
                f"**{_fmt_s(m['cpu_median'])}** ({_fmt_s(m['wall_median'])} wall), {m['rss_mib_max']:.0f} MiB" if m else missing
            )
        rows.append(f"| {LABELS[key]} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n"


def _ratios(res: dict[str, Any]) -> str:
    sizes = sorted(int(s) for s in res["sizes"])
    head = "| ratio | " + " | ".join(f"{_k(n)}" for n in sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"

    def row(name: str, f: Any) -> str:
        cells = []
        for n in sizes:
            v = f(n)
            cells.append("–" if v is None else f"{v:.2f}×")
        return f"| {name} | " + " | ".join(cells) + " |"

    rows = [
        row("cold check ÷ C loader alone", lambda n: _ratio(_get(res, n, "cold"), _get(res, n, "cload"))),
        row("warm check ÷ C loader alone", lambda n: _ratio(_get(res, n, "warm"), _get(res, n, "cload"))),
        row("one-edit check ÷ C loader alone", lambda n: _ratio(_get(res, n, "edit"), _get(res, n, "cload"))),
        row(RATIO_BASE, lambda n: _ratio(_get(res, n, "cold"), _get(res, n, "cold_base"))),
        row("cold check ÷ cold check at 10× fewer claims", lambda n: _ratio(_get(res, n, "cold"), _get(res, n // 10, "cold"))),
        row("build with macros ÷ pre-rendered build", lambda n: _ratio(_get(res, n, "build"), _get(res, n, "build_plain"))),
        row("build with macros ÷ itself at 10× fewer claims", lambda n: _ratio(_get(res, n, "build"), _get(res, n // 10, "build"))),
        row("pre-rendered build ÷ itself at 10× fewer claims", lambda n: _ratio(_get(res, n, "build_plain"), _get(res, n // 10, "build_plain"))),
        row("preview after one edited claim ÷ full build (CPU)", lambda n: _ratio(_get(res, n, "preview"), _get(res, n, "build"))),
        row("preview after one edited claim ÷ full build (wall)", lambda n: _ratio(_get(res, n, "preview", "wall_median"), _get(res, n, "build", "wall_median"))),
    ]
    return head + "\n".join(rows) + "\n"


def _preview(res: dict[str, Any]) -> str:
    sizes = [n for n in sorted(int(s) for s in res["sizes"]) if "preview" in res["sizes"][str(n)]]
    if not sizes:
        return "_The preview was not measured in this run._\n"
    head = "| | " + " | ".join(f"{_k(n)} claims" for n in sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"

    def row(name: str, f: Any) -> str:
        return f"| {name} | " + " | ".join(f(res["sizes"][str(n)]) for n in sizes) + " |"

    rows = [
        row("one edited claim, from the save until its page shows it: wall time (median)", lambda r: f"**{_fmt_s(r['preview']['wall_median'])}**"),
        row("the server's CPU time over the same interval (median)", lambda r: _fmt_s(r["preview"]["cpu_median"])),
        row("every run, wall", lambda r: ", ".join(f"{x:.2f}" for x in r["preview"]["wall"]) + " s"),
        row("full rebuild, what `mkdocs serve` does after any edit (the build above): wall / CPU",
            lambda r: f"{_fmt_s(r['build']['wall_median'])} / {_fmt_s(r['build']['cpu_median'])}"),
        row("preview ÷ full rebuild: wall / CPU",
            lambda r: f"{r['preview']['wall_median'] / r['build']['wall_median']:.2f}× / {r['preview']['cpu_median'] / r['build']['cpu_median']:.2f}×"),
        row("the preview's first build (all pages), wall / CPU",
            lambda r: f"{_fmt_s(r['preview']['first_build_wall'])} / {_fmt_s(r['preview']['first_build_cpu'])}"),
    ]  # fmt: skip
    return head + "\n".join(rows) + "\n"


def _before_meaning(res: dict[str, Any]) -> str:
    """Issue 13's speed target, measured: today's cold check against the code before the
    meaning checks, on the same briefing in the same run."""
    sizes = sorted(int(s) for s in res["sizes"])
    text = (
        f"Issue 13 (the meaning checks) asks that the cold check at 10k claims stay within **1.3×** of the "
        f"code before them. That code is commit `{COMMIT}`: `make bench` takes its tree out of git history "
        f"into `bench/out/baseline-{COMMIT}/` and runs its `python -m briefing check --root ROOT` from there "
        "(working directory and `PYTHONPATH`, so it imports its own `briefing` package; the benchmark checks "
        "this once), with the same interpreter and packages, after deleting `ROOT/.cache`, on the very "
        "briefing today's cold check reads, interleaved with it run by run and measured the same way. "
        "When the history lacks the commit (a shallow clone, a tarball), it is not measured and the "
        "tables say so. The target is judged on CPU time."
    )
    text = textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False) + "\n\n"
    shown = [n for n in sizes if "cold_base" in res["sizes"][str(n)]]
    if not shown:
        why = base_missing(res, 10000, "not measured in this run")
        return text + f"_{why[0].upper()}{why[1:]}._\n"
    head = "| | " + " | ".join(f"{_k(n)} claims" for n in shown) + " |\n|---|" + "---:|" * len(shown) + "\n"
    rows = [
        f"| code before the meaning checks ({COMMIT}), CPU | " + " | ".join(_fmt_s(_get(res, n, "cold_base")) for n in shown) + " |",
        "| today's code, CPU | " + " | ".join(_fmt_s(_get(res, n, "cold")) for n in shown) + " |",
        "| today ÷ before, CPU | " + " | ".join(f"**{_ratio(_get(res, n, 'cold'), _get(res, n, 'cold_base')):.2f}×**" for n in shown) + " |",
        "| today ÷ before, wall | "
        + " | ".join(f"{_ratio(_get(res, n, 'cold', 'wall_median'), _get(res, n, 'cold_base', 'wall_median')):.2f}×" for n in shown) + " |",
        "| peak memory, before / today | "
        + " | ".join(f"{res['sizes'][str(n)]['cold_base']['rss_mib_max']:.0f} / {res['sizes'][str(n)]['cold']['rss_mib_max']:.0f} MiB" for n in shown)
        + " |",
    ]  # fmt: skip
    b = _ratio(_get(res, 10000, "cold"), _get(res, 10000, "cold_base"))
    if b is None:
        verdict = "At 10k claims: " + base_missing(res, 10000, "not measured in this run") + "."
    else:
        verdict = f"At 10k claims today's cold check costs **{b:.2f}×** the code before the meaning checks: " + (
            "within the 1.3× target." if b <= 1.3 else f"**over** the 1.3× target (by {b / 1.3:.2f}×)."
        )
    return text + head + "\n".join(rows) + "\n\n" + verdict + "\n"


def _sizes_table(res: dict[str, Any]) -> str:
    sizes = sorted(int(s) for s in res["sizes"])
    fields = (
        ("claims", "claims"), ("inferences", "of which inferences"), ("claim_bytes", "claim YAML (bytes)"), ("sources", "sources"),
        ("source_bytes", "source text (bytes)"), ("entities", "entities"), ("topics", "topics (one page each)"),
    )  # fmt: skip
    head = "| | " + " | ".join(_k(n) for n in sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"
    rows = [f"| {label} | " + " | ".join(f"{res['sizes'][str(n)]['generated'][f]:,}" for n in sizes) + " |" for f, label in fields]
    pages = [str(res["sizes"][str(n)].get("site_pages", "–")) for n in sizes]
    rows.append("| pages in the built site | " + " | ".join(f"{int(p):,}" if p.isdigit() else p for p in pages) + " |")
    return head + "\n".join(rows) + "\n"


def _phases(res: dict[str, Any]) -> str:
    prof = res.get("profile_10k_cold")
    if not prof:
        return "_Not profiled in this run._\n"
    ph = prof["phases"]
    total = ph["total"]
    rows = sorted(ph["phases"].items(), key=lambda kv: -kv[1])
    body = "\n".join(f"| {k} | {v:.3f} s | {100 * v / total:.0f} % |" for k, v in rows if v >= 0.0005)
    return f"| phase | time | share |\n|---|---:|---:|\n{body}\n| **total** (one cold run, in-process timers) | **{total:.3f} s** | |\n"


def _hostile(res: dict[str, Any]) -> str:
    h = res.get("hostile")
    if not h:
        return "_Not measured in this run (`make bench` measures it)._\n"
    o, x = h["ordinary"], h["hostile"]
    ratio = x["cpu_median"] / o["cpu_median"] if o["cpu_median"] else float("nan")
    return (
        "| source | size | check, cold (CPU) | peak memory |\n|---|---:|---:|---:|\n"
        f"| ordinary words, cited once | {h['ordinary_bytes']:,} bytes | **{o['cpu_median']:.3f} s** ({o['wall_median']:.3f} s wall) | {o['rss_mib_max']:.0f} MiB |\n"
        f"| one word repeated, 41 citations of it | {h['hostile_bytes']:,} bytes | **{x['cpu_median']:.3f} s** ({x['wall_median']:.3f} s wall) | {x['rss_mib_max']:.0f} MiB |\n\n"
        f"The hostile source costs {ratio:.2f}× the ordinary one.\n"
    )


def write(run_json: Path, md: Path, png: Path) -> None:
    res = json.loads(run_json.read_text(encoding="utf-8"))
    plot(res, png)
    m = res["machine"]
    v = m["versions"]
    tg = targets(res)
    verdicts = "\n".join(
        f"| {t['target']} | {t['limit']} | {t['measured']} | {'**met**' if t['met'] else ('not measured' if t['met'] is None else '**missed**')} |"
        for t in tg
    )
    prof = res.get("profile_10k_cold", {})
    top = prof.get("cprofile_tottime_top", "")
    png_rel = png.relative_to(md.parent).as_posix() if png.is_relative_to(md.parent) else png.as_posix()
    sizes = sorted(int(s) for s in res["sizes"])
    build_sizes = [n for n in sizes if "build" in res["sizes"][str(n)]]
    from bench.notes import analysis

    preview_runs = max((r["preview"]["runs"] for r in res["sizes"].values() if "preview" in r), default=0)

    text = f"""# Benchmarks: the check and the build as a briefing grows

Generated by `make bench` (`python -m bench`) from `bench/results/results.json`; do not edit by
hand. The plot is `{png_rel}`.

## What is measured

A deterministic generator (`bench/generate.py`) writes synthetic briefings in the project's
real formats: sources of about 3 KB each (a headline listed under `not_claims`, then 16
sentences), claims that quote them (reported, attributed and speculation claims quoting a whole
sentence, its last clause, or both ends joined by an ellipsis; one sentence in seven also gets
an editors' inference resting on it), entities (one per 8 claims), topics (one per 100 claims,
each with its page), 7 key judgments and 10 open questions, plus the real `mkdocs.yml` (with a
nav for these pages), the real `macros.py` and the real explanatory pages. Every sentence of
every source is cited, every quote is checked with the real anchoring code as it is written,
and every generated briefing passes `python -m briefing check` with no errors or warnings
(`tests/test_bench_generator.py` checks this, and that the output is byte-identical run to run).

{_sizes_table(res)}
Each measurement runs in a fresh child process, reaped with `os.wait4`, which gives that
child's own CPU time and peak resident memory (`ru_maxrss`); wall time includes interpreter
start-up. Every figure is the median of {res['runs']} runs ({res['big_runs']} at 100k claims;
{res['build_runs']} for builds, after one unmeasured build of each). Targets are judged on **CPU
time**: all the commands are single-threaded, so on an idle machine CPU time and wall time agree,
but this machine was shared with other jobs while the benchmark ran (load average
{', '.join(str(res['sizes'][s]['load_before']) for s in res['sizes'])} at the start of each size),
which inflates wall time and not CPU time. Both are in the table.

- **C loader alone**: `python -m bench.cload ROOT` reads every record file the check reads
  (`facts/*/*.yml`, `sources/*.yml`) and parses each with `yaml.load(text, Loader=yaml.CSafeLoader)`.
- **check, cold**: `python -m briefing check --root ROOT` after deleting `ROOT/.cache/`.
- **check, cold, code before the meaning checks**: the same command, of the code at commit
  `{COMMIT}` (from git history), on the same ROOT, run by run beside today's; see below.
- **check, warm**: the same with the cache of the previous run and nothing changed.
- **check, one claim file changed**: before each run one claim file gets a new `note:` line
  (new bytes each run, so the cache cannot answer for it).
- **build with the macros**: `python -m mkdocs build --strict` of ROOT: the real configuration
  and `macros.py`, so it loads and checks the briefing, writes a page per claim, entity and
  source, and renders every macro call.
- **pre-rendered baseline**: `python -m bench.plain ROOT ROOT-plain` (not timed) drives the same
  `macros.py` outside MkDocs to render every page (the generated ones included) to plain
  Markdown with the macro output inlined, and writes the exports; ROOT-plain's `mkdocs.yml` is
  ROOT's without the macros plugin. Both builds produce byte-identical sites; the difference is
  the briefing's own work. Builds were timed at {', '.join(_k(n) for n in build_sizes) or 'no size'}.

## Machine

- CPU: {m['cpu']} ({m['cores']} cores), memory {m['memory']}, {m['os']}
- Python {v['python']}, PyYAML {v['pyyaml']} (libyaml: {v['libyaml']}), jsonschema {v['jsonschema']},
  MkDocs {v['mkdocs']}, Material {v['mkdocs-material']}, mkdocs-macros-plugin {v['mkdocs-macros-plugin']}
- Run started {res['started']}; took {res['seconds'] / 60:.0f} minutes.

## Commands

```sh
make bench                                # = .venv/bin/python -m bench: everything below, then this file
.venv/bin/python -m bench --sizes 1000,10000 --build-sizes 1000   # a subset, into bench/out/results/
.venv/bin/python -m bench --quick         # smoke test: 1k and 10k, one run each
.venv/bin/python -m bench --report-only   # rewrite this file and the plot from results.json

# what each measurement runs, ROOT being bench/out/b1000, b10000, b100000:
.venv/bin/python -m bench.cload ROOT
rm -rf ROOT/.cache; .venv/bin/python -m briefing check --root ROOT      # cold
mkdir -p bench/out/baseline-{COMMIT}; git archive {COMMIT} | tar -x -C bench/out/baseline-{COMMIT}   # the code before the meaning checks
rm -rf ROOT/.cache; (cd bench/out/baseline-{COMMIT} && PYTHONPATH=. ../../../.venv/bin/python -m briefing check --root ../../../ROOT)
.venv/bin/python -m briefing check --root ROOT                          # warm / after one edit
.venv/bin/python -m mkdocs build --strict -f ROOT/mkdocs.yml --site-dir ROOT/site
.venv/bin/python -m mkdocs build --strict -f ROOT-plain/mkdocs.yml --site-dir ROOT-plain/site
.venv/bin/python -m bench.phases ROOT --cold                            # where the time goes
.venv/bin/python -m bench.preview ROOT                                  # the preview after one edited claim
.venv/bin/python -m bench --sizes 1000 --preview-only                   # only the builds and the preview, at 1k
```

## Results

CPU time (median; wall-time median in brackets) and the highest peak memory of the runs:

{_table(res)}
## Ratios against the baselines

{_ratios(res)}
## The preview: one edited claim in `make serve`

`python -m bench.preview ROOT` starts the preview server (`python -m preview`, what `make serve`
runs) on ROOT and waits for its first build; then, {preview_runs} times at each size, it gives one claim
file a new `note:` line (shown under the claim) and asks the server for that claim's page every
20 ms until the page holds the new words. The time runs from the moment the file is written, so it
includes the server noticing the change (by the system's file events), the rebuild and the answer:
what an editor waits for. The server's CPU time over the same interval is read from `/proc`. The
baseline is the full build timed above, which is what `mkdocs serve` does after any edit. The
3 s target is about waiting, so it is judged on wall time.

{_preview(res)}
## The cold check against the code before the meaning checks

{_before_meaning(res)}
## Targets

| target | limit | measured | |
|---|---|---|---|
{verdicts}

![Time and peak memory against claims]({png_rel})

## A hostile source at the size limit

The mini briefing of the tests with one more source of just under 1 MiB (the limit) and one
claim citing it, timed cold: once ordinary words cited once, once one word repeated and cited
the way that took minutes before the anchoring was made linear (twenty one-word quotes, twenty
ellipsis quotes whose second piece is nowhere, one quote picked by a prefix). The check fails on
the hostile one, saying why (`quote-too-common`); `tests/test_bounded_cost.py` shows the bound
by counting the work, this shows the time.

{_hostile(res)}
## Where the time goes: a profile of the cold check at 10k claims

`python -m bench.phases bench/out/b10000 --cold` wraps the core's phases with timers (a few
microseconds per call, so the phases add up to the real wall time of one run):

{_phases(res)}
{analysis(res)}

<details><summary>cProfile of the same cold check, top 25 functions by own time (cProfile's overhead inflates the total)</summary>

```text
{top}
```

</details>
"""
    md.write_text(text, encoding="utf-8")
