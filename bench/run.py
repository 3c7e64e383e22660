"""Run the benchmarks: every measurement in a fresh child process, timed from outside.

Each command is started by `bench/wrap.py`, a tiny interpreter that spawns it and reaps it with
`os.wait4`, which returns that child's own resource usage: its peak resident memory
(`ru_maxrss`) and its CPU time (`ru_utime + ru_stime`). Wall time is taken around spawn and
reap, so it includes the interpreter's start-up, as a user waiting for the command sees it. All the commands are
single-threaded, so on an idle machine CPU time equals wall time; on a busy one (other jobs on
the same cores) wall time grows with the load and CPU time does not, so the targets are judged
on CPU time and both are reported.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import baseline, generate

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_kib: int
    code: int


def child_env(root: Path | None = None, cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BRIEFING_NO_CACHE", None)
    if not cache:
        env["BRIEFING_NO_CACHE"] = "1"
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(REPO)
    env.pop("GITHUB_ACTIONS", None)
    # The synthetic briefings live in bench/out/ inside this repository: stop git from finding
    # the repository's own history above them (the build would read it as the briefing's).
    env["GIT_CEILING_DIRECTORIES"] = str((root or REPO / "bench" / "out").resolve().parent)
    return env


WRAP = Path(__file__).resolve().parent / "wrap.py"


def run_child(cmd: list[str], cwd: Path, env: dict[str, str], log: Path | None = None, ok: tuple[int, ...] = (0,)) -> Sample:
    """Run one command through bench/wrap.py; return its wall time, CPU time, peak RSS and exit code."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        p = subprocess.run([PY, "-S", "-I", str(WRAP), str(result), *cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        r = json.loads(result.read_text()) if result.exists() else {"wall": 0.0, "cpu": 0.0, "rss_kib": 0, "code": p.returncode}
    if log is not None:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"$ {' '.join(cmd)}  (cwd {cwd})\n{text[-4000:]}\n-> exit {r['code']}, {r['wall']:.3f} s\n\n")
    if p.returncode not in ok or r["code"] not in ok:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit {r['code']}:\n{text[-3000:]}")
    return Sample(r["wall"], r["cpu"], r["rss_kib"], r["code"])


def summarise(samples: list[Sample]) -> dict[str, object]:
    return {
        "runs": len(samples),
        "wall": [round(s.wall, 4) for s in samples],
        "cpu": [round(s.cpu, 4) for s in samples],
        "rss_mib": [round(s.rss_kib / 1024, 1) for s in samples],
        "wall_median": round(statistics.median(s.wall for s in samples), 4),
        "cpu_median": round(statistics.median(s.cpu for s in samples), 4),
        "rss_mib_median": round(statistics.median(s.rss_kib for s in samples) / 1024, 1),
        "rss_mib_max": round(max(s.rss_kib for s in samples) / 1024, 1),
    }


def check_cmd(root: Path) -> list[str]:
    return [PY, "-m", "briefing", "check", "--root", str(root.resolve())]


def build_cmd(root: Path) -> list[str]:
    root = root.resolve()
    return [PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "--site-dir", str(root / "site")]


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# A note gives no figure its claim's words lack (the reader-facing fields rule): the run is told by a letter.
EDIT_NOTE = "note: Edited by the benchmark, run {i}; a note is shown under the claim and changes nothing it cites.\n"
RUN_NAMES = "abcdefghijklmnopqrstuvwxyz"


