"""The meaning rules, tried as a hostile editor would: every edit of the issue's list, and variants
of each kind, on the real article's text. Each case writes a tiny project (one source, the claim)
and runs the real check; the rule named must fail it, and the honest version must pass."""

from __future__ import annotations

import json
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
}
OFFER = "Russia offering to supply rocket engines to China in exchange for Chinese microelectronics"
COOP = "Cooperation in the field of space transport services could involve"
SPUTNIK = "Russian state news agency Sputnik quoted Rogozin as saying"
ZHOU = "Russian technology could help plug that gap, according to Beijing-based military analyst Zhou Chenming"
GUESS = "one project might be China’s Tiangong space station project"
LM5 = "the Long March 5 series, is designed to send up to 25 tonnes to lower-Earth orbit, double the capacity of its workhorse"
IGNORED = {"sentence-uncovered", "statement-is-draft", "entity-not-listed", "unused-entity", "unused-topic"}


def codes(tmp_path: Path, body: str) -> list[str]:
    root = project(tmp_path, {"c": body}, ENTITIES, text=ARTICLE)
    return sorted({d.code for d in verify.check(root, use_cache=False).diagnostics if d.severity == "error" and d.code not in IGNORED})


def claim(statement: str, *quotes: str, kind: str = "reported", entities: str = "[]", extra: str = "") -> str:
    """A claim's YAML; text in double quotes with JSON escapes, so invisible characters survive."""
    cits = "".join(f"  - source: s\n    quote: {json.dumps(q)}\n" for q in quotes)
    return f"statement: {json.dumps(statement)}\nkind: {kind}\ntopics: [t]\nentities: {entities}\n{extra}citations:\n{cits}"


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
]


@pytest.mark.parametrize(("name", "body", "want"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_edit_fails_with_its_rule(tmp_path: Path, name: str, body: str, want: list[str]) -> None:
    assert codes(tmp_path, body) == want
