"""The claims-and-reuse figures: the tables behind them (hand-built), their colours, and that they draw on any corpus,
for 1 to 60 comparison units and by another catalog column."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import claims, config
from analysis.figures import PALETTE, FigureBook, read_manifest
from analysis.plots import base
from analysis.plots import claims as plots
from analysis.plots.claims import authority_colors, authority_legend, textplot_claims_troop_numbers, textplot_reuse_share_heatmap
from analysis.reuse import SHARE_COLUMNS, share_matrix

from .conftest import PAP, TABLOID

ARTICLES = pd.DataFrame({"article_id": ["b", "a"], "outlet_label": ["Blatt", "Portal"], "date": "2024-10-25"})
CLAIM_ROWS = [
    # article, sentence, number text, value, vague, unit, category, measure, institution
    ("a", 4, "12.000", 12000.0, False, "Soldaten", "troops", "deployment", "NIS"),
    ("a", 2, "Tausende", 1000.0, True, "Soldaten", "troops", "deployment", "unattributed"),
    ("a", 3, "5 Millionen", 5e6, False, "Euro", "money", "other", "unattributed"),
    ("b", 7, "drei", 3.0, False, "Generäle", "troops", "deployment", "HUR"),
    ("b", 1, "1,2 Millionen", 1.2e6, False, "Soldaten", "troops", "army size", "unnamed experts"),
]
COLUMNS = ["article_id", "sentence_id", "number_text", "value", "vague", "unit", "category", "measure", "institution"]


def hand_claims(rows=CLAIM_ROWS) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.assign(qualifier="", hedge_terms="", hedged=False, source=table["institution"])


@pytest.fixture
def book(tmp_path):
    def make(articles, by="outlet"):
        return FigureBook(notebook="test", figures_dir=tmp_path / "figures", articles=articles, corpus_dir=tmp_path / "corpus", by=by)
    yield make
    plt.close("all")


def problems(b) -> dict[str, list[str]]:
    return {e["name"]: e["layout_problems"] for e in read_manifest(b.figures_dir) if e["kind"] == "figure"}


def many_outlets(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n outlets with one article each (two outlet types), each reporting 4-6 figures on up to 12 authorities."""
    articles = pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(n)], "outlet_label": [f"Zeitung Nummer {i}" for i in range(n)],
                             "outlet_type": ["Tageszeitung" if i % 2 else "Rundfunk" for i in range(n)]})
    rows = []
    for i, aid in enumerate(articles["article_id"]):
        rows += [(aid, 1, "12.000", 12000.0, False, "Soldaten", "troops", "deployment", f"Behörde {i % 12}"),
                 (aid, 2, "11.000", 11000.0, False, "Infanteristen", "troops", "deployment", "NIS"),
                 (aid, 3, "Tausende", 1000.0, True, "Soldaten", "troops", "deployment", "unattributed"),
                 (aid, 4, "1.500", 1500.0, False, "Soldaten", "troops", "deployment", "unattributed"),
                 (aid, 5, "640.000", 640000.0, False, "Verluste", "losses", "losses", "HUR")]
        rows += [(aid, 6, "drei", 3.0, False, "Generäle", "troops", "deployment", "HUR")] if i % 3 == 0 else []
    return hand_claims(rows), articles


# ------------------------------------------------------------------ the tables behind the figures


def test_ledger_is_the_troop_figures_per_outlet_in_catalog_order():
    ledger = claims.ledger(hand_claims(), ARTICLES)
    # Blatt (b) comes first in the catalog; within an outlet by sentence; the money is not a troop figure;
    # figures in English notation, vague ones as the order of magnitude, the number as written kept
    assert ledger[["outlet_label", "sentence_id", "number_text", "figure", "unit", "measure", "institution"]].values.tolist() == [
        ["Blatt", 1, "1,2 Millionen", "1.2 million", "Soldaten", "army size", "unnamed experts"],
        ["Blatt", 7, "drei", "3", "Generäle", "deployment", "HUR"],
        ["Portal", 2, "Tausende", "thousands", "Soldaten", "deployment", "unattributed"],
        ["Portal", 4, "12.000", "12,000", "Soldaten", "deployment", "NIS"],
    ]
    assert ledger["vague"].tolist() == [False, False, True, False]


