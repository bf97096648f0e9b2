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
