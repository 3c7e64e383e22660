"""A text with only content words to look for (an entity's or a topic's description) is held to
its claims one by one (`bound.Claims`) instead of to the words of all of them at once: the verdict
must be the same, word for word, as against all of them together."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from conftest import FIXTURES, run_cli

from briefing.loader import load_briefing
from briefing.names import NameIndex
from briefing.rules import bound

MINI = FIXTURES / "mini"


def _briefing():
    got = load_briefing(MINI)
    return got[0] if isinstance(got, tuple) else got


def test_claim_by_claim_finds_what_all_the_claims_together_find() -> None:
    b = _briefing()
    names = NameIndex.of(b)
    ids = sorted(b.claims)
    # Words each only one claim has, words none has, framing and site words, an address.
    words = ["cost", "traffic", "permitted", "tests", "officials", "euros", "opened", "closing", "launched", "says", "told", "page", "https://x.example/a"]
    texts = [" ".join(ws) + "." for n in (1, 2, 3) for ws in itertools.combinations(words, n)]
    for rules in (frozenset({bound.WORDS}), frozenset({bound.QUANTITY, bound.NAME, bound.MODALITY, bound.WORDS})):
        for site in (False, True):
            for text in texts:
                ev = bound.Evidence(b)
                one_by_one = bound.gaps(b, text, bound.Claims(ev, ids), names, rules=rules, site=site)
                together = bound.gaps(b, text, bound.Evidence(b).of(ids), names, rules=rules, site=site)
                assert one_by_one == together, (text, rules, site)
    # The words of two claims, neither of which has both: met by the two together.
    ev = bound.Evidence(b)
    assert bound.gaps(b, "Cost and traffic.", bound.Claims(ev, ids), names, rules=frozenset({bound.WORDS})) == []
    lacking = bound.gaps(b, "Cost and traffic and ferries.", bound.Claims(ev, ids), names, rules=frozenset({bound.WORDS}))
    assert [g.word for g in lacking] == ["ferries"]


def test_a_topic_description_in_the_words_of_two_of_its_claims_passes_and_one_word_more_fails(tmp_path: Path) -> None:
    root = shutil.copytree(MINI, tmp_path / "p")
    topic = root / "facts" / "topics" / "bridge.yml"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("description: When the bridge would open.", "description: What the bridge cost, and traffic on it."), encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0, r.out + r.err
    topic.write_text(text.replace("description: When the bridge would open.", "description: What the bridge cost, and ferries."), encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 1
    assert [ln for ln in r.lines if ": error[" in ln] == [
        "facts/topics/bridge.yml:3:40: error[content-word-unsupported]: the topic's description says 'ferries', which the claims on the topic do not, "
        "in any form: say it in the source's words, or leave it out (framing words such as 'the article says', 'according to' or 'quoted as saying' need no support)"
    ], r.out
