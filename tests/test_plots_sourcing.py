"""The per-unit tables behind the sourcing figures (hand-computed on tiny tables, also grouped by outlet type and for
50 outlets) and the figures themselves (seeds, one outlet, no citation, outlet types, 20 and 50 outlets)."""

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import sourcing
from analysis.bench import OUTLETS
from analysis.figures import PALETTE, FigureBook, layout_problems, read_manifest
from analysis.plots import base
from analysis.plots import sourcing as P

ARTICLES = pd.DataFrame({"article_id": ["a1", "a2"], "outlet_label": ["Alpha", "Beta"]})
# a1 (Alpha): headline cites NATO; body sentences 1-3 cite sources, sentence 4 has only an agency credit line.
# a2 (Beta): lead cites NIS, body sentence 2 cites AFP, which also has a credit line in sentence 3; sentence 4 cites nobody.
ROWS = [
    ("a1", 0, "NATO", "international organisation", "NATO", "attribution"),
    ("a1", 1, "Yonhap", "news agency", "South Korea", "attribution"),
    ("a1", 2, "NIS", "intelligence service", "South Korea", "indirect speech"),
    ("a1", 2, "HUR", "intelligence service", "Ukraine", "indirect speech"),
    ("a1", 3, "Yonhap", "news agency", "South Korea", "attribution"),
    ("a1", 4, "AFP", "news agency", "France", "credit line"),
    ("a2", 1, "NIS", "intelligence service", "South Korea", "direct quote"),
    ("a2", 2, "AFP", "news agency", "France", "attribution"),
    ("a2", 3, "AFP", "news agency", "France", "credit line"),
]
ATTRIBUTIONS = pd.DataFrame(ROWS, columns=["article_id", "sentence_id", "institution", "source_type", "country", "speech_type"])
SENTENCES = pd.DataFrame(
    [("a1", 0, "headline"), ("a1", 1, "body"), ("a1", 2, "body"), ("a1", 3, "body"), ("a1", 4, "body"),
     ("a2", 1, "lead"), ("a2", 2, "body"), ("a2", 3, "credit"), ("a2", 4, "body")],
    columns=["article_id", "sentence_id", "role"],
)


def as_dict(table: pd.DataFrame, by: str, value: str) -> dict:
    return {(o, k): v for o, k, v in zip(table["outlet_label"], table[by], table[value])}


# --------------------------------------------------------------------------- tables


def test_reliance_counts_and_shares_by_hand():
    rel = sourcing.reliance(ATTRIBUTIONS, ARTICLES)
    assert as_dict(rel, "institution", "n") == {
        ("Alpha", "Yonhap"): 2, ("Alpha", "NIS"): 1, ("Alpha", "HUR"): 1, ("Alpha", "NATO"): 1,
        ("Beta", "NIS"): 1, ("Beta", "AFP"): 1,
    }
    assert as_dict(rel, "institution", "share")[("Alpha", "Yonhap")] == pytest.approx(2 / 5)
    assert as_dict(rel, "institution", "share")[("Beta", "AFP")] == pytest.approx(1 / 2)
    with_credit = sourcing.reliance(ATTRIBUTIONS, ARTICLES, credit_lines=True)
    assert as_dict(with_credit, "institution", "share")[("Alpha", "AFP")] == pytest.approx(1 / 6)
    assert as_dict(with_credit, "institution", "n")[("Beta", "AFP")] == 2


def test_reliance_by_type_country_group_and_speech_type():
    types = sourcing.reliance(ATTRIBUTIONS, ARTICLES, of="source_type")
    assert as_dict(types, "source_type", "n") == {
        ("Alpha", "news agency"): 2, ("Alpha", "intelligence service"): 2, ("Alpha", "international organisation"): 1,
        ("Beta", "intelligence service"): 1, ("Beta", "news agency"): 1,
    }
    groups = sourcing.reliance(ATTRIBUTIONS, ARTICLES, of="country_group")
    assert as_dict(groups, "country_group", "share") == pytest.approx(
        {("Alpha", "South Korea"): 3 / 5, ("Alpha", "Ukraine"): 1 / 5, ("Alpha", "US/Western"): 1 / 5,
         ("Beta", "South Korea"): 1 / 2, ("Beta", "US/Western"): 1 / 2}
    )
    speech = sourcing.speech_types(ATTRIBUTIONS, ARTICLES)
    assert as_dict(speech, "speech_type", "n") == {
        ("Alpha", "attribution"): 3, ("Alpha", "indirect speech"): 2, ("Beta", "direct quote"): 1, ("Beta", "attribution"): 1,
    }


