"""The framing figures: the tables behind them give hand-computed numbers, and every figure is drawn (readably) on the
seeds and on a one-outlet corpus."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import framing, keywords, topics
from analysis.figures import FigureBook, layout_problems, read_manifest
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
ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "outlet_label": ["Uslar Hier", "Uslar Hier", "Telepolis?"],
                         "outlet_type": ["Lokalportal", "Onlinemagazin", "Onlinemagazin"]})


def _book(tmp_path, articles, by="outlet") -> FigureBook:
    return FigureBook(notebook="03_framing", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path, by=by)


def _draw_all(tables, book):
    a, s = tables["articles"], tables["sentences"]
    return [
        textplot_frames_by_outlet(framing.frames_by_outlet(tables["frames"], s, a), book=book),
        textplot_hedging_by_outlet(framing.hedging_rates(tables["hedging"], s, a), book=book),
        textplot_headline_features(framing.headline_counts(tables["headlines"], a), book=book),
        *textplot_distinctive_terms(tables["keyness"], book=book),
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
    [fig] = textplot_distinctive_terms(keyness, book=_book(tmp_path, seed_tables["articles"]), top=3)
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
        *textplot_distinctive_terms(keyness, book=book),
        textplot_topics_by_outlet(empty_topics["topic_shares"], empty_topics["topics"], book=book),
    ]
    for name, fig in zip(NAMES, figs):
        assert (tmp_path / f"{name}.pdf").exists() and layout_problems(fig) == [], name
        plt.close(fig)


# ------------------------------------------------------------------ any comparison unit (`by`)


def test_frames_by_another_unit_and_the_wide_table():
    sentences = _sentences([("a1", 1, "body", 5), ("a1", 2, "body", 5), ("a2", 1, "body", 5), ("a2", 2, "credit", 2),
                            ("b1", 1, "body", 5), ("b1", 2, "body", 5), ("b1", 3, "body", 5)])
    frames = pd.DataFrame({"article_id": ["a1", "a2", "b1", "b1"], "sentence_id": [1, 1, 1, 3], "frame": ["military"] * 4})
    table = framing.frames_by_outlet(frames, sentences, ARTICLES, frame_ids=["conflict", "military"], by="outlet_type")
    assert table["outlet_type"].drop_duplicates().tolist() == ["Lokalportal", "Onlinemagazin"]  # catalog order
    rows = table.set_index(["outlet_type", "frame"])
    # Onlinemagazin = a2 (1 sentence, credit left out) + b1 (3 sentences): military in 1 + 2 of 4 sentences
    assert rows.loc[("Onlinemagazin", "military"), ["n_sentences", "sentences"]].tolist() == [3, 4]
    wide = framing.frame_share_table(table, by="outlet_type", frame_ids=["military", "conflict"])
    assert list(wide.columns) == ["military", "conflict"] and list(wide.index) == ["Lokalportal", "Onlinemagazin"]
    assert wide.loc["Lokalportal"].tolist() == [50.0, 0.0] and wide.loc["Onlinemagazin", "military"] == 75.0


def test_hedging_and_headlines_by_another_unit():
    sentences = _sentences([("a1", 1, "body", 300), ("a2", 1, "body", 200), ("b1", 1, "body", 300)])
    hedging = pd.DataFrame({"article_id": ["a1", "a2", "b1", "b1"], "kind": ["hedge"] * 4, "category": ["konjunktiv_i"] * 4})
    rates = framing.hedging_rates(hedging, sentences, ARTICLES, by="outlet_type").set_index(["outlet_type", "category"])
    # Onlinemagazin: a2 + b1 = 500 words, 3 hedges -> 6 per 1,000 words
    assert rates.loc[("Onlinemagazin", "all hedges"), ["n", "words", "per_1000_words"]].tolist() == [3, 500, 6.0]
    headlines = pd.DataFrame({
        "article_id": ["a1", "a2", "b1"], "sentence_id": [1, 1, 1], "role": ["headline"] * 3, "text": ["Krieg?", "Front", "Wende!"],
        "is_question": [True, False, False], "is_exclamation": [False, False, True], "escalation_terms": [""] * 3,
        "n_escalation": [0, 0, 0], "first_actor": [""] * 3, "actors": [""] * 3,
    })
    counts = framing.headline_counts(headlines, ARTICLES, by="outlet_type").set_index("outlet_type")
    assert counts.loc["Onlinemagazin", ["articles", "display_lines", "questions", "exclamations"]].tolist() == [2, 2, 0, 1]
    summary = framing.headline_summary(headlines, ARTICLES, by="outlet_type")
    assert summary[["article_id", "outlet_label", "outlet_type"]].values.tolist() == [
        ["a1", "Uslar Hier", "Lokalportal"], ["a2", "Uslar Hier", "Onlinemagazin"], ["b1", "Telepolis?", "Onlinemagazin"]]
    report = framing.headline_report(summary)
    assert list(report.columns[:3]) == ["outlet_label", "outlet_type", "headline"] and "article_id" not in report


def test_figures_by_outlet_type_name_the_unit(seed_tables, tmp_path):
    articles = seed_tables["articles"].assign(outlet_type=["Boulevard", "Agentur", "Portal", "Portal", "Portal"])
    tables = {**seed_tables, "articles": articles, "keyness": keywords.textstat_keyness(seed_tables["sentences"], articles=articles, by="outlet_type")}
    tables.update(topics.textstat_topics(seed_tables["sentences"], articles=articles, frames=seed_tables["frames"], by="outlet_type"))
    book = _book(tmp_path, articles, by="outlet_type")
    a, s = articles, seed_tables["sentences"]
    figs = [
        textplot_frames_by_outlet(framing.frames_by_outlet(tables["frames"], s, a, by=book.by), book=book),
        textplot_hedging_by_outlet(framing.hedging_rates(tables["hedging"], s, a, by=book.by), book=book),
        textplot_headline_features(framing.headline_counts(tables["headlines"], a, by=book.by), book=book),
        *textplot_distinctive_terms(tables["keyness"], book=book),
        textplot_topics_by_outlet(tables["topic_shares"], tables["topics"], book=book),
    ]
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert set(captions) == set(NAMES)
    for name in NAMES:
        assert "outlet type" in captions[name] and "outlet's" not in captions[name], name
    panel_titles = [ax.get_title() for ax in figs[3].axes if ax.get_title()]
    assert [t.split(" (")[0] for t in panel_titles] == ["Boulevard", "Agentur", "Portal"]  # catalog order
    assert "Portal (n=3\u00a0art.)" in panel_titles
    for fig in figs:
        assert layout_problems(fig) == []
        plt.close(fig)


# ------------------------------------------------------------------ many units


def _many(n):
    """n outlets with one article each, in catalog order Zeitung 01, Zeitung 02, ..."""
    units = [f"Zeitung {i:02d}" for i in range(1, n + 1)]
    return units, pd.DataFrame({"article_id": [f"z{i}" for i in range(1, n + 1)], "outlet_label": units})


CODEBOOK = pd.DataFrame({"frame": ["conflict", "military"], "label": ["Conflict", "Military"], "type": ["generic", "issue"],
                         "definition": ["", ""]})


@pytest.mark.parametrize("n", [3, 12, 50])
def test_frames_heatmap_from_few_to_many_units(tmp_path, n):
    units, articles = _many(n)
    table = pd.DataFrame([{"outlet_label": u, "frame": f, "n_sentences": i % 10, "sentences": 10, "share": (i % 10) / 10}
                          for i, u in enumerate(units) for f in ("conflict", "military")])
    fig = textplot_frames_by_outlet(table.iloc[::-1], book=_book(tmp_path, articles), codebook=CODEBOOK)  # rows shuffled
    ax = fig.axes[0]
    if n <= 6:  # units are columns, numbers in the cells
        assert [t.get_text() for t in ax.get_xticklabels()] == [f"{u}\n(n=10)" for u in units]
        assert [t.get_text() for t in ax.texts][:3] == ["0", "10", "20"]  # conflict row: 0, 10, 20 %
    else:  # units are rows in catalog order; past 20 units colours only
        assert [t.get_text() for t in ax.get_yticklabels()] == [f"{u} (n=10)" for u in units]
        assert [t.get_text() for t in ax.texts][:2] == (["0", "0"] if n <= 20 else [])
        assert len(ax.texts) == (2 * n if n <= 20 else 0)
    caption = read_manifest(tmp_path)[0]["caption"]
    assert ("Colours only at 50 outlets" in caption) == (n == 50)
    assert layout_problems(fig) == []
    plt.close(fig)


def test_distinctive_terms_continue_in_parts(tmp_path):
    units, articles = _many(23)
    keyness = pd.DataFrame([{"outlet_label": u, "term": f"wort{i}{k}", "count": k + 1, "count_rest": 0, "delta": 3.0 - k,
                             "se": 1.0, "z": 3.0 - k, "rank": k + 1} for i, u in enumerate(units) for k in range(3)])
    figs = textplot_distinctive_terms(keyness, book=_book(tmp_path, articles))
    assert len(figs) == 3  # 23 units, at most 10 a page: 8 + 8 + 7
    titles = [ax.get_title().split(" (")[0] for fig in figs for ax in fig.axes if ax.get_title()]
    assert titles == units
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert set(captions) == {"framing-distinctive-terms", "framing-distinctive-terms-part2", "framing-distinctive-terms-part3"}
    assert captions["framing-distinctive-terms-part3"].endswith("(Part 3 of 3.)")
    for fig in figs:
        assert layout_problems(fig) == []
        plt.close(fig)


def test_headline_features_of_many_units_get_a_panel_per_feature(tmp_path):
    units, articles = _many(30)
    counts = pd.DataFrame({"outlet_label": units[::-1], "articles": 1, "display_lines": 4, "questions": range(30),
                           "exclamations": 0, "escalation_words": 1})
    fig = textplot_headline_features(counts, book=_book(tmp_path, articles))
    questions, exclamations, escalation = fig.axes
    assert [t.get_text() for t in questions.get_yticklabels()][:2] == ["Zeitung 01 (4 lines, 1 art.)", "Zeitung 02 (4 lines, 1 art.)"]
    assert [bar.get_width() for bar in questions.patches][:3] == [29, 28, 27]  # catalog order, not the table's
    assert [bar.get_width() for bar in escalation.patches] == [1] * 30
    assert layout_problems(fig) == []
    plt.close(fig)


def test_topics_and_hedging_of_many_units_fit_one_page(tmp_path):
    units, articles = _many(50)
    shares = pd.DataFrame([{"outlet_label": u, "topic": t, "n": 5, "share": 0.5} for u in units for t in (0, 1)])
    topic_terms = pd.DataFrame({"topic": [0, 1], "label": ["T1: krieg, front, panzer", "T2: kim, putin, gipfel"], "terms": ["", ""]})
    rates = pd.DataFrame([{"outlet_label": u, "kind": kind, "category": cat, "n": 3, "words": 1500, "per_1000_words": 2.0}
                          for u in units for kind, cat in (("hedge", "konjunktiv_i"), ("hedge", "all hedges"), ("certainty", "all certainty"))])
    book = _book(tmp_path, articles)
    figs = [textplot_topics_by_outlet(shares, topic_terms, book=book), textplot_hedging_by_outlet(rates, book=book)]
    assert [t.get_text() for t in figs[0].axes[0].get_yticklabels()][-1] == "Zeitung 50 (n=10)"
    assert [t.get_text() for t in figs[1].axes[0].get_yticklabels()][0] == "Zeitung 01 (1,500 words)"  # English thousands
    for fig in figs:
        assert layout_problems(fig) == []
        plt.close(fig)
