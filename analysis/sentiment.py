"""Sentence tone by two German lexicons, tone toward each actor, and emotive/escalation vocabulary.

Two independent measures per sentence:
- textblob-de (pattern's German polarity lexicon, about 8,000 nouns, adjectives, verbs): polarity -1..1 and its
  subjectivity, which is 0.0 for nearly every German sentence (the lexicon barely carries it).
- SentiWS (Remus, Quasthoff & Heyer 2010; word forms with weights -1..1, as shipped in the `gersent`
  package) with a negation rule: a hit within `window` words after a negator, in the same clause,
  counts with flipped sign. Score = sum of weights / sqrt(words in the sentence).
Plus counts of emotive/escalation terms (codebook emotive.yaml) and the actors a sentence names
(codebook actors.yaml). Nothing is downloaded: both lexicons ship inside installed packages.
"""

from __future__ import annotations

import json
import math
import re
import string
from functools import lru_cache
from importlib import resources

import pandas as pd

from . import agreement, config
from .actors import actor_mentions as actors_in
from .actors import actor_rules
from .agreement import match_gold
from .codebook import load_yaml
from .text import tokenize, words

LABELS = ("negative", "neutral", "positive")
ORDINAL = {"negative": -1, "neutral": 0, "positive": 1}
# A sentence is polar when its score is beyond these bounds (chosen before validation; see notebook).
TEXTBLOB_NEUTRAL = 0.1  # |polarity| <= 0.1 -> neutral; textblob-de polarities come in steps of ~0.1-0.7
SENTIWS_NEUTRAL = 0.05  # |sum of weights / sqrt(n words)| <= 0.05 -> neutral; one strong word (|w|>=0.2) in 16 words passes
MEASURES = ("textblob", "sentiws", "combined")
COLUMNS = [
    "article_id", "sentence_id", "role", "n_words",
    "textblob_polarity", "textblob_subjectivity", "textblob_label",
    "sentiws_score", "sentiws_pos", "sentiws_neg", "sentiws_hits", "sentiws_negated", "sentiws_terms", "sentiws_label",
    "combined_label", "emotive_count", "emotive_terms", "actors",
]
ARTICLE_COLUMNS = [
    "article_id", "sentences", "words", "textblob_polarity_mean", "sentiws_score", "sentiws_sentence_mean",
    "share_negative_textblob", "share_negative_sentiws", "share_negative_combined", "emotive_count", "emotive_per_1000_words",
]
ACTOR_COLUMNS = ["article_id", "sentence_id", "actor", "mentions"]
_QUOTES = frozenset("„“”«»‚‘’…–—")
_CLAUSE_END = frozenset(",;:–—-()[]\"„“”«»!?.")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W_]+)*|[,;:–—\-()\[\]\"„“”«»!?.]", re.UNICODE)


# --------------------------------------------------------------------------- lexicons and codebooks


@lru_cache(maxsize=1)
def sentiws() -> dict[str, float]:
    """SentiWS word form -> weight (positive and negative lists merged; forms in both are summed)."""
    base = resources.files("gersent") / "wordlists" / "de"
    lexicon: dict[str, float] = {}
    for name in ("positive.json", "negative.json"):
        for form, weight in json.loads((base / name).read_text(encoding="utf-8")).items():
            lexicon[form] = lexicon.get(form, 0.0) + float(weight)
    return lexicon


@lru_cache(maxsize=8)
def _negation_settings(mtime: float) -> tuple[frozenset, int, tuple, frozenset]:
    data = load_yaml("sentiment_negation.yaml")
    non_negating = tuple(tuple(p.split()) for p in data.get("non_negating") or [])
    skip = frozenset(data.get("topic_terms") or []) | frozenset(data.get("ignore_forms") or [])
    return frozenset(data["negators"]), int(data["window"]), non_negating, skip


def negation_settings():
    """(negators, window, non-negating phrases, word forms to skip) from codebooks/sentiment_negation.yaml."""
    path = config.CODEBOOKS_DIR / "sentiment_negation.yaml"
    return _negation_settings(path.stat().st_mtime)


