#!/usr/bin/env bash
# Swift consumer check (issue 21): the DrmTokenConsumer package here (Package.swift + an XCTest
# target) depends on the DrmToken package (bindings/swift) by path and imports only `DrmToken`.
# Both packages are copied outside the repository, next to the release libdrmtoken.so (the one the
# wheel and the jar carry), and `swift test` runs in the Swift chroot exactly as
# bindings/swift/run-tests.sh runs the package's own tests (tools/install/swift.sh + swift-run.sh).
# The copy lives at a fixed place outside the repo (one per checkout), so a second run only rebuilds
# what changed. Prints the build + test time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
eval "$(bash "$root/tools/install/swift.sh")"

# The release cdylib, the same cargo invocation as the wheel's and the jar's (shared build).
cargo rustc -q --release --manifest-path "$root/ffi/Cargo.toml" --lib --crate-type cdylib
lib=$CARGO_TARGET_DIR/release/libdrmtoken.so
[[ -f $lib ]] || { echo "no $lib after the release build" >&2; exit 1; }

work=${TMPDIR:-/tmp}/drmtoken-consumer-swift-$(printf %s "$root" | cksum | cut -d ' ' -f 1)
case $work/ in "$root"/*) echo "the consumer must live outside $root" >&2; exit 1 ;; esac
mkdir -p "$work/consumer" "$work/DrmToken" "$work/lib"
# Overwrite in place (cp -p keeps the inodes and copies the times): SwiftPM then sees unchanged
# files as unchanged. The sets of files are fixed, so nothing stale can stay behind.
cp -rp "$here/Package.swift" "$here/Tests" "$work/consumer/"
cp -rp "$root/bindings/swift/Package.swift" "$root/bindings/swift/Sources" "$root/bindings/swift/Tests" "$work/DrmToken/"
cp -p "$lib" "$work/lib/libdrmtoken.so"
log=$work/swift-test.log
cd "$work/consumer"
t0=$SECONDS
if ! LD_LIBRARY_PATH="$work/lib" DRMTOKEN_SWIFT_PACKAGE="$work/DrmToken" SWIFT_RUN_PASS_ENV="DRMTOKEN_SWIFT_PACKAGE" \
    bash "$root/tools/install/swift-run.sh" --bind "$work" -- \
    swift test -Xlinker -L"$work/lib" >"$log" 2>&1; then
    cat "$log" >&2
    echo "swift consumer: FAILED (log: $log)" >&2
    exit 1
fi
t_test=$((SECONDS - t0))
grep -q "Test Suite 'ConsumerTests' passed" "$log" || { cat "$log" >&2; echo "swift consumer: ConsumerTests did not run" >&2; exit 1; }
echo "swift consumer: $(grep -Eo 'Executed [0-9]+ tests?, with 0 failures' "$log" | tail -n 1) (DrmToken by path, outside the repo);" \
    "swift build + test ${t_test}s" >&2