def test_reliance_matrix_orders_by_citations_and_keeps_silent_outlets():
    rel = sourcing.reliance(ATTRIBUTIONS, ARTICLES)
    counts = sourcing.reliance_matrix(rel, units=["Alpha", "Beta", "Gamma"])
    # NIS and Yonhap are cited twice (tie broken by name), then AFP, HUR, NATO once
    assert counts.index.tolist() == ["NIS", "Yonhap", "AFP", "HUR", "NATO"]
    assert counts.columns.tolist() == ["Alpha", "Beta", "Gamma"]
    assert counts.loc["NIS"].tolist() == [1, 1, 0]
    assert counts["Gamma"].sum() == 0
    shares = sourcing.reliance_matrix(rel, values="share", units=["Alpha", "Beta", "Gamma"])
    assert shares.index.tolist() == counts.index.tolist()
    assert shares.at["AFP", "Beta"] == pytest.approx(0.5)


def test_attributed_share_counts_prose_sentences_only():
    share = sourcing.attributed_share(SENTENCES, ATTRIBUTIONS, ARTICLES).set_index("outlet_label")
    # Alpha: body 1-3 attributed, body 4 only a credit line, the headline is not prose -> 3 of 4
    # Beta: lead 1 and body 2 attributed, body 4 not, the credit line is not prose -> 2 of 3
    assert share.loc["Alpha", ["sentences", "attributed", "unattributed"]].tolist() == [4, 3, 1]
    assert share.loc["Beta", ["sentences", "attributed", "unattributed"]].tolist() == [3, 2, 1]
    assert share.at["Beta", "attributed_share"] == pytest.approx(2 / 3)


def test_network_edges_and_institutions():
    edges = sourcing.network_edges(ATTRIBUTIONS, ARTICLES).set_index(["outlet_label", "institution"])
    assert edges.at[("Alpha", "Yonhap"), "weight"] == 2
    assert edges.at[("Alpha", "AFP"), "credit_only"]  # named only in the credit line
    assert not edges.at[("Beta", "AFP"), "credit_only"]  # credit line and a citation in the text
    assert edges.at[("Beta", "AFP"), "weight"] == 2
    assert edges.at[("Alpha", "AFP"), "country_group"] == "US/Western"
    nodes = sourcing.network_institutions(edges.reset_index())
    # Ukraine, then South Korea (NIS and Yonhap both cited twice), then US/Western (AFP 3 sentences, NATO 1)
    assert nodes["institution"].tolist() == ["HUR", "NIS", "Yonhap", "AFP", "NATO"]
    assert nodes.set_index("institution").loc["AFP", ["weight", "units"]].tolist() == [3, 2]


# a third article in another outlet type: Alpha and Beta are dailies, Gamma a weekly
TYPED = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet_label": ["Alpha", "Beta", "Gamma"], "outlet_type": ["daily", "daily", "weekly"]})
ATTRIBUTIONS3 = pd.concat([ATTRIBUTIONS, pd.DataFrame(
    [("a3", 1, "Kremlin", "government/official", "Russia", "indirect speech"), ("a3", 2, "NIS", "intelligence service", "South Korea", "attribution")],
    columns=ATTRIBUTIONS.columns)], ignore_index=True)
SENTENCES3 = pd.concat([SENTENCES, pd.DataFrame([("a3", 1, "body"), ("a3", 2, "body"), ("a3", 3, "body")], columns=SENTENCES.columns)], ignore_index=True)