def test_troop_figures_are_the_distinct_figures_of_each_unit():
    articles = pd.DataFrame({"article_id": ["b", "a", "c"], "outlet_label": ["Blatt", "Portal", "Sender"],
                             "outlet_type": ["Zeitung", "Zeitung", "Rundfunk"]})
    rows = [("a", 4, "12.000", 12000.0, False, "Soldaten", "troops", "deployment", "NIS"),
            ("a", 6, "12000", 12000.0, False, "Soldaten", "troops", "deployment", "NIS"),
            ("a", 2, "Tausende", 1000.0, True, "Soldaten", "troops", "deployment", "unattributed"),
            ("a", 5, "Tausenden", 1000.0, True, "Soldaten", "troops", "deployment", "unattributed"),
            ("b", 1, "12.000", 12000.0, False, "Soldaten", "troops", "deployment", "NIS"),
            ("b", 7, "drei", 3.0, False, "Generäle", "troops", "deployment", "HUR"),
            ("c", 1, "12.000", 12000.0, False, "Soldaten", "troops", "deployment", "HUR")]
    ledger = claims.ledger(hand_claims(rows), articles, by="outlet_type")
    by_outlet = claims.troop_figures(ledger)
    assert by_outlet[["outlet_label", "figure", "institution", "mentions", "articles"]].values.tolist() == [
        ["Blatt", "3", "HUR", 1, 1], ["Blatt", "12,000", "NIS", 1, 1],
        ["Portal", "12,000", "NIS", 2, 1], ["Portal", "thousands", "unattributed", 2, 1],
        ["Sender", "12,000", "HUR", 1, 1],
    ]
    assert by_outlet.loc[3, "as_written"] == "Tausende; Tausenden"
    by_type = claims.troop_figures(ledger, by="outlet_type")
    assert by_type[["outlet_type", "figure", "institution", "mentions", "articles"]].values.tolist() == [
        ["Zeitung", "3", "HUR", 1, 1], ["Zeitung", "12,000", "NIS", 3, 2], ["Zeitung", "thousands", "unattributed", 2, 1],
        ["Rundfunk", "12,000", "HUR", 1, 1],
    ]
    assert claims.troop_figures(ledger.iloc[0:0]).empty


def test_share_matrix_is_square_with_zeros_and_an_empty_diagonal():
    shares = pd.DataFrame([("x", "y", 3, 10, 0.3, 1), ("y", "x", 3, 6, 0.5, 1)], columns=SHARE_COLUMNS)
    matrix = share_matrix(shares, ["x", "y", "z"])
    expected = np.array([[np.nan, 0.3, 0.0], [0.5, np.nan, 0.0], [0.0, 0.0, np.nan]])
    np.testing.assert_array_equal(matrix.to_numpy(), expected)
    assert share_matrix(shares.iloc[0:0], ["x"]).isna().all().all()


def test_authority_colours_are_stable_grey_for_unattributed_and_not_the_outlet_palette():
    one = authority_colors(["NIS", "unattributed", "HUR"])
    other = authority_colors(["unattributed", "HUR", "NIS", "NIS"])
    assert one == other and list(one) == ["HUR", "NIS", "unattributed"]
    assert one["unattributed"] == base.MISSING_COLOR
    assert not set(one.values()) & set(PALETTE)
    assert len(set(one.values())) == 3


def test_beyond_the_palette_the_rarer_authorities_share_one_grey():
    # 12 named authorities: 'Amt 0' cited 12 times ... 'Amt 11' once; the palette has 10 colours
    mentions = [f"Amt {k}" for k in range(12) for _ in range(12 - k)] + ["unattributed"]
    colors = authority_colors(mentions)
    coloured = [n for n, c in colors.items() if c not in (plots.OTHER_COLOR, base.MISSING_COLOR)]
    assert sorted(coloured) == sorted(f"Amt {k}" for k in range(9))  # the nine most cited
    assert len({colors[n] for n in coloured}) == 9
    assert [colors[f"Amt {k}"] for k in (9, 10, 11)] == [plots.OTHER_COLOR] * 3
    assert [label for label, _ in authority_legend(colors)][-2:] == ["other authorities (3)", "unattributed"]


# ------------------------------------------------------------------ the figures draw


