"""Every field of a record a reader sees, besides a claim's statement, is held to its evidence
(`rules.bound`), at the YAML line it comes from:

- a key judgment's statement and reasoning: to the claims it rests on, word for word;
- an open question and its discussion: to its related claims and the words it quotes, word for
  word;
- an entity's name and description: to the claims that name it (its description word for word);
- a topic's name and description: to the claims on the topic (its description word for word);
- a claim's note, an inference's basis and a date's basis and note: no number and no name that
  the claim's cited words and the claims it rests on lack (a basis may also give the claim's own
  dates, the dates its sources were published, and the years and months between them);
- a source's title, title note, publisher, notes and the reasons passages are set aside: these
  are metadata, shown as such, and may name nothing and give no number that the source's text
  or its address lacks.
"""

from __future__ import annotations

import hashlib
import pathlib
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, compress

from briefing.diagnostics import Diagnostic, evidence_key, mention_key, record_key, text_key
from briefing.evidence import cited, quoted_words, source_reading
from briefing.glyphs import visible
from briefing.lexicon import NEGATIONS, tokenize
from briefing.model import Briefing, Claim, DateInfo, Record, Source
from briefing.names import NameIndex, name_key
from briefing.reading import Reading, Words, read
from briefing.rules import bound
from briefing.rules.base import Finding, Report, at, at_finding
from briefing.rules.judgments import ESTIMATIVE_WORDS
from briefing.rules.support import OVERRIDES, claim_key, evidence_gaps, overrides_of
from briefing.text import bounded, folded, is_word

# The codes of gaps no meaning rule names: a name, a negation particle.
_CODES = {bound.NAME: "name-unsupported", bound.NEGATION: "negation-mismatch", bound.REFUSAL: "negation-mismatch"}
# What a key judgment may add to the claims it rests on: the words of the estimative scale.
_ESTIMATIVE = " ".join(w for words in ESTIMATIVE_WORDS.values() for w in words)
# A text held to no figure, name, or word of certainty, plan or offer its evidence lacks (a key
# judgment's question, a topic's name: they head what they ask or name, like a page's label); a
# description says that and no content word its evidence lacks. A note or a basis says what the
# evidence leaves out: no figure and no name it lacks.
_SAYS = frozenset({bound.QUANTITY, bound.NAME, bound.MODALITY})
_WORDS = _SAYS | {bound.WORDS}
_NAMES_ONLY = frozenset({bound.NAME, bound.NEGATION})

# Every field of a record the site shows a reader, and what holds it: the test that walks the
# built site (tests/test_every_word.py) accepts a record's text only from these fields.
READER_FIELDS: dict[str, str] = {
    "claim.statement": "rules.support and the meaning rules: no more than its cited words",
    "claim.id": "rules.fields: no name or negation its statement and cited words lack",
    "claim.note": "rules.fields",
    "claim.basis": "rules.fields",
    "claim.date": "rules.dates: written as its precision says, in its cited words or resolved by an inference",
    "claim.date.basis": "rules.fields",
    "claim.date.note": "rules.fields",
    "claim.date.resolved_from": "rules.dates: in the claim's cited words",
    "claim.exception": "rules.fields: an exception's reason (negation_differs, modality_differs), no figure or name its evidence lacks",
    "entity.name": "rules.fields: written in a stored source (and rules.support: named in the claims that list it)",
    "entity.aliases": "rules.fields: a spelling a stored source uses",
    "entity.description": "rules.fields",
    "entity.type": "the schema: one of a fixed list",
    "topic.name": "rules.fields",
    "topic.description": "rules.fields",
    "judgment.id": "rules.fields",
    "judgment.question": "rules.fields",
    "judgment.statement": "rules.fields and rules.judgments",
    "judgment.reasoning": "rules.fields and rules.judgments",
    "judgment.confidence_reason": "rules.fields",
    "question.question": "rules.fields",
    "question.discussion": "rules.fields",
    "source.title": "rules.fields: metadata, no number or name the source's text and address lack",
    "source.title_note": "rules.fields",
    "source.publisher": "rules.fields",
    "source.note": "rules.fields",
    "source.published": "the schema: a date as its precision says",
    "source.published.note": "rules.fields",
    "source.retrieved": "the schema: a date as its precision says",
    "source.retrieved.note": "rules.fields",
    "source.not_claims.reason": "rules.fields",
    "source.url": "the schema and rules.references: an http(s) address",
    "source.language": "the schema: a language tag",
    "source.sha256": "rules.anchoring: the stored text's digest",
    "source.id": "rules.fields: no name its text, address, title and publisher lack",
}


