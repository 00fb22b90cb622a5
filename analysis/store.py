"""Cached results on disk in formats that cannot run code when read: checksummed JSON and Parquet, never pickle.

A cache or tables folder may come from a colleague or a replication package; reading it must never execute
anything. Every file carries a format name, a version and a SHA-256 checksum; a corrupt, foreign or old one is
reported as `None` (the caller rebuilds it) instead of being trusted.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .files import atomic_write

FORMAT = "newscompare"
VERSION = 5  # bump when the layout of cache entries or snapshots changes


def _plain(value):
    """JSON-able form of numpy scalars and arrays (the only non-JSON values the analyses produce)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not storable: {type(value).__name__}")


def dumps_json(payload) -> bytes:
    """`payload` as the JSON body `dump_json` writes (numpy values as plain ones); `loads_json` reads it back."""
    return json.dumps(payload, default=_plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads_json(body: bytes):
    """The payload of `dumps_json` bytes, or None if they are not JSON."""
    try:
        return json.loads(body)
    except ValueError:
        return None


def dump_json(path: Path, kind: str, payload) -> None:
    """Write `payload` as one JSON document under a header line naming format, kind, version and checksum."""
    body = dumps_json(payload)
    header = {"format": FORMAT, "kind": kind, "version": VERSION, "sha256": hashlib.sha256(body).hexdigest()}
    atomic_write(path, json.dumps(header).encode("utf-8") + b"\n" + body)


def load_json(path: Path, kind: str):
    """The payload of a file written by `dump_json`, or None if it is missing, corrupt, foreign or of another version."""
    try:
        raw = Path(path).read_bytes()
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if (header.get("format"), header.get("kind"), header.get("version")) != (FORMAT, kind, VERSION):
            return None
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            return None
        return json.loads(body)
    except (OSError, ValueError, AttributeError):
        return None


def row_hashes(table: pd.DataFrame) -> np.ndarray | None:
    """One 64-bit hash per row of a table (its cell values), or None for cells that cannot be hashed."""
    try:
        return pd.util.hash_pandas_object(table, index=False).to_numpy()
    except (TypeError, ValueError):
        return None


def table_digest(table: pd.DataFrame, *, rows: np.ndarray | None = None) -> str | None:
    """Content digest of a table (column names, dtypes, cell values), or None for cells that cannot be hashed. `rows`
    are its `row_hashes` when known already."""
    rows = row_hashes(table) if rows is None else rows
    if rows is None:
        return None
    head = json.dumps([[str(c), str(t)] for c, t in table.dtypes.items()]).encode()
    return hashlib.sha256(head + rows.tobytes()).hexdigest()


def use_system_allocator() -> None:
    """Have Arrow (Parquet, Arrow-backed strings) allocate with the C library's malloc instead of its bundled mimalloc,
    whose first allocations in a process cost ~0.3 s of system time here (a re-run's first Parquet reads); the bytes
    read and written are the same."""
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())