def by_type(table: pd.DataFrame, of: str, value: str) -> dict:
    return {(u, k): v for u, k, v in zip(table["outlet_type"], table[of], table[value])}


def test_tables_grouped_by_another_catalog_column():
    rel = sourcing.reliance(ATTRIBUTIONS3, TYPED, by="outlet_type")
    # daily (Alpha + Beta, credit lines aside): Yonhap 2, NIS 2, HUR 1, NATO 1, AFP 1 = 7; weekly: Kremlin 1, NIS 1
    assert by_type(rel, "institution", "n") == {
        ("daily", "Yonhap"): 2, ("daily", "NIS"): 2, ("daily", "HUR"): 1, ("daily", "NATO"): 1, ("daily", "AFP"): 1,
        ("weekly", "Kremlin"): 1, ("weekly", "NIS"): 1,
    }
    assert by_type(rel, "institution", "share")[("daily", "NIS")] == pytest.approx(2 / 7)
    matrix = sourcing.reliance_matrix(rel, by="outlet_type", units=["daily", "weekly"])
    assert matrix.index.tolist() == ["NIS", "Yonhap", "AFP", "HUR", "Kremlin", "NATO"]
    assert matrix.loc["NIS"].tolist() == [2, 1] and matrix.columns.name == "outlet_type"
    speech = sourcing.speech_types(ATTRIBUTIONS3, TYPED, by="outlet_type")
    assert by_type(speech, "speech_type", "n") == {
        ("daily", "attribution"): 4, ("daily", "indirect speech"): 2, ("daily", "direct quote"): 1,
        ("weekly", "attribution"): 1, ("weekly", "indirect speech"): 1,
    }
    share = sourcing.attributed_share(SENTENCES3, ATTRIBUTIONS3, TYPED, by="outlet_type").set_index("outlet_type")
    # daily: Alpha 3 of 4 and Beta 2 of 3 prose sentences attributed; weekly: 2 of 3
    assert share.loc["daily", ["sentences", "attributed"]].tolist() == [7, 5]
    assert share.at["weekly", "attributed_share"] == pytest.approx(2 / 3)
    edges = sourcing.network_edges(ATTRIBUTIONS3, TYPED, by="outlet_type").set_index(["outlet_type", "institution"])
    assert edges.at[("daily", "AFP"), "weight"] == 3 and not edges.at[("daily", "AFP"), "credit_only"]
    nodes = sourcing.network_institutions(edges.reset_index(), by="outlet_type").set_index("institution")
    assert nodes.loc["NIS", ["weight", "units"]].tolist() == [3, 2]
    assert nodes.loc["Kremlin", ["country_group", "units"]].tolist() == ["Russia", 1]


def test_strongest_edges_keep_whole_weight_classes():
    edges = pd.DataFrame({"outlet_label": list("abcdefgh"), "institution": list("ABCDEFGH"), "weight": [5, 4, 4, 3, 2, 2, 1, 1]})
    assert sourcing.strongest_edges(edges, max_edges=10)["weight"].tolist() == [5, 4, 4, 3, 2, 2, 1, 1]
    assert sourcing.strongest_edges(edges, max_edges=4)["weight"].tolist() == [5, 4, 4, 3]  # >= 3: 4 edges
    assert sourcing.strongest_edges(edges, max_edges=5)["weight"].tolist() == [5, 4, 4, 3]  # >= 2 would be 6
    assert sourcing.strongest_edges(edges, max_edges=2)["weight"].tolist() == [5]  # >= 4 would be 3
    # the heaviest class alone is over the limit: cut to the edges of the institutions cited most (X: 3 edges)
    ties = pd.DataFrame({"outlet_label": list("abcda"), "institution": list("XYXXZ"), "weight": [1, 1, 1, 1, 1]})
    kept = sourcing.strongest_edges(ties, max_edges=2)
    assert list(zip(kept["outlet_label"], kept["institution"])) == [("a", "X"), ("c", "X")]


