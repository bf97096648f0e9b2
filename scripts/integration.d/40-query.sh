# Queries: near, nearest, within, stats, export; every GeoJSON validated independently.
check "near Aleppo --km 15 lists the seed incidents (Sheikh Maqsood among them)" bash -c "'$atlas' near Aleppo --km 15 --db '$db' 2>/dev/null | grep -q 'Sheikh Maqsood'"
"$atlas" near Aleppo --km 15 --db "$db" --format geojson -o "$work/near.geojson" 2>"$work/near.err"
check "near says which place it used, with coordinates" grep -q "place: Aleppo (P.PPLA, Aleppo) at 36.20124,37.16117" "$work/near.err"
check "near GeoJSON passes the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/near.geojson"
check "near GeoJSON opens in ogrinfo with every feature" bash -c "test \"\$(ogrinfo -ro -so '$work/near.geojson' near | sed -n 's/Feature Count: //p')\" = \"\$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"features\"]))' '$work/near.geojson')\""
check "near distances are sorted and within 15 km" python3 -c "
import json,sys
d=[f['properties']['distance_m'] for f in json.load(open('$work/near.geojson'))['features']]
sys.exit(0 if d==sorted(d) and d and max(d)<=15000 else 1)"
"$atlas" nearest Khmeimim -k 3 --db "$db" --format geojsonl -o "$work/nearest.jsonl" 2>/dev/null
check "nearest -k 3 gives three GeoJSON lines" python3 "$root/scripts/validate-geojson.py" --lines "$work/nearest.jsonl"
check "nearest -k 3 gives exactly three" test "$(wc -l <"$work/nearest.jsonl")" = 3
check "within --region Aleppo finds the Aleppo seed incidents" bash -c "'$atlas' within --region Halab --db '$db' --format csv 2>/dev/null | grep -c 'Jabhat al-Nusra' | grep -qE '^[5-9]|^[1-9][0-9]'"
check "within --bbox across the antimeridian is accepted" "$atlas" within --bbox 179,-17,-179,-16 --db "$db"
check "stats --by type counts the seed shelling" bash -c "'$atlas' stats --by type --db '$db' --format csv | grep -q '^Explosions/Remote violence / Shelling/artillery/missile attack,1[0-9],'"
"$atlas" export --db "$db" --format geojson -o "$work/all.geojson" 2>/dev/null
check "export GeoJSON passes the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/all.geojson"
"$atlas" clusters --km 10 --min-points 3 --type shelling --db "$db" --format geojson -o "$work/clusters.geojson" 2>/dev/null
check "cluster hulls pass the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/clusters.geojson"
check "cluster hulls open in ogrinfo" bash -c "ogrinfo -ro -so '$work/clusters.geojson' clusters | grep -q 'Feature Count: [1-9]'"
check "near refuses a negative radius, saying so" bash -c "! '$atlas' near Aleppo --km -1 --db '$db' 2>'$work/neg.err' && grep -q -- '--km must be a positive number' '$work/neg.err'"
check "near --at takes a southern latitude" "$atlas" near --at -16.5,179.9 --km 5 --db "$db"
check "within --bbox takes a western longitude" bash -c "'$atlas' within --bbox -10,30,40,40 --db '$db' --format csv 2>/dev/null > '$work/west.csv' && grep -q ',Sheikh Maqsood,' '$work/west.csv' && grep -q ',Marj al-Sultan,' '$work/west.csv'"
fails "near refuses latitude 95" "$atlas" near --at 95,37 --km 1 --db "$db"
fails "near refuses an unknown place" "$atlas" near Atlantisqq --km 1 --db "$db"
check "an unknown place's error names the closest known names" bash -c "! '$atlas' near Idlibxyz --km 1 --db '$db' 2>'$work/unknown.err' && grep -q 'closest: Idlib (Idlib)' '$work/unknown.err'"
fails "within refuses a malformed bbox" "$atlas" within --bbox 1,2,3 --db "$db"
fails "an unknown type names the closest" bash -c "'$atlas' near Aleppo --km 5 --type shellng --db '$db' 2>&1 | grep -q \"did you mean 'shelling'\" && exit 1 || exit 0"
check "an actor that looks like SQL is just a string" bash -c "'$atlas' near Aleppo --km 15 --actor \"'); DROP TABLE incident;--\" --db '$db' 2>/dev/null; sqlite3 '$db' 'SELECT count(*) FROM incident' | grep -qE '^[1-9]'"
cat >"$work/regions.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"North Aleppo box"},"geometry":{"type":"Polygon","coordinates":[[[37.1,36.22],[37.25,36.22],[37.25,36.3],[37.1,36.3],[37.1,36.22]]]}},
 {"type":"Feature","properties":{"name":"Broken"},"geometry":{"type":"Polygon","coordinates":[[[37,36],[38,37],[38,36],[37,37],[37,36]]]}}]}
