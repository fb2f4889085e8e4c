#!/usr/bin/env bash
# JVM consumer check (issue 21): builds the drmtoken-jvm jar (packaging/jvm/build-jar.sh: compiled
# Kotlin binding + libdrmtoken at JNA's resource path), then, from a directory outside the repository
# (a fixed one per checkout, see below) and with no -Djna.library.path or LD_LIBRARY_PATH:
#   1. compiles the Kotlin binding tests (bindings/kotlin/src/test) against the jar alone and runs
#      them with JUnit 4 (classpath: jar + JNA + JUnit + the Kotlin stdlib/test jars);
#   2. compiles and runs Consumer.java (plain Java) against the jar, and checks in JNA's load log
#      that libdrmtoken came out of the jar.
# Prints the jar's size and the build/test times. Toolchain: tools/install/kotlin.sh (cached).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
eval "$(bash "$root/tools/install/kotlin.sh")"

t0=$SECONDS
jar=$(bash "$root/packaging/jvm/build-jar.sh")
t_build=$((SECONDS - t0))
# The emulator EmulatorTest drives (the CLI, not the library under test).
cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-cli --bin drmtoken

# Outside the repository, one directory per checkout; the compiled tests are kept there and reused
# while the test sources, the jar and the compiler are the same (the tests themselves always run).
work=${TMPDIR:-/tmp}/drmtoken-consumer-jvm-$(printf %s "$root" | cksum | cut -d ' ' -f 1)
case $work/ in "$root"/*) echo "the consumer must live outside $root" >&2; exit 1 ;; esac
mkdir -p "$work"
cd "$work"
unset LD_LIBRARY_PATH
runtime=$jar:$JNA_JAR:$KOTLIN_STDLIB_JAR
tests_cp=$runtime:$JUNIT4_CP:$KOTLIN_TEST_JARS

# 1. The Kotlin tests against the jar.
t0=$SECONDS
inputs=$( (find "$root/bindings/kotlin/src/test" -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum "$jar" "$KOTLIN_HOME/lib/kotlin-compiler.jar" "$JNA_JAR") | cut -d ' ' -f 1 | sha256sum | cut -d ' ' -f 1)
if [[ ! -f $work/test-classes.sha256 || $(cat "$work/test-classes.sha256") != "$inputs" ]]; then
    rm -rf "$work/test-classes" "$work/test-classes.sha256"
    kotlinc -nowarn -d "$work/test-classes" -cp "$tests_cp" "$root/bindings/kotlin/src/test/kotlin" 2>&1 |
        grep -v '^warning' >&2 || true
    [[ -d $work/test-classes/com/drmtoken ]] || { echo "kotlinc failed on bindings/kotlin/src/test against $jar" >&2; exit 1; }
    echo "$inputs" >"$work/test-classes.sha256"
fi
if [[ -n $(find "$work/test-classes" -name 'UniffiLib*.class' -o -name 'DrmtokenKt.class') ]]; then
    echo "the test classes hold a copy of the binding: they must use the jar's" >&2
    exit 1
fi
java -Ddrmtoken.vectors="$root/tests/vectors" -Ddrmtoken.bin="$CARGO_TARGET_DIR/debug/drmtoken" \
    -cp "$work/test-classes:$tests_cp" org.junit.runner.JUnitCore \
    com.drmtoken.ExpressPlayVectorTest com.drmtoken.KeyWrapVectorTest com.drmtoken.KeyWrapLongKeyTest \
    com.drmtoken.BindingTest com.drmtoken.ResponseTest com.drmtoken.EmulatorTest >"$work/kotlin.log" 2>&1 || {
    cat "$work/kotlin.log" >&2
    echo "jvm consumer: the Kotlin tests FAILED against $jar" >&2
    exit 1
}
t_kotlin=$((SECONDS - t0))

# 2. Plain Java against the jar.
t0=$SECONDS
rm -rf "$work/java"
javac -d "$work/java" -cp "$runtime" "$here/Consumer.java"
java -Djna.debug_load=true -cp "$work/java:$runtime" Consumer >"$work/java.log" 2>&1 || {
    cat "$work/java.log" >&2
    echo "jvm consumer: Consumer.java FAILED against $jar" >&2
    exit 1
}
t_java=$((SECONDS - t0))
# JNA says where it found the library: it must be the jar's resource, not a file on a library path.
if ! grep -qF "Found library resource at jar:file:$jar!/" "$work/java.log"; then
    grep -i 'drmtoken' "$work/java.log" >&2 || true
    echo "jvm consumer: JNA did not load libdrmtoken from $jar" >&2
    exit 1
fi
echo "jvm consumer: kotlin tests $(grep -E '^OK \(' "$work/kotlin.log"); $(grep '^java consumer' "$work/java.log");" \
    "$(basename "$jar") $(stat -c %s "$jar") B; jar build ${t_build}s, kotlin tests ${t_kotlin}s, java ${t_java}s" >&2