@lru_cache(maxsize=8)
def _emotive_regex(mtime: float) -> tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]:
    entries = load_yaml("emotive.yaml")
    terms = tuple(e["term"] for e in entries)
    categories = tuple(e["category"] for e in entries)
    regex = re.compile("|".join(f"(?P<t{i}>{e['pattern']})" for i, e in enumerate(entries)), re.IGNORECASE)
    return regex, terms, categories


def emotive_codebook():
    """Compiled emotive.yaml: one alternation regex with a named group per term, the terms, their categories."""
    return _emotive_regex((config.CODEBOOKS_DIR / "emotive.yaml").stat().st_mtime)


# --------------------------------------------------------------------------- per-sentence measures


def sentiws_sentence(text: str, *, settings: tuple | None = None) -> dict:
    """SentiWS hits of one sentence with the negation rule; score = sum of weights / sqrt(n words).

    Look-up: the token as written; else, for the first word only, lower case (sentence-initial
    adjectives); else, for hyphenated compounds, their last part ("Ukraine-Krieg" -> "Krieg").
    Topic terms and homographs listed in the codebook are skipped.
    """
    lexicon = sentiws()
    negators, window, non_negating, topic = settings or negation_settings()
    tokens = _TOKEN_RE.findall(text)
    n_words = sum(1 for t in tokens if t[0].isalpha())
    pos = neg = 0.0
    hits = negated = 0
    terms = []
    scope = 0  # word tokens still under a negator
    first = True
    lowered = [t.lower() for t in tokens]
    for i, tok in enumerate(tokens):
        if tok in _CLAUSE_END:
            scope = 0
            continue
        low = lowered[i]
        if low in negators and not any(tuple(lowered[i : i + len(p)]) == p for p in non_negating):
            scope = window
            first = False
            continue
        weight = None
        if tok not in topic:
            weight = lexicon.get(tok)
            if weight is None and first:
                weight = lexicon.get(low)
            if weight is None and "-" in tok:
                head = tok.rsplit("-", 1)[1]
                if head not in topic:
                    weight = lexicon.get(head) or lexicon.get(head.capitalize())
        first = False
        flipped = scope > 0
        if scope:
            scope -= 1
        if weight is None:
            continue
        if flipped:
            weight = -weight
            negated += 1
        hits += 1
        if weight > 0:
            pos += weight
        else:
            neg += weight
        terms.append(f"{'¬' if flipped else ''}{tok}:{weight:+.2f}")
    score = (pos + neg) / math.sqrt(n_words) if n_words else 0.0
    return {
        "sentiws_score": round(score, 4),
        "sentiws_pos": round(pos, 4),
        "sentiws_neg": round(neg, 4),
        "sentiws_hits": hits,
        "sentiws_negated": negated,
        "sentiws_terms": "; ".join(terms),
    }


@lru_cache(maxsize=1)
def _textblob():
    from textblob_de.ext._pattern.text import de as pattern_de
    from textblob_de.sentiments import pattern_sentiment
    from textblob_de.tokenizers import PatternTokenizer

    return PatternTokenizer(), pattern_de, pattern_sentiment


@lru_cache(maxsize=200_000)
def _lemma(word: str, first: bool) -> str:
    """textblob-de's lemma of one word (pattern tagger without its contextual rules), cached per word."""
    _, pattern_de, _ = _textblob()
    ss = word.replace("ß", "ss")
    tag = pattern_de.parser.find_tags([ss] if first else ["X", ss], context=None)[-1][1]
    tag = pattern_de.stts2penntreebank(ss, tag)[1]
    lemma = pattern_de.find_lemmata([[word, tag]])[0][-1].replace("ß", "ss")
    if word[0].isupper() and not first:
        lemma = lemma.title()
    elif tag.startswith("N") and first:
        lemma = lemma.title()
    return lemma


