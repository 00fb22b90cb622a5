"""Out-of-sample summaries (analysis/oos.py): the pooled held-out agreement a researcher may quote."""

import pandas as pd
import pytest

from analysis import oos


def _row(split: str, *, tp: int, fp: int, fn: int) -> dict:
    p, r = tp / (tp + fp), tp / (tp + fn)
    return {"measure": "sourcing", "level": oos.SOURCING_LEVEL, "split": split, "articles": 10, "units": tp + fn,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def test_held_out_pooled_sums_the_counts_of_the_held_out_splits_and_leaves_dev_out():
    results = pd.DataFrame([_row("dev", tp=50, fp=0, fn=0), _row("test", tp=8, fp=2, fn=2), _row("test2", tp=18, fp=0, fn=12),
                            _row("test3", tp=9, fp=1, fn=0)])
    pooled = oos.held_out_pooled(results, recent=2).set_index("splits")
    everything = pooled.loc["all 3 held-out splits"]
    assert everything["pairs"] == 10 + 30 + 9 and everything["articles"] == 30
    assert everything["precision"] == pytest.approx(35 / 38) and everything["recall"] == pytest.approx(35 / 49)
    assert everything["precision_low"] <= everything["precision"] <= everything["precision_high"]
    assert everything["f1_min_split"] == pytest.approx(0.75)
    recent = pooled.loc["the last 2 splits"]
    assert (recent["first"], recent["last"]) == ("test2", "test3")
    assert recent["recall"] == pytest.approx(27 / 39)


def test_held_out_pooled_on_the_committed_results_reports_what_was_first_scored():
    pooled = oos.held_out_pooled(oos.last_results())
    everything = pooled.iloc[0]
    assert everything["first"] == "test" and everything["pairs"] > 1900
    assert 0.8 < everything["precision"] < 1 and everything["recall_low"] < everything["recall"] < everything["recall_high"]


def test_held_out_claim_puts_the_pooled_figures_into_words():
    results = pd.DataFrame([_row("test", tp=8, fp=2, fn=2), _row("test2", tp=18, fp=0, fn=12)])
    claim = oos.held_out_claim(oos.held_out_pooled(results))
    assert "Over all 2 held-out splits (20 articles, 40 coded pairs): precision 0.93" in claim
    assert "About 9 in 10 institutions" in claim and "about 4 in 10 cited institutions are missed" in claim
    assert oos.held_out_claim(oos.held_out_pooled(results.iloc[:0])) == "No held-out split has been scored yet."


def test_a_note_that_rules_out_a_self_reference_keeps_the_row():
    # the outlet naming itself is excluded from the scores; a note saying it is not so keeps the row
    assert oos.is_self_reference("probable self-reference (the outlet is Ukrinform)")
    assert oos.is_self_reference("self-reference (agency)")
    assert not oos.is_self_reference("dateline stays with the first sentence; supplying agency, not a self-reference")
    assert not oos.is_self_reference("outlet is not named in the text, so no self-reference")
    assert not oos.is_self_reference("byline naming the agency; not marked self-reference")
    assert not oos.is_self_reference("channel \"laut «T-Online»\"")


def test_saves_of_several_splits_at_once_keep_every_split(tmp_path, monkeypatch):
    # two scorings saved at the same moment once lost one split's rows (test80 and test81 in round 18)
    import threading

    monkeypatch.setattr(oos, "RESULTS", tmp_path / "results.csv")

    def one(split: str) -> None:
        oos.save(pd.DataFrame([{**{c: None for c in oos.RESULT_COLUMNS}, "measure": "sourcing", "split": split, "f1": 0.5}]),
                 lock_dir=tmp_path / "lock")

    threads = [threading.Thread(target=one, args=(f"test{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(pd.read_csv(tmp_path / "results.csv")["split"]) == sorted(f"test{i}" for i in range(8))
