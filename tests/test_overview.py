from analysis.overview import corpus_overview, removed_summary


def test_removed_summary_of_the_seeds(seed_tables):
    table = removed_summary(seed_tables["removed"], articles=seed_tables["articles"]).set_index(["outlet_label", "rule"])
    assert table.loc[("Telepolis?", "related-links block"), "lines"] == 6
    assert table.loc[("Uslar Hier", "author bio"), "lines"] == 1
    assert table.loc[("Ippen portal?", "image caption"), "lines"] == 3
    assert "Tabloid portal?" not in table.index.get_level_values(0)


def test_corpus_overview_joins_readability(seed_tables):
    table = corpus_overview(seed_tables["articles"], readability=seed_tables["readability"])
    assert {"outlet_label", "words", "flesch_amstad", "wiener_sachtextformel"} <= set(table.columns)
    assert len(table) == 5
