"""Unsupervised check on the dictionary frames: TF-IDF + NMF topics over sentences (scikit-learn).

Topics are found without any codebook; if they line up with the dictionary frames (cross-tab per
sentence), the frames are not only an artefact of the chosen terms. With a tiny corpus the topics are
unstable and partly reflect single articles, so read them as a plausibility check, not a finding.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from . import config
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


def _tfidf(texts, *, min_df: int, tokens: list | None = None):
    """(terms, idf, matrix) of lower-cased content words, sublinear tf: scikit-learn's TfidfVectorizer(min_df=min_df,
    sublinear_tf=True) step for step with scipy alone (the same entries in the same stored order, so the same bits),
    as importing scikit-learn costs about a second. `tokens` are the texts' content words when known already."""
    from scipy import sparse

    if tokens is None:
        stop = stopwords()
        tokens = [content_tokens(t, stop=stop) for t in texts]
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    every = np.empty(int(lengths.sum()), dtype=object)
    every[:] = [word for doc in tokens for word in doc]
    ids, words = pd.factorize(every)  # CountVectorizer's vocabulary: ids in order of first occurrence
    if not len(words):
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    cells, counts = np.unique(np.repeat(np.arange(len(tokens), dtype=np.int64), lengths) * len(words) + ids, return_counts=True)
    indptr = np.zeros(len(tokens) + 1, dtype=np.int32)
    np.cumsum(np.bincount(cells // len(words), minlength=len(tokens)), out=indptr[1:])
    # the counts as CSR with each row's columns sorted (what `_count_vocab` ends with, after `sort_indices`)
    x = sparse.csr_matrix((counts.astype(np.float64), (cells % len(words)).astype(np.int32), indptr), shape=(len(tokens), len(words)))
    df = np.bincount(x.indices, minlength=x.shape[1])
    kept = np.flatnonzero((df <= 1.0 * x.shape[0]) & (df >= min_df))  # _limit_features (max_df=1.0, min_df)
    if not len(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    x = x[:, kept]
    words = np.asarray(words, dtype=object)[kept]
    rank = np.empty(len(kept), dtype=x.indices.dtype)  # _sort_features: columns in term order
    rank[np.argsort(words, kind="stable")] = np.arange(len(kept))
    x.indices = rank.take(x.indices, mode="clip")
    df = np.bincount(x.indices, minlength=x.shape[1]).astype(np.float64)  # TfidfTransformer.fit, smooth idf
    df += 1.0
    idf = np.full_like(df, fill_value=x.shape[0] + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(x.data, x.data)  # transform: sublinear tf, idf, rows of unit length
    x.data += 1.0
    x.data *= idf[x.indices]
    _normalise_rows(x)
    return np.sort(words), idf, x


def _sentence_tokens(text: pd.DataFrame, prepared: dict[str, list] | None) -> list | None:
    """The content words of each row of `text` from `prepared` (`keywords.prepare_keyness`: per article, per text
    sentence), or None when they do not line up with the rows."""
    if prepared is None:
        return None
    out: list = []
    ids = text["article_id"].tolist()
    start = 0
    while start < len(ids):
        end = start
        while end < len(ids) and ids[end] == ids[start]:
            end += 1
        words = prepared.get(str(ids[start]))
        if words is None or len(words) != end - start:
            return None
        out.extend(words)
        start = end
    return out


def _rows(text: pd.DataFrame, w: np.ndarray) -> pd.DataFrame:
    totals = w.sum(axis=1)
    rows = pd.DataFrame(
        {
            "article_id": text["article_id"].to_numpy(),
            "sentence_id": text["sentence_id"].to_numpy(),
            "topic": np.where(totals > 0, w.argmax(axis=1), -1) if len(w) else np.zeros(0, dtype=int),
            "weight": w.max(axis=1) if len(w) else np.zeros(0),
            "share_of_weight": np.divide(w.max(axis=1), totals, out=np.zeros_like(totals), where=totals > 0) if len(w) else np.zeros(0),
        }
    )
    return rows[SENTENCE_TOPIC_COLUMNS]


def nmf_topics(
    sentences: pd.DataFrame,
    *,
    k: int | None = None,
    random_state: int = 0,
    n_terms: int = 8,
    min_df: int = 2,
    model: dict | None = None,
    prepared: dict[str, list] | None = None,
    fitted: dict[str, np.ndarray] | None = None,
) -> dict[str, pd.DataFrame]:
    """Fit NMF on TF-IDF of lower-cased content words per sentence (credit lines left out).

    Returns {"topics": topic, label (top 3 terms), terms (top `n_terms`), "sentence_topics":
    article_id, sentence_id, topic (dominant; -1 if the sentence has no vocabulary), weight, share_of_weight}.
    Raises ValueError when the sentences share too few words to fit any topic. A dict passed as `model` receives
    the fitted model (terms, idf, components) so `assign_topics` can place new sentences later without a refit.
    `prepared` holds the sentences' content words per article (`keywords.prepare_keyness`, cached by the pipeline).
    `fitted` is `fit_arrays`' result for the same arguments when it was computed elsewhere (another process).
    """
    text = select_roles(sentences).reset_index(drop=True)
    if fitted is None:
        fitted = fit_arrays(sentences, k=k, random_state=random_state, min_df=min_df, prepared=prepared)
    w, components, terms = fitted["w"], fitted["components"], fitted["terms"]
    topics = []
    for i, comp in enumerate(components):
        top = terms[np.argsort(comp)[::-1][:n_terms]]
        topics.append({"topic": i, "label": f"T{i + 1}: " + ", ".join(top[:3]), "terms": ", ".join(top)})
    if model is not None:
        model.update(terms=terms, idf=fitted["idf"], components=components, random_state=random_state)
    return {"topics": pd.DataFrame(topics, columns=TOPIC_COLUMNS), "sentence_topics": _rows(text, w)}


def fit_arrays(sentences: pd.DataFrame, *, k: int | None = None, random_state: int = 0, min_df: int = 2,
               prepared: dict[str, list] | None = None) -> dict[str, np.ndarray]:
    """The fit behind `nmf_topics` as plain arrays: `w` (sentence x topic), `components`, `terms` (object array of
    str) and `idf`, so the fit can run in a second process and come back without pickling (`arrays_to_bytes`)."""
    text = select_roles(sentences).reset_index(drop=True)
    k = k or default_k(len(text))
    terms, idf, x = _tfidf(text["text"], min_df=min_df, tokens=_sentence_tokens(text, prepared))
    k = max(1, min(k, x.shape[1], x.shape[0]))
    w, components = nmf_fit(x, k, random_state=random_state)
    return {"w": w, "components": components, "terms": terms, "idf": idf}


def nmf_fit(x, k: int, *, random_state: int = 0, max_iter: int = 1000, tol: float = 1e-4) -> tuple[np.ndarray, np.ndarray]:
    """(W, components) of scikit-learn's NMF(n_components=k, init="nndsvda", random_state, max_iter).fit_transform on
    the CSR matrix `x`: its initialisation (`_nndsvda`) and coordinate descent (`_descent_pass`) step for step in
    numpy and scipy, so the numbers are the same to the last bit without importing scikit-learn (about a second).
    Sentences with the same row of `x` and the same start get the same row of W all along, so W's update runs once
    per distinct row (copied text is common in news)."""
    import warnings

    x.sum_duplicates()  # sorts each row's entries in place, as the fit's `X.min()` does, before anything is computed
    w, h = _nndsvda(x, k, random_state=random_state)
    w, ht = np.ascontiguousarray(w), np.ascontiguousarray(h.T)
    first, inverse, weights = _distinct_rows(x, w)
    x_first = x[first] if inverse is not None else x
    wt, htt = np.ascontiguousarray(w[first].T), np.ascontiguousarray(ht.T)  # a factor's columns as contiguous rows
    xt = x.T
    margin = 8.0 * (k * sum(x.shape) + 16) * np.finfo(np.float64).eps  # bounds the rounding of an unordered sum
    violation_init = None
    for n_iter in range(1, max_iter + 1):
        pass_w = _descent_pass(wt, np.dot(ht.T, ht), np.ascontiguousarray((x_first @ ht).T), weights=weights)
        w = np.ascontiguousarray(wt.T[inverse] if inverse is not None else wt.T)
        pass_h = _descent_pass(htt, np.dot(w.T, w), np.ascontiguousarray((xt @ w).T))
        ht = np.ascontiguousarray(htt.T)
        if violation_init is not None:  # the test on sums in any order, unless too close to call
            ratio = (pass_w[0] + pass_h[0]) / violation_init
            if ratio > tol * (1 + margin):
                continue
            if ratio < tol * (1 - margin):
                break
        violation = 0.0
        violation += _ordered_sum(pass_w[1], inverse)
        violation += _ordered_sum(pass_h[1], None)
        if violation_init is None:
            violation_init = violation
        if violation_init == 0 or violation / violation_init <= tol:
            break
    if n_iter == max_iter and tol > 0:
        warnings.warn(f"NMF: maximum number of iterations {max_iter} reached. Increase it to improve convergence.", RuntimeWarning)
    return w, ht.T


def _distinct_rows(x, w: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(first row of each group, each row's group, group sizes as floats) of the rows with the same entries of `x`
    (stored order included) and the same start `w`, groups in order of their first row; (all rows, None, None) when
    every row differs. Rows are grouped by a hash of their bits, then checked bit for bit against their group's first."""
    n = x.shape[0]
    lengths = np.diff(x.indptr).astype(np.int64)
    starts = x.indptr[:-1].astype(np.int64)
    offset = np.arange(len(x.indices), dtype=np.int64) - np.repeat(starts, lengths)
    with np.errstate(over="ignore"):
        mixed = ((x.indices.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
                 ^ x.data.view(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F) ^ (offset.astype(np.uint64) << np.uint64(40)))
        sums = np.add.reduceat(mixed, np.minimum(starts, max(len(mixed) - 1, 0))) if len(mixed) else np.zeros(n, dtype=np.uint64)
        sums = np.where(lengths > 0, sums, np.uint64(0))
        start_bits = np.ascontiguousarray(w).view(np.uint64)
        key = sums ^ (lengths.astype(np.uint64) * np.uint64(0x165667B19E3779F9))
        for t in range(start_bits.shape[1]):
            key = key * np.uint64(0x100000001B3) ^ start_bits[:, t]
    _, first, group = np.unique(key, return_index=True, return_inverse=True)
    if len(first) == n:
        return np.arange(n), None, None
    order = np.argsort(first, kind="stable")  # groups numbered in order of their first row
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group, first = rank[group.ravel()], first[order]
    same = first[group]
    entry_rep = np.repeat(starts[same], lengths) + offset
    exact = (np.array_equal(lengths, lengths[same]) and np.array_equal(start_bits, start_bits[same])
             and np.array_equal(x.indices, x.indices[entry_rep]) and np.array_equal(x.data.view(np.uint64), x.data.view(np.uint64)[entry_rep]))
    if not exact:  # a hash collision: no grouping (the fit is the same, only slower)
        return np.arange(n), None, None
    return first, group, np.bincount(group).astype(np.float64)


def _descent_pass(wt: np.ndarray, hht: np.ndarray, xht: np.ndarray, *, weights: np.ndarray | None = None
                  ) -> tuple[float, list[np.ndarray]]:
    """One pass of scikit-learn's coordinate descent over the factor `wt` (one row per component), in place, as its
    Cython loop (`_update_cdnmf_fast`) does element by element: the elements of a component are independent, so each
    component is updated at once, with the products added in the same order. Returns the violation summed in any
    order (each column counted `weights` times) and its parts, which `_ordered_sum` adds as the loop does."""
    k, n = wt.shape
    grad, product, zero = np.empty(n), np.empty(n), np.empty(n, dtype=bool)
    parts = []
    total = 0.0
    for t in range(k):
        np.negative(xht[t], out=grad)
        for r in range(k):
            np.multiply(wt[r], hht[t, r], out=product)
            grad += product
        column = wt[t]
        np.equal(column, 0.0, out=zero)
        projected = np.minimum(grad, 0.0, out=grad.copy(), where=zero)
        np.abs(projected, out=projected)
        parts.append(projected)
        total += float(projected.sum() if weights is None else np.dot(weights, projected))
        hess = hht[t, t]
        if hess != 0:
            np.divide(grad, hess, out=product)
            np.subtract(column, product, out=product)
            np.maximum(product, 0.0, out=column)
    return total, parts


def _ordered_sum(parts: list[np.ndarray], inverse: np.ndarray | None) -> float:
    """The violation as the Cython loop sums it: component after component, element after element."""
    every = np.concatenate([p[inverse] if inverse is not None else p for p in parts]) if parts else np.zeros(0)
    return float(np.cumsum(every)[-1]) if len(every) else 0.0


def _nndsvda(x, k: int, *, random_state: int, eps: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's NNDSVDa start (`_initialize_nmf`, init="nndsvda") from its randomized SVD (`_randomized_svd`)."""
    from math import sqrt

    u, s, v = _randomized_svd(x, k, random_state=random_state)
    w, h = np.zeros_like(u), np.zeros_like(v)
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    h[0, :] = np.sqrt(s[0]) * np.abs(v[0, :])
    for j in range(1, k):
        a, b = u[:, j], v[j, :]
        a_p, b_p = np.maximum(a, 0), np.maximum(b, 0)
        a_n, b_n = np.abs(np.minimum(a, 0)), np.abs(np.minimum(b, 0))
        a_p_nrm, b_p_nrm = sqrt(_squared_norm(a_p)), sqrt(_squared_norm(b_p))
        a_n_nrm, b_n_nrm = sqrt(_squared_norm(a_n)), sqrt(_squared_norm(b_n))
        m_p, m_n = a_p_nrm * b_p_nrm, a_n_nrm * b_n_nrm
        if m_p > m_n:
            left, right, sigma = a_p / a_p_nrm, b_p / b_p_nrm, m_p
        else:
            left, right, sigma = a_n / a_n_nrm, b_n / b_n_nrm, m_n
        lbd = np.sqrt(s[j] * sigma)
        w[:, j] = lbd * left
        h[j, :] = lbd * right
    w[w < eps] = 0
    h[h < eps] = 0
    avg = x.mean()
    w[w == 0] = avg
    h[h == 0] = avg
    return w, h


def _squared_norm(a: np.ndarray) -> float:
    a = np.ravel(a, order="K")
    return np.dot(a, a)


def _randomized_svd(m, k: int, *, random_state: int, n_oversamples: int = 10):
    """scikit-learn's `_randomized_svd` with its defaults (n_iter "auto", LU power iterations, transpose "auto", signs
    flipped by `svd_flip`) for a float64 sparse matrix."""
    from scipy import linalg

    rng = np.random.RandomState(random_state)
    n_random = k + n_oversamples
    n_samples, n_features = m.shape
    n_iter = 7 if k < 0.1 * min(m.shape) else 4
    transpose = n_samples < n_features
    if transpose:
        m = m.T
    q = rng.normal(size=(m.shape[1], n_random))  # _randomized_range_finder
    for _ in range(n_iter):
        q, _ = linalg.lu(m @ q, permute_l=True, check_finite=False)
        q, _ = linalg.lu(m.T @ q, permute_l=True, check_finite=False)
    q, _ = linalg.qr(m @ q, mode="economic", check_finite=False)
    b = q.T @ m
    uhat, s, vt = linalg.svd(b, full_matrices=False, lapack_driver="gesdd")
    del b
    u = q @ uhat
    if not transpose:  # svd_flip: the signs by u's columns, else (transposed) by vt's rows
        at = np.argmax(np.abs(u.T), axis=1) + np.arange(u.T.shape[0]) * u.T.shape[1]
        signs = np.sign(np.take(np.reshape(u.T, (-1,)), at, axis=0))
    else:
        at = np.argmax(np.abs(vt), axis=1) + np.arange(vt.shape[0]) * vt.shape[1]
        signs = np.sign(np.take(np.reshape(vt, (-1,)), at, axis=0))
    u *= signs[np.newaxis, :]
    vt *= signs[:, np.newaxis]
    if transpose:
        return vt[:k, :].T, s[:k], u[:, :k].T
    return u[:, :k], s[:k], vt[:k, :]


def arrays_to_bytes(fitted: dict[str, np.ndarray]) -> bytes:
    """`fit_arrays`' result as npz bytes without pickle: the terms as UTF-8 JSON (exact, whatever the characters)."""
    import io
    import json

    buffer = io.BytesIO()
    terms = np.frombuffer(json.dumps([str(t) for t in fitted["terms"]], ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez(buffer, w=fitted["w"], components=fitted["components"], idf=fitted["idf"], terms=terms)
    return buffer.getvalue()


def arrays_from_bytes(data: bytes) -> dict[str, np.ndarray]:
    """The inverse of `arrays_to_bytes` (np.load with allow_pickle=False)."""
    import io
    import json

    with np.load(io.BytesIO(data), allow_pickle=False) as saved:
        out = {name: saved[name] for name in ("w", "components", "idf")}
        terms = json.loads(saved["terms"].tobytes().decode("utf-8"))
    out["terms"] = np.array(terms, dtype=object)
    return out


def assign_topics(sentences: pd.DataFrame, *, terms: np.ndarray, idf: np.ndarray, components: np.ndarray,
                  random_state: int = 0) -> pd.DataFrame:
    """`sentence_topics` rows for `sentences` under a stored model (no refit): the TF-IDF of the fit (its vocabulary
    and idf; words outside it are ignored) and NMF's transform with the stored components (`nmf_transform`)."""
    text = select_roles(sentences).reset_index(drop=True)
    stop = stopwords()
    column = {t: j for j, t in enumerate(terms)}
    rows, cols, vals = [], [], []
    for i, sentence in enumerate(text["text"]):
        counts: dict[int, int] = {}
        for token in content_tokens(sentence, stop=stop):
            j = column.get(token)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        for j, c in sorted(counts.items()):
            rows.append(i)
            cols.append(j)
            vals.append((1 + np.log(c)) * idf[j])
    x = Rows(np.asarray(vals, dtype=float), np.asarray(cols, dtype=np.int32),
             np.r_[0, np.cumsum(np.bincount(np.asarray(rows, dtype=np.int64), minlength=len(text)))])
    _normalise_rows(x)
    w = nmf_transform(x, np.asarray(components, dtype=float)) if len(text) else np.zeros((0, len(components)))
    return _rows(text, w)


class Rows:
    """A sparse matrix in CSR arrays (`data`, `indices`, `indptr`; columns sorted in each row), times a dense matrix
    as scipy computes it (each row's products added in stored order), so placing a re-run's few sentences needs
    neither scipy (about 0.15 s to import) nor scikit-learn, and gives the same numbers."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> None:
        self.data, self.indices, self.indptr = data, indices, indptr

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        lengths = np.diff(self.indptr)
        out = np.zeros((len(lengths), dense.shape[1]))
        for k in range(int(lengths.max(initial=0))):
            rows = np.flatnonzero(lengths > k)
            at = self.indptr[rows] + k
            out[rows] += self.data[at][:, None] * dense[self.indices[at]]
        return out


def _normalise_rows(x) -> None:
    """Scale each row of a CSR matrix (or `Rows`) to unit length in place, summing squares in stored order as scikit-learn's
    `normalize` does, so the values are the same to the last bit."""
    lengths = np.diff(x.indptr)
    sums = np.zeros(len(lengths))
    for k in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > k)
        value = x.data[x.indptr[rows] + k]
        sums[rows] += value * value
    norms = np.sqrt(sums)
    scale = np.repeat(np.where(sums == 0.0, 1.0, norms), lengths)
    x.data /= scale


def nmf_transform(x, components: np.ndarray, *, max_iter: int = 1000, tol: float = 1e-4) -> np.ndarray:
    """W for `x` under fixed NMF `components`: scikit-learn's `NMF.transform` (coordinate descent from W = 0, no
    regularisation, components in order) in numpy, step for step, so a re-run need not import scikit-learn; the
    same operations in the same order give the same numbers."""
    ht = np.ascontiguousarray(components.T)
    hht = np.dot(ht.T, ht)
    xht = np.asarray(x @ ht)
    n, k = xht.shape
    w = np.zeros((n, k))
    violation_init = None
    for _ in range(max_iter):
        parts = []
        for t in range(k):
            grad = -xht[:, t]
            for r in range(k):
                grad = grad + hht[t, r] * w[:, r]
            parts.append(np.abs(np.where(w[:, t] == 0, np.where(0.0 < grad, 0.0, grad), grad)))
            hess = hht[t, t]
            if hess != 0:
                step = w[:, t] - grad / hess
                w[:, t] = np.where(step > 0.0, step, 0.0)
        violation = float(np.cumsum(np.concatenate(parts))[-1]) if n else 0.0  # summed in order, as the Cython loop
        if violation_init is None:
            violation_init = violation
        if violation_init == 0 or violation / violation_init <= tol:
            break
    return w


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


MEMO = "topics"


def _kept_fit(sentences: pd.DataFrame, memo) -> tuple[dict[str, pd.DataFrame], dict, set] | None:
    """The stored fit (tables, meta, the articles unchanged since) when few articles changed since
    (config.TOPICS_REFIT_SHARE) and the number of topics stays; None when a refit is due."""
    saved = memo.load(MEMO)
    if saved is None:
        return None
    tables, meta = saved
    old: dict[str, str] = meta.get("keys", {})
    stable = {a for a, key in memo.keys.items() if old.get(a) == key}
    changed = (len(memo.keys) - len(stable)) + (len(old) - len(stable))
    if changed > config.TOPICS_REFIT_SHARE * max(1, len(old)) or default_k(len(select_roles(sentences))) != meta.get("k_default"):
        return None
    return tables, meta, stable


def _memo_topics(sentences: pd.DataFrame, memo) -> dict[str, pd.DataFrame] | None:
    """Topics from the stored fit when it may be kept (`_kept_fit`): stable articles keep their rows, new or changed
    articles' sentences are placed by `assign_topics`. None when a refit is due."""
    kept_fit = _kept_fit(sentences, memo)
    if kept_fit is None:
        return None
    tables, meta, stable = kept_fit
    text = select_roles(sentences)
    model = tables["model"]
    components = model.drop(columns=["term", "idf"]).to_numpy(dtype=float).T.copy()
    fresh = sentences[~sentences["article_id"].isin(stable)]
    kept = tables["sentence_topics"]
    kept = kept[kept["article_id"].isin(stable)]
    new = assign_topics(fresh, terms=model["term"].to_numpy(dtype=object), idf=model["idf"].to_numpy(dtype=float),
                        components=components, random_state=int(meta.get("random_state", 0)))
    rows = text[["article_id", "sentence_id"]].merge(pd.concat([kept, new], ignore_index=True), on=["article_id", "sentence_id"], how="left")
    return {"topics": tables["topics"], "sentence_topics": rows[SENTENCE_TOPIC_COLUMNS].reset_index(drop=True)}


def _use_memo(memo) -> bool:
    return memo is not None and len(memo.keys) >= config.TOPICS_REFIT_BELOW


def background_fit(sentences: pd.DataFrame, *, memo=None, prepared: dict[str, list] | None = None) -> bytes:
    """The NMF fit `textstat_topics` will need, as `arrays_to_bytes` (b"" when the stored fit will serve): the part
    the pipeline may run in a second process while other stages run (it gets the bytes back as `background`)."""
    if _use_memo(memo) and _kept_fit(sentences, memo) is not None:
        return b""
    return arrays_to_bytes(fit_arrays(sentences, prepared=prepared))


def _save_topics(memo, sentences: pd.DataFrame, fitted: dict[str, pd.DataFrame], model: dict) -> None:
    table = pd.DataFrame(model["components"].T, columns=[f"c{i}" for i in range(len(model["components"]))])
    table.insert(0, "idf", model["idf"])
    table.insert(0, "term", model["terms"])
    meta = {"keys": memo.keys, "k_default": default_k(len(select_roles(sentences))), "random_state": model["random_state"]}
    memo.save(MEMO, {"topics": fitted["topics"], "sentence_topics": fitted["sentence_topics"], "model": table}, meta)


def textstat_topics(sentences: pd.DataFrame, *, articles: pd.DataFrame, frames: pd.DataFrame, by: str = "outlet_label",
                    memo=None, prepared: dict[str, list] | None = None,
                    background: Callable[[], bytes | None] | None = None) -> dict[str, pd.DataFrame]:
    """NMF topics (`topics`), each sentence's dominant topic (`sentence_topics`), topic shares per outlet or other
    unit (the articles' column `by`: `topic_shares`) and the topic x frame cross-tab over every codebook frame
    (`topic_frames`, long).

    A corpus whose sentences share too few words to fit topics gets the four tables empty. With the pipeline's
    `memo` and at least config.TOPICS_REFIT_BELOW articles, a re-run where at most config.TOPICS_REFIT_SHARE of the
    articles are new, changed or removed keeps the stored fit and places only the new sentences (documented
    approximation: a cold run would refit on all articles); otherwise topics are fitted anew. `background`, from the
    pipeline, returns `background_fit`'s bytes for the same arguments, computed in another process (None if that
    failed: the fit is then done here)."""
    use_memo = _use_memo(memo)
    fitted = _memo_topics(sentences, memo) if use_memo else None
    try:
        if fitted is None:
            model: dict = {}
            done = background() if background is not None else None
            arrays = arrays_from_bytes(done) if done else None
            fitted = nmf_topics(sentences, model=model, prepared=prepared, fitted=arrays)
            if use_memo:
                _save_topics(memo, sentences, fitted, model)
    except ValueError:  # too few sentences or shared words to fit topics
        return {"topics": pd.DataFrame(columns=TOPIC_COLUMNS), "sentence_topics": pd.DataFrame(columns=SENTENCE_TOPIC_COLUMNS),
                "topic_shares": pd.DataFrame(columns=[by, "topic", "n", "share"]), "topic_frames": pd.DataFrame(columns=TOPIC_FRAME_COLUMNS)}
    return {
        **fitted,
        "topic_shares": topic_shares(fitted["sentence_topics"], articles, by=by),
        "topic_frames": topic_frames(fitted["sentence_topics"], frames, frame_ids=frame_order()),
    }


textstat_topics.background = background_fit
