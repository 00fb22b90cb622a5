"""The extract pipeline: bad input never stops a run, one summary, duplicates, catalog, cache."""

import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import pipeline
from analysis.pipeline import UserError, extract, write_tables

NEW_ARTICLE = (
    "Pentagon: Nordkoreanische Truppen in Kursk\n\n"
    "Washington – Das US-Verteidigungsministerium hat erstmals bestätigt, dass nordkoreanische Soldaten in der Region Kursk "
    "eingetroffen sind. Nach Angaben eines Sprechers des Pentagons handelt es sich um etwa 8.000 Mann. Die Soldaten "
    "sollen in den kommenden Tagen an Kampfhandlungen gegen die Ukraine teilnehmen, sagte er am Montag in Washington.\n\n"
    "Der ukrainische Präsident Wolodymyr Selenskyj forderte von den westlichen Partnern eine entschlossene Reaktion.\n"
)


def _add_bad_files(corpus):
    (corpus / "leer.txt").write_bytes(b"")
    (corpus / "leerzeichen.txt").write_text("  \n \n", encoding="utf-8")
    (corpus / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))
    (corpus / "binär.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "english.txt").write_text(
        "North Korea has sent thousands of soldiers to Russia, the South Korean intelligence service said on Friday. "
        "The troops were seen in the Kursk region and could join the fighting within days, officials said.", encoding="utf-8")
    shutil.copy(corpus / "003_415b2b8988ea9f0e.txt", corpus / "003 kopie.txt")
    (corpus / "unterordner").mkdir()


def test_bad_input_never_stops_a_run(corpus):
    _add_bad_files(corpus)
    tables, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    assert summary.analysed == 5
    reasons = dict(summary.skipped)
    assert reasons["leer.txt"] == "empty file (0 bytes)"
    assert reasons["leerzeichen.txt"] == "only whitespace, no text"
    assert reasons["foto.jpg"].startswith("unsupported file type '.jpg'")
    assert reasons["binär.txt"].startswith("binary file")
    assert reasons["english.txt"].startswith("not German: looks English")
    assert reasons["003 kopie.txt"] == "exact duplicate of 003_415b2b8988ea9f0e.txt (same text after cleaning)"
    assert reasons["unterordner/"].startswith("folder")
    assert tables["skipped"].columns.tolist() == ["file", "reason"] and len(tables["skipped"]) == 7
    text = str(summary)
    assert "analysed 5 article(s)" in text and "Skipped 7 file(s)" in text and "leer.txt: empty file" in text


