#!/usr/bin/env python3
"""mkcollect.py NAME LO HI SUBTOPIC ROUNDS : a collector's folder with brief.md, save.py, check.sh, heads.sh (ROUNDS: the
coding rounds named in the brief's title, e.g. "186-189")."""
import sys, pathlib, re, shutil
name, lo, hi, sub, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
tpl = pathlib.Path("/work/main/analysis/gold/oos/protocol/collector-brief.md").read_text(encoding="utf-8")
tpl = re.sub(r"<!--.*?-->\n", "", tpl, flags=re.S)
n = sum(1 for l in open("/work/main/analysis/gold/oos/articles.csv", encoding="utf-8") if l.startswith("oos_"))
tpl = tpl.replace("round 33/34", f"round {rounds}").replace("those 915 articles", f"those {n} articles")
tpl = tpl.replace("(so the four collectors overlap little)", "(so the eight collectors of this round overlap little)")
tpl = tpl.replace("and check `/work/oos/texts/` (headline and first sentence) for near-identical agency copies.",
  "and check `/work/oos/texts/` (headline and first sentence; `./heads.sh WORD` lists them) for near-identical agency copies.\n"
  "  The texts of earlier rounds are not on this machine: for them the address check in articles.csv is the only check\n"
  "  (also grep articles.csv for a distinctive word of the headline, e.g. the slug words).")
tpl = tpl.replace("- Append one row per saved article to", "- `save.py` appends one row per saved article to").replace("(create it with this header)", "(it creates it with this header; do not write rows by hand)")
tpl = tpl.replace("{SUBTOPIC}", sub).replace("{IDS}", f"oos_{lo} to oos_{hi}").replace("{NAME}", name)
tpl += f"""
## Tools in your folder (/work/oos/collect/{name}/)
- `./check.sh URL`: lists any row of articles.csv or of this round's catalogs with that address or its slug.
- `./heads.sh [WORD]`: headline and first words of every text saved this round.
- `python3 save.py ID URL OUTLET OUTLET_TYPE COUNTRY DATE COMPLETENESS < file`: saves the text (file in your folder)
  as /work/oos/texts/ID.txt (never overwrites), counts its words and appends the catalog row for you.
"""
d = pathlib.Path("/work/oos/collect") / name
d.mkdir(parents=True, exist_ok=True)
(d / "brief.md").write_text(tpl, encoding="utf-8")
here = pathlib.Path(__file__).resolve().parent
(d / "save.py").write_text((here / "save.py").read_text().replace("@LO@", str(lo)).replace("@HI@", str(hi)))
for f in ("check.sh", "heads.sh"):
    shutil.copy(here / f, d / f)
print(d)
