"""What the corpus holds: per-article overview, length per outlet and what cleaning removed."""

from __future__ import annotations

import pandas as pd

from .corpus import with_outlet

REMOVED_COLUMNS = ["article_id", "outlet_label", "rule", "lines", "words"]


def corpus_overview(articles: pd.DataFrame, *, readability: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: outlet, date, title, words, sentences, removed lines, readability."""
    cols = ["article_id", "outlet_label", "outlet_type", "date", "title", "words", "sentences", "removed_lines", "flags"]
    table = articles[[c for c in cols if c in articles]].copy()
    if readability is not None and len(readability):
        table = table.merge(readability[["article_id", "flesch_amstad", "wiener_sachtextformel"]], on="article_id", how="left")
    return table


def _units(articles: pd.DataFrame, by: str) -> list[str]:
    """The comparison units in catalog order (the order of the articles table)."""
    return list(dict.fromkeys(articles[by])) if by in articles else []


def describe_outlets(articles: pd.DataFrame, *, by: str = "outlet_label") -> str:
    """One sentence on how many articles each outlet contributes, and what that allows an outlet comparison to claim."""
    counts = articles.groupby(by, sort=False).size()
    if counts.empty:
        return "The corpus holds no article."
    if len(counts) == 1 and counts.iloc[0] == 1:
        return "The corpus holds a single article: the figures below describe this one text, not an outlet's coverage."
    if (counts == 1).all():
        return (
            f"In this corpus each of the {len(counts)} outlets contributes exactly one article, so every outlet "
            "comparison below is a comparison of single articles: it describes these texts, it does not generalise "
            "to an outlet's coverage."
        )
    single = counts.index[counts == 1].tolist()
    text = (
        f"The corpus holds {int(counts.sum())} articles from {len(counts)} outlets ({int(counts.min())} to "
        f"{int(counts.max())} per outlet); outlet figures sum or average over an outlet's articles."
    )
    if single:
        text += (
            f" {len(single)} outlet(s) contribute a single article ({', '.join(map(str, single))}); for them an outlet "
            "comparison describes one text, not the outlet's coverage."
        )
    return text


def length_by_outlet(articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per outlet (catalog order): number of articles, words and sentences after cleaning, summed over its articles."""
    table = articles.groupby(by, sort=False).agg(
        articles=("article_id", "size"), words=("words", "sum"), sentences=("sentences", "sum")
    )
    return table.reindex(_units(articles, by)).rename_axis(by)


def removed_summary(removed: pd.DataFrame, *, articles: pd.DataFrame) -> pd.DataFrame:
    """Removed lines and words per article and cleaning rule, with the outlet label (tidy)."""
    if removed.empty:
        return pd.DataFrame(columns=REMOVED_COLUMNS)
    counted = removed.assign(words=removed["text"].str.split().str.len())
    table = counted.groupby(["article_id", "rule"], as_index=False).agg(lines=("line", "size"), words=("words", "sum"))
    return with_outlet(table, articles)[REMOVED_COLUMNS]


def removed_by_rule(removed: pd.DataFrame, *, articles: pd.DataFrame, value: str = "words", by: str = "outlet_label") -> pd.DataFrame:
    """Wide table: cleaning rule (rows, alphabetical) x outlet (columns, catalog order, every outlet), summed `value`
    ("words" or "lines"); 0 where a rule removed nothing from an outlet's articles."""
    tidy = removed_summary(removed, articles=articles)
    if by != "outlet_label":
        tidy = with_outlet(tidy.drop(columns="outlet_label"), articles, by=by)
    wide = tidy.pivot_table(index="rule", columns=by, values=value, aggfunc="sum", fill_value=0) if len(tidy) else pd.DataFrame()
    wide = wide.reindex(columns=_units(articles, by), fill_value=0).fillna(0).astype(int)
    wide.columns.name = by
    return wide.rename_axis("rule")


def removed_lines(removed: pd.DataFrame, *, articles: pd.DataFrame, max_chars: int = 90) -> pd.DataFrame:
    """Every removed line for the audit: outlet, line number in the source file, rule, text (cut at `max_chars`)."""
    table = with_outlet(removed, articles)[["outlet_label", "line", "rule", "text"]]
    return table.assign(text=table["text"].astype(str).str.slice(0, max_chars))
