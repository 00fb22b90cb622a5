"""The corpus catalog: one row per article (outlet, type, certainty, date, title, author, evidence).

`python -m analysis import` appends rows with where each article came from (`IMPORT_COLUMNS`), in the file's own
delimiter and encoding. Researchers fill it in Excel as often as in a text editor, so `articles.csv` is read with comma or semicolon,
as UTF-8 (with or without BOM) or cp1252, and `articles.xlsx` is read when present. A bad row is reported with its
line number and reason and only that row is ignored; dates are checked and DD.MM.YYYY is normalised.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pandas as pd

from . import config
from .codebook import load
from .files import atomic_write, safe_cell

CATALOG_COLUMNS = ["article_id", "outlet", "outlet_type", "outlet_certainty", "date", "title", "author", "evidence"]
# Where an imported article came from (`python -m analysis import`), so a study can document its sampling: the export
# file or address list (`import_source`), the article's place in it ("3 of 12"), the page address, the export's
# format, the length the export states, and when it was imported (for a web page: when it was fetched, UTC).
IMPORT_COLUMNS = ["import_source", "import_position", "import_url", "import_format", "import_words", "imported_at"]
CERTAINTIES = ("certain", "likely", "uncertain")
EXCEL_NAME = "articles.xlsx"
_ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_GERMAN_MONTH = re.compile(r"(\d{1,2})\.(\d{4})|(\d{1,2})/(\d{4})")


def normalise_date(value: str) -> tuple[str, str]:
    """(ISO date, problem): YYYY, YYYY-MM, YYYY-MM-DD kept; DD.MM.YYYY and MM.YYYY normalised; else a problem."""
    value = value.strip()
    if not value or _ISO_DATE.fullmatch(value):
        return value, ""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", value)
    if m:
        return m.group(1), ""
    m = _GERMAN_DATE.fullmatch(value)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        iso = f"{year}-{month:02d}-{day:02d}"
        if _ISO_DATE.fullmatch(iso):
            return iso, ""
    m = _GERMAN_MONTH.fullmatch(value)
    if m:
        month, year = int(m.group(1) or m.group(3)), m.group(2) or m.group(4)
        iso = f"{year}-{month:02d}"
        if _ISO_DATE.fullmatch(iso):
            return iso, ""
    return "", f"date '{value}' is not a date (write YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY); the date found in the file is used"


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    """The delimiter of the header line: German Excel writes ';', most tools ','; tab is accepted too."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    """(header, [(line number, fields)], problems) of a catalog CSV; the header line is the first not starting with '#'."""
    text = _decode(path.read_bytes())
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if start is None:
        return [], [], []
    delimiter = _delimiter(lines[start])
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    problems: list[str] = []
    try:
        for fields in reader:
            line = start + reader.line_num
            if not header:
                header = [h.strip().lower() for h in fields]
                continue
            if not any(f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
                continue
            rows.append((line, fields))
    except csv.Error as err:
        problems.append(f"{path.name} line {start + reader.line_num}: {err}; the rows after it are ignored")
    return header, rows, problems


def _read_excel(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    try:
        frame = pd.read_excel(path, dtype=str, header=None, keep_default_na=False, engine="openpyxl")
    except Exception as err:  # noqa: BLE001 - any unreadable workbook is the user's file, reported in one line
        return [], [], [f"{path.name} could not be read ({type(err).__name__}: {err}); save it again as .xlsx or as articles.csv"]
    records = [[str(v) for v in row] for row in frame.itertuples(index=False)]
    start = next((i for i, r in enumerate(records) if any(v.strip() for v in r)), None)
    if start is None:
        return [], [], []
    header = [h.strip().lower() for h in records[start]]
    rows = [(i + 1, r) for i, r in enumerate(records) if i > start and any(v.strip() for v in r)]
    return header, rows, []


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]], list[str]]:
    """(lower-cased header, [(line number, fields)], problems) of a .csv or .xlsx table as researchers save them
    (comma or semicolon, UTF-8 or cp1252, Excel): the catalog, or a list of web addresses."""
    path = Path(path)
    return _read_excel(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)


def load_catalog(corpus_dir: Path) -> tuple[pd.DataFrame, list[str]]:
    """The corpus catalog (`articles.xlsx` if present, else `articles.csv`); returns (catalog, problems).

    Columns beyond the standard ones (a `group`, `country`, ...) are kept, so any of them can be the comparison unit.
    Each problem names the file, the line and what to do. Only the bad row is ignored.
    """
    corpus_dir = Path(corpus_dir)
    csv_path, xlsx_path = corpus_dir / config.CATALOG_NAME, corpus_dir / EXCEL_NAME
    problems: list[str] = []
    if xlsx_path.is_file():
        path = xlsx_path
        header, rows, problems = _read_excel(xlsx_path)
        if csv_path.is_file():
            problems.append(f"both {EXCEL_NAME} and {config.CATALOG_NAME} exist: {EXCEL_NAME} is used")
    elif csv_path.is_file():
        path = csv_path
        header, rows, problems = _read_csv(csv_path)
    else:
        return pd.DataFrame(columns=CATALOG_COLUMNS), problems
    if "article_id" not in header:
        problems.append(
            f"{path.name} has no column 'article_id' (its first line must name the columns: {','.join(CATALOG_COLUMNS)}); "
            "articles get outlet 'unknown'"
        )
        return pd.DataFrame(columns=CATALOG_COLUMNS), problems
    extra = [h for h in dict.fromkeys(header) if h and h not in CATALOG_COLUMNS]  # a researcher's own columns (group, country, ...)
    clashes = [h for h in extra if h in COMPUTED_COLUMNS]
    if clashes:
        problems.append(f"{path.name}: column(s) {', '.join(clashes)} are computed by the extract from each file; the catalog's "
                        f"values are kept as {', '.join('catalog_' + h for h in clashes)}")
        header = ["catalog_" + h if h in clashes else h for h in header]
        extra = ["catalog_" + h if h in clashes else h for h in extra]
    columns = CATALOG_COLUMNS + extra
    records, seen = [], {}
    for line, fields in rows:
        if len(fields) > len(header):
            problems.append(
                f"{path.name} line {line}: {len(fields)} fields, the header has {len(header)} "
                "(a title or evidence with a comma or semicolon must be in quotes); row ignored"
            )
            continue
        record = dict(zip(header, (f.strip() for f in fields)))
        record = {c: record.get(c, "") for c in columns}
        aid = unicodedata.normalize("NFC", record["article_id"])
        if not aid:
            problems.append(f"{path.name} line {line}: no article_id; row ignored")
            continue
        if aid in seen:
            problems.append(f"{path.name} line {line}: article_id {aid} already on line {seen[aid]}; the first row is used")
            continue
        seen[aid] = line
        record["article_id"] = aid
        record["date"], problem = normalise_date(record["date"])
        if problem:
            problems.append(f"{path.name} line {line}: {problem}")
        certainty = record["outlet_certainty"].lower()
        if certainty and certainty not in CERTAINTIES:
            problems.append(f"{path.name} line {line}: outlet_certainty '{record['outlet_certainty']}' is not one of "
                            f"{', '.join(CERTAINTIES)}; read as 'uncertain'")
            certainty = "uncertain"
        record["outlet_certainty"] = certainty
        records.append(record)
    return pd.DataFrame(records, columns=columns), problems


# Columns the extract computes for each article (corpus.load_article's row, the flags, the outlet label): a catalog
# column of the same name is renamed, never merged over them (test_catalog checks this list against load_article)
COMPUTED_COLUMNS = frozenset({"file", "format", "encoding", "bytes", "sha256", "text_sha256", "detected_title", "detected_date",
                              "detected_author", "detected_outlet", "words", "sentences", "paragraphs", "removed_lines",
                              "german_share", "flags", "outlet_label"})


def join_catalog(articles: pd.DataFrame, catalog: pd.DataFrame, texts: dict[str, str], *,
                 suggestions: dict[str, tuple[str, str]] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Articles with their catalog row (outlet, type, certainty, date, title, author, evidence) and outlet label.

    An article without a row gets outlet 'unknown' and is listed in the returned warnings (its file, with an outlet
    suggested from the signatures codebook when its text, `texts[article_id]`, matches one; `suggestions` holds
    `suggest_outlet`'s answers already known, e.g. cached with each article, so no text is searched again). Empty catalog fields fall back to what
    was detected in the file (date, title, author). Articles keep catalog order (then file order), so an outlet's
    colour does not change when files are added.
    """
    warnings: list[str] = []
    if articles.empty:
        out = articles.copy()
        for col in ("outlet", "outlet_label", *CATALOG_COLUMNS[2:], "words"):
            out[col] = pd.Series(dtype=object if col != "words" else int)
        return out, warnings
    merged = articles.merge(catalog, on="article_id", how="left", indicator=True)
    missing = (merged["_merge"] == "left_only").to_numpy()
    evidences = []
    for aid, file in zip(merged["article_id"][missing].tolist(), merged["file"][missing].tolist()):
        known = (suggestions or {}).get(aid)
        suggestion, evidence = known if known is not None else suggest_outlet(texts.get(aid, ""))
        evidences.append(f"not in catalog; signature suggests {suggestion} ({evidence})" if suggestion else "not in catalog")
        hint = f" (its text suggests outlet '{suggestion}')" if suggestion else ""
        warnings.append(f"{file}{hint}")
    if evidences:
        merged.loc[missing, "outlet"] = "unknown"
        merged.loc[missing, "outlet_certainty"] = "uncertain"
        merged.loc[missing, "evidence"] = evidences
    for col in catalog.columns[1:]:
        merged[col] = merged[col].fillna("").astype(str)
    merged.loc[merged["outlet"] == "", "outlet"] = "unknown"
    for col in ("date", "title", "author"):
        merged.loc[merged[col] == "", col] = merged[f"detected_{col}"]
    merged["outlet_label"] = [o if c == "certain" else f"{o}?" for o, c in zip(merged["outlet"], merged["outlet_certainty"])]
    order = {aid: i for i, aid in enumerate(catalog["article_id"])}
    merged["_order"] = [order.get(a, len(order)) for a in merged["article_id"]]
    merged = merged.sort_values("_order", kind="stable").drop(columns=["_merge", "_order"]).reset_index(drop=True)
    return merged, warnings


