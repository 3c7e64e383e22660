"""Script: what a reader sees is what the checks read.

Every text of every record (claims, entities, topics, judgments, questions, source records) and
every hand-written page must be:

- in Unicode NFC (`script-not-nfc`): the same letters, composed the one way;
- free of bidirectional controls (`bidi-control`): a right-to-left override can show "ton" as
  "not" or "25" as "52" while the checks read the stored order;
- free of characters that show nothing (`invisible-character`): zero-width spaces and joiners,
  soft hyphens, word joiners, variation selectors, tag characters, line and paragraph
  separators, and any other format character;
- free of private-use and unassigned code points (`private-use-character`);
- without a combining mark on an ASCII letter or digit that NFC leaves apart (`combining-mark`): a
  stroke or an overlay ("2̶5̶", "n̸ot") disguises the character it sits on;
- without a word that mixes scripts (`script-mixed`): "nоt" with a Cyrillic о is not the word
  "not" to the checks, yet looks like it;
- without a word written in letters or digits that only look Latin or ASCII (`script-confusable`):
  "ᴏ", "ı", "ａ", "²" and a word wholly of Cyrillic or Greek letters that each have a Latin
  look-alike ("сор"), compared on the confusables data of Unicode TS #39.

The stored source texts are exempt (they are stored byte for byte as published), but each such
character in them is reported as a warning, so that a reviewer knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from briefing import lexicon
from briefing.diagnostics import Diagnostic
from briefing.glyphs import BIDI, INVISIBLE, SAFE, in_emoji, looks_ascii, script_of, skeleton, visible
from briefing.model import Briefing, Record
from briefing.rules.base import Finding, Report


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}"


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")  # found at C speed: most texts hold a few such characters


def script_findings(text: str) -> list[Finding]:
    """Every character and word of `text` the script rule refuses (see the module's docstring)."""
    if text.isascii():
        return []  # ASCII is NFC and holds none of these (control characters are YAML's to refuse)
    rare = set(_NOT_ASCII.findall(text)) - SAFE
    if not rare:
        return []
    out: list[Finding] = []
    out_of_nfc = not unicodedata.is_normalized("NFC", text)
    if out_of_nfc:
        i = next(i for i in range(len(text)) if unicodedata.normalize("NFC", text[: i + 1]) != text[: i + 1] or unicodedata.combining(text[i]))
        out.append(Finding("script-not-nfc", i, i + 1, text[max(0, i - 1) : i + 1], "the text is not in Unicode NFC (an accent stored apart from its letter); retype it, or save it as NFC"))
    for m in BIDI.finditer(text):
        out.append(Finding("bidi-control", m.start(), m.end(), m.group(0), f"the text holds the bidirectional control {_name(m.group(0))}, which can make it display in another order than the checks read it (\"ton\" as \"not\", \"25\" as \"52\"); delete it"))
    for m in INVISIBLE.finditer(text):
        if in_emoji(text, m.start()):
            continue
        out.append(Finding("invisible-character", m.start(), m.end(), m.group(0), f"the text holds the invisible character {_name(m.group(0))}, which can split or join words without showing; delete it"))
    for i, ch in enumerate(text):
        if ch in rare and unicodedata.category(ch) in ("Co", "Cn", "Cs"):
            out.append(Finding("private-use-character", i, i + 1, ch, f"the text holds {_name(ch)}, a private-use or unassigned code point that shows differently (or not at all) from one font to another; delete it"))
    for i, ch in enumerate(text):
        if ch in rare and unicodedata.category(ch) in ("Mn", "Me") and not out_of_nfc:
            j = i - 1
            while j >= 0 and unicodedata.category(text[j]) in ("Mn", "Me"):
                j -= 1
            if j >= 0 and text[j].isascii() and text[j].isalnum():
                out.append(Finding("combining-mark", i, i + 1, text[j : i + 1], f"the text puts {_name(ch)} on {text[j]!r}, a mark no letter of that word is written with, which can strike through or disguise it; delete it"))
    for w in _words(text):
        letters = [ch for ch in w.group(0) if ch.isalpha() or ch.isdigit()]
        scripts = {script_of(ch) for ch in letters} - {"COMMON", "INHERITED"}
        word = w.group(0)
        if len(scripts) > 1:
            odd = sorted({f"{ch!r} ({script_of(ch).title()})" for ch in letters if script_of(ch) != "LATIN"})
            out.append(Finding("script-mixed", w.start(), w.end(), word, f"the word {word!r} mixes scripts ({', '.join(sorted(s.title() for s in scripts))}: {', '.join(odd)}): it looks like a Latin word the checks would not see; type it again in one script"))
            continue
        fakes = [ch for ch in letters if looks_ascii(ch)]
        if fakes and (scripts <= {"LATIN"} or len(fakes) == len(letters)):
            shown = "".join(looks_ascii(ch) or ch for ch in word)
            out.append(Finding("script-confusable", w.start(), w.end(), word, f"the word {word!r} is written with characters that only look like {shown!r} ({', '.join(_name(ch) for ch in sorted(set(fakes)))}); type it in plain letters and digits"))
    return sorted(out, key=lambda f: (f.start, f.code))


def _words(text: str) -> Iterator[re.Match[str]]:
    return (m for m in lexicon._WORD.finditer(text) if not m.group(0).isascii())


# -- every record, page and source --------------------------------------------------------------------


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))


