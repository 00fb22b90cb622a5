import math

import pandas as pd
import pytest

from analysis.corpus import segment_text
from analysis.similarity import similarity_by_unit, similarity_matrix, similarity_overview, textstat_similarity


def _docs(**texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


def test_similarity_pairs_and_ordering():
    sentences = pd.concat([
        segment_text("Nordkorea schickt Soldaten nach Russland an die Front.", article_id="a"),
        segment_text("Nordkorea schickt weitere Soldaten nach Russland.", article_id="b"),
        segment_text("Das Wetter in Hamburg bleibt regnerisch und kühl.", article_id="c"),
    ])
    sim = textstat_similarity(sentences).set_index(["article_a", "article_b"])["cosine"]
    assert len(sim) == 9
    assert sim[("a", "a")] == pytest.approx(1.0)
    assert sim[("a", "b")] > 0.4 and sim[("a", "c")] == 0.0
    assert sim[("a", "b")] == pytest.approx(sim[("b", "a")])


def test_cosine_by_hand():
    # sublinear tf = 1 for every word; smoothed idf = ln((1 + 2) / (1 + df)) + 1: "soldaten" (in both) 1,
    # "front" and "hamburg" 1 + ln 1.5. Vectors (1, w, 0) and (1, 0, w): cosine = 1 / (1 + w²).
    sim = textstat_similarity(_docs(a="Soldaten Front", b="Soldaten Hamburg")).set_index(["article_a", "article_b"])["cosine"]
    w = 1 + math.log(1.5)
    assert sim[("a", "b")] == pytest.approx(1 / (1 + w * w))


def test_articles_give_the_order():
    articles = pd.DataFrame({"article_id": ["b", "a"]})
    sim = textstat_similarity(_docs(a="Soldaten Front", b="Soldaten Hamburg"), articles=articles)
    assert sim["article_a"].tolist() == ["b", "b", "a", "a"]


def test_similarity_matrix_is_square_in_catalog_order_and_names_outlets():
    cosine = {("x", "y"): 0.2, ("x", "z"): 0.3, ("y", "z"): 0.4}
    ids = ["x", "y", "z"]
    pairs = pd.DataFrame(
        [(a, b, 1.0 if a == b else cosine[tuple(sorted((a, b)))]) for a in ids for b in ids],
        columns=["article_a", "article_b", "cosine"],
    )
    articles = pd.DataFrame({"article_id": ["z", "x", "y"], "outlet_label": ["Abendpost?", "Tagesblatt", "Tagesblatt"]})
    matrix = similarity_matrix(pairs, articles=articles)
    # one article per outlet: the outlet's name; several: outlet and article id
    names = ["Abendpost?", "Tagesblatt · x", "Tagesblatt · y"]
    assert matrix.index.tolist() == names and matrix.columns.tolist() == names
    assert matrix.loc["Abendpost?", "Tagesblatt · y"] == 0.4
    assert matrix.loc["Tagesblatt · x", "Abendpost?"] == 0.3
    assert (matrix.to_numpy().diagonal() == 1).all()


def test_seed_articles_share_more_vocabulary_with_each_other_than_with_an_unrelated_text(seed_tables):
    unrelated = segment_text("Das Wetter in Hamburg bleibt regnerisch und kühl. Am Wochenende scheint die Sonne.", article_id="wetter")
    sim = textstat_similarity(pd.concat([seed_tables["sentences"], unrelated]))
    wide = sim.pivot(index="article_a", columns="article_b", values="cosine")
    seeds = [a for a in wide.index if a != "wetter"]
    assert wide.to_numpy() == pytest.approx(wide.T.to_numpy())
    off = [wide.loc[a, b] for a in seeds for b in seeds if a != b]
    assert min(off) > wide.loc[seeds, "wetter"].max()
    assert max(off) < 1


def _pairs(cosine: dict[tuple[str, str], float]) -> pd.DataFrame:
    """Every ordered pair of the articles named in `cosine` (symmetric, 1 on the diagonal), as textstat_similarity."""
    ids = sorted({a for pair in cosine for a in pair})
    value = lambda a, b: 1.0 if a == b else cosine.get((a, b), cosine.get((b, a)))  # noqa: E731
    return pd.DataFrame([(a, b, value(a, b)) for a in ids for b in ids], columns=["article_a", "article_b", "cosine"])


# four articles: x and y from Tagesblatt, z from Abendpost?, w from Kurier
FOUR = {("x", "y"): 0.2, ("x", "z"): 0.3, ("y", "z"): 0.4, ("w", "x"): 0.5, ("w", "y"): 0.6, ("w", "z"): 0.7}
FOUR_ARTICLES = pd.DataFrame(
    {"article_id": ["z", "x", "y", "w"], "outlet_label": ["Abendpost?", "Tagesblatt", "Tagesblatt", "Kurier"],
     "group": ["Boulevard", "Presse", "Presse", "Presse"]}
)


def test_similarity_by_unit_is_the_mean_over_article_pairs():
    table = similarity_by_unit(_pairs(FOUR), articles=FOUR_ARTICLES)
    assert table.index.tolist() == ["Abendpost?", "Tagesblatt", "Kurier"] == table.columns.tolist()
    # Tagesblatt (x, y) x Abendpost? (z): (0.3 + 0.4) / 2; Tagesblatt x Kurier (w): (0.5 + 0.6) / 2
    assert table.loc["Tagesblatt", "Abendpost?"] == pytest.approx(0.35)
    assert table.loc["Abendpost?", "Tagesblatt"] == pytest.approx(0.35)
    assert table.loc["Tagesblatt", "Kurier"] == pytest.approx(0.55)
    assert table.loc["Kurier", "Abendpost?"] == pytest.approx(0.7)
    # diagonal: between different articles of one outlet (x-y), none for a single article
    assert table.loc["Tagesblatt", "Tagesblatt"] == pytest.approx(0.2)
    assert math.isnan(table.loc["Kurier", "Kurier"]) and math.isnan(table.loc["Abendpost?", "Abendpost?"])


def test_similarity_by_unit_groups_by_any_catalog_column():
    table = similarity_by_unit(_pairs(FOUR), articles=FOUR_ARTICLES, by="group")
    assert table.index.name == "group" and table.index.tolist() == ["Boulevard", "Presse"]
    # Presse (x, y, w) x Boulevard (z): (0.3 + 0.4 + 0.7) / 3; within Presse: x-y, x-w, y-w
    assert table.loc["Presse", "Boulevard"] == pytest.approx(1.4 / 3)
    assert table.loc["Presse", "Presse"] == pytest.approx((0.2 + 0.5 + 0.6) / 3)


def test_similarity_overview_compares_articles_only_while_each_unit_is_one_article():
    one_each = FOUR_ARTICLES[FOUR_ARTICLES["article_id"] != "y"]
    articles = similarity_overview(_pairs(FOUR), articles=one_each)
    assert articles.index.name == "article" and articles.loc["Tagesblatt", "Tagesblatt"] == 1.0
    assert articles.index.tolist() == ["Abendpost?", "Tagesblatt", "Kurier"]
    units = similarity_overview(_pairs(FOUR), articles=FOUR_ARTICLES)
    assert units.index.name == "outlet_label" and units.loc["Tagesblatt", "Tagesblatt"] == pytest.approx(0.2)


def _five_articles():
    texts = {
        "a": "Nordkorea schickt Soldaten nach Russland an die Front.",
        "b": "Nordkorea schickt weitere Soldaten nach Russland.",
        "c": "Das Wetter in Hamburg bleibt regnerisch und kühl.",
        "d": "Russland setzt nordkoreanische Soldaten in Kursk ein.",
        "e": "Hamburg erwartet am Wochenende Sonne und Wind.",
    }
    sentences = pd.concat([segment_text(t, article_id=a) for a, t in texts.items()])
    articles = pd.DataFrame({"article_id": list(texts), "outlet_label": ["X", "Y", "X", "Y", "Z"]})
    return sentences, articles


def test_unit_means_without_the_pair_matrix_equal_the_means_over_pairs():
    sentences, articles = _five_articles()
    out = textstat_similarity(sentences, articles=articles, by="outlet_label")
    from_pairs = similarity_by_unit(out["similarity"], articles=articles)
    units = out["similarity_units"].pivot(index="unit_a", columns="unit_b", values="cosine").reindex(index=from_pairs.index, columns=from_pairs.columns)
    assert units.to_numpy() == pytest.approx(from_pairs.to_numpy(), nan_ok=True)
    assert math.isnan(units.loc["Z", "Z"]) and units.loc["X", "Y"] > 0


def test_large_corpora_keep_each_articles_nearest_neighbours(monkeypatch):
    sentences, articles = _five_articles()
    full = textstat_similarity(sentences, articles=articles)
    near = textstat_similarity(sentences, articles=articles, max_all_pairs=3, top_k=2)
    assert len(near) == 5 * 3  # the self-pair and two neighbours per article
    a = near[near["article_a"] == "a"]
    assert a["article_b"].tolist()[:2] == ["a", "b"]
    merged = near.merge(full, on=["article_a", "article_b"], suffixes=("", "_full"))
    assert (merged["cosine"] == merged["cosine_full"]).all()
    out = textstat_similarity(sentences, articles=articles, max_all_pairs=3, top_k=2, by="outlet_label")
    view = similarity_overview(out["similarity"], articles=articles, units=out["similarity_units"])
    assert view.loc["X", "Y"] == pytest.approx(similarity_by_unit(full, articles=articles).loc["X", "Y"])


def test_tfidf_matrix_equals_scikit_learns_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.similarity import tfidf_matrix

    docs = [["soldaten", "kursk", "soldaten", "nato"], ["kursk", "front"], [], ["nato", "nato", "rutte", "front", "kursk"]]
    for min_df in (1, 2):
        ours = tfidf_matrix(docs, min_df=min_df).toarray()
        theirs = TfidfVectorizer(analyzer=lambda d: d, min_df=min_df, sublinear_tf=True).fit_transform(docs).toarray()
        assert ours.shape == theirs.shape == (4, 5 if min_df == 1 else 3)
        assert ours == pytest.approx(theirs, abs=1e-12)
        model: dict = {}
        tfidf_matrix(docs, min_df=min_df, model=model)
        vectorizer = TfidfVectorizer(analyzer=lambda d: d, min_df=min_df, sublinear_tf=True).fit(docs)
        assert list(model["terms"]) == list(vectorizer.get_feature_names_out())
        assert model["idf"] == pytest.approx(vectorizer.idf_)


def _twelve_articles():
    words = ["Soldaten", "Kursk", "Pjöngjang", "Moskau", "Front", "Raketen", "Hamburg", "Wetter", "Nato", "Seoul", "Kiew", "Drohnen"]
    texts = {f"a{i:02d}": " ".join((words * 2)[i : i + 4]) + " bleiben ein Thema." for i in range(11)}
    texts["new"] = texts["a03"]  # the same words as a03: under the fitted model, the same vector
    sentences = pd.concat([segment_text(t, article_id=a) for a, t in texts.items()])
    articles = pd.DataFrame({"article_id": list(texts), "outlet_label": ["X", "Y", "Z"] * 4})
    return sentences, articles


def test_a_large_corpus_that_only_grew_keeps_the_fitted_scores(tmp_path):
    from analysis import store

    sentences, articles = _twelve_articles()
    keys = {a: f"key-{a}" for a in articles["article_id"]}
    old = articles[articles["article_id"] != "new"]
    options = {"max_all_pairs": 5, "top_k": 2, "by": "outlet_label"}
    fitted = textstat_similarity(sentences[sentences["article_id"] != "new"], articles=old,
                                 memo=store.Memo(tmp_path, keys={a: keys[a] for a in old["article_id"]}), **options)
    exact_old = textstat_similarity(sentences[sentences["article_id"] != "new"], articles=old, **options)
    pd.testing.assert_frame_equal(fitted["similarity"], exact_old["similarity"])  # a fit is the exact table

    grown = textstat_similarity(sentences, articles=articles, memo=store.Memo(tmp_path, keys=keys), **options)["similarity"]
    exact = textstat_similarity(sentences, articles=articles, **options)["similarity"]
    assert grown["article_a"].drop_duplicates().tolist() == articles["article_id"].tolist()
    new = grown[grown["article_a"] == "new"]
    assert new["article_b"].tolist()[:2] == ["new", "a03"] and new["cosine"].iloc[1] == pytest.approx(1.0)
    assert "new" in grown.loc[grown["article_a"] == "a03", "article_b"].tolist()
    kept = grown[(grown["article_b"] != "new") & (grown["article_a"] != "new")].merge(fitted["similarity"], on=["article_a", "article_b"])
    assert len(kept) >= len(old) * 2 and (kept["cosine_x"] == kept["cosine_y"]).all()  # fitted scores unchanged
    assert not grown.set_index(["article_a", "article_b"])["cosine"].equals(exact.set_index(["article_a", "article_b"])["cosine"])

    fewer = articles[articles["article_id"] != "a05"]  # a removed article: refit, exact again
    refit = textstat_similarity(sentences[sentences["article_id"] != "a05"], articles=fewer, memo=store.Memo(tmp_path, keys=keys), **options)
    pd.testing.assert_frame_equal(refit["similarity"], textstat_similarity(sentences[sentences["article_id"] != "a05"], articles=fewer, **options)["similarity"])
