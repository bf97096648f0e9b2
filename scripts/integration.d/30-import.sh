# Incident import: summary line, per-row rejections, strict mode, add, GIS view.
acled_header="event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
{
  echo "$acled_header"
  echo "SYR9001,2016-06-01,2016,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Jabhat al-Nusra,,2,,,0,20,,760,Middle East,Syria,Aleppo,,,Sheikh Maqsoud,36.2361,37.1517,1,SOHR,National,\"Mortars, several\",1,,1600000000"
  echo "SYR9002,2016-06-01,2016,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Jabhat al-Nusra,,2,,,0,20,,760,Middle East,Syria,Aleppo,,,Nowhere,95.5,37.1,1,SOHR,National,bad,0,,1600000000"
} >"$work/acled.csv"
"$atlas" import "$work/acled.csv" --db "$db" --rejects "$work/rejects.csv" 2>"$work/import.err"
check "import reports the bad row as FILE:LINE: field: reason" grep -q "acled.csv:3: latitude: 95.5 out of range \[-90, 90\]" "$work/import.err"
check "import prints the summary line" grep -q "read 2, inserted 1, updated 0, unchanged 0, rejected 1" "$work/import.err"
check "--rejects writes the rejection as CSV" grep -q '^.*acled.csv,3,latitude,"95.5 out of range \[-90, 90\]"$' "$work/rejects.csv"
"$atlas" import "$work/acled.csv" --db "$db" 2>"$work/import2.err"
check "importing the same file again adds nothing" grep -q "inserted 0, updated 0, unchanged 1, rejected 1" "$work/import2.err"
fails "--strict exits non-zero when a row is bad" "$atlas" import "$work/acled.csv" --db "$db" --strict
check "add places an incident through the gazetteer" "$atlas" add --place "Shaykh Maqsud" --date 2016-06-02 --type shelling --actor "Jabhat al-Nusra" --db "$db"
fails "add refuses an impossible date" "$atlas" add --at 36.2,37.1 --date 2016-02-30 --db "$db"
incidents=$(sqlite3 "$db" "SELECT count(*) FROM incident")
check "ogrinfo counts every incident" bash -c "ogrinfo -ro -so '$db' incident | grep -q 'Feature Count: $incidents'"
check "the incident R*Tree passes rtreecheck" bash -c "test \"\$(sqlite3 '$db' \"SELECT rtreecheck('idx_incident_geom')\")\" = ok"
# Round trip on ACLED-sourced data only: incidents typed in with `add` carry gazetteer
# provenance (place id, precision scheme) that ACLED's columns cannot hold.
"$atlas" init --db "$work/rt.sqlite" 2>/dev/null
"$atlas" import "$work/acled.csv" --db "$work/rt.sqlite" 2>/dev/null
"$atlas" export --db "$work/rt.sqlite" --format acled -o "$work/export.csv" 2>/dev/null
cp "$work/rt.sqlite" "$work/copy.sqlite"
"$atlas" import "$work/export.csv" --db "$work/copy.sqlite" 2>"$work/roundtrip.err"
check "export --format acled then import changes nothing" grep -q "read 12, inserted 0, updated 0, unchanged 12, rejected 0" "$work/roundtrip.err"
