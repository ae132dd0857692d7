#!/bin/sh
# Reads a warehouse with an older DuckDB, as an analyst's client may be: the
# npm package @duckdb/node-api 1.4.4 (needs node and npm). It counts the
# conversations and every view of the schema reports, and reads a comment.
# Not part of CI. Usage: scripts/check-old-duckdb.sh [klacht.duckdb]
set -eu
db=$(realpath "${1:-klacht.duckdb}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --silent @duckdb/node-api@1.4.4-r.4 >/dev/null
cat > check.mjs <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const con = await (await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' })).connect();
const one = async (q) => (await con.runAndReadAll(q)).getRowsJS();
console.log('DuckDB', (await one('select version()'))[0][0]);
console.log('conversations:', Number((await one('select count(*) from conversations'))[0][0]));
console.log('comment of conversations.year:', (await one("select comment from duckdb_columns() where table_name = 'conversations' and column_name = 'year'"))[0][0]);
let failed = 0;
for (const [view] of await one("select view_name from duckdb_views() where schema_name = 'reports' order by 1")) {
  try {
    const n = Number((await one(`select count(*) from reports."${view}"`))[0][0]);
    console.log(`reports.${view}: ${n} rows`);
  } catch (e) {
    failed++;
    console.log(`reports.${view}: ERROR ${e.message.split('\n')[0]}`);
  }
}
process.exit(failed ? 1 : 0);
JS
node check.mjs "$db"
