#!/usr/bin/env bash
# Benchmark of the monthly bulletin (not a test): compiling December's bulletin for 10,000 projects with 12 months of
# reports each, against the target of 5 seconds. Builds an H2 file database under target/bench/ with the application's
# Flyway migrations, fills it, times the application's BulletinCompiler without starting the application, prints the
# figures and the machine and writes them to bench/results/<yyyy-MM-dd>-bulletin.md. Compiles the project first if its
# classes or classpath are missing or older than the sources. Extra Maven options (e.g. -o) can be given in MVN_FLAGS.
# `--projects=N` scales the city (target 10 s above 10,000 projects: issue 17's 50,000); `--postgres` runs it on an
# embedded PostgreSQL (target/bench-bulletin-pg, deleted after), results in …-bulletin-postgres[-N].md.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

run_bench bench/BulletinBench.java "$@"
