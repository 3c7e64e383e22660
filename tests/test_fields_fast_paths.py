"""The reader-facing fields' fast paths give the answers of the plain reading they stand for.

- A claim's id is not read alone when every id, read as one text (`fields.id_names`), shows it
  has no negation and names no entity its statement does not: `bound.gaps` would find nothing in
  it, whatever else the claim's evidence holds; a source's id (held to names alone) that names
  no one lacks nothing. That text's reading is built from its words
  (`fields.id_words`): the tokeniser reads the same words, at the same places.
"""

from __future__ import annotations

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.loader import load_briefing
from briefing.names import NameIndex
from briefing.reading import Reading, read
from briefing.rules import bound
from briefing.rules.fields import _ID, _NAMES_ONLY, id_lacks_nothing, id_names, id_words

SETTINGS = settings(derandomize=True, max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))

_GOT = load_briefing(REPO)
B = _GOT[0] if isinstance(_GOT, tuple) else _GOT
NAMES = NameIndex.of(B)
# The words of every entity's names (so ids name them, whole or in part, or run two together),
# negations, words of neither, digits and digits glued to letters.
NAME_WORDS = sorted({w for e in B.entities.values() for n in e.names for w in read(n.casefold()).lows if w.isascii() and w.isalnum()})
WORDS = st.sampled_from([*NAME_WORDS, "not", "no", "never", "longer", "without", "refused", "far", "from", "yet", "to", "offer", "engine", "2", "30t", "3rd"])
IDS = st.lists(WORDS, min_size=1, max_size=6).map("-".join)
STATEMENTS = st.lists(WORDS, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@SETTINGS
@given(st.lists(st.tuples(IDS, STATEMENTS), min_size=1, max_size=12, unique_by=lambda t: t[0]))
def test_an_id_read_among_all_ids_lacks_nothing_only_where_read_alone_it_lacks_nothing(claims: list[tuple[str, str]]) -> None:
    found = id_names([cid for cid, _ in claims], NAMES)
    for cid, statement in claims:
        if id_lacks_nothing(found.get(cid), statement, NAMES):
            # The evidence at its least: the statement alone (a claim's also has its cited words).
            own = read(statement).whole()
            assert bound.gaps(B, cid.replace("-", " "), own, NAMES, rules=_NAMES_ONLY, first=own) == [], (cid, statement)


def test_the_ids_fast_path_is_taken_and_left() -> None:
    word = next(w for w in NAME_WORDS if len(NAMES.lengths.get(w, ())) and 1 in NAMES.lengths[w])
    found = id_names(["plain-words-here", f"{word}-said", f"not-{word}", "Odd_Id", f"x-{word}"], NAMES)
    assert found["plain-words-here"] == set()
    assert found[f"{word}-said"] and found[f"x-{word}"]
    assert f"not-{word}" not in found and "Odd_Id" not in found  # a negation, signs outside the schema: read alone
    assert id_lacks_nothing(found["plain-words-here"], "Anything.", NAMES)
    assert not id_lacks_nothing(found[f"{word}-said"], "Nothing named.", NAMES)
    assert id_lacks_nothing(found[f"{word}-said"], f"{word.capitalize()} said so.", NAMES)


@SETTINGS
@given(st.lists(IDS, min_size=1, max_size=12, unique=True))
def test_a_source_id_that_names_no_one_among_all_ids_names_no_one_alone(ids: list[str]) -> None:
    found = id_names(ids, NAMES)
    for sid in ids:
        if found.get(sid) == set():
            assert bound.gaps(B, sid.replace("-", " "), "", NAMES, rules=frozenset({bound.NAME})) == [], sid


@SETTINGS
@given(st.lists(st.text(alphabet="ab09-xn't", min_size=1, max_size=12), min_size=1, max_size=8))
def test_the_ids_reading_built_from_their_words_is_the_tokenisers(ids: list[str]) -> None:
    ids = [cid for cid in ids if _ID.fullmatch(cid)]
    got, want = id_words(ids), Reading("\n".join(ids).replace("-", " "))  # no id at all too
    for slot in Reading.__slots__:
        if slot != "__weakref__":
            assert getattr(got, slot) == getattr(want, slot), slot
