"""Lexical similarity between articles: TF-IDF cosine over their cleaned text."""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .text import GERMAN_STOPWORDS, WORD_RE


def textstat_similarity(
    sentences: pd.DataFrame, *, articles: pd.DataFrame | None = None, min_df: int = 1, sublinear_tf: bool = True
) -> pd.DataFrame:
    """Tidy pairs (article_a, article_b, cosine) for every ordered pair of articles, self-pairs included.

    Words are lower-cased, German function words dropped; a high cosine means shared vocabulary
    (same topic and wording), not necessarily copied passages (see reuse).
    """
    docs = sentences.groupby("article_id", sort=False)["text"].apply(" ".join)
    if docs.empty:
        return pd.DataFrame(columns=["article_a", "article_b", "cosine"])
    vec = TfidfVectorizer(
        lowercase=True, token_pattern=WORD_RE.pattern, stop_words=sorted(GERMAN_STOPWORDS), min_df=min_df, sublinear_tf=sublinear_tf
    )
    matrix = cosine_similarity(vec.fit_transform(docs.values))
    ids = docs.index.tolist()
    rows = [(a, b, float(matrix[i, j])) for i, a in enumerate(ids) for j, b in enumerate(ids)]
    return pd.DataFrame(rows, columns=["article_a", "article_b", "cosine"])
