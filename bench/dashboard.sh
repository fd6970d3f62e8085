#!/usr/bin/env bash
# Benchmark of the supervisor dashboard's queries (not a test): the summary and the overdue list (count + first page,
# unfiltered and by district, unit and kind) on an H2 file database of 100,000 projects and 1,000,000 historic tasks,
# made afresh under target/bench-dashboard, against the target p95 <= 100 ms; before and after the dashboard-index
# migration. Prints the figures, the plans and the machine and writes them to bench/results/<yyyy-MM-dd>-dashboard.md.
# Exits 1 if a p95 misses the target. Compiles the project first if its classes or classpath are missing or older
# than the sources. Extra Maven options (e.g. -o) can be given in MVN_FLAGS, extra JVM options in JAVA_OPTS;
# `--load-only` makes the database and stops (to look at plans by hand).
# Takes about 15 minutes on 2 cores (most of it timing the summary) and up to 3 GB of disk while loading (0.7 GB after).
# `--postgres`: the same on an embedded PostgreSQL (target/bench-dashboard-pg, deleted after the run), results in
# bench/results/<yyyy-MM-dd>-dashboard-postgres.md. `--projects=N` (tasks 10 N) and `--calls=N` for a quick trial;
# `--indexes=V9` compares another migration than the newest "… dashboard indexes"; `--pg=random_page_cost=1.1` sets
# a PostgreSQL server setting for the run (repeatable; the results file's name gets -random_page_cost-1.1).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench ${JAVA_OPTS:-} bench/DashboardBench.java "$@"
