"""Lexical similarity between articles: TF-IDF cosine over their cleaned text, and its means between units."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import config
from .corpus import sentence_columns
from .text import GERMAN_STOPWORDS, WORD_RE

COLUMNS = ["article_a", "article_b", "cosine"]


def _analyzer(text: str) -> list[str]:
    """The tokens TF-IDF counts: TfidfVectorizer's own steps (lower case, `WORD_RE`, stop words), in text order."""
    return [t for t in WORD_RE.findall(text.lower()) if t not in GERMAN_STOPWORDS]


def prepare_similarity(sentences: pd.DataFrame) -> dict[str, list[str]]:
    """Per article: its TF-IDF tokens in text order (the per-article half, cached with the article)."""
    docs: dict[str, list[str]] = {}  # article -> its sentences, articles in order of appearance
    for aid, text in zip(*sentence_columns(sentences, ("article_id", "text"))):
        docs.setdefault(aid, []).append(text)
    return {str(aid): _analyzer(" ".join(texts)) for aid, texts in docs.items()}


def textstat_similarity(
    sentences: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    min_df: int = 1,
    sublinear_tf: bool = True,
    prepared: dict[str, list[str]] | None = None,
    max_all_pairs: int | None = None,
    top_k: int | None = None,
    by: str | None = None,
    memo=None,
) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """Tidy pairs (article_a, article_b, cosine) for every ordered pair of articles, self-pairs included.

    Articles come in the order of `articles` (the catalog order) where given. Words are lower-cased, German
    function words dropped; a high cosine means shared vocabulary (same topic and wording), not necessarily copied
    passages (see reuse). `prepared` is `prepare_similarity`'s output, when the pipeline has it cached.
    Above `max_all_pairs` articles (config.SIMILARITY_ALL_PAIRS_MAX) the table keeps, per article, its self-pair and
    its `top_k` (config.SIMILARITY_TOP_K) most similar others (ties by catalog order), so it grows linearly.
    With `by` (the pipeline's comparison unit, a column of `articles`), the result is a dict that adds
    `similarity_units`: the exact unit x unit means over all pairs (`unit_similarity`), whatever the corpus size.

    Documented approximation, only above `max_all_pairs` articles and with the pipeline's `memo`: every idf changes
    when one article is added, so an exact re-run recomputes and rewrites every score. Instead, a run that fits (the
    first above the size, or one where articles were removed or changed, or more than config.TOPICS_REFIT_SHARE of the
    fitted count were added since the fit, or the catalog order of the fitted articles changed) stores its vocabulary,
    idf and vectors; a later run that only adds articles keeps the fitted articles' cosines and vectors, and gives the
    added articles vectors under the fitted vocabulary and idf (words the fit never saw are left out). In the tables:
    a fitted article's rows keep their scores, and its list gains an added article only where that one ranks among
    its `top_k` nearest; an added article's rows are its nearest under the fitted model; `similarity_units` means are
    computed from the same vectors. A cold run (or the next refit) gives the exact values, which differ from these by
    every word's idf (ln((1 + n) / (1 + df)) + 1 over all n articles, not over the fitted ones) and by the added
    articles' words the fit never saw (on the 1,000-article bench, one added: 41 of 26,026 rows name another
    neighbour, cosines differ by 0.0001 on average).
    """
    if prepared is None:
        prepared = prepare_similarity(sentences)
    ids = [str(a) for a in dict.fromkeys(sentences["article_id"].tolist()) if str(a) in prepared]  # tolist: 20x faster
    if articles is not None and len(articles):
        present = set(ids)
        ids = [str(a) for a in articles["article_id"].tolist() if str(a) in present]
    if not ids:
        pairs = pd.DataFrame(columns=COLUMNS)
        return pairs if by is None else {"similarity": pairs, "similarity_units": pd.DataFrame(columns=UNIT_COLUMNS)}
    max_all_pairs = config.SIMILARITY_ALL_PAIRS_MAX if max_all_pairs is None else max_all_pairs
    top_k = config.SIMILARITY_TOP_K if top_k is None else top_k
    if memo is not None and len(ids) > max_all_pairs:
        params = {"min_df": min_df, "sublinear_tf": sublinear_tf, "top_k": min(top_k, len(ids) - 1)}
        kept = _memo_similarity(ids, prepared, memo=memo, params=params, articles=articles, by=by)
        if kept is not None:
            return kept
    model: dict = {}
    x = tfidf_matrix([prepared[aid] for aid in ids], min_df=min_df, sublinear_tf=sublinear_tf, model=model)
    names = np.array(ids, dtype=object)
    if len(ids) <= max_all_pairs:
        matrix = (x @ x.T).toarray()
        pairs = pd.DataFrame({"article_a": np.repeat(names, len(ids)), "article_b": np.tile(names, len(ids)),
                              "cosine": matrix.ravel().astype(float)}, columns=COLUMNS)
    else:
        pairs = _nearest(x, names, top_k=top_k)
        if memo is not None:
            _save_fit(memo, ids, x, model, pairs, params=params)
    if by is None:
        return pairs
    return {"similarity": pairs, "similarity_units": unit_similarity(x, ids, articles=articles, by=by)}


