"""Find a quote in its source: exact match under the declared normalisation, nothing fuzzier.

Fuzzy matching is used only to explain a miss ("did you mean"), never to accept one.
Offsets are Python string indices, i.e. Unicode code points, end exclusive, as in the W3C
TextPositionSelector.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from briefing.lexicon import NEGATIONS
from briefing.normalise import Normalised, normalise, normalise_mapped

CONTEXT = 32  # characters of prefix/suffix exported, as Hypothesis stores them
MAX_ELLIPSIS_GAP = 200  # normalised characters an ellipsis may skip
SHOWN_PLACES = 5  # the matches of an ambiguous quote named in its message
# A quote found in more places than this picks no passage, and enumerating the places of a word
# that fills the source is what a hostile source would make the check do: stop counting there.
MAX_MATCHES = 1000
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")
# Every negation of the lexicon (not, no, never … and the words of refusal, failure and lack), as
# whole words; a phrase's words may be any whitespace apart.
_NEGATION_ALTERNATIVES = "|".join(
    r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(NEGATIONS - {"n't"}, key=lambda p: (-len(p), p))
)
NEGATION = re.compile(rf"\b(?:{_NEGATION_ALTERNATIVES})\b|n['’]t\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    exact: str  # source[start:end], the source's own characters
    prefix: str  # up to CONTEXT characters before start
    suffix: str  # up to CONTEXT characters after end
    pieces: tuple[tuple[int, int], ...]  # one (start, end) per ellipsis piece; one for a plain quote

    def shown(self, text: str) -> str:
        """What a reader is shown: the source's own words, pieces joined by an ellipsis."""
        return " […] ".join(text[a:b] for a, b in self.pieces)


