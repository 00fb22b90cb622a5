"""The claims-and-reuse figures: the tables behind them (hand-built), their colours, and that they draw on any corpus."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import claims, config
from analysis.figures import PALETTE, FigureBook
from analysis.plots import base
from analysis.plots.claims import authority_colors, textplot_claims_troop_numbers, textplot_reuse_share_heatmap
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


def hand_claims() -> pd.DataFrame:
    table = pd.DataFrame(CLAIM_ROWS, columns=["article_id", "sentence_id", "number_text", "value", "vague", "unit", "category",
                                              "measure", "institution"])
    return table.assign(qualifier="", hedge_terms="", hedged=False, source=table["institution"])


@pytest.fixture
def book(tmp_path):
    def make(articles):
        return FigureBook(notebook="test", figures_dir=tmp_path / "figures", articles=articles, corpus_dir=tmp_path / "corpus")
    yield make
    plt.close("all")


# ------------------------------------------------------------------ the tables behind the figures


def test_ledger_is_the_troop_figures_per_outlet_in_catalog_order():
    ledger = claims.ledger(hand_claims(), ARTICLES)
    # Blatt (b) comes first in the catalog; within an outlet by sentence; the money is not a troop figure
    assert ledger[["outlet_label", "sentence_id", "figure", "unit", "measure", "institution"]].values.tolist() == [
        ["Blatt", 1, "1,2 Mio.", "Soldaten", "army size", "unnamed experts"],
        ["Blatt", 7, "3", "Generäle", "deployment", "HUR"],
        ["Portal", 2, "Tausende", "Soldaten", "deployment", "unattributed"],
        ["Portal", 4, "12.000", "Soldaten", "deployment", "NIS"],
    ]
    assert ledger["vague"].tolist() == [False, False, True, False]


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


# ------------------------------------------------------------------ the figures draw


def test_figures_on_the_seed_tables(seed_tables, book):
    b = book(seed_tables["articles"])
    ledger = claims.ledger(seed_tables["claims"], seed_tables["articles"])
    fig = textplot_claims_troop_numbers(ledger, book=b)
    assert len(fig.axes[0].collections) == len(ledger) - 1  # two vague 'Tausende' of one outlet on one authority share a marker
    fig = textplot_reuse_share_heatmap(seed_tables["reuse_shares"], seed_tables["reuse_rewrite_shares"], book=b)
    assert len(fig.axes) == 3  # two panels and the colour bar
    rewrites = seed_tables["reuse_rewrite_shares"].set_index(["article_id", "other_id"])["share"]
    tabloid_from_pap = f"{100 * rewrites[(TABLOID, PAP)]:.1f}"  # the tabloid portal's rewrite of a PAP copy sentence
    assert tabloid_from_pap in [t.get_text() for t in fig.axes[1].texts] and tabloid_from_pap != "0.0"
    for name in ("claims-troop-numbers", "reuse-share-heatmap"):
        assert (b.figures_dir / f"{name}.pdf").exists() and (b.figures_dir / f"{name}.png").exists()


def test_figures_on_one_outlet(book):
    articles = ARTICLES.iloc[[1]]
    b = book(articles)
    ledger = claims.ledger(hand_claims()[lambda t: t["article_id"] == "a"], articles)
    textplot_claims_troop_numbers(ledger, book=b)
    textplot_claims_troop_numbers(ledger.iloc[0:0], book=b)  # no troop figure at all
    empty = pd.DataFrame(columns=SHARE_COLUMNS)
    fig = textplot_reuse_share_heatmap(empty, empty, book=b)
    assert [t.get_text() for t in fig.axes[0].texts] == ["–"]


def test_heatmap_leaves_out_rewrites_not_searched(monkeypatch, book):
    monkeypatch.setattr(config, "REWRITE_MAX_ARTICLES", 1)
    shares = pd.DataFrame([("a", "b", 3, 10, 0.3, 1), ("b", "a", 3, 6, 0.5, 1)], columns=SHARE_COLUMNS)
    fig = textplot_reuse_share_heatmap(shares, shares.iloc[0:0], book=book(ARTICLES))
    assert len(fig.axes) == 2  # one panel and the colour bar
    assert [t.get_text() for t in fig.axes[0].texts] == ["–", "50", "30", "–"]