def parquet_bytes(table: pd.DataFrame, *, compression: str = "snappy") -> bytes:
    """A table as `save_tables` writes it: Parquet, without its index. The bytes of `table.to_parquet(index=False)`,
    converted in this thread (no thread pool competing with the forked children for the cores; ~1/3 less CPU)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False, nthreads=1)
    sink = pa.BufferOutputStream()
    pq.write_table(arrow, sink, compression=compression)
    return sink.getvalue().to_pybytes()


def save_tables(folder: Path, tables: dict[str, pd.DataFrame], meta: dict, *, digests: dict[str, str | None] | None = None,
                keep_unchanged: bool = True, compression: str = "snappy", unchanged: tuple[str, ...] = (),
                encoded: dict[str, bytes] | None = None) -> None:
    """A snapshot of every table as Parquet plus `meta.json` (the checksums of the Parquet files and `meta`).

    A table whose content digest equals the last snapshot's keeps its Parquet file (not written again); `digests`
    are the tables' `table_digest`s when the caller has them already. Without `keep_unchanged` (a new folder) every
    table is written and no digest is computed. State only this package reads uses `compression="lz4"` (faster both
    ways than the default snappy, which every Parquet reader knows). Tables named in `unchanged` are the last
    snapshot's, as the caller knows: kept without hashing them again. `encoded` holds tables' `parquet_bytes` (with
    this `compression`) made already."""
    known = digests or ({} if keep_unchanged else dict.fromkeys(tables))
    folder.mkdir(parents=True, exist_ok=True)
    last = load_json(folder / "meta.json", "snapshot") if (folder / "meta.json").exists() else None
    last_sums = last.get("tables", {}) if isinstance(last, dict) else {}
    last_digests = last.get("digests", {}) if isinstance(last, dict) else {}
    sums, digests = {}, {}
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        if name in unchanged and name in last_sums and name in last_digests and path.exists():
            sums[name], digests[name] = last_sums[name], last_digests[name]
            continue
        digest = known[name] if name in known else table_digest(table)
        if digest is not None and last_digests.get(name) == digest and name in last_sums and path.exists():
            sums[name], digests[name] = last_sums[name], digest
            continue
        data = encoded[name] if encoded and name in encoded else parquet_bytes(table, compression=compression)
        atomic_write(path, data)
        sums[name], digests[name] = hashlib.sha256(data).hexdigest(), digest
    dump_json(folder / "meta.json", "snapshot", {"meta": meta, "tables": sums, "digests": digests})
    for stale in set(p.stem for p in folder.glob("*.parquet")) - set(tables):
        (folder / f"{stale}.parquet").unlink(missing_ok=True)


def tables_bytes(tables: dict[str, pd.DataFrame]) -> bytes | None:
    """Tables as bytes (a JSON header with names and sizes, then each as an Arrow IPC stream: no pickle, and several
    times faster than Parquet both ways) that `tables_from_bytes` reads back as the same tables; None for tables that
    would not come back exactly (another index than 0..n-1, a dtype or a value Arrow does not keep)."""
    import pyarrow as pa

    parts, sizes = [], []
    for name, table in tables.items():
        if not isinstance(table.index, pd.RangeIndex) or table.index.start != 0 or table.index.step != 1:
            return None
        try:
            arrow = pa.Table.from_pandas(table, preserve_index=False, nthreads=1)
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, arrow.schema) as writer:
                writer.write_table(arrow)
            data = sink.getvalue().to_pybytes()
            back = _from_ipc(data)
            same = back.columns.equals(table.columns) and list(back.dtypes) == list(table.dtypes) and back.equals(table)
        except Exception:  # noqa: BLE001 - cells Arrow cannot hold (or compare)
            return None
        if not same:
            return None
        parts.append(data)
        sizes.append([str(name), len(data)])
    return json.dumps(sizes).encode("utf-8") + b"\n" + b"".join(parts)


def _from_ipc(data: bytes) -> pd.DataFrame:
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().to_pandas(use_threads=False)


def tables_from_bytes(data: bytes) -> dict[str, pd.DataFrame] | None:
    """The tables of `tables_bytes`, or None if `data` is not such bytes."""
    head, _, body = data.partition(b"\n")
    try:
        sizes = json.loads(head)
        out, at = {}, 0
        for name, size in sizes:
            out[name] = _from_ipc(body[at : at + size])
            at += size
    except Exception:  # noqa: BLE001 - not what `tables_bytes` wrote
        return None
    return out if at == len(body) else None


PART_COLUMNS = ("article_id", "article_a")  # tables with one of these are partitioned by it: an article's rows in one part


def save_partitions(folder: Path, tables: dict[str, pd.DataFrame], *, n_articles: int, per_part: int | None = None) -> None:
    """Every table as partitioned Parquet, `folder/<table>/part-NNNNN.parquet`, for readers that must not load a
    whole table (`pd.read_parquet(folder / "sentences")`, `dask.dataframe.read_parquet`, DuckDB
    `read_parquet('.../sentences/*.parquet')`). An article's rows go to the part its id hashes to, so adding an
    article rewrites one part per table; a part whose content is unchanged is not written again."""
    from . import config

    per_part = per_part or config.ARTICLES_PER_PART
    n_parts = 1 << max(0, math.ceil(math.log2(max(1, n_articles) / per_part)))
    for name, table in tables.items():
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        index = target / "_digests.json"
        last = load_json(index, "parts") if index.exists() else None
        last = last if isinstance(last, dict) and last.get("n_parts") == n_parts else {"parts": {}}
        column = next((c for c in PART_COLUMNS if c in table.columns), None)
        if column is None or not len(table):
            parts = {0: table}
        else:
            bucket = pd.util.hash_array(table[column].astype(str).to_numpy(dtype=object)) % np.uint64(n_parts)
            parts = {int(b): part for b, part in table.groupby(bucket, sort=True)}
        digests = {}
        for b, part in parts.items():
            file = target / f"part-{b:05d}.parquet"
            digest = table_digest(part)
            if digest is None or last["parts"].get(str(b)) != digest or not file.exists():
                atomic_write(file, parquet_bytes(part))
            digests[str(b)] = digest
        for file in set(target.glob("part-*.parquet")) - {target / f"part-{int(b):05d}.parquet" for b in digests}:
            file.unlink(missing_ok=True)
        dump_json(index, "parts", {"n_parts": n_parts, "parts": digests})
    for stale in {p.name for p in folder.iterdir() if p.is_dir()} - set(tables):
        shutil.rmtree(folder / stale, ignore_errors=True)


class Memo:
    """State that corpus-level analyses keep between runs (cache folder `corpus/`), to redo only what new or changed
    articles need. `keys` maps each current article id to its cache key (content, file name and code), so state
    computed for an article is reused only while the article and the code are unchanged."""

    def __init__(self, folder: Path, *, keys: dict[str, str],
                 preloaded: dict[str, tuple[dict[str, pd.DataFrame], dict] | None] | None = None, defer: bool = False) -> None:
        self.folder, self.keys = Path(folder), dict(keys)
        self._preloaded = dict(preloaded or {})  # `preload`'s reads, each handed out once, until saved anew
        self._deferred: dict[str, tuple] | None = {} if defer else None  # with `defer`: saves kept until `flush`

    @staticmethod
    def preload(folder: Path) -> dict[str, tuple[dict[str, pd.DataFrame], dict] | None]:
        """What `load` gives for every state saved in `folder`, read now (while this process would wait otherwise)."""
        folder = Path(folder)
        names = sorted(p.name for p in folder.iterdir() if (p / "meta.json").exists()) if folder.is_dir() else []
        return {name: load_tables(folder / name) for name in names}

    def load(self, name: str) -> tuple[dict[str, pd.DataFrame], dict] | None:
        """(tables, meta) saved under `name`, or None (missing, corrupt or of another version)."""
        if name in self._preloaded:
            return self._preloaded.pop(name)
        self.flush(name)
        return load_tables(self.folder / name) if (self.folder / name / "meta.json").exists() else None

    def save(self, name: str, tables: dict[str, pd.DataFrame], meta: dict, *, unchanged: tuple[str, ...] = ()) -> None:
        """Store `tables` and `meta` under `name`; tables named in `unchanged` are those `load` gave (not written again).
        A memo made with `defer` keeps the save until `flush` (a re-run writes its state once its tables are out)."""
        self._preloaded.pop(name, None)
        if self._deferred is not None:
            self._deferred[name] = (dict(tables), meta, unchanged)
            return
        save_tables(self.folder / name, tables, meta, compression="lz4", unchanged=unchanged)

    def deferred(self) -> set[str]:
        """The names whose saves wait for `flush`."""
        return set(self._deferred or ())

    def flush(self, *names: str, write: bool = True) -> None:
        """Write the deferred saves (of `names`, default: all); `write=False` forgets them (a forked child wrote them)."""
        for name in names or list(self._deferred or ()):
            if self._deferred and name in self._deferred:
                tables, meta, unchanged = self._deferred.pop(name)
                if write:
                    save_tables(self.folder / name, tables, meta, compression="lz4", unchanged=unchanged)


def load_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], dict] | None:
    """(tables, meta) of a snapshot written by `save_tables`, or None if any part is missing or fails its checksum."""
    saved = load_json(folder / "meta.json", "snapshot")
    if not isinstance(saved, dict) or not isinstance(saved.get("tables"), dict):
        return None
    tables = {}
    for name, digest in saved["tables"].items():
        try:
            data = (folder / f"{name}.parquet").read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        try:
            tables[name] = read_parquet_bytes(data)
        except Exception:  # noqa: BLE001 - a file that passed its checksum but is not Parquet: rebuild
            return None
    return tables, saved.get("meta", {})


def read_parquet_bytes(data: bytes) -> pd.DataFrame:
    """The table `pd.read_parquet` reads from Parquet bytes, read in this thread: about half the CPU time for the
    small files a re-run reads (no dataset layer, no thread pool competing with the forked children for the cores)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False).to_pandas(use_threads=False)


