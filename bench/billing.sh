#!/usr/bin/env bash
# The billing benchmark: 1,000 customers and 10 million rows of daily rated usage for last month.
# Prints, all measured in this run on this machine:
#   - the usage import (the app's `import-usage`: read, check, match, binary COPY, rollup) in rows/s,
#     next to `psql \copy` of the same CSV into a table of its 55 columns;
#   - the statement run for the month (`run-statements`), next to one INSERT … SELECT … GROUP BY
#     over the same usage rows;
#   - p50/p95 of the reseller dashboard's and a grouped billing report's database work.
# Usage: bench/billing.sh                    # defaults: 10,000,000 rows
#        ROWS=1000000 bench/billing.sh       # a quicker run
cd "$(dirname "$0")/.."
source bench/lib.sh

ROWS="${ROWS:-10000000}"
CUSTOMERS="${CUSTOMERS:-1000}"
RUNS="${RUNS:-200}"
MONTH="$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)"

start_portal
kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true
APP_PID=""
app() { env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__IonPortal="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=ionportal_bench" \
    Serilog__MinimumLevel__Default=Warning dotnet "$WORK/app/IonPortal.Web.dll" "$@" --contentRoot "$WORK/app"; }

echo "== Seed: $CUSTOMERS customers with a subscription, a book and a support plan"
"${PSQL[@]}" -d ionportal_bench -v password_hash="$(password_hash)" -v month="$MONTH-01" -f bench/billing-seed.sql >/dev/null

FILE="$WORK/usage.csv"
echo "== Generating $ROWS rows of $MONTH usage"
python3 bench/usage-file.py "$FILE" "$MONTH" "$ROWS" "$CUSTOMERS" >"$WORK/rows.txt"
written="$(cat "$WORK/rows.txt")"
echo "   $written rows, $(du -h "$FILE" | cut -f1)"

# The yardstick: psql's \copy of the same file into a table of its 55 text columns.
cols="$(head -c 2000 "$FILE" | head -n 1 | sed 's/^\xEF\xBB\xBF//; s/\r$//' | tr ',' '\n' | awk '{printf "%s\"%s\" text", (NR>1 ? ", " : ""), $0}')"
"${PSQL[@]}" -d ionportal_bench -c "CREATE TABLE usage_copy ($cols)" >/dev/null
start=$(date +%s.%N)
"${PSQL[@]}" -d ionportal_bench -c "\\copy usage_copy FROM '$FILE' WITH (FORMAT csv, HEADER true)" >/dev/null
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
"${PSQL[@]}" -d ionportal_bench -c "DROP TABLE usage_copy" >/dev/null

echo "== Import"
start=$(date +%s.%N)
app import-usage bench "$FILE" | tee "$WORK/import.txt"
import_s=$(echo "$(date +%s.%N) - $start" | bc)
grep -q "^imported $written rows" "$WORK/import.txt" || { echo "the import didn't take every row" >&2; exit 1; }
import_ms="$(sed -n 's/.* in \([0-9]*\) ms: .*/\1/p' "$WORK/import.txt")"
rm -f "$FILE"

echo "== Statement run for $MONTH"
app run-statements bench "$MONTH" | tee "$WORK/run.txt"
run_ms="$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$WORK/run.txt")"
app run-statements bench "$(date -u +%Y-%m)" >/dev/null
"${PSQL[@]}" -d ionportal_bench -c "CREATE TABLE usage_sums (customer_id uuid, subscription text, meter text, currency text, quantity numeric, cost numeric, n bigint)" >/dev/null
group_ms="$("${PSQL[@]}" -d ionportal_bench -c '\timing on' -c "INSERT INTO usage_sums SELECT customer_id, provider_subscription_id, meter_id, currency, sum(quantity), sum(cost), count(*) FROM usage_records WHERE reseller_id = md5('bench-reseller')::uuid AND billing_month = '$MONTH-01' GROUP BY 1, 2, 3, 4" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')"
"${PSQL[@]}" -d ionportal_bench -c "VACUUM ANALYZE" >/dev/null

echo "== Dashboard and report queries, $RUNS runs each"
app time-billing-queries bench "$RUNS" | tee "$WORK/queries.txt"

echo
printf '%-58s %s\n' "Usage import ($written rows, one pass over the file)" "$(echo "$written * 1000 / $import_ms" | bc) rows/s ($import_ms ms; $(printf %.1f "$import_s") s with the command's start)"
printf '%-58s %s\n' "psql \\copy of the same CSV (55 text columns)" "$(echo "$written / $copy_s" | bc) rows/s ($(printf %.1f "$copy_s") s)"
printf '%-58s %s\n' "  import / \\copy" "$(echo "scale=2; $copy_s * 1000 / $import_ms" | bc)x (target >= 0.7x; $(echo "scale=2; $copy_s / $import_s" | bc)x counting the command's start)"
printf '%-58s %s\n' "Statement run, $MONTH ($CUSTOMERS customers)" "$run_ms ms"
printf '%-58s %s\n' "One INSERT … SELECT … GROUP BY over the month's usage rows" "$(printf %.0f "$group_ms") ms"
printf '%-58s %s\n' "  run / INSERT … SELECT" "$(echo "scale=2; $run_ms / $group_ms" | bc)x (target <= 2x)"
sed 's/^/Query: /' "$WORK/queries.txt"
