"""The baseline: parse every record file the check reads with PyYAML's C loader, nothing else.

`python -m bench.cload ROOT` reads facts/*/*.yml and sources/*.yml under ROOT and runs
`yaml.load(..., Loader=yaml.CSafeLoader)` on each, the fastest a YAML-based check could load them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    t0 = time.perf_counter()
    files = sorted(root.glob("facts/*/*.yml")) + sorted(root.glob("sources/*.yml"))
    n_bytes = 0
    for path in files:
        raw = path.read_bytes()
        n_bytes += len(raw)
        yaml.load(raw.decode("utf-8"), Loader=yaml.CSafeLoader)
    dt = time.perf_counter() - t0
    print(f"parsed {len(files)} files, {n_bytes} bytes, in {dt:.3f} s ({n_bytes / dt / 1e6:.2f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
