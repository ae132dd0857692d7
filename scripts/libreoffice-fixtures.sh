#!/usr/bin/env bash
# Remakes internal/sample/testdata/libreoffice: every register of the sample
# as LibreOffice saves it, as .ods (ods/) and as .xlsx (xlsx/), so that the
# tests read the registers in the formats staff really save, not only as
# excelize writes them. Run it after changing the sample generator; the
# acceptance tests say when the saves no longer match the generator.
# Needs LibreOffice (Debian: apt-get install libreoffice-calc-nogui); not part
# of CI, which reads the committed files.
#   scripts/libreoffice-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "needs soffice: apt-get install libreoffice-calc-nogui" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run -tags duckdb_arrow ./cmd/klacht sample --out "$tmp/sample" --registers generated >/dev/null
out=internal/sample/testdata/libreoffice
rm -rf "$out/ods" "$out/xlsx"
cd "$tmp/sample"
find . -name '*.xlsx' ! -name '~$*' | sort | while read -r f; do
	rel=${f#./}
	dir=$(dirname "$rel")
	mkdir -p "$OLDPWD/$out/ods/$dir" "$OLDPWD/$out/xlsx/$dir" "$tmp/conv"
	ods="$OLDPWD/$out/ods/${rel%.xlsx}.ods"
	soffice --headless --convert-to ods --outdir "$OLDPWD/$out/ods/$dir" "$rel" >/dev/null 2>&1
	soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$tmp/conv" "$rel" >/dev/null 2>&1
	[ -s "$ods" ] && [ -s "$tmp/conv/$(basename "$rel")" ] || { echo "LibreOffice did not convert $rel" >&2; exit 1; }
	mv "$tmp/conv/$(basename "$rel")" "$OLDPWD/$out/xlsx/$rel"
	echo "$rel"
done
