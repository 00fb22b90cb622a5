"""The benchmark's machine reference: a fixed workload timed next to the runs (no timing is asserted)."""

from __future__ import annotations

from analysis import bench as bench_module


def test_machine_reference_is_positive_seconds():
    assert bench_module.machine_reference(rounds=1) > 0


def test_bench_returns_and_prints_the_machine_reference(monkeypatch, tmp_path, capsys):
    run = {"total_s": 1.0, "stages": {"read cache": 0.5}, "peak_mb": 100.0, "worker_peak_mb": 50.0, "analysed": 2,
           "reused": 1, "skipped": 0, "import_s": 0.5}
    monkeypatch.setattr(bench_module, "synthetic_corpus", lambda target, **_: target.mkdir(parents=True) or 100)
    monkeypatch.setattr(bench_module, "_in_fresh_process", lambda options: dict(run))
    monkeypatch.setattr(bench_module, "machine_reference", lambda: 0.9)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Ein Satz.\n", encoding="utf-8")
    result = bench_module.bench(n_articles=2, seeds_dir=tmp_path / "seeds", work_dir=tmp_path / "work")
    assert result["machine_reference_s"] == 0.9
    assert "machine reference" in capsys.readouterr().out
