"""Corpus layer: read one article file, decode it, strip boilerplate, and segment it into sentences.

Every step is a pure function of the file's bytes, so results can be cached by content hash.
A user's bad file raises `Skip` with a reason a researcher can act on, never a traceback.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import config, text
from .config import UserError
from .codebook import compiled

SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "role", "text", "n_words"]
REMOVED_COLUMNS = ["article_id", "line", "rule", "text"]
ROLES = ("kicker", "headline", "lead", "subheading", "body", "credit")
# The one definition of which sentences count for what: prose is the running text (lead and body); the outlet's
# text is everything but credit lines (agency and photo credits), i.e. prose plus display lines.
PROSE_ROLES = ("lead", "body")
DISPLAY_ROLES = ("kicker", "headline", "subheading")
TEXT_ROLES = tuple(r for r in ROLES if r != "credit")
# Lines this short without final punctuation are headings (headline, subheading), not prose.
HEADING_MAX_WORDS = 16


class Skip(Exception):
    """A file that cannot be analysed; the message is the reason shown to the user."""


@dataclass
class Article:
    """One loaded article: its catalog-independent facts, sentences and the lines cleaning removed.

    Both tables are kept as rows; their DataFrames (`sentences`, `removed`) are built when first asked for, so the
    pipeline, which stores column lists (`columns`, `removed_columns`), builds only the one the analyses read."""

    row: dict
    rows: list[tuple]  # the sentence table's rows (SENTENCE_COLUMNS)
    removed_rows: list[tuple]  # the removed lines' rows (REMOVED_COLUMNS)
    flags: list[str] = field(default_factory=list)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        table = pd.DataFrame(self.rows, columns=SENTENCE_COLUMNS)
        _KNOWN["last"] = (table, self.columns)  # its column lists are at hand for `sentence_columns`
        return table

    @cached_property
    def removed(self) -> pd.DataFrame:
        return pd.DataFrame(self.removed_rows, columns=REMOVED_COLUMNS)

    @cached_property
    def columns(self) -> dict[str, list]:
        """The sentence table as column lists (what `pipeline._pack` makes of `sentences`)."""
        return _transposed(self.rows, SENTENCE_COLUMNS)

    @cached_property
    def removed_columns(self) -> dict[str, list]:
        return _transposed(self.removed_rows, REMOVED_COLUMNS)


def _transposed(rows: list[tuple], names: list[str]) -> dict[str, list]:
    """Rows (tuples in the order of `names`) as column lists."""
    return dict(zip(names, map(list, zip(*rows)))) if rows else {name: [] for name in names}


# The last article's sentence table and its column lists: the analyses of one article share them (`sentence_columns`).
_KNOWN: dict[str, tuple] = {"last": (None, None)}


def sentence_columns(sentences: pd.DataFrame | Mapping[str, list], names: tuple[str, ...]) -> list[list]:
    """The named columns of a table (a sentence table, its column lists `Article.columns`, or any table) as lists,
    read-only: those `load_article` made when `sentences` is its article's table (no analysis changes it), so one
    article's analyses do not each convert the pandas columns."""
    table, columns = _KNOWN["last"]
    if sentences is table:
        return [columns[name] if name in columns else sentences[name].tolist() for name in names]
    if isinstance(sentences, Mapping):
        return [sentences[name] for name in names]
    column, labels = getattr(sentences, "_get_column_array", None), list(sentences.columns)
    if column is None or len(set(labels)) != len(labels):
        return [sentences[name].tolist() for name in names]
    return [column(labels.index(name)).tolist() for name in names]  # without building a Series each (3x faster)


