# Report extraction: a bulletin written for this check, committed twice; bad inputs.
cat >"$work/bulletin.txt" <<'REPORT'
MINISTRY BULLETIN, 4 June 2017

Over the past 24 hours, Nusra militants shelled the Sheikh Maqsoud neighbourhood and the village of Kafr Hamra in Aleppo province.
Syrian troops repelled an assault near Khan Shaykhun. The reconciliation centre at Khmeimim registered eleven violations.
REPORT
check "extract finds the bulletin's incidents" bash -c "'$atlas' extract '$work/bulletin.txt' --db '$db' --format csv 2>/dev/null | cut -d, -f1 | tr '\n' '|' | grep -q '^place|Sheikh Maqsood|Kafr Hamra|Khān Shaykhūn|$'"
"$atlas" extract "$work/bulletin.txt" --db "$db" --format geojson >"$work/extract.geojson" 2>"$work/extract.err"
check "extract GeoJSON passes the RFC 7946 checker" python3 "$root/scripts/validate-geojson.py" "$work/extract.geojson"
check "extract reads standard input and writes JSON Lines (--format jsonl)" bash -c "'$atlas' extract - --db '$db' --format jsonl < '$work/bulletin.txt' 2>/dev/null > '$work/extract.jsonl' && python3 '$root/scripts/validate-geojson.py' --lines '$work/extract.jsonl' && test \$(wc -l < '$work/extract.jsonl') = 3"
check "extract dates incidents the day before a 24-hour bulletin" grep -q "date: 2017-06-03 (time precision 2" "$work/extract.err"
"$atlas" extract "$work/bulletin.txt" --db "$db" --commit --source "test ministry" 2>"$work/commit1.err" >/dev/null
"$atlas" extract "$work/bulletin.txt" --db "$db" --commit --source "test ministry" 2>"$work/commit2.err" >/dev/null
check "the first commit stores three incidents" grep -q "3 new incidents, 0 already stored" "$work/commit1.err"
check "committing the same report again adds nothing" grep -q "0 new incidents, 3 already stored" "$work/commit2.err"
check "one report row for the two commits" test "$(sqlite3 "$db" "SELECT count(*) FROM report")" = 1
: >"$work/empty.txt"
fails "an empty report is refused" "$atlas" extract "$work/empty.txt" --db "$db"
printf 'PK\003\004\000\000binary' >"$work/report.zip"
fails "binary data is refused" "$atlas" extract "$work/report.zip" --db "$db"
printf 'Nothing of note was reported today.\n' >"$work/quiet.txt"
check "a report without places exits 0 with no incidents" "$atlas" extract "$work/quiet.txt" --db "$db"
# The seed report (kept outside the repository, in ../shared/seed) must give the eleven incidents
# of geodata/seed-incidents-2016-05-23.csv: same places, Halidia at Aleppo (precision 2), the
# power station at Hama (precision 3). Skipped when the shared folder is absent.
seed_report="$root/../shared/seed/report-2016-05-23.txt"
if [ -f "$seed_report" ]; then
  "$atlas" extract "$seed_report" --db "$db" --format csv >"$work/seed.csv" 2>/dev/null
  check "the seed report gives its eleven incidents" python3 - "$work/seed.csv" "$root/geodata/seed-incidents-2016-05-23.csv" <<'PY'
import csv, math, sys
found = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
expected = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
def near(a, b):
    return math.hypot(float(a["latitude"]) - float(b["latitude"]), float(a["longitude"]) - float(b["longitude"])) < 0.01
missing = [e["location"] for e in expected
           if not any(near(f, e) and int(f["geo_precision"]) == int(e["geo_precision"]) for f in found)]
sys.exit(1 if missing or len(found) != len(expected) else 0)
PY
fi
check "extract -o writes GeoJSON to the file (the shared output options)" bash -c "'$atlas' extract '$work/bulletin.txt' --db '$db' --format geojson -o '$work/extract-o.geojson' 2>/dev/null && python3 '$root/scripts/validate-geojson.py' '$work/extract-o.geojson'"
check "extract refuses --format acled, naming its formats" bash -c "! '$atlas' extract '$work/bulletin.txt' --db '$db' --format acled 2>'$work/ex.err' && grep -q 'not available for extract' '$work/ex.err'"
