import pandas as pd
import pytest

from analysis.corpus import segment_text
from analysis.readability import syllables, textstat_readability


def test_german_syllables():
    words = ["Krieg", "Soldaten", "Nordkorea", "Eskalation", "Bündnis", "Geheimdienst", "Quelle", "Bauer", "Boot"]
    assert [syllables(w) for w in words] == [1, 3, 4, 5, 2, 3, 2, 2, 1]


def test_formulas_on_a_hand_computed_text():
    sentences = segment_text("Titel ohne Punkt\n\nDer Krieg geht weiter. Die Soldaten kämpfen an der Front.", article_id="x")
    row = textstat_readability(sentences).iloc[0]
    # 2 sentences, 10 words, 14 syllables; 1 word >= 3 syllables, 2 words > 6 letters, 7 one-syllable words
    assert row["words"] == 10 and row["words_per_sentence"] == 5.0
    assert row["flesch_amstad"] == pytest.approx(180 - 5 - 58.5 * 1.4, abs=0.05)
    assert row["wiener_sachtextformel"] == pytest.approx(0.1935 * 10 + 0.1672 * 5 + 0.1297 * 20 - 0.0327 * 70 - 0.875, abs=0.01)


def test_seed_readability(seed_tables):
    read = seed_tables["readability"].set_index("article_id")
    assert len(read) == 5
    # the Uslar Hier opinion piece reads easiest, the PAP copy hardest
    assert read["flesch_amstad"].idxmax() == "004_1b8548fd83fa8b64"
    assert read["flesch_amstad"].idxmin() == "001_655c8ea758a98ab0"
    assert read["flesch_amstad"].between(20, 60).all()
