"""Figures of notebook 05: the tables behind them (hand-built) and the figures on seed, 1-unit, 2-unit and 50-unit
tables without layout problems (text under 7 pt, oblique or overlapping text, larger than one page)."""

import numpy as np
import pandas as pd
import pytest

from analysis import compare
from analysis.bench import OUTLETS
from analysis.corpus import with_units
from analysis.figures import FigureBook, read_manifest
from analysis.plots import compare as plots


def _book(tmp_path, articles, by="outlet"):
    return FigureBook(notebook="05_compare", figures_dir=tmp_path, articles=articles, corpus_dir=tmp_path / "corpus", by=by)


def _problems(tmp_path) -> dict:
    entries = [e for e in read_manifest(tmp_path) if e["kind"] == "figure"]
    assert entries
    return {e["name"]: e["layout_problems"] for e in entries if e["layout_problems"]}


def _corpus(n_units: int, per_unit: int, *, seed: int = 5, planted: bool = True):
    """Extract-like tables for `n_units` outlets (real German-language outlet names, long ones included) with
    `per_unit` articles each, dated over three months; the first outlet attributes far more and is more negative."""
    rng = np.random.default_rng(seed)
    names = [OUTLETS[k % len(OUTLETS)][0] + ("?" if k % 3 == 0 else "") for k in range(n_units)]
    types = [OUTLETS[k % len(OUTLETS)][1] for k in range(n_units)]
    arts, sents, atts, sent, frames, hedges = [], [], [], [], [], []
    institutions = ["NIS", "Yonhap", "Pentagon", "ISW", "Kreml", "Selenskyj"]
    for u, (name, kind) in enumerate(zip(names, types)):
        for i in range(per_unit):
            aid = f"u{u:02d}_{i}"
            date = f"2024-{10 + (u + i) % 3:02d}-{1 + (7 * i + u) % 28:02d}"
            arts.append({"article_id": aid, "outlet": name.rstrip("?"), "outlet_label": name, "outlet_type": kind, "date": date})
            strong = planted and u == 0
            for s in range(1, 16):
                role = "headline" if s == 1 else "lead" if s == 2 else "body"
                sents.append({"article_id": aid, "sentence_id": s, "role": role, "n_words": 12})
                if role != "headline" and rng.random() < (0.8 if strong else 0.4):
                    inst = institutions[int(rng.integers(len(institutions)))]
                    atts.append({"article_id": aid, "sentence_id": s, "institution": inst, "source_type": "agency" if inst == "Yonhap" else "government",
                                 "speech_type": "attribution"})
                label = rng.choice(["negative", "neutral", "positive"], p=[0.6, 0.3, 0.1] if strong else [0.2, 0.6, 0.2])
                sent.append({"article_id": aid, "sentence_id": s, "role": role, "tone": label})
                if rng.random() < 0.3:
                    frames.append({"article_id": aid, "sentence_id": s, "role": role, "frame": "conflict"})
                if rng.random() < 0.2:
                    hedges.append({"article_id": aid, "sentence_id": s, "role": role, "kind": "hedge"})
    tables = {"articles": pd.DataFrame(arts), "sentences": pd.DataFrame(sents), "attributions": pd.DataFrame(atts),
              "sentiment": pd.DataFrame(sent), "frames": pd.DataFrame(frames), "hedging": pd.DataFrame(hedges)}
    return tables


def _comparisons(tables, by="outlet"):
    articles = with_units(tables["articles"], by)
    column = "outlet_label" if by == "outlet" else by
    out = compare.textstat_comparisons(tables["sentences"], articles=articles, by=column, n_boot=200, n_perm=200,
                                       **{k: tables[k] for k in ("attributions", "sentiment", "frames", "hedging")})
    return articles, out


def _draw_all(book, out):
    plots.textplot_largest_differences(out["outlet_differences"], book=book)
    plots.textplot_shares_with_intervals(out["tone_shares"], out["attributed_share"], book=book)
    plots.textplot_coverage_over_time(out["coverage"], book=book)


# --------------------------------------------------------------------------- the tables behind the figures


def _differences(rows):
    base = {"ci_low": -0.1, "ci_high": 0.1, "p_value": 0.5, "n_a": 3, "n_b": 4, "value_a": 0.5, "value_b": 0.4}
    return pd.DataFrame([{**base, **r} for r in rows], columns=compare.DIFFERENCE_COLUMNS)


