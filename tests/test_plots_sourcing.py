"""The per-outlet tables behind the sourcing figures (hand-computed on a tiny table) and the figures themselves."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import sourcing
from analysis.figures import PALETTE, FigureBook, layout_problems
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
    types = sourcing.reliance(ATTRIBUTIONS, ARTICLES, by="source_type")
    assert as_dict(types, "source_type", "n") == {
        ("Alpha", "news agency"): 2, ("Alpha", "intelligence service"): 2, ("Alpha", "international organisation"): 1,
        ("Beta", "intelligence service"): 1, ("Beta", "news agency"): 1,
    }
    groups = sourcing.reliance(ATTRIBUTIONS, ARTICLES, by="country_group")
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
    counts = sourcing.reliance_matrix(rel, outlets=["Alpha", "Beta", "Gamma"])
    # NIS and Yonhap are cited twice (tie broken by name), then AFP, HUR, NATO once
    assert counts.index.tolist() == ["NIS", "Yonhap", "AFP", "HUR", "NATO"]
    assert counts.columns.tolist() == ["Alpha", "Beta", "Gamma"]
    assert counts.loc["NIS"].tolist() == [1, 1, 0]
    assert counts["Gamma"].sum() == 0
    shares = sourcing.reliance_matrix(rel, values="share", outlets=["Alpha", "Beta", "Gamma"])
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
    edges = sourcing.network_edges(ATTRIBUTIONS, ARTICLES).set_index(["outlet", "institution"])
    assert edges.at[("Alpha", "Yonhap"), "weight"] == 2
    assert edges.at[("Alpha", "AFP"), "credit_only"]  # named only in the credit line
    assert not edges.at[("Beta", "AFP"), "credit_only"]  # credit line and a citation in the text
    assert edges.at[("Beta", "AFP"), "weight"] == 2
    assert edges.at[("Alpha", "AFP"), "country_group"] == "US/Western"
    nodes = sourcing.network_institutions(edges.reset_index())
    # Ukraine, then South Korea (NIS and Yonhap both cited twice), then US/Western (AFP 3 sentences, NATO 1)
    assert nodes["institution"].tolist() == ["HUR", "NIS", "Yonhap", "AFP", "NATO"]
    assert nodes.set_index("institution").loc["AFP", ["weight", "outlets"]].tolist() == [3, 2]


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
    rel = sourcing.reliance(attributions, articles)
    return [
        P.textplot_reliance_by_outlet(rel, book=book),
        P.textplot_types_by_outlet(sourcing.reliance(attributions, articles, by="source_type"), book=book),
        P.textplot_countries_by_outlet(sourcing.reliance(attributions, articles, by="country_group"), book=book),
        P.textplot_attributed_share(sourcing.attributed_share(sentences, attributions, articles), book=book),
        P.textplot_speech_types(sourcing.speech_types(attributions, articles), book=book),
        P.textplot_network(sourcing.network_edges(attributions, articles), book=book),
    ]


NAMES = ["sourcing-reliance-by-outlet", "sourcing-types-by-outlet", "sourcing-countries-by-outlet",
         "sourcing-attributed-share", "sourcing-speech-types", "sourcing-network"]


def book_for(articles, tmp_path) -> FigureBook:
    return FigureBook(notebook="01_sourcing", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path)


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
