"""Fast, dependency-light text features shared by the recommendation classifiers.

The hot path is vectorised with numpy: a batch of texts is joined into one byte buffer, tokens are found
with a byte-class table, every token gets a 64-bit polynomial hash, and n-grams and "opening" cues (the
first verb of a recommendation and its neighbours) are combined from those hashes.  Nothing is looked up
per token in Python, so a batch of 10,000 recommendations is featurised in a few tens of milliseconds.

Features are hashed into ``2**N_BITS`` buckets; a model maps the buckets it saw in training onto its own
compact columns (see :class:`HashedVocabulary`).  Each feature *group* has its own salt, so the same word
as a unigram, as the opening word or as the main verb lands in different buckets.

Tokens are runs of ASCII letters/digits or non-ASCII letters (UTF-8 bytes >= 0x80, minus the Unicode
punctuation blocks), lower-cased, at least two bytes long.  The opening cues follow UPR Info's action
category method, which ranks a recommendation by its first verb: leading adverbs ("fully", "further",
"effectively" ...) are skipped, "X and Y ..." also yields Y (the method privileges the second of two
opening verbs), "X to Y" yields the pair, and a leading phrase ("In order to ..., adopt") yields the verb
after the first comma.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

N_BITS = 20
_MASK64 = (1 << 64) - 1
_P = 0x100000001B3  # FNV-64 prime: odd, hence invertible modulo 2**64
_P_INV = pow(_P, -1, 1 << 64)
_K_PAIR = 0x9E3779B97F4A7C15
_U = np.uint64

# Feature groups: name -> salt.  Models choose which groups they use.
GROUPS: dict[str, int] = {
    "w1": 1,  # word unigrams
    "w2": 2,  # word bigrams
    "w3": 3,  # word trigrams
    "pre": 4,  # 5-byte prefixes of words longer than 5 bytes (cheap stand-in for char n-grams)
    "b0": 10,  # first word
    "b01": 11,  # first two words
    "b012": 12,  # first three words
    "v": 13,  # main (opening) verb
    "vn": 14,  # main verb + next word
    "vnn": 15,  # main verb + next two words
    "v2": 16,  # second verb of "X and Y"
    "vv": 17,  # pair of "X and Y"
    "vto": 18,  # "X to Y"
    "vc": 19,  # first word after the first comma when the text opens with a phrase ("In order to ..., Y")
    "e1": 20,  # words among the first six
    "e2": 21,  # bigrams among the first seven words
    "x": 22,  # main verb conjoined with every later word
    "shape": 23,  # length bucket, digits, capitalised words
    "by": 24,  # word after "by", "through", "including", "notably" ...
    "vby": 25,  # opening verb with the means cue, the gerund cue and the word after it (needs "by")
}
# Readable names for groups when a reason is printed.
GROUP_LABELS = {
    "w1": "word",
    "w2": "phrase",
    "w3": "phrase",
    "pre": "word stem",
    "b0": "first word",
    "b01": "opening",
    "b012": "opening",
    "v": "opening verb",
    "vn": "opening",
    "vnn": "opening",
    "v2": "second verb",
    "vv": "opening verbs",
    "vto": "opening",
    "vc": "verb after opening phrase",
    "e1": "early word",
    "e2": "early phrase",
    "x": "verb with word",
    "shape": "shape",
    "by": "means",
    "vby": "verb with means",
}

ADVERBS = frozenset(
    """further also still urgently immediately fully effectively promptly swiftly actively duly seriously
    thoroughly quickly rapidly expeditiously progressively systematically consistently vigorously firmly
    strongly genuinely really truly resolutely continuously gradually again please then now formally
    finally officially adequately significantly substantially properly""".split()
)
NOT_ADVERBS = frozenset("apply supply comply rely reply multiply ally italy".split())
LEADERS = frozenset(
    """in with as given while bearing taking within through on regarding according for to that when after
    before based building considering following noting mindful at by having""".split()
)
MEANS = frozenset("by through including notably via particularly alia".split())
_MEANS_SKIP = frozenset("the a an as of inter alia means".split())

_TOKEN_BYTES = np.zeros(256, dtype=bool)
_TOKEN_BYTES[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)] = True
_TOKEN_BYTES[0x80:] = True  # UTF-8 multi-byte sequences (letters of other scripts, accents)
_UPPER = np.zeros(256, dtype=bool)
_UPPER[ord("A") : ord("Z") + 1] = True
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[ord("0") : ord("9") + 1] = True
_TO_LOWER = np.arange(256, dtype=np.uint8)
_TO_LOWER[ord("A") : ord("Z") + 1] += 32

_SPLIT = re.compile(r"[^\W_]+")


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a 64-bit hash over all bits (uint64 arithmetic wraps)."""
    z = z ^ (z >> _U(30))
    z = z * _U(0xBF58476D1CE4E5B9)
    z = z ^ (z >> _U(27))
    z = z * _U(0x94D049BB133111EB)
    return z ^ (z >> _U(31))


