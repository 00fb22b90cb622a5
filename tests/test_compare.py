"""Unit comparisons with uncertainty: per-article measures, article-level bootstrap intervals, permutation tests,
Benjamini-Hochberg q-values, coverage over time.

Synthetic per-article tables with known structure stand in for an extract: a planted difference must be found, a
corpus without differences must give about 5 % false positives, 95 % intervals must cover the true share about 95 %
of the time.
"""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import compare

# --------------------------------------------------------------------------- helpers


def _articles(units: dict[str, int], by: str = "outlet_label") -> pd.DataFrame:
    """An articles table: `units` maps a unit to its number of articles (ids u0_0, u0_1, ...)."""
    rows = [{"article_id": f"{unit}_{i}", by: unit} for unit, n in units.items() for i in range(n)]
    return pd.DataFrame(rows)


def _share_measures(articles: pd.DataFrame, p_of: dict[str, float], rng, *, by="outlet_label", spread: float = 8.0,
                    measure="attributed_share", category="attributed") -> pd.DataFrame:
    """Per article: n sentences (10-30), a share drawn around the unit's p (Beta with concentration `spread`, so
    articles differ among themselves as real articles do), numerator ~ Binomial(n, article share)."""
    rows = []
    for aid, unit in zip(articles["article_id"], articles[by]):
        n = int(rng.integers(10, 31))
        p = p_of[unit]
        share = rng.beta(p * spread, (1 - p) * spread)
        rows.append({"article_id": aid, "measure": measure, "category": category, "numerator": int(rng.binomial(n, share)),
                     "denominator": n})
    return pd.DataFrame(rows, columns=compare.MEASURE_COLUMNS)


# --------------------------------------------------------------------------- per-article measures, hand-computed


@pytest.fixture
def tiny():
    """Two articles: A (headline, lead, body, credit line) and B (lead, body)."""
    sentences = pd.DataFrame([
        ("A", 1, "headline", 3), ("A", 2, "lead", 10), ("A", 3, "body", 5), ("A", 4, "credit", 2),
        ("B", 1, "lead", 4), ("B", 2, "body", 6),
    ], columns=["article_id", "sentence_id", "role", "n_words"])
    attributions = pd.DataFrame([
        ("A", 2, "lead", "NIS", "intelligence service", "indirect speech"),
        ("A", 2, "lead", "Yonhap", "news agency", "attribution"),
        ("A", 3, "body", "NIS", "intelligence service", "direct quote"),
        ("A", 4, "credit", "dpa", "news agency", "credit line"),
        ("B", 1, "lead", "Yonhap", "news agency", "attribution"),
    ], columns=["article_id", "sentence_id", "role", "institution", "source_type", "speech_type"])
    sentiment = pd.DataFrame([
        ("A", 1, "headline", "negative", "positive"), ("A", 2, "lead", "neutral", "positive"),
        ("A", 3, "body", "negative", "neutral"), ("A", 4, "credit", "positive", "positive"),
        ("B", 1, "lead", "positive", "negative"), ("B", 2, "body", None, "negative"),
    ], columns=["article_id", "sentence_id", "role", "tone", "textblob_label"])
    frames = pd.DataFrame([
        ("A", 1, "headline", "conflict"), ("A", 2, "lead", "conflict"), ("A", 2, "lead", "conflict"),
        ("A", 4, "credit", "military"), ("B", 2, "body", "military"),
    ], columns=["article_id", "sentence_id", "role", "frame"])
    hedging = pd.DataFrame([
        ("A", 2, "lead", "hedge"), ("A", 3, "body", "hedge"), ("A", 3, "body", "certainty"), ("A", 4, "credit", "hedge"),
    ], columns=["article_id", "sentence_id", "role", "kind"])
    return {"sentences": sentences, "attributions": attributions, "sentiment": sentiment, "frames": frames, "hedging": hedging}


