import pandas as pd

from analysis.overview import corpus_overview, describe_outlets, length_by_outlet, removed_by_rule, removed_lines, removed_summary

from .conftest import SEED_IDS


def _articles() -> pd.DataFrame:
    """Three hand-made articles from two outlets, in catalog order: Tagesblatt, Abendpost?, Tagesblatt."""
    return pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "outlet_label": ["Tagesblatt", "Abendpost?", "Tagesblatt"],
            "words": [100, 40, 60],
            "sentences": [5, 3, 4],
            "group": ["Presse", "Presse", "Blog"],
        }
    )


def _removed() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a3", "a3"],
            "line": [1, 7, 8],
            "rule": ["ad-blocker nag", "subscription nag", "ad-blocker nag"],
            "text": ["Bitte deaktivieren Sie Ihren Ad-Blocker", "Jetzt abonnieren", "Werbeblocker ausschalten, bitte"],
        }
    )


def test_length_by_outlet_sums_an_outlets_articles_in_catalog_order():
    table = length_by_outlet(_articles())
    assert table.index.tolist() == ["Tagesblatt", "Abendpost?"]
    assert table["articles"].tolist() == [2, 1]
    assert table["words"].tolist() == [160, 40]
    assert table["sentences"].tolist() == [9, 3]


def test_removed_by_rule_counts_words_per_rule_and_outlet_with_zeros():
    words = removed_by_rule(_removed(), articles=_articles())
    # a1: 5 words + a3: 3 words of ad-blocker nags; a3: 2 words of subscription nag; Abendpost? lost nothing
    assert words.columns.tolist() == ["Tagesblatt", "Abendpost?"]
    assert words.loc["ad-blocker nag"].tolist() == [8, 0]
    assert words.loc["subscription nag"].tolist() == [2, 0]
    lines = removed_by_rule(_removed(), articles=_articles(), value="lines")
    assert lines.loc["ad-blocker nag", "Tagesblatt"] == 2 and lines.loc["subscription nag", "Tagesblatt"] == 1


def test_removed_by_rule_without_removed_lines_keeps_every_outlet():
    empty = _removed().iloc[0:0]
    table = removed_by_rule(empty, articles=_articles())
    assert table.empty and table.columns.tolist() == ["Tagesblatt", "Abendpost?"]


def test_removed_lines_names_the_outlet_and_cuts_long_lines():
    table = removed_lines(_removed(), articles=_articles(), max_chars=10)
    assert table.columns.tolist() == ["outlet_label", "line", "rule", "text"]
    assert table["outlet_label"].tolist() == ["Tagesblatt", "Tagesblatt", "Tagesblatt"]
    assert table["text"].iloc[0] == "Bitte deak"


def test_describe_outlets_follows_the_corpus():
    assert "each of the 2 outlets contributes exactly one article" in describe_outlets(_articles().iloc[:2])
    mixed = describe_outlets(_articles())
    assert "3 articles from 2 outlets (1 to 2 per outlet)" in mixed and "(Abendpost?)" in mixed
    assert "single article" in describe_outlets(_articles().iloc[:1])


def test_removed_summary_of_the_seeds(seed_tables):
    table = removed_summary(seed_tables["removed"], articles=seed_tables["articles"]).set_index(["outlet_label", "rule"])
    assert table.loc[("Telepolis?", "related-links block"), "lines"] == 6
    assert table.loc[("Uslar Hier", "author bio"), "lines"] == 1
    assert table.loc[("Ippen portal?", "image caption"), "lines"] == 3
    assert "Tabloid portal?" not in table.index.get_level_values(0)


def test_corpus_overview_joins_readability(seed_tables):
    table = corpus_overview(seed_tables["articles"], readability=seed_tables["readability"])
    assert {"outlet_label", "words", "flesch_amstad", "wiener_sachtextformel"} <= set(table.columns)
    assert set(table["article_id"]) == set(SEED_IDS)
    assert table["flesch_amstad"].notna().all()


def test_length_and_removed_words_by_another_catalog_column():
    length = length_by_outlet(_articles(), by="group")
    assert length.index.name == "group" and length.index.tolist() == ["Presse", "Blog"]
    assert length["words"].tolist() == [140, 60] and length["articles"].tolist() == [2, 1]
    words = removed_by_rule(_removed(), articles=_articles(), by="group")
    # a1 (Presse): 5 words of ad-blocker nag; a3 (Blog): 3 words ad-blocker nag, 2 words subscription nag
    assert words.columns.tolist() == ["Presse", "Blog"]
    assert words.loc["ad-blocker nag"].tolist() == [5, 3] and words.loc["subscription nag"].tolist() == [0, 2]
    tidy = removed_summary(_removed(), articles=_articles(), by="group")
    assert tidy.columns.tolist() == ["article_id", "group", "rule", "lines", "words"]


def test_removed_lines_keep_the_outlet_and_add_another_unit():
    table = removed_lines(_removed(), articles=_articles(), by="group")
    assert table.columns.tolist() == ["outlet_label", "group", "line", "rule", "text"]
    assert table["group"].tolist() == ["Presse", "Blog", "Blog"]


def test_describe_outlets_names_the_unit():
    text = describe_outlets(_articles(), by="group", unit="group")
    assert "3 articles from 2 groups (1 to 2 per group)" in text and "(Blog)" in text
    assert "outlet" not in text
    assert "outlet type" in describe_outlets(_articles().assign(outlet_type="Presse"), by="outlet_type")


def test_corpus_overview_shows_the_comparison_unit():
    assert "group" in corpus_overview(_articles(), by="group").columns
    assert corpus_overview(_articles()).columns.tolist().count("outlet_label") == 1
