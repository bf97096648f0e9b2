# Processes racing to rebuild the same sidecar: each trial spoils `.points` (deleted, stale after
# an `atlas add`, or bytes overwritten) or `.names` (deleted, or stale after a one-place load),
# then starts $race_processes queries at once. Every answer must equal SpatiaLite's own (names:
# the first process's, which is checked against Aleppo), no query may fail, no temporary
# `<sidecar>.XXXXXX` may be left, and (when strace can watch them) exactly one process renames a
# rebuilt file into place per trial: one rebuild at a time (`flock`), each written to its own
# `mkstemp` file. Threads inside one process race the same way in `SidecarRaceTests`.
# ATLAS_RACE_TRIALS sets the number of trials (default 6).
race_dir="$work/races"
mkdir -p "$race_dir"
race_trials=${ATLAS_RACE_TRIALS:-6}
race_processes=6
race_db="$race_dir/race.sqlite"
python3 "$root/scripts/bench.d/generate.py" incidents 4000 "$race_dir/in.csv" --seed 21 >/dev/null
"$atlas" init --db "$race_db" >/dev/null 2>&1 && "$atlas" import "$race_dir/in.csv" --format acled --db "$race_db" >/dev/null 2>&1
race_trace=()
if command -v strace >/dev/null && strace -f -qq -e trace=rename -o /dev/null true 2>/dev/null; then
  race_trace=(strace -f -qq -e trace=rename,renameat,renameat2 -o)
fi
race_errors=0 race_wrong=0 race_left=0 race_rebuilds="" race_answers=0
race_sql() { # the SpatiaLite ids within 10 km of (36.2, 37.15)
  sqlite3 "$race_db" ".load mod_spatialite" \
    "SELECT id FROM incident WHERE PtDistWithin(geom, MakePoint(37.15, 36.2, 4326), 10000, 1) ORDER BY id"
}
race_run() { # race_run N COMMAND…: one racing process; its ids in $race_dir/ids.N, trace in trace.N
  local n=$1; shift
  if ((${#race_trace[@]})); then "${race_trace[@]}" "$race_dir/trace.$n" "$@"; else "$@"; fi \
    >"$race_dir/out.$n" 2>"$race_dir/err.$n"
  echo $? >"$race_dir/rc.$n"
}
for ((race_trial = 0; race_trial < race_trials; race_trial++)); do
  rm -f "$race_dir"/trace.* "$race_dir"/rc.*
  case $((race_trial % 5)) in
    0) rm -f "$race_db.points"; race_kind=points ;;
    1) "$atlas" add --at 36.21,37.16 --date 2016-05-0$((race_trial % 9 + 1)) --type shelling --db "$race_db" >/dev/null 2>&1; race_kind=points ;;
    2) printf '\xa5\x5a\xff\x00' | dd of="$race_db.points" bs=1 seek=5000 conv=notrunc status=none; race_kind=points ;;
    3) rm -f "$race_db.names"; race_kind=names ;;
    4) printf '%s\tRace Place %s\tRace Place %s\t\t36.3\t37.2\tP\tPPL\tSY\t\t09\t\t\t\t100\t\t400\tAsia/Damascus\t2020-01-01\n' \
         $((990000 + race_trial)) "$race_trial" "$race_trial" >"$race_dir/place.txt"
       "$atlas" gazetteer load "$race_dir/place.txt" --db "$race_db" >/dev/null 2>&1; race_kind=names ;;
  esac
  for ((n = 1; n <= race_processes; n++)); do
    if [[ $race_kind == points ]]; then
      race_run "$n" "$atlas" near --at 36.2,37.15 --km 10 --db "$race_db" --format csv &
    else
      race_run "$n" "$atlas" gazetteer find Aleppo --db "$race_db" --limit 3 --format csv &
    fi
  done
  wait
  if [[ $race_kind == points ]]; then race_sql >"$race_dir/expected"
  else sed -n 2p "$race_dir/out.1" | grep -q ',Aleppo,' && cp "$race_dir/out.1" "$race_dir/expected" || : >"$race_dir/expected"; fi
  for ((n = 1; n <= race_processes; n++)); do
    race_answers=$((race_answers + 1))
    [[ $(cat "$race_dir/rc.$n") == 0 && ! -s "$race_dir/err.$n" ]] || { race_errors=$((race_errors + 1)); head -3 "$race_dir/err.$n"; }
    if [[ $race_kind == points ]]; then sed 1d "$race_dir/out.$n" | cut -d, -f1 | sort -n >"$race_dir/ids.$n"
    else cp "$race_dir/out.$n" "$race_dir/ids.$n"; fi
    [[ -s "$race_dir/expected" ]] && cmp -s "$race_dir/ids.$n" "$race_dir/expected" || race_wrong=$((race_wrong + 1))
  done
  ls "$race_dir" | grep -qE '\.(points|names)\.[A-Za-z0-9]{6}$' && race_left=$((race_left + 1))
  if ((${#race_trace[@]})); then
    race_rebuilds+=" $(cat "$race_dir"/trace.* | grep -cE "\"[^\"]*\\.$race_kind\\.[A-Za-z0-9]{6}\", \"[^\"]*\\.$race_kind\"")"
  fi
done
check "$race_trials trials of $race_processes processes racing to rebuild a sidecar: no query fails ($race_answers answers)" test "$race_errors" = 0
check "every racing query answers like SpatiaLite (points) or the checked first answer (names)" bash -c "[[ $race_wrong == 0 ]] || { echo '$race_wrong wrong answers'; false; }"
check "racing rebuilds leave no temporary sidecar files" test "$race_left" = 0
if ((${#race_trace[@]})); then
  check "one rebuild per trial across the racing processes (renames per trial:$race_rebuilds)" \
    bash -c "for count in $race_rebuilds; do [[ \$count == 1 ]] || exit 1; done"
fi