def test_figures_on_the_seed_tables(seed_tables, book):
    b = book(seed_tables["articles"])
    ledger = claims.ledger(seed_tables["claims"], seed_tables["articles"])
    fig = textplot_claims_troop_numbers(ledger, book=b)
    ax = fig.axes[0]
    figures = claims.troop_figures(ledger)
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(figures) < len(ledger)  # a marker per distinct figure
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == len(figures)  # few figures: every one labelled
    assert "12,000" in labels and "640,000 Verluste" in labels and "thousands (×2)" in labels
    assert not any("." in label.split()[0] and "million" not in label for label in labels)  # no German "12.000"
    fig = textplot_reuse_share_heatmap(seed_tables["reuse_shares"], seed_tables["reuse_rewrite_shares"], book=b)
    assert len(fig.axes) == 3  # two panels and the colour bar
    rewrites = seed_tables["reuse_rewrite_shares"].set_index(["article_id", "other_id"])["share"]
    tabloid_from_pap = f"{100 * rewrites[(TABLOID, PAP)]:.1f}"  # the tabloid portal's rewrite of a PAP copy sentence
    assert tabloid_from_pap in [t.get_text() for t in fig.axes[1].texts] and tabloid_from_pap != "0.0"
    for name in ("claims-troop-numbers", "reuse-share-heatmap"):
        assert (b.figures_dir / f"{name}.pdf").exists() and (b.figures_dir / f"{name}.png").exists()
    assert problems(b) == {"claims-troop-numbers": [], "reuse-share-heatmap": []}


def test_figures_on_one_outlet(book):
    articles = ARTICLES.iloc[[1]]
    b = book(articles)
    ledger = claims.ledger(hand_claims()[lambda t: t["article_id"] == "a"], articles)
    textplot_claims_troop_numbers(ledger, book=b)
    textplot_claims_troop_numbers(ledger.iloc[0:0], book=b)  # no troop figure at all
    empty = pd.DataFrame(columns=SHARE_COLUMNS)
    fig = textplot_reuse_share_heatmap(empty, empty, book=b)
    assert [t.get_text() for t in fig.axes[0].texts] == ["–"]
    assert problems(b) == {"claims-troop-numbers": [], "reuse-share-heatmap": []}


def test_troop_numbers_leave_out_a_zero_and_say_so(book):
    b = book(ARTICLES)
    zero = CLAIM_ROWS + [("a", 5, "0", 0.0, False, "Verluste", "troops", "losses", "unattributed")]
    fig = textplot_claims_troop_numbers(claims.ledger(hand_claims(zero), ARTICLES), book=b)
    assert "12,000" in [t.get_text() for t in fig.axes[0].texts]
    assert "1 figure(s) of 0 cannot be drawn" in read_manifest(b.figures_dir)[0]["caption"]


def test_heatmap_leaves_out_rewrites_not_searched(monkeypatch, book):
    monkeypatch.setattr(config, "REWRITE_MAX_ARTICLES", 1)
    shares = pd.DataFrame([("a", "b", 3, 10, 0.3, 1), ("b", "a", 3, 6, 0.5, 1)], columns=SHARE_COLUMNS)
    fig = textplot_reuse_share_heatmap(shares, shares.iloc[0:0], book=book(ARTICLES))
    assert len(fig.axes) == 2  # one panel and the colour bar
    assert [t.get_text() for t in fig.axes[0].texts] == ["–", "50", "30", "–"]


def test_troop_numbers_for_sixty_outlets_one_row_each_in_parts(book):
    claims_table, articles = many_outlets(60)
    b = book(articles)
    figs = textplot_claims_troop_numbers(claims.ledger(claims_table, articles), book=b)
    assert len(figs) == 2
    rows = [label.get_text() for fig in figs for label in fig.axes[0].get_yticklabels()]
    assert rows == list(articles["outlet_label"])  # every outlet once, in catalog order
    assert problems(b) == {"claims-troop-numbers": [], "claims-troop-numbers-part2": []}
    texts = [t.get_text() for fig in figs for t in fig.axes[0].texts]
    assert "12,000" in texts and not any("12.000" in t for t in texts)


def test_troop_numbers_by_outlet_type(book):
    claims_table, articles = many_outlets(50)
    b = book(articles, by="outlet_type")
    fig = textplot_claims_troop_numbers(claims.ledger(claims_table, articles, by="outlet_type"), book=b)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Rundfunk", "Tageszeitung"]
    entry = read_manifest(b.figures_dir)[0]
    assert "per outlet type" in entry["caption"] and entry["layout_problems"] == []


