"""`python -m briefing`: the command line (see `briefing.cli`).

The process ends without the interpreter's teardown. A check leaves a briefing's worth of objects
(every record, source reading and sentence: hundreds of thousands at 10k claims) that the
teardown would free one by one, about a tenth of a second for nothing as the process is ending;
the tool itself needs no teardown (no thread, no exit handler). What was printed is flushed
first. mypy ends its command line the same way. Under a profiler or a tracer (`python -m
cProfile -m briefing`, coverage), which write what they gathered as the process ends, it ends
the ordinary way.
"""

import os
import sys

from briefing.cli import main

code = main()
if sys.getprofile() is not None or sys.gettrace() is not None:
    sys.exit(code)
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # the reader went away (`| head`): nothing more can be said
    pass
os._exit(code)