class AnchorError(Exception):
    def __init__(self, code: str, message: str, column: int = 1, near: tuple[tuple[int, int], ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.column = column  # 1-based column in the quote the problem concerns
        # Source offsets (start, end) of the passages the quote was probably meant to cite: its
        # matches, or the closest passage. A sentence there left uncited follows from this error.
        self.near = near


class SourceText:
    """A source's text with what anchoring needs precomputed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.anchored: dict[tuple[str, str | None, str | None, int | None], Span | AnchorError] = {}  # see `anchor`

    @cached_property
    def norm(self) -> Normalised:
        # Computed on first use: a check whose anchors all come from the cache never needs it.
        return normalise_mapped(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def whole(self, a: int, b: int) -> bool:
        """Whether the normalised slice [a, b) covers whole source characters: a match may not
        take a base character without the combining marks the source puts on it."""
        starts, ends = self.norm.starts, self.norm.ends
        return (a == 0 or ends[a - 1] <= starts[a]) and (b >= len(starts) or starts[b] >= ends[b - 1])

    def find(self, needle: str, start: int = 0, aligned: bool = False, end: int | None = None) -> int:
        """The first match of `needle` at or after `start` (and ending by `end`) covering whole
        characters (and with `aligned`, whole words: see `cut_at`), or -1."""
        hay = self.norm.text
        stop = len(hay) if end is None else end
        i = hay.find(needle, start, stop)
        while i != -1 and not (self.whole(i, i + len(needle)) and not (aligned and (self.cut_at(i, i + len(needle)) is not None or self.compound_at(i, i + len(needle)) is not None))):
            i = hay.find(needle, i + 1, stop)
        return i

    def find_all(self, needle: str, aligned: bool = False, limit: int | None = None) -> list[int]:
        """Every match, or the first `limit` of them."""
        out: list[int] = []
        if not needle:
            return out
        i = 0
        while (limit is None or len(out) < limit) and (i := self.find(needle, i, aligned)) != -1:
            out.append(i)
            i += 1
        return out

    def cut_at(self, a: int, b: int) -> int | None:
        """Where the normalised match [a, b) cuts a word or number of the source, or None.

        A match cuts when a letter or digit of the source continues it on either side ("safe"
        inside "unsafe", "2" inside "25"), or when it ends or starts between the digits of a
        number written with a decimal point or thousands separator ("2" of "2.5", "500" of
        "1,500"). Returns the normalised offset of the cut edge (a or b)."""
        hay = self.norm.text
        if a > 0 and _wordlike(hay[a]) and _wordlike(_base(hay, a - 1, 0)):
            return a
        if b < len(hay) and _wordlike(hay[b]) and _wordlike(_base(hay, b - 1, a)):
            return b
        if a > 1 and hay[a].isdecimal() and _number_sep(hay, a - 1):
            return a
        if b + 1 < len(hay) and hay[b - 1].isdecimal() and _number_sep(hay, b):
            return b
        return None

    def compound_at(self, a: int, b: int) -> int | None:
        """Where the normalised match [a, b) ends inside a possessive or a hyphenated compound of
        the source, or starts inside one, or None: "Russia" of "Russia’s", "Protons" of "the
        Protons’ fuels", "25" of "25-tonne", "lift" of "heavy-lift". Returns the source offset of
        the cut edge."""
        if self.compound_end(b):
            return self.norm.ends[b - 1]
        if self.compound_start(a):
            return self.norm.starts[a]
        return None

    def compound_end(self, b: int) -> bool:
        """Whether a match ending at normalised `b` ends inside a possessive or a compound."""
        text, n = self.text, len(self.text)
        e = self.norm.ends[b - 1]
        if e + 1 < n and text[e] in _APOSTROPHES and text[e + 1] in "sS" and (e + 2 == n or not text[e + 2].isalnum()):
            return True  # "Russia" + "’s"
        if e < n and text[e] in _APOSTROPHES and text[e - 1] in "sS" and text[e + 1 : e + 2] == " " and _possessive(text, e):
            return True  # "the Protons" + "’ fuels"
        if e + 1 < n and text[e] in _HYPHENS and text[e + 1].isalnum() and text[e - 1].isalnum():
            return True  # "25" + "-tonne"
        # Ending on the joining mark itself: "Russia’" + "s", "25-" + "tonne".
        return e >= 2 and e < n and text[e - 1] in _APOSTROPHES + _HYPHENS and text[e - 2].isalnum() and text[e].isalnum()

    def compound_start(self, a: int) -> bool:
        """Whether a match starting at normalised `a` starts inside a compound or a possessive."""
        text = self.text
        s = self.norm.starts[a]
        if s >= 2 and text[s - 1] in _HYPHENS and text[s - 2].isalnum() and text[s].isalnum():
            return True  # "heavy-" + "lift"
        if s >= 2 and text[s - 1] in _APOSTROPHES and text[s - 2].isalpha() and text[s].isalpha():
            return True  # "Russia’" + "s state …"
        # Starting on the joining mark itself: "Russia" + "’s state", "25" + "-tonne".
        return s >= 1 and s + 1 < len(text) and text[s] in _APOSTROPHES + _HYPHENS and text[s - 1].isalnum() and text[s + 1].isalnum()

    def word_at(self, norm_pos: int) -> tuple[int, str]:
        """The source's own word (run of letters, digits and number separators) holding the
        normalised position, and where it starts in the source."""
        text = self.text
        pos = self.norm.starts[norm_pos] if norm_pos < len(self.norm.starts) else len(text)
        lo = hi = pos
        while lo > 0 and (_wordlike(text[lo - 1]) or unicodedata.combining(text[lo - 1]) or _number_sep(text, lo - 1)):
            lo -= 1
        while hi < len(text) and (_wordlike(text[hi]) or unicodedata.combining(text[hi]) or _number_sep(text, hi)):
            hi += 1
        return lo, text[lo:hi]

    def in_context(self, start: int, end: int, words: int = 4) -> str:
        """The source's words [start, end) in brackets, with a few words either side and where
        they are: "line 1, column 34: '… said on Monday that [the bridge would open] in 2021. …'".
        A long passage is shortened to its first and last words."""
        text = self.text
        before = text[max(0, start - 40 * words) : start].split()
        after = text[end : end + 40 * words].split()
        inner = text[start:end].split()
        if len(inner) > 2 * words + 2:
            inner = [*inner[:words], "…", *inner[-words:]]
        lead = "… " if len(before) > words or (before and start - 40 * words > 0) else ""
        tail = " …" if len(after) > words or (after and end + 40 * words < len(text)) else ""
        pre = " ".join(before[-words:]) if words else ""
        post = " ".join(after[:words]) if words else ""
        # A script written without spaces (Chinese, Japanese, Thai) has no words to count: a few characters.
        if any(len(w) > 20 for w in before[-words:]) and len(pre) > 6 * words:
            pre, lead = pre[-6 * words :], "… "
        if any(len(w) > 20 for w in after[:words]) and len(post) > 6 * words:
            post, tail = post[: 6 * words], " …"
        # The brackets sit against the words they touch, as the source has them (no space when
        # the quote starts or ends inside a run of non-spaces, e.g. before a full stop).
        gap_before = " " if pre and start > 0 and text[start - 1].isspace() else ""
        gap_after = " " if post and end < len(text) and text[end].isspace() else ""
        line, col = self.line_col(start)
        return f"line {line}, column {col}: {lead + pre + gap_before + '[' + ' '.join(inner) + ']' + gap_after + post + tail!r}"

    def where(self, norm_pos: int) -> str:
        start = self.norm.starts[norm_pos] if norm_pos < len(self.norm.starts) else len(self.text)
        line, col = self.line_col(start)
        return f"offset {start} (line {line}, column {col})"


_APOSTROPHES = "'’ʼ"
_HYPHENS = "-\u2010\u2011"  # a hyphen joins a compound; dashes (– —) do not


def _possessive(text: str, e: int) -> bool:
    """Whether the apostrophe at `e`, after an "s" and before a space, marks a plural possessive
    rather than closing a quotation: no quotation it would close is open in the sentence."""
    start = max(text.rfind(". ", 0, e), text.rfind("? ", 0, e), text.rfind("! ", 0, e), 0)
    before = text[start:e]
    if text[e] == "’":
        return before.count("‘") <= before.count("’")
    return before.count("'") % 2 == 0


def _wordlike(ch: str) -> bool:
    """A character that joins its neighbours into one word: a letter or digit of a script that
    separates words with spaces. Han, kana, Hangul syllables and the scripts of South-East Asia
    write words without spaces, so any of their characters may start or end a quote."""
    if not ch.isalnum():
        return False
    if ch.isascii():
        return True
    o = ord(ch)
    return not (unicodedata.east_asian_width(ch) in "WF" or 0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F or 0x1780 <= o <= 0x17FF)


def _base(text: str, i: int, lo: int) -> str:
    """The base character of the cluster that text[i] belongs to (combining marks belong to the
    character before them), looking no further back than `lo`."""
    while i > lo and unicodedata.combining(text[i]):
        i -= 1
    return text[i]


def _number_sep(text: str, i: int) -> bool:
    return text[i] in ".," and 0 < i < len(text) - 1 and text[i - 1].isdecimal() and text[i + 1].isdecimal()


def split_pieces(quote: str) -> list[str]:
    """The pieces an ellipsis joins ("…", "...", either in brackets): the quote itself when it has
    none (most quotes; the test at C speed spares the pattern's try at every character)."""
    if "…" not in quote and "..." not in quote:
        return [quote]  # (every match of _ELLIPSIS holds one of the two)
    return _ELLIPSIS.split(quote)


def anchor(
    src: SourceText,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    occurrence: int | None = None,
) -> Span:
    """Resolve a quote to exactly one span of `src`, or raise AnchorError saying why not.

    The answer depends on nothing else, so it is kept on `src`: the same citation written twenty
    times is searched for once."""
    key = (quote, prefix, suffix, occurrence)
    known = src.anchored.get(key)
    if known is None:
        try:
            known = _anchor(src, quote, prefix, suffix, occurrence)
        except AnchorError as exc:
            known = exc
        src.anchored[key] = known
    if isinstance(known, AnchorError):
        raise AnchorError(known.code, known.message, known.column, known.near)
    return known


def _anchor(src: SourceText, quote: str, prefix: str | None, suffix: str | None, occurrence: int | None) -> Span:
    if not quote or not quote.strip():
        raise AnchorError("quote-empty", "quote is empty; copy the exact words from the source")
    raw_pieces = split_pieces(quote.strip())
    if any(not p.strip() for p in raw_pieces):
        raise AnchorError(
            "ellipsis-misplaced",
            "an ellipsis must join two pieces of quoted text; remove it from the start or end, or the doubled one",
        )
    pieces = [normalise(p).strip() for p in raw_pieces]
    chains = _chains(src, pieces, aligned=True)
    if not chains:
        loose = _chains(src, pieces)
        if loose:  # found only inside longer words; a skipped "n't" is the worse news, so say it first
            err = _skips_negation(src, tuple(src.norm.original_span(a, b) for a, b in loose[0])) or _cuts_word(src, raw_pieces, loose[0])
            err.near = _spans(src, loose)
            raise err
        raise _not_found(src, raw_pieces, pieces)
    total, everywhere = len(chains), chains
    p_norm = normalise(prefix).strip() if prefix else ""
    s_norm = normalise(suffix).strip() if suffix else ""
    hay = src.norm.text
    # Compared in place, never by slicing the text before or after each match: with a word that
    # occurs everywhere, slices made the cost grow with the square of the source's length.
    if p_norm:
        chains = [c for c in chains if tail_is(hay, _end_before(hay, c[0][0]), p_norm)]
    if s_norm:
        chains = [c for c in chains if hay.startswith(s_norm, _start_after(hay, c[-1][1]))]
    if not chains:
        which = " and ".join(w for w, v in (("prefix", p_norm), ("suffix", s_norm)) if v)
        raise AnchorError(
            "context-mismatch",
            f"the quote occurs {total} time(s) but the {which} matches none of them; "
            f"copy the words just before/after the quote from the source",
            near=_spans(src, everywhere),
        )
    if occurrence is not None:
        if not 1 <= occurrence <= len(chains):
            raise AnchorError(
                "occurrence-out-of-range",
                f"occurrence {occurrence} asked for, but the quote matches {len(chains)} place(s)",
                near=_spans(src, chains),
            )
        chains = [chains[occurrence - 1]]
    if len(chains) > 1:
        shown = [src.in_context(*src.norm.original_span(c[0][0], c[-1][1])) for c in chains[:SHOWN_PLACES]]
        places = "; ".join(f"({i}) {where}" for i, where in enumerate(shown, 1))
        more = f"; and {len(chains) - SHOWN_PLACES} more" if len(chains) > SHOWN_PLACES else ""
        hint = suggest_prefix(src, chains)
        raise AnchorError(
            "quote-ambiguous",
            f"quote matches {len(chains)} places: {places}{more}; add a prefix or suffix to pick one"
            + (f", e.g. prefix: {hint!r}" if hint else ", or an occurrence number"),
            near=_spans(src, chains),
        )
    spans = tuple(src.norm.original_span(a, b) for a, b in chains[0])
    if err := _skips_negation(src, spans):
        err.near = ((spans[0][0], spans[-1][1]),)
        raise err
    start, end = spans[0][0], spans[-1][1]
    text = src.text
    return Span(start, end, text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], spans)


def _spans(src: SourceText, chains: list[list[tuple[int, int]]]) -> tuple[tuple[int, int], ...]:
    """Each chain's extent in the source's own offsets."""
    return tuple((src.norm.original_span(*c[0])[0], src.norm.original_span(*c[-1])[1]) for c in chains)


def _skips_negation(src: SourceText, spans: tuple[tuple[int, int], ...]) -> AnchorError | None:
    for (_, gap_start), (gap_end, _) in itertools.pairwise(spans):
        skipped = src.text[gap_start:gap_end]
        if m := NEGATION.search(skipped):
            return AnchorError(
                "ellipsis-skips-negation",
                f"the ellipsis skips {m.group(0)!r} (source: {skipped.strip()!r}), which may reverse what the quote says; "
                "quote the skipped words too, so that the negation is in the quote (and in the statement), or cite the "
                "parts before and after it in two separate claims (two citations in one claim skip it just the same)",
            )
    return None


def _chains(src: SourceText, pieces: list[str], aligned: bool = False) -> list[list[tuple[int, int]]]:
    """Every way to place the pieces in order, each after the last within the gap bound (with
    `aligned`, each piece on whole words of the source). Each later piece is looked for only
    within the gap, so the work grows with the source's length, not with its square."""
    chains = []
    firsts = src.find_all(pieces[0], aligned, limit=MAX_MATCHES + 1)
    if len(firsts) > MAX_MATCHES:
        raise AnchorError(
            "quote-too-common",
            f"the quote occurs more than {MAX_MATCHES:,} times in the source, so it picks no passage; quote more words",
        )
    for first in firsts:
        chain = [(first, first + len(pieces[0]))]
        for piece in pieces[1:]:
            prev_end = chain[-1][1]
            nxt = src.find(piece, prev_end, aligned, end=prev_end + MAX_ELLIPSIS_GAP + len(piece))
            if nxt == -1:
                break
            chain.append((nxt, nxt + len(piece)))
        else:
            chains.append(chain)
    return chains


def _end_before(hay: str, pos: int) -> int:
    """Where the text before `pos` ends once trailing spaces are dropped (normalised text folds a
    run of whitespace into one space, so this looks back one character at most)."""
    while pos > 0 and hay[pos - 1].isspace():
        pos -= 1
    return pos


def _start_after(hay: str, pos: int) -> int:
    while pos < len(hay) and hay[pos].isspace():
        pos += 1
    return pos


def tail_is(hay: str, end: int, words: str) -> bool:
    """Whether `hay[:end]` ends with `words`, compared in place (no copy of the text before)."""
    return hay.endswith(words, 0, end)


MAX_PREFIX_WORDS = 12


def suggest_prefix(src: SourceText, chains: list[list[tuple[int, int]]]) -> str:
    """The shortest run of whole words (at most MAX_PREFIX_WORDS) before the first match that no
    other match shares. Each try compares one short run of words with the text before each other
    match, in place: linear in the number of matches, whatever the source's length."""
    hay = src.norm.text
    target = chains[0][0][0]
    end = _end_before(hay, target)
    others = [_end_before(hay, c[0][0]) for c in chains[1:]]
    pos = end
    for _ in range(MAX_PREFIX_WORDS):
        if pos <= 0:
            break
        space = hay.rfind(" ", 0, pos)
        cand = hay[space + 1 : end]
        if cand and not any(tail_is(hay, o, cand) for o in others):
            return _original_words(src, target, cand)
        if space < 0:
            break
        pos = space
    return ""


def _original_words(src: SourceText, norm_end: int, norm_tail: str) -> str:
    """Turn a normalised run ending just before `norm_end` back into the source's characters."""
    end = _end_before(src.norm.text, norm_end)
    a, b = src.norm.original_span(end - len(norm_tail), end)
    return src.text[a:b]


def _not_found(src: SourceText, raw_pieces: list[str], pieces: list[str]) -> AnchorError:
    # Report the first piece that cannot be placed; for a join, say if the order/gap is the issue.
    offset = 0
    for raw, piece in zip(raw_pieces, pieces, strict=True):
        col = offset + 1
        if src.find(piece) == -1:
            why, near = _explain_miss(src, raw)
            return AnchorError("quote-not-found", "quote not found in the source; " + why, col, near)
        offset += len(raw) + 3
    return AnchorError(
        "ellipsis-order",
        f"each piece occurs in the source, but not in this order within {MAX_ELLIPSIS_GAP} characters of each other; "
        "check the order of the pieces",
    )


def _cuts_word(src: SourceText, raw_pieces: list[str], chain: list[tuple[int, int]]) -> AnchorError:
    """The quote is in the source only as part of a longer word or number: name that word."""
    offset = 0
    for raw, (a, b) in zip(raw_pieces, chain, strict=True):
        cut = src.cut_at(a, b)
        if cut is None and (at := src.compound_at(a, b)) is not None:
            lo, hi = at, at
            while lo > 0 and (src.text[lo - 1].isalnum() or src.text[lo - 1] in _APOSTROPHES + _HYPHENS):
                lo -= 1
            while hi < len(src.text) and (src.text[hi].isalnum() or src.text[hi] in _APOSTROPHES + _HYPHENS):
                hi += 1
            word = src.text[lo:hi]
            line, col = src.line_col(lo)
            what = f"the piece {raw.strip()!r} of the quote" if len(raw_pieces) > 1 else "the quote"
            return AnchorError(
                "quote-cuts-compound",
                f"{what} cuts {word!r} of the source (line {line}, column {col}) at its apostrophe or hyphen: "
                f"'Russia' out of 'Russia’s' or '25' out of '25-tonne' changes what the words say; quote all of {word!r}, or other words",
                offset + 1,
            )
        if cut is not None:
            start, word = src.word_at(cut if cut == a else b - 1)
            line, col = src.line_col(start)
            what = f"the piece {raw.strip()!r} of the quote" if len(raw_pieces) > 1 else "the quote"
            return AnchorError(
                "quote-cuts-word",
                f"{what} {'starts' if cut == a else 'ends'} inside the word {word!r} of the source "
                f"(line {line}, column {col}); a quote must begin and end on whole words: quote all of {word!r}, or other words",
                offset + 1,
            )
        offset += len(raw) + 3
    return AnchorError("quote-cuts-word", "the quote begins or ends inside a word of the source; quote whole words")


def _char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    shown = ch if ch.isprintable() and not ch.isspace() else repr(ch)
    return f"{shown} (U+{ord(ch):04X}{' ' + name if name else ''})"


def _words(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text[: hi if hi is not None else len(text)]) if m.end() > lo]


MAX_EXPLAINED = 400  # characters of a quote compared with the source to explain a miss


def explain_miss(src: SourceText, quote: str) -> str:
    """Name the closest passage in the source and exactly what differs from the quote."""
    return _explain_miss(src, quote)[0]


def _explain_miss(src: SourceText, quote: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`explain_miss`, and where the closest passage is (source offsets), if there is one. Only
    the quote's first MAX_EXPLAINED characters are compared (the search costs the source's length
    times the quote's): a longer quote is explained by its beginning."""
    quote = quote.strip()[:MAX_EXPLAINED]
    qm = normalise_mapped(quote)
    qn, hay = qm.text, src.norm.text
    i, j, size = SequenceMatcher(None, hay, qn, autojunk=False).find_longest_match(0, len(hay), 0, len(qn))
    if size < 3:
        return "no passage of the source resembles it; is it from another source?", ()
    q_words = _words(qn)
    guess = max(0, i - j)
    h_words = [w for w in _words(hay, guess - 40, guess + len(qn) + 40)]
    hw = [hay[a:b] for a, b in h_words]
    qw = [qn[a:b] for a, b in q_words]
    blocks = [b for b in SequenceMatcher(None, hw, qw, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return "no passage of the source resembles it; is it from another source?", ()
    w0 = max(0, blocks[0].a - blocks[0].b)
    w1 = min(len(hw), blocks[-1].a + blocks[-1].size + (len(qw) - blocks[-1].b - blocks[-1].size))
    passage_words = h_words[w0:w1]
    start, end = src.norm.original_span(passage_words[0][0], passage_words[-1][1])
    line, col = src.line_col(start)
    parts = [f"closest passage at line {line}, column {col}: {src.text[start:end]!r}"]
    ops = [op for op in SequenceMatcher(None, hw[w0:w1], qw, autojunk=False).get_opcodes() if op[0] != "equal"]
    if ops:
        _tag, i1, i2, j1, j2 = ops[0]

        def src_words(a: int, b: int) -> str:
            if a >= b:
                return "(nothing)"
            s, e = src.norm.original_span(passage_words[a][0], passage_words[b - 1][1])
            return src.text[s:e]

        def quote_words(a: int, b: int) -> str:
            if a >= b:
                return "(nothing)"
            return quote[qm.starts[q_words[a][0]] : qm.ends[q_words[b - 1][1] - 1]]

        s_text, q_text = src_words(i1, i2), quote_words(j1, j2)
        if i1 == i2 or j1 == j2:  # a word added or dropped: show it with its neighbours
            lo_s, lo_q = max(0, i1 - 1), max(0, j1 - 1)
            s_text = src_words(lo_s, min(len(passage_words), i2 + 1))
            q_text = quote_words(lo_q, min(len(q_words), j2 + 1))
        if i2 - i1 == 1 and j2 - j1 == 1:
            sw, qw1 = hay[slice(*h_words[w0 + i1])], qn[slice(*q_words[j1])]
            k = next((k for k, (x, y) in enumerate(zip(sw, qw1, strict=False)) if x != y), min(len(sw), len(qw1)))
            qcol = qm.starts[q_words[j1][0] + min(k, len(qw1) - 1)] + 1
            if k < len(sw) and k < len(qw1) and len(sw) == len(qw1):
                s_ch = s_text[k] if len(s_text) == len(sw) else sw[k]
                q_ch = q_text[k] if len(q_text) == len(qw1) else qw1[k]
                parts.append(f"source has {_char(s_ch)} where the quote has {_char(q_ch)} at column {qcol}")
        parts.append(f"source: {s_text} / quote: {q_text}")
        if len(ops) > 1:
            parts.append(f"{len(ops) - 1} more difference(s) after that")
    return "; ".join(parts), ((start, end),)
