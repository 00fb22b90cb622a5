import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.corpus import segment_text
from analysis.reuse import (
    MIN_WORDS,
    REWRITTEN,
    SHARE_COLUMNS,
    VERBATIM,
    describe_reuse,
    passages,
    prepare_reuse,
    rewrites_computed,
    share_matrix,
    textstat_near_duplicates,
    textstat_reuse,
    textstat_rewrites,
    unit_share_matrix,
)

from .conftest import IPPEN, PAP, TABLOID, TELEPOLIS

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


# Twelve words no other text here uses, so a shared run of them cannot grow by chance.
RUN = "Karawanen schwerer Lastwagen brachten gestern Munition Treibstoff Verpflegung über verschneite Pässe nordwärts".split()


@pytest.mark.parametrize("shared, found", [(MIN_WORDS - 1, False), (MIN_WORDS, True)])
def test_a_passage_needs_min_words_shared_words(shared, found):
    a = f"{OTHER_A} {' '.join(RUN[:shared])}. {OTHER_B}"
    b = f"Ganz anders beginnt dieser Text. {' '.join(RUN[:shared])}. Und er endet auch anders als jener."
    passages_found = run(a, b)["reuse"]
    assert len(passages_found) == int(found)
    if found:
        assert passages_found.iloc[0]["words_a"] == MIN_WORDS and passages_found.iloc[0]["text_a"] == " ".join(RUN)


def test_three_articles_share_matrix():
    # a0 = OTHER_A (25 words) + COPY (30); a1 = COPY + OTHER_B (23); a2 = OTHER_B
    out = run(f"{OTHER_A} {COPY}", f"{COPY} {OTHER_B}", OTHER_B)
    matrix = share_matrix(out["reuse_shares"], ["a0", "a1", "a2"])
    assert matrix.loc["a0", "a1"] == pytest.approx(30 / 55, abs=1e-4)
    assert matrix.loc["a1", "a0"] == pytest.approx(30 / 53, abs=1e-4)
    assert matrix.loc["a1", "a2"] == pytest.approx(23 / 53, abs=1e-4)
    assert matrix.loc["a2", "a1"] == 1.0
    assert matrix.loc["a0", "a2"] == matrix.loc["a2", "a0"] == 0.0
    assert pd.isna(matrix.loc["a0", "a0"])


def test_unit_share_matrix_is_the_mean_over_article_pairs_of_two_units():
    # x and y are Blatt's, z is Portal's; shares of the row article's words shared with the column article
    shares = pd.DataFrame([("x", "y", 3, 10, 0.3, 1), ("y", "x", 5, 10, 0.5, 1), ("x", "z", 2, 10, 0.2, 1),
                           ("z", "y", 4, 10, 0.4, 1)], columns=SHARE_COLUMNS)
    articles = pd.DataFrame({"article_id": ["x", "y", "z"], "outlet_label": ["Blatt", "Blatt", "Portal"],
                             "outlet_type": ["Zeitung", "Zeitung", "Zeitung"]})
    matrix = unit_share_matrix(shares, articles)
    assert list(matrix.index) == list(matrix.columns) == ["Blatt", "Portal"]
    assert matrix.loc["Blatt", "Blatt"] == pytest.approx((0.3 + 0.5) / 2)  # pairs (x, y) and (y, x)
    assert matrix.loc["Blatt", "Portal"] == pytest.approx((0.2 + 0.0) / 2)  # (x, z) and (y, z): y shares nothing with z
    assert matrix.loc["Portal", "Blatt"] == pytest.approx((0.0 + 0.4) / 2)  # (z, x) and (z, y)
    assert pd.isna(matrix.loc["Portal", "Portal"])  # one article: no pair within Portal
    # by another column: all three in one unit, the mean over its six ordered pairs
    by_type = unit_share_matrix(shares, articles, by="outlet_type")
    assert by_type.loc["Zeitung", "Zeitung"] == pytest.approx((0.3 + 0.5 + 0.2 + 0.4) / 6)
    # units in the order asked for; a unit without articles is empty
    ordered = unit_share_matrix(shares, articles, units=["Portal", "Blatt", "Sender"])
    assert list(ordered.index) == ["Portal", "Blatt", "Sender"] and ordered.loc["Sender"].isna().all()
    assert unit_share_matrix(shares.iloc[0:0], articles).loc["Blatt", "Portal"] == 0.0


