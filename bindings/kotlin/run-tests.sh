#!/usr/bin/env bash
# Compiles the generated Kotlin bindings (package com.drmtoken) with their JUnit 4 tests and runs
# them on the JVM against a fresh libdrmtoken.so, on the shared vectors. Prints the test count.
# Toolchain: tools/install/kotlin.sh (JDK, kotlinc from the npm package kotlin-compiler, JNA and
# JUnit 4 from Debian), cached under $DRMTOKEN_TOOLS so a second run installs nothing.
# EmulatorTest drives `drmtoken serve` (the built target/debug/drmtoken) with HttpURLConnection.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
# shellcheck source=../../tools/install/lib.sh
source "$root/tools/install/lib.sh"
installer=$root/tools/install/kotlin.sh
[[ -f $installer ]] || { echo "missing $installer (tools branch)" >&2; exit 1; }
bash "$installer" >/dev/null

kotlinc=$(command -v kotlinc || find "$DRMTOKEN_TOOLS" -path '*/bin/kotlinc' -type f 2>/dev/null | head -n 1)
[[ -x $kotlinc ]] || { echo "kotlinc not found after $installer" >&2; exit 1; }
klib=$(cd "$(dirname "$kotlinc")/../lib" && pwd)
jar() { # the first existing jar among the candidates
    local j
    for j in "$@"; do [[ -f $j ]] && { echo "$j"; return; }; done
    echo "none of $* exists" >&2
    return 1
}
deps=$(jar /usr/share/java/jna.jar):$(jar /usr/share/java/junit4.jar):$(jar /usr/share/java/hamcrest-core.jar /usr/share/java/hamcrest.jar)
kdeps=$klib/kotlin-stdlib.jar:$klib/kotlin-test.jar:$klib/kotlin-test-junit.jar

cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-ffi --lib
# The emulator for EmulatorTest (a no-op when the binary is up to date).
cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-cli --bin drmtoken
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$kotlinc" -nowarn -d "$work/classes" -cp "$deps:$kdeps" "$here/src/main/kotlin" "$here/src/test/kotlin" 2>&1 |
    grep -v '^warning' >&2 || true
[[ -d $work/classes/com/drmtoken ]] || { echo "kotlinc failed" >&2; exit 1; }
java -Djna.library.path="$target/debug" -Ddrmtoken.vectors="$root/tests/vectors" -Ddrmtoken.bin="$target/debug/drmtoken" \
    -cp "$work/classes:$deps:$kdeps" org.junit.runner.JUnitCore \
    com.drmtoken.ExpressPlayVectorTest com.drmtoken.KeyWrapVectorTest com.drmtoken.KeyWrapLongKeyTest com.drmtoken.BindingTest com.drmtoken.ResponseTest \
    com.drmtoken.EmulatorTest >"$work/log" 2>&1 || {
    cat "$work/log" >&2
    exit 1
}
echo "kotlin bindings: $(grep -E '^OK \(' "$work/log")" >&2
