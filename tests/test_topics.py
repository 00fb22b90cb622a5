import pandas as pd
import pytest

from analysis.topics import default_k, nmf_topics, textstat_topics, topic_frame_table, topic_frames, topic_shares


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
