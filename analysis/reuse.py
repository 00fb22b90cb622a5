"""Text reuse between articles: passages two articles share word for word (agency copy, re-posts).

Candidate pairs come from word n-gram shingles (one sparse product over the corpus); only pairs
that share enough shingles to hold a passage of `min_words` words are aligned. Alignment chains
shared shingles along a diagonal and bridges small edits (a changed word, a dropped clause of a few
words), so "etwa 1.500 Soldaten" vs "1500 Soldaten" style rewording inside a copied passage does
not split it. Numbers are compared without thousands separators.

Words are the suite's tokens (`text.TOKEN_RE` without punctuation: words and numbers, no private
tokenizer). A hyphenated compound is one word, as in `text.words` ("Kim Jong-un"); a spelling variant
("Kim Jong Un") is then an edit of one or two words, which `MAX_GAP` bridges inside a passage.
Close rewrites (`REWRITE`) are a second, looser level run by the pipeline as `reuse_rewrite`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

import numpy as np
import pandas as pd

from . import config
from .corpus import TEXT_ROLES, sentence_columns, with_outlet
from .text import TOKEN_RE, tokens_of

# Word 5-grams: long enough that a shared one is rarely chance, short enough to survive light editing.
NGRAM = 5
# A passage must span at least this many words of article A: about one clause. Shorter shared runs are
# formulaic phrases ("nach Angaben des südkoreanischen Geheimdienstes") rather than copy.
MIN_WORDS = 12
# Largest edit (in words, in either text) bridged inside one passage.
MAX_GAP = 4
# A passage's matched words over its length (the longer side): below this it is a loose paraphrase.
MIN_SIMILARITY = 0.6
# Each article is aligned with at most this many partners (those sharing the most shingles).
TOP_K = 5
# Settings for close rewrites rather than copy: word pairs, a passage of at least 8 words of which
# at least 60 % are matched in order (e.g. an agency sentence re-worded: "plant Nordkorea insgesamt
# 12.000 Soldaten einer Eliteeinheit an die Front zu schicken" / "plant Pjöngjang, insgesamt etwa
# 12.000 Soldaten zur Unterstützung an die russische Front zu schicken"). Compares far more pairs;
# run on corpora of up to config.REWRITE_MAX_ARTICLES articles (see `textstat_rewrites`).
REWRITE = {"n": 2, "min_words": 8, "max_gap": 4, "min_similarity": 0.6}

PASSAGE_COLUMNS = [
    "article_a", "article_b", "passage_id", "sentences_a", "sentences_b", "words_a", "words_b",
    "matched_words", "similarity", "text_a", "text_b",
]
SHARE_COLUMNS = ["article_id", "other_id", "shared_words", "words", "share", "passages"]
NEAR_DUPLICATE_COLUMNS = ["article_id", "near_duplicate_of", "jaccard", "flag"]
PASSAGE_VIEW_COLUMNS = ["level", "outlet_a", "outlet_b", "sentences", "words", "similarity", "text_a", "text_b"]
VERBATIM, REWRITTEN = "verbatim", "close rewrite"  # the two levels of the passages view


def _tokens(text: str) -> list[re.Match]:
    """Word and number tokens of a text: `text.TOKEN_RE` without its punctuation tokens."""
    return [m for m in TOKEN_RE.finditer(text) if m.group()[0].isalnum()]


def _normalised(token: str) -> str:
    """A number without thousands separators ("12.000" = "12000"), a word in lower case."""
    return token.replace(".", "") if token[0].isdigit() else token.lower()


@lru_cache(maxsize=1_000_000)
def _token_id(token: str) -> int:
    """Stable 63-bit id of a normalised token (the same in every process, so ids can be cached)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def _is_word(token: str) -> bool:
    """A word or number token (`_tokens` keeps these), not punctuation."""
    return token[0].isalnum()


@lru_cache(maxsize=1_000_000)
def _raw_token_id(token: str) -> int:
    """`_token_id` of a token as the text writes it (normalised first)."""
    return _token_id(_normalised(token))


def prepare_reuse(sentences: pd.DataFrame) -> dict[str, dict]:
    """Per article: sentence ids, texts and token ids of its sentences (credit lines left out).

    This is the per-article half of the reuse analysis; the pipeline caches it with the article, so
    a re-run only tokenises new articles.
    """
    out: dict[str, dict] = {}
    for aid, sid, role, text in zip(*sentence_columns(sentences, ("article_id", "sentence_id", "role", "text"))):
        if role not in TEXT_ROLES:
            continue
        entry = out.setdefault(str(aid), {"sentence_ids": [], "texts": [], "tokens": [], "first_token": []})
        text = str(text)
        entry["sentence_ids"].append(int(sid))
        entry["texts"].append(text)
        entry["first_token"].append(len(entry["tokens"]))
        entry["tokens"].extend(map(_raw_token_id, filter(_is_word, tokens_of(text))))  # `_tokens`' words
    for entry in out.values():
        entry["tokens"] = np.asarray(entry["tokens"], dtype=np.int64)
    return out


