"""Stored article tables (segments): what a re-run reads instead of every article's cache entry."""

import numpy as np
import pandas as pd

from analysis import pipeline, store
from analysis.pipeline import FileResult, _concat_packed, _stored_tables


def _result(aid: str, values: list, *, key: str | None = None) -> FileResult:
    row = {"article_id": aid, "text_sha256": aid}
    packed = {"wörter": {"article_id": [aid] * len(values), "wert": list(values)}}
    return FileResult(file=f"{aid}.txt", row=row, tables=packed, hint=["", ""], key=key or f"key-{aid}",
                      prepared={"p": {aid: [["krieg", "front"], []]}})


def _store(folder, results: list[FileResult], *, loaded=None) -> list[dict]:
    types: dict = {}
    table = _concat_packed([r.tables["wörter"] for r in results], types=types)
    pipeline._store_segments(store.Segments(folder), results, {"wörter": table}, {"wörter": types}, loaded=loaded)
    return store.Segments(folder).load({r.key for r in results})


def _cold(results: list[FileResult]) -> pd.DataFrame:
    return _concat_packed([r.tables["wörter"] for r in results])


def _stored(results: list[FileResult], *, fresh: set[str], segments) -> pd.DataFrame | None:
    kept = [r if r.row["article_id"] in fresh else FileResult(file=r.file, row=r.row, tables=None, key=r.key) for r in results]
    out = _stored_tables(kept, segments)
    return None if out is None else out[0]["wörter"]


def test_stored_rows_plus_new_ones_give_the_cold_table(tmp_path):
    segments = _store(tmp_path, [_result("a", [1, 2]), _result("b", [3])])
    cold = _cold([_result("a", [1, 2]), _result("0neu", [4.5]), _result("b", [3])])
    stored = _stored([_result("a", [1, 2]), _result("0neu", [4.5]), _result("b", [3])], fresh={"0neu"}, segments=segments)
    pd.testing.assert_frame_equal(stored, cold)  # floats join integers: the whole column becomes float, in file order
    assert stored["wert"].tolist() == [1.0, 2.0, 4.5, 3.0]


def test_removing_an_article_keeps_a_single_type_column(tmp_path):
    segments = _store(tmp_path, [_result("a", [1, 2]), _result("b", [3])])
    stored = _stored([_result("b", [3])], fresh=set(), segments=segments)
    pd.testing.assert_frame_equal(stored, _cold([_result("b", [3])]))


def test_a_mixed_column_that_loses_articles_is_read_from_the_entries(tmp_path):
    """a holds integers, b a missing value: the column is float; without b a cold run gives integers, which the
    stored float rows cannot show, so the segments decline."""
    segments = _store(tmp_path, [_result("a", [1]), _result("b", [None])])
    assert _stored([_result("a", [1])], fresh=set(), segments=segments) is None
    assert _cold([_result("a", [1])])["wert"].dtype == np.int64
    added = _stored([_result("a", [1]), _result("b", [None]), _result("c", [2])], fresh={"c"}, segments=segments)
    pd.testing.assert_frame_equal(added, _cold([_result("a", [1]), _result("b", [None]), _result("c", [2])]))


def test_repeated_article_ids_are_never_served_from_segments(tmp_path):
    segments = _store(tmp_path, [_result("a", [1])])
    twins = [_result("a", [1]), _result("a", [2], key="key-a2")]
    assert _stored(twins, fresh={"a"}, segments=segments) is None


def test_prepared_values_come_back_as_stored(tmp_path):
    segments = _store(tmp_path, [_result("a", [1])])
    kept = [FileResult(file="a.txt", row={"article_id": "a"}, tables=None, key="key-a")]
    _stored_tables(kept, segments)
    assert [list(words) for words in kept[0].prepared["p"]["a"]] == [["krieg", "front"], []]


