#!/usr/bin/env bash
# Builds the Swift package (generated module DrmToken + its XCTest target) with `swift test`
# against a fresh libdrmtoken.so and runs it on the shared vectors. Debian bookworm has no Swift:
# tools/install/swift.sh provides swiftlang 6 in a Debian trixie chroot (SPEC 7), cached under
# $DRMTOKEN_TOOLS, and tools/install/swift-run.sh runs a command in it with the repository
# mounted at its own path (and /proc), unmounting everything on every exit path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
eval "$(bash "$root/tools/install/swift.sh")"

cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-ffi --lib
# A copy of the package next to the library, so SwiftPM's .build stays out of the sources.
work=$target/swift-package
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/Package.swift" "$here/Sources" "$here/Tests" "$work/"
log=$target/swift-test.log
cd "$work"
if ! LD_LIBRARY_PATH="$target/debug" DRMTOKEN_VECTORS="$root/tests/vectors" SWIFT_RUN_PASS_ENV="DRMTOKEN_VECTORS" \
    bash "$root/tools/install/swift-run.sh" --bind "$target" -- \
    swift test -Xlinker -L"$target/debug" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
tail -n 3 "$log" >&2
echo "swift bindings: $(grep -Eo 'Executed [0-9]+ tests?, with 0 failures' "$log" | tail -n 1)" >&2
