import math
import shutil

import pandas as pd

from analysis import config
from analysis.keywords import content_tokens, describe_keyness, kwic, log_odds, stopwords, textstat_keyness, top_terms

from .conftest import USLAR


def _toy():
    a = ["Die Rakete fliegt weit.", "Die Rakete ist neu.", "Die Rakete startet heute.", "Der Krieg geht weiter."]
    b = ["Der Krieg geht weiter.", "Die Front hält.", "Der Krieg ist hart.", "Die Front bewegt sich."]
    rows = [{"article_id": aid, "sentence_id": i + 1, "role": "body", "text": t} for aid, texts in (("a", a), ("b", b)) for i, t in enumerate(texts)]
    sentences = pd.DataFrame(rows)
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["Outlet A", "Outlet B"]})
    return sentences, articles


def test_log_odds_ranks_the_obviously_distinctive_word_first():
    sentences, articles = _toy()
    lo = log_odds(sentences, articles, min_count=1)
    top = lo[lo["rank"] == 1].set_index("outlet_label")["term"]
    assert top["Outlet A"] == "rakete"
    assert top["Outlet B"] in {"krieg", "front"}
    a = lo[lo["outlet_label"] == "Outlet A"].set_index("term")
    assert a.loc["rakete", "z"] > 0 > a.loc["krieg", "z"]
    # two groups: a term's z for one group is minus its z for the other
    b = lo[lo["outlet_label"] == "Outlet B"].set_index("term")
    assert a.loc["rakete", "z"] == -b.loc["rakete", "z"]
    assert "die" not in set(lo["term"])  # stop words removed


def test_log_odds_by_hand():
    """Two groups of equal size: a word used equally often in both has delta 0; the prior is the corpus rate."""
    rows = [("a", "Panzer Front Panzer"), ("b", "Drohne Front Drohne")]
    sentences = pd.DataFrame([{"article_id": aid, "sentence_id": 1, "role": "body", "text": t} for aid, t in rows])
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["A", "B"]})
    lo = log_odds(sentences, articles, min_count=1).set_index(["outlet_label", "term"])
    assert lo.loc[("A", "front"), "delta"] == 0
    # "panzer" in A: y_i = 2, y_j = 0; prior a0 = 6 tokens, alpha = 6 * 2/6 = 2; n_i = n_j = 3
    delta = math.log((2 + 2) / (3 + 6 - 2 - 2)) - math.log((0 + 2) / (3 + 6 - 0 - 2))
    se = math.sqrt(1 / 4 + 1 / 2)
    assert math.isclose(lo.loc[("A", "panzer"), "delta"], delta) and math.isclose(lo.loc[("A", "panzer"), "z"], delta / se)
    assert lo.loc[("A", "panzer"), ["count", "count_rest", "rank"]].tolist() == [2, 0, 1]


def test_one_outlet_has_nothing_to_compare():
    sentences, articles = _toy()
    articles = articles.assign(outlet_label="Outlet A")
    assert textstat_keyness(sentences, articles=articles).empty
    assert "fewer than two outlets" in describe_keyness(textstat_keyness(sentences, articles=articles), articles)


def test_log_odds_compares_any_catalog_column():
    """Units named by `by`: two articles of one outlet type pooled against a third article of another type."""
    rows = [("a", "Panzer Front"), ("b", "Panzer Drohne"), ("c", "Drohne Front")]
    sentences = pd.DataFrame([{"article_id": aid, "sentence_id": 1, "role": "body", "text": t} for aid, t in rows])
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["A", "B", "C"], "outlet_type": ["Zeitung", "Zeitung", "Blog"]})
    lo = log_odds(sentences, articles, by="outlet_type", min_count=1)
    assert set(lo["outlet_type"]) == {"Zeitung", "Blog"} and "outlet_label" not in lo
    z = lo.set_index(["outlet_type", "term"])
    # "panzer": Zeitung 2 of 4 tokens, Blog 0 of 2; prior a0 = 6, alpha = 6 * 2/6 = 2
    delta = math.log((2 + 2) / (4 + 6 - 2 - 2)) - math.log((0 + 2) / (2 + 6 - 0 - 2))
    assert math.isclose(z.loc[("Zeitung", "panzer"), "delta"], delta)
    assert z.loc[("Zeitung", "panzer"), ["count", "count_rest", "rank"]].tolist() == [2, 0, 1]
    assert textstat_keyness(sentences, articles=articles, by="outlet_type").equals(log_odds(sentences, articles, by="outlet_type"))


