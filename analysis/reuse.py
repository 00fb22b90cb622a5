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
from scipy import sparse

from . import config
from .corpus import TEXT_ROLES, select_roles, with_outlet
from .text import TOKEN_RE

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


def prepare_reuse(sentences: pd.DataFrame) -> dict[str, dict]:
    """Per article: sentence ids, texts and token ids of its sentences (credit lines left out).

    This is the per-article half of the reuse analysis; the pipeline caches it with the article, so
    a re-run only tokenises new articles.
    """
    out: dict[str, dict] = {}
    own = select_roles(sentences, TEXT_ROLES)
    for aid, sid, text in zip(own["article_id"].tolist(), own["sentence_id"].tolist(), own["text"].tolist()):
        entry = out.setdefault(str(aid), {"sentence_ids": [], "texts": [], "tokens": [], "first_token": []})
        entry["sentence_ids"].append(int(sid))
        entry["texts"].append(str(text))
        entry["first_token"].append(len(entry["tokens"]))
        entry["tokens"].extend(_token_id(_normalised(m.group())) for m in _tokens(str(text)))
    for entry in out.values():
        entry["tokens"] = np.asarray(entry["tokens"], dtype=np.int64)
    return out


class _Doc:
    """One article as token ids and shingle hashes; character spans are found only for reported passages."""

    __slots__ = ("article_id", "sentence_ids", "texts", "tokens", "shingles", "order", "sorted_shingles", "first_token", "_spans")

    def __init__(self, article_id: str, prepared: dict, n: int):
        self.article_id = article_id
        self.sentence_ids = prepared["sentence_ids"]
        self.texts = prepared["texts"]
        self.first_token = prepared["first_token"]
        self.tokens = prepared["tokens"]
        self.shingles = _shingle_hashes(self.tokens, n)
        self.order = np.argsort(self.shingles, kind="stable")
        self.sorted_shingles = self.shingles[self.order]
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def locate(self, token: int) -> tuple[int, tuple[int, int]]:
        """(sentence index, character span within that sentence) of a token."""
        k = bisect_right(self.first_token, token) - 1
        spans = self._spans.get(k)
        if spans is None:
            spans = self._spans[k] = [m.span() for m in _tokens(self.texts[k])]
        return k, spans[token - self.first_token[k]]


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


def _candidates(docs: list[_Doc], *, min_shared: int, top_k: int) -> list[tuple[int, int]]:
    """Article pairs (i < j) sharing at least `min_shared` distinct shingles, at most `top_k` partners each."""
    rows, cols = [], []
    for i, d in enumerate(docs):
        u = np.unique(d.shingles)
        rows.append(np.full(len(u), i, dtype=np.int64))
        cols.append(u)
    if not rows or not sum(len(c) for c in cols):
        return []
    allcols = np.concatenate(cols)
    _, col_ids = np.unique(allcols, return_inverse=True)
    x = sparse.csr_matrix(
        (np.ones(len(col_ids), dtype=np.int32), (np.concatenate(rows), col_ids)), shape=(len(docs), int(col_ids.max()) + 1)
    )
    shared = (x @ x.T).tocsr()
    pairs: set[tuple[int, int]] = set()
    for i in range(len(docs)):
        start, end = shared.indptr[i], shared.indptr[i + 1]
        js, counts = shared.indices[start:end], shared.data[start:end]
        keep = (js != i) & (counts >= min_shared)
        js, counts = js[keep], counts[keep]
        if len(js) > top_k:
            order = np.argsort(-counts, kind="stable")[:top_k]
            js = js[order]
        for j in js.tolist():
            pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def align(
    a: _Doc, b: _Doc, *, n: int = NGRAM, min_words: int = MIN_WORDS, max_gap: int = MAX_GAP, min_similarity: float = MIN_SIMILARITY
) -> list[tuple[int, int, int, int, int]]:
    """Shared passages of two documents as (a_start, a_end, b_start, b_end, matched) token ranges (end exclusive)."""
    if not len(a.shingles) or not len(b.shingles):
        return []
    left = np.searchsorted(b.sorted_shingles, a.shingles, side="left")
    right = np.searchsorted(b.sorted_shingles, a.shingles, side="right")
    count = np.minimum(right - left, 8)  # a shingle repeated in b: its first 8 occurrences
    total = int(count.sum())
    if not total:
        return []
    i = np.repeat(np.arange(len(a.shingles)), count)
    within = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    j = b.order[np.repeat(left, count) + within]
    diag = j - i
    order = np.lexsort((i, diag))
    i, diag = i[order], diag[order]
    breaks = np.flatnonzero((np.diff(i) != 1) | (np.diff(diag) != 0)) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(i)])) - 1
    # (a_start, a_last, diagonal): exact runs of consecutive shared shingles on one diagonal
    runs = list(zip(i[starts].tolist(), i[ends].tolist(), diag[starts].tolist()))
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
    """Sentence-id range and verbatim text of tokens [start, end) of a document."""
    k0, (c0, _) = doc.locate(start)
    k1, (_, c1) = doc.locate(end - 1)
    first, last = doc.sentence_ids[k0], doc.sentence_ids[k1]
    if k0 == k1:
        return str(first), doc.texts[k0][c0:c1]
    pieces = doc.texts[k0 : k1 + 1]
    tail_offset = sum(len(p) + 1 for p in pieces[:-1])
    return f"{first}-{last}", " ".join(pieces)[c0 : tail_offset + c1]


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
) -> dict[str, pd.DataFrame]:
    """Aligned passages shared by article pairs (`reuse`) and each article's share shared with each other (`reuse_shares`).

    `reuse`: one row per passage and unordered pair, with both verbatim texts. `reuse_shares`: one
    row per ordered pair with at least one passage: the share of the article's words inside passages
    it shares with the other. Pairs without passages are absent (share 0). Credit lines are ignored.
    `prepared` is `prepare_reuse`'s output for the articles, when the pipeline has it cached.
    """
    if prepared is None:
        prepared = prepare_reuse(sentences)
    order = list(articles["article_id"]) if articles is not None and "article_id" in articles else []
    ids = [a for a in order if a in prepared] + sorted(set(prepared) - set(order))
    docs = [_Doc(aid, prepared[aid], n) for aid in ids]
    passages, coverage = [], defaultdict(lambda: np.zeros(0, dtype=bool))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for i, j in _candidates(docs, min_shared=max(1, min_words - n + 1), top_k=top_k):
        a, b = docs[i], docs[j]
        found = align(a, b, n=n, min_words=min_words, max_gap=max_gap, min_similarity=min_similarity)
        if not found:
            continue
        mask_a, mask_b = np.zeros(len(a.tokens), dtype=bool), np.zeros(len(b.tokens), dtype=bool)
        for k, (a0, a1, b0, b1, matched) in enumerate(found, start=1):
            mask_a[a0:a1] = True
            mask_b[b0:b1] = True
            (sentences_a, text_a), (sentences_b, text_b) = _passage(a, a0, a1), _passage(b, b0, b1)
            passages.append(
                {
                    "article_a": a.article_id,
                    "article_b": b.article_id,
                    "passage_id": k,
                    "sentences_a": sentences_a,
                    "sentences_b": sentences_b,
                    "words_a": a1 - a0,
                    "words_b": b1 - b0,
                    "matched_words": int(matched),
                    "similarity": round(matched / max(a1 - a0, b1 - b0), 3),
                    "text_a": text_a,
                    "text_b": text_b,
                }
            )
        coverage[(a.article_id, b.article_id)] = mask_a
        coverage[(b.article_id, a.article_id)] = mask_b
        counts[(a.article_id, b.article_id)] = counts[(b.article_id, a.article_id)] = len(found)
    sizes = {d.article_id: len(d.tokens) for d in docs}
    shares = [
        {
            "article_id": x,
            "other_id": y,
            "shared_words": int(mask.sum()),
            "words": sizes[x],
            "share": round(float(mask.sum()) / sizes[x], 4) if sizes[x] else 0.0,
            "passages": counts[(x, y)],
        }
        for (x, y), mask in coverage.items()
    ]
    return {
        "reuse": pd.DataFrame(passages, columns=PASSAGE_COLUMNS),
        "reuse_shares": pd.DataFrame(shares, columns=SHARE_COLUMNS).sort_values(["article_id", "other_id"]).reset_index(drop=True),
    }


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