def _value(m: pd.DataFrame, measure: str, aid: str, category: str) -> tuple[int, int]:
    row = m[(m["measure"] == measure) & (m["article_id"] == aid) & (m["category"] == category)]
    assert len(row) == 1, (measure, aid, category, row)
    return int(row["numerator"].iloc[0]), int(row["denominator"].iloc[0])


def test_article_measures_by_hand(tiny):
    m = compare.article_measures(tiny["sentences"], **{k: v for k, v in tiny.items() if k != "sentences"})
    assert list(m.columns) == ["article_id", "measure", "category", "numerator", "denominator"]
    # reliance: citations (credit line left out) of each institution / the article's citations; cited ones only
    assert _value(m, "reliance", "A", "NIS") == (2, 3)
    assert _value(m, "reliance", "A", "Yonhap") == (1, 3)
    assert _value(m, "reliance", "B", "Yonhap") == (1, 1)
    assert not ((m["measure"] == "reliance") & (m["category"] == "dpa")).any()
    assert not ((m["measure"] == "reliance") & (m["article_id"] == "B") & (m["category"] == "NIS")).any()
    # source types: every type for every citing article
    assert _value(m, "source_types", "A", "intelligence service") == (2, 3)
    assert _value(m, "source_types", "B", "intelligence service") == (0, 1)
    # attributed share of prose sentences (lead, body): A 2 of 2, B 1 of 2
    assert _value(m, "attributed_share", "A", "attributed") == (2, 2)
    assert _value(m, "attributed_share", "B", "attributed") == (1, 2)
    # tone: text sentences (credit line out) with a label
    assert _value(m, "tone_shares", "A", "negative") == (2, 3)
    assert _value(m, "tone_shares", "A", "positive") == (0, 3)
    assert _value(m, "tone_shares", "B", "positive") == (1, 1)
    # frames: distinct text sentences showing the frame / text sentences
    assert _value(m, "frame_shares", "A", "conflict") == (2, 3)
    assert _value(m, "frame_shares", "A", "military") == (0, 3)
    assert _value(m, "frame_shares", "B", "military") == (1, 2)
    # hedging: markers in the text / its words (3 + 10 + 5 for A)
    assert _value(m, "hedging_rates", "A", "hedge") == (2, 18)
    assert _value(m, "hedging_rates", "A", "certainty") == (1, 18)
    assert _value(m, "hedging_rates", "B", "hedge") == (0, 10)


def test_tone_label_is_a_parameter(tiny):
    m = compare.article_measures(tiny["sentences"], **{k: v for k, v in tiny.items() if k != "sentences"},
                                 tone_label="textblob_label")
    assert _value(m, "tone_shares", "A", "positive") == (2, 3)
    assert _value(m, "tone_shares", "B", "negative") == (2, 2)


def test_unit_tables_by_any_column(tiny):
    articles = pd.DataFrame({"article_id": ["A", "B"], "outlet_label": ["X", "Y"], "outlet_type": ["daily", "daily"]})
    out = compare.textstat_comparisons(tiny["sentences"], articles=articles, attributions=tiny["attributions"],
                                       sentiment=tiny["sentiment"], frames=tiny["frames"], hedging=tiny["hedging"],
                                       by="outlet_type", n_boot=50, n_perm=50)
    rel = out["reliance"].set_index("institution")
    assert list(out["reliance"].columns) == ["outlet_type", "institution", "n_citations", "citations", "n_articles", "share", "ci_low", "ci_high"]
    # pooled over both articles: NIS 2 of 4 citations, Yonhap 2 of 4
    assert rel.loc["NIS", "share"] == pytest.approx(0.5) and rel.loc["Yonhap", "n_citations"] == 2
    att = out["attributed_share"].iloc[0]
    assert (att["n_attributed"], att["sentences"], att["n_articles"]) == (3, 4, 2)
    hedge = out["hedging_rates"].set_index("kind").loc["hedge"]
    assert hedge["per_1000_words"] == pytest.approx(1000 * 2 / 28)
    # one unit: nothing to compare
    assert out["outlet_differences"].empty


