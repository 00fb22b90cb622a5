#!/usr/bin/env python3
"""merge.py RND SPLIT cA cB sA sB DATE TOPIC : append one coding round (collectors cA, cB; coders sA first of cA's half,
sB first of cB's half) to the committed gold files. Checks ids, columns and sentence starts."""
import sys, csv, io, pathlib
rnd, split, ca, cb, sa, sb, date, topic = sys.argv[1:9]
G = pathlib.Path("/work/main/analysis/gold/oos"); C = pathlib.Path(f"/work/oos/coding/round{rnd}"); T = pathlib.Path("/work/oos/texts")
def catalog(c):
    with open(f"/work/oos/collect/{c}/catalog.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))
cat = sorted(catalog(ca) + catalog(cb), key=lambda r: int(r["article_id"][4:]))
ids = [r["article_id"] for r in cat]
rng = f"oos_{ids[0][4:]}-{ids[-1][4:]}"
def split_file(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(k for k, l in enumerate(lines) if not l.startswith("#"))
    return lines[:i], lines[i], lines[i + 1:]
def insert(path, header_lines, rows):
    head, col, body = split_file(path)
    buf = io.StringIO(); w = csv.writer(buf, lineterminator="\n")
    for r in rows: w.writerow(r)
    path.write_text("\n".join(head + header_lines + [col] + body) + "\n" + buf.getvalue(), encoding="utf-8")
def coder(path, want_cols):
    head, col, body = split_file(path)
    assert col.split(",") == want_cols, (path, col)
    rows = list(csv.reader(body))
    rows = [r for r in rows if r]
    for r in rows: assert len(r) == len(want_cols), (path, r)
    return head, rows
def check(rows, own, path):
    bad = 0
    for r in rows:
        assert r[0] in own, (path, r[0])
        txt = (T / f"{r[0]}.txt").read_text(encoding="utf-8")
        if r[1] not in txt: bad += 1; print("  sentence_start not in text:", path.name, r[0], r[1])
    missing = set(own) - {r[0] for r in rows}
    print(f"{path.name}: {len(rows)} rows, {len(set(r[0] for r in rows))}/{len(own)} articles, {bad} bad starts, missing {sorted(missing)}")
A = [r["article_id"] for r in catalog(ca)]; B = [r["article_id"] for r in catalog(cb)]
cols = "article_id,sentence_start,source,institution,source_type,speech_type,in_codebook,note".split(",")
tcols = "article_id,sentence_start,phrase,why".split(",")
intro = lambda which, first, second: [f"# ROUND {rnd}: rows for the {split} articles ({rng}) (split {split}, held out) appended {date} from a separate blind coding",
    f"# ({which} coder of each half: {first}, {second}); the coders' own headers follow. Below the headers: the earlier rounds' rows (unchanged), then round {rnd}."]
parts = {}
for name, files, which, order in (("sourcing.csv", [(f"{sa}_sourcing.csv", A), (f"{sb}_sourcing.csv", B)], "first", (sa, sb)),
                                  ("sourcing_coder2.csv", [(f"{sb}_coder2.csv", A), (f"{sa}_coder2.csv", B)], "second", (sb, sa)),
                                  ("sourcing_traps.csv", [(f"{sa}_traps.csv", A), (f"{sb}_traps.csv", B)], "first", (sa, sb))):
    hs, rs = [], []
    for fn, own in files:
        h, r = coder(C / fn, tcols if "traps" in name else cols)
        if "traps" not in name: check(r, own, C / fn)
        else: print(f"{fn}: {len(r)} rows")
        hs += h; rs += sorted(r, key=lambda x: int(x[0][4:]))
    parts[name] = (intro(which, *order) + hs, sorted(rs, key=lambda x: int(x[0][4:])))
if "--dry" in sys.argv[9:]:
    sys.exit(0)
for name, (h, r) in parts.items():
    insert(G / name, h, r)
insert(G / "articles.csv", [f"# Round {rnd} ({date}): {len(ids)} articles ({rng}) collected the same way (Russia's war against Ukraine: {topic}); split {split}, coded for sourcing only."],
       [[r[k] for k in ("article_id", "url", "outlet", "outlet_type", "country", "date", "words", "completeness")] for r in cat])
insert(G / "split.csv", [f"# Round {rnd} ({date}): the {len(ids)} round-{rnd} articles, collected and coded blind (sourcing only), form the held-out split {split}, scored once."],
       [[r["article_id"], r["outlet_type"], split] for r in cat])
print("merged", rnd, split, len(ids))