def test_tokens_are_the_suites_words_and_numbers_without_separators():
    sentences = segment_text("Kim Jong-un schickte 12.000 Soldaten, sagt man.", article_id="x")
    sentences = pd.concat([sentences, sentences.assign(sentence_id=2, role="credit", text="dpa/AFP")], ignore_index=True)
    prepared = prepare_reuse(sentences)["x"]
    assert prepared["sentence_ids"] == [1]  # the credit line is not the outlet's text
    assert len(prepared["tokens"]) == 7  # Kim, Jong-un, schickte, 12.000, Soldaten, sagt, man
    other = prepare_reuse(segment_text("12000 soldaten", article_id="y"))["y"]["tokens"]
    assert list(prepared["tokens"][3:5]) == list(other)


def test_near_duplicates_flag_the_later_article_with_the_jaccard_index():
    words = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn".split()
    base = " ".join(words[:12]) + "."
    longer = " ".join(words) + "."
    sentences = corpus(base, longer, OTHER_A)
    articles = pd.DataFrame({"article_id": ["a1", "a0", "a2"]})  # catalog order: a1 is the earlier one
    table = textstat_near_duplicates(sentences, articles=articles, threshold=0.6)
    # 5-grams: 8 in a0, 12 in a1, all 8 of a0's shared: Jaccard 8 / 12
    assert table[["article_id", "near_duplicate_of"]].values.tolist() == [["a0", "a1"]]
    assert table.iloc[0]["jaccard"] == pytest.approx(8 / 12, abs=1e-3)
    assert table.iloc[0]["flag"] == "near duplicate of a1 (67% shared 5-word sequences)"
    assert textstat_near_duplicates(sentences, articles=articles, threshold=0.7).empty


def test_a_near_duplicates_rerun_compares_only_new_articles_and_equals_a_run_from_scratch(tmp_path, monkeypatch):
    from analysis import reuse, store

    words = "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn".split()
    texts = [" ".join(words[:12]) + ".", OTHER_A, " ".join(words) + ".", OTHER_B, " ".join(words[2:]) + ". " + OTHER_B]
    sentences = corpus(*texts)
    ids = [f"a{i}" for i in range(len(texts))]
    prepared = prepare_reuse(sentences)
    compared = []
    original = reuse._shared_counts
    monkeypatch.setattr(reuse, "_shared_counts", lambda shingles, rows: compared.append(list(rows)) or original(shingles, rows))

    def run(use):
        articles = pd.DataFrame({"article_id": use})
        memo = store.Memo(tmp_path, keys={a: f"key-{a}" for a in use})
        got = textstat_near_duplicates(sentences, articles=articles, prepared=prepared, threshold=0.5, memo=memo)
        pd.testing.assert_frame_equal(got, textstat_near_duplicates(sentences, articles=articles, prepared=prepared, threshold=0.5))
        return got

    run(ids[:3])
    compared.clear()
    assert len(run(ids)) == 2 and compared[0] == [3, 4]  # only the two new articles are compared with the others
    run([ids[0], ids[4], ids[2]])  # reordered and one removed: pairs keep their order by the catalog


def test_rewrites_are_not_searched_above_the_limit(monkeypatch):
    sentences = corpus(f"{OTHER_A} {COPY}", f"{COPY} {OTHER_B}")
    articles = pd.DataFrame({"article_id": ["a0", "a1"], "outlet_label": ["Blatt", "Portal"]})
    assert len(textstat_rewrites(sentences, articles=articles)["reuse_rewrite"]) >= 1
    monkeypatch.setattr(config, "REWRITE_MAX_ARTICLES", 1)
    assert not rewrites_computed(articles)
    out = textstat_rewrites(sentences, articles=articles)
    assert out["reuse_rewrite"].empty and out["reuse_rewrite_shares"].empty
    assert "not searched" in describe_reuse(textstat_reuse(sentences, articles=articles)["reuse"], out["reuse_rewrite"], articles)


def test_passages_view_labels_outlets_and_lists_a_passage_once():
    out = run(f"{OTHER_A} {COPY}", f"{COPY} {OTHER_B}")
    articles = pd.DataFrame({"article_id": ["a0", "a1"], "outlet_label": ["Blatt", "Portal"]})
    rewritten = out["reuse"].assign(similarity=0.9)  # the same passage found again by the rewrite level
    extra = out["reuse"].assign(sentences_a="1", sentences_b="2", words_a=9, text_a="kurz a", text_b="kurz b")
    view = passages(out["reuse"], pd.concat([rewritten, extra]), articles)
    assert view["level"].tolist() == [VERBATIM, REWRITTEN]
    assert view[["outlet_a", "outlet_b"]].values.tolist() == [["Blatt", "Portal"], ["Blatt", "Portal"]]
    assert view["sentences"].tolist() == ["4 / 1", "1 / 2"] and view["words"].tolist() == [30, 9]
    assert passages(out["reuse"].iloc[0:0], None, articles).empty


