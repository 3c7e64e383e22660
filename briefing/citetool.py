""""Cite this passage": what a Source page needs to turn selected words into a citation block.

A reader who selects words in a stored source on the site gets the citation block that
`python -m briefing locate` prints for them (quote, and a prefix or an occurrence number only when
the words occur more than once), and a link that starts a claim file with it. Anchoring is not
done again in the browser: the page carries, worked out here with the anchoring rules,

- the source's text and its **tokens** (the units a quote may start and end on: a run of letters,
  digits and number separators, or any other character that is not a space), as UTF-16 offsets,
  with flags for tokens a quote may not start or end on (a comma or full stop glued to a number)
  or may not hold (an ellipsis, which in a quote joins two pieces);
- for each token, the **first token from which a quote starting there occurs once** in the
  source: any longer quote from the same start occurs once too (each place a longer quote occurs
  holds the shorter one);
- for the shorter, repeated quotes, **which words before it tell it apart**: the start token of
  the prefix `locate` suggests (the shortest run of whole words before it that no other place
  shares), or, when none does, its occurrence number;
- every place an entity's name or alias occurs, so the claim lists the entities the quote names,
  as `briefing new` lists them.

The browser snaps the selection to whole tokens (and whole numbers: never ",500" of "1,500"),
looks these up and writes the block. The equivalence with `anchor()` and `locate` is what
tests/test_citetool.py holds this module to, for every selection of up to a dozen tokens of the
real source and of adversarial texts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import OrderedDict
from typing import Any

from briefing.anchor import _ELLIPSIS, SourceText, _number_sep, _wordlike
from briefing.model import Entity, Source
from briefing.text import folded

MAX_TOKENS = 40  # longer repeated selections are left to `locate` (a source repeating 40 tokens is rare)
NO_START, NO_END, ELLIPSIS = 1, 2, 4
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+|[^ ]")  # `_tokens` on ASCII text: in ASCII, letters and digits are the word characters


def _tokens(src: SourceText) -> tuple[list[tuple[int, int]], list[int]]:
    """`_word_tokens`, with a quote kept from starting or ending inside a possessive or a
    hyphenated compound, as `anchor` refuses ("Russia" of "Russia's", "lift" of "heavy-lift"):
    the word before the joining mark may not end a quote, the word after it may not start one,
    so a selection widens over the mark."""
    toks, flags = _word_tokens(src)
    for k, (i, j) in enumerate(toks):
        if src.compound_end(j):
            flags[k] |= NO_END
        if src.compound_start(i):
            flags[k] |= NO_START
    return toks, flags


def _word_tokens(src: SourceText) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of each token in the normalised text, and its flags. A token is a maximal run
    of letters and digits (with their combining marks) or one other character that is not a
    space; a comma or full stop between digits is a token of its own, as a quote may start or
    end on it but not on the digits either side of it (`anchor.SourceText.cut_at`). A token never
    splits what the source holds as one character (NFC may give it several)."""
    hay, starts = src.norm.text, src.norm.starts
    toks: list[tuple[int, int]] = []
    flags: list[int] = []
    n = len(hay)
    if hay.isascii():  # (most normalised text: quote marks and dashes fold to ASCII) the same, by regex
        for m in _ASCII_TOKEN.finditer(hay):
            i, j = m.span()
            toks.append((i, j))
            flags.append(
                (NO_START if i > 1 and hay[i].isdecimal() and _number_sep(hay, i - 1) else 0)
                | (NO_END if j + 1 < n and hay[j - 1].isdecimal() and _number_sep(hay, j) else 0)
            )
        return toks, flags
    i = 0
    while i < n:
        if hay[i] == " ":
            i += 1
            continue
        j = i + 1
        if _wordlike(hay[i]):
            while j < n and (_wordlike(hay[j]) or unicodedata.combining(hay[j])):
                j += 1
        while j < n and hay[j] != " " and (unicodedata.combining(hay[j]) or starts[j] == starts[j - 1]):
            j += 1
        f = 0
        if i > 1 and hay[i].isdecimal() and _number_sep(hay, i - 1):
            f |= NO_START
        if j + 1 < n and hay[j - 1].isdecimal() and _number_sep(hay, j):
            f |= NO_END
        toks.append((i, j))
        flags.append(f)
        i = j
    return toks, flags


