# Sidecar files (<db>.points, <db>.names) answer only for the content they were built from:
# a new store at the same path, a restored backup, another store's sidecar and random bytes
# are each checked against SpatiaLite's own radius answer on the same file.
sc="$work/sidecar"
mkdir -p "$sc"
python3 "$root/scripts/bench.d/generate.py" incidents 3000 "$sc/a.csv" --seed 11 >/dev/null
python3 "$root/scripts/bench.d/generate.py" incidents 5000 "$sc/b.csv" --seed 12 >/dev/null
sidecar_matches_spatialite() { # DB LAT LON KM: near's ids equal SpatiaLite's geodesic answer
  "$atlas" near --at "$2,$3" --km "$4" --db "$1" --format csv 2>/dev/null | sed 1d | cut -d, -f1 | sort -n > "$sc/near.ids"
  sqlite3 "$1" ".load mod_spatialite" "SELECT id FROM incident WHERE PtDistWithin(geom, MakePoint($3, $2, 4326), $4 * 1000, 1) ORDER BY id" > "$sc/sql.ids"
  [[ -s "$sc/sql.ids" ]] && cmp -s "$sc/near.ids" "$sc/sql.ids"
}
x="$sc/x.sqlite"
"$atlas" init --empty --db "$x" >/dev/null 2>&1 && "$atlas" import "$sc/a.csv" --format acled --db "$x" >/dev/null 2>&1
"$atlas" near --at 36.2,37.15 --km 3 --db "$x" >/dev/null 2>&1
rm -f "$x" "$x-wal" "$x-shm"
"$atlas" init --empty --db "$x" >/dev/null 2>&1 && "$atlas" import "$sc/b.csv" --format acled --db "$x" >/dev/null 2>&1
check "a new store at the same path is not answered from the old store's sidecar" sidecar_matches_spatialite "$x" 36.2 37.15 3
cp "$x" "$sc/backup.sqlite"
"$atlas" import "$sc/a.csv" --format acled --db "$x" >/dev/null 2>&1
"$atlas" near --at 36.2,37.15 --km 10 --db "$x" >/dev/null 2>&1
cp "$sc/backup.sqlite" "$x"; rm -f "$x-wal" "$x-shm"
check "a restored backup is not answered from the newer sidecar" sidecar_matches_spatialite "$x" 36.2 37.15 10
y="$sc/y.sqlite"
"$atlas" init --empty --db "$y" >/dev/null 2>&1 && "$atlas" import "$sc/a.csv" --format acled --db "$y" >/dev/null 2>&1
"$atlas" near --at 36.2,37.15 --km 10 --db "$y" >/dev/null 2>&1
cp "$y.points" "$x.points"
check "another store's sidecar copied beside a database is not read" sidecar_matches_spatialite "$x" 36.2 37.15 10
"$atlas" near --at 36.2,37.15 --km 10 --db "$x" >/dev/null 2>&1
flip_bytes "$x.points" 200 7
check "200 random byte flips in .points are detected (near equals SpatiaLite)" sidecar_matches_spatialite "$x" 36.2 37.15 10
check "within --bbox after the flips equals SpatiaLite's box" bash -c "
  '$atlas' within --bbox 37.0,36.1,37.3,36.3 --db '$x' --format csv 2>/dev/null | sed 1d | cut -d, -f1 | sort -n > '$sc/box.ids'
  sqlite3 '$x' 'SELECT id FROM incident WHERE X(geom) BETWEEN 37.0 AND 37.3 AND Y(geom) BETWEEN 36.1 AND 36.3 ORDER BY id' -cmd '.load mod_spatialite' > '$sc/box-sql.ids'
  test -s '$sc/box-sql.ids' && cmp -s '$sc/box.ids' '$sc/box-sql.ids'"
g="$sc/g.sqlite"
"$atlas" init --db "$g" >/dev/null 2>&1
"$atlas" gazetteer find Aleppo --db "$g" >/dev/null 2>&1
python3 -c "
import sys
p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
for i in range(48, len(d), 61): d[i] = 0xA5
open(p, 'wb').write(d)" "$g.names"
check "random bytes behind a valid .names header: gazetteer find Aleppo still finds Aleppo" bash -c "'$atlas' gazetteer find Aleppo --db '$g' --limit 1 --format csv | sed -n 2p | grep -q ',Aleppo,'"
rm -f "$x.points"
for n in 1 2 3 4 5 6; do
  ( "$atlas" near --at 36.2,37.15 --km 10 --db "$x" --format csv 2>/dev/null | sed 1d | cut -d, -f1 | sort -n > "$sc/race-$n.ids" ) &
done
wait
check "six processes racing to rebuild .points all answer like SpatiaLite" bash -c "
  sqlite3 '$x' '.load mod_spatialite' 'SELECT id FROM incident WHERE PtDistWithin(geom, MakePoint(37.15, 36.2, 4326), 10000, 1) ORDER BY id' > '$sc/race-sql.ids'
  test -s '$sc/race-sql.ids' && for n in 1 2 3 4 5 6; do cmp -s '$sc/race-'\$n'.ids' '$sc/race-sql.ids' || exit 1; done
  test -z \"\$(ls '$sc' | grep -E 'points\\.[A-Za-z0-9]{6}\$')\""