def check_fields(b: Briefing, report: Report) -> list[Diagnostic]:
    names = NameIndex.of(b)
    ev = bound.Evidence(b)
    out: list[Diagnostic] = []
    memo = report.memo
    checked = 0

    def block(key: str | None, follows: Callable[[], tuple[str, ...]], run: Callable[[], None]) -> None:
        """`run` (the fields of one record, held by `held`), or what it found the last time its
        inputs were the same (`key`, None when they cannot be named): after an edit to one claim,
        only the records whose evidence holds that claim are read again. What a finding follows
        from (records that failed elsewhere) is worked out afresh each time."""
        nonlocal checked
        hit = memo.get(key) if memo is not None and key is not None else None
        if isinstance(hit, int):  # nothing found: only how many fields were checked
            checked += hit
            return
        if hit is not None:
            after = follows() if hit["d"] else ()
            out.extend(Diagnostic(*d, follows_from=after) for d in hit["d"])
            checked += hit["n"]
            return
        start, before = len(out), checked
        run()
        if memo is not None and key is not None:
            # Most records are fine: their entry is a bare count, the cheapest to write and read.
            memo.put(key, {"d": [list(d.as_tuple()) for d in out[start:]], "n": checked - before} if len(out) > start else checked - before)

    def held(
        rec: Record,
        path: tuple[str | int, ...],
        text: str | None,
        evidence: bound.Lazy,
        what: str,
        whose: str,
        rests: list[str],
        rules: frozenset[str] = bound.FACTS,
        site: bool = False,
        first: Words | None = None,
    ) -> None:
        nonlocal checked
        if not text or not text.strip():
            return
        checked += 1
        for gap in bound.gaps(b, text, evidence, names, rules=rules, site=site, first=first):
            follows = _follows(b, rec, rests)
            if gap.message and gap.rule != bound.QUANTITY:
                why = bound.told(gap, what.removeprefix("the ")).replace("the claims' statements and cited words", whose)
            else:
                why = f"{what} says {bound.describe(gap, b)}, which {whose} do not; say only what they say"
            f = Finding(gap.code or _CODES[gap.rule], gap.start, gap.end, gap.word, why)
            d = at_finding(rec, path, f) if gap.start >= 0 and text == rec_text(rec, path) and visible(text) == text else at(rec, path, f.code, why)
            out.append(Diagnostic(d.path, d.line, d.col, d.code, d.message, follows_from=follows))

    for j in b.judgments.values():
        evidence = ev.of(j.rests_on)
        # Its id is shown too (the corrections log): as words, it names no one its own text does not.
        own = read(f"{j.statement}\n{j.question or ''}").whole() + evidence
        held(j, ("id",), j.id.replace("-", " "), own, "the key judgment's id", "its statement, its question and the claims it rests on", j.rests_on, _NAMES_ONLY)
        # Its statement and reasoning say what the claims say, every content word in their words
        # (or the estimative scale's, the framing words', the site's names for its parts); the
        # statement's negations too, while the reasoning may deny what the evidence lacks ("the
        # article names no other source"). Its question heads what it asks, like a page's label:
        # no figure, name, negation or word of certainty the claims lack; the reason for its
        # confidence names no one and gives no figure the claims lack.
        scaled = evidence + read(_ESTIMATIVE).whole()
        for fld, what, rules in (
            ("question", "question", _SAYS | {bound.NEGATION, bound.REFUSAL}),
            ("statement", "statement", _WORDS | {bound.NEGATION}),
            ("reasoning", "reasoning", bound.FACTS | {bound.WORDS}),
            ("confidence_reason", "reason for its confidence", bound.FACTS),
        ):
            held(j, (fld,), getattr(j, fld, None), scaled, f"the key judgment's {what}", "the claims it rests on", j.rests_on, rules, site=bound.WORDS in rules)
    for q in b.questions.values():
        evidence = ev.of(q.related_claims) + quoted_words(b, q.citations)
        for fld in ("question", "discussion"):
            # A question is about what the source leaves out: it and its discussion may deny what
            # it does not say ("the article does not name …"), but every content word, figure and
            # name is in their claims and quotes (the site's names for its parts aside).
            held(q, (fld,), getattr(q, fld), evidence, f"the open question's {fld}", "its related claims and the words it quotes", q.related_claims, _WORDS, site=True)
    # Where an entity's names must be written: every name the stored sources write as a whole name,
    # as the name index reads them (each source once; the support rules asked it already). A
    # source whose record or text could not be read is the cause of any name not found.
    texts = [s for s in b.sources.values() if s.text is not None]
    found: list[set[str]] = []  # every name the sources write, read only when a name is checked
    joined: list[str] = []  # the sources' folded texts, made only for a name of signs alone

    def writes(name: str) -> bool:
        if not found:
            found.append(names.named_keys(Words(p for s in texts for p in source_reading(s).whole().parts)))
        key = name_key(name)
        starts, ends, words = tokenize(key)
        if words and starts[0] == 0 and ends[-1] == len(key):  # words from end to end: what the index matches
            return key in found[0]
        # A name with no word, or with signs before its first word or after its last ("<b>X</b>"),
        # which the index never matches: looked for in the sources' text itself.
        if not joined:
            joined.append("\n".join(folded(s.text.text) for s in texts if s.text is not None))
        return bounded(joined[0], folded(name), is_word)

    unread_keys: list[tuple[str, ...]] = []

    def unread() -> tuple[str, ...]:
        if not unread_keys:
            records = sorted(p.name for p in pathlib.Path(b.root, "sources").glob("*.yml"))
            unread_keys.append((*(record_key(f"sources/{n}") for n in records if n[: -len(".yml")] not in b.sources), *(text_key(sid) for sid in b.sources)))
        return unread_keys[0]

    # What the memo keys on (see `block`): a claim's key is its support verdict's (the claim, the
    # sources it cites, every entity's names, and what an inference rests on, at any depth); a
    # record held to claims adds theirs; the names of entities depend on every source's text.
    made = report.claim_keys  # most made by the support rule already

    def key_of_claim(cid: str) -> str | None:
        if cid in made:
            return made[cid]
        c = b.claims.get(cid)
        return None if c is None else claim_key(report, b, c, names)

    def key_of(kind: str, rec: Record, ids: list[str] | tuple[str, ...] = (), *more: str) -> str | None:
        if memo is None:
            return None
        parts = [kind, rec.path, rec.digest, names.digest, *more, *map(key_of_claim, ids)]
        return None if not all(parts) else f"fields:{kind}:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()  # type: ignore[arg-type]

    sources_read = "sources:" + hashlib.sha256("\n".join(f"{s.id}:{s.digest}:{s.actual_sha256}:{s.text is not None}" for s in sorted(b.sources.values(), key=lambda s: s.id)).encode()).hexdigest()
    naming: dict[str, list[str]] = {}
    on_topic: dict[str, list[str]] = {}
    for c in b.claims.values():
        for e in dict.fromkeys([*c.entities, c.speaker, c.relayed_by]):
            if e:
                naming.setdefault(e, []).append(c.id)
        for t in dict.fromkeys(c.topics):
            on_topic.setdefault(t, []).append(c.id)

    def entity(e: Record, ids: list[str]) -> None:
        evidence = bound.Claims(ev, ids)
        held(e, ("description",), e.description, evidence, "the entity's description", "the claims that name it", ids, _WORDS, site=True)

    def entity_names(e: Record) -> None:
        # Its name and aliases are shown as the names the source uses ("Also named in the source
        # as"): each is written in a stored source, as a whole name.
        for path, name in [(("name",), e.name), *((("aliases", i), a) for i, a in enumerate(e.aliases))]:
            if name.strip() and not writes(name):
                what = "name" if path == ("name",) else "alias"
                why = f"the entity's {what} {name!r} is shown as a name of the story, but no stored source writes it; use the source's own words"
                d = at(e, path, "name-not-in-source", why)
                out.append(Diagnostic(d.path, d.line, d.col, d.code, d.message, follows_from=unread()))

    def topic(t: Record, ids: list[str]) -> None:
        evidence = bound.Claims(ev, ids)  # made once for both fields (`Evidence.of` keeps it)
        held(t, ("name",), t.name, evidence, "the topic's name", "the claims on the topic", ids, _SAYS | {bound.NEGATION, bound.REFUSAL})
        held(t, ("description",), t.description, evidence, "the topic's description", "the claims on the topic", ids, _WORDS, site=True)

    # Every id read at once, once many records' fields are read (a warm check that finds most
    # records in the memo reads the few others' ids alone).
    in_ids = _Batch(lambda: id_names(b.claims, names))

    def claim(c: Claim) -> None:
        nonlocal checked
        evidence = _Once(lambda: _claim_evidence(b, c, ev))
        # Its id is shown on its page and in the corrections log: as words, it names no one its
        # statement does not, nor denies what it says (a number in an id is a serial: "-2").
        if id_lacks_nothing(in_ids.get(c.id), c.statement, names):
            checked += 1
        else:
            held(c, ("id",), c.id.replace("-", " "), lambda: read(c.statement).whole() + evidence(), "the claim's id", "its statement and cited words", c.based_on, _NAMES_ONLY, first=read(c.statement).whole())
        # Notes and bases say what the cited words leave out ("the article does not say…"): their
        # negations are the editors' reading, shown as theirs; their names and figures are held.
        held(c, ("note",), c.note, evidence, "the claim's note", "its cited words and the claims it rests on", c.based_on)
        # An exception's reason is shown on the claim's page and in the verification report.
        for key, reason, _codes in overrides_of(c) if not c.data.keys().isdisjoint(OVERRIDES) else ():
            held(c, (key,), reason, evidence, f"the reason given under {key}", "its cited words and the claims it rests on", c.based_on)
        dated = _Once(lambda: evidence() + read(_date_numbers(b, c)).whole())
        whose = "its cited words, the claims it rests on and the dates it gives"
        if c.kind == "inference":
            held(c, ("basis",), c.basis, dated, "the inference's basis", whose, c.based_on)
        if c.date is not None:
            held(c, ("date", "basis"), c.date.basis, dated, "the date's basis", whose, c.based_on)
            held(c, ("date", "note"), c.date.note, dated, "the date's note", whose, c.based_on)

    source_ids = _Batch(lambda: id_names(b.sources, names))

    def source(s: Source) -> None:
        nonlocal checked
        evidence = _Once(lambda: ev.source(s.id) + read(s.url + "\n" + _url_words(s.url)).whole())
        whose = "the source's text and its address"
        # Its id is shown too (the verification report): as words, held like its metadata (to
        # names alone: an id that names no one, read with every other id, lacks nothing).
        if source_ids.get(s.id) == set():
            checked += 1
        else:
            held(s, ("id",), s.id.replace("-", " "), lambda: evidence() + read(s.title + "\n" + s.publisher).whole(), "the source's id", whose + ", title and publisher", [], frozenset({bound.NAME}))
        for path, text, what in _source_fields(s):
            held(s, path, text, evidence, what, whose, [])

    for e in b.entities.values():
        ids = naming.get(e.id, [])
        if not ids:
            continue  # unused-entity says so
        block(key_of("entity", e, ids), lambda e=e, ids=ids: _follows(b, e, ids), lambda e=e, ids=ids: entity(e, ids))
        block(key_of("entity-names", e, (), sources_read), unread, lambda e=e: entity_names(e))
    for t in b.topics.values():
        ids = on_topic.get(t.id, [])
        if not ids:
            continue  # unused-topic says so
        block(key_of("topic", t, ids), lambda t=t, ids=ids: _follows(b, t, ids), lambda t=t, ids=ids: topic(t, ids))
    for c in b.claims.values():
        if any(cit.span is None for cit in c.citations):
            continue  # its quote is reported; its evidence is incomplete
        key = claim_key(report, b, c, names) if memo is not None else None
        block(key and "fields:claim:" + key, lambda c=c: _follows(b, c, c.based_on), lambda c=c: claim(c))
    for s in b.sources.values():
        if s.text is None:
            continue  # the source's own error says so
        block(key_of("source", s, (), str(s.actual_sha256)), lambda s=s: _follows(b, s, []), lambda s=s: source(s))
    report.counts["reader-facing fields checked"] = checked
    return out


