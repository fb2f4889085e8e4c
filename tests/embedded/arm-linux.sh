#!/usr/bin/env bash
# ARM Linux (set-top boxes): the C test suite (tests/c/test_drmtoken.c, every shared vector and
# the API conventions) cross-compiled for armv7-unknown-linux-gnueabihf and
# aarch64-unknown-linux-gnu against the no_std libdrmtoken.a of that target (ffi/nostd), linked
# statically and run under qemu-user. Called by tests/embedded/check.sh, which installs the tools
# and builds the libraries first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
python3 tests/c/gen_vectors.py "$build/vectors.h"
cflags=(-std=c99 -O1 -Wall -Wextra -Wpedantic -Werror -I"$root/include" -I"$build")
run() {
    local triple=$1 cc=$2 qemu=$3
    local lib=$root/ffi/nostd/target/$triple/release/libdrmtoken.a
    echo "== C test suite on $triple (qemu-user: $qemu)" >&2
    "$cc" "${cflags[@]}" -static tests/c/test_drmtoken.c "$lib" -o "$build/test_$triple"
    "$qemu" "$build/test_$triple" >"$build/out_$triple"
    tail -n 1 "$build/out_$triple" >&2
}
run armv7-unknown-linux-gnueabihf arm-linux-gnueabihf-gcc qemu-arm
run aarch64-unknown-linux-gnu aarch64-linux-gnu-gcc qemu-aarch64
echo "ARM Linux C tests passed" >&2
