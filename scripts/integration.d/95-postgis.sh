# PostGIS backend: the main CLI jobs run on a SpatiaLite file and on a PostGIS database (the
# cluster of scripts/postgis-cluster, $ATLAS_TEST_POSTGRES_URL) and must print the same: the
# SpatiaLite answer is the oracle. Then the faults: no server, wrong password, no PostGIS.
if have_postgres "PostGIS checks"; then
  pg_psql=${PSQL:-/usr/lib/postgresql/15/bin/psql}
  pg_name="atlas_integration_$$"
  pg="${ATLAS_TEST_POSTGRES_URL%/*}/$pg_name"
  "$pg_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_name" -c "CREATE DATABASE $pg_name" >/dev/null
  sl="$work/pg-oracle.sqlite"

  # both NAME ARGS…: `atlas ARGS` on the SpatiaLite store and on the PostGIS store exit alike and
  # print the same standard output, and the same standard error once each store's name is DB.
  both() {
    local name=$1; shift
    "$atlas" "$@" --db "$sl" >"$work/pg-sl.out" 2>"$work/pg-sl.err"; local sl_status=$?
    "$atlas" "$@" --db "$pg" >"$work/pg-pg.out" 2>"$work/pg-pg.err"; local pg_status=$?
    # Each store's name is DB, a time of day TIME (init records when it loaded the geodata).
    sed -i -E "s#$sl#DB#g; s#[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z#TIME#g" "$work/pg-sl.err"
    sed -i -E "s#$pg#DB#g; s#[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z#TIME#g" "$work/pg-pg.err"
    if [[ $sl_status == "$pg_status" ]] && cmp -s "$work/pg-sl.out" "$work/pg-pg.out" && cmp -s "$work/pg-sl.err" "$work/pg-pg.err"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL: $name (SpatiaLite exit $sl_status, PostGIS exit $pg_status)"
      diff "$work/pg-sl.out" "$work/pg-pg.out" | head -10 | sed 's/^/  out | /'
      diff "$work/pg-sl.err" "$work/pg-pg.err" | head -10 | sed 's/^/  err | /'
    fi
  }

  # Incidents for both: 3,000 around Syria (a third near Aleppo), spellings of governorates,
  # rows placed by name only, and bad rows; generated with a fixed seed.
  python3 - "$work/pg-incidents.csv" <<'PY'
import random, sys
random.seed(24)
types = [("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Battles", "Armed clash"), ("Violence against civilians", "Attack")]
actors = ["Jabhat al-Nusra", "Military Forces of Syria", "Islamic State", "SDF", "Hayat Tahrir al-Sham"]
admin1 = ["Aleppo", "Halab", "Idleb", "Idlib", "Hama", "Homs", "Deir ez-Zor", "Ar-Raqqa", "Rural Damascus"]
names = ["Sheikh Maqsood", "Handarat", "Aleppo - Shaykh Maqsud", "Khan Shaykhun", "Al-Nayrab airport"]
out = open(sys.argv[1], "w")
out.write("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n")
for n in range(3000):
    kind, sub = random.choice(types)
    if n % 3 == 0:
        lat, lon = 36.2 + random.gauss(0, 0.05), 37.15 + random.gauss(0, 0.05)
    else:
        lat, lon = random.uniform(32.3, 37.3), random.uniform(35.7, 42.4)
    date = "%d-%02d-%02d" % (random.randint(2016, 2024), random.randint(1, 12), random.randint(1, 28))
    location, la, lo = "Place %d" % n, "%.5f" % lat, "%.5f" % lon
    if n % 97 == 5:
        location, la, lo = random.choice(names), "", ""
    if n % 499 == 7:
        la = "95.5"
    if n % 613 == 11:
        date = "2016-02-30"
    actor = random.choice(actors)
    out.write(f"PG{n},{date},{date[:4]},1,Political violence,{kind},{sub},{actor},,1,{random.choice(actors)},,1,11,,760,Middle East,Syria,"
              f"{random.choice(admin1)},,,{location},{la},{lo},{random.randint(1, 3)},Test source,National,\"note {n}, \"\"quoted\"\"\",{random.randint(0, 9)},,1600000000\n")
