from analysis.framing import frame_rules
from analysis.topics import default_k, nmf_topics, topic_frame_crosstab, topic_shares


def test_default_k():
    assert default_k(125) == 4
    assert default_k(10) == 2
    assert default_k(30000) == 8


def test_seed_topics_are_reproducible_and_line_up_with_frames(seed_tables):
    s, a = seed_tables["sentences"], seed_tables["articles"]
    one, two = nmf_topics(s, random_state=0), nmf_topics(s, random_state=0)
    assert one["topics"].equals(two["topics"])
    assert len(one["topics"]) == 4
    assert len(one["sentence_topics"]) == (s["role"] != "credit").sum()
    shares = topic_shares(one["sentence_topics"], a)
    assert shares.groupby("outlet_label")["share"].sum().round(6).eq(1).all()
    cross = topic_frame_crosstab(one["sentence_topics"], seed_tables["frames"], frame_ids=[r.frame for r in frame_rules()])
    # the topic led by "soldaten" is the one most tagged military by the dictionary
    soldier = one["topics"][one["topics"]["terms"].str.startswith("soldaten")]["topic"].iloc[0]
    assert cross["military"].idxmax() == soldier
