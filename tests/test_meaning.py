"""The meaning rules, tried as a hostile editor would: every edit of the issue's list, and variants
of each kind, on the real article's text, with the paraphrases an honest editor would write.
Every case is a claim of one project (the article and the entities it names), checked once by
the real check; each claim must fail with exactly the rules named, and the honest ones pass."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import REPO
from test_support_rules import project

from briefing import verify

ARTICLE = (REPO / "sources" / "scmp-russia-rocket-engines-2019.txt").read_text(encoding="utf-8")
ENTITIES = {
    "russia": "name: Russia\ntype: country\naliases: [Russian]\n",
    "dmitry-rogozin": "name: Dmitry Rogozin\ntype: person\naliases: [Rogozin]\n",
    "roscosmos": "name: Roscosmos\ntype: organisation\naliases: [\"Russia’s state space corporation\"]\n",
    "zhou-chenming": "name: Zhou Chenming\ntype: person\naliases: [Zhou]\n",
    "mars": "name: Mars\ntype: place\n",
    "tiangong": "name: Tiangong\ntype: programme\n",
    # Aliases added to carry a figure past the quantity rule (the article has no "40 tonnes").
    "lm5-payload": "name: Long March 5 payload\ntype: system\naliases: [\"40 tonnes\"]\n",
    "long-march-5": "name: Long March 5\ntype: rocket\naliases: [\"Long March 5 of 40 tonnes\"]\n",
}
OFFER = "Russia offering to supply rocket engines to China in exchange for Chinese microelectronics"
COOP = "Cooperation in the field of space transport services could involve"
SPUTNIK = "Russian state news agency Sputnik quoted Rogozin as saying"
ZHOU = "Russian technology could help plug that gap, according to Beijing-based military analyst Zhou Chenming"
GUESS = "one project might be China’s Tiangong space station project"
LM5 = "the Long March 5 series, is designed to send up to 25 tonnes to lower-Earth orbit, double the capacity of its workhorse"
# The scraped headline of another article, set aside as the real source record sets it aside.
NOT_CLAIMS = "not_claims:\n  - quote: \"China’s failed Long March 5 rocket ‘choked to death’, but space mission expected to resume this year\"\n    reason: Another article's headline.\n"
IGNORED = {"sentence-uncovered", "statement-is-draft", "entity-not-listed", "unused-entity", "unused-topic"}


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding `text`, every non-ASCII character as an escape (\\u or
    \\U), so invisible and astral characters survive the file."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def claim(statement: str, *quotes: str, kind: str = "reported", entities: str = "[]", extra: str = "") -> str:
    """A claim's YAML; text in double quotes with escapes, so invisible characters survive."""
    cits = "".join(f"  - source: s\n    quote: {quoted(q)}\n" for q in quotes)
    return f"statement: {quoted(statement)}\nkind: {kind}\ntopics: [t]\nentities: {entities}\n{extra}citations:\n{cits}"


def reported(statement: str, *quotes: str, entities: str = "[]", extra: str = "") -> str:
    return claim(statement, *quotes, entities=entities, extra=extra)


def rogozin(statement: str, *quotes: str, speaker: str = "dmitry-rogozin", relayed: str | None = "sputnik") -> str:
    extra = f"speaker: {speaker}\n" + (f"relayed_by: {relayed}\n" if relayed else "")
    return claim(statement, *quotes, kind="attributed", entities="[dmitry-rogozin, sputnik, russia]", extra=extra)


