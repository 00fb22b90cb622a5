"""Bring articles in the way researchers get them: database exports split into one text file per article, and lists
of web addresses fetched politely. Every imported article gets a catalog row that says where it came from.

Exports: Nexis Uni (.docx, .rtf, .txt: each article ends with "End of Document", its header holds "Length:",
"Byline:", "Section:" and the text follows a "Body" line), classic LexisNexis (.txt, .rtf: "3 of 12 DOCUMENTS" /
"Dokument 3 von 12" before each article, "LENGTH:" ending its header) and Factiva (.rtf, .txt: the field layout with
HD, BY, WC, PD, SN, LP, TD codes, or the plain layout with "Document <accession number>" after each article).
A .zip of such exports (as Nexis Uni delivers several) is imported file by file.
Web addresses: a .txt with one address per line, or a .csv/.xlsx with a `url` column (a Media Cloud export's
title, publish_date and media_name fill the catalog). Fetched pages are kept in `<corpus>/_pages/` (evidence, never
analysed); the extracted main text is the article file.

Nothing is ever overwritten: a new article gets a new file name, and an article already imported (same export and
position, same address, or the same text as a file in the corpus) is left out and reported. A source that cannot be
read is reported with its reason; it stops nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import socket
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from . import config, text
from .catalog import IMPORT_COLUMNS, append_problem, append_rows, load_catalog, normalise_date, read_table
from .config import UserError
from .corpus import Skip, decode, html_to_text

EXPORT_SUFFIXES = (".docx", ".rtf", ".txt")
ARCHIVE_SUFFIXES = (".zip",)  # Nexis Uni delivers several export files as one zip archive
MAX_ARCHIVE_MEMBER_BYTES = 200_000_000
LIST_SUFFIXES = (".csv", ".xlsx", ".txt")
HAND = "added by hand"  # the import source of an article without one (saved by hand)
NO_DATE = "no date"


class ImportProblem(Exception):
    """A source or an article that cannot be imported; the message is the one-line reason shown to the user (and
    `status` the HTTP status of a failed request)."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Found:
    """One article found in an export or fetched from the web, with what its source states about it."""

    title: str
    paragraphs: list[str]
    outlet: str = ""
    date: str = ""
    author: str = ""
    words: str = ""
    position: str = ""
    fmt: str = ""
    evidence: str = ""
    certainty: str = "certain"
    url: str = ""
    fetched_at: str = ""
    html: bytes | None = None

    @property
    def text(self) -> str:
        """The article file's text: headline, then the paragraphs, one per line."""
        lines = [self.title] if self.title and (not self.paragraphs or self.paragraphs[0] != self.title) else []
        return "\n\n".join(lines + self.paragraphs) + "\n"


@dataclass
class ImportSummary:
    """What one import run added, left out as already there, and could not import (with the reason)."""

    corpus_dir: Path
    added: list[tuple[str, str]] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    catalog: Path | None = None

    SHOWN = 20

    def _section(self, title: str, entries: list[tuple[str, str]]) -> list[str]:
        lines = [title] + [f"  - {what}: {why}" for what, why in entries[: self.SHOWN]]
        if len(entries) > self.SHOWN:
            lines.append(f"  ... and {len(entries) - self.SHOWN:,} more")
        return lines

    def __str__(self) -> str:
        lines = [f"Import into {self.corpus_dir}: {len(self.added):,} article(s) added, {len(self.already):,} already "
                 f"there, {len(self.failed):,} not imported."]
        if not self.added and self.already and not self.failed:
            lines.append("Nothing new: every article was imported before, nothing was changed.")
        if self.added:
            lines += self._section("Added:", self.added)
        if self.already:
            lines += self._section("Already there (left out):", self.already)
        if self.failed:
            lines += self._section("Not imported:", self.failed)
        if self.added and self.catalog is not None:
            lines.append(f"Catalog rows added to {self.catalog} (outlet, date, title, author and where each article came from).")
        return "\n".join(lines)


# --------------------------------------------------------------------------- dates, lengths, names

_MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "jänner": 1, "feb": 2, "februar": 2, "february": 2, "mär": 3, "mrz": 3,
    "märz": 3, "mar": 3, "march": 3, "apr": 4, "april": 4, "mai": 5, "may": 5, "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
    "oct": 10, "oktober": 10, "october": 10, "nov": 11, "november": 11, "dez": 12, "dec": 12, "dezember": 12,
    "december": 12,
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zÄäÖöÜü]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-zÄäÖöÜü]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b")
_STATED_WORDS = re.compile(r"(\d[\d.,]*)\s*(?:words?|Wörter|Worte)\b", re.IGNORECASE)