def suggest_outlet(body: str) -> tuple[str, str]:
    """Outlet suggested by the signatures codebook for an uncatalogued article, with evidence."""
    for entry in load("outlets.yaml"):
        hits = [p for p in entry["patterns"] if re.search(p, body, re.MULTILINE)]
        if hits:
            return entry["outlet"], "; ".join(hits)
    return "", ""


def missing_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """Catalog rows ready to fill for the articles without one: what the file's own metadata says (saved web pages:
    site name, date, title, author) or the signatures codebook suggests, marked 'likely'; else left empty."""
    rows = []
    for r in articles[articles["evidence"].str.startswith("not in catalog")].itertuples():
        sitename = getattr(r, "detected_outlet", "") or ""
        suggested = re.search(r"signature suggests (.+?) \(", r.evidence)
        outlet = sitename or (suggested.group(1) if suggested else "")
        rows.append({
            "article_id": r.article_id, "outlet": outlet, "outlet_type": "",
            "outlet_certainty": "likely" if outlet else "",
            "date": r.detected_date, "title": r.detected_title, "author": r.detected_author,
            "evidence": "site name in the saved page's metadata" if sitename else (r.evidence if outlet else ""),
        })
    return pd.DataFrame(rows, columns=CATALOG_COLUMNS)