def test_each_prepared_shape_survives_parquet():
    shapes = {
        "fields": {"a": {"tokens": np.array([3, 1, 2]), "texts": ["Satz eins.", "Satz zwei."]}, "b": {"tokens": np.array([], dtype=np.int64), "texts": []}},
        "list": {"a": ["krieg", "front"], "b": []},
        "counts": {"a": {"krieg": 2, "front": 1}, "b": {}},
    }
    for kind, values in shapes.items():
        encoded = store.encode_values(values)
        assert encoded[0] == kind
        back = store.decode_values(kind, pd.read_parquet(__import__("io").BytesIO(encoded[1].to_parquet(index=False))))
        assert list(back) == ["a", "b"]
        for aid, value in values.items():
            if kind == "fields":
                assert np.array_equal(back[aid]["tokens"], value["tokens"]) and back[aid]["texts"] == value["texts"]
            else:
                assert back[aid] == value
    assert store.encode_values({"a": {"x": 1.5}}) is None  # a shape it does not know: no segment


def test_cell_types_decide_the_dtype_as_pandas_does():
    for values in ([1, 2], [1, 2.5], [1, None], [True, None], ["x", None], [1, "x"], [], [None]):
        assert store.inferred_dtype(store.cell_types(values)) == pd.DataFrame({"c": values})["c"].dtype, values
    assert store.cell_types([np.int64(1), np.float64(2.0), np.bool_(True)]) == {"int", "float", "bool"}
    assert store.cell_types([[1]]) is None


def test_an_article_stored_twice_is_served_once(tmp_path):
    first = _store(tmp_path / "eins", [_result("a", [1]), _result("b", [2])])
    second = _store(tmp_path / "zwei", [_result("b", [2])])
    stored = _stored([_result("a", [1]), _result("b", [2])], fresh=set(), segments=first + second)
    pd.testing.assert_frame_equal(stored, _cold([_result("a", [1]), _result("b", [2])]))


def test_tables_come_back_from_bytes_as_they_were():
    tables = {"a": pd.DataFrame({"x": ["ä", "b"], "n": [1, 2], "f": [0.5, float("nan")], "b": [True, False]}),
              "leer": pd.DataFrame({"x": pd.Series(dtype=object)})}
    back = store.tables_from_bytes(store.tables_bytes(tables))
    assert list(back) == list(tables)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(back[name], table, check_exact=True)
    # what would not come back as it is: an index Parquet does not keep, text in an object column (read back as str)
    assert store.tables_bytes({"a": tables["a"].iloc[[1]]}) is None
    assert store.tables_bytes({"o": pd.DataFrame({"o": pd.Series(["a", None], dtype=object)})}) is None
    assert store.tables_from_bytes(b"kein json") is None


def test_a_deferred_memo_save_is_written_by_flush_and_read_back_the_same(tmp_path):
    table = pd.DataFrame({"key": ["a", "b"], "n": [1, 2]})
    memo = store.Memo(tmp_path, keys={}, defer=True)
    memo.save("state", {"t": table}, {"params": 1})
    assert not (tmp_path / "state").exists()  # kept in memory until flushed
    memo.flush()
    direct = store.Memo(tmp_path / "direct", keys={})
    direct.save("state", {"t": table}, {"params": 1})
    assert (tmp_path / "state" / "t.parquet").read_bytes() == (tmp_path / "direct" / "state" / "t.parquet").read_bytes()
    memo.save("state", {"t": table.iloc[:1]}, {"params": 2})
    tables, meta = memo.load("state")  # a load of a state saved since flushes it first
    assert meta == {"params": 2} and tables["t"].equals(table.iloc[:1])


def test_parquet_reads_back_the_same_under_the_system_allocator():
    import pyarrow as pa

    table = pd.DataFrame({"article_id": ["a", "b", None], "wert": [1.5, np.nan, 3.0], "n": [1, 2, 3]})
    data = store.parquet_bytes(table)
    before = pa.default_memory_pool()
    try:
        store.use_system_allocator()
        assert pa.default_memory_pool().backend_name == "system"
        assert store.parquet_bytes(table) == data
        pd.testing.assert_frame_equal(store.read_parquet_bytes(data), table)
    finally:
        pa.set_memory_pool(before)
