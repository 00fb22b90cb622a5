"""Lexical similarity between articles: TF-IDF cosine over their cleaned text."""

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
