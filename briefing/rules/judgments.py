"""Key judgments say their likelihood once, in its place: a finding carries none, in a label or in
words; an assessment says it with its label, and its words do not say another.

The schema already refuses a likelihood, a question or a confidence on a finding. These rules
read the statement (and a finding's reasoning, shown beside it): "the article almost certainly
reports an offer" puts back, in words, the probability a finding may not have
(`finding-estimative-word`), and an assessment labelled
"likely" whose statement says "almost certainly" tells the reader two things
(`likelihood-word-differs`). The words are the terms of the estimative scale and their ICD 203
synonyms, matched as whole words ("unlikely" is not "likely").
"""

from __future__ import annotations

import re

from briefing.diagnostics import Diagnostic
from briefing.model import CANNOT_ASSESS, LIKELIHOOD_LABELS, Briefing
from briefing.rules.base import Report, at

# Each term of the scale, with the words that say the same (ICD 203's pairs).
ESTIMATIVE_WORDS: dict[str, tuple[str, ...]] = {
    "almost-no-chance": ("almost no chance", "remote chance"),
    "very-unlikely": ("very unlikely", "highly unlikely", "highly improbable"),
    "unlikely": ("unlikely", "improbable", "improbably"),
    "roughly-even-chance": ("roughly even chance", "roughly even odds", "even chance", "even odds"),
    "likely": ("likely", "probable", "probably"),
    "very-likely": ("very likely", "highly likely", "highly probable"),
    "almost-certain": ("almost certain", "almost certainly", "nearly certain", "nearly certainly", "virtually certain"),
    CANNOT_ASSESS: ("cannot assess", "cannot be assessed"),
}
_TERM_OF = {w: term for term, words in ESTIMATIVE_WORDS.items() for w in words}
# Longest first, so that "very likely" is read as itself and not as "likely".
_WORDS = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(_TERM_OF, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def estimative_words(text: str) -> list[tuple[str, str]]:
    """(the words, the scale term they say) for each estimative expression in the text."""
    return [(m.group(1), _TERM_OF[" ".join(m.group(1).lower().split())]) for m in _WORDS.finditer(" ".join(text.split()))]


def check_judgments(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    for j in b.judgments.values():
        found = estimative_words(j.statement)
        if j.kind == "finding":
            # Its "why" too: it is shown beside the finding, and may not put the probability back.
            for field, text in (("statement", j.statement), ("reasoning", j.reasoning)):
                if said := estimative_words(text):
                    words = ", ".join(repr(w) for w, _ in said)
                    out.append(
                        at(
                            j,
                            (field,),
                            "finding-estimative-word",
                            f"a finding states what the text says and carries no probability, but its {field} says {words}: "
                            "say what the source says, or make the judgment an assessment with a likelihood",
                        )
                    )
        elif j.kind == "assessment" and j.likelihood in LIKELIHOOD_LABELS:
            other = [(w, t) for w, t in found if t != j.likelihood]
            if other:
                w, t = other[0]
                out.append(
                    at(
                        j,
                        ("statement",),
                        "likelihood-word-differs",
                        f"the statement says {w!r} ({LIKELIHOOD_LABELS[t].lower()}) but the likelihood is "
                        f"{LIKELIHOOD_LABELS[j.likelihood].lower()!r}: say the likelihood once, with the label, and leave it out of the statement",
                    )
                )
    report.counts["key judgments checked"] = len(b.judgments)
    return out


__all__ = ["ESTIMATIVE_WORDS", "check_judgments", "estimative_words"]
