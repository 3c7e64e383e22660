"""The records of a briefing as plain Python objects (built by `briefing.loader`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.anchor import SourceText, Span
from briefing.dates import format_date
from briefing.yamlsafe import Located

KINDS = ("reported", "attributed", "speculation", "inference")
KIND_LABELS = {
    "reported": "Reported",
    "attributed": "Attributed",
    "speculation": "Article's speculation",
    "inference": "Editors' inference",
}
KIND_HELP = {
    "reported": "The article asserts this in its own voice.",
    "attributed": "A named person says this; the article reports that they said it.",
    "speculation": "The article's own guess, not a statement by anyone it quotes.",
    "inference": "The editors' own derivation from named claims and a stated basis.",
}

# The fixed estimative scale (ICD 203 terms), in order of likelihood.
SCALE: tuple[tuple[str, str, str], ...] = (
    ("almost-no-chance", "Almost no chance", "1–5 %"),
    ("very-unlikely", "Very unlikely", "5–20 %"),
    ("unlikely", "Unlikely", "20–45 %"),
    ("roughly-even-chance", "Roughly even chance", "45–55 %"),
    ("likely", "Likely", "55–80 %"),
    ("very-likely", "Very likely", "80–95 %"),
    ("almost-certain", "Almost certain", "95–99 %"),
)
SCALE_LABELS = {k: label for k, label, _ in SCALE}
# Not a probability: where the source gives no evidence either way, an assessment says so
# instead of putting a number on it ("roughly even chance" would claim evidence of balance).
CANNOT_ASSESS = "cannot-assess"
LIKELIHOOD_LABELS = {**SCALE_LABELS, CANNOT_ASSESS: "Cannot assess"}

# Key judgments: a finding is a fact about the text (no probability label); an assessment is
# the editors' estimate under uncertainty (likelihood, the question it answers, confidence).
JUDGMENT_KINDS = ("finding", "assessment")
JUDGMENT_KIND_LABELS = {"finding": "Finding", "assessment": "Assessment"}
CONFIDENCE = (
    ("low", "Low", "The evidence is thin, one-sided or indirect: one source, or one side heard."),
    ("moderate", "Moderate", "Credible evidence, but from a single source or open to other readings."),
    ("high", "High", "Several independent, consistent sources, or the text settles it."),
)
CONFIDENCE_LABELS = {k: label for k, label, _ in CONFIDENCE}


@dataclass
class Record:
    """What every record shares: where it came from, for diagnostics and edit links."""

    id: str
    path: str  # relative to the root, forward slashes
    data: dict[str, Any]
    located: Located
    digest: str = field(default="", kw_only=True)  # sha256 of the file's bytes: what results may be cached on

    def where(self, *path: str | int, key: bool = False) -> tuple[int, int]:
        return self.located.where(tuple(path), key=key)

    def where_in(self, path: tuple[str | int, ...], offset: int) -> tuple[int, int]:
        """Where the character `offset` of the string at `path` is written in the file, or, if
        that cannot be told, where the value starts."""
        return self.located.inside(path, offset) or self.where(*path)


@dataclass
class Citation:
    source: str
    quote: str
    prefix: str | None
    suffix: str | None
    occurrence: int | None
    field_path: tuple[str | int, ...]  # where it sits in its record, e.g. ("citations", 0)
    span: Span | None = None  # set once anchored


@dataclass
class DateInfo:
    value: str | None
    precision: str
    end: str | None = None
    resolved_from: str | None = None
    basis: str | None = None
    note: str | None = None

    @property
    def inferred(self) -> bool:
        return self.resolved_from is not None

    def sort_key(self) -> str:
        return self.value or "9999"

    def label(self) -> str:
        return format_date(self.value, self.precision, self.end)


@dataclass
class Claim(Record):
    statement: str = ""
    kind: str = "reported"
    speaker: str | None = None
    relayed_by: str | None = None
    topics: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    date: DateInfo | None = None
    citations: list[Citation] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)
    basis: str | None = None
    note: str | None = None


@dataclass
class Entity(Record):
    name: str = ""
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    url: str | None = None

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Topic(Record):
    name: str = ""
    description: str = ""


@dataclass
class Judgment(Record):
    kind: str = "assessment"  # finding | assessment
    statement: str = ""
    likelihood: str | None = None  # assessments: a SCALE term or CANNOT_ASSESS; findings: none
    question: str | None = None  # assessments: the question the likelihood answers
    confidence: str | None = None  # assessments: low | moderate | high
    confidence_reason: str | None = None
    rests_on: list[str] = field(default_factory=list)
    reasoning: str = ""
    order: int = 0


@dataclass
class Question(Record):
    question: str = ""
    citations: list[Citation] = field(default_factory=list)
    discussion: str = ""
    related_claims: list[str] = field(default_factory=list)
    order: int = 0


@dataclass
class NotClaim:
    citation: Citation
    reason: str


@dataclass
class Source(Record):
    title: str = ""
    title_note: str | None = None
    publisher: str = ""
    url: str = ""
    language: str = ""
    published: DateInfo | None = None
    retrieved: DateInfo | None = None
    sha256: str = ""
    note: str | None = None
    not_claims: list[NotClaim] = field(default_factory=list)
    text_path: str = ""
    text: SourceText | None = None  # None when the text file is missing or unreadable
    actual_sha256: str | None = None

    @property
    def intact(self) -> bool:
        return self.text is not None and self.actual_sha256 == self.sha256


@dataclass
class Page:
    """A Markdown page of the site, as the checks see it (macro calls and prose)."""

    path: str
    front_matter: dict[str, Any]  # as the theme sees it (the site generator's own reading)
    body: str  # the Markdown the template engine renders (what follows the front matter)
    body_line: int  # line number of the body's first line in the file
    generated: bool = False
    src_uri: str = ""  # path under the docs folder
    title: Any = None  # the title the template engine sees
    front_text: str | None = None  # the front matter's YAML text
    front_located: Located | None = None  # where each front-matter key is (the strict reading)
    built: bool = True  # part of the published site (not a draft, not excluded)
    title_from: str = ""  # where the title comes from (`inventory.TITLE_SOURCES`)
    reading: Any = field(default=None, repr=False, compare=False)  # (Markdown setup, what `pages.read_page` read)


@dataclass
class Briefing:
    root: str
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    judgments: dict[str, Judgment] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    files_seen: int = 0
    git_memo: dict[str, Any] = field(default_factory=dict, repr=False)  # what the checks read from git, once per check
    inventory: Any = field(default=None, repr=False)  # the `inventory.Inventory` the pages were read from
    base_ref: str | None = None  # what the sources are compared with (None: the merge base with main)
