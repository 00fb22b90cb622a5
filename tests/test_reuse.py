import pandas as pd
import pytest

from analysis.corpus import segment_text
from analysis.reuse import MIN_WORDS, NGRAM, REWRITE, reuse_summary, share_matrix, textstat_reuse

A000 = "000_78251c8e37e4c5cd"
A001 = "001_655c8ea758a98ab0"
A002 = "002_7441870df5a39c05"
A003 = "003_415b2b8988ea9f0e"

COPY = (
    "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea bereits etwa 1.500 Soldaten nach Russland "
    "entsandt, die derzeit in Lagern im Osten des Landes für ihren Einsatz an der Front ausgebildet werden."
)
OTHER_A = (
    "Die Lage an der Front bleibt angespannt. Beobachter in Kiew sprechen von einer neuen Phase des Krieges. "
    "Die Regierung berät am Abend über weitere Hilfen."
)
OTHER_B = (
    "Im Parlament in Seoul wurde heftig gestritten. Die Opposition verlangt eine klare Linie gegenüber Moskau. "
    "Ein Sprecher des Präsidialamts wollte sich nicht äußern."
)


def corpus(*texts: str) -> pd.DataFrame:
    return pd.concat([segment_text(t, article_id=f"a{i}") for i, t in enumerate(texts)], ignore_index=True)


def run(*texts: str, **kwargs) -> dict[str, pd.DataFrame]:
    return textstat_reuse(corpus(*texts), articles=pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))]}), **kwargs)


def test_copied_passage_inside_different_text_is_found_with_both_texts():
    out = run(f"{OTHER_A} {COPY} Mehr dazu später.", f"{OTHER_B}\n\n{COPY}\n\nDas Ministerium schwieg.")
    passages = out["reuse"]
    assert len(passages) == 1
    p = passages.iloc[0]
    assert (p["article_a"], p["article_b"]) == ("a0", "a1")
    assert p["text_a"] == COPY.rstrip(".") and p["text_b"] == COPY.rstrip(".")
    assert p["words_a"] == p["matched_words"] == 30 and p["similarity"] == 1.0
    assert p["sentences_a"] == "4" and p["sentences_b"] == "4"
    shares = out["reuse_shares"].set_index(["article_id", "other_id"])["share"]
    assert shares[("a0", "a1")] == pytest.approx(30 / 58, abs=0.001)
    assert shares[("a1", "a0")] == pytest.approx(30 / 56, abs=0.001)


def test_small_edits_inside_a_copy_do_not_split_it():
    edited = COPY.replace("etwa 1.500", "1500").replace("derzeit", "nach Berichten derzeit")
    out = run(f"{OTHER_A} {COPY}", f"{edited} {OTHER_B}")
    passages = out["reuse"]
    assert len(passages) == 1
    p = passages.iloc[0]
    assert p["text_a"].startswith("Nach Angaben des südkoreanischen") and p["text_a"].endswith("ausgebildet werden")
    assert p["text_b"].startswith("Nach Angaben") and "1500 Soldaten" in p["text_b"]
    assert 0.8 < p["similarity"] < 1.0


def test_numbers_match_across_thousands_separators():
    a = "Die Armee hat 12.000 Soldaten in vier Brigaden an die Grenze im Osten des Landes verlegt und dort stationiert."
    b = "Laut Bericht: Die Armee hat 12000 Soldaten in vier Brigaden an die Grenze im Osten des Landes verlegt und dort stationiert."
    assert run(a, b)["reuse"]["similarity"].tolist() == [1.0]


def test_formulaic_phrases_and_unrelated_texts_are_not_reuse():
    a = "Nach Angaben des südkoreanischen Geheimdienstes ist die Lage ernst. " + OTHER_A
    b = "Nach Angaben des südkoreanischen Geheimdienstes wächst die Sorge. " + OTHER_B
    out = run(a, b)
    assert out["reuse"].empty and out["reuse_shares"].empty
    assert MIN_WORDS > NGRAM  # a shared 5-word phrase alone never makes a passage


def test_three_articles_share_matrix():
    out = run(f"{OTHER_A} {COPY}", f"{COPY} {OTHER_B}", OTHER_B)
    ids = ["a0", "a1", "a2"]
    matrix = share_matrix(out["reuse_shares"], ids)
    assert matrix.loc["a0", "a1"] > 0.5 and matrix.loc["a1", "a2"] > 0.4
    assert matrix.loc["a0", "a2"] == 0.0
    assert pd.isna(matrix.loc["a0", "a0"])
    summary = reuse_summary(out["reuse_shares"], pd.DataFrame({"article_id": ids}))
    assert summary.set_index("article_id").loc["a1", "partners"] == 2


def test_empty_and_single_article():
    assert run("Ein kurzer Text.")["reuse"].empty
    empty = segment_text("Ein kurzer Text.", article_id="x").iloc[0:0]
    out = textstat_reuse(empty, articles=pd.DataFrame({"article_id": []}))
    assert out["reuse"].empty and list(out["reuse_shares"].columns)[:3] == ["article_id", "other_id", "shared_words"]


# ------------------------------------------------------------------ the seeds


def test_seeds_share_no_verbatim_passage(seed_tables):
    # The five seeds are independently written: no 12-word passage is shared verbatim.
    assert seed_tables["reuse"].empty
    assert seed_tables["reuse_shares"].empty


def test_seed_rewrites_found_with_rewrite_settings(seed_tables):
    out = textstat_reuse(seed_tables["sentences"], articles=seed_tables["articles"], **REWRITE)
    passages = out["reuse"]
    pairs = set(zip(passages["article_a"], passages["article_b"]))
    assert (A000, A001) in pairs and (A002, A003) in pairs
    twelve = passages[(passages["article_a"] == A000) & (passages["article_b"] == A001)].iloc[0]
    assert "12.000 Soldaten einer Eliteeinheit an die Front zu schicken" in twelve["text_a"]
    assert "insgesamt etwa 12.000 Soldaten zur Unterstützung an die russische Front zu schicken" in twelve["text_b"]
    kursk = passages[(passages["article_a"] == A002) & (passages["article_b"] == A003)].iloc[0]
    assert "die ersten nordkoreanischen Militäreinheiten" in kursk["text_a"] and "Region Kursk" in kursk["text_b"]