def test_difference_rows_put_discoveries_first_and_split_shares_from_rates():
    d = _differences([
        {"measure": "tone_shares", "category": "negative", "unit_a": "taz", "unit_b": "Bild", "difference": -0.2, "effect_size": -0.9, "q_value": 0.3},
        {"measure": "reliance", "category": "NIS", "unit_a": "taz", "unit_b": "Bild", "difference": 0.1, "ci_low": 0.05, "ci_high": 0.15,
         "effect_size": 0.3, "q_value": 0.01},
        {"measure": "hedging_rates", "category": "hedge", "unit_a": "taz", "unit_b": "Bild", "difference": 4.0, "ci_low": 1.0, "ci_high": 7.0,
         "effect_size": 1.2, "q_value": 0.02},
        {"measure": "frame_shares", "category": "conflict", "unit_a": "taz", "unit_b": "Bild", "difference": 0.05, "effect_size": np.nan, "q_value": 0.5},
    ])
    rows = plots.difference_rows(d, top=5)
    shares = rows[rows["panel"] == "share"]
    assert shares["category"].tolist() == ["NIS", "negative"]  # q < 0.05 first, though its effect is smaller; NaN effect left out
    assert shares["x"].tolist() == pytest.approx([10.0, -20.0]) and shares["low"].iloc[0] == pytest.approx(5.0)
    rate = rows[rows["panel"] == "rate"].iloc[0]
    assert (rate["x"], rate["low"], rate["high"]) == (4.0, 1.0, 7.0)  # per 1,000 words, not scaled
    assert rows["label"].iloc[0] == "cited: NIS\ntaz\nvs. Bild"


def test_interval_panels_in_percent():
    tone = pd.DataFrame({"outlet_type": ["daily"], "label": ["negative"], "n_sentences": [3], "sentences": [12], "n_articles": [2],
                         "share": [0.25], "ci_low": [0.1], "ci_high": [0.4]})
    att = pd.DataFrame({"outlet_type": ["daily"], "n_attributed": [6], "sentences": [10], "n_articles": [2], "share": [0.6],
                        "ci_low": [np.nan], "ci_high": [np.nan]})
    long = plots.interval_panels(tone, att, by="outlet_type").set_index("panel")
    assert long.loc["attributed", "share"] == pytest.approx(60.0) and np.isnan(long.loc["attributed", "ci_low"])
    assert (long.loc["negative", "ci_low"], long.loc["negative", "ci_high"]) == (pytest.approx(10.0), pytest.approx(40.0))


def test_articles_over_time_wide_with_zeros():
    cov = pd.DataFrame({"outlet_label": ["taz", "taz", "Bild", "taz"], "period": ["2024-11", "2024-10", "2024-12", "2024-10"],
                        "bucket": "month", "measure": ["articles", "articles", "articles", "tone"], "category": ["", "", "", "negative"],
                        "n": [2, 1, 4, 9], "share": [np.nan, np.nan, np.nan, 1.0]})
    wide = plots.articles_over_time(cov, units=["Bild", "taz"])
    assert wide.columns.tolist() == ["2024-10", "2024-11", "2024-12"]
    assert wide.loc["taz"].tolist() == [1, 2, 0] and wide.loc["Bild"].tolist() == [0, 0, 4]


def test_synthetic_planted_outlet_is_the_largest_discovery():
    _, out = _comparisons(_corpus(3, 8))
    planted = OUTLETS[0][0] + "?"
    found = compare.largest_differences(out["outlet_differences"])
    assert found["q_value"].iloc[0] < 0.05 and found["unit_a"].iloc[0] == planted
    d = out["outlet_differences"]
    attributed = d[(d["measure"] == "attributed_share") & (d["unit_a"] == planted)]
    assert len(attributed) == 2 and (attributed["q_value"] < 0.05).all() and (attributed["difference"] > 0.2).all()


# --------------------------------------------------------------------------- figures draw without layout problems


@pytest.mark.parametrize("n_units,per_unit", [(1, 3), (2, 3), (5, 2), (50, 2)])
def test_figures_readable(tmp_path, n_units, per_unit):
    tables = _corpus(n_units, per_unit)
    articles, out = _comparisons(tables)
    _draw_all(_book(tmp_path, articles), out)
    assert _problems(tmp_path) == {}


def test_figures_readable_with_single_article_units_and_by_outlet_type(tmp_path):
    tables = _corpus(50, 1)
    articles, out = _comparisons(tables, by="outlet_type")
    book = _book(tmp_path, articles, by="outlet_type")
    _draw_all(book, out)
    assert _problems(tmp_path) == {}
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert "outlet type" in captions["compare-largest-differences"] and "outlet types" in captions["compare-largest-differences"]
    assert "with one article show a dot without interval" in captions["compare-shares-with-intervals"]


def test_figures_on_the_seeds(tmp_path, seed_tables):
    articles = with_units(seed_tables["articles"], "outlet")
    out = compare.textstat_comparisons(seed_tables["sentences"], articles=articles, n_boot=50, n_perm=50,
                                       **{k: seed_tables[k] for k in ("attributions", "sentiment", "frames", "hedging")})
    _draw_all(_book(tmp_path, articles), out)
    assert _problems(tmp_path) == {}
    captions = {e["name"]: e["caption"] for e in read_manifest(tmp_path)}
    assert "none tested" in captions["compare-largest-differences"]
    assert "5 outlets with one article" in captions["compare-shares-with-intervals"]
