from analysis.corpus import segment_text
from analysis.similarity import textstat_similarity
import pandas as pd


def test_similarity_pairs_and_ordering():
    sentences = pd.concat([
        segment_text("Nordkorea schickt Soldaten nach Russland an die Front.", article_id="a"),
        segment_text("Nordkorea schickt weitere Soldaten nach Russland.", article_id="b"),
        segment_text("Das Wetter in Hamburg bleibt regnerisch und kühl.", article_id="c"),
    ])
    sim = textstat_similarity(sentences).set_index(["article_a", "article_b"])["cosine"]
    assert len(sim) == 9 and sim[("a", "a")] == 1.0 or abs(sim[("a", "a")] - 1) < 1e-9
    assert sim[("a", "b")] > 0.4 and sim[("a", "c")] == 0.0
    assert sim[("a", "b")] == sim[("b", "a")]


def test_seed_similarity_is_low_but_positive(seed_tables):
    sim = textstat_similarity(seed_tables["sentences"])
    off = sim[sim["article_a"] != sim["article_b"]]["cosine"]
    assert off.between(0.05, 0.4).all()
