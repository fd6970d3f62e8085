#!/usr/bin/env bash
# Benchmark of reading an uploaded ledger (not a test): 50,000 rows in the real import template, read by the ledger
# module's reader (POI's event API); time, rows per second, allocation, live heap and the smallest heap a fresh JVM
# needs. Prints the figures and the machine and writes them to
# bench/results/<yyyy-MM-dd>-ledger-read.md. Compiles the project first if its classes or classpath are missing or older
# than the sources; the bench is compiled (not run as a source file) because it starts small-heap JVMs of itself.
# Extra Maven options (e.g. -o) can be given in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -s target/classpath.txt || ! -f target/classes/cn/tuijin/ledger/LedgerSheetReader.class \
      || -n "$(find src/main pom.xml -newer target/classpath.txt -print -quit)" ]]; then
  echo "== compiling: mvn compile dependency:build-classpath" >&2
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch target/classpath.txt
fi

classpath="target/classes:$(cat target/classpath.txt)"
mkdir -p target/bench-ledger/classes
javac -nowarn -encoding UTF-8 -d target/bench-ledger/classes -cp "$classpath" bench/LedgerReadBench.java
exec java -Duser.timezone=Asia/Shanghai -Dfile.encoding=UTF-8 \
  -cp "target/bench-ledger/classes:$classpath" LedgerReadBench "$@"
