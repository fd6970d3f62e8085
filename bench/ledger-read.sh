#!/usr/bin/env bash
# Benchmark of reading an uploaded ledger (not a test): 50,000 rows in the real import template, read by the ledger
# module's reader (POI's event API); time, rows per second, allocation, live heap and the smallest heap a fresh JVM
# needs. Prints the figures and the machine and writes them to
# bench/results/<yyyy-MM-dd>-ledger-read.md. Compiles the project and its tests first if their classes or the classpath
# are missing or older than the sources (bench/build.sh). The bench is compiled with javac (not run as a source file)
# because it starts small-heap JVMs of itself, which get its class path (with target/test-classes for BenchSupport).
# Extra Maven options (e.g. -o) can be given in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/build.sh
source bench/build.sh

mkdir -p target/bench-ledger/classes
javac -nowarn -encoding UTF-8 -d target/bench-ledger/classes -cp "$BENCH_CLASSPATH" bench/LedgerReadBench.java
BENCH_CLASSPATH="target/bench-ledger/classes:$BENCH_CLASSPATH"
run_bench LedgerReadBench "$@"