JSON
"$atlas" regions load "$work/regions.geojson" --name-property name --db "$db" 2>"$work/regions.err"
check "regions load stores the good polygon and names the self-intersecting one" bash -c "grep -q 'loaded 1 regions, skipped 1' '$work/regions.err' && grep -q 'feature 2: ring 0 intersects itself' '$work/regions.err'"
check "within --region uses the loaded boundary (Handarat and Hailan in, Aleppo city out)" bash -c "'$atlas' within --region 'north aleppo box' --db '$db' --format csv 2>/dev/null > '$work/box.csv' && grep -q ',Handarat,' '$work/box.csv' && grep -q ',Sheikh Maq' '$work/box.csv' && grep -q ',Hailan,' '$work/box.csv' && ! grep -q ',Halidia,' '$work/box.csv'"
check "within --polygon WKT with the same box agrees" bash -c "test \"\$('$atlas' within --polygon 'POLYGON((37.1 36.22, 37.25 36.22, 37.25 36.3, 37.1 36.3, 37.1 36.22))' --db '$db' --format csv 2>/dev/null | wc -l)\" = \"\$('$atlas' within --region 'North Aleppo box' --db '$db' --format csv 2>/dev/null | wc -l)\""
fails "within --polygon refuses an open ring" "$atlas" within --polygon 'POLYGON((37 36, 38 36, 38 37))' --db "$db"

# A radius answer large enough for the spilled, scan-ordered output path (≥ 8,192 hits): the
# features must be exactly SpatiaLite's answer, nearest first, and valid GeoJSON.
bigdb="$work/big.sqlite"
python3 "$root/scripts/bench.d/generate.py" incidents 40000 "$work/big.csv" --seed 7 >/dev/null
"$atlas" init --empty --db "$bigdb" >/dev/null 2>&1
"$atlas" import "$work/big.csv" --format acled --db "$bigdb" >/dev/null 2>&1
"$atlas" near --at 36.20124,37.16117 --km 50 --db "$bigdb" --format geojson -o "$work/big-near.geojson" 2>/dev/null
sqlite3 "$bigdb" ".load mod_spatialite" "SELECT id FROM incident WHERE PtDistWithin(geom, MakePoint(37.16117, 36.20124, 4326), 50000, 1) ORDER BY id" > "$work/big-sql.ids"
check "a large near answer (spilled output) has SpatiaLite's ids, nearest first" python3 -c "
import json, sys
features = json.load(open('$work/big-near.geojson'))['features']
ids = sorted(f['id'] for f in features)
expected = [int(line) for line in open('$work/big-sql.ids')]
d = [f['properties']['distance_m'] for f in features]
sys.exit(0 if len(features) >= 8192 and ids == expected and d == sorted(d) and d[-1] <= 50000 else 1)"
check "a large near answer passes the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/big-near.geojson"
check "near with --bbox keeps only the hits inside the box (Sheikh Maqsood in, the airport out)" bash -c "'$atlas' near Aleppo --km 15 --bbox 37.1,36.22,37.2,36.3 --db '$db' --format csv 2>/dev/null > '$work/near-box.csv' && grep -q ',Sheikh Maqsood,' '$work/near-box.csv' && ! grep -q ',Aleppo International Airport,' '$work/near-box.csv'"
check "a large near answer with an unusable TMPDIR fails with a message naming it" bash -c "! TMPDIR='$work/missing-dir' '$atlas' near --at 36.20124,37.16117 --km 50 --db '$bigdb' --format geojsonl -o '$work/x.jsonl' 2>'$work/tmp.err' && grep -q 'cannot use a temporary file in $work/missing-dir' '$work/tmp.err'"

