# Concurrency: readers during a bulk import (and during a bulk gazetteer load) read the
# committed state or wait, never fail; a second writer waits for the first; a lock held past
# the busy timeout is reported with its holder.
cdb="$work/concurrent.sqlite"
"$atlas" init --db "$cdb" 2>/dev/null
before=$("$atlas" info --db "$cdb" | awk '$1 == "incident" { print $2 }')
# 50,000 rows (~17 MB): over the 16 MiB bulk threshold, so the load may leave WAL (BulkJournal).
python3 "$root/scripts/bench.d/generate.py" incidents 50000 "$work/bulk.csv" >/dev/null
head -101 "$work/bulk.csv" | sed '2,$s/^BENCH/SECOND/' >"$work/second.csv"
"$atlas" import "$work/bulk.csv" --db "$cdb" 2>"$work/bulk.err" &
bulk_pid=$!
sleep 0.1
"$atlas" import "$work/second.csv" --db "$cdb" 2>"$work/second.err"
echo $? >"$work/second.rc"
query_errors=0 queries=0 odd_counts=""
while kill -0 "$bulk_pid" 2>/dev/null || [[ $queries -lt 3 ]]; do
  queries=$((queries + 1))
  if count=$("$atlas" info --db "$cdb" 2>>"$work/query.err" | awk '$1 == "incident" { print $2 }') && [[ -n $count ]]; then
    [[ $count == "$before" || $count == $((before + 100)) || $count == $((before + 50000)) || $count == $((before + 50100)) ]] \
      || odd_counts+=" $count"
  else query_errors=$((query_errors + 1)); fi
  "$atlas" within --bbox 35,32,43,38 --db "$cdb" --format csv >/dev/null 2>>"$work/query.err" || query_errors=$((query_errors + 1))
done
wait "$bulk_pid"
check "a bulk import beside a second import and queries succeeds" grep -q "read 50000, inserted 50000" "$work/bulk.err"
check "a second import during a bulk import waits and succeeds" bash -c "[[ \$(cat '$work/second.rc') == 0 ]] && grep -q 'read 100, inserted 100' '$work/second.err'"
check "queries during a bulk import never fail ($queries queries)" bash -c "[[ $query_errors == 0 ]] || { head -5 '$work/query.err'; false; }"
check "queries during a bulk import count the rows before or after a commit" bash -c "[[ -z '$odd_counts' ]] || { echo 'counts:$odd_counts'; false; }"
check "the store is back in WAL mode" bash -c "[[ \$(sqlite3 '$cdb' 'PRAGMA journal_mode') == wal ]]"

# Queries during a bulk gazetteer load (~18 MB of GeoNames lines).
python3 "$root/scripts/bench.d/generate.py" gazetteer 140000 "$work/places.txt" >/dev/null
"$atlas" gazetteer load "$work/places.txt" --db "$cdb" 2>"$work/places.err" &
load_pid=$!
sleep 0.1
find_errors=0 finds=0
while kill -0 "$load_pid" 2>/dev/null || [[ $finds -lt 3 ]]; do
  finds=$((finds + 1))
  "$atlas" gazetteer find Aleppo --db "$cdb" --limit 1 >/dev/null 2>>"$work/find.err" || find_errors=$((find_errors + 1))
done
wait "$load_pid"
check "a bulk gazetteer load beside queries succeeds" grep -q "loaded 140000 places" "$work/places.err"
check "gazetteer find during a bulk load never fails ($finds finds)" bash -c "[[ $find_errors == 0 ]] || { head -5 '$work/find.err'; false; }"

# A lock held past the busy timeout: the writer says who holds it.
sqlite3 "$cdb" "BEGIN IMMEDIATE" "INSERT INTO atlas_meta VALUES ('held', 'x')" ".shell sleep 4" "ROLLBACK" &
holder_pid=$!
sleep 0.5
ATLAS_BUSY_TIMEOUT=1 "$atlas" add --at 36.2,37.1 --date 2016-05-01 --type shelling --db "$cdb" 2>"$work/locked.err"
check "a lock outlasting the busy timeout names its holder" grep -q "database is locked: still held after 1 s by process [0-9]* (sqlite3 " "$work/locked.err"
ATLAS_BUSY_TIMEOUT=1 "$atlas" gazetteer find Aleppo --db "$cdb" --limit 1 >/dev/null 2>"$work/locked-read.err"
check "a reader is not stopped by a writer's lock" test ! -s "$work/locked-read.err"
wait "$holder_pid"