# --------------------------------------------------------------------------- intervals and tests, hand-computed


def test_two_article_interval_is_the_percentiles_of_the_three_resamples():
    """Articles 1/4 and 3/4: a resample holds both (ratio 0.5, prob. 1/2), or one twice (0.25 or 0.75, 1/4 each),
    so the 2.5 % and 97.5 % percentiles are 0.25 and 0.75; a one-article unit gets no interval."""
    articles = _articles({"X": 2, "Y": 1})
    measures = pd.DataFrame([("X_0", "attributed_share", "attributed", 1, 4), ("X_1", "attributed_share", "attributed", 3, 4),
                             ("Y_0", "attributed_share", "attributed", 2, 5)], columns=compare.MEASURE_COLUMNS)
    out = compare.unit_comparisons(measures, articles, n_boot=2000, n_perm=100)
    t = out["attributed_share"].set_index("outlet_label")
    assert t.loc["X", "share"] == pytest.approx(0.5)
    assert (t.loc["X", "ci_low"], t.loc["X", "ci_high"]) == (pytest.approx(0.25), pytest.approx(0.75))
    assert t.loc["Y", "n_articles"] == 1 and np.isnan(t.loc["Y", "ci_low"]) and np.isnan(t.loc["Y", "ci_high"])
    assert out["outlet_differences"].empty  # Y has one article


def test_exact_permutation_p_for_two_against_two():
    """a = 1/2, 1/2 against b = 0/2, 0/2: of the 6 ways to split four articles 2 + 2, only the observed split and
    its mirror give |difference| >= 0.5, so p = 2/6."""
    p = compare.permutation_pvalues(np.array([[1.0], [1.0], [0.0], [0.0]]), np.array([2.0, 2.0, 2.0, 2.0]), 2, n_perm=100,
                                    rng=np.random.default_rng(0))
    assert p[0] == pytest.approx(2 / 6)


def test_bh_qvalues_by_hand():
    # sorted p: .005 .01 .03 .04 .5 -> p*m/rank: .025 .025 .05 .05 .5 -> running minimum from the largest
    q = compare.bh_qvalues([0.01, 0.04, 0.03, 0.005, 0.5, np.nan])
    np.testing.assert_allclose(q[:5], [0.025, 0.05, 0.05, 0.025, 0.5])
    assert np.isnan(q[5])
    from scipy.stats import false_discovery_control

    p = np.random.default_rng(3).uniform(size=40) ** 2
    np.testing.assert_allclose(compare.bh_qvalues(p), false_discovery_control(p))


def test_effect_sizes_by_hand():
    assert compare.cohens_h(0.5, 0.2) == pytest.approx(2 * math.asin(math.sqrt(0.5)) - 2 * math.asin(math.sqrt(0.2)))
    assert compare.cohens_h(0.5, 0.2) == pytest.approx(0.6435, abs=1e-4)
    # a = 1, 3 (var 2); b = 2, 4, 6 (var 4); pooled var (1*2 + 2*4) / 3 = 10/3; d = (2 - 4) / sqrt(10/3)
    d = compare.standardised_difference(np.array([[1.0], [3.0]]), np.array([[2.0], [4.0], [6.0]]))
    assert d[0] == pytest.approx(-2 / math.sqrt(10 / 3))
    assert compare.standardised_difference(np.array([[1.0]]), np.array([[3.0]]), spread=np.array([4.0]))[0] == pytest.approx(-0.5)


# --------------------------------------------------------------------------- statistical properties