# Python types of table cells, by the name a segment records; a column's dtype is what pandas infers from the set of
# types its values have (the same for one value of each type as for the whole column).
CELL_SAMPLES = {"int": 0, "float": 0.5, "bool": True, "str": "", "NoneType": None}


def cell_types(values: list) -> set[str] | None:
    """The names of the Python types in `values` (numpy scalars as their Python type), or None for other types."""
    names = set()
    for kind in set(map(type, values)):
        name = "bool" if issubclass(kind, (bool, np.bool_)) else "int" if issubclass(kind, (int, np.integer)) else \
            "float" if issubclass(kind, (float, np.floating)) else kind.__name__
        if name not in CELL_SAMPLES:
            return None
        names.add(name)
    return names


def inferred_dtype(types: set[str]):
    """The dtype pandas gives a table column built from a list of values of these types."""
    return _inferred_dtype(frozenset(types))


@lru_cache(maxsize=None)
def _inferred_dtype(types: frozenset[str]):
    return pd.DataFrame({"c": [CELL_SAMPLES[t] for t in sorted(types)]})["c"].dtype


def encode_values(values: dict[str, object]) -> tuple[str, pd.DataFrame] | None:
    """(kind, table) storing a prepare function's per-article values (`{article_id: value}`) as Parquet columns: a list
    of tokens ("list"), a dict of lists ("fields"), a dict of counts ("counts"). None for any other shape."""
    items = list(values.values())
    ids = pd.Series(list(values), dtype=object)
    if all(isinstance(v, (list, np.ndarray)) for v in items):
        return "list", pd.DataFrame({"id": ids, "value": pd.Series([np.asarray(v) if isinstance(v, np.ndarray) else v for v in items], dtype=object)})
    if not all(isinstance(v, dict) for v in items):
        return None
    if all(all(isinstance(x, (list, np.ndarray)) for x in v.values()) for v in items) and any(items):
        fields = list(items[0])
        if any(list(v) != fields for v in items):
            return None
        return "fields", pd.DataFrame({"id": ids, **{f"f_{f}": pd.Series([v[f] for v in items], dtype=object) for f in fields}})
    if all(set(map(type, v)) <= {str} and set(map(type, v.values())) <= {int} for v in items):
        return "counts", pd.DataFrame({"id": ids, "keys": pd.Series([list(v) for v in items], dtype=object),
                                       "values": pd.Series([list(v.values()) for v in items], dtype=object)})
    return None