def tfidf_matrix(docs: list[list[str]], *, min_df: int = 1, sublinear_tf: bool = True, model: dict | None = None):
    """Rows of unit length, one per document of tokens: scikit-learn's TfidfVectorizer (smooth idf, terms in sorted
    order) built with scipy alone, so a re-run does not import scikit-learn (about a second) for one matrix. `model`,
    when given, receives the columns' `terms` and `idf`."""
    from scipy import sparse

    lengths = [len(doc) for doc in docs]
    every = np.empty(sum(lengths), dtype=object)
    every[:] = [t for doc in docs for t in doc]
    cols, terms = pd.factorize(every)  # ids in order of first occurrence
    terms = np.asarray(terms, dtype=object)
    rows = np.repeat(np.arange(len(docs)), lengths)
    rank = np.empty(len(terms), dtype=np.int64)
    rank[np.argsort(terms, kind="stable")] = np.arange(len(terms))
    counts = sparse.csr_matrix((np.ones(len(cols)), (rows, rank[np.asarray(cols, dtype=np.int64)])),
                               shape=(len(docs), len(terms)))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(terms))
    columns = np.sort(terms) if model is not None else None
    if min_df > 1:
        counts = counts[:, np.flatnonzero(df >= min_df)]
        columns = columns[df >= min_df] if columns is not None else None
        df = df[df >= min_df]
    if sublinear_tf:
        counts.data = np.log(counts.data) + 1
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    if model is not None:
        model.update(terms=columns, idf=idf)
    x = counts @ sparse.diags(idf)
    x = sparse.csr_matrix(x)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1 / np.where(norms > 0, norms, 1)) @ x


UNIT_COLUMNS = ["by", "unit_a", "unit_b", "cosine", "pairs"]


