# Sourced by the bench/*.sh scripts (not run on its own), from the project directory: makes sure the application's
# classes, the test classes (cn.tuijin.BenchSupport and cn.tuijin.Rows, which the benchmarks share) and the class path
# are there and newer than their sources, compiling them if not; then `run_bench` starts a single-file benchmark
# program with them on its class path (BENCH_CLASSPATH). Extra Maven options (e.g. -o) can be given in MVN_FLAGS.

if [[ ! -s target/classpath.txt || ! -f target/classes/cn/tuijin/TuijinApplication.class \
      || ! -f target/test-classes/cn/tuijin/BenchSupport.class \
      || -n "$(find src/main src/test pom.xml -newer target/classpath.txt -print -quit)" ]]; then
  echo "== compiling: mvn test-compile dependency:build-classpath" >&2
  # shellcheck disable=SC2086
  mvn -q ${MVN_FLAGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch target/classpath.txt
fi

# The benchmarks' class path: the test classes, the application's classes and their dependencies. A script that
# compiles its program with javac (bench/ledger-read.sh) compiles against it and puts its own classes in front.
BENCH_CLASSPATH="target/test-classes:target/classes:$(cat target/classpath.txt)"

# run_bench <java options...> <bench/X.java | main class> <arguments...>: java on BENCH_CLASSPATH with the time zone and
# encoding of the application.
run_bench() {
  exec java -Duser.timezone=Asia/Shanghai -Dfile.encoding=UTF-8 -cp "$BENCH_CLASSPATH" "$@"
}