def textblob_sentence(text: str, *, exact: bool = False) -> tuple[float, float]:
    """textblob-de (polarity, subjectivity) of one sentence, offline (no NLTK data needed).

    `exact=True` runs textblob-de's own lemmatizing analyzer with its PatternTokenizer (what
    `TextBlobDE(text, tokenizer=PatternTokenizer()).sentiment` gives), about 1.5 ms per sentence.
    The default tokenizes with analysis.text, lemmatizes word by word with the same pattern tagger
    minus its contextual rules, caches each word, and scores the lemmas with textblob-de's lexicon
    and rules (negation, intensifiers): ~20x faster on a corpus; on the seeds it equals the exact
    value for nearly every sentence (see tests).
    """
    _, _, pattern_sentiment = _textblob()
    if exact:
        from textblob_de.sentiments import PatternAnalyzer

        polarity, subjectivity = PatternAnalyzer(tokenizer=_textblob()[0]).analyze(text)
        return float(polarity), float(subjectivity)
    toks = [t for t in tokenize(text) if t not in string.punctuation and t not in _QUOTES]
    lemmas = [_lemma(w, i == 0).lower() for i, w in enumerate(toks)]
    polarity, subjectivity = pattern_sentiment([x for x in lemmas if x])
    return float(polarity), float(subjectivity)


def emotive_terms(text: str, *, codebook: tuple | None = None) -> list[str]:
    """Emotive/escalation codebook terms found in a sentence, one entry per matching word token."""
    regex, terms, _ = codebook or emotive_codebook()
    found = []
    for token in words(text):
        term = _emotive_token(token, regex, terms)
        if term:
            found.append(term)
    return found


@lru_cache(maxsize=100_000)
def _emotive_token(token: str, regex: re.Pattern, terms: tuple[str, ...]) -> str:
    m = regex.search(token)
    return terms[int(m.lastgroup[1:])] if m else ""


def label(score: float, bound: float) -> str:
    """negative / neutral / positive by a symmetric neutral band of half-width `bound`."""
    if score > bound:
        return "positive"
    if score < -bound:
        return "negative"
    return "neutral"


def combine(textblob_label: str, sentiws_label: str) -> str:
    """Agreement-or-fallback: both agree -> that label; one neutral -> the polar one; opposite -> neutral."""
    if textblob_label == sentiws_label:
        return textblob_label
    if textblob_label == "neutral":
        return sentiws_label
    if sentiws_label == "neutral":
        return textblob_label
    return "neutral"


# --------------------------------------------------------------------------- entry point


def textstat_sentiment(sentences: pd.DataFrame, *, exact_textblob: bool = False) -> dict[str, pd.DataFrame]:
    """Tone of every sentence by textblob-de and SentiWS, emotive terms and actors; per-article summary.

    Returns tables `sentiment` (one row per sentence), `sentiment_articles` (one row per article)
    and `sentiment_actors` (one row per sentence x actor mentioned).
    """
    rows, actor_rows = [], []
    settings, emotive, actor_res = negation_settings(), emotive_codebook(), actor_rules()
    for aid, sid, role, text, n_words in zip(
        sentences["article_id"], sentences["sentence_id"], sentences["role"], sentences["text"], sentences["n_words"]
    ):
        polarity, subjectivity = textblob_sentence(text, exact=exact_textblob)
        sw = sentiws_sentence(text, settings=settings)
        tb_label = label(polarity, TEXTBLOB_NEUTRAL)
        sw_label = label(sw["sentiws_score"], SENTIWS_NEUTRAL)
        emo = emotive_terms(text, codebook=emotive)
        actors = actors_in(text, rules=actor_res)
        rows.append(
            {
                "article_id": aid, "sentence_id": int(sid), "role": role, "n_words": int(n_words),
                "textblob_polarity": round(polarity, 4), "textblob_subjectivity": round(subjectivity, 4), "textblob_label": tb_label,
                **sw, "sentiws_label": sw_label, "combined_label": combine(tb_label, sw_label),
                "emotive_count": len(emo), "emotive_terms": "; ".join(emo), "actors": "; ".join(actors),
            }
        )
        actor_rows += [{"article_id": aid, "sentence_id": int(sid), "actor": a, "mentions": n} for a, n in actors.items()]
    table = pd.DataFrame(rows, columns=COLUMNS)
    return {
        "sentiment": table,
        "sentiment_articles": article_tone(table),
        "sentiment_actors": pd.DataFrame(actor_rows, columns=ACTOR_COLUMNS),
    }


