# `atlas serve` on both backends: the same store contents (bundled geodata, 2,000 generated
# incidents, two regions) in a SpatiaLite file and in a PostGIS database, a server on each, and
# ~60 requests (items with bbox, datetime, limit, paging, filters; near, within, by id; places,
# regions, clusters, stats; 400s) that both must answer alike (scripts/serve-compare.py; the
# SpatiaLite answer is the oracle).
if have_postgres "serve on PostGIS"; then
  s97_psql=${PSQL:-/usr/lib/postgresql/15/bin/psql}
  s97_name="atlas_serve_$$"
  s97_pg="${ATLAS_TEST_POSTGRES_URL%/*}/$s97_name"
  s97_sl="$work/serve97.sqlite"
  "$s97_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $s97_name" -c "CREATE DATABASE $s97_name" >/dev/null
  python3 "$root/scripts/bench.d/generate.py" incidents 2000 "$work/serve97.csv" --seed 97 >/dev/null
  cat >"$work/serve97-regions.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Aleppo core"},"geometry":{"type":"Polygon","coordinates":[[[37.05,36.12],[37.25,36.12],[37.25,36.28],[37.05,36.28],[37.05,36.12]]]}},
 {"type":"Feature","properties":{"name":"West with a hole"},"geometry":{"type":"MultiPolygon","coordinates":[[[[35.7,34.5],[37,34.5],[37,36],[35.7,36],[35.7,34.5]],[[36.2,35],[36.5,35],[36.5,35.3],[36.2,35.3],[36.2,35]]]]}}]}
JSON
  for s97_db in "$s97_sl" "$s97_pg"; do
    "$atlas" init --db "$s97_db" >/dev/null 2>&1
    "$atlas" import "$work/serve97.csv" --format acled --db "$s97_db" >/dev/null 2>&1
    "$atlas" regions load "$work/serve97-regions.geojson" --name-property name --db "$s97_db" >/dev/null 2>&1
  done
  check "serve: the same incidents in both stores" bash -c "test \"\$('$atlas' export --format csv --db '$s97_sl' | md5sum)\" = \"\$('$atlas' export --format csv --db '$s97_pg' | md5sum)\""
  check "serve: --read-replica without a PostGIS --db is refused by name" bash -c \
    "! '$atlas' serve --db '$s97_sl' --read-replica '$s97_pg' --port 0 2>'$work/s97.err' && grep -q 'needs a PostGIS store in --db' '$work/s97.err'"
  check "serve: a --read-replica that is not a PostgreSQL URL is refused" bash -c \
    "! ATLAS_READ_REPLICA='$s97_sl' '$atlas' serve --db '$s97_pg' --port 0 2>'$work/s97.err' && grep -q 'takes a postgresql://' '$work/s97.err'"
  if start_serve s97-sl --db "$s97_sl" && start_serve s97-pg --db "$s97_pg"; then
    passed=$((passed + 1))
    check "serve: the PostGIS server names its store without a password" grep -q "database postgresql://" "$work/s97-pg.log"
    cat >"$work/serve97.requests" <<'REQUESTS'
