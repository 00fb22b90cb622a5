import numpy as np
import pandas as pd
import pytest

from analysis.topics import assign_topics, default_k, nmf_topics, textstat_topics, topic_frame_table, topic_frames, topic_shares


def test_default_k():
    assert default_k(125) == 4
    assert default_k(10) == 2
    assert default_k(30000) == 8


def _two_strands():
    """Two vocabularies that never meet: rockets at the launch pad, tanks at the front."""
    a = ["Die Rakete steht auf der Rampe.", "Start der Rakete von der Rampe.", "Rampe frei für den Start der Rakete."]
    b = ["Panzer rollen an die Front.", "Die Front hält, Panzer im Graben.", "Graben und Panzer an der Front."]
    texts = [("a", t) for t in a] + [("b", t) for t in b]
    return pd.DataFrame([{"article_id": aid, "sentence_id": i + 1, "role": "body", "text": t} for i, (aid, t) in enumerate(texts)])


def test_nmf_separates_two_vocabularies():
    s = _two_strands()
    fitted = nmf_topics(s, k=2)
    st = fitted["sentence_topics"].set_index("sentence_id")["topic"]
    rockets, tanks = set(st.loc[[1, 2, 3]]), set(st.loc[[4, 5, 6]])
    assert len(rockets) == 1 and len(tanks) == 1 and rockets != tanks
    terms = fitted["topics"].set_index("topic")["terms"]
    assert set(terms[rockets.pop()].split(", ")[:3]) == {"rakete", "rampe", "start"}
    assert set(terms[tanks.pop()].split(", ")[:3]) <= {"panzer", "front", "graben"}


def test_credit_lines_get_no_topic():
    s = pd.concat([_two_strands(), pd.DataFrame([{"article_id": "a", "sentence_id": 9, "role": "credit", "text": "Foto: Rakete Rampe Start"}])])
    assert 9 not in set(nmf_topics(s, k=2)["sentence_topics"]["sentence_id"])


def test_topic_shares_by_hand():
    st = pd.DataFrame({"article_id": ["a", "a", "a", "a", "b"], "sentence_id": [1, 2, 3, 4, 1], "topic": [0, 0, 1, -1, 1]})
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"]})
    shares = topic_shares(st, articles).set_index(["outlet_label", "topic"])
    # X: two sentences in topic 0, one in topic 1, one without vocabulary (left out)
    assert shares.loc[("X", 0), "n"] == 2 and shares.loc[("X", 0), "share"] == pytest.approx(2 / 3)
    assert shares.loc[("X", 1), "share"] == pytest.approx(1 / 3)
    assert shares.loc[("Y", 1), ["n", "share"]].tolist() == [1, 1.0]
    assert ("Y", 0) not in shares.index


def test_topic_shares_by_another_unit():
    st = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "sentence_id": [1, 2, 1, 1], "topic": [0, 1, 1, 0]})
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["X", "Y", "Z"], "outlet_type": ["Zeitung", "Zeitung", "Blog"]})
    shares = topic_shares(st, articles, by="outlet_type")
    assert list(shares.columns) == ["outlet_type", "topic", "n", "share"]
    shares = shares.set_index(["outlet_type", "topic"])
    # Zeitung pools a and b: topic 0 once, topic 1 twice
    assert shares.loc[("Zeitung", 1), ["n", "share"]].tolist() == [2, pytest.approx(2 / 3)]
    assert shares.loc[("Blog", 0), "share"] == 1.0


def test_topic_frames_by_hand():
    st = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [1, 2, 3], "topic": [0, 0, 1]})
    frames = pd.DataFrame({"article_id": ["a", "a", "a", "a"], "sentence_id": [1, 1, 2, 3], "frame": ["military", "military", "conflict", "military"]})
    long = topic_frames(st, frames, frame_ids=["conflict", "military", "nuclear"]).set_index(["topic", "frame"])
    assert long.loc[(0, "military"), ["n", "sentences", "share"]].tolist() == [1, 2, 0.5]  # a frame counts once per sentence
    assert long.loc[(0, "conflict"), "share"] == 0.5 and long.loc[(1, "military"), "share"] == 1.0
    assert long.loc[(1, "nuclear"), "n"] == 0  # every listed frame has a row
    topics = pd.DataFrame({"topic": [0, 1], "label": ["T1: rakete", "T2: panzer"], "terms": ["", ""]})
    wide = topic_frame_table(topic_frames(st, frames, frame_ids=["military", "conflict"]), topics, frame_labels={"military": "Military"})
    assert list(wide.columns) == ["topic", "Military", "conflict"]
    assert wide.set_index("topic").loc["T1: rakete"].tolist() == [50.0, 50.0]