def _bucket(h: np.ndarray, salt: int) -> np.ndarray:
    """Hash bucket in [0, 2**N_BITS) of hashes ``h`` for a feature group salt."""
    z = _mix(h + _U((salt * 0xD6E8FEB86659FD93) & _MASK64))
    return (z >> _U(64 - N_BITS)).astype(np.int64)


def _pair(a: np.ndarray, b: np.ndarray | np.uint64) -> np.ndarray:
    return _mix(a * _U(_K_PAIR) + b)


def word_hash(word: str) -> int:
    """The 64-bit hash :func:`featurize` gives a lower-case token (for building lookup sets)."""
    h = 0
    for k, c in enumerate(word.encode("utf-8")):
        h = (h + (c + 1) * pow(_P, k, 1 << 64)) & _MASK64
    return h


_ADV_HASH = np.array(sorted(word_hash(w) for w in ADVERBS), dtype=np.uint64)
_NOT_ADV_HASH = np.array(sorted(word_hash(w) for w in NOT_ADVERBS), dtype=np.uint64)
_LEAD_HASH = np.array(sorted(word_hash(w) for w in LEADERS), dtype=np.uint64)
_MEANS_HASH = np.array(sorted(word_hash(w) for w in MEANS), dtype=np.uint64)
_MEANS_SKIP_HASH = np.array(sorted(word_hash(w) for w in _MEANS_SKIP), dtype=np.uint64)
_H_AND = _U(word_hash("and"))
_H_TO = _U(word_hash("to"))
_ING = 0x5EED1265