class _Doc:
    """One article as token ids and shingle hashes; character spans are found only for reported passages."""

    __slots__ = ("article_id", "sentence_ids", "texts", "tokens", "shingles", "order", "sorted_shingles", "first_token", "_spans",
                 "distinct", "first", "repeats")

    def __init__(self, article_id: str, prepared: dict, n: int, shingles: np.ndarray | None = None):
        self.article_id = article_id
        self.sentence_ids = prepared["sentence_ids"]
        self.texts = prepared["texts"]
        self.first_token = prepared["first_token"]
        self.tokens = prepared["tokens"]
        self.shingles = _shingle_hashes(self.tokens, n) if shingles is None else shingles  # given: the corpus pass's
        self.order = np.argsort(self.shingles, kind="stable")
        self.sorted_shingles = self.shingles[self.order]
        # each distinct shingle, where its run starts in `sorted_shingles` and how many of it `align` uses (at most 8)
        new = np.flatnonzero(self.sorted_shingles[1:] != self.sorted_shingles[:-1]) + 1
        new = np.concatenate(([0], new)) if len(self.shingles) else new
        self.distinct, self.first = self.sorted_shingles[new], new
        self.repeats = np.minimum(np.diff(new, append=len(self.shingles)), 8)
        self._spans: dict[int, tuple[tuple[int, int], ...]] = {}


@lru_cache(maxsize=100_000)
def _token_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of a sentence's tokens (kept: copied sentences recur across articles)."""
    return tuple(m.span() for m in _tokens(text))


def _shingle_hashes(tokens: np.ndarray, n: int) -> np.ndarray:
    """One 64-bit hash per word n-gram (polynomial rolling hash over token ids)."""
    tokens = np.asarray(tokens, dtype=np.int64)  # a list when read back from the JSON cache
    if len(tokens) < n:
        return np.empty(0, dtype=np.int64)
    h = np.zeros(len(tokens) - n + 1, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * base + tokens[k : len(tokens) - n + 1 + k].astype(np.uint64) + np.uint64(1)
    return h.view(np.int64)


class _Shingles:
    """Every document's word n-gram hashes (all of them, document after document), and its distinct ones (sorted)
    made only when asked: a re-run compares a few new articles with the corpus without a set per article."""

    def __init__(self, hashes: np.ndarray, counts: np.ndarray) -> None:
        self.hashes, self.counts = hashes, counts
        self.starts = np.cumsum(counts) - counts
        self._distinct: dict[int, np.ndarray] = {}
        self._owner: np.ndarray | None = None
        self.shared: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # `_shared_counts` rows kept for the next analysis

    @classmethod
    def of_tokens(cls, tokens: list[np.ndarray], n: int) -> _Shingles:
        """`_shingle_hashes` of each document, computed in one pass over the concatenated token ids."""
        lengths = np.array([len(t) for t in tokens], dtype=np.int64)
        counts = np.maximum(lengths - n + 1, 0)
        if not counts.sum():
            return cls(np.empty(0, dtype=np.int64), counts)
        joined = np.concatenate([np.asarray(t, dtype=np.int64) for t in tokens]).astype(np.uint64)
        m = len(joined) - n + 1
        h = np.zeros(m, dtype=np.uint64)
        base = np.uint64(1_000_003)
        with np.errstate(over="ignore"):
            for k in range(n):  # in place: no temporary copies of the corpus-long arrays
                h *= base
                h += joined[k : m + k]
                h += np.uint64(1)
        del joined
        first = np.cumsum(lengths) - lengths
        at = np.repeat(first, counts) + np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return cls(h[at].view(np.int64), counts)

    @classmethod
    def of_sets(cls, sets: list[np.ndarray]) -> _Shingles:
        """Documents given as their distinct hashes already (sorted)."""
        counts = np.array([len(u) for u in sets], dtype=np.int64)
        shingles = cls(np.concatenate(sets).astype(np.int64) if counts.sum() else np.empty(0, dtype=np.int64), counts)
        shingles._distinct = {i: np.asarray(u, dtype=np.int64) for i, u in enumerate(sets)}
        return shingles

    def __len__(self) -> int:
        return len(self.counts)

    def distinct(self, i: int) -> np.ndarray:
        """Document i's distinct hashes, sorted."""
        if i not in self._distinct:
            self._distinct[i] = np.unique(self.hashes[self.starts[i] : self.starts[i] + self.counts[i]])
        return self._distinct[i]

    def sets(self) -> list[np.ndarray]:
        """Every document's distinct hashes."""
        return [self.distinct(i) for i in range(len(self))]

    def owner(self) -> np.ndarray:
        """The document of each hash."""
        if self._owner is None:
            self._owner = np.repeat(np.arange(len(self)), self.counts)
        return self._owner


_LAST_SHINGLES: list = []  # (token arrays, n, shingles) of the last call: near duplicates and reuse ask for the same


def _shingles(tokens: list[np.ndarray], n: int) -> _Shingles:
    """Each document's shingles. The last answer is kept, so a second analysis over the same token arrays (the same
    objects) does not hash the corpus again."""
    if _LAST_SHINGLES and _LAST_SHINGLES[1] == n and len(_LAST_SHINGLES[0]) == len(tokens) and all(
            a is b for a, b in zip(_LAST_SHINGLES[0], tokens)):
        return _LAST_SHINGLES[2]
    shingles = _Shingles.of_tokens(tokens, n)
    _LAST_SHINGLES[:] = [list(tokens), n, shingles]
    return shingles


def _incidence(sets: list[np.ndarray]) -> sparse.csr_matrix:
    """Articles x distinct shingles (1 where the article has the shingle)."""
    from scipy import sparse  # imported here: notebooks import this module and rarely need it

    sizes = [len(u) for u in sets]
    if not sum(sizes):
        return sparse.csr_matrix((len(sets), 0), dtype=np.int32)
    _, col_ids = np.unique(np.concatenate(sets), return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), sizes)
    return sparse.csr_matrix((np.ones(len(col_ids), dtype=np.int32), (rows, col_ids)), shape=(len(sets), int(col_ids.max()) + 1))


