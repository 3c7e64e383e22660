"""Reader-facing text says no more than its evidence.

Every text a reader sees that is not a claim's statement — a sentence, table row or label of a
page, a page's title, description and tags, a key judgment, an open question, the description of
an entity or a topic, a claim's note, an inference's basis, a source's metadata — is held to the
claims it rests on, by the same rules and vocabulary as a claim's statement is held to its quotes:

- every number in it is in its evidence (digits inside the name of an entity it names belong to
  the name: "Long March 5");
- every entity it names is named in its evidence;
- a negation in it is in its evidence, and a negation of a claim it cites is in it;

and text that needs no evidence (an `!!! about` block, a page that explains the site) states no
fact of the story at all: no number and no name of an entity (`facts`).

Each function returns `Gap`s: what the text says that its evidence lacks. The caller knows where
the text came from and turns each into a diagnostic at that place, with the code of the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Briefing, Claim
from briefing.rules.support import NameIndex
from briefing.text import folded, has_number, names_entity, negation_in, numbers_in

NUMBER, NAME, NEGATION, NEGATION_DROPPED = "number", "name", "negation", "negation-dropped"


@dataclass(frozen=True)
class Gap:
    """What a text says that its evidence does not: the rule (`NUMBER`, `NAME`, `NEGATION`,
    `NEGATION_DROPPED`) and the words, as the text writes them."""

    rule: str
    word: str
    entity: str = ""  # NAME: the entity's id


def _masked(text: str, names: NameIndex) -> tuple[str, list[tuple[int, int, str]]]:
    """The text folded, with the names of the entities it names blanked (their digits belong to
    the name), and those mentions."""
    mentions = names.find(text)
    masked = folded(text)
    for a, z, _eid in mentions:
        masked = masked[:a] + " " * (z - a) + masked[z:]
    return masked, mentions


def gaps(b: Briefing, text: str, evidence: str, names: NameIndex, negations: tuple[str, ...] = ()) -> list[Gap]:
    """What `text` says that `evidence` lacks: numbers, names of entities, a negation. `negations`:
    statements of claims the text cites whose negation it must carry."""
    out: list[Gap] = []
    masked, mentions = _masked(text, names)
    for num in dict.fromkeys(numbers_in(masked)):
        if not has_number(num, evidence):
            out.append(Gap(NUMBER, num))
    seen: set[str] = set()
    for a, z, eid in mentions:
        if eid in seen:
            continue
        seen.add(eid)
        ent = b.entities.get(eid)
        if ent is not None and not names_entity(ent.names, evidence):
            out.append(Gap(NAME, folded(text)[a:z], eid))
    neg = negation_in(text)
    if neg is not None and negation_in(evidence) is None:
        out.append(Gap(NEGATION, neg))
    if neg is None:
        for statement in negations:
            if (theirs := negation_in(statement)) is not None:
                out.append(Gap(NEGATION_DROPPED, theirs))
                break
    return out


def facts(b: Briefing, text: str, names: NameIndex) -> list[Gap]:
    """The facts of the story a text that needs no evidence states: numbers, names of entities."""
    masked, mentions = _masked(text, names)
    out = [Gap(NUMBER, num) for num in dict.fromkeys(numbers_in(masked))]
    seen: set[str] = set()
    for a, z, eid in mentions:
        if eid not in seen:
            seen.add(eid)
            out.append(Gap(NAME, folded(text)[a:z], eid))
    return out


def describe(gap: Gap, b: Briefing) -> str:
    """The gap as the words of a message: "the number '2016'", "'Putin' (entity vladimir-putin)"."""
    if gap.rule == NUMBER:
        return f"the number {gap.word!r}"
    if gap.rule == NAME:
        ent = b.entities.get(gap.entity)
        said = next((n for n in ent.names if folded(n) == gap.word), gap.word) if ent is not None else gap.word
        return f"{said!r} (entity {gap.entity})"
    return f"the negation {gap.word!r}"


class Evidence:
    """What claims can support, each read once: a claim's statement and its cited words (for an
    inference, also what it rests on and its basis)."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.known: dict[str, str] = {}

    def of(self, ids: set[str] | tuple[str, ...] | list[str]) -> str:
        from briefing.evidence import cited_text, inference_evidence

        parts = []
        for cid in dict.fromkeys(ids):
            c: Claim | None = self.b.claims.get(cid)
            if c is None:
                continue  # unknown-claim says so
            if cid not in self.known:
                extra = inference_evidence(self.b, c) if c.kind == "inference" else cited_text(self.b, c)
                self.known[cid] = c.statement + "\n" + extra
            parts.append(self.known[cid])
        return "\n".join(parts)

    def statements(self, ids: set[str] | tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(self.b.claims[c].statement for c in dict.fromkeys(ids) if c in self.b.claims)


__all__ = ["NAME", "NEGATION", "NEGATION_DROPPED", "NUMBER", "Evidence", "Gap", "describe", "facts", "gaps"]