def unit_similarity(x, ids: list[str], *, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Unit x unit mean cosine over all pairs of two different articles, one of each unit (long: by, unit_a, unit_b,
    cosine, pairs; units in catalog order). Exact without the article x article matrix: the rows of `x` have unit
    length, so the sum of cosines between two units is the dot product of their summed rows."""
    from scipy import sparse

    codes, names = _unit_codes(ids, articles=articles, by=by)
    ok = codes >= 0
    member = sparse.csr_matrix((np.ones(int(ok.sum())), (codes[ok], np.flatnonzero(ok))), shape=(len(names), len(ids)))
    sums = member @ x
    between = (sums @ sums.T).toarray()
    self_dot = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    return _unit_means(between, self_dot, codes, names, by=by)


def _unit_codes(ids: list[str], *, articles: pd.DataFrame, by: str) -> tuple[np.ndarray, pd.Index]:
    unit_of = dict(zip(articles["article_id"].astype(str), articles[by]))
    return pd.factorize(pd.Series([unit_of.get(a) for a in ids], dtype=object), use_na_sentinel=True)


def _unit_means(between: np.ndarray, self_dot: np.ndarray, codes: np.ndarray, names, *, by: str) -> pd.DataFrame:
    """The `unit_similarity` table from the units' summed rows' dot products (`between`) and each row's own."""
    ok = codes >= 0
    sizes = np.bincount(codes[ok], minlength=len(names)).astype(float)
    between[np.diag_indices(len(names))] -= np.bincount(codes[ok], weights=self_dot[ok], minlength=len(names))
    pairs = np.outer(sizes, sizes) - np.diag(sizes)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(pairs > 0, between / np.where(pairs > 0, pairs, 1), np.nan)
    n = len(names)
    return pd.DataFrame({"by": by, "unit_a": np.repeat(np.asarray(names, dtype=object), n),
                         "unit_b": np.tile(np.asarray(names, dtype=object), n), "cosine": means.ravel(),
                         "pairs": pairs.ravel().astype(int)}, columns=UNIT_COLUMNS)


def _nearest(x, names: np.ndarray, *, top_k: int, cells: int = 20_000_000) -> pd.DataFrame:
    """Per article its self-pair and its `top_k` most similar others, computed in blocks of rows of at most `cells`
    cosines (160 MB), so memory stays bounded however large the corpus."""
    block = max(1, min(500, cells // max(1, len(names))))
    k = min(top_k, len(names) - 1)
    xt = x.T.tocsr()  # what each block's product would convert x.T to (the same numbers), converted once
    a, b, c = [], [], []
    for start in range(0, x.shape[0], block):
        sims = (x[start : start + block] @ xt).toarray()
        rows = np.arange(start, start + len(sims))
        key = -sims
        key[np.arange(len(sims)), rows] = np.inf  # the self-pair sorts last; a stable sort keeps catalog order in ties
        best = _smallest(key, k)
        keep = np.concatenate([rows[:, None], best], axis=1)
        a.append(np.repeat(rows, k + 1))
        b.append(keep.ravel())
        c.append(np.take_along_axis(sims, keep, axis=1).ravel())
    a, b = np.concatenate(a), np.concatenate(b)
    return pd.DataFrame({"article_a": names[a], "article_b": names[b], "cosine": np.concatenate(c).astype(float)}, columns=COLUMNS)


def _smallest(key: np.ndarray, k: int) -> np.ndarray:
    """Per row the columns of its `k` smallest values, ties in column order: the first `k` of a stable argsort of
    each row, found by partitioning and sorting only the candidates (several times faster on long rows)."""
    if k <= 0:
        return np.zeros((len(key), 0), dtype=np.intp)
    if k >= key.shape[1] or np.isnan(key).any():
        return np.argsort(key, axis=1, kind="stable")[:, :k]
    kth = np.partition(key, k - 1, axis=1)[:, k - 1 : k]
    r, c = np.nonzero(key <= kth)  # every row has at least k (more where values tie with its k-th)
    order = np.lexsort((c, key[r, c], r))
    r, c = r[order], c[order]
    starts = np.searchsorted(r, np.arange(len(key)))
    take = np.arange(len(r)) - starts[r] < k
    return c[take].reshape(len(key), k)


def article_labels(articles: pd.DataFrame, *, by: str = "outlet_label") -> dict[str, str]:
    """A display name per article: its outlet label, followed by the article id where an outlet has several articles."""
    counts = articles[by].value_counts()
    return {a: (o if counts[o] == 1 else f"{o} · {a}") for a, o in zip(articles["article_id"], articles[by])}


def similarity_matrix(similarity: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label") -> pd.DataFrame:
    """The similarity pairs as a square table, articles in catalog order, rows and columns named by `article_labels`."""
    ids = [a for a in articles["article_id"] if a in set(similarity["article_a"])]
    wide = similarity.pivot(index="article_a", columns="article_b", values="cosine").reindex(index=ids, columns=ids)
    names = article_labels(articles, by=by)
    wide = wide.rename(index=names, columns=names)
    wide.index.name, wide.columns.name = "article", "article"
    return wide


def similarity_by_unit(similarity: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label") -> pd.DataFrame:
    """Unit x unit table (units in catalog order): the mean cosine over all pairs of two different articles, one from
    each unit. On the diagonal, the mean over pairs of different articles of the same unit (NaN for a unit with a
    single article: self-similarity is 1 by definition and says nothing)."""
    units = articles.set_index("article_id")[by]
    pairs = similarity[similarity["article_a"] != similarity["article_b"]]
    pairs = pairs.assign(unit_a=pairs["article_a"].map(units), unit_b=pairs["article_b"].map(units)).dropna(subset=["unit_a", "unit_b"])
    order = list(dict.fromkeys(articles.loc[articles["article_id"].isin(set(similarity["article_a"])), by]))
    wide = pairs.pivot_table(index="unit_a", columns="unit_b", values="cosine", aggfunc="mean") if len(pairs) else pd.DataFrame()
    wide = wide.reindex(index=order, columns=order).astype(float)
    wide.index.name, wide.columns.name = by, by
    return wide


def similarity_overview(similarity: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label",
                        units: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table behind the similarity heatmap: article by article (`similarity_matrix`, index named "article") while
    every unit holds exactly one article, so each article is its unit; unit by unit (`similarity_by_unit`, index named
    by `by`) as soon as a unit holds several articles. On a corpus above config.SIMILARITY_ALL_PAIRS_MAX articles the
    pairs table holds nearest neighbours only: pass the extract's `similarity_units` table as `units` for exact unit
    means (without it, the means are over the listed neighbour pairs)."""
    present = articles[articles["article_id"].isin(set(similarity["article_a"]))]
    if present[by].value_counts().le(1).all():
        return similarity_matrix(similarity, articles=articles, by=by)
    truncated = len(similarity) < len(present) ** 2
    if truncated and units is not None and len(units) and (units["by"] == by).all():
        order = list(dict.fromkeys(present[by]))
        wide = units.pivot(index="unit_a", columns="unit_b", values="cosine").reindex(index=order, columns=order).astype(float)
        wide.index.name, wide.columns.name = by, by
        return wide
    return similarity_by_unit(similarity, articles=articles, by=by)


MEMO = "similarity"
UNIT_CELLS = 20_000_000  # units x words of the dense unit sums a kept fit may build (160 MB); above, refit


def _save_fit(memo, ids: list[str], x, model: dict, pairs: pd.DataFrame, *, params: dict) -> None:
    """Keep a fit above the all-pairs size for later runs that only add articles (see `textstat_similarity`)."""
    x = x.tocsr()
    vectors = pd.DataFrame({"row": np.repeat(np.arange(x.shape[0], dtype=np.int32), np.diff(x.indptr)),
                            "col": x.indices.astype(np.int32), "value": x.data.astype(float)})
    vocabulary = pd.DataFrame({"term": pd.Series(model["terms"], dtype=object), "idf": model["idf"]})
    memo.save(MEMO, {"pairs": pairs, "vectors": vectors, "vocabulary": vocabulary},
              {"params": params, "ids": ids, "keys": [memo.keys.get(a) for a in ids]})


def _memo_similarity(ids: list[str], prepared: dict[str, list[str]], *, memo, params: dict,
                     articles: pd.DataFrame | None, by: str | None) -> pd.DataFrame | dict[str, pd.DataFrame] | None:
    """The tables of a run that only added articles since the stored fit, under the fitted model (see
    `textstat_similarity`); None when a refit is due."""
    from . import config

    saved = memo.load(MEMO)
    if saved is None:
        return None
    tables, meta = saved
    fit_ids, fit_keys = list(meta.get("ids", [])), list(meta.get("keys", []))
    if meta.get("params") != params or not fit_ids or len(fit_ids) != len(fit_keys):
        return None
    fitted = set(fit_ids)
    if [a for a in ids if a in fitted] != fit_ids or any(memo.keys.get(a) != k for a, k in zip(fit_ids, fit_keys)):
        return None  # removed, changed or reordered articles: refit
    added = [a for a in ids if a not in fitted]
    if not added or len(added) > config.TOPICS_REFIT_SHARE * len(fit_ids):
        return None  # nothing added: the exact tables (a run that only changed the catalog's units)
    k = params["top_k"]
    vocabulary, vectors, pairs = tables["vocabulary"], tables["vectors"], tables["pairs"]
    column = {t: j for j, t in enumerate(vocabulary["term"].tolist())}
    idf = vocabulary["idf"].to_numpy(dtype=float)
    rows = [vectors["row"].to_numpy(dtype=np.int64)]
    cols = [vectors["col"].to_numpy(dtype=np.int64)]
    vals = [vectors["value"].to_numpy(dtype=float)]
    for r, aid in enumerate(added, start=len(fit_ids)):
        counts: dict[int, int] = {}
        for token in prepared[aid]:
            j = column.get(token)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        js = np.array(sorted(counts), dtype=np.int64)
        tf = np.array([counts[j] for j in js.tolist()], dtype=float)
        value = ((np.log(tf) + 1) if params["sublinear_tf"] else tf) * idf[js]
        norm = np.sqrt(np.dot(value, value))
        rows.append(np.full(len(js), r, dtype=np.int64))
        cols.append(js)
        vals.append(value / norm if norm > 0 else value)
    row, col, val = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    order = fit_ids + added  # row order of the vectors
    n = len(order)
    at = {a: i for i, a in enumerate(ids)}  # catalog positions, for ties
    position = np.array([at[a] for a in order])
    added_sims = []
    for r in range(len(fit_ids), n):
        mine = np.zeros(len(idf))
        here = row == r
        mine[col[here]] = val[here]
        added_sims.append(np.bincount(row, weights=val * mine[col], minlength=n))
    added_sims = np.array(added_sims).reshape(len(added), n)
    names = np.array(order, dtype=object)
    a_col = pairs["article_a"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, a_col[1:] != a_col[:-1]])
    ends = np.r_[starts[1:], len(a_col)]
    old_b = pairs["article_b"].to_numpy(dtype=object)
    old_c = pairs["cosine"].to_numpy(dtype=float)
    index_of = {a: i for i, a in enumerate(order)}
    blocks: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []  # (catalog position, a, b, cosine)
    for start, end in zip(starts.tolist(), ends.tolist()):
        a = a_col[start]
        i = index_of[a]
        others = old_b[start + 1 : end]
        cos = old_c[start + 1 : end]
        entering = added_sims[:, i]
        if len(others) == k and not (entering > cos[-1]).any() and not ((entering == cos[-1]).any()):
            blocks.append((at[a], a_col[start:end], old_b[start:end], old_c[start:end]))
            continue
        cand_b = np.concatenate([others, names[len(fit_ids):]])
        cand_c = np.concatenate([cos, entering])
        cand_p = np.array([at[b] for b in cand_b])
        best = np.lexsort((cand_p, -cand_c))[:k]
        blocks.append((at[a], np.repeat(a, len(best) + 1).astype(object), np.r_[[a], cand_b[best]].astype(object),
                       np.r_[old_c[start], cand_c[best]]))
    for r in range(len(added)):
        i = len(fit_ids) + r
        sims = added_sims[r]
        key = -sims
        key[i] = np.inf
        best = np.lexsort((position, key))[:k]
        keep = np.r_[i, best]
        blocks.append((position[i], np.repeat(names[i], len(keep)).astype(object), names[keep], sims[keep]))
    blocks.sort(key=lambda b: b[0])
    table = pd.DataFrame({"article_a": np.concatenate([b[1] for b in blocks]), "article_b": np.concatenate([b[2] for b in blocks]),
                          "cosine": np.concatenate([b[3] for b in blocks]).astype(float)}, columns=COLUMNS)
    if by is None:
        return table
    codes, units = _unit_codes(ids, articles=articles, by=by)
    codes = codes[position]  # per row of the vectors; units stay in catalog order
    if len(units) * len(idf) > UNIT_CELLS:
        return None
    mine = codes[row] >= 0
    sums = np.bincount(codes[row[mine]] * len(idf) + col[mine], weights=val[mine],
                       minlength=len(units) * len(idf)).reshape(len(units), len(idf))
    self_dot = np.bincount(row, weights=val * val, minlength=n)
    return {"similarity": table, "similarity_units": _unit_means(sums @ sums.T, self_dot, codes, units, by=by)}
