"""Sentence tone by two German lexicons, tone toward each actor, and emotive/escalation vocabulary.

Two independent measures per sentence:
- textblob-de (pattern's German polarity lexicon, about 8,000 nouns, adjectives, verbs): polarity -1..1 and its
  subjectivity, which is 0.0 for nearly every German sentence (the lexicon barely carries it).
- SentiWS (Remus, Quasthoff & Heyer 2010; word forms with weights -1..1, as shipped in the `gersent`
  package) with a negation rule: a hit within `window` words after a negator, in the same clause,
  counts with flipped sign. Score = sum of weights / sqrt(words in the sentence).
Plus counts of emotive/escalation terms (codebook emotive.yaml) and the actors a sentence names
(codebook actors.yaml, via analysis.actors). Nothing is downloaded: both lexicons ship inside installed packages.

Tables: `textstat_sentiment` (per sentence, per article, per sentence x actor); pure functions of those tables
for the notebook's figures and report tables (`tone_by_outlet`, `label_shares`, `actor_tone`, `actor_tone_table`,
`tone_by_role`, `escalation_rates`, `measure_agreement`, `measure_labels`, `measure_disagreements`); and
`validate_sentiment(sentiment, sentences, gold)` against the hand coding.
"""

from __future__ import annotations

import json
import math
import re
import string
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import agreement
from .actors import actor_mentions, actor_rules
from .agreement import match_gold
from .codebook import compiled
from .corpus import TEXT_ROLES, select_roles, with_outlet
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
DISAGREEMENT_COLUMNS = [
    "article_id", "sentence_id", "gold", "textblob_label", "sentiws_label", "combined_label",
    "textblob_polarity", "sentiws_score", "sentiws_terms", "emotive_terms", "note", "text",
]
NEGATION_CODEBOOK = "sentiment_negation.yaml"
EMOTIVE_CODEBOOK = "emotive.yaml"
# Cells of the actor-by-outlet table resting on fewer sentences than this show only their count.
MIN_SENTENCES = 3
_QUOTES = frozenset("„“”«»‚‘’…–—")
# Punctuation that ends a negator's scope (a clause); a decimal comma inside a number token does not.
_CLAUSE_END = frozenset(",;:–—-()[]\"„“”«»!?.")


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


class Negation(NamedTuple):
    """The SentiWS rules of codebooks/sentiment_negation.yaml."""

    negators: frozenset[str]
    window: int
    non_negating: tuple[tuple[str, ...], ...]
    skip: frozenset[str]  # topic terms and homographs, left out of the score


def _build_negation(data: dict) -> Negation:
    return Negation(
        negators=frozenset(data["negators"]),
        window=int(data["window"]),
        non_negating=tuple(tuple(p.split()) for p in data.get("non_negating") or []),
        skip=frozenset(data.get("topic_terms") or []) | frozenset(data.get("ignore_forms") or []),
    )


def negation_settings(*, codebooks_dir: Path | None = None) -> Negation:
    """(negators, window, non-negating phrases, word forms to skip) from codebooks/sentiment_negation.yaml."""
    return compiled(NEGATION_CODEBOOK, _build_negation, codebooks_dir=codebooks_dir)


class Emotive(NamedTuple):
    """Compiled emotive.yaml: one alternation regex with a named group per term, the terms, their categories."""

    regex: re.Pattern
    terms: tuple[str, ...]
    categories: tuple[str, ...]


def _build_emotive(entries: list[dict]) -> Emotive:
    regex = re.compile("|".join(f"(?P<t{i}>{e['pattern']})" for i, e in enumerate(entries)), re.IGNORECASE)
    return Emotive(regex, tuple(e["term"] for e in entries), tuple(e["category"] for e in entries))


def emotive_codebook(*, codebooks_dir: Path | None = None) -> Emotive:
    """The emotive/escalation codebook, compiled once per version of the file."""
    return compiled(EMOTIVE_CODEBOOK, _build_emotive, codebooks_dir=codebooks_dir)


