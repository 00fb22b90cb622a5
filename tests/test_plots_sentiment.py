"""Tests for the tables behind the sentiment figures (analysis.sentiment) and their textplot functions
(analysis.plots.sentiment): hand-computed numbers on a tiny two-outlet table (and grouped by another catalog column),
and every figure drawn on the seeds, on a corpus of one outlet and on one of 30 outlets (the many-units forms)."""

from __future__ import annotations

import statistics

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import sentiment as S
from analysis.actors import actor_names
from analysis.figures import FigureBook, layout_problems, read_manifest
from analysis.plots import sentiment as P

from .conftest import PAP

COLS = ["article_id", "sentence_id", "role", "n_words", "textblob_polarity", "sentiws_score",
        "textblob_label", "sentiws_label", "combined_label", "emotive_count", "emotive_terms", "sentiws_terms", "tone", "voice"]


@pytest.fixture
def tiny():
    """Two outlets; the catalog lists 'Boulevard' (b1) before 'Agentur' (a1). The credit line of b1 carries a tone and
    an emotive term that must count nowhere."""
    articles = pd.DataFrame({"article_id": ["b1", "a1"], "outlet_label": ["Boulevard", "Agentur"]})
    rows = [
        ("b1", 1, "headline", 4, -0.5, -0.2, "negative", "negative", "negative", 1, "Eskalation", "Angst:-0.40", "negative", "own"),
        ("b1", 2, "body", 10, 0.0, 0.0, "neutral", "neutral", "neutral", 0, "", "", "neutral", "source"),
        ("b1", 3, "body", 6, 0.5, -0.1, "positive", "negative", "neutral", 1, "Regime", "Sorge:-0.24", "negative", "own"),
        ("b1", 4, "credit", 2, 0.0, 0.3, "neutral", "positive", "positive", 1, "Eskalation", "gut:+0.42", "positive", "own"),
        ("a1", 1, "lead", 8, 0.0, 0.0, "neutral", "neutral", "neutral", 0, "", "", "neutral", "own"),
        ("a1", 2, "body", 12, 0.2, 0.1, "positive", "positive", "positive", 0, "", "Erfolg:+0.35", "positive", "source"),
    ]
    sentiment = pd.DataFrame(rows, columns=COLS)
    sentences = sentiment[["article_id", "sentence_id", "role"]].assign(text=[
        "Eskalation droht!", "Die Gespräche dauern an.", "Das Regime lobt den Besuch.", "(dpa)",
        "Das Treffen fand statt.", "Ein Erfolg für beide Seiten.",
    ])
    actors = pd.DataFrame({"article_id": ["b1", "b1", "a1", "b1", "b1"], "sentence_id": [1, 3, 2, 2, 4],
                           "actor": ["Russia", "Russia", "Russia", "Ukraine", "Ukraine"], "mentions": 1})
    # evaluative mentions: b1 headline evaluates Russia -1 and Ukraine +1, b1 sentence 3 Russia -1, a1 sentence 2
    # Russia +1; the credit line's mention of Ukraine counts nowhere
    actor_tone = pd.DataFrame({"article_id": ["b1", "b1", "b1", "a1", "b1"], "sentence_id": [1, 1, 3, 2, 4],
                               "actor": ["Russia", "Ukraine", "Russia", "Russia", "Ukraine"], "tone": [-1, 1, -1, 1, -1],
                               "evidence": "x", "voice": "own"})
    return {"articles": articles, "sentiment": sentiment, "sentences": sentences, "sentiment_actors": actors, "actor_tone": actor_tone}


# --------------------------------------------------------------------------- the tables, by hand


def test_tone_shares_by_voice_by_hand(tiny):
    shares = S.tone_shares(tiny["sentiment"], tiny["articles"]).set_index(["outlet_label", "voice"])
    assert list(shares.index) == [("Boulevard", "own"), ("Boulevard", "source"), ("Agentur", "own"), ("Agentur", "source")]
    # Boulevard own words: sentences 1 and 3, both negative (the credit line does not count)
    assert shares.loc[("Boulevard", "own"), ["sentences", *S.LABELS]].tolist() == [2, 1.0, 0.0, 0.0]
    assert shares.loc[("Boulevard", "source"), ["sentences", *S.LABELS]].tolist() == [1, 0.0, 1.0, 0.0]
    assert shares.loc[("Agentur", "source"), "positive"] == 1.0


