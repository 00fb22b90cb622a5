"""German readability per article: Amstad's Flesch adaptation and the first Wiener Sachtextformel.

Both are surface formulas (sentence length, syllables, long words); syllables are counted from
vowels with diphthongs as one, which miscounts a few loan words. Use them to compare outlets, not
as an absolute grade.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pandas as pd

from .corpus import PROSE_ROLES, columns_of, sentence_columns, with_outlet
from .text import words_of

_VOWEL_GROUP = re.compile(r"[aeiouyäöü]+")
# Vowel pairs spoken as one syllable; any other adjacent vowels (Korea, Eskalation) are two.
_ONE_SYLLABLE_PAIRS = frozenset({"ai", "au", "äu", "ei", "eu", "ie", "aa", "ee", "oo", "ay", "ey"})
COLUMNS = ["article_id", "sentences", "words", "syllables_per_word", "words_per_sentence", "flesch_amstad", "wiener_sachtextformel"]


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Approximate German syllable count: vowels, with diphthongs and doubled vowels counted once (cached per word)."""
    count = 0
    for group in _VOWEL_GROUP.findall(word.lower().replace("qu", "kw")):
        i = 0
        while i < len(group):
            i += 2 if group[i : i + 2] in _ONE_SYLLABLE_PAIRS else 1
            count += 1
    return max(1, count)


def textstat_readability(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article: readability of its prose (headings and credit lines left out)."""
    return pd.DataFrame(_readability_rows(sentences), columns=COLUMNS)


def _readability_columns(sentences: pd.DataFrame) -> dict[str, dict[str, list]]:
    return {"readability": columns_of(_readability_rows(sentences), COLUMNS)}


textstat_readability.columns = _readability_columns  # the pipeline stores these lists without building a DataFrame


def _readability_rows(sentences: pd.DataFrame) -> list[dict]:
    texts: dict[str, list[str]] = {}  # article -> its prose sentences, articles in order of appearance
    for article_id, role, text in zip(*sentence_columns(sentences, ("article_id", "role", "text"))):
        if role in PROSE_ROLES:
            texts.setdefault(article_id, []).append(text)
    rows = []
    for article_id, group in texts.items():
        toks = [w for t in group for w in words_of(t)]
        n_sent, n_words = len(group), len(toks)
        if not n_words:
            continue
        per_count = Counter(map(syllables, toks))  # words by syllable count
        asl = n_words / n_sent
        asw = sum(k * n for k, n in per_count.items()) / n_words
        ms = 100 * sum(n for k, n in per_count.items() if k >= 3) / n_words
        iw = 100 * len([w for w in toks if len(w) > 6]) / n_words
        es = 100 * per_count[1] / n_words
        rows.append(
            {
                "article_id": article_id,
                "sentences": n_sent,
                "words": n_words,
                "syllables_per_word": round(asw, 3),
                "words_per_sentence": round(asl, 2),
                "flesch_amstad": round(180 - asl - 58.5 * asw, 1),
                "wiener_sachtextformel": round(0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875, 2),
            }
        )
    return rows


FORMULAS = ("flesch_amstad", "wiener_sachtextformel")


def readability_by_outlet(
    readability: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label", interval: float = 0.95
) -> pd.DataFrame:
    """Per unit `by` (outlet by default; catalog order, every unit): number of articles with prose, the mean of each
    formula over them and the central `interval` of its article values (`<formula>_low`, `<formula>_high`: the
    2.5th and 97.5th percentiles by default, linear interpolation; equal to the mean for a single article). NaN for a
    unit whose articles have no prose."""
    units = list(dict.fromkeys(articles[by])) if by in articles else []
    labelled = with_outlet(readability, articles, by=by)
    grouped = labelled.groupby(by, sort=False)
    tail = (1 - interval) / 2
    aggs = {"articles": ("article_id", "size")}
    for col in FORMULAS:
        aggs.update({col: (col, "mean"), f"{col}_low": (col, lambda v: v.quantile(tail)), f"{col}_high": (col, lambda v: v.quantile(1 - tail))})
    table = grouped.agg(**aggs).reindex(units).rename_axis(by)
    return table.assign(articles=table["articles"].fillna(0).astype(int))
