#!/usr/bin/env bash
# P5, start-up and heap (not a test): from `java -jar` to the first HTTP 200 of /camunda/app/tasklist/ (H2 in memory)
# for the application (demo profile, and outside it) and a bare Camunda 7.24 starter webapp (bench/bare-camunda),
# 5 runs each, median, ratio (goal <= 1.2); then the heap used after GC with 100,000 active projects in an H2 file
# database (made once under target/bench-heap and kept), with the default heap and with -Xmx512m (goal <= 512 MiB).
# Prints the figures and the machine and writes bench/results/<yyyy-MM-dd>-startup.md. Builds both jars first if
# missing or older than their sources. `--startup-only` / `--heap-only` run one half. JAVA_OPTS: -Druns=N, -Dprojects=N.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/tuijin-0.1.0-SNAPSHOT.jar || -n "$(find src/main processes pom.xml -newer target/tuijin-0.1.0-SNAPSHOT.jar -print -quit)" ]]; then
  echo "== building the application: mvn package -DskipTests" >&2
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} package -DskipTests
fi
if [[ ! -f bench/bare-camunda/target/bare-camunda-1.0.0.jar \
      || -n "$(find bench/bare-camunda/src bench/bare-camunda/pom.xml -newer bench/bare-camunda/target/bare-camunda-1.0.0.jar -print -quit)" ]]; then
  echo "== building the bare Camunda starter: mvn -f bench/bare-camunda/pom.xml package" >&2
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} -f bench/bare-camunda/pom.xml package -DskipTests
fi
# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench ${JAVA_OPTS:-} bench/StartupBench.java "$@"