def _groups(hay: str, toks: list[tuple[int, int]], flags: list[int]) -> tuple[list[int], dict[tuple[int, int], list[int]]]:
    """Where the quotes starting at each token occur.

    Returns, for each start token i, the end token from which tokens i..end occur in no other
    place whatever follows (-1: up to the end of the text they never do), and, for each shorter
    (i, length), the places `anchor` counts for those tokens: every place the same tokens occur
    that a quote may start and end on. (That count can go up as a quote grows: "1" glued to a
    comma may occur once where "1," occurs twice, the second inside "1,5". So the short lengths
    are each listed, not inferred.)"""
    count = len(toks)
    ids: dict[str, int] = {}
    sig = [ids.setdefault(hay[a:b], len(ids)) for a, b in toks]
    gap = [int(toks[k][1] < toks[k + 1][0]) for k in range(count - 1)]
    settled = [-1] * count
    places: dict[tuple[int, int], list[int]] = {}
    by_sig: dict[int, list[int]] = {}
    for k, s in enumerate(sig):
        if not flags[k] & NO_START:
            by_sig.setdefault(s, []).append(k)
    level, length = list(by_sig.values()), 1
    while level and length <= MAX_TOKENS:
        nxt: list[list[int]] = []
        for group in level:
            if len(group) == 1:
                settled[group[0]] = group[0] + length - 1
                continue
            ends = [k for k in group if not flags[k + length - 1] & NO_END]
            for k in group:
                places[(k, length)] = ends
            sub: dict[tuple[int, int], list[int]] = {}
            for k in group:
                if k + length < count:
                    sub.setdefault((gap[k + length - 1], sig[k + length]), []).append(k)
            nxt.extend(sub.values())
        level, length = nxt, length + 1
    return settled, places


def _rstrip_end(hay: str, pos: int) -> int:
    while pos > 0 and hay[pos - 1] == " ":
        pos -= 1
    return pos


def _prefix_start(hay: str, e: int, ends: list[int]) -> int | None:
    """`anchor.suggest_prefix` without copying the text: where the shortest run of whole words
    ending at `e` (the end of the text before the quote, spaces dropped) starts, such that no
    other place's preceding text (ending at each of `ends`) ends with it; or None."""
    if e == 0:
        return None
    s = e
    for _ in range(12):
        s = hay.rfind(" ", 0, s - 1 if s < e else e) + 1
        cand = hay[s:e]
        if cand and not any(hay.endswith(cand, 0, oe) for oe in ends):
            return s
        if s == 0:
            return None
    return None


def _utf16(text: str) -> list[int]:
    """UTF-16 offset of each code-point offset (0..len): what the browser counts in."""
    if not _ASTRAL.search(text):
        return list(range(len(text) + 1))
    out, n = [0], 0
    for ch in text:
        n += 2 if ord(ch) > 0xFFFF else 1
        out.append(n)
    return out


_MEMO: OrderedDict[tuple[Any, ...], dict[str, Any] | None] = OrderedDict()  # the last few answers, in this process
_MEMO_SIZE = 1024


