import pandas as pd

from analysis.keywords import content_tokens, kwic, log_odds


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
    top = lo[lo["rank"] == 1].set_index("group")["term"]
    assert top["Outlet A"] == "rakete"
    assert top["Outlet B"] in {"krieg", "front"}
    a = lo[lo["group"] == "Outlet A"].set_index("term")
    assert a.loc["rakete", "z"] > 0 > a.loc["krieg", "z"]
    # two groups: a term's z for one group is minus its z for the other
    b = lo[lo["group"] == "Outlet B"].set_index("term")
    assert a.loc["rakete", "z"] == -b.loc["rakete", "z"]
    assert "die" not in set(lo["term"])  # stop words removed


def test_content_tokens():
    assert content_tokens("Die Nordkorea-Soldaten sind an der Front.") == ["nordkorea-soldaten", "front"]


def test_kwic_returns_the_right_sentence(seed_tables):
    hits = kwic(seed_tables["sentences"], "Kanonenfutter", window=3)
    assert len(hits) == 1
    hit = hits.iloc[0]
    assert (hit["article_id"], hit["sentence_id"]) == ("004_1b8548fd83fa8b64", 18)
    assert hit["left"] == "doch nur als" and hit["right"] == "dienen werden"
    assert kwic(seed_tables["sentences"], "weltkrieg")["article_id"].str.startswith("004").all()
    assert len(kwic(seed_tables["sentences"], "Eskalation", prefix=True)) > len(kwic(seed_tables["sentences"], "Eskalation"))


def test_seed_log_odds(seed_tables):
    lo = log_odds(seed_tables["sentences"], seed_tables["articles"], top=10)
    uslar = lo[lo["group"] == "Uslar Hier"]
    assert uslar.iloc[0]["term"] == "weltkrieg"  # only 004 uses it (3 times)
    assert set(lo["group"]) == set(seed_tables["articles"]["outlet_label"])
