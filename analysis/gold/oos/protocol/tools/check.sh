#!/bin/bash
# check.sh URL : is this address (or its slug) already in the set or in another collector's catalog of this session?
u="$1"; slug=$(basename "${u%%\?*}" | sed 's/\.html\?$//'); slug=${slug:0:60}
echo "== exact address:"; grep -F -- "$u" /work/main/analysis/gold/oos/articles.csv /work/oos/collect/*/catalog.csv 2>/dev/null | cut -c1-200
if [ -n "$slug" ] && [ ${#slug} -ge 12 ]; then echo "== slug '$slug':"; grep -F -- "$slug" /work/main/analysis/gold/oos/articles.csv /work/oos/collect/*/catalog.csv 2>/dev/null | cut -c1-200; fi
echo "== done"
