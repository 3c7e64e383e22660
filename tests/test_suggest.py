"""What an editor is offered for an id that does not resolve: a near spelling, else the valid ids."""

from __future__ import annotations

from briefing.suggest import closest_or_valid, valid_values


def test_a_near_spelling_is_suggested_before_any_list() -> None:
    assert closest_or_valid("ofer", ["offer", "heavy-lift-gap"], "topics") == "; did you mean 'offer'?"


def test_with_no_close_match_few_valid_ids_are_all_listed_in_order() -> None:
    assert closest_or_valid("people", ["offer", "heavy-lift-gap"], "topics", "facts/topics/") == "; the topics are: heavy-lift-gap, offer"
    assert valid_values([], "topics", "facts/topics/") == "; there are no topics in facts/topics/ yet"


def test_with_many_valid_ids_the_first_few_and_the_count_are_given() -> None:
    ids = [f"entity-{i:03}" for i in range(40)]
    assert closest_or_valid("somebody", ids, "entities", "facts/entities/") == (
        "; there are 40 entities, e.g. entity-000, entity-001, entity-002, entity-003, entity-004, entity-005, … (all in facts/entities/)"
    )
    # Claims are found by their words, not by the alphabet: only their number and folder.
    claims = [f"claim-{i:03}" for i in range(40)]
    assert closest_or_valid("zzz", claims, "claims", "facts/claims/", examples=False) == "; there are 40 claims (all in facts/claims/)"
