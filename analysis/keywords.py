"""Distinctive vocabulary per outlet (or other comparison unit) and keyword-in-context lines.

Distinctiveness is the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008, "Fightin' Words"): each outlet's word use against all other outlets,
shrunk toward the corpus-wide rate so rare words do not top the list by chance, reported as z-scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain
from pathlib import Path

import pandas as pd

from .codebook import compiled
from .corpus import TEXT_ROLES, select_roles, sentence_columns, unit_name, with_outlet
from .text import GERMAN_STOPWORDS, word_regex, words, words_of

STOPWORDS_FILE = "stopwords_de.txt"
# Columns after the unit column (named like the articles' column `by`, e.g. `outlet_label`).
LOG_ODDS_COLUMNS = ["term", "count", "count_rest", "delta", "se", "z", "rank"]
KWIC_COLUMNS = ["term", "article_id", "sentence_id", "role", "left", "match", "right", "text"]


def _build_stopwords(listed: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in listed) | GERMAN_STOPWORDS


def stopwords(*, codebooks_dir: Path | None = None) -> frozenset[str]:
    """analysis.text.GERMAN_STOPWORDS plus codebooks/stopwords_de.txt (lower case; rebuilt when the file changes)."""
    return compiled(STOPWORDS_FILE, _build_stopwords, codebooks_dir=codebooks_dir)


def content_tokens(text: str, *, stop: frozenset[str] | None = None) -> list[str]:
    """Lower-cased word tokens without stop words and one-letter tokens."""
    stop = stopwords() if stop is None else stop
    return [t for w in words_of(text) if len(t := w.lower()) > 1 and t not in stop]


def log_odds(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str = "outlet_label",
    prior_scale: float | None = None,
    min_count: int = 2,
    top: int | None = None,
    stop: frozenset[str] | None = None,
    prepared: dict[str, dict[str, int]] | None = None,
) -> pd.DataFrame:
    """Weighted log-odds (informative Dirichlet prior) of every term in each unit against all other units.

    Units are the values of the articles' column `by` (outlets by default, or any catalog column). One row per
    unit (column named `by`) x term: count in the unit and in the rest, delta (log-odds
    ratio), its standard error, z = delta / se, and the term's rank by z within the unit. The prior is the
    corpus-wide term distribution scaled to `prior_scale` pseudo-tokens (default: the corpus size, i.e. the prior
    weighs as much as the data, as in Monroe et al.'s use of the full corpus); |z| > 1.96 is conventionally read
    as distinctive. Terms used fewer than `min_count` times in the corpus are dropped; `top` keeps the top-z
    terms per unit. Fewer than two units: an empty table (there is nothing to compare against). `prepared` holds
    each article's content words per sentence (`prepare_keyness`, cached by the pipeline) so only units are summed here.
    """
    stop = stopwords() if stop is None else stop
    columns = [by, *LOG_ODDS_COLUMNS]
    counts: dict[str, Counter] = {}
    if prepared is not None:
        # the articles with text sentences, in order of appearance, without copying the sentence table
        present = pd.DataFrame({"article_id": pd.Series(list(dict.fromkeys(
            aid for aid, role in zip(sentences["article_id"].tolist(), sentences["role"].tolist()) if role in TEXT_ROLES)), dtype=object)})
        for g, aid in zip(with_outlet(present, articles, by=by)[by], present["article_id"]):
            counts.setdefault(g, Counter()).update(chain.from_iterable(prepared.get(str(aid), [])))
    else:
        text = with_outlet(select_roles(sentences), articles, by=by)
        for g, sentence in zip(text[by], text["text"]):
            counts.setdefault(g, Counter()).update(content_tokens(sentence, stop=stop))
    total: Counter = Counter()
    for c in counts.values():
        total.update(c)
    vocab = [t for t, n in total.items() if n >= min_count]
    n_all = sum(total[t] for t in vocab)
    if not vocab or len(counts) < 2:
        return pd.DataFrame(columns=columns)
    a0 = float(prior_scale if prior_scale is not None else n_all)
    alpha = {t: a0 * total[t] / n_all for t in vocab}
    units, terms, ys, rests, deltas, ses, zs = [], [], [], [], [], [], []  # column lists: far faster than row dicts
    log, sqrt = math.log, math.sqrt
    for g, c in counts.items():
        n_i = sum(c[t] for t in vocab)
        n_j = n_all - n_i
        for t in vocab:
            y_i, y_j, a = c[t], total[t] - c[t], alpha[t]
            delta = log((y_i + a) / (n_i + a0 - y_i - a)) - log((y_j + a) / (n_j + a0 - y_j - a))
            se = sqrt(1 / (y_i + a) + 1 / (y_j + a))
            units.append(g); terms.append(t); ys.append(y_i); rests.append(y_j)
            deltas.append(delta); ses.append(se); zs.append(delta / se)
    out = pd.DataFrame({by: units, "term": terms, "count": ys, "count_rest": rests, "delta": deltas, "se": ses, "z": zs})
    out = out.sort_values([by, "z", "term"], ascending=[True, False, True])
    out["rank"] = out.groupby(by).cumcount() + 1
    if top is not None:
        out = out[out["rank"] <= top]
    return out.reset_index(drop=True)[columns]


def kwic(sentences: pd.DataFrame, terms: str | list[str], *, window: int = 6, prefix: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of each term (case-insensitive whole word; `prefix=True` also matches
    longer words starting with it) with `window` words either side and the full sentence, term by term."""
    rows = []
    for term in [terms] if isinstance(terms, str) else list(dict.fromkeys(terms)):
        pattern = word_regex([re.escape(term)], stem=prefix)
        for aid, sid, role, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["role"], sentences["text"]):
            for m in pattern.finditer(text):
                left = words(text[: m.start()])[-window:] if window else []
                right = words(text[m.end():])[:window] if window else []
                rows.append({"term": term, "article_id": aid, "sentence_id": sid, "role": role, "left": " ".join(left),
                             "match": m.group(0), "right": " ".join(right), "text": text})
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def top_terms(keyness: pd.DataFrame, *, rank: int = 1) -> list[str]:
    """The terms of the given rank in a keyness table (each unit's most distinctive word by default), once each."""
    return list(dict.fromkeys(keyness.loc[keyness["rank"] == rank, "term"]))