def article_tone(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Per article (credit lines left out): mean sentence polarity, SentiWS sum / sqrt(words), shares negative, emotive rate."""
    groups: dict[str, list[dict]] = {}
    for row in sentiment.to_dict("records"):
        if row["role"] != "credit":
            groups.setdefault(row["article_id"], []).append(row)
    rows = []
    for aid, g in groups.items():
        n, n_words = len(g), sum(r["n_words"] for r in g)
        total = sum(r["sentiws_pos"] + r["sentiws_neg"] for r in g)
        emo = sum(r["emotive_count"] for r in g)
        rows.append(
            {
                "article_id": aid, "sentences": n, "words": n_words,
                "textblob_polarity_mean": round(sum(r["textblob_polarity"] for r in g) / n, 4),
                "sentiws_score": round(total / math.sqrt(n_words), 4) if n_words else 0.0,
                "sentiws_sentence_mean": round(sum(r["sentiws_score"] for r in g) / n, 4),
                **{f"share_negative_{m}": round(sum(r[f"{m}_label"] == "negative" for r in g) / n, 4) for m in MEASURES},
                "emotive_count": emo,
                "emotive_per_1000_words": round(1000 * emo / n_words, 2) if n_words else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


# --------------------------------------------------------------------------- corpus-level summaries (for notebooks)


def escalation_rates(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Emotive/escalation terms per 1,000 words per outlet (sum of terms / sum of words), and per category."""
    _, terms, categories = emotive_codebook()
    category_of = dict(zip(terms, categories))
    s = sentiment[sentiment["role"] != "credit"].merge(articles[["article_id", by]], on="article_id", how="left")
    rows = []
    for key, g in s.groupby(by, sort=False):
        n_words = int(g["n_words"].sum())
        found = [t for cell in g["emotive_terms"] if isinstance(cell, str) and cell for t in cell.split("; ")]
        row = {by: key, "articles": g["article_id"].nunique(), "words": n_words, "emotive_count": len(found),
               "per_1000_words": round(1000 * len(found) / n_words, 2) if n_words else 0.0}
        for cat in dict.fromkeys(categories):
            row[f"{cat}_per_1000_words"] = round(1000 * sum(category_of[t] == cat for t in found) / n_words, 2) if n_words else 0.0
        row["terms"] = "; ".join(f"{t} ({n})" for t, n in pd.Series(found, dtype=object).value_counts().items())
        rows.append(row)
    return pd.DataFrame(rows)


ROLE_ORDER = ("kicker", "headline", "lead", "subheading", "body")


def tone_by_role(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Mean tone of each part of the article (kicker, headline, lead, subheading, body) per outlet, with n sentences."""
    labelled = sentiment.merge(articles[["article_id", by]], on="article_id", how="left")
    labelled = labelled[labelled["role"].isin(ROLE_ORDER)]
    table = labelled.groupby([by, "role"]).agg(
        n=("sentence_id", "size"), textblob=("textblob_polarity", "mean"), sentiws=("sentiws_score", "mean")
    ).reset_index()
    table["role"] = pd.Categorical(table["role"], ROLE_ORDER, ordered=True)
    return table.sort_values([by, "role"]).reset_index(drop=True)


def actor_tone(
    sentiment: pd.DataFrame, actor_mentions: pd.DataFrame, articles: pd.DataFrame, *, measure: str = "sentiws_score", by: str = "outlet_label"
) -> pd.DataFrame:
    """Mean tone of the sentences that mention each actor, per outlet: columns actor, outlet, n_sentences, mean, share_negative."""
    label_col = measure.split("_")[0] + "_label"
    s = actor_mentions.merge(sentiment, on=["article_id", "sentence_id"]).merge(articles[["article_id", by]], on="article_id", how="left")
    out = (
        s.groupby(["actor", by])
        .agg(n_sentences=("sentence_id", "size"), mean=(measure, "mean"), share_negative=(label_col, lambda x: float((x == "negative").mean())))
        .reset_index()
    )
    out["mean"] = out["mean"].round(4)
    out["share_negative"] = out["share_negative"].round(4)
    return out


def measure_agreement(sentiment: pd.DataFrame) -> dict[str, object]:
    """How far the two measures agree on all sentences: Pearson and Spearman r, label cross-table, and the sentences
    whose labels differ, largest standardised gap (SentiWS/sd - textblob/sd) first."""
    s = sentiment[sentiment["role"] != "credit"]
    x, y = s["textblob_polarity"], s["sentiws_score"]
    both = s[(x != 0) | (y != 0)]
    z = (s["sentiws_score"] / s["sentiws_score"].std()) - (s["textblob_polarity"] / s["textblob_polarity"].std())
    opposite = s[(s["textblob_label"] != s["sentiws_label"]) & (s["textblob_label"] != "neutral") & (s["sentiws_label"] != "neutral")]
    return {
        "pearson": float(x.corr(y)),
        "spearman": float(x.corr(y, method="spearman")),
        "n": int(len(s)),
        "n_scored_by_either": int(len(both)),
        "labels": pd.crosstab(s["textblob_label"], s["sentiws_label"]).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0),
        "opposite": opposite,
        "largest_gap": s.assign(gap=z)[s["textblob_label"] != s["sentiws_label"]].sort_values("gap", key=abs, ascending=False).head(8),
    }


# --------------------------------------------------------------------------- validation against the hand coding


def load_gold(name: str = "sentiment.csv") -> pd.DataFrame:
    """Hand-coded sentence tone (analysis/gold/sentiment.csv)."""
    return agreement.load_gold(name)


def validate_sentiment(sentiment: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Agreement of each measure's label with the hand coding.

    Returns `summary` (accuracy, macro-F1, Krippendorff's alpha nominal and ordinal per measure, plus
    SentiWS without the codebook's topic/homograph skip lists, textblob-de's own (slower, context-aware)
    analyzer, and a majority-class baseline), `per_label` (P/R/F1 per label and measure), `confusion` (long: measure,
    gold, predicted, n) and `matched` (gold rows with every measure's label).
    """
    matched = match_gold(gold, sentences)
    matched = matched[matched["sentence_id"] > 0].merge(
        sentiment[["article_id", "sentence_id"] + [f"{m}_label" for m in MEASURES] + ["textblob_polarity", "sentiws_score"]],
        on=["article_id", "sentence_id"],
        how="left",
    )
    g = list(matched["label"])
    majority = max(LABELS, key=g.count)
    predictions = {m: list(matched[f"{m}_label"]) for m in MEASURES}
    negators, window, non_negating, _ = negation_settings()
    plain = (negators, window, non_negating, frozenset())
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    predictions["sentiws plain (no skip lists)"] = [
        label(sentiws_sentence(texts[(a, i)], settings=plain)["sentiws_score"], SENTIWS_NEUTRAL)
        for a, i in zip(matched["article_id"], matched["sentence_id"])
    ]
    predictions["textblob-de exact (package analyzer)"] = [
        label(textblob_sentence(texts[(a, i)], exact=True)[0], TEXTBLOB_NEUTRAL)
        for a, i in zip(matched["article_id"], matched["sentence_id"])
    ]
    predictions["majority baseline"] = [majority] * len(g)
    summary, per_label, confusion = [], [], []
    for name, p in predictions.items():
        summary.append(
            {
                "measure": name, "n": len(g),
                "accuracy": round(agreement.accuracy(g, p), 3),
                "macro_f1": round(agreement.macro_f1(g, p, labels=LABELS), 3),
                "alpha_nominal": round(agreement.krippendorff_alpha(g, p), 3) if len(set(p)) > 1 else float("nan"),
                "alpha_ordinal": round(agreement.krippendorff_alpha([ORDINAL[x] for x in g], [ORDINAL[x] for x in p], level="ordinal"), 3)
                if len(set(p)) > 1 else float("nan"),
            }
        )
        per_label.append(agreement.per_label_prf(g, p, labels=LABELS).assign(measure=name))
        cm = agreement.confusion(g, p, labels=LABELS)
        confusion.append(cm.stack().rename("n").reset_index().assign(measure=name))
    return {
        "agreement": pd.DataFrame(summary),
        "per_label": pd.concat(per_label, ignore_index=True)[["measure", "label", "precision", "recall", "f1", "support"]],
        "confusion": pd.concat(confusion, ignore_index=True)[["measure", "gold", "predicted", "n"]],
        "matched": matched,
    }


def confusion_matrix(validation: dict[str, pd.DataFrame], measure: str) -> pd.DataFrame:
    """Wide confusion matrix (rows gold, columns predicted) of one measure from `validate_sentiment` output."""
    c = validation["confusion"]
    wide = c[c["measure"] == measure].pivot(index="gold", columns="predicted", values="n")
    return wide.reindex(index=list(LABELS), columns=list(LABELS)).fillna(0).astype(int)
