#!/usr/bin/env bash
# P2, deadline storm (not a test): 100,000 lifecycle deadlines due at one instant on PostgreSQL (embedded, started
# here), processed by the application's listeners, against bare Camunda firing as many plain timer jobs with default
# and tuned job-executor settings, and the raw single-connection commit rate. Goal: <= 60 s (>= 1,667 deadlines/s).
# Prints the figures and the machine and writes bench/results/<yyyy-MM-dd>-storm.md. `--sweep` instead measures each
# job-executor setting on the first 5,000 deadlines (-> <date>-storm-sweep.md).
# The first run loads the database (100,000 projects started through the app, marked due soon by the sweep; 100,000
# bare instances) into target/bench-storm and keeps it (about 20 minutes, 5 GB); later runs copy it (each run about 20 minutes).
# JAVA_OPTS: -Ddeadlines=N, -Dsample=N, -DbareSeconds=150, -DtuijinSeconds=900.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench -Xmx3g ${JAVA_OPTS:-} bench/StormBench.java "$@"
