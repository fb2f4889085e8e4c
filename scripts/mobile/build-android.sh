#!/usr/bin/env bash
# build-android.sh [TRIPLE...]   (default: aarch64-linux-android armv7-linux-androideabi)
# Everything for the AAR that runs without the NDK, into target/mobile/android/:
#   staticlib/<abi>/libdrmtoken.a       the uniffi library (drmtoken-ffi, release) per ABI, each checked
#                                       to define every symbol the Kotlin bindings call
#   staticlib/<abi>/native-libs.txt     what rustc says the archive must be linked with
#   exports.map                         version script: the symbols JNA looks up, nothing else
#   drmtoken/                           the Android library module (published as the AAR):
#     build.gradle.kts, consumer-rules.pro, src/main/AndroidManifest.xml,
#     src/main/kotlin/com/drmtoken/drmtoken.kt   generated from the arm64 archive
#     src/main/jniLibs/<abi>/           where mac-or-ndk-only.sh android links libdrmtoken.so
#   targets.txt                         the targets built by this run
# A target rustup refuses prints `SKIPPED: ...` and is left out; with none left, exit 0.
# shellcheck source=scripts/mobile/lib.sh
. "$(dirname "$0")/lib.sh"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(aarch64-linux-android armv7-linux-androideabi)
out=$STAGE/android
module=$out/drmtoken
built=()
rm -f "$out/targets.txt"
for t in "${targets[@]}"; do
    abi=$(android_abi "$t")
    ensure_target "$t" || continue
    archive=$(build_checked "$t" "$STAGE/symbols/kotlin.txt" "${KOTLIN_SOURCES[@]}")
    copy_if_changed "$archive" "$out/staticlib/$abi/libdrmtoken.a"
    native_libs "$t" >"$out/staticlib/$abi/native-libs.txt"
    mkdir -p "$module/src/main/jniLibs/$abi"
    built+=("$t")
done
if [ ${#built[@]} -eq 0 ]; then
    echo "SKIPPED: Android: none of ${targets[*]} can be installed on this machine" >&2
    exit 0
fi
printf '%s\n' "${built[@]}" >"$out/targets.txt"
{ echo '{ global:'; sed 's/^/    /; s/$/;/' "$STAGE/symbols/kotlin.txt"; echo '  local: *; };'; } >"$out/exports.map"

# The bindings, generated in library mode from the first archive and compared with the committed ones.
gen=$STAGE/gen/kotlin
generate kotlin "$out/staticlib/$(android_abi "${built[0]}")/libdrmtoken.a" "$gen"
copy_if_changed "$gen/com/drmtoken/drmtoken.kt" "$module/src/main/kotlin/com/drmtoken/drmtoken.kt"
cat >"$gen/build.gradle.kts" <<'KTS'
// Staged by scripts/mobile/build-android.sh: the drmtoken Android library module (-> AAR).
// src/main/jniLibs/<abi>/libdrmtoken.so comes from `scripts/mobile/mac-or-ndk-only.sh android`.
plugins {
    id("com.android.library")
    kotlin("android")
}

android {
    namespace = "com.drmtoken"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
    }
}

dependencies {
    // The AAR flavour ships libjnidispatch.so per ABI; the generated bindings load libdrmtoken via JNA.
    implementation("net.java.dev.jna:jna:5.14.0@aar")
}
KTS
cat >"$gen/consumer-rules.pro" <<'PRO'
# JNA reflects on the generated UniffiLib interface and on its own classes: keep both from R8.
-keep class com.sun.jna.** { *; }
-keep class com.drmtoken.** { *; }
PRO
printf '<manifest />\n' >"$gen/AndroidManifest.xml"
copy_if_changed "$gen/build.gradle.kts" "$module/build.gradle.kts"
copy_if_changed "$gen/consumer-rules.pro" "$module/consumer-rules.pro"
copy_if_changed "$gen/AndroidManifest.xml" "$module/src/main/AndroidManifest.xml"

# The layout Gradle and the NDK step expect.
require_files "$out" targets.txt exports.map drmtoken/build.gradle.kts drmtoken/consumer-rules.pro \
    drmtoken/src/main/AndroidManifest.xml drmtoken/src/main/kotlin/com/drmtoken/drmtoken.kt
for t in "${built[@]}"; do
    abi=$(android_abi "$t")
    require_files "$out" "staticlib/$abi/libdrmtoken.a" "staticlib/$abi/native-libs.txt"
    [ -d "$module/src/main/jniLibs/$abi" ] || { say "missing $module/src/main/jniLibs/$abi/"; exit 1; }
done
grep -q '^package com.drmtoken' "$module/src/main/kotlin/com/drmtoken/drmtoken.kt"
# JNA loads the library by this name: jniLibs/<abi>/libdrmtoken.so.
grep -qF 'findLibraryName(componentName = "drmtoken")' "$module/src/main/kotlin/com/drmtoken/drmtoken.kt"
say "Android staged in $out (${built[*]}); the .so files: scripts/mobile/mac-or-ndk-only.sh android"