def test_category_colours_are_stable_and_not_the_outlet_palette():
    types = P.source_type_colors()
    assert list(types)[:2] == ["news agency", "other media"]  # codebook order
    assert types["unspecified"] == base.MISSING_COLOR and types["uncoded"] != types["unspecified"]
    groups = P.country_group_colors()
    assert groups["Ukraine"] != groups["Russia"]
    colored = {c for c in [*types.values(), *groups.values(), *P.speech_type_colors().values()]}
    assert not colored & set(PALETTE)


# --------------------------------------------------------------------------- figures


def draw_all(attributions, sentences, articles, book) -> list:
    by, articles = book.by, book.articles
    return [
        P.textplot_reliance_by_outlet(sourcing.reliance(attributions, articles, by=by), book=book),
        P.textplot_types_by_outlet(sourcing.reliance(attributions, articles, of="source_type", by=by), book=book),
        P.textplot_countries_by_outlet(sourcing.reliance(attributions, articles, of="country_group", by=by), book=book),
        P.textplot_attributed_share(sourcing.attributed_share(sentences, attributions, articles, by=by), book=book),
        P.textplot_speech_types(sourcing.speech_types(attributions, articles, by=by), book=book),
        P.textplot_network(sourcing.network_edges(attributions, articles, by=by), book=book),
    ]


NAMES = ["sourcing-reliance-by-outlet", "sourcing-types-by-outlet", "sourcing-countries-by-outlet",
         "sourcing-attributed-share", "sourcing-speech-types", "sourcing-network"]


def book_for(articles, tmp_path, by="outlet") -> FigureBook:
    return FigureBook(notebook="01_sourcing", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path, by=by)


def test_every_figure_on_the_seeds(seed_tables, tmp_path):
    articles = seed_tables["articles"]
    figs = draw_all(seed_tables["attributions"], seed_tables["sentences"], articles, book_for(articles, tmp_path))
    assert all((tmp_path / f"{name}.pdf").exists() for name in NAMES)
    assert [layout_problems(fig) for fig in figs] == [[]] * len(NAMES)
    # the heatmap prints every non-zero count of the reliance table, nothing else
    rel = sourcing.reliance(seed_tables["attributions"], articles)
    printed = sorted(int(t.get_text()) for t in figs[0].axes[0].texts)
    assert printed == sorted(rel["n"].tolist())
    plt.close("all")


@pytest.mark.parametrize("outlet", ["Alpha", "Beta"])
def test_every_figure_for_one_outlet(tmp_path, outlet):
    articles = ARTICLES[ARTICLES["outlet_label"] == outlet]
    keep = ATTRIBUTIONS["article_id"].isin(articles["article_id"])
    figs = draw_all(ATTRIBUTIONS[keep], SENTENCES[SENTENCES["article_id"].isin(articles["article_id"])], articles, book_for(articles, tmp_path))
    assert all((tmp_path / f"{name}.png").exists() for name in NAMES)
    assert [layout_problems(fig) for fig in figs] == [[]] * len(NAMES)
    plt.close("all")


def test_every_figure_without_any_citation(tmp_path):
    draw_all(ATTRIBUTIONS.iloc[0:0], SENTENCES, ARTICLES, book_for(ARTICLES, tmp_path))
    assert all((tmp_path / f"{name}.pdf").exists() for name in NAMES)
    plt.close("all")


def test_figures_by_outlet_type_name_the_unit(tmp_path):
    book = book_for(TYPED, tmp_path, by="outlet_type")
    figs = draw_all(ATTRIBUTIONS3, SENTENCES3, TYPED, book)
    assert [layout_problems(fig) for fig in figs] == [[]] * len(NAMES)
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert all("outlet type" in captions[name].lower() for name in NAMES)
    assert not [c for c in captions.values() if re.search(r"outlet(?! type)", c, re.IGNORECASE)]  # "outlet" alone never
    # two units side by side: the heatmap prints the counts per outlet type (7 non-zero cells)
    printed = sorted(int(t.get_text()) for t in figs[0].axes[0].texts)
    assert printed == [1, 1, 1, 1, 1, 2, 2]
    assert figs[1].axes[0].get_xlabel() == "Share of the outlet type's citations (%)"
    plt.close("all")


