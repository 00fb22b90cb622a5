"""The command line: help for every option, tables written, no traceback for a user's mistake."""

import subprocess
import sys

import pytest

from analysis import config


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd or config.ROOT)


@pytest.mark.parametrize("command, options", [
    ("extract", ["--corpus", "--out", "--cache", "--workers"]),
    ("report", ["--corpus", "--tables", "--out", "--cache", "--notebooks"]),
    ("bench", ["--articles", "--seeds", "--workers"]),
])
def test_help_explains_every_option(command, options):
    result = run(command, "--help")
    assert result.returncode == 0
    for option in options:
        assert option in result.stdout


def test_extract_writes_tidy_tables(tmp_path, seeds_dir):
    result = run("extract", "--corpus", str(seeds_dir), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert "analysed 5 article(s)" in result.stdout
    header = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:2] == ["article_id", "file"] and {"outlet", "date", "title", "words", "sentences"} <= set(header)
    assert (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8").startswith("article_id,sentence_id,paragraph_id,role,text")


def test_missing_corpus_is_one_line_without_traceback(tmp_path):
    result = run("extract", "--corpus", str(tmp_path / "fehlt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: corpus folder not found: {tmp_path / 'fehlt'}"


def test_unknown_notebook_is_a_user_error(tmp_path, seeds_dir):
    result = run("report", "--corpus", str(seeds_dir), "--tables", str(tmp_path / "t"), "--out", str(tmp_path / "f"),
                 "--cache", str(tmp_path / "c"), "--notebooks", "99_nichts")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no such notebook: 99_nichts" in result.stderr


def test_bad_files_are_summarised_not_raised(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "leer.txt").write_bytes(b"")
    (corpus / "daten.bin").write_bytes(b"\x00\x01")
    result = run("extract", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "c"))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "leer.txt: empty file" in result.stdout and "daten.bin: unsupported file type" in result.stdout