PY
  cat >"$work/pg-regions.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"North Aleppo box"},"geometry":{"type":"Polygon","coordinates":[[[37.1,36.22],[37.25,36.22],[37.25,36.3],[37.1,36.3],[37.1,36.22]]]}},
 {"type":"Feature","properties":{"name":"Two parts"},"geometry":{"type":"MultiPolygon","coordinates":[[[[36,33],[37,33],[37,34],[36,34],[36,33]],[[36.2,33.2],[36.4,33.2],[36.4,33.4],[36.2,33.4],[36.2,33.2]]],[[[38,35],[39,35],[39,36],[38,35]]]]}},
 {"type":"Feature","properties":{"name":"Broken"},"geometry":{"type":"Polygon","coordinates":[[[37,36],[38,37],[38,36],[37,37],[37,36]]]}}]}
JSON
  printf 'name,latitude,longitude,feature_code,admin1,alternate_names\nQaryat Test,36.1,37.1,P.PPL,09,Qariyat Testa\nBad Lat,95.5,37.1,P.PPL,09,\nTest Camp,36.2,"37.2",S.CMP,09,"Mukhayyam Test|Camp Test"\n' >"$work/pg-places.csv"

  both "init loads the bundled geodata" init
  both "init again does nothing" init
  both "import reports the same rejections and counts" import "$work/pg-incidents.csv"
  both "importing the same file again changes nothing" import "$work/pg-incidents.csv"
  both "--dry-run reports and keeps nothing" import "$work/pg-incidents.csv" --dry-run
  both "--strict with bad rows keeps nothing and fails" import "$work/pg-incidents.csv" --strict
  both "gazetteer load of a CSV" gazetteer load "$work/pg-places.csv"
  both "regions load stores the good polygons and names the bad one" regions load "$work/pg-regions.geojson" --name-property name
  both "regions list" regions list
  for query in "Aleppo" "Shaykh Maqsud" "Cheikh Maksoud" "Nairab airport" "Hamah" "Idlibb" "Qariyat Test" "Mukhayyam Test" "حلب"; do
    both "gazetteer find '$query'" gazetteer find "$query" --format csv
  done
  both "gazetteer find --in" gazetteer find "Khan Shaykhun" --in Idleb --format csv
  both "gazetteer find in GeoJSON" gazetteer find "Aleppo" --format geojson --limit 3
  for format in table csv geojson geojsonl acled; do
    both "near Aleppo --km 15 ($format)" near Aleppo --km 15 --format "$format"
  done
  both "near with filters" near "Sheikh Maqsood" --km 8 --since 2018-01-01 --until 2022-12-31 --type shelling --actor nusra --max-geo-precision 2 --format csv
  both "near with a not-actor and a limit" near --at 36.2,37.15 --km 30 --not-actor "islamic" --limit 25 --format csv
  both "near an unknown place names the closest" near Idlibxyz --km 1
  both "nearest Khmeimim" nearest Khmeimim -k 10 --format csv
  both "nearest with a type and a box" nearest Aleppo -k 40 --type airstrike --bbox 36,34,40,37 --format csv
  both "within a box" within --bbox 37,36,37.3,36.4 --format csv
  both "within a WKT polygon" within --polygon 'POLYGON((37.1 36.22, 37.25 36.22, 37.25 36.3, 37.1 36.3, 37.1 36.22))' --format csv
  both "within a loaded region" within --region "north aleppo box" --format csv
  both "within a loaded multipolygon with a hole" within --region "Two parts" --format geojson
  both "within a governorate by admin1 (Idleb = Idlib)" within --region Idlib --format csv
  both "within a governorate in Arabic script" within --region "حلب" --since 2020-01-01 --format csv
  both "within an unknown region" within --region Atlantis
  for by in place admin1 day week month type actor; do
    both "stats --by $by" stats --by "$by" --format csv
  done
  both "stats with a region and filters (json)" stats --by month --region Halab --type shelling --format json
  both "stats within a radius's box" stats --by type --bbox 36.9,36,37.4,36.4
  both "clusters" clusters --km 2 --min-points 5
  both "clusters hulls (GeoJSON)" clusters --km 2 --min-points 5 --type shelling --format geojson
  both "space-time clusters, members" clusters --km 3 --min-points 4 --days 60 --assign --format csv
  both "export CSV" export --format csv
  both "export ACLED" export --format acled --since 2020-01-01
  both "export GeoJSON with a region" export --format geojson --region Aleppo
  both "add at a named place" add --place "Shaykh Maqsud" --date 2016-06-02 --type shelling --actor "Jabhat al-Nusra"
  both "add at a position" add --at 36.21,37.14 --date 2016-06-03 --type airstrike --fatalities 2
  both "add at an unknown place" add --place Atlantisqq --date 2016-06-03
  cat >"$work/pg-bulletin.txt" <<'REPORT'