def parse_date(value: str) -> str:
    """The ISO date in a database's date line ('November 14, 2024 Thursday', '14. November 2024 Donnerstag',
    '14 Nov 2024', '2024-11-14', '14.11.2024'), or '' when the line holds none."""
    for rx, order in ((_NUMERIC_DATE, None), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        for m in rx.finditer(value):
            if order is None:
                iso, problem = normalise_date(m.group(1))
                if not problem:
                    return iso
                continue
            day, month, year = (m.group(1), m.group(2), m.group(3)) if order == "dmy" else (m.group(2), m.group(1), m.group(3))
            number = _MONTHS.get(month.lower())
            if number:
                iso, problem = normalise_date(f"{int(day)}.{number}.{year}")
                if not problem:
                    return iso
    return ""


def stated_words(value: str) -> str:
    """The length an export states ('412 words', 'Länge: 1.024 Wörter') as digits, or ''."""
    m = _STATED_WORDS.search(value)
    return re.sub(r"\D", "", m.group(1)) if m else ""


def _slug(value: str, limit: int) -> str:
    """Letters (umlauts kept) and digits of `value`, lower-cased, joined by '-', cut at a word boundary."""
    words = re.findall(r"\w+", unicodedata.normalize("NFC", value).lower().replace("_", " "))
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or (words[0][:limit] if words else "")


def article_name(found: Found) -> str:
    """The file name (without extension) for an article: date, outlet and headline, e.g.
    '2024-11-14_süddeutsche-zeitung_streit-um-die-brücke'; parts the source does not state are left out."""
    parts = [found.date, _slug(found.outlet, 30), _slug(found.title, 60)]
    name = "_".join(p for p in parts if p)
    return name or "article"


def _text_key(value: str) -> str:
    """Hash of a text with its whitespace normalised: the same article saved with other line breaks is the same."""
    return hashlib.sha256(" ".join(text.normalize(value).split()).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- reading export files


def _clean_line(line: str) -> str:
    return unicodedata.normalize("NFC", line.replace("\u00a0", " ").replace("\u200b", "")).strip()


def export_lines(path: Path) -> list[str]:
    """The lines (paragraphs) of a .docx, .rtf or .txt export, stripped; empty lines kept (they separate blocks)."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ImportProblem(f"cannot read the file: {err.strerror or err}") from None
    if not raw.strip():
        raise ImportProblem("empty file")
    if suffix == ".docx":
        import docx

        try:
            lines = [p.text for p in docx.Document(path).paragraphs]
        except Exception as err:  # noqa: BLE001 - python-docx raises many kinds; any of them means the same to a user
            raise ImportProblem(f"not a readable Word .docx file ({type(err).__name__}); open and save it again in Word") from None
        return [_clean_line(ln) for ln in "\n".join(lines).split("\n")]
    try:
        decoded = decode(raw)[0] if not raw.lstrip().startswith(b"{\\rtf") else raw.decode("cp1252", errors="replace")
    except Skip as err:
        raise ImportProblem(f"not a text export: {err}") from None
    if suffix == ".rtf" or decoded.lstrip().startswith("{\\rtf"):
        if not decoded.lstrip().startswith("{\\rtf"):
            raise ImportProblem("not an RTF file (it does not start with '{\\rtf'); export it again as RTF")
        from striprtf.striprtf import rtf_to_text

        match = re.search(r"\\ansicpg(\d+)", decoded[:2000])
        try:
            decoded = rtf_to_text(decoded, encoding=f"cp{match.group(1)}" if match else "cp1252", errors="replace")
        except Exception as err:  # noqa: BLE001 - a damaged RTF file, reported in one line
            raise ImportProblem(f"damaged RTF file ({type(err).__name__}); export it again") from None
        if re.search(r"(?m)^[A-Z]{2,4}\|", decoded):  # a table (Factiva's field codes in the left column): cells end in '|'
            decoded = re.sub(r"(?m)^([A-Z]{2,4})\|", r"\1 ", decoded)
            decoded = re.sub(r"(?m)\|[ \t]*$", "", decoded)
    lines = [_clean_line(ln) for ln in text.normalize(decoded).split("\n")]
    return lines if suffix == ".rtf" else _unwrap(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    """Body paragraphs: the non-empty lines (a .txt export's hard-wrapped lines are joined when it is read)."""
    return [ln for ln in lines if ln]


_WRAP_MIN, _WRAP_MAX = 60, 90  # a hard-wrapped file has many lines this long and none longer


def _unwrap(lines: list[str]) -> list[str]:
    """Join the hard-wrapped lines of a plain-text export (older LexisNexis .txt, no line over 90 characters): a long
    line that does not end a sentence continues on the line right below it. Files with paragraph-long lines stay."""
    if max(map(len, lines), default=0) > _WRAP_MAX or sum(len(ln) >= _WRAP_MIN for ln in lines) < 5:
        return lines
    out: list[str] = []
    for ln in lines:
        if out and ln and len(out[-1]) >= _WRAP_MIN and not re.search(r"[.!?:;\"“”»«')]$", out[-1]):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


_FIELD = re.compile(r"^([A-Za-zÄÖÜäöü][\w -]{1,30}?):\s*(.*)$")
_NEXIS_UNI_END = re.compile(r"^(?:End of Document|Ende des Dokuments)$", re.IGNORECASE)
_NEXIS_START = re.compile(r"^(?:\d+ (?:of|von) \d+ (?:DOCUMENTS?|DOKUMENTE?N?)|Dokument \d+ von \d+|Document \d+ of \d+)$", re.IGNORECASE)
_FACTIVA_END = re.compile(r"^(?:Document|Dokument)\s+([A-Za-z0-9]{16,})$")
_FACTIVA_CODE = re.compile(r"^(HD|BY|CR|WC|PD|ET|SN|SC|ED|PG|LA|CY|LP|TD|CO|IN|NS|RE|IPC|IPD|PUB|AN|SE|CLM|RF|ART)(?:\s+(.*))?$")
_NEXIS_BODY = re.compile(r"^(?:Body|Text|Textkörper)$", re.IGNORECASE)
_NEXIS_BODY_END = re.compile(r"^(?:Classification|Klassifikation|Graphic|Grafik|(?:Load-Date|Ladedatum|Language|Sprache|Publication-Type|"
                             r"LOAD-DATE|LANGUAGE|SPRACHE|PUBLICATION-TYPE|JOURNAL-CODE|ACC-NO|DOKUMENT-TYP|PUBLIKATIONSTYP)\s*:.*)$")
_LENGTH = re.compile(r"^(?:Length|Länge|LENGTH|LÄNGE|Umfang|UMFANG)\s*:\s*(.*)$", re.IGNORECASE)
_AUTHOR = re.compile(r"^(?:Byline|Author|Autor|BYLINE|AUTOR|VON)\s*:\s*(.*)$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:Copyright|\(c\)|©|Alle Rechte|All rights)", re.IGNORECASE)
_LANGUAGE_LINE = re.compile(r"^(?:German|Deutsch|English|Englisch|French|Französisch|Italian|Italienisch)$", re.IGNORECASE)


def detect_layout(lines: list[str]) -> str:
    """'factiva-fields', 'nexis-uni', 'nexis', 'factiva' or '' for an unknown layout."""
    has = {ln.split(" ", 1)[0] for ln in lines if _FACTIVA_CODE.match(ln)}
    if "HD" in has and ("TD" in has or "LP" in has):
        return "factiva-fields"
    if any(_NEXIS_UNI_END.match(ln) for ln in lines):
        return "nexis-uni"
    if any(_NEXIS_START.match(ln) for ln in lines):
        return "nexis"
    if any(_FACTIVA_END.match(ln) for ln in lines):
        return "factiva"
    return ""


LAYOUT_NAMES = {"factiva-fields": "Factiva", "factiva": "Factiva", "nexis-uni": "Nexis Uni", "nexis": "LexisNexis"}


def _author(value: str) -> str:
    return re.sub(r"^(?:Von|By|VON|BY)\s+", "", value.strip()).strip()


def _dated_line(lines: list[str], *, last: bool = False) -> int | None:
    """Index of the first (or last) date line, a short line with a date that is no 'Field: value' line, or None."""
    found = [i for i, ln in enumerate(lines) if ln and len(ln) <= 60 and not _FIELD.match(ln) and parse_date(ln)]
    return (found[-1] if last else found[0]) if found else None


def _parse_nexis_uni(lines: list[str]) -> list[Found | ImportProblem]:
    chunks, current = [], []
    for ln in lines:
        if _NEXIS_UNI_END.match(ln):
            chunks.append(current)
            current = []
        else:
            current.append(ln)
    out: list[Found | ImportProblem] = []
    for k, chunk in enumerate(chunks):
        body_at = next((i for i, ln in enumerate(chunk) if _NEXIS_BODY.match(ln)), None)
        if body_at is None:
            out.append(ImportProblem("no 'Body' line (a graphic or index entry without text?)"))
            continue
        head = [ln for ln in chunk[:body_at] if ln]
        length_at = next((i for i, ln in enumerate(head) if _LENGTH.match(ln)), len(head))
        date_at = _dated_line(head[:length_at], last=True)  # the date line closest to the header fields, not the cover's
        if date_at is None or date_at < 2:
            out.append(ImportProblem("no headline, outlet and date line before 'Body'"))
            continue
        fields = {k: v for ln in head[date_at + 1:] for k, v in [_field(ln)] if k}
        body = []
        for ln in chunk[body_at + 1:]:
            if _NEXIS_BODY_END.match(ln):
                break
            body.append(ln)
        # the headline is everything above the outlet line, except in the first article, where the cover page is
        title = head[:date_at - 1] if k and date_at <= 4 else head[date_at - 2:date_at - 1]
        out.append(Found(
            title=" ".join(title), outlet=head[date_at - 1], date=parse_date(head[date_at]),
            author=_author(fields.get("byline") or fields.get("author") or fields.get("autor") or ""),
            words=stated_words(fields.get("length") or fields.get("länge") or ""), paragraphs=_paragraphs(body),
        ))
    return out


def _field(line: str) -> tuple[str, str]:
    m = _FIELD.match(line)
    return (m.group(1).strip().lower(), m.group(2).strip()) if m else ("", "")


_NEXIS_SKIP = re.compile(r"^(?:LOAD-DATE|UPDATE|GRAFIK|GRAPHIC|DATELINE|HIGHLIGHT|SECTION|RUBRIK|BYLINE|AUTOR|EDITION|AUSGABE)\s*:")


def _parse_nexis(lines: list[str]) -> list[Found | ImportProblem]:
    starts = [i for i, ln in enumerate(lines) if _NEXIS_START.match(ln)]
    out: list[Found | ImportProblem] = []
    for k, start in enumerate(starts):
        chunk = lines[start + 1: starts[k + 1] if k + 1 < len(starts) else len(lines)]
        length_at = next((i for i, ln in enumerate(chunk) if _LENGTH.match(ln)), None)
        if length_at is None:
            out.append(ImportProblem("no 'LENGTH:' line ending the article's header"))
            continue
        head = [ln for ln in chunk[:length_at] if ln]
        date_at = _dated_line(head)
        outlet = head[0] if head and head[0] and date_at != 0 else ""
        author = next((_author(m.group(1)) for ln in head if (m := _AUTHOR.match(ln))), "")
        title = [ln for i, ln in enumerate(head) if i != date_at and ln != outlet and not _FIELD.match(ln) and not _COPYRIGHT.match(ln)]
        body = []
        for ln in chunk[length_at + 1:]:
            if _NEXIS_BODY_END.match(ln) or _COPYRIGHT.match(ln):
                break
            if not _NEXIS_SKIP.match(ln):
                body.append(ln)
        out.append(Found(
            title=" ".join(title[-1:]), outlet=outlet, date=parse_date(head[date_at]) if date_at is not None else "",
            author=author, words=stated_words(chunk[length_at]), paragraphs=_paragraphs(body),
        ))
    return out


def _parse_factiva_fields(lines: list[str]) -> list[Found | ImportProblem]:
    records: list[dict[str, list[str]]] = []
    code = None
    for ln in lines:
        m = _FACTIVA_CODE.match(ln)
        if m:
            code = m.group(1)
            if code == "HD":
                records.append({})
            if records:
                records[-1].setdefault(code, [])
                if m.group(2):
                    records[-1][code].append(m.group(2).strip())
        elif records and code:
            records[-1][code].append(ln)
    out: list[Found | ImportProblem] = []
    for rec in records:
        def one(c: str) -> str:
            return " ".join(v for v in rec.get(c, []) if v)

        body = [ln for ln in rec.get("LP", []) + rec.get("TD", []) if ln]
        if not body:
            out.append(ImportProblem("no text (neither LP nor TD field)"))
            continue
        out.append(Found(title=one("HD"), outlet=one("SN"), date=parse_date(one("PD")), author=_author(one("BY")),
                         words=stated_words(one("WC")), paragraphs=body))
    return out


def _parse_factiva(lines: list[str]) -> list[Found | ImportProblem]:
    out: list[Found | ImportProblem] = []
    chunk: list[str] = []
    for ln in lines:
        if not _FACTIVA_END.match(ln):
            chunk.append(ln)
            continue
        part = [x for x in chunk if x]
        chunk = []
        wc_at = next((i for i, x in enumerate(part[:8]) if re.fullmatch(r"\d[\d.,]*\s+(?:words|Wörter|Worte)", x, re.IGNORECASE)), None)
        if wc_at is None or wc_at == 0:
            out.append(ImportProblem("no headline and word count ('412 words') at the top of the article"))
            continue
        rest = part[wc_at + 1:]
        date_at = next((i for i, x in enumerate(rest[:3]) if parse_date(x)), None)
        if date_at is None:
            out.append(ImportProblem("no date line after the word count"))
            continue
        i = date_at + 1
        if i < len(rest) and re.fullmatch(r"\d{1,2}:\d{2}(?:\s*\w+)?", rest[i]):
            i += 1
        outlet = rest[i] if i < len(rest) else ""
        lang_at = next((j for j in range(i + 1, min(i + 8, len(rest))) if _LANGUAGE_LINE.match(rest[j])), None)
        j = (lang_at + 1) if lang_at is not None else i + 1
        if lang_at is None and j < len(rest) and re.fullmatch(r"[A-Z0-9]{2,10}", rest[j]):
            j += 1
        while j < len(rest) and _COPYRIGHT.match(rest[j]):
            j += 1
        out.append(Found(title=part[0], author=_author(" ".join(part[1:wc_at])), words=stated_words(part[wc_at]),
                         date=parse_date(rest[date_at]), outlet=outlet, paragraphs=rest[j:]))
    return out


_PARSERS = {"factiva-fields": _parse_factiva_fields, "nexis-uni": _parse_nexis_uni, "nexis": _parse_nexis, "factiva": _parse_factiva}


def read_export(path: Path) -> tuple[str, list[Found | ImportProblem]]:
    """(layout name, the export's articles in order) of one Nexis or Factiva export; an article that cannot be read
    is an `ImportProblem` in its place. A file that is no known export raises `ImportProblem`."""
    lines = export_lines(path)
    layout = detect_layout(lines)
    if not layout:
        raise ImportProblem("unknown layout: no Nexis Uni 'End of Document', LexisNexis '1 of 12 DOCUMENTS' or Factiva "
                            "'Document <number>' / 'HD' line found; export as .docx, .rtf or .txt with full text")
    found = _PARSERS[layout](lines)
    if not found:
        raise ImportProblem(f"{LAYOUT_NAMES[layout]} layout recognised, but no article in it")
    name = f"{LAYOUT_NAMES[layout]} ({path.suffix.lower()})"
    n = len(found)
    for k, item in enumerate(found, 1):
        if isinstance(item, Found):
            item.position, item.fmt, item.certainty = f"{k} of {n}", name, "certain" if item.outlet else ""
            item.evidence = f"stated in the {LAYOUT_NAMES[layout]} export" if item.outlet else ""
            if not item.paragraphs:
                found[k - 1] = ImportProblem("no text after the header")
    return name, found


# --------------------------------------------------------------------------- web addresses


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass
class Address:
    """One web address to fetch, with where it was listed and what the list says about it (Media Cloud columns)."""

    url: str
    source: str
    position: str
    outlet: str = ""
    date: str = ""
    title: str = ""


def _listed(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) of the lines of a .txt address list that are not empty, a comment or a 'url' heading."""
    return [(k, ln) for k, ln in enumerate(lines, 1) if ln and not ln.startswith("#") and ln.lower() != "url"]


def is_url_list(lines: list[str]) -> bool:
    """A .txt whose non-empty, non-comment lines are mostly web addresses (the others are reported, not fetched)."""
    listed = [ln for _, ln in _listed(lines)]
    return bool(listed) and sum(bool(_URL.match(ln)) for ln in listed) * 2 >= len(listed)


def read_addresses(path: Path, *, source: str = "") -> tuple[list[Address], list[tuple[str, str]]]:
    """The addresses of a .txt list (one per line) or a .csv/.xlsx with a `url` column; bad rows with a reason.
    A Media Cloud export's media_name, publish_date and title columns are kept for the catalog. `source` names the
    list in the catalog (default: its file name)."""
    source = source or path.name
    problems: list[tuple[str, str]] = []
    if path.suffix.lower() == ".txt":
        rows = [(k, {"url": ln}) for k, ln in _listed(export_lines(path))]
    else:
        header, records, table_problems = read_table(path)
        problems += [(source, p) for p in table_problems]
        if "url" not in header:
            raise ImportProblem(f"no 'url' column (the first row names the columns; found: {', '.join(h for h in header if h) or 'none'})")
        rows = [(line, dict(zip(header, (str(v).strip() for v in fields)))) for line, fields in records]
    good = [(k, r) for k, r in rows if _URL.match(r.get("url", ""))]
    problems += [(f"{source} line {k}", f"not a web address: {r.get('url', '')[:80]!r}") for k, r in rows if (k, r) not in good]
    n = len(good)
    out = [Address(url=r["url"], source=source, position=f"{i} of {n}", outlet=r.get("media_name", ""),
                   date=normalise_date(r.get("publish_date", "")[:10])[0], title=r.get("title", ""))
           for i, (_, r) in enumerate(good, 1)]
    return out, problems


class Fetcher:
    """Fetches pages politely: a user agent naming the project, robots.txt honoured (its Crawl-delay too), at least
    `delay` seconds between two requests to one host, `timeout` seconds per request."""

    def __init__(self, *, user_agent: str = config.FETCH_USER_AGENT, delay: float = config.FETCH_DELAY_SECONDS,
                 timeout: float = config.FETCH_TIMEOUT_SECONDS, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent, self.delay, self.timeout = user_agent, delay, timeout
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | ImportProblem] = {}
        self._host_delay: dict[str, float] = {}

    def _get(self, url: str, *, page: bool = False) -> bytes:
        """The body of `url`, after waiting for the host's delay; raises ImportProblem on failure, and for a `page`
        that is not HTML (a PDF, an image) before reading it."""
        host = urlsplit(url).netloc.lower()
        wait = self._last.get(host, -1e9) + self._host_delay.get(host, self.delay) - self._clock()
        if wait > 0:
            self._sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind = response.headers.get("Content-Type", "")
                if page and kind and "html" not in kind.lower():
                    raise ImportProblem(f"not a web page ({kind.split(';')[0].strip()})")
                body = response.read(config.MAX_HTML_BYTES + 1)
        except urllib.error.HTTPError as err:
            raise ImportProblem(f"HTTP error {err.code} {err.reason}", status=err.code) from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise ImportProblem(f"timed out after {self.timeout:g} s") from None
            raise ImportProblem(f"cannot reach the address ({reason})") from None
        except (socket.timeout, TimeoutError):
            raise ImportProblem(f"timed out after {self.timeout:g} s") from None
        except (OSError, ValueError) as err:
            raise ImportProblem(f"cannot fetch the address ({type(err).__name__}: {err})") from None
        finally:
            self._last[host] = self._clock()
        if len(body) > config.MAX_HTML_BYTES:
            raise ImportProblem(f"page larger than {config.MAX_HTML_BYTES / 1e6:g} MB")
        return body

    def allowed(self, url: str) -> None:
        """Raise ImportProblem when the site's robots.txt forbids this project to fetch `url`."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            rules = urllib.robotparser.RobotFileParser()
            try:
                body = self._get(f"{parts.scheme}://{parts.netloc}/robots.txt")
                rules.parse(body.decode("utf-8", errors="replace").splitlines())
            except ImportProblem as err:  # the usual reading: no robots.txt allows all, a forbidden one forbids all
                if err.status in (401, 403):
                    rules.disallow_all = True
                elif err.status and 400 <= err.status < 500:
                    rules.allow_all = True
                else:
                    rules = ImportProblem(f"robots.txt could not be read ({err}): not fetched, to be safe")
            self._robots[host] = rules
            if not isinstance(rules, ImportProblem):
                crawl_delay = rules.crawl_delay(self.user_agent)
                if crawl_delay:
                    self._host_delay[host] = max(self.delay, float(crawl_delay))
        rules = self._robots[host]
        if isinstance(rules, ImportProblem):
            raise rules
        if not rules.can_fetch(self.user_agent, url):
            raise ImportProblem("robots.txt of the site does not allow fetching this address")

    def fetch(self, url: str) -> tuple[bytes, str]:
        """(page bytes, fetch time as ISO UTC) of an HTML page; raises ImportProblem with the reason."""
        self.allowed(url)
        fetched_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self._get(url, page=True), fetched_at


def page_article(address: Address, html: bytes, *, fetched_at: str) -> Found:
    """The article in a fetched page: main text and metadata (title, date, author, site name) via trafilatura; a
    Media Cloud row's outlet, date and title win over the page's. Raises ImportProblem for a page without text."""
    try:
        body, meta = html_to_text(decode(html)[0])
    except Skip:
        raise ImportProblem("no article text on the page (paywall, cookie wall, or not an article)") from None
    n_words = len(text.words(body))
    if n_words < config.MIN_PAGE_WORDS:
        raise ImportProblem(f"only {n_words} words of text on the page (paywall, teaser or cookie wall?)")
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    host = re.sub(r"^www\.", "", urlsplit(address.url).hostname or "")
    if address.outlet:
        outlet, certainty, evidence = address.outlet, "certain", f"media_name in the list {address.source}"
    elif meta.get("sitename"):
        outlet, certainty, evidence = meta["sitename"], "likely", "site name in the page's metadata"
    else:
        outlet, certainty, evidence = host, "likely", "host name of the address"
    title = address.title or meta.get("title", "") or lines[0]
    paragraphs = lines[1:] if lines and lines[0] == meta.get("title") else lines
    return Found(title=title, paragraphs=paragraphs, outlet=outlet, certainty=certainty, evidence=evidence,
                 date=address.date or parse_date(meta.get("date", "")), author=meta.get("author", ""),
                 url=address.url, fetched_at=fetched_at, html=html, position=address.position, fmt="web page")


# --------------------------------------------------------------------------- writing into the corpus


@contextmanager
def _corpus_lock(corpus_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the corpus folder itself (no lock file in it): two imports into one folder take
    turns, so neither can give two articles one name or miss the other's rows."""
    fd = os.open(corpus_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _write_new(folder: Path, stem: str, suffix: str, data: bytes, taken: set[str]) -> Path:
    """Write `data` to `<folder>/<stem><suffix>`, or `<stem>-2<suffix>`, ... whichever name is free: complete or not
    at all (written under a temporary name, then linked), never over an existing file."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        for k in range(1, 10_000):
            name = stem if k == 1 else f"{stem}-{k}"
            target = folder / f"{name}{suffix}"
            if name.lower() in taken:
                continue
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            taken.add(name.lower())
            return target
        raise ImportProblem(f"no free file name for {stem}")
    finally:
        Path(tmp).unlink(missing_ok=True)


class _Corpus:
    """The corpus folder as the importer sees it: taken names, known texts and imported sources."""

    def __init__(self, corpus_dir: Path) -> None:
        self.dir = corpus_dir
        for folder in (corpus_dir, corpus_dir / config.PAGES_DIRNAME):  # left by a killed import (we hold the lock)
            for tmp in folder.glob(".import.*.tmp"):
                tmp.unlink(missing_ok=True)
        catalog, _ = load_catalog(corpus_dir)
        pages = corpus_dir / config.PAGES_DIRNAME
        names = [*corpus_dir.iterdir(), *(pages.iterdir() if pages.is_dir() else [])]
        self.taken = {unicodedata.normalize("NFC", p.stem).lower() for p in names}
        self.taken |= {str(a).lower() for a in catalog["article_id"]}
        self.texts: dict[str, str] = {}
        for p in corpus_dir.iterdir():
            if p.suffix.lower() in config.TEXT_SUFFIXES and p.is_file() and p.stat().st_size <= config.MAX_ARTICLE_BYTES:
                try:
                    self.texts.setdefault(_text_key(decode(p.read_bytes())[0]), p.name)
                except (OSError, Skip):
                    continue
        cols = {c: catalog[c] if c in catalog else pd.Series("", index=catalog.index) for c in IMPORT_COLUMNS}
        self.positions = {(s, p): a for s, p, a in zip(cols["import_source"], cols["import_position"], catalog["article_id"]) if s and p}
        self.urls = {u: a for u, a in zip(cols["import_url"], catalog["article_id"]) if u}
        self.rows: list[dict] = []

    def seen(self, found: Found, source: str) -> str:
        """Why `found` is already in the corpus, or ''."""
        if found.url and found.url in self.urls:
            return f"already imported as {self.urls[found.url]}"
        if not found.url and (source, found.position) in self.positions:
            return f"already imported as {self.positions[(source, found.position)]}"
        if _text_key(found.text) in self.texts:
            return f"same text as {self.texts[_text_key(found.text)]}"
        return ""

    def add(self, found: Found, source: str, *, imported_at: str) -> Path:
        """Write the article (and its page) and queue its catalog row."""
        path = _write_new(self.dir, article_name(found), ".txt", found.text.encode("utf-8"), self.taken)
        if found.html is not None:
            _write_new(self.dir / config.PAGES_DIRNAME, path.stem, ".html", found.html, set())
        self.texts[_text_key(found.text)] = path.name
        if found.url:
            self.urls[found.url] = path.stem
        else:
            self.positions[(source, found.position)] = path.stem
        self.rows.append({
            "article_id": path.stem, "outlet": found.outlet, "outlet_type": "", "outlet_certainty": found.certainty,
            "date": found.date, "title": found.title, "author": found.author, "evidence": found.evidence,
            "import_source": source, "import_position": found.position, "import_url": found.url,
            "import_format": found.fmt, "import_words": found.words, "imported_at": found.fetched_at or imported_at,
        })
        return path

    def flush(self) -> Path | None:
        """Append the queued catalog rows."""
        if not self.rows:
            return None
        path = append_rows(self.dir, self.rows)
        self.rows = []
        return path


def _inputs(sources: list[str]) -> Iterator[tuple[str, Path | None]]:
    """(name, path) per thing to import: folders give their files; a web address has no path."""
    for source in sources:
        if _URL.match(source):
            yield source, None
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            for p in sorted(path.iterdir()):
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in EXPORT_SUFFIXES + LIST_SUFFIXES + ARCHIVE_SUFFIXES:
                    yield p.name, p
        else:
            yield path.name or source, path


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        return "old Word .doc file: save it as .docx (or export as .rtf) and import that"
    if suffix == ".pdf":
        return "PDF exports are not read: export the articles as .docx, .rtf or .txt"
    if suffix in (".html", ".htm"):
        return "a saved web page: copy it into the corpus folder as it is (it is analysed directly)"
    return f"unsupported file type '{suffix or '(none)'}': import .docx, .rtf, .txt exports or .txt/.csv/.xlsx address lists"


def import_sources(sources: list[str], *, corpus_dir: Path, fetcher: Fetcher | None = None, say: Callable[[str], None] = print) -> ImportSummary:
    """Import database exports, address lists and addresses into `corpus_dir` (created if missing): one .txt file
    and one catalog row per new article; already imported articles are left out; each failure is listed with its
    reason and stops nothing. A catalog that cannot take rows (no article_id column) raises `UserError` first."""
    corpus_dir = Path(corpus_dir)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    problem = append_problem(corpus_dir)
    if problem:
        raise UserError(problem)
    fetcher = fetcher or Fetcher()  # one for the whole run, so the delay per host holds across lists
    summary = ImportSummary(corpus_dir=corpus_dir)
    imported_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    inputs = list(_inputs(sources))
    direct = [name for name, path in inputs if path is None]
    with _corpus_lock(corpus_dir):
        corpus = _Corpus(corpus_dir)
        try:
            for name, path in inputs:
                if path is None:
                    k = direct.index(name) + 1
                    _import_addresses([Address(url=name, source="command line", position=f"{k} of {len(direct)}")], corpus,
                                      summary, fetcher=fetcher, say=say)
                else:
                    _import_file(name, path, corpus, summary, fetcher=fetcher, imported_at=imported_at, say=say)
                summary.catalog = corpus.flush() or summary.catalog
        finally:
            summary.catalog = corpus.flush() or summary.catalog
    return summary


def _import_file(name: str, path: Path, corpus: _Corpus, summary: ImportSummary, *, fetcher, imported_at: str, say) -> None:
    if not path.exists():
        summary.failed.append((name, "file not found"))
        return
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        _import_archive(name, path, corpus, summary, fetcher=fetcher, imported_at=imported_at, say=say)
        return
    if suffix not in EXPORT_SUFFIXES + LIST_SUFFIXES:
        summary.failed.append((name, _unsupported(path)))
        return
    try:
        if suffix in (".csv", ".xlsx") or (suffix == ".txt" and is_url_list(export_lines(path))):
            addresses, problems = read_addresses(path, source=name)
            summary.failed.extend(problems)
            say(f"{name}: {len(addresses):,} address(es) to fetch")
            _import_addresses(addresses, corpus, summary, fetcher=fetcher, say=say)
            return
        layout, found = read_export(path)
    except ImportProblem as err:
        summary.failed.append((name, str(err)))
        return
    say(f"{name}: {layout} export, {len(found):,} article(s)")
    for k, item in enumerate(found, 1):
        where = f"{name} article {k} of {len(found)}"
        if isinstance(item, ImportProblem):
            summary.failed.append((where, str(item)))
            continue
        why = corpus.seen(item, name)
        if why:
            summary.already.append((where, why))
            continue
        written = corpus.add(item, name, imported_at=imported_at)
        summary.added.append((written.name, where))


def _import_archive(name: str, path: Path, corpus: _Corpus, summary: ImportSummary, *, fetcher, imported_at: str, say) -> None:
    """Import the export files and address lists inside a zip archive (each named '<archive>/<member>')."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        summary.failed.append((name, f"not a readable zip archive ({err})"))
        return
    with archive, tempfile.TemporaryDirectory(prefix="import-") as tmp:
        for k, member in enumerate(m for m in archive.infolist() if not m.is_dir()):
            inner = Path(member.filename)
            label = f"{name}/{inner.as_posix()}"
            if inner.name.startswith(".") or "__MACOSX" in inner.parts:
                continue
            if inner.suffix.lower() not in EXPORT_SUFFIXES + LIST_SUFFIXES:
                summary.failed.append((label, _unsupported(inner)))
                continue
            if member.file_size > MAX_ARCHIVE_MEMBER_BYTES:
                summary.failed.append((label, f"larger than {MAX_ARCHIVE_MEMBER_BYTES / 1e6:g} MB unpacked"))
                continue
            target = Path(tmp) / f"{k}{inner.suffix.lower()}"
            try:
                target.write_bytes(archive.read(member))
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
                summary.failed.append((label, f"cannot unpack ({err})"))
                continue
            _import_file(label, target, corpus, summary, fetcher=fetcher, imported_at=imported_at, say=say)


def _import_addresses(addresses: list[Address], corpus: _Corpus, summary: ImportSummary, *, fetcher: Fetcher, say) -> None:
    for address in addresses:
        if address.url in corpus.urls:
            summary.already.append((address.url, f"already imported as {corpus.urls[address.url]}"))
            continue
        try:
            html, fetched_at = fetcher.fetch(address.url)
            found = page_article(address, html, fetched_at=fetched_at)
        except ImportProblem as err:
            summary.failed.append((address.url, str(err)))
            say(f"not imported {address.url}: {err}")
            continue
        why = corpus.seen(found, address.source)
        if why:
            summary.already.append((address.url, why))
            continue
        written = corpus.add(found, address.source, imported_at=fetched_at)
        summary.added.append((written.name, address.url))
        say(f"fetched {address.url} -> {written.name}")


# --------------------------------------------------------------------------- what the corpus holds, by import source


def textstat_import_sources(articles: pd.DataFrame, *, max_months: int = 36) -> pd.DataFrame:
    """Articles per import source and publication period (tidy: import_source, import_format, period, articles), so a
    study shows how its sample was gathered. Periods are months, or years when the corpus spans more than
    `max_months` months. Articles without an import source (saved by hand, like the seeds) count as 'added by hand',
    articles without a date under 'no date'. Sources with most articles first, 'added by hand' last."""
    columns = ["import_source", "import_format", "period", "articles"]
    if articles.empty:
        return pd.DataFrame(columns=columns)

    def column(name: str) -> pd.Series:
        return articles[name].fillna("").astype(str).str.strip() if name in articles else pd.Series("", index=articles.index)

    source, fmt, dates = column("import_source"), column("import_format"), column("date")
    months = dates.str[:7].where(dates.str.match(r"^\d{4}-\d{2}"), NO_DATE)
    if months[months != NO_DATE].nunique() > max_months:
        months = months.where(months == NO_DATE, months.str[:4])
    table = pd.DataFrame({"import_source": source.where(source != "", HAND),
                          "import_format": fmt.where(source != "", "file in the corpus folder"), "period": months})
    counts = table.groupby(["import_source", "import_format", "period"]).size().rename("articles").reset_index()
    totals = counts.groupby("import_source")["articles"].sum()
    rank = {s: i for i, s in enumerate(sorted(totals.index, key=lambda s: (s == HAND, -totals[s], s)))}
    order = sorted(counts.index, key=lambda i: (rank[counts.at[i, "import_source"]], counts.at[i, "period"] == NO_DATE, counts.at[i, "period"]))
    return counts.loc[order].reset_index(drop=True)[columns]