def test_planted_difference_is_found_and_a_null_category_is_not():
    rng = np.random.default_rng(1)
    articles = _articles({"taz": 30, "Bild": 30})
    planted = _share_measures(articles, {"taz": 0.3, "Bild": 0.6}, rng)
    null = _share_measures(articles, {"taz": 0.2, "Bild": 0.2}, rng, measure="tone_shares", category="negative")
    out = compare.unit_comparisons(pd.concat([planted, null]), articles, n_boot=500, n_perm=500)
    d = out["outlet_differences"].set_index("measure")
    row = d.loc["attributed_share"]
    assert (row["unit_a"], row["unit_b"]) == ("taz", "Bild")
    assert row["q_value"] < 0.05
    assert row["difference"] == pytest.approx(-0.3, abs=0.12)
    assert row["ci_low"] < row["difference"] < row["ci_high"] < 0  # the interval excludes no difference
    assert row["effect_size"] < -0.4  # Cohen's h of 0.3 vs 0.6 is -0.61
    assert d.loc["tone_shares", "q_value"] > 0.05


def test_about_five_percent_false_positives_without_differences():
    """Both units drawn alike (articles differ among themselves): p < 0.05 in about 5 % of 200 corpora."""
    rng = np.random.default_rng(2)
    articles = _articles({"A": 12, "B": 12})
    hits = 0
    for _ in range(200):
        measures = _share_measures(articles, {"A": 0.4, "B": 0.4}, rng, spread=4.0)
        d = compare.unit_comparisons(measures, articles, n_boot=10, n_perm=200)["outlet_differences"]
        hits += int(d["p_value"].iloc[0] < 0.05)
    assert 0.02 <= hits / 200 <= 0.09


def test_intervals_cover_the_true_share_about_95_percent():
    """One unit of 30 articles whose shares scatter around 0.4: the 95 % interval covers 0.4 in 90-98 % of 300 draws."""
    rng = np.random.default_rng(4)
    articles = _articles({"A": 30})
    covered = 0
    for i in range(300):
        measures = _share_measures(articles, {"A": 0.4}, rng, spread=6.0)
        t = compare.unit_comparisons(measures, articles, n_boot=300, n_perm=10, seed=i)["attributed_share"].iloc[0]
        covered += int(t["ci_low"] <= 0.4 <= t["ci_high"])
    assert 0.90 <= covered / 300 <= 0.98


# --------------------------------------------------------------------------- which pairs and categories are tested


def test_only_units_with_two_articles_and_categories_in_two_articles_are_tested():
    articles = _articles({"A": 2, "B": 3, "C": 1})
    rows = [("A_0", "NIS", 1, 4), ("A_1", "NIS", 2, 4), ("B_0", "NIS", 0, 5), ("B_0", "Yonhap", 5, 5),
            ("B_1", "Yonhap", 3, 3), ("B_2", "Yonhap", 2, 2), ("C_0", "NIS", 3, 3), ("A_0", "ISW", 3, 4)]
    measures = pd.DataFrame([(a, "reliance", c, n, d) for a, c, n, d in rows], columns=compare.MEASURE_COLUMNS)
    measures = measures[measures["numerator"] > 0]
    d = compare.unit_comparisons(measures, articles, n_boot=50, n_perm=50)["outlet_differences"]
    assert set(zip(d["unit_a"], d["unit_b"])) == {("A", "B")}  # C has one article
    assert set(d["category"]) == {"NIS", "Yonhap"}  # ISW is cited in one article only
    nis = d.set_index("category").loc["NIS"]
    # A: 3 of 8 citations; B: 0 of 10
    assert (nis["value_a"], nis["value_b"], nis["difference"]) == (pytest.approx(3 / 8), 0.0, pytest.approx(3 / 8))
    assert (nis["n_a"], nis["n_b"]) == (2, 3)


