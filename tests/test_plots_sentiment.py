"""Tests for the tables behind the sentiment figures (analysis.sentiment) and their textplot functions
(analysis.plots.sentiment): hand-computed numbers on a tiny two-outlet table, and every figure drawn on the seeds
and on a corpus of one outlet."""

from __future__ import annotations

import statistics

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import sentiment as S
from analysis.actors import actor_names
from analysis.figures import FigureBook, layout_problems
from analysis.plots import sentiment as P

from .conftest import PAP

COLS = ["article_id", "sentence_id", "role", "n_words", "textblob_polarity", "sentiws_score",
        "textblob_label", "sentiws_label", "combined_label", "emotive_count", "emotive_terms", "sentiws_terms"]


@pytest.fixture
def tiny():
    """Two outlets; the catalog lists 'Boulevard' (b1) before 'Agentur' (a1). The credit line of b1 carries a tone and
    an emotive term that must count nowhere."""
    articles = pd.DataFrame({"article_id": ["b1", "a1"], "outlet_label": ["Boulevard", "Agentur"]})
    rows = [
        ("b1", 1, "headline", 4, -0.5, -0.2, "negative", "negative", "negative", 1, "Eskalation", "Angst:-0.40"),
        ("b1", 2, "body", 10, 0.0, 0.0, "neutral", "neutral", "neutral", 0, "", ""),
        ("b1", 3, "body", 6, 0.5, -0.1, "positive", "negative", "neutral", 1, "Regime", "Sorge:-0.24"),
        ("b1", 4, "credit", 2, 0.0, 0.3, "neutral", "positive", "positive", 1, "Eskalation", "gut:+0.42"),
        ("a1", 1, "lead", 8, 0.0, 0.0, "neutral", "neutral", "neutral", 0, "", ""),
        ("a1", 2, "body", 12, 0.2, 0.1, "positive", "positive", "positive", 0, "", "Erfolg:+0.35"),
    ]
    sentiment = pd.DataFrame(rows, columns=COLS)
    sentences = sentiment[["article_id", "sentence_id", "role"]].assign(text=[
        "Eskalation droht!", "Die Gespräche dauern an.", "Das Regime lobt den Besuch.", "(dpa)",
        "Das Treffen fand statt.", "Ein Erfolg für beide Seiten.",
    ])
    actors = pd.DataFrame({"article_id": ["b1", "b1", "a1", "b1", "b1"], "sentence_id": [1, 3, 2, 2, 4],
                           "actor": ["Russia", "Russia", "Russia", "Ukraine", "Ukraine"], "mentions": 1})
    return {"articles": articles, "sentiment": sentiment, "sentences": sentences, "sentiment_actors": actors}


# --------------------------------------------------------------------------- the tables, by hand


def test_tone_by_outlet_leaves_out_credit_lines_in_catalog_order(tiny):
    tone = S.tone_by_outlet(tiny["sentiment"], tiny["articles"])
    assert list(zip(tone["outlet_label"], tone["sentence_id"])) == [("Boulevard", 1), ("Boulevard", 2), ("Boulevard", 3),
                                                                    ("Agentur", 1), ("Agentur", 2)]


def test_label_shares_by_hand(tiny):
    shares = S.label_shares(tiny["sentiment"], tiny["articles"]).set_index(["outlet_label", "measure"])
    assert list(shares.index) == [("Boulevard", m) for m in S.MEASURES] + [("Agentur", m) for m in S.MEASURES]
    # Boulevard, 3 sentences: SentiWS negative, neutral, negative
    assert shares.loc[("Boulevard", "sentiws")].tolist() == [67, 33, 0]
    assert shares.loc[("Boulevard", "textblob")].tolist() == [33, 33, 33]
    assert shares.loc[("Agentur", "combined")].tolist() == [0, 50, 50]