def test_actor_portrayal_by_hand(tiny):
    p = S.actor_portrayal(tiny["actor_tone"], tiny["sentiment"], tiny["articles"])
    assert p[["actor", "outlet_label", "n_sentences", "mean"]].values.tolist() == [
        ["Russia", "Boulevard", 2, -1.0], ["Russia", "Agentur", 1, 1.0], ["Ukraine", "Boulevard", 1, 1.0]]
    wide = S.actor_tone_table(p, actors=["Russia", "Ukraine"], min_sentences=1)
    assert wide["n"].to_numpy().tolist() == [[2, 1], [1, 0]] and pd.isna(wide["mean"].loc["Ukraine", "Agentur"])
    empty = S.actor_portrayal(tiny["actor_tone"].iloc[0:0], tiny["sentiment"], tiny["articles"])
    assert empty.empty and "n_sentences" in empty


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
    tone = S.naming_tone(tiny["sentiment"], tiny["sentiment_actors"], tiny["articles"])
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


@pytest.fixture
def grouped(tiny):
    """`tiny` plus a second agency article a2 ('Agentur Zwei'), grouped with a1 in catalog column `group`: its lead
    repeats a1's lead, its body repeats b1's sentence 3 word for word (same scores, names Russia)."""
    articles = pd.DataFrame({"article_id": ["b1", "a1", "a2"], "outlet_label": ["Boulevard", "Agentur", "Agentur Zwei"],
                             "group": ["Boulevardpresse", "Agenturen", "Agenturen"]})
    rows = [("a2", 1, "lead", 8, 0.0, 0.0, "neutral", "neutral", "neutral", 0, "", "", "neutral", "own"),
            ("a2", 2, "body", 6, 0.5, -0.1, "positive", "negative", "neutral", 1, "Regime", "Sorge:-0.24", "negative", "source")]
    sentiment = pd.concat([tiny["sentiment"], pd.DataFrame(rows, columns=COLS)], ignore_index=True)
    sentences = pd.concat([tiny["sentences"], pd.DataFrame({"article_id": ["a2", "a2"], "sentence_id": [1, 2], "role": ["lead", "body"],
                                                            "text": ["Das Treffen fand statt.", "Das Regime lobt den Besuch."]})],
                          ignore_index=True)
    actors = pd.concat([tiny["sentiment_actors"], pd.DataFrame({"article_id": ["a2"], "sentence_id": [2], "actor": ["Russia"], "mentions": 1})],
                       ignore_index=True)
    return {"articles": articles, "sentiment": sentiment, "sentences": sentences, "sentiment_actors": actors,
            "actor_tone": tiny["actor_tone"]}


def test_tables_by_another_catalog_column_by_hand(grouped):
    sentiment, articles = grouped["sentiment"], grouped["articles"]
    tone = S.tone_by_outlet(sentiment, articles, by="group")
    assert list(dict.fromkeys(tone["group"])) == ["Boulevardpresse", "Agenturen"] and len(tone) == 7
    # Agenturen, SentiWS labels: neutral, positive (a1); neutral, negative (a2)
    shares = S.label_shares(sentiment, articles, by="group").set_index(["group", "measure"])
    assert shares.loc[("Agenturen", "sentiws")].tolist() == [25, 50, 25]
    rates = S.escalation_rates(sentiment, articles, by="group").set_index("group")
    agencies = rates.loc["Agenturen"]  # 1 term (Regime) in 8 + 12 + 8 + 6 words
    assert (agencies["articles"], agencies["words"], agencies["emotive_count"]) == (2, 34, 1)
    assert agencies["per_1000_words"] == round(1000 / 34, 2) and agencies["pejorative_per_1000_words"] == round(1000 / 34, 2)
    roles = S.tone_by_role(sentiment, articles, by="group")
    body = roles[(roles["group"] == "Agenturen") & (roles["role"] == "body")].iloc[0]
    assert body["n"] == 2 and body["textblob"] == pytest.approx((0.2 + 0.5) / 2) and body["sentiws"] == pytest.approx(0.0)
    russia = S.naming_tone(sentiment, grouped["sentiment_actors"], articles, by="group").set_index(["actor", "group"])
    assert russia.loc[("Russia", "Agenturen"), "n_sentences"] == 2 and russia.loc[("Russia", "Agenturen"), "mean"] == pytest.approx(0.0)
    assert russia.loc[("Russia", "Agenturen"), "share_negative"] == 0.5
    # a1 evaluates Russia once (+1): the group's portrayal; a2 evaluates nobody
    portrayal = S.actor_portrayal(grouped["actor_tone"], sentiment, articles, by="group").set_index(["actor", "group"])
    assert portrayal.loc[("Russia", "Agenturen"), ["n_sentences", "mean"]].tolist() == [1, 1.0]
    voice = S.tone_shares(sentiment, articles, by="group").set_index(["group", "voice"])
    assert voice.loc[("Agenturen", "own"), ["sentences", *S.LABELS]].tolist() == [2, 0.0, 1.0, 0.0]  # two neutral leads
    assert voice.loc[("Agenturen", "source"), ["sentences", *S.LABELS]].tolist() == [2, 0.5, 0.0, 0.5]


