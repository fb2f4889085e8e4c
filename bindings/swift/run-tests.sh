#!/usr/bin/env bash
# Builds the Swift package (generated module DrmToken + its XCTest target) with `swift test`
# against a fresh libdrmtoken.so and runs it on the shared vectors. Debian bookworm has no Swift:
# tools/install/swift.sh provides swiftlang 6 in a Debian trixie chroot (SPEC 7), cached under
# $DRMTOKEN_TOOLS; this script copies the package into the chroot, mounts /proc for the run and
# always unmounts it. Prints the test count.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
# shellcheck source=../../tools/install/lib.sh
source "$root/tools/install/lib.sh"
installer=$root/tools/install/swift.sh
[[ -f $installer ]] || { echo "missing $installer (tools branch)" >&2; exit 1; }
bash "$installer"
chroot_dir=${DRMTOKEN_SWIFT_CHROOT:-$DRMTOKEN_TOOLS/swift/trixie}
[[ -x $chroot_dir/usr/bin/swift ]] || { echo "no swift in $chroot_dir (set DRMTOKEN_SWIFT_CHROOT)" >&2; exit 1; }

cargo build -q --manifest-path "$root/Cargo.toml" -p drmtoken-ffi --lib
job=drmtoken-swift-$$
work=$chroot_dir/tmp/$job
cleanup() {
    as_root umount "$chroot_dir/proc" 2>/dev/null || true
    as_root rm -rf "$work"
}
trap cleanup EXIT
as_root mkdir -p "$work/lib" "$work/vectors"
as_root cp -r "$here/Package.swift" "$here/Sources" "$here/Tests" "$work/"
as_root cp "$target/debug/libdrmtoken.so" "$work/lib/"
as_root cp "$root"/tests/vectors/*.json "$work/vectors/"
as_root mount -t proc proc "$chroot_dir/proc"
as_root chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp LD_LIBRARY_PATH=/tmp/$job/lib \
    DRMTOKEN_VECTORS=/tmp/$job/vectors \
    sh -c "cd /tmp/$job && swift test -Xlinker -L/tmp/$job/lib 2>&1" >"$root/target/swift-test.log" || {
    cat "$root/target/swift-test.log" >&2
    exit 1
}
tail -n 3 "$root/target/swift-test.log"
echo "swift bindings: $(grep -Eo 'Executed [0-9]+ tests?, with 0 failures' "$root/target/swift-test.log" | tail -n 1)" >&2