def test_describe_keyness_names_the_unit():
    sentences, articles = _toy()
    articles = articles.assign(outlet_type="Zeitung")
    empty = textstat_keyness(sentences, articles=articles, by="outlet_type")
    assert describe_keyness(empty, articles, by="outlet_type") == (
        "Distinctive words compare outlet types: this corpus has fewer than two outlet types with shared words.")
    two = articles.assign(outlet_type=["Zeitung", "Blog"])
    text = describe_keyness(textstat_keyness(sentences, articles=two, by="outlet_type"), two, by="outlet_type")
    assert text.endswith("every outlet type contributes 1 article, so each list describes a single text, not an outlet type's style.")


def test_content_tokens():
    assert content_tokens("Die Nordkorea-Soldaten sind an der Front.") == ["nordkorea-soldaten", "front"]


def test_stopwords_follow_the_codebooks_dir(tmp_path):
    books = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, books)
    (books / "stopwords_de.txt").write_text("# eigene Liste\nFront  Panzer\n", encoding="utf-8")
    stop = stopwords(codebooks_dir=books)
    assert {"front", "panzer", "und"} <= stop  # listed words lower-cased, plus the built-in German list
    assert content_tokens("Panzer an der Front rollen.", stop=stop) == ["rollen"]
    assert "front" not in stopwords()


def test_kwic_returns_the_right_sentence(seed_tables):
    hits = kwic(seed_tables["sentences"], "Kanonenfutter", window=3)
    assert len(hits) == 1
    hit = hits.iloc[0]
    assert (hit["article_id"], hit["sentence_id"]) == (USLAR, 18)
    assert hit["left"] == "doch nur als" and hit["right"] == "dienen werden"
    assert kwic(seed_tables["sentences"], "weltkrieg")["article_id"].eq(USLAR).all()
    assert len(kwic(seed_tables["sentences"], "Eskalation", prefix=True)) > len(kwic(seed_tables["sentences"], "Eskalation"))


def test_kwic_of_several_terms_on_snippets():
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [1, 2], "role": ["body", "body"],
                              "text": ["Die Front hält, die Frontlinie nicht.", "Panzer an der Front."]})
    hits = kwic(sentences, ["front", "panzer", "front"], window=2)
    assert hits[["term", "sentence_id", "match"]].values.tolist() == [["front", 1, "Front"], ["front", 2, "Front"], ["panzer", 2, "Panzer"]]
    assert hits["left"].tolist() == ["Die", "an der", ""] and hits["right"].tolist() == ["hält die", "", "an der"]
    assert kwic(sentences, "front", prefix=True)["match"].tolist() == ["Front", "Frontlinie", "Front"]


def test_seed_keyness(seed_tables):
    keyness = seed_tables["keyness"]
    uslar = keyness[keyness["outlet_label"] == "Uslar Hier"].sort_values("rank")
    assert uslar.iloc[0]["term"] == "weltkrieg"  # only 004 uses it (3 times)
    assert set(keyness["outlet_label"]) == set(seed_tables["articles"]["outlet_label"])
    assert "weltkrieg" in top_terms(keyness) and len(top_terms(keyness)) == len(set(top_terms(keyness)))


def test_keyness_from_cached_article_counts_equals_keyness_from_text():
    from analysis.keywords import prepare_keyness

    sentences, articles = _toy()
    articles = pd.concat([articles, pd.DataFrame({"article_id": ["c"], "outlet_label": ["Outlet A"]})], ignore_index=True)
    sentences = pd.concat([sentences, pd.DataFrame([{"article_id": "c", "sentence_id": 1, "role": "body", "text": "Rakete und Krieg."}])])
    prepared = prepare_keyness(sentences)
    assert sum(tokens.count("rakete") for tokens in prepared["a"]) == 3
    pd.testing.assert_frame_equal(textstat_keyness(sentences, articles=articles, prepared=prepared),
                                  textstat_keyness(sentences, articles=articles))
