import math

import pandas as pd
import pytest

from analysis.corpus import segment_text
from analysis.readability import readability_by_outlet, syllables, textstat_readability

from .conftest import PAP, USLAR


def test_german_syllables():
    words = ["Krieg", "Soldaten", "Nordkorea", "Eskalation", "Bündnis", "Geheimdienst", "Quelle", "Bauer", "Boot"]
    assert [syllables(w) for w in words] == [1, 3, 4, 5, 2, 3, 2, 2, 1]


def test_formulas_on_a_hand_computed_text():
    sentences = segment_text("Titel ohne Punkt\n\nDer Krieg geht weiter. Die Soldaten kämpfen an der Front.", article_id="x")
    row = textstat_readability(sentences).iloc[0]
    # the heading is left out: 2 sentences, 10 words, 14 syllables; 1 word >= 3 syllables, 2 words > 6 letters,
    # 7 one-syllable words
    assert row["words"] == 10 and row["words_per_sentence"] == 5.0
    assert row["flesch_amstad"] == pytest.approx(180 - 5 - 58.5 * 1.4, abs=0.05)
    assert row["wiener_sachtextformel"] == pytest.approx(0.1935 * 10 + 0.1672 * 5 + 0.1297 * 20 - 0.0327 * 70 - 0.875, abs=0.01)


def test_readability_by_outlet_averages_an_outlets_articles():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"], "outlet_label": ["Tagesblatt", "Abendpost?", "Tagesblatt", "Leer"]})
    read = pd.DataFrame(
        {"article_id": ["a1", "a2", "a3"], "flesch_amstad": [40.0, 50.0, 30.0], "wiener_sachtextformel": [10.0, 8.0, 12.0]}
    )
    table = readability_by_outlet(read, articles=articles)
    assert table.index.tolist() == ["Tagesblatt", "Abendpost?", "Leer"]
    assert table["articles"].tolist() == [2, 1, 0]
    assert table.loc["Tagesblatt", "flesch_amstad"] == pytest.approx(35.0)
    assert table.loc["Tagesblatt", "wiener_sachtextformel"] == pytest.approx(11.0)
    assert table.loc["Abendpost?", "flesch_amstad"] == pytest.approx(50.0)
    # an outlet whose articles have no prose keeps its row, without a value
    assert math.isnan(table.loc["Leer", "flesch_amstad"])


def test_seed_readability(seed_tables):
    read = seed_tables["readability"].set_index("article_id")
    assert len(read) == 5
    # the Uslar Hier opinion piece reads easiest, the PAP copy hardest
    assert read["flesch_amstad"].idxmax() == USLAR
    assert read["flesch_amstad"].idxmin() == PAP
    # the two formulas measure the same thing in opposite directions (easier = lower school grade)
    assert read["flesch_amstad"].corr(read["wiener_sachtextformel"], method="spearman") < -0.5


def test_readability_by_unit_gives_the_central_95_percent_of_article_values():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet_type": ["Tageszeitung", "Boulevard", "Tageszeitung"]})
    read = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "flesch_amstad": [40.0, 50.0, 30.0], "wiener_sachtextformel": [10.0, 8.0, 12.0]})
    table = readability_by_outlet(read, articles=articles, by="outlet_type")
    assert table.index.name == "outlet_type" and table.index.tolist() == ["Tageszeitung", "Boulevard"]
    # two values 30 and 40: the 2.5th and 97.5th percentiles interpolate 2.5 % of the way in from each end
    assert table.loc["Tageszeitung", "flesch_amstad_low"] == pytest.approx(30.25)
    assert table.loc["Tageszeitung", "flesch_amstad_high"] == pytest.approx(39.75)
    assert table.loc["Tageszeitung", "wiener_sachtextformel_high"] == pytest.approx(11.95)
    # a single article: the interval is the value itself
    assert table.loc["Boulevard", ["flesch_amstad_low", "flesch_amstad", "flesch_amstad_high"]].tolist() == [50.0] * 3
