"""`python -m preview [-f mkdocs.yml] [--dev-addr HOST:PORT]`: serve the site and rebuild it on every change."""

from __future__ import annotations

import argparse
import logging
import sys

from mkdocs.__main__ import ColorFormatter


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m preview", description=__doc__)
    p.add_argument("-f", "--config-file", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve (default: 127.0.0.1:8000)")
    p.add_argument("--full", action="store_true", help="rebuild every page on every change (what `mkdocs serve` does)")
    p.add_argument("-o", "--open", action="store_true", help="open the site in a browser")
    args = p.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        p.error(f"--dev-addr: expected HOST:PORT, got {args.dev_addr!r}")
    # The terminal shows what `mkdocs serve` shows: MkDocs' INFO lines and every warning.
    mk = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    mk.addHandler(handler)
    mk.setLevel(logging.INFO)
    mk.propagate = False

    from preview.server import serve

    serve(args.config_file, host, int(port), incremental=not args.full, open_browser=args.open)
    return 0


if __name__ == "__main__":
    sys.exit(main())