# What an id of a claim holds a name or a negation by: a word that starts one.
_NEGATION_STARTS = frozenset(p.split()[0] for p in NEGATIONS)
_ID = re.compile(r"(?:[a-z]+|[0-9]+)(?:-(?:[a-z]+|[0-9]+))*")


def id_names(claim_ids: Iterable[str], names: NameIndex) -> dict[str, set[str]]:
    """For each claim whose id, read as words, has no word a negation starts with: the entities
    its words name (`NameIndex._all`: names inside longer ones too). Held to its evidence
    (`bound.gaps` with `_NAMES_ONLY`), such an id lacks nothing when its statement names every one
    of them. Every id is read as one text (ten thousand ids, one pass of the name index), and a
    name found across two ids is no name of either. An id whose every word is all letters or all
    digits reads as those words (`id_words`); any other id is left out (read alone, as any field)."""
    ids = [cid for cid in claim_ids if _ID.fullmatch(cid)]
    r = id_words(ids)
    owner = [i for i, cid in enumerate(ids) for _ in range(cid.count("-") + 1)]  # each word's id
    loud = {owner[i] for i in compress(range(len(owner)), map(_NEGATION_STARTS.__contains__, r.lows))}
    out: dict[str, set[str]] = {cid: set() for i, cid in enumerate(ids) if i not in loud}
    for m in names._all(r):
        i = owner[m.i]
        if i not in loud and owner[m.i + m.k - 1] == i:
            out[ids[i]].add(m.eid)
    return out


