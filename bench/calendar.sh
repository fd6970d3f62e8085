#!/usr/bin/env bash
# Benchmark of the working-day calendar (not a test): due dates computed per second, against the target of
# 1,000,000 per second and a naive day-by-day calendar in the same run. Prints the figures and the machine and writes
# them to bench/results/<yyyy-MM-dd>-calendar.md. Compiles the project first if its classes or classpath are missing
# or older than the sources. Extra Maven options (e.g. -o) can be given in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -s target/classpath.txt || ! -f target/classes/cn/tuijin/calendar/WorkingDayCalendar.class \
      || -n "$(find src/main pom.xml -newer target/classpath.txt -print -quit)" ]]; then
  echo "== compiling: mvn compile dependency:build-classpath" >&2
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch target/classpath.txt
fi

exec java -Duser.timezone=Asia/Shanghai -Dfile.encoding=UTF-8 \
  -cp "target/classes:$(cat target/classpath.txt)" bench/CalendarBench.java "$@"