def test_too_few_words_give_empty_tables():
    s = pd.DataFrame([{"article_id": "a", "sentence_id": 1, "role": "body", "text": "Kurz."}])
    out = textstat_topics(s, articles=pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"]}), frames=pd.DataFrame(columns=["article_id", "sentence_id", "frame"]))
    assert set(out) == {"topics", "sentence_topics", "topic_shares", "topic_frames"}
    assert all(t.empty for t in out.values()) and "outlet_label" in out["topic_shares"].columns


def test_seed_topics_line_up_with_frames(seed_tables):
    s, topics = seed_tables["sentences"], seed_tables["topics"]
    assert len(topics) == default_k((s["role"] != "credit").sum())
    assert len(seed_tables["sentence_topics"]) == (s["role"] != "credit").sum()
    cross = seed_tables["topic_frames"].pivot(index="topic", columns="frame", values="share")
    # the topic led by "soldaten" is the one most tagged military by the dictionary
    soldier = topics[topics["terms"].str.startswith("soldaten")]["topic"].iloc[0]
    assert cross["military"].idxmax() == soldier


def _strand_articles(n: int) -> pd.DataFrame:
    """`n` short articles alternating between the rocket and the tank vocabulary."""
    rockets = ["Die Rakete steht auf der Rampe.", "Start der Rakete von der Rampe."]
    tanks = ["Panzer rollen an die Front.", "Graben und Panzer an der Front."]
    rows = []
    for i in range(n):
        for k, text in enumerate(rockets if i % 2 else tanks):
            rows.append({"article_id": f"art{i:03d}", "sentence_id": k + 1, "role": "body", "text": text})
    return pd.DataFrame(rows)


def test_stored_model_places_new_sentences_like_the_fit():
    sentences = _strand_articles(10)
    model: dict = {}
    fitted = nmf_topics(sentences, k=2, model=model)
    placed = assign_topics(sentences, terms=model["terms"], idf=model["idf"], components=model["components"])
    assert placed["topic"].tolist() == fitted["sentence_topics"]["topic"].tolist()
    unknown = pd.DataFrame([{"article_id": "x", "sentence_id": 1, "role": "body", "text": "Das Wetter bleibt kühl."}])
    assert assign_topics(unknown, terms=model["terms"], idf=model["idf"], components=model["components"])["topic"].tolist() == [-1]


def test_a_small_change_keeps_the_stored_topics_and_a_large_one_refits(tmp_path, monkeypatch):
    from analysis import config, store

    monkeypatch.setattr(config, "TOPICS_REFIT_BELOW", 0)
    sentences = _strand_articles(20)
    articles = pd.DataFrame({"article_id": sorted(set(sentences["article_id"])), "outlet_label": "X"})
    frames = pd.DataFrame(columns=["article_id", "sentence_id", "frame"])
    keys = {a: f"key-{a}" for a in articles["article_id"]}
    first = textstat_topics(sentences, articles=articles, frames=frames, memo=store.Memo(tmp_path, keys=keys))
    # one new article (5 % of the corpus): the stored fit places it, old rows stay as they were
    new = pd.DataFrame([{"article_id": "neu", "sentence_id": 1, "role": "body", "text": "Panzer an der Front."}])
    grown = pd.concat([sentences, new], ignore_index=True)
    articles2 = pd.concat([articles, pd.DataFrame({"article_id": ["neu"], "outlet_label": ["X"]})], ignore_index=True)
    calls = []
    monkeypatch.setattr("analysis.topics.nmf_topics", lambda *a, **k: calls.append(1) or nmf_topics(*a, **k))
    second = textstat_topics(grown, articles=articles2, frames=frames, memo=store.Memo(tmp_path, keys={**keys, "neu": "key-neu"}))
    assert calls == []
    st = second["sentence_topics"]
    assert st.iloc[:-1].reset_index(drop=True).equals(first["sentence_topics"])
    tank_topic = first["sentence_topics"].query("article_id == 'art000'")["topic"].iloc[0]
    assert st.iloc[-1]["article_id"] == "neu" and st.iloc[-1]["topic"] == tank_topic
    # half of the articles changed: refit
    changed = {a: (k + "-neu" if i % 2 else k) for i, (a, k) in enumerate(keys.items())}
    textstat_topics(sentences, articles=articles, frames=frames, memo=store.Memo(tmp_path, keys=changed))
    assert calls == [1]


def test_topics_from_cached_content_words_equal_topics_from_text():
    from analysis.keywords import prepare_keyness

    s = _two_strands()
    model_text, model_cached = {}, {}
    from_text = nmf_topics(s, k=2, model=model_text)
    cached = nmf_topics(s, k=2, model=model_cached, prepared=prepare_keyness(s))
    for name in from_text:
        pd.testing.assert_frame_equal(cached[name], from_text[name])
    assert (model_cached["components"] == model_text["components"]).all()
    # words that do not line up with the sentences (one list for three sentences) are not used
    assert nmf_topics(s, k=2, prepared={"a": [["rakete"]]})["topics"].equals(from_text["topics"])


def test_stored_model_places_sentences_exactly_as_scikit_learn():
    """`nmf_transform` is NMF.transform step for step: the same weights to the last bit."""
    from scipy import sparse
    from sklearn.decomposition import NMF
    from sklearn.preprocessing import normalize

    from analysis.topics import Rows, _normalise_rows, nmf_transform

    rng = np.random.default_rng(3)
    components = rng.random((3, 12)) * (rng.random((3, 12)) > 0.4)
    dense = rng.random((9, 12)) * (rng.random((9, 12)) > 0.7)
    dense[4] = 0  # a sentence without vocabulary
    x = sparse.csr_matrix(dense)
    expected_x = normalize(x)
    mine = x.copy()
    _normalise_rows(mine)
    assert (mine != expected_x).nnz == 0
    nmf = NMF(n_components=3, init="nndsvda", max_iter=1000)
    nmf.components_, nmf.n_components_, nmf.n_features_in_ = components, 3, 12
    assert np.array_equal(nmf_transform(mine, components), nmf.transform(expected_x))
    rows = Rows(mine.data.copy(), mine.indices.copy(), mine.indptr.copy())  # the same product without scipy
    assert np.array_equal(rows @ components.T, np.asarray(mine @ components.T))
    assert np.array_equal(nmf_transform(rows, components), nmf.transform(expected_x))


def test_fit_equals_scikit_learns_tfidf_and_nmf_to_the_last_bit():
    """`_tfidf` and `nmf_fit` are TfidfVectorizer and NMF step for step (without importing scikit-learn): the same
    matrix in the same stored order, the same idf, W and components, also with repeated sentences (whose rows of W are
    updated once) and with fewer sentences than words (the randomized SVD then works on the transpose)."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.topics import _tfidf, nmf_fit

    rng = np.random.default_rng(7)
    vocab = [f"w{i:03d}" for i in range(120)]
    for n_docs, n_vocab, k, min_df, copies in ((60, 120, 4, 2, 0), (12, 120, 3, 1, 0), (80, 40, 5, 2, 30), (30, 60, 8, 1, 10)):
        docs = [list(rng.choice(vocab[:n_vocab], size=int(rng.integers(0, 12)))) for _ in range(n_docs)]
        docs += [docs[int(i)] for i in rng.integers(0, n_docs, size=copies)]  # copied sentences
        vectorizer = TfidfVectorizer(analyzer=lambda d: d, min_df=min_df, sublinear_tf=True)
        expected = vectorizer.fit_transform(docs)
        terms, idf, x = _tfidf(None, min_df=min_df, tokens=docs)
        assert list(terms) == list(vectorizer.get_feature_names_out()) and np.array_equal(idf, vectorizer.idf_)
        assert all(np.array_equal(getattr(x, a), getattr(expected, a)) for a in ("data", "indices", "indptr"))
        nmf = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=1000)
        w_expected = nmf.fit_transform(expected)
        w, components = nmf_fit(x, k, random_state=0)
        assert np.array_equal(w, w_expected) and np.array_equal(components, nmf.components_)
