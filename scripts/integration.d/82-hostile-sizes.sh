# Hostile input sizes, scaled down from the measured 200 MB / 50 MB runs in RELIABILITY.md: a
# CSV that is one line of 24 MiB, a GeoJSON FeatureCollection holding one 4 MiB feature beside
# a sound one, and a report over the 16 MiB cap. Each gives a clear message or the correct
# result, and the store is unchanged by what it refuses.
hs="$work/hostile"
mkdir -p "$hs"
hdb="$hs/h.sqlite"
"$atlas" init --empty --db "$hdb" >/dev/null 2>&1
python3 - "$hs" <<'PY'
import sys
d = sys.argv[1]
open(f"{d}/oneline.csv", "wb").write(b'abc,"d,ef",' * ((24 << 20) // 11))
point = b'{"type":"Feature","geometry":{"type":"Point","coordinates":[37.1,36.2]},"properties":{"source_key":"%s","event_date":"2016-05-22","event_type":"shelling"%s}}'
open(f"{d}/huge.geojson", "wb").write(b'{"type":"FeatureCollection","features":[' + point % (b"big", b',"notes":"' + b"z" * (4 << 20) + b'"')
                                       + b"," + point % (b"small", b"") + b"]}")
open(f"{d}/report.txt", "wb").write(b"Troops shelled the village of Kafr Hamra. " * ((17 << 20) // 42))
PY
check "a 24 MiB one-line CSV fails at once naming line 1" bash -c "
  ! '$atlas' import '$hs/oneline.csv' --db '$hdb' 2>'$hs/csv.err' && grep -q 'oneline.csv:1: line longer than 1048576 bytes' '$hs/csv.err'"
check "a GeoJSON feature of 4 MiB is one rejected row; the next feature is imported" bash -c "
  '$atlas' import '$hs/huge.geojson' --db '$hdb' 2>'$hs/gj.err'
  grep -q 'huge.geojson:1: row: feature of [0-9]* bytes, longer than 1048576' '$hs/gj.err' &&
  grep -q 'read 2, inserted 1, updated 0, unchanged 0, rejected 1' '$hs/gj.err'"
check "a report over 16 MiB is refused with its size" bash -c "
  ! '$atlas' extract '$hs/report.txt' --date 2017-06-04 --db '$hdb' 2>'$hs/ex.err' && grep -q 'report.txt: longer than 16777216 bytes' '$hs/ex.err'"
check "the store holds only the sound feature" bash -c "[[ \$(sqlite3 '$hdb' 'SELECT group_concat(source_key) FROM incident') == small ]]"