def test_actor_tone_and_its_wide_table_by_hand(tiny):
    tone = S.actor_tone(tiny["sentiment"], tiny["sentiment_actors"], tiny["articles"])
    russia = tone[tone["actor"] == "Russia"].set_index("outlet_label")
    assert list(russia.index) == ["Boulevard", "Agentur"]  # catalog order
    assert russia.loc["Boulevard", "n_sentences"] == 2 and russia.loc["Boulevard", "mean"] == pytest.approx(-0.15)
    assert russia.loc["Boulevard", "share_negative"] == 1.0 and russia.loc["Agentur", "mean"] == 0.1
    # the credit line naming Ukraine does not count
    assert tone[tone["actor"] == "Ukraine"]["n_sentences"].tolist() == [1]
    wide = S.actor_tone_table(tone, actors=["Ukraine", "Russia", "China"], outlets=["Boulevard", "Agentur", "Other"], min_sentences=2)
    assert list(wide["n"].index) == ["Ukraine", "Russia"] and list(wide["n"].columns) == ["Boulevard", "Agentur"]
    assert wide["n"].to_numpy().tolist() == [[1, 0], [2, 1]]
    mean = wide["mean"]
    assert mean.loc["Russia", "Boulevard"] == pytest.approx(-0.15) and mean.drop(index="Russia").isna().all().all()
    assert pd.isna(mean.loc["Russia", "Agentur"])  # 1 sentence < 2


def test_tone_by_role_by_hand(tiny):
    table = S.tone_by_role(tiny["sentiment"], tiny["articles"])
    assert list(zip(table["outlet_label"], table["role"].astype(str))) == [
        ("Boulevard", "headline"), ("Boulevard", "body"), ("Agentur", "lead"), ("Agentur", "body")]
    body = table[(table["outlet_label"] == "Boulevard") & (table["role"] == "body")].iloc[0]
    assert body["n"] == 2 and body["textblob"] == pytest.approx(0.25) and body["sentiws"] == pytest.approx(-0.05)


def test_tone_by_role_counts_every_sentence_of_the_seeds_but_credit_lines(seed_tables):
    table = S.tone_by_role(seed_tables["sentiment"], seed_tables["articles"])
    assert table["n"].sum() == (seed_tables["sentences"]["role"] != "credit").sum()
    headline = table[(table["outlet_label"] == "Uslar Hier") & (table["role"] == "headline")]
    assert headline["n"].tolist() == [1]


def test_escalation_rates_by_hand(tiny):
    rates = S.escalation_rates(tiny["sentiment"], tiny["articles"]).set_index("outlet_label")
    assert list(rates.index) == ["Boulevard", "Agentur"]
    b = rates.loc["Boulevard"]  # 2 terms in 4 + 10 + 6 words; the credit line's term does not count
    assert (b["words"], b["emotive_count"], b["per_1000_words"]) == (20, 2, 100.0)
    assert b["escalation_per_1000_words"] == 50.0 and b["pejorative_per_1000_words"] == 50.0 and b["threat_per_1000_words"] == 0.0
    assert b["terms"] == "Eskalation (1); Regime (1)"
    assert rates.loc["Agentur", "per_1000_words"] == 0.0


def test_measure_tables_by_hand(tiny):
    s = S.tone_by_outlet(tiny["sentiment"], tiny["articles"])
    agree = S.measure_agreement(tiny["sentiment"]).iloc[0]
    assert agree["n"] == 5 and agree["n_scored_by_either"] == 3 and agree["share_same_label"] == pytest.approx(0.8)
    assert agree["pearson"] == pytest.approx(statistics.correlation(list(s["textblob_polarity"]), list(s["sentiws_score"])))
    labels = S.measure_labels(tiny["sentiment"])
    assert labels.loc["positive", "negative"] == 1 and labels.loc["neutral", "neutral"] == 2 and labels.to_numpy().sum() == 5
    gaps = S.measure_disagreements(tiny["sentiment"], tiny["sentences"], tiny["articles"])
    assert gaps[["point", "outlet_label", "sentence"]].values.tolist() == [[1, "Boulevard", "Das Regime lobt den Besuch."]]