def names_key(entities: list[Entity]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What `page_data` reads of the entities (worked out once per build by the caller)."""
    return tuple((e.id, tuple(e.names)) for e in entities)


def page_data(src: Source, entities: list[Entity], names: tuple[tuple[str, tuple[str, ...]], ...] | None = None) -> dict[str, Any] | None:
    """What the Source page's "Cite this passage" needs, or None for a source without text.

    A function of the source's text and the entities' names only, so the answer is kept for the
    next build in the same process (`make serve` rebuilds every page on each change)."""
    if src.text is None:
        return None
    key = (src.id, src.text_path, src.text.text, names if names is not None else names_key(entities))
    if (hit := _MEMO.get(key, _MISSING)) is not _MISSING:
        _MEMO.move_to_end(key)
        return hit  # type: ignore[return-value]
    data = _page_data(src, entities)
    _MEMO[key] = data
    if len(_MEMO) > _MEMO_SIZE:
        _MEMO.popitem(last=False)
    return data


_MISSING = object()


def _page_data(src: Source, entities: list[Entity]) -> dict[str, Any] | None:
    assert src.text is not None
    st = src.text
    text, hay, norm = st.text, st.norm.text, st.norm
    toks, flags = _tokens(st)
    if not toks:
        return None
    settled, places = _groups(hay, toks, flags)
    at_start = {a: k for k, (a, _) in enumerate(toks)}
    before = [_rstrip_end(hay, a) for a, _ in toks]  # where the text before each token ends, spaces dropped
    u16 = _utf16(text)
    orig = [(norm.starts[a], norm.ends[b - 1]) for a, b in toks]
    for m in _ELLIPSIS.finditer(text):
        if m.group(0).strip():
            for k, (a, b) in enumerate(orig):
                if a < m.end() and b > m.start():
                    flags[k] |= ELLIPSIS
    # For each start token, one entry per length short of `settled`: null when the quote occurs
    # once at that length, else the start token of the prefix that tells it apart, or minus its
    # occurrence number when no run of words does.
    ambiguous: list[list[int | None]] = []
    for i in range(len(toks)):
        entries: list[int | None] = []
        length = 1
        while (ends := places.get((i, length))) is not None:
            if len(ends) <= 1:
                entries.append(None)
            else:
                p = _prefix_start(hay, before[i], [before[k] for k in ends if k != i])
                if p is None:
                    entries.append(-(ends.index(i) + 1) if i in ends else None)
                else:  # (a text that begins with spaces: the prefix starts at its first token)
                    entries.append(at_start[p] if p in at_start else next(k for k, (a, _) in enumerate(toks) if a >= p))
            length += 1
        ambiguous.append(entries)
    return {
        "source": src.id,
        "path": src.text_path,
        "text": text,
        "tokens": [x for a, b in orig for x in (u16[a], u16[b])],
        "flags": flags,
        "settled": settled,
        "ambiguous": ambiguous,
        "names": _mentions(st, entities, u16),
        "entities": [e.id for e in entities],
    }


def _mentions(st: SourceText, entities: list[Entity], u16: list[int]) -> list[list[int]]:
    """Every place a name or alias of an entity occurs, under the normalisation and ignoring case
    as `names_entity` matches it: [start, end, entity index, whole on the left, whole on the
    right] in UTF-16 offsets of the text. A quote names the entity when it holds such a place and
    each side is whole there or is the quote's own edge (a quote cut inside a run of Han
    characters still names a name at its edge, as `names_entity` on the quote sees it)."""
    hay, norm = st.norm.text, st.norm
    if hay.isascii():  # casefold is lower-casing there, one character for one
        fold, fold_map = hay.lower(), range(len(hay))
    else:
        fold_map: list[int] = []  # folded offset -> normalised offset
        parts: list[str] = []
        for i, ch in enumerate(hay):
            f = ch.casefold()
            parts.append(f)
            fold_map.extend([i] * len(f))
        fold = "".join(parts)
    # The runs of letters and digits the text holds: a name whose first word is none of them can
    # occur only inside a longer run, where no quote can start or end.
    present: set[str] = set()
    for run in re.findall(r"[^\W_]+", fold):  # runs of letters and digits; outside ASCII, split
        if run.isascii():  # further at the characters that do not join words (Han, Thai, ...)
            present.add(run)
        else:
            present.update(filter(None, "".join(c if _wordlike(c) else " " for c in run).split(" ")))
    out: list[list[int]] = []
    for idx, ent in enumerate(entities):
        for name in dict.fromkeys(folded(n) for n in ent.names if n and n.strip()):
            words = re.findall(r"\w+", name)
            if words and words[0] not in present and all(_wordlike(c) for c in words[0]):
                continue  # cannot occur (a run of Han characters is searched for anyway)
            x = fold.find(name)
            while x != -1:
                y = x + len(name)
                left = x == 0 or not _is_word(fold[x - 1])
                right = y == len(fold) or not _is_word(fold[y])
                a, b = norm.starts[fold_map[x]], norm.ends[fold_map[y - 1]]
                out.append([u16[a], u16[b], idx, int(left), int(right)])
                x = fold.find(name, x + 1)
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def new_file_base(edit_base: str) -> str:
    """GitHub's new-file address for the branch of an `edit_base` like
    https://github.com/OWNER/REPO/edit/BRANCH/ (`.../new/BRANCH`), or "" for any other host."""
    m = re.fullmatch(r"(https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/edit/([A-Za-z0-9_./-]+?)/?", edit_base)
    return f"{m.group(1)}/new/{m.group(2)}" if m else ""


def html(src: Source, data: dict[str, Any], topics: list[tuple[str, str]], new_base: str) -> str:
    """The tool's place under a source's text: one empty `<div>` carrying the page data, which
    overrides/assets/cite.js fills with the bar and the dialog once it has checked that the page's
    text is the data's. A page's content holds only what the markup allowlist lets a page hold
    (`markup.content_problems`: no button, form or dialog), so the controls are the script's own
    and without the script the page reads as before. The stylesheet hides the empty place."""
    from briefing.render import attr

    payload = {**data, "topics": [[tid, name] for tid, name in topics], "new": new_base}
    # In an attribute, not a <script type="application/json">: Material's instant navigation
    # re-creates a page's inline scripts without their type, and would run the JSON as code.
    text = attr(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    return f'<div class="bf-citetool" role="region" aria-label="Cite this passage" data-source="{attr(src.id)}" data-cite="{text}"></div>'
