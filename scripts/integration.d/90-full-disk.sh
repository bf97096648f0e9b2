# Full disks (a small tmpfs; needs root to mount, else these checks are skipped with a note):
# an import and a gazetteer load that run out of space fail with SQLite's "disk is full" and
# leave the store as it was (integrity ok, counts unchanged); a large near answer whose spill
# file cannot grow fails with a message naming the temporary folder, never a short answer.
fd="$work/full"
mkdir -p "$fd/mnt" "$fd/tmp"
if [[ $(id -u) -eq 0 ]] && mount -t tmpfs -o size=6m tmpfs "$fd/mnt" 2>/dev/null; then
  python3 "$root/scripts/bench.d/generate.py" incidents 60000 "$fd/big.csv" --seed 31 >/dev/null
  python3 "$root/scripts/bench.d/generate.py" gazetteer 60000 "$fd/places.txt" --seed 32 >/dev/null
  "$atlas" init --empty --db "$fd/mnt/f.sqlite" >/dev/null 2>&1
  "$atlas" import "$root/geodata/seed-incidents-2016-05-23.csv" --db "$fd/mnt/f.sqlite" >/dev/null 2>&1
  store_unchanged() { # the store on the full disk: integrity ok and as many incidents and places as before
    [[ $(sqlite3 "$fd/mnt/f.sqlite" "PRAGMA integrity_check") == ok ]] &&
      [[ $(sqlite3 "$fd/mnt/f.sqlite" "SELECT count(*) FROM incident")/$(sqlite3 "$fd/mnt/f.sqlite" "SELECT count(*) FROM place") == "$1" ]]
  }
  before="$(sqlite3 "$fd/mnt/f.sqlite" "SELECT count(*) FROM incident")/$(sqlite3 "$fd/mnt/f.sqlite" "SELECT count(*) FROM place")"
  fails "an import onto a full disk fails" bash -c "'$atlas' import '$fd/big.csv' --format acled --db '$fd/mnt/f.sqlite' 2> '$fd/import.err'"
  check "… saying the disk is full" grep -qi 'full' "$fd/import.err"
  check "… and leaves the store as it was (integrity ok, counts $before)" store_unchanged "$before"
  fails "a gazetteer load onto a full disk fails" bash -c "'$atlas' gazetteer load '$fd/places.txt' --db '$fd/mnt/f.sqlite' 2> '$fd/load.err'"
  check "… saying the disk is full" grep -qi 'full' "$fd/load.err"
  check "… and leaves the store as it was" store_unchanged "$before"
  check "the store on the full disk still answers near" "$atlas" near --at 36.2,37.16 --km 20 --db "$fd/mnt/f.sqlite"
  umount "$fd/mnt"
  if mount -t tmpfs -o size=64k tmpfs "$fd/tmp" 2>/dev/null; then
    fails "a large near answer whose spill fills TMPDIR fails" bash -c "TMPDIR='$fd/tmp' '$atlas' near --at 36.20124,37.16117 --km 50 --db '$bigdb' --format geojsonl -o '$fd/near.jsonl' 2> '$fd/near.err'"
    check "… with a message naming the temporary folder, and writes no partial answer" bash -c "grep -q '$fd/tmp' '$fd/near.err' && test ! -e '$fd/near.jsonl'"
    umount "$fd/tmp"
  fi
else
  echo "note: full-disk checks skipped (mounting a tmpfs needs root)"
fi
