# A store that cannot be written is still queried (nothing is written: no migration, no WAL
# switch, no sidecar beside it); writing commands say why they cannot write.
read_only_checks() { # read_only_checks LABEL DB [RUNNER…]: query and write commands on DB
  local label=$1 rodb=$2; shift 2
  check "$label: near" "$@" "$atlas" near --at 36.2,37.1 --km 50 --db "$rodb"
  check "$label: nearest" "$@" "$atlas" nearest --at 36.2,37.1 -k 3 --db "$rodb"
  check "$label: within" "$@" "$atlas" within --bbox 35,32,43,38 --db "$rodb"
  check "$label: gazetteer find" "$@" "$atlas" gazetteer find Aleppo --db "$rodb"
  check "$label: stats" "$@" "$atlas" stats --by week --db "$rodb"
  check "$label: info" "$@" "$atlas" info --db "$rodb"
  "$@" "$atlas" add --at 36.2,37.1 --date 2016-05-01 --type shelling --db "$rodb" 2>"$work/ro-add.err"
  check "$label: add says why it cannot write" grep -q "cannot write to this database: the file" "$work/ro-add.err"
}
"$atlas" init --db "$work/ro-source.sqlite" 2>/dev/null
mount_point="$work/ro-mount"
mkdir -p "$mount_point"
if mount -t tmpfs -o size=16m tmpfs "$mount_point" 2>/dev/null; then
  cp "$work/ro-source.sqlite" "$mount_point/atlas.sqlite"
  if mount -o remount,ro "$mount_point" 2>/dev/null; then
    read_only_checks "read-only mount" "$mount_point/atlas.sqlite"
    check "read-only mount: nothing was created beside the store" bash -c "[[ \$(ls '$mount_point') == atlas.sqlite ]]"
  else
    echo "skipped: the read-only mount checks (cannot remount a tmpfs read-only here)"
  fi
  umount "$mount_point"
else
  echo "skipped: the read-only mount checks (cannot mount a tmpfs: not root or no CAP_SYS_ADMIN)"
fi
# Another user's store in another user's folder.
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups "$atlas" --help >/dev/null 2>&1; then
  owned="$work/owned"
  mkdir -p "$owned"
  cp "$work/ro-source.sqlite" "$owned/atlas.sqlite"
  chmod 755 "$work" "$owned"
  chmod 644 "$owned/atlas.sqlite"
  read_only_checks "another user's store" "$owned/atlas.sqlite" setpriv --reuid=nobody --regid=nogroup --clear-groups
  chmod 700 "$work"
elif [[ $(id -u) != 0 ]]; then
  echo "skipped: the other-user checks (they need root to run as nobody)"
else
  echo "skipped: the other-user checks (setpriv cannot run the binary as nobody here)"
fi
