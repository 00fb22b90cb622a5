#!/usr/bin/env python3
"""Save one article: python3 save.py ID URL OUTLET OUTLET_TYPE COUNTRY DATE COMPLETENESS < text.txt
Writes /work/oos/texts/ID.txt (never overwrites) and appends a row to this collector's catalog.csv."""
import csv, sys, pathlib, re
HERE = pathlib.Path(__file__).resolve().parent
LO, HI = int("@LO@"), int("@HI@")
TYPES = {"news agency", "public broadcaster", "national daily", "regional daily", "weekly", "online portal", "Austrian", "Swiss"}
if len(sys.argv) != 8:
    sys.exit(__doc__)
aid, url, outlet, otype, country, date, compl = sys.argv[1:]
m = re.fullmatch(r"oos_(\d+)", aid)
if not m or not LO <= int(m.group(1)) <= HI:
    sys.exit(f"id {aid} is not one of yours (oos_{LO} .. oos_{HI})")
if otype not in TYPES:
    sys.exit(f"outlet_type must be one of {sorted(TYPES)}")
out = pathlib.Path("/work/oos/texts") / f"{aid}.txt"
if out.exists():
    sys.exit(f"{out} exists already; not overwritten")
text = sys.stdin.read().strip() + "\n"
if len(text.split()) < 50:
    sys.exit("text has fewer than 50 words; nothing saved")
out.write_text(text, encoding="utf-8")
cat = HERE / "catalog.csv"
new = not cat.exists()
with cat.open("a", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    if new:
        w.writerow(["article_id", "url", "outlet", "outlet_type", "country", "date", "words", "completeness"])
    w.writerow([aid, url, outlet, otype, country, date, len(text.split()), compl])
print(f"saved {out} ({len(text.split())} words) and catalog row")