def near_duplicates(prepared: dict[str, dict], *, threshold: float, n: int = NGRAM) -> list[tuple[str, str, float]]:
    """Article pairs (earlier, later) whose distinct word n-gram sets have a Jaccard index >= threshold."""
    ids = list(prepared)
    docs = [np.unique(_shingle_hashes(prepared[a]["tokens"], n)) for a in ids]
    if len(docs) < 2 or not sum(len(d) for d in docs):
        return []
    _, col_ids = np.unique(np.concatenate(docs), return_inverse=True)
    rows = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    x = sparse.csr_matrix((np.ones(len(col_ids), dtype=np.int32), (rows, col_ids)), shape=(len(docs), int(col_ids.max()) + 1))
    inter = (x @ x.T).tocoo()
    sizes = np.array([len(d) for d in docs])
    union = sizes[inter.row] + sizes[inter.col] - inter.data
    jaccard = np.divide(inter.data, union, out=np.zeros(len(union)), where=union > 0)
    hits = (inter.row < inter.col) & (jaccard >= threshold)
    return [(ids[i], ids[j], float(v)) for i, j, v in zip(inter.row[hits], inter.col[hits], jaccard[hits])]


def textstat_near_duplicates(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    prepared: dict[str, dict] | None = None,
    threshold: float | None = None,
    n: int = NGRAM,
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
    found = near_duplicates({a: prepared[a] for a in order}, threshold=threshold, n=n)
    rows = [
        {"article_id": later, "near_duplicate_of": first, "jaccard": round(j, 3),
         "flag": f"near duplicate of {first} ({j:.0%} shared {n}-word sequences)"}
        for first, later, j in found
    ]
    return pd.DataFrame(rows, columns=NEAR_DUPLICATE_COLUMNS)


def rewrites_computed(articles: pd.DataFrame) -> bool:
    """Whether the pipeline searched this corpus for close rewrites (at most config.REWRITE_MAX_ARTICLES articles)."""
    return len(articles) <= config.REWRITE_MAX_ARTICLES


def textstat_rewrites(sentences: pd.DataFrame, *, articles: pd.DataFrame, prepared: dict[str, dict] | None = None) -> dict[str, pd.DataFrame]:
    """Close rewrites of single sentences (the `REWRITE` settings) as tables `reuse_rewrite` and `reuse_rewrite_shares`,
    with the columns of `reuse` and `reuse_shares`.

    Both are empty above config.REWRITE_MAX_ARTICLES articles (`rewrites_computed` is then False), where comparing
    word pairs across all articles is too slow.
    """
    if not rewrites_computed(articles):
        return {"reuse_rewrite": pd.DataFrame(columns=PASSAGE_COLUMNS), "reuse_rewrite_shares": pd.DataFrame(columns=SHARE_COLUMNS)}
    out = textstat_reuse(sentences, articles=articles, prepared=prepared, **REWRITE)
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