def _encoded(text: str, encoding: str) -> bytes:
    """`text` in the catalog's own encoding; a cp1252 catalog that cannot hold a new character becomes UTF-8 (BOM)."""
    if encoding == "cp1252":
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            encoding = "utf-8-sig"
    return text.encode(encoding)


def _csv_line(values: list[str], delimiter: str, newline: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerow([safe_cell(str(v)) for v in values])
    return buffer.getvalue()


def _append_csv(path: Path, rows: list[dict]) -> None:
    """Append to a catalog CSV as the researcher saved it: its delimiter, encoding and line ends are kept, missing
    columns are added to its header line (shorter old rows stay valid), and no existing line is changed."""
    raw = path.read_bytes() if path.is_file() else b""
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252", errors="replace")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")), None)
    if start is None:  # a new catalog (or one with comments only): the standard header first
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        lines.append(_csv_line(CATALOG_COLUMNS + IMPORT_COLUMNS, ",", newline))
        start = len(lines) - 1
    delimiter = _delimiter(lines[start])
    header = next(csv.reader([lines[start].rstrip("\r\n")], delimiter=delimiter))
    known = {h.strip().lower() for h in header}
    added = [c for c in CATALOG_COLUMNS + IMPORT_COLUMNS if c not in known]
    if added:
        lines[start] = _csv_line(header + added, delimiter, newline)
    columns = [h.strip().lower() for h in header] + added
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    lines += [_csv_line([r.get(c, "") for c in columns], delimiter, newline) for r in rows]
    atomic_write(path, _encoded("".join(lines), encoding))


