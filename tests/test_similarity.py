import math

import pandas as pd
import pytest

from analysis.corpus import segment_text
from analysis.similarity import similarity_matrix, textstat_similarity


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
