"""Lexical similarity between articles: TF-IDF cosine over their cleaned text, and its means between units."""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .text import GERMAN_STOPWORDS, WORD_RE

COLUMNS = ["article_a", "article_b", "cosine"]


def textstat_similarity(
    sentences: pd.DataFrame, *, articles: pd.DataFrame | None = None, min_df: int = 1, sublinear_tf: bool = True
) -> pd.DataFrame:
    """Tidy pairs (article_a, article_b, cosine) for every ordered pair of articles, self-pairs included.

    Articles come in the order of `articles` (the catalog order) where given. Words are lower-cased, German
    function words dropped; a high cosine means shared vocabulary (same topic and wording), not necessarily copied
    passages (see reuse).
    """
    docs = sentences.groupby("article_id", sort=False)["text"].apply(" ".join)
    if articles is not None and len(articles):
        docs = docs.reindex([a for a in articles["article_id"] if a in docs.index])
    if docs.empty:
        return pd.DataFrame(columns=COLUMNS)
    vec = TfidfVectorizer(
        lowercase=True, token_pattern=WORD_RE.pattern, stop_words=sorted(GERMAN_STOPWORDS), min_df=min_df, sublinear_tf=sublinear_tf
    )
    matrix = cosine_similarity(vec.fit_transform(docs.values))
    ids = docs.index.tolist()
    rows = [(a, b, float(matrix[i, j])) for i, a in enumerate(ids) for j, b in enumerate(ids)]
    return pd.DataFrame(rows, columns=COLUMNS)


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


def similarity_overview(similarity: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label") -> pd.DataFrame:
    """The table behind the similarity heatmap: article by article (`similarity_matrix`, index named "article") while
    every unit holds exactly one article, so each article is its unit; unit by unit (`similarity_by_unit`, index named
    by `by`) as soon as a unit holds several articles."""
    present = articles[articles["article_id"].isin(set(similarity["article_a"]))]
    if present[by].value_counts().le(1).all():
        return similarity_matrix(similarity, articles=articles, by=by)
    return similarity_by_unit(similarity, articles=articles, by=by)
