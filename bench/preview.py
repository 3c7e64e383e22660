"""The preview's measurement: how long one edited claim takes to show in `make serve`.

    python -m bench.preview ROOT [--runs N] [--json OUT]

Starts the preview server (`python -m preview`, what `make serve` runs) on ROOT as a child
process, on a free port, and waits for its first (full) build. Then, N times: gives one claim
file a new `note:` line (shown under the claim on its page), and asks the server for that claim's
page every 20 ms until the page holds the new words. Measured from the moment the file is
written, so it includes noticing the change (by the system's file events), the rebuild, and
the answer, as an editor waiting in front of the browser sees it; the server's own CPU time over
the same interval is read from /proc. The file is put back at the end and the server stopped.

The baseline is what `mkdocs serve` does after any edit: a full build (`mkdocs build`, timed by
`bench.run` in the same run).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import RUN_NAMES, child_env

REPO = Path(__file__).resolve().parent.parent
# A note may give no figure its claim's words lack (the reader-facing fields rule): the run is told by a letter.
NOTE = "note: Edited by the preview benchmark, run {i}; shown under the claim.\n"
TICKS = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _get(url: str, timeout: float = 600) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def _wait_for(url: str, words: str, proc: subprocess.Popen[bytes], limit: float) -> float:
    """Poll until the page holds `words`; returns the perf_counter time it did."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the preview server exited with {proc.returncode}")
        try:
            code, body = _get(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            code, body = 0, ""
        if code == 200 and words in body:
            return time.perf_counter()
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not show {words!r} within {limit:.0f} s")


def measure(root: Path, runs: int, log: Path | None = None) -> dict[str, object]:
    root = root.resolve()
    claims = sorted((root / "facts" / "claims").glob("*.yml"))
    edited = claims[len(claims) // 2]
    original = edited.read_bytes()
    port = _free_port()
    site_url = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    base = f"http://127.0.0.1:{port}{urlsplit(site_url.group(1)).path if site_url else '/'}"
    url = f"{base}claims/{edited.stem}/"
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    cmd = [sys.executable, "-m", "preview", "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=child_env(root), stdout=out, stderr=subprocess.STDOUT)
    walls: list[float] = []
    cpus: list[float] = []
    try:
        _wait_for(url, "", proc, 3600)
        first = time.perf_counter() - t0
        first_cpu = _cpu(proc.pid)
        time.sleep(1.5)  # let the watcher settle
        for i in range(runs):
            note = NOTE.format(i=RUN_NAMES[i % len(RUN_NAMES)] * (1 + i // len(RUN_NAMES)))
            words = note[len("note: ") :].strip()
            c0 = _cpu(proc.pid)
            start = time.perf_counter()
            edited.write_bytes(original + note.encode())
            done = _wait_for(url, words, proc, 1800)
            walls.append(done - start)
            cpus.append(_cpu(proc.pid) - c0)
            time.sleep(1.5)  # a quiet moment between edits, as between an editor's saves
        edited.write_bytes(original)
        _wait_until_gone(url, "Edited by the preview benchmark", proc)
    finally:
        edited.write_bytes(original)
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]
    return {
        "runs": runs,
        "wall": [round(x, 4) for x in walls],
        "cpu": [round(x, 4) for x in cpus],
        "wall_median": round(statistics.median(walls), 4),
        "cpu_median": round(statistics.median(cpus), 4),
        "first_build_wall": round(first, 2),
        "first_build_cpu": round(first_cpu, 2),
    }


def _wait_until_gone(url: str, words: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.perf_counter() + 1800
    while time.perf_counter() < deadline and proc.poll() is None:
        code, body = _get(url)
        if code == 200 and words not in body:
            return
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.preview", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("root", type=Path)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", type=Path, help="write the result here")
    args = p.parse_args(argv)
    res = measure(args.root, args.runs)
    print(json.dumps(res, indent=1))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
