#!/bin/sh
# Prints the Haarlem report as a web page to PDF with headless Chromium: a
# report typeset by other hands than internal/sample's (Skia, CID fonts,
# captions as paragraphs apart from their tables, Letter pages), kept as the
# partner case extract/testdata/partners/pdf-printed-by-chromium. Needs
# chromium (apt-get install chromium); not part of CI.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd internal/sample && go run ./pdfgen -html akj_2016_haarlem.pdf) > "$tmp/haarlem.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
	--print-to-pdf="$tmp/akj_2016_haarlem.pdf" "file://$tmp/haarlem.html" 2>/dev/null
cp "$tmp/akj_2016_haarlem.pdf" extract/testdata/partners/pdf-printed-by-chromium/input/
echo "written extract/testdata/partners/pdf-printed-by-chromium/input/akj_2016_haarlem.pdf; go test ./extract -run TestPartnerCases -update, and read the diff"
