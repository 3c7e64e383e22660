"""Run one command and report its own wall time, CPU time and peak memory as JSON.

    python -S -I bench/wrap.py RESULT.json CMD [ARGS...]

A tiny interpreter (no site, no imports beyond os/sys/time/json) between the benchmark driver and
the measured command. Linux charges a child, in `ru_maxrss`, with the memory of the process it
was forked from, so measuring from the large driver would report the driver's size; forked from
this wrapper, the measured command's peak is its own.
"""

import json
import os
import sys
import time


def main() -> int:
    result, cmd = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as fh:
        json.dump({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kib": ru.ru_maxrss, "code": code}, fh)
    return code


if __name__ == "__main__":
    sys.exit(main())