def test_skipped_table_has_header_even_when_nothing_is_skipped(tmp_path, seeds_dir):
    tables, summary = extract(corpus_dir=seeds_dir, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    assert (tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8").strip() == "file,reason"
    assert summary.skipped == []
    for name in ("articles", "sentences", "removed", "readability"):
        assert (tmp_path / "out" / f"{name}.csv").exists()


def test_articles_table_joins_the_catalog(seed_tables):
    articles = seed_tables["articles"].set_index("article_id")
    assert articles.loc["004_1b8548fd83fa8b64", "outlet_label"] == "Uslar Hier"
    assert articles.loc["003_415b2b8988ea9f0e", "outlet_label"] == "Telepolis?"
    assert articles.loc["001_655c8ea758a98ab0", "outlet"] == "PAP copy"
    assert articles.loc["002_7441870df5a39c05", "words"] == 592
    assert set(articles["date"]) == {"2024-10"}
    for col in ("file", "outlet", "date", "title", "words", "sentences"):
        assert col in articles.columns


def test_sentences_table_is_tidy(seed_tables):
    sentences = seed_tables["sentences"]
    assert sentences.columns.tolist()[:6] == ["article_id", "sentence_id", "paragraph_id", "role", "text", "n_words"]
    assert not sentences.duplicated(["article_id", "sentence_id"]).any()
    assert len(sentences) == 126


def test_uncatalogued_article_runs_with_a_warning(corpus):
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    row = tables["articles"].set_index("article_id").loc["005_pentagon"]
    assert row["outlet"] == "unknown" and row["outlet_label"] == "unknown?"
    assert row["title"] == "Pentagon: Nordkoreanische Truppen in Kursk"
    assert summary.uncatalogued == ["005_pentagon.txt"]
    assert "1 article(s) have no catalog row" in str(summary) and "python -m analysis catalog" in str(summary)


def test_uncatalogued_article_gets_an_outlet_suggestion(corpus):
    text = NEW_ARTICLE + "\nIch bin Anna, eine Journalistin von der Webseite Uslar Hier.\n"
    (corpus / "006_uslar.txt").write_text(text.replace("eine Journalistin", "ein Journalist"), encoding="utf-8")
    _, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    assert any("006_uslar.txt" in w and "Uslar Hier" in w for w in summary.uncatalogued)


def test_summary_stays_compact_with_many_problems(tmp_path):
    summary = pipeline.Summary(corpus_dir=tmp_path, uncatalogued=[f"{i:04d}.txt" for i in range(1000)],
                               skipped=[(f"leer{i}.txt", "empty file (0 bytes)") for i in range(50)])
    text = str(summary)
    assert len(text.splitlines()) < 30
    assert "1,000 article(s) have no catalog row" in text and "... and 990 more" in text and "... and 40 more" in text


def test_near_duplicate_is_flagged_not_dropped(corpus):
    original = (corpus / "002_7441870df5a39c05.txt").read_text(encoding="utf-8")
    (corpus / "007_ippen_update.txt").write_text(original.replace("Kommentare", "Aktualisiert am Montag um 12 Uhr."), encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    row = tables["articles"].set_index("article_id").loc["007_ippen_update"]
    assert "near duplicate of 002_7441870df5a39c05" in row["flags"]
    dupes = tables["near_duplicates"].set_index("article_id")
    assert dupes.loc["007_ippen_update", "near_duplicate_of"] == "002_7441870df5a39c05" and dupes.loc["007_ippen_update", "jaccard"] >= 0.8
    assert len(tables["articles"]) == 6
    assert any(f == "007_ippen_update.txt" for f, _ in summary.flagged)


def test_rerun_after_adding_one_article_processes_only_that_article(corpus, monkeypatch):
    cache = corpus.parent / "cache"
    extract(corpus_dir=corpus, cache_dir=cache)
    log = corpus.parent / "processed.txt"  # a file: a few new articles are analysed in a forked child
    original = pipeline.process_file

    def spy(path, raw):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(path.name + "\n")
        return original(path, raw)

    monkeypatch.setattr(pipeline, "process_file", spy)
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert log.read_text(encoding="utf-8").splitlines() == ["005_pentagon.txt"]
    assert summary.reused == 5 and summary.analysed == 6


def test_corrupt_cache_entry_is_recomputed(corpus):
    cache = corpus.parent / "cache"
    extract(corpus_dir=corpus, cache_dir=cache)
    for entry in [*(cache / "articles").glob("*.json"), *(cache / "corpus" / "segments").rglob("t_sentences.parquet")]:
        entry.write_bytes(entry.read_bytes().replace(b"Nordkorea", b"Suedkorea", 1))
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert summary.analysed == 5 and summary.reused == 0


def test_corrupt_stored_tables_are_read_from_the_cache_entries(corpus, tmp_path):
    cache = corpus.parent / "cache"
    cold, _ = extract(corpus_dir=corpus, cache_dir=cache)
    stored = list((cache / "corpus" / "segments").rglob("t_sentences.parquet"))
    assert stored
    for path in stored:
        path.write_bytes(path.read_bytes()[:-10])
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert summary.reused == 5
    _assert_same_tables(tables, cold)


def test_source_files_are_never_modified(corpus):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    extract(corpus_dir=corpus, out_dir=corpus.parent / "out", cache_dir=corpus.parent / "cache")
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_missing_corpus_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="corpus folder not found"):
        extract(corpus_dir=tmp_path / "nirgends")


def test_empty_corpus_gives_empty_tables(tmp_path):
    (tmp_path / "leer").mkdir()
    tables, summary = extract(corpus_dir=tmp_path / "leer", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    assert summary.analysed == 0 and tables["articles"].empty
    assert (tmp_path / "out" / "articles.csv").exists()


def test_write_tables_is_utf8_csv(tmp_path):
    write_tables({"t": pd.DataFrame({"text": ["Südkorea „warnt“"]})}, tmp_path)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "text\nSüdkorea „warnt“\n"


def test_load_tables_reuses_the_last_extract_until_the_corpus_changes(corpus, monkeypatch):
    out = corpus.parent / "out"
    extract(corpus_dir=corpus, out_dir=out, cache_dir=corpus.parent / "cache")
    calls = []
    original = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", lambda **kw: calls.append(kw) or original(**{**kw, "cache_dir": corpus.parent / "cache"}))
    tables, summary = pipeline.load_tables(corpus_dir=corpus, tables_dir=out)
    assert calls == [] and len(tables["articles"]) == 5 and summary.analysed == 5
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = pipeline.load_tables(corpus_dir=corpus, tables_dir=out)
    assert len(calls) == 1 and len(tables["articles"]) == 6
    (out / "claims.csv").unlink()  # a researcher deleted an exported table: it is written again, not silently missing
    tables, summary = pipeline.load_tables(corpus_dir=corpus, tables_dir=out)
    assert len(calls) == 2 and (out / "claims.csv").is_file()


def test_every_registered_analysis_writes_its_tables(tmp_path, seeds_dir):
    """The registry lists functions; each one's tables reach the tables folder (figures read nothing else)."""
    extract(corpus_dir=seeds_dir, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    written = {p.stem for p in (tmp_path / "out").glob("*.csv")}
    assert all(callable(a.function) for a in (*pipeline.PER_ARTICLE, *pipeline.PER_CORPUS))
    for name in ("readability", "attributions", "sentiment", "actor_tone", "frames", "hedging", "claims", "similarity", "keyness",
                 "topics", "topic_shares", "reuse", "reuse_rewrite", "reuse_rewrite_shares", "near_duplicates", "reliance",
                 "outlet_differences", "coverage", "validation_oos"):
        assert name in written, name
    for v in pipeline.VALIDATIONS:
        assert f"validation_{v.name}_agreement" in written


def test_validation_tables_only_for_gold_articles_in_the_corpus(tmp_path):
    """A corpus without the hand-coded seeds gets no validation on it, and no error: only the committed in-sample
    tables of the seeds (`validation_<name>_last`) and the out-of-sample results."""
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = extract(corpus_dir=folder, cache_dir=tmp_path / "cache")
    assert summary.analysed == 1
    names = sorted(name for name in tables if name.startswith("validation_"))
    assert names == sorted(["validation_oos", *(f"validation_{v.name}_last" for v in pipeline.VALIDATIONS)])
    assert "(article, institution)" in set(tables["validation_attributions_last"]["level"])
    assert {"sourcing", "frames", "tone"} <= set(tables["validation_oos"]["measure"])  # committed out-of-sample results


def test_a_catalogued_but_skipped_file_is_reported_with_its_reason(corpus):
    (corpus / "001_655c8ea758a98ab0.txt").write_bytes(b"")
    tables, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    warning = next(w for w in summary.warnings if "001_655c8ea758a98ab0" in w)
    assert "was skipped: empty file" in warning and "no file" not in warning


def test_pipes_and_broken_links_are_skipped_not_read(corpus):
    import os

    os.mkfifo(corpus / "pipe.txt")
    (corpus / "tot.txt").symlink_to(corpus / "gibt-es-nicht.txt")
    (corpus / "schleife.txt").symlink_to(corpus / "schleife.txt")
    (corpus / "link.txt").symlink_to(corpus / "004_1b8548fd83fa8b64.txt")
    tables, summary = extract(corpus_dir=corpus, cache_dir=corpus.parent / "cache")
    reasons = dict(summary.skipped)
    assert reasons["pipe.txt"] == "not a regular file (named pipe (FIFO))"
    assert reasons["tot.txt"].startswith("broken symbolic link")
    assert reasons["schleife.txt"] == "symbolic link loop"
    assert reasons["link.txt"].startswith("exact duplicate of")
    assert pipeline.corpus_state(corpus)


def test_formula_like_sentences_are_escaped_in_csv(tmp_path):
    write_tables({"t": pd.DataFrame({"text": ['=HYPERLINK("http://x")', "+49 171", "Sätze"], "n": [-1, 2, 3]})}, tmp_path)
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK(") and lines[2] == "'+49 171,2" and lines[3] == "Sätze,3"


def test_csv_escaping_leaves_numbers_missing_cells_and_the_table_alone(tmp_path):
    from analysis.files import write_csv

    table = pd.DataFrame({"cell": ["@Nato", None, 3, "-5 Grad", "Kursk"], "empty": [None] * 5})
    write_csv(table, tmp_path / "t.csv")
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["'@Nato,", ",", "3,", "'-5 Grad,", "Kursk,"]
    assert table["cell"].tolist()[:1] == ["@Nato"]  # the caller's table is not changed


def test_tables_written_partly_by_a_forked_child_are_the_same(tmp_path, monkeypatch):
    from analysis import store

    tables = {f"t{i}": pd.DataFrame({"text": [f"Satz {k}, {i}" for k in range(50 * i)], "n": range(50 * i)}) for i in range(1, 6)}
    serial = write_tables(tables, tmp_path / "serial", fork=False)
    monkeypatch.setattr(pipeline, "CSV_FORK_CELLS", 0)
    assert pipeline._forked_tables(tables, {}, tmp_path / "forked")  # some tables go to the child
    forked = write_tables(tables, tmp_path / "forked", fork=True)
    assert forked == serial
    for name in tables:
        assert (tmp_path / "forked" / f"{name}.csv").read_bytes() == (tmp_path / "serial" / f"{name}.csv").read_bytes()
    index = store.load_json(tmp_path / "forked" / pipeline.CSV_DIGESTS, "csv digests")
    assert list(index) == list(tables) and all(index[n][0] == serial[n] for n in tables)
    again = write_tables(tables, tmp_path / "forked", fork=True)  # nothing new: no child, nothing rewritten
    assert again == serial and pipeline._forked_tables(tables, index, tmp_path / "forked") == []


def test_csv_text_is_pandas_to_csv_byte_for_byte():
    """The joined CSV writer (`files._joined_csv`) gives pandas' bytes: quoting, missing cells, float formatting."""
    import numpy as np

    from analysis import files

    texts = ["a, b", 'er sagte "ja"', "zwei\nZeilen", "wagen\rrücklauf", "", " Rand ", "Sätze", None, "x;y", "'zitat'"]
    floats = [0.1, np.nan, 1e16, 9999999999999998.0, 1e-05, 0.0001, -0.0, np.inf, 123456.789, 2 / 3]
    tables = [
        pd.DataFrame({"text": pd.array(texts, dtype="str"), "x": floats, "n": range(10), "ok": [True, False] * 5,
                      "obj": pd.Series(texts, dtype=object), "none": [None] * 10}),
        pd.DataFrame({"only": pd.array(["", "a", None, 'q"'], dtype="str")}),
        pd.DataFrame({"python": pd.Series(texts, dtype="string[python]"), "pyarrow": pd.Series(texts, dtype="string[pyarrow]")}),
        pd.DataFrame({"a,b": [1, 2], "c": ["x", "y"]}),
        pd.DataFrame({"text": pd.array([], dtype="str"), "n": pd.array([], dtype="int64")}),
        pd.DataFrame({"mixed": ["a", 3, None], "day": pd.to_datetime(["2024-01-01", None, "2024-01-03"])}),
    ]
    for table in tables:
        assert files.csv_text(table) == table.to_csv(index=False, lineterminator="\n")
    assert files._joined_csv(tables[0]) is not None and files._joined_csv(tables[-1]) is None


def test_relative_notebook_paths_are_relative_to_the_project_root():
    from analysis import config

    assert config.paths(corpus_dir="seeds").corpus_dir == config.CORPUS_DIR
    assert config.paths(corpus_dir=None).corpus_dir == config.CORPUS_DIR


def test_a_missing_corpus_in_a_notebook_is_one_line(tmp_path):
    from analysis.notebook import start

    with pytest.raises(UserError) as err:
        start("00_corpus", corpus_dir=tmp_path / "nirgends", tables_dir=tmp_path / "t", figures_dir=tmp_path / "f")
    (line,) = err.value._render_traceback_()
    assert line.startswith(f"error: corpus folder not found: {tmp_path / 'nirgends'}") and "parameters cell" in line


def _assert_same_tables(incremental: dict, cold: dict) -> None:
    assert set(incremental) == set(cold)
    for name in cold:
        pd.testing.assert_frame_equal(incremental[name].reset_index(drop=True), cold[name].reset_index(drop=True), obj=name)


def test_incremental_rerun_gives_the_tables_of_a_cold_run(corpus, tmp_path):
    """Adding, changing and removing articles: the corpus-level tables (reuse, near duplicates, similarity, ...)
    are updated from the stored state and equal those of a run from scratch."""
    cache = tmp_path / "incremental-cache"
    original = (corpus / "002_7441870df5a39c05.txt").read_text(encoding="utf-8")
    (corpus / "007_kopie.txt").write_text(original.replace("Kommentare", "Aktualisiert am Montag."), encoding="utf-8")
    extract(corpus_dir=corpus, cache_dir=cache)
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "008_zweite_kopie.txt").write_text(original + "\nEin angehängter Satz zum Schluss.\n", encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert summary.reused == 6
    assert {"007_kopie", "008_zweite_kopie"} <= set(tables["near_duplicates"]["article_id"])
    assert len(tables["reuse"]) > 0
    _assert_same_tables(tables, extract(corpus_dir=corpus, cache_dir=tmp_path / "cold-1")[0])
    (corpus / "007_kopie.txt").unlink()
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE.replace("8.000", "10.000"), encoding="utf-8")
    tables, _ = extract(corpus_dir=corpus, cache_dir=cache)
    _assert_same_tables(tables, extract(corpus_dir=corpus, cache_dir=tmp_path / "cold-2")[0])


def test_unchanged_tables_are_not_written_again(corpus, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    extract(corpus_dir=corpus, out_dir=out, cache_dir=cache)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")}
    (out / "claims.csv").write_text("von Hand geändert\n", encoding="utf-8")
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    extract(corpus_dir=corpus, out_dir=out, cache_dir=cache)
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")}
    assert after["articles.csv"] != stamps["articles.csv"] and after["sentences.csv"] != stamps["sentences.csv"]
    assert after["validation_oos.csv"] == stamps["validation_oos.csv"]
    assert (out / "claims.csv").read_text(encoding="utf-8").startswith("article_id")  # a touched file is rewritten


def test_large_corpora_also_get_partitioned_parquet(corpus, tmp_path, monkeypatch):
    from analysis import config

    monkeypatch.setattr(config, "PARQUET_PARTS_FROM", 1)
    monkeypatch.setattr(config, "ARTICLES_PER_PART", 2)
    tables, _ = extract(corpus_dir=corpus, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    parts = tmp_path / "out" / "parquet" / "sentences"
    assert len(list(parts.glob("part-*.parquet"))) > 1
    lazy = pd.read_parquet(parts)
    assert len(lazy) == len(tables["sentences"]) and set(lazy["article_id"]) == set(tables["articles"]["article_id"])


def test_rows_appended_to_a_csv_equal_a_full_rewrite(corpus, tmp_path, monkeypatch):
    out, cache = tmp_path / "out", tmp_path / "cache"
    extract(corpus_dir=corpus, out_dir=out, cache_dir=cache)
    log = tmp_path / "spliced.txt"  # a file: a forked child writes the article tables' CSVs (`_EarlyTables`)
    original = pipeline._splice_rows

    def logged(table, rows, held, path, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(path.name + "\n")
        return original(table, rows, held, path, **kwargs)

    monkeypatch.setattr(pipeline, "_splice_rows", logged)
    (corpus / "zz_pentagon.txt").write_text(NEW_ARTICLE.replace("Washington –", "=Washington –"), encoding="utf-8")
    tables, _ = extract(corpus_dir=corpus, out_dir=out, cache_dir=cache)
    assert "sentences.csv" in log.read_text(encoding="utf-8").split()
    write_tables(tables, tmp_path / "fresh")
    for path in (tmp_path / "fresh").glob("*.csv"):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_rows_after_those_a_csv_holds_are_appended_as_a_full_write_would_write_them(tmp_path, monkeypatch):
    before = pd.DataFrame({"id": [1, 2], "text": ["eins", "zwei\nzweite Zeile"], "wert": [0.5, None]})
    write_tables({"t": before}, tmp_path / "out")
    after = pd.concat([before, pd.DataFrame({"id": [3, 4], "text": ['=drei "zitiert"', "vier,"], "wert": [1.25, None]})],
                      ignore_index=True)
    appended = []
    original = pipeline._append_rows
    monkeypatch.setattr(pipeline, "_append_rows", lambda table, held, path, **kw: appended.append(held) or original(table, held, path, **kw))
    write_tables({"t": after}, tmp_path / "out")
    write_tables({"t": after}, tmp_path / "fresh")
    assert appended == [2]
    assert (tmp_path / "out" / "t.csv").read_bytes() == (tmp_path / "fresh" / "t.csv").read_bytes()


def test_a_table_left_without_rows_is_written_as_its_header(tmp_path):
    # another corpus extracted into the same folder can leave a table empty: a header-only CSV, no traceback
    before = pd.DataFrame({"id": [1, 2], "text": ["eins", "zwei"]})
    write_tables({"t": before}, tmp_path / "out")
    write_tables({"t": before.iloc[0:0]}, tmp_path / "out")
    assert (tmp_path / "out" / "t.csv").read_text(encoding="utf-8").strip() == "id,text"
    write_tables({"t": before}, tmp_path / "out")
    write_tables({"t": before}, tmp_path / "fresh")
    assert (tmp_path / "out" / "t.csv").read_bytes() == (tmp_path / "fresh" / "t.csv").read_bytes()


def test_a_rerun_reads_stored_tables_not_every_cache_entry(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    extract(corpus_dir=corpus, cache_dir=cache)
    read = []
    original = pipeline._read_entry
    monkeypatch.setattr(pipeline, "_read_entry", lambda entry: read.append(entry.name) or original(entry))
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert len(read) == 1 and summary.reused == 5  # only the new article's entry is looked for (and missing)
    assert len(list((cache / "corpus" / "segments").iterdir())) == 3  # the first run's, the new article's, the manifest
    _assert_same_tables(tables, extract(corpus_dir=corpus, cache_dir=tmp_path / "cold")[0])


def test_a_csv_rewritten_from_the_rows_it_holds_equals_a_full_write(tmp_path, monkeypatch):
    """Rows kept, removed, inserted between others and reordered; cells with line breaks, quotes and formulas."""
    before = pd.DataFrame({"id": [1, 2, 3, 4], "text": ["eins", "zwei\nzweite Zeile", 'drei "zitiert"', "=vier"],
                           "wert": [0.5, None, 1.25, 2.0], "ja": [True, False, True, False]})
    write_tables({"t": before}, tmp_path / "out")
    after = pd.concat([before.iloc[[3, 0]], pd.DataFrame({"id": [9], "text": ["neu,\nmit Komma"], "wert": [3.0], "ja": [True]}),
                       before.iloc[[1]]], ignore_index=True)
    spliced = []
    original = pipeline._splice_rows
    monkeypatch.setattr(pipeline, "_splice_rows", lambda table, rows, held, path, **kw: spliced.append(original(table, rows, held, path, **kw)) or spliced[-1])
    write_tables({"t": after}, tmp_path / "out")
    write_tables({"t": after}, tmp_path / "fresh")
    assert len(spliced) == 1 and spliced[0] is not None  # written from the rows the file held
    assert (tmp_path / "out" / "t.csv").read_bytes() == (tmp_path / "fresh" / "t.csv").read_bytes()
    (tmp_path / "out" / pipeline.CSV_ROWS / "t.npy").write_bytes(b"kaputt")  # a damaged sidecar: written in full
    write_tables({"t": before}, tmp_path / "out")
    assert len(spliced) == 1 and pd.read_csv(tmp_path / "out" / "t.csv")["id"].tolist() == [1, 2, 3, 4]


def test_when_the_stored_tables_cannot_serve_the_cache_entries_do(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    extract(corpus_dir=corpus, cache_dir=cache)
    monkeypatch.setattr(pipeline, "_stored_tables", lambda kept, segments: None)
    (corpus / "005_pentagon.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    tables, summary = extract(corpus_dir=corpus, cache_dir=cache)
    assert summary.reused == 5
    assert len(list((cache / "corpus" / "segments").iterdir())) == 2  # stored anew as one segment, and the manifest
    _assert_same_tables(tables, extract(corpus_dir=corpus, cache_dir=tmp_path / "cold")[0])


def test_record_offsets_kept_by_a_splice_or_an_append_serve_the_next_write(tmp_path):
    """The sidecar's record offsets after a spliced or appended write are the file's, so each next write from them
    still equals a full write (cells with line breaks, quotes, formulas and non-ASCII text)."""
    from analysis.files import record_ends

    rows = [{"id": k, "text": t, "wert": w} for k, (t, w) in enumerate(
        [("eins", 0.5), ("zwei\nzweite Zeile", None), ('drei "zitiert"', 1.25), ("=vier", 2.0), ("fünf, Straße", 3.5)])]
    versions = [
        pd.DataFrame(rows[:3]),
        pd.DataFrame(rows[:3] + rows[3:4]),  # appended
        pd.DataFrame([rows[3], rows[0], {"id": 9, "text": "neu,\n«mit» Komma", "wert": None}, rows[2]]),  # spliced
        pd.DataFrame([rows[3], rows[0], {"id": 9, "text": "neu,\n«mit» Komma", "wert": None}, rows[2], rows[4]]),
        pd.DataFrame([rows[4], rows[2], rows[1]]),
    ]
    for k, table in enumerate(versions):
        write_tables({"t": table}, tmp_path / "out")
        write_tables({"t": table}, tmp_path / f"fresh{k}")
        data = (tmp_path / "out" / "t.csv").read_bytes()
        assert data == (tmp_path / f"fresh{k}" / "t.csv").read_bytes(), k
        saved = np.load(tmp_path / "out" / pipeline.CSV_ROWS / "t.npy", allow_pickle=False)
        assert saved[len(table):].tolist() == record_ends(data).tolist(), k
