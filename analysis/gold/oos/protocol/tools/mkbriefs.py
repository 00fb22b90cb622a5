#!/usr/bin/env python3
"""mkbriefs.py ROUND SPLIT cA cB coderA coderB TOPIC : a coding round folder with the codebook copy and two crossed briefs."""
import sys, pathlib, re, csv, shutil
rnd, split, ca, cb, sa, sb, topic = sys.argv[1:]
def ids(c):
    with open(f"/work/oos/collect/{c}/catalog.csv", encoding="utf-8") as f:
        return [r["article_id"] for r in csv.DictReader(f)]
def span(l):
    return f"{l[0]} .. {l[-1]} ({' '.join(l)})"
A, B = ids(ca), ids(cb)
d = pathlib.Path(f"/work/oos/coding/round{rnd}"); d.mkdir(parents=True, exist_ok=True)
shutil.copy("/work/main/analysis/codebooks/sources.yaml", d / "sources_codebook.yaml")
tpl = pathlib.Path("/work/main/analysis/gold/oos/protocol/coder-brief.md").read_text(encoding="utf-8")
tpl = re.sub(r"<!--.*?-->\n", "", tpl, flags=re.S).replace("Russia's war against\n  Ukraine, wider scope", "Russia's war against\n  Ukraine: " + topic)
for me, other, own, second in ((sa, sb, A, B), (sb, sa, B, A)):
    t = tpl.replace("{ROUND}", rnd).replace("{ME}", me).replace("{OTHER}", other).replace("{SPLIT}", split)
    t = t.replace("{OWN}", span(own)).replace("{SECOND}", span(second))
    (d / f"brief_{me}.md").write_text(t, encoding="utf-8")
    (d / f"_{me}").mkdir(exist_ok=True)
print(d, len(A), len(B))
