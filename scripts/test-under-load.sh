#!/usr/bin/env bash
# Runs `npm test` several times in a row while two extra busy processes load the machine, and says
# how each run went. The suite must pass every run: a test that fails only when the machine is busy
# is a flaky test.
#
#   bash scripts/test-under-load.sh        three runs
#   bash scripts/test-under-load.sh 5      five runs
#
# The two busy processes are plain shell loops (each keeps one core busy); they are stopped when
# the script ends, however it ends. Each run's vitest report is kept as out/test-report.<n>.json.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
mkdir -p out
busy=()
stop() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done; }
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in 1 2; do
  sh -c 'while :; do :; done' &
  busy+=("$!")
done

failed=0
for n in $(seq 1 "$runs"); do
  started=$(date +%s)
  if npm test >"out/test-run.$n.log" 2>&1; then outcome=passed; else outcome=FAILED; failed=$((failed + 1)); fi
  took=$(($(date +%s) - started))
  cp out/test-report.json "out/test-report.$n.json" 2>/dev/null
  summary=$(node -e '
    const r = require(process.argv[1]);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$PWD/out/test-report.$n.json" 2>/dev/null || echo "no report")
  echo "run $n of $runs: $outcome in ${took} s ($summary; load average $(cut -d' ' -f1-3 /proc/loadavg)); log out/test-run.$n.log"
done
exit $((failed > 0))