def prepare_keyness(sentences: pd.DataFrame) -> dict[str, list[list[str]]]:
    """Per article: the content words of each of its text sentences, in order (the per-article half of keyness and of
    the topics' TF-IDF, cached with the article)."""
    stop = stopwords()
    out: dict[str, list[list[str]]] = {}
    for aid, role, sentence in zip(*sentence_columns(sentences, ("article_id", "role", "text"))):
        if role in TEXT_ROLES:
            out.setdefault(str(aid), []).append(content_tokens(sentence, stop=stop))
    return out


def textstat_keyness(sentences: pd.DataFrame, *, articles: pd.DataFrame, by: str = "outlet_label",
                     prepared: dict[str, list[list[str]]] | None = None) -> pd.DataFrame:
    """Fightin' Words log-odds of every term per unit (outlet, or the articles' column `by`) against the rest (the
    table behind the keyness figure)."""
    return log_odds(sentences, articles, by=by, prepared=prepared)


def describe_keyness(keyness: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", threshold: float = 1.96) -> str:
    """One sentence on how distinctive the most distinctive words of a keyness table are, and on what they rest
    (units: the articles' column `by`, outlets by default)."""
    unit = unit_name(by)
    if keyness.empty:
        return f"Distinctive words compare {unit}s: this corpus has fewer than two {unit}s with shared words."
    per_unit = articles.groupby(by).size()
    reach = int((keyness["z"] >= threshold).sum())
    words_reaching = {0: "no word reaches", 1: "one word reaches"}.get(reach, f"{reach:,} words reach")
    lo, hi = int(per_unit.min()), int(per_unit.max())
    articles_each = (f"every {unit} contributes {lo:,} article{'s' if lo > 1 else ''}" if lo == hi
                     else f"{unit}s contribute {lo:,} to {hi:,} articles each")
    text = f"The largest z in this corpus is {keyness['z'].max():.2f}: {words_reaching} z = {threshold}; {articles_each}"
    return text + (f", so each list describes a single text, not a{'n' if unit[0] in 'aeiou' else ''} {unit}'s style." if hi == 1 else ".")