def test_describe_reuse_states_what_the_tables_hold():
    out = run(f"{OTHER_A} {COPY}", f"{COPY} {OTHER_B}", OTHER_B)
    articles = pd.DataFrame({"article_id": ["a0", "a1", "a2"], "outlet_label": ["Blatt", "Portal", "Sender"]})
    text = describe_reuse(out["reuse"], out["reuse"].iloc[0:0], articles)
    assert f"2 passage(s) of {MIN_WORDS} or more words are shared verbatim by 2 pair(s) of the 3 articles" in text
    assert "the longest, 30 words, by Blatt and Portal" in text
    assert "No close rewrite" in text
    none = describe_reuse(out["reuse"].iloc[0:0], out["reuse"].iloc[1:], articles)
    assert none.startswith(f"**What we find.** No passage of {MIN_WORDS} or more words is shared verbatim by any two of the 3")
    assert "1 close rewrite(s)" in none and "(Portal) against" in none


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


def test_seed_rewrites_found_by_the_pipeline(seed_tables):
    found = seed_tables["reuse_rewrite"]
    pairs = set(zip(found["article_a"], found["article_b"]))
    assert (TABLOID, PAP) in pairs and (IPPEN, TELEPOLIS) in pairs
    twelve = found[(found["article_a"] == TABLOID) & (found["article_b"] == PAP)].iloc[0]
    assert "12.000 Soldaten einer Eliteeinheit an die Front zu schicken" in twelve["text_a"]
    assert "insgesamt etwa 12.000 Soldaten zur Unterstützung an die russische Front zu schicken" in twelve["text_b"]
    kursk = found[(found["article_a"] == IPPEN) & (found["article_b"] == TELEPOLIS)].iloc[0]
    assert "die ersten nordkoreanischen Militäreinheiten" in kursk["text_a"] and "Region Kursk" in kursk["text_b"]


def test_few_new_articles_are_counted_against_the_corpus_as_the_incidence_matrix_counts():
    from analysis.reuse import _incidence, _shared_counts, _shared_rows

    sets = [np.array([1, 5, 9]), np.array([5, 9, 11]), np.array([], dtype=np.int64), np.array([2, 9])]
    few = list(_shared_counts(sets, [0, 2]))
    assert [(i, js.tolist(), c.tolist()) for i, js, c in few] == [(0, [0, 1, 3], [3, 2, 1]), (2, [], [])]
    for (i, js, c), (i2, js2, c2) in zip(few, _shared_rows(_incidence(sets), [0, 2])):
        assert i == i2 and js.tolist() == js2.tolist() and c.tolist() == c2.tolist()


def test_a_rerun_stores_only_the_new_pairs_passages_and_equals_a_run_from_scratch(tmp_path, monkeypatch):
    from analysis import reuse, store

    monkeypatch.setattr(reuse, "COMPACT_SHARE", 10.0)  # a tiny corpus: never rewrite the stored passages whole

    texts = [COPY + " " + OTHER_A, OTHER_B + " " + COPY, COPY, OTHER_A + " " + OTHER_B, COPY + " " + OTHER_B]
    sentences = corpus(*texts)
    ids = [f"a{i}" for i in range(len(texts))]
    prepared = prepare_reuse(sentences)

    def run(use):
        articles = pd.DataFrame({"article_id": use})
        got = textstat_reuse(sentences, articles=articles, prepared={a: prepared[a] for a in use},
                             memo=store.Memo(tmp_path, keys={a: f"key-{a}" for a in use}))
        scratch = textstat_reuse(sentences, articles=articles, prepared={a: prepared[a] for a in use})
        for name in got:
            pd.testing.assert_frame_equal(got[name], scratch[name])
        return got

    run(ids[:3])
    whole = (tmp_path / "reuse" / "passages.parquet").read_bytes()
    grown = run(ids)
    assert (tmp_path / "reuse" / "passages.parquet").read_bytes() == whole  # the stored passages are not rewritten
    added = pd.read_parquet(tmp_path / "reuse" / "passages_added.parquet")
    assert len(added) and set(added["key_b"]) <= {"key-a3", "key-a4"}
    assert len(grown["reuse"]) > len(added) - 1
    run(ids[1:])  # a removed article: its pairs' stored rows are skipped
    run(ids)  # ... and aligned again when it comes back: the stored rows are rewritten whole, not held twice
    assert pd.read_parquet(tmp_path / "reuse" / "passages_added.parquet").empty
    run(ids[:4])
    monkeypatch.setattr(reuse, "COMPACT_SHARE", 0.1)
    run(ids)
