"""A deterministic generator of synthetic briefings in the project's real formats.

`generate(root, n_claims)` writes, under `root`:

- `sources/src-NNNNN.txt` + `.yml`: sources of about 3 KB (a headline listed under not_claims,
  then 16 sentences in paragraphs), with their sha256;
- `facts/claims/*.yml`: exactly `n_claims` claims. Every sentence of every source is cited by
  one claim (reported, attributed or speculation; quoting the whole sentence, its last clause, or
  both ends joined by an ellipsis); about one sentence in seven also gets an editors' inference
  resting on it. Statements only carry numbers their quotes carry; listed entities are named in
  the quote; an attributed claim's speaker is named in the quoted sentence;
- `facts/entities/` (one per 8 claims), `facts/topics/` (one per 100 claims), 7 key judgments
  and 10 open questions;
- `docs/`: the home page, one page per topic (`topic: <id>` + `claims_by_topic`), the open
  questions, and the real project's explanatory pages (method, verification, timeline, the
  indexes); `mkdocs.yml` (the real one, with a nav for these pages), the theme overrides (with
  the site's assets) and the real `macros.py`.

The same arguments always give byte-identical files: the only randomness is a seeded
splitmix64, and every quote is verified with the real anchoring code before it is written.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from briefing import inventory
from briefing.anchor import AnchorError, SourceText, anchor
from briefing.pages import CLAIM_ID_MACROS, macro_calls, page_from

REPO = Path(__file__).resolve().parent.parent
SENTENCES_PER_SOURCE = 16
CLAIMS_PER_ENTITY = 8
CLAIMS_PER_TOPIC = 100
N_JUDGMENTS = 7
N_QUESTIONS = 10
SEED = 20191127

# -- a tiny deterministic PRNG (independent of the Python version) ---------------------------------

_MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def chance(self, p: float) -> bool:
        return self.next() < p * 2**64

    def choice(self, seq: tuple[str, ...] | list[str]) -> str:
        return seq[self.below(len(seq))]


# -- vocabulary (no negations, no abbreviations, no full stops inside a sentence) --------------------

SYLLABLES = ("var", "en", "ko", "lin", "mar", "tov", "rus", "ka", "zhe", "dor", "vel", "ich",
             "pol", "sky", "ber", "nov", "tal", "ga", "ro", "shi", "min", "da", "lu", "ve")  # fmt: skip
FIRST_NAMES = ("Ivan", "Olga", "Pavel", "Lena", "Marek", "Yuri", "Anna", "Boris", "Chen", "Wei",
               "Mei", "Sanjay", "Priya", "Tomas", "Elena", "Nikolai", "Sofia", "Dmitri", "Irina", "Jun")  # fmt: skip
ORG_KINDS = (
    ("organisation", "Aerospace", "Named in the sources."),
    ("organisation", "Space Agency", "Named in the sources."),
    ("organisation", "Design Bureau", "Named in the sources."),
    ("programme", "Programme", "Named in the sources."),
    ("publication", "Daily", "Named in the sources."),
)
ADJ = ("orbital", "reusable", "heavy", "cryogenic", "upper-stage", "lunar", "crewed", "solid-fuel",
       "methane", "kerosene", "compact", "long-range", "experimental", "modernised", "civilian", "commercial")  # fmt: skip
THING = ("engine", "rocket", "launcher", "satellite", "tug", "capsule", "booster", "lander", "probe",
         "module", "antenna", "turbopump", "tank", "transponder")  # fmt: skip
UNIT = ("months", "weeks", "test firings", "launches", "flights", "trials")
TRIAL = ("test firings", "static fires", "drop tests", "vacuum trials", "qualification runs")
FLIGHT = ("flights", "orbits", "dockings", "landings", "hours in orbit")
CURRENCY = ("roubles", "yuan", "dollars", "euros", "rupees")
WEEKDAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
CITY = ("Kazan", "Samara", "Harbin", "Xian", "Tianjin", "Omsk", "Perm", "Chengdu", "Vladivostok", "Wuhan")
FILLER = (
    "speaking at a briefing in {city}",
    "citing internal documents",
    "in a statement released that week",
    "after months of delays",
    "which has long worked with the country’s space agency",
    "a partner of the agency’s design bureau",
    "according to people familiar with the plans",
)


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    lead: str  # names A
    sep: str  # between lead and core when there is no filler
    core: str  # names B and carries the figures
    full: str  # the statement when the quote holds lead and core
    part: str  # the statement when the quote is the core alone
    date: tuple[str, str] | None  # (value, precision), for quotes that hold the whole sentence


TEMPLATES = (
    Template("need", "attributed", "{A} said on {weekday}", " ", "that {B} would need {n} more {unit} to finish the {adj} {thing} by {y}",
             "{A} said {B} would need {n} more {unit} to finish the {adj} {thing} by {y}.",
             "{A} said {B} would need {n} more {unit} to finish the {adj} {thing} by {y}.", ("{y}", "year")),
    Template("order", "reported", "{A} reported", " ", "that {B} ordered {n} {thing}s for its {adj} fleet in {y}",
             "According to {A}, {B} ordered {n} {thing}s for its {adj} fleet in {y}.",
             "{B} ordered {n} {thing}s for its {adj} fleet in {y}.", ("{y}", "year")),
    Template("tests", "attributed", "According to {A}", ", ", "{B} completed {n} {trial} on the {adj} {thing} in {month} {y}",
             "{A} said {B} completed {n} {trial} on the {adj} {thing} in {month} {y}.",
             "{A} said {B} completed {n} {trial} on the {adj} {thing} in {month} {y}.", ("{y}-{mm}", "month")),
    Template("price", "speculation", "{A} may soon face higher costs", " ",
             "as {B} might raise the price of the {adj} {thing} to {n} million {currency} by {y}",
             "The article suggests {B} might raise the price of the {adj} {thing} to {n} million {currency} by {y}, raising costs for {A}.",
             "The article suggests {B} might raise the price of the {adj} {thing} to {n} million {currency} by {y}.", None),
    Template("launch", "reported", "{A} launched the {adj} {thing} on {d} {month} {y}", " ", "and {B} has since logged {n} {flight}",
             "{B} has logged {n} {flight} since {A} launched the {adj} {thing} on {d} {month} {y}.",
             "{B} has since logged {n} {flight}.", ("{y}-{mm}-{dd}", "day")),
)  # fmt: skip
INFERENCE_BASIS = (
    "The cited sentence gives a figure and a deadline together; the editors read the schedule as tight for a programme "
    "of this kind, since the sources report repeated slips elsewhere."
)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str]
    description: str
    used: bool = False


@dataclass
class Claim:
    id: str
    statement: str
    kind: str
    source: str
    quote: str
    topics: list[str]
    entities: list[str]
    speaker: str | None = None
    date: tuple[str, str] | None = None
    based_on: list[str] = field(default_factory=list)
    basis: str | None = None


@dataclass
class Sentence:
    text: str
    lead: str
    core: str
    filler: str
    tpl: Template
    vals: dict[str, str]
    a: Entity
    b: Entity


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _names(n: int, offset: int) -> list[str]:
    """n distinct invented surnames, from a fixed permutation of syllable triples (quads if needed)."""
    k = 3
    while len(SYLLABLES) ** k < 2 * n + offset + 16:
        k += 1
    space = len(SYLLABLES) ** k
    step = 7919 if math.gcd(7919, space) == 1 else 7927
    out, seen, i = [], set(), offset
    while len(out) < n:
        j = (i * step) % space
        i += 1
        parts = []
        for _ in range(k):
            parts.append(SYLLABLES[j % len(SYLLABLES)])
            j //= len(SYLLABLES)
        name = "".join(parts).capitalize()
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _entities(n_claims: int, rng: Rng) -> tuple[list[Entity], list[Entity]]:
    total = max(4, n_claims // CLAIMS_PER_ENTITY)
    n_people = (total + 1) // 2
    surnames = _names(total, 1)
    people = []
    for i, s in enumerate(surnames[:n_people]):
        name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {s}"
        people.append(Entity(slug(name), name, "person", [s], "Named in the sources."))
    orgs = []
    for i, s in enumerate(surnames[n_people:]):
        etype, suffix, desc = ORG_KINDS[i % len(ORG_KINDS)]
        name = f"{s} {suffix}"
        orgs.append(Entity(slug(name), name, etype, [], desc))
    rng.next()
    return people, orgs


def _fill(rng: Rng) -> dict[str, str]:
    m = rng.below(12)
    return {
        "n": str(2 + rng.below(948)),
        "y": str(1995 + rng.below(40)),
        "d": str(1 + rng.below(28)),
        "month": MONTH[m],
        "mm": f"{m + 1:02d}",
        "adj": rng.choice(ADJ),
        "thing": rng.choice(THING),
        "unit": rng.choice(UNIT),
        "trial": rng.choice(TRIAL),
        "flight": rng.choice(FLIGHT),
        "currency": rng.choice(CURRENCY),
        "weekday": rng.choice(WEEKDAY),
        "city": rng.choice(CITY),
    }


def _sentence(rng: Rng, a: Entity, b: Entity) -> Sentence:
    tpl = TEMPLATES[rng.below(len(TEMPLATES))]
    vals = _fill(rng)
    vals["dd"] = f"{int(vals['d']):02d}"
    names = {"A": a.name, "B": b.name}
    lead = tpl.lead.format(**vals, **names)
    core = tpl.core.format(**vals, **names)
    filler = rng.choice(FILLER).format(**vals) if rng.chance(0.4) else ""
    text = f"{lead}, {filler}, {core}." if filler else f"{lead}{tpl.sep}{core}."
    return Sentence(text, lead, core, filler, tpl, vals, a, b)


def _anchors(src: SourceText, quote: str) -> bool:
    try:
        anchor(src, quote)
    except AnchorError:
        return False
    return True


def _straighten(rng: Rng, quote: str) -> str:
    """Editors often type straight apostrophes; the declared normalisation equates them."""
    return quote.replace("’", "'") if "’" in quote and rng.chance(0.5) else quote


@dataclass
class Synthetic:
    claims: list[Claim]
    people: list[Entity]
    orgs: list[Entity]
    topics: list[tuple[str, str, str]]  # id, name, description
    sources: dict[str, tuple[str, str]]  # id -> (text, headline)
    sentences: dict[str, list[tuple[Sentence, str]]]  # source id -> (sentence, primary claim id)


def build(n_claims: int, seed: int = SEED) -> Synthetic:
    """The whole synthetic briefing in memory: exactly `n_claims` claims."""
    if n_claims < 20:
        raise ValueError("a synthetic briefing needs at least 20 claims")
    rng = Rng(seed)
    people, orgs = _entities(n_claims, rng)
    n_topics = max(2, n_claims // CLAIMS_PER_TOPIC)
    topics = []
    for t in range(n_topics):
        adj, thing = ADJ[t % len(ADJ)], THING[(t // len(ADJ)) % len(THING)]
        # A topic's name says no number its claims lack (its page's title is held to them): names repeat past the combinations.
        topics.append((f"topic-{t + 1:04d}", f"{adj.capitalize()} {thing}s",
                       "What the sources report."))  # fmt: skip
    claims: list[Claim] = []
    sources: dict[str, tuple[str, str]] = {}
    sentences: dict[str, list[tuple[Sentence, str]]] = {}
    s_index = 0
    n_src = 0
    while len(claims) < n_claims:
        n_src += 1
        sid = f"src-{n_src:05d}"
        topic = topics[(n_src - 1) % n_topics][0]
        sents: list[Sentence] = []
        seen: set[str] = set()
        room = n_claims - len(claims)
        # Each sentence gets one claim; inferences come on top, so stop before overshooting.
        while len(sents) < min(SENTENCES_PER_SOURCE, room):
            a = people[s_index % len(people)]
            b = orgs[(s_index * 5 + n_src) % len(orgs)]
            s = _sentence(rng, a, b)
            if s.text in seen or any(s.text in t or t in s.text for t in seen):
                continue
            seen.add(s.text)
            sents.append(s)
            s_index += 1
        first = sents[0]
        headline = f"{first.b.name} plans under review as {first.vals['thing']} orders grow"
        paras = [" ".join(x.text for x in sents[i : i + 4]) for i in range(0, len(sents), 4)]
        text = headline + "\n\n" + "\n\n".join(paras) + "\n"
        sources[sid] = (text, headline)
        st = SourceText(text)
        if not _anchors(st, headline):
            raise AssertionError(f"{sid}: headline does not anchor")
        sentences[sid] = []
        for s in sents:
            quote, mode = _pick_quote(rng, st, s)
            fmt = s.tpl.part if mode == "part" else s.tpl.full
            names = {"A": s.a.name, "B": s.b.name}
            statement = fmt.format(**s.vals, **names)
            ents = [s.b] if mode == "part" else [s.a, s.b]
            speaker = s.a if s.tpl.kind == "attributed" else None
            for e in ents:
                e.used = True
            if speaker:
                speaker.used = True
            tops = [topic]
            if rng.chance(0.25):
                extra = topics[rng.below(n_topics)][0]
                if extra != topic:
                    tops.append(extra)
            date = None
            if s.tpl.date and mode != "part":
                date = (s.tpl.date[0].format(**s.vals), s.tpl.date[1])
            cid = f"{s.b.id}-{s.tpl.key}-{s.vals['thing']}-{len(claims) + 1}"
            c = Claim(cid, statement, s.tpl.kind, sid, _straighten(rng, quote), tops, [e.id for e in ents],
                      speaker.id if speaker else None, date)  # fmt: skip
            claims.append(c)
            sentences[sid].append((s, cid))
            if len(claims) < n_claims and len(claims) + (len(sents) - len(sentences[sid])) < n_claims and rng.chance(0.15):
                claims.append(
                    Claim(
                        f"{cid}-inferred",
                        f"The editors read the schedule of {s.b.name} as possibly tight.",
                        "inference", sid, c.quote, [topic], [s.b.id], based_on=[cid], basis=INFERENCE_BASIS,
                    )
                )  # fmt: skip
    used_topics = {t for c in claims for t in c.topics}
    topics = [t for t in topics if t[0] in used_topics]
    return Synthetic(claims, [e for e in people if e.used], [e for e in orgs if e.used], topics, sources, sentences)


def _pick_quote(rng: Rng, st: SourceText, s: Sentence) -> tuple[str, str]:
    """The whole sentence, its last clause, or both ends joined by an ellipsis; always unique."""
    full = s.text[:-1]
    r = rng.below(100)
    if s.filler and r < 50:
        quote = f"{s.lead} {'…' if rng.chance(0.5) else '...'} {s.core}"
        if _anchors(st, quote):
            return quote, "ellipsis"
    elif r < 45:
        if _anchors(st, s.core):
            return s.core, "part"
    if not _anchors(st, full):
        raise AssertionError(f"sentence does not anchor uniquely: {full!r}")
    return full, "full"


# -- writing files ------------------------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _folded(key: str, text: str, indent: str = "") -> str:
    lines = textwrap.wrap(text, 92, break_long_words=False, break_on_hyphens=False)
    return f"{indent}{key}: >-\n" + "".join(f"{indent}  {ln}\n" for ln in lines)


def _list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def claim_yaml(c: Claim) -> str:
    out = ["# yaml-language-server: $schema=../../briefing/schemas/claim.schema.json\n", f"id: {c.id}\n", _folded("statement", c.statement)]
    out.append(f"kind: {c.kind}\n")
    if c.speaker:
        out.append(f"speaker: {c.speaker}\n")
    out.append(f"topics: {_list(c.topics)}\n")
    out.append(f"entities: {_list(c.entities)}\n")
    if c.date:
        out.append(f"date:\n  value: {_q(c.date[0])}\n  precision: {c.date[1]}\n")
    out.append(f"citations:\n  - source: {c.source}\n    quote: {_q(c.quote)}\n")
    if c.based_on:
        out.append(f"based_on: {_list(c.based_on)}\n")
    if c.basis:
        out.append(_folded("basis", c.basis))
    return "".join(out)


def _entity_yaml(e: Entity) -> str:
    aliases = f"aliases: {_list([_q(a) for a in e.aliases])}\n" if e.aliases else ""
    return (
        "# yaml-language-server: $schema=../../briefing/schemas/entity.schema.json\n"
        f"id: {e.id}\nname: {_q(e.name)}\ntype: {e.type}\n{aliases}description: {_q(e.description)}\n"
    )


def _source_yaml(sid: str, n: int, text: str, headline: str) -> str:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return (
        "# yaml-language-server: $schema=../briefing/schemas/source.schema.json\n"
        f"id: {sid}\n"
        f"title: {_q('Synthetic report: ' + headline)}\n"
        "publisher: Synthetic Wire\n"
        f"url: https://example.org/synthetic/{sid}\n"
        "language: en\n"
        f'published:\n  value: "2019-{1 + n % 12:02d}-{1 + n % 28:02d}"\n  precision: day\n'
        'retrieved:\n  value: "2026-11-25"\n  precision: day\n'
        f"sha256: {sha}\n"
        "note: Generated by bench/generate.py for the benchmarks; not a real article.\n"
        "not_claims:\n"
        f"  - quote: {_q(headline)}\n"
        "    reason: >-\n"
        "      The headline of the synthetic story: it has no full stop and states nothing a claim\n"
        "      could cite.\n"
    )


# Pages copied from the real project when they are explanatory and name no claim; otherwise a
# minimal stand-in with the same macro (so a future edit of the real page cannot break the bench).
COPIED_PAGES = {
    "method.md": "---\nprose: explanatory\n---\n# Method\n\n{{ kinds_table() }}\n\n{{ estimative_scale() }}\n\n{{ normalisation_rules() }}\n",
    "verification.md": "---\nprose: explanatory\n---\n# Verification report\n\n{{ verification_report() }}\n",
    "timeline.md": "---\nprose: explanatory\n---\n# Timeline\n\n{{ timeline() }}\n",
    "topics/index.md": "---\nprose: explanatory\n---\n# Topics\n\n{{ topic_index() }}\n",
    "entities/index.md": "---\nprose: explanatory\n---\n# People and things\n\n{{ entity_index() }}\n",
    "claims/index.md": "---\nprose: explanatory\n---\n# All claims\n\n"
    + "".join(f'## {k}\n\n{{{{ claims_by_kind("{k}") }}}}\n\n' for k in ("reported", "attributed", "speculation", "inference")),
    "source/index.md": "---\nprose: explanatory\n---\n# Sources\n\n{{ source_index() }}\n",
}


def _real_page(rel: str) -> str | None:
    """The real page if it can serve any briefing (explanatory, naming no claim); else a stand-in."""
    path = REPO / "docs" / rel
    entry = _real_pages().get(rel)
    if entry is not None:
        page, problems = page_from(entry)
        if page is not None and not problems and page.front_matter.get("prose") == "explanatory":
            calls = macro_calls(page)
            if all(c.ok and c.name not in CLAIM_ID_MACROS for c in calls):
                return path.read_text(encoding="utf-8")
    return COPIED_PAGES.get(rel)


_REAL: dict[str, inventory.SiteFile] = {}


def _real_pages() -> dict[str, inventory.SiteFile]:
    """The real project's pages, as the site build reads them (taken once)."""
    if not _REAL:
        _REAL.update(inventory.load(REPO).by_uri())
    return _REAL


