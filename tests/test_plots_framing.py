"""The framing figures: the tables behind them give hand-computed numbers, and every figure is drawn (readably) on the
seeds and on a one-outlet corpus."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import framing, keywords, topics
from analysis.figures import FigureBook, layout_problems
from analysis.plots.framing import (
    textplot_distinctive_terms,
    textplot_frames_by_outlet,
    textplot_headline_features,
    textplot_hedging_by_outlet,
    textplot_topics_by_outlet,
)

from .conftest import USLAR

NAMES = ["framing-frames-by-outlet", "framing-hedging-by-outlet", "framing-headline-features", "framing-distinctive-terms",
         "framing-topics-by-outlet"]
ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "outlet_label": ["Uslar Hier", "Uslar Hier", "Telepolis?"]})


def _book(tmp_path, articles) -> FigureBook:
    return FigureBook(notebook="03_framing", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path)


def _draw_all(tables, book):
    a, s = tables["articles"], tables["sentences"]
    return [
        textplot_frames_by_outlet(framing.frames_by_outlet(tables["frames"], s, a), book=book),
        textplot_hedging_by_outlet(framing.hedging_rates(tables["hedging"], s, a), book=book),
        textplot_headline_features(framing.headline_counts(tables["headlines"], a), book=book),
        textplot_distinctive_terms(tables["keyness"], book=book),
        textplot_topics_by_outlet(tables["topic_shares"], tables["topics"], book=book),
    ]


def _one_article(tables, article_id):
    """The seed tables cut down to one article; corpus-level tables computed again from the cut tables."""
    keep = {name: tables[name][tables[name]["article_id"] == article_id]
            for name in ("articles", "sentences", "frames", "hedging", "headlines")}
    keep["keyness"] = keywords.textstat_keyness(keep["sentences"], articles=keep["articles"])
    keep.update(topics.textstat_topics(keep["sentences"], articles=keep["articles"], frames=keep["frames"]))
    return keep


@pytest.mark.parametrize("corpus", ["seeds", "one outlet"])
def test_every_framing_figure_is_saved_and_readable(seed_tables, tmp_path, corpus):
    tables = seed_tables if corpus == "seeds" else _one_article(seed_tables, USLAR)
    figs = _draw_all(tables, _book(tmp_path, tables["articles"]))
    for name in NAMES:
        assert (tmp_path / f"{name}.pdf").exists() and (tmp_path / f"{name}.png").exists()
    for name, fig in zip(NAMES, figs):
        assert layout_problems(fig) == [], name
        plt.close(fig)


# ------------------------------------------------------------------ the tables behind the figures


def _sentences(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "role", "n_words"]).assign(text="")


def test_frames_by_outlet_pools_an_outlets_articles():
    sentences = _sentences([("a1", 1, "headline", 5), ("a1", 2, "body", 10), ("a1", 3, "credit", 2),
                            ("a2", 1, "body", 10), ("b1", 1, "body", 10), ("b1", 2, "body", 10)])
    frames = pd.DataFrame({"article_id": ["a1", "a1", "a2", "b1"], "sentence_id": [1, 1, 1, 2],
                           "frame": ["military", "military", "conflict", "military"]})
    table = framing.frames_by_outlet(frames, sentences, ARTICLES, frame_ids=["conflict", "military"]).set_index(["outlet_label", "frame"])
    # Uslar Hier: 3 sentences (credit line left out); military in one (counted once), conflict in one
    assert table.loc[("Uslar Hier", "military"), ["n_sentences", "sentences"]].tolist() == [1, 3]
    assert table.loc[("Uslar Hier", "military"), "share"] == pytest.approx(1 / 3)
    assert table.loc[("Telepolis?", "military"), "share"] == 0.5 and table.loc[("Telepolis?", "conflict"), "share"] == 0


def test_hedging_rates_per_1000_words():
    sentences = _sentences([("a1", 1, "body", 300), ("a1", 2, "credit", 50), ("a2", 1, "body", 200), ("b1", 1, "body", 400)])
    hedging = pd.DataFrame({"article_id": ["a1", "a2", "a2", "b1"], "kind": ["hedge", "hedge", "certainty", "hedge"],
                            "category": ["reportative_modal", "konjunktiv_i", "certainty", "konjunktiv_i"]})
    rates = framing.hedging_rates(hedging, sentences, ARTICLES).set_index(["outlet_label", "category"])
    # Uslar Hier: 500 words (credit left out), 2 hedges -> 4 per 1,000; 1 certainty -> 2 per 1,000
    assert rates.loc[("Uslar Hier", "all hedges"), ["n", "words", "per_1000_words"]].tolist() == [2, 500, 4.0]
    assert rates.loc[("Uslar Hier", "all certainty"), "per_1000_words"] == 2.0
    assert rates.loc[("Telepolis?", "konjunktiv_i"), "per_1000_words"] == 2.5
    assert rates.loc[("Telepolis?", "epistemic_modal"), "n"] == 0  # every codebook category has a row


def test_headline_counts_sum_an_outlets_articles():
    headlines = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "b1"], "sentence_id": [1, 2, 1, 1], "role": ["headline", "lead", "lead", "headline"],
        "text": ["Krieg?", "Lead.", "Weltkrieg!", "Titel"], "is_question": [True, False, False, False],
        "is_exclamation": [False, False, True, False], "escalation_terms": ["", "", "Weltkrieg", ""],
        "n_escalation": [0, 0, 1, 0], "first_actor": ["", "", "", ""], "actors": ["", "", "", ""],
    })
    counts = framing.headline_counts(headlines, ARTICLES).set_index("outlet_label")
    assert counts.index.tolist() == ["Uslar Hier", "Telepolis?"]  # catalog order
    assert counts.loc["Uslar Hier"].tolist() == [2, 3, 1, 1, 1]  # articles, display lines, ?, !, escalation words
    assert counts.loc["Telepolis?"].tolist() == [1, 1, 0, 0, 0]
    summary = framing.headline_summary(headlines, ARTICLES).set_index("article_id")
    assert summary.loc["a2", "headline_role"] == "lead"  # no headline: the lead stands in
    assert framing.describe_headlines(summary.reset_index()).startswith("1 of 3 articles have no captured headline (a2)")


def test_distinctive_terms_draws_each_outlets_top_words(seed_tables, tmp_path):
    keyness = seed_tables["keyness"]
    fig = textplot_distinctive_terms(keyness, book=_book(tmp_path, seed_tables["articles"]), top=3)
    panel = next(ax for ax in fig.axes if ax.get_title().startswith("Uslar Hier"))
    expected = keyness[(keyness["outlet_label"] == "Uslar Hier") & (keyness["rank"] <= 3)].sort_values("rank")
    assert [t.get_text() for t in panel.get_yticklabels()] == expected["term"].tolist()
    assert [bar.get_width() for bar in panel.patches] == pytest.approx(expected["z"].tolist())
    plt.close(fig)


def test_empty_tables_give_a_figure_that_says_why(tmp_path):
    articles = pd.DataFrame({"article_id": ["a1"], "outlet_label": ["Uslar Hier"]})
    sentences = _sentences([])
    none = pd.DataFrame(columns=["article_id", "sentence_id", "role", "kind", "category", "frame", "is_question",
                                 "is_exclamation", "n_escalation", "first_actor", "text", "escalation_terms"])
    book = _book(tmp_path, articles)
    keyness = keywords.textstat_keyness(sentences, articles=articles)
    empty_topics = topics.textstat_topics(sentences, articles=articles, frames=none)
    figs = [
        textplot_frames_by_outlet(framing.frames_by_outlet(none, sentences, articles), book=book),
        textplot_hedging_by_outlet(framing.hedging_rates(none, sentences, articles), book=book),
        textplot_headline_features(framing.headline_counts(none, articles.iloc[:0]), book=book),
        textplot_distinctive_terms(keyness, book=book),
        textplot_topics_by_outlet(empty_topics["topic_shares"], empty_topics["topics"], book=book),
    ]
    for name, fig in zip(NAMES, figs):
        assert (tmp_path / f"{name}.pdf").exists() and layout_problems(fig) == [], name
        plt.close(fig)
