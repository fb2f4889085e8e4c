#!/usr/bin/env bash
# Builds the JVM jar of drmtoken: the generated Kotlin binding (bindings/kotlin/src/main, package
# com.drmtoken) compiled, plus this machine's release libdrmtoken as a classpath resource at
# <JNA's Platform.RESOURCE_PREFIX>/libdrmtoken.so (linux-x86-64/ here), where JNA finds and unpacks
# it: a user puts the jar and JNA on the classpath, no -Djna.library.path.
# Output: a local Maven repository under $target/jvm/m2 (com/drmtoken/drmtoken-jvm/<version>/
# drmtoken-jvm-<version>.jar + .pom, the layout `mvn deploy`/Gradle's maven-publish write) and the
# jar's path on stdout. Toolchain: tools/install/kotlin.sh (kotlinc, JDK, Debian's JNA), cached.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
eval "$(bash "$root/tools/install/kotlin.sh")"

GROUP=com.drmtoken
ARTIFACT=drmtoken-jvm
# What the pom declares; the generated code needs JNA 5 and the Kotlin standard library.
JNA_VERSION=5.14.0
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
[[ -n $version ]] || { echo "no workspace version in $root/Cargo.toml" >&2; exit 1; }
kotlin_version=$(basename "$KOTLIN_HOME" | sed 's/^kotlin-//')

# JNA's resource prefix for this machine (com.sun.jna.Platform.RESOURCE_PREFIX, Linux only here).
case $(uname -s)/$(uname -m) in
    Linux/x86_64) prefix=linux-x86-64 ;;
    Linux/aarch64) prefix=linux-aarch64 ;;
    Linux/armv7l) prefix=linux-arm ;;
    *) echo "build-jar.sh: no JNA resource prefix known for $(uname -s)/$(uname -m)" >&2; exit 1 ;;
esac

# The release cdylib, the same cargo invocation maturin makes for the wheel (`--crate-type cdylib`
# alone keeps fat LTO on, see SPEC 7), so the two steps share one build.
cargo rustc -q --release --manifest-path "$root/ffi/Cargo.toml" --lib --crate-type cdylib
lib=$CARGO_TARGET_DIR/release/libdrmtoken.so
[[ -f $lib ]] || { echo "no $lib after the release build" >&2; exit 1; }

out=$CARGO_TARGET_DIR/jvm
repo=$out/m2/${GROUP//.//}/$ARTIFACT/$version
jar=$repo/$ARTIFACT-$version.jar
pom=$repo/$ARTIFACT-$version.pom
# Up to date when the inputs (binding sources, library, this script, compiler) are the last build's.
stamp=$out/inputs.sha256
inputs=$( (find "$root/bindings/kotlin/src/main" -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum "$lib" "$here/build-jar.sh" "$KOTLIN_HOME/lib/kotlin-compiler.jar" "$JNA_JAR") |
    cut -d ' ' -f 1 | sha256sum | cut -d ' ' -f 1)
if [[ -f $jar && -f $pom && -f $stamp && $(cat "$stamp") == "$inputs" ]]; then
    echo "$jar"
    exit 0
fi
rm -f "$stamp"
work=$out/build
rm -rf "$work"
mkdir -p "$work/classes" "$work/resources/$prefix"
kotlinc -nowarn -d "$work/classes" -cp "$JNA_JAR" "$root/bindings/kotlin/src/main/kotlin" 2>&1 |
    grep -v '^warning' >&2 || true
[[ -f $work/classes/com/drmtoken/DrmTokenException.class ]] || { echo "kotlinc failed on bindings/kotlin/src/main" >&2; exit 1; }
cp "$lib" "$work/resources/$prefix/libdrmtoken.so"

mkdir -p "$repo"
cat >"$pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$GROUP</groupId>
  <artifactId>$ARTIFACT</artifactId>
  <version>$version</version>
  <name>drmtoken (JVM)</name>
  <description>Kotlin/Java binding of the drmtoken library, with libdrmtoken for $prefix</description>
  <licenses>
    <license><name>MIT OR Apache-2.0</name></license>
  </licenses>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>$JNA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>$kotlin_version</version>
    </dependency>
  </dependencies>
</project>
POM
mkdir -p "$work/classes/META-INF/maven/$GROUP/$ARTIFACT"
cp "$pom" "$work/classes/META-INF/maven/$GROUP/$ARTIFACT/pom.xml"
printf 'Implementation-Title: drmtoken\nImplementation-Version: %s\nAutomatic-Module-Name: com.drmtoken\n' "$version" >"$work/manifest.txt"
rm -f "$jar"
"$JAVA_HOME/bin/jar" --create --file "$jar" --manifest "$work/manifest.txt" -C "$work/classes" . -C "$work/resources" .
"$JAVA_HOME/bin/jar" --list --file "$jar" | grep -qx "$prefix/libdrmtoken.so" ||
    { echo "$jar has no $prefix/libdrmtoken.so" >&2; exit 1; }
echo "$inputs" >"$stamp"
echo "$jar"
