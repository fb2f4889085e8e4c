#!/usr/bin/env bash
# Kotlin toolchain for the Kotlin binding tests: a JDK, JNA and JUnit 4 from Debian; the Kotlin
# compiler 2.4.20 from the npm registry (`npm pack kotlin-compiler`, ~90 MB, which holds bin/kotlinc
# and lib/*.jar incl. kotlin-test and kotlin-test-junit), unpacked once to $DRMTOKEN_TOOLS/kotlin-<version>.
# Idempotent: a second run only checks. Force a reinstall: rm -rf $DRMTOKEN_TOOLS/kotlin-<version>.
# Stdout: export lines (also written to $DRMTOKEN_TOOLS/kotlin/env.sh). Usage: eval "$(bash tools/install/kotlin.sh)"
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KOTLIN_VERSION=2.4.20
KOTLIN_HOME=$DRMTOKEN_TOOLS/kotlin-$KOTLIN_VERSION

tool_lock kotlin
command -v javac >/dev/null || apt_install default-jdk-headless
apt_install libjna-java junit4

if [ ! -x "$KOTLIN_HOME/bin/kotlinc" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    log "npm pack kotlin-compiler@$KOTLIN_VERSION into $KOTLIN_HOME"
    mkdir -p "$DRMTOKEN_TOOLS"
    work=$(mktemp -d "$DRMTOKEN_TOOLS/.kotlin-$KOTLIN_VERSION.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
    tar -xzf "$work"/kotlin-compiler-"$KOTLIN_VERSION".tgz -C "$work"
    chmod +x "$work"/package/bin/*
    rm -rf "$KOTLIN_HOME"
    mv "$work/package" "$KOTLIN_HOME" # atomic: a half-unpacked compiler is never at $KOTLIN_HOME
fi
for jar in kotlin-stdlib kotlin-test kotlin-test-junit; do
    [ -f "$KOTLIN_HOME/lib/$jar.jar" ] || { log "missing $KOTLIN_HOME/lib/$jar.jar"; exit 1; }
done

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
write_env kotlin \
    "export JAVA_HOME=$java_home" \
    "export KOTLIN_HOME=$KOTLIN_HOME" \
    "export PATH=$KOTLIN_HOME/bin:\$PATH" \
    "export KOTLIN_STDLIB_JAR=$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
    "export KOTLIN_TEST_JARS=$KOTLIN_HOME/lib/kotlin-test.jar:$KOTLIN_HOME/lib/kotlin-test-junit.jar" \
    "export JNA_JAR=/usr/share/java/jna.jar" \
    "export JUNIT4_CP=/usr/share/java/junit4.jar:/usr/share/java/hamcrest.jar"