MINISTRY BULLETIN, 4 June 2017

Over the past 24 hours, Nusra militants shelled the Sheikh Maqsoud neighbourhood and the village of Kafr Hamra in Aleppo province.
Syrian troops repelled an assault near Khan Shaykhun. The reconciliation centre at Khmeimim registered eleven violations.
REPORT
  both "extract" extract "$work/pg-bulletin.txt" --format csv
  both "extract --commit stores the incidents" extract "$work/pg-bulletin.txt" --commit --source "test ministry" --format csv
  both "extract --commit again adds nothing" extract "$work/pg-bulletin.txt" --commit --source "test ministry" --format csv
  both "near after add and extract" near "Sheikh Maqsood" --km 1 --since 2016-06-01 --until 2017-12-31
  "$atlas" info --db "$sl" | grep -E '^(place|place_name|admin1|region|incident|report) ' >"$work/pg-info-sl"
  "$atlas" info --db "$pg" | grep -E '^(place|place_name|admin1|region|incident|report) ' >"$work/pg-info-pg"
  check "info counts the same rows in both stores" cmp "$work/pg-info-sl" "$work/pg-info-pg"

  # Faults: each a clear message naming the store, and a failure exit.
  pg_port=${ATLAS_TEST_POSTGRES_URL##*:}; pg_port=${pg_port%%/*}
  free=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  check "an unreachable server is named" bash -c "! '$atlas' near --at 36.2,37.1 --km 1 --db postgresql://atlas@127.0.0.1:$free/atlas 2>'$work/pg-fault.err' && grep -q 'postgresql://atlas@127.0.0.1:$free/atlas: cannot reach the PostgreSQL server' '$work/pg-fault.err'"
  check "a database that does not exist is named" bash -c "! '$atlas' info --db '${ATLAS_TEST_POSTGRES_URL%/*}/no_such_db' 2>'$work/pg-fault.err' && grep -q 'no_such_db: the server has no such database' '$work/pg-fault.err'"
  "$pg_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS ${pg_name}_plain" -c "CREATE DATABASE ${pg_name}_plain" >/dev/null
  check "a database without PostGIS or tables says to run init" bash -c "! '$atlas' near --at 36.2,37.1 --km 1 --db '${ATLAS_TEST_POSTGRES_URL%/*}/${pg_name}_plain' 2>'$work/pg-fault.err' && grep -q 'no PostGIS extension' '$work/pg-fault.err'"
  check "a password in the URL never appears in a message" bash -c "! '$atlas' info --db 'postgresql://atlas:s3cret@127.0.0.1:$free/atlas' 2>'$work/pg-fault.err' && ! grep -q s3cret '$work/pg-fault.err'"
  "$pg_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_name" -c "DROP DATABASE IF EXISTS ${pg_name}_plain" >/dev/null
fi