# Combined spatial filters narrow together, whatever the command (they used to be dropped or applied after the limit).
check "near with a polygon far away answers like within with it: nothing" bash -c "
  test -z \"\$('$atlas' near Aleppo --km 15 --polygon 'POLYGON((0 0,1 0,1 1,0 1,0 0))' --db '$db' --format csv 2>/dev/null | sed 1d)\" &&
  test -z \"\$('$atlas' within --polygon 'POLYGON((0 0,1 0,1 1,0 1,0 0))' --db '$db' --format csv 2>/dev/null | sed 1d)\""
check "near with --bbox and --limit 1 gives the nearest incident inside the box" bash -c "
  '$atlas' near Aleppo --km 15 --bbox 37.1,36.22,37.2,36.3 --limit 1 --db '$db' --format csv 2>/dev/null | sed 1d > '$work/one.csv'
  test \"\$(wc -l < '$work/one.csv')\" = 1 &&
  test \"\$(cut -d, -f1 '$work/one.csv')\" = \"\$('$atlas' near Aleppo --km 15 --bbox 37.1,36.22,37.2,36.3 --db '$db' --format csv 2>/dev/null | sed -n 2p | cut -d, -f1)\""
check "nearest takes --bbox and keeps only incidents inside it" bash -c "
  '$atlas' nearest Aleppo -k 3 --bbox 37.1,36.22,37.2,36.3 --db '$db' --format csv 2>/dev/null | sed 1d > '$work/nearest-box.csv'
  test \"\$(wc -l < '$work/nearest-box.csv')\" -ge 1 && ! grep -q ',Aleppo International Airport,' '$work/nearest-box.csv'"
check "--polygon with --region intersect (a polygon outside the region leaves nothing)" bash -c "
  test -z \"\$('$atlas' within --region 'North Aleppo box' --polygon 'POLYGON((37.0 36.0, 37.05 36.0, 37.05 36.1, 37.0 36.1, 37.0 36.0))' --db '$db' --format csv 2>/dev/null | sed 1d)\" &&
  test -n \"\$('$atlas' within --region 'North Aleppo box' --polygon 'POLYGON((37.0 36.0, 37.3 36.0, 37.3 36.4, 37.0 36.4, 37.0 36.0))' --db '$db' --format csv 2>/dev/null | sed 1d)\""

# Each command takes only the formats it can honour; stats has JSON, not a fake GeoJSON.
check "stats --format json is a JSON array whose counts add up" bash -c "'$atlas' stats --by type --db '$db' --format json | python3 -c '
import json, sys
groups = json.load(sys.stdin)
sys.exit(0 if isinstance(groups, list) and groups and all(set(g) == {\"type\", \"incidents\", \"fatalities\"} for g in groups) else 1)'"
check "stats refuses --format geojson, naming the formats it has" bash -c "! '$atlas' stats --by type --db '$db' --format geojson 2>'$work/fmt.err' && grep -q 'not available for stats; use table, csv, json' '$work/fmt.err'"
check "clusters refuses --format acled for summaries" bash -c "! '$atlas' clusters --db '$db' --format acled 2>'$work/fmt2.err' && grep -q 'not available for cluster summaries' '$work/fmt2.err'"
check "gazetteer find refuses --format acled" bash -c "! '$atlas' gazetteer find Aleppo --db '$db' --format acled 2>/dev/null"
"$atlas" gazetteer find Halab --db "$db" --format geojson -o "$work/find.geojson" 2>/dev/null
check "gazetteer find GeoJSON passes the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/find.geojson"
