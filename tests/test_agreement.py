import math

import pandas as pd
import pytest

from analysis.agreement import accuracy, confusion, krippendorff_alpha, macro_f1, per_label_prf, prf


def test_prf_on_sets():
    r = prf({("a", "HUR"), ("a", "ISW"), ("b", "NIS")}, {("a", "HUR"), ("b", "NIS"), ("b", "Yonhap")})
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 1)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(2 / 3) and r["f1"] == pytest.approx(2 / 3)


def test_per_label_and_macro_f1():
    gold = ["neg", "neg", "neu", "pos"]
    pred = ["neg", "neu", "neu", "neu"]
    table = per_label_prf(gold, pred, labels=["neg", "neu", "pos"]).set_index("label")
    assert table.loc["neg", "precision"] == 1.0 and table.loc["neg", "recall"] == 0.5
    assert table.loc["pos", "f1"] == 0.0
    assert macro_f1(gold, pred, labels=["neg", "neu", "pos"]) == pytest.approx((2 / 3 + 0.5 + 0) / 3)
    assert accuracy(gold, pred) == 0.5
    assert confusion(gold, pred, labels=["neg", "neu", "pos"]).loc["neg", "neu"] == 1


def test_krippendorff_alpha_nominal():
    assert krippendorff_alpha(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == pytest.approx(1.0)
    # Krippendorff (2011) style check: disagreement on one of six units
    alpha = krippendorff_alpha(["a", "a", "b", "b", "c", "c"], ["a", "a", "b", "b", "c", "a"])
    assert 0.5 < alpha < 0.9
    assert krippendorff_alpha(["a", "b"], ["b", "a"]) < 0


def test_krippendorff_alpha_interval_with_missing():
    alpha = krippendorff_alpha([1, 2, 3, None], [1, 2, 3, 4], level="interval")
    assert alpha == pytest.approx(1.0)
    assert not math.isnan(alpha)


def test_match_gold_by_text_not_id():
    import pandas as pd

    from analysis.agreement import match_gold

    sentences = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [1, 2, 3],
                              "text": ["Titel der Meldung", "Der HUR  berichtete am Montag.", "Titel der Meldung"]})
    gold = pd.DataFrame({"article_id": ["a", "a", "a", "b"],
                         "sentence_start": ["Der HUR berichtete", "berichtete am", "Titel der", "Titel"]})
    assert match_gold(gold, sentences)["sentence_id"].tolist() == [2, 2, 1, -1]
    twice = pd.DataFrame({"article_id": ["a", "a"], "sentence_start": ["Titel der", "Titel der"]})
    assert match_gold(twice, sentences, once_per_sentence=True)["sentence_id"].tolist() == [1, 3]


def test_committed_insample_tables_match_a_fresh_extract_of_the_seeds(seed_tables):
    """analysis/gold/insample/ (shown when a corpus lacks the seeds) is today's in-sample agreement, not a stale copy:
    after changing a rule, re-save it with `python -m analysis validate --insample --save`."""
    from analysis.agreement import last_insample

    committed = last_insample()
    assert {"validation_attributions_agreement", "validation_frames_agreement", "validation_sentiment_agreement"} <= set(committed)
    for name, table in committed.items():
        fresh = seed_tables[name].reset_index(drop=True)
        pd.testing.assert_frame_equal(table.drop(columns="evaluated"), fresh, check_dtype=False, atol=1e-6, obj=name)


def test_spearman_uses_tie_averaged_ranks_of_complete_pairs():
    from analysis.agreement import spearman

    x = pd.Series([1, 2, 2, 4, None])
    y = pd.Series([10, 20, 30, 40, 50])
    assert spearman(x, y) == pytest.approx(4.5 / (4.5 * 5) ** 0.5)
