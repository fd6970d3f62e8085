#!/usr/bin/env bash
# Month opening (issue 17, item 4): 20,000 projects under construction on PostgreSQL (embedded, started here), the
# monthly report tasks of a new month opened by the lifecycles' cycle timer (01:00 on the 1st), each with its deadline
# on the 5th working day, against bare Camunda opening as many tasks from the same shape of process with default and
# tuned job-executor settings. Goal: <= 60 s. Prints the figures and the machine and writes
# bench/results/<yyyy-MM-dd>-month-opening.md.
# The first run loads the database (20,000 projects started through the app, 20,000 bare instances) into
# target/bench-month and keeps it (one cache per N); later runs copy it.
# JAVA_OPTS: -Dprojects=N, -DmaxSeconds=600, -DtuijinTuned=true (a fourth run: Tuijin with bare tuned's job executor settings).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench -Xmx3g ${JAVA_OPTS:-} bench/MonthOpeningBench.java "$@"