def display_name(name: str) -> str:
    """A file name as text: names that are not valid UTF-8 (old zip archives) are read as cp1252, never as raw bytes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def article_id_for(path: Path) -> str:
    """The article id is the file name without its extension (Unicode-normalised, shown as text)."""
    return unicodedata.normalize("NFC", display_name(path.stem))


# --------------------------------------------------------------------------- decoding


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with or without BOM), or legacy cp1252/latin-1.

    Returns (text, encoding, flags). Trailing NUL bytes (a cut-off download) are dropped; a UTF-8 file with a few
    invalid bytes keeps its UTF-8 (the bytes become U+FFFD and the article is flagged) instead of being re-read as
    cp1252, which would garble every umlaut.
    """
    flags: list[str] = []
    stripped = raw.rstrip(b"\x00")
    if len(stripped) < len(raw) and not _utf16_layout(raw):
        flags.append(f"{len(raw) - len(stripped):,} NUL byte(s) at the end dropped (cut-off download?)")
        raw = stripped
    if raw.startswith(b"\xef\xbb\xbf"):
        return _utf8(raw[3:], "utf-8-sig", flags)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _replaced(raw, "utf-16", flags)
    layout = _utf16_layout(raw)
    if layout:
        return _replaced(raw, layout, flags)
    if b"\x00" in raw[:8192]:
        raise Skip("binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8"), "utf-8", flags
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if sum(ord(c) > 127 for c in text) - bad > bad:  # more valid UTF-8 umlauts than broken bytes: UTF-8 it is
        return _utf8(raw, "utf-8", flags)
    # German legacy files are nearly always cp1252 (a superset of latin-1's printable range); other
    # encodings are tried only when cp1252 does not give plausible German.
    for encoding in ("cp1252", _charset_guess(raw), "latin-1"):
        if not encoding:
            continue
        try:
            decoded = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_german_legacy(decoded):
            return decoded, encoding, flags
    return raw.decode("cp1252", errors="replace"), "cp1252 (with replacements)", flags


def _replaced(raw: bytes, encoding: str, flags: list[str]) -> tuple[str, str, list[str]]:
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        flags.append(f"{bad:,} undecodable {encoding} sequence(s) replaced by \ufffd")
    return text, encoding, flags


def _utf8(raw: bytes, encoding: str, flags: list[str]) -> tuple[str, str, list[str]]:
    return _replaced(raw, encoding if encoding != "utf-8-sig" else "utf-8", flags)[0], encoding, flags


