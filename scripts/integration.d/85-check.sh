# `atlas check` verifies the whole store: a sound store passes; a damaged sidecar is reported
# and does not fail it (it is rebuilt on use); a sidecar forged to pass for current with other
# content, and a broken R*Tree node, fail it with a message naming the part.
ck="$work/check"
mkdir -p "$ck"
python3 "$root/scripts/bench.d/generate.py" incidents 3000 "$ck/a.csv" --seed 21 >/dev/null
c="$ck/c.sqlite"
"$atlas" init --db "$c" >/dev/null 2>&1 && "$atlas" import "$ck/a.csv" --format acled --db "$c" >/dev/null 2>&1
"$atlas" near --at 36.2,37.15 --km 10 --db "$c" >/dev/null 2>&1
check "atlas check passes a sound store, with its R*Trees and a current .points" bash -c "
  '$atlas' check --db '$c' > '$ck/out' && grep -q '^ok   rtree idx_incident_geom' '$ck/out' && grep -q '^ok   c.sqlite.points .*current' '$ck/out' && grep -q '^ok   integrity' '$ck/out'"
cp "$c" "$ck/d.sqlite"; cp "$c.points" "$ck/d.sqlite.points"
flip_bytes "$ck/d.sqlite.points" 20 5
check "atlas check reports byte flips in .points as damaged (rebuilt on use) and passes" bash -c "
  '$atlas' check --db '$ck/d.sqlite' > '$ck/out' && grep -q 'd.sqlite.points .*damaged, the payload.s CRC-32 does not match' '$ck/out'"
cp "$c" "$ck/e.sqlite"; cp "$c.points" "$ck/e.sqlite.points"
# Move the last point record a little (a low byte of its longitude) and fix the CRC: the file
# passes every header check, so only a comparison with the table can tell.
python3 - "$ck/e.sqlite.points" <<'PY'
import struct, sys, zlib
data = bytearray(open(sys.argv[1], 'rb').read())
payload = data[40:]
payload[-24] ^= 0x01
data[40:] = payload
data[32:36] = struct.pack('<I', zlib.crc32(bytes(payload)) & 0xffffffff)
open(sys.argv[1], 'wb').write(data)
PY
fails "atlas check fails a .points forged to pass for current with other content" bash -c "'$atlas' check --db '$ck/e.sqlite' > '$ck/e.out'"
check "… and names the file and the difference" grep -q 'FAIL e.sqlite.points .*records differ' "$ck/e.out"
cp "$c" "$ck/f.sqlite"
sqlite3 "$ck/f.sqlite" "UPDATE idx_incident_geom_node SET data = zeroblob(length(data)) WHERE nodeno = (SELECT max(nodeno) FROM idx_incident_geom_node)"
fails "atlas check fails a store whose R*Tree node was zeroed" bash -c "'$atlas' check --db '$ck/f.sqlite' > '$ck/f.out'"
check "… naming the R*Tree" grep -q 'FAIL rtree idx_incident_geom' "$ck/f.out"
fails "atlas check of a missing file fails" "$atlas" check --db "$ck/missing.sqlite"