def test_tone_means_with_t_intervals_by_hand(grouped):
    tone = S.tone_by_outlet(grouped["sentiment"], grouped["articles"], by="group")
    means = S.tone_means(tone, by="group").set_index(["group", "measure"])
    assert list(means.index) == [("Boulevardpresse", "textblob"), ("Boulevardpresse", "sentiws"),
                                 ("Agenturen", "textblob"), ("Agenturen", "sentiws")]
    t2, t3 = 4.302653, 3.182446  # two-sided 95% quantiles of Student's t with 2 and 3 degrees of freedom (tables)
    b = means.loc[("Boulevardpresse", "sentiws")]  # -0.2, 0.0, -0.1
    assert (b["articles"], b["sentences"]) == (1, 3) and b["mean"] == pytest.approx(-0.1)
    assert b["high"] - b["mean"] == pytest.approx(t2 * 0.1 / 3 ** 0.5, abs=1e-4)
    a = means.loc[("Agenturen", "textblob")]  # 0.0, 0.2 (a1); 0.0, 0.5 (a2)
    assert (a["articles"], a["sentences"]) == (2, 4) and a["mean"] == pytest.approx(0.175)
    half = t3 * statistics.stdev([0.0, 0.2, 0.0, 0.5]) / 2
    assert (a["low"], a["high"]) == (pytest.approx(0.175 - half, abs=1e-4), pytest.approx(0.175 + half, abs=1e-4))
    one = S.tone_means(tone.head(1), by="group")  # a single sentence has a mean but no interval
    assert one["mean"].tolist() == [-0.5, -0.2] and one[["low", "high"]].isna().all().all()


def test_a_sentence_printed_in_several_articles_is_listed_once(grouped):
    gaps = S.measure_disagreements(grouped["sentiment"], grouped["sentences"], grouped["articles"], by="group")
    assert gaps[["point", "group", "articles", "sentence"]].values.tolist() == [[1, "Boulevardpresse", 2, "Das Regime lobt den Besuch."]]


def test_numbered_points_on_top_of_each_other_share_one_label():
    gaps = pd.DataFrame({"point": [1, 2, 3], "textblob_polarity": [0.7, 0.71, -1.0], "sentiws_score": [-0.15, -0.151, 0.0]})
    assert P._point_labels(gaps, 2.0, 0.3) == [(0.7, -0.15, "1, 2"), (-1.0, 0.0, "3")]


# --------------------------------------------------------------------------- the figures draw


def _draw_all(tables: dict[str, pd.DataFrame], book: FigureBook) -> list:
    sentiment, articles = tables["sentiment"], tables["articles"]
    tone = S.tone_by_outlet(sentiment, articles)
    portrayal = S.actor_portrayal(tables["actor_tone"], sentiment, articles)
    figures = [
        P.textplot_distribution_by_outlet(tone, book=book),
        P.textplot_actor_by_outlet(portrayal, actors=actor_names(), book=book),
        P.textplot_along_article(S.tone_by_role(sentiment, articles), book=book),
        P.textplot_escalation_vocabulary(S.escalation_rates(sentiment, articles), book=book),
        P.textplot_measures_scatter(tone, S.measure_disagreements(sentiment, tables["sentences"], articles),
                                    S.measure_agreement(sentiment), book=book),
        P.textplot_tone_by_voice(S.tone_shares(sentiment, articles), book=book),
    ]
    P.table_tone_by_voice(S.tone_shares(sentiment, articles), book=book)
    P.table_label_shares(S.label_shares(sentiment, articles), book=book)
    P.table_articles(tables["sentiment_articles"], book=book)
    P.table_actor_tone(portrayal, book=book)
    P.table_tone_by_role(S.tone_by_role(sentiment, articles), book=book)
    P.table_measures_disagreements(S.measure_disagreements(sentiment, tables["sentences"], articles), book=book)
    return figures