def test_heatmap_compares_units_beyond_a_dozen_articles(book):
    # 13 articles: Blatt has x0..x5, Portal y0..y5, Sender z; x0 shares 60 % with y0, y0 50 % with x0, z 20 % with x1
    ids = [f"x{i}" for i in range(6)] + [f"y{i}" for i in range(6)] + ["z"]
    articles = pd.DataFrame({"article_id": ids, "outlet_label": ["Blatt"] * 6 + ["Portal"] * 6 + ["Sender"]})
    shares = pd.DataFrame([("x0", "y0", 6, 10, 0.6, 1), ("y0", "x0", 5, 10, 0.5, 1), ("z", "x1", 2, 10, 0.2, 1)], columns=SHARE_COLUMNS)
    b = book(articles)
    fig = textplot_reuse_share_heatmap(shares, shares.iloc[0:0], book=b)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Blatt", "Portal", "Sender"]
    cells = [t.get_text() for t in ax.texts]
    # Blatt→Portal: 0.6 over 36 pairs = 1.67 %; Portal→Blatt 0.5 / 36 = 1.39 %; Sender→Blatt 0.2 / 6 = 3.33 %;
    # within Blatt and Portal 0 (30 pairs each, none shared); within Sender no pair
    assert cells == ["0", "1.7", "0", "1.4", "0", "0", "3.3", "0", "–"]
    table = pd.read_csv(b.figures_dir / "tables" / "reuse-unit-shares.csv").set_index(["outlet_label", "shared_with"])
    assert table.loc[("Sender", "Blatt"), "verbatim_pct"] == pytest.approx(100 * 0.2 / 6, abs=0.01)
    assert table.loc[("Blatt", "Portal"), "verbatim_pct"] == pytest.approx(100 * 0.6 / 36, abs=0.01)
    assert all(t.get_rotation() == 0 for t in ax.get_xticklabels())


def test_heatmap_of_sixty_outlets_keeps_fifty_in_two_parts(book):
    claims_table, articles = many_outlets(60)
    ids = list(articles["article_id"])
    # the first fifty outlets share with the next one in a ring, the last ten share nothing
    shares = pd.DataFrame([(a, b, 2, 10, 0.2, 1) for a, b in zip(ids[:50], ids[1:50] + ids[:1])], columns=SHARE_COLUMNS)
    b = book(articles)
    figs = textplot_reuse_share_heatmap(shares, shares, book=b)
    assert len(figs) == 2  # verbatim copy, then close rewrites, each on its page
    rows = [t.get_text() for t in figs[0].axes[0].get_yticklabels()]
    assert len(rows) == 50 and rows[0] == "Zeitung Nummer 0 (1)" and rows[-1] == "Zeitung Nummer 49 (50)"
    assert not figs[0].axes[0].texts  # no cell numbers at this size
    entry = read_manifest(b.figures_dir)[0]
    assert "10 outlets with less are left out" in entry["caption"] and "numbers" in entry["caption"]
    assert problems(b) == {"reuse-share-heatmap": [], "reuse-share-heatmap-part2": []}


def test_heatmap_names_articles_of_one_outlet_apart(book):
    short = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet_label": ["Blatt", "Blatt", "Portal", "Portal"]})
    empty = pd.DataFrame(columns=SHARE_COLUMNS)
    fig = textplot_reuse_share_heatmap(empty, None, book=book(short))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Blatt (1)", "Blatt (2)", "Portal (1)", "Portal (2)"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Blatt (1)", "Blatt (2)", "Portal (1)", "Portal (2)"]
    # ten articles of five long-named outlets: columns too narrow for the names, so columns and rows are numbered
    long = pd.DataFrame({"article_id": [f"a{i}" for i in range(10)],
                         "outlet_label": [f"Frankfurter Allgemeine Sonntagszeitung {i % 5}" for i in range(10)]})
    fig = textplot_reuse_share_heatmap(empty, None, book=book(long))
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows[0] == "Frankfurter Allgemeine Sonntagszeitung 0 (1)" and rows[5] == "Frankfurter Allgemeine Sonntagszeitung 0 (6)"
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][:2] == ["1", "2"]
