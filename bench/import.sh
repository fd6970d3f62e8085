#!/usr/bin/env bash
# Go-live import (issue 17, item 5): a ledger of 10,000 new projects uploaded to /api/ledger/import as the project
# office, on one node on PostgreSQL (embedded, started here, fsync on): the dry run (goal <= 5 s) and the import until
# every lifecycle runs (goal <= 30 s), with a second user's dashboard latency during the import. Prints the figures and
# the machine and writes bench/results/<yyyy-MM-dd>-import.md.
# JAVA_OPTS: -Drows=N.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

# shellcheck disable=SC2086
run_bench -Xmx3g ${JAVA_OPTS:-} bench/ImportBench.java "$@"
