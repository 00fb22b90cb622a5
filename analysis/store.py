"""Cached results on disk in formats that cannot run code when read: checksummed JSON and Parquet, never pickle.

A cache or tables folder may come from a colleague or a replication package; reading it must never execute
anything. Every file carries a format name, a version and a SHA-256 checksum; a corrupt, foreign or old one is
reported as `None` (the caller rebuilds it) instead of being trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
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


def save_tables(folder: Path, tables: dict[str, pd.DataFrame], meta: dict) -> None:
    """A snapshot of every table as Parquet plus `meta.json` (the checksums of the Parquet files and `meta`)."""
    folder.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name, table in tables.items():
        data = table.reset_index(drop=True).to_parquet(index=False)
        atomic_write(folder / f"{name}.parquet", data)
        sums[name] = hashlib.sha256(data).hexdigest()
    dump_json(folder / "meta.json", "snapshot", {"meta": meta, "tables": sums})
    for stale in set(p.stem for p in folder.glob("*.parquet")) - set(tables):
        (folder / f"{stale}.parquet").unlink(missing_ok=True)


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
