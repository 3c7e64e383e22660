"""One root cause, one error: what follows from a reported cause is dropped, and nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.diagnostics import Diagnostic, one_per_cause


def d(code: str, causes: tuple[str, ...] = (), follows: tuple[str, ...] = (), severity: str = "error") -> Diagnostic:
    return Diagnostic("f.yml", 1, 1, code, code, severity, causes, follows)


def test_a_consequence_of_a_reported_error_is_dropped_through_a_chain() -> None:
    broken = d("yaml-syntax", causes=("record:facts/topics/offer.yml",))
    unknown = d("unknown-topic", causes=("ref:topic:offer",), follows=("record:facts/topics/offer.yml",))
    orphan = d("orphan-claim", follows=("ref:topic:offer",))
    unrelated = d("number-unsupported", follows=("ref:topic:other",))
    assert one_per_cause([orphan, unknown, broken, unrelated]) == [broken, unrelated]


def test_only_an_error_explains_a_consequence() -> None:
    """A warning's causes drop nothing: what is dropped always comes with an error that fails the check."""
    warning = d("unused-entity", causes=("ref:entity:x",), severity="warning")
    follower = d("entity-not-listed", follows=("ref:entity:x",))
    assert one_per_cause([warning, follower]) == [warning, follower]


def test_consequences_are_dropped_even_as_warnings_and_duplicates_once() -> None:
    cause = d("yaml-syntax", causes=("mention:china",))
    unused = d("unused-entity", follows=("mention:china",), severity="warning")
    assert one_per_cause([cause, unused, cause]) == [cause]


def test_two_diagnostics_that_would_explain_each_other_are_both_kept() -> None:
    a = d("a", causes=("k1",), follows=("k2",))
    b = d("b", causes=("k2",), follows=("k1",))
    assert one_per_cause([a, b]) == [a, b]


KEYS = st.sampled_from(["k1", "k2", "k3", "k4"])
DIAGS = st.lists(
    st.builds(
        d,
        st.sampled_from(["a", "b", "c", "e"]),
        st.tuples(KEYS) | st.just(()),
        st.lists(KEYS, max_size=2).map(tuple),
        st.sampled_from(["error", "warning"]),
    ),
    max_size=8,
)


@given(DIAGS)
def test_the_check_fails_exactly_when_it_failed_before(diags: list[Diagnostic]) -> None:
    kept = one_per_cause(diags)
    assert any(x.severity == "error" for x in kept) == any(x.severity == "error" for x in diags)
    assert all(x in diags for x in kept)
    # Every problem dropped follows from a cause an error reports (or is printed already, as a twin).
    reported = {k for x in diags if x.severity == "error" for k in x.causes}
    for x in diags:
        if not any(y is x for y in kept):
            assert set(x.follows_from) & reported or x in kept
