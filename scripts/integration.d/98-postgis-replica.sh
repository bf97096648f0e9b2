# Reads on a hot standby: a primary cluster (wal_level replica, a replication line in pg_hba) and
# a standby made by `pg_basebackup -R` on another free loopback port; `atlas serve --db PRIMARY
# --read-replica STANDBY` answers many reads (items, near, by id) while `atlas import` batches
# and HTTP POSTs go to the primary. Checks: no read fails; the server's reading session is on the
# standby (pg_stat_activity shows `atlas serve` there) and, with the writes over, reads scan no
# table of the primary and those of the standby; once replay has caught up with the primary's
# WAL, both hold the same (id, source_key) rows, each expected source key once.
r98_bin=/usr/lib/postgresql/15/bin
if ! have_postgres "read replica checks"; then
  :
elif [[ ! -x "$r98_bin/pg_basebackup" ]]; then
  failed=$((failed + 1)); echo "FAIL: read replica checks: no $r98_bin/pg_basebackup (scripts/postgis-cluster start installs PostgreSQL 15)"
else
  r98_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  r98_dir=$(mktemp -d /tmp/atlas-replica.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown postgres: "$r98_dir"
  r98_pport=$(free_port)
  r98_sport=$(free_port)
  while [[ "$r98_sport" == "$r98_pport" ]]; do r98_sport=$(free_port); done
  r98_primary="postgresql://atlas@127.0.0.1:$r98_pport/atlas"
  r98_standby="postgresql://atlas@127.0.0.1:$r98_sport/atlas"
  r98_sql() { "$r98_bin/psql" -qAtX "$@"; }
  r98_start() { # r98_start DATADIR PORT: starts a cluster, its postmaster pid in stop_pids
    r98_owner "$r98_bin/pg_ctl" -D "$1" -l "$1.log" -w -t 60 \
      -o "-p $2 -k $r98_dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null \
      || { sed 's/^/  | /' "$1.log" | tail -20; return 1; }
    stop_pids+=("$(head -n 1 "$1/postmaster.pid")")
  }
  r98_ready=0
  if r98_owner "$r98_bin/initdb" -D "$r98_dir/primary" -U atlas -A trust -E UTF8 --no-locale >"$r98_dir/initdb.log" 2>&1; then
    cat >>"$r98_dir/primary/postgresql.conf" <<'CONF'
wal_level = replica
max_wal_senders = 4
hot_standby = on
hot_standby_feedback = on
CONF
    echo "host replication atlas 127.0.0.1/32 trust" >>"$r98_dir/primary/pg_hba.conf"
    if r98_start "$r98_dir/primary" "$r98_pport" \
      && r98_sql "postgresql://atlas@127.0.0.1:$r98_pport/postgres" -c "CREATE DATABASE atlas" >/dev/null \
      && "$atlas" init --db "$r98_primary" >/dev/null 2>"$work/r98-init.err" \
      && r98_owner "$r98_bin/pg_basebackup" -h 127.0.0.1 -p "$r98_pport" -U atlas -D "$r98_dir/standby" -R -X stream >/dev/null 2>&1 \
      && r98_start "$r98_dir/standby" "$r98_sport"; then
      r98_ready=1
    fi
  fi
  check "replica: a primary and a hot standby streaming from it" test "$r98_ready" = 1
  if [[ $r98_ready == 1 ]]; then
    check "replica: the standby is in recovery" test "$(r98_sql "$r98_standby" -c 'SELECT pg_is_in_recovery()')" = t
    # The first incidents, then five batches of 1,000 new source keys (the third sent twice) and
    # 20 POSTs of 10 features while the reads run.
    python3 "$root/scripts/bench.d/generate.py" incidents 2000 "$work/r98-base.csv" --seed 98 >/dev/null
    "$atlas" import "$work/r98-base.csv" --format acled --db "$r98_primary" >/dev/null 2>&1
    # The seed incidents `atlas init` stored, and every source key the writes below send.
    r98_sql "$r98_primary" -c "SELECT source_key FROM incident" >"$work/r98-expected.keys"
    for k in $(seq 0 19); do for n in $(seq 0 9); do echo "post-$k-$n"; done; done >>"$work/r98-expected.keys"
    for k in 1 2 3 4 5; do
      python3 "$root/scripts/bench.d/generate.py" incidents 1000 "$work/r98-gen.csv" --seed $((980 + k)) >/dev/null
      sed "s/^BENCH/B$k-/" "$work/r98-gen.csv" >"$work/r98-batch$k.csv"
      tail -n +2 "$work/r98-batch$k.csv" | cut -d, -f1 >>"$work/r98-expected.keys"
    done
    printf 'replica-test-token-0123456789abcdef\n' >"$work/r98-token"
    if start_serve r98 --db "$r98_primary" --read-replica "$r98_standby" --token-file "$work/r98-token"; then
      r98_base="http://127.0.0.1:$(cat "$work/r98.port")"
      check "replica: the server names the primary and the standby" grep -q "database postgresql://atlas@127.0.0.1:$r98_pport/atlas (reads from postgresql://atlas@127.0.0.1:$r98_sport/atlas)" "$work/r98.log"
      (
        for k in 1 2 3 3 4 5; do "$atlas" import "$work/r98-batch$k.csv" --format acled --db "$r98_primary" >/dev/null 2>"$work/r98-import.err" || { echo "import $k failed:"; cat "$work/r98-import.err"; } >>"$work/r98-writes.err"; done
      ) &
      r98_imports=$!
      python3 - "$r98_base" "$work/r98-token" >"$work/r98-posts.out" 2>&1 <<'PY' &
import json, sys, urllib.request
base, token = sys.argv[1], open(sys.argv[2]).read().split()[0]
failed = 0
for k in range(20):
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.1 + n / 100, 36.2]},
                 "properties": {"source_key": f"post-{k}-{n}", "event_date": "2021-02-03", "event_type": "Battles", "sub_event_type": "Armed clash"}}
                for n in range(10)]
    request = urllib.request.Request(base + "/collections/incidents/items", method="POST",
                                     data=json.dumps({"type": "FeatureCollection", "features": features}).encode(),
                                     headers={"Content-Type": "application/geo+json", "Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
            failed += response.status != 201 or len(answer["ids"]) != 10
    except Exception as error:
        print("POST failed:", error)
        failed += 1
print("posts failed:", failed)
PY
      r98_posts=$!
      # Reads from 6 threads while the writes run; the standby's sessions are sampled meanwhile.
      python3 - "$r98_base" 600 >"$work/r98-reads.out" 2>&1 <<'PY' &
import sys, time, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
base, total = sys.argv[1], int(sys.argv[2])
paths = ["/collections/incidents/items?limit=50&bbox=36,34,39,37", "/collections/incidents/items?near=36.2,37.15&km=10&limit=100",
         "/collections/incidents/items?near=Aleppo&km=25&limit=20&event_type=Battles", "/collections/incidents/items?limit=100&datetime=2020-01-01/2021-12-31"]
def read(n):
    path = paths[n % 5] if n % 5 < 4 else f"/collections/incidents/items/{1 + n * 7 % 2000}"
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
            return response.status == 200
    except Exception as error:
        print("read failed:", path, error)
        return False
start = time.time()
with ThreadPoolExecutor(6) as pool:
    results = list(pool.map(read, range(total)))
elapsed = time.time() - start
print(f"reads: {len(results)} errors: {results.count(False)} seconds: {elapsed:.2f} per_second: {len(results) / elapsed:.0f}")
PY
      r98_reads=$!
      r98_seen=0
      while kill -0 "$r98_reads" 2>/dev/null; do
        [[ "$(r98_sql "$r98_standby" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'atlas serve'")" -ge 1 ]] && r98_seen=$((r98_seen + 1))
        sleep 0.2
      done
      wait "$r98_imports" "$r98_posts" "$r98_reads"
      check "replica: every read answered 200 while imports and POSTs ran ($(cat "$work/r98-reads.out" | tail -1))" grep -q ' errors: 0 ' "$work/r98-reads.out"
      check "replica: every import batch and POST succeeded" bash -c "cat '$work/r98-writes.err' '$work/r98-posts.out' 2>/dev/null; ! test -s '$work/r98-writes.err' && grep -q 'posts failed: 0' '$work/r98-posts.out'"
      check "replica: pg_stat_activity on the standby shows the server's 'atlas serve' session" test "$r98_seen" -ge 1
      check "replica: the primary shows one 'atlas serve' session (the writer)" test \
        "$(r98_sql "$r98_primary" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'atlas serve'")" = 1

      # With the writes over: reads scan the standby's tables and none of the primary's.
      r98_scans='SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables'
      sleep 1.5
      r98_p0=$(r98_sql "$r98_primary" -c "$r98_scans"); r98_s0=$(r98_sql "$r98_standby" -c "$r98_scans")
      python3 - "$r98_base" 200 >"$work/r98-reads2.out" 2>&1 <<'PY'
import sys, urllib.request
base, total = sys.argv[1], int(sys.argv[2])
errors = 0
for n in range(total):
    path = [f"/collections/incidents/items/{1 + n % 2000}", "/collections/incidents/items?near=36.2,37.15&km=5&limit=10"][n % 2]
    with urllib.request.urlopen(base + path, timeout=60) as response:
        response.read()
        errors += response.status != 200
print("errors:", errors)
PY
      sleep 1.5
      r98_p1=$(r98_sql "$r98_primary" -c "$r98_scans"); r98_s1=$(r98_sql "$r98_standby" -c "$r98_scans")
      check "replica: 200 more reads with the writes over answered 200" grep -q 'errors: 0' "$work/r98-reads2.out"
      check "replica: 200 reads scanned no table on the primary ($r98_p0 -> $r98_p1 scans)" test "$r98_p1" = "$r98_p0"
      check "replica: and tables on the standby ($r98_s0 -> $r98_s1 scans)" test "$r98_s1" -ge $((r98_s0 + 200))

      # Replay catches up with the primary's WAL; then both hold the same rows.
      r98_lsn=$(r98_sql "$r98_primary" -c "SELECT pg_current_wal_lsn()")
      r98_t0=$(date +%s%N)
      for _ in $(seq 600); do
        [[ "$(r98_sql "$r98_standby" -c "SELECT pg_last_wal_replay_lsn() >= '$r98_lsn'::pg_lsn")" == t ]] && break
        sleep 0.05
      done
      r98_lag_ms=$(( ($(date +%s%N) - r98_t0) / 1000000 ))
      check "replica: replay reached the primary's WAL position $r98_lsn (${r98_lag_ms} ms after the writes)" \
        test "$(r98_sql "$r98_standby" -c "SELECT pg_last_wal_replay_lsn() >= '$r98_lsn'::pg_lsn")" = t
      r98_rows='SELECT id, source_key FROM incident ORDER BY id'
      r98_sql "$r98_primary" -c "$r98_rows" >"$work/r98-primary.rows"
      r98_sql "$r98_standby" -c "$r98_rows" >"$work/r98-standby.rows"
      check "replica: the standby holds the primary's rows, id for id" cmp "$work/r98-primary.rows" "$work/r98-standby.rows"
      sort -u "$work/r98-expected.keys" -o "$work/r98-expected.keys"
      r98_expected=$(wc -l <"$work/r98-expected.keys")
      check "replica: $r98_expected incidents, none lost" test "$(wc -l <"$work/r98-standby.rows")" = "$r98_expected"
      check "replica: no source key twice" test "$(cut -d'|' -f2 "$work/r98-standby.rows" | sort | uniq -d | wc -l)" = 0
      check "replica: every expected source key present" bash -c "cut -d'|' -f2 '$work/r98-standby.rows' | sort | diff - '$work/r98-expected.keys'"
      check "replica: the server counts what the primary holds" bash -c \
        "curl -s '$r98_base/collections/incidents/items?limit=1' | grep -q '\"numberMatched\":$r98_expected,'"
      echo "replica: $(tail -1 "$work/r98-reads.out") during 6 import batches and 20 POSTs; replay caught up ${r98_lag_ms} ms after the last write"
      stop_serve r98
    else
      failed=$((failed + 1))
    fi
  fi
  for r98_data in "$r98_dir/standby" "$r98_dir/primary"; do
    [[ -f "$r98_data/postmaster.pid" ]] || continue
    r98_pid=$(head -n 1 "$r98_data/postmaster.pid")
    kill -INT "$r98_pid" 2>/dev/null
    for _ in $(seq 300); do kill -0 "$r98_pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$r98_dir"
fi
