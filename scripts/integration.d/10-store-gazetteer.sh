# Database creation, GIS compatibility and gazetteer spellings (issue: storage and gazetteer).

check "init creates the database from geodata/" "$atlas" init --db "$db"
check "init again is a no-op" "$atlas" init --db "$db"
places=$(sqlite3 "$db" "SELECT count(*) FROM place")
bundled=$(( $(grep -vc '^#' "$root/geodata/syria-places.txt") + $(grep -vc '^#' "$root/geodata/syria-places-wof.txt") \
  + $(tail -n +2 "$root/geodata/syria-places-wof.tsv" | wc -l) + $(tail -n +2 "$root/geodata/syria-sites.tsv" | wc -l) ))
check "init twice loads the bundled places once ($bundled)" test "$places" = "$bundled"
check "ogrinfo lists place, incident, region layers" bash -c "ogrinfo -ro '$db' | grep -q '1: place (Point)' && ogrinfo -ro '$db' | grep -q 'incident (Point)' && ogrinfo -ro '$db' | grep -q 'region (Multi Polygon)'"
check "ogrinfo reads place in EPSG:4326 with every place" bash -c "ogrinfo -ro -so '$db' place | grep -q 'Feature Count: $bundled' && ogrinfo -ro -so '$db' place | grep -q 'ID\[\"EPSG\",4326\]'"
check "the R*Tree of place passes rtreecheck" bash -c "test \"\$(sqlite3 '$db' \"SELECT rtreecheck('idx_place_geom')\")\" = ok"
check "mod_spatialite sees the geometry (Aleppo within 1 km of 36.2N 37.16E)" bash -c \
  "sqlite3 '$db' \".load mod_spatialite\" \"SELECT name FROM place WHERE PtDistWithin(geom, MakePoint(37.16117, 36.20124, 4326), 1000, 1)\" | grep -qx Aleppo"
check "info prints the SpatiaLite version" bash -c "'$atlas' info --db '$db' | grep -q '^spatialite  5'"

for pair in "Sheikh Maqsood|Sheikh Maqsood" "Shaykh Maqsud|Sheikh Maqsood" "Sheikh Maqsoud|Sheikh Maqsood" \
            "Cheikh Maksoud|Sheikh Maqsood" "Al-Nayrab airport|Aleppo International Airport" \
            "Nairab|Aleppo International Airport" "Khmeimim|Khmeimim Air Base" "Hmeimim|Khmeimim Air Base" \
            "Al-Salamiyah|As Salamīyah" "Salamiyah|As Salamīyah" "As Salamiyah|As Salamīyah" \
            "Palmyra|Tadmur" "Tadmur|Tadmur" "Latakia|Latakia" "Lattakia|Latakia" "Aleppo|Aleppo" "Halab|Aleppo" \
            "Hama|Ḩamāh" "Hamah|Ḩamāh" "Handarat|Handarat" "Hindarat|Handarat camp" \
            "Hailan|Hailan" "Haylan|Hailan" "Hilan|Hailan" "حيلان|Hailan"; do
  check "gazetteer find ${pair%%|*}" expect_top "${pair%%|*}" "${pair#*|}"
done

printf 'not a database at all, just text\n' >"$work/notes.sqlite"
fails "a text file is refused as a database" "$atlas" info --db "$work/notes.sqlite"
check "the refused file is untouched" bash -c "test \"\$(cat '$work/notes.sqlite')\" = 'not a database at all, just text'"
sqlite3 "$work/other.sqlite" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
fails "a foreign SQLite database is refused" "$atlas" info --db "$work/other.sqlite"
check "the foreign database keeps its journal mode (untouched)" bash -c "test \"\$(sqlite3 '$work/other.sqlite' 'PRAGMA journal_mode')\" = delete"
fails "info on a missing database says to run init" "$atlas" info --db "$work/missing.sqlite"

printf 'name,latitude,longitude,feature_code,admin1,alternate_names\nGood Place,36.1,37.1,P.PPL,09,Gp\nBad Lat,95.5,37.1,P.PPL,09,\n,36,37,P.PPL,09,\nShort,36\nGood Two,36.2,"37.2",P.PPLX,09,"A|B"\n' >"$work/places.csv"
"$atlas" gazetteer load "$work/places.csv" --db "$db" 2>"$work/load.err"
check "bad CSV lines are reported with file and line" bash -c "grep -q 'places.csv:3: latitude 95.5 out of range \[-90, 90\]' '$work/load.err' && grep -q 'places.csv:4: name is empty' '$work/load.err' && grep -q 'places.csv:5: row has 2 fields' '$work/load.err'"
check "the valid CSV rows load (2 loaded, 3 skipped)" grep -q 'loaded 2 places, skipped 3' "$work/load.err"
check "a loaded CSV place is found by its alternate name" expect_top "Gp" "Good Place"
