# PostGIS cross-check at scale: the same 100,000 generated incidents (scripts/bench.d/generate.py)
# imported into a SpatiaLite file and a PostGIS database, then every query family (radius with
# filters, nearest, box, polygon, governorate, combined filters with limits, stats, clusters) asked
# at seeded random places: the two backends must print the same bytes (`both`, from 95-postgis.sh).
if [[ -n "${ATLAS_TEST_POSTGRES_URL:-}" ]]; then
  xc_name="atlas_crosscheck_$$"
  "$pg_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $xc_name" -c "CREATE DATABASE $xc_name" >/dev/null
  sl="$work/xc.sqlite"
  pg="${ATLAS_TEST_POSTGRES_URL%/*}/$xc_name"
  python3 "$root/scripts/bench.d/generate.py" incidents 100000 "$work/xc.csv" --seed 99 >/dev/null
  both "cross-check: init" init
  both "cross-check: import 100,000 incidents" import "$work/xc.csv" --format acled
  # Queries drawn at incident positions (where the data is) with radii, filters and limits.
  python3 - "$work/xc.csv" > "$work/xc-queries" <<'PY'
import csv, random, sys
rows = list(csv.DictReader(open(sys.argv[1])))
rng = random.Random(2016)
types = ["shelling", "airstrike", "clash", "attack"]
def at():
    row = rng.choice(rows)
    return "%s,%s" % (row["latitude"], row["longitude"])
def filters():
    chosen = []
    if rng.random() < 0.4: chosen += ["--type", rng.choice(types)]
    if rng.random() < 0.3: chosen += ["--since", "%d-01-01" % rng.randint(2012, 2020)]
    if rng.random() < 0.2: chosen += ["--max-geo-precision", str(rng.randint(1, 2))]
    if rng.random() < 0.3: chosen += ["--limit", str(rng.randint(1, 300))]
    return chosen
for _ in range(10):
    print(" ".join(["near", "--at", at(), "--km", str(rng.choice([0.5, 2, 10, 40]))] + filters() + ["--format", "csv"]))
    print(" ".join(["nearest", "--at", at(), "-k", str(rng.randint(1, 200))] + filters() + ["--format", "csv"]))
    lat, lon = map(float, at().split(","))
    w, s = lon - rng.random() * 0.3, lat - rng.random() * 0.3
    e, n = lon + rng.random() * 0.3, lat + rng.random() * 0.3
    print(" ".join(["within", "--bbox", "%.4f,%.4f,%.4f,%.4f" % (w, s, e, n)] + filters() + ["--format", "csv"]))
    print(" ".join(["within", "--polygon", "'POLYGON((%.4f %.4f,%.4f %.4f,%.4f %.4f,%.4f %.4f))'" % (w, s, e, s, lon, n, w, s)] + filters() + ["--format", "csv"]))
    print(" ".join(["near", "--at", at(), "--km", "25", "--bbox", "%.4f,%.4f,%.4f,%.4f" % (w, s, e, n)] + filters() + ["--format", "geojson"]))
for governorate in ["Aleppo", "Idlib", "Hama", "Homs", "Rural Damascus"]:
    print(" ".join(["within", "--region", "'%s'" % governorate, "--type", rng.choice(types), "--format", "csv"]))
for grouping in ["week", "admin1", "place", "type", "actor"]:
    print(" ".join(["stats", "--by", grouping, "--format", "csv"]))
print("clusters --region Aleppo --km 1 --min-points 5 --type shelling --format csv")
PY
  while IFS= read -r line; do
    eval "args=($line)"
    both "cross-check: ${line:0:90}" "${args[@]}"
  done < "$work/xc-queries"
  "$pg_psql" -q "$ATLAS_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $xc_name" >/dev/null
fi