def bench_size(
    n: int, out: Path, runs: int, build: bool, build_runs: int, log: Path, say: callable, preview_runs: int = 0, checks: bool = True,
    base_tree: Path | None = None,
) -> dict[str, object]:
    """Measure one size. `base_tree`: the source tree of the code before the meaning checks
    (bench/baseline.py), whose cold check is timed beside today's; None to skip it."""
    root = out / f"b{n}"
    t = time.perf_counter()
    gen = generate.generate(root, n)
    gen["seconds"] = round(time.perf_counter() - t, 2)
    gen["digest"] = generate.tree_digest(root)
    say(f"  generated {n} claims ({gen['claim_bytes'] / 1e6:.1f} MB of claim YAML, {gen['sources']} sources) in {gen['seconds']} s")
    env = child_env(root)
    res: dict[str, object] = {"generated": gen, "load_before": load_average()}
    cache = root / ".cache"
    claims = sorted((root / "facts" / "claims").glob("*.yml"))
    edited = claims[len(claims) // 2]
    original = edited.read_bytes()

    samples: dict[str, list[Sample]] = {"cload": [], "cold_base": [], "cold": [], "warm": [], "edit": []}
    if not checks:  # --preview-only: the builds and the preview, for working on the preview
        runs = 0
    # The older code runs from its own tree (working directory and PYTHONPATH: `python -m` puts
    # the working directory first on sys.path), with the same interpreter and venv.
    base_env = baseline.env(base_tree, env) if base_tree is not None and runs else None
    # Interleave the baselines and the cold check, so a burst of load hits them alike. The older
    # code's cold check comes before today's, so the cache left behind is today's.
    for _ in range(runs):
        samples["cload"].append(run_child([PY, "-m", "bench.cload", str(root)], REPO, env, log))
        if base_env is not None:
            shutil.rmtree(cache, ignore_errors=True)
            try:
                samples["cold_base"].append(run_child(check_cmd(root), base_tree, base_env, log))
            except RuntimeError as e:  # the older code refuses this briefing: no figure to compare
                res["cold_base_skipped"] = f"not measured: the check of {baseline.COMMIT} failed on this briefing"
                say(f"  {res['cold_base_skipped']} ({str(e).splitlines()[0]})")
                base_env, samples["cold_base"] = None, []
        shutil.rmtree(cache, ignore_errors=True)
        samples["cold"].append(run_child(check_cmd(root), REPO, env, log))
    run_child(check_cmd(root), REPO, env, log)  # the cache now holds exactly this briefing
    for _ in range(runs):
        samples["warm"].append(run_child(check_cmd(root), REPO, env, log))
    for i in range(runs):
        # A new note each time: new bytes, so the cache can never answer for this file.
        edited.write_bytes(original + EDIT_NOTE.format(i=RUN_NAMES[i % len(RUN_NAMES)] * (1 + i // len(RUN_NAMES))).encode())
        samples["edit"].append(run_child(check_cmd(root), REPO, env, log))
    edited.write_bytes(original)
    run_child(check_cmd(root), REPO, env, log)
    for k, v in samples.items():
        if not v:
            continue
        res[k] = summarise(v)
        say(f"  {k:9} cpu {res[k]['cpu_median']:.3f} s  wall {res[k]['wall_median']:.3f} s  peak {res[k]['rss_mib_max']:.0f} MiB")

    if build:
        plain = out / f"b{n}-plain"
        t = time.perf_counter()
        run_child([PY, "-m", "bench.plain", str(root), str(plain)], REPO, env, log)
        res["prerender_seconds"] = round(time.perf_counter() - t, 2)
        bs: dict[str, list[Sample]] = {"build": [], "build_plain": []}
        # One unmeasured build of each first: the macros build writes the generated pages once.
        run_child(build_cmd(root), root, env, log)
        run_child(build_cmd(plain), plain, env, log)
        for _ in range(build_runs):
            bs["build"].append(run_child(build_cmd(root), root, env, log))
            bs["build_plain"].append(run_child(build_cmd(plain), plain, env, log))
        for k, v in bs.items():
            res[k] = summarise(v)
            say(f"  {k:11} cpu {res[k]['cpu_median']:.3f} s  wall {res[k]['wall_median']:.3f} s  peak {res[k]['rss_mib_max']:.0f} MiB")
        res["site_pages"] = sum(1 for _ in (root / "site").rglob("index.html"))
        if preview_runs:
            # What `make serve` does after one edit; the full build above is what `mkdocs serve`
            # does after any edit, the baseline of this measurement.
            from bench import preview

            res["preview"] = preview.measure(root, preview_runs, log)
            p = res["preview"]
            say(f"  preview     cpu {p['cpu_median']:.3f} s  wall {p['wall_median']:.3f} s  (one edited claim, from the save until the page shows it)")
    res["load_after"] = load_average()
    return res


HOSTILE_WORDS = 200_000  # "word " this many times: a source of just under 1 MiB, the largest allowed


def hostile_project(root: Path, flood: bool) -> None:
    """The mini briefing of the tests, with (`flood`) a source of one word repeated to the size
    limit and a claim citing it the way that once took minutes: twenty one-word quotes, twenty
    ellipsis quotes whose second piece is nowhere, and a quote picked by a prefix. Without
    `flood`, the same claim cites a source of ordinary words of the same size once."""
    import hashlib

    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    words = "Intro. " + "word " * HOSTILE_WORDS if flood else "Intro. The word, and " + "then nothing happened on that day, and " * (HOSTILE_WORDS // 8)
    text = words.strip().encode() + b"."
    (root / "sources" / "flood.txt").write_bytes(text)
    (root / "sources" / "flood.yml").write_text(
        "id: flood\ntitle: Flood\npublisher: Example Gazette\nurl: https://example.org/flood\nlanguage: en\n"
        'published: {value: "2020-03", precision: month}\nretrieved: {value: "2020-03-02", precision: day}\n'
        f"sha256: {hashlib.sha256(text).hexdigest()}\n",
        encoding="utf-8",
    )
    quotes = ["word"] * 20 + ["word … zebra"] * 20 if flood else ["word"]
    cits = "".join(f'  - source: flood\n    quote: "{q}"\n    prefix: "Intro. The"\n' for q in quotes[:1]) + "".join(
        f'  - source: flood\n    quote: "{q}"\n' for q in quotes[1:]
    )
    (root / "facts" / "claims" / "flood-words.yml").write_text(
        f"id: flood-words\nstatement: The article says word.\nkind: reported\ntopics: [bridge]\nentities: []\ncitations:\n{cits}",
        encoding="utf-8",
    )


def bench_hostile(out: Path, runs: int, log: Path, say: callable) -> dict[str, object]:
    """The cold check of a hostile source at the size limit, against the same project citing an
    ordinary source of the same size (the check fails on the hostile one: it says why at once)."""
    res: dict[str, object] = {"words": HOSTILE_WORDS}
    for name, flood in (("ordinary", False), ("hostile", True)):
        root = out / f"hostile-{name}"
        hostile_project(root, flood)
        res[f"{name}_bytes"] = (root / "sources" / "flood.txt").stat().st_size
        env = child_env(root, cache=False)
        samples = [run_child(check_cmd(root), REPO, env, log, ok=(0, 1)) for _ in range(runs)]
        res[name] = summarise(samples)
        say(f"  {name:8} cpu {res[name]['cpu_median']:.3f} s  wall {res[name]['wall_median']:.3f} s  peak {res[name]['rss_mib_max']:.0f} MiB")
    return res


def machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import jsonschema
    import mkdocs
    import yaml

    versions = {"python": platform.python_version(), "pyyaml": yaml.__version__, "libyaml": getattr(yaml, "__with_libyaml__", False)}
    versions["jsonschema"] = getattr(jsonschema, "__version__", "") or _dist_version("jsonschema")
    versions["mkdocs"] = mkdocs.__version__
    versions["mkdocs-material"] = _dist_version("mkdocs-material")
    versions["mkdocs-macros-plugin"] = _dist_version("mkdocs-macros-plugin")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def _dist_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def profile_cold(root: Path, out: Path, log: Path) -> dict[str, object]:
    """Where the time of a cold check goes: phases (cheap wrappers) and a cProfile top list."""
    env = child_env(root)
    phases = out / "phases.json"
    run_child([PY, "-m", "bench.phases", str(root), "--cold", "--json", str(phases)], REPO, env, log)
    prof = out / "cold.prof"
    shutil.rmtree(root / ".cache", ignore_errors=True)
    run_child([PY, "-m", "cProfile", "-o", str(prof), "-m", "briefing", "check", "--root", str(root)], REPO, env, log)
    import pstats
    from io import StringIO

    buf = StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.strip_dirs().sort_stats("tottime").print_stats(25)
    # pstats heads its listing with the profile's absolute path: name it relative to the project,
    # so no path of the measuring machine lands in BENCHMARKS.md.
    text = buf.getvalue().replace(str(prof), prof.relative_to(REPO).as_posix() if prof.is_relative_to(REPO) else prof.name)
    top = "\n".join(ln.rstrip() for ln in text.splitlines() if ln.strip())
    return {"phases": json.loads(phases.read_text()), "cprofile_tottime_top": top}


def json_dump(obj: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