_FRONT_MATTER_RULES = frozenset({"bidi-control", "invisible-character", "private-use-character"})


def _record(rec: Record) -> list[Diagnostic]:
    if rec.located.plain:
        return []  # every string is ASCII: NFC, no control, no look-alike (the file holds no escape either)
    if _only_safe(rec.located.raw):
        return []  # every character of every string is ASCII or safe (an ellipsis, a curly quote)
    out = []
    for path, text in _strings(rec.data):
        for f in script_findings(text):
            line, col = rec.where_in(path, f.start)
            out.append(Diagnostic(rec.path, line, col, f.code, f"{path[-1] if path else 'value'}: {f.message}"))
    return out


def _only_safe(raw: bytes | None) -> bool:
    """Whether the file's bytes (when kept) hold no escape and no character outside ASCII and
    `SAFE`: then neither does any string loaded from them (YAML makes a character of its own only
    from an escape), and `script_findings` finds nothing in any of them."""
    if raw is None or b"\\" in raw:
        return False
    try:
        return not (set(_NOT_ASCII.findall(raw.decode("utf-8"))) - SAFE)
    except UnicodeDecodeError:
        return False


def _line_col(text: str, i: int) -> tuple[int, int]:
    line = text.count("\n", 0, i)
    return line, i - (text.rfind("\n", 0, i) + 1) + 1


def check_script(b: Briefing, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    records: list[Record] = [*b.claims.values(), *b.entities.values(), *b.topics.values(), *b.judgments.values(), *b.questions.values(), *b.sources.values()]
    for rec in records:
        out.extend(_record(rec))
    for page in b.pages:
        if page.generated:
            continue
        for path, text in _strings(page.front_matter):
            for f in script_findings(text):
                if f.code in _FRONT_MATTER_RULES:
                    continue  # `front-matter-value` reports a control, invisible or private-use character of front matter
                out.append(Diagnostic(page.path, 1, 1, f.code, f"front matter {'.'.join(map(str, path))}: {f.message}"))
        for f in script_findings(page.body):
            line, col = _line_col(page.body, f.start)
            out.append(Diagnostic(page.path, page.body_line + line, col, f.code, f.message))
    for src in b.sources.values():
        if src.text is None:
            continue
        for f in script_findings(src.text.text):
            line, col = src.text.line_col(f.start)
            out.append(Diagnostic(src.text_path, line, col, f.code, f"{f.message} (a stored source is kept as published: reported, not refused)", "warning"))
    report.counts["texts checked for script"] = len(records) + len(b.pages)
    return out


__all__ = ["check_script", "looks_ascii", "script_findings", "skeleton", "visible"]