# --------------------------------------------------------------------------- per-sentence measures


def sentiws_sentence(text: str, *, settings: Negation | tuple | None = None) -> dict:
    """SentiWS hits of one sentence with the negation rule; score = sum of weights / sqrt(n words).

    Look-up: the token as written; else, for the first word only, lower case (sentence-initial
    adjectives); else, for hyphenated compounds, their last part ("Ukraine-Krieg" -> "Krieg").
    Topic terms and homographs listed in the codebook are skipped. Tokens are analysis.text's words and the
    clause-ending punctuation; numbers and other symbols neither count as words nor end a clause.
    """
    lexicon = sentiws()
    negators, window, non_negating, topic = settings or negation_settings()
    tokens = [t for t in tokenize(text) if t[0].isalpha() or t in _CLAUSE_END]
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


def emotive_terms(text: str, *, codebook: Emotive | tuple | None = None) -> list[str]:
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


def textstat_sentiment(
    sentences: pd.DataFrame, *, exact_textblob: bool = False, codebooks_dir: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Tone of every sentence by textblob-de and SentiWS, emotive terms and actors; per-article summary.

    Returns tables `sentiment` (one row per sentence), `sentiment_articles` (one row per article)
    and `sentiment_actors` (one row per sentence x actor mentioned).
    """
    rows, actor_rows = [], []
    settings = negation_settings(codebooks_dir=codebooks_dir)
    emotive = emotive_codebook(codebooks_dir=codebooks_dir)
    rules = actor_rules(codebooks_dir=codebooks_dir)
    for aid, sid, role, text, n_words in zip(
        sentences["article_id"], sentences["sentence_id"], sentences["role"], sentences["text"], sentences["n_words"]
    ):
        polarity, subjectivity = textblob_sentence(text, exact=exact_textblob)
        sw = sentiws_sentence(text, settings=settings)
        tb_label = label(polarity, TEXTBLOB_NEUTRAL)
        sw_label = label(sw["sentiws_score"], SENTIWS_NEUTRAL)
        emo = emotive_terms(text, codebook=emotive)
        actors = actor_mentions(text, rules=rules)
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
    rows = []
    for aid, g in select_roles(sentiment).groupby("article_id", sort=False):
        n, n_words = len(g), int(g["n_words"].sum())
        total = float((g["sentiws_pos"] + g["sentiws_neg"]).sum())
        emo = int(g["emotive_count"].sum())
        rows.append(
            {
                "article_id": aid, "sentences": n, "words": n_words,
                "textblob_polarity_mean": round(float(g["textblob_polarity"].sum()) / n, 4),
                "sentiws_score": round(total / math.sqrt(n_words), 4) if n_words else 0.0,
                "sentiws_sentence_mean": round(float(g["sentiws_score"].sum()) / n, 4),
                **{f"share_negative_{m}": round(int((g[f"{m}_label"] == "negative").sum()) / n, 4) for m in MEASURES},
                "emotive_count": emo,
                "emotive_per_1000_words": round(1000 * emo / n_words, 2) if n_words else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


# --------------------------------------------------------------------------- tables behind the notebook's figures


def _outlet_order(table: pd.DataFrame, articles: pd.DataFrame, by: str, *then: str) -> pd.DataFrame:
    """`table` sorted by comparison unit in catalog (articles table) order, then by the columns `then` (stable)."""
    order = {o: i for i, o in enumerate(dict.fromkeys(articles[by]))}
    keys = [table[by].map(order).fillna(len(order))] + [table[c] for c in then]
    sort = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)}, index=table.index)
    return table.loc[sort.sort_values(list(sort.columns), kind="stable").index].reset_index(drop=True)


def tone_by_outlet(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """The sentences of the outlets' own text (credit lines left out), one row each, with their outlet, in catalog order."""
    return _outlet_order(with_outlet(select_roles(sentiment), articles, by=by), articles, by)


def label_shares(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Share of sentences (%, rounded) labelled negative / neutral / positive, per outlet and measure."""
    s = tone_by_outlet(sentiment, articles, by=by)
    long = s.melt(id_vars=[by], value_vars=[f"{m}_label" for m in MEASURES], var_name="measure", value_name="label")
    long["measure"] = long["measure"].str.removesuffix("_label")
    shares = pd.crosstab([long[by], long["measure"]], long["label"], normalize="index").reindex(columns=list(LABELS), fill_value=0)
    shares = shares.mul(100).round(0).astype(int).rename(columns={lab: f"% {lab}" for lab in LABELS}).reset_index()
    shares.columns.name = None
    shares["_m"] = shares["measure"].map({m: i for i, m in enumerate(MEASURES)})
    return _outlet_order(shares, articles, by, "_m").drop(columns="_m")


def actor_tone(
    sentiment: pd.DataFrame, sentiment_actors: pd.DataFrame, articles: pd.DataFrame, *, measure: str = "sentiws_score", by: str = "outlet_label"
) -> pd.DataFrame:
    """Mean tone of the sentences that mention each actor (credit lines left out), per outlet: columns actor, outlet,
    n_sentences, mean, share_negative; sorted by actor, then outlets in catalog order."""
    label_col = measure.split("_")[0] + "_label"
    s = with_outlet(sentiment_actors.merge(select_roles(sentiment), on=["article_id", "sentence_id"]), articles, by=by)
    out = (
        s.groupby(["actor", by])
        .agg(n_sentences=("sentence_id", "size"), mean=(measure, "mean"), share_negative=(label_col, lambda x: float((x == "negative").mean())))
        .reset_index()
    )
    out["mean"] = out["mean"].round(4)
    out["share_negative"] = out["share_negative"].round(4)
    return _outlet_order(out, articles, by).sort_values("actor", kind="stable").reset_index(drop=True)


def actor_tone_table(
    tone: pd.DataFrame,
    *,
    actors: list[str] | None = None,
    outlets: list[str] | None = None,
    min_sentences: int = MIN_SENTENCES,
    by: str = "outlet_label",
) -> dict[str, pd.DataFrame]:
    """`actor_tone` as two wide tables, rows actors (in the given order, those present), columns outlets (given
    order, those present): `n` sentences naming the actor, and `mean` tone, empty (NaN) where n < `min_sentences`."""
    actors = [a for a in (actors or sorted(set(tone["actor"]))) if a in set(tone["actor"])]
    outlets = [o for o in (outlets or list(dict.fromkeys(tone[by]))) if o in set(tone[by])]
    n = tone.pivot(index="actor", columns=by, values="n_sentences").reindex(index=actors, columns=outlets).fillna(0).astype(int)
    mean = tone.pivot(index="actor", columns=by, values="mean").reindex(index=actors, columns=outlets)
    return {"mean": mean.where(n >= min_sentences), "n": n}


def tone_by_role(sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Mean tone of each part of the article (kicker, headline, lead, subheading, body) per outlet, with n sentences."""
    labelled = with_outlet(select_roles(sentiment), articles, by=by)
    table = labelled.groupby([by, "role"]).agg(
        n=("sentence_id", "size"), textblob=("textblob_polarity", "mean"), sentiws=("sentiws_score", "mean")
    ).reset_index()
    table["role"] = pd.Categorical(table["role"], TEXT_ROLES, ordered=True)
    return _outlet_order(table, articles, by, "role")


def escalation_rates(
    sentiment: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label", codebooks_dir: Path | None = None
) -> pd.DataFrame:
    """Emotive/escalation terms per 1,000 words per outlet (sum of terms / sum of words), and per category."""
    _, terms, categories = emotive_codebook(codebooks_dir=codebooks_dir)
    category_of = dict(zip(terms, categories))
    s = tone_by_outlet(sentiment, articles, by=by)
    rows = []
    for key, g in s.groupby(by, sort=False):
        n_words = int(g["n_words"].sum())
        found = [t for cell in g["emotive_terms"] if isinstance(cell, str) and cell for t in cell.split("; ")]
        row = {by: key, "articles": g["article_id"].nunique(), "words": n_words, "emotive_count": len(found),
               "per_1000_words": round(1000 * len(found) / n_words, 2) if n_words else 0.0}
        for cat in dict.fromkeys(categories):
            row[f"{cat}_per_1000_words"] = round(1000 * sum(category_of.get(t) == cat for t in found) / n_words, 2) if n_words else 0.0
        row["terms"] = "; ".join(f"{t} ({n})" for t, n in pd.Series(found, dtype=object).value_counts().items())
        rows.append(row)
    return pd.DataFrame(rows)


def measure_agreement(sentiment: pd.DataFrame) -> pd.DataFrame:
    """How far the two measures agree on the outlets' sentences (one row): Pearson and Spearman r of textblob-de
    polarity and SentiWS score, sentences, sentences either measure scores, share given the same label."""
    s = select_roles(sentiment)
    x, y = s["textblob_polarity"], s["sentiws_score"]
    return pd.DataFrame([{
        "pearson": float(x.corr(y)),
        "spearman": float(x.corr(y, method="spearman")),
        "n": int(len(s)),
        "n_scored_by_either": int(((x != 0) | (y != 0)).sum()),
        "share_same_label": float((s["textblob_label"] == s["sentiws_label"]).mean()) if len(s) else float("nan"),
    }])


def measure_labels(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Cross-table of the two measures' labels on the outlets' sentences (rows textblob-de, columns SentiWS)."""
    s = select_roles(sentiment)
    table = pd.crosstab(s["textblob_label"], s["sentiws_label"]).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    return table.rename_axis(index="textblob", columns="sentiws")


def measure_disagreements(
    sentiment: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, *, n: int = 8, by: str = "outlet_label"
) -> pd.DataFrame:
    """The `n` sentences whose two labels differ with the largest standardised gap (SentiWS/sd - textblob-de/sd),
    numbered from 1 (`point`), with outlet, sentence text, both scores and the SentiWS words found."""
    s = select_roles(sentiment)
    gap = s["sentiws_score"] / s["sentiws_score"].std() - s["textblob_polarity"] / s["textblob_polarity"].std()
    top = s.assign(gap=gap)[s["textblob_label"] != s["sentiws_label"]].dropna(subset=["gap"])
    top = top.sort_values("gap", key=abs, ascending=False, kind="stable").head(n)
    top = with_outlet(top, articles, by=by).merge(sentences[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"], how="left")
    top = top.rename(columns={"text": "sentence"}).reset_index(drop=True)
    top.insert(0, "point", range(1, len(top) + 1))
    return top[["point", "article_id", "sentence_id", by, "sentence", "textblob_polarity", "sentiws_score", "sentiws_terms"]]


# --------------------------------------------------------------------------- validation against the hand coding


def validate_sentiment(
    sentiment: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, *, codebooks_dir: Path | None = None
) -> dict[str, pd.DataFrame]:
    """Agreement of each measure's label with the hand coding (`analysis/gold/sentiment.csv`).

    Returns `agreement` (accuracy, macro-F1, Krippendorff's alpha nominal and ordinal per measure, plus SentiWS
    without the codebook's topic/homograph skip lists, textblob-de's own (slower, context-aware) analyzer, and a
    majority-class baseline), `per_label` (P/R/F1 per label and measure), `confusion` (long: measure, gold,
    predicted, n), `disagreements` (the gold sentences where textblob-de, SentiWS or their combination differ from
    the hand coding, with both scores, the words found and the text) and `emotive` (per gold label: sentences, how
    many contain an emotive/escalation term).
    """
    matched = match_gold(gold, sentences)
    matched = matched[matched["sentence_id"] > 0].merge(
        sentiment[["article_id", "sentence_id", *(f"{m}_label" for m in MEASURES), "textblob_polarity", "sentiws_score",
                   "sentiws_terms", "emotive_count", "emotive_terms"]],
        on=["article_id", "sentence_id"],
        how="left",
    )
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence_id"]), sentences["text"]))
    matched["text"] = [texts.get(k, "") for k in zip(matched["article_id"], matched["sentence_id"])]
    g = list(matched["label"])
    predictions = {m: list(matched[f"{m}_label"]) for m in MEASURES}
    plain = negation_settings(codebooks_dir=codebooks_dir)._replace(skip=frozenset())
    predictions["sentiws plain (no skip lists)"] = [
        label(sentiws_sentence(t, settings=plain)["sentiws_score"], SENTIWS_NEUTRAL) for t in matched["text"]
    ]
    predictions["textblob-de exact (package analyzer)"] = [
        label(textblob_sentence(t, exact=True)[0], TEXTBLOB_NEUTRAL) for t in matched["text"]
    ]
    predictions["majority baseline"] = [max(LABELS, key=g.count)] * len(g)
    summary, per_label, confusion = [], [], []
    for name, p in predictions.items():
        polar = len(set(p)) > 1
        summary.append(
            {
                "measure": name, "n": len(g),
                "accuracy": round(agreement.accuracy(g, p), 3),
                "macro_f1": round(agreement.macro_f1(g, p, labels=LABELS), 3),
                "alpha_nominal": round(agreement.krippendorff_alpha(g, p), 3) if polar else float("nan"),
                "alpha_ordinal": round(agreement.krippendorff_alpha([ORDINAL[x] for x in g], [ORDINAL[x] for x in p], level="ordinal"), 3)
                if polar else float("nan"),
            }
        )
        per_label.append(agreement.per_label_prf(g, p, labels=LABELS).assign(measure=name))
        cm = agreement.confusion(g, p, labels=LABELS)
        confusion.append(cm.stack().rename("n").reset_index().assign(measure=name))
    differs = pd.concat([matched[f"{m}_label"] != matched["label"] for m in MEASURES], axis=1).any(axis=1)
    disagreements = matched[differs].rename(columns={"label": "gold"})[DISAGREEMENT_COLUMNS].reset_index(drop=True)
    emotive = (
        matched.assign(with_emotive_term=matched["emotive_count"] > 0)
        .groupby("label")["with_emotive_term"].agg(sentences="size", with_emotive_term="sum")
        .reindex(list(LABELS), fill_value=0).rename_axis("gold").reset_index()
    )
    emotive["share_with_emotive_term"] = (emotive["with_emotive_term"] / emotive["sentences"].where(emotive["sentences"] > 0)).round(3)
    return {
        "agreement": pd.DataFrame(summary),
        "per_label": pd.concat(per_label, ignore_index=True)[["measure", "label", "precision", "recall", "f1", "support"]],
        "confusion": pd.concat(confusion, ignore_index=True)[["measure", "gold", "predicted", "n"]],
        "disagreements": disagreements,
        "emotive": emotive,
    }


def confusion_matrix(confusion: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Wide confusion matrix (rows gold, columns predicted) of one measure from the long `confusion` table
    (`validation_sentiment_confusion`)."""
    wide = confusion[confusion["measure"] == measure].pivot(index="gold", columns="predicted", values="n")
    return wide.reindex(index=list(LABELS), columns=list(LABELS)).fillna(0).astype(int)


def confusion_table(confusion: pd.DataFrame, measures: tuple[str, ...] = MEASURES) -> pd.DataFrame:
    """The confusion matrices of several measures stacked: columns measure, gold, then one per predicted label."""
    stacked = pd.concat({m: confusion_matrix(confusion, m) for m in measures}, names=["measure", "gold"]).reset_index()
    stacked.columns.name = None
    return stacked


def missed_negatives(disagreements: pd.DataFrame, measure: str = "sentiws") -> pd.DataFrame:
    """Hand-coded negative sentences that `measure` does not label negative (from `validation_sentiment_disagreements`)."""
    d = disagreements
    return d[(d["gold"] == "negative") & (d[f"{measure}_label"] != "negative")].reset_index(drop=True)


def _compare(x: float, y: float) -> str:
    return "better than" if x > y else ("as well as" if x == y else "worse than")


def validation_findings(validation: dict[str, pd.DataFrame]) -> list[str]:
    """What the validation tables show, as Markdown bullets computed from them (keys `agreement`, `per_label`,
    `emotive` of `validate_sentiment`, i.e. tables `validation_sentiment_*`)."""
    a = validation["agreement"].set_index("measure")
    pl = validation["per_label"].set_index(["measure", "label"])
    e = validation["emotive"].set_index("gold")
    tb, sw, co, plain, base = (a.loc[m] for m in ("textblob", "sentiws", "combined", "sentiws plain (no skip lists)", "majority baseline"))
    gold_n = {lab: int(pl.loc[("sentiws", lab), "support"]) for lab in LABELS}
    alphas = a.drop(index="majority baseline")[["alpha_nominal", "alpha_ordinal"]].stack()
    (best_measure, best_level), best = alphas.idxmax(), float(alphas.max())
    neg, neg_plain = pl.loc[("sentiws", "negative")], pl.loc[("sentiws plain (no skip lists)", "negative")]
    lines = [
        f"- **{int(sw['n'])} hand-coded sentences** in this corpus: " + ", ".join(f"{n} {lab}" for lab, n in gold_n.items()) + ".",
        f"- Krippendorff's alpha of the measures reaches at most **{best:.2f}** ({best_measure}, "
        f"{best_level.removeprefix('alpha_')}; "
        f"{'below' if best < 0.667 else 'above'} the 0.667 usually required for tentative conclusions). "
        f"Accuracy: SentiWS {sw['accuracy']:.2f}, textblob-de {tb['accuracy']:.2f}, combined {co['accuracy']:.2f}, against "
        f"{base['accuracy']:.2f} for the baseline that always says the most frequent gold label.",
        f"- SentiWS does {_compare(sw['macro_f1'], tb['macro_f1'])} textblob-de on macro-F1 ({sw['macro_f1']:.2f} vs "
        f"{tb['macro_f1']:.2f}); the combined label does {_compare(co['macro_f1'], sw['macro_f1'])} SentiWS alone ({co['macro_f1']:.2f}).",
        f"- SentiWS labels **{neg['recall']:.0%}** of the hand-coded negative sentences negative (recall); when it says "
        f"negative it is right {neg['precision']:.0%} of the time (precision).",
        f"- Without the topic/homograph skip lists (\"plain\") SentiWS finds {neg_plain['recall']:.0%} of the negative "
        f"sentences at {neg_plain['precision']:.0%} precision; macro-F1 {plain['macro_f1']:.2f} (with the lists {sw['macro_f1']:.2f}).",
    ]
    if gold_n["positive"] < 20:
        lines.append(f"- The positive class has only {gold_n['positive']} gold sentences: its F1 is essentially unestimated, "
                     "and macro-F1 moves a lot with each of them.")
    if e.loc["negative", "sentences"] and e.loc["neutral", "sentences"]:
        lines.append(f"- {e.loc['negative', 'share_with_emotive_term']:.0%} of the hand-coded negative sentences contain a term "
                     f"of the emotive/escalation list, against {e.loc['neutral', 'share_with_emotive_term']:.0%} of the neutral ones.")
    return lines
