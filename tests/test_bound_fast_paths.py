"""`bound._names_in` (the names the sources write capitalised inside a sentence) takes shortcuts:
each word's first character read at C speed, and a word after a space whose character before it
cannot end a sentence is settled without the sentence-start pattern. It gives what the plain loop
it replaced gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.reading import Reading
from briefing.rules import bound

SETTINGS = settings(derandomize=True, max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))

PIECES = st.sampled_from(
    ["Tiangong", "tiangong", "NASA", "Roscosmos", "the", "said", "A", "I", " ", "  ", "\n", "\n ", ". ", "? ", "! ", ": ", "; ", ", ",
     "\"", "“", "‘", "(", "’", ")", "-", "Éclair", "éclair", "Σ", "1", "x"]
)  # fmt: skip


def _plain(readings: list[Reading]) -> frozenset[str]:
    """The loop as it was written before the shortcuts."""
    capital: set[str] = set()
    lower: set[str] = set()
    for r in readings:
        t = r.text
        for i, (a, z) in enumerate(zip(r.starts, r.ends, strict=True)):
            c = t[a]
            if c.islower():
                lower.add(r.lows[i])
            elif c.isupper() and i and t[a - 1] == " ":
                w = t[a:z]
                if not w.isupper() and not bound._starts_sentence(t, a):
                    capital.add(w)
    return frozenset(w for w in capital if w.casefold() not in lower)


@SETTINGS
@given(st.lists(st.lists(PIECES, max_size=30).map("".join), min_size=1, max_size=3))
def test_names_in_equals_the_plain_loop(texts: list[str]) -> None:
    readings = [Reading(t) for t in texts]
    assert bound._names_in(readings) == _plain(readings), texts