# --------------------------------------------------------------------------- the figures draw


def _draw_all(tables: dict[str, pd.DataFrame], book: FigureBook) -> list:
    sentiment, articles = tables["sentiment"], tables["articles"]
    tone = S.tone_by_outlet(sentiment, articles)
    figures = [
        P.textplot_distribution_by_outlet(tone, book=book),
        P.textplot_actor_by_outlet(S.actor_tone(sentiment, tables["sentiment_actors"], articles), actors=actor_names(), book=book),
        P.textplot_along_article(S.tone_by_role(sentiment, articles), book=book),
        P.textplot_escalation_vocabulary(S.escalation_rates(sentiment, articles), book=book),
        P.textplot_measures_scatter(tone, S.measure_disagreements(sentiment, tables["sentences"], articles),
                                    S.measure_agreement(sentiment), book=book),
    ]
    P.table_label_shares(S.label_shares(sentiment, articles), book=book)
    P.table_articles(tables["sentiment_articles"], book=book)
    P.table_measures_disagreements(S.measure_disagreements(sentiment, tables["sentences"], articles), book=book)
    return figures


NAMES = ["sentiment-distribution-by-outlet", "sentiment-actor-by-outlet", "sentiment-along-article",
         "sentiment-escalation-vocabulary", "sentiment-measures-scatter"]


def test_every_figure_and_table_on_the_seeds(seed_tables, tmp_path):
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=seed_tables["articles"], corpus_dir=tmp_path)
    figures = _draw_all(seed_tables, book)
    assert all(isinstance(f, plt.Figure) for f in figures)
    assert [layout_problems(f) for f in figures] == [[]] * len(NAMES)  # readable in print
    for name in NAMES:
        assert (tmp_path / f"{name}.pdf").exists() and (tmp_path / f"{name}.png").exists()
    confusion = P.table_validation_confusion(seed_tables["validation_sentiment_confusion"], book=book)
    assert list(confusion.columns) == ["measure", "gold", *S.LABELS]
    P.table_validation(seed_tables["validation_sentiment_agreement"], book=book)
    P.table_validation_per_label(seed_tables["validation_sentiment_per_label"], book=book)
    assert {p.stem for p in (tmp_path / "tables").glob("*.csv")} == {
        "sentiment-label-shares", "sentiment-articles", "sentiment-measures-disagreements", "sentiment-validation",
        "sentiment-validation-confusion", "sentiment-validation-per-label"}
    # the actor heatmap shows mean and n where there are enough sentences, only n elsewhere
    texts = [t.get_text() for t in figures[1].axes[0].texts]
    assert "n = 1" in texts and any(t.startswith("-0.055\nn = 7") for t in texts)
    plt.close("all")


def test_every_figure_on_one_outlet(seed_tables, tmp_path):
    one = {name: t[t["article_id"] == PAP] if "article_id" in t else t
           for name, t in seed_tables.items() if name in ("sentiment", "articles", "sentences", "sentiment_actors", "sentiment_articles")}
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=one["articles"], corpus_dir=tmp_path)
    figures = _draw_all(one, book)
    assert [layout_problems(f) for f in figures] == [[]] * len(NAMES)
    for name in NAMES:
        assert (tmp_path / f"{name}.pdf").exists()
    plt.close("all")


def test_actor_figure_without_any_actor(tiny, tmp_path):
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=tiny["articles"], corpus_dir=tmp_path)
    none = S.actor_tone(tiny["sentiment"], tiny["sentiment_actors"].iloc[0:0], tiny["articles"])
    P.textplot_actor_by_outlet(none, actors=actor_names(), book=book)
    assert (tmp_path / "sentiment-actor-by-outlet.pdf").exists()
    plt.close("all")
