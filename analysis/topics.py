"""Unsupervised check on the dictionary frames: TF-IDF + NMF topics over sentences (scikit-learn).

Topics are found without any codebook; if they line up with the dictionary frames (cross-tab per
sentence), the frames are not only an artefact of the chosen terms. With a tiny corpus the topics are
unstable and partly reflect single articles, so read them as a plausibility check, not a finding.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .keywords import EXCLUDED_ROLES, content_tokens, stopwords


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
    """Fit NMF on TF-IDF of lower-cased content words per sentence.

    Returns {"topics": topic, label (top 3 terms), terms (top `n_terms`), "sentence_topics":
    article_id, sentence_id, topic (dominant; -1 if the sentence has no vocabulary), weight, share_of_weight}.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = stopwords()
    prose = sentences[~sentences["role"].isin(EXCLUDED_ROLES)].reset_index(drop=True)
    k = k or default_k(len(prose))
    vec = TfidfVectorizer(analyzer=lambda t: content_tokens(t, stop=stop), min_df=min_df, sublinear_tf=True)
    x = vec.fit_transform(prose["text"])
    k = max(1, min(k, x.shape[1], x.shape[0]))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    w = model.fit_transform(x)
    terms = np.array(vec.get_feature_names_out())
    topics = []
    for i, comp in enumerate(model.components_):
        top = terms[np.argsort(comp)[::-1][:n_terms]]
        topics.append({"topic": i, "label": f"T{i + 1}: " + ", ".join(top[:3]), "terms": ", ".join(top)})
    totals = w.sum(axis=1)
    dominant = np.where(totals > 0, w.argmax(axis=1), -1)
    rows = pd.DataFrame(
        {
            "article_id": prose["article_id"],
            "sentence_id": prose["sentence_id"],
            "topic": dominant,
            "weight": w.max(axis=1),
            "share_of_weight": np.divide(w.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0),
        }
    )
    return {"topics": pd.DataFrame(topics), "sentence_topics": rows}


def topic_shares(sentence_topics: pd.DataFrame, articles: pd.DataFrame, *, group: str = "outlet_label") -> pd.DataFrame:
    """Share of each group's sentences whose dominant topic is each topic (sentences without vocabulary excluded)."""
    st = sentence_topics[sentence_topics["topic"] >= 0].merge(articles[["article_id", group]], on="article_id")
    counts = st.groupby([group, "topic"]).size().rename("n").reset_index()
    counts["share"] = counts["n"] / counts.groupby(group)["n"].transform("sum")
    return counts


def topic_frame_crosstab(sentence_topics: pd.DataFrame, frames: pd.DataFrame, *, frame_ids: list[str] | None = None) -> pd.DataFrame:
    """Per topic x frame: share of the topic's sentences that the dictionary tags with the frame."""
    st = sentence_topics[sentence_topics["topic"] >= 0]
    tagged = frames.drop_duplicates(["article_id", "sentence_id", "frame"])
    merged = st.merge(tagged[["article_id", "sentence_id", "frame"]], on=["article_id", "sentence_id"], how="left")
    table = pd.crosstab(merged["topic"], merged["frame"]).reindex(columns=frame_ids, fill_value=0) if frame_ids else pd.crosstab(merged["topic"], merged["frame"])
    sizes = st.groupby("topic").size()
    return table.div(sizes, axis=0).fillna(0.0)


def textstat_topics(sentences: pd.DataFrame, *, articles: pd.DataFrame, frames: pd.DataFrame, group: str = "outlet_label") -> dict[str, pd.DataFrame]:
    """NMF topics (`topics`), each sentence's dominant topic (`sentence_topics`), topic shares per outlet
    (`topic_shares`) and the topic x frame cross-tab (`topic_frames`, long)."""
    empty = {"topics": pd.DataFrame(columns=["topic", "label", "terms"]),
             "sentence_topics": pd.DataFrame(columns=["article_id", "sentence_id", "topic", "weight", "share_of_weight"]),
             "topic_shares": pd.DataFrame(columns=[group, "topic", "n", "share"]),
             "topic_frames": pd.DataFrame(columns=["topic", "frame", "share"])}
    try:
        fitted = nmf_topics(sentences)
    except ValueError:  # too few sentences or words to fit topics
        return empty
    cross = topic_frame_crosstab(fitted["sentence_topics"], frames)
    long = cross.stack().rename("share").reset_index() if cross.size else empty["topic_frames"]
    long.columns = ["topic", "frame", "share"]
    return {**fitted, "topic_shares": topic_shares(fitted["sentence_topics"], articles, group=group), "topic_frames": long}