def _append_excel(path: Path, rows: list[dict]) -> None:
    """Append to `articles.xlsx` below its last row; missing columns are added to its header row."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.worksheets[0]
    header_row = next((r for r in sheet.iter_rows() if any(c.value not in (None, "") for c in r)), None)
    if header_row is None:
        sheet.append(CATALOG_COLUMNS + IMPORT_COLUMNS)
        header_row = next(sheet.iter_rows())
    header = [str(c.value or "").strip().lower() for c in header_row]
    row_no = header_row[0].row
    for column in [c for c in CATALOG_COLUMNS + IMPORT_COLUMNS if c not in header]:
        header.append(column)
        sheet.cell(row=row_no, column=len(header), value=column)
    for r in rows:
        sheet.append([safe_cell(str(r.get(c, ""))) if r.get(c, "") != "" else None for c in header])
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


def append_problem(corpus_dir: Path) -> str:
    """Why rows cannot be appended to the corpus catalog (its header names no article_id column), or ''."""
    corpus_dir = Path(corpus_dir)
    xlsx = corpus_dir / EXCEL_NAME
    path = xlsx if xlsx.is_file() else corpus_dir / config.CATALOG_NAME
    if not path.is_file():
        return ""
    header, _, problems = (_read_excel if path == xlsx else _read_csv)(path)
    if xlsx.is_file() and problems:
        return problems[0]
    if header and "article_id" not in header:
        return (f"{path.name} has no column 'article_id' (its first line must name the columns: {','.join(CATALOG_COLUMNS)}); "
                "fix it, then import again")
    return ""


def append_rows(corpus_dir: Path, rows: list[dict]) -> Path:
    """Add catalog rows for imported articles to the catalog the corpus uses (`articles.xlsx` if present, else
    `articles.csv`, created if missing) and return its path. Rows whose article_id the catalog already has are left
    out: an existing row is never overwritten. Callers serialise writers (the importer locks the corpus folder)."""
    corpus_dir = Path(corpus_dir)
    catalog, _ = load_catalog(corpus_dir)
    have = set(catalog["article_id"])
    rows = [r for r in rows if r["article_id"] not in have]
    xlsx = corpus_dir / EXCEL_NAME
    path = xlsx if xlsx.is_file() else corpus_dir / config.CATALOG_NAME
    if rows:
        (_append_excel if path == xlsx else _append_csv)(path, rows)
    return path
