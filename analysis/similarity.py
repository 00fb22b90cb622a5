"""Lexical similarity between articles: TF-IDF cosine over their cleaned text, and its means between units."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import config
from .text import GERMAN_STOPWORDS, WORD_RE

COLUMNS = ["article_a", "article_b", "cosine"]


def _analyzer(text: str) -> list[str]:
    """The tokens TF-IDF counts: TfidfVectorizer's own steps (lower case, `WORD_RE`, stop words), in text order."""
    return [t for t in WORD_RE.findall(text.lower()) if t not in GERMAN_STOPWORDS]


def prepare_similarity(sentences: pd.DataFrame) -> dict[str, list[str]]:
    """Per article: its TF-IDF tokens in text order (the per-article half, cached with the article)."""
    docs = sentences.groupby("article_id", sort=False)["text"].apply(" ".join)
    return {str(aid): _analyzer(text) for aid, text in docs.items()}


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
) -> pd.DataFrame | dict[str, pd.DataFrame]:
    """Tidy pairs (article_a, article_b, cosine) for every ordered pair of articles, self-pairs included.

    Articles come in the order of `articles` (the catalog order) where given. Words are lower-cased, German
    function words dropped; a high cosine means shared vocabulary (same topic and wording), not necessarily copied
    passages (see reuse). `prepared` is `prepare_similarity`'s output, when the pipeline has it cached.
    Above `max_all_pairs` articles (config.SIMILARITY_ALL_PAIRS_MAX) the table keeps, per article, its self-pair and
    its `top_k` (config.SIMILARITY_TOP_K) most similar others (ties by catalog order), so it grows linearly.
    With `by` (the pipeline's comparison unit, a column of `articles`), the result is a dict that adds
    `similarity_units`: the exact unit x unit means over all pairs (`unit_similarity`), whatever the corpus size.
    """
    if prepared is None:
        prepared = prepare_similarity(sentences)
    ids = [str(a) for a in dict.fromkeys(sentences["article_id"]) if str(a) in prepared]
    if articles is not None and len(articles):
        present = set(ids)
        ids = [str(a) for a in articles["article_id"] if str(a) in present]
    if not ids:
        pairs = pd.DataFrame(columns=COLUMNS)
        return pairs if by is None else {"similarity": pairs, "similarity_units": pd.DataFrame(columns=UNIT_COLUMNS)}
    x = tfidf_matrix([prepared[aid] for aid in ids], min_df=min_df, sublinear_tf=sublinear_tf)
    max_all_pairs = config.SIMILARITY_ALL_PAIRS_MAX if max_all_pairs is None else max_all_pairs
    names = np.array(ids, dtype=object)
    if len(ids) <= max_all_pairs:
        matrix = (x @ x.T).toarray()
        pairs = pd.DataFrame({"article_a": np.repeat(names, len(ids)), "article_b": np.tile(names, len(ids)),
                              "cosine": matrix.ravel().astype(float)}, columns=COLUMNS)
    else:
        pairs = _nearest(x, names, top_k=config.SIMILARITY_TOP_K if top_k is None else top_k)
    if by is None:
        return pairs
    return {"similarity": pairs, "similarity_units": unit_similarity(x, ids, articles=articles, by=by)}


def tfidf_matrix(docs: list[list[str]], *, min_df: int = 1, sublinear_tf: bool = True):
    """Rows of unit length, one per document of tokens: scikit-learn's TfidfVectorizer (smooth idf, terms in sorted
    order) built with scipy alone, so a re-run does not import scikit-learn (about a second) for one matrix."""
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
    if min_df > 1:
        counts = counts[:, np.flatnonzero(df >= min_df)]
        df = df[df >= min_df]
    if sublinear_tf:
        counts.data = np.log(counts.data) + 1
    x = counts @ sparse.diags(np.log((1 + len(docs)) / (1 + df)) + 1)
    x = sparse.csr_matrix(x)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1 / np.where(norms > 0, norms, 1)) @ x


UNIT_COLUMNS = ["by", "unit_a", "unit_b", "cosine", "pairs"]


def unit_similarity(x, ids: list[str], *, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Unit x unit mean cosine over all pairs of two different articles, one of each unit (long: by, unit_a, unit_b,
    cosine, pairs; units in catalog order). Exact without the article x article matrix: the rows of `x` have unit
    length, so the sum of cosines between two units is the dot product of their summed rows."""
    from scipy import sparse

    unit_of = dict(zip(articles["article_id"].astype(str), articles[by]))
    units = [unit_of.get(a) for a in ids]
    codes, names = pd.factorize(pd.Series(units, dtype=object), use_na_sentinel=True)
    ok = codes >= 0
    member = sparse.csr_matrix((np.ones(int(ok.sum())), (codes[ok], np.flatnonzero(ok))), shape=(len(names), len(ids)))
    sums = member @ x
    between = (sums @ sums.T).toarray()
    self_dot = np.asarray(x.multiply(x).sum(axis=1)).ravel()
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
    a, b, c = [], [], []
    for start in range(0, x.shape[0], block):
        sims = (x[start : start + block] @ x.T).toarray()
        rows = np.arange(start, start + len(sims))
        key = -sims
        key[np.arange(len(sims)), rows] = np.inf  # the self-pair sorts last; a stable sort keeps catalog order in ties
        best = np.argsort(key, axis=1, kind="stable")[:, :k]
        keep = np.concatenate([rows[:, None], best], axis=1)
        a.append(np.repeat(rows, k + 1))
        b.append(keep.ravel())
        c.append(np.take_along_axis(sims, keep, axis=1).ravel())
    a, b = np.concatenate(a), np.concatenate(b)
    return pd.DataFrame({"article_a": names[a], "article_b": names[b], "cosine": np.concatenate(c).astype(float)}, columns=COLUMNS)


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
