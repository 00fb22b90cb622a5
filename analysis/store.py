"""Cached results on disk in formats that cannot run code when read: checksummed JSON and Parquet, never pickle.

A cache or tables folder may come from a colleague or a replication package; reading it must never execute
anything. Every file carries a format name, a version and a SHA-256 checksum; a corrupt, foreign or old one is
reported as `None` (the caller rebuilds it) instead of being trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import shutil
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


def dump_json(path: Path, kind: str, payload) -> None:
    """Write `payload` as one JSON document under a header line naming format, kind, version and checksum."""
    body = json.dumps(payload, default=_plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
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


def table_digest(table: pd.DataFrame) -> str | None:
    """Content digest of a table (column names, dtypes, cell values), or None for cells that cannot be hashed."""
    digest = hashlib.sha256(json.dumps([[str(c), str(t)] for c, t in table.dtypes.items()]).encode())
    try:
        digest.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
    except (TypeError, ValueError):
        return None
    return digest.hexdigest()


def save_tables(folder: Path, tables: dict[str, pd.DataFrame], meta: dict, *, digests: dict[str, str | None] | None = None) -> None:
    """A snapshot of every table as Parquet plus `meta.json` (the checksums of the Parquet files and `meta`).

    A table whose content digest equals the last snapshot's keeps its Parquet file (not written again); `digests`
    are the tables' `table_digest`s when the caller has them already."""
    known = digests or {}
    folder.mkdir(parents=True, exist_ok=True)
    last = load_json(folder / "meta.json", "snapshot") if (folder / "meta.json").exists() else None
    last_sums = last.get("tables", {}) if isinstance(last, dict) else {}
    last_digests = last.get("digests", {}) if isinstance(last, dict) else {}
    sums, digests = {}, {}
    for name, table in tables.items():
        digest = known[name] if name in known else table_digest(table)
        path = folder / f"{name}.parquet"
        if digest is not None and last_digests.get(name) == digest and name in last_sums and path.exists():
            sums[name], digests[name] = last_sums[name], digest
            continue
        data = table.reset_index(drop=True).to_parquet(index=False)
        atomic_write(path, data)
        sums[name], digests[name] = hashlib.sha256(data).hexdigest(), digest
    dump_json(folder / "meta.json", "snapshot", {"meta": meta, "tables": sums, "digests": digests})
    for stale in set(p.stem for p in folder.glob("*.parquet")) - set(tables):
        (folder / f"{stale}.parquet").unlink(missing_ok=True)


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
                atomic_write(file, part.reset_index(drop=True).to_parquet(index=False))
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

    def __init__(self, folder: Path, *, keys: dict[str, str]) -> None:
        self.folder, self.keys = Path(folder), dict(keys)

    def load(self, name: str) -> tuple[dict[str, pd.DataFrame], dict] | None:
        """(tables, meta) saved under `name`, or None (missing, corrupt or of another version)."""
        return load_tables(self.folder / name) if (self.folder / name / "meta.json").exists() else None

    def save(self, name: str, tables: dict[str, pd.DataFrame], meta: dict) -> None:
        save_tables(self.folder / name, tables, meta)


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
            tables[name] = pd.read_parquet(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - a file that passed its checksum but is not Parquet: rebuild
            return None
    return tables, saved.get("meta", {})
