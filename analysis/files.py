"""Writing outputs safely: atomically under a unique temporary name, and CSV cells that no spreadsheet executes."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

# OWASP, CSV injection: a cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FEW_CELLS = 256  # up to this many rows, `csv_text` checks text cells one by one


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `path` through a uniquely named temporary file in the same folder, then rename: readers never see a
    half-written file, and two writers never share a temporary file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_append(path: Path, data: bytes) -> None:
    """Rewrite `path` as its bytes followed by `data`, atomically as `atomic_write` does; the old bytes are copied
    in the kernel (`shutil.copyfile`), not read into Python, so adding a few records to a large file costs little."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.close(fd)
        shutil.copyfile(path, tmp)
        with open(tmp, "ab") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_splice(path: Path, pieces: list[bytes | tuple[int, int]]) -> None:
    """Rewrite `path` atomically, as `atomic_write` does, as its `pieces` one after another: bytes, or (start, stop)
    byte ranges of the file as it is, copied in the kernel (`os.copy_file_range`) so the unchanged records of a large
    CSV are never read into Python. ValueError (nothing written) if a range lies beyond the file's end."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(path, "rb", buffering=0) as src, os.fdopen(fd, "wb", buffering=0) as dst:
            kernel = hasattr(os, "copy_file_range")
            for piece in pieces:
                if not isinstance(piece, tuple):
                    view = memoryview(piece)
                    while view:
                        view = view[dst.write(view):]
                    continue
                start, stop = piece
                while start < stop:
                    try:
                        n = os.copy_file_range(src.fileno(), dst.fileno(), stop - start, start) if kernel else -1
                    except OSError:  # a file system that cannot: copied through here
                        kernel, n = False, -1
                    if n < 0:
                        chunk = os.pread(src.fileno(), min(stop - start, 1 << 24), start)
                        view = memoryview(chunk)
                        while view:
                            view = view[dst.write(view):]
                        n = len(chunk)
                    if n == 0:
                        raise ValueError(f"{path.name} ends before byte {stop}")
                    start += n
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_cell(value):
    """A text cell as a spreadsheet shows it but never runs it: a leading formula character gets a quote (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(table: pd.DataFrame, path: Path, *, index: bool = False) -> None:
    """A UTF-8 CSV with formula-like text cells escaped, written atomically."""
    atomic_write(path, csv_text(table, index=index))


def csv_text(table: pd.DataFrame, *, index: bool = False) -> str:
    """The text `write_csv` writes: header line, then one record per row, each ending in a line feed."""
    escaped = {}
    for i, col in enumerate(table.columns):
        values = table.iloc[:, i]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            if len(values) <= FEW_CELLS:  # a re-run's new rows: a plain loop beats the .str accessor's set-up
                risky = np.fromiter((isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values.tolist()),
                                    dtype=bool, count=len(values))
            else:
                try:
                    risky = values.str.startswith(FORMULA_STARTS, na=False).to_numpy(dtype=bool)
                except AttributeError:  # no text in the column
                    continue
            if risky.any():  # only the cells that need it: most columns have none
                values = values.copy()
                values[risky] = ["'" + v for v in values[risky]]
                escaped[i] = values
    if escaped:
        table = table.copy(deep=False)
        for i, values in escaped.items():
            table.isetitem(i, values)
    fast = None if index else _joined_csv(table)
    return fast if fast is not None else table.to_csv(index=index, lineterminator="\n")


def _quoted_by_writer() -> str:
    """The characters that make Python's csv writer (as pandas' `to_csv` sets it up) quote a cell: the delimiter, the
    quote and the line feed, and the carriage return in Python versions that quote it too."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["a\rb"])
    return ',"\n' + ("\r" if buffer.getvalue().startswith('"') else "")


NEEDS_QUOTES = re.compile("[" + re.escape(_quoted_by_writer()) + "]")


def _joined_csv(table: pd.DataFrame) -> str | None:
    """`table.to_csv(index=False, lineterminator="\\n")` built by joining each column's cell texts, about twice as fast:
    numbers and booleans as pandas formats them for CSV (floats by numpy's `astype(str)`, missing ones empty), text
    as it is, quoted as the csv writer does (a cell holding a delimiter, quote or line feed; a record that is one empty
    cell). None (let pandas write it) for column names or dtypes it does not handle: dates, categories, mixed objects."""
    names = list(table.columns)
    if not all(isinstance(c, str) for c in names) or not names:
        return None
    columns = []
    for i in range(len(names)):
        values = table.iloc[:, i]
        dtype = values.dtype
        kind = getattr(dtype, "kind", None)
        if isinstance(dtype, np.dtype) and kind in "iub":
            cells = list(map(str, values.to_numpy().tolist()))
        elif isinstance(dtype, np.dtype) and kind == "f":
            array = values.to_numpy()
            text = array.astype(str)
            text[np.isnan(array)] = ""
            cells = text.tolist()
        elif isinstance(dtype, pd.StringDtype) or (dtype == object and pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty")):
            cells = values.tolist()
            if values.hasnans:
                for k in np.flatnonzero(values.isna().to_numpy()).tolist():
                    cells[k] = ""
            if NEEDS_QUOTES.search("".join(cells)) is None:  # most columns: no cell to quote, found in one pass
                quote = []
            elif isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
                quote = np.flatnonzero(values.str.contains(NEEDS_QUOTES.pattern, regex=True, na=False).to_numpy(dtype=bool)).tolist()
            else:
                quote = [k for k, c in enumerate(cells) if NEEDS_QUOTES.search(c)]
            for k in quote:
                cells[k] = '"' + cells[k].replace('"', '""') + '"'
        else:
            return None
        columns.append(cells)
    header = ",".join('"' + c.replace('"', '""') + '"' if NEEDS_QUOTES.search(c) or (c == "" and len(names) == 1) else c for c in names)
    if len(names) == 1:  # a record that is one empty cell is written as ""
        columns[0] = [c if c else '""' for c in columns[0]]
    if not len(table):
        return header + "\n"
    return header + "\n" + "\n".join(map(",".join, zip(*columns))) + "\n"


def record_ends(data: bytes) -> np.ndarray:
    """Offsets just past each record of CSV bytes from `csv_text` (the header is the first record): line feeds
    outside quotes, as a line feed inside a cell is always within quotes."""
    raw = np.frombuffer(data, dtype=np.uint8)
    feeds = np.flatnonzero(raw == 10)
    quoted = np.searchsorted(np.flatnonzero(raw == 34), feeds) % 2 == 1  # an odd number of quotes before it
    return feeds[~quoted] + 1


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) while the block runs: read-modify-write of a shared file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def run_lock(folder: Path, *, say=print) -> Iterator[None]:
    """Serialise runs that write one folder: a second run waits for the first (and says so), never interleaves."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"waiting: another run is writing {folder} ...")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files a killed run left behind (only called while holding the folder's run lock)."""
    if folder.is_dir():
        for tmp in [*folder.glob(".*.tmp"), *folder.glob(".*.tmp.ipynb")]:
            tmp.unlink(missing_ok=True)
