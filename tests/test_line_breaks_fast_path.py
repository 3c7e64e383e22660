"""The line-break rule reads every record's bytes as one text (`linebreaks._flagged`) to find the
few records worth a closer look: every record its one-by-one look (`_raw_may_break`) would send
on is among them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.rules import linebreaks

SETTINGS = settings(derandomize=True, max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))

# Hyphens, the bytes around a block text's header, white space, letters, and the bytes `_RARE`
# knows outside ASCII (and one it does not).
PIECES = [b"-", b">", b"|", b"\n", b"\r", b"\t", b" ", b"a", b"7", b"\xc2\xad", b"\xc2\xa0", b"\xe2\x80\x93", b"\xe2\x80\x99"]
# A word, a hyphen, a line break, most often.
RAW = st.lists(st.one_of(st.sampled_from([b"a-\n", b"7-\n", b"x", b"a\xc2\xad\n", b"a\xe2\x80\x93\n", b"a- \n", b"a-  \n", b"a- \t \r\n", b"a-\xc2\xa0\n"]), st.sampled_from(PIECES)), max_size=10).map(b"".join)


@SETTINGS
@given(st.lists(st.one_of(RAW, st.none()), max_size=8))
def test_every_record_worth_a_look_is_flagged(raws: list[bytes | None]) -> None:
    flagged = linebreaks._flagged(raws)
    for i, raw in enumerate(raws):
        if raw is None or linebreaks._raw_may_break(raw):
            assert i in flagged, (i, raws)


@SETTINGS
@given(RAW)
def test_the_look_at_bytes_misses_no_hyphen_before_a_line_break(raw: bytes) -> None:
    """What the bytes' quick looks send on includes every record the rule's own pattern finds a
    hyphen before a line break in (white space between them, however much)."""
    if linebreaks._RAW_LINE_END.search(raw):
        assert linebreaks._raw_may_break(raw), raw
        assert linebreaks._flagged([raw]) == {0}, raw


def test_a_plain_record_is_not_flagged() -> None:
    raws = [b"id: x\nstatement: >-\n  One line.\n", b"text: |-\n  a\n", b"- a\n- b\n"]
    assert linebreaks._flagged(raws) == set()
    assert linebreaks._flagged([*raws, b"a: multi-\n  word\n"]) == {3}