CASES = [
    # -- modality and certainty: the edits, then variants --
    ("offering-to-agreed", reported("Russia has agreed to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("offering-kept", reported("The article says Russia is offering to supply rocket engines to China.", OFFER, entities="[russia, china]"), []),
    ("could-to-will", rogozin("According to Sputnik, Rogozin said cooperation in space transport services will involve more.", COOP, SPUTNIK), ["modality-unsupported"]),
    ("could-kept", rogozin("According to Sputnik, Rogozin said cooperation in space transport services could involve more.", COOP, SPUTNIK), []),
    ("might-to-is", claim("The article says one project is China's Tiangong space station project.", GUESS, kind="speculation", entities="[china, tiangong]"), ["modality-dropped"]),
    ("might-kept", claim("The article suggests one project might be China's Tiangong space station project.", GUESS, kind="speculation", entities="[china, tiangong]"), []),
    ("could-help-to-will-plug", claim("Zhou said Russian technology will plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("could-to-certainly", claim("Zhou said Russian technology certainly could help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("could-to-planned", claim("Zhou said Russian technology is planned to help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("offering-to-supplies", reported("The article says Russia supplies rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-dropped"]),
    ("offering-to-delivered", reported("The article says Russia delivered rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("offering-to-signed-deal", reported("The article says Russia signed a deal to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    # -- quantities --
    ("double-to-three-times", reported("The article says it is designed to send 25 tonnes, three times the capacity of its workhorse.", LM5), ["quantity-unsupported"]),
    ("double-kept", reported("The article says it is designed to send up to 25 tonnes, double the capacity of its workhorse.", LM5), []),
    ("twice-for-double", reported("The article says it is designed to send up to 25 tonnes, twice the capacity of its workhorse.", LM5), []),
    ("thirty-tonnes", reported("The article says it is designed to send up to thirty tonnes to orbit.", LM5), ["quantity-unsupported"]),
    ("twenty-five-tonnes", reported("The article says it is designed to send up to twenty-five tonnes to orbit.", LM5), []),
    ("dozens-of-engines", reported("The article says Russia is offering to supply dozens of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("most-engines", reported("The article says Russia is offering to supply most rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("all-engines", reported("The article says Russia is offering to supply all rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("several-a-few-a-dozen", reported("The article says Russia is offering to supply a dozen rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("glued-30t", reported("The article says it is designed to send up to 30t to orbit.", LM5), ["number-unsupported"]),
    ("glued-25t", reported("The article says it is designed to send up to 25t to orbit.", LM5), []),
    ("glued-dollars", reported("The article says it is designed to send up to 25 tonnes to orbit for $30bn.", LM5), ["number-unsupported", "quantity-unsupported"]),
    ("ordinal-3rd", reported("The article says it is the 3rd rocket designed to send up to 25 tonnes to orbit.", LM5), ["content-word-unsupported", "number-unsupported"]),
    ("superscript-digits", reported("The article says it is designed to send up to ³⁰ tonnes to orbit.", LM5), ["number-unsupported", "script-confusable"]),
    ("fullwidth-digits", reported("The article says it is designed to send up to ３０ tonnes to orbit.", LM5), ["number-unsupported", "script-confusable"]),
    ("percent", reported("The article says it is designed to send up to 25 tonnes, 50% of the capacity of its workhorse.", LM5), ["number-unsupported", "quantity-unsupported"]),
    ("half", reported("The article says it is designed to send up to 25 tonnes, half the capacity of its workhorse.", LM5), ["quantity-unsupported"]),
    ("roman", reported("The article says the Long March VI is designed to send up to 25 tonnes to orbit.", LM5), ["content-word-unsupported", "quantity-unsupported"]),
    # -- roles --
    ("subject-object-swapped", reported("The article says China is offering to supply rocket engines to Russia.", OFFER, entities="[russia, china]"), ["role-order"]),
    ("passive-kept", reported("The article says rocket engines are on offer to China from Russia.", OFFER, entities="[russia, china]"), []),
    ("speaker-relayer-swapped", rogozin("According to Rogozin, Sputnik said cooperation in space transport services could involve more.", COOP, SPUTNIK, speaker="sputnik", relayed="dmitry-rogozin"), ["speaker-not-attributed"]),
    ("speaker-someone-else", claim("Rogozin said Russian technology could help plug that gap.", ZHOU, kind="attributed", entities="[dmitry-rogozin, russia, zhou-chenming]", extra="speaker: dmitry-rogozin\n"), ["entity-not-in-evidence", "speaker-not-attributed"]),
    # -- kind --
    ("guess-filed-as-reported", reported("The article says one project might be China's Tiangong space station project.", GUESS, entities="[china, tiangong]"), ["kind-speculation-as-reported"]),
    # -- negation: a refusal or failure word --
    ("refused", reported("The article says Russia refused to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["content-word-unsupported", "modality-dropped", "negation-mismatch"]),
    ("failed-meets-failure", reported("The article says there has been no sign of the Long March 5 on the launch pad since its second flight failed.", "there has been no sign of the Long March 5 on the launch pad since the failure of its second flight", entities="[long-march-5]"), []),
    # -- quotes out of context --
    ("ellipsis-skips-role", reported("The article says Russia is offering to supply Chinese microelectronics.", "Russia offering to supply … Chinese microelectronics", entities="[russia, china]"), ["ellipsis-skips-role"]),
    ("ellipsis-skips-subject", claim("Zhou said China urgently needs and has some good offerings.", "China urgently needs … has some good offerings", "Zhou said", kind="attributed", entities="[zhou-chenming, china]", extra="speaker: zhou-chenming\n"), ["ellipsis-skips-role", "speaker-not-attributed"]),
    ("ellipsis-skips-hedge", reported("The article says the agency had sent a probe to Mars.", "had … send a probe to Mars", entities="[mars]"), ["content-word-unsupported", "ellipsis-skips-hedge", "modality-unsupported"]),
    ("fragment-drops-lack-of", reported("The article says there has been progress in development of a heavy-lift rocket engine.", "progress in development of a heavy-lift rocket engine"), ["modality-unsupported", "quote-drops-negation"]),
    ("quote-cut-at-possessive", reported("The article names the head of Russia.", "the head of Russia", entities="[russia]"), ["quote-cuts-compound"]),
    ("quote-cut-in-compound", reported("The article mentions a lift rocket engine.", "lift rocket engine"), ["quote-cuts-compound"]),
    # -- time --
    ("date-moved-a-year", claim("The article says the second flight failed in July 2018.", "the failure of its second flight in July 2017", extra="date: {value: '2018-07', precision: month}\n"), ["date-not-in-quotes", "number-unsupported"]),
    ("date-kept", claim("The article says the second flight failed in July 2017.", "the failure of its second flight in July 2017", extra="date: {value: '2017-07', precision: month}\n"), []),
    # -- script --
    ("rlo-ton-as-not", reported("The article says it is designed to send up to 25 \u202enot\u202c to orbit.", LM5), ["bidi-control", "negation-mismatch"]),
    ("cyrillic-in-not", reported("The article says there has nоt been progress.", "there has been no sign"), ["content-word-unsupported", "script-mixed"]),
    ("cyrillic-in-name", reported("The article says Rоgozin spoke.", SPUTNIK, entities="[dmitry-rogozin, sputnik, russia]"), ["script-mixed"]),
    ("zero-width-in-not", reported("The article says there has been no\u200b sign of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["invisible-character"]),
    ("soft-hyphen", reported("The article says there has been no si\u00adgn of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["invisible-character"]),
    # -- overrides: a made-up reason on a claim that is not an inference silences nothing --
    ("override-on-reported", reported("The article says Russia supplies rocket engines to China.", OFFER, entities="[russia, china]", extra="modality_differs: We know better.\n"), ["modality-dropped", "override-not-allowed"]),
    # -- modality: other hedges and words of certainty, and what an honest editor writes --
    ("agreed-in-principle", reported("The article says Russia agreed in principle to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["content-word-unsupported", "modality-unsupported"]),
    ("set-to", reported("The article says Russia is set to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("plans-to", reported("The article says Russia plans to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("is-expected-to", reported("The article says Russia is expected to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("has-supplied", reported("The article says Russia has supplied rocket engines to China.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("struck-a-deal", reported("The article says Russia and China struck a deal on rocket engines.", OFFER, entities="[russia, china]"), ["modality-unsupported"]),
    ("signed-a-pact", reported("The article says Russia and China signed a pact on rocket engines.", OFFER, entities="[russia, china]"), ["content-word-unsupported", "modality-unsupported"]),
    ("a-memorandum", reported("The article says Russia and China have a memorandum on rocket engines.", OFFER, entities="[russia, china]"), ["content-word-unsupported", "modality-dropped"]),
    ("definitely-could", claim("Zhou said Russian technology could definitely help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("would-for-could", claim("Zhou said Russian technology would help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("likely-for-could", claim("Zhou said Russian technology is likely to help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["modality-unsupported"]),
    ("will-be-able", claim("Zhou said Russian technology will be able to help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), ["content-word-unsupported", "modality-unsupported"]),
    ("may-for-could", claim("Zhou said Russian technology may help plug that gap.", ZHOU, kind="attributed", entities="[zhou-chenming, russia]", extra="speaker: zhou-chenming\n"), []),
    ("offered-past-tense", reported("The article says Russia offered to supply rocket engines to China.", OFFER, entities="[russia, china]"), []),
    ("has-offered", reported("The article says Russia has offered to supply rocket engines to China.", OFFER, entities="[russia, china]"), []),
    ("an-offer-of-engines", reported("The article reports an offer of rocket engines from Russia to China.", OFFER, entities="[russia, china]"), []),
    # -- quantities in other forms --
    ("a-couple-of", reported("The article says Russia is offering to supply a couple of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("scores-of", reported("The article says Russia is offering to supply scores of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("a-handful", reported("The article says Russia is offering to supply a handful of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("tens-of", reported("The article says Russia is offering to supply tens of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("a-number-of", reported("The article says Russia is offering to supply a number of rocket engines to China.", OFFER, entities="[russia, china]"), ["quantity-unsupported"]),
    ("more-than-25", reported("The article says it is designed to send more than 25 tonnes to lower-Earth orbit.", LM5), ["quantity-unsupported"]),
    ("at-least-25", reported("The article says it is designed to send at least 25 tonnes to lower-Earth orbit.", LM5), ["quantity-unsupported"]),
    ("bound-dropped", reported("The article says it is designed to send 25 tonnes to lower-Earth orbit.", LM5), ["quantity-unsupported"]),
    ("about-25", reported("The article says it is designed to send about 25 tonnes to lower-Earth orbit.", LM5), []),
    ("triple", reported("The article says it is designed to send up to 25 tonnes, triple the capacity of its workhorse.", LM5), ["quantity-unsupported"]),
    ("third-flight", reported("The article says there has been no sign of the Long March 5 since the failure of its third flight.", "there has been no sign of the Long March 5 on the launch pad since the failure of its second flight", entities="[long-march-5]"), ["quantity-unsupported"]),
    # An alias the quotes do not write: the entity is not in the evidence (one error for it).
    ("number-in-an-alias", reported("The article says the Long March 5 is designed to send up to 40 tonnes to lower-Earth orbit.", LM5, entities="[long-march-5, lm5-payload]"), ["entity-not-in-evidence"]),
    # An alias added to an entity the quotes do name: its digits are still a figure.
    ("number-in-a-longer-alias", reported("The article says the Long March 5 of 40 tonnes is China's most advanced rocket.", "China’s most advanced rocket, the Long March 5 series", entities="[long-march-5, china]"), ["number-unsupported"]),
    ("arabic-indic-digits", reported("The article says it is designed to send up to \u0662\u0665 tonnes to lower-Earth orbit.", LM5), []),
    ("arabic-indic-digits-changed", reported("The article says it is designed to send up to \u0663\u0660 tonnes to lower-Earth orbit.", LM5), ["number-unsupported"]),
    # -- roles: the words on either side of a direction word --
    ("object-swapped", reported("The article says Russia is offering to supply microelectronics to China in exchange for Chinese rocket engines.", OFFER, entities="[russia, china]"), ["role-order"]),
    ("object-kept", reported("The article says Russia is offering to supply rocket engines to China in exchange for Chinese microelectronics.", OFFER, entities="[russia, china]"), []),
    ("relayer-wrong", rogozin("According to Sputnik, Rogozin said cooperation in space transport services could involve more.", COOP, SPUTNIK, relayed="zhou-chenming"), ["relayed-by-not-named"]),
    # -- negations: refusal, failure, lack --
    ("declined", reported("The article says Russia declined to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["content-word-unsupported", "modality-dropped", "negation-mismatch"]),
    ("no-longer-in-use", reported("The article says the Proton series is no longer in use.", "Its Proton series rockets had the same payload capacity as the Long March 5 as early as the 1960s and is still in use today"), ["negation-mismatch"]),
    ("lack-kept", reported("The article says China's space ambitions have been held back by a lack of progress in development of a heavy-lift rocket engine.", "China’s space ambitions have been held back by a lack of progress in development of a heavy-lift rocket engine", entities="[china]"), []),
    # -- framing: a verb of speech needs a source that spoke --
    ("russia-told-china", reported("Russia told China it is offering to supply rocket engines.", OFFER, entities="[russia, china]"), ["content-word-unsupported"]),
    ("the-article-reports", reported("The article reports that Russia is offering to supply rocket engines to China.", OFFER, entities="[russia, china]"), []),
    # -- quotes out of context: each rule of ellipses and fragments --
    ("ellipsis-skips-contrast", reported("The article says the Proton series was in use in the 1960s and uses very toxic fuels.", "Its Proton series rockets had the same payload capacity as the Long March 5 as early as the 1960s … the Protons use very toxic fuels", entities="[long-march-5]"), ["ellipsis-skips-contrast"]),
    ("quote-drops-hedge", reported("The article names China's Tiangong space station project.", "be China’s Tiangong space station project", entities="[china, tiangong]"), ["quote-drops-hedge"]),
    ("citations-skip-hedge", reported("The article says Russian technology helps plug that gap.", "Russian technology", "help plug that gap", entities="[russia]"), ["citations-skip-hedge"]),
    ("citations-skip-contrast", reported("The article says the engine was redesigned last year, after repeated cancellations and delays.", "The engine was redesigned last year", "after repeated cancellations and delays"), ["citations-skip-contrast"]),
    ("citations-skip-role", reported("The article says Russia is offering to supply rocket engines and Chinese microelectronics.", "Russia offering to supply rocket engines", "Chinese microelectronics", entities="[russia, china]"), ["citations-skip-role"]),
    ("quote-cut-before-possessive", reported("The article says Chinese spacecraft would deploy China.", "to deploy China", entities="[china]"), ["quote-cuts-compound"]),
    ("not-claim-cited", reported("The article says China's failed Long March 5 choked to death.", "China’s failed Long March 5 rocket ‘choked to death’", entities="[china, long-march-5]"), ["not-claim-cited"]),
    # -- dates --
    ("day-moved", claim("Rogozin spoke at the MAKS 2019 Moscow air show.", "At the MAKS 2019 Moscow air show on Tuesday, Dmitry Rogozin, director general of Roscosmos, said", entities="[dmitry-rogozin, roscosmos]", extra="date: {value: '2019-08-28', precision: day}\n"), ["date-not-in-quotes"]),
    # -- script: look-alikes of other scripts, and what hides or strikes a character --
    ("greek-omicron-in-name", reported("The article says R\u03bfgozin spoke.", SPUTNIK, entities="[dmitry-rogozin, sputnik, russia]"), ["script-mixed"]),
    ("armenian-o-in-not", reported("The article says there has been n\u0585 sign of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["script-mixed"]),
    ("fullwidth-not", reported("The article says there has \uff4e\uff4f\uff54 been a sign of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["script-confusable"]),
    ("math-bold-not", reported("The article says Russia is \U0001d427\U0001d428\U0001d42d offering to supply rocket engines to China.", OFFER, entities="[russia, china]"), ["negation-mismatch", "script-confusable"]),
    ("rtl-isolate", reported("The article says it is designed to send up to \u206725\u2069 tonnes to lower-Earth orbit.", LM5), ["bidi-control"]),
    ("word-joiner", reported("The article says there has been no\u2060 sign of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["invisible-character"]),
    ("tag-characters", reported("The article says there has been no sign\U000e0041 of the Long March 5.", "there has been no sign of the Long March 5", entities="[long-march-5]"), ["invisible-character"]),
    ("strikethrough-digits", reported("The article says it is designed to send up to 2\u03365\u0336 tonnes to lower-Earth orbit.", LM5), ["combining-mark"]),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every case a claim of one project, checked once: each claim's error codes."""
    root = project(tmp_path_factory.mktemp("meaning"), {name: body for name, body, _ in CASES}, ENTITIES, text=ARTICLE, source_extra=NOT_CLAIMS)
    found: dict[str, set[str]] = defaultdict(set)
    for d in verify.check(root, use_cache=False).diagnostics:
        if d.severity == "error" and d.code not in IGNORED:
            found[Path(d.path).stem].add(d.code)
    return {name: sorted(codes) for name, codes in found.items()}


def test_every_case_is_its_own_claim() -> None:
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "body", "want"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_edit_fails_with_its_rule(verdicts: dict[str, list[str]], name: str, body: str, want: list[str]) -> None:
    assert verdicts.get(name, []) == want


# -- where a diagnostic points ----------------------------------------------------------------------

STYLES = {
    "plain": "statement: The article says Russia firmly offers rocket engines to China.\n",
    "single": "statement: 'The article says Russia''s offering firmly: rocket engines to China.'\n",
    "double": 'statement: "The article says \\u201cRussia\\u201d firmly offers rocket engines to China."\n',
    "folded": "statement: >-\n  The article says Russia is offering\n  rocket engines to China, and firmly\n  so.\n",
    "literal": "statement: |\n  The article says Russia is offering\n  rocket engines to China firmly.\n",
}


@pytest.mark.parametrize("style", STYLES, ids=list(STYLES))
def test_a_word_the_evidence_lacks_is_pointed_at_where_it_is_written(tmp_path: Path, style: str) -> None:
    """Through a quoted scalar's escapes and a folded or literal scalar's line breaks, the line and
    column are those of the word in the file an editor opens."""
    body = STYLES[style] + "kind: reported\ntopics: [t]\nentities: [russia, china]\ncitations:\n" + f"  - source: s\n    quote: {quoted(OFFER)}\n"
    root = project(tmp_path, {"c": body}, ENTITIES, text=ARTICLE, source_extra=NOT_CLAIMS)
    found = [d for d in verify.check(root, use_cache=False).diagnostics if d.code == "content-word-unsupported"]
    assert [d.message.split("'")[1] for d in found] == ["firmly"], [d.message for d in found]
    lines = (root / "facts/claims/c.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "firmly" in text)
    assert (found[0].line, found[0].col) == (line, lines[line - 1].index("firmly") + 1)