def _utf16_layout(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte-order mark (NUL in every other byte), else None."""
    sample = raw[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.4 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.4 and nul_odd < 0.05:
        return "utf-16-be"
    return None


def _charset_guess(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200_000]).best()
    return best.encoding if best is not None else None


def _looks_german_legacy(decoded: str) -> bool:
    """A legacy decoding is plausible if umlauts appear and no C1 control characters do."""
    if re.search(r"[\x80-\x9f]", decoded):
        return False
    return bool(re.search(r"[äöüÄÖÜß]", decoded)) or not re.search(r"[^\x00-\x7f]", decoded)


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # control characters but tab, line ends and form feed


def _binary_share(decoded: str) -> float:
    sample = decoded[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL_RE.findall(sample)) / len(sample)


def looks_like_html(decoded: str) -> bool:
    """A .txt file that is really a saved web page."""
    head = decoded.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in decoded[:5000])


def html_to_text(html: str) -> tuple[str, dict]:
    """Main text of a saved web page via trafilatura (no navigation, scripts, cookie banners, comments)."""
    import trafilatura

    body = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_images=False, favor_precision=True, deduplicate=True
    )
    if not body or not body.strip():
        raise Skip("saved web page without recognisable article text")
    meta = {}
    try:
        doc = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus; a page without it is still analysed
        doc = None
    if doc is not None:
        meta = {"title": doc.title or "", "date": doc.date or "", "author": doc.author or "", "sitename": doc.sitename or ""}
    if meta.get("title") and not body.lstrip().startswith(meta["title"]):
        body = meta["title"] + "\n" + body
    return body, meta


# --------------------------------------------------------------------------- cleaning


class Boilerplate(NamedTuple):
    """Compiled boilerplate.yaml."""

    line_rules: list[tuple[str, re.Pattern]]
    block_rules: list[tuple[dict, re.Pattern]]
    tail_rules: list[tuple[str, re.Pattern]]
    captions: list[re.Pattern]
    credits: list[re.Pattern]
    bio_rule: re.Pattern | None
    metadata_prefix: re.Pattern
    closing_credits: list[re.Pattern]


def _build_rules(rules: dict) -> Boilerplate:
    flags = re.IGNORECASE
    return Boilerplate(
        line_rules=[(r["rule"], re.compile(r["pattern"], flags)) for r in rules["line_patterns"]],
        block_rules=[(r, re.compile(r["pattern"], flags)) for r in rules["block_starts"]],
        tail_rules=[(r["rule"], re.compile(r["pattern"], flags)) for r in rules["tail_starts"]],
        captions=[re.compile(p) for p in rules["caption_patterns"]],
        credits=[re.compile(p) for p in rules["credit_patterns"]],
        bio_rule=next((re.compile(r["pattern"], flags) for r in rules["line_patterns"] if r["rule"] == "author bio"), None),
        metadata_prefix=re.compile(rules["metadata_prefix"]),
        closing_credits=[re.compile(p) for p in rules.get("closing_credit_patterns") or []],
    )


def is_caption(line: str, *, rules: Boilerplate | None = None) -> bool:
    """Whether a line or sentence is an image caption or photo credit ("Foto: ... (Keystone, AP)"), by boilerplate.yaml
    (`rules`: its compiled rules, when the caller holds them)."""
    return any(rx.search(line) for rx in (rules or compiled("boilerplate.yaml", _build_rules)).captions)


def clean(raw_text: str) -> tuple[list[tuple[str, str]], list[tuple[int, str, str]], dict]:
    """Remove boilerplate lines; returns kept (line, kind), removed (line no, rule, text), metadata.

    kind is 'text' or 'credit'. Cleaning never rewrites a kept line except stripping a leading
    scraper date ('date 2024-10').
    """
    rules = compiled("boilerplate.yaml", _build_rules)
    line_rules, block_rules, tail_rules, _, credits, bio_rule, metadata_prefix, closing_credits = rules

    lines = [(i + 1, ln.strip()) for i, ln in enumerate(text.normalize(raw_text).split("\n"))]
    lines = [(no, ln) for no, ln in lines if ln]
    meta: dict = {}
    if lines:
        m = metadata_prefix.match(lines[0][1])
        if m:
            meta["date"] = m.group(1)
            lines[0] = (lines[0][0], lines[0][1][m.end():].strip())

    kept: list[tuple[str, str]] = []
    removed: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    past_markers = list(range(len(lines) + 1))  # first line at or after i that is not a gallery marker
    for k in range(len(lines) - 1, -1, -1):
        if _GALLERY_MARK.match(lines[k][1]):
            past_markers[k] = past_markers[k + 1]
    i = 0
    while i < len(lines):
        no, ln = lines[i]
        tail = next((rule for rule, rx in tail_rules if rx.search(ln)), None)
        if tail:
            removed.extend((n, tail, t) for n, t in lines[i:])
            break
        block = next((r for r, rx in block_rules if rx.search(ln)), None)
        if block:
            removed.append((no, block["rule"], ln))
            i += 1
            while i < len(lines) and _is_link_line(lines[i][1], block.get("max_words", 14)):
                removed.append((lines[i][0], block["rule"], lines[i][1]))
                i += 1
            continue
        if i == len(lines) - 1 and any(rx.search(ln) for rx in closing_credits):
            kept.append((ln, "credit"))  # "© dpa" closing the text credits it, not a picture
            break
        rule = next((rule for rule, rx in line_rules if rx.search(ln)), None)
        if rule is None and is_caption(ln, rules=rules):
            rule = "image caption"
        nxt = past_markers[i + 1]
        if rule is None and nxt < len(lines) and _is_repeated_caption(ln, lines[nxt][1]):
            for k in range(i, nxt + 1):
                removed.append((lines[k][0], "gallery marker" if k not in (i, nxt) else "image caption", lines[k][1]))
            i = nxt + 1
            continue
        if rule is None and i + 1 < len(lines) and bio_rule and bio_rule.search(lines[i + 1][1]) and _is_name(ln):
            rule = "author byline"
            meta.setdefault("author", ln)
        if rule is None and ln in seen and len(text.words_of(ln)) <= HEADING_MAX_WORDS:
            rule = "repeated line"
        if rule:
            removed.append((no, rule, ln))
        elif any(rx.search(ln) for rx in credits):
            kept.append((ln, "credit"))
        else:
            kept.append((ln, "text"))
            seen.add(ln)
        i += 1
    return kept, removed, meta


_GALLERY_MARK = re.compile(r"^[+›»>]$")


def _is_link_line(line: str, max_words: int) -> bool:
    if re.match(r"^[•·\-–*›»]\s", line):
        return True
    return len(text.words_of(line)) <= max_words and not text.ends_sentence(line)


def _is_repeated_caption(line: str, following: str) -> bool:
    """Alt text followed by the same caption at greater length: 'Zeremonie …' / 'Zeremonie … (Juni 2024).'"""
    return (
        len(text.words_of(line)) >= 4
        and not text.ends_sentence(line)
        and following != line
        and following.startswith(line)
    )


def _is_name(line: str) -> bool:
    return bool(re.fullmatch(r"(?:Von )?[A-ZÄÖÜ][\w'-]+(?: [A-ZÄÖÜ][\w'-]+){1,2}", line))


# --------------------------------------------------------------------------- segmentation


def _is_heading(line: str) -> bool:
    n = len(text.words_of(line))
    if n == 0 or n > HEADING_MAX_WORDS:
        return False
    if not text.ends_sentence(line):
        return True
    return line.rstrip("\"“”«»' ").endswith(("?", "!")) and len(text.split_sentences(line)) == 1


def segment(kept: list[tuple[str, str]], *, article_id: str) -> pd.DataFrame:
    """Sentence table of one article from its cleaned lines, each sentence with its role."""
    return pd.DataFrame(_segment_rows(kept, article_id=article_id), columns=SENTENCE_COLUMNS)


def _segment_rows(kept: list[tuple[str, str]], *, article_id: str) -> list[tuple]:
    """The rows of `segment`'s table (article_id, sentence_id, paragraph_id, role, text, n_words)."""
    kinds = []
    for ln, kind in kept:
        kinds.append("credit" if kind == "credit" else ("heading" if _is_heading(ln) else "prose"))
    top = 0
    while top < len(kinds) and kinds[top] == "heading":
        top += 1
    lead_index = next((k for k in range(top, len(kinds)) if kinds[k] == "prose"), None)

    rows = []
    sentence_id = 0
    for paragraph_id, ((ln, _), kind) in enumerate(zip(kept, kinds), start=1):
        idx = paragraph_id - 1
        if kind == "credit":
            role = "credit"
        elif idx < top:
            role = "headline" if idx == top - 1 else "kicker"
        elif kind == "heading":
            role = "subheading"
        elif idx == lead_index:
            role = "lead"
        else:
            role = "body"
        pieces = [ln] if kind != "prose" else text.split_sentences(ln)
        for piece in pieces:
            sentence_id += 1
            rows.append((article_id, sentence_id, paragraph_id, role, piece, len(text.words_of(piece))))
    return rows


def segment_text(raw_text: str, *, article_id: str = "snippet") -> pd.DataFrame:
    """Clean and segment a plain German text: the sentence table for tests and quick checks."""
    kept, _, _ = clean(raw_text)
    return segment(kept, article_id=article_id)


# --------------------------------------------------------------------------- one file


def load_article(path: Path, *, raw: bytes | None = None) -> Article:
    """Read, decode, clean and segment one article file; raises `Skip` with a reason."""
    text.forget_sentences()  # what is kept per sentence serves one article's analyses, not the next article's
    suffix = path.suffix.lower()
    if suffix not in config.TEXT_SUFFIXES + config.HTML_SUFFIXES:
        raise Skip(f"unsupported file type '{suffix or '(none)'}': save articles as .txt or .html")
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise Skip(f"cannot read file: {err.strerror or err}") from None
    if not raw:
        raise Skip("empty file (0 bytes)")
    decoded, encoding, flags = decode(raw)
    if _binary_share(decoded) > 0.02:
        raise Skip("binary file (control characters), not text")
    decoded = decoded.replace("\x00", "")
    meta: dict = {}
    fmt = "text"
    if suffix in config.HTML_SUFFIXES or looks_like_html(decoded):
        if suffix not in config.HTML_SUFFIXES:
            flags.append("HTML page saved as text: main text extracted")
        fmt = "html"
        decoded, meta = html_to_text(decoded)
    if not decoded.strip():
        raise Skip("only whitespace, no text")
    kept, removed, clean_meta = clean(decoded)
    meta = {**clean_meta, **{k: v for k, v in meta.items() if v}}
    if not kept:
        raise Skip("nothing left after removing boilerplate")
    body = "\n".join(ln for ln, _ in kept)
    article_id = article_id_for(path)
    # a short text's shares are counted from its sentences' words; a long one is sampled before it is segmented
    rows = _segment_rows(kept, article_id=article_id) if len(body) <= text.LANGUAGE_SAMPLE_CHARS else None
    de_share, en_share = _language_shares(body, rows)
    if de_share < config.MIN_GERMAN_SHARE:
        if en_share > de_share:
            raise Skip(f"not German: looks English ({en_share:.0%} English vs {de_share:.0%} German function words)")
        raise Skip(f"not recognisably German text ({de_share:.0%} German function words)")
    if rows is None:
        rows = _segment_rows(kept, article_id=article_id)
    n_words = sum(row[5] for row in rows)
    if n_words > config.MAX_ARTICLE_WORDS:
        flags.append(f"very long ({n_words:,} words): probably not a single article")
    if n_words < 40:
        flags.append(f"very short ({n_words} words)")
    headline = [row[4] for row in rows if row[3] == "headline"]
    row = {
        "article_id": article_id,
        "file": display_name(path.name),
        "format": fmt,
        "encoding": encoding,
        "bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "text_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "detected_title": headline[0] if headline else kept[0][0][:200],
        "detected_date": meta.get("date", ""),
        "detected_author": meta.get("author", ""),
        "detected_outlet": meta.get("sitename", ""),
        "words": n_words,
        "sentences": len(rows),
        "paragraphs": len(kept),
        "removed_lines": len(removed),
        "german_share": round(de_share, 3),
    }
    return Article(row=row, rows=rows, removed_rows=[(article_id, no, rule, t) for no, rule, t in removed], flags=flags)


def _language_shares(body: str, rows: list[tuple] | None) -> tuple[float, float]:
    """`text.german_share` of the article's text `body`, from the words its sentences `rows` already hold (the same
    words: sentences split a line only between words) when the whole body is the sample (`rows` None: it is not)."""
    if rows is None:
        return text.german_share(body)
    return text.function_word_shares(chain.from_iterable(text.words_of(row[4]) for row in rows))


# --------------------------------------------------------------------------- roles and outlets


def select_roles(sentences: pd.DataFrame, roles: tuple[str, ...] = TEXT_ROLES) -> pd.DataFrame:
    """The sentences of the given roles (default: the outlet's own text, credit lines left out)."""
    keep = [role in roles for role in sentences["role"].tolist()]  # far faster than Series.isin on a few rows
    return sentences.copy(deep=False) if all(keep) else sentences[np.array(keep, dtype=bool)]


def columns_of(rows: list[dict], names: list[str]) -> dict[str, list]:
    """A table as column lists from its rows (dicts holding every name): the per-article form the pipeline stores."""
    return {name: list(map(itemgetter(name), rows)) for name in names}


def frame(columns: dict[str, list]) -> pd.DataFrame:
    """The DataFrame of column lists, as pandas makes it from the rows (without rows: columns of object dtype)."""
    if not len(next(iter(columns.values()), [])):
        return pd.DataFrame([], columns=list(columns))
    return pd.DataFrame(columns, columns=list(columns))


UNKNOWN_UNIT = "unknown"


def unit_column(by: str) -> str:
    """The articles column that holds the comparison unit: `outlet` means the outlet label (with '?' when uncertain)."""
    return "outlet_label" if by in ("outlet", "outlet_label") else by


def unit_name(by: str) -> str:
    """The comparison unit as words for captions and text: 'outlet', 'outlet type', 'group'."""
    column = unit_column(by)
    return "outlet" if column == "outlet_label" else column.replace("_", " ")


def with_units(articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Articles whose comparison-unit column (any catalog column) is filled: an article without a value goes to a
    visible 'unknown' group. A column the catalog does not have is a user error naming the columns it has."""
    column = unit_column(by)
    if column not in articles.columns:
        have = [c for c in articles.columns if c not in ("article_id", "file", "flags") and not c.startswith("detected_")]
        raise UserError(f"compare_by '{by}': the catalog has no such column (use outlet or one of: {', '.join(have)})")
    values = articles[column].fillna("").astype(str).str.strip()
    return articles.assign(**{column: values.where(values != "", UNKNOWN_UNIT)})


def with_outlet(table: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet_label") -> pd.DataFrame:
    """`table` (keyed by `article_id`) with the comparison unit of each row's article (default: the outlet label)."""
    if by in table.columns:
        return table
    return table.merge(articles[["article_id", by]], on="article_id", how="left")
