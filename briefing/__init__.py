"""Core of the fact-checked briefing: loading, anchoring, checks, rendering helpers, exports.

Knows nothing of MkDocs; `macros.py` at the top of the repository is a thin adapter over it.
"""

__version__ = "1.0.0"
