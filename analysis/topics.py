"""Unsupervised check on the dictionary frames: TF-IDF + NMF topics over sentences (scikit-learn).

Topics are found without any codebook; if they line up with the dictionary frames (cross-tab per
sentence), the frames are not only an artefact of the chosen terms. With a tiny corpus the topics are
unstable and partly reflect single articles, so read them as a plausibility check, not a finding.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .corpus import select_roles, with_outlet
from .framing import frame_order
from .keywords import content_tokens, stopwords

TOPIC_COLUMNS = ["topic", "label", "terms"]
SENTENCE_TOPIC_COLUMNS = ["article_id", "sentence_id", "topic", "weight", "share_of_weight"]
TOPIC_FRAME_COLUMNS = ["topic", "frame", "n", "sentences", "share"]


def default_k(n_sentences: int) -> int:
    """Number of topics: about sqrt(n/8), between 2 and 8 (4 for the ~125 seed sentences: each topic
    then rests on ~30 sentences; more topics on this corpus split single articles)."""
    return int(min(8, max(2, round(math.sqrt(n_sentences / 8)))))


def nmf_topics(
    sentences: pd.DataFrame,
    *,
    k: int | None = None,
    random_state: int = 0,
    n_terms: int = 8,
    min_df: int = 2,
) -> dict[str, pd.DataFrame]:
    """Fit NMF on TF-IDF of lower-cased content words per sentence (credit lines left out).

    Returns {"topics": topic, label (top 3 terms), terms (top `n_terms`), "sentence_topics":
    article_id, sentence_id, topic (dominant; -1 if the sentence has no vocabulary), weight, share_of_weight}.
    Raises ValueError when the sentences share too few words to fit any topic.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = stopwords()
    text = select_roles(sentences).reset_index(drop=True)
    k = k or default_k(len(text))
    vec = TfidfVectorizer(analyzer=lambda t: content_tokens(t, stop=stop), min_df=min_df, sublinear_tf=True)
    x = vec.fit_transform(text["text"])
    k = max(1, min(k, x.shape[1], x.shape[0]))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    w = model.fit_transform(x)
    terms = np.array(vec.get_feature_names_out())
    topics = []
    for i, comp in enumerate(model.components_):
        top = terms[np.argsort(comp)[::-1][:n_terms]]
        topics.append({"topic": i, "label": f"T{i + 1}: " + ", ".join(top[:3]), "terms": ", ".join(top)})
    totals = w.sum(axis=1)
    rows = pd.DataFrame(
        {
            "article_id": text["article_id"],
            "sentence_id": text["sentence_id"],
            "topic": np.where(totals > 0, w.argmax(axis=1), -1),
            "weight": w.max(axis=1),
            "share_of_weight": np.divide(w.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0),
        }
    )
    return {"topics": pd.DataFrame(topics, columns=TOPIC_COLUMNS), "sentence_topics": rows[SENTENCE_TOPIC_COLUMNS]}


def topic_shares(sentence_topics: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """Per unit (outlet, or the articles' column `by`) x topic: sentences whose dominant topic it is (`n`) and their
    share of the unit's sentences with a topic (sentences without vocabulary, topic -1, are left out). Topics a unit
    never has get no row."""
    st = with_outlet(sentence_topics[sentence_topics["topic"] >= 0], articles, by=by)
    counts = st.groupby([by, "topic"]).size().rename("n").reset_index()
    counts["share"] = counts["n"] / counts.groupby(by)["n"].transform("sum")
    return counts[[by, "topic", "n", "share"]]


def topic_frames(sentence_topics: pd.DataFrame, frames: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Per topic x frame (long): the topic's sentences the dictionary tags with the frame (`n`), the topic's
    sentences (`sentences`) and their ratio (`share`). Frames in `frame_ids` order (all of them, zeros included);
    without `frame_ids`, the frames that occur."""
    st = sentence_topics[sentence_topics["topic"] >= 0]
    tagged = frames.drop_duplicates(["article_id", "sentence_id", "frame"])[["article_id", "sentence_id", "frame"]]
    hits = st.merge(tagged, on=["article_id", "sentence_id"])
    ids = list(frame_ids) if frame_ids else sorted(set(hits["frame"]))
    n = hits.groupby(["topic", "frame"]).size()
    sizes = st.groupby("topic").size()
    rows = [
        {"topic": t, "frame": f, "n": int(n.get((t, f), 0)), "sentences": int(size), "share": n.get((t, f), 0) / size}
        for t, size in sizes.items() for f in ids
    ]
    return pd.DataFrame(rows, columns=TOPIC_FRAME_COLUMNS)


def topic_frame_table(topic_frames: pd.DataFrame, topics: pd.DataFrame, *, frame_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The topic x frame cross-tab as a wide table in per cent: one row per topic (named by its label), one
    column per frame (named by `frame_labels`), in the order of the long table."""
    wide = topic_frames.pivot(index="topic", columns="frame", values="share")
    wide = wide.reindex(columns=list(dict.fromkeys(topic_frames["frame"]))) * 100
    wide.index = wide.index.map(dict(zip(topics["topic"], topics["label"])))
    wide.index.name = "topic"
    return wide.rename(columns=frame_labels or {}).reset_index()


def textstat_topics(sentences: pd.DataFrame, *, articles: pd.DataFrame, frames: pd.DataFrame, by: str = "outlet_label") -> dict[str, pd.DataFrame]:
    """NMF topics (`topics`), each sentence's dominant topic (`sentence_topics`), topic shares per outlet or other
    unit (the articles' column `by`: `topic_shares`) and the topic x frame cross-tab over every codebook frame
    (`topic_frames`, long).

    A corpus whose sentences share too few words to fit topics gets the four tables empty."""
    try:
        fitted = nmf_topics(sentences)
    except ValueError:  # too few sentences or shared words to fit topics
        return {"topics": pd.DataFrame(columns=TOPIC_COLUMNS), "sentence_topics": pd.DataFrame(columns=SENTENCE_TOPIC_COLUMNS),
                "topic_shares": pd.DataFrame(columns=[by, "topic", "n", "share"]), "topic_frames": pd.DataFrame(columns=TOPIC_FRAME_COLUMNS)}
    return {
        **fitted,
        "topic_shares": topic_shares(fitted["sentence_topics"], articles, by=by),
        "topic_frames": topic_frames(fitted["sentence_topics"], frames, frame_ids=frame_order()),
    }
