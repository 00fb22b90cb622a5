"""What the corpus holds: per-article overview and what cleaning removed."""

from __future__ import annotations

import pandas as pd


def corpus_overview(articles: pd.DataFrame, *, readability: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: outlet, date, title, words, sentences, removed lines, readability."""
    cols = ["article_id", "outlet_label", "outlet_type", "date", "title", "words", "sentences", "removed_lines", "flags"]
    table = articles[[c for c in cols if c in articles]].copy()
    if readability is not None and len(readability):
        table = table.merge(readability[["article_id", "flesch_amstad", "wiener_sachtextformel"]], on="article_id", how="left")
    return table


def removed_summary(removed: pd.DataFrame, *, articles: pd.DataFrame) -> pd.DataFrame:
    """Removed lines and words per article and cleaning rule, with the outlet label (tidy)."""
    if removed.empty:
        return pd.DataFrame(columns=["article_id", "outlet_label", "rule", "lines", "words"])
    counted = removed.assign(words=removed["text"].str.split().str.len())
    table = counted.groupby(["article_id", "rule"], as_index=False).agg(lines=("line", "size"), words=("words", "sum"))
    return table.merge(articles[["article_id", "outlet_label"]], on="article_id", how="left")[
        ["article_id", "outlet_label", "rule", "lines", "words"]
    ]
