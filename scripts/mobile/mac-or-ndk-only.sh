#!/usr/bin/env bash
# mac-or-ndk-only.sh ios|android — THE one step that needs a Mac (Xcode) or the Android NDK. Refuses
# to run anywhere else. Everything before it (target builds, symbol checks, binding generation, the
# staged Swift package and AAR module under target/mobile/) is scripts/mobile/build-all.sh, which it
# runs first; scripts/mobile/check.sh runs the same for one target of each in scripts/test-all.sh.
#
#   ios      (macOS + Xcode)  xcodebuild -create-xcframework from the device and simulator archives
#                             -> target/mobile/ios/DrmToken/DrmTokenFFI.xcframework, which the staged
#                             Package.swift's `.binaryTarget` names.
#   android  (Android NDK: $ANDROID_NDK_HOME or $ANDROID_NDK_ROOT)  links each checked archive into
#                             target/mobile/android/drmtoken/src/main/jniLibs/<abi>/libdrmtoken.so
#                             with the NDK's clang (API 24), exporting only the symbols JNA looks up.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=${CARGO_TARGET_DIR:-$PWD/target}/mobile

refuse() {
    echo "mac-or-ndk-only.sh $1: refusing to run: $2" >&2
    echo "Everything that does not need it has run (or runs) here: bash scripts/mobile/build-all.sh" >&2
    exit 2
}

ios() {
    [ "$(uname -s)" = Darwin ] || refuse ios "needs macOS with Xcode (xcodebuild -create-xcframework); this is $(uname -s)"
    command -v xcodebuild >/dev/null || refuse ios "xcodebuild not found: install Xcode (not only the Command Line Tools)"
    bash scripts/mobile/build-ios.sh aarch64-apple-ios aarch64-apple-ios-sim
    local out=$stage/ios t args=()
    for t in aarch64-apple-ios aarch64-apple-ios-sim; do
        grep -qx "$t" "$out/targets.txt" || { echo "no $t archive (see SKIPPED above)" >&2; exit 1; }
        args+=(-library "$out/lib/$t/libdrmtoken.a" -headers "$out/headers")
    done
    rm -rf "$out/DrmToken/DrmTokenFFI.xcframework"
    xcodebuild -create-xcframework "${args[@]}" -output "$out/DrmToken/DrmTokenFFI.xcframework"
    echo "Swift package ready: $out/DrmToken (add it to an app, then: import DrmToken)" >&2
}

android() {
    local ndk=${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}} bin
    [ -n "$ndk" ] || refuse android "needs the Android NDK: set ANDROID_NDK_HOME (e.g. \$ANDROID_SDK_ROOT/ndk/<version>)"
    bin=$(echo "$ndk"/toolchains/llvm/prebuilt/*/bin)
    [ -x "$bin/clang" ] || refuse android "no NDK clang under $ndk/toolchains/llvm/prebuilt/*/bin"
    bash scripts/mobile/build-android.sh aarch64-linux-android armv7-linux-androideabi
    local out=$stage/android t abi clang_target
    while read -r t; do
        case $t in
            aarch64-linux-android) abi=arm64-v8a clang_target=aarch64-linux-android24 ;;
            armv7-linux-androideabi) abi=armeabi-v7a clang_target=armv7a-linux-androideabi24 ;;
            *) continue ;;
        esac
        # -u pulls the members defining the exports in; --gc-sections drops the rest (the C API too);
        # 16 KB pages, which Google Play requires for Android 15 devices.
        # shellcheck disable=SC2046 # one -u per symbol; the native libraries are separate words
        "$bin/clang" --target="$clang_target" -shared -o "$out/drmtoken/src/main/jniLibs/$abi/libdrmtoken.so" \
            -Wl,-soname,libdrmtoken.so -Wl,--gc-sections -Wl,--version-script="$out/exports.map" \
            -Wl,-z,max-page-size=16384 $(sed 's/^/-Wl,-u,/' "$stage/symbols/kotlin.txt") \
            "$out/staticlib/$abi/libdrmtoken.a" $(cat "$out/staticlib/$abi/native-libs.txt")
        "$bin/llvm-strip" --strip-unneeded "$out/drmtoken/src/main/jniLibs/$abi/libdrmtoken.so"
    done <"$out/targets.txt"
    echo "Android module ready: $out/drmtoken (include it in settings.gradle.kts, or ./gradlew :drmtoken:assembleRelease for the AAR)" >&2
}

case ${1:-} in
    ios) ios ;;
    android) android ;;
    *) echo "usage: $0 ios|android" >&2; exit 2 ;;
esac