/
/conformance
/collections
/collections/incidents
/collections/places
/api
/collections/incidents/items
/collections/incidents/items?limit=7
/collections/incidents/items?limit=25&bbox=37,36,37.4,36.4
/collections/incidents/items?bbox=35.5,32,42.5,37.5&datetime=2019-01-01/2019-12-31&limit=100
/collections/incidents/items?datetime=2023-03-01T00:00:00Z/..&limit=40
/collections/incidents/items?datetime=../2016-06-30&limit=40
/collections/incidents/items?datetime=2018-05-05
/collections/incidents/items?event_type=Battles&limit=30
/collections/incidents/items?sub_event_type=Air%2Fdrone%20strike&limit=30
/collections/incidents/items?actor=nusra&limit=30
/collections/incidents/items?admin1=Aleppo&limit=30
/collections/incidents/items?admin1=Halab&event_type=Explosions%2FRemote%20violence&limit=30
/collections/incidents/items?geo_precision=1&limit=30&bbox=36,34,38,37
/collections/incidents/items?source=Generated%20Monitor&limit=10
/collections/incidents/items?limit=20&after=100
/collections/incidents/items?limit=20&before=500
/collections/incidents/items?near=36.2,37.15&km=10&limit=30
/collections/incidents/items?near=36.2,37.15&km=50&limit=30&event_type=Battles
/collections/incidents/items?near=Aleppo&km=15&limit=25
/collections/incidents/items?near=Sheikh%20Maqsood&km=3
/collections/incidents/items?near=Homs&km=25&datetime=2020-01-01/2022-12-31&limit=20
/collections/incidents/items?within=Aleppo%20core&limit=30
/collections/incidents/items?within=West%20with%20a%20hole&limit=30
/collections/incidents/items?within=Idlib&limit=30
/collections/incidents/items?bbox=170,-10,-170,10
/collections/incidents/items?limit=15&f=csv
/collections/incidents/items?limit=15&near=Aleppo&km=5&f=csv
/collections/incidents/items?limit=10&f=html
/collections/incidents/items/1
/collections/incidents/items/777
/collections/incidents/items/2000
/collections/incidents/items/1999?f=csv
/collections/incidents/items/999999
/collections/places/items?limit=10
/collections/places/items?limit=5&offset=30
/collections/places/items?bbox=36,35,37,36&limit=20
/collections/places/items?bbox=36,35,37,36&limit=20&offset=20&f=csv
/places/search?q=Aleppo
/places/search?q=Shaykh%20Maqsud&limit=3
/places/search?q=Hamah&admin1=Hama
/collections/regions/items
/collections/regions/items/Aleppo%20core
/collections/incidents/clusters?km=2&minPoints=5&bbox=37,36,37.4,36.4
/collections/incidents/clusters?km=3&minPoints=4&days=60&admin1=Idleb
/collections/incidents/stats?by=week&bbox=37,36,37.4,36.4
/collections/incidents/stats?by=admin1
/collections/incidents/stats?by=type&datetime=2020-01-01/..
/collections/incidents/stats?by=actor&within=Aleppo%20core&f=csv
/collections/incidents/grid?cell=0.5
/collections/incidents/items?colour=red
/collections/incidents/items?bbox=1,2,3
/collections/incidents/items?limit=0
/collections/incidents/items?datetime=2020-13-01
/collections/incidents/items?near=Atlantisxyz&km=5
/collections/incidents/items?within=Atlantis
/collections/incidents/items?event_type=Picnics
/collections/incidents/items?after=not-a-cursor
/collections/incidents/stats
/collections/incidents/clusters?km=0
/collections/regions/items/Atlantis
/collections/places/items/1
REQUESTS
    s97_base_sl="http://127.0.0.1:$(cat "$work/s97-sl.port")"
    s97_base_pg="http://127.0.0.1:$(cat "$work/s97-pg.port")"
    python3 "$root/scripts/serve-compare.py" "$s97_base_sl" "$s97_base_pg" "$work/serve97.requests" >"$work/serve97.out" 2>&1
    s97_ok=$(grep -c '^ok ' "$work/serve97.out")
    s97_failed=$(grep -c '^FAIL ' "$work/serve97.out")
    passed=$((passed + s97_ok))
    failed=$((failed + s97_failed))
    grep -A2 '^FAIL ' "$work/serve97.out" | head -40
    echo "serve: $s97_ok requests answered alike by both backends (statuses: $(grep '^ok ' "$work/serve97.out" | awk '{print $NF}' | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'))"
    check "serve: every request was compared ($(grep -cv '^\(#\|$\)' "$work/serve97.requests"))" \
      test "$((s97_ok + s97_failed))" -eq "$(grep -cv '^\(#\|$\)' "$work/serve97.requests")"
    # A place by id: the first place of the gazetteer, whatever its id.
    s97_place=$(curl -s "$s97_base_sl/collections/places/items?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["features"][0]["id"])')
    echo "/collections/places/items/$s97_place" >"$work/serve97-place.requests"
    check "serve: a place by id alike" python3 "$root/scripts/serve-compare.py" "$s97_base_sl" "$s97_base_pg" "$work/serve97-place.requests"
    stop_serve s97-sl
    stop_serve s97-pg
  else
    failed=$((failed + 1))
  fi
  "$s97_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $s97_name WITH (FORCE)" >/dev/null
fi
