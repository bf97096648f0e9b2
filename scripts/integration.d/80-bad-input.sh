# Bad input of every kind gets a short, specific message and exit 1, never a crash.
bdb="$work/bad-input.sqlite"
"$atlas" init --db "$bdb" 2>/dev/null
timeout 60 "$atlas" import /dev/zero --db "$bdb" 2>"$work/zero.err"
echo $? >"$work/zero.rc"
check "import /dev/zero fails at once with FILE:LINE: line longer than N bytes" \
  bash -c "[[ \$(cat '$work/zero.rc') == 1 ]] && grep -q '^Error: /dev/zero:1: line longer than 1048576 bytes' '$work/zero.err'"
check "the message quotes a short escaped excerpt" bash -c "[[ \$(wc -c <'$work/zero.err') -lt 400 ]] && ! grep -q \$'\\x1b' '$work/zero.err' && ! tr -d '\\n' <'$work/zero.err' | grep -qP '\\x00'"
timeout 60 "$atlas" gazetteer load /dev/zero --format geonames --db "$bdb" 2>"$work/zero-gazetteer.err"
check "gazetteer load /dev/zero fails with the line cap" grep -q '^Error: /dev/zero:1: line longer than' "$work/zero-gazetteer.err"
timeout 60 "$atlas" extract /dev/zero --db "$bdb" 2>"$work/zero-extract.err" >/dev/null
check "extract /dev/zero fails with the size cap" grep -q '^Error: /dev/zero: longer than' "$work/zero-extract.err"

# --rejects to an unusable path stops the import before anything is committed.
before=$("$atlas" info --db "$bdb" | awk '$1 == "incident" { print $2 }')
fails "import --rejects DIRECTORY fails" "$atlas" import "$work/acled.csv" --db "$bdb" --rejects "$work"
cp "$work/err" "$work/failed.err"
check "… saying why, before importing" bash -c "grep -q 'cannot create the output file: it is a directory' '$work/failed.err' \
  && [[ \$('$atlas' info --db '$bdb' | awk '\$1 == \"incident\" { print \$2 }') == $before ]]"
# A hexadecimal float is not a latitude.
printf 'event_date,event_type,latitude,longitude\n2016-05-01,shelling,0x1p3,37\n' >"$work/hex.csv"
"$atlas" import "$work/hex.csv" --db "$bdb" --dry-run 2>"$work/hex.err"
check "a hexadecimal latitude is rejected" grep -q "hex.csv:2: latitude: '0x1p3' is not a decimal number" "$work/hex.err"
fails "--at with a hexadecimal latitude fails" "$atlas" near --at 0x1p3,37 --km 5 --db "$bdb"
cp "$work/err" "$work/failed.err"
# An empty file is not a store (only init makes one) and is left untouched.
: >"$work/empty.sqlite"
fails "a 0-byte --db is refused" "$atlas" near --at 36.2,37.1 --km 5 --db "$work/empty.sqlite"
cp "$work/err" "$work/failed.err"
check "… with a message naming init, the file still empty" bash -c "grep -q 'an empty file, not an IncidentAtlas database' '$work/failed.err' && [[ ! -s '$work/empty.sqlite' ]]"
# NaN in GeoJSON and WKT: named, with the file and position; no Usage line for bad data.
printf '{"type":"Polygon","coordinates":[[[37,36],[NaN,36],[37.1,36.1],[37,36]]]}' >"$work/nan.geojson"
fails "--polygon with NaN fails" "$atlas" within --polygon "$work/nan.geojson" --db "$bdb"
cp "$work/err" "$work/failed.err"
check "… naming the file, line and column, without Usage" bash -c "grep -q 'nan.geojson: not valid JSON at line 1, column 44' '$work/failed.err' && ! grep -q '^Usage' '$work/failed.err'"
fails "WKT with nan fails" "$atlas" within --polygon 'POLYGON((37 36, nan 36, 37.1 36.1, 37 36))' --db "$bdb"
cp "$work/err" "$work/failed.err"
check "… naming the position, not calling the ring open" grep -q "ring 0, position 1: 'nan 36' is not 'x y'" "$work/failed.err"
fails "an unknown place fails" "$atlas" near Zzqqxx --km 5 --db "$bdb"
cp "$work/err" "$work/failed.err"
check "… without a Usage line" bash -c "grep -q 'no place matches' '$work/failed.err' && ! grep -q '^Usage' '$work/failed.err'"
# A failed near -o keeps the previous file.
echo '{"previous": true}' >"$work/out.json"
fails "near with an unknown place fails" "$atlas" near Zzqqxx --km 5 --db "$bdb" -o "$work/out.json"
cp "$work/err" "$work/failed.err"
check "… and leaves the existing output file as it was" bash -c "[[ \$(cat '$work/out.json') == '{\"previous\": true}' ]] && ! ls -a '$work' | grep -q partial"
# An import that changes nothing leaves the incident generation (and so the point index) alone.
"$atlas" import "$work/acled.csv" --db "$bdb" 2>/dev/null
generation=$(sqlite3 "$bdb" "SELECT value FROM atlas_meta WHERE key = 'incident_generation'")
"$atlas" import "$work/acled.csv" --db "$bdb" 2>/dev/null
check "re-importing an unchanged file keeps the incident generation" \
  bash -c "[[ \$(sqlite3 '$bdb' \"SELECT value FROM atlas_meta WHERE key = 'incident_generation'\") == '$generation' ]]"
# A ring across the antimeridian is refused with the reason, not read the long way round.
printf '{"type":"Polygon","coordinates":[[[179,10],[-179,10],[-179,11],[179,11],[179,10]]]}' >"$work/antimeridian.geojson"
fails "--polygon across the antimeridian fails" "$atlas" within --polygon "$work/antimeridian.geojson" --db "$bdb"
cp "$work/err" "$work/failed.err"
check "… saying it crosses the antimeridian" grep -q "more than 180°: a ring crossing the antimeridian must be cut" "$work/failed.err"