def id_words(ids: list[str]) -> Reading:
    """The ids as one text, a line each, read as words: the reading `Reading` makes of it, built
    from the words themselves (the tokeniser's pass costs ten times as much). Every word of an
    id matched by `_ID` is all letters or all digits: one word to the tokeniser, as it is written."""
    text = "\n".join(ids).replace("-", " ")
    lows = text.split()
    after = list(accumulate([len(w) + 1 for w in lows]))  # where the next word starts
    r = Reading("")  # every memo of a reading, empty; then its words
    r.text, r.lows, r.plain = text, lows, True
    r.starts = [0, *after[:-1]] if after else []
    r.ends = [e - 1 for e in after]
    return r


def id_lacks_nothing(named: set[str] | None, statement: str, names: NameIndex) -> bool:
    """Whether an id with no negation, naming the entities `named` (from `id_names`; None: not
    known), lacks nothing its claim's evidence could give: its statement names them all."""
    return named is not None and (not named or named <= names.named(read(statement).whole()))


def _follows(b: Briefing, rec: Record, rests: list[str]) -> tuple[str, ...]:
    """What a gap in a field of `rec`, held to the claims `rests`, follows from: a claim it rests on
    that is itself wrong (its quote, its statement), or a source whose text changed under it, is
    the cause to fix first; and a record that did not load and names this one (a broken claim
    naming an entity) may be the evidence the text rests on, so its error comes first."""
    return (
        *evidence_gaps(b, None, rests),
        *(evidence_key(b.claims[c].path) for c in rests if c in b.claims),
        *source_keys(b, rec, rests),
        mention_key(rec.id),
    )


