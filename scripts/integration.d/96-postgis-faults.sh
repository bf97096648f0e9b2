# PostGIS faults that need the server itself: a wrong password (a role with SCRAM
# authentication added to the cluster's pg_hba.conf), a role that may not create PostGIS, and
# the server restarted (pg_ctl restart -m immediate) in the middle of an import: a clear
# message, nothing half-imported, and the retried import keeps each row once (its export equals
# the SpatiaLite store's). Runs after 95-postgis.sh on the same throw-away cluster.
if [[ -n "${ATLAS_TEST_POSTGRES_URL:-}" ]]; then
  pg_psql=${PSQL:-/usr/lib/postgresql/15/bin/psql}
  pg_ctl=${PG_CTL:-/usr/lib/postgresql/15/bin/pg_ctl}
  pg_server=${ATLAS_TEST_POSTGRES_URL%/*}
  pg_sql() { "$pg_psql" -qAt "$ATLAS_TEST_POSTGRES_URL" "$@"; }
  pg_as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pg_data=$(pg_sql -c "SHOW data_directory")
  pg_hba=$(pg_sql -c "SHOW hba_file")

  # A role that logs in with a password (SCRAM) and may not create extensions.
  pg_sql -c "DROP DATABASE IF EXISTS atlas_fault_pw" -c "DROP ROLE IF EXISTS atlas_pw" \
    -c "CREATE ROLE atlas_pw LOGIN PASSWORD 'right-password'" -c "CREATE DATABASE atlas_fault_pw OWNER atlas_pw" >/dev/null
  if ! grep -q '^host all atlas_pw ' "$pg_hba"; then
    sed -i '1i host all atlas_pw 127.0.0.1/32 scram-sha-256' "$pg_hba"
    pg_sql -c "SELECT pg_reload_conf()" >/dev/null
  fi
  pw_url="postgresql://atlas_pw:wrong-password@${pg_server#postgresql://atlas@}/atlas_fault_pw"
  check "a wrong password is refused by name, the password not shown" bash -c "! '$atlas' info --db '$pw_url' 2>'$work/pg-fault.err' && grep -q 'postgresql://atlas_pw@.*/atlas_fault_pw: the server refused the login' '$work/pg-fault.err' && ! grep -q wrong-password '$work/pg-fault.err'"
  check "a missing password is refused, saying the URL has none" bash -c "! '$atlas' info --db '${pw_url/:wrong-password/}' 2>'$work/pg-fault.err' && grep -q 'the URL has none' '$work/pg-fault.err'"
  check "init by a role that may not create PostGIS names the extension" bash -c "! '$atlas' init --db '${pw_url/wrong-password/right-password}' 2>'$work/pg-fault.err' && grep -q 'no PostGIS extension (CREATE EXTENSION postgis as a superuser): permission denied' '$work/pg-fault.err'"

  # The server restarted in the middle of an import of 60,000 rows.
  pg_sql -c "DROP DATABASE IF EXISTS atlas_fault_restart" -c "CREATE DATABASE atlas_fault_restart" >/dev/null
  restart_url="$pg_server/atlas_fault_restart"
  "$atlas" init --empty --db "$restart_url" 2>/dev/null
  python3 - "$work/pg-big.csv" <<'PY'
import random, sys
random.seed(96)
with open(sys.argv[1], "w") as out:
    out.write("source_key,event_date,event_type,sub_event_type,actor1,admin1,location,latitude,longitude,fatalities\n")
    for n in range(60000):
        out.write(f"big:{n},2019-{n % 12 + 1:02d}-{n % 28 + 1:02d},Battles,Armed clash,Actor {n % 7},Aleppo,Place {n},"
                  f"{random.uniform(32.3, 37.3):.5f},{random.uniform(35.7, 42.4):.5f},{n % 5}\n")
PY
  "$atlas" import "$work/pg-big.csv" --db "$restart_url" >/dev/null 2>"$work/pg-restart.err" &
  import_pid=$!
  # Wait until rows are on their way (COPY into the table or the staging table, or the upsert from it).
  for _ in $(seq 600); do
    [[ -n $(pg_sql -c "SELECT 1 FROM pg_stat_activity WHERE datname = 'atlas_fault_restart' AND state = 'active' AND (query LIKE 'COPY%' OR query LIKE '%INSERT INTO incident%') LIMIT 1") ]] && break
    sleep 0.05
  done
  pg_as_owner "$pg_ctl" restart -m immediate -w -t 60 -D "$pg_data" -l "$(dirname "$pg_data")/server.log" >/dev/null 2>&1
  wait "$import_pid"; import_status=$?
  check "the import cut by the restart fails, naming the server, the file and what to do" bash -c "test $import_status -ne 0 && grep -q 'atlas_fault_restart: importing $work/pg-big.csv: .*lost' '$work/pg-restart.err'"
  check "nothing of the cut import was kept" test "$("$pg_psql" -qAt "$restart_url" -c 'SELECT count(*) FROM incident')" = 0
  # Into the empty table the import drops its indexes and unique constraints and builds them at the end: the cut brings them all back.
  check "the cut import into the empty table left its four indexes" test "$("$pg_psql" -qAt "$restart_url" -c "SELECT count(*) FROM pg_indexes WHERE tablename = 'incident'")" = 4
  "$atlas" import "$work/pg-big.csv" --db "$restart_url" 2>"$work/pg-retry.err" >/dev/null
  check "the retried import stores every row" grep -q "read 60000, inserted 60000, updated 0, unchanged 0, rejected 0" "$work/pg-retry.err"
  "$atlas" import "$work/pg-big.csv" --db "$restart_url" 2>"$work/pg-retry2.err" >/dev/null
  check "importing it once more changes nothing" grep -q "read 60000, inserted 0, updated 0, unchanged 60000, rejected 0" "$work/pg-retry2.err"
  "$atlas" init --empty --db "$work/pg-big.sqlite" 2>/dev/null
  "$atlas" import "$work/pg-big.csv" --db "$work/pg-big.sqlite" 2>/dev/null
  check "after the restart and retry, the export equals the SpatiaLite store's" bash -c "cmp <('$atlas' export --format csv --db '$work/pg-big.sqlite') <('$atlas' export --format csv --db '$restart_url')"
  pg_sql -c "DROP DATABASE IF EXISTS atlas_fault_restart" -c "DROP DATABASE IF EXISTS atlas_fault_pw" >/dev/null
fi
