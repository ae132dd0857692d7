#!/usr/bin/env bash
# Renders the annual report the way its readers get it, so a person can look
# at the pages before publishing:
#   - the html printed to PDF by headless Chromium (the print stylesheet),
#   - the xlsx converted to PDF by LibreOffice (its page setup),
#   - both PDFs as PNG pages (pdftoppm), one file per page.
# Needs Debian's chromium, libreoffice-calc-nogui and poppler-utils
# (apt-get install chromium libreoffice-calc-nogui poppler-utils); not part of CI.
#   scripts/check-report.sh [YEAR] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
year=${1:-2021}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
go build -tags duckdb_arrow -o "$out/klacht" ./cmd/klacht
"$out/klacht" rebuild --db "$out/k.duckdb" >/dev/null
"$out/klacht" report --year "$year" --publish --db "$out/k.duckdb" --out "$out/report-$year.html"
"$out/klacht" report --year "$year" --publish --db "$out/k.duckdb" --out "$out/report-$year.xlsx"

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" \
	--no-pdf-header-footer --print-to-pdf="$out/report-$year-html.pdf" "file://$out/report-$year.html" 2>/dev/null
soffice --headless --convert-to pdf --outdir "$out/xlsx" "$out/report-$year.xlsx" >/dev/null 2>&1
mv "$out/xlsx/report-$year.pdf" "$out/report-$year-xlsx.pdf"

for pdf in "$out/report-$year-html.pdf" "$out/report-$year-xlsx.pdf"; do
	pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}"
	echo "$pdf: $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages -> ${pdf%.pdf}-*.png"
done