def test_seed_reliance_and_attributed_share_agree_with_sourcing(seed_tables):
    from analysis import sourcing
    from analysis.corpus import with_units

    t = seed_tables
    articles = with_units(t["articles"], "outlet")
    out = compare.textstat_comparisons(t["sentences"], articles=articles, attributions=t["attributions"], sentiment=t["sentiment"],
                                       frames=t["frames"], hedging=t["hedging"], n_boot=20, n_perm=20)
    ours = out["reliance"].set_index(["outlet_label", "institution"])["share"].sort_index()
    theirs = sourcing.reliance(t["attributions"], articles).set_index(["outlet_label", "institution"])["share"].sort_index()
    pd.testing.assert_series_equal(ours, theirs, check_names=False)
    att = out["attributed_share"].set_index("outlet_label")["share"]
    ref = sourcing.attributed_share(t["sentences"], t["attributions"], articles).set_index("outlet_label")["attributed_share"]
    pd.testing.assert_series_equal(att.sort_index(), ref.sort_index(), check_names=False)
    assert out["attributed_share"]["n_articles"].eq(1).all() and out["attributed_share"]["ci_low"].isna().all()
    assert out["outlet_differences"].empty  # five outlets, one article each


# --------------------------------------------------------------------------- coverage over time


def test_weeks_within_three_months_else_months():
    daily = pd.DataFrame({"article_id": ["a", "b", "c"], "date": ["2024-10-01", "2024-10-08", "2024-11-20"]})
    buckets, kind = compare.date_buckets(daily)
    assert kind == "week" and buckets["period"].tolist() == ["2024-09-30", "2024-10-07", "2024-11-18"]  # Mondays
    assert compare.months_spanned(daily) == 2
    mixed = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "date": ["2024-10-01", "2024-11", "2024", ""]})
    buckets, kind = compare.date_buckets(mixed)
    assert kind == "month" and buckets["period"].tolist() == ["2024-10", "2024-11"]  # year-only and undated left out
    long = pd.DataFrame({"article_id": ["a", "b"], "date": ["2024-01-05", "2024-06-30"]})
    assert compare.date_buckets(long)[1] == "month" and compare.months_spanned(long) == 6
    assert compare.months_spanned(pd.DataFrame({"article_id": ["a"], "date": ["2024-10"]})) == 1


def test_coverage_counts_articles_citations_and_tone_per_period():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["X", "X", "Y"], "date": ["2024-10", "2024-10", "2024-12"]})
    attributions = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "source_type": ["news agency", "think tank", "news agency", "news agency"],
                                 "speech_type": ["attribution", "attribution", "credit line", "direct quote"]})
    sentiment = pd.DataFrame({"article_id": ["a", "b", "b", "c"], "role": ["body", "body", "credit", "lead"],
                              "tone": ["negative", "neutral", "negative", "positive"]})
    cov = compare.coverage_over_time(articles, attributions=attributions, sentiment=sentiment).set_index(["outlet_label", "period", "measure", "category"])
    assert cov.loc[("X", "2024-10", "articles", ""), "n"] == 2
    assert cov.loc[("Y", "2024-12", "articles", ""), "n"] == 1
    assert cov.loc[("X", "2024-10", "citations", "news agency"), "share"] == pytest.approx(0.5)  # credit line left out
    assert cov.loc[("X", "2024-10", "tone", "negative"), "n"] == 1  # the credit line's label left out
    assert set(cov["bucket"]) == {"month"}


def test_coverage_of_a_corpus_that_cites_nobody():
    # an article citing no one leaves an empty attributions table with float columns; the join must still work
    articles = pd.DataFrame({"article_id": ["a"], "outlet_label": ["X"], "date": ["2024-10"]})
    attributions = pd.DataFrame({"article_id": pd.Series(dtype=float), "source_type": pd.Series(dtype=float),
                                 "speech_type": pd.Series(dtype=float)})
    sentiment = pd.DataFrame({"article_id": ["a"], "role": ["body"], "tone": ["neutral"]})
    cov = compare.coverage_over_time(articles, attributions=attributions, sentiment=sentiment)
    assert cov.query("measure == 'articles'")["n"].tolist() == [1]
    assert cov.query("measure == 'citations'").empty


def test_description_shown_in_a_notebook_escapes_corpus_strings():
    from analysis.notebook import markdown

    articles = _articles({"<b>Bild</b>": 1, "taz": 2})
    text = markdown(compare.describe_comparisons(pd.DataFrame(columns=compare.DIFFERENCE_COLUMNS), articles)).data
    assert "&lt;b&gt;Bild&lt;/b&gt;" in text and "<b>" not in text
    assert "1 outlet with a single article is described" in text