def many_units(n_units: int, n_institutions: int = 35) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """n_units outlets (real-sounding, long names) with one article each; outlet k cites institution j (k + j) % 4
    times (sentence by sentence), so every outlet cites most institutions and weights run from 1 to 3."""
    names = [name if k < len(OUTLETS) else f"{name} {k}" for k, (name, _) in enumerate(OUTLETS[k % len(OUTLETS)] for k in range(n_units))]
    articles = pd.DataFrame({"article_id": [f"x{k:02d}" for k in range(n_units)], "outlet_label": names})
    types = ["news agency", "intelligence service", "government/official", "think tank/research"]
    countries = ["Ukraine", "South Korea", "USA", "Russia"]
    rows, sentence = [], {}
    for k in range(n_units):
        for j in range(n_institutions):
            for _ in range((k + j) % 4):
                sid = sentence[k] = sentence.get(k, 0) + 1
                rows.append((f"x{k:02d}", sid, f"Institution {j:02d} of a long name", types[j % 4], countries[j % 4], "attribution"))
    attributions = pd.DataFrame(rows, columns=ATTRIBUTIONS.columns)
    sentences = pd.DataFrame([(a, i, "body") for a, m in zip(articles["article_id"], [sentence.get(k, 0) + 2 for k in range(n_units)])
                              for i in range(1, m)], columns=SENTENCES.columns)
    return attributions, sentences, articles


def test_every_figure_at_50_units(tmp_path):
    attributions, sentences, articles = many_units(50)
    book = book_for(articles, tmp_path)
    figs = draw_all(attributions, sentences, articles, book)
    assert [layout_problems(fig) for fig in figs] == [[]] * len(NAMES)
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    # the heatmap turns: 50 outlets as rows in catalog order, the most cited institutions as columns, no cell numbers
    ax = figs[0].axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == 50 and rows[0].startswith("Frankfurter Allgemeine Zeitung (n=")
    matrix = sourcing.reliance_matrix(sourcing.reliance(attributions, articles), units=book.units)
    shown = [t.get_text() for t in ax.get_xticklabels()]
    assert 10 <= len(shown) < 35 and shown == matrix.index[: len(shown)].tolist()
    assert len(ax.texts) == 0
    assert "numbers left out" in captions["sourcing-reliance-by-outlet"]
    assert all(f"{name} (" in captions["sourcing-reliance-by-outlet"] for name in matrix.index[len(shown):])
    # the stacked shares and bars keep one row per outlet
    assert len(figs[1].axes[0].get_yticklabels()) == 50 and len(figs[3].axes[0].get_yticklabels()) == 50
    # the network draws only the strongest edges: of the 1,313 edges the 437 of weight 3 are too many, so 60 of them
    # (to the institutions cited most) are drawn
    edges = sourcing.network_edges(attributions, articles)
    drawn = sourcing.strongest_edges(edges, max_edges=P.MAX_EDGES)
    assert len(edges) == sum(1 for k in range(50) for j in range(35) if (k + j) % 4) and len(drawn) == P.MAX_EDGES
    assert set(drawn["weight"]) == {3}
    assert len(figs[5].axes[0].lines) == P.MAX_EDGES
    assert f"Only the 60 strongest of {len(edges):,} edges are drawn (at least 3 sentences each" in captions["sourcing-network"]
    plt.close("all")


def test_reliance_heatmap_keeps_numbers_while_cells_are_big_enough(tmp_path):
    attributions, sentences, articles = many_units(20, n_institutions=12)
    fig = P.textplot_reliance_by_outlet(sourcing.reliance(attributions, articles), book=book_for(articles, tmp_path))
    assert layout_problems(fig) == []
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 20 and len(ax.get_xticklabels()) == 12  # turned, every institution fits
    # one number per non-zero cell: outlet k cites institution j (k + j) % 4 times
    expected = sorted((k + j) % 4 for k in range(20) for j in range(12) if (k + j) % 4)
    assert sorted(int(t.get_text()) for t in ax.texts) == expected
    plt.close("all")