def _shared_rows(x: sparse.csr_matrix, rows: list[int], *, block: int = 256):
    """(row, partners, shared counts) of the given rows against every article, partners in catalog order; the
    product is taken in blocks of rows, so memory stays bounded on large corpora."""
    xt = x.T.tocsc()
    for start in range(0, len(rows), block):
        chunk = rows[start : start + block]
        shared = (x[chunk] @ xt).tocsr()
        shared.sort_indices()
        for k, i in enumerate(chunk):
            lo, hi = shared.indptr[k], shared.indptr[k + 1]
            yield i, shared.indices[lo:hi], shared.data[lo:hi]


FEW_ROWS = 16  # up to this many articles to compare (a re-run's new ones): no incidence matrix of the whole corpus
KEPT_SHARED = 4_000_000  # (partner, count) entries `_shared_counts` keeps for the next analysis over the same shingles


def _shared_counts(shingles: _Shingles | list[np.ndarray], rows: list[int]):
    """(row, partners, shared counts) as `_shared_rows` gives them for the incidence of the documents' distinct
    shingles (`shingles`, or a list of sorted distinct hash arrays). For a few rows (a re-run's new articles) each
    row's shingles are looked up among every document's instead, which skips building the corpus-wide matrix and
    the distinct shingles of every document. Many rows' answers are kept in `shingles.shared` (up to KEPT_SHARED
    entries), so the next analysis asking for the same rows of the same shingles gets them without the product."""
    if not isinstance(shingles, _Shingles):
        shingles = _Shingles.of_sets(shingles)
    if len(rows) > FEW_ROWS:
        kept = shingles.shared
        if all(i in kept for i in rows):  # near duplicates and reuse compare the same articles: one product for both
            for i in rows:
                yield (i, *kept[i])
            return
        size = 0
        for i, js, counts in _shared_rows(_incidence(shingles.sets()), rows):
            size += len(js)
            if size <= KEPT_SHARED:
                kept[i] = (js, counts)
            yield i, js, counts
        return
    if not rows:
        return
    every, owner = shingles.hashes, shingles.owner()
    for i in rows:
        mine = shingles.distinct(i)
        if not len(mine):
            yield i, np.array([], dtype=np.int64), np.array([], dtype=np.int32)
            continue
        at = np.minimum(np.searchsorted(mine, every), len(mine) - 1)
        hit = mine[at] == every
        pairs = owner[hit] * len(mine) + at[hit]  # (document, shingle of mine), counted once each
        if len(shingles) * len(mine) <= 1 << 24:
            seen = np.zeros(len(shingles) * len(mine), dtype=bool)
            seen[pairs] = True
            counts = seen.reshape(len(shingles), len(mine)).sum(axis=1)
        else:
            counts = np.bincount(np.unique(pairs) // len(mine), minlength=len(shingles))
        js = np.flatnonzero(counts)
        yield i, js, counts[js].astype(np.int32)


def _top_partners(i: int, js: np.ndarray, counts: np.ndarray, *, min_shared: int, top_k: int) -> list[tuple[int, int]]:
    """Article i's partners sharing >= min_shared shingles: the `top_k` with the most (ties by catalog order)."""
    keep = (js != i) & (counts >= min_shared)
    js, counts = js[keep], counts[keep]
    order = np.argsort(-counts, kind="stable")[:top_k]
    return [(int(js[o]), int(counts[o])) for o in order]


def align(
    a: _Doc, b: _Doc, *, n: int = NGRAM, min_words: int = MIN_WORDS, max_gap: int = MAX_GAP, min_similarity: float = MIN_SIMILARITY
) -> list[tuple[int, int, int, int, int]]:
    """Shared passages of two documents as (a_start, a_end, b_start, b_end, matched) token ranges (end exclusive)."""
    if not len(a.shingles) or not len(b.shingles):
        return []
    at = np.searchsorted(b.distinct, a.shingles)
    np.minimum(at, len(b.distinct) - 1, out=at)
    i = np.flatnonzero(b.distinct[at] == a.shingles)  # a's shingles that b has
    if not len(i):
        return []
    at = at[i]
    left, count = b.first[at], b.repeats[at]  # a shingle repeated in b: its first 8 occurrences
    if len(b.distinct) == len(b.shingles) or count.max() == 1:
        j = b.order[left]
    else:
        total = int(count.sum())
        i = np.repeat(i, count)
        j = b.order[np.repeat(left, count) + np.arange(total) - np.repeat(np.cumsum(count) - count, count)]
    # one sort key per match, ordered by diagonal, then position in a; consecutive keys (difference 1) are consecutive
    # shingles on one diagonal, as a position never reaches the stride
    stride = len(a.shingles) + 1
    key = np.sort((j - i + len(a.shingles)) * stride + i)
    breaks = np.flatnonzero(np.diff(key) != 1)
    first_key, last_key = key[np.concatenate(([0], breaks + 1))], key[np.concatenate((breaks, [len(key) - 1]))]
    # (a_start, a_last, diagonal): exact runs of consecutive shared shingles on one diagonal
    runs = list(zip((first_key % stride).tolist(), (last_key % stride).tolist(), (first_key // stride - len(a.shingles)).tolist()))
    runs.sort()
    passages: list[list[int]] = []  # [a_start, a_end, b_start, b_end, matched]
    for start, last, diag in runs:
        a0, a1, b0, b1 = start, last + n, start + diag, last + n + diag
        for p in reversed(passages[-8:]):  # a stray match of a common phrase must not cut a passage
            gap_a, gap_b = a0 - p[1], b0 - p[3]
            if -n < gap_a <= max_gap and -n < gap_b <= max_gap and a1 > p[1] and b1 > p[3]:
                p[4] += a1 - max(a0, p[1])
                p[1], p[3] = max(p[1], a1), max(p[3], b1)
                break
        else:
            passages.append([a0, a1, b0, b1, a1 - a0])
    return [
        tuple(p)
        for p in passages
        if p[1] - p[0] >= min_words and p[3] - p[2] >= min_words and p[4] / max(p[1] - p[0], p[3] - p[2]) >= min_similarity
    ]


def _passage(doc: _Doc, start: int, end: int) -> tuple[str, str]:
    """Sentence-id range and verbatim text of tokens [start, end) of a document; a sentence's token spans are found
    when a passage first starts or ends in it."""
    first_token, spans = doc.first_token, doc._spans
    k0 = bisect_right(first_token, start) - 1
    k1 = bisect_right(first_token, end - 1, k0) - 1
    if k0 not in spans:
        spans[k0] = _token_spans(doc.texts[k0])
    if k1 not in spans:
        spans[k1] = _token_spans(doc.texts[k1])
    c0, c1 = spans[k0][start - first_token[k0]][0], spans[k1][end - 1 - first_token[k1]][1]
    first, last = doc.sentence_ids[k0], doc.sentence_ids[k1]
    if k0 == k1:
        return str(first), doc.texts[k0][c0:c1]
    pieces = doc.texts[k0 : k1 + 1]
    tail_offset = sum(len(p) + 1 for p in pieces[:-1])
    return f"{first}-{last}", " ".join(pieces)[c0 : tail_offset + c1]


def _align_pair(a: _Doc, b: _Doc, columns: dict[str, list], **settings) -> tuple[int, int, int]:
    """The passages of one pair appended to `columns` (a list per column of PASSAGE_COLUMNS); returns how many, and
    how many words of a and of b lie inside them."""
    found = align(a, b, **settings)
    if not found:
        return 0, 0, 0
    mask_a, mask_b = np.zeros(len(a.tokens), dtype=bool), np.zeros(len(b.tokens), dtype=bool)
    for a0, a1, b0, b1, _ in found:
        mask_a[a0:a1] = True
        mask_b[b0:b1] = True
    located_a = [_passage(a, a0, a1) for a0, a1, _, _, _ in found]
    located_b = [_passage(b, b0, b1) for _, _, b0, b1, _ in found]
    columns["article_a"].extend([a.article_id] * len(found))
    columns["article_b"].extend([b.article_id] * len(found))
    columns["passage_id"].extend(range(1, len(found) + 1))
    columns["sentences_a"].extend([p[0] for p in located_a])
    columns["sentences_b"].extend([p[0] for p in located_b])
    columns["words_a"].extend([a1 - a0 for a0, a1, _, _, _ in found])
    columns["words_b"].extend([b1 - b0 for _, _, b0, b1, _ in found])
    columns["matched_words"].extend([int(m) for *_, m in found])
    columns["similarity"].extend([round(m / max(a1 - a0, b1 - b0), 3) for a0, a1, b0, b1, m in found])
    columns["text_a"].extend([p[1] for p in located_a])
    columns["text_b"].extend([p[1] for p in located_b])
    return len(found), int(mask_a.sum()), int(mask_b.sum())


def _memo_state(memo, name: str, params: dict, keys: list) -> dict | None:
    """The stored candidate lists, aligned pairs and results of the last run with the same settings, or None."""
    if memo is None or not all(keys):
        return None
    saved = memo.load(name)
    if saved is None or saved[1].get("params") != params:
        return None
    tables, meta = saved
    cand: dict[str, list[tuple[str, int]]] = {k: [] for k in meta.get("covered", [])}
    candidates = tables["candidates"]
    key = candidates["key"].to_numpy(dtype=object)
    partner, count = candidates["partner"].tolist(), candidates["count"].astype("int64").tolist()
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]).tolist() if len(key) else []
    for start, end in zip(starts, starts[1:] + [len(key)]):  # each article's rows are consecutive
        cand.setdefault(key[start], []).extend(zip(partner[start:end], count[start:end]))
    aligned = set(zip(tables["aligned"]["key_a"].tolist(), tables["aligned"]["key_b"].tolist()))
    base = tables["passages"]
    added = tables.get("passages_added", base.iloc[:0])
    return {"cand": cand, "aligned": aligned, "passages": pd.concat([base, added], ignore_index=True) if len(added) else base,
            "shares": tables["shares"], "base": base, "added": added}


COMPACT_SHARE = 0.1  # the stored passages are rewritten whole once added and stale rows pass this share of them


def _store_passages(state_tables: dict[str, pd.DataFrame], passages: pd.DataFrame, fresh_rows: pd.DataFrame,
                    state: dict | None) -> None:
    """The passages part of the stored state: the last stored whole (`passages`, not written again) plus the rows
    aligned since (`passages_added`), so a re-run writes only its new pairs' passages. Rows of pairs no longer aligned
    are skipped when read; once added and such stale rows pass COMPACT_SHARE of the passages, the whole is rewritten."""
    if state is not None:
        added = pd.concat([state["added"], fresh_rows], ignore_index=True) if len(fresh_rows) else state["added"]
        stale = len(state["base"]) + len(added) - len(passages)
        stored = pd.MultiIndex.from_arrays([state["passages"]["key_a"], state["passages"]["key_b"]])
        again = pd.MultiIndex.from_arrays([fresh_rows["key_a"], fresh_rows["key_b"]]).isin(stored).any()
        if not again and len(added) + stale <= COMPACT_SHARE * max(1, len(passages)):  # a pair aligned again: rewrite
            state_tables["passages"], state_tables["passages_added"] = state["base"], added.infer_objects()
            return
    state_tables["passages"], state_tables["passages_added"] = passages, passages.iloc[:0]


def textstat_reuse(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    n: int = NGRAM,
    min_words: int = MIN_WORDS,
    max_gap: int = MAX_GAP,
    min_similarity: float = MIN_SIMILARITY,
    top_k: int = TOP_K,
    prepared: dict[str, dict] | None = None,
    memo=None,
    memo_name: str = "reuse",
) -> dict[str, pd.DataFrame]:
    """Aligned passages shared by article pairs (`reuse`) and each article's share shared with each other (`reuse_shares`).

    `reuse`: one row per passage and unordered pair, with both verbatim texts. `reuse_shares`: one
    row per ordered pair with at least one passage: the share of the article's words inside passages
    it shares with the other. Pairs without passages are absent (share 0). Credit lines are ignored.
    `prepared` is `prepare_reuse`'s output for the articles, when the pipeline has it cached. With the pipeline's
    `memo`, a re-run compares only new articles' shingles with the others and aligns only pairs it has not aligned
    before; the tables are the same as from scratch. Each article is aligned with its `top_k` partners sharing the
    most shingles (ties by catalog order).
    """
    if prepared is None:
        prepared = prepare_reuse(sentences)
    order = list(articles["article_id"]) if articles is not None and "article_id" in articles else []
    ids = [a for a in order if a in prepared] + sorted(set(prepared) - set(order))
    settings = {"n": n, "min_words": min_words, "max_gap": max_gap, "min_similarity": min_similarity}
    params = {**settings, "top_k": top_k}
    min_shared = max(1, min_words - n + 1)
    tokens = [np.asarray(prepared[a]["tokens"], dtype=np.int64) for a in ids]
    keys = [memo.keys.get(a) for a in ids] if memo is not None else [None] * len(ids)
    state = _memo_state(memo, memo_name, params, keys)
    pos = {k: i for i, k in enumerate(keys)}
    partners: dict[int, list[tuple[int, int]]] = {}
    fresh: set[int] = set(range(len(ids)))
    if state is not None:
        for i, key in enumerate(keys):
            old = state["cand"].get(key)
            if old is not None and all(partner in pos for partner, _ in old):
                partners[i] = [(pos[partner], count) for partner, count in old]
        fresh = {i for i, key in enumerate(keys) if key not in state["cand"]}
    todo = [i for i in range(len(ids)) if i not in partners]
    recomputed = set(todo)
    extra: dict[int, list[tuple[int, int]]] = defaultdict(list)
    every = _shingles(tokens, n)
    for i, js, counts in _shared_counts(every, todo):
        partners[i] = _top_partners(i, js, counts, min_shared=min_shared, top_k=top_k)
        if i in fresh and state is not None:  # a new article may enter the lists of unchanged ones
            for j, c in zip(js.tolist(), counts.tolist()):
                if j != i and c >= min_shared and j not in fresh:
                    extra[j].append((i, c))
    every.shared.clear()  # kept by near duplicates for this loop; not held after it
    for j, more in extra.items():
        if j not in recomputed:
            partners[j] = sorted(partners[j] + more, key=lambda p: (-p[1], p[0]))[:top_k]
    pairs = sorted({(min(i, j), max(i, j)) for i, listed in partners.items() for j, _ in listed})

    docs: dict[int, _Doc] = {}
    old_pairs = state["aligned"] if state is not None else set()
    columns: dict[str, list] = {c: [] for c in [*PASSAGE_COLUMNS, "key_a", "key_b"]}
    shares: dict[str, list] = {c: [] for c in [*SHARE_COLUMNS, "key", "other_key"]}
    reused: list[tuple[str, str]] = []
    for i, j in pairs:
        if (keys[i], keys[j]) in old_pairs:
            reused.append((keys[i], keys[j]))
            continue
        for k in (i, j):
            if k not in docs:
                docs[k] = _Doc(ids[k], prepared[ids[k]], n, shingles=every.hashes[every.starts[k] : every.starts[k] + every.counts[k]])
        a, b = docs[i], docs[j]
        found, shared_a, shared_b = _align_pair(a, b, columns, **settings)
        columns["key_a"].extend([keys[i]] * found)
        columns["key_b"].extend([keys[j]] * found)
        if found:
            for x_, y_, shared, kx, ky, words in ((ids[i], ids[j], shared_a, keys[i], keys[j], len(tokens[i])),
                                                  (ids[j], ids[i], shared_b, keys[j], keys[i], len(tokens[j]))):
                for column, value in zip(shares, (x_, y_, shared, words, round(shared / words, 4) if words else 0.0, found, kx, ky)):
                    shares[column].append(value)
    passages = pd.DataFrame(columns) if columns["article_a"] else pd.DataFrame(columns=list(columns))
    fresh_rows = passages
    share_table = pd.DataFrame(shares) if shares["article_id"] else pd.DataFrame(columns=list(shares))
    if state is not None and reused:
        wanted = pd.MultiIndex.from_tuples(reused)
        old = state["passages"]
        old = old[pd.MultiIndex.from_arrays([old["key_a"], old["key_b"]]).isin(wanted)]
        rank = {pair: r for r, pair in enumerate((keys[i], keys[j]) for i, j in pairs)}
        passages = pd.concat([passages, old], ignore_index=True)
        ranks = np.array([rank[pair] for pair in zip(passages["key_a"].tolist(), passages["key_b"].tolist())], dtype=np.int64)
        passages = _in_order(passages, np.lexsort((passages["passage_id"].to_numpy(dtype=np.int64), ranks)))
        old = state["shares"]
        both = pd.MultiIndex.from_arrays([old["key"], old["other_key"]])
        swapped = pd.MultiIndex.from_tuples([(b, a) for a, b in reused])
        share_table = pd.concat([share_table, old[both.isin(wanted) | both.isin(swapped)]], ignore_index=True)
        passages, share_table = passages.infer_objects(), share_table.infer_objects()  # the dtypes of a run from scratch
    passages = passages.reset_index(drop=True)
    share_table = share_table.sort_values(["article_id", "other_id"]).reset_index(drop=True)
    if memo is not None and all(keys):
        candidates = pd.DataFrame([(keys[i], keys[j], c) for i in range(len(ids)) for j, c in partners.get(i, [])],
                                  columns=["key", "partner", "count"])
        aligned = pd.DataFrame([(keys[i], keys[j]) for i, j in pairs], columns=["key_a", "key_b"])
        state_tables = {"candidates": candidates, "aligned": aligned, "shares": share_table}
        _store_passages(state_tables, passages, fresh_rows, state)
        memo.save(memo_name, state_tables, {"params": params, "covered": [k for k in keys]},
                  unchanged=("passages",) if state_tables["passages"] is (state or {}).get("base") else ())
    return {
        "reuse": passages[PASSAGE_COLUMNS].astype({"passage_id": int, "words_a": int, "words_b": int, "matched_words": int}),
        "reuse_shares": share_table[SHARE_COLUMNS].astype({"shared_words": int, "words": int, "passages": int}),
    }


def _in_order(table: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """`table.take(order)` with a fresh index. Where `order` is a few ascending runs (a re-run's new passages slotted
    in among the stored ones) the runs are sliced and concatenated instead, which does not copy their text."""
    breaks = np.flatnonzero(np.diff(order) != 1) + 1
    if not len(order) or len(breaks) >= 64:
        return table.take(order).reset_index(drop=True)
    starts, ends = np.r_[0, breaks].tolist(), np.r_[breaks, len(order)].tolist()
    return pd.concat([table.iloc[int(order[a]) : int(order[a]) + b - a] for a, b in zip(starts, ends)], ignore_index=True)


def share_matrix(shares: pd.DataFrame, article_ids: list[str]) -> pd.DataFrame:
    """Square matrix (rows: article, columns: other article) of shares, 0 where nothing is shared, NaN on the diagonal."""
    matrix = shares.pivot_table(index="article_id", columns="other_id", values="share", aggfunc="max")
    matrix = matrix.reindex(index=article_ids, columns=article_ids).fillna(0.0)
    for aid in article_ids:
        matrix.loc[aid, aid] = np.nan
    return matrix


def unit_share_matrix(shares: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label",
                      units: list[str] | None = None) -> pd.DataFrame:
    """Unit-by-unit version of `share_matrix` for corpora too large to show article by article.

    Cell (U, V) is the mean, over all pairs of an article a of unit U and a different article b of unit V, of the
    share of a's words inside passages it shares with b (0 for a pair without a passage). The diagonal compares the
    articles within one unit; it is NaN for a unit with a single article (no pair). Units are the values of column
    `by` of `articles` (default the outlet label), in `units` order (default: catalog order); a unit without
    articles gives a row and column of NaN.
    """
    ids = [str(a) for a in articles["article_id"]]
    of = dict(zip(ids, articles[by].astype(str)))
    units = list(dict.fromkeys(of.values())) if units is None else list(units)
    if not ids:
        return pd.DataFrame(np.nan, index=units, columns=units)
    matrix = share_matrix(shares, ids).fillna(0.0).to_numpy()  # the diagonal (an article with itself) adds nothing
    member = np.array([[of[a] == u for u in units] for a in ids], dtype=float)  # articles x units
    sums = member.T @ matrix @ member
    sizes = member.sum(axis=0)
    pairs = np.outer(sizes, sizes) - np.diag(sizes)  # ordered pairs of different articles
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(pairs > 0, sums / np.where(pairs > 0, pairs, 1), np.nan)
    return pd.DataFrame(means, index=units, columns=units)


def near_duplicates(prepared: dict[str, dict], *, threshold: float, n: int = NGRAM, memo=None) -> list[tuple[str, str, float]]:
    """Article pairs (earlier, later; in order of `prepared`, then of the later article) whose distinct word n-gram
    sets have a Jaccard index >= threshold. With the pipeline's `memo`, only new articles are compared with the
    others (a pair's index depends on the two articles alone), so a re-run costs one row per new article."""
    ids = list(prepared)
    shingles = _shingles([np.asarray(prepared[a]["tokens"], dtype=np.int64) for a in ids], n)
    keys = [memo.keys.get(a) for a in ids] if memo is not None else [None] * len(ids)
    pos = {k: i for i, k in enumerate(keys)}
    params = {"threshold": threshold, "n": n}
    saved = memo.load("near_duplicates") if memo is not None and all(keys) else None
    found: dict[tuple[int, int], float] = {}
    fresh = list(range(len(ids)))
    known: dict[str, int] = {}  # distinct shingles per article (cache key) from the last run
    if saved is not None and saved[1].get("params") == params:
        covered = saved[1].get("covered", [])
        was = set(covered)
        fresh = [i for i, k in enumerate(keys) if k not in was]
        if len(saved[1].get("sizes", [])) == len(covered):
            known = dict(zip(covered, saved[1]["sizes"]))
        pairs = saved[0]["pairs"]
        for ka, kb, j in zip(pairs["key_a"], pairs["key_b"], pairs["jaccard"]):
            if ka in pos and kb in pos:
                found[tuple(sorted((pos[ka], pos[kb])))] = float(j)
    sizes = np.array([known[k] if k in known else len(shingles.distinct(i)) for i, k in enumerate(keys)], dtype=np.int64)
    is_fresh = np.zeros(len(ids), dtype=bool)
    is_fresh[fresh] = True
    if len(ids) >= 2 and sizes.sum():
        for i, js, inter in _shared_counts(shingles, fresh):
            union = sizes[i] + sizes[js] - inter
            jaccard = np.divide(inter, union, out=np.zeros(len(union)), where=union > 0)
            hits = (js != i) & (jaccard >= threshold) & ~(is_fresh[js] & (js < i))  # a pair of two new ones: once
            for j, v in zip(js[hits].tolist(), jaccard[hits].tolist()):
                found[(min(i, j), max(i, j))] = v
    if memo is not None and all(keys):
        table = pd.DataFrame([(keys[i], keys[j], v) for (i, j), v in found.items()], columns=["key_a", "key_b", "jaccard"])
        memo.save("near_duplicates", {"pairs": table}, {"params": params, "covered": keys, "sizes": sizes.tolist()})
    return [(ids[i], ids[j], v) for (i, j), v in sorted(found.items())]


def textstat_near_duplicates(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    prepared: dict[str, dict] | None = None,
    threshold: float | None = None,
    n: int = NGRAM,
    memo=None,
) -> pd.DataFrame:
    """Articles whose word n-gram sets overlap heavily with an earlier one (agency copy, re-posts): flagged, not dropped.

    One row per pair, named by its later article (catalog order decides which is earlier): article_id, near_duplicate_of, jaccard
    (of the two sets of distinct word `n`-grams) and flag (the text the pipeline adds to the article's flags).
    `threshold` defaults to config.NEAR_DUPLICATE_JACCARD.
    """
    if prepared is None:
        prepared = prepare_reuse(sentences)
    threshold = config.NEAR_DUPLICATE_JACCARD if threshold is None else threshold
    order = [a for a in dict.fromkeys(map(str, articles["article_id"])) if a in prepared]
    found = near_duplicates({a: prepared[a] for a in order}, threshold=threshold, n=n, memo=memo)
    rows = [
        {"article_id": later, "near_duplicate_of": first, "jaccard": round(j, 3),
         "flag": f"near duplicate of {first} ({j:.0%} shared {n}-word sequences)"}
        for first, later, j in found
    ]
    return pd.DataFrame(rows, columns=NEAR_DUPLICATE_COLUMNS)


def rewrites_computed(articles: pd.DataFrame) -> bool:
    """Whether the pipeline searched this corpus for close rewrites (at most config.REWRITE_MAX_ARTICLES articles)."""
    return len(articles) <= config.REWRITE_MAX_ARTICLES


def textstat_rewrites(sentences: pd.DataFrame, *, articles: pd.DataFrame, prepared: dict[str, dict] | None = None,
                      memo=None) -> dict[str, pd.DataFrame]:
    """Close rewrites of single sentences (the `REWRITE` settings) as tables `reuse_rewrite` and `reuse_rewrite_shares`,
    with the columns of `reuse` and `reuse_shares`.

    Both are empty above config.REWRITE_MAX_ARTICLES articles (`rewrites_computed` is then False), where comparing
    word pairs across all articles is too slow.
    """
    if not rewrites_computed(articles):
        return {"reuse_rewrite": pd.DataFrame(columns=PASSAGE_COLUMNS), "reuse_rewrite_shares": pd.DataFrame(columns=SHARE_COLUMNS)}
    out = textstat_reuse(sentences, articles=articles, prepared=prepared, memo=memo, memo_name="reuse_rewrite", **REWRITE)
    return {"reuse_rewrite": out["reuse"], "reuse_rewrite_shares": out["reuse_shares"]}


# --------------------------------------------------------------------------- views for the notebook


def _outlets(article_ids: pd.Series, articles: pd.DataFrame) -> list[str]:
    """The outlet label of each article id (the id itself where the catalog gives none)."""
    ids = pd.DataFrame({"article_id": list(article_ids)})
    return with_outlet(ids, articles)["outlet_label"].fillna(ids["article_id"]).tolist()


def passages(verbatim: pd.DataFrame, rewrites: pd.DataFrame | None, articles: pd.DataFrame) -> pd.DataFrame:
    """Every passage two articles share, for reading: verbatim copy (`reuse`) first, then close rewrites
    (`reuse_rewrite`) not already found verbatim; both texts, outlets by label, sentence numbers as "a / b"."""
    parts = []
    for level, table in ((VERBATIM, verbatim), (REWRITTEN, rewrites)):
        if table is None or table.empty:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "level": level,
                    "outlet_a": _outlets(table["article_a"], articles),
                    "outlet_b": _outlets(table["article_b"], articles),
                    "sentences": [f"{x} / {y}" for x, y in zip(table["sentences_a"], table["sentences_b"])],
                    "words": table["words_a"].astype(int).tolist(),
                    "similarity": table["similarity"].astype(float).tolist(),
                    "text_a": table["text_a"].tolist(),
                    "text_b": table["text_b"].tolist(),
                    "_key": list(zip(table["article_a"], table["article_b"], table["sentences_a"].astype(str),
                                     table["sentences_b"].astype(str))),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=PASSAGE_VIEW_COLUMNS)
    return pd.concat(parts, ignore_index=True).drop_duplicates("_key")[PASSAGE_VIEW_COLUMNS].reset_index(drop=True)


def _quoted(text: str, limit: int = 140) -> str:
    return "“" + (text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …") + "”"


def describe_reuse(verbatim: pd.DataFrame, rewrites: pd.DataFrame | None, articles: pd.DataFrame, *, listed: int = 5) -> str:
    """What the reuse tables show, as one Markdown paragraph: verbatim passages, and the first `listed` close
    rewrites (longest first) quoted with their outlets (computed, so it stays true when articles are added)."""
    n = len(articles)
    if n < 2:
        return f"**What we find.** The corpus holds {n} article(s): text reuse needs at least two to compare."
    if verbatim.empty:
        text = (f"**What we find.** No passage of {MIN_WORDS} or more words is shared verbatim by any two of the {n} articles: "
                "none of them is a copy of another.")
    else:
        longest = passages(verbatim.sort_values("words_a", ascending=False).head(1), None, articles).iloc[0]
        pairs = len(set(zip(verbatim["article_a"], verbatim["article_b"])))
        text = (
            f"**What we find.** {len(verbatim)} passage(s) of {MIN_WORDS} or more words are shared verbatim by {pairs} pair(s) "
            f"of the {n} articles; the longest, {longest['words']} words, by {longest['outlet_a']} and {longest['outlet_b']}."
        )
    if not rewrites_computed(articles):
        return text + f" Close rewrites were not searched for (more than {config.REWRITE_MAX_ARTICLES} articles)."
    view = passages(verbatim, rewrites, articles)
    close = view[view["level"] == REWRITTEN].sort_values("words", ascending=False, kind="stable")
    if close.empty:
        text += " No close rewrite of a single sentence links two articles" + (" either." if verbatim.empty else ".")
    else:
        quoted = [f"{_quoted(r.text_a)} ({r.outlet_a}) against {_quoted(r.text_b)} ({r.outlet_b})" for r in close.head(listed).itertuples()]
        more = f"; and {len(close) - listed} more (table `reuse-passages`)" if len(close) > listed else ""
        lead = "What the outlets share are" if verbatim.empty else "Besides, the outlets share"
        text += f" {lead} {len(close)} close rewrite(s) of single sentences: " + "; ".join(quoted) + more + "."
    if not view.empty:
        text += (" Such passages travel between outlets in nearly the same words, which is consistent with a shared source "
                 "(e.g. an agency wire), but the texts alone cannot show which.")
    return text