def test_difference_report_scales_shares_to_percent_and_keeps_rates():
    rows = [
        {"measure": "hedging_rates", "category": "hedge", "unit_a": "taz", "unit_b": "Bild", "difference": 4.26, "ci_low": 1.0,
         "ci_high": 7.0, "effect_size": 1.234, "p_value": 0.001, "q_value": 0.01, "n_a": 5, "n_b": 6, "value_a": 10.0, "value_b": 5.74},
        {"measure": "tone_shares", "category": "negative", "unit_a": "taz", "unit_b": "Bild", "difference": -0.125, "ci_low": -0.2,
         "ci_high": -0.05, "effect_size": -0.3, "p_value": 0.2, "q_value": 0.4, "n_a": 5, "n_b": 6, "value_a": 0.25, "value_b": 0.375},
    ]
    report = compare.difference_report(pd.DataFrame(rows, columns=compare.DIFFERENCE_COLUMNS)).set_index("measure")
    assert report.loc["hedging", ["first_value", "second_value", "difference", "scale", "articles"]].tolist() == [10.0, 5.7, 4.3, "per 1,000 words", "5 vs 6"]
    assert report.loc["tone", ["first_value", "second_value", "difference", "ci_low", "ci_high", "scale"]].tolist() == [25.0, 37.5, -12.5, -20.0, -5.0, "%"]