def source_keys(b: Briefing, rec: Record | None, rests: list[str] | set[str]) -> tuple[str, ...]:
    """The causes a source's text gives what reads it: the text of every source the record cites
    (or is, for a source's metadata) and every source the claims it rests on cite."""
    sids: set[str] = set()
    for r in [rec, *(b.claims.get(c) for c in rests)]:
        if r is None:
            continue
        if r.path.startswith("sources/"):
            sids.add(r.id)
        sids.update(cit.source for cit in getattr(r, "citations", []))
    return tuple(text_key(sid) for sid in sorted(sids))


class _Once:
    """Evidence made the first time a text needs it, then kept."""

    def __init__(self, make: Callable[[], Words]) -> None:
        self.make = make
        self.value: Words | None = None

    def __call__(self) -> Words:
        if self.value is None:
            self.value = self.make()
        return self.value


class _Batch:
    """What `id_names` finds in every id, made once more than `after` records have asked (None
    before: each of the first few is read alone, which gives the same verdict), then kept."""

    def __init__(self, make: Callable[[], dict[str, set[str]]], after: int = 200) -> None:
        self.make = make
        self.after = after
        self.table: dict[str, set[str]] | None = None

    def get(self, rid: str) -> set[str] | None:
        if self.table is None:
            self.after -= 1
            if self.after >= 0:
                return None
            self.table = self.make()
        return self.table.get(rid)