_pow_cache: dict[str, np.ndarray] = {}


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i (mod 2**64) for i < n, cached and grown geometrically."""
    have = _pow_cache.get("p")
    if have is None or len(have) < n:
        size = max(n, 2 * len(have) if have is not None else 1 << 20)  # 1 << 20 covers a chunk of ~4,000 texts
        p = np.full(size, _P, dtype=np.uint64)
        p[0] = 1
        q = np.full(size, _P_INV, dtype=np.uint64)
        q[0] = 1
        _pow_cache["p"] = np.cumprod(p)
        _pow_cache["q"] = np.cumprod(q)
    return _pow_cache["p"], _pow_cache["q"]


@dataclass
class Tokens:
    """Token table of a batch (all arrays aligned, tokens in text order)."""

    buf: bytes  # lower-cased UTF-8 of the batch, texts separated by NUL
    text: np.ndarray  # text index of each token
    start: np.ndarray  # byte offsets in buf
    end: np.ndarray
    hash: np.ndarray  # uint64 token hash
    pos: np.ndarray  # position of the token in its text
    comma_before: np.ndarray  # a comma/semicolon/colon stands between the previous token and this one
    upper: np.ndarray  # the token was capitalised in the original
    first: np.ndarray  # index of the first token of each text (== n_tokens when it has none)
    count: np.ndarray  # number of tokens of each text
    n_texts: int

    def string(self, i: int) -> str:
        return self.buf[self.start[i] : self.end[i]].decode("utf-8", "replace")

    def span(self, i: int, j: int) -> str:
        """Source text from token i to token j (inclusive), whitespace collapsed."""
        return " ".join(self.buf[self.start[i] : self.end[j]].decode("utf-8", "replace").split())


def tokenize(texts: Sequence[str]) -> Tokens:
    n = len(texts)
    if n == 0:
        none = np.zeros(0, dtype=np.int64)
        no = np.zeros(0, dtype=bool)
        return Tokens(b"", none, none, none, np.zeros(0, dtype=np.uint64), none, no, no, none, none, 0)
    clean = [t.replace("\x00", " ") if "\x00" in t else t for t in texts]
    raw = ("\x00".join(clean) + "\x00").encode("utf-8")  # every text ends with a NUL
    orig = np.frombuffer(raw, dtype=np.uint8)
    arr = _TO_LOWER[orig]
    is_tok = _TOKEN_BYTES[arr]
    # Unicode punctuation is not part of words: U+2000-U+206F (E2 80/81 xx) and U+0080-U+00BF (C2 xx).
    lead = np.flatnonzero((arr[:-2] == 0xE2) & ((arr[1:-1] == 0x80) | (arr[1:-1] == 0x81)))
    if len(lead):
        is_tok[lead] = False
        is_tok[lead + 1] = False
        is_tok[lead + 2] = False
    lead = np.flatnonzero(arr[:-1] == 0xC2)
    if len(lead):
        is_tok[lead] = False
        is_tok[lead + 1] = False
    edges = np.diff(np.concatenate(([False], is_tok, [False])).astype(np.int8))
    start = np.flatnonzero(edges == 1)
    end = np.flatnonzero(edges == -1)
    keep = (end - start) >= 2
    start, end = start[keep], end[keep]
    is_sep = arr == 0
    if int(is_sep.sum()) != n:  # cannot happen after the NUL clean-up; keep the invariant explicit
        raise ValueError("text separator mismatch")
    text = np.cumsum(is_sep, dtype=np.int32)[start].astype(np.int64)
    # polynomial hash of each token: sum (byte+1) * P**k
    pw, ipw = _powers(len(arr) + 1)
    c = arr.astype(np.uint64) + _U(1)
    pref = np.zeros(len(arr) + 1, dtype=np.uint64)
    np.cumsum(c * pw[: len(arr)], out=pref[1:])
    h = (pref[end] - pref[start]) * ipw[start]
    count = np.bincount(text, minlength=n)
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    pos = np.arange(len(start)) - first[text]
    first = np.where(count > 0, first, len(start))
    # punctuation between the previous token and this one
    punct = np.cumsum((arr == ord(",")) | (arr == ord(";")) | (arr == ord(":")), dtype=np.int32)
    prev_end = np.concatenate(([0], end[:-1]))
    comma_before = punct[start] > punct[np.maximum(prev_end - 1, 0)]
    comma_before &= pos > 0
    upper = _UPPER[orig[start]]
    return Tokens(
        buf=arr.tobytes(),
        text=text,
        start=start,
        end=end,
        hash=h,
        pos=pos,
        comma_before=comma_before,
        upper=upper,
        first=first,
        count=count,
        n_texts=n,
    )


@dataclass
class Opening:
    """Index (into the token table) of the opening cues of each text; -1 when absent."""

    verb: np.ndarray
    second: np.ndarray  # Y of "X and Y"
    to_verb: np.ndarray  # Y of "X to Y"
    after_comma: np.ndarray  # first word after the first comma when the text opens with a phrase


def _in(h: np.ndarray, table: np.ndarray) -> np.ndarray:
    idx = np.searchsorted(table, h)
    idx[idx >= len(table)] = 0
    return table[idx] == h


def _first_per_text(mask: np.ndarray, tok: Tokens) -> np.ndarray:
    """Index of the first token of each text where mask holds (-1 if none)."""
    out = np.full(tok.n_texts, -1, dtype=np.int64)
    idx = np.flatnonzero(mask)
    if len(idx):
        texts, first = np.unique(tok.text[idx], return_index=True)
        out[texts] = idx[first]
    return out


def opening(tok: Tokens) -> Opening:
    n_tok = len(tok.hash)
    if n_tok == 0:
        none = np.full(tok.n_texts, -1, dtype=np.int64)
        return Opening(verb=none, second=none.copy(), to_verb=none.copy(), after_comma=none.copy())
    buf = np.frombuffer(tok.buf, dtype=np.uint8)
    length = tok.end - tok.start
    ends_ly = (length > 4) & (buf[np.maximum(tok.end - 2, 0)] == ord("l")) & (buf[tok.end - 1] == ord("y"))
    adverb = (_in(tok.hash, _ADV_HASH) | ends_ly) & ~_in(tok.hash, _NOT_ADV_HASH)
    is_and = tok.hash == _H_AND
    verb = _first_per_text((tok.pos < 6) & ~adverb & ~is_and, tok)

    def next_of(idx: np.ndarray) -> np.ndarray:
        nxt = idx + 1
        ok = (idx >= 0) & (nxt < n_tok)
        ok[ok] &= tok.text[nxt[ok]] == tok.text[idx[ok]]
        return np.where(ok, nxt, -1)

    def skip_adverbs(idx: np.ndarray) -> np.ndarray:
        for _ in range(3):
            ok = idx >= 0
            adv = np.zeros_like(ok)
            adv[ok] = adverb[idx[ok]]
            if not adv.any():
                break
            idx = np.where(adv, next_of(idx), idx)
        return idx

    nxt = next_of(verb)
    has = nxt >= 0
    conj = np.zeros(tok.n_texts, dtype=bool)
    conj[has] = is_and[nxt[has]] | tok.comma_before[nxt[has]]
    after = np.where(conj & is_and[np.maximum(nxt, 0)], next_of(nxt), nxt)
    second = np.where(conj, skip_adverbs(np.where(conj, after, -1)), -1)
    is_to = np.zeros(tok.n_texts, dtype=bool)
    is_to[has] = tok.hash[nxt[has]] == _H_TO
    to_verb = np.where(is_to, next_of(nxt), -1)
    # opening phrase: first word is a preposition-like leader -> word after the first comma
    lead = np.zeros(tok.n_texts, dtype=bool)
    ok = tok.count > 0
    lead[ok] = _in(tok.hash[tok.first[ok]], _LEAD_HASH)
    cand = tok.comma_before & (tok.pos < 30)
    cand &= lead[tok.text]
    after_comma = skip_adverbs(_first_per_text(cand, tok))
    return Opening(verb=verb, second=second, to_verb=to_verb, after_comma=after_comma)


@dataclass
class FeatureBatch:
    """Hashed features of a batch in coordinate form (duplicates allowed: a feature counts each time).

    ``lo``/``hi`` are the token indices a feature was built from (-1 when it has none), so a reason can
    quote the words behind a weight without any vocabulary of strings.
    """

    row: np.ndarray
    col: np.ndarray  # hash bucket in [0, 2**N_BITS)
    group: np.ndarray  # salt of the feature group (see GROUPS)
    lo: np.ndarray
    hi: np.ndarray
    tokens: Tokens
    opening: Opening
    n_texts: int
    parts: tuple[tuple[int, int, int], ...] = ()  # (start, stop, salt) of runs whose rows are non-decreasing

    def subset(self, groups: Iterable[str]) -> np.ndarray:
        """Boolean mask of the entries that belong to ``groups``."""
        allowed = np.zeros(max(GROUPS.values()) + 1, dtype=bool)
        allowed[[GROUPS[g] for g in groups]] = True
        return allowed[self.group]

    def describe(self, i: int) -> str:
        """Human-readable form of entry ``i``."""
        lo, hi = int(self.lo[i]), int(self.hi[i])
        if lo < 0:
            return "text shape"
        tok = self.tokens
        if hi <= lo + 2:
            return tok.span(lo, hi) if hi > lo else tok.string(lo)
        return f"{tok.string(lo)} … {tok.string(hi)}"


_SALT_NAMES = {v: k for k, v in GROUPS.items()}


def group_name(salt: int) -> str:
    return _SALT_NAMES.get(int(salt), "?")


def _ngram_hashes(tok: Tokens, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes and first-token indices of the word n-grams that stay within one text."""
    m = len(tok.hash) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    ok = tok.text[n - 1 :] == tok.text[:m]
    h = tok.hash[:m]
    for k in range(1, n):
        h = _pair(h, tok.hash[k : k + m])
    idx = np.flatnonzero(ok)
    return h[idx], idx


