#!/usr/bin/env bash
# build-ios.sh [TRIPLE...]   (default: aarch64-apple-ios aarch64-apple-ios-sim)
# Everything for the iOS XCFramework that runs without a Mac, into target/mobile/ios/:
#   lib/<triple>/libdrmtoken.a   the uniffi library (drmtoken-ffi, release) per target, each checked to
#                                define every symbol the Swift bindings call (check-symbols.sh)
#   headers/                     drmtokenFFI.h + module.modulemap: the XCFramework's Headers
#   DrmToken/                    the Swift package: Package.swift with a `.binaryTarget` placeholder
#                                (DrmTokenFFI.xcframework, made by mac-or-ndk-only.sh ios) and
#                                Sources/DrmToken/DrmToken.swift generated from the device archive
#   targets.txt                  the targets built by this run
# A target rustup refuses prints `SKIPPED: ...` and is left out; with none left, exit 0.
# shellcheck source=scripts/mobile/lib.sh
. "$(dirname "$0")/lib.sh"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(aarch64-apple-ios aarch64-apple-ios-sim)
out=$STAGE/ios
built=()
rm -f "$out/targets.txt"
for t in "${targets[@]}"; do
    case $t in *-apple-ios*) ;; *) say "not an iOS target: $t"; exit 2 ;; esac
    ensure_target "$t" || continue
    archive=$(build_checked "$t" "$STAGE/symbols/swift.txt" "${SWIFT_SOURCES[@]}")
    copy_if_changed "$archive" "$out/lib/$t/libdrmtoken.a"
    built+=("$t")
done
if [ ${#built[@]} -eq 0 ]; then
    echo "SKIPPED: iOS: none of ${targets[*]} can be installed on this machine" >&2
    exit 0
fi
printf '%s\n' "${built[@]}" >"$out/targets.txt"

# The bindings, generated in library mode from the first archive and compared with the committed ones.
gen=$STAGE/gen/swift
generate swift "$out/lib/${built[0]}/libdrmtoken.a" "$gen"
copy_if_changed "$gen/drmtokenFFI.h" "$out/headers/drmtokenFFI.h"
# Same module map as bindings/swift (scripts/gen-bindings.sh adds the link line uniffi leaves out).
sed 's/^}$/    link "drmtoken"\n}/' "$gen/drmtokenFFI.modulemap" >"$gen/module.modulemap"
copy_if_changed "$gen/module.modulemap" "$out/headers/module.modulemap"
copy_if_changed "$gen/DrmToken.swift" "$out/DrmToken/Sources/DrmToken/DrmToken.swift"
cat >"$gen/Package.swift" <<'SWIFT'
// swift-tools-version:5.9
// Staged by scripts/mobile/build-ios.sh. DrmTokenFFI.xcframework (the C module `drmtokenFFI`:
// libdrmtoken.a per platform + drmtokenFFI.h + module.modulemap) is made on a Mac by
// `scripts/mobile/mac-or-ndk-only.sh ios`; until then this binary target is a placeholder.
import PackageDescription

let package = Package(
    name: "DrmToken",
    platforms: [.iOS(.v13)],
    products: [.library(name: "DrmToken", targets: ["DrmToken"])],
    targets: [
        .binaryTarget(name: "drmtokenFFI", path: "DrmTokenFFI.xcframework"),
        .target(name: "DrmToken", dependencies: ["drmtokenFFI"], path: "Sources/DrmToken"),
    ]
)
SWIFT
copy_if_changed "$gen/Package.swift" "$out/DrmToken/Package.swift"

# The layout the Mac step and SwiftPM expect.
require_files "$out" targets.txt headers/drmtokenFFI.h headers/module.modulemap \
    DrmToken/Package.swift DrmToken/Sources/DrmToken/DrmToken.swift
for t in "${built[@]}"; do require_files "$out" "lib/$t/libdrmtoken.a"; done
grep -q '\.binaryTarget(name: "drmtokenFFI", path: "DrmTokenFFI.xcframework")' "$out/DrmToken/Package.swift"
grep -q '^import drmtokenFFI$\|canImport(drmtokenFFI)' "$out/DrmToken/Sources/DrmToken/DrmToken.swift"
grep -q '^module drmtokenFFI {' "$out/headers/module.modulemap"
# The manifest must evaluate. Swift runs in the chroot the Swift binding tests install (the step
# before this one in test-all.sh); without it, say so rather than install 3 GB for this check.
if [ -f "$DRMTOKEN_TOOLS/swift-chroot/.drmtoken-swift-installed" ]; then
    manifest=$(bash tools/install/swift-run.sh swift package dump-package --package-path "$out/DrmToken")
    grep -q '"type" : "binary"' <<<"$manifest"
    say "staged Package.swift evaluates (swift package dump-package): binary target drmtokenFFI"
else
    say "staged Package.swift not evaluated: no Swift toolchain (tools/install/swift.sh) on this machine"
fi
say "iOS staged in $out (${built[*]}); the XCFramework itself: scripts/mobile/mac-or-ndk-only.sh ios"