def test_resampling_weights_count_the_draws_of_n_articles_for_small_and_large_units():
    from analysis.compare import DRAW_BLOCK_BYTES, resample_weights

    for n in (3, 261, DRAW_BLOCK_BYTES // 4 + 5):  # one block, blocks of several rows, a block per row
        draws = np.random.default_rng(8).integers(0, n, size=(40, n))  # the draws as int64, all at once, counted here
        expected = np.stack([np.bincount(row, minlength=n) for row in draws]).astype(np.float32)
        assert (resample_weights(n, 40, np.random.default_rng(8)) == expected).all()


def test_resampling_weights_are_counts_of_n_draws_and_a_units_draws_ignore_other_units():
    from analysis.compare import Resamples, resample_weights

    weights = resample_weights(7, 20_000, np.random.default_rng(3))
    assert weights.shape == (20_000, 7) and (weights.sum(axis=1) == 7).all() and weights.min() >= 0
    assert 0.95 < weights.mean(axis=0).min() <= weights.mean(axis=0).max() < 1.05  # each article drawn once on average
    assert 0.8 < weights.var(axis=0).min() <= weights.var(axis=0).max() < 0.9  # binomial(7, 1/7): variance 6/7
    alone, crowded = Resamples(5, 200), Resamples(5, 200)
    crowded.get("taz", 3), crowded.get("Bild", 4)
    assert (alone.get("Bild", 4) == crowded.get("Bild", 4)).all()
    assert not (alone.get("Bild", 4) == alone.get("taz", 4)).all()


# --------------------------------------------------------------------------- article measures kept between runs


def _corpus_tables(n: int, rng) -> dict[str, pd.DataFrame]:
    """Per-article tables of `n` synthetic articles (ids a000, a001, ...): random roles, institutions (some cited
    by one article only), source types, tone labels, frames and hedges."""
    sentences, attributions, sentiment, frames, hedging = [], [], [], [], []
    roles = ["headline", "lead", "body", "body", "body", "credit"]
    for k in range(n):
        aid = f"a{k:03d}"
        for s in range(1, int(rng.integers(1, 9))):
            role = roles[int(rng.integers(len(roles)))]
            sentences.append((aid, s, role, int(rng.integers(0, 30))))
            sentiment.append((aid, s, role, ["negative", "neutral", "positive", "mixed", None][int(rng.integers(5))]))
            for _ in range(int(rng.integers(0, 3))):
                inst = f"inst{int(rng.integers(12))}" if rng.random() < 0.9 else f"only-{aid}"
                attributions.append((aid, s, role, inst, ["agency", "government", "expert", "zz-other"][int(rng.integers(4))],
                                     "credit line" if role == "credit" else "attribution"))
            for _ in range(int(rng.integers(0, 3))):
                frames.append((aid, s, role, ["conflict", "military", "economic", "x-frame"][int(rng.integers(4))]))
            if rng.random() < 0.4:
                hedging.append((aid, s, role, ["hedge", "certainty"][int(rng.integers(2))]))
    return {"sentences": pd.DataFrame(sentences, columns=["article_id", "sentence_id", "role", "n_words"]),
            "attributions": pd.DataFrame(attributions, columns=["article_id", "sentence_id", "role", "institution", "source_type", "speech_type"]),
            "sentiment": pd.DataFrame(sentiment, columns=["article_id", "sentence_id", "role", "tone"]),
            "frames": pd.DataFrame(frames, columns=["article_id", "sentence_id", "role", "frame"]),
            "hedging": pd.DataFrame(hedging, columns=["article_id", "sentence_id", "role", "kind"])}


def _measures(tables: dict[str, pd.DataFrame], memo=None) -> pd.DataFrame:
    return compare.article_measures(tables["sentences"], **{k: v for k, v in tables.items() if k != "sentences"}, memo=memo)


def test_article_measures_from_stored_counts_equal_a_full_computation(tmp_path):
    """The counts of unchanged articles come from the memo, the others are counted: after adding, changing and removing
    articles (below and above the share that rewrites the stored counts) the table equals one computed from scratch."""
    from analysis import store

    rng = np.random.default_rng(3)
    full = _corpus_tables(80, rng)
    extra = {k: t.assign(article_id=t["article_id"].str.replace("a", "b")) for k, t in _corpus_tables(3, rng).items()}
    changed = _corpus_tables(1, np.random.default_rng(99))  # new rows for a000 (its tables changed)

    def corpus(ids: list[str], *, change: bool = False) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
        tables = {k: pd.concat([full[k], extra[k]], ignore_index=True) for k in full}
        tables = {k: t[t["article_id"].isin(ids)].reset_index(drop=True) for k, t in tables.items()}
        if change:
            tables = {k: pd.concat([t[t["article_id"] != "a000"], changed[k]], ignore_index=True) for k, t in tables.items()}
        return tables, {a: f"key-{a}" + ("-changed" if change and a == "a000" else "") for a in ids}

    folder = tmp_path / "corpus"
    base = [f"a{k:03d}" for k in range(80)]
    # an addition, a change, a removal (each leaving the stored counts as they are), then many changes: stored anew
    steps = [(base, False), (base + ["b000"], False), (base + ["b000", "b001"], True),
             ([a for a in base if a != "a005"] + ["b000"], False), (base[:60] + ["b000", "b001", "b002"], True)]
    written = []
    for ids, change in steps:
        tables, keys = corpus(ids, change=change)
        memo = store.Memo(folder, keys=keys)
        before = (folder / "comparisons" / "meta.json").stat().st_mtime_ns if (folder / "comparisons" / "meta.json").exists() else None
        got = _measures(tables, memo)
        written.append(before != (folder / "comparisons" / "meta.json").stat().st_mtime_ns)
        want = _measures(tables)
        pd.testing.assert_frame_equal(got, want)
        assert got.to_csv(index=False) == want.to_csv(index=False)
    assert written == [True, False, False, False, True]
    # a memo of other parameters or unreadable counts is not used
    memo = store.Memo(folder, keys=keys)
    got = compare.article_measures(tables["sentences"], **{k: v for k, v in tables.items() if k != "sentences"},
                                   tone_label="tone", memo=memo)
    pd.testing.assert_frame_equal(got, want)
    (folder / "comparisons" / "counts.parquet").write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(_measures(tables, store.Memo(folder, keys=keys)), want)