def featurize(texts: Sequence[str], groups: Iterable[str]) -> FeatureBatch:
    """Hashed features of ``texts`` for the feature ``groups`` (names of :data:`GROUPS`)."""
    groups = set(groups)
    unknown = groups - GROUPS.keys()
    if unknown:
        raise ValueError(f"unknown feature groups: {sorted(unknown)}")
    tok = tokenize(texts)
    op = opening(tok)
    n_tok = len(tok.hash)
    parts: list[tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray]] = []

    def add(row: np.ndarray, h: np.ndarray, group: str, lo: np.ndarray, hi: np.ndarray | None = None) -> None:
        if group in groups and len(row):
            parts.append((row, _bucket(h, GROUPS[group]), GROUPS[group], lo, lo if hi is None else hi))

    def follow(idx: np.ndarray) -> np.ndarray:
        nxt = idx + 1
        ok = (idx >= 0) & (nxt < n_tok)
        ok[ok] &= tok.text[np.minimum(nxt[ok], n_tok - 1)] == tok.text[idx[ok]]
        return np.where(ok, nxt, -1)

    every = np.arange(n_tok)
    add(tok.text, tok.hash, "w1", every)
    for n, g in ((2, "w2"), (3, "w3")):
        if g in groups:
            h, idx = _ngram_hashes(tok, n)
            add(tok.text[idx], h, g, idx, idx + n - 1)
    if "pre" in groups:
        long = np.flatnonzero(tok.end - tok.start > 6)
        pw, _ = _powers(8)
        buf = np.frombuffer(tok.buf, dtype=np.uint8)
        s = tok.start[long]
        h = np.zeros(len(long), dtype=np.uint64)
        for k in range(5):
            h += (buf[s + k].astype(np.uint64) + _U(1)) * pw[k]
        add(tok.text[long], h, "pre", long)
    texts_with = np.flatnonzero(tok.count > 0)
    f = tok.first[texts_with]
    add(texts_with, tok.hash[f], "b0", f)
    for n, g in ((2, "b01"), (3, "b012")):
        sel = tok.count[texts_with] >= n
        t, fi = texts_with[sel], f[sel]
        h = tok.hash[fi]
        for k in range(1, n):
            h = _pair(h, tok.hash[fi + k])
        add(t, h, g, fi, fi + n - 1)

    def add_index(idx: np.ndarray, group: str, other: np.ndarray | None = None) -> None:
        sel = idx >= 0 if other is None else (idx >= 0) & (other >= 0)
        t = np.flatnonzero(sel)
        h = tok.hash[idx[sel]]
        if other is not None:
            h = _pair(h, tok.hash[other[sel]])
        add(t, h, group, idx[sel], None if other is None else other[sel])

    verb = op.verb
    v1 = follow(verb)
    v2 = follow(v1)
    add_index(verb, "v")
    add_index(verb, "vn", v1)
    if "vnn" in groups:
        sel = (verb >= 0) & (v2 >= 0)
        t = np.flatnonzero(sel)
        add(t, _pair(_pair(tok.hash[verb[sel]], tok.hash[v1[sel]]), tok.hash[v2[sel]]), "vnn", verb[sel], v2[sel])
    add_index(op.second, "v2")
    add_index(verb, "vv", op.second)
    add_index(verb, "vto", op.to_verb)
    add_index(op.after_comma, "vc")
    early = np.flatnonzero(tok.pos < 6)
    add(tok.text[early], tok.hash[early], "e1", early)
    if "e2" in groups:
        h, idx = _ngram_hashes(tok, 2)
        sel = tok.pos[idx] < 6
        add(tok.text[idx[sel]], h[sel], "e2", idx[sel], idx[sel] + 1)
    if "x" in groups:
        vh = np.zeros(tok.n_texts, dtype=np.uint64)
        ok = verb >= 0
        vh[ok] = tok.hash[verb[ok]]
        later = np.flatnonzero(ok[tok.text] & (tok.pos > 0))
        add(tok.text[later], _pair(vh[tok.text[later]], tok.hash[later]), "x", verb[tok.text[later]], later)
    if "shape" in groups:
        t = np.arange(tok.n_texts)
        none = np.full(tok.n_texts, -1)
        length = np.minimum(tok.count // 8, 8).astype(np.uint64)
        add(t, length, "shape", none)
        caps = np.bincount(tok.text[tok.upper & (tok.pos > 0)], minlength=tok.n_texts)
        add(t, _U(100) + np.minimum(caps, 6).astype(np.uint64), "shape", none)
        buf = np.frombuffer(tok.buf, dtype=np.uint8)
        digit_tok = np.flatnonzero(_DIGIT[buf[tok.start]])
        dig = np.unique(tok.text[digit_tok])
        add(dig, np.full(len(dig), 200, dtype=np.uint64), "shape", np.full(len(dig), -1))
    if "by" in groups or "vby" in groups:
        trig = np.flatnonzero(_in(tok.hash, _MEANS_HASH))
        nxt = follow(trig)
        for _ in range(2):
            ok = nxt >= 0
            skip = np.zeros(len(nxt), dtype=bool)
            skip[ok] = _in(tok.hash[nxt[ok]], _MEANS_SKIP_HASH)
            nxt = np.where(skip, follow(nxt), nxt)
        ok = nxt >= 0
        add(tok.text[trig[ok]], tok.hash[nxt[ok]], "by", trig[ok], nxt[ok])
        if "vby" in groups:
            # the opening verb conjoined with the means clause ("Continue ... by adopting" is not 2)
            t = tok.text[trig]
            vt = verb[t]
            vh = np.where(vt >= 0, tok.hash[np.maximum(vt, 0)], _U(0))
            add(t, _pair(vh, tok.hash[trig]), "vby", trig)
            buf = np.frombuffer(tok.buf, dtype=np.uint8)
            at = np.flatnonzero(ok)  # positions in trig whose means clause has a word
            e = tok.end[nxt[at]]
            ing = (buf[e - 3] == ord("i")) & (buf[e - 2] == ord("n")) & (buf[e - 1] == ord("g"))
            add(t[at[ing]], _pair(vh[at[ing]], _U(_ING)), "vby", trig[at[ing]], nxt[at[ing]])
            add(t[at], _pair(vh[at], tok.hash[nxt[at]]), "vby", trig[at], nxt[at])

    bounds = np.concatenate(([0], np.cumsum([len(p[0]) for p in parts]))).tolist() if parts else [0]
    runs = tuple((bounds[k], bounds[k + 1], p[2]) for k, p in enumerate(parts))
    if parts:
        row = np.concatenate([p[0] for p in parts])
        col = np.concatenate([p[1] for p in parts])
        group = np.concatenate([np.full(len(p[0]), p[2], dtype=np.int8) for p in parts])
        lo = np.concatenate([p[3] for p in parts]).astype(np.int64)
        hi = np.concatenate([p[4] for p in parts]).astype(np.int64)
    else:
        row = col = lo = hi = np.zeros(0, dtype=np.int64)
        group = np.zeros(0, dtype=np.int8)
    return FeatureBatch(
        row=row, col=col, group=group, lo=lo, hi=hi, tokens=tok, opening=op, n_texts=tok.n_texts, parts=runs
    )


class HashedVocabulary:
    """Maps the hash buckets of some feature groups seen in training to compact columns, with idf weights.

    A row's value for a feature is ``count * idf / norm`` with ``norm = sqrt(sum idf**2)`` over the row's
    feature occurrences, so duplicates can be summed in any order (training) or left unsummed (prediction).
    """

    def __init__(self, groups: Sequence[str], colmap: np.ndarray, idf: np.ndarray):
        self.groups = tuple(groups)
        self.colmap = colmap  # int32 of size 2**N_BITS, -1 for unknown buckets
        self.idf = idf.astype(np.float32)

    @property
    def n_features(self) -> int:
        return len(self.idf)

    @classmethod
    def fit(cls, batch: FeatureBatch, groups: Sequence[str], min_df: int = 2) -> HashedVocabulary:
        mask = batch.subset(groups)
        key = np.unique(batch.row[mask] * (1 << N_BITS) + batch.col[mask])  # distinct (row, bucket) pairs
        df = np.bincount(key & ((1 << N_BITS) - 1), minlength=1 << N_BITS)
        kept = np.flatnonzero(df >= min_df)
        colmap = np.full(1 << N_BITS, -1, dtype=np.int32)
        colmap[kept] = np.arange(len(kept), dtype=np.int32)
        idf = np.log((1 + batch.n_texts) / (1 + df[kept])) + 1.0
        return cls(groups, colmap, idf)

    def entries(self, batch: FeatureBatch) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(entry index, row, column, value) of this vocabulary's known features, duplicates not summed."""
        idx = np.flatnonzero(batch.subset(self.groups))
        col = self.colmap[batch.col[idx]]
        keep = col >= 0
        idx, col = idx[keep], col[keep]
        row = batch.row[idx]
        w = self.idf[col]
        sq = np.bincount(row, weights=w * w, minlength=batch.n_texts)
        norm = np.sqrt(sq).astype(np.float32)
        norm[norm == 0] = 1.0
        return idx, row, col, w / norm[row]

    def part_entries(
        self, batch: FeatureBatch
    ) -> tuple[list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]], np.ndarray]:
        """Known features per run of :attr:`FeatureBatch.parts` (rows stay sorted within a run):
        a list of (salt, entry index, row, column, idf) and the rows' L2 norms."""
        salts = {GROUPS[g] for g in self.groups}
        out = []
        sq = np.zeros(batch.n_texts)
        for a, b, salt in batch.parts:
            if salt not in salts:
                continue
            col = self.colmap[batch.col[a:b]]
            keep = np.flatnonzero(col >= 0)
            col = col[keep]
            row = batch.row[a:b][keep]
            w = self.idf[col]
            sq += np.bincount(row, weights=w * w, minlength=batch.n_texts)
            out.append((salt, keep + a, row, col, w))
        norm = np.sqrt(sq).astype(np.float32)
        norm[norm == 0] = 1.0
        return out, norm

    def transform(self, batch: FeatureBatch) -> sp.csr_matrix:
        _, row, col, val = self.entries(batch)
        m = sp.csr_matrix((val, (row, col)), shape=(batch.n_texts, self.n_features), dtype=np.float32)
        m.sum_duplicates()
        return m


def simple_tokens(text: str) -> list[str]:
    """Lower-case word tokens (Python path, for explanations)."""
    return [w for w in _SPLIT.findall(text.lower()) if len(w) >= 2]


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a batch builds many small acyclic objects: otherwise it
    scans every live container again and again, which costs more the more the caller holds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