NAMES = ["sentiment-distribution-by-outlet", "sentiment-actor-by-outlet", "sentiment-along-article",
         "sentiment-escalation-vocabulary", "sentiment-measures-scatter", "sentiment-tone-by-voice"]


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
        "sentiment-tone-by-voice", "sentiment-label-shares", "sentiment-articles", "sentiment-actor-tone", "sentiment-tone-by-part",
        "sentiment-measures-disagreements", "sentiment-validation", "sentiment-validation-confusion", "sentiment-validation-per-label"}
    # the actor heatmap shows each cell's mean tone and number of evaluative mentions, as in the table
    texts = [t.get_text() for t in figures[1].axes[0].texts]
    first = S.actor_portrayal(seed_tables["actor_tone"], seed_tables["sentiment"], seed_tables["articles"]).iloc[0]
    assert f"{first['mean']:+.2f}\nn = {first['n_sentences']}".replace("-", "−") in texts
    plt.close("all")


def test_every_figure_on_one_outlet(seed_tables, tmp_path):
    one = {name: t[t["article_id"] == PAP] if "article_id" in t else t
           for name, t in seed_tables.items() if name in ("sentiment", "articles", "sentences", "sentiment_actors", "sentiment_articles", "actor_tone")}
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=one["articles"], corpus_dir=tmp_path)
    figures = _draw_all(one, book)
    assert [layout_problems(f) for f in figures] == [[]] * len(NAMES)
    for name in NAMES:
        assert (tmp_path / f"{name}.pdf").exists()
    plt.close("all")


def test_actor_figure_without_any_actor(tiny, tmp_path):
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=tiny["articles"], corpus_dir=tmp_path)
    none = S.actor_portrayal(tiny["actor_tone"].iloc[0:0], tiny["sentiment"], tiny["articles"])
    P.textplot_actor_by_outlet(none, actors=actor_names(), book=book)
    assert (tmp_path / "sentiment-actor-by-outlet.pdf").exists()
    plt.close("all")


@pytest.fixture
def thirty(seed_tables):
    """30 outlets of one article each: the seed articles repeated, each copy under a new id and outlet name."""
    copies = {k: seed_tables["articles"]["article_id"].iloc[k % 5] for k in range(30)}
    out = {}
    for name in ("sentiment", "sentences", "sentiment_actors", "sentiment_articles", "actor_tone"):
        t = seed_tables[name]
        out[name] = pd.concat([t[t["article_id"] == aid].assign(article_id=f"x{k:02d}") for k, aid in copies.items()], ignore_index=True)
    out["articles"] = pd.DataFrame({"article_id": [f"x{k:02d}" for k in copies], "outlet_label": [f"Zeitung Nummer {k}" for k in copies],
                                    "outlet_type": ["Regionalzeitung" if k % 2 else "Boulevard" for k in copies]})
    return out


def test_every_figure_on_thirty_outlets_takes_its_many_units_form(thirty, tmp_path):
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=thirty["articles"], corpus_dir=tmp_path)
    figures = _draw_all(thirty, book)
    assert [layout_problems(f) for f in figures] == [[]] * len(NAMES)
    distribution, actors, along, escalation, scatter, voice = figures
    assert len(voice.axes[0].get_yticklabels()) == 30 and not voice.axes[0].texts[0].get_text().isdigit()
    units = [t.get_text() for t in distribution.axes[0].get_yticklabels()]
    assert len(units) == 30 and units[0] == "Zeitung Nummer 0 (n = 19)"  # one dot (mean and interval) per outlet
    assert [t.get_text() for t in actors.axes[0].get_yticklabels()][:2] == ["Zeitung Nummer 0", "Zeitung Nummer 1"]
    assert len(actors.axes[0].texts) == 0  # colours only: more than P.ANNOTATE_ROWS outlets
    assert len(along.axes[0].get_yticklabels()) == 30 and len(escalation.axes[0].get_yticklabels()) == 30
    assert scatter.axes[0].get_legend() is None  # more outlets than colours
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert "colours only" in captions["sentiment-actor-by-outlet"] and "95% interval" in captions["sentiment-distribution-by-outlet"]
    plt.close("all")


def test_figures_name_the_comparison_unit(thirty, tmp_path):
    book = FigureBook(notebook="02_sentiment", figures_dir=tmp_path, articles=thirty["articles"], corpus_dir=tmp_path, by="outlet_type")
    sentiment, articles = thirty["sentiment"], book.articles
    tone = S.tone_by_outlet(sentiment, articles, by=book.by)
    fig = P.textplot_distribution_by_outlet(tone, book=book)
    assert [t.get_text().split("\n")[0] for t in fig.axes[0].get_yticklabels()] == ["Boulevard", "Regionalzeitung"]
    P.textplot_escalation_vocabulary(S.escalation_rates(sentiment, articles, by=book.by), book=book)
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert all("by outlet type" in c for c in captions.values()), captions
    plt.close("all")