WRITTEN_HERE = ("index.md", "open-questions.md")  # plus the topic pages: this briefing's own narrative


def _nav(topic_ids: list[str], available: set[str]) -> str:
    """The real nav, keeping the pages this briefing has, with its own topic pages under Topics."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    span = _top_level_block(text, "nav")
    lines = text[span[0] : span[1]].rstrip("\n").split("\n")[1:] if span else []
    out, in_topics = ["nav:"], False
    for line in lines:
        m = re.match(r"^(\s*)- (?:(.+?): )?(\S+\.md)\s*$", line)
        section = re.match(r"^(\s*)- (.+):\s*$", line)
        if section and not m:
            in_topics = "topics/" in text[span[0] : span[1]] and section.group(2).strip().lower().startswith("topic")
            out.append(line)
            if in_topics:
                pad = section.group(1) + "    "
                out += [f"{pad}- topics/index.md"] * ("topics/index.md" in available) + [f"{pad}- topics/{t}.md" for t in topic_ids]
            continue
        if m and m.group(3).startswith("topics/"):
            continue  # replaced by this briefing's topics above
        if m and m.group(3) not in available:
            continue
        if line.strip():
            out.append(line)
    if not any("topics/" in ln for ln in out):  # no Topics section in the real nav: add one
        out.append("  - Topics:")
        out += [f"      - topics/{t}.md" for t in topic_ids]
    return "\n".join(out) + "\n"


def _top_level_block(text: str, key: str) -> tuple[int, int] | None:
    """Character range of a top-level `key:` block in a YAML file (to its next top-level key)."""
    m = re.search(rf"^{re.escape(key)}:.*$", text, re.M)
    if not m:
        return None
    nxt = re.search(r"^[A-Za-z_][\w-]*:", text[m.end() :], re.M)
    return m.start(), m.end() + nxt.start() if nxt else len(text)


def mkdocs_config(nav_yaml: str) -> str:
    """The real mkdocs.yml with this briefing's nav."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    span = _top_level_block(text, "nav")
    return text[: span[0]] + nav_yaml + text[span[1] :] if span else text.rstrip("\n") + "\n\n" + nav_yaml


