#!/usr/bin/env bash
# Renders the 2021 report in a real browser and opens the workbook with
# openpyxl, to look at what analysts get. Needs Debian's chromium and
# python3-openpyxl (apt-get install chromium python3-openpyxl); not part of CI.
#   scripts/check-report.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
go build -tags duckdb_arrow -o "$out/klacht" ./cmd/klacht
"$out/klacht" rebuild --db "$out/k.duckdb" >/dev/null
"$out/klacht" report --year 2021 --format html --db "$out/k.duckdb" --out "$out/report-2021.html"
"$out/klacht" report --year 2021 --format xlsx --db "$out/k.duckdb" --out "$out/report-2021.xlsx"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
	--window-size=1100,3000 --screenshot="$out/report-2021.png" "file://$out/report-2021.html" 2>/dev/null
/usr/bin/python3 - "$out/report-2021.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
charts = sum(len(ws._charts) for ws in wb.worksheets)
print(f"{sys.argv[1]}: {len(wb.sheetnames)} sheets, {charts} charts; first: {wb.sheetnames[:4]}")
ws = wb[wb.sheetnames[1]]
print("frozen at", ws.freeze_panes, "header:", [c.value for c in ws[5]])
PY
echo "screenshot: $out/report-2021.png"