def rec_text(rec: Record, path: tuple[str | int, ...]) -> str | None:
    """The field's text as the record holds it (an id is read as words: its gaps are placed at the field)."""
    if path == ("id",):
        return None
    node: object = rec.data
    for k in path:
        try:
            node = node[k]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, str) else None


def _claim_evidence(b: Briefing, c: Claim, ev: bound.Evidence) -> Words:
    """A claim's cited words and, for an inference, the claims it rests on (not its own basis: the
    basis is what is checked)."""
    return cited(b, c) + ev.of(c.based_on)


def _source_fields(s: Record) -> Iterator[tuple[tuple[str | int, ...], str | None, str]]:
    yield ("title",), getattr(s, "title", None), "the source's title"
    yield ("title_note",), getattr(s, "title_note", None), "the source's title note"
    yield ("publisher",), getattr(s, "publisher", None), "the source's publisher"
    yield ("note",), getattr(s, "note", None), "the source's note"
    for key in ("published", "retrieved"):
        d: DateInfo | None = getattr(s, key, None)
        if d is not None:
            yield (key, "note"), d.note, f"the note on the source's {key} date"
    for i, nc in enumerate(getattr(s, "not_claims", [])):
        yield ("not_claims", i, "reason"), nc.reason, "the reason a passage is not a claim"


def _url_words(url: str) -> str:
    """An address as words: "russia-offers-rocket-engine-tech" reads "russia offers rocket engine tech"."""
    return re.sub(r"[/\-_.?=&#:%+]+", " ", url)


_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\Z")


def _points(d: DateInfo | None) -> list[tuple[int, int | None, int | None]]:
    out = []
    for v in (d.value, d.end) if d is not None else ():
        if v and (m := _DATE.match(v)):
            out.append((int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None))
    return out


def _date_numbers(b: Briefing, c: Claim) -> str:
    """The numbers a basis may give from dates: the claim's own date and end (year, day), the
    dates its sources were published, and the whole years, decades and months between any two."""
    points = _points(c.date)
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if src is not None:
            points += _points(src.published)
    nums: set[int] = set()
    for y, _m, d in points:
        nums.add(y)
        if d is not None:
            nums.add(d)
    own = [y for y, _m, _d in _points(c.date)]
    if own:  # the decades its own dates span: "the 2020s" of 2019 to 2029
        nums.update(range(min(own) - min(own) % 10, max(own) + 1, 10))
    for i, (y1, m1, _d1) in enumerate(points):
        for y2, m2, _d2 in points[i + 1 :]:
            years = abs(y2 - y1)
            nums.update({years, years // 10, -(-years // 10)})
            if m1 is not None and m2 is not None:
                nums.add(abs((y2 * 12 + m2) - (y1 * 12 + m1)))
            # A decade's span: "1960" is any year of the 1960s.
            nums.update({abs(y2 - (y1 + 9)), abs(y2 - (y1 + 9)) // 10})
    return " ".join(str(n) for n in sorted(nums))


__all__ = ["READER_FIELDS", "check_fields"]
