#!/usr/bin/env bash
# Benchmark of the working-day calendar (not a test): due dates computed per second, against the target of
# 1,000,000 per second and a naive day-by-day calendar in the same run. Prints the figures and the machine and writes
# them to bench/results/<yyyy-MM-dd>-calendar.md. Compiles the project first if its classes or classpath are missing
# or older than the sources. Extra Maven options (e.g. -o) can be given in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

run_bench bench/CalendarBench.java "$@"
