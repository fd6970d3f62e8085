#!/usr/bin/env bash
# Kills a node with SIGKILL in the middle of a deadline storm, several times: each round runs NodeCrashTest (node A in
# the test's JVM, node B in a JVM of its own, one embedded PostgreSQL) and checks that node A finishes every deadline
# exactly once. Usage: bash bench/crash.sh [rounds, default 5] [deadlines per round, default 2000].
# Prints each round's line and the machine; exits 1 at the first round that fails (its log stays in target/).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
deadlines=${2:-2000}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
for round in $(seq 1 "$rounds"); do
  log="target/node-crash/round-$round.log"
  mkdir -p target/node-crash
  if mvn -q -ntp ${MVN_FLAGS:-} verify -Dtest=NodeCrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dexec.skip=true \
       -Dtuijin.test.crash="$deadlines" > "$log" 2>&1; then
    echo "round $round: $(grep -o 'NodeCrashTest: .*' "$log" | head -1)"
  else
    echo "round $round FAILED: see $log"
    exit 1
  fi
done
echo "$rounds rounds, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
