"""The words the meaning checks know: one tokeniser, one lemma function and the classes of words
each rule reads. Pure functions of strings; nothing here knows about records.

Every class is a set of lower-case word forms (or phrases of several words), matched on the
tokens of a text after Unicode NFKC and case folding, with invisible characters inside a word
removed (so "no\\u00adt", with a soft hyphen, is the word "not"). CONTRIBUTING.md ("The words
the checks know") lists them for editors; change both together.

- `lemma(word)`: the Snowball (Porter 2) stem of the folded word, so "developing" meets
  "development" and "offered" meets "offering". Irregular forms do not meet ("held" and
  "holds"); the content-word rule also lets a stem meet a longer one that starts with it and
  differs by at most three letters ("failed" meets "failure", "delivered" meets "deliveries").
- `FRAMING`: words that say where a claim comes from rather than what it says ("the article
  says", "according to", "quoted as saying"): a statement may add them.
- `FUNCTION_WORDS`: articles, pronouns, prepositions, conjunctions and the forms of be, have and
  do; no rule asks for them in the evidence.
- `NEGATIONS`: the particles (not, no, never, n't …) and the words of refusal, failure, lack
  and absence (`NEGATIVE_WORDS`), which a statement may use only as its evidence does.
- `HEDGES`, in three classes from weakest to firmest: possibility (could, might, may …), a
  proposal or wish (offering, proposed, keen, hopes, seeks …) and a plan or expectation (would,
  planned, expected, set to, scheduled …); and `CERTAINTY` (will, agreed, signed, completed,
  delivered, confirmed, certainly …; and any perfect "has/have/had + participle").
- `SPECULATION`: the hedges of an article's own guess (might, may, could, perhaps …).
- `CONTRAST`: but, however, although … ; `DIRECTION`: to, from, for, by, in exchange for …;
  `ATTRIBUTION`: said, told, according to, quoted … as saying.
- Quantities: number words, ordinals, multipliers, fractions, quantifiers, scale words and the
  units and currency signs a figure may be written with (`briefing.rules.quantities`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, compress

# -- tokens --------------------------------------------------------------------------------------

# Characters that show nothing (default-ignorable code points, bidirectional controls included).
# Inside a word they are read through, so that they cannot hide a word from the checks; the
# script rule reports every one of them.
IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"[^\W_](?:[{_MARKS}]|[{IGNORABLE}]*[^\W_])*")
_DROP = re.compile(rf"[{IGNORABLE}]")
_UNUSUAL = re.compile(rf"[{_MARKS}{IGNORABLE}]")
# Where digits meet letters inside a word: "30t", "3rd", "1960s", "$30bn".
_DIGITS_LETTERS = re.compile(r"[0-9]+(?:[.,][0-9]+)*(?:⁄[0-9]+)?|[^\W\d_]+")
SYMBOLS = "$€£¥₽₹₩₪₫₴₦₱₺₿¢%‰"
_SYMBOL = re.compile(f"[{re.escape(SYMBOLS)}]")
_APOSTROPHES = "'’ʼ"
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}  # ca|n't, wo|n't, sha|n't
_APOSTROPHE_MAP = str.maketrans({"’": "'", "ʼ": "'"})


@lru_cache(maxsize=32768)
def fold_word(word: str) -> str:
    """A word as the checks compare it: invisible characters removed, NFKC, case-folded."""
    return unicodedata.normalize("NFKC", _DROP.sub("", word)).casefold().translate(_APOSTROPHE_MAP)


# The tokeniser's one regular expression, on the lower-cased text: a number with its decimal
# point or thousands separators ("1,500", "2.5", "2.5km"), a run of letters and digits, the "'s",
# "'ll", "'t" … after a word, and a currency sign or "%".
# (The apostrophe comes before its look-behind so that every branch starts with a character class:
# the engine then skips the gaps between words at C speed.)
_FAST = re.compile(r"\d+(?:[.,]\d+)+[^\W_]*|[^\W_]+|'(?<=[^\W_]')(?:s|t|re|ve|ll|d|m)(?![^\W_])|[" + re.escape(SYMBOLS) + "]")
_FAST_SPLIT = re.compile(f"({_FAST.pattern})")  # the same, as the one group of a split
# The same split for a lower-cased text whose letters and digits are all ASCII (most texts): there
# `[^\W_]` is `[a-z0-9]` and `\d` is `[0-9]`, which the engine tests a fifth faster than Unicode
# classes. Written to start with one character class (the word's first character; a look-behind
# then says which branch it began): only then does the engine skip the gaps between words without
# trying each branch at every character (`re` finds no such prefix in an alternation of classes).
# A property test holds the two to the same answers.
_ASCII_SPLIT = re.compile(
    r"([a-z0-9'" + re.escape(SYMBOLS) + r"]"
    r"(?:(?<=[0-9])[0-9]*(?:[.,][0-9]+)+[a-z0-9]*"  # a number with its point or separators
    r"|(?<=[a-z0-9])[a-z0-9]*"  # letters and digits
    r"|(?<=[a-z0-9]')(?:s|t|re|ve|ll|d|m)(?![a-z0-9])"  # "'s", "'t" … after a word
    r"|(?<=[" + re.escape(SYMBOLS) + r"])))"  # a sign
)
NON_ASCII_LETTER = re.compile(r"[^\W_\x00-\x7f]")  # a letter or digit outside ASCII: the word is folded (NFKC)
_GLUED = re.compile(r"\d[^\W\d_]|[^\W\d_]\d|⁄")  # digits meeting letters ("30t", "3rd", "$30bn"), "½" folded


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """The words of `text` as three lists: where each starts and ends (code points, end exclusive)
    and its folded form (NFKC, case-folded, invisible characters removed, typographic apostrophes
    read as "'"). Words are runs of letters and digits (hyphens and apostrophes separate them; a
    contraction's "n't" and a possessive's "'s" are words of their own), numbers with their decimal
    points and thousands separators, and currency signs and "%". Digits glued to letters are two
    words at the same place ("30t": "30" and "t").

    Most texts go through one regular expression at C speed; a word outside ASCII is folded, and
    a text with combining marks or invisible characters is read character by character."""
    ascii_text = text.isascii()
    if not ascii_text and _UNUSUAL.search(text):  # (marks and invisible characters are not ASCII)
        return _canonical(*_tokenize_slowly(text))
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: offsets would drift
        return _canonical(*_tokenize_slowly(text))
    foreign = False  # a letter or digit outside ASCII
    if not ascii_text:
        low = low.replace("’", "'").replace("ʼ", "'")
        foreign = NON_ASCII_LETTER.search(low) is not None
    # Split into gap, word, gap, word … gap: the words and, from the running sum of the pieces'
    # lengths, where each starts and ends, all at C speed (no Python step per word).
    pieces = (_FAST_SPLIT if foreign else _ASCII_SPLIT).split(low)
    bounds = list(accumulate(map(len, pieces)))
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    words = pieces[1::2]
    # One string per distinct word (a text's words are mostly the briefing's few thousand): the
    # readings of a large briefing hold millions of words, and a known string's hash is kept.
    lows = list(map(_WORDS.setdefault, words, words)) if len(_WORDS) < _WORDS_LIMIT else words
    if foreign:
        lows = [w if w.isascii() else fold_word(w) for w in lows]  # folding may make digits ("³⁰t" is "30t")
    # Digits meeting letters ("30t", "3rd", "$30bn") lie inside one word: `_split_glued` finds
    # them in the words it is given (a test over the words is cheaper than a search of the text).
    starts, ends, lows = _split_glued(starts, ends, lows)
    if "n't" in low:
        _contractions(starts, ends, lows)
    return starts, ends, lows


_WORDS: dict[str, str] = {}
_WORDS_LIMIT = 1 << 20


def _word(w: str) -> str:
    """The one string kept for a word (while fewer than a million distinct words were met)."""
    return _WORDS.setdefault(w, w) if len(_WORDS) < _WORDS_LIMIT else w


def _canonical(starts: list[int], ends: list[int], lows: list[str]) -> tuple[list[int], list[int], list[str]]:
    got = _WORDS.get
    return starts, ends, [got(w) or _word(w) for w in lows]


class _GluedWords(dict[str, bool]):
    """Word -> whether digits meet letters in it ("30t", "3rd"), worked out once per word (a
    text's words are then tested at C speed)."""

    def __missing__(self, w: str) -> bool:
        if len(self) >= 1 << 18:
            self.clear()
        got = self[w] = not w.isalpha() and not w.isdigit() and any(c.isdigit() for c in w) and not _is_plain_number(w)
        return got


_GLUED_WORD = _GluedWords()


# Words met in a text where none had digits meeting letters: a text all of whose words are here
# has none either, found by one set test at C speed.
_NOT_GLUED: set[str] = set()


def _split_glued(starts: list[int], ends: list[int], lows: list[str]) -> tuple[list[int], list[int], list[str]]:
    if _NOT_GLUED.issuperset(lows):
        return starts, ends, lows
    glued = _GLUED_WORD.__getitem__
    if not any(map(glued, lows)):
        if len(_NOT_GLUED) < 1 << 18:
            _NOT_GLUED.update(lows)
        return starts, ends, lows
    out_s, out_e, out_l = [], [], []
    for a, z, w in zip(starts, ends, lows, strict=True):
        if glued(w):
            parts = _DIGITS_LETTERS.findall(w)
            if len(parts) > 1:
                for part in parts:
                    out_s.append(a)
                    out_e.append(z)
                    out_l.append(part)
                continue
        out_s.append(a)
        out_e.append(z)
        out_l.append(w)
    return out_s, out_e, out_l


def _contractions(starts: list[int], ends: list[int], lows: list[str]) -> None:
    """ "don" + "'t" → "do" + "n't" (and "ca" → "can", "wo" → "will"), in place."""
    for i in range(1, len(lows)):
        if lows[i] == "'t" and ends[i - 1] == starts[i] and lows[i - 1].endswith("n") and len(lows[i - 1]) > 1:
            stem = lows[i - 1][:-1]
            lows[i - 1] = _CONTRACTED.get(stem, stem)
            ends[i - 1] -= 1
            starts[i] -= 1
            lows[i] = "n't"


def _tokenize_slowly(text: str) -> tuple[list[int], list[int], list[str]]:
    """`tokenize` for a text with combining marks or invisible characters (read through inside a
    word), character run by run."""
    starts: list[int] = []
    ends: list[int] = []
    lows: list[str] = []
    pos = 0
    while (m := _WORD.search(text, pos)) is not None:
        a, z = m.span()
        # a number with its separators: "1,500", "2.5" (the word stops at the point)
        while z + 1 < len(text) and text[z] in ".," and text[z - 1].isdigit() and text[z + 1].isdigit():
            n = _WORD.match(text, z + 1)
            if n is None:
                break
            z = n.end()
        pos = z
        low = fold_word(text[a:z])
        if z < len(text) and text[z] in _APOSTROPHES:
            nxt = text[z : z + 2]
            if len(nxt) == 2 and nxt[1] in "tT" and low.endswith("n") and len(low) > 1 and (z + 2 == len(text) or not text[z + 2].isalnum()):
                stem = low[:-1]
                starts += [a, z - 1]
                ends += [z - 1, z + 2]
                lows += [_CONTRACTED.get(stem, stem), "n't"]
                pos = z + 2
                continue
        if a and lows and ends[-1] == a - 1 and text[a - 1] in _APOSTROPHES and low in ("s", "t", "re", "ve", "ll", "d", "m"):
            low = "'" + low  # the 's of a possessive, the 'll of a contraction
            a -= 1
        starts.append(a)
        ends.append(z)
        lows.append(low)
    if _SYMBOL.search(text):
        for m in _SYMBOL.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            lows.append(m.group(0))
        order = sorted(range(len(lows)), key=lambda i: (starts[i], ends[i]))
        starts, ends, lows = [starts[i] for i in order], [ends[i] for i in order], [lows[i] for i in order]
    return _split_glued(starts, ends, lows)


def _is_plain_number(low: str) -> bool:
    return bool(_PLAIN_NUMBER.fullmatch(low))


_PLAIN_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
LEMMAS: dict[str, str] = {}  # word -> its lemma, for every word met (a briefing has a few thousand)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer  # a fifth of a millisecond; PyStemmer's C code when installed

    return snowballstemmer.stemmer("english")


def lemma(word: str) -> str:
    """The one lemma function of the checks: the Snowball stem of the folded word (memoised: a
    briefing has a few thousand distinct words)."""
    got = LEMMAS.get(word)
    if got is None:
        low = fold_word(word) if not word.isascii() else word.lower()
        got = _stemmer().stemWord(low) if low.isalpha() else low
        if len(LEMMAS) < 1 << 18:
            LEMMAS[word] = got
    return got


def phrases_in(lows: list[str], table: dict[str, tuple[tuple[str, ...], ...]], lo: int = 0, hi: int | None = None, marks: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Where the phrases of `table` (first word -> phrases starting with it, longest first) occur
    in the words `lows[lo:hi]`: (first word's index, word count, the phrase joined by spaces),
    not overlapping, in order. `marks`, when given, lists (in order) every index whose word starts
    a phrase of any class (`MARKED`): only those are looked at."""
    hi = len(lows) if hi is None else hi
    out = []
    free = lo
    if marks is None:
        cands = [i for i in range(lo, hi) if lows[i] in table]
    else:
        if lo or hi != len(lows):
            marks = marks[bisect_left(marks, lo) : bisect_left(marks, hi)]
        cands = list(compress(marks, map(table.__contains__, map(lows.__getitem__, marks))))
    for i in cands:
        if i < free:
            continue
        for ph in table[lows[i]]:
            k = len(ph)
            if k == 1 or (i + k <= hi and tuple(lows[i : i + k]) == ph):
                out.append((i, k, " ".join(ph)))
                free = i + k
                break
    return out


_Longer = dict[str, tuple[tuple[tuple[str, ...], int, str], ...]]  # second word -> (phrase, word count, joined), longest first


class PhraseTables:
    """The phrase tables asked of whole readings, found together in one pass over a reading's
    marked words (`all_in`) instead of one pass per table: for each table, what `phrases_in`
    gives. A table joins on its first use (`slot`). A phrase of several words is looked up by its
    second word, so a word that starts many ("a dozen", "a few", "a number of" …) is not tried
    against each."""

    def __init__(self) -> None:
        self.tables: list[dict[str, tuple[tuple[str, ...], ...]]] = []
        self.slots: dict[int, int] = {}  # id(table) -> its place (the table is kept: its id stays its own)
        # first word -> ((slot, the word if it is a phrase alone, its longer phrases by second word), …)
        self.first: dict[str, tuple[tuple[int, str | None, _Longer | None], ...]] = {}

    def slot(self, table: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        got = self.slots.get(id(table))
        if got is None:
            got = self.slots[id(table)] = len(self.tables)
            self.tables.append(table)
            first: dict[str, list[tuple[int, str | None, _Longer | None]]] = {}
            for n, t in enumerate(self.tables):
                for w, phs in t.items():
                    longer: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
                    for ph in phs:  # longest first: kept so under each second word
                        if len(ph) > 1:
                            longer.setdefault(ph[1], []).append((ph, len(ph), " ".join(ph)))
                    single = w if any(len(ph) == 1 for ph in phs) else None
                    first.setdefault(w, []).append((n, single, {k: tuple(v) for k, v in longer.items()} or None))
            self.first = {w: tuple(v) for w, v in first.items()}
        return got

    def all_in(self, lows: list[str], marks: list[int]) -> list[list[tuple[int, int, str]]]:
        """`phrases_in(lows, table, marks=marks)` for every table so far, by slot, in one pass."""
        n = len(self.tables)
        out: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
        free = [0] * n
        hi = len(lows)
        get = self.first.get
        for i in marks:
            entries = get(lows[i])
            if entries is None:
                continue
            nxt = lows[i + 1] if i + 1 < hi else None
            for slot, single, longer in entries:
                if i < free[slot]:
                    continue
                if longer is not None and nxt in longer:
                    for ph, k, joined in longer[nxt]:  # type: ignore[index]
                        if k == 2 or (i + k <= hi and tuple(lows[i : i + k]) == ph):
                            out[slot].append((i, k, joined))
                            free[slot] = i + k
                            break
                    else:
                        if single is not None:
                            out[slot].append((i, 1, single))
                            free[slot] = i + 1
                elif single is not None:
                    out[slot].append((i, 1, single))
                    free[slot] = i + 1
        return out


PHRASE_TABLES = PhraseTables()


def phrase_table(*groups: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for g in groups:
        for p in g:
            words = tuple(p.split())
            table.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in table.items()}


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split(",") if w.strip())


# -- the classes -----------------------------------------------------------------------------------

FUNCTION_WORDS = _words(
    "a, an, the, this, that, these, those, there, here, it, its, itself, they, them, their, theirs, themselves, he, him, his, "
    "she, her, hers, we, us, our, ours, you, your, i, me, my, who, whom, whose, which, what, when, where, why, how, "
    "and, or, so, than, then, as, because, since, while, also, too, just, even, only, of, in, on, at, to, from, for, by, "
    "with, about, into, onto, over, under, between, among, through, during, before, after, within, across, against, "
    "towards, toward, upon, via, per, around, up, out, off, be, is, are, was, were, been, being, am, have, has, had, "
    "having, do, does, did, doing, 's, 're, 've, 'll, 'd, 'm, such, other, another, own, any, more, less, same, again, "
    "ever, something, anything, someone, anyone, e, g, i.e, e.g, ie, eg, s, t"
)
# "also", "only" and "even" are function words: an addition or restriction is left to the reader.
# "very" is not: an intensifier the source lacks says more than it. Quantities ("both", "each"),
# hedges and negations have rules of their own.

FRAMING = _words(
    "according, article, articles, account, say, says, said, saying, state, states, stated, stating, write, writes, wrote, "
    "written, writing, report, reports, reported, reporting, describe, describes, described, describing, call, calls, "
    "called, calling, refer, refers, referred, mention, mentions, mentioned, note, notes, noted, quote, quotes, quoted, "
    "quoting, quotation, quotations, add, adds, added, tell, tells, told, view, views, present, presents, presented, "
    "identify, identifies, identified, cite, cites, cited, source, sources, text, word, words, wording, speak, speaks, "
    "spoke, spoken, speaking, name, names, named, unnamed, passage, sentence, editors, briefing, attribute, attributes, "
    "attributed, attributing, attribution, unattributed, paraphrase, paraphrases, paraphrased, paraphrasing, verbatim"
)

# The particles of negation: any one of them in the statement answers any one in the evidence.
# The framing words that name where a claim comes from rather than who did what: with one of them
# (or "according to") in a statement, its framing verbs ("says", "told", "described") are about
# the source; without one, a framing verb in a claim that is not attributed says someone spoke,
# and must be in the evidence like any content word.
FRAMING_NOUNS = _words(
    "according, article, articles, account, text, source, sources, passage, sentence, quotation, quotations, word, words, "
    "wording, editors, briefing, report, reports, quote, quotes"
)

# Framing words that describe how the source puts its words, never someone speaking.
FRAMING_FREE = _words("unnamed, unattributed, verbatim, view, views, passage, sentence, editors, briefing")

NEGATION_PARTICLES = _words(
    "not, n't, no, never, nor, none, neither, cannot, nobody, nothing, nowhere, without, hardly, barely, scarcely, "
    "no longer, far from, yet to"
)
# Words of refusal, failure, lack and absence: negations too, and each says what kind, so the
# statement's must be in the evidence in some form ("failed" meets "failure"), as content words are.
NEGATIVE_WORDS = _words(
    "lack, lacks, lacked, lacking, absence, absent, fail, fails, failed, failing, failure, failures, refuse, refuses, "
    "refused, refusing, refusal, deny, denies, denied, denying, denial, reject, rejects, rejected, rejecting, rejection, "
    "decline, declines, declined, declining, unable, inability, cancel, cancels, cancelled, canceled, cancelling, "
    "canceling, cancellation, cancellations, abandon, abandons, abandoned, abandoning, scrap, scraps, scrapped, halt, "
    "halts, halted, ruled out"
)
NEGATIONS = NEGATION_PARTICLES | NEGATIVE_WORDS

HEDGES_POSSIBILITY = _words(
    "could, might, may, can, possible, possibly, potential, potentially, perhaps, maybe, conceivably, if, whether, "
    "reportedly, allegedly, apparently, seemingly, presumably, seem, seems, seemed, appear, appears, appeared, suggest, "
    "suggests, suggested, uncertain, unclear, option, options, consider, considers, considering, considered, explore, "
    "explores, exploring"
)
# An offer, a wish or an attempt: something put to others, which may come to nothing.
HEDGES_PROPOSAL = _words(
    "offer, offers, offered, offering, on offer, propose, proposes, proposed, proposing, proposal, proposals, keen, eager, "
    "willing, want, wants, wanted, wish, wishes, hope, hopes, hoped, hoping, seek, seeks, sought, seeking, try, tries, tried, "
    "trying, attempt, attempts, attempted, negotiate, negotiates, negotiated, negotiating, negotiation, negotiations, talks, "
    "prospective, would-be, looking to, aspire, aspires, aspired, interested, interest in"
)
# A plan or an expectation: something arranged or foreseen, firmer than an offer, short of done.
HEDGES_PLAN = _words(
    "would, should, likely, unlikely, probably, probable, expect, expects, expected, expecting, expectation, expectations, "
    "plan to, plans to, plans for, planned, planning, intend, intends, intended, intention, aim, aims, aimed, "
    "set to, poised to, about to, due to be, scheduled, envisage, envisages, envisaged, slated, on track, forecast, "
    "forecasts, projected, anticipated, anticipate, anticipates"
)
HEDGES_INTENTION = HEDGES_PROPOSAL | HEDGES_PLAN
HEDGES = HEDGES_POSSIBILITY | HEDGES_INTENTION
SPECULATION = _words(
    "might, may, could, perhaps, possibly, maybe, probably, likely, unlikely, presumably, apparently, seemingly, seem, "
    "seems, conceivably"
)
CERTAINTY = _words(
    "will, shall, 'll, going to, certainly, certain, definitely, surely, undoubtedly, doubtless, clearly, obviously, "
    "inevitably, inevitable, guaranteed, guarantee, guarantees, agree, agrees, agreed, agreement, agreements, deal, deals, "
    "sign, signs, signed, signing, contract, contracts, complete, completes, completed, completion, deliver, delivers, "
    "delivered, confirm, confirms, confirmed, confirmation, finalise, finalised, finalize, finalized, conclude, "
    "concluded, sealed, approve, approved, ratified, commit, commits, committed, commitment, decide, decided, decision, "
    "settled, secured, achieved, accomplished, succeeded, already, actually, indeed, in fact, proven, proved, officially, "
    "formally, struck a deal, inked, finished"
)
# The auxiliary of a perfect ("has sent", "have agreed", "had planned"): completion, unless the
# cited words have a perfect too. A participle: an -ed or -en form or one of these.
PERFECT_AUXILIARIES = _words("has, have, had, 've, having")
IRREGULAR_PARTICIPLES = _words(
    "been, sent, built, made, done, gone, got, held, kept, led, left, lost, met, paid, put, run, seen, sold, told, won, "
    "begun, brought, bought, caught, chosen, drawn, driven, fallen, flown, forgotten, given, grown, hidden, known, laid, "
    "meant, read, ridden, risen, set, shown, spoken, spent, stood, struck, taken, taught, thought, thrown, understood, "
    "worn, written, become, come, cut, dealt, fought, found, had, heard, hit, hurt, let, lent, quit, said, shut, sought, "
    "split, spread, won, agreed, signed"
)
_ADVERBS_IN_PERFECT = _words("already, also, now, just, since, recently, finally, long, still, yet, ever, never, not, n't, so, far")

CONTRAST = _words(
    "but, however, although, though, yet, despite, whereas, instead, except, unless, nevertheless, nonetheless, "
    "in spite of, rather than, even so"
)
CONJUNCTIONS = _words("but, however, although, though, yet, whereas, nevertheless, nonetheless, still")
DIRECTION = _words(
    "to, towards, toward, into, onto, from, for, by, against, in exchange for, in return for, on behalf of"
)
# A direction word's flow: "X … to Y" (X's action reaches Y) and "Y … from X", "Y … by X" (the
# agent) say the same thing; the others are compared word for word.
FLOW_FORWARD = _words("to, towards, toward, into, onto")
FLOW_BACKWARD = _words("from, by")
ATTRIBUTION_VERBS = _words(
    "said, says, say, told, tells, added, adds, noted, notes, stated, states, explained, explains, claimed, claims, "
    "argued, argues, wrote, writes, announced, announces, insisted, insists, warned, warns, declared, declares, "
    "remarked, remarks, commented, comments"
)
# The auxiliaries, modals and verbs that may follow a subject: where an ellipsis skips a name
# right before one of them, the name was that verb's subject.
FINITE_VERBS = _words(
    "is, are, was, were, has, have, had, does, do, did, will, would, can, could, may, might, shall, should, must, said, "
    "says, told, needs, need, wants, plans, offers, offered, has some"
)
PRONOUNS = _words("he, she, they, it, we, i, you")

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for name in names
}

WEEKDAYS = _words("monday, tuesday, wednesday, thursday, friday, saturday, sunday")

# -- quantities ---------------------------------------------------------------------------------------

NUMBER_WORDS = _words(
    "zero, nought, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, fifteen, "
    "sixteen, seventeen, eighteen, nineteen, twenty, thirty, forty, fifty, sixty, seventy, eighty, ninety, hundred, "
    "thousand, million, billion, trillion"
)
ORDINAL_WORDS = _words(
    "first, second, third, fourth, fifth, sixth, seventh, eighth, ninth, tenth, eleventh, twelfth, thirteenth, "
    "fourteenth, fifteenth, sixteenth, seventeenth, eighteenth, nineteenth, twentieth, thirtieth, fortieth, fiftieth, "
    "sixtieth, seventieth, eightieth, ninetieth, hundredth, thousandth, millionth"
)
SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Glued to digits: "$30bn", "5m", "10k". (Lengths and masses are units, below.)
SCALE_ABBREVIATIONS = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}
# Words that are a quantity without a figure, and the class each stands for ("most" and "the
# majority" say the same).
QUANTIFIERS = {
    **dict.fromkeys(("all", "every", "each", "entire"), "all"),
    **dict.fromkeys(("most", "majority", "bulk"), "most"),
    **dict.fromkeys(("many", "numerous", "multiple", "countless", "lots", "plenty", "a lot"), "many"),
    "several": "several",
    **dict.fromkeys(("few", "a few", "handful", "a handful"), "few"),
    "some": "some",
    "minority": "minority",
    **dict.fromkeys(("dozens", "scores", "tens"), "dozens"),
    **dict.fromkeys(("a number of", "myriad", "umpteen", "a great many", "a host of", "a raft of", "a slew of"), "many"),
    "hundreds": "hundreds",
    "thousands": "thousands",
    "millions": "millions",
    "billions": "billions",
}
# Quantities written as words, with their value: ("n", 12) is twelve of something.
COUNT_PHRASES = {
    "a dozen": 12, "dozen": 12, "both": 2, "a couple": 2, "couple": 2, "a pair": 2, "pair": 2, "a hundred": 100,
    "a thousand": 1000, "a million": 10**6, "a billion": 10**9, "a single": 1, "single": 1, "a score": 20, "a brace": 2,
}  # fmt: skip
MULTIPLIERS = {
    **dict.fromkeys(("double", "doubled", "doubles", "doubling", "twice", "twofold", "two-fold", "two times"), 2),
    **dict.fromkeys(("triple", "tripled", "triples", "tripling", "thrice", "threefold", "three times"), 3),
    **dict.fromkeys(("quadruple", "quadrupled", "fourfold", "four times"), 4),
    **dict.fromkeys(("fivefold", "five times"), 5),
    **dict.fromkeys(("tenfold", "ten times"), 10),
    "hundredfold": 100,
}
FRACTIONS = {
    **dict.fromkeys(("half", "halves", "halved", "a half", "one half"), 0.5),
    **dict.fromkeys(("a third", "one third", "one-third"), 1 / 3),
    **dict.fromkeys(("two thirds", "two-thirds"), 2 / 3),
    **dict.fromkeys(("a quarter", "one quarter", "quarter", "quarters"), 0.25),
    **dict.fromkeys(("three quarters", "three-quarters"), 0.75),
}
PERCENT = _words("percent, per cent, %, percentage, ‰")
# Words that bound or blur the figure right after them: "up to 25 tonnes" is not "more than 25
# tonnes", nor "25 tonnes". The class of each.
BOUNDS = {
    **dict.fromkeys(
        ("up to", "at most", "no more than", "not more than", "less than", "fewer than", "under", "below", "nearly",
         "almost", "just under", "short of", "as many as", "as much as"),
        "at most",
    ),
    **dict.fromkeys(
        ("more than", "over", "at least", "above", "upwards of", "in excess of", "no fewer than", "no less than",
         "not less than", "just over", "beyond", "exceeding"),
        "at least",
    ),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "close to", "circa", "an estimated", "estimated", "or so"), "about"),
}  # fmt: skip
# Units and signs a figure may carry, and the words that say the same in the evidence.
UNITS = {
    "t": ("tonne", "ton", "t"), "kg": ("kilogram", "kilo", "kg"), "km": ("kilometre", "kilometer", "km"),
    "m": ("metre", "meter", "million", "m"), "kn": ("kilonewton", "kn"), "mn": ("million", "meganewton", "mn"),
    "x": ("times", "x"), "s": ("s",), "st": ("st",), "nd": ("nd",), "rd": ("rd",), "th": ("th",),
    "$": ("dollar", "usd", "$"), "€": ("euro", "eur", "€"), "£": ("pound", "sterl", "gbp", "£"),
    "¥": ("yen", "yuan", "renminbi", "¥"), "₽": ("roubl", "rubl", "₽"), "₹": ("rupe", "₹"),
    "%": ("percent", "per cent", "%"), "‰": ("per mill", "‰"),
}  # fmt: skip
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")

ROMAN = re.compile(r"(?=[MDCLXVI]{2,}$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_value(word: str) -> int | None:
    """The value of a Roman numeral of two letters or more written in capitals ("XX", "IV",
    "Ⅳ"), or None."""
    up = unicodedata.normalize("NFKC", word)
    if not ROMAN.fullmatch(up):
        return None
    total = 0
    for a, b in zip(up, up[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def _first_words(*groups: object) -> frozenset[str]:
    return frozenset(str(p).split()[0] for g in groups for p in g)  # type: ignore[attr-defined]


# The first word of every phrase of every class above: a reading notes where these stand once
# (`reading.Reading.marks`), and each rule's phrase search looks only there.
MARKED = _first_words(
    FUNCTION_WORDS & frozenset({"to", "from", "for", "by", "in", "on", "into", "onto", "towards", "toward", "against"}),
    FRAMING, NEGATIONS, HEDGES, CERTAINTY, CONTRAST, DIRECTION, ATTRIBUTION_VERBS, FINITE_VERBS, PERFECT_AUXILIARIES,
    NUMBER_WORDS, ORDINAL_WORDS, QUANTIFIERS, COUNT_PHRASES, MULTIPLIERS, FRACTIONS, PERCENT, BOUNDS,
)  # fmt: skip


__all__ = ["MARKED", "PHRASE_TABLES", "PhraseTables", "fold_word", "lemma", "phrase_table", "phrases_in", "tokenize"]
