"""What the corpus holds: per-article overview, length per comparison unit (outlet by default) and what cleaning
removed."""

from __future__ import annotations

import pandas as pd

from .corpus import unit_name, with_outlet



def corpus_overview(articles: pd.DataFrame, *, readability: pd.DataFrame | None = None, by: str = "outlet_label") -> pd.DataFrame:
    """One row per article: outlet, outlet type (and the comparison unit `by` when it is another catalog column),
    date, title, words, sentences, removed lines, readability."""
    cols = ["article_id", "outlet_label", "outlet_type", by, "date", "title", "words", "sentences", "removed_lines", "flags"]
    cols = list(dict.fromkeys(cols))
    table = articles[[c for c in cols if c in articles]].copy()
    if readability is not None and len(readability):
        table = table.merge(readability[["article_id", "flesch_amstad", "wiener_sachtextformel"]], on="article_id", how="left")
    return table


def _units(articles: pd.DataFrame, by: str) -> list[str]:
    """The comparison units in catalog order (the order of the articles table)."""
    return list(dict.fromkeys(articles[by])) if by in articles else []


def describe_outlets(articles: pd.DataFrame, *, by: str = "outlet_label", unit: str | None = None) -> str:
    """One sentence on how many articles each unit (outlet by default) contributes, and what that allows a comparison
    of units to claim. `unit` names the unit in the text (default: "outlet", or the column name of `by`)."""
    unit = unit or unit_name(by)
    an_unit = f"{'an' if unit[:1].lower() in 'aeiou' else 'a'} {unit}"
    counts = articles.groupby(by, sort=False).size()
    if counts.empty:
        return "The corpus holds no article."
    if len(counts) == 1 and counts.iloc[0] == 1:
        return f"The corpus holds a single article: the figures below describe this one text, not {an_unit}'s coverage."
    if (counts == 1).all():
        return (
            f"In this corpus each of the {len(counts):,} {unit}s contributes exactly one article, so every {unit} "
            "comparison below is a comparison of single articles: it describes these texts, it does not generalise "
            f"to {an_unit}'s coverage."
        )
    single = counts.index[counts == 1].tolist()
    text = (
        f"The corpus holds {int(counts.sum()):,} articles from {len(counts):,} {unit}s ({int(counts.min()):,} to "
        f"{int(counts.max()):,} per {unit}); {unit} figures sum or average over {an_unit}'s articles."
    )
    if single:
        text += (
            f" {len(single):,} {unit}(s) contribute a single article ({', '.join(map(str, single))}); for them "
            f"{an_unit} comparison describes one text, not the {unit}'s coverage."
        )
    return text


def length_by_outlet(articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per unit `by` (outlet by default; catalog order): number of articles, words and sentences after cleaning,
    summed over its articles."""
    table = articles.groupby(by, sort=False).agg(
        articles=("article_id", "size"), words=("words", "sum"), sentences=("sentences", "sum")
    )
    return table.reindex(_units(articles, by)).rename_axis(by)


def removed_summary(removed: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label") -> pd.DataFrame:
    """Removed lines and words per article and cleaning rule, with the article's unit `by` (outlet label by default;
    tidy: article_id, <by>, rule, lines, words)."""
    columns = ["article_id", by, "rule", "lines", "words"]
    if removed.empty:
        return pd.DataFrame(columns=columns)
    counted = removed.assign(words=removed["text"].str.split().str.len())
    table = counted.groupby(["article_id", "rule"], as_index=False).agg(lines=("line", "size"), words=("words", "sum"))
    return with_outlet(table, articles, by=by)[columns]


def removed_by_rule(removed: pd.DataFrame, *, articles: pd.DataFrame, value: str = "words", by: str = "outlet_label") -> pd.DataFrame:
    """Wide table: cleaning rule (rows, alphabetical) x unit `by` (columns, catalog order, every unit; outlets by
    default), summed `value` ("words" or "lines"); 0 where a rule removed nothing from a unit's articles."""
    tidy = removed_summary(removed, articles=articles, by=by)
    wide = tidy.pivot_table(index="rule", columns=by, values=value, aggfunc="sum", fill_value=0) if len(tidy) else pd.DataFrame()
    wide = wide.reindex(columns=_units(articles, by), fill_value=0).fillna(0).astype(int)
    wide.columns.name = by
    return wide.rename_axis("rule")


def removed_lines(removed: pd.DataFrame, *, articles: pd.DataFrame, max_chars: int = 90, by: str = "outlet_label") -> pd.DataFrame:
    """Every removed line for the audit: outlet (and the unit `by` when it is another catalog column), line number in
    the source file, rule, text (cut at `max_chars`)."""
    units = list(dict.fromkeys(["outlet_label", by]))
    table = with_outlet(with_outlet(removed, articles), articles, by=by)[[*units, "line", "rule", "text"]]
    return table.assign(text=table["text"].astype(str).str.slice(0, max_chars))
