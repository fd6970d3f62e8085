#!/usr/bin/env bash
# P1, lifecycle throughput (not a test): start a project, claim and verify its signing; and an issue's whole path
# (report, triage, level 1 resolved, confirmed); in the real application (its Spring context, profile demo) against
# bare Camunda 7.24 running the same BPMN with no-op beans, both on H2 file databases under target/bench-lifecycle,
# 2 threads, alternating rounds, median; goal: Tuijin / bare >= 0.9 for each. Prints the figures and the machine and
# writes bench/results/<yyyy-MM-dd>-lifecycle.md (two tables; where Tuijin's time goes on the issue path when it misses
# the goal). Compiles the project first if needed. Extra Maven options in MVN_FLAGS, extra JVM options in JAVA_OPTS
# (e.g. -Dpath=lifecycle|issue|both -Dthreads=4 -Drounds=9 -Dprofile=true|false|auto -DbareRemovalTime=end).
# Takes about 5-10 minutes on 2 cores. Measured rates vary a lot on a shared machine: compare the ratio, not the rates.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench ${JAVA_OPTS:-} bench/LifecycleBench.java "$@"
