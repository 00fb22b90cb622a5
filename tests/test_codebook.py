"""The codebook loader: parsed and compiled once per version of a file, rebuilt when the file changes."""

import os

from analysis import codebook


def _count_words(data: dict) -> int:
    return len(data["words"])


def test_compiled_is_kept_until_the_file_changes(tmp_path):
    book = tmp_path / "words.yaml"
    book.write_text("words: [Krieg, Frieden]\n", encoding="utf-8")
    first = codebook.compiled("words.yaml", _count_words, codebooks_dir=tmp_path)
    assert first == 2 and codebook.compiled(("words.yaml",), _count_words, codebooks_dir=tmp_path) == 2
    book.write_text("words: [Krieg, Frieden, Waffenruhe]\n", encoding="utf-8")
    os.utime(book, ns=(1, 1))  # a new version even where the clock would give it the old modification time
    assert codebook.compiled("words.yaml", _count_words, codebooks_dir=tmp_path) == 3
    assert codebook.compiled(["words.yaml"], _count_words, codebooks_dir=tmp_path) == 3  # a list of names is fine


def test_compiled_follows_another_codebooks_dir(tmp_path):
    for name, body in (("a", "words: [eins]\n"), ("b", "words: [eins, zwei]\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "words.yaml").write_text(body, encoding="utf-8")
    assert [codebook.compiled("words.yaml", _count_words, codebooks_dir=tmp_path / n) for n in "ab"] == [1, 2]
