#!/usr/bin/env bash
# What an office does today versus Cairn: a report card as an HTML page
# converted to PDF by LibreOffice (headless), against Cairn writing the PDF
# directly. Same plan, same run; prints medians and the ratio.
#
#   bash benches/report_vs_libreoffice.sh [PLAN.cairn] [RUNS]
#
# Needs a release build (cargo build --release) and LibreOffice
# (Debian: apt-get install libreoffice-writer-nogui). Without a plan file it
# uses the Phoenix plan with its sample KPIs; pass a file made by
# `cairn generate` for the 1,000-objective plan (LibreOffice needs minutes
# for that page).
set -euo pipefail
cd "$(dirname "$0")/.."
cairn=target/release/cairn
runs=${2:-5}
[ -x "$cairn" ] || { echo "build first: cargo build --release" >&2; exit 1; }
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || { echo "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=${1:-}
if [ -z "$plan" ]; then
  plan=$work/plan.cairn
  "$cairn" new "$plan" --seed phoenix --sample-kpis 2>/dev/null
fi
period=$("$cairn" export "$plan" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([p["label"] for p in d["plan"]["periods"] if p["kind"]=="year"][-2])')
profile=$work/lo-profile
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
lo=(); direct=()
# One LibreOffice warm-up run so its first-start profile setup is not counted.
"$cairn" report "$plan" --period "$period" --html -o "$work/card.html"
"$soffice" -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$work" "$work/card.html" >/dev/null 2>&1
for _ in $(seq "$runs"); do
  t0=$(now)
  "$cairn" report "$plan" --period "$period" --html -o "$work/card.html"
  "$soffice" -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$work" "$work/card.html" >/dev/null 2>&1
  t1=$(now)
  "$cairn" report "$plan" --period "$period" -o "$work/direct.pdf"
  t2=$(now)
  lo+=("$(echo "$t1 - $t0" | bc -l)")
  direct+=("$(echo "$t2 - $t1" | bc -l)")
done
m_lo=$(printf '%s\n' "${lo[@]}" | median)
m_direct=$(printf '%s\n' "${direct[@]}" | median)
pages_lo=$(pdfinfo "$work/card.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
pages_direct=$(pdfinfo "$work/direct.pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
printf 'plan: %s, period %s, %s runs\n' "$plan" "$period" "$runs"
printf 'HTML + LibreOffice → PDF: median %.2f s (%s pages)\n' "$m_lo" "${pages_lo:-?}"
printf 'cairn report → PDF:       median %.2f s (%s pages)\n' "$m_direct" "${pages_direct:-?}"
printf 'ratio: %.1f× faster\n' "$(echo "$m_lo / $m_direct" | bc -l)"
