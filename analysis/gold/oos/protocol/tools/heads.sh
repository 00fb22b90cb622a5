#!/bin/bash
# heads.sh [WORD] : headline and start of the first paragraph of every text saved in this session (optionally filtered by WORD)
for f in /work/oos/texts/*.txt; do [ -e "$f" ] || continue; id=$(basename "$f" .txt); h=$(sed -n 1p "$f" | cut -c1-120); b=$(sed -n '2,4p' "$f" | tr '\n' ' ' | cut -c1-140); line="$id | $h | $b"; if [ -z "$1" ] || echo "$line" | grep -qi -- "$1"; then echo "$line"; fi; done