def without_macros(config: str) -> str:
    """The same configuration without the `- macros:` plugin entry and its indented options, and
    without `watch:` (what `mkdocs serve` watches: the records, which the plain copy has not)."""
    text = re.sub(r"^(\s*)- macros\b.*\n(?:\1\s+.*\n)*", "", config, flags=re.M)
    text = re.sub(r"^watch:.*\n(?:[ \t]+-.*\n)*", "", text, flags=re.M)
    if re.search(r"^\s*- macros\b", text, re.M) or "module_name: macros" in text:
        raise ValueError("could not remove the macros plugin from mkdocs.yml")
    return text


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _cite(*ids: str) -> str:
    return "{{ cite(" + ", ".join(f'"{i}"' for i in ids) + ") }}"


def generate(root: Path, n_claims: int, seed: int = SEED) -> dict[str, int]:
    """Write the synthetic briefing under `root` (emptied first). Returns what was written."""
    syn = build(n_claims, seed)
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    for sub in ("facts/claims", "facts/entities", "facts/topics", "facts/judgments", "facts/questions", "sources", "docs/topics"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for n, (sid, (text, headline)) in enumerate(syn.sources.items(), 1):
        (root / "sources" / f"{sid}.txt").write_bytes(text.encode("utf-8"))
        _write(root / "sources" / f"{sid}.yml", _source_yaml(sid, n, text, headline))
    claim_bytes = 0
    for c in syn.claims:
        body = claim_yaml(c)
        claim_bytes += len(body.encode("utf-8"))
        _write(root / "facts" / "claims" / f"{c.id}.yml", body)
    for e in syn.people + syn.orgs:
        _write(root / "facts" / "entities" / f"{e.id}.yml", _entity_yaml(e))
    by_topic: dict[str, list[str]] = {}
    for c in syn.claims:
        for t in c.topics:
            by_topic.setdefault(t, []).append(c.id)
    statement = {c.id: c.statement.rstrip(".") for c in syn.claims}

    def said(*ids: str) -> str:
        """A page sentence that says what its claims say: their statements, each cited."""
        return " ".join(f"{statement[i]} {_cite(i)}." for i in ids)

    for tid, name, desc in syn.topics:
        _write(
            root / "facts" / "topics" / f"{tid}.yml",
            f"# yaml-language-server: $schema=../../briefing/schemas/topic.schema.json\nid: {tid}\nname: {_q(name)}\ndescription: {_q(desc)}\n",
        )
        ids = by_topic[tid]
        _write(
            root / "docs" / "topics" / f"{tid}.md",
            f"---\ntopic: {tid}\n---\n# {name}\n\n"
            f"{said(*ids[:3])}\n\n"
            f'{{{{ claims_by_topic("{tid}") }}}}\n',
        )
    primaries = [(s, cid) for sid in syn.sentences for s, cid in syn.sentences[sid]]
    scale = ("almost-certain", "very-likely", "likely", "roughly-even-chance", "unlikely", "very-unlikely", "likely")
    for j in range(N_JUDGMENTS):
        picks = primaries[j * 3 : j * 3 + 3] or primaries[:3]
        s0 = picks[0][0]
        # Its statement says what a claim it rests on says (held word for word, as a statement is).
        subject = statement[picks[0][1]]
        question = f"Is {s0.b.name} expanding its work on {s0.vals['adj']} {s0.vals['thing']}s?"
        _write(
            root / "facts" / "judgments" / f"synthetic-judgment-{j + 1}.yml",
            "# yaml-language-server: $schema=../../briefing/schemas/judgment.schema.json\n"
            f"id: synthetic-judgment-{j + 1}\n"
            # The first a finding (no label), the others assessments: the two kinds of key judgment.
            + ("kind: finding\n" if j == 0 else "kind: assessment\n")
            + _folded("statement", f"{subject}.")
            + (
                ""
                if j == 0
                else f"question: {_q(question)}\nlikelihood: {scale[j % len(scale)]}\nconfidence: moderate\n"
                + _folded("confidence_reason", "One source for each claim it rests on.")
            )
            + f"rests_on: {_list([cid for _, cid in picks])}\n"
            + _folded("reasoning", "The article reports it; the editors name no other source.")
            + f"order: {j + 1}\n",
        )
    questions = []
    for q in range(N_QUESTIONS):
        s, cid = primaries[(q * 7) % len(primaries)]
        sid = next(k for k, v in syn.sentences.items() if (s, cid) in v)
        quote = s.text[:-1]
        question = f"What is the {s.vals['adj']} {s.vals['thing']} of {s.b.name}?"
        questions.append(cid)
        _write(
            root / "facts" / "questions" / f"synthetic-question-{q + 1}.yml",
            "# yaml-language-server: $schema=../../briefing/schemas/question.schema.json\n"
            f"id: synthetic-question-{q + 1}\n"
            f"question: {_q(question)}\n"
            f"citations:\n  - source: {sid}\n    quote: {_q(quote)}\n"
            + _folded("discussion", "The editors name no other source.")
            + f"related_claims: [{cid}]\norder: {q + 1}\n",
        )
    c0, c1, c2 = syn.claims[0].id, syn.claims[1].id, syn.claims[2].id
    _write(
        root / "docs" / "index.md",
        "# A synthetic briefing\n\n"
        f"{said(c0, c1, c2)}\n\n{{{{ key_judgments() }}}}\n",
    )
    _write(
        root / "docs" / "open-questions.md",
        f"# Open questions\n\n{said(questions[0])}\n\n{{{{ open_questions() }}}}\n",
    )
    # The real project's other pages (method, verification, indexes, …), as its nav lists them.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    real_pages = re.findall(r"^\s*- (?:.+?: )?(\S+\.md)\s*$", config[slice(*(_top_level_block(config, "nav") or (0, 0)))], re.M)
    available = set(WRITTEN_HERE)
    for rel in dict.fromkeys([*real_pages, *COPIED_PAGES]):
        if rel in WRITTEN_HERE or (rel.startswith("topics/") and rel != "topics/index.md"):
            continue
        page = _real_page(rel)
        if page is not None:
            _write(root / "docs" / rel, page)
            available.add(rel)
    # The theme's overrides and hooks, wherever the configuration points.
    for m in re.finditer(r"^\s*(?:custom_dir:|-)\s*([\w./-]+)\s*(?:#.*)?$", config, re.M):
        extra = REPO / m.group(1)
        if m.group(1) not in ("docs",) and (extra.is_dir() or extra.suffix == ".py") and extra.exists() and extra.name != "macros.py":
            if extra.is_dir():
                shutil.copytree(extra, root / m.group(1), dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                _write(root / m.group(1), extra.read_text(encoding="utf-8"))
    _write(root / "mkdocs.yml", mkdocs_config(_nav([t for t, _, _ in syn.topics], available)))
    shutil.copy2(REPO / "macros.py", root / "macros.py")
    return {
        "claims": len(syn.claims),
        "claim_bytes": claim_bytes,
        "sources": len(syn.sources),
        "source_bytes": sum(len(t.encode("utf-8")) for t, _ in syn.sources.values()),
        "entities": len(syn.people) + len(syn.orgs),
        "topics": len(syn.topics),
        "judgments": N_JUDGMENTS,
        "questions": N_QUESTIONS,
        "inferences": sum(1 for c in syn.claims if c.kind == "inference"),
        "pages": len(syn.topics) + len(available),
    }


def tree_digest(root: Path) -> str:
    """sha256 over every file's relative path and bytes: equal digests mean identical briefings."""
    h = hashlib.sha256()
    for p in sorted(Path(root).rglob("*")):
        if p.is_file() and ".cache" not in p.parts and "site" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