def _plain_list(array) -> list | np.ndarray:
    """A stored list as the prepare function gave it: numbers stay a numpy array, text becomes a list of str."""
    array = np.asarray(array)
    return array if array.dtype.kind in "iuf" else array.tolist()


def decode_values(kind: str, table: pd.DataFrame) -> dict[str, object]:
    """The `{article_id: value}` an `encode_values` table holds (lists of text as lists, of numbers as arrays)."""
    ids = table["id"].tolist()
    if kind == "list":
        return {a: _plain_list(v) for a, v in zip(ids, table["value"])}
    if kind == "counts":
        return {a: dict(zip(np.asarray(k).tolist(), np.asarray(v).tolist())) for a, k, v in zip(ids, table["keys"], table["values"])}
    fields = [c for c in table.columns if c.startswith("f_")]
    columns = [table[c].tolist() for c in fields]
    return {a: {f[2:]: _plain_list(col[i]) for f, col in zip(fields, columns)} for i, a in enumerate(ids)}


class Segments:
    """The assembled per-article tables of the last run (and the per-article halves of the corpus-level analyses),
    kept in the cache as segments of Parquet, so a re-run reads a few files instead of one JSON entry per article and
    stores only its new articles (a new segment); segments are merged when they hold many removed articles.

    Each segment lists its articles (cache key, file, catalog row, flags, outlet hint) and the Python types of each
    table column's values, from which the pandas dtype of a column over any set of articles follows."""

    MAX_SEGMENTS = 8
    MAX_DEAD_SHARE = 0.25

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _manifest(self) -> list[str]:
        saved = load_json(self.folder / "manifest.json", "segments") if (self.folder / "manifest.json").exists() else None
        return [s for s in saved if isinstance(s, str)] if isinstance(saved, list) else []

    def load(self, keys: set[str]) -> list[dict] | None:
        """The segments holding any of `keys`: {"articles": [...], "types": ..., "tables": ..., "prepared": ...,
        "stored": every key in it}; None if a segment is unreadable (the caller reads the JSON entries)."""
        out = []
        for name in self._manifest():
            saved = load_tables(self.folder / name)
            if saved is None or not isinstance(saved[1].get("articles"), list):
                return None
            tables, meta = saved
            stored = [a["key"] for a in meta["articles"]]
            if not keys.intersection(stored):
                out.append({"stored": stored, "articles": [], "types": {}, "tables": {}, "prepared": {}})
                continue
            out.append({"stored": stored, "articles": meta["articles"], "types": meta.get("types", {}),
                        "tables": {n[2:]: t for n, t in tables.items() if n.startswith("t_")},
                        "prepared": {key: (kind, tables[f"p_{i}"]) for i, (key, kind) in enumerate(meta.get("prepared", []))}})
        return out

    def save(self, articles: list[dict], tables: dict[str, pd.DataFrame], types: dict[str, dict[str, list[str]]],
             prepared: dict[str, dict[str, object]], *, loaded: list[dict] | None) -> None:
        """Store `articles` (their rows of `tables`, column `types` and prepared values) as one new segment: added to
        the `loaded` segments when those still hold most of the current articles, else replacing them all."""
        live = {a["key"] for a in articles}
        old = loaded or []
        stored = {k for s in old for k in s["stored"]}
        dead = len(stored - live)
        fresh = [a for a in articles if a["key"] not in stored]
        keep = old and len(old) < self.MAX_SEGMENTS and dead <= self.MAX_DEAD_SHARE * max(1, len(stored))
        if keep and not fresh:
            return
        if keep:
            ids = {a["row"]["article_id"] for a in fresh}
            tables = {n: t[t["article_id"].isin(ids)] for n, t in tables.items()}
            prepared = {k: {a: v for a, v in values.items() if a in ids} for k, values in prepared.items()}
            articles = fresh
        encoded, kinds = {}, []
        for i, (key, values) in enumerate(prepared.items()):
            kind = encode_values(values)
            if kind is None:
                return
            kinds.append([key, kind[0]])
            encoded[f"p_{i}"] = kind[1]
        name = hashlib.sha256("|".join(sorted(a["key"] for a in articles)).encode()).hexdigest()[:20]
        try:
            save_tables(self.folder / name, {**{f"t_{n}": t for n, t in tables.items()}, **encoded},
                        {"articles": articles, "types": types, "prepared": kinds}, keep_unchanged=False, compression="lz4")
        except Exception:  # noqa: BLE001 - cells Parquet cannot hold: no segment, the next run reads the JSON entries
            shutil.rmtree(self.folder / name, ignore_errors=True)
            return
        segments = [*(s for s in self._manifest() if keep), name] if keep else [name]
        dump_json(self.folder / "manifest.json", "segments", segments)
        for stale in {p.name for p in self.folder.iterdir() if p.is_dir()} - set(segments):
            shutil.rmtree(self.folder / stale, ignore_errors=True)
